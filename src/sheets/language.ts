/**
 * One language per workbook: the cells KOC Ops wrote in one language, rewritten in the other
 * when Settings → Language changes. Only what KOC Ops itself writes is touched — the header of a
 * KOC Ops column (when it is that column's English or Chinese name exactly), the values picked
 * from its lists (statuses, types, channels, severities, tiers; History's field, from and to),
 * and texts it wrote itself (the Playbook's default actions, while nobody has edited them). The
 * team's own columns, free text (summaries, notes, reasons, edited actions) and anything typed
 * differently (an alias, a typo) stay as they are. Pure.
 */
import { type EnumValue, type Lang, label, normalizeHeader, type SheetDef, sheetDef, STAGES, TIERS } from './schema';

/** History's Field names the Echelon column that changed: Tier or Stage, in the workbook's language. */
const HISTORY_FIELDS: readonly EnumValue[] = sheetDef('echelon').columns.filter((c) => c.key === 'tier' || c.key === 'stage');

/** Values KOC Ops picks from for a column: the schema's list, and History's field/from/to. */
function valuesOf(def: SheetDef, key: string): readonly EnumValue[] | undefined {
  if (def.key === 'history') {
    if (key === 'field') return HISTORY_FIELDS;
    if (key === 'from' || key === 'to') return [...TIERS, ...STAGES];
  }
  return def.columns.find((c) => c.key === key)?.values;
}

/** A list's English and Chinese labels, exactly as KOC Ops writes them → the value. */
function byLabel(values: readonly EnumValue[]): Map<string, EnumValue> {
  const map = new Map<string, EnumValue>();
  for (const v of values) for (const name of [v.en, v.zh]) if (!map.has(name)) map.set(name, v);
  return map;
}

/** A column to rewrite: its 0-based index and every cell from the header down, as it should read. */
export interface ConvertedColumn {
  index: number;
  values: unknown[];
}

/**
 * The columns of a table (header row first) that read differently in `lang`: one entry per column
 * with at least one cell to change. Cells that need no change keep their value.
 */
export function convertTable(
  def: SheetDef,
  values: readonly (readonly unknown[])[],
  lang: Lang,
  rowsToo: boolean,
  /** Texts KOC Ops wrote in a column (the Playbook's default actions): rewritten where a cell is exactly one. */
  texts: Partial<Record<string, readonly { en: string; zh: string }[]>> = {},
): ConvertedColumn[] {
  const header = values[0] ?? [];
  const out: ConvertedColumn[] = [];
  for (let c = 0; c < header.length; c++) {
    const text = normalizeHeader(header[c]);
    const col = text ? def.columns.find((x) => normalizeHeader(x.en) === text || normalizeHeader(x.zh) === text) : undefined;
    if (!col) continue;
    const wanted = label(col, lang);
    const fixed = rowsToo ? texts[col.key] : undefined;
    const list = rowsToo ? valuesOf(def, col.key) : undefined;
    // A column named in this language with no labels to check stays as it is; one with labels is
    // copied only once a cell needs rewriting, as the logs' columns run to 10^5 rows on every recompute.
    if (header[c] === wanted && !fixed && !list) continue;
    let column: unknown[] | undefined;
    const at = (r: number) => (column ? column[r] : (values[r][c] ?? ''));
    const write = (r: number, v: unknown) => {
      if (!column) column = values.map((row) => row[c] ?? '');
      column[r] = v;
    };
    if (header[c] !== wanted) write(0, wanted);
    if (fixed) {
      const byText = new Map<string, { en: string; zh: string }>();
      for (const x of fixed) for (const text of [x.en, x.zh]) byText.set(text, x);
      for (let r = 1; r < values.length; r++) {
        const cell = at(r);
        const x = typeof cell === 'string' ? byText.get(cell.trim()) : undefined;
        if (x && cell !== x[lang]) write(r, x[lang]);
      }
    }
    if (list) {
      const labels = byLabel(list);
      for (let r = 1; r < values.length; r++) {
        const cell = at(r);
        if (typeof cell !== 'string' || cell === '') continue;
        // Only a label as KOC Ops wrote it (spaces around it aside) is rewritten: an exact lookup,
        // no normalizing, as this runs over every row of the logs on every recompute.
        const trimmed = cell.trim();
        const v = labels.get(trimmed);
        if (v && trimmed !== v[lang]) write(r, v[lang]);
      }
    }
    if (column) out.push({ index: c, values: column });
  }
  return out;
}

/** Whether a header row holds a KOC Ops column's name in the other language: the workbook's language changed. */
export function headerInOtherLanguage(def: SheetDef, header: readonly unknown[], lang: Lang): boolean {
  return convertTable(def, [header], lang, false).length > 0;
}

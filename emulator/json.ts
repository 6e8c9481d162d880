/** The saved-workbook format (WorkbookJSON): writing it from the model and loading it back with validation. */
import { type LayoutJSON, layoutJSON } from './layout';
import { cellA1, parseA1, quoteSheetName, rangeA1, splitSheetName } from './a1';
import type { Grid } from './grid';
import { isDateValue } from './format';
import { type Cell, NUMBER_FORMAT, type ProtectionModel, type Region, type SheetModel, STYLE_ATTRS, VALIDATION, type ValidationRule, WorkbookModel } from './model';
import type { EmuState, TriggerModel } from './state';

/** A cell: text, number, boolean, empty ('' or null), or a date as {"$date": ISO-8601}. */
export type CellJSON = string | number | boolean | null | { $date: string };

export interface ValidationJSON {
  /** A1 range on this sheet, e.g. "C2:C1000". */
  range: string;
  criteria: string;
  /** Criteria arguments; dates as {"$date"}, a range (VALUE_IN_RANGE) as {"$range": "'Sheet'!A1:A9"}. */
  args: unknown[];
  allowInvalid?: boolean;
  helpText?: string;
}

export interface ProtectionJSON {
  type: 'SHEET' | 'RANGE';
  /** A1 range on this sheet; RANGE only. */
  range?: string;
  description?: string;
  warningOnly?: boolean;
  editors?: string[];
  /** SHEET only: ranges left editable. */
  unprotected?: string[];
}

export interface ChartJSON {
  type: string;
  ranges: string[];
  position: [number, number, number, number];
  options: Record<string, unknown>;
}

export interface SheetJSON {
  name: string;
  id?: number;
  maxRows?: number;
  maxColumns?: number;
  /** Rows of cells from A1; rows may be ragged or short. */
  values: CellJSON[][];
  /** A1 cell → formula ("=…"). */
  formulas?: Record<string, string>;
  /** A1 cell or range → number format. */
  numberFormats?: Record<string, string>;
  notes?: Record<string, string>;
  /** Style attribute (FontWeight, Background, FontColor, HorizontalAlignment, …) → A1 cell or range → value. */
  styles?: Record<string, Record<string, string | number | boolean>>;
  validations?: ValidationJSON[];
  protections?: ProtectionJSON[];
  frozenRows?: number;
  frozenColumns?: number;
  hidden?: boolean;
  tabColor?: string | null;
  /** Column letter → width in pixels. */
  columnWidths?: Record<string, number>;
  charts?: ChartJSON[];
  /** Merged ranges (A1) and the filter: layout.ts. */
  merges?: LayoutJSON['merges'];
  filter?: LayoutJSON['filter'];
}

/** A trigger as saved: the model's fields, with id and user optional in a hand-written file. */
export type TriggerJSON = Omit<TriggerModel, 'id' | 'user'> & { id?: string; user?: string };

export interface WorkbookJSON {
  version?: 1;
  id?: string;
  name?: string;
  timeZone?: string;
  locale?: string;
  activeSheet?: string;
  sheets: SheetJSON[];
  /** Name → sheet-qualified A1, e.g. "'KOC名册'!A1:AH1". */
  namedRanges?: Record<string, string>;
  properties?: { script?: Record<string, string>; user?: Record<string, Record<string, string>>; document?: Record<string, string> };
  triggers?: TriggerJSON[];
}

// ---------------------------------------------------------------- writing

function cellToJSON(v: Cell | undefined): CellJSON {
  if (v === undefined) return '';
  if (isDateValue(v)) return { $date: v.toISOString() };
  return v;
}

function argToJSON(wb: WorkbookModel, a: unknown, criteria: string, i: number): unknown {
  if (isDateValue(a)) return { $date: a.toISOString() };
  if (criteria === 'VALUE_IN_RANGE' && i === 0) return { $range: regionA1(wb, a as Region) };
  return a;
}

function regionA1(wb: WorkbookModel, r: Region): string {
  const s = wb.sheetById(r.sheetId);
  return `${quoteSheetName(s?.name ?? '#REF')}!${rangeA1(r.row, r.col, r.numRows, r.numCols)}`;
}

/** A key equal for equal attribute values (text, numbers, booleans; objects by their JSON). */
const valueKey = (v: unknown): string => (typeof v === 'object' && v !== null ? `o${JSON.stringify(v)}` : `${typeof v}:${String(v)}`);

/** Cells of a grid as A1 ranges of equal values: vertical runs, then side-by-side runs merged. */
function runs(grid: Grid<unknown>, keyOf: (v: unknown) => string = valueKey): { a1: string; value: unknown }[] {
  const byCol: { r0: number; r1: number; key: string; value: unknown }[][] = [];
  grid.forEach((r, c, v) => {
    if (!byCol[c]) byCol[c] = [];
    const list = byCol[c];
    const last = list[list.length - 1];
    // The same value as the cell above (most of a formatted column) extends its run without a key.
    if (last && last.r1 === r - 1 && (last.value === v || last.key === keyOf(v))) last.r1 = r;
    else list.push({ r0: r, r1: r, key: keyOf(v), value: v });
  });
  const all: { c0: number; c1: number; r0: number; r1: number; key: string; value: unknown }[] = [];
  byCol.forEach((list, c) => {
    for (const x of list) all.push({ c0: c, c1: c, ...x });
  });
  all.sort((a, b) => a.r0 - b.r0 || a.r1 - b.r1 || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.c0 - b.c0);
  const merged: typeof all = [];
  for (const x of all) {
    const last = merged[merged.length - 1];
    if (last && last.r0 === x.r0 && last.r1 === x.r1 && last.key === x.key && last.c1 === x.c0 - 1) last.c1 = x.c0;
    else merged.push({ ...x });
  }
  return merged.map((x) => ({ a1: rangeA1(x.r0, x.c0, x.r1 - x.r0 + 1, x.c1 - x.c0 + 1), value: x.value }));
}

function sheetToJSON(wb: WorkbookModel, s: SheetModel): SheetJSON {
  const lastRow = s.values.lastRow((v) => v !== undefined && v !== '');
  const values: CellJSON[][] = [];
  for (let i = 0; i < lastRow; i++) {
    const src = s.values.rows[i] ?? [];
    let end = src.length;
    while (end > 0 && (src[end - 1] === undefined || src[end - 1] === '')) end--;
    const row: CellJSON[] = new Array(end);
    for (let j = 0; j < end; j++) row[j] = cellToJSON(src[j]);
    values.push(row);
  }
  const out: SheetJSON = { name: s.name, id: s.id, maxRows: s.maxRows, maxColumns: s.maxCols, values };
  const formulas: Record<string, string> = {};
  s.formulas.forEach((r, c, f) => {
    formulas[cellA1(r, c)] = f;
  });
  if (Object.keys(formulas).length) out.formulas = formulas;
  const attrMap = (name: string) => {
    const g = s.attrs.get(name);
    if (!g || g.isEmpty()) return undefined;
    return Object.fromEntries(runs(g).map((x) => [x.a1, x.value])) as Record<string, string | number | boolean>;
  };
  const nf = attrMap(NUMBER_FORMAT);
  if (nf) out.numberFormats = nf as Record<string, string>;
  const notes = attrMap('Note');
  if (notes) out.notes = notes as Record<string, string>;
  const styles: Record<string, Record<string, string | number | boolean>> = {};
  for (const name of Object.keys(STYLE_ATTRS)) {
    if (name === 'Note') continue;
    const m = attrMap(name);
    if (m) styles[name] = m;
  }
  if (Object.keys(styles).length) out.styles = styles;
  const vg = s.attrs.get(VALIDATION);
  if (vg && !vg.isEmpty()) {
    const ids = new Map<unknown, string>();
    out.validations = runs(vg, (v) => {
      // Same rule object → same key, cheap even for 50k-row columns.
      let k = ids.get(v);
      if (!k) {
        k = JSON.stringify(ruleJSON(wb, v as ValidationRule));
        ids.set(v, k);
      }
      return k;
    }).map((x) => ({ range: x.a1, ...ruleJSON(wb, x.value as ValidationRule) }));
  }
  const prots = wb.protections.filter((p) => p.region.sheetId === s.id);
  if (prots.length) {
    out.protections = prots.map((p) => ({
      type: p.type,
      ...(p.type === 'RANGE' ? { range: rangeA1(p.region.row, p.region.col, p.region.numRows, p.region.numCols) } : {}),
      description: p.description,
      warningOnly: p.warningOnly,
      editors: [...p.editors],
      ...(p.unprotected.length ? { unprotected: p.unprotected.map((u) => rangeA1(u.row, u.col, u.numRows, u.numCols)) } : {}),
    }));
  }
  if (s.frozenRows) out.frozenRows = s.frozenRows;
  if (s.frozenCols) out.frozenColumns = s.frozenCols;
  Object.assign(out, layoutJSON(s));
  if (s.hidden) out.hidden = true;
  if (s.tabColor) out.tabColor = s.tabColor;
  if (s.columnWidths.size) {
    out.columnWidths = Object.fromEntries([...s.columnWidths].map(([c, w]) => [cellA1(1, c).replace(/\d+$/, ''), w]));
  }
  if (s.charts.length) {
    out.charts = s.charts.map((c) => ({ type: c.type, ranges: c.ranges.map((r) => regionA1(wb, r)), position: [...c.position], options: { ...c.options } }));
  }
  return out;
}

function ruleJSON(wb: WorkbookModel, r: ValidationRule): Omit<ValidationJSON, 'range'> {
  return {
    criteria: r.criteria,
    args: r.args.map((a, i) => argToJSON(wb, a, r.criteria, i)),
    allowInvalid: r.allowInvalid,
    ...(r.helpText ? { helpText: r.helpText } : {}),
  };
}

export function workbookToJSON(st: EmuState): WorkbookJSON {
  const wb = st.wb;
  const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  return {
    version: 1,
    id: wb.id,
    name: wb.name,
    timeZone: wb.timeZone,
    locale: wb.locale,
    activeSheet: wb.sheetById(wb.activeSheetId)?.name,
    sheets: wb.sheets.map((s) => sheetToJSON(wb, s)),
    namedRanges: Object.fromEntries([...wb.namedRanges].map(([n, r]) => [n, regionA1(wb, r)])),
    properties: clone(st.properties),
    triggers: st.triggers.map((t) => ({ ...t })),
  };
}

// ---------------------------------------------------------------- loading

class JsonError extends Error {}

function bad(path: string, what: string): never {
  throw new JsonError(`Invalid workbook JSON at ${path}: ${what}`);
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object';
  return `${typeof x} ${JSON.stringify(x)}`;
}

function stringMap(x: unknown, path: string): Record<string, string> {
  if (x === undefined) return {};
  if (!isObj(x)) bad(path, `expected an object of strings, got ${describe(x)}`);
  for (const [k, v] of Object.entries(x)) if (typeof v !== 'string') bad(`${path}.${k}`, `expected a string, got ${describe(v)}`);
  return { ...(x as Record<string, string>) };
}

function optInt(x: unknown, path: string, min: number): number | undefined {
  if (x === undefined) return undefined;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) bad(path, `expected an integer ≥ ${min}, got ${describe(x)}`);
  return x;
}

function parseDateJSON(x: Record<string, unknown>, path: string): Date {
  if (typeof x.$date !== 'string' || Object.keys(x).length !== 1) bad(path, 'an object cell must be {"$date": "ISO-8601 date"}');
  const d = new Date(x.$date as string);
  if (Number.isNaN(d.getTime())) bad(path, `"${x.$date}" is not a valid ISO-8601 date`);
  return d;
}

function regionOn(s: SheetModel, a1: unknown, path: string): Region {
  if (typeof a1 !== 'string') bad(path, `expected an A1 range string, got ${describe(a1)}`);
  const p = parseA1(a1);
  if (!p) bad(path, `"${a1}" is not A1 notation`);
  const row = p.row ?? 1;
  const col = p.col ?? 1;
  const endRow = p.endRow ?? s.maxRows;
  const endCol = p.endCol ?? s.maxCols;
  if (endRow > s.maxRows || endCol > s.maxCols) bad(path, `"${a1}" is outside the sheet (${s.maxRows} rows × ${s.maxCols} columns)`);
  return { sheetId: s.id, row, col, numRows: endRow - row + 1, numCols: endCol - col + 1 };
}

function qualifiedRegion(wb: WorkbookModel, ref: unknown, path: string): Region {
  if (typeof ref !== 'string') bad(path, `expected a sheet-qualified range like "'Sheet1'!A1:B2", got ${describe(ref)}`);
  const { sheet, range } = splitSheetName(ref);
  if (sheet === undefined) bad(path, `"${ref}" must name its sheet, e.g. "'Sheet1'!A1:B2"`);
  const s = wb.sheetByName(sheet);
  if (!s) bad(path, `no sheet named "${sheet}"`);
  return regionOn(s, range, path);
}

function loadArg(wb: WorkbookModel, a: unknown, path: string): unknown {
  if (isObj(a) && '$date' in a) return parseDateJSON(a, path);
  if (isObj(a) && '$range' in a) return qualifiedRegion(wb, a.$range, `${path}.$range`);
  return a;
}

const TRIGGER_KINDS = ['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_CHANGE', 'ON_FORM_SUBMIT'];

/** Builds a model from JSON; throws a JsonError naming the first thing that is wrong. Leaves `st` untouched. */
export function parseWorkbook(
  input: unknown,
  defaults: { id: string; name: string; timeZone: string; locale: string; user: string },
): { wb: WorkbookModel; properties: EmuState['properties']; triggers: TriggerModel[] } {
  let json = input;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (e) {
      bad('$', `not JSON (${(e as Error).message})`);
    }
  }
  if (!isObj(json)) bad('$', `expected an object, got ${describe(json)}`);
  if (json.version !== undefined && json.version !== 1) bad('$.version', `unsupported version ${describe(json.version)} (expected 1)`);
  for (const k of ['id', 'name', 'timeZone', 'locale', 'activeSheet'] as const) {
    if (json[k] !== undefined && typeof json[k] !== 'string') bad(`$.${k}`, `expected a string, got ${describe(json[k])}`);
  }
  const wb = new WorkbookModel(
    (json.id as string | undefined) ?? defaults.id,
    (json.name as string | undefined) ?? defaults.name,
    (json.timeZone as string | undefined) ?? defaults.timeZone,
    (json.locale as string | undefined) ?? defaults.locale,
  );
  if (!Array.isArray(json.sheets)) bad('$.sheets', `expected an array of sheets, got ${describe(json.sheets)}`);
  if (json.sheets.length === 0) bad('$.sheets', 'a workbook needs at least one sheet');
  const sheetJson = json.sheets as unknown[];
  // Pass 1: sheets and cells (validations and named ranges may refer to any sheet).
  sheetJson.forEach((sj, si) => {
    const path = `$.sheets[${si}]`;
    if (!isObj(sj)) bad(path, `expected a sheet object, got ${describe(sj)}`);
    if (typeof sj.name !== 'string' || sj.name.trim() === '') bad(`${path}.name`, `expected a non-empty sheet name, got ${describe(sj.name)}`);
    if (wb.sheetByName(sj.name)) bad(`${path}.name`, `duplicate sheet name "${sj.name}"`);
    const id = optInt(sj.id, `${path}.id`, 0);
    if (id !== undefined && wb.sheetById(id)) bad(`${path}.id`, `duplicate sheet id ${id}`);
    if (!Array.isArray(sj.values)) bad(`${path}.values`, `expected an array of rows, got ${describe(sj.values)}`);
    const s = wb.addSheet(sj.name, undefined, id);
    const rows = sj.values as unknown[];
    let width = 0;
    rows.forEach((row, i) => {
      if (!Array.isArray(row)) bad(`${path}.values[${i}]`, `expected an array of cells, got ${describe(row)}`);
      width = Math.max(width, row.length);
      const dest: (Cell | undefined)[] = new Array(row.length);
      // The cell's path only when it is needed: a workbook has 10^5 cells and few dates or errors.
      const at = (j: number) => `${path}.values[${i}][${j}]`;
      row.forEach((v, j) => {
        if (v === null || v === '') dest[j] = undefined;
        else if (typeof v === 'string' || typeof v === 'boolean') dest[j] = v;
        else if (typeof v === 'number') {
          if (!Number.isFinite(v)) bad(at(j), `numbers must be finite, got ${v}`);
          dest[j] = v;
        } else if (isObj(v)) dest[j] = parseDateJSON(v, at(j));
        else bad(at(j), `expected text, number, boolean, null or {"$date"}, got ${describe(v)}`);
      });
      if (row.length) s.values.rows[i] = dest;
    });
    s.maxRows = optInt(sj.maxRows, `${path}.maxRows`, 1) ?? Math.max(1000, rows.length);
    s.maxCols = optInt(sj.maxColumns, `${path}.maxColumns`, 1) ?? Math.max(26, width);
    if (rows.length > s.maxRows) bad(`${path}.maxRows`, `${s.maxRows} is less than the ${rows.length} rows of values`);
    if (width > s.maxCols) bad(`${path}.maxColumns`, `${s.maxCols} is less than the ${width} columns of values`);
  });
  sheetJson.forEach((raw, si) => {
    const sj = raw as Record<string, unknown>;
    const path = `$.sheets[${si}]`;
    const s = wb.sheets[si];
    for (const [a1, f] of Object.entries(stringMap(sj.formulas, `${path}.formulas`))) {
      const r = regionOn(s, a1, `${path}.formulas["${a1}"]`);
      if (!f.startsWith('=')) bad(`${path}.formulas["${a1}"]`, 'a formula must start with "="');
      s.formulas.set(r.row, r.col, f);
      s.values.set(r.row, r.col, undefined);
    }
    const fillAttr = (name: string, map: Record<string, unknown>, p: string) => {
      for (const [a1, v] of Object.entries(map)) {
        const r = regionOn(s, a1, `${p}["${a1}"]`);
        const g = s.attr(name);
        g.writeRows(r.row, r.numRows, (row) => {
          for (let j = 0; j < r.numCols; j++) row[r.col - 1 + j] = v;
        });
      }
    };
    fillAttr(NUMBER_FORMAT, stringMap(sj.numberFormats, `${path}.numberFormats`), `${path}.numberFormats`);
    fillAttr('Note', stringMap(sj.notes, `${path}.notes`), `${path}.notes`);
    if (sj.styles !== undefined) {
      if (!isObj(sj.styles)) bad(`${path}.styles`, `expected an object, got ${describe(sj.styles)}`);
      for (const [name, map] of Object.entries(sj.styles)) {
        if (!(name in STYLE_ATTRS) || name === 'Note') bad(`${path}.styles.${name}`, `unknown style; known: ${Object.keys(STYLE_ATTRS).join(', ')}`);
        if (!isObj(map)) bad(`${path}.styles.${name}`, `expected an object of A1 → value, got ${describe(map)}`);
        fillAttr(name, map, `${path}.styles.${name}`);
      }
    }
    if (sj.validations !== undefined) {
      if (!Array.isArray(sj.validations)) bad(`${path}.validations`, `expected an array, got ${describe(sj.validations)}`);
      sj.validations.forEach((v: unknown, i: number) => {
        const p = `${path}.validations[${i}]`;
        if (!isObj(v)) bad(p, `expected an object, got ${describe(v)}`);
        if (typeof v.criteria !== 'string') bad(`${p}.criteria`, `expected a criteria name, got ${describe(v.criteria)}`);
        if (!Array.isArray(v.args)) bad(`${p}.args`, `expected an array, got ${describe(v.args)}`);
        const r = regionOn(s, v.range, `${p}.range`);
        const rule: ValidationRule = {
          criteria: v.criteria,
          args: v.args.map((a: unknown, k: number) => loadArg(wb, a, `${p}.args[${k}]`)),
          allowInvalid: v.allowInvalid === undefined ? true : Boolean(v.allowInvalid),
          helpText: typeof v.helpText === 'string' ? v.helpText : '',
        };
        s.attr(VALIDATION).writeRows(r.row, r.numRows, (row) => {
          for (let j = 0; j < r.numCols; j++) row[r.col - 1 + j] = rule;
        });
      });
    }
    if (sj.protections !== undefined) {
      if (!Array.isArray(sj.protections)) bad(`${path}.protections`, `expected an array, got ${describe(sj.protections)}`);
      sj.protections.forEach((pj: unknown, i: number) => {
        const p = `${path}.protections[${i}]`;
        if (!isObj(pj)) bad(p, `expected an object, got ${describe(pj)}`);
        if (pj.type !== 'SHEET' && pj.type !== 'RANGE') bad(`${p}.type`, `expected "SHEET" or "RANGE", got ${describe(pj.type)}`);
        if (pj.editors !== undefined && (!Array.isArray(pj.editors) || pj.editors.some((e) => typeof e !== 'string'))) bad(`${p}.editors`, 'expected an array of emails');
        const region = pj.type === 'RANGE' ? regionOn(s, pj.range, `${p}.range`) : { sheetId: s.id, row: 1, col: 1, numRows: s.maxRows, numCols: s.maxCols };
        const prot: ProtectionModel = {
          id: wb.nextId++,
          type: pj.type,
          region,
          description: typeof pj.description === 'string' ? pj.description : '',
          warningOnly: Boolean(pj.warningOnly),
          editors: new Set((pj.editors as string[] | undefined) ?? []),
          unprotected: Array.isArray(pj.unprotected) ? pj.unprotected.map((u: unknown, k: number) => regionOn(s, u, `${p}.unprotected[${k}]`)) : [],
        };
        wb.protections.push(prot);
      });
    }
    s.frozenRows = optInt(sj.frozenRows, `${path}.frozenRows`, 0) ?? 0;
    s.frozenCols = optInt(sj.frozenColumns, `${path}.frozenColumns`, 0) ?? 0;
    if (Array.isArray(sj.merges)) s.merges = sj.merges.map((a1: unknown, k: number) => regionOn(s, a1, `${path}.merges[${k}]`));
    if (isObj(sj.filter)) {
      const f = sj.filter as NonNullable<LayoutJSON['filter']>;
      s.filter = { region: regionOn(s, f.range, `${path}.filter.range`), criteria: new Map(), hidden: new Set(f.hiddenRows ?? []) };
      for (const [letters, c] of Object.entries(f.criteria ?? {})) s.filter.criteria.set(parseA1(`${letters}1`)!.col!, { ...c });
    }
    s.hidden = Boolean(sj.hidden);
    if (sj.tabColor !== undefined && sj.tabColor !== null && typeof sj.tabColor !== 'string') bad(`${path}.tabColor`, `expected a color string, got ${describe(sj.tabColor)}`);
    s.tabColor = (sj.tabColor as string | null | undefined) ?? null;
    if (sj.columnWidths !== undefined) {
      if (!isObj(sj.columnWidths)) bad(`${path}.columnWidths`, `expected an object, got ${describe(sj.columnWidths)}`);
      for (const [letters, w] of Object.entries(sj.columnWidths)) {
        const r = parseA1(`${letters}1`);
        if (!r || typeof w !== 'number') bad(`${path}.columnWidths.${letters}`, 'expected column letters → a number of pixels');
        s.columnWidths.set(r.col!, w);
      }
    }
    if (sj.charts !== undefined) {
      if (!Array.isArray(sj.charts)) bad(`${path}.charts`, `expected an array, got ${describe(sj.charts)}`);
      sj.charts.forEach((cj: unknown, i: number) => {
        const p = `${path}.charts[${i}]`;
        if (!isObj(cj) || typeof cj.type !== 'string' || !Array.isArray(cj.ranges)) bad(p, 'expected {type, ranges, position, options}');
        s.charts.push({
          id: wb.nextId++,
          type: cj.type,
          ranges: cj.ranges.map((r: unknown, k: number) => qualifiedRegion(wb, r, `${p}.ranges[${k}]`)),
          position: Array.isArray(cj.position) && cj.position.length === 4 ? (cj.position as [number, number, number, number]) : [1, 1, 0, 0],
          options: isObj(cj.options) ? { ...cj.options } : {},
        });
      });
    }
  });
  if (!wb.sheets.some((s) => !s.hidden)) bad('$.sheets', 'at least one sheet must be visible');
  for (const [name, ref] of Object.entries(stringMap(json.namedRanges, '$.namedRanges'))) {
    wb.namedRanges.set(name, qualifiedRegion(wb, ref, `$.namedRanges.${name}`));
  }
  if (json.activeSheet !== undefined) {
    const s = wb.sheetByName(json.activeSheet as string);
    if (!s) bad('$.activeSheet', `no sheet named "${json.activeSheet}"`);
    wb.activeSheetId = s.id;
  } else wb.activeSheetId = wb.sheets[0].id;

  const props = json.properties;
  if (props !== undefined && !isObj(props)) bad('$.properties', `expected an object, got ${describe(props)}`);
  const user: Record<string, Record<string, string>> = {};
  if (props?.user !== undefined) {
    if (!isObj(props.user)) bad('$.properties.user', `expected an object of user email → properties, got ${describe(props.user)}`);
    for (const [email, m] of Object.entries(props.user)) user[email] = stringMap(m, `$.properties.user["${email}"]`);
  }
  const properties = {
    script: stringMap(props?.script, '$.properties.script'),
    user,
    document: stringMap(props?.document, '$.properties.document'),
  };

  const triggers: TriggerModel[] = [];
  if (json.triggers !== undefined) {
    if (!Array.isArray(json.triggers)) bad('$.triggers', `expected an array, got ${describe(json.triggers)}`);
    json.triggers.forEach((t: unknown, i: number) => {
      const p = `$.triggers[${i}]`;
      if (!isObj(t)) bad(p, `expected an object, got ${describe(t)}`);
      if (typeof t.handler !== 'string' || !t.handler) bad(`${p}.handler`, `expected a function name, got ${describe(t.handler)}`);
      if (!TRIGGER_KINDS.includes(t.kind as string)) bad(`${p}.kind`, `expected one of ${TRIGGER_KINDS.join(', ')}, got ${describe(t.kind)}`);
      for (const k of ['everyMinutes', 'everyHours', 'everyDays', 'everyWeeks', 'atHour', 'nearMinute']) optInt(t[k], `${p}.${k}`, 0);
      triggers.push({ ...(t as unknown as TriggerModel), id: typeof t.id === 'string' ? t.id : String(1000 + i), user: typeof t.user === 'string' ? t.user : defaults.user });
    });
  }
  wb.version++;
  return { wb, properties, triggers };
}

export { JsonError };

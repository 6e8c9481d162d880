/**
 * A roster row (KOCs sheet) as a typed KOC record, with a short problem text for every cell that
 * cannot be read (`Followers: "abc" is not a number`). The custom functions, the recompute and
 * the sidebar all read KOC rows through here, so they agree on what a cell means. Pure.
 */
import { readDate } from './dates';
import { cellText, quote, readNumber, trimmedText } from './numbers';
import type { KocStatusKey, SourceKey, StageKey, TierKey } from '../sheets/schema';
import { t } from './text';
import type { HeaderMap } from '../sheets/headers';
import { type ColumnKey, columnLabel, type ColumnType, type EnumValue, enumValue, type Lang, sheetDef } from '../sheets/schema';

export type KocStatus = KocStatusKey;
export type KocSource = SourceKey;
export type { StageKey, TierKey };

export interface KocRecord {
  id: string;
  name: string;
  /** Enum keys (xiaohongshu, douyin, …), whatever language the cell was in. */
  platform: string | undefined;
  source: KocSource | undefined;
  channel: string | undefined;
  owner: string;
  joined: Date | undefined;
  categories: string[];
  formats: string[];
  styles: string[];
  audiences: string[];
  followers: number | undefined;
  posts30d: number | undefined;
  /** Averages per post. */
  likes: number | undefined;
  collects: number | undefined;
  comments: number | undefined;
  shares: number | undefined;
  leads30d: number | undefined;
  orders30d: number | undefined;
  gmv30d: number | undefined;
  lastPost: Date | undefined;
  lastContact: Date | undefined;
  /** Ops ratings, 1–5. */
  quality: number | undefined;
  professionalism: number | undefined;
  creativity: number | undefined;
  brandFit: number | undefined;
  willingness: number | undefined;
  communication: number | undefined;
  monthlyCost: number | undefined;
  status: KocStatus | undefined;
  tierOverride: TierKey | undefined;
  notes: string;
}

export type KocField = keyof KocRecord;
// A record has one field per roster column, named by the schema's key: a column added to one and
// not the other fails the typecheck here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const KOC_FIELDS_ARE_ROSTER_COLUMNS: Same<KocField, ColumnKey<'kocs'>> = true;

/** A record with nothing known: every field present, so all records share one shape. */
export function emptyKoc(): KocRecord {
  return {
    id: '',
    name: '',
    platform: undefined,
    source: undefined,
    channel: undefined,
    owner: '',
    joined: undefined,
    categories: [],
    formats: [],
    styles: [],
    audiences: [],
    followers: undefined,
    posts30d: undefined,
    likes: undefined,
    collects: undefined,
    comments: undefined,
    shares: undefined,
    leads30d: undefined,
    orders30d: undefined,
    gmv30d: undefined,
    lastPost: undefined,
    lastContact: undefined,
    quality: undefined,
    professionalism: undefined,
    creativity: undefined,
    brandFit: undefined,
    willingness: undefined,
    communication: undefined,
    monthlyCost: undefined,
    status: undefined,
    tierOverride: undefined,
    notes: '',
  };
}

/** One column the reader fills: where it is, how to read it and what to call it in a message. */
export interface ReaderColumn {
  key: KocField;
  type: ColumnType;
  index: number;
  label: string;
  values: readonly EnumValue[] | undefined;
}

export interface KocReader {
  columns: readonly ReaderColumn[];
  /** The language of the problem texts, chosen once per reader. */
  lang: Lang;
}

export const KOCS = sheetDef('kocs');

/**
 * What to say when the roster has no KOC ID column (renamed or deleted): without it no row is a
 * KOC, so the recompute and the sidebar stop rather than report every row.
 */
export function noKocIdColumnMessage(lang: Lang): string {
  return t('noIdColumn', lang, { sheet: KOCS[lang], column: columnLabel(KOCS, 'id', lang), other: columnLabel(KOCS, 'id', lang === 'zh' ? 'en' : 'zh') });
}

/**
 * Compile a header map into a row reader, once per call or run. `only` limits it to the fields a
 * caller needs (KOC_SCORE reads no tags); `header` (the header row as typed) names columns in
 * messages the way the team wrote them; `lang` is the language of the problem texts.
 */
export function kocReader(map: HeaderMap, opts: { only?: readonly KocField[]; header?: readonly unknown[]; lang?: Lang } = {}): KocReader {
  const lang = opts.lang ?? 'en';
  const columns: ReaderColumn[] = [];
  for (const col of KOCS.columns) {
    const index = map.index[col.key];
    if (index === undefined) continue;
    if (opts.only && !opts.only.includes(col.key as KocField)) continue;
    const typed = opts.header ? trimmedText(opts.header[index]) : '';
    columns.push({ key: col.key as KocField, type: col.type, index, label: typed || col[lang], values: col.values });
  }
  // Problems are listed in the order the columns stand in the sheet.
  columns.sort((a, b) => a.index - b.index);
  return { columns, lang };
}

/** Is every cell of the row blank ('' as Sheets passes an empty cell)? */
export function isBlankRow(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v !== '' && v !== null && v !== undefined) return false;
  }
  return true;
}

/**
 * Read one roster row. Cells that cannot be read are left unknown and described in `problems`.
 * Pass `into` and `problems` to reuse them across rows (both are reset here).
 */
export function readKocRow(
  reader: KocReader,
  row: readonly unknown[],
  into: KocRecord = emptyKoc(),
  problems: string[] = [],
): { koc: KocRecord; problems: string[] } {
  if (problems.length) problems.length = 0; // setting length is a call even when it is 0 already
  const koc = into as unknown as Record<string, unknown>;
  const cols = reader.columns;
  const lang = reader.lang;
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c];
    const raw = row[col.index];
    switch (col.type) {
      case 'count':
      case 'money':
      case 'number':
      case 'rate': {
        const n = readNumber(raw);
        if (n === undefined || n >= 0) koc[col.key] = n;
        else {
          problems.push(t(Number.isNaN(n) ? 'cellNotNumber' : 'cellNegative', lang, { column: col.label, value: quote(raw, lang) }));
          koc[col.key] = undefined;
        }
        break;
      }
      case 'rating': {
        const n = readNumber(raw);
        const ok = n === undefined || (n >= 1 && n <= 5);
        if (!ok) problems.push(t('cellNotRating', lang, { column: col.label, value: quote(raw, lang) }));
        koc[col.key] = ok ? n : undefined;
        break;
      }
      case 'date': {
        const d = readDate(raw);
        if (d === null) problems.push(t('cellNotDate', lang, { column: col.label, value: quote(raw, lang) }));
        koc[col.key] = d ?? undefined;
        break;
      }
      case 'enum': {
        const value = raw === '' || raw === null || raw === undefined ? undefined : enumKey(col.values!, raw);
        if (value === null)
          problems.push(t('cellNotOneOf', lang, { column: col.label, value: quote(raw, lang), list: col.values!.map((v) => v[lang]).join(t('listJoin', lang)) }));
        koc[col.key] = value ?? undefined;
        break;
      }
      case 'tags':
        koc[col.key] = splitTags(raw);
        break;
      default:
        koc[col.key] = trimmedText(raw);
    }
  }
  return { koc: into, problems };
}

const readerCache = new WeakMap<HeaderMap, KocReader>();

/** Read one roster row with every column the header map has. */
export function parseKocRow(row: readonly unknown[], map: HeaderMap, header?: readonly unknown[]): { koc: KocRecord; problems: string[] } {
  let reader = header ? undefined : readerCache.get(map);
  if (!reader) {
    reader = kocReader(map, { header });
    if (!header) readerCache.set(map, reader);
  }
  return readKocRow(reader, row);
}

// Read once: in a vm context (the emulator, tests, bench) every global lookup is a slow read of
// the global object, and splitTags runs for every roster row.
const ArrayCtor = Array;

/** Tags: comma-separated with , ， 、 ; or ；, trimmed, blanks dropped. */
export function splitTags(value: unknown): string[] {
  if (value === '' || value === null || value === undefined) return [];
  // No regex split and no intermediate arrays: this runs for every roster row. The array is sized
  // up front (one tag more than separators at most): one grown by push keeps room for 16 tags,
  // and the recompute keeps every KOC's categories for the whole run.
  const s = cellText(value);
  let most = 1;
  for (let i = 0; i < s.length; i++) if (isTagSeparator(s.charCodeAt(i))) most++;
  const out = new ArrayCtor<string>(most);
  let n = 0;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && !isTagSeparator(s.charCodeAt(i))) continue;
    const tag = s.slice(start, i).trim();
    if (tag) out[n++] = tag;
    start = i + 1;
  }
  if (n < most) out.length = n;
  return out;
}

/** , ， 、 ; ； or a line break. */
function isTagSeparator(c: number): boolean {
  return c === 44 || c === 0xff0c || c === 0x3001 || c === 59 || c === 0xff1b || c === 10;
}

const enumCache = new WeakMap<readonly EnumValue[], Map<string, EnumValue | null>>();
let lastEnum: readonly EnumValue[] | undefined;
let lastEnumMemo: Map<string, EnumValue | null> | undefined;

/**
 * The key of an enum value named in any language or alias; `null` when the text names none.
 * Memoized per enum by the raw text, since a column repeats a handful of values many times.
 */
export function enumKey<K extends string>(values: readonly EnumValue<K>[], raw: unknown): K | null {
  // The last enum's memo is checked before the WeakMap: a loop over one column (Assignments'
  // Status, 10^5 rows) asks about one enum again and again.
  let memo = values === lastEnum ? lastEnumMemo : enumCache.get(values);
  if (!memo) {
    memo = new Map();
    enumCache.set(values, memo);
  }
  lastEnum = values;
  lastEnumMemo = memo;
  const text = cellText(raw);
  let hit = memo.get(text);
  if (hit === undefined) {
    hit = enumValue(values, text) ?? null;
    if (memo.size > 500) memo.clear(); // free text in an enum column must not grow this forever
    memo.set(text, hit);
  }
  return hit ? (hit.key as K) : null;
}

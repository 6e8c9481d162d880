/**
 * Finding columns by header: a header row in any order and language, with the team's own extra
 * columns, mapped to the schema's column keys. Pure: no Apps Script globals.
 */
import { type ColumnDef, columnNames, type Lang, normalizeHeader, type SheetDef } from './schema';

export interface HeaderMap<K extends string = string> {
  /** Column key → 0-based index in the header row; a column the header lacks has none. */
  index: Partial<Record<K, number>>;
  /** Headers that match no schema column (the team's own columns): kept, never written. */
  extra: { index: number; header: string }[];
  /** Schema columns a header row lacks. */
  missing: ColumnDef[];
  /** Schema columns matched by more than one header: the first wins; the others are reported. */
  duplicates: { column: ColumnDef; indexes: number[] }[];
}

const lookupCache = new WeakMap<SheetDef, Map<string, ColumnDef>>();

/** Normalized name → column, for one sheet. Built once per sheet definition. */
function lookup(def: SheetDef): Map<string, ColumnDef> {
  let map = lookupCache.get(def);
  if (!map) {
    map = new Map();
    // English and Chinese names first, so an alias never shadows another column's real name.
    for (const col of def.columns) for (const name of [col.en, col.zh].map(normalizeHeader)) if (!map.has(name)) map.set(name, col);
    for (const col of def.columns) for (const name of columnNames(col)) if (!map.has(name)) map.set(name, col);
    lookupCache.set(def, map);
  }
  return map;
}

export function findColumn(def: SheetDef, header: unknown): ColumnDef | undefined {
  const n = normalizeHeader(header);
  return n ? lookup(def).get(n) : undefined;
}

export function mapHeaders<K extends string>(def: SheetDef & { columns: readonly ColumnDef<K>[] }, headerRow: readonly unknown[]): HeaderMap<K> {
  const index: Partial<Record<K, number>> = {};
  const extra: HeaderMap['extra'] = [];
  const seen = new Map<K, number[]>();
  headerRow.forEach((header, i) => {
    const col = findColumn(def, header);
    if (!col) {
      if (String(header ?? '').trim() !== '') extra.push({ index: i, header: String(header) });
      return;
    }
    const key = col.key as K;
    const at = seen.get(key);
    if (at) at.push(i);
    else {
      seen.set(key, [i]);
      index[key] = i;
    }
  });
  const duplicates = def.columns
    .filter((col) => (seen.get(col.key as K)?.length ?? 0) > 1)
    .map((column) => ({ column, indexes: seen.get(column.key as K) ?? [] }));
  const missing = def.columns.filter((col) => index[col.key as K] === undefined);
  return { index, extra, missing, duplicates };
}

/** The columns a header row holds of the schema's, as [key, 0-based index] in header order. */
export function mappedColumns<K extends string>(map: HeaderMap<K>): [K, number][] {
  return (Object.entries(map.index) as [K, number][]).sort((a, b) => a[1] - b[1]);
}

/** 0-based indexes of the schema's columns in a header row (KOC Ops' own columns), in header order. */
export function ownedIndexes(map: HeaderMap): number[] {
  return mappedColumns(map).map(([, i]) => i);
}

/** 1-based column letter(s) for messages: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The language a header row is written in: the one more of its headers use; ties go to `fallback`. */
export function headerLang(def: SheetDef, header: readonly unknown[], fallback: Lang): Lang {
  let names = headerNames.get(def);
  if (!names) {
    names = { en: new Set(def.columns.map((c) => normalizeHeader(c.en))), zh: new Set(def.columns.map((c) => normalizeHeader(c.zh))) };
    headerNames.set(def, names);
  }
  let en = 0;
  let zh = 0;
  for (const cell of header) {
    const n = normalizeHeader(cell);
    if (!n) continue;
    if (names.en.has(n)) en++;
    if (names.zh.has(n)) zh++;
  }
  return en === zh ? fallback : en > zh ? 'en' : 'zh';
}

/** A sheet's English and Chinese column names, normalized, once per definition. */
const headerNames = new WeakMap<SheetDef, { en: Set<string>; zh: Set<string> }>();

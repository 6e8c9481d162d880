/**
 * The roster as a database table, `kocs`: one column per roster column, named as the snake_case
 * of its English header (KOC ID → koc_id, Posts 30d → posts_30d). Counts, money, rates and
 * ratings are DOUBLE (parsed numbers: 12000, not '1.2万'), Joined / Last post / Last contact are
 * DATE, everything else text; NULL for a blank cell.
 *
 * The first step of every query reads those columns the way the add-on reads a roster row
 * (record.ts): a negative count or a rating outside 1–5 is no data, and Status or Tier override
 * may be written in English, Chinese or by an alias ('Active', '合作中', ' active ') and is read as
 * its key. Rows without a KOC ID are left out. Pure.
 */
import { type Dialect, identifierSql, regexpReplaceAllSql, stringSql } from './sql';
import type { KocField } from './record';
import type { ValueType } from './expr';
import { type ColumnDef, type ColumnType, normalizeHeader, sheetDef } from '../sheets/schema';

export type SqlColumnType = 'DOUBLE' | 'DATE' | 'TEXT';

export interface TableColumn {
  /** The column's name in the table. */
  name: string;
  /** The roster field it holds. */
  field: KocField;
  sqlType: SqlColumnType;
  /** Its type in the expression language. */
  type: ValueType;
  def: ColumnDef;
}

const NUMBER_TYPES: readonly ColumnType[] = ['count', 'money', 'rate', 'rating', 'number'];

/** 'Posts 30d' → posts_30d, 'KOC ID' → koc_id. */
export function snakeName(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Every roster column as a table column, in the roster's order. */
export const KOCS_TABLE: readonly TableColumn[] = sheetDef('kocs').columns.map((def) => {
  const sqlType: SqlColumnType = NUMBER_TYPES.includes(def.type) ? 'DOUBLE' : def.type === 'date' ? 'DATE' : 'TEXT';
  return { name: snakeName(def.en), field: def.key as KocField, sqlType, type: sqlType === 'DOUBLE' ? 'number' : sqlType === 'DATE' ? 'date' : 'text', def };
});

export function tableColumn(field: KocField): TableColumn {
  const c = KOCS_TABLE.find((t) => t.field === field);
  if (!c) throw new Error(`no roster column ${field}`);
  return c;
}

/** The column types in each dialect, for CREATE TABLE or a load schema. */
export function sqlTypeName(t: SqlColumnType, dialect: Dialect): string {
  if (t === 'TEXT') return dialect === 'bigquery' ? 'STRING' : 'VARCHAR';
  if (t === 'DOUBLE') return dialect === 'bigquery' ? 'FLOAT64' : 'DOUBLE';
  return 'DATE';
}

// Full-width digits and letters and the ASCII they stand for ('Ａｃｔｉｖｅ' typed on a Chinese
// keyboard reads as 'Active'). Full-width punctuation needs no mapping: it is removed either way.
const FULL_WIDTH_RANGES: readonly [number, number][] = [
  [0xff10, 0x30],
  [0xff21, 0x41],
  [0xff41, 0x61],
];
const FULL_WIDTH = FULL_WIDTH_RANGES.map(([from]) => Array.from({ length: from === 0xff10 ? 10 : 26 }, (_, i) => String.fromCharCode(from + i)).join('')).join('');
const HALF_WIDTH = FULL_WIDTH_RANGES.map(([from, to]) => Array.from({ length: from === 0xff10 ? 10 : 26 }, (_, i) => String.fromCharCode(to + i)).join('')).join('');

/**
 * Text compared the way headers and enum values are (normalizeHeader in schema.ts): full-width to
 * ASCII, lower case, no spaces, punctuation or symbols. RE2's \s is ASCII only, so the other
 * spaces JavaScript's \s covers are named.
 */
export function normalizedTextSql(x: string, dialect: Dialect): string {
  const translated = `TRANSLATE(${x}, ${stringSql(FULL_WIDTH, dialect)}, ${stringSql(HALF_WIDTH, dialect)})`;
  return `LOWER(${regexpReplaceAllSql(translated, '[\\s\\x{0B}\\x{FEFF}\\p{Z}\\p{P}\\p{S}]', '', dialect)})`;
}

/** How the first step reads a column: the SQL giving the value the add-on would read from that cell. */
export function readColumnSql(c: TableColumn, dialect: Dialect): string {
  const x = identifierSql(c.name);
  switch (c.def.type) {
    case 'count':
    case 'money':
    case 'rate':
    case 'number':
      return `CASE WHEN ${x} >= 0 THEN ${x} END`;
    case 'rating':
      return `CASE WHEN ${x} >= 1 AND ${x} <= 5 THEN ${x} END`;
    case 'enum': {
      // The names as written (and in lower or upper case) are matched as they are, which is what
      // nearly every cell holds; only the rest is normalized, a regular expression per cell. An
      // exact name gets the key its normalized form gets below, so both paths agree.
      const values = c.def.values!;
      const keyOf = (text: string) => values.find((v) => [v.key, v.en, v.zh, ...(v.aliases ?? [])].some((n) => normalizeHeader(n) === normalizeHeader(text)))!.key;
      const exact = new Map<string, string>();
      for (const v of values)
        for (const name of [v.key, v.en, v.zh, ...(v.aliases ?? [])])
          for (const text of [name, name.toLowerCase(), name.toUpperCase()]) if (!exact.has(text)) exact.set(text, keyOf(text));
      // A simple CASE: the cell is normalized once. The first value naming it wins, as in enumKey.
      const seen = new Set<string>();
      const whens: string[] = [];
      for (const v of values)
        for (const name of [v.key, v.en, v.zh, ...(v.aliases ?? [])].map(normalizeHeader)) {
          if (seen.has(name) || name === '') continue;
          seen.add(name);
          whens.push(`WHEN ${stringSql(name, dialect)} THEN ${stringSql(v.key, dialect)}`);
        }
      const fast = [...exact].map(([text, key]) => `WHEN ${stringSql(text, dialect)} THEN ${stringSql(key, dialect)}`);
      return `CASE ${x} ${fast.join(' ')} ELSE CASE ${normalizedTextSql(x, dialect)} ${whens.join(' ')} END END`;
    }
    default:
      return x;
  }
}

/** The table name as the dialect quotes it: DuckDB "a"."b", BigQuery `project.dataset.table`. */
export function tableSql(table: string, dialect: Dialect): string {
  const parts = table.split('.');
  if (parts.length > 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw new Error(`not a table name: ${table}`);
  return dialect === 'bigquery' ? `\`${table}\`` : parts.map((p) => `"${p}"`).join('.');
}

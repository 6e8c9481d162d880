/**
 * Header-mapped tables over Apps Script sheets. Reading a table is one getValues; appending is
 * one setValues; the team's own columns are read back as they are and never written.
 */
import { columnLetter, type HeaderMap, mapHeaders } from './headers';
import { type ColumnDef, type Lang, normalizeHeader, type SheetDef, type SheetKey, SHEETS, sheetDef, sheetNames } from './schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface Table {
  def: SheetDef;
  sheet: Sheet;
  /** The header row as it is in the sheet. */
  header: unknown[];
  map: HeaderMap;
  /** Data rows (header excluded), each as wide as the header row. */
  rows: unknown[][];
}

/** A sheet is found by its English or Chinese name (or an alias), ignoring case and punctuation. */
export function findSheet(sheets: readonly Sheet[], key: SheetKey): Sheet | null {
  return matchSheet(sheets.map((s) => normalizeHeader(s.getName())), sheets, key);
}

function matchSheet(normalizedNames: readonly string[], sheets: readonly Sheet[], key: SheetKey): Sheet | null {
  const names = sheetNames(sheetDef(key));
  const i = normalizedNames.findIndex((n) => names.includes(n));
  return i < 0 ? null : sheets[i];
}

/** Every sheet of the schema, found with one getSheets and one getName per sheet. */
export function findSheets(ss: Spreadsheet): Partial<Record<SheetKey, Sheet>> {
  const sheets = ss.getSheets();
  const normalizedNames = sheets.map((s) => normalizeHeader(s.getName()));
  const found: Partial<Record<SheetKey, Sheet>> = {};
  for (const def of SHEETS) {
    const sheet = matchSheet(normalizedNames, sheets, def.key);
    if (sheet) found[def.key] = sheet;
  }
  return found;
}

/** Read a whole table in one getValues. Trailing blank rows are dropped. */
export function readTable(sheet: Sheet, key: SheetKey): Table {
  const def = sheetDef(key);
  const values = sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  let end = values.length;
  while (end > 1 && isBlankRow(values[end - 1])) end--;
  return { def, sheet, header, map: mapHeaders(def, header), rows: values.slice(1, end) };
}

export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  if (!row) return true;
  for (const v of row) if (v !== '' && v !== null && v !== undefined) return false;
  return true;
}

/** A cell of a data row by column key; '' when the sheet lacks the column. */
export function cellOf(table: Pick<Table, 'map'>, row: readonly unknown[], key: string): unknown {
  const i = table.map.index[key];
  return i === undefined ? '' : row[i];
}

// Text that Sheets would turn into something else when written: a formula (= + - @), a number
// (007, 1e5), percent, currency, date, time or boolean — or a leading apostrophe it would swallow.
const CONVERTED_TEXT = /^(?:[=+\-@']|\s*[$¥€£]?\s*[\d.,]+\s*%?\s*$|\s*\d+(?:\.\d+)?e[-+]?\d+\s*$|\s*(?:true|false)\s*$|\s*\d{1,4}[-/.年]\d{1,2}|\s*\d{1,2}:\d{2})/i;

/**
 * A value as it must be written so the sheet holds exactly that value. Such text gets a leading
 * apostrophe, which Sheets stores as plain text: a hostile value never runs IMPORTXML, and an ID
 * "007" or a note "31%" stays the text it was.
 */
export function safeCell(value: unknown): unknown {
  if (typeof value === 'string') return value === '' || startsAsText(value.charCodeAt(0)) || !CONVERTED_TEXT.test(value) ? value : `'${value}`;
  return value === undefined || value === null ? '' : value;
}

/**
 * A first character CONVERTED_TEXT can never match — a letter other than t and f, or a CJK
 * ideograph — so the text is written as it is without running the pattern. Most text a run
 * writes (names, labels, next actions) starts so.
 */
function startsAsText(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  const lower = c | 0x20; // ASCII letters to lower case (other characters fail the range test below or are ruled out)
  return c < 128 && lower >= 97 && lower <= 122 && lower !== 116 && lower !== 102;
}

/** A full-width row for the sheet from a record keyed by column key; other columns stay ''. */
export function rowFromRecord(table: Pick<Table, 'map' | 'header'>, record: Record<string, unknown>): unknown[] {
  const row: unknown[] = new Array(table.header.length).fill('');
  for (const [key, value] of Object.entries(record)) {
    const i = table.map.index[key];
    if (i !== undefined) row[i] = safeCell(value);
  }
  return row;
}

/** Append records below the last row in one setValues. Returns the 1-based first row written. */
export function appendRecords(table: Table, records: Record<string, unknown>[]): number {
  if (records.length === 0) return 0;
  requireColumns(table, Object.keys(records[0]));
  const rows = records.map((r) => rowFromRecord(table, r));
  const first = table.rows.length + 2;
  table.sheet.getRange(first, 1, rows.length, table.header.length).setValues(rows);
  table.rows.push(...rows);
  return first;
}

/**
 * Write changed cells of one data row (0-based index into table.rows) in one setValues over the
 * span of changed columns. The cells in between — the team's own columns among them — are
 * written back as they are: formulas as formulas (read with one getFormulas), text as text.
 */
export function updateRecord(table: Table, rowIndex: number, changes: Record<string, unknown>): void {
  requireColumns(table, Object.keys(changes));
  const row = table.rows[rowIndex];
  const changed = new Map(Object.entries(changes).map(([key, value]) => [table.map.index[key], value]));
  const lo = Math.min(...changed.keys());
  const hi = Math.max(...changed.keys());
  const range = table.sheet.getRange(rowIndex + 2, lo + 1, 1, hi - lo + 1);
  const formulas = changed.size < hi - lo + 1 ? range.getFormulas()[0] : [];
  const out: unknown[] = [];
  for (let c = lo; c <= hi; c++) {
    if (changed.has(c)) row[c] = changed.get(c) ?? '';
    out.push(formulas[c - lo] || safeCell(row[c]));
  }
  range.setValues([out]);
}

export class MissingColumnsError extends Error {
  constructor(
    readonly def: SheetDef,
    readonly columns: ColumnDef[],
  ) {
    super(`Sheet "${def.en}" has no column ${columns.map((c) => `"${c.en}" (${c.zh})`).join(', ')}. Run KOC Ops → Set up workbook to add it.`);
  }
}

/** Refuse with MissingColumnsError (naming them) when the sheet lacks any of these columns. */
export function requireColumns(table: Pick<Table, 'def' | 'map'>, keys: string[]): void {
  const missing = keys.filter((k) => table.map.index[k] === undefined);
  if (missing.length) throw new MissingColumnsError(table.def, table.def.columns.filter((c) => missing.includes(c.key)));
}

/** Human-readable problems with a table's header row (duplicates), for messages. */
export function headerProblems(table: Pick<Table, 'def' | 'map'>, lang: Lang = 'en'): string[] {
  return table.map.duplicates.map(({ column, indexes }) => {
    const cols = indexes.map(columnLetter).join(', ');
    return lang === 'zh'
      ? `“${table.def.zh}”的“${column.zh}”列重复（${cols} 列），使用第一个`
      : `${table.def.en}: column "${column.en}" appears more than once (columns ${cols}); the first is used`;
  });
}

/**
 * Header-mapped tables over Apps Script sheets. Reading a table is one getValues; appending and
 * updating write only cells of KOC Ops' own columns, through the write layer (writes.ts); the
 * team's own columns are read back as they are and never written.
 */
import { safeCell } from './cells';
import { columnLetter, type HeaderMap, mappedColumns, mapHeaders, ownedIndexes } from './headers';
import { type ColumnDef, type ColumnKey, type Lang, normalizeHeader, type SheetDef, type SheetKey, SHEETS, sheetDef, sheetNames } from './schema';
import { liftFilter, refuseMerges } from './sheet-layout';
import { columnRuns, transaction, type Writes } from './writes';
import { parseSettings } from '../core/settings';

export { safeCell };

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface Table<S extends SheetKey = SheetKey> {
  def: SheetDef;
  sheet: Sheet;
  /** The header row as it is in the sheet. */
  header: unknown[];
  map: HeaderMap<ColumnKey<S>>;
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
export function readTable<S extends SheetKey>(sheet: Sheet, key: S): Table<S> {
  const def = sheetDef(key);
  const values = sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  let end = values.length;
  while (end > 1 && isBlankRow(values[end - 1])) end--;
  return { def, sheet, header, map: mapHeaders(def, header), rows: values.slice(1, end) };
}

/**
 * The Settings sheet's rows read as settings: the Setting and Value columns by their headers (the
 * first two columns when the team renamed both), parsed by the one Settings parser. Every reader
 * of the sheet (recompute, sidebar, setup, schedule, the BigQuery dialog) goes through here;
 * formulas parse the KOC_SETTINGS range they are given with the same parser. No sheet: defaults.
 */
export function settingsFromTable(
  table: Pick<Table, 'map' | 'rows'> | undefined,
  autoLang: Parameters<typeof parseSettings>[1] = 'en',
): ReturnType<typeof parseSettings> {
  const setting = table?.map.index.setting ?? 0;
  const value = table?.map.index.value ?? 1;
  return parseSettings(table ? table.rows.map((r) => [r[setting], r[value]]) : [], autoLang);
}

export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  if (!row) return true;
  for (const v of row) if (v !== '' && v !== null && v !== undefined) return false;
  return true;
}

/** A cell of a data row by column key; '' when the sheet lacks the column. */
export function cellOf<S extends SheetKey>(table: Pick<Table<S>, 'map'>, row: readonly unknown[], key: ColumnKey<S>): unknown {
  const i = table.map.index[key];
  return i === undefined ? '' : row[i];
}

/** A full-width row for the sheet from a record keyed by column key; other columns stay ''. */
export function rowFromRecord<S extends SheetKey>(table: Pick<Table<S>, 'map' | 'header'>, record: Partial<Record<ColumnKey<S>, unknown>>): unknown[] {
  const row: unknown[] = new Array(table.header.length).fill('');
  for (const [key, value] of Object.entries(record) as [ColumnKey<S>, unknown][]) {
    const i = table.map.index[key];
    if (i !== undefined) row[i] = safeCell(value);
  }
  return row;
}

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

/** 0-based index of the last data row with something in one of KOC Ops' own columns; -1 when none. */
function lastOwnedRow(table: Pick<Table, 'map' | 'rows'>): number {
  const owned = ownedIndexes(table.map);
  for (let r = table.rows.length - 1; r >= 0; r--) {
    const row = table.rows[r];
    for (const c of owned) if (!isBlank(row[c])) return r;
  }
  return -1;
}

/**
 * Append records below the last row holding anything in KOC Ops' own columns (a team column's
 * formulas filled down below the data do not push it further). Only cells of our own columns that
 * the records give a value are written, one setValues per contiguous run of such columns — a
 * fixed number of calls whatever the number of records; the team's columns are never written.
 * The grid grows first when it is too short. When a step fails, the steps before it are put back
 * (WriteFailed). Returns the 1-based first row written.
 */
export function appendRecords<S extends SheetKey>(table: Table<S>, records: Partial<Record<ColumnKey<S>, unknown>>[], into?: Writes): number {
  if (records.length === 0) return 0;
  requireColumns(table, Object.keys(records[0]) as ColumnKey<S>[]);
  const columns: number[] = [];
  for (const [key, at] of mappedColumns(table.map)) if (records.some((r) => !isBlank(r[key]))) columns.push(at);
  const keyAt = new Map(mappedColumns(table.map).map(([key, at]) => [at, key]));
  const first = lastOwnedRow(table) + 3;
  const runs = columnRuns(columns);
  const write = (w: Writes) => {
    w.ensureSize(table.sheet, first + records.length - 1);
    // Merged cells there would lose values: refused before any cell is written (the grid grown is put back).
    refuseMerges(table.sheet, runs.map((run) => ({ row: first, column: run.start + 1, rows: records.length, columns: run.count })));
    // Under a filter, the new rows join the filtered table (see sheet-layout.ts).
    const putBackFilter = liftFilter(w, table.sheet);
    // Our cells there are blank; one holding a formula (ours, filled down) is put back on undo.
    const span = runs.length > 1 || into ? formulasOf(table.sheet, first, runs, records.length) : undefined;
    for (const run of runs) {
      const values = records.map((rec) => Array.from({ length: run.count }, (_, j) => {
        const key = keyAt.get(run.start + j);
        return key === undefined ? undefined : rec[key];
      }));
      w.setValues(table.sheet, first, run.start + 1, values, span && (() => span.slice(run)));
    }
    putBackFilter?.(first + records.length - 1);
  };
  if (into) write(into);
  else transaction(write);
  // The table as the sheet now holds it (a team column's cells in those rows stay as read).
  records.forEach((rec, i) => {
    const at = first - 2 + i;
    const row = rowFromRecord(table, rec);
    const existing = table.rows[at];
    if (existing) for (const c of columns) existing[c] = row[c];
    else table.rows[at] = row;
  });
  return first;
}

/** The formulas over the span of `runs` (one getFormulas), to put back exactly what a cell held. */
function formulasOf(sheet: Sheet, row: number, runs: { start: number; count: number }[], rows: number): { slice(run: { start: number; count: number }): unknown[][] } {
  const lo = runs[0].start;
  const hi = runs[runs.length - 1].start + runs[runs.length - 1].count - 1;
  const formulas = sheet.getRange(row, lo + 1, rows, hi - lo + 1).getFormulas();
  return { slice: (run) => formulas.map((r) => r.slice(run.start - lo, run.start - lo + run.count).map((f) => f || '')) };
}

/**
 * Write the changed cells of one data row (0-based index into table.rows): a cell whose value is
 * already the new one is not written; the others, one setValues per contiguous run. A formula in
 * a changed cell of our column gives way to the value asked for (the user's explicit edit wins).
 * The cells around them, the team's columns among them, are not written at all. Returns the keys
 * written.
 */
export function updateRecord<S extends SheetKey>(table: Table<S>, rowIndex: number, changes: Partial<Record<ColumnKey<S>, unknown>>, into?: Writes): ColumnKey<S>[] {
  const keys = Object.keys(changes) as ColumnKey<S>[];
  const columns = requireColumns(table, keys);
  const row = table.rows[rowIndex];
  const changed = keys.map((key, i) => ({ key, column: columns[i], value: changes[key] })).filter((c) => !sameValue(row[c.column], c.value));
  if (changed.length === 0) return [];
  const at = new Map(changed.map((c) => [c.column, c.value]));
  const runs = columnRuns([...at.keys()]);
  const sheetRow = rowIndex + 2;
  const write = (w: Writes) => {
    refuseMerges(table.sheet, runs.map((run) => ({ row: sheetRow, column: run.start + 1, rows: 1, columns: run.count })));
    // Put back exactly what was there (a formula as a formula) if a later run fails.
    const span = runs.length > 1 || into ? formulasOf(table.sheet, sheetRow, runs, 1) : undefined;
    for (const run of runs) {
      const cells = Array.from({ length: run.count }, (_, j) => run.start + j);
      const before = () => {
        const formulas = span?.slice(run)[0] ?? [];
        return [cells.map((c, j) => (formulas[j] as string) || safeCell(row[c]))];
      };
      w.setValues(table.sheet, sheetRow, run.start + 1, [cells.map((c) => at.get(c))], before);
    }
  };
  // The row as it was, for the undo (read before it is changed below).
  const old = row.slice();
  if (into) write(into);
  else
    transaction((w) => {
      try {
        write(w);
      } catch (e) {
        for (let c = 0; c < old.length; c++) row[c] = old[c];
        throw e;
      }
    });
  for (const [c, value] of at) row[c] = value ?? '';
  return changed.map((c) => c.key);
}

/** Whether a cell already holds `value` (dates by their time, numbers and text as they are). */
function sameValue(cell: unknown, value: unknown): boolean {
  if (isBlank(cell) && isBlank(value)) return true;
  const time = (v: unknown) => (Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : undefined);
  const a = time(cell);
  const b = time(value);
  if (a !== undefined || b !== undefined) return a === b;
  return cell === value;
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
export function requireColumns<S extends SheetKey>(table: Pick<Table<S>, 'def' | 'map'>, keys: readonly ColumnKey<S>[]): number[] {
  const at = keys.map((k) => table.map.index[k]);
  const missing = keys.filter((_, i) => at[i] === undefined);
  if (missing.length) throw new MissingColumnsError(table.def, table.def.columns.filter((c) => (missing as readonly string[]).includes(c.key)));
  return at as number[];
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

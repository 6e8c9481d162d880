/**
 * Importing a team's own roster (CSV or a table pasted from another sheet) into KOCs. The CSV's
 * headers are matched by the sheets schema (English, Chinese or an alias, in any order); every
 * cell is checked with the value model's readers and problems are reported, but nothing is
 * dropped: a bad cell is imported as the text it was (recompute then flags that row), and
 * unmatched columns can be kept as the team's own columns. Pure: the session writes the result.
 */
import { dayNumber, readDay } from '../src/core/dates';
import { quote, readNumber } from '../src/core/numbers';
import { mapHeaders, ownedIndexes } from '../src/sheets/headers';
import { type ColumnDef, type ColumnKey, enumValue, label, sheetDef } from '../src/sheets/schema';
import { type CellInput, parseImported } from './cells';
import { parseTable } from './csv';
import { type Lang, pt } from './text';

export interface BadCell {
  /** 1-based line of the CSV record (header is line 1). */
  line: number;
  column: string;
  value: string;
  problem: string;
}

export interface ImportReport {
  rows: number;
  matched: { header: string; column: string }[];
  unmatched: string[];
  duplicateColumns: string[];
  badCells: BadCell[];
  /** KOC IDs that appear more than once in the CSV. */
  duplicateIds: string[];
  warnings: string[];
  /** Set when nothing can be imported (no header row, no KOC ID column). */
  error?: string;
}

export interface ImportOptions {
  /** 'merge': rows whose KOC ID exists are updated, others appended. 'replace': the CSV becomes the roster. */
  mode: 'merge' | 'replace';
  /** Add unmatched CSV columns to KOCs as the team's own columns (never written by KOC Ops). */
  keepUnmatched: boolean;
}

/** One cell the import writes (1-based sheet row and column). */
export interface CellWrite {
  row: number;
  column: number;
  value: CellInput;
}

export interface ImportResult {
  /** The KOCs header row after the import (columns may be added at the end). */
  header: unknown[];
  /**
   * The cells to write, and only those: header cells of added columns, the imported cells that
   * change, blanks over rows a replace leaves behind. Columns that are neither KOC Ops' nor taken
   * from the table (the team's own, a live formula column) are never among them.
   */
  writes: CellWrite[];
  added: number;
  updated: number;
  /** Replace: KOC IDs that were on the roster and are not in the table. */
  removedIds: string[];
}

const KOCS = sheetDef('kocs');
/** The most characters a Google Sheets cell holds. */
const MAX_CELL_CHARS = 50_000;

/** Problem with one cell of a column, or null when the value model reads it. */
export function cellProblem(col: ColumnDef, text: string, lang: Lang = 'en', today: Date = new Date()): string | null {
  if (text.trim() === '') return null;
  const value = quote(text);
  switch (col.type) {
    case 'count':
    case 'money':
    case 'number': {
      const n = readNumber(text);
      if (n === undefined) return null;
      if (Number.isNaN(n)) return pt(lang, 'notNumber', { value });
      if (n < 0) return pt(lang, 'negative', { value });
      return null;
    }
    case 'rate': {
      const n = readNumber(text);
      if (n === undefined) return null;
      return Number.isNaN(n) ? pt(lang, 'notRate', { value }) : null;
    }
    case 'rating': {
      const n = readNumber(text);
      if (n === undefined) return null;
      return Number.isNaN(n) || n < 1 || n > 5 ? pt(lang, 'notRating', { value }) : null;
    }
    case 'date': {
      const day = readDay(text, dayNumber(today));
      return day !== undefined && Number.isNaN(day) ? pt(lang, 'notDate', { value }) : null;
    }
    case 'enum':
      return enumValue(col.values ?? [], text) ? null : pt(lang, 'notOneOf', { value, list: (col.values ?? []).map((v) => label(v, lang)).join(lang === 'zh' ? '、' : ', ') });
    default:
      return null;
  }
}

interface Planned {
  report: ImportReport;
  header: string[];
  records: string[][];
  /** CSV column index → schema column (matched ones only). */
  columns: Map<number, ColumnDef<ColumnKey<'kocs'>>>;
}

function plan(text: string, lang: Lang, today: Date): Planned {
  const parsed = parseTable(text, lang);
  const report: ImportReport = { rows: 0, matched: [], unmatched: [], duplicateColumns: [], badCells: [], duplicateIds: [], warnings: parsed.warnings };
  const [header = [], ...records] = parsed.rows;
  const columns = new Map<number, ColumnDef<ColumnKey<'kocs'>>>();
  if (header.length === 0) return { report: { ...report, error: pt(lang, 'emptyTable') }, header, records, columns };
  const map = mapHeaders(KOCS, header);
  for (const col of KOCS.columns) {
    const i = map.index[col.key];
    if (i !== undefined) {
      columns.set(i, col);
      report.matched.push({ header: header[i], column: label(col, lang) });
    }
  }
  report.unmatched = map.extra.map((e) => e.header);
  report.duplicateColumns = map.duplicates.map((d) => pt(lang, 'duplicateColumn', { column: label(d.column, lang), headers: d.indexes.map((i) => `"${header[i]}"`).join(', ') }));
  report.rows = records.length;
  if (map.index.id === undefined) {
    report.error = pt(lang, 'noIdColumn', { list: header.map((h) => `"${h}"`).join(', ') });
    return { report, header, records, columns };
  }
  const seen = new Map<string, number>();
  // A cell Sheets cannot hold would fail the write halfway: the table is refused before anything is written.
  const tooLong = records.flatMap((record, r) => record.flatMap((cell, i) => (cell.length > MAX_CELL_CHARS ? [{ line: r + 2, column: String(header[i] ?? i + 1), chars: cell.length }] : [])));
  if (tooLong.length) {
    const first = tooLong[0];
    return { report: { ...report, error: pt(lang, 'cellTooLong', { line: first.line, column: first.column, chars: first.chars.toLocaleString('en-US') }) }, header, records, columns };
  }
  records.forEach((record, r) => {
    const line = r + 2;
    for (const [i, col] of columns) {
      const cell = record[i] ?? '';
      const problem = cellProblem(col, cell, lang, today);
      if (problem) report.badCells.push({ line, column: header[i], value: cell, problem });
    }
    if (record.length > header.length)
      report.badCells.push({ line, column: pt(lang, 'extraCells'), value: record.slice(header.length).join(', '), problem: pt(lang, 'extraCellsProblem', { count: record.length - header.length }) });
    const id = (record[map.index.id!] ?? '').trim();
    if (id === '') report.badCells.push({ line, column: header[map.index.id!], value: '', problem: pt(lang, 'emptyId') });
    else seen.set(id, (seen.get(id) ?? 0) + 1);
  });
  report.duplicateIds = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  if (report.duplicateIds.length) {
    // Which row would win is a guess: the table is refused, and the lines are named.
    const lines = (id: string) =>
      records
        .map((record, r) => ((record[map.index.id!] ?? '').trim() === id ? r + 2 : 0))
        .filter(Boolean)
        .join(', ');
    const list = report.duplicateIds.slice(0, 10).map((id) => pt(lang, 'duplicateIdLines', { id, lines: lines(id) }));
    if (report.duplicateIds.length > 10) list.push(pt(lang, 'andMore', { count: report.duplicateIds.length - 10 }));
    report.error = pt(lang, 'duplicateIds', { list: list.join(lang === 'zh' ? '；' : '; ') });
  }
  return { report, header, records, columns };
}

/** Check a table without changing anything. */
export function checkImport(text: string, lang: Lang = 'en', today: Date = new Date()): ImportReport {
  return plan(text, lang, today).report;
}

/**
 * A CSV cell as it is written: into a KOC Ops column of numbers, rates, ratings or dates, a plain
 * number or date is written as one (so Sheets' own formulas can use it); anything else, and every
 * cell of a text column or a team column kept from the table, is written as the text it was — the
 * writer escapes it as the sidebar does (safeCell), so `=HYPERLINK(…)` stays text and `007` keeps
 * its zeros.
 */
export function importedCell(text: string, col: ColumnDef | undefined, today: Date = new Date()): CellInput {
  const value = parseImported(text, today);
  if (typeof value === 'string') return value.startsWith("'") ? value.slice(1) : value;
  const typed = col && ['count', 'money', 'number', 'rate', 'rating', 'date'].includes(col.type);
  // A number with leading zeros (an ID, a code) loses them as a number.
  if (!typed || (typeof value === 'number' && /^\s*[+-]?0\d/.test(text))) return text.trim();
  return value;
}

const blank = (v: unknown) => v === '' || v === null || v === undefined;

/**
 * What importing `text` into the KOCs sheet writes. `sheetHeader` and `sheetRows` are the sheet
 * as getValues returns it (rows in place, blank ones too). Merge: a row whose KOC ID is on the
 * sheet gets the table's non-empty cells that differ; other rows go below the last row holding
 * anything in the columns the import writes. Replace: the table's rows from row 2 down, and the
 * rows left below blanked — in those columns only. Throws when the report has an `error`.
 */
export function applyImport(
  text: string,
  sheetHeader: readonly unknown[],
  sheetRows: readonly unknown[][],
  options: ImportOptions,
  lang: Lang = 'en',
  today: Date = new Date(),
): ImportResult & { report: ImportReport } {
  const { report, header: csvHeader, records, columns } = plan(text, lang, today);
  if (report.error) throw new Error(report.error);
  const header: unknown[] = [...sheetHeader];
  while (header.length > 0 && String(header[header.length - 1] ?? '') === '') header.pop();
  const sheetMap = mapHeaders(KOCS, header);
  const writes: CellWrite[] = [];
  // CSV column index → sheet column index, adding columns the sheet lacks.
  const target = new Map<number, number>();
  const addColumn = (h: string): number => {
    header.push(h);
    writes.push({ row: 1, column: header.length, value: h });
    return header.length - 1;
  };
  csvHeader.forEach((h, i) => {
    const col = columns.get(i);
    if (col) {
      let at = sheetMap.index[col.key];
      if (at === undefined) {
        at = addColumn(h);
        sheetMap.index[col.key] = at;
      }
      target.set(i, at);
    } else if (options.keepUnmatched && h.trim() !== '') {
      const existing = header.findIndex((x) => String(x).trim() === h.trim());
      target.set(i, existing >= 0 ? existing : addColumn(h));
    }
  });
  // The columns the import writes: every KOC Ops column, and the team columns taken from the table.
  const written = new Set<number>([...ownedIndexes(sheetMap), ...target.values()]);
  const colOf = new Map<number, ColumnDef>();
  for (const [i, j] of target) {
    const col = columns.get(i);
    if (col) colOf.set(j, col);
  }
  const idCol = sheetMap.index.id!;
  const csvIdCol = [...columns].find(([, c]) => c.key === 'id')![0];
  let added = 0;
  let updated = 0;
  const removedIds: string[] = [];

  if (options.mode === 'replace') {
    const kept = new Set(records.map((r) => (r[csvIdCol] ?? '').trim()));
    for (const row of sheetRows) {
      const id = String(row[idCol] ?? '').trim();
      if (id && !kept.has(id) && !removedIds.includes(id)) removedIds.push(id);
    }
    const height = Math.max(records.length, sheetRows.length);
    for (let r = 0; r < height; r++) {
      const record = records[r];
      const row = sheetRows[r] ?? [];
      const values = new Map<number, CellInput>();
      if (record) for (const [i, j] of target) values.set(j, importedCell(record[i] ?? '', colOf.get(j), today));
      for (const j of written) {
        const value = values.get(j) ?? '';
        if (!(blank(value) && blank(row[j]))) writes.push({ row: r + 2, column: j + 1, value });
      }
      if (record) added++;
    }
    return { header, writes, added, updated, removedIds, report };
  }

  const byId = new Map<string, number>();
  let lastUsed = -1;
  sheetRows.forEach((r, i) => {
    const id = String(r[idCol] ?? '').trim();
    if (id && !byId.has(id)) byId.set(id, i);
    for (const j of written) if (!blank(r[j])) lastUsed = i;
  });
  let next = lastUsed + 1;
  for (const record of records) {
    const id = (record[csvIdCol] ?? '').trim();
    const existing = id ? byId.get(id) : undefined;
    const at = existing ?? next++;
    const row = sheetRows[at] ?? [];
    let changed = false;
    for (const [i, j] of target) {
      const cell = record[i] ?? '';
      // Merging never blanks a value the sheet has: an empty CSV cell leaves it.
      if (cell.trim() === '') continue;
      const value = importedCell(cell, colOf.get(j), today);
      if (sameCell(row[j], value)) continue;
      writes.push({ row: at + 2, column: j + 1, value });
      changed = true;
    }
    if (existing === undefined) {
      if (id) byId.set(id, at);
      added++;
    } else if (changed) updated++;
  }
  return { header, writes, added, updated, removedIds, report };
}

function sameCell(cell: unknown, value: CellInput): boolean {
  if (value instanceof Date) return Object.prototype.toString.call(cell) === '[object Date]' && (cell as Date).getTime() === value.getTime();
  return cell === value;
}

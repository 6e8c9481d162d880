/**
 * Importing a team's own roster (CSV or a table pasted from another sheet) into KOCs. The CSV's
 * headers are matched by the sheets schema (English, Chinese or an alias, in any order); every
 * cell is checked with the value model's readers and problems are reported, but nothing is
 * dropped: a bad cell is imported as the text it was (recompute then flags that row), and
 * unmatched columns can be kept as the team's own columns. Pure: the session writes the result.
 */
import { readDay } from '../src/core/dates';
import { quote, readNumber } from '../src/core/numbers';
import { mapHeaders } from '../src/sheets/headers';
import { type ColumnDef, enumValue, sheetDef } from '../src/sheets/schema';
import { type CellInput, parseImported } from './cells';
import { parseTable } from './csv';

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

export interface ImportResult {
  /** The KOCs header row after the import (columns may be added at the end). */
  header: unknown[];
  /** Every data row after the import, as wide as `header`. */
  rows: CellInput[][];
  added: number;
  updated: number;
}

const KOCS = sheetDef('kocs');

/** Problem with one cell of a column, or null when the value model reads it. */
export function cellProblem(col: ColumnDef, text: string): string | null {
  if (text.trim() === '') return null;
  switch (col.type) {
    case 'count':
    case 'money':
    case 'number': {
      const n = readNumber(text);
      if (n === undefined) return null;
      if (Number.isNaN(n)) return `${quote(text)} is not a number (write 12000, 1.2万, 3.4k or 1,234)`;
      if (n < 0) return `${quote(text)} is negative`;
      return null;
    }
    case 'rate': {
      const n = readNumber(text);
      if (n === undefined) return null;
      return Number.isNaN(n) ? `${quote(text)} is not a rate (write 3.5% or 0.035)` : null;
    }
    case 'rating': {
      const n = readNumber(text);
      if (n === undefined) return null;
      return Number.isNaN(n) || n < 1 || n > 5 ? `${quote(text)} is not a rating from 1 to 5` : null;
    }
    case 'date': {
      const day = readDay(text);
      return day !== undefined && Number.isNaN(day) ? `${quote(text)} is not a date (write 2025-03-01)` : null;
    }
    case 'enum':
      return enumValue(col.values ?? [], text) ? null : `${quote(text)} is not one of ${(col.values ?? []).map((v) => v.en).join(', ')}`;
    default:
      return null;
  }
}

interface Planned {
  report: ImportReport;
  header: string[];
  records: string[][];
  /** CSV column index → schema column (matched ones only). */
  columns: Map<number, ColumnDef>;
}

function plan(text: string): Planned {
  const parsed = parseTable(text);
  const report: ImportReport = { rows: 0, matched: [], unmatched: [], duplicateColumns: [], badCells: [], duplicateIds: [], warnings: parsed.warnings };
  const [header = [], ...records] = parsed.rows;
  const columns = new Map<number, ColumnDef>();
  if (header.length === 0) return { report: { ...report, error: 'The table is empty: paste a header row and at least one KOC.' }, header, records, columns };
  const map = mapHeaders(KOCS, header);
  for (const col of KOCS.columns) {
    const i = map.index[col.key];
    if (i !== undefined) {
      columns.set(i, col);
      report.matched.push({ header: header[i], column: `${col.en} (${col.zh})` });
    }
  }
  report.unmatched = map.extra.map((e) => e.header);
  report.duplicateColumns = map.duplicates.map((d) => `${d.column.en}: ${d.indexes.map((i) => `"${header[i]}"`).join(', ')} (the first is used)`);
  report.rows = records.length;
  if (map.index.id === undefined) {
    report.error = `No KOC ID column: one header must be "KOC ID" or "KOC编号". Headers found: ${header.map((h) => `"${h}"`).join(', ')}.`;
    return { report, header, records, columns };
  }
  const seen = new Map<string, number>();
  records.forEach((record, r) => {
    const line = r + 2;
    for (const [i, col] of columns) {
      const cell = record[i] ?? '';
      const problem = cellProblem(col, cell);
      if (problem) report.badCells.push({ line, column: header[i], value: cell, problem });
    }
    if (record.length > header.length) report.badCells.push({ line, column: '(extra cells)', value: record.slice(header.length).join(', '), problem: `${record.length - header.length} cell(s) beyond the last header; they are not imported` });
    const id = (record[map.index.id!] ?? '').trim();
    if (id === '') report.badCells.push({ line, column: header[map.index.id!], value: '', problem: 'KOC ID is empty; the row is imported but recompute skips it until it has an ID' });
    else seen.set(id, (seen.get(id) ?? 0) + 1);
  });
  report.duplicateIds = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  return { report, header, records, columns };
}

/** Check a table without changing anything. */
export function checkImport(text: string): ImportReport {
  return plan(text).report;
}

/**
 * The KOCs sheet after importing `text` into it. `sheetHeader` and `sheetRows` are the sheet as
 * it is (values as getValues returns them); throws when the report has an `error`.
 */
export function applyImport(text: string, sheetHeader: readonly unknown[], sheetRows: readonly unknown[][], options: ImportOptions): ImportResult & { report: ImportReport } {
  const { report, header: csvHeader, records, columns } = plan(text);
  if (report.error) throw new Error(report.error);
  const header: unknown[] = [...sheetHeader];
  while (header.length > 0 && String(header[header.length - 1] ?? '') === '') header.pop();
  const sheetMap = mapHeaders(KOCS, header);
  // CSV column index → sheet column index, adding columns the sheet lacks.
  const target = new Map<number, number>();
  csvHeader.forEach((h, i) => {
    const col = columns.get(i);
    if (col) {
      let at = sheetMap.index[col.key];
      if (at === undefined) {
        at = header.length;
        header.push(h);
        sheetMap.index[col.key] = at;
      }
      target.set(i, at);
    } else if (options.keepUnmatched && h.trim() !== '') {
      const existing = header.findIndex((x) => String(x).trim() === h.trim());
      if (existing >= 0) target.set(i, existing);
      else {
        target.set(i, header.length);
        header.push(h);
      }
    }
  });
  const width = header.length;
  const widen = (row: readonly unknown[]): CellInput[] => Array.from({ length: width }, (_, j) => (row[j] ?? '') as CellInput);
  const rows: CellInput[][] = options.mode === 'replace' ? [] : sheetRows.filter((r) => r.some((v) => v !== '' && v !== null && v !== undefined)).map(widen);
  const idCol = sheetMap.index.id!;
  const byId = new Map<string, number>();
  rows.forEach((r, i) => {
    const id = String(r[idCol] ?? '').trim();
    if (id && !byId.has(id)) byId.set(id, i);
  });
  let added = 0;
  let updated = 0;
  const csvIdCol = [...columns].find(([, c]) => c.key === 'id')![0];
  for (const record of records) {
    const id = (record[csvIdCol] ?? '').trim();
    const existing = id ? byId.get(id) : undefined;
    const row = existing === undefined ? widen([]) : rows[existing];
    for (const [i, j] of target) {
      const cell = record[i] ?? '';
      // Merging never blanks a value the sheet has: an empty CSV cell leaves it.
      if (existing !== undefined && cell.trim() === '') continue;
      row[j] = parseImported(cell);
    }
    if (existing === undefined) {
      rows.push(row);
      if (id) byId.set(id, rows.length - 1);
      added++;
    } else updated++;
  }
  return { header, rows, added, updated, report };
}

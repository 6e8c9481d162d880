/**
 * Importing a team's own roster (CSV or a table pasted from another sheet) into KOCs. The CSV's
 * headers are matched by the sheets schema (English, Chinese or an alias, in any order); every
 * cell is checked with the value model's readers and problems are reported, but nothing is
 * dropped: a bad cell is imported as the text it was (recompute then flags that row), and
 * unmatched columns can be kept as the team's own columns. Pure: the session writes the result.
 */
import { dayNumber, readDay } from '../src/core/dates';
import { quote, readNumber } from '../src/core/numbers';
import { mapHeaders } from '../src/sheets/headers';
import { type ColumnDef, enumValue, label, sheetDef } from '../src/sheets/schema';
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
  columns: Map<number, ColumnDef>;
}

function plan(text: string, lang: Lang, today: Date): Planned {
  const parsed = parseTable(text, lang);
  const report: ImportReport = { rows: 0, matched: [], unmatched: [], duplicateColumns: [], badCells: [], duplicateIds: [], warnings: parsed.warnings };
  const [header = [], ...records] = parsed.rows;
  const columns = new Map<number, ColumnDef>();
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
  return { report, header, records, columns };
}

/** Check a table without changing anything. */
export function checkImport(text: string, lang: Lang = 'en', today: Date = new Date()): ImportReport {
  return plan(text, lang, today).report;
}

/**
 * The KOCs sheet after importing `text` into it. `sheetHeader` and `sheetRows` are the sheet as
 * it is (values as getValues returns them); throws when the report has an `error`.
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
      row[j] = parseImported(cell, today);
    }
    if (existing === undefined) {
      rows.push(row);
      if (id) byId.set(id, rows.length - 1);
      added++;
    } else updated++;
  }
  return { header, rows, added, updated, report };
}

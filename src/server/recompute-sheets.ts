/**
 * How the recompute writes its sheets (the run itself: recompute.ts). Echelon in KOC Ops' own
 * columns only; History appended below its last entry, owned columns re-added when renamed or
 * deleted; the Dashboard decided from a saved fingerprint without reading it; the pyramid chart
 * inserted once. Each write goes through the write layer (src/sheets/writes.ts), so the run's one
 * undo puts every cell back.
 */
import { type DashboardModel, DASHBOARD_PERCENT, DASHBOARD_SHARES, DASHBOARD_UPDATED_CELL, DASHBOARD_WIDTH, dashboardLayout, PYRAMID_RANGE } from '../core/dashboard';
import { historyRecords, type SheetBlock } from '../core/echelon/sheet';
import type { EchelonResult } from '../core/echelon/types';
import { t } from '../core/text';
import { columnLetter, mappedColumns, mapHeaders, ownedIndexes } from '../sheets/headers';
import { type Lang, label, sheetDef } from '../sheets/schema';
import { liftFilter, refuseMerges } from '../sheets/sheet-layout';
import { columnRuns, writeForm, Writes } from '../sheets/writes';
import { dropdown_ } from './context';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property: the fingerprint of the Dashboard as the last run wrote it (see dashboardBlock_). */
const PROP_DASHBOARD = 'kocops.recompute.dashboard';

interface HistoryTarget {
  sheet: Sheet;
  header: unknown[];
  lastRow: number;
}

/** History is append-only and grows without end: read its header and length, not its rows. */
export function historyTarget_(sheet: Sheet): HistoryTarget {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const header = lastRow > 0 && lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  return { sheet, header, lastRow };
}

/** A planned write: a rectangle of values at a 1-based row and column. */
export interface Write {
  sheet: Sheet;
  row: number;
  column: number;
  values: unknown[][];
  /** The grid's columns the write needs (a re-added header may reach past the last column). */
  columns?: number;
}

function blankRows(rows: number, width: number): unknown[][] {
  return Array.from({ length: rows }, () => new Array<unknown>(width).fill(''));
}

/** The old cells under a block: the rows read, cut to the block's columns, padded with blanks. */
function cellsUnder(old: readonly (readonly unknown[])[], column0: number, rows: number, width: number): unknown[][] {
  const out = blankRows(rows, width);
  for (let r = 0; r < rows && r < old.length; r++) for (let c = 0; c < width; c++) out[r][c] = old[r][column0 + c] ?? '';
  return writeForm(out);
}

/** A write as a step of its own (the language switch's), put back with the rest of the run. */
export function writeStep_(write: Write & { before?: () => unknown[][] }): () => () => void {
  return () => {
    const w = new Writes();
    writeBlock_(w, write, write.before && (() => writeForm(write.before!())));
    return () => {
      w.undo();
    };
  };
}

/** Write a block, the grid grown to hold it first. */
export function writeBlock_(w: Writes, write: Write, before?: () => unknown[][]): void {
  w.ensureSize(write.sheet, write.row + write.values.length - 1, write.columns ?? write.column + write.values[0].length - 1);
  // Merged cells in the block would keep only their first value: refused before it is written.
  refuseMerges(write.sheet, [{ row: write.row, column: write.column, rows: write.values.length, columns: write.values[0].length }]);
  w.setValues(write.sheet, write.row, write.column, write.values, before);
}

/**
 * The Echelon block, written only in KOC Ops' own columns: a team column between them is never
 * written (one setValues per run of our columns; one in the usual layout).
 */
export function writeEchelon_(w: Writes, sheet: Sheet, block: SheetBlock, old: readonly (readonly unknown[])[]): void {
  const owned = ownedIndexes(mapHeaders(sheetDef('echelon'), block.values[0]));
  w.ensureSize(sheet, block.values.length, block.column + block.width);
  const runs = columnRuns(owned);
  refuseMerges(sheet, runs.map((run) => ({ row: 1, column: block.column + run.start + 1, rows: block.values.length, columns: run.count })));
  // A team's filter on Echelon is put back over the rewritten rows, its conditions applied to them.
  const putBackFilter = liftFilter(w, sheet);
  for (const run of runs) {
    const values = block.values.map((r) => r.slice(run.start, run.start + run.count));
    const column0 = block.column + run.start;
    w.setValues(sheet, 1, column0 + 1, values, () => cellsUnder(old, column0, values.length, run.count));
  }
  putBackFilter?.(block.values.length);
}

/** A short digest of text (FNV-1a in two 32-bit lanes): enough to tell one Dashboard from another. */
function digest_(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
}

interface DashboardPlan extends SheetBlock {
  /** What the sheet holds once this block is written (saved after a successful run). */
  fingerprint: string;
}

/**
 * The Dashboard block, decided without reading the sheet. Its fingerprint is the layout (all but
 * the Updated time) and the extent it leaves (last row and column with content): when the saved
 * fingerprint and the sheet's extent both match, the sheet already shows this — no write, and the
 * Updated time stays, so an unchanged run changes no cell. Anything else in the Dashboard's
 * columns (an older, longer layout; something typed below it) shows in the extent and is blanked
 * by the block; columns to the right of the Dashboard's are the team's and are never written.
 */
export function dashboardBlock_(sheet: Sheet, saved: string | null, model: DashboardModel, lang: Lang, now: Date): DashboardPlan {
  const fresh = dashboardLayout(model, lang, now);
  const { row: ur, column: uc } = DASHBOARD_UPDATED_CELL;
  let lastRow = 0;
  let lastColumn = 0;
  for (let r = 0; r < fresh.length; r++)
    for (let c = 0; c < fresh[r].length; c++) {
      const v = fresh[r][c];
      if (v === '' || v === null || v === undefined) continue;
      lastRow = r + 1;
      if (c + 1 > lastColumn) lastColumn = c + 1;
    }
  const layout = JSON.stringify(fresh.map((row, r) => (r === ur ? row.map((v, c) => (c === uc ? '' : v)) : row)));
  const fingerprint = `${lastRow}x${lastColumn}:${digest_(layout)}`;
  // Metadata, not a read of the cells: how far the sheet's content reaches now.
  const sheetRows = sheet.getLastRow();
  const sheetColumns = sheet.getLastColumn();
  const rows = Math.max(fresh.length, sheetRows);
  // Our columns only: what the team keeps to the right of the Dashboard is never written.
  const width = DASHBOARD_WIDTH;
  const values = blankRows(rows, width);
  for (let r = 0; r < fresh.length; r++) for (let c = 0; c < fresh[r].length; c++) values[r][c] = fresh[r][c];
  const changed = saved !== fingerprint || sheetRows !== lastRow || sheetColumns !== lastColumn;
  return { column: 0, values, width, changed, fingerprint };
}

/**
 * Write the Dashboard block, its shares given their percent format in the same transaction (one
 * getNumberFormats for the undo, one setNumberFormats). The block is written last: the run has no
 * copy of the Dashboard's old cells, so nothing may fail after them.
 */
export function writeDashboard_(w: Writes, sheet: Sheet, values: unknown[][]): void {
  w.ensureSize(sheet, values.length, DASHBOARD_WIDTH);
  w.step(() => {
    const { row, column, rows } = DASHBOARD_SHARES;
    const range = sheet.getRange(row, column, rows, 1);
    const before = range.getNumberFormats();
    range.setNumberFormats(Array.from({ length: rows }, () => [DASHBOARD_PERCENT]));
    return () => {
      range.setNumberFormats(before);
    };
  });
  writeBlock_(w, { sheet, row: 1, column: 1, values });
}

/** A column's dropdown (rows 2 down) set to these values; undone by putting the old rule back. */
export function dropdownStep_(sheet: Sheet, column: number, values: string[], lang: Lang): () => () => void {
  return () => {
    const range = sheet.getRange(2, column, Math.max(1, sheet.getMaxRows() - 1), 1);
    const old = range.getDataValidation();
    range.setDataValidation(dropdown_(values, lang));
    return () => {
      range.setDataValidation(old);
    };
  };
}

interface HistoryPlan {
  sheet: Sheet;
  /** 1-based row of the first entry. */
  row: number;
  /** Header cells to write first (a blank header row, or owned columns re-added on the right). */
  headerCells: { column: number; values: unknown[] } | null;
  /** Entries, as wide as the header; only the owned columns are written. */
  rows: unknown[][];
  owned: number[];
  width: number;
  /** What the run says it repaired. */
  repaired?: string;
}

/**
 * The History entries to append below the last entry, mapped to its header. An owned column the
 * header lacks (renamed or deleted) is added again on the right, and the run says so. Below the
 * last row holding an entry: a team column filled down further does not push entries down (its
 * one column is read only when the sheet has team columns).
 */
export function historyWrite_(target: HistoryTarget, result: EchelonResult, now: Date, lang: Lang): HistoryPlan {
  const def = sheetDef('history');
  const headerBlank = target.header.every((h) => String(h ?? '').trim() === '');
  const header = headerBlank ? [] : target.header.slice();
  while (header.length > 0 && String(header[header.length - 1] ?? '').trim() === '') header.pop();
  const map = mapHeaders(def, header);
  const added: string[] = [];
  const firstAdded = header.length;
  for (const col of def.columns)
    if (map.index[col.key] === undefined) {
      map.index[col.key] = header.length;
      header.push(label(col, lang));
      if (!headerBlank) added.push(label(col, lang));
    }
  const rows = historyRecords(result.history, now, lang).map((rec) => {
    const row = new Array<unknown>(header.length).fill('');
    for (const [key, at] of mappedColumns(map)) if (key in rec) row[at] = rec[key as keyof typeof rec];
    return row;
  });
  const owned = ownedIndexes(map);
  let lastEntry = headerBlank ? 1 : target.lastRow;
  if (!headerBlank && target.lastRow > 1 && mapHeaders(def, target.header).extra.length > 0) {
    const at = Math.min(...owned);
    const column = target.sheet.getRange(2, at + 1, target.lastRow - 1, 1).getValues();
    lastEntry = 1;
    for (let r = column.length - 1; r >= 0; r--)
      if (column[r][0] !== '' && column[r][0] !== null) {
        lastEntry = r + 2;
        break;
      }
  }
  const name = target.sheet.getName();
  return {
    sheet: target.sheet,
    row: lastEntry + 1,
    headerCells: headerBlank ? { column: 1, values: header } : added.length ? { column: firstAdded + 1, values: header.slice(firstAdded) } : null,
    rows,
    owned,
    width: header.length,
    repaired: headerBlank
      ? target.lastRow > 0
        ? t('recomputeHeaderRestored', lang, { sheet: name })
        : undefined
      : added.length
        ? t('recomputeColumnsAdded', lang, { sheet: name, list: added.join(', '), columns: added.map((_, i) => columnLetter(firstAdded + i)).join(', ') })
        : undefined,
  };
}

/** Append the History entries: header cells first when needed, then one setValues per run of owned columns. */
export function writeHistory_(w: Writes, plan: HistoryPlan): void {
  w.ensureSize(plan.sheet, plan.row + plan.rows.length - 1, plan.width);
  const runs = columnRuns(plan.owned);
  const header = plan.headerCells ? [{ row: 1, column: plan.headerCells.column, rows: 1, columns: plan.headerCells.values.length }] : [];
  refuseMerges(plan.sheet, [...header, ...runs.map((run) => ({ row: plan.row, column: run.start + 1, rows: plan.rows.length, columns: run.count }))]);
  // Under a team's filter the new entries join the filtered log.
  const putBackFilter = liftFilter(w, plan.sheet);
  if (plan.headerCells) w.setValues(plan.sheet, 1, plan.headerCells.column, [plan.headerCells.values.slice()]);
  for (const run of runs)
    w.setValues(
      plan.sheet,
      plan.row,
      run.start + 1,
      plan.rows.map((r) => r.slice(run.start, run.start + run.count)),
    );
  putBackFilter?.(plan.row + plan.rows.length - 1);
}

/** Owned Echelon columns the header lacked and the block added again, said the way the run reports it. */
export function echelonRepairs_(oldHeader: readonly unknown[], block: SheetBlock, lang: Lang): string[] {
  const def = sheetDef('echelon');
  const name = label(def, lang);
  if (oldHeader.every((h) => String(h ?? '').trim() === '')) return oldHeader.length ? [t('recomputeHeaderRestored', lang, { sheet: name })] : [];
  const before = mapHeaders(def, oldHeader);
  const after = mapHeaders(def, block.values[0]);
  const added = def.columns.filter((c) => before.index[c.key] === undefined && after.index[c.key] !== undefined);
  if (!added.length) return [];
  return [
    t('recomputeColumnsAdded', lang, {
      sheet: name,
      list: added.map((c) => label(c, lang)).join(', '),
      columns: added.map((c) => columnLetter(block.column + (after.index[c.key] ?? 0))).join(', '),
    }),
  ];
}

/** The Dashboard's saved fingerprint; none (so the Dashboard is rewritten) when it cannot be read. */
export function savedDashboardFingerprint_(): string | null {
  try {
    return PropertiesService.getDocumentProperties().getProperty(PROP_DASHBOARD);
  } catch (_) {
    return null;
  }
}

/**
 * Saved after the writes: a fingerprint that could not be saved is removed instead, so the next
 * run rewrites the Dashboard rather than trusting an old one.
 */
export function saveDashboardFingerprint_(fingerprint: string): void {
  const props = PropertiesService.getDocumentProperties();
  try {
    props.setProperty(PROP_DASHBOARD, fingerprint);
  } catch (_) {
    try {
      props.deleteProperty(PROP_DASHBOARD);
    } catch (e) {
      console.error(`KOC Ops: could not save the Dashboard fingerprint: ${String(e)}`);
    }
  }
}

/** The pyramid chart, inserted once beside the pyramid and kept (getCharts finds it next time). */
export function chartStep_(sheet: Sheet, lang: Lang, retitle: boolean): () => () => void {
  return () => {
    const charts = sheet.getCharts();
    if (charts.length > 0) {
      // After a language switch the chart's title follows (its data is the rewritten table).
      const title = t('dashChartTitle', lang);
      const chart = charts[0];
      const was = retitle ? String(chart.getOptions().get('title') ?? '') : title;
      if (was === title) return () => {};
      sheet.updateChart(chart.modify().setOption('title', title).build());
      return () => sheet.updateChart(sheet.getCharts()[0].modify().setOption('title', was).build());
    }
    const { row, column, rows, columns } = PYRAMID_RANGE;
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange(row, column, rows, columns))
      .setOption('isStacked', true)
      .setOption('title', t('dashChartTitle', lang))
      .setPosition(1, DASHBOARD_WIDTH + 2, 0, 0)
      .build();
    sheet.insertChart(chart);
    return () => {
      for (const c of sheet.getCharts()) if (c.getChartId() === chart.getChartId()) sheet.removeChart(c);
    };
  };
}

/**
 * The echelon recompute (its trigger and menu items for the schedule: schedule.ts). One run: take
 * the document lock, read every sheet it needs once (one getValues each), compute everything in
 * pure code (src/core/echelon/compute.ts), then write Echelon, History and Dashboard in one setValues each —
 * skipping a sheet whose cells would not change. A write that fails undoes the writes before it,
 * so the workbook is left as it was. The time-driven path never touches the UI.
 *
 * Spreadsheet calls are the cost that matters in Apps Script, so a run reads only what it must:
 * History (which grows forever) only its header row, and only when there is something to log;
 * the Dashboard not at all — a fingerprint of what was last written there is kept in the document
 * properties, and the Dashboard is written last, so a failed write leaves it untouched and only
 * the writes before it need undoing.
 */
import { type DashboardModel, DASHBOARD_UPDATED_CELL, DASHBOARD_WIDTH, dashboardLayout, PYRAMID_RANGE } from '../core/dashboard';
import { dayNumber, readDatesFor } from '../core/dates';
import { computeEchelon } from '../core/echelon/compute';
import { echelonBlock, historyRecords, type SheetBlock } from '../core/echelon/sheet';
import type { EchelonResult } from '../core/echelon/types';
import { DEFAULT_PLAYBOOK, playbookFromSheet } from '../core/playbook';
import { noKocIdColumnMessage } from '../core/record';
import { parseSettings } from '../core/settings';
import { t } from '../core/text';
import { columnLetter, mapHeaders } from '../sheets/headers';
import { type Lang, label, normalizeHeader, type SheetDef, type SheetKey, SHEETS, sheetDef, sheetNames } from '../sheets/schema';
import { findSheets, headerProblems, readTable, type Table } from '../sheets/table';
import { liftFilter, MergedCellsError, refuseMerges } from '../sheets/sheet-layout';
import { columnRuns, transaction, WriteFailed, writeForm, Writes } from '../sheets/writes';
import { refreshAsOf_ } from './asof';
import { countDaysAsSheetShows_, dropdown_, errorText_, LockBusyError, localeLang_, withDocumentLock_, workbookLang_ } from './context';
import { type ConvertedColumn, convertTable, headerInOtherLanguage } from '../sheets/language';
import type { PublicFunction } from './registry-types';
import { recordRun_, type RunOutcome } from './run-log';
import { RECOMPUTE_HANDLER, scheduleDaily_, scheduleHourly_, showSchedule_, stillScheduled_, stopSchedule_ } from './schedule';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property: the fingerprint of the Dashboard as the last run wrote it (see dashboardBlock_). */
const PROP_DASHBOARD = 'kocops.recompute.dashboard';

export interface RecomputeSummary {
  lang: Lang;
  kocs: number;
  /** History entries appended. */
  changes: number;
  /** Rows with problems (shown in Echelon's Problems column). */
  problemRows: number;
  orphans: number;
  written: { echelon: boolean; history: boolean; dashboard: boolean };
  message: string;
}

/** A failure the user can act on (a missing sheet): shown as it is, nothing written. */
class RecomputeRefused extends Error {}


// ---------------------------------------------------------------- reading

/** Values of a whole sheet in one getValues (header row first). */
function sheetValues_(sheet: Sheet): unknown[][] {
  return sheet.getDataRange().getValues();
}

interface HistoryTarget {
  sheet: Sheet;
  header: unknown[];
  lastRow: number;
}

/** History is append-only and grows without end: read its header and length, not its rows. */
function historyTarget_(sheet: Sheet): HistoryTarget {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const header = lastRow > 0 && lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  return { sheet, header, lastRow };
}

// ---------------------------------------------------------------- writing

/** A planned write: a rectangle of values at a 1-based row and column. */
interface Write {
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
function writeStep_(write: Write & { before?: () => unknown[][] }): () => () => void {
  return () => {
    const w = new Writes();
    writeBlock_(w, write, write.before && (() => writeForm(write.before!())));
    return () => {
      w.undo();
    };
  };
}

/** Write a block, the grid grown to hold it first; refused where cells in it are merged. */
function writeBlock_(w: Writes, write: Write, before?: () => unknown[][]): void {
  w.ensureSize(write.sheet, write.row + write.values.length - 1, write.columns ?? write.column + write.values[0].length - 1);
  refuseMerges(write.sheet, [{ row: write.row, column: write.column, rows: write.values.length, columns: write.values[0].length }]);
  w.setValues(write.sheet, write.row, write.column, write.values, before);
}

/**
 * The Echelon block, written only in KOC Ops' own columns: a team column between them is never
 * written (one setValues per run of our columns; one in the usual layout).
 */
function writeEchelon_(w: Writes, sheet: Sheet, block: SheetBlock, old: readonly (readonly unknown[])[]): void {
  const owned = Object.values(mapHeaders(sheetDef('echelon'), block.values[0]).index);
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

// ---------------------------------------------------------------- the run

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
function dashboardBlock_(sheet: Sheet, saved: string | null, model: DashboardModel, lang: Lang, now: Date): DashboardPlan {
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

function tableOf_(sheet: Sheet | undefined, key: SheetKey): Table | undefined {
  return sheet ? readTable(sheet, key) : undefined;
}

/**
 * One recompute under the document lock. Throws LockBusyError when another run holds it,
 * RecomputeRefused when the roster or Echelon sheet is missing; any other error comes from a
 * write and has been undone.
 */
export function recompute_(ss: Spreadsheet, localeLang: Lang, now: Date = new Date()): RecomputeSummary {
  return withDocumentLock_(localeLang, () => {
    countDaysAsSheetShows_(ss);
    // A date cell written without its year (3月1日) is read in the run day's year.
    readDatesFor(dayNumber(now));
    const sheets = findSheets(ss);

    // Read everything first: one getValues per sheet.
    const settingsTable = tableOf_(sheets.settings, 'settings');
    const pairs = settingsTable ? settingsTable.rows.map((r) => [r[settingsTable.map.index.setting ?? 0], r[settingsTable.map.index.value ?? 1]]) : [];
    const { settings, problems: settingProblems } = parseSettings(pairs, localeLang);
    // The run's message in the language of whoever runs it; every cell in the workbook's.
    const lang: Lang = localeLang;
    const book: Lang = workbookLang_(ss, settings);
    for (const key of ['kocs', 'echelon'] as const) {
      if (!sheets[key]) {
        const def = sheetDef(key);
        throw new RecomputeRefused(t('renamedSheet', lang, { name: label(def, lang), en: def.en, zh: def.zh }));
      }
    }
    const kocs = readTable(sheets.kocs!, 'kocs');
    // Without its ID column no roster row is a KOC: stop before writing, and say how to fix it.
    if (kocs.map.index.id === undefined) throw new RecomputeRefused(noKocIdColumnMessage(lang));
    const assignments = tableOf_(sheets.assignments, 'assignments');
    const followUps = tableOf_(sheets.followups, 'followups');
    const incidents = tableOf_(sheets.incidents, 'incidents');
    const playbookTable = tableOf_(sheets.playbook, 'playbook');
    const echelonValues = sheetValues_(sheets.echelon!);

    // Settings → Language changed: what KOC Ops wrote before in the other language follows in
    // this same run. The Playbook's default actions first, so the next actions read them.
    const playbookColumns = playbookTable ? convertTable(playbookTable.def, [playbookTable.header, ...playbookTable.rows], book, true, { action: DEFAULT_PLAYBOOK }) : [];

    // Compute everything before writing anything.
    const playbook = playbookFromSheet(playbookTable && withColumns_(playbookTable, playbookColumns), book);
    const echelonMap = mapHeaders(sheetDef('echelon'), echelonValues[0] ?? []);
    // A header used twice: the first column is used, and the run says so (once, in its message).
    const duplicateHeaders = [kocs, assignments, followUps, incidents, playbookTable, settingsTable, { def: sheetDef('echelon'), map: echelonMap }].flatMap((table) =>
      table ? headerProblems(table, lang) : [],
    );
    const result: EchelonResult = computeEchelon({
      kocs,
      assignments,
      followUps,
      incidents,
      previous: { map: echelonMap, rows: echelonValues.slice(1) },
      playbook: playbook.rules,
      settings,
      now,
      lang: book,
    });
    const echelon = echelonBlock({ sheet: echelonValues, lines: result.lines, lang: book, now, map: echelonMap });
    const converted = languageSwitch_(sheets, { assignments, followups: followUps, incidents, playbook: playbookTable }, playbookColumns, echelonValues[0] ?? [], book);
    const dashboard = sheets.dashboard ? dashboardBlock_(sheets.dashboard, savedDashboardFingerprint_(), result.dashboard, book, now) : undefined;
    // History's header is read only when there is something to append under it.
    const historyWrite = sheets.history && result.history.length ? historyWrite_(historyTarget_(sheets.history), result, now, book) : undefined;

    // Someone else's protection on a sheet this run writes: say so before writing anything.
    const blocked = blockedSheet_([echelon.changed && sheets.echelon, historyWrite && sheets.history, dashboard?.changed && sheets.dashboard]);
    if (blocked) throw new RecomputeRefused(t('recomputeBlocked', lang, { name: blocked }));

    // Write: Echelon, History, the chart, and the Dashboard last. One transaction: a failure puts
    // back every step before it (the grid grown for a block shrinks again).
    transaction(
      (w) => {
      if (echelon.changed) writeEchelon_(w, sheets.echelon!, echelon, echelonValues);
      // Cells written in the other language, brought into the workbook's (language switch).
      for (const step of converted.steps) w.step(step);
      if (historyWrite) writeHistory_(w, historyWrite);
      // The chart is checked every run (one metadata call), so a chart someone deleted comes back.
      if (sheets.dashboard) w.step(chartStep_(sheets.dashboard, book, converted.switched));
      // The day the formulas count to (KOC_ASOF) moves with the sheets they must agree with.
      w.step(() => refreshAsOf_(ss, now, settingsTable) ?? (() => {}));
      if (dashboard?.changed) writeBlock_(w, { sheet: sheets.dashboard!, row: 1, column: 1, values: dashboard.values });
      },
      // Merged cells in the way: a refusal, told as such once what was begun is put back.
      (e) => e instanceof MergedCellsError,
    );
    // Written: nothing after this turns the run into a failure.
    if (dashboard?.changed) saveDashboardFingerprint_(dashboard.fingerprint);

    const problemRows = result.lines.filter((l) => l.problems.length > 0).length;
    const parts = [
      t(result.history.length || echelon.changed ? 'recomputeDone' : 'recomputeUnchanged', lang, { count: result.entries.length, changes: historyWrite ? result.history.length : 0 }),
    ];
    for (const p of duplicateHeaders) parts.push(lang === 'zh' ? `${p}。` : `${p}.`);
    if (echelon.changed) parts.push(...echelonRepairs_(echelonValues[0] ?? [], echelon, lang));
    if (historyWrite?.repaired) parts.push(historyWrite.repaired);
    if (problemRows) parts.push(t('recomputeProblems', lang, { count: problemRows }));
    if (result.orphans) parts.push(t('recomputeOrphans', lang, { count: result.orphans }));
    for (const key of ['history', 'dashboard'] as const) if (!sheets[key]) parts.push(t('recomputeNotWritten', lang, { name: label(sheetDef(key), lang) }));
    parts.push(...settingProblems, ...playbook.problems);
    return {
      lang,
      kocs: result.entries.length,
      changes: historyWrite ? result.history.length : 0,
      problemRows,
      orphans: result.orphans,
      written: { echelon: echelon.changed, history: !!historyWrite, dashboard: !!dashboard?.changed },
      message: parts.join(' '),
    };
  });
}

/**
 * The writes that bring cells KOC Ops wrote in the other language into the workbook's: headers
 * and listed values of Assignments, Follow-ups and Incidents (already read), and when anything
 * was in the other language (or Echelon's header is), History too; each converted list column
 * gets its dropdown in the new language. Every write undoes with the rest of the run.
 */
function languageSwitch_(
  sheets: Partial<Record<SheetKey, Sheet>>,
  tables: Partial<Record<'assignments' | 'followups' | 'incidents' | 'playbook', Table>>,
  playbookColumns: readonly ConvertedColumn[],
  echelonHeader: readonly unknown[],
  lang: Lang,
): { steps: (() => () => void)[]; switched: boolean } {
  const steps: (() => () => void)[] = [];
  const convert = (sheet: Sheet, def: SheetDef, values: readonly (readonly unknown[])[], withDropdowns: boolean, columns: readonly ConvertedColumn[] = convertTable(def, values, lang, true)) => {
    for (const col of columns) {
      const before = values.map((r) => [r[col.index] ?? '']);
      steps.push(writeStep_({ sheet, row: 1, column: col.index + 1, values: col.values.map((v) => [v]), before: () => before }));
      const listed = def.columns.find((c) => normalizeHeader(c[lang]) === normalizeHeader(col.values[0]))?.values;
      if (withDropdowns && listed) steps.push(dropdownStep_(sheet, col.index + 1, listed.map((v) => label(v, lang)), lang));
    }
  };
  for (const key of ['assignments', 'followups', 'incidents'] as const) {
    const table = tables[key];
    if (table) convert(table.sheet, table.def, [table.header, ...table.rows], true);
  }
  const playbook = tables.playbook;
  if (playbook) convert(playbook.sheet, playbook.def, [playbook.header, ...playbook.rows], true, playbookColumns);
  const switched = steps.length > 0 || headerInOtherLanguage(sheetDef('echelon'), echelonHeader, lang);
  if (switched && sheets.history) convert(sheets.history, sheetDef('history'), sheetValues_(sheets.history), false);
  return { steps, switched };
}

/** A table as it reads once these columns are rewritten (the header map follows the new names). */
function withColumns_(table: Table, columns: readonly ConvertedColumn[]): Table {
  if (columns.length === 0) return table;
  const header = table.header.slice();
  const rows = table.rows.map((r) => r.slice());
  for (const col of columns) {
    header[col.index] = col.values[0];
    for (let r = 0; r < rows.length; r++) rows[r][col.index] = col.values[r + 1];
  }
  return { ...table, header, rows, map: mapHeaders(table.def, header) };
}

/** A column's dropdown (rows 2 down) set to these values; undone by putting the old rule back. */
function dropdownStep_(sheet: Sheet, column: number, values: string[], lang: Lang): () => () => void {
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
function historyWrite_(target: HistoryTarget, result: EchelonResult, now: Date, lang: Lang): HistoryPlan {
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
    for (const [key, v] of Object.entries(rec)) if (map.index[key] !== undefined) row[map.index[key]] = v;
    return row;
  });
  const owned = Object.values(map.index);
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
function writeHistory_(w: Writes, plan: HistoryPlan): void {
  w.ensureSize(plan.sheet, plan.row + plan.rows.length - 1, plan.width);
  const runs = columnRuns(plan.owned);
  const header = plan.headerCells ? [{ row: 1, column: plan.headerCells.column, rows: 1, columns: plan.headerCells.values.length }] : [];
  refuseMerges(plan.sheet, [...header, ...runs.map((run) => ({ row: plan.row, column: run.start + 1, rows: plan.rows.length, columns: run.count }))]);
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
function echelonRepairs_(oldHeader: readonly unknown[], block: SheetBlock, lang: Lang): string[] {
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
      columns: added.map((c) => columnLetter(block.column + after.index[c.key])).join(', '),
    }),
  ];
}

/** The first of these sheets protected against this user (a warning-only protection lets anyone edit). */
function blockedSheet_(sheets: readonly (Sheet | false | undefined)[]): string | null {
  for (const sheet of sheets) {
    if (!sheet) continue;
    for (const type of [SpreadsheetApp.ProtectionType.SHEET, SpreadsheetApp.ProtectionType.RANGE])
      for (const p of sheet.getProtections(type)) if (!p.isWarningOnly() && !p.canEdit()) return sheet.getName();
  }
  return null;
}

/** The Dashboard's saved fingerprint; none (so the Dashboard is rewritten) when it cannot be read. */
function savedDashboardFingerprint_(): string | null {
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
function saveDashboardFingerprint_(fingerprint: string): void {
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
function chartStep_(sheet: Sheet, lang: Lang, retitle: boolean): () => () => void {
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

// ---------------------------------------------------------------- menu items and the trigger

interface RunOutcome_ {
  outcome: RunOutcome;
  message: string;
  lang: Lang;
}

/**
 * One recompute, told truly: "written" (or "unchanged") once the writes landed, "put back" when a
 * write failed and everything was undone, "failed" before anything was written (or when not
 * everything could be put back), "skipped" when another run holds the lock or a sheet is missing.
 */
function runRecompute_(lang: Lang, now: Date): RunOutcome_ {
  try {
    const s = recompute_(SpreadsheetApp.getActiveSpreadsheet(), lang, now);
    return { outcome: s.written.echelon || s.written.history || s.written.dashboard ? 'written' : 'unchanged', message: s.message, lang: s.lang };
  } catch (e) {
    if (e instanceof LockBusyError || e instanceof RecomputeRefused) return { outcome: 'skipped', message: e.message, lang };
    if (e instanceof MergedCellsError) return { outcome: 'skipped', message: t('mergedCells', lang, { name: e.sheet, range: e.cells }), lang };
    if (e instanceof WriteFailed)
      return e.putBack
        ? { outcome: 'put back', message: t('recomputeRestored', lang, { message: e.message }), lang }
        : { outcome: 'failed', message: t('recomputeNotPutBack', lang, { message: e.message }), lang };
    return { outcome: 'failed', message: t('recomputeNotStarted', lang, { message: errorText_(e) }), lang };
  }
}

/** KOC Ops → Recompute now: run, record it, then a toast (an alert when it did not write). */
export function recomputeNow_(): void {
  const lang = localeLang_();
  const now = new Date();
  const run = runRecompute_(lang, now);
  recordRun_({ at: now.toISOString(), outcome: run.outcome, scheduled: false, message: run.message });
  // Telling the user is the last step: a toast that fails does not undo or fail the run.
  try {
    if (run.outcome === 'written' || run.outcome === 'unchanged') SpreadsheetApp.getActiveSpreadsheet().toast(run.message, t('menuTitle', run.lang), 8);
    else {
      const ui = SpreadsheetApp.getUi();
      ui.alert(t('menuTitle', run.lang), run.message, ui.ButtonSet.OK);
    }
  } catch (e) {
    console.log(`KOC Ops: ${run.message} (${errorText_(e)})`);
  }
}

/**
 * The time-driven run: no UI at all (getUi throws in a trigger). Every run is recorded, so Show
 * schedule tells a failing schedule (an add-on's trigger sends no failure e-mail). A busy lock is
 * logged and the run skipped — the next one catches up; a failure is logged and thrown after it
 * was recorded (and its writes put back), so the execution shows as failed.
 */
export function onScheduledRecompute_(e?: unknown): void {
  const lang = localeLang_();
  if (!stillScheduled_(e)) {
    console.log(`KOC Ops: ${t('triggerRetired', lang)}`);
    return;
  }
  const now = new Date();
  const run = runRecompute_(lang, now);
  recordRun_({ at: now.toISOString(), outcome: run.outcome, scheduled: true, message: run.message });
  if (run.outcome === 'put back' || run.outcome === 'failed') {
    console.error(`KOC Ops: ${run.message}`);
    throw new Error(run.message);
  }
  console.log(`KOC Ops: ${run.message}`);
}

export const RECOMPUTE_FUNCTIONS: PublicFunction[] = [
  {
    name: 'recomputeNow',
    kind: 'menu',
    summary: 'Recomputes every KOC’s score, tier, stage, ROI, follow-up status, next action and mentor; writes Echelon, History and Dashboard.',
    params: [],
    menu: { en: 'Recompute now', zh: '立即重算', order: 20, group: 'recompute' },
    impl: recomputeNow_,
  },
  {
    name: 'scheduleDaily',
    kind: 'menu',
    summary: 'Runs the recompute every day at the hour in Settings (replaces any recompute schedule).',
    params: [],
    menu: { en: 'Schedule daily', zh: '每天自动重算', order: 21, group: 'recompute' },
    impl: scheduleDaily_,
  },
  {
    name: 'scheduleHourly',
    kind: 'menu',
    summary: 'Runs the recompute every hour (replaces any recompute schedule).',
    params: [],
    menu: { en: 'Schedule hourly', zh: '每小时自动重算', order: 22, group: 'recompute' },
    impl: scheduleHourly_,
  },
  {
    name: 'stopSchedule',
    kind: 'menu',
    summary: 'Stops the scheduled recompute.',
    params: [],
    menu: { en: 'Stop schedule', zh: '停止自动重算', order: 23, group: 'recompute' },
    impl: stopSchedule_,
  },
  {
    name: 'showSchedule',
    kind: 'menu',
    summary: 'Shows the recompute schedule and the last run.',
    params: [],
    menu: { en: 'Show schedule', zh: '查看重算计划', order: 24, group: 'recompute' },
    impl: showSchedule_,
  },
  {
    name: RECOMPUTE_HANDLER,
    kind: 'trigger',
    summary: 'Time-driven recompute (installed by Schedule daily / Schedule hourly); uses no UI.',
    params: [{ name: 'e', type: 'Object', description: 'The time-driven event.' }],
    impl: onScheduledRecompute_,
  },
];

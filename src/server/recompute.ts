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
import { computeEchelon } from '../core/echelon/compute';
import { echelonBlock, historyRecords, type SheetBlock } from '../core/echelon/sheet';
import type { EchelonResult } from '../core/echelon/types';
import { DEFAULT_PLAYBOOK, playbookFromSheet } from '../core/playbook';
import { noKocIdColumnMessage } from '../core/record';
import { parseSettings } from '../core/settings';
import { t } from '../core/text';
import { mapHeaders } from '../sheets/headers';
import { type Lang, label, normalizeHeader, type SheetDef, type SheetKey, sheetDef, } from '../sheets/schema';
import { findSheets, headerProblems, readTable, safeCell, type Table } from '../sheets/table';
import { refreshAsOf_ } from './asof';
import { countDaysAsSheetShows_, dropdown_, errorText_, LockBusyError, localeLang_, withDocumentLock_, workbookLang_ } from './context';
import { type ConvertedColumn, convertTable, headerInOtherLanguage } from '../sheets/language';
import type { PublicFunction } from './registry-types';
import { RECOMPUTE_HANDLER, saveLastRun_, scheduleDaily_, scheduleHourly_, showSchedule_, stillScheduled_, stopSchedule_ } from './schedule';

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

/** A write failed and the writes before it were undone: the workbook is as it was. */
export class WriteUndone extends Error {}

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

// ---------------------------------------------------------------- writing with undo

/** A planned write: a rectangle of values at a 1-based row and column. */
interface Write {
  sheet: Sheet;
  row: number;
  column: number;
  values: unknown[][];
  /**
   * The values there before (same shape), to put back if a later write fails; made only then.
   * Undefined for the last write, which nothing can fail after.
   */
  before: (() => unknown[][]) | undefined;
}

function blankRows(rows: number, width: number): unknown[][] {
  return Array.from({ length: rows }, () => new Array<unknown>(width).fill(''));
}

/** The old cells under a block: the rows read, cut to the block's columns, padded with blanks. */
function cellsUnder(old: readonly (readonly unknown[])[], column0: number, rows: number, width: number): unknown[][] {
  const out = blankRows(rows, width);
  for (let r = 0; r < rows && r < old.length; r++) for (let c = 0; c < width; c++) out[r][c] = old[r][column0 + c] ?? '';
  return out;
}

/**
 * Apply writes in order. Each successful step leaves an undo; when a step throws, the undos run
 * newest first (each on its own, so one failing does not stop the rest) and the error is thrown
 * on. Rows added to fit a block are removed again on undo.
 */
function applyAll_(steps: (() => () => void)[]): void {
  const undos: (() => void)[] = [];
  try {
    for (const step of steps) undos.push(step());
  } catch (e) {
    for (let i = undos.length - 1; i >= 0; i--) {
      try {
        undos[i]();
      } catch (undoError) {
        console.error(`KOC Ops: undo failed: ${String(undoError)}`);
      }
    }
    throw new WriteUndone(errorText_(e));
  }
}

/** A sheet that must grow grows to a multiple of this many rows (Sheets' own default size). */
const GROW_STEP = 1000;

/**
 * Make sure the sheet has `rows` rows; returns an undo removing what was added. It grows with some
 * blank rows to spare, so the next runs of a growing roster (or History) write without an insert
 * call of their own.
 */
function ensureRows_(sheet: Sheet, rows: number): () => void {
  const max = sheet.getMaxRows();
  if (rows <= max) return () => {};
  const added = Math.ceil(rows / GROW_STEP) * GROW_STEP - max;
  sheet.insertRowsAfter(max, added);
  return () => sheet.deleteRows(max + 1, added);
}

function writeStep_(w: Write): () => () => void {
  return () => {
    const lastRow = w.row + w.values.length - 1;
    const undoRows = ensureRows_(w.sheet, lastRow);
    try {
      // In place: the block is ours and is not read again, and a 50k-row copy is not free.
      // Indexed: for-of allocates an iterator result per row until the loop is optimized.
      for (let i = 0; i < w.values.length; i++) {
        const r = w.values[i];
        for (let c = 0; c < r.length; c++) r[c] = safeCell(r[c]);
      }
      w.sheet.getRange(w.row, w.column, w.values.length, w.values[0].length).setValues(w.values);
    } catch (e) {
      undoRows();
      throw e;
    }
    const restore = w.before;
    if (!restore) return undoRows;
    return () => {
      const before = restore();
      for (const r of before) for (let c = 0; c < r.length; c++) r[c] = safeCell(r[c]);
      w.sheet.getRange(w.row, w.column, before.length, before[0].length).setValues(before);
      undoRows();
    };
  };
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
 * Updated time stays, so an unchanged run changes no cell. Anything else on the sheet (an older,
 * longer layout; something typed below it) shows in the extent and is blanked by the block.
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
  const width = Math.max(DASHBOARD_WIDTH, sheetColumns);
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

    // Write: Echelon, History, the chart, and the Dashboard last; a failure undoes the earlier
    // steps. The Dashboard's own write needs no undo: when it fails nothing comes after it, and
    // a failed setValues leaves its sheet as it was.
    const steps: (() => () => void)[] = [];
    if (echelon.changed)
      steps.push(
        writeStep_({
          sheet: sheets.echelon!,
          row: 1,
          column: echelon.column + 1,
          values: echelon.values,
          before: () => cellsUnder(echelonValues, echelon.column, echelon.values.length, echelon.width),
        }),
      );
    steps.push(...converted.steps);
    if (historyWrite) steps.push(writeStep_(historyWrite));
    // The chart is checked every run (one metadata call), so a chart someone deleted comes back.
    if (sheets.dashboard) steps.push(chartStep_(sheets.dashboard, book, converted.switched));
    // The day the formulas count to (KOC_ASOF) moves with the sheets they must agree with.
    steps.push(() => refreshAsOf_(ss, now, settingsTable) ?? (() => {}));
    if (dashboard?.changed) steps.push(writeStep_({ sheet: sheets.dashboard!, row: 1, column: 1, values: dashboard.values, before: undefined }));
    applyAll_(steps);
    if (dashboard?.changed) saveDashboardFingerprint_(dashboard.fingerprint);

    const problemRows = result.lines.filter((l) => l.problems.length > 0).length;
    const parts = [
      t(result.history.length || echelon.changed ? 'recomputeDone' : 'recomputeUnchanged', lang, { count: result.entries.length, changes: historyWrite ? result.history.length : 0 }),
    ];
    for (const p of duplicateHeaders) parts.push(lang === 'zh' ? `${p}。` : `${p}.`);
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

/** The History rows to append below the last row, mapped to its header (owned columns it lacks are left out). */
function historyWrite_(target: HistoryTarget, result: EchelonResult, now: Date, lang: Lang): Write {
  const def = sheetDef('history');
  const headerBlank = target.header.every((h) => String(h ?? '').trim() === '');
  const header = headerBlank ? def.columns.map((c) => label(c, lang)) : target.header;
  const map = mapHeaders(def, header);
  const rows = historyRecords(result.history, now, lang).map((rec) => {
    const row = new Array<unknown>(header.length).fill('');
    for (const [key, v] of Object.entries(rec)) if (map.index[key] !== undefined) row[map.index[key]] = v;
    return row;
  });
  if (headerBlank) return { sheet: target.sheet, row: 1, column: 1, values: [header, ...rows], before: () => blankRows(rows.length + 1, header.length) };
  return { sheet: target.sheet, row: target.lastRow + 1, column: 1, values: rows, before: () => blankRows(rows.length, header.length) };
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

/** KOC Ops → Recompute now: run, then a toast (an alert when it failed). */
export function recomputeNow_(): void {
  const lang = localeLang_();
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const now = new Date();
    const s = recompute_(ss, lang, now);
    saveLastRun_(now, s.message);
    ss.toast(s.message, t('menuTitle', s.lang), 8);
  } catch (e) {
    const message =
      e instanceof LockBusyError || e instanceof RecomputeRefused
        ? e.message
        : e instanceof WriteUndone
          ? t('recomputeRestored', lang, { message: e.message })
          : t('failed', lang, { message: errorText_(e) });
    const ui = SpreadsheetApp.getUi();
    ui.alert(t('menuTitle', lang), message, ui.ButtonSet.OK);
  }
}

/**
 * The time-driven run: no UI at all (getUi throws in a trigger). A busy lock is logged and the
 * run skipped — the next one catches up; any other failure is logged and thrown, so Apps Script
 * emails the owner, after the writes were undone.
 */
export function onScheduledRecompute_(e?: unknown): void {
  const lang = localeLang_();
  if (!stillScheduled_(e)) {
    console.log(`KOC Ops: ${t('triggerRetired', lang)}`);
    return;
  }
  try {
    const now = new Date();
    const s = recompute_(SpreadsheetApp.getActiveSpreadsheet(), lang, now);
    saveLastRun_(now, s.message);
    console.log(`KOC Ops: ${s.message}`);
  } catch (e) {
    if (e instanceof LockBusyError || e instanceof RecomputeRefused) {
      console.log(`KOC Ops: ${e.message}`);
      return;
    }
    console.error(`KOC Ops: ${e instanceof WriteUndone ? t('recomputeRestored', lang, { message: e.message }) : t('failed', lang, { message: errorText_(e) })}`);
    throw e;
  }
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

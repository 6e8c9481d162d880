/**
 * The echelon recompute and its schedule (SPEC §5). One run: take the document lock, read every
 * sheet it needs once (one getValues each), compute everything in pure code
 * (src/core/echelon.ts), then write Echelon, History and Dashboard in one setValues each —
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
import { computeEchelon, echelonBlock, type EchelonResult, historyRecords, type SheetBlock } from '../core/echelon';
import { playbookFromSheet } from '../core/playbook';
import { noKocIdColumnMessage } from '../core/record';
import { parseSettings } from '../core/settings';
import { t } from '../core/text';
import { mapHeaders } from '../sheets/headers';
import { type Lang, label, normalizeHeader, type SheetKey, SHEETS, sheetDef, sheetNames } from '../sheets/schema';
import { headerProblems, readTable, safeCell, type Table } from '../sheets/table';
import { refreshAsOf_ } from './asof';
import { countDaysAsSheetShows_, loadSettings_, LockBusyError, localeLang_, withDocumentLock_ } from './context';
import type { PublicFunction } from './registry-types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The trigger handler's global name: the one installable trigger recompute owns. */
export const RECOMPUTE_HANDLER = 'onScheduledRecompute';
/** Document properties: the schedule as set, and the last run, for "Show schedule". */
const PROP_SCHEDULE = 'kocops.recompute.schedule';
const PROP_LAST_RUN = 'kocops.recompute.lastRun';
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

/** Every schema sheet by key, from one getSheets and one getName per sheet. */
function sheetsByKey_(ss: Spreadsheet): Partial<Record<SheetKey, Sheet>> {
  const named = ss.getSheets().map((sheet) => ({ sheet, name: normalizeHeader(sheet.getName()) }));
  const found: Partial<Record<SheetKey, Sheet>> = {};
  for (const def of SHEETS) {
    const names = sheetNames(def);
    const hit = named.find((s) => names.includes(s.name));
    if (hit) found[def.key] = hit.sheet;
  }
  return found;
}

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
    const sheets = sheetsByKey_(ss);

    // Read everything first: one getValues per sheet.
    const settingsTable = tableOf_(sheets.settings, 'settings');
    const pairs = settingsTable ? settingsTable.rows.map((r) => [r[settingsTable.map.index.setting ?? 0], r[settingsTable.map.index.value ?? 1]]) : [];
    const { settings, problems: settingProblems } = parseSettings(pairs, localeLang);
    const lang: Lang = settings.language === 'auto' ? localeLang : settings.language;
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

    // Compute everything before writing anything.
    const playbook = playbookFromSheet(playbookTable, lang);
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
      lang,
    });
    const echelon = echelonBlock({ sheet: echelonValues, lines: result.lines, lang, now, map: echelonMap });
    const dashboard = sheets.dashboard ? dashboardBlock_(sheets.dashboard, savedDashboardFingerprint_(), result.dashboard, lang, now) : undefined;
    // History's header is read only when there is something to append under it.
    const historyWrite = sheets.history && result.history.length ? historyWrite_(historyTarget_(sheets.history), result, now, lang) : undefined;

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
    if (historyWrite) steps.push(writeStep_(historyWrite));
    // The chart is checked every run (one metadata call), so a chart someone deleted comes back.
    if (sheets.dashboard) steps.push(chartStep_(sheets.dashboard, lang));
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
function chartStep_(sheet: Sheet, lang: Lang): () => () => void {
  return () => {
    if (sheet.getCharts().length > 0) return () => {};
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

function errorText_(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

function saveLastRun_(now: Date, message: string): void {
  try {
    PropertiesService.getDocumentProperties().setProperty(PROP_LAST_RUN, JSON.stringify({ at: now.toISOString(), message }));
  } catch (_) {
    // Only "Show schedule" reads it; a run is not failed for it.
  }
}

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

/**
 * The document's one schedule, in document properties. `triggerId` names the trigger that carries
 * it: triggers belong to the user who made them and no one else can see or delete them, so when a
 * second user schedules, the first user's trigger finds on its next run that it is no longer the
 * document's schedule and deletes itself. That keeps "never more than one" across a team.
 */
interface Schedule {
  kind: 'daily' | 'hourly';
  hour?: number;
  tz?: string;
  triggerId?: string;
}

/** This user's recompute triggers in this document. */
function recomputeTriggers_(ss: Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ss).filter((tr) => tr.getHandlerFunction() === RECOMPUTE_HANDLER);
}

function savedSchedule_(): Schedule | undefined {
  return parseJson_<Schedule>(PropertiesService.getDocumentProperties().getProperty(PROP_SCHEDULE));
}

function createTrigger_(schedule: Schedule): GoogleAppsScript.Script.Trigger {
  const builder = ScriptApp.newTrigger(RECOMPUTE_HANDLER).timeBased();
  return schedule.kind === 'hourly' ? builder.everyHours(1).create() : builder.everyDays(1).atHour(schedule.hour!).inTimezone(schedule.tz!).create();
}

/**
 * Replace the schedule with `schedule`. This user's old trigger goes first (an add-on may hold only
 * one time trigger per user and document); if the new one cannot be made, the old one is made
 * again, so a failed change never leaves the document without the schedule it had.
 */
function schedule_(schedule: Schedule): string {
  const lang = localeLang_();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return withDocumentLock_(lang, () => {
    const before = savedSchedule_();
    const mine = recomputeTriggers_(ss);
    const hadMine = mine.length > 0;
    for (const tr of mine) ScriptApp.deleteTrigger(tr);
    let made: GoogleAppsScript.Script.Trigger;
    try {
      made = createTrigger_(schedule);
    } catch (e) {
      if (hadMine && before) {
        try {
          const again = createTrigger_(before);
          PropertiesService.getDocumentProperties().setProperty(PROP_SCHEDULE, JSON.stringify({ ...before, triggerId: again.getUniqueId() }));
        } catch (_) {
          // Nothing more to try: the error below says the change failed.
        }
      }
      throw e;
    }
    PropertiesService.getDocumentProperties().setProperty(PROP_SCHEDULE, JSON.stringify({ ...schedule, triggerId: made.getUniqueId() }));
    return schedule.kind === 'hourly' ? t('scheduledHourly', lang) : t('scheduledDaily', lang, { hour: pad2(schedule.hour!), tz: schedule.tz! });
  });
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function toastOrAlert_(message: string, lang: Lang): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, t('menuTitle', lang), 8);
}

/** A refusal that changed nothing; shown as it is. */
class ScheduleRefused extends Error {}

function guarded_(fn: () => string): void {
  const lang = localeLang_();
  try {
    toastOrAlert_(fn(), lang);
  } catch (e) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(t('menuTitle', lang), e instanceof LockBusyError || e instanceof ScheduleRefused ? e.message : t('failed', lang, { message: errorText_(e) }), ui.ButtonSet.OK);
  }
}

export function scheduleDaily_(): void {
  guarded_(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const { settings, invalid, lang } = loadSettings_(ss);
    // A bad hour in Settings is not silently replaced by the default: the team asked for another time.
    if (invalid.scheduleHour) throw new ScheduleRefused(`${invalid.scheduleHour}\n${t('scheduleNotChanged', lang)}`);
    return schedule_({ kind: 'daily', hour: settings.scheduleHour, tz: ss.getSpreadsheetTimeZone() });
  });
}

export function scheduleHourly_(): void {
  guarded_(() => schedule_({ kind: 'hourly' }));
}

export function stopSchedule_(): void {
  guarded_(() => {
    const lang = localeLang_();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    return withDocumentLock_(lang, () => {
      const mine = recomputeTriggers_(ss);
      if (mine.length === 0 && !savedSchedule_()) return t('scheduleNothingToStop', lang);
      for (const tr of mine) ScriptApp.deleteTrigger(tr);
      // Another user's trigger, if any, stops itself on its next run: it is no longer the schedule.
      PropertiesService.getDocumentProperties().deleteProperty(PROP_SCHEDULE);
      return t('scheduleStopped', lang);
    });
  });
}

/**
 * Whether the trigger now running still carries the document's schedule. One that was replaced
 * (by this user or another) or stopped deletes itself and does not run.
 */
function stillScheduled_(e: unknown): boolean {
  const uid = (e as { triggerUid?: unknown } | undefined)?.triggerUid;
  if (uid === undefined || uid === null || uid === '') return true;
  const saved = savedSchedule_();
  // Scheduled before triggers were recorded: it stands until it is replaced or stopped.
  if (saved && saved.triggerId === undefined) return true;
  if (saved?.triggerId === String(uid)) return true;
  for (const tr of ScriptApp.getProjectTriggers()) if (tr.getUniqueId() === String(uid)) ScriptApp.deleteTrigger(tr);
  return false;
}

/** The schedule in words ("every day at 06:00 (Asia/Shanghai)"), from what was set. */
export function describeSchedule_(ss: Spreadsheet, lang: Lang): string {
  const props = PropertiesService.getDocumentProperties();
  const saved = parseJson_<Schedule>(props.getProperty(PROP_SCHEDULE));
  const mine = recomputeTriggers_(ss);
  // What was set is the schedule: a trigger without it retires on its next run (stillScheduled_).
  let schedule = t('scheduleNone', lang);
  if (saved?.kind === 'hourly') schedule = t('scheduleHourly', lang);
  else if (saved?.kind === 'daily') schedule = t('scheduleDailyAt', lang, { hour: pad2(saved.hour ?? 0), tz: saved.tz ?? '' });
  // The trigger is another user's when it is not among this user's: only they can see it.
  if (saved?.triggerId && !mine.some((tr) => tr.getUniqueId() === saved.triggerId)) schedule = t('scheduleOtherUser', lang, { schedule });
  const last = parseJson_<{ at: string; message: string }>(props.getProperty(PROP_LAST_RUN));
  // The last run in the spreadsheet's time zone, the same clock the daily hour is set in.
  const tz = ss.getSpreadsheetTimeZone();
  const when = last ? `${Utilities.formatDate(new Date(last.at), tz, 'yyyy-MM-dd HH:mm')} (${tz})` : '';
  return t('scheduleShow', lang, { schedule, last: last ? `${when} — ${last.message}` : t('never', lang) });
}

function parseJson_<T>(text: string | null): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (_) {
    return undefined;
  }
}

export function showSchedule_(): void {
  const lang = localeLang_();
  const ui = SpreadsheetApp.getUi();
  try {
    ui.alert(t('menuTitle', lang), describeSchedule_(SpreadsheetApp.getActiveSpreadsheet(), lang), ui.ButtonSet.OK);
  } catch (e) {
    ui.alert(t('menuTitle', lang), t('failed', lang, { message: errorText_(e) }), ui.ButtonSet.OK);
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

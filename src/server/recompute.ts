/**
 * The echelon recompute (the schedule: schedule.ts; how each sheet is written: recompute-sheets.ts). One run: take
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
import { dayNumber, readDatesFor } from '../core/dates';
import { computeEchelon } from '../core/echelon/compute';
import { echelonBlock } from '../core/echelon/sheet';
import type { EchelonResult } from '../core/echelon/types';
import { DEFAULT_PLAYBOOK, playbookFromSheet } from '../core/playbook';
import { noKocIdColumnMessage } from '../core/record';
import { t } from '../core/text';
import { mapHeaders } from '../sheets/headers';
import { type Lang, label, normalizeHeader, type SheetDef, type SheetKey, sheetDef } from '../sheets/schema';
import { findSheets, headerProblems, readTable, type Table } from '../sheets/table';
import { MergedCellsError } from '../sheets/sheet-layout';
import { transaction, WriteFailed, errorText } from '../sheets/writes';
import { refreshAsOf_ } from './asof';
import { chartStep_, dashboardBlock_, dropdownStep_, echelonRepairs_, historyTarget_, historyWrite_, savedDashboardFingerprint_, saveDashboardFingerprint_, writeDashboard_, writeEchelon_, writeHistory_, writeStep_ } from './recompute-sheets';
import { countDaysAsSheetShows_, LockBusyError, localeLang_, settingsOf_, withDocumentLock_ } from './context';
import { type ConvertedColumn, convertTable, headerInOtherLanguage } from '../sheets/language';
import { menuItem, type PublicFunction } from './registry-types';
import { recordRun_, type RunOutcome } from './run-log';
import { RECOMPUTE_HANDLER, scheduleDaily_, scheduleHourly_, showSchedule_, stillScheduled_, stopSchedule_ } from './schedule';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

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

// ---------------------------------------------------------------- writing

// ---------------------------------------------------------------- the run

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
    const { settings, problems: settingProblems, lang: book } = settingsOf_(ss, settingsTable, localeLang);
    // The run's message in the language of whoever runs it; every cell in the workbook's.
    const lang: Lang = localeLang;
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
    // Merged cells in the way are a refusal, told as such once what was begun is put back.
    const refusal = (e: unknown) => e instanceof MergedCellsError;
    transaction((w) => {
      if (echelon.changed) writeEchelon_(w, sheets.echelon!, echelon, echelonValues);
      // Cells written in the other language, brought into the workbook's (language switch).
      for (const step of converted.steps) w.step(step);
      if (historyWrite) writeHistory_(w, historyWrite);
      // The chart is checked every run (one metadata call), so a chart someone deleted comes back.
      if (sheets.dashboard) w.step(chartStep_(sheets.dashboard, book, converted.switched));
      // The day the formulas count to (KOC_ASOF) moves with the sheets they must agree with.
      w.step(() => refreshAsOf_(ss, now, settingsTable) ?? (() => {}));
      if (dashboard?.changed) writeDashboard_(w, sheets.dashboard!, dashboard.values);
    }, refusal);
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

/** The first of these sheets protected against this user (a warning-only protection lets anyone edit). */
function blockedSheet_(sheets: readonly (Sheet | false | undefined)[]): string | null {
  for (const sheet of sheets) {
    if (!sheet) continue;
    for (const type of [SpreadsheetApp.ProtectionType.SHEET, SpreadsheetApp.ProtectionType.RANGE])
      for (const p of sheet.getProtections(type)) if (!p.isWarningOnly() && !p.canEdit()) return sheet.getName();
  }
  return null;
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
    return { outcome: 'failed', message: t('recomputeNotStarted', lang, { message: errorText(e) }), lang };
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
    console.log(`KOC Ops: ${run.message} (${errorText(e)})`);
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
  menuItem('recomputeNow', 'Recomputes every KOC’s score, tier, stage, ROI, follow-up status, next action and mentor; writes Echelon, History and Dashboard.', { en: 'Recompute now', zh: '立即重算', order: 20, group: 'recompute' }, recomputeNow_),
  menuItem('scheduleDaily', 'Runs the recompute every day at the hour in Settings (replaces any recompute schedule).', { en: 'Schedule daily', zh: '每天自动重算', order: 21, group: 'recompute' }, scheduleDaily_),
  menuItem('scheduleHourly', 'Runs the recompute every hour (replaces any recompute schedule).', { en: 'Schedule hourly', zh: '每小时自动重算', order: 22, group: 'recompute' }, scheduleHourly_),
  menuItem('stopSchedule', 'Stops the scheduled recompute.', { en: 'Stop schedule', zh: '停止自动重算', order: 23, group: 'recompute' }, stopSchedule_),
  menuItem('showSchedule', 'Shows the recompute schedule and the last run.', { en: 'Show schedule', zh: '查看重算计划', order: 24, group: 'recompute' }, showSchedule_),
  {
    name: RECOMPUTE_HANDLER,
    kind: 'trigger',
    summary: 'Time-driven recompute (installed by Schedule daily / Schedule hourly); uses no UI.',
    params: [{ name: 'e', type: 'Object', description: 'The time-driven event.' }],
    impl: onScheduledRecompute_,
  },
];

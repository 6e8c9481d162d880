/**
 * The recompute's schedule: one time-driven trigger per document (whoever set it last), the menu
 * items that set, stop and show it, and the last run's record that "Show schedule" reports.
 */
import { t } from '../core/text';
import type { Lang } from '../sheets/schema';
import { loadSettings_, LockBusyError, localeLang_, withDocumentLock_ } from './context';
import { errorText } from '../sheets/writes';
import { describeRuns_ } from './run-log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The trigger handler's global name: the one installable trigger recompute owns. */
export const RECOMPUTE_HANDLER = 'onScheduledRecompute';
/** Document property: the schedule as set (the runs are in the run log, run-log.ts). */
const PROP_SCHEDULE = 'kocops.recompute.schedule';

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
    ui.alert(t('menuTitle', lang), e instanceof LockBusyError || e instanceof ScheduleRefused ? e.message : t('failed', lang, { message: errorText(e) }), ui.ButtonSet.OK);
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
export function stillScheduled_(e: unknown): boolean {
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
  // The runs in the spreadsheet's time zone, the same clock the daily hour is set in.
  const runs = describeRuns_(ss.getSpreadsheetTimeZone(), lang);
  return t('scheduleShow', lang, { schedule, last: runs.last }) + (runs.failure ? t('scheduleLastFailure', lang, { failure: runs.failure }) : '');
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
    ui.alert(t('menuTitle', lang), t('failed', lang, { message: errorText(e) }), ui.ButtonSet.OK);
  }
}

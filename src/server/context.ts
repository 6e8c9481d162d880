/**
 * Small helpers for code that meets Apps Script: the user's language, messages to the user that
 * work with and without a UI, and the document lock.
 */
import { countDaysInWhenNeeded, type ZoneOffset } from '../core/dates';
import { langFromLocale, t } from '../core/text';
import type { parseSettings, Settings } from '../core/settings';
import type { Lang } from '../sheets/schema';
import { findSheet, readTable, settingsFromTable, type Table } from '../sheets/table';

/** The user's language from their locale (works in every auth mode, including NONE). */
export function localeLang_(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch (_) {
    return 'en';
  }
}

/**
 * The workbook's language: what KOC Ops writes into its cells (headers, dropdown values, next
 * actions, History, the Dashboard), whoever runs it — a user of any locale or a trigger. Settings →
 * Language when it is en or zh (setup stores it there); `auto` means the spreadsheet's own locale
 * (File → Settings), which is the same for every user. A user's locale only decides what the menu,
 * the dialogs and the sidebar show that user.
 */
export function workbookLang_(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Pick<Settings, 'language'>): Lang {
  if (settings.language !== 'auto') return settings.language;
  try {
    return langFromLocale(ss.getSpreadsheetLocale());
  } catch (_) {
    return 'en';
  }
}

/** A dropdown of a column's values in a language (setup, and a language switch's recompute). */
export function dropdown_(values: string[], lang: Lang): GoogleAppsScript.Spreadsheet.DataValidation {
  // Allow invalid with a warning: a value pasted in the other language (or a new one) is flagged, not refused.
  return SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(true).setHelpText(t('validationHelp', lang)).build();
}

/** Settings read from the Settings table (settingsFromTable), and the workbook's language. */
export function settingsOf_(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  table: Pick<Table, 'map' | 'rows'> | undefined,
  autoLang: Lang | (() => Lang) = localeLang_,
): ReturnType<typeof parseSettings> & { lang: Lang } {
  const parsed = settingsFromTable(table, autoLang);
  return { ...parsed, lang: workbookLang_(ss, parsed.settings) };
}

/** Settings from the Settings sheet (defaults when the sheet is missing), and the workbook's language. */
export function loadSettings_(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): ReturnType<typeof settingsOf_> {
  const sheet = findSheet(ss.getSheets(), 'settings');
  return settingsOf_(ss, sheet ? readTable(sheet, 'settings') : undefined);
}

const HOUR_MS = 3_600_000;
/** Where a formula compares the spreadsheet's zone with the runtime's: a fixed instant (2025-01-01). */
const FORMULA_ZONE_INSTANT = 1_735_689_600_000;
const SPAN_MS = 30 * 24 * HOUR_MS;

/** A zone's UTC offset in minutes at an instant, from Apps Script ("+0800", "-0430"). */
function offsetIn_(tz: string, ms: number): number {
  const z = Utilities.formatDate(new Date(ms), tz, 'Z');
  const minutes = Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5));
  return z[0] === '-' ? -minutes : minutes;
}

/**
 * Count days as the spreadsheet shows them. When its time zone keeps the same offsets as this
 * runtime's (the usual case: Asia/Shanghai on both sides) Dates' own fields are right and nothing
 * changes; otherwise days are counted through the spreadsheet zone's offsets, asked of Apps Script
 * once per 30-day span (a span with a DST change inside is asked hour by hour). All of it waits
 * until a day is first counted: a call that counts none asks nothing.
 */
export function countDaysAsSheetShows_(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  countDaysInWhenNeeded(() => sheetZoneOffset_(ss, Date.now()));
}

/**
 * The same for a custom function, which reads nothing but its arguments and the spreadsheet's
 * time zone (a change of zone makes Sheets recalculate every formula): the zone is asked only when
 * a day is first counted, and compared with the runtime's around a fixed instant, never the clock,
 * so a result never depends on the day it is computed. Without a spreadsheet (tests, bench) days
 * are counted in the runtime's zone.
 */
export function countFormulaDaysAsSheetShows_(): void {
  countDaysInWhenNeeded(() => {
    let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
    try {
      ss = typeof SpreadsheetApp === 'undefined' ? null : SpreadsheetApp.getActiveSpreadsheet();
    } catch (_) {
      ss = null;
    }
    return ss ? sheetZoneOffset_(ss, FORMULA_ZONE_INSTANT) : null;
  });
}

/** The spreadsheet's locale as a language, for formulas whose settings say Language auto; English without a spreadsheet. */
export function spreadsheetLang_(): Lang {
  try {
    return typeof SpreadsheetApp === 'undefined' ? 'en' : langFromLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  } catch (_) {
    return 'en';
  }
}

/** The spreadsheet zone's offsets, or null when they are this runtime's own (checked around the instant `now`). */
function sheetZoneOffset_(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: number): ZoneOffset | null {
  const tz = ss.getSpreadsheetTimeZone();
  // Now and half a year either side: a zone that differs only in summer time differs at one of them.
  const same = !tz || [now, now - 182 * 24 * HOUR_MS, now + 182 * 24 * HOUR_MS].every((ms) => offsetIn_(tz, ms) === -new Date(ms).getTimezoneOffset());
  if (same) return null;
  const spans = new Map<number, number | null>();
  const hours = new Map<number, number>();
  return (ms) => {
    const span = Math.floor(ms / SPAN_MS);
    let o = spans.get(span);
    if (o === undefined) {
      const start = offsetIn_(tz, span * SPAN_MS);
      o = start === offsetIn_(tz, (span + 1) * SPAN_MS - 1) ? start : null;
      spans.set(span, o);
    }
    if (o !== null) return o;
    const hour = Math.floor(ms / HOUR_MS);
    let h = hours.get(hour);
    if (h === undefined) {
      h = offsetIn_(tz, hour * HOUR_MS);
      hours.set(hour, h);
    }
    return h;
  };
}

/** True when this run can show UI (not a time-driven trigger). */
export function hasUi_(): boolean {
  try {
    SpreadsheetApp.getUi();
    return true;
  } catch (_) {
    return false;
  }
}

/** A toast in the bound spreadsheet; a log line when there is nobody to see it. */
export function notify_(message: string, title = 'KOC Ops'): void {
  try {
    SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 8);
  } catch (_) {
    console.log(`${title}: ${message}`);
  }
}

export class LockBusyError extends Error {}

/**
 * Run `fn` holding the document lock; a second run while one holds it is refused rather than
 * queued, so two writers never interleave.
 */
export function withDocumentLock_<T>(lang: Lang, fn: () => T, waitMs = 5000): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(waitMs)) throw new LockBusyError(t('busy', lang));
  let result: T;
  try {
    result = fn();
  } catch (e) {
    release_(lock);
    throw e;
  }
  // What fn did has happened: a lock that will not release (it is released when the run ends
  // anyway) is no reason to report it as failed.
  release_(lock);
  return result;
}

function release_(lock: GoogleAppsScript.Lock.Lock): void {
  try {
    lock.releaseLock();
  } catch (e) {
    console.error(`KOC Ops: could not release the document lock: ${e instanceof Error ? e.message : String(e)}`);
  }
}

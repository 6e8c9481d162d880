/**
 * Small helpers for code that meets Apps Script: the user's language, messages to the user that
 * work with and without a UI, and the document lock.
 */
import { langFromLocale, t } from '../core/text';
import { parseSettings, type Settings } from '../core/settings';
import type { Lang } from '../sheets/schema';
import { findSheet, readTable } from '../sheets/table';

/** The user's language from their locale (works in every auth mode, including NONE). */
export function localeLang_(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch (_) {
    return 'en';
  }
}

/** Settings from the Settings sheet (defaults when the sheet is missing), and the language to use. */
export function loadSettings_(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): { settings: Settings; lang: Lang; problems: string[] } {
  const sheet = findSheet(ss.getSheets(), 'settings');
  const rows = sheet ? readTable(sheet, 'settings') : null;
  const pairs = rows ? rows.rows.map((r) => [r[rows.map.index.setting ?? 0], r[rows.map.index.value ?? 1]]) : [];
  const { settings, problems } = parseSettings(pairs, localeLang_);
  const lang = settings.language === 'auto' ? localeLang_() : settings.language;
  return { settings, lang, problems };
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
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

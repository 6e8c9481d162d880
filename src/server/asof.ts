/**
 * KOC_ASOF: the day KOC Ops last refreshed, one date cell on Settings (the "As of" row's Value).
 * Formulas take it as their `asof` argument, so a new day reaches them as a changed argument —
 * the only way Sheets re-runs a custom function. Setup creates it; the recompute (menu and
 * schedule) and opening the file set it to today, in the spreadsheet's time zone.
 */
import { dateOfDay, dayNumber, readDay } from '../core/dates';
import { AS_OF_PATH, findSettingDef } from '../core/settings';
import { AS_OF_RANGE_NAME } from '../sheets/setup-plan';
import type { Table } from '../sheets/table';
import { countDaysAsSheetShows_ } from './context';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * Set the day cell to today's date (midnight in the spreadsheet's zone) when it shows another
 * day. The cell is KOC_ASOF, or — when a teammate deleted the name — the "As of" row of the
 * Settings table read by the caller, named KOC_ASOF again. Returns the undo, or null when
 * nothing was written. Days must be counted as the sheet shows them (countDaysAsSheetShows_).
 */
export function refreshAsOf_(ss: Spreadsheet, now: Date, settings?: Table): (() => void) | null {
  let range = ss.getRangeByName(AS_OF_RANGE_NAME);
  let named = false;
  if (!range && settings) {
    const at = settings.rows.findIndex((r) => findSettingDef(r[settings.map.index.setting ?? 0])?.path === AS_OF_PATH);
    if (at < 0) return null;
    range = settings.sheet.getRange(at + 2, (settings.map.index.value ?? 1) + 1);
    ss.setNamedRange(AS_OF_RANGE_NAME, range);
    named = true;
  }
  if (!range) return null;
  const cell: Range = range;
  const today = dayNumber(now);
  const before = valueIn(cell, settings) ?? cell.getValue();
  if (readDay(before) === today) return named ? () => ss.removeNamedRange(AS_OF_RANGE_NAME) : null;
  cell.setValue(dateOfDay(today));
  return () => {
    cell.setValue(before);
    if (named) ss.removeNamedRange(AS_OF_RANGE_NAME);
  };
}

/** The cell's value from the Settings table already read, when the cell lies in it (no read needed); undefined otherwise. */
function valueIn(cell: Range, settings: Table | undefined): unknown {
  if (!settings || cell.getSheet().getSheetId() !== settings.sheet.getSheetId()) return undefined;
  return settings.rows[cell.getRow() - 2]?.[cell.getColumn() - 1];
}

/**
 * onOpen's part: today into KOC_ASOF when the script may write. A bound script's simple trigger
 * (AuthMode.LIMITED) may edit its own file; an add-on not yet used in this document runs in
 * AuthMode.NONE and may not read it at all. Never throws: the menu matters more.
 */
export function refreshAsOfOnOpen_(e: unknown): void {
  const mode = String((e as { authMode?: unknown } | undefined)?.authMode ?? '');
  if (mode === 'NONE') return;
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (!ss) return;
    countDaysAsSheetShows_(ss);
    refreshAsOf_(ss, new Date());
  } catch (err) {
    // Protected Settings, a view-only user, a file opened read-only: the next recompute sets it.
    console.log(`KOC Ops: ${AS_OF_RANGE_NAME} was not refreshed on open: ${err instanceof Error ? err.message : String(err)}`);
  }
}

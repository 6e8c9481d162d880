/**
 * Dates in cells: Date objects (how Sheets passes a date cell) and ISO-like text (2024-05-01,
 * 2024/5/1, 2024.05.01, 2024年5月1日 or 2024年5月1号, optionally with a time; full-width digits
 * and spaces as a Chinese input method types them). A date written without its year (5月1日) is
 * in the year of the day it is read for: the run's day in the recompute and the sidebar, the
 * as-of day in a formula — as Sheets reads a date typed without a year in the current year. Every
 * reader of a date cell (recompute, sidebar, formulas, the preview) reads it here. Pure but for
 * the two settings of an execution: the zone days are counted in and the day dates are read for.
 *
 * Days are counted on the calendar, not in milliseconds, so a DST change between two dates never
 * makes "30 days" come out as 29.96. A calendar day is a "day number": days since 1970-01-01.
 */

const MS_PER_DAY = 86_400_000;
// Read once: global lookups are slow inside a vm context (the emulator, tests, bench).
const objectTag = Object.prototype.toString;
const utc = Date.UTC;
const isNotANumber = Number.isNaN;

/**
 * A valid Date, from any realm. Sheets' dates come from another V8 context than our bundle in
 * tests (and `instanceof Date` is false across realms), so this checks the internal tag.
 */
export function isDate(value: unknown): value is Date {
  // typeof first: most cells are text or numbers, and the tag check is a call.
  return typeof value === 'object' && value !== null && objectTag.call(value) === '[object Date]' && !isNotANumber((value as Date).getTime());
}

/** Minutes to add to UTC for the wall time, at an instant, in the zone days are counted in. */
export type ZoneOffset = (ms: number) => number;

// Sheets shows a date cell in the spreadsheet's time zone, but a Date's own fields read in the
// script's. When the two disagree, a date typed as the 22nd would be read, and written back, as
// the 21st; so days are then counted in the spreadsheet's zone, through its offsets.
let zoneOffset: ZoneOffset | null = null;
// Asked when days are first counted, so an execution that counts none never asks (it costs calls).
let zoneToResolve: (() => ZoneOffset | null) | null = null;

/** Count days in the zone given by `offset`, or (null) in the script's own time zone. */
export function countDaysIn(offset: ZoneOffset | null): void {
  zoneOffset = offset;
  zoneToResolve = null;
  dayMemo.clear();
}

/** Like countDaysIn, with the zone worked out by `resolve` the first time a day is counted. */
export function countDaysInWhenNeeded(resolve: () => ZoneOffset | null): void {
  countDaysIn(null);
  zoneToResolve = resolve;
}

function resolveZone(): void {
  const resolve = zoneToResolve!;
  zoneToResolve = null;
  zoneOffset = resolve();
}

// Day numbers by a Date's time. Working out a Date's calendar day (three local-time reads and a
// Date.UTC) costs several Map lookups, and a sheet repeats the same few hundred days in 10^5
// cells. The script's time zone is fixed for an execution, so a time always gives the same day.
const dayMemo = new Map<number, number>();
const DAY_MEMO_LIMIT = 50_000;

/** The calendar day of a Date (in the zone days are counted in), as days since 1970-01-01. */
export function dayNumber(date: Date): number {
  const ms = date.getTime();
  let day = dayMemo.get(ms);
  if (day === undefined) {
    if (zoneToResolve !== null) resolveZone();
    if (dayMemo.size >= DAY_MEMO_LIMIT) dayMemo.clear(); // times of day are unbounded: never grow forever
    day = zoneOffset === null ? utc(date.getFullYear(), date.getMonth(), date.getDate()) / MS_PER_DAY : Math.floor((ms + zoneOffset(ms) * 60_000) / MS_PER_DAY);
    dayMemo.set(ms, day);
  }
  return day;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return dayNumber(to) - dayNumber(from);
}

/** The Date of a day number's midnight, in the zone days are counted in. */
export function dateOfDay(day: number): Date {
  const wall = day * MS_PER_DAY;
  if (zoneToResolve !== null) resolveZone();
  if (zoneOffset !== null) {
    // The offset at midnight itself: guess with the offset at wall time, then correct once.
    const at = wall - zoneOffset(wall - zoneOffset(wall) * 60_000) * 60_000;
    const shown = at + zoneOffset(at) * 60_000;
    // Where summer time starts at midnight (Santiago, Havana) that midnight never happens: the
    // day starts at 01:00, as a Date built from its fields would.
    return new Date(shown < wall ? at + (wall - shown) : at);
  }
  const u = new Date(wall);
  return new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate());
}

/** A day number as `YYYY-MM-DD`. */
export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

// yyyy-mm-dd, yyyy/m/d, yyyy.m.d or yyyy年m月d日 (号), then an optional time we ignore.
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;

// m月d日 with no year: the year of the day read for, as Sheets reads a date typed without one.
const MONTH_DAY_TEXT = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$/;

// Full-width digits and ／－．： (U+FF0F…) as their ASCII forms: one offset for the whole block.
const FULL_WIDTH = /[\uff0d-\uff1a]/g;
const HAS_FULL_WIDTH = /[\uff0d-\uff1a]/;
const halfWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

let readFor: number | undefined;

/**
 * The day the dates of this execution are read for (a day number): a date written without its
 * year takes this day's year. Unset, such text is not a date (no clock is read here).
 */
export function readDatesFor(day: number | undefined): void {
  readFor = day;
}

/** Sheets' serial day 25569 is 1970-01-01; serials are accepted between 1990 and 2100. */
const SERIAL_EPOCH = 25569;
const SERIAL_MIN = 32874; // 1990-01-01
const SERIAL_MAX = 73051; // 2100-01-01

/**
 * The calendar day of a date cell: a day number, `undefined` when blank or NaN when it is not a
 * date. Numbers are read as Sheets date serials (a date cell whose format was lost).
 */
export function readDay(value: unknown, today: number | undefined = readFor): number | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  if (isDate(value)) return dayNumber(value);
  if (typeof value === 'number') {
    if (value >= SERIAL_MIN && value < SERIAL_MAX) return Math.floor(value) - SERIAL_EPOCH;
    return Number.NaN;
  }
  if (typeof value !== 'string') return Number.NaN;
  let text = value.trim();
  if (text === '' || text === '-' || text === '—') return undefined;
  if (HAS_FULL_WIDTH.test(text)) text = text.replace(FULL_WIDTH, halfWidth);
  const m = DATE_TEXT.exec(text);
  const md = m || today === undefined ? null : MONTH_DAY_TEXT.exec(text);
  if (!m && !md) return Number.NaN;
  const y = m ? Number(m[1]) : new Date(today! * MS_PER_DAY).getUTCFullYear();
  const mo = Number(m ? m[2] : md![1]);
  const d = Number(m ? m[3] : md![2]);
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2024-02-30 over to March; a date that rolls over is not a date.
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return Number.NaN;
  return ms / MS_PER_DAY;
}

/** A date cell as the Date of its day's midnight, `undefined` when blank, `null` when not a date. */
export function readDate(value: unknown, today: number | undefined = readFor): Date | undefined | null {
  if (isDate(value)) return value;
  const day = readDay(value, today);
  if (day === undefined) return undefined;
  return isNotANumber(day) ? null : dateOfDay(day);
}

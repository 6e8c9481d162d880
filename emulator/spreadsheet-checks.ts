/**
 * The checks Apps Script makes before a spreadsheet call does anything, with its own messages:
 * argument types, a range inside the grid, protections, data validation that rejects input, and
 * the shape of a 2-D array.
 */
import { cellA1 } from './a1';
import { isDateValue, parseEntered } from './format';
import type { Grid } from './grid';
import {
  contains,
  intersects,
  type ProtectionModel,
  type Region,
  type SheetModel,
  VALIDATION,
  type ValidationRule,
} from './model';
import { fail } from './runtime';
import type { Svc } from './state';

export const PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
export const OUT_OF_BOUNDS = 'The coordinates of the range are outside the dimensions of the sheet.';

export function argTypes(args: unknown[]): string {
  return args
    .map((a) => (a === null || a === undefined ? 'null' : typeof a === 'number' ? 'number' : typeof a === 'string' ? 'String' : typeof a === 'boolean' ? 'Boolean' : Array.isArray(a) ? 'Object[]' : 'Object'))
    .join(',');
}

export function badParams(args: unknown[], method: string): never {
  return fail(`The parameters (${argTypes(args)}) don't match the method signature for SpreadsheetApp.${method}.`);
}

export function toInt(v: unknown, args: unknown[], method: string): number {
  if (typeof v !== 'number') return badParams(args, method);
  if (!Number.isFinite(v)) fail(`Cannot convert ${v} to int.`);
  return Math.floor(v);
}

// ---------------------------------------------------------------- protection checks

export function canEditThrough(p: ProtectionModel, user: string): boolean {
  return p.warningOnly || p.editors.has(user);
}

/** Throws when the execution's user may not edit the region (emulator-internal access may). */
export function guardRegion(svc: Svc, region: Region): void {
  if (svc._x.admin) return;
  for (const p of svc._s.wb.protections) {
    if (canEditThrough(p, svc._x.user) || !intersects(p.region, region)) continue;
    if (p.type === 'SHEET' && p.unprotected.some((u) => contains(u, region))) continue;
    fail(PROTECTED);
  }
}

export function guardSheet(svc: Svc, m: SheetModel): void {
  if (svc._x.admin) return;
  for (const p of svc._s.wb.protections) {
    if (p.type === 'SHEET' && p.region.sheetId === m.id && !canEditThrough(p, svc._x.user)) fail(PROTECTED);
  }
}

export function checkBounds(m: SheetModel, row: number, col: number, numRows: number, numCols: number): void {
  if (row < 1) fail('The starting row of the range is too small.');
  if (col < 1) fail('The starting column of the range is too small.');
  if (numRows < 1) fail('The number of rows in the range must be at least 1.');
  if (numCols < 1) fail('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > m.maxRows || col + numCols - 1 > m.maxCols) fail(OUT_OF_BOUNDS);
}

// ---------------------------------------------------------------- data validation checks

/** A region's values as a script reads them (a list-from-range rule checks a value against them). */
export type RegionReader = (m: SheetModel, region: Region) => unknown[][];

export function ruleAccepts(svc: Svc, rule: ValidationRule, raw: unknown, readRegion: RegionReader): boolean {
  if (raw === '' || raw === null || raw === undefined) return true;
  let v: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.startsWith('=')) return true;
    v = raw.startsWith("'") ? raw.slice(1) : (parseEntered(raw, svc._s.wb.timeZone)?.value ?? raw);
  }
  const num = typeof v === 'number' ? v : Number.NaN;
  const time = isDateValue(v) ? v.getTime() : Number.NaN;
  const a = rule.args;
  const argTime = (x: unknown) => (isDateValue(x) ? x.getTime() : Number.NaN);
  const text = isDateValue(v) ? '' : String(v);
  switch (rule.criteria) {
    case 'VALUE_IN_LIST': {
      const list = (a[0] as unknown[]).map((x) => String(x).toLowerCase());
      return list.includes(text.toLowerCase());
    }
    case 'VALUE_IN_RANGE': {
      const r = a[0] as Region;
      const m = svc._s.wb.sheetById(r.sheetId);
      if (!m) return true;
      const vals = readRegion(m, r);
      return vals.some((row) => row.some((x) => String(x).toLowerCase() === text.toLowerCase()));
    }
    case 'NUMBER_BETWEEN':
      return num >= Number(a[0]) && num <= Number(a[1]);
    case 'NUMBER_NOT_BETWEEN':
      return num < Number(a[0]) || num > Number(a[1]);
    case 'NUMBER_GREATER_THAN':
      return num > Number(a[0]);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num >= Number(a[0]);
    case 'NUMBER_LESS_THAN':
      return num < Number(a[0]);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num <= Number(a[0]);
    case 'NUMBER_EQUAL_TO':
      return num === Number(a[0]);
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(num) && num !== Number(a[0]);
    case 'DATE_IS_VALID_DATE':
      return !Number.isNaN(time);
    case 'DATE_AFTER':
      return time > argTime(a[0]);
    case 'DATE_ON_OR_AFTER':
      return time >= argTime(a[0]);
    case 'DATE_BEFORE':
      return time < argTime(a[0]);
    case 'DATE_ON_OR_BEFORE':
      return time <= argTime(a[0]);
    case 'DATE_BETWEEN':
      return time >= argTime(a[0]) && time <= argTime(a[1]);
    case 'DATE_NOT_BETWEEN':
      return time < argTime(a[0]) || time > argTime(a[1]);
    case 'DATE_EQUAL_TO':
      return time === argTime(a[0]);
    case 'CHECKBOX':
      return a.length ? v === a[0] || v === a[1] : typeof v === 'boolean';
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
    case 'TEXT_IS_VALID_URL':
      return /^(https?|ftp):\/\/\S+$/i.test(text);
    case 'TEXT_CONTAINS':
      return text.includes(String(a[0]));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(String(a[0]));
    case 'TEXT_EQUAL_TO':
      return text === String(a[0]);
    default:
      return true;
  }
}

/** Scripts cannot write values a reject-input rule refuses; checked before anything is written. */
export function checkValidation(svc: Svc, m: SheetModel, row: number, col: number, data: readonly (readonly unknown[])[], readRegion: RegionReader): void {
  const g = m.attrs.get(VALIDATION) as Grid<ValidationRule> | undefined;
  if (!g?.anyIn(row, col, data.length, data[0]?.length ?? 0)) return;
  for (let i = 0; i < data.length; i++) {
    for (let j = 0; j < data[i].length; j++) {
      const rule = g.get(row + i, col + j);
      if (rule && !rule.allowInvalid && !ruleAccepts(svc, rule, data[i][j], readRegion)) {
        fail(`The data you entered in cell ${cellA1(row + i, col + j)} violates the data validation rules set on this cell.`);
      }
    }
  }
}

// ---------------------------------------------------------------- Range

/** Sheets' limit on one cell's content. */
export const MAX_CELL_CHARS = 50_000;

/** Text longer than a cell may hold is refused before anything is written, as Sheets does. */
export function checkCellText(data: readonly (readonly unknown[])[]): void {
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) fail(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
    }
  }
}

export function checkShape(data: unknown, numRows: number, numCols: number, method: string): readonly (readonly unknown[])[] {
  if (!Array.isArray(data)) badParams([data], `Range.${method}`);
  if (data.length !== numRows) {
    fail(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`);
  }
  // Indexed, not for-of: no iterator result per row on blocks of 10^5 rows.
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (!Array.isArray(row)) badParams([data], `Range.${method}`);
    if (row.length !== numCols) {
      fail(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numCols}.`);
    }
  }
  return data as unknown[][];
}

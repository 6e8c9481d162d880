/**
 * Merged cells, the sheet's filter and frozen rows, as Sheets has them where they change what a
 * script's write does:
 * - a merge shows only its top-left cell: a value written into another cell of it is not kept;
 *   merging keeps the top-left value; a merge or unmerge that covers only part of an existing
 *   merge is refused, and so is a merge across the frozen rows' (or columns') edge;
 * - one filter per sheet; its conditions hide rows when they are set (createFilter with
 *   conditions, setColumnFilterCriteria), not when a cell changes later — a row written under a
 *   filter stays shown or hidden as it was; removing the filter shows every row again; rows
 *   inserted inside its range widen it, rows below it are outside it;
 * - frozen rows cannot cover every row nor cut a merge.
 */
import { cellA1, rangeA1 } from './a1';
import { displayValue } from './format';
import type { CriteriaModel, FilterModel, Region, SheetModel } from './model';
import { fail } from './runtime';
import { keepTopLeft } from './model';
import { Svc } from './state';

const overlap = (a: Region, b: Region) => a.row <= b.row + b.numRows - 1 && b.row <= a.row + a.numRows - 1 && a.col <= b.col + b.numCols - 1 && b.col <= a.col + a.numCols - 1;
const inside = (outer: Region, inner: Region) =>
  inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.numRows <= outer.row + outer.numRows && inner.col + inner.numCols <= outer.col + outer.numCols;

export type { CriteriaModel, FilterModel } from './model';

export const MERGE_PART = 'You must select all cells in a merged range to merge or unmerge them.';

// ---------------------------------------------------------------- merges

/** The merges that are inside the region or share a cell with it (Range.getMergedRanges). */
export function mergesAt(m: SheetModel, r: Region): Region[] {
  return m.merges.filter((x) => overlap(x, r));
}

/** Range.merge(): refused across a frozen edge or over part of a merge; keeps the top-left value. */
export function merge(m: SheetModel, r: Region): void {
  if (r.numRows === 1 && r.numCols === 1) return;
  if (m.frozenRows > 0 && r.row <= m.frozenRows && r.row + r.numRows - 1 > m.frozenRows) fail("You can't merge frozen and non-frozen rows.");
  if (m.frozenCols > 0 && r.col <= m.frozenCols && r.col + r.numCols - 1 > m.frozenCols) fail("You can't merge frozen and non-frozen columns.");
  for (const x of mergesAt(m, r)) if (!inside(r, x)) fail(MERGE_PART);
  m.merges = m.merges.filter((x) => !overlap(x, r));
  m.merges.push({ ...r });
  keepTopLeft(m, r.row, r.col, r.numRows, r.numCols);
}

/** Range.breakApart(): every merge inside the range is undone; one only partly inside is refused. */
export function breakApart(m: SheetModel, r: Region): void {
  const hit = mergesAt(m, r);
  for (const x of hit) if (!inside(r, x)) fail(MERGE_PART);
  m.merges = m.merges.filter((x) => !hit.includes(x));
}

// ---------------------------------------------------------------- frozen rows and columns

export function checkFreeze(m: SheetModel, axis: 'row' | 'col', n: number): void {
  const what = axis === 'row' ? 'rows' : 'columns';
  if (!Number.isInteger(n) || n < 0) fail(`The number of frozen ${what} must be at least 0.`);
  if (n >= (axis === 'row' ? m.maxRows : m.maxCols)) fail(`You can't freeze all visible ${what} on the sheet.`);
  for (const x of m.merges) {
    const start = axis === 'row' ? x.row : x.col;
    const end = start + (axis === 'row' ? x.numRows : x.numCols) - 1;
    if (n > 0 && start <= n && end > n) fail(`You can't freeze ${what} which contain only part of a merged cell.`);
  }
}

// ---------------------------------------------------------------- the filter

/** Whether a cell passes a column's conditions. */
function passes(c: CriteriaModel, v: unknown, shown: string): boolean {
  if (c.hiddenValues.includes(shown)) return false;
  if (c.visibleValues.length && !c.visibleValues.includes(shown)) return false;
  const blank = v === '' || v === undefined || v === null;
  const a = c.args[0];
  switch (c.type) {
    case 'CELL_EMPTY':
      return blank;
    case 'CELL_NOT_EMPTY':
      return !blank;
    case 'TEXT_EQUAL_TO':
      return shown.toLowerCase() === String(a).toLowerCase();
    case 'TEXT_CONTAINS':
      return shown.toLowerCase().includes(String(a).toLowerCase());
    case 'NUMBER_GREATER_THAN':
      return typeof v === 'number' && v > Number(a);
    case 'NUMBER_LESS_THAN':
      return typeof v === 'number' && v < Number(a);
    default:
      return true;
  }
}

/** Apply the filter's conditions to the rows below its header row, as Sheets does when they are set. */
export function applyFilter(m: SheetModel): void {
  const f = m.filter;
  if (!f) return;
  f.hidden.clear();
  const { row, numRows } = f.region;
  const fmts = m.attrs.get('NumberFormat');
  for (let r = row + 1; r < row + numRows; r++)
    for (const [col, c] of f.criteria) {
      const v = m.values.get(r, col) ?? '';
      const shown = displayValue(v, fmts?.get(r, col) as string | undefined, m.wb.timeZone);
      if (!passes(c, v, shown)) {
        f.hidden.add(r);
        break;
      }
    }
}

type RangeOf = (row: number, col: number, numRows: number, numCols: number) => unknown;

export class Filter extends Svc {
  static gasName = 'Filter';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _m: SheetModel,
    readonly _f: FilterModel,
    readonly _rangeOf: RangeOf,
  ) {
    super(s, x);
  }
  _live(): FilterModel {
    if (this._m.filter !== this._f) fail('This filter has been removed.');
    return this._f;
  }
  _column(position: number): number {
    const { col, numCols } = this._live().region;
    const c = Number(position);
    if (!Number.isInteger(c) || c < col || c >= col + numCols) fail(`The column position ${position} is outside the filter range.`);
    return c;
  }
  getRange(): unknown {
    const { row, col, numRows, numCols } = this._live().region;
    return this._rangeOf(row, col, numRows, numCols);
  }
  getColumnFilterCriteria(position: number): FilterCriteria | null {
    const c = this._live().criteria.get(this._column(position));
    return c ? this._wrap(new FilterCriteria(this._s, this._x, c)) : null;
  }
  setColumnFilterCriteria(position: number, criteria: FilterCriteria | null): Filter {
    const col = this._column(position);
    if (criteria === null) this._f.criteria.delete(col);
    else if (!(criteria instanceof FilterCriteria)) fail(`The parameters (${typeof criteria}) don't match the method signature for SpreadsheetApp.Filter.setColumnFilterCriteria.`);
    else this._f.criteria.set(col, copyCriteria(criteria._c));
    applyFilter(this._m);
    return this;
  }
  removeColumnFilterCriteria(position: number): Filter {
    this._f.criteria.delete(this._column(position));
    applyFilter(this._m);
    return this;
  }
  remove(): void {
    this._live();
    this._m.filter = null;
    this._m.wb.version++;
  }
}

const copyCriteria = (c: CriteriaModel): CriteriaModel => ({ hiddenValues: [...c.hiddenValues], visibleValues: [...c.visibleValues], type: c.type, args: [...c.args] });

/** Range.createFilter(): one filter per sheet. */
export function createFilter(m: SheetModel, r: Region): FilterModel {
  if (m.filter) fail("You can't create a filter in a sheet that already has a filter.");
  m.filter = { region: { ...r }, criteria: new Map(), hidden: new Set() };
  m.wb.version++;
  return m.filter;
}

export class FilterCriteria extends Svc {
  static gasName = 'FilterCriteria';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _c: CriteriaModel,
  ) {
    super(s, x);
  }
  getHiddenValues(): string[] {
    return [...this._c.hiddenValues];
  }
  getVisibleValues(): string[] {
    return [...this._c.visibleValues];
  }
  getCriteriaType(): string | null {
    return this._c.type;
  }
  getCriteriaValues(): unknown[] {
    return [...this._c.args];
  }
  copy(): FilterCriteriaBuilder {
    return this._wrap(new FilterCriteriaBuilder(this._s, this._x, copyCriteria(this._c)));
  }
}

export class FilterCriteriaBuilder extends Svc {
  static gasName = 'FilterCriteriaBuilder';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _c: CriteriaModel = { hiddenValues: [], visibleValues: [], type: null, args: [] },
  ) {
    super(s, x);
  }
  _when(type: string, args: unknown[]): FilterCriteriaBuilder {
    this._c.type = type;
    this._c.args = args;
    return this;
  }
  setHiddenValues(values: unknown[]): FilterCriteriaBuilder {
    this._c.hiddenValues = values.map(String);
    return this;
  }
  setVisibleValues(values: unknown[]): FilterCriteriaBuilder {
    this._c.visibleValues = values.map(String);
    return this;
  }
  whenCellEmpty(): FilterCriteriaBuilder {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): FilterCriteriaBuilder {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenTextEqualTo(text: string): FilterCriteriaBuilder {
    return this._when('TEXT_EQUAL_TO', [String(text)]);
  }
  whenTextContains(text: string): FilterCriteriaBuilder {
    return this._when('TEXT_CONTAINS', [String(text)]);
  }
  whenNumberGreaterThan(n: number): FilterCriteriaBuilder {
    return this._when('NUMBER_GREATER_THAN', [Number(n)]);
  }
  whenNumberLessThan(n: number): FilterCriteriaBuilder {
    return this._when('NUMBER_LESS_THAN', [Number(n)]);
  }
  build(): FilterCriteria {
    return this._wrap(new FilterCriteria(this._s, this._x, copyCriteria(this._c)));
  }
}

// ---------------------------------------------------------------- as saved in a workbook file

export interface LayoutJSON {
  merges?: string[];
  filter?: { range: string; criteria?: Record<string, CriteriaModel>; hiddenRows?: number[] };
}

export function layoutJSON(m: SheetModel): LayoutJSON {
  const out: LayoutJSON = {};
  if (m.merges.length) out.merges = m.merges.map((x) => rangeA1(x.row, x.col, x.numRows, x.numCols)).sort();
  const f = m.filter;
  if (f) {
    out.filter = { range: rangeA1(f.region.row, f.region.col, f.region.numRows, f.region.numCols) };
    if (f.criteria.size) out.filter.criteria = Object.fromEntries([...f.criteria].map(([c, x]) => [cellA1(1, c).replace(/\d+$/, ''), copyCriteria(x)]));
    if (f.hidden.size) out.filter.hiddenRows = [...f.hidden].sort((a, b) => a - b);
  }
  return out;
}

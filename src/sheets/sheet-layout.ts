/**
 * What a sheet's layout does to a write, handled before the write lands:
 *
 * - **Merged cells** where KOC Ops writes: Sheets keeps only a merge's top-left value, so a value
 *   written into its other cells would be lost without a word. The write is refused before any
 *   cell changes (`MergedCellsError`, naming the sheet and the cells to unmerge). A merge that
 *   crosses the header row's edge is refused the same way where KOC Ops freezes the header.
 * - **A filter**: its conditions hide rows when they are set, not when a cell changes, and rows
 *   added below its range are outside it. So a sheet with a filter has it taken off for the write
 *   and put back with the same conditions over the rows written (`liftFilter`): a new row is part
 *   of the filtered table and shown or hidden by the team's own conditions, as a row typed by hand
 *   under a filter is. Undone with the rest of the write.
 * - **Frozen rows** never stop a KOC Ops write: they only stop a delete of every row below them, and
 *   an undo removes only the rows the same write added.
 *
 * Cost: one metadata call per sheet for each (getMergedRanges, getFilter); more only when the
 * sheet has merges or a filter.
 */
import type { Rect } from './setup-plan';
import type { Writes } from './writes';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;


/** A write refused because cells it would write are merged; nothing was written. */
export class MergedCellsError extends Error {
  constructor(
    readonly sheet: string,
    readonly cells: string,
  ) {
    super(`Cells ${cells} on sheet "${sheet}" are merged where KOC Ops writes. Unmerge them (Format → Merge cells → Unmerge) and try again.`);
  }
}

const overlaps = (a: Rect, b: Rect) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;

/**
 * Refuse (MergedCellsError) when a merge shares a cell with one of `rects`, or, with `freezeRows`,
 * crosses the edge below that row (Sheets cannot freeze part of a merge). One getMergedRanges over
 * the rects' bounding box; the rects must lie inside the grid.
 */
export function refuseMerges(sheet: Sheet, rects: readonly Rect[], freezeRows = 0): void {
  const all = freezeRows > 0 ? [...rects, { row: freezeRows, column: 1, rows: 2, columns: sheet.getMaxColumns() }] : rects.filter((r) => r.rows > 0 && r.columns > 0);
  if (all.length === 0) return;
  const top = Math.min(...all.map((r) => r.row));
  const left = Math.min(...all.map((r) => r.column));
  const bottom = Math.max(...all.map((r) => r.row + r.rows - 1));
  const right = Math.max(...all.map((r) => r.column + r.columns - 1));
  for (const merged of sheet.getRange(top, left, bottom - top + 1, right - left + 1).getMergedRanges()) {
    const m = { row: merged.getRow(), column: merged.getColumn(), rows: merged.getNumRows(), columns: merged.getNumColumns() };
    const crossesFreeze = freezeRows > 0 && m.row <= freezeRows && m.row + m.rows - 1 > freezeRows;
    if (crossesFreeze || rects.some((r) => overlaps(r, m))) throw new MergedCellsError(sheet.getName(), merged.getA1Notation());
  }
}

/**
 * When the sheet has a filter, take it off (undone: put back as it was) and return how to put it
 * back after the writes, with the same conditions, over its rows and down to `lastRow` at least.
 * Null (one getFilter call) when the sheet has none.
 */
export function liftFilter(w: Writes, sheet: Sheet): ((lastRow: number) => void) | null {
  const filter = sheet.getFilter();
  if (!filter) return null;
  const range = filter.getRange();
  const row = range.getRow();
  const column = range.getColumn();
  const rows = range.getNumRows();
  const columns = range.getNumColumns();
  const conditions: [number, GoogleAppsScript.Spreadsheet.FilterCriteria][] = [];
  for (let c = column; c < column + columns; c++) {
    const criteria = filter.getColumnFilterCriteria(c);
    if (criteria) conditions.push([c, criteria]);
  }
  const put = (height: number) => {
    const made = sheet.getRange(row, column, height, columns).createFilter();
    for (const [c, criteria] of conditions) made.setColumnFilterCriteria(c, criteria);
  };
  filter.remove();
  w.done(() => {
    sheet.getFilter()?.remove();
    put(rows);
  });
  return (lastRow) => {
    put(Math.max(rows, lastRow - row + 1));
    w.done(() => sheet.getFilter()?.remove());
  };
}

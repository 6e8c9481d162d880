/**
 * The grid's geometry, as in Sheets: every row 21 px high, every column 100 px wide, the row
 * numbers 46 px wide. Fixed sizes let the grid draw only the cells in view (a sheet view may hold
 * 2,000 rows by dozens of columns) and know where any cell is without measuring it.
 */

export const ROW_HEIGHT = 21;
export const COL_WIDTH = 100;
export const ROW_HEAD_WIDTH = 46;

/** Rows and columns drawn beyond each edge of the view, so a short scroll shows no blank. */
const OVERSCAN_ROWS = 10;
const OVERSCAN_COLS = 2;

/** The scrolled part of the grid: scroll offsets and the visible size, in pixels. */
export interface Viewport {
  top: number;
  left: number;
  width: number;
  height: number;
}

/**
 * The rows and columns drawn (1-based, inclusive). The frozen rows (the headers, in view at every
 * scroll) are drawn whole as well.
 */
export interface GridWindow {
  /** The frozen rows, 1 to `frozen`, drawn whole. */
  frozen: number;
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
}

/**
 * The cells to draw for this viewport on a sheet of `rows` × `cols` with `frozenRows` kept at the
 * top. In the table, row r's top is r × ROW_HEIGHT (the column letters take the first row) and
 * column c's left is ROW_HEAD_WIDTH + (c − 1) × COL_WIDTH; the column letters, the frozen rows and
 * the row numbers stay in view over the scrolled cells.
 */
export function gridWindow(rows: number, cols: number, frozenRows: number, port: Viewport): GridWindow {
  const frozen = Math.min(frozenRows, rows);
  const coveredTop = ROW_HEIGHT * (1 + frozen);
  const firstRow = Math.max(frozen + 1, Math.floor((port.top + coveredTop) / ROW_HEIGHT) - OVERSCAN_ROWS);
  const lastRow = Math.min(rows, Math.ceil((port.top + port.height) / ROW_HEIGHT) + OVERSCAN_ROWS);
  const firstCol = Math.max(1, Math.floor(port.left / COL_WIDTH) + 1 - OVERSCAN_COLS);
  const lastCol = Math.min(cols, Math.ceil((port.left + port.width - ROW_HEAD_WIDTH) / COL_WIDTH) + OVERSCAN_COLS);
  return { frozen, firstRow, lastRow: Math.max(lastRow, frozen), firstCol, lastCol: Math.max(lastCol, Math.min(cols, 1)) };
}

/**
 * The scroll offsets that bring a cell fully into view from `port` (unchanged when it already is),
 * clear of the column letters, the frozen rows and the row numbers. Frozen rows are always in view.
 */
export function scrollToCell(row: number, col: number, frozenRows: number, port: Viewport): { top: number; left: number } {
  let { top, left } = port;
  if (row > frozenRows) {
    const cellTop = ROW_HEIGHT * row;
    const coveredTop = ROW_HEIGHT * (1 + frozenRows);
    if (cellTop - top < coveredTop) top = cellTop - coveredTop;
    else if (cellTop + ROW_HEIGHT - top > port.height) top = cellTop + ROW_HEIGHT - port.height;
  }
  const cellLeft = ROW_HEAD_WIDTH + COL_WIDTH * (col - 1);
  if (cellLeft - left < ROW_HEAD_WIDTH) left = cellLeft - ROW_HEAD_WIDTH;
  else if (cellLeft + COL_WIDTH - left > port.width) left = cellLeft + COL_WIDTH - port.width;
  return { top: Math.max(0, top), left: Math.max(0, left) };
}

export function windowHas(w: GridWindow, row: number, col: number): boolean {
  return row <= w.frozen || (row >= w.firstRow && row <= w.lastRow && col >= w.firstCol && col <= w.lastCol);
}

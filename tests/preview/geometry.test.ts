/** The grid draws the cells in view and scrolls a selected cell clear of the frozen parts. */
import { describe, expect, it } from 'vitest';
import { COL_WIDTH, gridWindow, ROW_HEAD_WIDTH, ROW_HEIGHT, scrollToCell, windowHas } from '../../preview/page/geometry';

const port = (top: number, left: number) => ({ top, left, width: 1400, height: 745 });

describe('gridWindow', () => {
  it('draws the rows and columns in view and a margin around them, never past the sheet', () => {
    // 745 px high: the column letters and one frozen row, then rows 2…35 in view.
    expect(gridWindow(86, 37, 1, port(0, 0))).toEqual({ frozen: 1, firstRow: 2, lastRow: 46, firstCol: 1, lastCol: 16 });
    expect(gridWindow(30, 12, 1, port(0, 0))).toEqual({ frozen: 1, firstRow: 2, lastRow: 30, firstCol: 1, lastCol: 12 });
  });

  it('follows the scroll: the rows and columns in view, whatever the sheet size', () => {
    const w = gridWindow(2000, 37, 1, port(ROW_HEIGHT * 1000, COL_WIDTH * 20));
    // Row 1001 is just under the frozen row; 20 columns scrolled off to the left.
    expect(w.firstRow).toBe(1002 - 10);
    expect(w.lastRow).toBe(Math.ceil((ROW_HEIGHT * 1000 + 745) / ROW_HEIGHT) + 10);
    expect(w.firstCol).toBe(21 - 2);
    // Columns 21…34 in view (1,400 px less the row numbers), two more drawn.
    expect(w.lastCol).toBe(36);
    expect(w.lastRow - w.firstRow).toBeLessThan(60);
  });

  it('keeps the frozen rows drawn whole and the empty sheet drawable', () => {
    const w = gridWindow(2000, 37, 2, port(ROW_HEIGHT * 500, COL_WIDTH * 30));
    expect(windowHas(w, 1, 37)).toBe(true);
    expect(windowHas(w, 2, 1)).toBe(true);
    expect(windowHas(w, 3, 37)).toBe(false);
    expect(gridWindow(0, 12, 0, port(0, 0))).toMatchObject({ firstRow: 1, lastRow: 0 });
  });
});

describe('scrollToCell', () => {
  it('leaves the scroll alone for a cell in view', () => {
    expect(scrollToCell(10, 3, 1, port(0, 0))).toEqual({ top: 0, left: 0 });
  });

  it('scrolls down and right just enough to show a cell below or right of the view', () => {
    const to = scrollToCell(100, 30, 1, port(0, 0));
    expect(to.top).toBe(ROW_HEIGHT * 101 - 745);
    expect(to.left).toBe(ROW_HEAD_WIDTH + COL_WIDTH * 30 - 1400);
  });

  it('scrolls up and left so the cell is clear of the frozen rows and the row numbers', () => {
    const to = scrollToCell(50, 4, 1, port(ROW_HEIGHT * 200, COL_WIDTH * 20));
    // Row 50's top sits right under the column letters and the frozen row.
    expect(ROW_HEIGHT * 50 - to.top).toBe(ROW_HEIGHT * 2);
    expect(ROW_HEAD_WIDTH + COL_WIDTH * 3 - to.left).toBe(ROW_HEAD_WIDTH);
    // A frozen row is always in view: only the column moves.
    expect(scrollToCell(1, 1, 1, port(ROW_HEIGHT * 200, COL_WIDTH * 20))).toEqual({ top: ROW_HEIGHT * 200, left: 0 });
  });
});

/**
 * A sparse 2-D store: an array of rows, each a plain array, both allowed to be short or holed.
 * Row and column arguments are 1-based like Apps Script; `undefined` means "nothing here".
 * Rows are plain arrays so a block read is one `slice` per row (50k-row sheets stay fast).
 */
export class Grid<T> {
  rows: (T | undefined)[][] = [];

  get(row: number, col: number): T | undefined {
    const r = this.rows[row - 1];
    return r ? r[col - 1] : undefined;
  }

  set(row: number, col: number, v: T | undefined): void {
    let r = this.rows[row - 1];
    if (!r) {
      if (v === undefined) return;
      r = [];
      this.rows[row - 1] = r;
    }
    r[col - 1] = v;
  }

  /** Calls fn for every row index in the block with the row array (created on demand). */
  writeRows(row: number, numRows: number, fn: (r: (T | undefined)[], i: number) => void, width = 0): void {
    for (let i = 0; i < numRows; i++) {
      let r = this.rows[row - 1 + i];
      if (!r) {
        // Sized up front (`width`: the last column written) rather than grown cell by cell.
        r = new Array(width);
        this.rows[row - 1 + i] = r;
      }
      fn(r, i);
    }
  }

  clear(row: number, col: number, numRows: number, numCols: number): void {
    const end = Math.min(this.rows.length, row - 1 + numRows);
    for (let i = row - 1; i < end; i++) {
      const r = this.rows[i];
      if (!r) continue;
      if (col === 1 && numCols >= r.length) {
        this.rows[i] = undefined as never;
        continue;
      }
      const stop = Math.min(r.length, col - 1 + numCols);
      for (let j = col - 1; j < stop; j++) r[j] = undefined;
    }
  }

  clearAll(): void {
    this.rows = [];
  }

  insertRows(after: number, n: number): void {
    if (this.rows.length <= after) return;
    const blank: (T | undefined)[][] = new Array(n);
    this.rows.splice(after, 0, ...blank);
  }

  deleteRows(start: number, n: number): void {
    if (this.rows.length < start) return;
    this.rows.splice(start - 1, n);
  }

  insertCols(after: number, n: number): void {
    const blank: undefined[] = new Array(n);
    for (const r of this.rows) if (r && r.length > after) r.splice(after, 0, ...blank);
  }

  deleteCols(start: number, n: number): void {
    for (const r of this.rows) if (r && r.length >= start) r.splice(start - 1, n);
  }

  /** Last 1-based row holding a value for which `has` is true; 0 when none. */
  lastRow(has: (v: T | undefined) => boolean): number {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const r = this.rows[i];
      if (r?.some((v) => has(v))) return i + 1;
    }
    return 0;
  }

  lastCol(has: (v: T | undefined) => boolean): number {
    let best = 0;
    // Indexed, not for-of: no iterator result per row on sheets of 10^5 rows.
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[i];
      if (!r) continue;
      for (let j = r.length - 1; j >= best; j--) {
        if (has(r[j])) {
          best = j + 1;
          break;
        }
      }
    }
    return best;
  }

  forEach(fn: (row: number, col: number, v: T) => void): void {
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[i];
      if (!r) continue;
      for (let j = 0; j < r.length; j++) {
        const v = r[j];
        if (v !== undefined) fn(i + 1, j + 1, v);
      }
    }
  }

  isEmpty(): boolean {
    for (const r of this.rows) if (r?.some((v) => v !== undefined)) return false;
    return true;
  }

  /** True if any cell in the block holds a value. */
  anyIn(row: number, col: number, numRows: number, numCols: number): boolean {
    const end = Math.min(this.rows.length, row - 1 + numRows);
    for (let i = row - 1; i < end; i++) {
      const r = this.rows[i];
      if (!r) continue;
      const stop = Math.min(r.length, col - 1 + numCols);
      for (let j = col - 1; j < stop; j++) if (r[j] !== undefined) return true;
    }
    return false;
  }
}

/**
 * The one way KOC Ops changes a sheet. Every write of every path (sidebar, recompute, setup, the
 * demo) goes through a `Writes`, which remembers how to put back what each step changed. When a
 * step fails, `undo()` puts the earlier steps back, newest first, so the workbook is as it was;
 * `transaction()` does that and throws `WriteFailed`, which says whether everything was put back.
 *
 * What is written: values only ever land in the cells a caller names, and callers name only cells
 * of KOC Ops' own columns (see `ownedRuns`): a team's column, its values and its formulas, is never
 * in a write. Every value is escaped with `safeCell`, so text stays the text it was.
 */
import { safeCell } from './cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A write failed. `putBack`: every earlier step of the same run was undone (the workbook is as it was). */
export class WriteFailed extends Error {
  constructor(
    message: string,
    readonly putBack: boolean,
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The first line of an error's message (Apps Script errors may come from another realm). */
export function errorText(e: unknown): string {
  const m = e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  return m.split('\n')[0];
}

/** A sheet that must grow grows to a multiple of this many rows (Sheets' own default size). */
const GROW_STEP = 1000;

/** 0-based column indexes (any order, repeats allowed) as contiguous runs, left to right. */
export function columnRuns(columns: readonly number[]): { start: number; count: number }[] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: { start: number; count: number }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === c) last.count++;
    else runs.push({ start: c, count: 1 });
  }
  return runs;
}

/**
 * Cells as they must be written to hold again what was read: a formula as its formula, anything
 * else escaped (text that looks like a formula or a number stays text). `formulas` as getFormulas
 * gives them ('' for a value), or omitted when the cells hold no formula.
 */
export function writeForm(values: readonly (readonly unknown[])[], formulas?: readonly (readonly string[])[]): unknown[][] {
  return values.map((r, i) => r.map((v, j) => formulas?.[i]?.[j] || safeCell(v)));
}

export class Writes {
  private readonly undos: (() => void)[] = [];
  /** Steps that reached a sheet (and were not undone). */
  landed = 0;

  /** A change already made, and how to put it back. */
  done(undo: () => void): void {
    this.undos.push(undo);
    this.landed++;
  }

  /**
   * Write a block of values at a 1-based row and column. Values are escaped in place (the block is
   * the caller's and is not read again). `before` is what the cells held, as `writeForm` gives it
   * (formulas as formulas), or a function that makes it only if an undo is needed; omitted, the
   * cells were blank.
   */
  setValues(sheet: Sheet, row: number, column: number, values: unknown[][], before?: unknown[][] | (() => unknown[][])): void {
    if (values.length === 0 || values[0].length === 0) return;
    // Indexed: for-of allocates an iterator result per row until the loop is optimized.
    for (let i = 0; i < values.length; i++) {
      const r = values[i];
      for (let c = 0; c < r.length; c++) r[c] = safeCell(r[c]);
    }
    const rows = values.length;
    const columns = values[0].length;
    sheet.getRange(row, column, rows, columns).setValues(values);
    this.done(() => {
      const old = typeof before === 'function' ? before() : (before ?? Array.from({ length: rows }, () => new Array<unknown>(columns).fill('')));
      sheet.getRange(row, column, rows, columns).setValues(old);
    });
  }

  /**
   * Make the grid at least `rows` × `columns`; undo removes what was added. Rows grow with blank
   * ones to spare (`spareRows`), so the next runs of a growing roster or History write without an
   * insert call of their own. One metadata call per axis asked about.
   */
  ensureSize(sheet: Sheet, rows: number, columns = 0, spareRows = true): void {
    if (columns > 0) {
      const maxColumns = sheet.getMaxColumns();
      if (columns > maxColumns) {
        const added = columns - maxColumns;
        sheet.insertColumnsAfter(maxColumns, added);
        this.done(() => sheet.deleteColumns(maxColumns + 1, added));
      }
    }
    if (rows > 0) {
      const maxRows = sheet.getMaxRows();
      if (rows > maxRows) {
        const added = (spareRows ? Math.ceil(rows / GROW_STEP) * GROW_STEP : rows) - maxRows;
        sheet.insertRowsAfter(maxRows, added);
        this.done(() => sheet.deleteRows(maxRows + 1, added));
      }
    }
  }

  /** A step that makes its change and returns how to put it back. */
  step(change: () => () => void): void {
    this.done(change());
  }

  /** Put every step back, newest first, each on its own; true when all of them were put back. */
  undo(): boolean {
    let clean = true;
    while (this.undos.length) {
      const undo = this.undos.pop()!;
      this.landed--;
      try {
        undo();
      } catch (e) {
        clean = false;
        console.error(`KOC Ops: undo failed: ${errorText(e)}`);
      }
    }
    return clean;
  }
}

/**
 * Run `write` with a fresh Writes. When it throws, what it wrote is put back and WriteFailed is
 * thrown (an error that is already a refusal the user can act on is passed through after the undo).
 */
export function transaction<T>(write: (w: Writes) => T, passThrough: (e: unknown) => boolean = () => false): T {
  const w = new Writes();
  try {
    return write(w);
  } catch (e) {
    const wrote = w.landed > 0;
    const clean = w.undo();
    if (passThrough(e) && clean) throw e;
    if (e instanceof WriteFailed) throw new WriteFailed(e.message, clean && e.putBack, e.cause);
    throw new WriteFailed(errorText(e), clean || !wrote, e);
  }
}

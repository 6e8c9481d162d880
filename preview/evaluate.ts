/**
 * The preview's formula evaluation: each `=KOC_FN(…)` cell (parsed by formula.ts, nested KOC calls
 * included) runs as one custom-function execution of the bundle, with its arguments read as
 * Sheets passes them. Results are cached by (function, argument values) and a function re-runs
 * only when those change, as in Sheets (emulator/custom-functions.ts); an array result spills
 * unless a cell is in the way.
 */
import { CustomFunctionCache, FormulaRefError } from '../emulator/custom-functions';
import type { Emulator } from '../emulator/index';
import { loadBundle } from '../emulator/vm';
import { REGISTRY } from '../src/server/registry';
import { a1, type FormulaArg, resolveRef } from './formula';
import { type Lang, pt } from './text';

const CUSTOM_FUNCTIONS = new Set(REGISTRY.filter((f) => f.kind === 'customFunction').map((f) => f.name.toUpperCase()));

interface FormulaState {
  formula: string;
  /** Rows × columns of the array result (1 × 1 for a single value). */
  height: number;
  width: number;
}

/** What the evaluation needs from its session (the emulator is replaced when the workbook is). */
export interface FormulaHost {
  emulator(): Emulator;
  /** Emulator access outside any execution. */
  admin(): any;
  /** The bundle's source. */
  code: string;
  /** The clock executions see; undefined: the real one. */
  now(): Date | undefined;
  /** The language of the notes on formula cells (Sheets words them in the user's). */
  lang: Lang;
}

export class PreviewFormulas {
  /** Formula cell ("Sheet!A1") → the shape of what it shows (for spills in the view). */
  readonly formulas = new Map<string, FormulaState>();
  /** Formula cell → note shown on it (error, not evaluated, spill blocked). */
  readonly notes = new Map<string, string>();
  /** Formula cells evaluated by the bundle during the current action. */
  recalculated: string[] = [];
  /** Custom-function results by (name, argument values), as Sheets caches them. */
  private readonly cache: CustomFunctionCache;

  constructor(private readonly host: FormulaHost) {
    this.cache = new CustomFunctionCache({
      isCustomFunction: (name) => CUSTOM_FUNCTIONS.has(name),
      read: (arg, ownSheet) => this.readArg(arg, ownSheet),
      run: (fn, args) => this.runCustomFunction(fn, args),
    });
  }

  /** The emulator's formula hook: the value of one formula cell (an array spills). */
  evaluate(formula: string, cell: { sheet: string; row: number; column: number; a1: string }): unknown {
    const key = `${cell.sheet}!${cell.a1}`;
    this.notes.delete(key);
    const out = this.cache.evaluate(formula, cell.sheet);
    if (out.kind === 'text') {
      this.notes.set(key, out.note);
      this.formulas.delete(key);
      return formula;
    }
    if (out.ran) this.recalculated.push(key);
    if (out.kind === 'error') {
      this.notes.set(key, out.note);
      this.formulas.set(key, { formula, height: 1, width: 1 });
      return out.display;
    }
    const rows = Array.isArray(out.value) ? (out.value as unknown[][]) : undefined;
    const state: FormulaState = { formula, height: rows ? rows.length : 1, width: rows ? Math.max(1, ...rows.map((r) => r.length)) : 1 };
    this.formulas.set(key, state);
    if (state.height * state.width > 1) {
      const blocker = this.spillBlocker(cell.sheet, cell.row, cell.column, state.height, state.width);
      if (blocker) {
        this.notes.set(key, pt(this.host.lang, 'spillBlocked', { cell: blocker }));
        return '#REF!';
      }
    }
    return out.value;
  }

  /** One CUSTOM_FUNCTION execution of the bundle: no authorization, a fresh global scope. */
  private runCustomFunction(fn: string, args: unknown[]): unknown {
    const globals = this.host.emulator().globals({ authMode: 'CUSTOM_FUNCTION' });
    try {
      return loadBundle(this.host.code, globals, { now: this.host.now(), filename: 'Code.js' }).call(fn, ...args);
    } finally {
      this.host.emulator().endExecution(globals);
    }
  }

  /**
   * A range argument's value as Sheets passes it to a custom function: a single cell as its
   * value, a larger range as a 2-D array ('' for blanks, Dates for dates).
   */
  private readArg(arg: Extract<FormulaArg, { kind: 'range' | 'name' }>, ownSheet: string): unknown {
    const ss = this.host.admin();
    let range: any;
    if (arg.kind === 'name') {
      range = ss.getRangeByName(arg.name);
      if (!range) throw new FormulaRefError('#NAME?', pt(this.host.lang, 'unknownName', { name: arg.name }));
    } else {
      const name = arg.ref.sheet ?? ownSheet;
      const sheet = ss.getSheetByName(name);
      if (!sheet) throw new FormulaRefError('#REF!', pt(this.host.lang, 'unknownSheet', { name }));
      const box = resolveRef(arg.ref, name, { lastRow: sheet.getLastRow(), lastColumn: sheet.getLastColumn() });
      if (box.bottom > sheet.getMaxRows() || box.right > sheet.getMaxColumns()) {
        throw new FormulaRefError('#REF!', pt(this.host.lang, 'outsideSheet', { range: arg.text, name, rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() }));
      }
      range = sheet.getRange(box.top, box.left, box.bottom - box.top + 1, box.right - box.left + 1);
    }
    const values = range.getValues();
    return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
  }

  /** The first non-empty cell (A1) in the spill area of an array result, or null. */
  private spillBlocker(sheetName: string, row: number, col: number, height: number, width: number): string | null {
    const sheet = this.host.admin().getSheetByName(sheetName);
    const rows = Math.min(height, sheet.getMaxRows() - row + 1);
    const cols = Math.min(width, sheet.getMaxColumns() - col + 1);
    if (rows < height || cols < width) return pt(this.host.lang, 'beyondSheet', { cell: a1(row + rows, col) });
    const range = sheet.getRange(row, col, rows, cols);
    // The sheet is being computed, so these are its own cells, not other formulas' spills.
    const values: unknown[][] = range.getValues();
    const formulas: string[][] = range.getFormulas();
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        if (i === 0 && j === 0) continue;
        if (values[i][j] !== '' || formulas[i][j] !== '') return a1(row + i, col + j);
      }
    return null;
  }

  /** Read every sheet that holds formulas, so they are evaluated (and `recalculated` filled). */
  refresh(): void {
    for (const sheet of this.host.admin().getSheets()) {
      if (sheet.getLastRow() === 0) continue;
      const formulas: string[][] = sheet.getDataRange().getFormulas();
      if (formulas.some((r) => r.some((f) => f !== ''))) sheet.getDataRange().getValues();
    }
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error || (err && typeof err === 'object' && 'message' in err) ? String((err as Error).message) : String(err);
}

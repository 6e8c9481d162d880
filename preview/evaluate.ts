/**
 * The preview's formula evaluation: each `=KOC_FN(…)` cell (parsed by formula.ts) runs as one
 * custom-function execution of the bundle, with its arguments read as Sheets passes them, and is
 * re-run only when those arguments change, as Sheets does; an array result spills unless a cell
 * is in the way.
 */
import type { Emulator } from '../emulator/index';
import { loadBundle } from '../emulator/vm';
import { REGISTRY } from '../src/server/registry';
import { a1, type FormulaArg, parseFormula, resolveRef } from './formula';
import { type Lang, pt } from './text';

type Globals = Record<string, any>;

const CUSTOM_FUNCTIONS = new Set(REGISTRY.filter((f) => f.kind === 'customFunction').map((f) => f.name.toUpperCase()));

/** A range argument that names no sheet or range: the cell shows #REF! / #NAME? with this note. */
class RangeError_ extends Error {
  constructor(
    readonly display: string,
    message: string,
  ) {
    super(message);
  }
}

interface FormulaState {
  formula: string;
  fingerprint: string;
  result: unknown;
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
  /** Formula cell ("Sheet!A1") → last evaluation (for re-use when its arguments did not change). */
  readonly formulas = new Map<string, FormulaState>();
  /** Formula cell → note shown on it (error, not evaluated, spill blocked). */
  readonly notes = new Map<string, string>();
  /** Formula cells evaluated by the bundle during the current action. */
  recalculated: string[] = [];

  constructor(private readonly host: FormulaHost) {}

  /** The emulator's formula hook: the value of one formula cell (an array spills). */
  evaluate(formula: string, cell: { sheet: string; row: number; column: number; a1: string }): unknown {
    const key = `${cell.sheet}!${cell.a1}`;
    this.notes.delete(key);
    const parsed = parseFormula(formula, (name) => CUSTOM_FUNCTIONS.has(name));
    if (!parsed.ok) {
      this.notes.set(key, parsed.reason);
      this.formulas.delete(key);
      return formula;
    }
    // Read the arguments outside any execution first: unchanged arguments → the last result.
    let fingerprint: string;
    try {
      fingerprint = fingerprintOf(parsed.fn, this.readArgs(this.host.admin(), parsed.args, cell.sheet));
    } catch (err) {
      this.formulas.delete(key);
      if (err instanceof RangeError_) {
        this.notes.set(key, err.message);
        return err.display;
      }
      throw err;
    }
    let state = this.formulas.get(key);
    if (!state || state.formula !== formula || state.fingerprint !== fingerprint) {
      state = { formula, fingerprint, ...this.runCustomFunction(parsed.fn, parsed.args, cell.sheet) };
      this.formulas.set(key, state);
      this.recalculated.push(key);
    }
    if (typeof state.result === 'string' && state.result.startsWith('#ERROR!')) {
      this.notes.set(key, state.result.slice(8));
      return '#ERROR!';
    }
    if (state.height * state.width > 1) {
      const blocker = this.spillBlocker(cell.sheet, cell.row, cell.column, state.height, state.width);
      if (blocker) {
        this.notes.set(key, pt(this.host.lang, 'spillBlocked', { cell: blocker }));
        return '#REF!';
      }
    }
    return state.result;
  }

  /** One CUSTOM_FUNCTION execution: the arguments read as Apps Script passes them, the function called. */
  private runCustomFunction(fn: string, args: FormulaArg[], sheet: string): Omit<FormulaState, 'formula' | 'fingerprint'> {
    let result: unknown;
    const globals = this.host.emulator().globals({ authMode: 'CUSTOM_FUNCTION' }) as Globals;
    try {
      const bundle = loadBundle(this.host.code, globals, { now: this.host.now(), filename: 'Code.js' });
      const values = this.readArgs(globals.SpreadsheetApp.getActiveSpreadsheet(), args, sheet);
      result = bundle.call(fn, ...values);
    } catch (err) {
      result = `#ERROR! ${messageOf(err)}`;
    } finally {
      this.host.emulator().endExecution(globals);
    }
    if (Array.isArray(result)) {
      const rows = result.map((r) => (Array.isArray(r) ? r : [r]));
      return { result: rows, height: rows.length, width: Math.max(1, ...rows.map((r) => r.length)) };
    }
    return { result: result === undefined || result === null ? '' : result, height: 1, width: 1 };
  }

  /**
   * Argument values as Sheets passes them to a custom function: a single cell as its value, a
   * larger range as a 2-D array ('' for blanks, Dates for dates).
   */
  private readArgs(ss: any, args: FormulaArg[], ownSheet: string): unknown[] {
    return args.map((arg) => {
      if (arg.kind === 'number' || arg.kind === 'string' || arg.kind === 'boolean') return arg.value;
      let range: any;
      if (arg.kind === 'name') {
        range = ss.getRangeByName(arg.name);
        if (!range) throw new RangeError_('#NAME?', pt(this.host.lang, 'unknownName', { name: arg.name }));
      } else {
        const name = arg.ref.sheet ?? ownSheet;
        const sheet = ss.getSheetByName(name);
        if (!sheet) throw new RangeError_('#REF!', pt(this.host.lang, 'unknownSheet', { name }));
        const box = resolveRef(arg.ref, name, { lastRow: sheet.getLastRow(), lastColumn: sheet.getLastColumn() });
        if (box.bottom > sheet.getMaxRows() || box.right > sheet.getMaxColumns()) {
          throw new RangeError_('#REF!', pt(this.host.lang, 'outsideSheet', { range: arg.text, name, rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() }));
        }
        range = sheet.getRange(box.top, box.left, box.bottom - box.top + 1, box.right - box.left + 1);
      }
      const values = range.getValues();
      return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
    });
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

/** A stable text of argument values (Dates by their time) for "did the arguments change?". */
function fingerprintOf(fn: string, values: unknown[]): string {
  return `${fn}:${JSON.stringify(values, (_k, v) => (Object.prototype.toString.call(v) === '[object Date]' ? `D${(v as Date).getTime()}` : v))}`;
}

/**
 * Custom functions as Sheets runs them: a formula `=KOC_FN(…)` is evaluated by calling the
 * script's function with its arguments' values, and the result is cached by (function name,
 * argument values). Sheets re-runs a custom function only when those values change, so a function
 * that reads anything else (a cell behind its arguments' back, the clock, a property) shows a
 * stale result; this cache makes the emulator, the tests and the preview show it stale too.
 *
 * Nested calls (`KOC_TIER(KOC_SCORE(…))`) evaluate the inner call first (cached by its own
 * arguments) and pass its result as the argument. A volatile function as an argument (TODAY(),
 * NOW(), RAND()) leaves the cell "Loading..." as Sheets does. The cache never expires: the
 * strictest case (Sheets may drop an entry after some hours, never before the arguments change).
 */
import { type FormulaArg, parseFormula, resolveRef } from './formula';
import type { Emulator } from './index';
import { loadBundle } from './vm';

/** A reference that names no sheet or range: the cell shows `display` (#REF!, #NAME?) and the message as its note. */
export class FormulaRefError extends Error {
  constructor(
    readonly display: '#REF!' | '#NAME?',
    message: string,
  ) {
    super(message);
  }
}

export interface CustomFunctionHost {
  /** Whether the script defines this (upper-case) custom function name. */
  isCustomFunction(name: string): boolean;
  /** A range or named-range argument's value as Sheets passes it; throws FormulaRefError when it names nothing. */
  read(arg: Extract<FormulaArg, { kind: 'range' | 'name' }>, ownSheet: string): unknown;
  /** One CUSTOM_FUNCTION execution of the script's function; a throw is the cell's #ERROR!. */
  run(fn: string, args: unknown[]): unknown;
}

/** What a formula cell shows. */
export type FormulaOutcome =
  /** A value, or a 2-D array that spills; `ran`: the script ran for it (not all from the cache). */
  | { kind: 'value'; value: unknown; ran: boolean }
  /** #ERROR! (the function threw), #REF!, #NAME? or Loading... with the note Sheets shows. */
  | { kind: 'error'; display: string; note: string; ran: boolean }
  /** Not a formula the emulator evaluates: shown as its text, with why. */
  | { kind: 'text'; note: string };

type Cached = { ok: true; value: unknown } | { ok: false; message: string };

class Failure {
  constructor(
    readonly display: string,
    readonly note: string,
  ) {}
}

export class CustomFunctionCache {
  /** Script executions so far (cache misses). */
  runs = 0;
  /** Results served from the cache. */
  hits = 0;
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly host: CustomFunctionHost) {}

  /** Forget every cached result (a new copy of the spreadsheet, another script). */
  clear(): void {
    this.cache.clear();
  }

  evaluate(formula: string, ownSheet: string): FormulaOutcome {
    const parsed = parseFormula(formula, (name) => this.host.isCustomFunction(name));
    if (!parsed.ok) return { kind: 'text', note: parsed.reason };
    const before = this.runs;
    try {
      const value = this.call(parsed.fn, parsed.args, ownSheet);
      return { kind: 'value', value, ran: this.runs > before };
    } catch (e) {
      if (e instanceof Failure) return { kind: 'error', display: e.display, note: e.note, ran: this.runs > before };
      throw e;
    }
  }

  private call(fn: string, args: readonly FormulaArg[], ownSheet: string): unknown {
    const values = args.map((a) => this.argValue(a, ownSheet));
    const key = `${fn}(${fingerprint(values)})`;
    let cached = this.cache.get(key);
    if (cached) this.hits++;
    else {
      this.runs++;
      try {
        cached = { ok: true, value: normalize(this.host.run(fn, values)) };
      } catch (e) {
        cached = { ok: false, message: messageOf(e) };
      }
      this.cache.set(key, cached);
    }
    if (!cached.ok) throw new Failure('#ERROR!', cached.message);
    return cached.value;
  }

  private argValue(arg: FormulaArg, ownSheet: string): unknown {
    switch (arg.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return arg.value;
      case 'array':
        return arg.rows.map((r) => [...r]);
      case 'volatile':
        throw new Failure('Loading...', `${arg.fn}() is not allowed as an argument of a custom function: its value changes on every recalculation, so Sheets never finishes loading the cell. Pass a cell that holds the day instead (e.g. KOC_ASOF).`);
      case 'call': {
        const value = this.call(arg.fn, arg.args, ownSheet);
        // A one-cell result is passed on as a single value, as a one-cell range is.
        return Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 ? value[0][0] : value;
      }
      default:
        try {
          return this.host.read(arg, ownSheet);
        } catch (e) {
          if (e instanceof FormulaRefError) throw new Failure(e.display, e.message);
          throw e;
        }
    }
  }
}

/** Results as the cell takes them: undefined and null are blank; a ragged array's short rows padded with ''. */
function normalize(result: unknown): unknown {
  if (result === undefined || result === null) return '';
  if (!Array.isArray(result)) return result;
  const rows = result.map((r) => (Array.isArray(r) ? r : [r]));
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] === undefined || r[j] === null ? '' : r[j])));
}

/** A stable text of argument values (Dates by their time, so two Dates of one instant are equal). */
export function fingerprint(values: readonly unknown[]): string {
  // `this[key]` is the value before JSON's own toJSON (a Date would already be its ISO text).
  return JSON.stringify(values, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return Object.prototype.toString.call(raw) === '[object Date]' ? `D${(raw as Date).getTime()}` : v === undefined ? null : v;
  });
}

/** The custom functions a script defines: its top-level functions whose JSDoc says @customfunction. */
export function customFunctionNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/@customfunction\s*\*\/\s*function\s+([A-Za-z_$][\w$]*)\s*\(/g)) names.add(m[1].toUpperCase());
  return names;
}

/**
 * A range argument's value as Sheets passes it to a custom function, read from the workbook as it
 * is (no execution, nothing counted): one cell as its value, a larger range as a 2-D array.
 */
export function readArgument(ss: any, arg: Extract<FormulaArg, { kind: 'range' | 'name' }>, ownSheet: string): unknown {
  let range: any;
  if (arg.kind === 'name') {
    range = ss.getRangeByName(arg.name);
    if (!range) throw new FormulaRefError('#NAME?', `Unknown range name: '${arg.name}'.`);
  } else {
    const name = arg.ref.sheet ?? ownSheet;
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw new FormulaRefError('#REF!', `Unresolved sheet name '${name}'.`);
    const box = resolveRef(arg.ref, name, { lastRow: sheet.getLastRow(), lastColumn: sheet.getLastColumn() });
    if (box.bottom > sheet.getMaxRows() || box.right > sheet.getMaxColumns())
      throw new FormulaRefError('#REF!', `Range ${arg.text} is outside sheet '${name}' (${sheet.getMaxRows()} rows × ${sheet.getMaxColumns()} columns).`);
    range = sheet.getRange(box.top, box.left, box.bottom - box.top + 1, box.right - box.left + 1);
  }
  const values = range.getValues();
  return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
}

/**
 * The script's custom functions evaluated in the emulator's formula cells as Sheets would: each
 * miss is one CUSTOM_FUNCTION execution of `code` (a fresh global scope, no authorization, the
 * clock `now()`), each result cached by (name, argument values). Errors show as Sheets shows them
 * (#ERROR!, #REF!, #NAME?, Loading...); a value or array is the cell's, arrays spill.
 */
export function installCustomFunctions(emulator: Emulator, opts: { code: string; now?: () => Date | undefined }): CustomFunctionCache {
  const cache = new CustomFunctionCache(scriptHost(emulator, opts));
  emulator.setFormulaEvaluator((formula, cell) => {
    const out = cache.evaluate(formula, cell.sheet);
    if (out.kind === 'value') return out.value;
    return out.kind === 'error' ? out.display : formula;
  });
  return cache;
}

/** The host of a script's custom functions on an emulator: each run one CUSTOM_FUNCTION execution of `code`. */
export function scriptHost(emulator: Emulator, opts: { code: string; now?: () => Date | undefined }): CustomFunctionHost {
  const names = customFunctionNames(opts.code);
  return {
    isCustomFunction: (name) => names.has(name),
    read: (arg, ownSheet) => readArgument(emulator.spreadsheet, arg, ownSheet),
    run: (fn, args) => {
      const globals = emulator.globals({ authMode: 'CUSTOM_FUNCTION' });
      try {
        return loadBundle(opts.code, globals, { now: opts.now?.(), filename: 'Code.js' }).call(fn, ...args);
      } finally {
        emulator.endExecution(globals);
      }
    },
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error || (err && typeof err === 'object' && 'message' in err) ? String((err as Error).message) : String(err);
}

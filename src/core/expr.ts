/**
 * A small typed expression language for row-wise rules, with SQL's meaning of NULL, so that one
 * table of definitions can run here (compiled to a JavaScript function, expr-compile.ts) and in a
 * database (rendered to SQL, sql.ts) with the same results.
 *
 * Values: numbers, dates (day numbers: days since 1970-01-01), text and booleans; `null` is NULL
 * ("no data"). The rules every evaluator must follow, where SQL dialects disagree:
 * - arithmetic with a NULL is NULL; x / 0 is NULL (never ±Infinity, never an error);
 * - log10, ln and sqrt of a number out of their domain (≤ 0, < 0) are NULL;
 * - least/greatest of anything with a NULL is NULL;
 * - round(x, p) rounds halves up, towards +∞ (2.5 → 3, −2.5 → −2), after nudging x by one
 *   machine epsilon so 1.005 rounds as written: floor((x + ε) · 10^p + 0.5) ÷ 10^p, in every evaluator;
 * - daysSince(d) is whole calendar days from d to the as-of day (negative for a later d);
 * - comparisons with NULL are NULL; `and`/`or`/`not` are three-valued; `case` takes the first
 *   branch whose condition is true (NULL is not true).
 * Pure; no Apps Script globals.
 */

export type ValueType = 'number' | 'date' | 'text' | 'bool';
export type Value = number | string | boolean | null;

export type CurveScale = 'linear' | 'log' | 'log1p';

export type Expr =
  | { op: 'num'; value: number }
  | { op: 'str'; value: string }
  | { op: 'bool'; value: boolean }
  | { op: 'null'; type: ValueType }
  | { op: 'col'; name: string }
  | { op: 'ref'; name: string }
  | { op: 'asOf' }
  | { op: 'arith'; fn: '+' | '-' | '*' | '/'; a: Expr; b: Expr }
  | { op: 'math'; fn: 'log10' | 'ln' | 'sqrt'; a: Expr }
  | { op: 'round'; a: Expr; places: number }
  | { op: 'least' | 'greatest'; args: Expr[] }
  | { op: 'clamp'; a: Expr; lo: number; hi: number }
  /**
   * A piecewise-linear curve through reference points (x ascending), in x itself (`linear`), in
   * log10 x (`log`) or in log10(1 + x) (`log1p`); flat before the first point and after the last.
   * On a log scale a value at or below the first point's x gets the first y (so log of 0 or of a
   * negative number is never taken).
   */
  | { op: 'curve'; scale: CurveScale; a: Expr; points: readonly (readonly [number, number])[] }
  | { op: 'cmp'; fn: '<' | '<=' | '>' | '>=' | '=' | '<>'; a: Expr; b: Expr }
  | { op: 'and' | 'or'; args: Expr[] }
  | { op: 'not'; a: Expr }
  | { op: 'isNull'; a: Expr }
  | { op: 'in'; a: Expr; values: readonly string[] }
  | { op: 'case'; when: readonly (readonly [Expr, Expr])[]; else: Expr }
  | { op: 'coalesce'; args: Expr[] }
  | { op: 'daysSince'; a: Expr }
  /** Σ weight·value ÷ Σ weight over the parts whose value is present; NULL when that weight is 0. */
  | { op: 'wmean'; parts: readonly (readonly [Expr, Expr])[] };

/** One named result; later definitions may refer to earlier ones by name (`ref`). */
export interface Definition {
  name: string;
  expr: Expr;
}

export interface Model {
  definitions: readonly Definition[];
  /** The definitions a caller gets back, in order (SQL: the output columns). */
  outputs: readonly string[];
}

/** The columns a model may read, with their types. */
export type ColumnTypes = Readonly<Record<string, ValueType>>;

// ── Builders: the model table reads better with these than with object literals ───────────────

export const num = (value: number): Expr => ({ op: 'num', value });
export const str = (value: string): Expr => ({ op: 'str', value });
export const bool = (value: boolean): Expr => ({ op: 'bool', value });
export const nul = (type: ValueType): Expr => ({ op: 'null', type });
export const col = (name: string): Expr => ({ op: 'col', name });
export const ref = (name: string): Expr => ({ op: 'ref', name });
export const asOf = (): Expr => ({ op: 'asOf' });
const lit = (e: Expr | number): Expr => (typeof e === 'number' ? num(e) : e);
export const add = (a: Expr | number, b: Expr | number): Expr => ({ op: 'arith', fn: '+', a: lit(a), b: lit(b) });
export const sub = (a: Expr | number, b: Expr | number): Expr => ({ op: 'arith', fn: '-', a: lit(a), b: lit(b) });
export const mul = (a: Expr | number, b: Expr | number): Expr => ({ op: 'arith', fn: '*', a: lit(a), b: lit(b) });
export const div = (a: Expr | number, b: Expr | number): Expr => ({ op: 'arith', fn: '/', a: lit(a), b: lit(b) });
export const log10 = (a: Expr): Expr => ({ op: 'math', fn: 'log10', a });
export const ln = (a: Expr): Expr => ({ op: 'math', fn: 'ln', a });
export const sqrt = (a: Expr): Expr => ({ op: 'math', fn: 'sqrt', a });
export const round = (a: Expr, places: number): Expr => ({ op: 'round', a, places });
export const least = (...args: (Expr | number)[]): Expr => ({ op: 'least', args: args.map(lit) });
export const greatest = (...args: (Expr | number)[]): Expr => ({ op: 'greatest', args: args.map(lit) });
export const clamp = (a: Expr, lo: number, hi: number): Expr => ({ op: 'clamp', a, lo, hi });
export const curve = (scale: CurveScale, a: Expr, points: readonly (readonly [number, number])[]): Expr => ({ op: 'curve', scale, a, points });
export const cmp = (fn: '<' | '<=' | '>' | '>=' | '=' | '<>', a: Expr | number, b: Expr | number): Expr => ({ op: 'cmp', fn, a: lit(a), b: lit(b) });
export const and = (...args: Expr[]): Expr => ({ op: 'and', args });
export const or = (...args: Expr[]): Expr => ({ op: 'or', args });
export const not = (a: Expr): Expr => ({ op: 'not', a });
export const isNull = (a: Expr): Expr => ({ op: 'isNull', a });
export const isIn = (a: Expr, values: readonly string[]): Expr => ({ op: 'in', a, values });
export const caseOf = (when: readonly (readonly [Expr, Expr])[], otherwise: Expr): Expr => ({ op: 'case', when, else: otherwise });
export const coalesce = (...args: (Expr | number)[]): Expr => ({ op: 'coalesce', args: args.map(lit) });
export const daysSince = (a: Expr): Expr => ({ op: 'daysSince', a });
export const wmean = (parts: readonly (readonly [Expr, Expr | number])[]): Expr => ({ op: 'wmean', parts: parts.map(([v, w]) => [v, lit(w)] as const) });

// ── Types ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The type of every definition, checking every expression on the way: a column or name that does
 * not exist, a reference to a later definition, or operands of the wrong type throw, naming the
 * definition. Run when a model is built (and by the tests), so evaluators can trust the table.
 */
export function checkModel(model: Model, columns: ColumnTypes): Record<string, ValueType> {
  const types: Record<string, ValueType> = {};
  for (const d of model.definitions) {
    if (d.name in types) throw new Error(`${d.name}: defined twice`);
    if (d.name in columns) throw new Error(`${d.name}: a definition may not take a column's name`);
    try {
      types[d.name] = typeOf(d.expr, columns, types);
    } catch (e) {
      throw new Error(`${d.name}: ${(e as Error).message}`);
    }
  }
  for (const o of model.outputs) if (!(o in types)) throw new Error(`output ${o} is not defined`);
  return types;
}

export function typeOf(e: Expr, columns: ColumnTypes, defs: Readonly<Record<string, ValueType>>): ValueType {
  const t = (x: Expr) => typeOf(x, columns, defs);
  const want = (x: Expr, type: ValueType, what: string) => {
    const got = t(x);
    if (got !== type) throw new Error(`${what} must be ${type}, not ${got}`);
  };
  switch (e.op) {
    case 'num':
      if (!Number.isFinite(e.value)) throw new Error(`a number literal must be finite, not ${e.value}`);
      return 'number';
    case 'str':
      return 'text';
    case 'bool':
      return 'bool';
    case 'null':
      return e.type;
    case 'col':
      if (!(e.name in columns)) throw new Error(`no column ${e.name}`);
      return columns[e.name];
    case 'ref':
      if (!(e.name in defs)) throw new Error(`${e.name} is not defined before it is used`);
      return defs[e.name];
    case 'asOf':
      return 'date';
    case 'arith':
      want(e.a, 'number', e.fn);
      want(e.b, 'number', e.fn);
      return 'number';
    case 'math':
      want(e.a, 'number', e.fn);
      return 'number';
    case 'round':
      if (!Number.isInteger(e.places) || e.places < 0 || e.places > 10) throw new Error(`round places must be 0–10, not ${e.places}`);
      want(e.a, 'number', 'round');
      return 'number';
    case 'least':
    case 'greatest':
      if (e.args.length === 0) throw new Error(`${e.op} needs arguments`);
      for (const a of e.args) want(a, 'number', e.op);
      return 'number';
    case 'clamp':
      if (!(e.lo <= e.hi)) throw new Error(`clamp bounds ${e.lo} > ${e.hi}`);
      want(e.a, 'number', 'clamp');
      return 'number';
    case 'curve':
      checkPoints(e.scale, e.points);
      want(e.a, 'number', 'curve');
      return 'number';
    case 'cmp': {
      const ta = t(e.a);
      const tb = t(e.b);
      if (ta !== tb) throw new Error(`cannot compare ${ta} with ${tb}`);
      if (ta === 'bool') throw new Error('cannot compare booleans');
      if (ta === 'text' && e.fn !== '=' && e.fn !== '<>') throw new Error('text compares only with = and <>');
      return 'bool';
    }
    case 'and':
    case 'or':
      for (const a of e.args) want(a, 'bool', e.op);
      return 'bool';
    case 'not':
      want(e.a, 'bool', 'not');
      return 'bool';
    case 'isNull':
      t(e.a);
      return 'bool';
    case 'in':
      want(e.a, 'text', 'in');
      return 'bool';
    case 'case': {
      for (const [c] of e.when) want(c, 'bool', 'a case condition');
      const type = t(e.else);
      for (const [, v] of e.when) want(v, type, 'every case branch');
      return type;
    }
    case 'coalesce': {
      const type = t(e.args[0]);
      for (const a of e.args) want(a, type, 'every coalesce argument');
      return type;
    }
    case 'daysSince':
      want(e.a, 'date', 'daysSince');
      return 'number';
    case 'wmean':
      if (e.parts.length === 0) throw new Error('wmean needs parts');
      for (const [v, w] of e.parts) {
        want(v, 'number', 'a wmean value');
        want(w, 'number', 'a wmean weight');
      }
      return 'number';
  }
}

function checkPoints(scale: CurveScale, points: readonly (readonly [number, number])[]): void {
  if (points.length < 2) throw new Error('a curve needs at least two points');
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`curve point ${i + 1} is not finite`);
    if (i > 0 && !(x > points[i - 1][0])) throw new Error('curve points must have rising x');
  }
  if (scale === 'log' && !(points[0][0] > 0)) throw new Error('a log curve starts above 0');
  if (scale === 'log1p' && !(points[0][0] > -1)) throw new Error('a log1p curve starts above −1');
}

// ── The rules shared by every evaluator ───────────────────────────────────────────────────────

// Read once: global lookups are slow inside a vm context (the emulator, tests, bench).
const { log10: mathLog10 } = Math;

/** The scale a curve interpolates in. Only called above the first point (> 0 on a log scale). */
export function curveScale(scale: CurveScale, x: number): number {
  return scale === 'linear' ? x : scale === 'log' ? mathLog10(x) : mathLog10(1 + x);
}

// ── Walking an expression ─────────────────────────────────────────────────────────────────────

/** The definitions an expression refers to. */
export function refsIn(e: Expr): string[] {
  return namesIn(e, 'ref');
}

/** The columns an expression reads. */
export function columnsIn(e: Expr): string[] {
  return namesIn(e, 'col');
}

function namesIn(e: Expr, op: 'ref' | 'col'): string[] {
  const out: string[] = [];
  const walk = (x: Expr): void => {
    if (x.op === op) out.push(x.name);
    for (const child of childrenOf(x)) walk(child);
  };
  walk(e);
  return out;
}

function childrenOf(e: Expr): Expr[] {
  switch (e.op) {
    case 'arith':
    case 'cmp':
      return [e.a, e.b];
    case 'math':
    case 'round':
    case 'clamp':
    case 'curve':
    case 'not':
    case 'isNull':
    case 'in':
    case 'daysSince':
      return [e.a];
    case 'least':
    case 'greatest':
    case 'and':
    case 'or':
    case 'coalesce':
      return e.args;
    case 'case':
      return [...e.when.flat(), e.else];
    case 'wmean':
      return e.parts.flat();
    default:
      return [];
  }
}

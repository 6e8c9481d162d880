/**
 * Expressions (src/core/expr.ts) rendered as SQL for DuckDB and for BigQuery (GoogleSQL), with
 * the language's meaning kept wherever the two dialects — or SQL and TypeScript — would differ:
 *
 * | Rule                  | DuckDB would…                     | BigQuery would…          | Rendered as                         |
 * |-----------------------|-----------------------------------|--------------------------|-------------------------------------|
 * | x / 0 is NULL         | give ±Infinity                    | raise an error           | `x / NULLIF(y, 0)`, `SAFE_DIVIDE`   |
 * | LEAST(x, NULL) NULL   | ignore the NULL                   | give NULL                | a CASE around DuckDB's LEAST        |
 * | log of 0 is NULL      | raise an error                    | raise an error           | the argument guarded by a CASE      |
 * | halves round up       | round away from 0 (−2.5 → −3)     | the same                 | `FLOOR((x + ε) * 10^p + 0.5) / 10^p` |
 * | days between dates    | DATE_DIFF('day', from, to)        | DATE_DIFF(to, from, DAY) | each dialect's argument order       |
 * | 0.1 is a double       | reads 0.1 as DECIMAL              | reads it as FLOAT64      | DuckDB: `CAST('0.1' AS DOUBLE)`     |
 * | replace every match   | REGEXP_REPLACE needs 'g'          | replaces all             | the flag where needed               |
 *
 * Pure; no Apps Script globals.
 */
import { type CurveScale, type Definition, type Expr, type Model, columnsIn, curveScale, refsIn } from './expr';

export type Dialect = 'duckdb' | 'bigquery';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'bigquery'];

/** How a rendered expression names what it reads. */
export interface RenderScope {
  dialect: Dialect;
  /** SQL for the as-of day (a column of the first step, so CURRENT_DATE() is read once). */
  asOf: string;
  /** SQL for a column of the input (already read and cleaned by the first step). */
  column: (name: string) => string;
}

// ── Literals ───────────────────────────────────────────────────────────────────────────────────

/** A finite number as a double in the dialect, printed so it reads back as the same double. */
export function numberSql(n: number, dialect: Dialect): string {
  if (!Number.isFinite(n)) throw new Error(`cannot render ${n} as SQL`);
  const text = String(Math.abs(n));
  // Small integers are exact in every integer and float type; anything else is written as a
  // double (DuckDB reads 0.1 as DECIMAL, and INTEGER arithmetic on big literals overflows there).
  const plain = Number.isInteger(n) && Math.abs(n) < 1e9;
  // DuckDB casts from text (exactly rounded); a DECIMAL literal cast to DOUBLE can be off by a bit.
  const body = plain || dialect === 'bigquery' ? (plain || /[.e]/.test(text) ? text : `${text}.0`) : `CAST('${text}' AS DOUBLE)`;
  return n < 0 || Object.is(n, -0) ? `(-${body})` : body;
}

/** A text literal. GoogleSQL strings take backslash escapes; DuckDB's take '' for a quote. */
export function stringSql(s: string, dialect: Dialect): string {
  if (dialect === 'duckdb') return `'${s.replace(/'/g, "''")}'`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A day as a DATE literal. */
export function dateSql(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not a YYYY-MM-DD day: ${iso}`);
  return `DATE '${iso}'`;
}

/** Words neither dialect takes as a bare column name. Names we render unquoted are checked against it. */
export const RESERVED_WORDS = new Set(
  (
    'all and any array as asc assert_rows_modified at between by case cast collate contains create cross cube current default define desc distinct ' +
    'else end enum escape except exclude exists extract false fetch following for from full group grouping groups hash having if ignore in inner ' +
    'intersect interval into is join lateral left like limit lookup merge natural new no not null nulls of on or order outer over partition ' +
    'preceding proto qualify range recursive respects right rollup rows select set some struct tablesample then to treat true unbounded union ' +
    'unnest using when where window with within analyse analyze both check column constraint current_date current_time current_timestamp ' +
    'current_user deferrable do foreign grant initially leading localtime localtimestamp offset only placing primary references returning ' +
    'session_user symmetric table trailing unique user variadic pivot unpivot qualify asof semi anti positional'
  ).split(' '),
);

export function identifierSql(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || RESERVED_WORDS.has(name)) throw new Error(`not a plain SQL name: ${name}`);
  return name;
}

// ── Dialect pieces ─────────────────────────────────────────────────────────────────────────────

export function divideSql(a: string, b: string, dialect: Dialect): string {
  return dialect === 'bigquery' ? `SAFE_DIVIDE(${a}, ${b})` : `(${a} / NULLIF(${b}, 0))`;
}

/** Whole days from `from` to `to`. */
export function daysBetweenSql(from: string, to: string, dialect: Dialect): string {
  return dialect === 'bigquery' ? `DATE_DIFF(${to}, ${from}, DAY)` : `DATE_DIFF('day', ${from}, ${to})`;
}

/** Replace every match of an RE2 pattern. */
export function regexpReplaceAllSql(text: string, pattern: string, replacement: string, dialect: Dialect): string {
  return dialect === 'bigquery'
    ? `REGEXP_REPLACE(${text}, ${stringSql(pattern, dialect)}, ${stringSql(replacement, dialect)})`
    : `REGEXP_REPLACE(${text}, ${stringSql(pattern, dialect)}, ${stringSql(replacement, dialect)}, 'g')`;
}

/** Today in a time zone (IANA name), or the session's zone. */
export function currentDateSql(dialect: Dialect, timeZone?: string): string {
  if (dialect === 'duckdb') return 'CURRENT_DATE';
  return timeZone ? `CURRENT_DATE(${stringSql(timeZone, dialect)})` : 'CURRENT_DATE()';
}

// ── Expressions ────────────────────────────────────────────────────────────────────────────────

export function exprSql(e: Expr, scope: RenderScope): string {
  const r = (x: Expr) => exprSql(x, scope);
  const d = scope.dialect;
  switch (e.op) {
    case 'num':
      return numberSql(e.value, d);
    case 'str':
      return stringSql(e.value, d);
    case 'bool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'col':
      return scope.column(e.name);
    case 'ref':
      return identifierSql(e.name);
    case 'asOf':
      return scope.asOf;
    case 'arith':
      return e.fn === '/' ? divideSql(r(e.a), r(e.b), d) : `(${r(e.a)} ${e.fn} ${r(e.b)})`;
    case 'math': {
      const x = r(e.a);
      const fn = e.fn.toUpperCase();
      if (e.fn === 'sqrt') return atLeastZero(e.a) ? `${fn}(${x})` : `${fn}(CASE WHEN ${x} >= 0 THEN ${x} END)`;
      return `${fn}(CASE WHEN ${x} > 0 THEN ${x} END)`;
    }
    case 'round': {
      const f = 10 ** e.places;
      return `(FLOOR((${r(e.a)} + ${numberSql(Number.EPSILON, d)}) * ${numberSql(f, d)} + 0.5) / ${numberSql(f, d)})`;
    }
    case 'least':
    case 'greatest': {
      const args = e.args.map(r);
      const call = `${e.op.toUpperCase()}(${args.join(', ')})`;
      // BigQuery's LEAST is NULL when any argument is; DuckDB's skips NULLs.
      const nullable = e.args.filter((a) => a.op !== 'num').map(r);
      return d === 'bigquery' || nullable.length === 0 ? call : `(CASE WHEN ${nullable.map((a) => `${a} IS NULL`).join(' OR ')} THEN NULL ELSE ${call} END)`;
    }
    case 'clamp': {
      const x = r(e.a);
      return `(CASE WHEN ${x} < ${numberSql(e.lo, d)} THEN ${numberSql(e.lo, d)} WHEN ${x} > ${numberSql(e.hi, d)} THEN ${numberSql(e.hi, d)} ELSE ${x} END)`;
    }
    case 'curve':
      return curveSql(r(e.a), e.scale, e.points, d);
    case 'cmp':
      return `(${r(e.a)} ${e.fn} ${r(e.b)})`;
    case 'and':
    case 'or':
      return `(${e.args.map(r).join(` ${e.op.toUpperCase()} `)})`;
    case 'not':
      return `(NOT ${r(e.a)})`;
    case 'isNull':
      return `(${r(e.a)} IS NULL)`;
    case 'in':
      return `(${r(e.a)} IN (${e.values.map((v) => stringSql(v, d)).join(', ')}))`;
    case 'case':
      return `(CASE ${e.when.map(([c, v]) => `WHEN ${r(c)} THEN ${r(v)}`).join(' ')} ELSE ${r(e.else)} END)`;
    case 'coalesce':
      return `COALESCE(${e.args.map(r).join(', ')})`;
    case 'daysSince':
      return daysBetweenSql(r(e.a), scope.asOf, d);
    case 'wmean': {
      const sum = e.parts.map(([v, w]) => `COALESCE(${r(w)} * ${r(v)}, 0)`).join(' + ');
      const weight = e.parts.map(([v, w]) => `(CASE WHEN ${r(v)} IS NULL${w.op === 'num' ? '' : ` OR ${r(w)} IS NULL`} THEN 0 ELSE ${r(w)} END)`).join(' + ');
      return divideSql(`(${sum})`, `(${weight})`, d);
    }
  }
}

/** Is the expression never negative (so SQRT needs no guard)? Only the cases the value model has. */
function atLeastZero(e: Expr): boolean {
  return (e.op === 'num' && e.value >= 0) || (e.op === 'clamp' && e.lo >= 0);
}

/** The curve's steps exactly as the TypeScript evaluator takes them: y0 + (y1 − y0) · (t − t0) ÷ (t1 − t0). */
function curveSql(x: string, scale: CurveScale, points: readonly (readonly [number, number])[], d: Dialect): string {
  const n = (v: number) => numberSql(v, d);
  const t = scale === 'linear' ? x : scale === 'log' ? `LOG10(${x})` : `LOG10(1 + ${x})`;
  const ts = points.map(([px]) => curveScale(scale, px));
  const parts = [`WHEN ${x} IS NULL THEN NULL`, `WHEN ${x} <= ${n(points[0][0])} THEN ${n(points[0][1])}`];
  for (let i = 1; i < points.length; i++) {
    const [y0, y1] = [points[i - 1][1], points[i][1]];
    // + 0 and − 0 are left out: they change no double, and the statement reads better without.
    // The divisor is a non-zero constant, so a plain / is safe in both dialects.
    const offset = ts[i - 1] === 0 ? t : `(${t} - ${n(ts[i - 1])})`;
    const y = `${n(y1 - y0)} * ${offset} / ${n(ts[i] - ts[i - 1])}`;
    parts.push(`WHEN ${x} <= ${n(points[i][0])} THEN ${y0 === 0 ? y : `${n(y0)} + ${y}`}`);
  }
  return `(CASE ${parts.join(' ')} ELSE ${n(points[points.length - 1][1])} END)`;
}

// ── A model as one statement ──────────────────────────────────────────────────────────────────

export interface QueryParts {
  dialect: Dialect;
  /** Comment lines printed above the statement. */
  header: readonly string[];
  /** The first step: SQL expressions of the cleaned input columns, by name, and where they come from. */
  input: { columns: readonly (readonly [string, string])[]; from: string; where?: string };
  /** Input columns the final SELECT repeats before the model's outputs (e.g. the row's ID). */
  keep: readonly string[];
}

/**
 * One SELECT: a first step reading the input, then one step per depth of the model (a definition
 * comes in the step after the last one it refers to, so each is computed once), then the outputs.
 */
export function modelSql(model: Model, parts: QueryParts): string {
  const d = parts.dialect;
  const inputNames = new Set(parts.input.columns.map(([name]) => name));
  const scope: RenderScope = {
    dialect: d,
    asOf: 'as_of',
    column: (name) => {
      if (!inputNames.has(name)) throw new Error(`the input has no column ${name}`);
      return identifierSql(name);
    },
  };
  const needed = neededBy(model);
  const depth = new Map<string, number>();
  const steps: Definition[][] = [];
  for (const def of model.definitions.filter((d) => needed.has(d.name))) {
    const k = 1 + Math.max(0, ...refsIn(def.expr).map((name) => depth.get(name) ?? 0));
    depth.set(def.name, k);
    if (!steps[k - 1]) steps[k - 1] = [];
    steps[k - 1].push(def);
  }
  const indent = (lines: string[]) => lines.map((l) => `    ${l}`).join(',\n');
  const ctes = [
    `roster AS (\n  SELECT\n${indent(parts.input.columns.map(([name, sql]) => `${sql} AS ${identifierSql(name)}`))}\n  FROM ${parts.input.from}${parts.input.where ? `\n  WHERE ${parts.input.where}` : ''}\n)`,
    ...steps.map((defs, i) => `step${i + 1} AS (\n  SELECT\n    *,\n${indent(defs.map((def) => `${exprSql(def.expr, scope)} AS ${identifierSql(def.name)}`))}\n  FROM ${i === 0 ? 'roster' : `step${i}`}\n)`),
  ];
  const outputs = [...parts.keep, ...model.outputs].map(identifierSql);
  const header = parts.header.map((l) => `-- ${l}`.trimEnd()).join('\n');
  return `${header ? `${header}\n` : ''}WITH\n${ctes.join(',\n')}\nSELECT\n${indent(outputs)}\nFROM step${steps.length}\n`;
}

/**
 * The definitions the outputs need. The table may hold definitions for other callers (the
 * recompute's hysteresis), which a query would compute for nothing.
 */
function neededBy(model: Model): Set<string> {
  const needed = new Set(model.outputs);
  for (const def of [...model.definitions].reverse()) if (needed.has(def.name)) for (const r of refsIn(def.expr)) needed.add(r);
  return needed;
}

/** The columns a model's outputs read, in the order first read. */
export function columnsOf(model: Model): string[] {
  const needed = neededBy(model);
  return [...new Set(model.definitions.filter((d) => needed.has(d.name)).flatMap((d) => columnsIn(d.expr)))];
}

/**
 * The expression language: the TypeScript evaluator and the DuckDB rendering give the same
 * answers, row by row, including every place where SQL dialects (or SQL and JavaScript) differ;
 * the BigQuery rendering takes each dialect difference its own way.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  add,
  and,
  asOf,
  caseOf,
  checkModel,
  clamp,
  cmp,
  coalesce,
  col,
  curve,
  type ColumnTypes,
  daysSince,
  div,
  greatest,
  isIn,
  isNull,
  least,
  ln,
  log10,
  type Model,
  mul,
  not,
  num,
  or,
  ref,
  round,
  sqrt,
  str,
  sub,
  type Value,
  wmean,
} from '../../src/core/expr';
import { compileModel } from '../../src/core/expr-compile';
import { type Dialect, dateSql, modelSql, regexpReplaceAllSql, stringSql } from '../../src/core/sql';
import { duckdb, loadTable, queryRows, type SqlType } from '../helpers/duckdb';

const COLUMNS: ColumnTypes = { a: 'number', b: 'number', d: 'date', s: 'text' };
const SQL_COLUMNS: [string, SqlType][] = [
  ['id', 'VARCHAR'],
  ['a', 'DOUBLE'],
  ['b', 'DOUBLE'],
  ['d', 'DATE'],
  ['s', 'VARCHAR'],
];
const AS_OF = '2026-12-01';
const AS_OF_DAY = Date.UTC(2026, 11, 1) / 86_400_000;

/** Every operation of the language, over columns a, b (numbers), d (a date) and s (text). */
const MODEL: Model = {
  definitions: [
    { name: 'quotient', expr: div(col('a'), col('b')) },
    { name: 'sum_ab', expr: add(col('a'), col('b')) },
    { name: 'product', expr: mul(sub(col('a'), 1), col('b')) },
    { name: 'lowest', expr: least(col('a'), col('b')) },
    { name: 'highest', expr: greatest(col('a'), col('b'), 0) },
    { name: 'log_a', expr: log10(col('a')) },
    { name: 'ln_a', expr: ln(col('a')) },
    { name: 'root_a', expr: sqrt(col('a')) },
    { name: 'whole_a', expr: round(col('a'), 0) },
    { name: 'tenth_a', expr: round(col('a'), 1) },
    { name: 'cent_a', expr: round(col('a'), 2) },
    { name: 'clamped', expr: clamp(col('a'), 0, 100) },
    { name: 'log_curve', expr: curve('log', col('a'), [[0.3, 0], [30, 100]]) },
    { name: 'log1p_curve', expr: curve('log1p', col('a'), [[0, 0], [100_000, 100]]) },
    { name: 'steps', expr: curve('linear', col('a'), [[7, 100], [30, 60], [90, 0]]) },
    { name: 'age', expr: daysSince(col('d')) },
    { name: 'fresh', expr: curve('linear', daysSince(col('d')), [[7, 100], [90, 0]]) },
    { name: 'both_big', expr: and(cmp('>', col('a'), 10), cmp('>', col('b'), 10)) },
    { name: 'either_big', expr: or(cmp('>', col('a'), 10), cmp('>', col('b'), 10)) },
    { name: 'not_big', expr: not(cmp('>', col('a'), 10)) },
    { name: 'a_missing', expr: isNull(col('a')) },
    { name: 'status', expr: caseOf([[isIn(col('s'), ['x', 'y']), str('known')], [cmp('=', col('s'), str('z')), str('zed')]], str('other')) },
    { name: 'first_known', expr: coalesce(col('a'), col('b'), -1) },
    { name: 'mean', expr: wmean([[col('a'), 2], [col('b'), 1], [ref('fresh'), 0]]) },
    { name: 'tenths', expr: add(num(0.1), num(0.2)) },
    { name: 'mean_of_refs', expr: round(wmean([[ref('clamped'), 1], [ref('steps'), 3]]), 1) },
    { name: 'as_of_age', expr: daysSince(asOf()) },
  ],
  outputs: [],
};
const OUTPUTS = MODEL.definitions.map((d) => d.name);
const model: Model = { ...MODEL, outputs: OUTPUTS };

type Row = { id: string; a: number | null; b: number | null; d: string | null; s: string | null };

/** Named rows; each dialect difference has its own. Expected values are checked on both evaluators. */
const CASES: { row: Row; expect: Partial<Record<string, Value>> }[] = [
  { row: { id: 'division by zero', a: 1, b: 0, d: null, s: null }, expect: { quotient: null, sum_ab: 1, product: 0 } },
  { row: { id: 'zero by zero', a: 0, b: 0, d: null, s: null }, expect: { quotient: null } },
  { row: { id: 'NULL in LEAST', a: null, b: 1, d: null, s: null }, expect: { lowest: null, highest: null, sum_ab: null, quotient: null, a_missing: true } },
  { row: { id: 'LEAST of numbers', a: -3, b: 1, d: null, s: null }, expect: { lowest: -3, highest: 1, a_missing: false } },
  { row: { id: 'log of 0', a: 0, b: null, d: null, s: null }, expect: { log_a: null, ln_a: null, root_a: 0, log_curve: 0, log1p_curve: 0 } },
  { row: { id: 'log of a negative', a: -1, b: null, d: null, s: null }, expect: { log_a: null, ln_a: null, root_a: null, log_curve: 0, log1p_curve: 0, clamped: 0 } },
  { row: { id: 'half rounds up', a: 2.5, b: null, d: null, s: null }, expect: { whole_a: 3, tenth_a: 2.5 } },
  { row: { id: 'negative half rounds up', a: -2.5, b: null, d: null, s: null }, expect: { whole_a: -2 } },
  { row: { id: 'decimal half as written', a: 1.005, b: null, d: null, s: null }, expect: { cent_a: 1.01, whole_a: 1 } },
  { row: { id: 'score half', a: 80.05, b: null, d: null, s: null }, expect: { tenth_a: 80.1, whole_a: 80 } },
  { row: { id: 'date 30 days back', a: null, b: null, d: '2026-11-01', s: null }, expect: { age: 30, fresh: (100 * (90 - 30)) / 83 } },
  { row: { id: 'date after the as-of day', a: null, b: null, d: '2026-12-31', s: null }, expect: { age: -30, fresh: 100 } },
  { row: { id: 'date across a leap day', a: null, b: null, d: '2024-02-28', s: null }, expect: { age: 1007, fresh: 0 } },
  { row: { id: 'three-valued logic', a: 20, b: null, d: null, s: 'x' }, expect: { both_big: null, either_big: true, not_big: false, status: 'known' } },
  { row: { id: 'three-valued false', a: 1, b: null, d: null, s: 'z' }, expect: { both_big: false, either_big: null, not_big: true, status: 'zed' } },
  { row: { id: 'NULL text', a: null, b: null, d: null, s: null }, expect: { status: 'other', first_known: -1, mean: null, not_big: null } },
  { row: { id: 'weighted mean of present parts', a: 10, b: null, d: null, s: null }, expect: { mean: 10, first_known: 10 } },
  { row: { id: 'weighted mean', a: 10, b: 40, d: '2026-11-30', s: '' }, expect: { mean: 20, status: 'other' } },
  { row: { id: 'a double, not a decimal', a: null, b: null, d: null, s: null }, expect: { tenths: 0.30000000000000004 } },
  { row: { id: 'curve segments', a: 60, b: null, d: null, s: null }, expect: { steps: 30, clamped: 60 } },
  { row: { id: 'curve end', a: 1000, b: null, d: null, s: null }, expect: { steps: 0, clamped: 100, log_curve: 100 } },
  { row: { id: 'quote in text', a: null, b: null, d: null, s: "it's \\ 'x'" }, expect: { status: 'other' } },
];

/** More rows, for agreement only: a spread of values across every branch. */
function spread(): Row[] {
  const rows: Row[] = [];
  const nums = [null, 0, -0.5, 0.1, 0.3, 1, 2.5, 7, 9.99, 10, 29.5, 45, 99.95, 1e-9, 12_345.678, 1e7];
  const dates = [null, '2026-12-01', '2026-11-24', '2026-09-02', '2025-02-28', '2027-01-01'];
  let i = 0;
  for (const a of nums) for (const b of nums) rows.push({ id: `spread ${i}`, a, b, d: dates[i % dates.length], s: ['x', 'y', 'z', null, 'Z'][i++ % 5] });
  return rows;
}

const dayOf = (iso: string | null): number | null => (iso === null ? null : Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);

function evaluate(rows: readonly Row[]): Record<string, Value>[] {
  const compiled = compileModel<Row>(model, COLUMNS, (name) => (name === 'd' ? (r) => dayOf(r.d) : (r) => r[name as 'a' | 'b' | 's']));
  return rows.map((r) => {
    const slots = compiled.run(r, AS_OF_DAY);
    return Object.fromEntries(OUTPUTS.map((o) => [o, slots[compiled.index[o]]]));
  });
}

function render(dialect: Dialect): string {
  return modelSql(model, {
    dialect,
    header: ['test model'],
    input: { columns: [['id', 'id'], ['as_of', dateSql(AS_OF)], ...(['a', 'b', 'd', 's'].map((c) => [c, c]) as [string, string][])], from: 't' },
    keep: ['id'],
  });
}

let con: DuckDBConnection;
let sqlRows: Map<string, Record<string, unknown>>;
const allRows = [...CASES.map((c) => c.row), ...spread()];

beforeAll(async () => {
  con = await duckdb();
  await loadTable(
    con,
    't',
    SQL_COLUMNS,
    allRows.map((r) => [r.id, r.a, r.b, r.d, r.s]),
  );
  const rows = await queryRows(con, render('duckdb'));
  sqlRows = new Map(rows.map((r) => [String(r.id), r]));
});

afterAll(() => con?.closeSync());

const close = (x: unknown, y: unknown) => (typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)) : x === y);

describe('the expression language', () => {
  it('type-checks the test model and refuses broken ones', () => {
    expect(checkModel(model, COLUMNS).status).toBe('text');
    expect(() => checkModel({ definitions: [{ name: 'x', expr: add(col('s'), 1) }], outputs: [] }, COLUMNS)).toThrow(/x: \+ must be number, not text/);
    expect(() => checkModel({ definitions: [{ name: 'x', expr: ref('y') }], outputs: [] }, COLUMNS)).toThrow(/y is not defined before/);
    expect(() => checkModel({ definitions: [{ name: 'x', expr: col('nope') }], outputs: [] }, COLUMNS)).toThrow(/no column nope/);
    expect(() => checkModel({ definitions: [{ name: 'x', expr: curve('log', col('a'), [[0, 0], [1, 1]]) }], outputs: [] }, COLUMNS)).toThrow(/starts above 0/);
    expect(() => checkModel({ definitions: [{ name: 'a', expr: num(1) }], outputs: [] }, COLUMNS)).toThrow(/column's name/);
    expect(() => checkModel({ definitions: [{ name: 'x', expr: caseOf([[num(1), num(2)]], num(3)) }], outputs: [] }, COLUMNS)).toThrow(/condition must be bool/);
  });

  it('computes only what is wanted, and takes given definitions from the row', () => {
    const read = (name: string) => (r: Record<string, Value>) => r[name] ?? null;
    const wanted = compileModel<Record<string, Value>>(model, COLUMNS, read, ['mean_of_refs']);
    expect(wanted.index).toEqual({ mean_of_refs: 0 });
    expect(wanted.run({ a: 60 }, AS_OF_DAY)).toEqual([(60 + 3 * 30) / 4]);
    // 'clamped' and 'steps' given: the row's values stand in for them, a and its curves are not read.
    const given = compileModel<Record<string, Value>>(model, COLUMNS, read, ['mean_of_refs'], ['clamped', 'steps']);
    expect(given.run({ a: 60, clamped: 10, steps: 50 }, AS_OF_DAY)).toEqual([40]);
    expect(given.run({ a: 60, clamped: null, steps: 50 }, AS_OF_DAY)).toEqual([50]);
  });

  for (const [i, c] of CASES.entries()) {
    it(`${c.row.id}: TypeScript and DuckDB give the expected values`, () => {
      const ts = evaluate([c.row])[0];
      const sql = sqlRows.get(c.row.id)!;
      for (const [name, want] of Object.entries(c.expect)) {
        expect(ts[name], `TypeScript ${name}`).toSatisfy((v: unknown) => close(v, want));
        expect(sql[name], `DuckDB ${name}`).toSatisfy((v: unknown) => close(v, want));
      }
      expect(i).toBeGreaterThanOrEqual(0);
    });
  }

  it('TypeScript and DuckDB agree on every output of every row', () => {
    const ts = evaluate(allRows);
    const mismatches: string[] = [];
    allRows.forEach((row, i) => {
      const sql = sqlRows.get(row.id)!;
      for (const o of OUTPUTS) if (!close(ts[i][o], sql[o])) mismatches.push(`${row.id} ${o}: ${ts[i][o]} vs ${sql[o]}`);
    });
    expect(mismatches).toEqual([]);
    expect(allRows.length).toBeGreaterThan(250);
  });

  it('DuckDB replaces every match only with the g flag, which the rendering adds', async () => {
    const pattern = '[\\s\\p{Z}\\p{P}\\p{S}]';
    const [row] = await queryRows(con, `SELECT ${regexpReplaceAllSql(stringSql('Pa u·sed\u3000!', 'duckdb'), pattern, '', 'duckdb')} AS v, REGEXP_REPLACE('a b c', ' ', '') AS once`);
    expect(row).toEqual({ v: 'Paused', once: 'ab c' });
  });
});

describe('the BigQuery rendering', () => {
  const sql = render('bigquery');
  it('takes each dialect difference its own way', () => {
    expect(sql).toContain('SAFE_DIVIDE(a, b)');
    expect(sql).toContain('LEAST(a, b)');
    expect(sql).not.toMatch(/CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE LEAST/);
    expect(sql).toContain('DATE_DIFF(as_of, d, DAY)');
    expect(sql).toContain('LOG10(CASE WHEN a > 0 THEN a END)');
    expect(sql).toContain('FLOOR((a + 2.220446049250313e-16) * 10 + 0.5) / 10');
    expect(sql).toContain('(0.1 + 0.2)');
    expect(stringSql("it's \\ 'x'", 'bigquery')).toBe("'it\\'s \\\\ \\'x\\''");
  });
  it('the DuckDB rendering takes the other way', () => {
    const duck = render('duckdb');
    expect(duck).toContain('(a / NULLIF(b, 0))');
    expect(duck).toContain("DATE_DIFF('day', d, as_of)");
    expect(duck).toContain("(CAST('0.1' AS DOUBLE) + CAST('0.2' AS DOUBLE))");
    expect(stringSql("it's", 'duckdb')).toBe("'it''s'");
  });
});

/**
 * npm run sql: flags, the team's Settings from a CSV export or a workbook.json, and the statement
 * it prints running in DuckDB. Bad flags and unreadable files: a message and exit code 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettingsRows } from '../../src/core/settings';
import { KOCS_TABLE, sqlTypeName } from '../../src/core/roster-sql';
import { main } from '../../scripts/sql';
import { duckdb, loadTable, queryRows, type SqlType } from '../helpers/duckdb';
import { generateRoster } from '../helpers/roster-gen';

const dir = mkdtempSync(join(tmpdir(), 'koc-sql-'));

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const csv = (rows: (string | number)[][]) => rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n');

describe('npm run sql', () => {
  it('prints one DuckDB SELECT for an as-of day, and it runs on a kocs table', async () => {
    const r = run('--dialect', 'duckdb', '--as-of', '2026-12-01');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain("DATE '2026-12-01' AS as_of");
    expect(r.out.match(/;/g)).toBeNull(); // one statement, ready to wrap in a view
    const con = await duckdb();
    const day = Date.UTC(2026, 11, 1) / 86_400_000;
    await loadTable(con, 'kocs', KOCS_TABLE.map((c) => [c.name, sqlTypeName(c.sqlType, 'duckdb') as SqlType]), generateRoster(200, day).map((g) => g.table));
    const rows = await queryRows(con, r.out);
    con.closeSync();
    expect(rows.length).toBe(199); // the generated row without a KOC ID is not a KOC
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['koc_id', 'score', 'tier', 'tier_effective', 'stage', 'evidence', 'influence_score', 'brand_fit_score']));
  });

  it('prints GoogleSQL reading the given table, today in a time zone when no day is given', () => {
    const r = run('--dialect', 'bigquery', '--table', 'my-project.crm.kocs', '--time-zone', 'Asia/Shanghai');
    expect(r.code).toBe(0);
    expect(r.out).toContain('FROM `my-project.crm.kocs`');
    expect(r.out).toContain("CURRENT_DATE('Asia/Shanghai') AS as_of");
    expect(r.out).toContain('SAFE_DIVIDE(');
    expect(run('--dialect', 'bigquery').out).toContain('CURRENT_DATE() AS as_of');
  });

  it("takes the team's Settings from a CSV export of the Settings sheet, in Chinese", () => {
    const rows = defaultSettingsRows('zh').map((r) => (String(r[0]) === '权重·影响力' ? [r[0], 37, r[2]] : r));
    const file = join(dir, 'settings.csv');
    writeFileSync(file, `\uFEFF${csv([['设置项', '值', '说明'], ...rows])}`);
    const out = run('--settings', file, '--as-of', '2026-12-01').out;
    expect(out).toContain('37 * COALESCE(influence_raw');
    expect(run('--as-of', '2026-12-01').out).toContain('15 * COALESCE(influence_raw');
  });

  it("takes them from the preview's workbook.json, and names a setting it cannot use", () => {
    const rows = defaultSettingsRows('en').map((r) => (String(r[0]) === 'Tier threshold · Core' ? [r[0], 'high', r[2]] : String(r[0]) === 'Weight · Engagement' ? [r[0], 33, r[2]] : r));
    const file = join(dir, 'workbook.json');
    writeFileSync(file, JSON.stringify({ sheets: [{ name: 'KOCs', values: [['KOC ID']] }, { name: 'Settings', values: [['Setting', 'Value', 'Notes'], ...rows] }] }));
    const r = run('--settings', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('33 * COALESCE(engagement_raw');
    expect(r.err).toMatch(/^Settings: .*Tier threshold · Core.*high/m);
  });

  it.each([
    [['--dialect', 'postgres'], /--dialect must be duckdb or bigquery, not "postgres"/],
    [['--as-of', '2026-02-30'], /--as-of must be a day as YYYY-MM-DD, not "2026-02-30"/],
    [['--as-of', 'yesterday'], /--as-of must be a day/],
    [['--table', 'kocs; DROP TABLE x'], /--table must be a table name/],
    [['--time-zone', 'Asia/Shanghai'], /--time-zone is for --dialect bigquery/],
    [['--dialect', 'bigquery', '--time-zone', 'Mars/Olympus'], /--time-zone must be a time zone/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--settings', join(dir, 'missing.csv')], /Cannot read the settings file .*missing\.csv: no such file/],
    [['--settings', dir], /Cannot read the settings file/],
  ])('refuses %j with a message and exit code 2', (argv, message) => {
    const r = run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/Usage: npm run --silent sql/);
  });

  it('refuses a workbook without Settings, broken JSON and a CSV with no settings rows', () => {
    writeFileSync(join(dir, 'no-settings.json'), JSON.stringify({ sheets: [{ name: 'KOCs', values: [] }] }));
    writeFileSync(join(dir, 'broken.json'), '{"sheets": [');
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(run('--settings', join(dir, 'no-settings.json')).err).toMatch(/has no Settings sheet/);
    expect(run('--settings', join(dir, 'broken.json')).err).toMatch(/is not valid JSON/);
    expect(run('--settings', join(dir, 'empty.csv')).err).toMatch(/has no Settings rows/);
  });
});

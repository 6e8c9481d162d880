/**
 * `npm run sql` as a process: the statement on stdout, and a bad flag's message on stderr with
 * exit code 2. (The flags and files themselves: tests/sql/cli.test.ts, calling its main.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run sql from the command line', () => {
  it('prints the statement, and exits with code 2 on a bad flag', () => {
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sql.ts', '--dialect', 'oracle'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--dialect must be duckdb or bigquery');
    const good = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/sql.ts', '--as-of', '2026-12-01'], { encoding: 'utf8' });
    expect(good).toMatch(/^-- KOC Ops value model/);
  });
});

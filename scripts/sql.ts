/**
 * npm run sql: the value model as one SQL SELECT over a `kocs` table, for DuckDB or BigQuery.
 *
 *   npm run --silent sql -- --dialect duckdb --as-of 2026-12-01
 *   npm run --silent sql -- --dialect bigquery --table my-project.crm.kocs --settings Settings.csv
 *
 * --settings takes the team's Settings: a CSV export of the Settings sheet (File → Download →
 * CSV on that tab) or the preview's workbook.json, so weights, calibration and thresholds match
 * their workbook. Settings it cannot use are named on stderr and their defaults stand in. Bad
 * flags or an unreadable file: a message and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { kocsQuery } from '../src/core/kocs-query';
import { parseSettings, type Settings } from '../src/core/settings';
import { type Dialect, DIALECTS } from '../src/core/sql';
import { mapHeaders } from '../src/sheets/headers';
import { sheetDef } from '../src/sheets/schema';
import { matchSheets } from '../src/sheets/setup-plan';
import { parseTable } from '../preview/csv';

const USAGE = `Usage: npm run --silent sql -- [--dialect duckdb|bigquery] [--as-of YYYY-MM-DD] [--table NAME] [--time-zone ZONE] [--settings FILE]

  --dialect    duckdb (default) or bigquery (GoogleSQL)
  --as-of      the day scores and stages are worked out for; default today
               (DuckDB: CURRENT_DATE; BigQuery: CURRENT_DATE() in --time-zone, so a saved view stays current)
  --table      the roster table to read; default kocs (BigQuery: project.dataset.table)
  --time-zone  BigQuery only: the zone of "today", e.g. Asia/Shanghai (default UTC)
  --settings   the team's Settings: a CSV export of the Settings sheet, or the preview's workbook.json`;

export class UsageError extends Error {}

export interface SqlOptions {
  dialect: Dialect;
  asOf?: string;
  table?: string;
  timeZone?: string;
  settingsFile?: string;
}

/** The flags, checked; throws UsageError with what is wrong. */
export function parseSqlArgs(argv: readonly string[]): SqlOptions | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: false; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const dialect = (v.dialect ?? 'duckdb') as Dialect;
  if (!DIALECTS.includes(dialect)) throw new UsageError(`--dialect must be duckdb or bigquery, not "${v.dialect}".`);
  if (v['as-of'] !== undefined && !isDay(v['as-of'])) throw new UsageError(`--as-of must be a day as YYYY-MM-DD, not "${v['as-of']}".`);
  if (v.table !== undefined && !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,2}$/.test(v.table))
    throw new UsageError(`--table must be a table name such as kocs or my-project.crm.kocs, not "${v.table}".`);
  if (v['time-zone'] !== undefined) {
    if (dialect !== 'bigquery') throw new UsageError('--time-zone is for --dialect bigquery (DuckDB takes today from its session).');
    if (!isTimeZone(v['time-zone'])) throw new UsageError(`--time-zone must be a time zone such as Asia/Shanghai, not "${v['time-zone']}".`);
  }
  return { dialect, asOf: v['as-of'], table: v.table, timeZone: v['time-zone'], settingsFile: v.settings };
}

const OPTIONS = {
  dialect: { type: 'string' },
  'as-of': { type: 'string' },
  table: { type: 'string' },
  'time-zone': { type: 'string' },
  settings: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return /^[A-Za-z_+\-/0-9]+$/.test(zone);
  } catch (_) {
    return false;
  }
}

/**
 * The team's Settings from a file: a CSV of the Settings sheet (Setting | Value | Notes, headers
 * in English or Chinese) or a workbook.json. Throws UsageError when the file cannot be used at all.
 */
export function readSettingsFile(path: string): { settings: Settings; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read the settings file ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
  const rows = /\.json$/i.test(path) || text.trimStart().startsWith('{') ? settingsRowsOfWorkbook(text, path) : parseTable(text).rows;
  const header = rows[0] ?? [];
  const map = mapHeaders(sheetDef('settings'), header);
  const hasHeader = map.index.setting !== undefined && map.index.value !== undefined;
  const at = (key: 'setting' | 'value', dflt: number) => (hasHeader ? map.index[key]! : dflt);
  const pairs = (hasHeader ? rows.slice(1) : rows).map((r) => [r[at('setting', 0)], r[at('value', 1)]]);
  if (!pairs.some((p) => p[0] !== undefined && p[0] !== '')) throw new UsageError(`The settings file ${path} has no Settings rows (Setting | Value).`);
  const { settings, problems } = parseSettings(pairs, 'en');
  return { settings, problems };
}

/** The Settings sheet's rows in a preview workbook.json. */
function settingsRowsOfWorkbook(text: string, path: string): unknown[][] {
  let json: { sheets?: { name?: unknown; values?: unknown }[] };
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`The settings file ${path} is not valid JSON: ${(err as Error).message}.`);
  }
  const sheets = Array.isArray(json?.sheets) ? json.sheets : [];
  const found = matchSheets({ sheets: sheets.map((s) => ({ name: String(s?.name ?? ''), lastRow: 0, lastColumn: 0, header: [] })), weightsRange: null });
  const sheet = found.settings ? sheets.find((s) => String(s?.name) === found.settings!.name) : undefined;
  if (!sheet || !Array.isArray(sheet.values)) throw new UsageError(`The workbook ${path} has no Settings sheet.`);
  return (sheet.values as unknown[]).map((r) => (Array.isArray(r) ? r : []));
}

export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    const opts = parseSqlArgs(argv);
    if (opts === 'help') {
      out(`${USAGE}\n`);
      return 0;
    }
    let settings: Settings | undefined;
    if (opts.settingsFile) {
      const read = readSettingsFile(opts.settingsFile);
      for (const p of read.problems) err(`Settings: ${p}\n`);
      settings = read.settings;
    }
    out(kocsQuery(settings ?? parseSettings([]).settings, { dialect: opts.dialect, asOf: opts.asOf, table: opts.table, timeZone: opts.timeZone }));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE.split('\n')[0]}\n(npm run sql -- --help explains each flag)\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && /sql\.ts$/.test(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}

/**
 * npm run roster-csv: the KOCs tab, exported as CSV, turned into the `kocs` table's load file —
 * the way the add-on reads the roster (headers in English or Chinese in any order; counts as
 * platforms show them, 1.2万 → 12000; dates as 2026/5/1 or 2026年5月1日 → 2026-05-01; Status and
 * Tier override in any language → their keys). A cell the add-on cannot read is left blank and
 * named on stderr.
 *
 *   npm run --silent roster-csv -- KOCs.csv > kocs.csv       the load file (snake_case header)
 *   npm run --silent roster-csv -- --schema > kocs.json      the BigQuery schema of the table
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dayNumber, isoOfDay } from '../src/core/dates';
import { isBlankRow, kocReader, readKocRow } from '../src/core/record';
import { KOCS_TABLE, sqlTypeName } from '../src/core/roster-sql';
import { mapHeaders } from '../src/sheets/headers';
import { sheetDef } from '../src/sheets/schema';
import { parseTable } from '../preview/csv';

const USAGE = 'Usage: npm run --silent roster-csv -- KOCs.csv > kocs.csv   |   npm run --silent roster-csv -- --schema > kocs.json';

class UsageError extends Error {}

/** The BigQuery schema of the kocs table (bq load --schema, or the console's "Edit as text"). */
export function bigQuerySchema(): string {
  return `${JSON.stringify(
    KOCS_TABLE.map((c) => ({ name: c.name, type: sqlTypeName(c.sqlType, 'bigquery'), mode: 'NULLABLE' })),
    null,
    2,
  )}\n`;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The roster CSV as the kocs load file; problems name the row and the cell. */
export function rosterToTable(text: string): { csv: string; problems: string[]; rows: number } {
  const rows = parseTable(text).rows;
  if (rows.length === 0) throw new UsageError('The roster file is empty.');
  const map = mapHeaders(sheetDef('kocs'), rows[0]);
  if (map.index.id === undefined) throw new UsageError('The roster file has no KOC ID column (KOC ID or KOC编号 in the first row).');
  const reader = kocReader(map, { header: rows[0] });
  const lines = [KOCS_TABLE.map((c) => c.name).join(',')];
  const problems: string[] = [];
  let count = 0;
  rows.slice(1).forEach((row, i) => {
    if (isBlankRow(row)) return;
    const { koc, problems: cells } = readKocRow(reader, row);
    for (const p of cells) problems.push(`Row ${i + 2}: ${p}`);
    const record = koc as unknown as Record<string, unknown>;
    lines.push(
      KOCS_TABLE.map((c) => {
        const v = record[c.field];
        if (v === undefined || v === null || v === '') return '';
        if (v instanceof Date) return isoOfDay(dayNumber(v));
        if (Array.isArray(v)) return csvField(v.join(', '));
        return csvField(String(v));
      }).join(','),
    );
    count++;
  });
  return { csv: `${lines.join('\n')}\n`, problems, rows: count };
}

export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: [...argv], options: { schema: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (parsed.values.help) {
      out(`${USAGE}\n`);
      return 0;
    }
    if (parsed.values.schema) {
      out(bigQuerySchema());
      return 0;
    }
    if (parsed.positionals.length !== 1) throw new UsageError('Give one roster file: the KOCs tab exported as CSV.');
    const path = parsed.positionals[0];
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`Cannot read the roster file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
    }
    const table = rosterToTable(text);
    for (const p of table.problems) err(`${p} (left blank)\n`);
    out(table.csv);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && /roster-csv\.ts$/.test(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}

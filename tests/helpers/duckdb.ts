/**
 * DuckDB in-process (@duckdb/node-api), for the SQL renderings: load rows into a table, run a
 * statement, read the rows back as plain values (numbers, text, dates as YYYY-MM-DD, null).
 */
import { type DuckDBConnection, DuckDBDateValue, DuckDBInstance } from '@duckdb/node-api';

export type SqlType = 'DOUBLE' | 'DATE' | 'VARCHAR';
export type SqlValue = number | string | null;

export async function duckdb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

/** Create `table` with these columns and insert the rows (values as in SqlValue; dates as YYYY-MM-DD). */
export async function loadTable(
  con: DuckDBConnection,
  table: string,
  columns: readonly (readonly [string, SqlType])[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  await con.run(`CREATE OR REPLACE TABLE ${table} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  const appender = await con.createAppender(table);
  for (const row of rows) {
    columns.forEach(([, type], i) => {
      const v = row[i];
      if (v === null || v === undefined) appender.appendNull();
      else if (type === 'DOUBLE') appender.appendDouble(v as number);
      else if (type === 'DATE') {
        const [y, m, d] = String(v).split('-').map(Number);
        appender.appendDate(new DuckDBDateValue(Date.UTC(y, m - 1, d) / 86_400_000));
      } else appender.appendVarchar(String(v));
    });
    appender.endRow();
  }
  appender.closeSync();
}

/** Run a query; every row as an object of plain values (integers and decimals as numbers, dates as YYYY-MM-DD). */
export async function queryRows(con: DuckDBConnection, sql: string): Promise<Record<string, SqlValue | boolean>[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjects().map((row) => {
    const out: Record<string, SqlValue | boolean> = {};
    for (const [k, v] of Object.entries(row)) {
      if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
      else if (typeof v === 'bigint') out[k] = Number(v);
      else if (v instanceof DuckDBDateValue) out[k] = v.toString();
      else out[k] = Number(String(v));
    }
    return out;
  });
}

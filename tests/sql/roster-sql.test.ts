/**
 * The roster as a table: column names and types, and the first step reading Status and Tier
 * override in any language or spelling as the add-on does (enumKey), numbers out of range as blank.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { enumKey } from '../../src/core/record';
import { KOCS_TABLE, readColumnSql, tableColumn, tableSql } from '../../src/core/roster-sql';
import { KOC_STATUSES, TIERS } from '../../src/sheets/schema';
import { duckdb, loadTable, queryRows } from '../helpers/duckdb';

let con: DuckDBConnection;
beforeAll(async () => {
  con = await duckdb();
});
afterAll(() => con?.closeSync());

describe('the kocs table', () => {
  it('names every roster column as the snake_case of its English header, typed', () => {
    expect(KOCS_TABLE.map((c) => c.name)).toEqual([
      'koc_id', 'name', 'platform', 'source', 'channel', 'owner', 'joined', 'categories', 'formats', 'styles', 'audiences', 'followers', 'posts_30d',
      'likes', 'collects', 'comments', 'shares', 'leads_30d', 'orders_30d', 'gmv_30d', 'last_post', 'last_contact', 'quality', 'professionalism',
      'creativity', 'brand_fit', 'willingness', 'communication', 'monthly_cost', 'status', 'tier_override', 'notes',
    ]);
    expect(Object.fromEntries(KOCS_TABLE.map((c) => [c.name, c.sqlType]))).toMatchObject({ followers: 'DOUBLE', quality: 'DOUBLE', joined: 'DATE', last_post: 'DATE', status: 'TEXT', categories: 'TEXT' });
  });

  it('quotes table names per dialect and refuses anything else', () => {
    expect(tableSql('proj-1.crm.kocs', 'bigquery')).toBe('`proj-1.crm.kocs`');
    expect(tableSql('main.kocs', 'duckdb')).toBe('"main"."kocs"');
    expect(() => tableSql('kocs; DROP TABLE x', 'bigquery')).toThrow(/not a table name/);
  });

  const spellings = [
    ...[...KOC_STATUSES, ...TIERS].flatMap((v) => [v.key, v.en, v.zh, ...(v.aliases ?? [])]),
    ' Active ', 'ACTIVE', 'ａｃｔｉｖｅ', 'Ａｌｕｍｎｉ', 'active!', 'Pau-sed', '荣誉 KOC', '合作中\u3000', 'core\u00a0', '核心层。', 'Retired', '', 'gold', 'act ive',
  ];

  for (const [field, values] of [['status', KOC_STATUSES], ['tierOverride', TIERS]] as const) {
    it(`reads ${field} in any language or spelling as the add-on does`, async () => {
      const c = tableColumn(field);
      await loadTable(con, 't', [[c.name, 'VARCHAR']], spellings.map((s) => [s]));
      const rows = await queryRows(con, `SELECT ${c.name} AS raw, ${readColumnSql(c, 'duckdb')} AS key FROM t`);
      const got = rows.map((r) => [r.raw, r.key]);
      const want = spellings.map((s) => [s, enumKey(values, s)]);
      expect(got).toEqual(want);
      expect(got.filter(([, k]) => k !== null).length).toBeGreaterThan(10);
    });
  }

  it('reads a negative count or a rating outside 1–5 as blank', async () => {
    const f = tableColumn('followers');
    const q = tableColumn('quality');
    await loadTable(con, 't', [[f.name, 'DOUBLE'], [q.name, 'DOUBLE']], [[-1, 0], [0, 1], [12_000, 5], [null, 5.5], [3.5, 2.5]]);
    const rows = await queryRows(con, `SELECT ${readColumnSql(f, 'duckdb')} AS f, ${readColumnSql(q, 'duckdb')} AS q FROM t`);
    expect(rows).toEqual([{ f: null, q: null }, { f: 0, q: 1 }, { f: 12_000, q: 5 }, { f: null, q: null }, { f: 3.5, q: 2.5 }]);
  });
});

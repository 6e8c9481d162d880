/**
 * npm run roster-csv, end to end: a KOCs tab exported as CSV (Chinese headers, counts as platforms
 * show them, dates as typed, a bad cell) becomes the kocs load file; DuckDB loads it with the
 * BigQuery schema's column types, and the value model's SQL gives what the add-on gives for the
 * same sheet rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/core/settings';
import { kocsQuery } from '../../src/core/kocs-query';
import { bigQuerySchema, main } from '../../scripts/roster-csv';
import { addonResults } from '../helpers/addon-results';
import { duckdb, queryRows } from '../helpers/duckdb';
import { parseTable } from '../../preview/csv';

const dir = mkdtempSync(join(tmpdir(), 'koc-roster-'));
const AS_OF_DAY = Date.UTC(2026, 11, 1) / 86_400_000;

const ROSTER = [
  'KOC编号,昵称,平台,粉丝数,近30天发帖,平均点赞,平均收藏,平均评论,平均分享,最近发帖,加入日期,内容质量,专业度,创造力,形象契合,分享意愿,沟通互动,状态,人工层级,领域,备注',
  'K001,小鹿,小红书,1.2万,8,320,150,45,12,2026/11/20,2025年3月1日,4,4,5,5,4,4,合作中,,"美妆, 护肤","说 ""好"""',
  'K002,阿木,抖音,3.4k,0,abc,20,,1,2026-05-01,2026-11-20,3,,2,3,,,候选,,母婴,',
  'K003,Old,Weibo,"120,000",2,900,300,80,40,2026-10-02,2023-01-01,5,5,4,4,5,5,Alumni,核心层,,',
  ',,,,,,,,,,,,,,,,,,,,',
  'K004,Quiet,WeChat,800,,,,,,,,,,,,,,暂停,,,',
].join('\r\n');

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('npm run roster-csv', () => {
  it('prints the BigQuery schema of the kocs table', () => {
    const schema = JSON.parse(run('--schema').out);
    expect(schema).toHaveLength(32);
    expect(schema[0]).toEqual({ name: 'koc_id', type: 'STRING', mode: 'NULLABLE' });
    expect(schema.find((c: { name: string }) => c.name === 'followers').type).toBe('FLOAT64');
    expect(schema.find((c: { name: string }) => c.name === 'last_post').type).toBe('DATE');
    expect(bigQuerySchema()).toBe(run('--schema').out);
  });

  it('turns a roster CSV into the load file, and the SQL on it agrees with the add-on', async () => {
    const file = join(dir, 'KOCs.csv');
    writeFileSync(file, `\uFEFF${ROSTER}`);
    const r = run(file);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Row 3: 平均点赞: "abc" is not a number \(left blank\)$/m);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(5); // the header and four KOCs (the blank row is dropped)
    const table = parseTable(r.out).rows;
    const rec = (i: number) => Object.fromEntries(table[0].map((h, j) => [h, table[i][j]]));
    expect(rec(1)).toMatchObject({ koc_id: 'K001', platform: 'xiaohongshu', followers: '12000', last_post: '2026-11-20', joined: '2025-03-01', status: 'active', categories: '美妆, 护肤', notes: '说 "好"' });
    expect(rec(2)).toMatchObject({ followers: '3400', likes: '', status: 'candidate' });
    expect(rec(3)).toMatchObject({ followers: '120000', status: 'alumni', tier_override: 'core' });

    const loadFile = join(dir, 'kocs.csv');
    writeFileSync(loadFile, r.out);
    const types = Object.fromEntries(JSON.parse(bigQuerySchema()).map((c: { name: string; type: string }) => [c.name, c.type === 'FLOAT64' ? 'DOUBLE' : c.type === 'STRING' ? 'VARCHAR' : 'DATE']));
    const con = await duckdb();
    await con.run(`CREATE TABLE kocs AS SELECT * FROM read_csv('${loadFile}', header = true, columns = ${duckStruct(types)})`);
    const sql = await queryRows(con, `${kocsQuery(defaultSettings(), { dialect: 'duckdb', asOf: '2026-12-01' })} ORDER BY koc_id`);
    con.closeSync();
    const sheet = parseTable(ROSTER).rows;
    const addon = addonResults(sheet[0], sheet.slice(1), defaultSettings(), AS_OF_DAY);
    expect(sql.map((s) => [s.koc_id, s.score, s.tier, s.tier_effective, s.stage])).toEqual(addon.map((a) => [a.id, a.score, a.tier, a.tierEffective, a.stage]));
    expect(addon.map((a) => a.stage)).toEqual(['mature', 'sprout', 'alumni', 'transition']);
  });

  it('refuses a missing file, a file without KOC IDs, and no file, with exit code 2', () => {
    expect(run(join(dir, 'none.csv'))).toMatchObject({ code: 2, out: '' });
    writeFileSync(join(dir, 'noid.csv'), 'Name,Followers\nA,1');
    expect(run(join(dir, 'noid.csv')).err).toMatch(/no KOC ID column/);
    expect(run().err).toMatch(/Give one roster file/);
  });
});

function duckStruct(types: Record<string, string>): string {
  return `{${Object.entries(types)
    .map(([k, v]) => `'${k}': '${v}'`)
    .join(', ')}}`;
}

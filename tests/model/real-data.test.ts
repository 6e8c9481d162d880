/**
 * The value model on real accounts: 781 Sina Weibo accounts from the MicroblogPCU data set
 * (tests/data/weibo, CC BY 4.0), through the built bundle — the recompute on an English and a
 * Chinese workbook, and KOC_SCORE / KOC_TIER in cells.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { tierFor } from '../../src/core/tier';
import { runBundle } from '../helpers/bundle';
import { spearman } from '../helpers/rank';
import { BENCH_NOW, setUpEmulator, writeRecords } from '../recompute/workbook';

interface Account {
  row: number;
  followers: number;
  spammer: 'yes' | 'no' | '';
}

const ACCOUNTS: Account[] = readFileSync(new URL('../data/weibo/weibo_users.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [row, , , followers, , spammer] = line.split(',');
    return { row: Number(row), followers: Number(followers), spammer: spammer as Account['spammer'] };
  });

const id = (a: Account) => `WB${String(a.row).padStart(4, '0')}`;

const median = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function recomputed(locale: 'en' | 'zh_CN'): { em: Emulator; lines: Map<string, unknown[]>; header: unknown[] } {
  const em = setUpEmulator({ locale });
  writeRecords(
    em,
    'kocs',
    ACCOUNTS.map((a) => ({ id: id(a), name: id(a), platform: 'Weibo', status: 'Active', joined: new Date(2024, 0, 15), followers: a.followers })),
  );
  runBundle({ emulator: em, now: BENCH_NOW }).call('recomputeNow');
  const sheet = em.spreadsheet.getSheets().find((s) => ['Echelon', '梯队'].includes(s.getName()))!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  return { em, header, lines: new Map(rows.map((r) => [String(r[0]), r])) };
}

describe('781 real Weibo accounts with follower counts only', () => {
  const en = recomputed('en');
  const col = (name: string) => en.header.indexOf(name);
  const score = (a: Account) => en.lines.get(id(a))![col('Score')] as number;
  const influence = (a: Account) => en.lines.get(id(a))![col('Influence')] as number;
  const tiers = ACCOUNTS.map((a) => en.lines.get(id(a))![col('Tier')]);

  it('gives none of them a tier above Candidate, however large the audience, and says why', () => {
    // Scored on followers alone, as the model did when a missing dimension's weight went to the
    // known ones, 253 of them were Core.
    const before = ACCOUNTS.filter((a) => tierFor(influence(a)) === 'core').length;
    expect(before).toBe(253);
    expect(new Set(tiers)).toEqual(new Set(['Candidate']));
    for (const a of ACCOUNTS) expect(en.lines.get(id(a))![col('Problems')]).toMatch(/^Only 1 of 7 dimensions have data/);
  });

  it('scores rise with followers and spread across the range, the unknown dimensions held at 25', () => {
    const scores = ACCOUNTS.map(score);
    expect(spearman(ACCOUNTS.map((a) => a.followers), scores)).toBeGreaterThan(0.99);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(21.25); // 0 followers: 85% of the weight at 25
    expect(Math.max(...scores)).toBeLessThanOrEqual(36.3); // 100k and more: 100 on 15%
    expect(new Set(scores).size).toBeGreaterThan(100);
  });

  it('cannot tell the accounts marked as spammers from the others by followers: why followers alone earn no tier', () => {
    const spam = ACCOUNTS.filter((a) => a.spammer === 'yes');
    const genuine = ACCOUNTS.filter((a) => a.spammer === 'no');
    expect(spam.length).toBe(113);
    // The spammers' median audience is larger (27.7 against 27.0): bought followers look like reach.
    expect(median(spam.map(score))).toBeGreaterThan(median(genuine.map(score)));
    for (const a of spam) expect(en.lines.get(id(a))![col('Tier')]).toBe('Candidate');
  });

  it('KOC_SCORE and KOC_TIER in cells agree with Echelon', () => {
    const run = runBundle({ emulator: en.em, now: BENCH_NOW });
    const header = [['KOC ID', 'Followers', 'Status']];
    const rows = ACCOUNTS.map((a) => [id(a), a.followers, 'Active']);
    // As a formula receives them: the KOC_ASOF day and the KOC_SETTINGS rows.
    const asOf = en.em.spreadsheet.getRangeByName('KOC_ASOF')!.getValue();
    const settings = en.em.spreadsheet.getRangeByName('KOC_SETTINGS')!.getValues();
    const scores = run.call('KOC_SCORE', header, rows, asOf, settings) as unknown[][];
    const cells = run.call('KOC_TIER', header, rows, asOf, settings) as unknown[][];
    ACCOUNTS.forEach((a, i) => {
      expect(scores[i][0]).toBe(score(a));
      expect(cells[i][0]).toBe('Candidate');
    });
  });

  it('says the same in a Chinese workbook', () => {
    const zh = recomputed('zh_CN');
    const at = (name: string) => zh.header.indexOf(name);
    const lines = [...zh.lines.values()];
    expect(lines).toHaveLength(ACCOUNTS.length);
    expect(new Set(lines.map((r) => r[at('层级')]))).toEqual(new Set(['候选']));
    expect(lines[0][at('数据问题')]).toBe('仅 1/7 个维度有数据（高于候选层须至少 4 个）：补充数据前列为候选');
  });
});

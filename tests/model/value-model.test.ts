/**
 * The value model through the built bundle (dist/Code.js) on the emulator, in an English and a
 * Chinese workbook: evidence caps the tier and says so, calibration rows in Settings change
 * formulas and Echelon alike, Core needs contribution, influence and activity together, Alumni
 * have no tier.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { runBundle } from '../helpers/bundle';
import { BENCH_NOW, setUpEmulator, writeRecords } from '../recompute/workbook';

const NOW = BENCH_NOW;
const day = (n: number) => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - n);

/** A KOC strong on every side, active for a year. */
const strong = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  name: `Name ${id}`,
  platform: 'Xiaohongshu',
  source: 'Public',
  joined: day(365),
  categories: 'Skincare',
  followers: 80_000,
  posts30d: 10,
  likes: 2000,
  collects: 600,
  comments: 150,
  shares: 40,
  leads30d: 120,
  orders30d: 60,
  gmv30d: 30_000,
  lastPost: day(2),
  lastContact: day(1),
  quality: 5,
  professionalism: 4,
  creativity: 5,
  brandFit: 5,
  willingness: 5,
  communication: 4,
  status: 'Active',
  ...over,
});

const ROSTER = [
  strong('A1'),
  // Followers only: one dimension known.
  { id: 'F1', name: 'Followers only', followers: 5700, status: 'Active', joined: day(200) },
  // As strong, but silent for 80 days with one post: the total stays high, Activity is under its floor.
  strong('S1', { posts30d: 1, lastPost: day(50), leads30d: 200, orders30d: 100, gmv30d: 50_000, followers: 100_000, likes: 5000 }),
  strong('AL', { status: 'Alumni' }),
];

function workbook(locale: 'en' | 'zh_CN'): Emulator {
  const em = setUpEmulator({ locale });
  writeRecords(em, 'kocs', ROSTER);
  return em;
}

const call = (em: Emulator, name: string, ...args: unknown[]) => runBundle({ emulator: em, now: NOW }).call(name, ...args);
/** KOC_ASOF and KOC_SETTINGS as a formula receives them. */
const asOf = (em: Emulator) => em.spreadsheet.getRangeByName('KOC_ASOF')!.getValue();
const settingsOf = (em: Emulator) => em.spreadsheet.getRangeByName('KOC_SETTINGS')!.getValues();

function setSetting(em: Emulator, label: string, value: unknown): void {
  const sheet = em.spreadsheet.getSheets().find((s) => ['Settings', '设置'].includes(s.getName()))!;
  const values = sheet.getDataRange().getValues();
  const row = values.findIndex((r) => r[0] === label);
  if (row < 0) throw new Error(`no setting ${label}`);
  sheet.getRange(row + 1, 2).setValue(value);
}

function echelon(em: Emulator): Map<string, Record<string, unknown>> {
  const sheet = em.spreadsheet.getSheets().find((s) => ['Echelon', '梯队'].includes(s.getName()))!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  return new Map(rows.filter((r) => r[0]).map((r) => [String(r[0]), Object.fromEntries(header.map((h, i) => [String(h), r[i]]))]));
}

const roster = (em: Emulator) => {
  const sheet = em.spreadsheet.getSheets().find((s) => ['KOCs', 'KOC名册'].includes(s.getName()))!;
  const values = sheet.getDataRange().getValues();
  return { header: [values[0]], rows: values.slice(1, ROSTER.length + 1) };
};

describe('the value model in an English workbook', () => {
  const em = workbook('en');
  call(em, 'recomputeNow');
  const lines = echelon(em);

  it('caps a KOC with too little evidence at Candidate and says why on Echelon', () => {
    const f1 = lines.get('F1')!;
    expect(f1.Tier).toBe('Candidate');
    // 5,700 followers is Influence 75.1; the six unknown dimensions count 25: no longer Core.
    expect(f1.Score).toBe(32.5);
    expect(f1.Problems).toBe('Only 1 of 7 dimensions have data (a tier above Candidate needs 4): Candidate until more is known');
  });

  it('gives Core only with contribution, influence and activity together, and agrees with KOC_TIER', () => {
    expect(lines.get('A1')!.Tier).toBe('Core');
    const s1 = lines.get('S1')!;
    expect(s1.Score as number).toBeGreaterThanOrEqual(75);
    expect(s1.Activity as number).toBeLessThan(50);
    expect(s1.Tier).toBe('Potential');
    const { header, rows } = roster(em);
    const tiers = call(em, 'KOC_TIER', header, rows, asOf(em), settingsOf(em)) as unknown[][];
    expect(tiers.map((r) => r[0])).toEqual(['Core', 'Candidate', 'Potential', '']);
    // The bare-score form reads the thresholds alone.
    expect((call(em, 'KOC_TIER', s1.Score, settingsOf(em)) as unknown[][])[0][0]).toBe('Core');
    const explain = call(em, 'KOC_EXPLAIN', header, [rows[2]], asOf(em), settingsOf(em)) as unknown[][];
    expect(explain.at(-1)![4]).toMatch(/; Core needs Activity of 50 \(has \d+(\.\d)?\)$/);
  });

  it('shows no tier for Alumni, only their stage and the thanks / honorary step', () => {
    const al = lines.get('AL')!;
    expect(al.Tier).toBe('');
    expect(al['Tier source']).toBe('');
    expect(al.Stage).toBe('Alumni');
    expect(al['Next action']).toMatch(/^Keep the bond/);
  });

  it('reads the calibration from Settings, the same in formulas and on Echelon', () => {
    const before = lines.get('F1')!;
    setSetting(em, 'Full at · Followers', 5700);
    call(em, 'recomputeNow');
    const after = echelon(em).get('F1')!;
    expect(before.Influence).toBe(75.1);
    expect(after.Influence).toBe(100);
    const { header, rows } = roster(em);
    const scores = call(em, 'KOC_SCORE', header, rows, asOf(em), settingsOf(em)) as unknown[][];
    expect(scores[1][0]).toBe(after.Score);
    expect(after.Score).toBe(36.3);
  });

  it('records a fall for a floor with the floor in History', () => {
    const sheet = em.spreadsheet.getSheetByName('KOCs')!;
    const values = sheet.getDataRange().getValues();
    const at = values.findIndex((r) => r[0] === 'A1');
    const lastPost = values[0].indexOf('Last post');
    const posts = values[0].indexOf('Posts 30d');
    sheet.getRange(at + 1, lastPost + 1).setValue(day(80));
    sheet.getRange(at + 1, posts + 1).setValue(0);
    call(em, 'recomputeNow');
    expect(echelon(em).get('A1')!.Tier).toBe('Potential');
    const history = em.spreadsheet.getSheetByName('History')!.getDataRange().getValues();
    const a1 = history.filter((r) => r.includes('A1') && r.includes('Core'));
    expect(a1.at(-1)!.at(-1)).toMatch(/^Core → Potential: Core needs Activity of 47 \(has \d+(\.\d)?\)$/);
  });
});

describe('the value model in a Chinese workbook', () => {
  const em = workbook('zh_CN');
  call(em, 'recomputeNow');
  const lines = echelon(em);

  it('says in Chinese why a KOC with too little evidence stays Candidate', () => {
    const f1 = lines.get('F1')!;
    expect(f1['层级']).toBe('候选');
    expect(f1['数据问题']).toBe('仅 1/7 个维度有数据（高于候选层须至少 4 个）：补充数据前列为候选');
  });

  it('tiers by the same rules, Alumni without a tier, and reads Chinese Settings rows', () => {
    expect(lines.get('A1')!['层级']).toBe('核心');
    expect(lines.get('S1')!['层级']).toBe('潜力');
    expect(lines.get('AL')!['层级']).toBe('');
    setSetting(em, '定级最少维度数', 1);
    setSetting(em, '未知维度计分', 60);
    call(em, 'recomputeNow');
    // (15 × 75.1 + 85 × 60) ÷ 100 = 62.3, and Influence clears the Potential floor.
    expect(echelon(em).get('F1')!['综合评分']).toBe(62.3);
    expect(echelon(em).get('F1')!['层级']).toBe('潜力');
    expect(echelon(em).get('F1')!['数据问题']).toBe('');
  });
});

describe('Alumni on the Dashboard', () => {
  it('count under no tier above Candidate, whatever their score', () => {
    const em = workbook('en');
    call(em, 'recomputeNow');
    const dash = em.spreadsheet.getSheetByName('Dashboard')!.getDataRange().getValues();
    const header = dash.findIndex((r) => r[0] === 'Tier');
    const alumni = dash[header].indexOf('Alumni');
    const row = (tier: string) => dash.find((r) => r[0] === tier)!;
    expect(row('Core')[alumni]).toBe(0);
    expect(row('Candidate')[alumni]).toBe(1);
  });
});

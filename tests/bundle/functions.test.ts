/**
 * The custom functions through dist/Code.js, called by their global names in the bundle's V8
 * context with ranges as Apps Script passes them: 2-D arrays, '' for blanks, Date objects (made
 * in another realm than the bundle's, as the emulator's are).
 */
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../src/server/registry';
import { KOCS, kocReader, readKocRow } from '../../src/core/record';
import { SCORE_FIELDS, scoreContext, totalScore } from '../../src/core/score';
import { mapHeaders } from '../../src/sheets/headers';
import { createEmulator } from '../../emulator/index';
import { builtCode, runBundle } from '../helpers/bundle';

const NOW = new Date(2025, 5, 30, 9, 0);
const daysAgo = (n: number) => new Date(2025, 5, 30 - n);
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

const HEADERS = [KOCS.columns.map((c) => c.en)];
const WIDTH = HEADERS[0].length;
const row = (cells: Record<string, unknown>) => KOCS.columns.map((c) => (c.en in cells ? cells[c.en] : ''));
const ROWS = [
  row({ 'KOC ID': 'K1', Name: 'Lulu', Followers: '1.2万', 'Posts 30d': 6, Likes: 300, Collects: 120, Comments: 40, Shares: 10, 'Last post': daysAgo(3), Quality: 4, 'Brand fit': 5, Status: 'Active', Joined: daysAgo(400), 'GMV 30d': 3600, 'Monthly cost': 1200 }),
  row({}),
  row({ 'KOC ID': 'K2', Followers: 'abc', Status: '合作中', Joined: '2025-06-20' }),
  row({ 'KOC ID': 'K3', Followers: 800, Status: '候选' }),
];

function bundle() {
  return runBundle({ exec: { authMode: 'CUSTOM_FUNCTION' }, now: NOW });
}

describe('custom functions in dist/Code.js', () => {
  it('registers all seven, each with JSDoc naming every parameter', () => {
    const code = builtCode();
    const names = ['KOC_SCORE', 'KOC_TIER', 'KOC_STAGE', 'KOC_ENGAGEMENT', 'KOC_ROI', 'KOC_NUM', 'KOC_EXPLAIN'];
    expect(REGISTRY.filter((f) => f.kind === 'customFunction').map((f) => f.name)).toEqual(expect.arrayContaining(names));
    for (const fn of REGISTRY.filter((f) => f.kind === 'customFunction')) {
      const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${fn.name}\\(([^)]*)\\)`).exec(code);
      expect(m, fn.name).not.toBeNull();
      const [, doc, params] = m!;
      expect(doc).toContain('@customfunction');
      expect(doc).toMatch(/@return \{[^}]+\} \S/);
      const declared = params.split(',').map((p) => p.trim()).filter(Boolean);
      expect(declared).toEqual(fn.params.map((p) => p.name));
      for (const p of declared) expect(doc, `${fn.name} documents ${p}`).toMatch(new RegExp(`@param \\{[^}]+\\} \\[?${p}\\]? \\S`));
    }
  });

  it('KOC_SCORE gives a score, a blank, a problem text row by row, and equals the core', () => {
    const out = plain(bundle().call('KOC_SCORE', HEADERS, ROWS, NOW));
    expect(out).toHaveLength(4);
    expect(out[1]).toEqual(['']);
    expect(out[2]).toEqual(['Followers: "abc" is not a number']);
    const reader = kocReader(mapHeaders(KOCS, HEADERS[0]), { only: SCORE_FIELDS });
    const ctx = scoreContext({ today: NOW });
    for (const i of [0, 3]) expect(out[i][0]).toBe(totalScore(readKocRow(reader, ROWS[i]).koc, ctx));
    expect(out[0][0]).toBeGreaterThan(0);
  });

  it('KOC_SCORE gives a row the same score alone and in a large range', () => {
    const run = bundle();
    const many = Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? ROWS[1] : row({ Followers: 100 * i, Likes: i % 300, 'Last post': daysAgo(i % 120), Quality: 1 + (i % 5) })));
    const all = plain(run.call('KOC_SCORE', HEADERS, many, NOW));
    for (const i of [0, 1, 2, 500, 1999]) expect(plain(run.call('KOC_SCORE', HEADERS, [many[i]], NOW))[0]).toEqual(all[i]);
  });

  it('KOC_SCORE throws a usage message on a wrong call', () => {
    const run = bundle();
    expect(() => run.call('KOC_SCORE', [['Foo', 'Bar']], [[1, 2]], NOW)).toThrow(/^KOC_SCORE\(headers, rows, asof, \[settings\]\): headers must be the roster's header row, e\.g\. KOCs!A1:AF1 — "Foo" is not a known column$/);
    expect(() => run.call('KOC_SCORE', HEADERS, [[1, 2]], NOW)).toThrow(`rows are 2 columns wide, headers ${WIDTH}`);
    expect(() => run.call('KOC_SCORE', HEADERS, ROWS, NOW, [['Charisma', 1]])).toThrow(/settings must be the Settings range, e\.g\. KOC_SETTINGS/);
  });

  it('KOC_SCORE takes the KOC_WEIGHTS range of Settings', () => {
    const run = bundle();
    const weights = [['Weight · Influence', 1], ['Weight · Engagement', 0], ['Weight · Activity', 0], ['Weight · Content', 0], ['Weight · Conversion', 0], ['Weight · Brand fit', 0], ['Weight · Potential', 0]];
    expect(plain(run.call('KOC_SCORE', HEADERS, [ROWS[3]], NOW, weights))).toEqual([[58.1]]);
  });

  it('KOC_TIER, KOC_STAGE', () => {
    const run = bundle();
    expect(plain(run.call('KOC_TIER', [[80], [''], [40], ['x']]))).toEqual([['Core'], [''], ['Regular'], ['Score: "x" is not a number']]);
    expect(plain(run.call('KOC_TIER', 60, [[70, 50, 30]]))).toEqual([['Potential']]);
    // A score typed as a percentage is out of 100; a plain 0.8 is a score of 0.8.
    expect(plain(run.call('KOC_TIER', [['80%'], [' 40 % '], [0.8], ['120%']]))).toEqual([['Core'], ['Regular'], ['Candidate'], ['Score: "120%" is not from 0 to 100']]);
    expect(plain(run.call('KOC_STAGE', HEADERS, ROWS, NOW))).toEqual([['Mature'], [''], ['Sprout'], ['Sprout']]);
  });

  it('KOC_ENGAGEMENT, KOC_ROI, KOC_NUM', () => {
    const run = bundle();
    expect(plain(run.call('KOC_ENGAGEMENT', [[100], ['']], [[50], ['']], [[10], ['']], [[5], ['']]))).toEqual([[210], ['']]);
    expect(plain(run.call('KOC_ENGAGEMENT', 100, 50, 10, 5, '2.1k'))).toEqual([[0.1]]);
    expect(plain(run.call('KOC_ROI', [[3000], ['']], [[1000], [1]]))).toEqual([[3], ['']]);
    expect(plain(run.call('KOC_NUM', [['1.2万'], ['3.5%'], ['—'], ['abc']]))).toEqual([[12000], [0.035], [''], ['"abc" is not a number']]);
    expect(() => run.call('KOC_ROI', 1)).toThrow(/^KOC_ROI\(value, cost, \[settings\]\)/);
  });

  it('KOC_EXPLAIN takes one row apart and agrees with KOC_SCORE', () => {
    const run = bundle();
    const out = plain(run.call('KOC_EXPLAIN', HEADERS, [ROWS[0]], NOW));
    expect(out.map((r: unknown[]) => r[0])).toEqual(['Dimension', 'Influence', 'Engagement', 'Activity', 'Content', 'Conversion', 'Brand fit', 'Potential', 'Total', 'Tier']);
    expect(out[8][1]).toBe(plain(run.call('KOC_SCORE', HEADERS, [ROWS[0]], NOW))[0][0]);
    // Followers only, and weights that give Influence (and Potential, which followers alone feed) nothing.
    const followersOnly = HEADERS[0].map((h) => (h === 'Followers' ? 5000 : ''));
    const zeroed = [['Influence', 0], ['Potential', 0]];
    expect(plain(run.call('KOC_EXPLAIN', HEADERS, [followersOnly], NOW, zeroed)).at(-1)).toEqual([
      'Total',
      '',
      expect.any(String),
      '',
      'nothing to score: every dimension with data has weight 0 in these weights',
    ]);
  });

  it('KOC_TIER and KOC_STAGE answer in the language of the settings passed, or the spreadsheet locale when auto', () => {
    const emulator = createEmulator();
    // A Settings sheet that says otherwise is not read: only the range passed counts.
    emulator.spreadsheet.insertSheet('Settings').getRange(1, 1, 3, 2).setValues([['Setting', 'Value'], ['Language', 'en'], ['Tier threshold · Core', 90]]);
    const settings = [['语言', 'zh'], ['层级门槛·核心', 70]];
    const run = runBundle({ emulator, exec: { authMode: 'CUSTOM_FUNCTION' }, now: NOW });
    expect(plain(run.call('KOC_TIER', [[72], [50]], settings))).toEqual([['核心'], ['普通']]);
    expect(plain(run.call('KOC_STAGE', HEADERS, [ROWS[3]], NOW, settings))).toEqual([['萌芽期']]);
    expect(plain(run.call('KOC_TIER', [[72], [50]]))).toEqual([['Potential'], ['Regular']]);

    const auto = runBundle({ emulatorOptions: { spreadsheetLocale: 'zh_CN' }, exec: { authMode: 'CUSTOM_FUNCTION' }, now: NOW });
    expect(plain(auto.call('KOC_TIER', 80, [['Language', 'auto']]))).toEqual([['核心']]);
    expect(plain(auto.call('KOC_TIER', 80))).toEqual([['Core']]);
  });

  it('KOC_NUM and KOC_ROI make no service calls', () => {
    const emulator = createEmulator();
    const run = runBundle({ emulator, exec: { authMode: 'CUSTOM_FUNCTION' }, now: NOW });
    emulator.calls.reset();
    run.call('KOC_NUM', [['1.2万']]);
    run.call('KOC_ROI', 10, 5);
    expect(emulator.calls.total()).toBe(0);
  });

  describe('in a Chinese workbook (Settings language zh, or auto with a Chinese spreadsheet locale)', () => {
    const HEADERS_ZH = [KOCS.columns.map((c) => c.zh)];
    const zhRow = (cells: Record<string, unknown>) => KOCS.columns.map((c) => (c.en in cells ? cells[c.en] : ''));
    /** KOC_SETTINGS of a Chinese workbook (only its Language row matters here). */
    const ZH = [['语言', 'zh']];
    function zhBundle() {
      return runBundle({ exec: { authMode: 'CUSTOM_FUNCTION' }, now: NOW });
    }

    it('KOC_SCORE and KOC_STAGE name the bad cell in Chinese, as the team named the column', () => {
      const run = zhBundle();
      expect(plain(run.call('KOC_SCORE', HEADERS_ZH, [zhRow({ 'KOC ID': 'K1', Followers: 'about 5k' })], NOW, ZH))).toEqual([['粉丝数：“about 5k”不是数字']]);
      // English headers in a Chinese workbook: the column keeps the team's name, the sentence is Chinese.
      expect(plain(run.call('KOC_SCORE', HEADERS, [ROWS[2]], NOW, ZH))).toEqual([['Followers：“abc”不是数字']]);
      const three = zhRow({ 'KOC ID': 'K9', Followers: -5, Quality: 9, 'Last post': 'soon' });
      expect(plain(run.call('KOC_SCORE', HEADERS_ZH, [three], NOW, ZH))).toEqual([['粉丝数：“-5”小于 0；最近发帖：“soon”不是日期（另有 1 项）']]);
      expect(plain(run.call('KOC_STAGE', HEADERS_ZH, [zhRow({ Joined: 'soon' })], NOW, ZH))).toEqual([['加入日期：“soon”不是日期']]);
      // The English workbook is unchanged.
      expect(plain(bundle().call('KOC_SCORE', HEADERS, [three], NOW))).toEqual([['Followers: -5 is below 0; Last post: "soon" is not a date (+1 more)']]);
    });

    it('KOC_TIER passes a Chinese problem through and words its own in Chinese', () => {
      const run = zhBundle();
      const scores = plain(run.call('KOC_SCORE', HEADERS_ZH, [zhRow({ Followers: 'about 5k' })], NOW, ZH));
      expect(plain(run.call('KOC_TIER', scores, ZH))).toEqual([['粉丝数：“about 5k”不是数字']]);
      expect(plain(run.call('KOC_TIER', [['x'], [120]], ZH))).toEqual([['评分：“x”不是数字'], ['评分：“120”不在 0 到 100 之间']]);
    });

    it('KOC_ENGAGEMENT, KOC_ROI and KOC_NUM word their problems in Chinese', () => {
      const run = zhBundle();
      expect(plain(run.call('KOC_ENGAGEMENT', 1, 2, 3, 'x', undefined, ZH))).toEqual([['平均分享：“x”不是数字']]);
      expect(plain(run.call('KOC_ROI', 'x', 1, ZH))).toEqual([['价值：“x”不是数字']]);
      expect(plain(run.call('KOC_ROI', 1, -1, ZH))).toEqual([['成本：“-1”小于 0']]);
      expect(plain(run.call('KOC_NUM', 'abc', ZH))).toEqual([['“abc”不是数字']]);
    });

    it('KOC_EXPLAIN answers with Chinese labels and notes, and Chinese problems', () => {
      const run = zhBundle();
      const out = plain(run.call('KOC_EXPLAIN', HEADERS_ZH, [zhRow({ Followers: 800, Quality: 4 })], NOW, ZH));
      expect(out[0]).toEqual(['维度', '得分', '权重', '贡献', '说明']);
      expect(out.at(-2)[0]).toBe('综合评分');
      expect(out.at(-2)[4]).toBe('7 个维度中 2 个有数据；互动、活跃度、转化、品牌契合和潜力值未知');
      expect(out.at(-1).slice(0, 2)).toEqual(['层级', '候选']);
      expect(out.at(-1)[4]).toBe('贡献度 75 · 影响力 58.1 · 活跃度 —；仅 2/7 个维度有数据，高于候选层须至少 4 个');
      const notes = out.slice(1).map((r: unknown[]) => String(r[4])).join('\n');
      expect(notes).toMatch(/缺少：|无数据（/);
      expect(notes).not.toMatch(/missing|no data|blank|dimensions/);
      expect(plain(run.call('KOC_EXPLAIN', HEADERS_ZH, [zhRow({ Followers: 'about 5k' })], NOW, ZH))).toEqual([['粉丝数：“about 5k”不是数字']]);
    });

    it('a wrong call keeps the English and adds the Chinese', () => {
      const run = zhBundle();
      expect(() => run.call('KOC_SCORE', [['Foo']], [[1]], NOW, ZH)).toThrow(/^KOC_SCORE\(headers, rows, asof, \[settings\]\): headers must be .+\nKOC_SCORE\(headers, rows, asof, \[settings\]\)：headers 应为名册的表头行/);
      // What was wrong is said in each line's own language.
      const message = (fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          return (e as Error).message.split('\n');
        }
        throw new Error('did not throw');
      };
      expect(message(() => run.call('KOC_SCORE', [['Foo']], [[1]], NOW, ZH))[1]).toMatch(/ — “Foo”不是可识别的列$/);
      expect(message(() => run.call('KOC_SCORE', HEADERS_ZH, [[1, 2, 3]], NOW, ZH))).toEqual([
        expect.stringMatching(/ — rows are 3 columns wide, headers \d+$/),
        expect.stringMatching(/ — 数据行宽 3 列，表头 \d+ 列$/),
      ]);
      // KOC_ASOF pointing at text: the right call, in the language of the settings passed.
      expect(message(() => run.call('KOC_SCORE', HEADERS_ZH, [zhRow({})], 'soon', ZH))).toEqual([
        'KOC_SCORE(headers, rows, asof, [settings]): asof must be the day to count days to, e.g. KOC_ASOF (Settings → As of, refreshed by KOC Ops) — "soon" is not a date',
        'KOC_SCORE(headers, rows, asof, [settings])：asof 应为计算天数所依据的日期，例如 KOC_ASOF（设置 → 数据日期，由 KOC Ops 刷新） — “soon”不是日期',
      ]);
      expect(message(() => run.call('KOC_STAGE', HEADERS_ZH, [zhRow({})], [['2026-01-01', '2026-01-02']], ZH))[1]).toMatch(/ — 收到 1 × 2 个单元格的区域，而不是一个日期单元格$/);
      // A range that is neither settings nor thresholds names no language: English.
      expect(message(() => run.call('KOC_TIER', 50, [[40, 60, 80]]))).toEqual([expect.stringMatching(/ — thresholds must fall from Core to Regular within 0–100 \(got 40, 60, 80\)$/)]);
    });
  });

  it('KOC_SCORE refuses a header row with a column twice, naming both columns as the recompute does', () => {
    const header = [...HEADERS[0], 'Notes 2', 'Followers'];
    const rows = ROWS.map((r) => [...r, '', 5]);
    const at = header.length - 1; // 0-based
    const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
    const first = letter(HEADERS[0].indexOf('Followers'));
    expect(() => bundle().call('KOC_SCORE', [header], rows, NOW)).toThrow(
      `KOCs: column "Followers" appears more than once (columns ${first}, ${letter(at)}); the first is used`,
    );
  });
});

/**
 * The custom functions called as Sheets calls them (2-D ranges, '' blanks, Date objects), run
 * straight from the sources; tests/bundle/functions.test.ts runs the same through dist/Code.js.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KOC_ENGAGEMENT, KOC_EXPLAIN, KOC_NUM, KOC_ROI, KOC_SCORE, KOC_STAGE, KOC_TIER } from '../../src/server/functions';
import { KOCS } from '../../src/core/record';

const HEADERS = [['KOC ID', 'Name', 'Followers', 'Posts 30d', 'Likes', 'Collects', 'Comments', 'Shares', 'Last post', 'Quality', 'Brand fit', 'Status', 'Joined', 'Team note']];
const recent = new Date(Date.now() - 3 * 86400000);
const joined = new Date(Date.now() - 400 * 86400000);
/** The day formulas count to (KOC_ASOF in a sheet). */
const TODAY = new Date();
const ROWS = [
  ['K1', 'Lulu', '1.2万', 6, 300, 120, 40, 10, recent, 4, 5, 'Active', joined, 'x'],
  ['', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['K2', 'Momo', 'abc', 2, 10, 1, 0, 0, recent, 3, 3, '合作中', joined, ''],
  ['K3', 'Nana', 800, '', '', '', '', '', '', '', '', '候选', '', ''],
];

describe('KOC_SCORE', () => {
  it('gives one row per input row: a score, a blank, a problem', () => {
    const out = KOC_SCORE(HEADERS, ROWS, TODAY);
    expect(out).toHaveLength(4);
    expect(out[0][0]).toBeTypeOf('number');
    expect(out[1]).toEqual(['']);
    expect(out[2]).toEqual(['Followers: "abc" is not a number']);
    // Followers only (Influence 58.1): the six unknown dimensions count as 25 each.
    expect(out[3][0]).toBe(30);
  });

  it('finds columns by English or Chinese header in any order', () => {
    const zh = [HEADERS[0].map((h) => KOCS.columns.find((c) => c.en === h)?.zh ?? h)];
    const zhOut = KOC_SCORE(zh, ROWS, TODAY);
    expect(zhOut[2]).toEqual(['粉丝数: "abc" is not a number']); // the column as the team named it
    expect(zhOut.filter((_, i) => i !== 2)).toEqual(KOC_SCORE(HEADERS, ROWS, TODAY).filter((_, i) => i !== 2));
    const order = HEADERS[0].map((_, i) => HEADERS[0].length - 1 - i);
    const flip = (rows: unknown[][]) => rows.map((r) => order.map((i) => r[i]));
    expect(KOC_SCORE(flip(HEADERS), flip(ROWS), TODAY)).toEqual(KOC_SCORE(HEADERS, ROWS, TODAY));
  });

  it('takes a single cell and a weights range', () => {
    expect(KOC_SCORE('Followers', 100000, TODAY)).toEqual([[36.3]]); // 100 on 15% of the weight, 25 on the rest
    const w = KOC_SCORE(HEADERS, [ROWS[0]], TODAY, [['Weight · Influence', 1], ['Weight · Engagement', 0], ['权重·活跃度', 0], ['Content', 0], ['Conversion', 0], ['Brand fit', 0], ['潜力值', 0]]);
    expect(w[0][0]).toBeCloseTo(81.6, 0);
  });

  it('scores a row the same alone or among others', () => {
    const cell = fc.oneof(fc.constant(''), fc.string({ maxLength: 6 }), fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constantFrom('1.2万', '3k', '—', 'N/A', '4', '2024-05-01'), fc.date());
    const row = fc.array(cell, { minLength: 14, maxLength: 14 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const all = KOC_SCORE(HEADERS, rows, TODAY);
        rows.forEach((r, i) => {
          expect(KOC_SCORE(HEADERS, [r], TODAY)[0]).toEqual(all[i]);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('throws with the right call on a wrong call', () => {
    expect(() => KOC_SCORE([['Foo', 'Bar']], [[1, 2]], TODAY)).toThrow(
      'KOC_SCORE(headers, rows, asof, [settings]): headers must be the roster\'s header row, e.g. KOCs!A1:AF1 — "Foo" is not a known column',
    );
    expect(() => KOC_SCORE([['Followers', '粉丝数']], [[1, 2]], TODAY)).toThrow(/"Followers" appears more than once \(columns A, B\)/);
    expect(() => KOC_SCORE(HEADERS, [[1, 2]], TODAY)).toThrow(/rows are 2 columns wide, headers 14/);
    expect(() => KOC_SCORE(HEADERS, ROWS, TODAY, [['Charisma', 3]])).toThrow(/settings must be the Settings range, e\.g\. KOC_SETTINGS .* "Charisma" is not a dimension/);
    expect(() => (KOC_SCORE as (...a: unknown[]) => unknown)()).toThrow(/KOC_SCORE\(headers, rows, asof, \[settings\]\): .*headers is missing/);
    expect(() => KOC_SCORE(HEADERS, undefined, TODAY)).toThrow(/rows is missing/);
    expect(() => KOC_SCORE([HEADERS[0], HEADERS[0]], ROWS, TODAY)).toThrow(/got 2 rows/);
  });
});

describe('KOC_TIER', () => {
  it('tiers a column of scores, blanks and bad cells by row', () => {
    expect(KOC_TIER([[80], [60], [''], [40], [10], ['abc'], [120], ['55']])).toEqual([
      ['Core'],
      ['Potential'],
      [''],
      ['Regular'],
      ['Candidate'],
      ['Score: "abc" is not a number'],
      ['Score: 120 is not from 0 to 100'],
      ['Potential'],
    ]);
    expect(KOC_TIER(75)).toEqual([['Core']]);
    // Chained on KOC_SCORE, a row's problem passes through.
    expect(KOC_TIER(KOC_SCORE(HEADERS, ROWS, TODAY))).toEqual([['Potential'], [''], ['Followers: "abc" is not a number'], ['Candidate']]);
  });
  it('applies the tier rules to roster rows: score, group floors and evidence', () => {
    // K1 scores 69.7 with 6 of 7 dimensions; K3 has followers only (1 of 7): no tier above Candidate.
    expect(KOC_TIER(HEADERS, ROWS, TODAY)).toEqual([['Potential'], [''], ['Followers: "abc" is not a number'], ['Candidate']]);
    const strong = ['K9', 'Zizi', '30万', 10, 3000, 900, 200, 60, recent, 5, 5, 'Active', joined, ''];
    expect(KOC_TIER(HEADERS, [strong], TODAY)).toEqual([['Core']]);
    // The same KOC silent for 80 days with one post: a score above 75 once, but Activity under its floor.
    const silent = strong.map((v, i) => (i === 3 ? 1 : i === 8 ? new Date(Date.now() - 80 * 86400000) : v));
    expect(KOC_TIER(HEADERS, [silent], TODAY)).toEqual([['Potential']]);
  });
  it('takes thresholds', () => {
    expect(KOC_TIER([[70]], [[60, 50, 40]])).toEqual([['Core']]);
    expect(KOC_TIER([[70]], [['核心', 65]])).toEqual([['Core']]);
    expect(() => KOC_TIER(70, [[10, 20, 30]])).toThrow(/^KOC_TIER\(score, \[settings\]\): settings must be the Settings range, e\.g\. KOC_SETTINGS, or three thresholds/);
    expect(() => KOC_TIER(HEADERS, [[1, 2]], TODAY)).toThrow(/^KOC_TIER\(headers, rows, asof, \[settings\]\): rows must be/);
  });
});

describe('KOC_STAGE', () => {
  it('gives one stage per row', () => {
    // Row 3's bad Followers cell does not matter to its stage.
    expect(KOC_STAGE(HEADERS, ROWS, TODAY)).toEqual([['Mature'], [''], ['Mature'], ['Sprout']]);
  });
  it('reports bad stage cells, not other columns', () => {
    const rows = [['K1', '', '', '', '', '', '', '', 'soon', '', '', 'Active', joined, '']];
    expect(KOC_STAGE(HEADERS, rows, TODAY)).toEqual([['Last post: "soon" is not a date']]);
  });
});

describe('KOC_ENGAGEMENT', () => {
  it('weights comments and shares ×4; with followers, the rate', () => {
    expect(KOC_ENGAGEMENT(100, 50, 10, 5)).toEqual([[210]]);
    expect(KOC_ENGAGEMENT([[100], [''], ['1k']], [[50], [''], [0]], [[10], [''], [0]], [[5], [''], ['x']], [[2100], [''], [1000]])).toEqual([
      [0.1],
      [''],
      ['Shares: "x" is not a number'],
    ]);
    expect(KOC_ENGAGEMENT([[100], [200]], 0, 0, 0)).toEqual([[100], [200]]);
  });
  it('throws on a wrong call', () => {
    expect(() => (KOC_ENGAGEMENT as (...a: unknown[]) => unknown)(1, 2, 3)).toThrow(/^KOC_ENGAGEMENT\(likes, collects, comments, shares, \[followers\], \[settings\]\): .*shares is missing/);
    expect(() => KOC_ENGAGEMENT([[1], [2]], [[1], [2], [3]], 0, 0)).toThrow(/same number of rows/);
    expect(() => KOC_ENGAGEMENT([[1, 2]], 0, 0, 0)).toThrow(/one column/);
  });
});

describe('KOC_ROI, KOC_NUM', () => {
  it('ROI is value ÷ cost by row', () => {
    expect(KOC_ROI([[3000], [''], [100], ['x']], [[1000], [500], [0], [1]])).toEqual([[3], [''], [''], ['Value: "x" is not a number']]);
    expect(() => (KOC_ROI as (...a: unknown[]) => unknown)(1)).toThrow(/^KOC_ROI\(value, cost, \[settings\]\)/);
  });
  it('NUM reads platform counts in the shape given', () => {
    expect(KOC_NUM('1.2万')).toEqual([[12000]]);
    expect(KOC_NUM([['3.5%', '—'], ['abc', 12]])).toEqual([[0.035, ''], ['"abc" is not a number', 12]]);
  });
});

describe('KOC_EXPLAIN', () => {
  it('takes the score apart, one line a dimension', () => {
    const out = KOC_EXPLAIN(HEADERS, [ROWS[0]], TODAY);
    expect(out[0]).toEqual(['Dimension', 'Score', 'Weight', 'Points', 'Notes']);
    expect(out).toHaveLength(10);
    expect(out.map((r) => r[0])).toEqual(['Dimension', 'Influence', 'Engagement', 'Activity', 'Content', 'Conversion', 'Brand fit', 'Potential', 'Total', 'Tier']);
    expect(out[8][4]).toBe('6 of 7 dimensions; Conversion unknown');
    expect(out[9].slice(0, 2)).toEqual(['Tier', 'Potential']);
    expect(out[9][4]).toBe('Contribution 75 · Influence 78.1 · Activity 75; Core needs a score of 75');
    expect(out[8][1]).toBe(KOC_SCORE(HEADERS, [ROWS[0]], TODAY)[0][0]);
    const conversion = out[5];
    expect(conversion[1]).toBe('');
    expect(conversion[4]).toBe('no data (Leads 30d, Orders 30d, GMV 30d blank): counts as 25');
    expect(conversion[3]).toBe(3.8);
    expect(out[4][4]).toBe('missing: Professionalism, Creativity');
    const points = out.slice(1, 8).reduce((s, r) => s + (r[3] as number), 0);
    expect(points).toBeCloseTo(out[8][3] as number, 0);
  });
  it('shows the problem, a blank, or throws on several rows', () => {
    expect(KOC_EXPLAIN(HEADERS, [ROWS[2]], TODAY)).toEqual([['Followers: "abc" is not a number']]);
    expect(KOC_EXPLAIN(HEADERS, [ROWS[1]], TODAY)).toEqual([['']]);
    expect(() => KOC_EXPLAIN(HEADERS, ROWS, TODAY)).toThrow(/row must be one roster row .* got 3 rows/);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_TIER_THRESHOLDS } from '../../src/core/defaults';
import { parseThresholds, tierFor, tierLabel, tierRank } from '../../src/core/tier';

describe('tierFor', () => {
  it('uses plain thresholds from Core down', () => {
    expect(tierFor(75)).toBe('core');
    expect(tierFor(74.9)).toBe('potential');
    expect(tierFor(55)).toBe('potential');
    expect(tierFor(35)).toBe('regular');
    expect(tierFor(34.9)).toBe('candidate');
    expect(tierFor(0)).toBe('candidate');
    expect(tierFor(50, { core: 60, potential: 50, regular: 10 })).toBe('potential');
  });

  it('is monotonic in the score', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(tierRank(tierFor(hi))).toBeLessThanOrEqual(tierRank(tierFor(lo)));
    }));
  });

  it('labels tiers in English and Chinese', () => {
    expect(tierLabel('core', 'en')).toBe('Core');
    expect(tierLabel('candidate', 'zh')).toBe('候选');
  });
});

describe('parseThresholds', () => {
  it('reads three numbers in a row or a column', () => {
    expect(parseThresholds([[80, 60, 40]])).toEqual({ core: 80, potential: 60, regular: 40 });
    expect(parseThresholds([[80], [60], [40]])).toEqual({ core: 80, potential: 60, regular: 40 });
  });
  it('reads tier | score rows in English, Chinese or as Settings labels', () => {
    expect(parseThresholds([['Tier', 'Score'], ['核心', 80], ['Potential', '60']])).toEqual({ ...DEFAULT_TIER_THRESHOLDS, core: 80, potential: 60 });
    expect(parseThresholds([['Tier threshold · Regular', 30], ['层级门槛·潜力', 50]])).toEqual({ core: 75, potential: 50, regular: 30 });
  });
  it('explains what is wrong, in English and in Chinese', () => {
    const en = (range: unknown) => (parseThresholds(range) as { en: string }).en;
    expect(en([[40, 60, 80]])).toMatch(/must fall from Core to Regular/);
    expect(en([['Gold', 80], ['Silver', 60]])).toMatch(/"Gold" is not Core, Potential or Regular/);
    expect(parseThresholds([['Core', 'high']])).toEqual({ en: 'Core: "high" is not a number', zh: '核心：“high”不是数字' });
  });
});

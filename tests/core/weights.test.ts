import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from '../../src/core/defaults';
import { SETTING_DEFS } from '../../src/core/settings';
import { dimensionOf, normalizeWeights, parseWeights } from '../../src/core/weights';

describe('parseWeights', () => {
  it('reads the KOC_WEIGHTS rows of Settings in English and Chinese', () => {
    const weightRows = SETTING_DEFS.filter((d) => d.path.startsWith('weights.'));
    expect(parseWeights(weightRows.map((d) => [d.en, 10]))).toEqual(Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 10])));
    expect(parseWeights(weightRows.map((d) => [d.zh, 5]))).toMatchObject({ influence: 5, potential: 5 });
  });

  it('reads plain dimension names and keeps defaults for the rest', () => {
    expect(parseWeights([['Dimension', 'Weight'], ['Influence', 30], ['影响力', 30], ['brand fit', '0'], ['brandFit', 2]])).toEqual({ ...DEFAULT_WEIGHTS, influence: 30, brandFit: 2 });
    expect(parseWeights([['Influence', 'Engagement', '潜力值'], [1, 2, 3]])).toEqual({ ...DEFAULT_WEIGHTS, influence: 1, engagement: 2, potential: 3 });
    expect(parseWeights([['', ''], ['Content', 40]])).toEqual({ ...DEFAULT_WEIGHTS, content: 40 });
  });

  it('explains a bad range, in English and in Chinese', () => {
    const en = (range: unknown) => (parseWeights(range) as { en: string }).en;
    expect(en('Influence')).toMatch(/two-column/);
    expect(parseWeights([['Influence', 10], ['Charisma', 5]])).toEqual({
      en: '"Charisma" is not a dimension (Influence, Engagement, Activity, Content, Conversion, Brand fit, Potential)',
      zh: '“Charisma”不是评分维度（影响力、互动、活跃度、内容、转化、品牌契合、潜力值）',
    });
    expect(parseWeights([['Influence', -1]])).toEqual({ en: 'Influence: -1 is not a weight (a number 0 or more)', zh: '影响力：“-1”不是权重（应为 0 或以上的数字）' });
    expect(en([['Influence', 'lots']])).toMatch(/not a weight/);
    expect(en([['Dimension', 'Weight']])).toMatch(/no dimension weights/);
    expect(en(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0]))).toMatch(/above 0/);
  });

  it('reads two Settings rows with their Notes column as label | weight | notes, not as labels across', () => {
    const rows = [
      ['Weight · Influence', 30, 'Relative weight of this dimension in the score'],
      ['Weight · Engagement', 10, 'Relative weight of this dimension in the score'],
    ];
    expect(parseWeights(rows)).toEqual({ ...DEFAULT_WEIGHTS, influence: 30, engagement: 10 });
  });

  it('names dimensions with or without the Settings prefix', () => {
    expect(dimensionOf('Weight · Brand fit')).toBe('brandFit');
    expect(dimensionOf('权重·潜力值')).toBe('potential');
    expect(dimensionOf('Weight')).toBeUndefined();
  });

  it('normalizes to sum 1', () => {
    const n = normalizeWeights(DEFAULT_WEIGHTS);
    expect(Object.values(n).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

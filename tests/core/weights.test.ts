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

  it('explains a bad range', () => {
    expect(parseWeights('Influence')).toMatch(/two-column/);
    expect(parseWeights([['Influence', 10], ['Charisma', 5]])).toBe('"Charisma" is not a dimension (Influence, Engagement, Activity, Content, Conversion, Brand fit, Potential)');
    expect(parseWeights([['Influence', -1]])).toMatch(/not a weight/);
    expect(parseWeights([['Influence', 'lots']])).toMatch(/not a weight/);
    expect(parseWeights([['Dimension', 'Weight']])).toMatch(/no dimension weights/);
    expect(parseWeights(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0]))).toMatch(/above 0/);
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

// One meaning of "%" on a 0–100 scale (scores, thresholds, weights, Settings): "80%" is 80. A
// count, amount or rate keeps Sheets' reading: "12%" is 0.12.
import { describe, expect, it } from 'vitest';
import { readNumber, readPoints } from '../../src/core/numbers';
import { parseSettings } from '../../src/core/settings';
import { parseThresholds } from '../../src/core/tier';
import { parseWeights } from '../../src/core/weights';
import { KOC_TIER } from '../../src/server/functions';

describe('"%" on a 0–100 scale', () => {
  it('reads points and quantities by their own rule', () => {
    expect(readPoints('80%')).toBe(80);
    expect(readPoints(' 7.5 ％')).toBe(7.5);
    expect(readPoints(80)).toBe(80);
    expect(readPoints('')).toBeUndefined();
    expect(readPoints('80 points')).toBeNaN();
    expect(readNumber('12%')).toBeCloseTo(0.12, 10);
  });

  it('means the same in Settings, a thresholds range, a weights range and KOC_TIER', () => {
    const { settings, problems } = parseSettings([
      ['Tier threshold · Core', '80%'],
      ['Tier threshold · Potential', '60'],
      ['Tier threshold · Regular', '40%'],
    ]);
    expect(problems).toEqual([]);
    expect(settings.tierThresholds).toEqual({ core: 80, potential: 60, regular: 40 });
    expect(parseThresholds([['80%', '60%', '40']])).toEqual({ core: 80, potential: 60, regular: 40 });
    expect(parseThresholds([['Core', '80%'], ['Potential', 60]])).toMatchObject({ core: 80, potential: 60 });
    // Weights: "30%" and 30 are the same weight, so a range mixing both is read as typed.
    const mixed = parseWeights([['Content', '30%'], ['Influence', 30]]);
    expect(mixed).toMatchObject({ content: 30, influence: 30 });
    expect(KOC_TIER([['80%', 80, '0.8']])).toEqual([[...Array(2).fill('Core'), 'Candidate']]);
  });
});

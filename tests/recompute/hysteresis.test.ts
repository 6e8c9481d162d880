import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tierWithHysteresis } from '../../src/core/echelon/hysteresis';
import { tierFor } from '../../src/core/tier';

const TH = { core: 75, potential: 55, regular: 35 };
const M = 3;

describe('tierWithHysteresis (thresholds 75 / 55 / 35, margin 3)', () => {
  it('gives the plain tier when there is no previous tier (agrees with KOC_TIER)', () => {
    for (const score of [0, 34.9, 35, 54.9, 55, 74.9, 75, 100]) expect(tierWithHysteresis(score, undefined, TH, M).tier).toBe(tierFor(score, TH));
  });

  it.each([
    // score, previous, expected, limit
    [77.9, 'potential', 'potential', undefined], // cleared 75 but not 78
    [78, 'potential', 'core', 78],
    [81, 'potential', 'core', 78],
    [72, 'core', 'core', undefined], // below 75 but not below 72
    [71.9, 'core', 'potential', 72],
    [40, 'core', 'regular', 52], // two tiers down: below Potential's 55 − 3
    [60, 'candidate', 'potential', 58], // two tiers up: 55 + 3
    [37, 'candidate', 'candidate', undefined], // 35 cleared, 38 not
    [38, 'candidate', 'regular', 38],
    [56, 'potential', 'potential', undefined],
  ] as const)('score %s, was %s → %s', (score, prev, tier, limit) => {
    const move = tierWithHysteresis(score, prev, TH, M);
    expect(move.tier).toBe(tier);
    expect(move.limit).toBe(limit);
  });

  it('with margin 0 is the plain tier', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('core', 'potential', 'regular', 'candidate'), (score, prev) => {
        expect(tierWithHysteresis(score, prev as never, TH, 0).tier).toBe(tierFor(score, TH));
      }),
    );
  });

  it('never flaps: a score wobbling within the margin of a threshold keeps the tier', () => {
    fc.assert(
      fc.property(fc.constantFrom(35, 55, 75), fc.array(fc.double({ min: -2.99, max: 2.99, noNaN: true }), { minLength: 2, maxLength: 30 }), (threshold, wobble) => {
        let tier = tierWithHysteresis(threshold + wobble[0], undefined, TH, M).tier;
        const first = tier;
        for (const w of wobble.slice(1)) tier = tierWithHysteresis(threshold + w, tier, TH, M).tier;
        expect(tier).toBe(first);
      }),
    );
  });

  it('moves only toward the plain tier, and never past it', () => {
    const rank = { core: 0, potential: 1, regular: 2, candidate: 3 } as const;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('core', 'potential', 'regular', 'candidate'), (score, prev) => {
        const plain = tierFor(score, TH);
        const next = tierWithHysteresis(score, prev as never, TH, M).tier;
        const [lo, hi] = [Math.min(rank[plain], rank[prev as never]), Math.max(rank[plain], rank[prev as never])];
        expect(rank[next]).toBeGreaterThanOrEqual(lo);
        expect(rank[next]).toBeLessThanOrEqual(hi);
      }),
    );
  });
});

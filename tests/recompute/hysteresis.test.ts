import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVIDENCE, DEFAULT_TIER_FLOORS } from '../../src/core/defaults';
import { tierWithHysteresis } from '../../src/core/echelon/hysteresis';
import { type TierFacts, tierFor, tierOf, type TierSettings } from '../../src/core/tier';

const TH = { core: 75, potential: 55, regular: 35 };
const M = 3;
const S: TierSettings = { tierThresholds: TH, tierFloors: DEFAULT_TIER_FLOORS, evidence: DEFAULT_EVIDENCE };
/** A KOC whose every group clears every floor, with enough evidence: the score alone decides. */
const byScore = (score: number): TierFacts => ({ score, evidence: 7, groups: { contribution: 90, influence: 90, activity: 90 } });

describe('tierWithHysteresis (thresholds 75 / 55 / 35, margin 3)', () => {
  it('gives the plain tier when there is no previous tier (agrees with KOC_TIER)', () => {
    for (const score of [0, 34.9, 35, 54.9, 55, 74.9, 75, 100]) expect(tierWithHysteresis(byScore(score), undefined, S, M).tier).toBe(tierFor(score, TH));
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
    const move = tierWithHysteresis(byScore(score), prev, S, M);
    expect(move.tier).toBe(tier);
    expect(move.limit ?? (move.shortfall?.kind === 'score' ? move.shortfall.limit : undefined)).toBe(limit);
  });

  it('moves a floor by the margin too: Core keeps a group wobbling just under its floor, loses it past the margin', () => {
    const facts = (activity: number): TierFacts => ({ score: 85, evidence: 7, groups: { contribution: 80, influence: 80, activity } });
    expect(tierWithHysteresis(facts(48), 'core', S, M).tier).toBe('core');
    const down = tierWithHysteresis(facts(46), 'core', S, M);
    expect(down.tier).toBe('potential');
    expect(down.shortfall).toEqual({ kind: 'group', group: 'activity', value: 46, limit: 47 });
    expect(tierWithHysteresis(facts(52), 'potential', S, M).tier).toBe('potential');
    expect(tierWithHysteresis(facts(53), 'potential', S, M).tier).toBe('core');
  });

  it('has no margin on evidence: below the minimum a Core KOC is Candidate at once', () => {
    const move = tierWithHysteresis({ ...byScore(90), evidence: 3 }, 'core', S, M);
    expect(move.tier).toBe('candidate');
    expect(move.shortfall).toEqual({ kind: 'evidence', evidence: 3, need: 4 });
  });

  it('with margin 0 is the plain tier', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('core', 'potential', 'regular', 'candidate'), (score, prev) => {
        expect(tierWithHysteresis(byScore(score), prev as never, S, 0).tier).toBe(tierFor(score, TH));
      }),
    );
  });

  it('never flaps: a score wobbling within the margin of a threshold keeps the tier', () => {
    fc.assert(
      fc.property(fc.constantFrom(35, 55, 75), fc.array(fc.double({ min: -2.99, max: 2.99, noNaN: true }), { minLength: 2, maxLength: 30 }), (threshold, wobble) => {
        let tier = tierWithHysteresis(byScore(threshold + wobble[0]), undefined, S, M).tier;
        const first = tier;
        for (const w of wobble.slice(1)) tier = tierWithHysteresis(byScore(threshold + w), tier, S, M).tier;
        expect(tier).toBe(first);
      }),
    );
  });

  it('moves only toward the plain tier, and never past it, whatever the groups', () => {
    const rank = { core: 0, potential: 1, regular: 2, candidate: 3 } as const;
    const group = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        group,
        group,
        group,
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('core', 'potential', 'regular', 'candidate'),
        (score, contribution, influence, activity, evidence, prev) => {
          const f: TierFacts = { score, evidence, groups: { contribution, influence, activity } };
          const plain = tierOf(f, S);
          const next = tierWithHysteresis(f, prev as never, S, M).tier;
          const [lo, hi] = [Math.min(rank[plain], rank[prev as never]), Math.max(rank[plain], rank[prev as never])];
          expect(rank[next]).toBeGreaterThanOrEqual(lo);
          expect(rank[next]).toBeLessThanOrEqual(hi);
        },
      ),
    );
  });
});

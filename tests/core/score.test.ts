import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumber } from '../../src/core/dates';
import { DEFAULT_WEIGHTS, DIMENSIONS } from '../../src/core/defaults';
import { emptyKoc, KOCS, kocReader, readKocRow } from '../../src/core/record';
import { kocRoi, roi, SCORE_FIELDS, type ScoreContext, type ScoreInput, scoreContext, scoreKoc, totalScore, type Weights } from '../../src/core/score';
import { mapHeaders } from '../../src/sheets/headers';

const NOW = new Date(2025, 5, 30);
const ctx = scoreContext({ today: NOW });
const daysAgo = (n: number) => new Date(2025, 5, 30 - n);

// Every scored field blank: the roster's own empty record.
const blank: ScoreInput = emptyKoc();
const koc = (over: Partial<ScoreInput>): ScoreInput => ({ ...blank, ...over });

const full = koc({
  followers: 12000,
  posts30d: 6,
  likes: 300,
  collects: 120,
  comments: 40,
  shares: 10,
  leads30d: 30,
  orders30d: 12,
  gmv30d: 3600,
  lastPost: daysAgo(3),
  quality: 4,
  professionalism: 3,
  creativity: 5,
  brandFit: 4,
  willingness: 5,
  communication: 4,
});

describe('sub-scores', () => {
  it('puts followers on a log scale: 100k is 100, 10k 80, 1k 60', () => {
    const infl = (followers: number) => scoreKoc(koc({ followers }), ctx).dimensions.influence;
    expect(infl(100_000)).toBe(100);
    expect(infl(1_000_000)).toBe(100);
    expect(infl(10_000)).toBeCloseTo(80, 0);
    expect(infl(1_000)).toBeCloseTo(60, 0);
    expect(infl(0)).toBe(0);
  });

  it('maps ratings 1–5 to 0–100 and averages the ones there', () => {
    expect(scoreKoc(koc({ quality: 5, professionalism: 3 }), ctx).dimensions.content).toBe(75);
    expect(scoreKoc(koc({ brandFit: 5, willingness: 1, communication: 1 }), ctx).dimensions.brandFit).toBe(50); // brand fit counts double
  });

  it('weighs comments and shares four times likes and collects', () => {
    const a = scoreKoc(koc({ likes: 400 }), ctx);
    const b = scoreKoc(koc({ comments: 100 }), ctx);
    expect(a.interactionsPerPost).toBe(400);
    expect(b.dimensions.engagement).toBe(a.dimensions.engagement);
  });

  it('gives full recency to a fresh post, none to a stale one', () => {
    const act = (lastPost: Date) => scoreKoc(koc({ lastPost }), ctx).dimensions.activity;
    expect(act(daysAgo(0))).toBe(100);
    expect(act(daysAgo(7))).toBe(100);
    expect(act(daysAgo(90))).toBe(0);
    expect(act(daysAgo(48))).toBeCloseTo((100 * 42) / 83, 1);
  });

  it('rewards interactions that are large for the audience in Potential', () => {
    const small = scoreKoc(koc({ followers: 800, likes: 400 }), ctx).dimensions.potential!;
    const big = scoreKoc(koc({ followers: 80_000, likes: 400 }), ctx).dimensions.potential!;
    expect(small).toBeGreaterThan(big);
  });
});

describe('missing data', () => {
  it('counts a dimension with no data as the unknown prior (25), and says how many are known', () => {
    const s = scoreKoc(koc({ followers: 100_000, quality: 1 }), ctx);
    expect(s.dimensions.conversion).toBeUndefined();
    expect(s.shares.influence).toBeCloseTo(DEFAULT_WEIGHTS.influence / 100, 12);
    // Influence 100 and Content 0 on 15% each, the five unknown dimensions 25 on the other 70%.
    expect(s.total).toBe(32.5);
    expect(s.evidence).toEqual({ known: 2, of: 7, unknown: ['engagement', 'activity', 'conversion', 'brandFit', 'potential'] });
    expect(Object.values(s.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('scores only the parts there within a dimension', () => {
    expect(scoreKoc(koc({ quality: 5 }), ctx).dimensions.content).toBe(100);
  });

  it('has no score for a row with nothing to score, or only zero-weight dimensions', () => {
    expect(totalScore(blank, ctx)).toBeUndefined();
    const onlyConversion = { ...Object.fromEntries(DIMENSIONS.map((d) => [d, 0])), conversion: 1 } as Weights;
    expect(totalScore(koc({ followers: 10 }), scoreContext({ today: NOW, weights: onlyConversion }))).toBeUndefined();
  });
});

describe('total', () => {
  it('is the shares-weighted sum of the sub-scores, one decimal', () => {
    const s = scoreKoc(full, ctx);
    const sum = DIMENSIONS.reduce((acc, d) => acc + s.dimensions[d]! * s.shares[d], 0);
    expect(s.total).toBeCloseTo(sum, 0);
    expect(s.total).toBe(totalScore(full, ctx));
    expect(s.total).toBeGreaterThan(50);
    expect(s.total).toBeLessThan(90);
  });

  it('takes weights', () => {
    const onlyInfluence = { ...Object.fromEntries(DIMENSIONS.map((d) => [d, 0])), influence: 1 } as Weights;
    expect(totalScore(full, scoreContext({ today: NOW, weights: onlyInfluence }))).toBe(scoreKoc(full, ctx).dimensions.influence);
  });

  it('ROI is value ÷ cost, none without a cost', () => {
    expect(roi(3000, 1000)).toBe(3);
    expect(roi(3000, 0)).toBeUndefined();
    expect(roi(undefined, 10)).toBeUndefined();
    expect(kocRoi({ gmv30d: 500, monthlyCost: 250 })).toBe(2);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────────────────

const count = fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: undefined });
const rating = fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: undefined });
const lastPost = fc.option(fc.integer({ min: -5, max: 400 }).map(daysAgo), { nil: undefined });
const arbKoc: fc.Arbitrary<ScoreInput> = fc.record({
  followers: count,
  posts30d: count,
  likes: count,
  collects: count,
  comments: count,
  shares: count,
  leads30d: count,
  orders30d: count,
  gmv30d: count,
  lastPost,
  quality: rating,
  professionalism: rating,
  creativity: rating,
  brandFit: rating,
  willingness: rating,
  communication: rating,
});
const arbWeights: fc.Arbitrary<Weights> = fc
  .record(Object.fromEntries(DIMENSIONS.map((d) => [d, fc.double({ min: 0, max: 100, noNaN: true })])) as Record<keyof Weights, fc.Arbitrary<number>>)
  .filter((w) => DIMENSIONS.some((d) => w[d] > 0));

/** The last weights' context, kept: a property compares two KOCs under the same weights, and compiling the model is most of a score's cost. */
let last: { weights: Weights | undefined; context: ScoreContext } | undefined;
const at = (k: ScoreInput, w?: Weights) => {
  if (!last || last.weights !== w) last = { weights: w, context: scoreContext({ today: NOW, weights: w }) };
  return totalScore(k, last.context);
};

describe('properties', () => {
  it('scores are 0–100 (or none), whatever the data and weights', () => {
    fc.assert(
      fc.property(arbKoc, arbWeights, (k, w) => {
        const s = scoreKoc(k, scoreContext({ today: NOW, weights: w }));
        if (s.total !== undefined) expect(s.total).toBeGreaterThanOrEqual(0);
        if (s.total !== undefined) expect(s.total).toBeLessThanOrEqual(100);
        for (const d of DIMENSIONS) {
          const v = s.dimensions[d];
          if (v !== undefined) expect(v >= 0 && v <= 100).toBe(true);
        }
      }),
    );
  });

  it('never throws on random cell values, through the row reader', () => {
    const header = KOCS.columns.map((c) => c.en);
    const reader = kocReader(mapHeaders(KOCS, header), { only: SCORE_FIELDS });
    const cell = fc.oneof(fc.anything(), fc.string(), fc.double(), fc.date(), fc.constantFrom('', '1.2万', '3.5%', '—', 'N/A', '4', '2024-02-30'));
    fc.assert(
      fc.property(fc.array(cell, { minLength: header.length, maxLength: header.length }), (row) => {
        const { koc: k } = readKocRow(reader, row);
        const t = totalScore(k, ctx);
        expect(t === undefined || (t >= 0 && t <= 100)).toBe(true);
      }),
    );
  });

  const more = <K extends keyof ScoreInput>(field: K, bump: fc.Arbitrary<number>, weights: fc.Arbitrary<Weights | undefined> = fc.constant(undefined)) =>
    fc.assert(
      fc.property(arbKoc, bump, weights, (k, extra, w) => {
        const base = k[field] as number | undefined;
        if (base === undefined) return;
        const cap = ['quality', 'professionalism', 'creativity', 'brandFit', 'willingness', 'communication'].includes(field) ? 5 : Number.POSITIVE_INFINITY;
        const up = { ...k, [field]: Math.min(cap, base + extra) };
        expect(at(up, w)!).toBeGreaterThanOrEqual(at(k, w)!);
      }),
    );

  const anyWeights = fc.option(arbWeights, { nil: undefined });
  it('more engagement never lowers the score', () => {
    for (const f of ['likes', 'collects', 'comments', 'shares'] as const) more(f, fc.double({ min: 0, max: 1e5, noNaN: true }), anyWeights);
  });
  it('more conversions never lower the score', () => {
    for (const f of ['leads30d', 'orders30d', 'gmv30d'] as const) more(f, fc.double({ min: 0, max: 1e5, noNaN: true }), anyWeights);
  });
  it('better ratings never lower the score', () => {
    for (const f of ['quality', 'professionalism', 'creativity', 'brandFit', 'willingness', 'communication'] as const)
      more(f, fc.double({ min: 0, max: 4, noNaN: true }), anyWeights);
  });
  it('more posts, or a more recent post, never lower the score', () => {
    more('posts30d', fc.double({ min: 0, max: 50, noNaN: true }), anyWeights);
    fc.assert(
      fc.property(arbKoc, fc.integer({ min: 0, max: 100 }), anyWeights, (k, days, w) => {
        if (!k.lastPost) return;
        const newer = new Date(k.lastPost.getFullYear(), k.lastPost.getMonth(), k.lastPost.getDate() + days);
        expect(at({ ...k, lastPost: newer }, w)!).toBeGreaterThanOrEqual(at(k, w)!);
      }),
    );
  });
  it('more followers never lower the score while Influence weighs at least 1.3 × Potential (defaults 15 : 10)', () => {
    const fitting = arbWeights.filter((w) => w.influence >= 1.3 * w.potential);
    more('followers', fc.double({ min: 0, max: 1e6, noNaN: true }), fc.option(fitting, { nil: undefined }));
    // The extremes: only Influence and Potential weighed, the smallest ratio allowed.
    const tight = { ...Object.fromEntries(DIMENSIONS.map((d) => [d, 0])), influence: 13, potential: 10 } as Weights;
    more('followers', fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(tight));
  });

  it('reads today only for recency', () => {
    const k = { ...full, lastPost: undefined };
    expect(totalScore(k, scoreContext({ today: dayNumber(new Date(2020, 0, 1)) }))).toBe(totalScore(k, ctx));
  });

  it('emptyKoc has every field the model reads', () => {
    const e = emptyKoc();
    for (const f of SCORE_FIELDS) expect(f in e).toBe(true);
  });
});

/**
 * The value model: seven dimension sub-scores 0–100 and a weighted total 0–100.
 *
 * Each dimension is the weighted mean of its parts (table PARTS); a part is one curve over one
 * or a few roster columns. Missing data, the same rule everywhere:
 * - a part whose columns are all blank has no data and is left out of its dimension's mean;
 * - a dimension none of whose parts has data is left out of the total, and the other
 *   dimensions' weights are scaled up to fill its share (no penalty, no bonus for a blank);
 * - a row with no data in any weighted dimension has no score.
 * A row's score reads nothing but that row, the weights, the reference points and today's date.
 * Pure; the custom functions and the recompute both call this, so a formula and the Echelon sheet
 * always agree.
 */
import { dayNumber } from './dates';
import { DEFAULT_ENGAGEMENT_WEIGHTS, DEFAULT_SCORE_REFERENCES, DEFAULT_WEIGHTS, DIMENSIONS, type Dimension } from './defaults';
import { type EngagementWeights, interactionsPerPost } from './engagement';
import { round } from './numbers';
import type { KocField, KocRecord } from './record';
import type { Settings } from './settings';

export type ScoreReferences = typeof DEFAULT_SCORE_REFERENCES;
export type Weights = Record<Dimension, number>;

/** The roster fields the value model reads (KOC_SCORE reads only these columns). */
export type ScoreInput = Pick<
  KocRecord,
  | 'followers'
  | 'posts30d'
  | 'likes'
  | 'collects'
  | 'comments'
  | 'shares'
  | 'leads30d'
  | 'orders30d'
  | 'gmv30d'
  | 'lastPost'
  | 'quality'
  | 'professionalism'
  | 'creativity'
  | 'brandFit'
  | 'willingness'
  | 'communication'
>;

export interface ScoreOptions {
  weights?: Weights;
  engagementWeights?: EngagementWeights;
  references?: ScoreReferences;
  /** Day number of today (dayNumber(new Date())), or a Date. */
  today: number | Date;
}

/** Options resolved once per call or run. */
export interface ScoreContext {
  weights: Weights;
  engagementWeights: EngagementWeights;
  references: ScoreReferences;
  today: number;
  /** The weights in DIMENSIONS order, for the per-row loop. */
  dimensionWeights: Float64Array;
  /** The log-scale curves' denominators, which depend on the references only (see logScales). */
  scales: LogScales;
}

// Globals are read once: in a vm context (the emulator, tests, bench) every global lookup goes
// through the context object and costs more than the arithmetic around it.
const { log10, sqrt, min, max } = Math;
const isNotANumber = Number.isNaN;
const NO_DATA = Number.NaN;

/** log10(1 + reference) of each log curve, and the log span of the relative curve. */
interface LogScales {
  followers: number;
  interactionsPerPost: number;
  leads30d: number;
  orders30d: number;
  gmv30d: number;
  relative: number;
}

// Worked out once per call or run rather than twice per curve per row: a 100k-row KOC_SCORE
// would otherwise spend more on these logarithms than on the rows' own.
function logScales(ref: ScoreReferences): LogScales {
  return {
    followers: log10(1 + ref.followers),
    interactionsPerPost: log10(1 + ref.interactionsPerPost),
    leads30d: log10(1 + ref.leads30d),
    orders30d: log10(1 + ref.orders30d),
    gmv30d: log10(1 + ref.gmv30d),
    relative: log10(ref.relativeTop / ref.relativeFloor),
  };
}

export function scoreContext(opts: ScoreOptions): ScoreContext {
  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const references = opts.references ?? DEFAULT_SCORE_REFERENCES;
  return {
    weights,
    engagementWeights: opts.engagementWeights ?? DEFAULT_ENGAGEMENT_WEIGHTS,
    references,
    today: typeof opts.today === 'number' ? opts.today : dayNumber(opts.today),
    dimensionWeights: Float64Array.from(DIMENSIONS, (d) => weights[d]),
    scales: logScales(references),
  };
}

/**
 * The score options a workbook's Settings give, counted to `today`. The recompute and the custom
 * functions both build their context here, so a formula and the Echelon sheet score alike.
 */
export function scoreContextFor(settings: Pick<Settings, 'weights' | 'engagementWeights'>, today: number | Date): ScoreContext {
  return scoreContext({ weights: settings.weights, engagementWeights: settings.engagementWeights, today });
}

// ── Curves ─────────────────────────────────────────────────────────────────────────────────────
// Each returns 0–100, or NaN when its input is missing (NaN is "no data" inside this module).

/**
 * Counts grow on a log scale: 1k followers is most of the way from 0 to 10k. `scale` is
 * log10(1 + the count worth 100), from the context.
 */
function logCurve(x: number | undefined, scale: number): number {
  if (x === undefined) return NO_DATA;
  const v = (100 * log10(1 + x)) / scale;
  return min(100, max(0, v));
}

/** A 1–5 rating: 1 → 0, 3 → 50, 5 → 100. */
function ratingCurve(r: number | undefined): number {
  return r === undefined ? NO_DATA : (r - 1) * 25;
}

function linearCurve(x: number | undefined, worth100: number): number {
  if (x === undefined) return NO_DATA;
  const v = (100 * x) / worth100;
  return min(100, max(0, v));
}

/** Days since the last post: full credit while fresh, none once stale, a straight line between. */
function recencyCurve(lastPost: Date | undefined, today: number, ref: ScoreReferences): number {
  if (lastPost === undefined) return NO_DATA;
  const days = today - dayNumber(lastPost);
  if (days <= ref.freshPostDays) return 100;
  if (days >= ref.stalePostDays) return 0;
  return (100 * (ref.stalePostDays - days)) / (ref.stalePostDays - ref.freshPostDays);
}

/**
 * Interactions relative to audience: weighted interactions per post ÷ √followers, on a log scale.
 * Followers are clamped to [relativeMinFollowers, followers reference], where influence also
 * stops growing, so this falls with followers only where influence rises at least as fast.
 */
function relativeCurve(perPost: number | undefined, followers: number | undefined, ref: ScoreReferences, span: number): number {
  if (perPost === undefined || followers === undefined) return NO_DATA;
  const f = followers < ref.relativeMinFollowers ? ref.relativeMinFollowers : followers > ref.followers ? ref.followers : followers;
  const x = perPost / sqrt(f);
  const v = (100 * log10(x / ref.relativeFloor)) / span;
  return min(100, max(0, v));
}

// ── The parts table ────────────────────────────────────────────────────────────────────────────

export interface ScorePart {
  dimension: Dimension;
  key: string;
  label: { en: string; zh: string };
  /** The roster columns it reads (named in KOC_EXPLAIN when missing). */
  inputs: readonly KocField[];
  /** Weight within its dimension. */
  weight: number;
  /** Curve over the inputs; `perPost` is the weighted interactions per post, computed once. */
  value: (k: ScoreInput, c: ScoreContext, perPost: number | undefined) => number;
}

const INTERACTIONS: readonly KocField[] = ['likes', 'collects', 'comments', 'shares'];

export const PARTS: readonly ScorePart[] = [
  { dimension: 'influence', key: 'followers', label: { en: 'followers', zh: '粉丝数' }, inputs: ['followers'], weight: 1, value: (k, c) => logCurve(k.followers, c.scales.followers) },
  { dimension: 'engagement', key: 'interactions', label: { en: 'interactions per post', zh: '篇均互动' }, inputs: INTERACTIONS, weight: 1, value: (_k, c, e) => logCurve(e, c.scales.interactionsPerPost) },
  { dimension: 'activity', key: 'posts', label: { en: 'posts in 30 days', zh: '近30天发帖' }, inputs: ['posts30d'], weight: 1, value: (k, c) => linearCurve(k.posts30d, c.references.posts30d) },
  { dimension: 'activity', key: 'recency', label: { en: 'days since last post', zh: '距最近发帖天数' }, inputs: ['lastPost'], weight: 1, value: (k, c) => recencyCurve(k.lastPost, c.today, c.references) },
  { dimension: 'content', key: 'quality', label: { en: 'quality', zh: '内容质量' }, inputs: ['quality'], weight: 1, value: (k) => ratingCurve(k.quality) },
  { dimension: 'content', key: 'professionalism', label: { en: 'professionalism', zh: '专业度' }, inputs: ['professionalism'], weight: 1, value: (k) => ratingCurve(k.professionalism) },
  { dimension: 'content', key: 'creativity', label: { en: 'creativity', zh: '创造力' }, inputs: ['creativity'], weight: 1, value: (k) => ratingCurve(k.creativity) },
  { dimension: 'conversion', key: 'leads', label: { en: 'leads', zh: '引流' }, inputs: ['leads30d'], weight: 1, value: (k, c) => logCurve(k.leads30d, c.scales.leads30d) },
  { dimension: 'conversion', key: 'orders', label: { en: 'orders', zh: '订单' }, inputs: ['orders30d'], weight: 1, value: (k, c) => logCurve(k.orders30d, c.scales.orders30d) },
  { dimension: 'conversion', key: 'gmv', label: { en: 'GMV', zh: '成交额' }, inputs: ['gmv30d'], weight: 1, value: (k, c) => logCurve(k.gmv30d, c.scales.gmv30d) },
  { dimension: 'brandFit', key: 'brandFit', label: { en: 'brand fit', zh: '形象契合' }, inputs: ['brandFit'], weight: 2, value: (k) => ratingCurve(k.brandFit) },
  { dimension: 'brandFit', key: 'willingness', label: { en: 'willingness', zh: '分享意愿' }, inputs: ['willingness'], weight: 1, value: (k) => ratingCurve(k.willingness) },
  { dimension: 'brandFit', key: 'communication', label: { en: 'communication', zh: '沟通互动' }, inputs: ['communication'], weight: 1, value: (k) => ratingCurve(k.communication) },
  {
    dimension: 'potential',
    key: 'relative',
    label: { en: 'interactions for audience size', zh: '相对粉丝量的互动' },
    inputs: [...INTERACTIONS, 'followers'],
    weight: 2,
    value: (k, c, e) => relativeCurve(e, k.followers, c.references, c.scales.relative),
  },
  { dimension: 'potential', key: 'creativity', label: { en: 'creativity', zh: '创造力' }, inputs: ['creativity'], weight: 1, value: (k) => ratingCurve(k.creativity) },
];

/** Every roster field the model reads. */
export const SCORE_FIELDS: readonly KocField[] = [...new Set(PARTS.flatMap((p) => p.inputs))];

const DIM_INDEX: Record<Dimension, number> = Object.fromEntries(DIMENSIONS.map((d, i) => [d, i])) as Record<Dimension, number>;
const PART_DIM: readonly number[] = PARTS.map((p) => DIM_INDEX[p.dimension]);

// ── Scoring ────────────────────────────────────────────────────────────────────────────────────

/**
 * Fill `parts` (one slot per PARTS entry) and `dims` (one per DIMENSIONS entry) with 0–100 or
 * NaN for no data, and return the total (unrounded) or NaN. The one code path behind every score.
 */
function compute(k: ScoreInput, c: ScoreContext, parts: Float64Array, dims: Float64Array, sums: Float64Array): number {
  const perPost = interactionsPerPost(k.likes, k.collects, k.comments, k.shares, c.engagementWeights);
  for (let d = 0; d < dims.length; d++) dims[d] = sums[d] = 0;
  for (let i = 0; i < PARTS.length; i++) {
    const v = PARTS[i].value(k, c, perPost);
    parts[i] = v;
    if (!isNotANumber(v)) {
      const d = PART_DIM[i];
      dims[d] += v * PARTS[i].weight;
      sums[d] += PARTS[i].weight;
    }
  }
  let total = 0;
  let weight = 0;
  for (let d = 0; d < DIMENSIONS.length; d++) {
    if (sums[d] === 0) {
      dims[d] = NO_DATA;
      continue;
    }
    dims[d] /= sums[d];
    const w = c.dimensionWeights[d];
    total += dims[d] * w;
    weight += w;
  }
  return weight > 0 ? total / weight : NO_DATA;
}

/** Scratch buffers for one caller; reused row after row so scoring 100k rows allocates nothing. */
export interface ScoreScratch {
  parts: Float64Array;
  dims: Float64Array;
  sums: Float64Array;
}

export function scoreScratch(): ScoreScratch {
  return { parts: new Float64Array(PARTS.length), dims: new Float64Array(DIMENSIONS.length), sums: new Float64Array(DIMENSIONS.length) };
}

/** The total score 0–100 (one decimal), or undefined when the row has nothing to score. */
export function totalScore(k: ScoreInput, c: ScoreContext, scratch: ScoreScratch = scoreScratch()): number | undefined {
  const t = compute(k, c, scratch.parts, scratch.dims, scratch.sums);
  return !isNotANumber(t) ? round(t, 1) : undefined;
}

export interface KocScore {
  /** 0–100, one decimal; undefined when no weighted dimension has data. */
  total: number | undefined;
  /** Sub-scores 0–100, one decimal; undefined for a dimension with no data. */
  dimensions: Record<Dimension, number | undefined>;
  /** Each dimension's share of the total after missing dimensions are left out (sums to 1). */
  shares: Record<Dimension, number>;
  /** Part values 0–100 in PARTS order; undefined for no data. */
  parts: (number | undefined)[];
  /** Weighted interactions per post, for display. */
  interactionsPerPost: number | undefined;
}

/** The score taken apart: sub-scores, effective shares and parts (KOC_EXPLAIN, Echelon). */
export function scoreKoc(k: ScoreInput, c: ScoreContext): KocScore {
  const s = scoreScratch();
  const t = compute(k, c, s.parts, s.dims, s.sums);
  const dimensions = {} as Record<Dimension, number | undefined>;
  const shares = {} as Record<Dimension, number>;
  let weight = 0;
  DIMENSIONS.forEach((d, i) => {
    const v = s.dims[i];
    dimensions[d] = !isNotANumber(v) ? round(v, 1) : undefined;
    if (!isNotANumber(v)) weight += c.weights[d];
  });
  for (const d of DIMENSIONS) shares[d] = dimensions[d] !== undefined && weight > 0 ? c.weights[d] / weight : 0;
  return {
    total: !isNotANumber(t) ? round(t, 1) : undefined,
    dimensions,
    shares,
    parts: Array.from(s.parts, (v) => (!isNotANumber(v) ? v : undefined)),
    interactionsPerPost: interactionsPerPost(k.likes, k.collects, k.comments, k.shares, c.engagementWeights),
  };
}

/** Return on cost (投入产出比): value ÷ cost; undefined when either is missing or cost is 0. */
export function roi(value: number | undefined, cost: number | undefined): number | undefined {
  if (value === undefined || cost === undefined || !(cost > 0)) return undefined;
  return value / cost;
}

/** A KOC's ROI as the recompute shows it: GMV 30d ÷ Monthly cost. */
export function kocRoi(k: Pick<KocRecord, 'gmv30d' | 'monthlyCost'>): number | undefined {
  return roi(k.gmv30d, k.monthlyCost);
}

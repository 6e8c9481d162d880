/**
 * The value model's evaluator: seven dimension sub-scores 0–100 and a weighted total 0–100, from
 * the tables of model.ts (measures, parts and their curves, the evidence rule).
 *
 * Missing data, the same rule everywhere:
 * - a part whose inputs are all blank has no data and is left out of its dimension's mean;
 * - a dimension none of whose parts has data is unknown: it counts as Settings "Unknown dimension
 *   counts as" in the total (a blank neither lifts a KOC nor sinks it to 0), and the row's
 *   evidence is how many weighted dimensions are known;
 * - a row with no data in any weighted dimension has no score.
 * A row's score reads nothing but that row, the weights, the calibration and the as-of day. Pure;
 * the custom functions and the recompute both call this, so a formula and the Echelon sheet agree.
 */
import { dayNumber } from './dates';
import { DEFAULT_CALIBRATION, DEFAULT_ENGAGEMENT_WEIGHTS, DEFAULT_EVIDENCE, DEFAULT_WEIGHTS, DIMENSIONS, type Dimension } from './defaults';
import { type EngagementWeights, interactionsPerPost } from './engagement';
import { type Calibration, type EvidenceSettings, type Measure, MEASURE_KEYS, MEASURES, measureInputs, PARTS, type Ref } from './model';
import { round } from './numbers';
import type { KocField, KocRecord } from './record';

export { PARTS };
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
  calibration?: Calibration;
  evidence?: EvidenceSettings;
  /** Day number of the as-of day (dayNumber(date)), or a Date. */
  today: number | Date;
}

/** A measure ready to run: its kind as a number and its inputs resolved. */
interface RunMeasure {
  kind: 0 | 1 | 2 | 3;
  field: string;
  fields: readonly string[];
  weights: readonly number[];
  /** perSqrt: index of the measure divided, and the clamp of the field. */
  source: number;
  lo: number;
  hi: number;
}

/** A part ready to run: its curve as f(zero) and f(full) − f(zero) on its scale. */
interface RunPart {
  measure: number;
  dimension: number;
  scale: 0 | 1 | 2;
  zero: number;
  span: number;
  weight: number;
}

/** Options resolved once per call or run. */
export interface ScoreContext {
  weights: Weights;
  engagementWeights: EngagementWeights;
  calibration: Calibration;
  evidence: EvidenceSettings;
  today: number;
  /** The weights in DIMENSIONS order, for the per-row loop. */
  dimensionWeights: Float64Array;
  measures: readonly RunMeasure[];
  parts: readonly RunPart[];
}

// Globals are read once: in a vm context (the emulator, tests, bench) every global lookup goes
// through the context object and costs more than the arithmetic around it.
const { log10, sqrt } = Math;
const isNotANumber = Number.isNaN;
const NO_DATA = Number.NaN;
const NEG_INF = -Infinity;

const SCALE = { linear: 0, log1p: 1, log: 2 } as const;

/** A value on a curve's scale. */
function onScale(scale: 0 | 1 | 2, x: number): number {
  return scale === 0 ? x : scale === 1 ? log10(1 + x) : x > 0 ? log10(x) : NEG_INF;
}

const refValue = (ref: Ref, c: Calibration): number => (typeof ref === 'number' ? ref : c[ref]);

function runMeasures(engagement: EngagementWeights, c: Calibration): RunMeasure[] {
  return MEASURE_KEYS.map((key) => {
    const m: Measure = MEASURES[key];
    const base: RunMeasure = { kind: 0, field: '', fields: [], weights: [], source: -1, lo: 0, hi: 0 };
    if (m.kind === 'field') return { ...base, kind: 0, field: m.field };
    if (m.kind === 'daysSince') return { ...base, kind: 1, field: m.field };
    if (m.kind === 'weightedSum') return { ...base, kind: 2, fields: m.fields, weights: m.fields.map((f) => engagement[f]) };
    return { ...base, kind: 3, field: m.field, source: MEASURE_KEYS.indexOf(m.measure), lo: refValue(m.lo, c), hi: refValue(m.hi, c) };
  });
}

function runParts(c: Calibration): RunPart[] {
  return PARTS.map((p) => {
    const scale = SCALE[p.curve.scale];
    const zero = onScale(scale, refValue(p.curve.zero, c));
    return { measure: MEASURE_KEYS.indexOf(p.measure), dimension: DIMENSIONS.indexOf(p.dimension), scale, zero, span: onScale(scale, refValue(p.curve.full, c)) - zero, weight: p.weight };
  });
}

export function scoreContext(opts: ScoreOptions): ScoreContext {
  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const engagementWeights = opts.engagementWeights ?? DEFAULT_ENGAGEMENT_WEIGHTS;
  const calibration = opts.calibration ?? DEFAULT_CALIBRATION;
  return {
    weights,
    engagementWeights,
    calibration,
    evidence: opts.evidence ?? DEFAULT_EVIDENCE,
    today: typeof opts.today === 'number' ? opts.today : dayNumber(opts.today),
    dimensionWeights: Float64Array.from(DIMENSIONS, (d) => weights[d]),
    measures: runMeasures(engagementWeights, calibration),
    parts: runParts(calibration),
  };
}

/** The context from Settings (weights may come from a formula's own range). */
export function scoreContextOf(
  settings: { weights: Weights; engagementWeights: EngagementWeights; calibration: Calibration; evidence: EvidenceSettings },
  today: number | Date,
  weights: Weights = settings.weights,
): ScoreContext {
  return scoreContext({ weights, engagementWeights: settings.engagementWeights, calibration: settings.calibration, evidence: settings.evidence, today });
}

/** Every roster field the model reads. */
export const SCORE_FIELDS: readonly KocField[] = [...new Set(PARTS.flatMap((p) => measureInputs(p.measure)))];

// ── Scoring ────────────────────────────────────────────────────────────────────────────────────

/** Fill `out` with the row's measures (NaN: unknown), in MEASURE_KEYS order. */
function measure(k: ScoreInput, c: ScoreContext, out: Float64Array): void {
  const row = k as unknown as Record<string, number | Date | undefined>;
  const ms = c.measures;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (m.kind === 0) {
      const v = row[m.field] as number | undefined;
      out[i] = v === undefined ? NO_DATA : v;
    } else if (m.kind === 1) {
      const d = row[m.field] as Date | undefined;
      out[i] = d === undefined ? NO_DATA : c.today - dayNumber(d);
    } else if (m.kind === 2) {
      let sum = 0;
      let any = false;
      for (let j = 0; j < m.fields.length; j++) {
        const v = row[m.fields[j]] as number | undefined;
        if (v !== undefined) {
          sum += v * m.weights[j];
          any = true;
        }
      }
      out[i] = any ? sum : NO_DATA;
    } else {
      const top = out[m.source];
      const v = row[m.field] as number | undefined;
      out[i] = v === undefined || isNotANumber(top) ? NO_DATA : top / sqrt(v < m.lo ? m.lo : v > m.hi ? m.hi : v);
    }
  }
}

/** Scratch buffers for one caller; reused row after row so scoring 100k rows allocates nothing. */
export interface ScoreScratch {
  measures: Float64Array;
  parts: Float64Array;
  dims: Float64Array;
  sums: Float64Array;
  /** Weighted dimensions with data in the last row scored. */
  evidence: number;
}

export function scoreScratch(): ScoreScratch {
  return {
    measures: new Float64Array(MEASURE_KEYS.length),
    parts: new Float64Array(PARTS.length),
    dims: new Float64Array(DIMENSIONS.length),
    sums: new Float64Array(DIMENSIONS.length),
    evidence: 0,
  };
}

/**
 * Fill the scratch (parts, dimensions 0–100 or NaN for no data, evidence) and return the total
 * (unrounded) or NaN. The one code path behind every score.
 */
function compute(k: ScoreInput, c: ScoreContext, s: ScoreScratch): number {
  const { parts, dims, sums } = s;
  measure(k, c, s.measures);
  for (let d = 0; d < dims.length; d++) dims[d] = sums[d] = 0;
  const ps = c.parts;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const x = s.measures[p.measure];
    if (isNotANumber(x)) {
      parts[i] = NO_DATA;
      continue;
    }
    const v = (100 * (onScale(p.scale, x) - p.zero)) / p.span;
    const clamped = v > 100 ? 100 : v > 0 ? v : 0;
    parts[i] = clamped;
    dims[p.dimension] += clamped * p.weight;
    sums[p.dimension] += p.weight;
  }
  let total = 0;
  let weight = 0;
  let known = 0;
  const prior = c.evidence.unknownScore;
  for (let d = 0; d < dims.length; d++) {
    const w = c.dimensionWeights[d];
    if (sums[d] === 0) dims[d] = NO_DATA;
    else dims[d] /= sums[d];
    if (!(w > 0)) continue;
    weight += w;
    if (sums[d] === 0) total += prior * w;
    else {
      total += dims[d] * w;
      known++;
    }
  }
  s.evidence = known;
  return known > 0 ? total / weight : NO_DATA;
}

/** The total score 0–100 (one decimal), or undefined when the row has nothing to score. */
export function totalScore(k: ScoreInput, c: ScoreContext, scratch: ScoreScratch = scoreScratch()): number | undefined {
  const t = compute(k, c, scratch);
  return !isNotANumber(t) ? round(t, 1) : undefined;
}

export interface KocScore {
  /** 0–100, one decimal; undefined when no weighted dimension has data. */
  total: number | undefined;
  /** Sub-scores 0–100, one decimal; undefined for a dimension with no data. */
  dimensions: Record<Dimension, number | undefined>;
  /** Each dimension's share of the total: its weight ÷ all weights (sums to 1). */
  shares: Record<Dimension, number>;
  /** Weighted dimensions with data, and the weighted dimensions. */
  evidence: { known: number; of: number; unknown: Dimension[] };
  /** Part values 0–100 in PARTS order; undefined for no data. */
  parts: (number | undefined)[];
  /** Weighted interactions per post, for display. */
  interactionsPerPost: number | undefined;
  /** Sub-scores unrounded, NaN for no data, in DIMENSIONS order (for the tier rules). */
  dims: Float64Array;
}

/** The score taken apart: sub-scores, shares, evidence and parts (KOC_EXPLAIN, the sidebar). */
export function scoreKoc(k: ScoreInput, c: ScoreContext): KocScore {
  const s = scoreScratch();
  const t = compute(k, c, s);
  const dimensions = {} as Record<Dimension, number | undefined>;
  const shares = {} as Record<Dimension, number>;
  let weight = 0;
  for (const d of DIMENSIONS) weight += c.weights[d] > 0 ? c.weights[d] : 0;
  const unknown: Dimension[] = [];
  let of = 0;
  DIMENSIONS.forEach((d, i) => {
    const v = s.dims[i];
    dimensions[d] = !isNotANumber(v) ? round(v, 1) : undefined;
    shares[d] = c.weights[d] > 0 && weight > 0 ? c.weights[d] / weight : 0;
    if (c.weights[d] > 0) {
      of++;
      if (isNotANumber(v)) unknown.push(d);
    }
  });
  return {
    total: !isNotANumber(t) ? round(t, 1) : undefined,
    dimensions,
    shares,
    evidence: { known: s.evidence, of, unknown },
    parts: Array.from(s.parts, (v) => (!isNotANumber(v) ? v : undefined)),
    interactionsPerPost: interactionsPerPost(k.likes, k.collects, k.comments, k.shares, c.engagementWeights),
    dims: s.dims,
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

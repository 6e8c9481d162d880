/**
 * Scores: seven dimension sub-scores 0–100 and a weighted total 0–100, worked out by the value
 * model (value-model.ts: the tables of model.ts and the Settings as one table of expressions),
 * compiled once per Settings and run row after row. The same table renders the SQL for BigQuery,
 * so a formula, the Echelon sheet and a BigQuery view agree.
 *
 * Missing data, the same rule everywhere:
 * - a part whose inputs are all blank has no data and is left out of its dimension's mean;
 * - a dimension none of whose parts has data is unknown: it counts as Settings "Unknown dimension
 *   counts as" in the total (a blank neither lifts a KOC nor sinks it to 0), and the row's
 *   evidence is how many weighted dimensions are known;
 * - a row with no data in any weighted dimension has no score.
 * A row's score reads nothing but that row, the weights, the calibration and the as-of day. Pure.
 */
import { dayNumber } from './dates';
import { DEFAULT_CALIBRATION, DEFAULT_ENGAGEMENT_WEIGHTS, DEFAULT_EVIDENCE, DEFAULT_WEIGHTS, DIMENSIONS, type Dimension } from './defaults';
import type { EngagementWeights } from './engagement';
import type { CompiledModel } from './expr-compile';
import type { Value } from './expr';
import { type Calibration, type EvidenceSettings, GROUPS, type Group, measureInputs, PARTS } from './model';
import type { KocField, KocRecord } from './record';
import { compileValueModel, defaultModelSettings, groupName, measureName, type ModelSettings, partName, rawName, type ScoreRow, scoreName } from './value-model';

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

/** What a score needs, row after row: the total, the evidence, the sub-scores and the groups. */
const ROW_RESULTS = ['score', 'evidence', ...DIMENSIONS.map(rawName), ...GROUPS.map(groupName)];
/** KOC_EXPLAIN also shows the parts and the interactions per post. */
const PART_RESULTS = [...ROW_RESULTS, ...DIMENSIONS.map(scoreName), ...PARTS.map((_, i) => partName(i)), measureName('interactionsPerPost')];
const ROUNDED_AT = ROW_RESULTS.length;
const PARTS_AT = ROUNDED_AT + DIMENSIONS.length;
const DIM_AT = 2;
const GROUP_AT = DIM_AT + DIMENSIONS.length;

/** Options resolved once per call or run. */
export interface ScoreContext {
  weights: Weights;
  engagementWeights: EngagementWeights;
  calibration: Calibration;
  evidence: EvidenceSettings;
  today: number;
  /** The value model compiled for these Settings, giving ROW_RESULTS. */
  model: CompiledModel<ScoreRow>;
  /** The Settings the model was compiled with. */
  settings: ModelSettings;
}

/** The model's Settings from the scoring ones; tier and stage Settings do not change a score. */
function modelSettings(weights: Weights, engagementWeights: EngagementWeights, calibration: Calibration, evidence: EvidenceSettings): ModelSettings {
  return { ...defaultModelSettings(), weights, engagementWeights, calibration, evidence };
}

export function scoreContext(opts: ScoreOptions): ScoreContext {
  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const engagementWeights = opts.engagementWeights ?? DEFAULT_ENGAGEMENT_WEIGHTS;
  const calibration = opts.calibration ?? DEFAULT_CALIBRATION;
  const evidence = opts.evidence ?? DEFAULT_EVIDENCE;
  const settings = modelSettings(weights, engagementWeights, calibration, evidence);
  return {
    weights,
    engagementWeights,
    calibration,
    evidence,
    today: typeof opts.today === 'number' ? opts.today : dayNumber(opts.today),
    model: compileValueModel(settings, ROW_RESULTS),
    settings,
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

// Read once: in a vm context (the emulator, tests, bench) every global lookup is a slow read.
const NO_DATA = Number.NaN;

/** Results of the last row scored; reused row after row. */
export interface ScoreScratch {
  slots: Value[];
  /** Sub-scores unrounded, NaN for no data, in DIMENSIONS order. */
  dims: Float64Array;
  /** Weighted dimensions with data. */
  evidence: number;
  /** The groups the tier rules read, unrounded; undefined for a group with no data. */
  groups: Record<Group, number | undefined>;
}

export function scoreScratch(): ScoreScratch {
  return { slots: [], dims: new Float64Array(DIMENSIONS.length), evidence: 0, groups: { contribution: undefined, influence: undefined, activity: undefined } };
}

const num = (v: Value): number | undefined => (v === null ? undefined : (v as number));

/** Run the model for a row into the scratch; the total (one decimal) or undefined. The one code path behind every score. */
function compute(k: ScoreInput, model: CompiledModel<ScoreRow>, today: number, s: ScoreScratch): number | undefined {
  const slots = model.run(k as ScoreRow, today, s.slots);
  for (let d = 0; d < DIMENSIONS.length; d++) {
    const v = slots[DIM_AT + d];
    s.dims[d] = v === null ? NO_DATA : (v as number);
  }
  for (let g = 0; g < GROUPS.length; g++) s.groups[GROUPS[g]] = num(slots[GROUP_AT + g]);
  s.evidence = slots[1] as number;
  return num(slots[0]);
}

/** The total score 0–100 (one decimal), or undefined when the row has nothing to score. */
export function totalScore(k: ScoreInput, c: ScoreContext, scratch: ScoreScratch = scoreScratch()): number | undefined {
  return compute(k, c.model, c.today, scratch);
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
  /** Sub-scores unrounded, NaN for no data, in DIMENSIONS order. */
  dims: Float64Array;
  /** The groups the tier rules read. */
  groups: Record<Group, number | undefined>;
}

/** The score taken apart: sub-scores, shares, evidence and parts (KOC_EXPLAIN, the sidebar). */
export function scoreKoc(k: ScoreInput, c: ScoreContext): KocScore {
  const s = scoreScratch();
  const model = compileValueModel(c.settings, PART_RESULTS);
  const total = compute(k, model, c.today, s);
  const dimensions = {} as Record<Dimension, number | undefined>;
  const shares = {} as Record<Dimension, number>;
  let weight = 0;
  for (const d of DIMENSIONS) weight += c.weights[d] > 0 ? c.weights[d] : 0;
  const unknown: Dimension[] = [];
  let of = 0;
  DIMENSIONS.forEach((d, i) => {
    const v = s.dims[i];
    // The sub-score as the SQL shows it (influence_score …): one decimal, by the model.
    dimensions[d] = num(s.slots[ROUNDED_AT + i]);
    shares[d] = c.weights[d] > 0 && weight > 0 ? c.weights[d] / weight : 0;
    if (c.weights[d] > 0) {
      of++;
      if (Number.isNaN(v)) unknown.push(d);
    }
  });
  const parts = PARTS.map((_, i) => num(s.slots[PARTS_AT + i]));
  return {
    total,
    dimensions,
    shares,
    evidence: { known: s.evidence, of, unknown },
    parts,
    interactionsPerPost: num(s.slots[PARTS_AT + PARTS.length]),
    dims: s.dims,
    groups: { ...s.groups },
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

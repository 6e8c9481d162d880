/**
 * The value model as data: what each dimension reads, the curve that turns it into 0–100, how
 * missing dimensions count (evidence), and the rules that turn sub-scores into a tier. Nothing in
 * here runs: score.ts and tier.ts evaluate these tables, and the same tables can be rendered to
 * another evaluator (SQL) without a second hand-written copy of any rule.
 *
 * Numbers a team may recalibrate are named by a Settings key (`Calibration`, `EvidenceSettings`,
 * `TierFloors`), never written into a rule; the defaults live in defaults.ts.
 */
import type { DEFAULT_CALIBRATION, DEFAULT_EVIDENCE, DEFAULT_STAGE_RULES, DEFAULT_TIER_FLOORS, DEFAULT_TIER_THRESHOLDS, Dimension } from './defaults';
import type { KocField, KocStatus } from './record';
import type { StageKey } from '../sheets/schema';

// ── Measures: numbers worked out from one roster row ───────────────────────────────────────────

/** Roster fields the model reads as numbers (blank = unknown). */
export type NumericField = 'followers' | 'posts30d' | 'likes' | 'collects' | 'comments' | 'shares' | 'leads30d' | 'orders30d' | 'gmv30d';
export type RatingField = 'quality' | 'professionalism' | 'creativity' | 'brandFit' | 'willingness' | 'communication';
export type DateField = 'lastPost';

/**
 * One measure of a row. Every kind is unknown (NULL) when its inputs are:
 * - `field`: the cell as a number.
 * - `daysSince`: whole days from the date in the cell to the as-of day.
 * - `weightedSum`: Σ weight × field, the weights being Settings → Engagement weight; unknown only
 *   when every field is blank, otherwise a blank field counts 0.
 * - `perSqrt`: measure ÷ √(field clamped to [lo, hi]); unknown when either is.
 */
export type Measure =
  | { kind: 'field'; field: NumericField | RatingField }
  | { kind: 'daysSince'; field: DateField }
  | { kind: 'weightedSum'; fields: readonly ('likes' | 'collects' | 'comments' | 'shares')[] }
  | { kind: 'perSqrt'; measure: MeasureKey; field: NumericField; lo: Ref; hi: Ref };

export type MeasureKey =
  | 'followers'
  | 'interactionsPerPost'
  | 'posts30d'
  | 'daysSinceLastPost'
  | 'leads30d'
  | 'orders30d'
  | 'gmv30d'
  | RatingField
  | 'interactionsForAudience';

export const MEASURES: Readonly<Record<MeasureKey, Measure>> = {
  followers: { kind: 'field', field: 'followers' },
  interactionsPerPost: { kind: 'weightedSum', fields: ['likes', 'collects', 'comments', 'shares'] },
  posts30d: { kind: 'field', field: 'posts30d' },
  daysSinceLastPost: { kind: 'daysSince', field: 'lastPost' },
  leads30d: { kind: 'field', field: 'leads30d' },
  orders30d: { kind: 'field', field: 'orders30d' },
  gmv30d: { kind: 'field', field: 'gmv30d' },
  quality: { kind: 'field', field: 'quality' },
  professionalism: { kind: 'field', field: 'professionalism' },
  creativity: { kind: 'field', field: 'creativity' },
  brandFit: { kind: 'field', field: 'brandFit' },
  willingness: { kind: 'field', field: 'willingness' },
  communication: { kind: 'field', field: 'communication' },
  /**
   * Interactions relative to audience: per post ÷ √followers. √ rather than a plain rate because
   * interactions grow slower than audience; followers are clamped to where Influence grows, so
   * this falls with followers only where Influence rises at least as fast.
   */
  interactionsForAudience: { kind: 'perSqrt', measure: 'interactionsPerPost', field: 'followers', lo: 'relativeMinFollowers', hi: 'followersFull' },
};

/** The measures in evaluation order (a `perSqrt` after the measure it divides). */
export const MEASURE_KEYS = Object.keys(MEASURES) as MeasureKey[];

// ── Calibration: the reference points of the curves, Settings rows ─────────────────────────────

/** Where each curve gives 0 and where it gives 100 (Settings "Zero at · …" / "Full at · …"). */
export type Calibration = typeof DEFAULT_CALIBRATION;
export type CalibrationKey = keyof Calibration;

/** A reference point: a Settings calibration key, or a fixed number (rating scales). */
export type Ref = CalibrationKey | number;

// ── Curves ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A curve through two reference points: 0 at `zero`, 100 at `full`, straight in between on its
 * scale, clamped to 0–100 outside. `full` below `zero` makes a falling curve (days since a post).
 *   linear: 100 · (x − zero) / (full − zero)
 *   log1p:  100 · (log10(1+x) − log10(1+zero)) / (log10(1+full) − log10(1+zero))   (counts: 1k
 *           followers is most of the way from 0 to 10k)
 *   log:    100 · (log10(x) − log10(zero)) / (log10(full) − log10(zero)); x ≤ 0 gives 0
 */
export type Scale = 'linear' | 'log1p' | 'log';
export interface Curve {
  scale: Scale;
  zero: Ref;
  full: Ref;
}

/** A 1–5 rating: 1 → 0, 3 → 50, 5 → 100. */
const RATING: Curve = { scale: 'linear', zero: 1, full: 5 };

// ── Parts and dimensions ───────────────────────────────────────────────────────────────────────

export interface ScorePart {
  dimension: Dimension;
  key: string;
  label: { en: string; zh: string };
  measure: MeasureKey;
  curve: Curve;
  /** Weight within its dimension; a dimension is the weighted mean of its parts with data. */
  weight: number;
}

export const PARTS: readonly ScorePart[] = [
  { dimension: 'influence', key: 'followers', label: { en: 'followers', zh: '粉丝数' }, measure: 'followers', curve: { scale: 'log1p', zero: 'followersZero', full: 'followersFull' }, weight: 1 },
  {
    dimension: 'engagement',
    key: 'interactions',
    label: { en: 'interactions per post', zh: '篇均互动' },
    measure: 'interactionsPerPost',
    curve: { scale: 'log1p', zero: 'interactionsZero', full: 'interactionsFull' },
    weight: 1,
  },
  { dimension: 'activity', key: 'posts', label: { en: 'posts in 30 days', zh: '近30天发帖' }, measure: 'posts30d', curve: { scale: 'linear', zero: 'postsZero', full: 'postsFull' }, weight: 1 },
  {
    dimension: 'activity',
    key: 'recency',
    label: { en: 'days since last post', zh: '距最近发帖天数' },
    measure: 'daysSinceLastPost',
    curve: { scale: 'linear', zero: 'recencyZero', full: 'recencyFull' },
    weight: 1,
  },
  { dimension: 'content', key: 'quality', label: { en: 'quality', zh: '内容质量' }, measure: 'quality', curve: RATING, weight: 1 },
  { dimension: 'content', key: 'professionalism', label: { en: 'professionalism', zh: '专业度' }, measure: 'professionalism', curve: RATING, weight: 1 },
  { dimension: 'content', key: 'creativity', label: { en: 'creativity', zh: '创造力' }, measure: 'creativity', curve: RATING, weight: 1 },
  { dimension: 'conversion', key: 'leads', label: { en: 'leads', zh: '引流' }, measure: 'leads30d', curve: { scale: 'log1p', zero: 'leadsZero', full: 'leadsFull' }, weight: 1 },
  { dimension: 'conversion', key: 'orders', label: { en: 'orders', zh: '订单' }, measure: 'orders30d', curve: { scale: 'log1p', zero: 'ordersZero', full: 'ordersFull' }, weight: 1 },
  { dimension: 'conversion', key: 'gmv', label: { en: 'GMV', zh: '成交额' }, measure: 'gmv30d', curve: { scale: 'log1p', zero: 'gmvZero', full: 'gmvFull' }, weight: 1 },
  { dimension: 'brandFit', key: 'brandFit', label: { en: 'brand fit', zh: '形象契合' }, measure: 'brandFit', curve: RATING, weight: 2 },
  { dimension: 'brandFit', key: 'willingness', label: { en: 'willingness', zh: '分享意愿' }, measure: 'willingness', curve: RATING, weight: 1 },
  { dimension: 'brandFit', key: 'communication', label: { en: 'communication', zh: '沟通互动' }, measure: 'communication', curve: RATING, weight: 1 },
  {
    dimension: 'potential',
    key: 'relative',
    label: { en: 'interactions for audience size', zh: '相对粉丝量的互动' },
    measure: 'interactionsForAudience',
    curve: { scale: 'log', zero: 'relativeZero', full: 'relativeFull' },
    weight: 2,
  },
  { dimension: 'potential', key: 'creativity', label: { en: 'creativity', zh: '创造力' }, measure: 'creativity', curve: RATING, weight: 1 },
];

/** The roster fields a measure reads (named in KOC_EXPLAIN when blank). */
export function measureInputs(key: MeasureKey): KocField[] {
  const m: Measure = MEASURES[key];
  if (m.kind === 'weightedSum') return [...m.fields];
  if (m.kind === 'perSqrt') return [...measureInputs(m.measure), m.field];
  return [m.field];
}

// ── Evidence ───────────────────────────────────────────────────────────────────────────────────

/**
 * How much a score knows. A dimension with no data is not left out (which let one known number
 * carry the whole score): it counts as `unknownScore`, a prior below the middle of the scale, so
 * a blank never outranks an honest average and knowing more of a good KOC always helps. The
 * evidence of a row is how many of the weighted dimensions have data; below `minDimensions` no
 * tier above Candidate is given. Settings rows "Unknown dimension counts as", "Minimum
 * dimensions for a tier".
 *
 *   total = (Σ known w·s + Σ unknown w·unknownScore) / Σ w      (over dimensions with weight > 0)
 *   no dimension known → no score
 */
export type EvidenceSettings = typeof DEFAULT_EVIDENCE;

// ── Tiers ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The groups tiers look at: the domain tiers KOCs by contribution, influence and activity
 * together. A group's score is the weighted mean of its dimensions with data (unknown when none
 * has data, and an unknown group never clears a floor).
 */
export type Group = 'contribution' | 'influence' | 'activity';
export const GROUPS: readonly Group[] = ['contribution', 'influence', 'activity'];
export const GROUP_LABELS: Record<Group, { en: string; zh: string }> = {
  contribution: { en: 'Contribution', zh: '贡献度' },
  influence: { en: 'Influence', zh: '影响力' },
  activity: { en: 'Activity', zh: '活跃度' },
};
export const DIMENSION_GROUP: Record<Dimension, Group | undefined> = {
  influence: 'influence',
  engagement: 'influence',
  activity: 'activity',
  content: 'contribution',
  conversion: 'contribution',
  brandFit: undefined,
  potential: undefined,
};

/** Score thresholds (Settings "Tier threshold · …"). */
export type TierThresholds = typeof DEFAULT_TIER_THRESHOLDS;
/** Group floors (Settings "Core floor · …", "Potential floor"). */
export type TierFloors = typeof DEFAULT_TIER_FLOORS;

export type RankedTier = 'core' | 'potential' | 'regular';

/**
 * A tier above Candidate: the total at or above `score`, and the groups against their floors —
 * every one of them (`need: 'all'`) or at least one (`'any'`). Checked from Core down; the first
 * that holds wins; none holding is Candidate, the entry tier. Every rule also needs the minimum
 * evidence. Hysteresis moves every threshold and floor by the margin.
 */
export interface TierRule {
  tier: RankedTier;
  score: keyof TierThresholds;
  floors: readonly { group: Group; floor: keyof TierFloors }[];
  need: 'all' | 'any';
}

export const TIER_RULES: readonly TierRule[] = [
  {
    // Core: a strong total carried by contribution, influence and activity together.
    tier: 'core',
    score: 'core',
    floors: [
      { group: 'contribution', floor: 'coreContribution' },
      { group: 'influence', floor: 'coreInfluence' },
      { group: 'activity', floor: 'coreActivity' },
    ],
    need: 'all',
  },
  {
    // Potential: a good total and at least one side that stands out, not yet all of them.
    tier: 'potential',
    score: 'potential',
    floors: [
      { group: 'contribution', floor: 'potential' },
      { group: 'influence', floor: 'potential' },
      { group: 'activity', floor: 'potential' },
    ],
    need: 'any',
  },
  // Regular: the everyday sharer, by the total alone.
  { tier: 'regular', score: 'regular', floors: [], need: 'all' },
];

// ── Lifecycle stages ───────────────────────────────────────────────────────────────────────────

/** Stage thresholds (Settings "Sprout days", "Mature after days" …). */
export type StageRules = typeof DEFAULT_STAGE_RULES;

export type CountFact = 'tenure' | 'silent' | 'posts30d';

/**
 * One condition on the facts. A comparison with an unknown fact never holds (as NULL in SQL);
 * `known: false` holds only for an unknown one. Limits are Settings stage rules.
 */
export type StageCondition =
  | { fact: 'status'; is: KocStatus | 'blank' }
  | { fact: CountFact; known: false }
  | { fact: CountFact; atLeast: keyof StageRules }
  | { fact: CountFact; below: keyof StageRules }
  | { fact: 'active'; is: true };

export interface StageRule {
  stage: StageKey;
  /** All must hold. */
  when: readonly StageCondition[];
  /** Why, with {tenure}, {silent} and {posts30d} filled in. */
  reason: { en: string; zh: string };
}

export const STAGE_RULES: readonly StageRule[] = [
  { stage: 'alumni', when: [{ fact: 'status', is: 'alumni' }], reason: { en: 'Status is Alumni', zh: '状态为荣誉' } },
  { stage: 'sprout', when: [{ fact: 'status', is: 'candidate' }], reason: { en: 'Candidate, not yet cooperating', zh: '候选，尚未合作' } },
  {
    stage: 'sprout',
    when: [
      { fact: 'status', is: 'blank' },
      { fact: 'tenure', known: false },
    ],
    reason: { en: 'No status or join date yet', zh: '尚无状态和加入日期' },
  },
  { stage: 'transition', when: [{ fact: 'status', is: 'paused' }], reason: { en: 'Status is Paused', zh: '状态为暂停' } },
  { stage: 'sprout', when: [{ fact: 'tenure', below: 'sproutDays' }], reason: { en: 'Joined {tenure} days ago', zh: '加入 {tenure} 天' } },
  { stage: 'transition', when: [{ fact: 'silent', atLeast: 'transitionSilentDays' }], reason: { en: 'No post for {silent} days', zh: '{silent} 天未发帖' } },
  {
    stage: 'mature',
    when: [
      { fact: 'tenure', atLeast: 'matureDays' },
      { fact: 'active', is: true },
    ],
    reason: { en: '{tenure} days in the programme and posting', zh: '合作 {tenure} 天且持续发帖' },
  },
  {
    stage: 'transition',
    when: [
      { fact: 'tenure', atLeast: 'matureDays' },
      { fact: 'posts30d', below: 'transitionPosts30d' },
    ],
    reason: { en: '{tenure} days in, {posts30d} posts in 30 days', zh: '合作 {tenure} 天，近30天发帖 {posts30d}' },
  },
  { stage: 'active', when: [{ fact: 'tenure', known: false }], reason: { en: 'Cooperating; join date unknown', zh: '合作中，加入日期未知' } },
  { stage: 'active', when: [], reason: { en: 'Cooperating for {tenure} days', zh: '合作 {tenure} 天' } },
];

/**
 * Out of assessment: no tier, no score-based follow-up; Echelon shows the stage and the playbook's
 * thanks / honorary step. Alumni, and a KOC in Transition silent past Settings "Transition window days".
 */
export const UNASSESSED: readonly { stage: StageKey; when: readonly StageCondition[] }[] = [
  { stage: 'alumni', when: [] },
  { stage: 'transition', when: [{ fact: 'silent', atLeast: 'transitionWindowDays' }] },
];


// ── Calibration presets (documented defaults per platform size) ────────────────────────────────

/**
 * Reference points for programmes of different sizes: a niche or private-domain programme where
 * 10k followers is a lot, the default (a Xiaohongshu KOC short of a KOL), and a large public
 * platform (Douyin, Weibo). Only the full points differ; the zeros stay 0.
 */
export const CALIBRATION_PRESETS: Record<'niche' | 'standard' | 'large', Partial<Calibration>> = {
  niche: { followersFull: 10_000, interactionsFull: 500, leadsFull: 50, ordersFull: 20, gmvFull: 10_000 },
  standard: {},
  large: { followersFull: 1_000_000, interactionsFull: 50_000, leadsFull: 1_000, ordersFull: 500, gmvFull: 500_000 },
};

/**
 * Every default number of the programme in one place. The Settings sheet overrides them
 * (src/core/settings.ts maps each Settings row to a key here).
 */

/** The value model's dimensions, in display order. */
export const DIMENSIONS = ['influence', 'engagement', 'activity', 'content', 'conversion', 'brandFit', 'potential'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, { en: string; zh: string }> = {
  influence: { en: 'Influence', zh: '影响力' },
  engagement: { en: 'Engagement', zh: '互动' },
  activity: { en: 'Activity', zh: '活跃度' },
  content: { en: 'Content', zh: '内容' },
  conversion: { en: 'Conversion', zh: '转化' },
  brandFit: { en: 'Brand fit', zh: '品牌契合' },
  potential: { en: 'Potential', zh: '潜力值' },
};

/** Default weights of the total score (relative; normalized to sum 1). */
export const DEFAULT_WEIGHTS: Record<Dimension, number> = {
  influence: 15,
  engagement: 20,
  activity: 15,
  content: 15,
  conversion: 15,
  brandFit: 10,
  potential: 10,
};

/** Xiaohongshu-style interaction weights: a comment or share counts four likes. */
export const DEFAULT_ENGAGEMENT_WEIGHTS = { likes: 1, collects: 1, comments: 4, shares: 4 };

/** Score thresholds for each tier (score ≥ threshold). Below Regular is Candidate. */
export const DEFAULT_TIER_THRESHOLDS = { core: 75, potential: 55, regular: 35 };

/** Points a score must clear a threshold by to promote, or fall below it by to demote. */
export const DEFAULT_HYSTERESIS = 3;

/** Lifecycle thresholds (days, posts). */
export const DEFAULT_STAGE_RULES = {
  /** Active for fewer days than this is still Sprout… */
  sproutDays: 30,
  /** …and at least this many days with good activity makes Mature. */
  matureDays: 180,
  /** No post for this many days is Transition. */
  transitionSilentDays: 60,
  /** Fewer posts in 30 days than this, after being mature, is Transition. */
  transitionPosts30d: 1,
  /** Posts in 30 days needed to count as active. */
  activePosts30d: 2,
  /** In Transition with no post for this many days: out of assessment like alumni (no tier). */
  transitionWindowDays: 120,
};

/** Follow-up cadence (days between contacts) by tier. */
export const DEFAULT_CADENCE_DAYS = { core: 7, potential: 14, regular: 30, candidate: 45 };

/** Silent (no post, no contact) for this many days → re-engage. */
export const DEFAULT_SILENT_DAYS = 30;

/** A Mature KOC mentors at most this many Sprouts. */
export const DEFAULT_MENTOR_CAPACITY = 3;

/** An assignment in progress counts toward workload; more than this excludes a KOC from matching. */
export const DEFAULT_MAX_WORKLOAD = 3;

/** Offers unanswered for this many days show on the Today list. */
export const DEFAULT_OFFER_STALE_DAYS = 3;

/** Daily schedule hour (0–23, the spreadsheet's time zone). */
export const DEFAULT_SCHEDULE_HOUR = 6;

/** Pipeline health: at least this many Sprouts per Mature KOC. */
export const DEFAULT_MIN_SPROUTS_PER_MATURE = 1;

/**
 * The value model's reference points (model.ts): where each curve gives 0 and 100. Counts are on
 * a log scale, so half the full point is worth far more than 50 — 10k followers is well on the way
 * to 100k. Counts are per month (30d) or per post (averages); GMV in the roster's currency.
 */
export const DEFAULT_CALIBRATION = {
  followersZero: 0,
  /** A strong KOC, short of a KOL. */
  followersFull: 100_000,
  interactionsZero: 0,
  /** Weighted interactions per post (likes + collects + 4 × comments + 4 × shares). */
  interactionsFull: 5_000,
  postsZero: 0,
  /** Every other day or so. */
  postsFull: 12,
  /** Days since the last post: none of the credit from this many days… */
  recencyZero: 90,
  /** …all of it up to this many (a straight line between). */
  recencyFull: 7,
  leadsZero: 0,
  leadsFull: 200,
  ordersZero: 0,
  ordersFull: 100,
  gmvZero: 0,
  gmvFull: 50_000,
  /**
   * Interactions for audience size (per post ÷ √followers): 0 at 0.3, 100 at 30, on a log scale
   * wide enough that, at the default weights, more followers never lower the total.
   */
  relativeZero: 0.3,
  relativeFull: 30,
  relativeMinFollowers: 100,
};

/**
 * Evidence (model.ts): an unknown dimension counts as 25 (a 2 out of 5), and a tier above
 * Candidate needs data in at least 4 of the 7 dimensions.
 */
export const DEFAULT_EVIDENCE = { unknownScore: 25, minDimensions: 4 };

/** Group floors of the tier rules (model.ts): Core needs every group at 50; Potential one at 60. */
export const DEFAULT_TIER_FLOORS = { coreContribution: 50, coreInfluence: 50, coreActivity: 50, potential: 60 };

/** Days to respond to an open incident, by severity. */
export const DEFAULT_INCIDENT_DAYS = { critical: 1, high: 3, medium: 7, low: 14 };

/** A KOC never contacted is due a first contact this many days after joining (or being first seen). */
export const DEFAULT_FIRST_CONTACT_DAYS = 7;

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
 * Reference points of the value model (src/core/score.ts): the input worth a sub-score of 100.
 * Counts are scored on a log scale, so half the reference is worth far more than 50 — a KOC with
 * 10k followers is well on the way to 100k. Counts are per month (30d) or per post (averages).
 */
export const DEFAULT_SCORE_REFERENCES = {
  /** Followers worth 100 on the influence scale (a strong KOC, short of a KOL). */
  followers: 100_000,
  /** Weighted interactions per post (likes + collects + 4 × comments + 4 × shares) worth 100. */
  interactionsPerPost: 5_000,
  /** Posts in 30 days worth 100 (every other day or so). */
  posts30d: 12,
  /** A last post this many days ago or fewer gets full recency credit… */
  freshPostDays: 7,
  /** …and this many days or more gets none (linear in between). */
  stalePostDays: 90,
  leads30d: 200,
  orders30d: 100,
  /** In the roster's currency. */
  gmv30d: 50_000,
  /**
   * Interactions relative to audience: weighted interactions per post ÷ √followers. Worth 0 at
   * `relativeFloor` and 100 at `relativeTop`, on a log scale. √ rather than a plain rate, because
   * interactions grow slower than audience; and the scale is wide so that, at the default
   * weights, more followers never lower the total (see README, "Scoring").
   */
  relativeFloor: 0.3,
  relativeTop: 30,
  /** Followers outside this span are clamped when measuring interactions relative to audience. */
  relativeMinFollowers: 100,
};

/** Tiers with hysteresis: a KOC near a threshold does not flip tier on every small change of score. */
import { type TierKey, type TierThresholds, tierAbove, tierFor, tierRank } from '../tier';

const THRESHOLD_OF: Record<Exclude<TierKey, 'candidate'>, keyof TierThresholds> = { core: 'core', potential: 'potential', regular: 'regular' };

/** The threshold score of a tier (Candidate has none: 0). */
function thresholdOf(tier: TierKey, th: TierThresholds): number {
  return tier === 'candidate' ? 0 : th[THRESHOLD_OF[tier]];
}

export interface TierMove {
  tier: TierKey;
  /** The score the move was measured against (threshold ± margin), when the tier moved. */
  limit?: number;
}

/**
 * The tier after hysteresis. With no previous computed tier, the plain tier (so a new KOC agrees
 * with KOC_TIER). Otherwise a KOC moves up only to a tier whose threshold it clears by `margin`
 * (score ≥ threshold + margin), and down only when it falls below its tier's threshold by
 * `margin` (score < threshold − margin); in between it keeps its tier.
 */
export function tierWithHysteresis(score: number, previous: TierKey | undefined, th: TierThresholds, margin: number): TierMove {
  const plain = tierFor(score, th);
  if (previous === undefined || plain === previous) return { tier: plain };
  if (tierRank(plain) < tierRank(previous)) {
    const up = tierFor(score - margin, th);
    return tierRank(up) < tierRank(previous) ? { tier: up, limit: thresholdOf(up, th) + margin } : { tier: previous };
  }
  const down = tierFor(score + margin, th);
  return tierRank(down) > tierRank(previous) ? { tier: down, limit: thresholdOf(tierAbove(down)!, th) - margin } : { tier: previous };
}

/**
 * Tiers with hysteresis: a KOC near a threshold or a floor does not flip tier on every small
 * change. The tier rules themselves are in model.ts and tier.ts; this adds the margin.
 */
import { TIER_RULES } from '../model';
import { ruleShortfall, tierAbove, type TierFacts, tierHolds, type TierKey, tierOf, tierRank, type TierSettings, type TierShortfall } from '../tier';

export interface TierMove {
  tier: TierKey;
  /** When the tier moved up: the score it was measured against (threshold + margin). */
  limit?: number;
  /** When the tier moved down: what fell short of the tier just above the new one (with the margin). */
  shortfall?: TierShortfall;
}

/**
 * The tier after hysteresis. With no previous computed tier, the plain tier (so a new KOC agrees
 * with KOC_TIER). Otherwise a KOC moves up only to a tier whose rule holds with every threshold
 * and floor raised by `margin`, and down only when its tier's rule fails with them lowered by
 * `margin`; in between it keeps its tier. Evidence has no margin: below the minimum is Candidate.
 */
export function tierWithHysteresis(f: TierFacts, previous: TierKey | undefined, s: TierSettings, margin: number): TierMove {
  const plain = tierOf(f, s);
  if (previous === undefined || plain === previous) return { tier: plain };
  if (tierRank(plain) < tierRank(previous)) {
    const up = tierOf(f, s, margin);
    if (tierRank(up) >= tierRank(previous)) return { tier: previous };
    const rule = TIER_RULES.find((r) => r.tier === up)!;
    return { tier: up, limit: s.tierThresholds[rule.score] + margin };
  }
  if (tierHolds(previous, f, s, -margin)) return { tier: previous };
  const down = tierOf(f, s, -margin);
  // Named after the tier just above where it lands: the rule it fell short of last.
  const above = tierAbove(down);
  const rule = TIER_RULES.find((r) => r.tier === above)!;
  return { tier: down, shortfall: ruleShortfall(rule, f, s, -margin) };
}

/**
 * Engagement as Xiaohongshu weighs it: a comment or a share says more than a like or a collect
 * (defaults 1 / 1 / 4 / 4, overridable in Settings). Pure.
 */
import { DEFAULT_ENGAGEMENT_WEIGHTS } from './defaults';

export type EngagementWeights = typeof DEFAULT_ENGAGEMENT_WEIGHTS;

/**
 * Weighted interactions per post from average likes, collects, comments and shares. A missing
 * count adds nothing; `undefined` only when all four are missing.
 */
export function interactionsPerPost(
  likes: number | undefined,
  collects: number | undefined,
  comments: number | undefined,
  shares: number | undefined,
  weights: EngagementWeights = DEFAULT_ENGAGEMENT_WEIGHTS,
): number | undefined {
  if (likes === undefined && collects === undefined && comments === undefined && shares === undefined) return undefined;
  return (likes ?? 0) * weights.likes + (collects ?? 0) * weights.collects + (comments ?? 0) * weights.comments + (shares ?? 0) * weights.shares;
}

/** Weighted interactions per post ÷ followers; `undefined` without followers (or with none). */
export function engagementRate(perPost: number | undefined, followers: number | undefined): number | undefined {
  if (perPost === undefined || followers === undefined || !(followers > 0)) return undefined;
  return perPost / followers;
}

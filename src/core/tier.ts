/**
 * Tiers from the score: Core / Potential / Regular / Candidate, by plain thresholds. The
 * recompute adds hysteresis on top (a KOC must clear a threshold by a margin to move). Pure.
 */
import { DEFAULT_TIER_THRESHOLDS } from './defaults';
import { quote, readNumber } from './numbers';
import { type Both, both } from './text';
import { type EnumValue, enumLabel, type Lang, normalizeHeader, TIERS, type TierKey } from '../sheets/schema';

export type { TierKey } from '../sheets/schema';
export type TierThresholds = typeof DEFAULT_TIER_THRESHOLDS;

/**
 * The one tier order: highest first (Core, Potential, Regular, Candidate), as TIERS lists them.
 * Every comparison of tiers goes through tierRank or isBelowTier.
 */
export const TIER_ORDER: readonly TierKey[] = TIERS.map((t) => t.key);

/** The tier a score earns: score ≥ threshold, checked from Core down; below Regular is Candidate. */
export function tierFor(score: number, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS): TierKey {
  if (score >= thresholds.core) return 'core';
  if (score >= thresholds.potential) return 'potential';
  if (score >= thresholds.regular) return 'regular';
  return 'candidate';
}

/** A tier's place in TIER_ORDER: 0 for Core … 3 for Candidate, so a LOWER rank is a HIGHER tier. */
export function tierRank(tier: TierKey): number {
  return TIER_ORDER.indexOf(tier);
}

/** Is `tier` below `other`? (Core is below nothing; Candidate is below every other tier.) */
export function isBelowTier(tier: TierKey, other: TierKey): boolean {
  return tierRank(tier) > tierRank(other);
}

/** The tier one step above (Core has none). */
export function tierAbove(tier: TierKey): TierKey | undefined {
  return TIER_ORDER[tierRank(tier) - 1];
}

export function tierLabel(tier: TierKey, lang: Lang): string {
  return enumLabel(TIERS, tier, lang);
}

/** Thresholds must fall from Core to Regular, within 0–100. */
export function validThresholds(t: TierThresholds): boolean {
  return t.core <= 100 && t.core > t.potential && t.potential > t.regular && t.regular >= 0;
}

/**
 * Thresholds from a range: three numbers (Core, Potential, Regular) in a row or a column, or a
 * two-column range of tier and score, the tier named in English or Chinese (核心, 潜力, 普通) or by
 * its Settings label (Tier threshold · Core). Returns what is wrong, in both languages, when it cannot.
 */
export function parseThresholds(range: unknown, base: TierThresholds = DEFAULT_TIER_THRESHOLDS): TierThresholds | Both {
  const rows = Array.isArray(range) ? (range as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[range]];
  const cells = rows.flat().filter((c) => c !== '' && c !== null && c !== undefined);
  const result = { ...base };
  if (cells.length === 3 && cells.every((c) => readNumber(c) !== undefined && !Number.isNaN(readNumber(c)))) {
    [result.core, result.potential, result.regular] = cells.map((c) => readNumber(c)!);
  } else {
    let seen = 0;
    for (const row of rows) {
      if (row.every((c) => c === '' || c === null || c === undefined)) continue;
      if (row.length < 2) return both('thresholdsShape');
      const tier = thresholdTier(row[0]);
      if (!tier) {
        if (seen === 0 && Number.isNaN(readNumber(row[1]) ?? Number.NaN)) continue; // a header row
        return both('thresholdsNotTier', (lang) => ({ value: quote(row[0], lang) }));
      }
      const n = readNumber(row[1]);
      if (n === undefined || Number.isNaN(n)) return both('thresholdsNotNumber', (lang) => ({ label: tierLabel(tier, lang), value: quote(row[1], lang) }));
      result[tier] = n;
      seen++;
    }
    if (seen === 0) return both('thresholdsNone');
  }
  if (!validThresholds(result)) return both('thresholdsOrder', { ...result });
  return result;
}

const THRESHOLD_PREFIXES = ['tierthreshold', '层级门槛'];

function thresholdTier(label: unknown): 'core' | 'potential' | 'regular' | undefined {
  let n = normalizeHeader(label);
  for (const p of THRESHOLD_PREFIXES) if (n.startsWith(p)) n = n.slice(p.length);
  const v: EnumValue | undefined = TIERS.find((t) => [t.key, t.en, t.zh, ...(t.aliases ?? [])].some((name) => normalizeHeader(name) === n));
  return v && v.key !== 'candidate' ? (v.key as 'core' | 'potential' | 'regular') : undefined;
}

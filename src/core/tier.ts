/**
 * Tiers: Core / Potential / Regular / Candidate. `tierOf` applies the tier rules of model.ts (total
 * score, group floors, evidence; the recompute adds its margin in echelon/hysteresis.ts);
 * `tierFor` is the score-only reading (thresholds alone) for a bare score. Pure.
 */
import { DEFAULT_EVIDENCE, DEFAULT_TIER_FLOORS, DEFAULT_TIER_THRESHOLDS } from './defaults';
import type { Value } from './expr';
import type { ColumnReader, CompiledModel } from './expr-compile';
import { type EvidenceSettings, GROUPS, type Group, type TierFloors, type TierRule, type TierThresholds } from './model';
import { compileValueModel, defaultModelSettings, groupName } from './value-model';
import { quote, readPoints } from './numbers';
import { type ScoreContext, type ScoreInput, type ScoreScratch, scoreScratch, totalScore } from './score';
import { type Both, both } from './text';
import { type EnumValue, enumLabel, type Lang, normalizeHeader, TIERS, type TierKey } from '../sheets/schema';

export type { TierKey } from '../sheets/schema';
export type { TierFloors, TierThresholds };

/**
 * The one tier order: highest first (Core, Potential, Regular, Candidate), as TIERS lists them.
 * Every comparison of tiers goes through tierRank or isBelowTier.
 */
export const TIER_ORDER: readonly TierKey[] = TIERS.map((t) => t.key);

/** The tier a score alone earns: score ≥ threshold, checked from Core down; below Regular is Candidate. */
export function tierFor(score: number, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS): TierKey {
  if (score >= thresholds.core) return 'core';
  if (score >= thresholds.potential) return 'potential';
  if (score >= thresholds.regular) return 'regular';
  return 'candidate';
}

/** What the tier rules look at for one KOC. */
export interface TierFacts {
  /** The total 0–100; undefined when there is nothing to score. */
  score: number | undefined;
  /** Weighted dimensions with data. */
  evidence: number;
  /** Group scores 0–100; undefined for a group with no data. */
  groups: Record<Group, number | undefined>;
}

/** The Settings the tier rules read. */
export interface TierSettings {
  tierThresholds: TierThresholds;
  tierFloors: TierFloors;
  evidence: EvidenceSettings;
}

export const DEFAULT_TIER_SETTINGS: TierSettings = { tierThresholds: DEFAULT_TIER_THRESHOLDS, tierFloors: DEFAULT_TIER_FLOORS, evidence: DEFAULT_EVIDENCE };

/** Score, evidence and group scores of a row: what the tier rules read. */
export function tierFacts(k: ScoreInput, ctx: ScoreContext, scratch: ScoreScratch = scoreScratch()): TierFacts {
  const score = totalScore(k, ctx, scratch);
  return { score, evidence: scratch.evidence, groups: { ...scratch.groups } };
}

/** Why a rule does not hold: the first thing short of it. */
export type TierShortfall =
  | { kind: 'evidence'; evidence: number; need: number }
  | { kind: 'score'; value: number | undefined; limit: number }
  | { kind: 'group'; group: Group; value: number | undefined; limit: number };

/** The first shortfall of a rule with every limit moved by `offset`; undefined when it holds. */
export function ruleShortfall(rule: TierRule, f: TierFacts, s: TierSettings, offset = 0): TierShortfall | undefined {
  if (f.evidence < s.evidence.minDimensions) return { kind: 'evidence', evidence: f.evidence, need: s.evidence.minDimensions };
  const limit = s.tierThresholds[rule.score] + offset;
  if (f.score === undefined || f.score < limit) return { kind: 'score', value: f.score, limit };
  if (rule.floors.length === 0) return undefined;
  // 'all': the first group short of its floor. 'any': none clears its floor; name the closest.
  let closest: { group: Group; value: number | undefined; limit: number } | undefined;
  let closestGap = -Infinity;
  for (const { group, floor } of rule.floors) {
    const value = f.groups[group];
    const min = s.tierFloors[floor] + offset;
    const ok = value !== undefined && value >= min;
    if (rule.need === 'all' && !ok) return { kind: 'group', group, value, limit: min };
    if (rule.need === 'any') {
      if (ok) return undefined;
      const gap = value === undefined ? -Infinity : value - min;
      if (!closest || gap > closestGap) {
        closest = { group, value, limit: min };
        closestGap = gap;
      }
    }
  }
  return closest && { kind: 'group', ...closest };
}

/**
 * The tier the rules give, every limit moved by `offset` (hysteresis): the highest tier whose rule
 * holds — a tier's rule holding also qualifies every tier below it — else Candidate. The rules run
 * in the value model's evaluator (value-model.ts) over the facts, as the SQL runs them over a row.
 */
export function tierOf(f: TierFacts, s: TierSettings = DEFAULT_TIER_SETTINGS, offset = 0): TierKey {
  return tierModel(s, offset).run(f, 0, slots)[0] as TierKey;
}

// One compiled model per Settings object and margin, kept while the Settings live (a run or a
// formula call passes the same object for every KOC) and while their numbers stay the same.
const TIER_GIVEN = ['score', 'evidence', ...GROUPS.map(groupName)];
const compiledFor = new WeakMap<TierSettings, { numbers: number[]; byOffset: Map<number, CompiledModel<TierFacts>> }>();
const slots: Value[] = [null];

function tierNumbers(s: TierSettings): number[] {
  const t = s.tierThresholds;
  const f = s.tierFloors;
  return [t.core, t.potential, t.regular, f.coreContribution, f.coreInfluence, f.coreActivity, f.potential, s.evidence.minDimensions];
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function readFact(name: string): ColumnReader<TierFacts> {
  if (name === 'score') return (f) => (f.score === undefined ? null : f.score);
  if (name === 'evidence') return (f) => f.evidence;
  const group = GROUPS.find((g) => groupName(g) === name);
  if (!group) throw new Error(`the tier rules read no ${name}`);
  return (f) => {
    const v = f.groups[group];
    return v === undefined ? null : v;
  };
}

function tierModel(s: TierSettings, offset: number): CompiledModel<TierFacts> {
  const numbers = tierNumbers(s);
  let cached = compiledFor.get(s);
  if (!cached || !sameNumbers(cached.numbers, numbers)) {
    cached = { numbers, byOffset: new Map() };
    compiledFor.set(s, cached);
  }
  const byOffset = cached.byOffset;
  let hit = byOffset.get(offset);
  if (!hit) {
    const settings = { ...defaultModelSettings(), tierThresholds: s.tierThresholds, tierFloors: s.tierFloors, evidence: s.evidence, hysteresis: Math.abs(offset) };
    const wanted = offset > 0 ? 'tier_raised' : offset < 0 ? 'tier_lowered' : 'tier_rules';
    hit = compileValueModel<TierFacts>(settings, [wanted], { given: TIER_GIVEN, read: readFact });
    byOffset.set(offset, hit);
  }
  return hit;
}

/** Whether a tier holds at `offset`: its own rule or a higher one does (Candidate always holds). */
export function tierHolds(tier: TierKey, f: TierFacts, s: TierSettings, offset: number): boolean {
  return tierRank(tierOf(f, s, offset)) <= tierRank(tier);
}

/** Why a KOC's tier is capped by its evidence (Echelon Problems), or undefined when it is not. */
export function evidenceShort(f: TierFacts, s: TierSettings): { evidence: number; need: number } | undefined {
  return f.score !== undefined && f.evidence < s.evidence.minDimensions ? { evidence: f.evidence, need: s.evidence.minDimensions } : undefined;
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
  // Scores are out of 100: "75%" means 75.
  const points = cells.map(readPoints);
  if (cells.length === 3 && points.every((n) => n !== undefined && !Number.isNaN(n))) {
    [result.core, result.potential, result.regular] = points as number[];
  } else {
    let seen = 0;
    for (const row of rows) {
      if (row.every((c) => c === '' || c === null || c === undefined)) continue;
      if (row.length < 2) return both('thresholdsShape');
      const tier = thresholdTier(row[0]);
      if (!tier) {
        if (seen === 0 && Number.isNaN(readPoints(row[1]) ?? Number.NaN)) continue; // a header row
        return both('thresholdsNotTier', (lang) => ({ value: quote(row[0], lang) }));
      }
      const n = readPoints(row[1]);
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

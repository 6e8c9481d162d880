/**
 * Matching a task to KOCs (SPEC §1.4, §4 Assign): who fits the task's categories, format, styles
 * and audiences; who sits at or above the task's minimum tier; who still has room and is within
 * budget; and, for everyone left out, why. Pure: the caller brings each KOC's score and tier from
 * the value model (or the Echelon sheet) and its live workload from Assignments.
 *
 * Ranking is one pass over the roster with a bounded heap, so the top 50 of 50k KOCs costs
 * O(n log 50) and never sorts the whole roster.
 */
import { type KocStatus, splitTags as splitTagCell } from './record';
import type { TierKey } from './tier';
import { normalizeHeader } from '../sheets/schema';

export type { TierKey };
export type KocStatusKey = KocStatus;

/** Higher is better; a task's minimum tier admits its own tier and every tier above it. */
export const TIER_RANK: Readonly<Record<TierKey, number>> = { core: 3, potential: 2, regular: 1, candidate: 0 };

export type FitFacet = 'categories' | 'formats' | 'styles' | 'audiences';
export const FIT_FACETS: readonly FitFacet[] = ['categories', 'formats', 'styles', 'audiences'];

/** How much each facet weighs in the fit: the category is what the content is about. */
export const FIT_WEIGHTS: Readonly<Record<FitFacet, number>> = { categories: 0.4, formats: 0.2, styles: 0.2, audiences: 0.2 };

/** The final rank mixes fit to this task with the KOC's overall value score. */
export const RANK_FIT_SHARE = 0.6;

/** Tags as typed in a cell (`美妆, 护肤、母婴`) or already split. */
export type Tags = string | readonly string[];

export interface MatchTask {
  id: string;
  categories: Tags;
  formats: Tags;
  styles: Tags;
  audiences: Tags;
  minTier?: TierKey | null;
  /** Budget per KOC; a KOC whose cost is above it is left out. */
  budgetPerKoc?: number | null;
}

export interface MatchKoc {
  id: string;
  name: string;
  status?: KocStatusKey | null;
  score: number;
  tier: TierKey;
  categories: Tags;
  formats: Tags;
  styles: Tags;
  audiences: Tags;
  /** Open assignments right now. */
  workload: number;
  /** What the KOC costs for a task (monthly cost when nothing better is known). */
  cost?: number | null;
}

export interface MatchOptions {
  /** How many ranked KOCs to return. */
  limit: number;
  /** A KOC with this many open assignments or more gets no new offer. */
  maxWorkload: number;
  /** KOCs who declined this task before. */
  declined?: ReadonlySet<string>;
  /** KOCs who already hold an open or finished assignment of this task. */
  assigned?: ReadonlySet<string>;
  /** How many excluded KOCs to list with their reasons (the best-fitting ones). */
  excludedLimit?: number;
}

export type ExclusionReason = 'paused' | 'alumni' | 'assigned' | 'declined' | 'overWorkload' | 'belowMinTier' | 'overBudget';
export const EXCLUSION_REASONS: readonly ExclusionReason[] = ['paused', 'alumni', 'assigned', 'declined', 'overWorkload', 'belowMinTier', 'overBudget'];

/** The task's own tags that the KOC shares, facet by facet (as the task spells them). */
export type MatchedTags = Record<FitFacet, string[]>;

export interface RankedKoc {
  id: string;
  name: string;
  score: number;
  tier: TierKey;
  workload: number;
  cost: number | null;
  /** 0–100: how much of the task's tags the KOC covers, weighted by facet. */
  fit: number;
  /** 0–100: the ranking key (fit and value score). */
  rank: number;
  matched: MatchedTags;
}

export interface ExcludedKoc extends RankedKoc {
  reasons: ExclusionReason[];
}

export interface MatchResult {
  ranked: RankedKoc[];
  /** The best-fitting KOCs that were left out, with every reason that applies. */
  excluded: ExcludedKoc[];
  /** How many fitting KOCs each reason left out (a KOC may count under several). */
  excludedCounts: Record<ExclusionReason, number>;
  /** Fitting KOCs that passed every rule (ranked is the top `limit` of them). */
  eligible: number;
  /** KOCs sharing nothing with the task's tags. */
  noFit: number;
}

/** Tags from a cell (split the way the roster reader splits them) or an already split list. */
export function splitTags(tags: Tags | null | undefined): readonly string[] {
  if (tags === null || tags === undefined) return [];
  return typeof tags === 'string' ? splitTagCell(tags) : tags;
}

/** Normalized tag keys repeat across a roster; normalizing each distinct text once keeps 50k rows cheap. */
function makeNormalizer(): (text: string) => string {
  const memo = new Map<string, string>();
  return (text) => {
    let n = memo.get(text);
    if (n === undefined) {
      n = normalizeHeader(text);
      memo.set(text, n);
    }
    return n;
  };
}

/** Tag cells repeat across a roster too: split each distinct cell text once (bounded memo). */
function makeSplitter(): (tags: Tags | null | undefined) => readonly string[] {
  const memo = new Map<string, readonly string[]>();
  return (tags) => {
    if (typeof tags !== 'string') return splitTags(tags);
    if (tags === '') return [];
    let parts = memo.get(tags);
    if (parts === undefined) {
      parts = splitTags(tags);
      if (memo.size > 20_000) memo.clear();
      memo.set(tags, parts);
    }
    return parts;
  };
}

interface TaskFacet {
  facet: FitFacet;
  weight: number;
  /** Normalized tag → the task's spelling. */
  tags: Map<string, string>;
}

/** Min-heap on (rank, score, reversed id): the root is the weakest of the kept KOCs. */
class TopN<T extends { rank: number; score: number; id: string }> {
  private readonly items: T[] = [];
  constructor(private readonly size: number) {}

  private static weaker(a: { rank: number; score: number; id: string }, b: { rank: number; score: number; id: string }): boolean {
    if (a.rank !== b.rank) return a.rank < b.rank;
    if (a.score !== b.score) return a.score < b.score;
    return a.id > b.id;
  }

  /** Would this candidate make the cut? Checked before building the full record. */
  admits(rank: number, score: number, id: string): boolean {
    if (this.size <= 0) return false;
    if (this.items.length < this.size) return true;
    return TopN.weaker(this.items[0], { rank, score, id });
  }

  push(item: T): void {
    const h = this.items;
    if (h.length < this.size) {
      h.push(item);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!TopN.weaker(h[i], h[p])) break;
        [h[i], h[p]] = [h[p], h[i]];
        i = p;
      }
      return;
    }
    h[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && TopN.weaker(h[l], h[m])) m = l;
      if (r < h.length && TopN.weaker(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }

  /** Best first. */
  sorted(): T[] {
    return this.items.slice().sort((a, b) => (TopN.weaker(a, b) ? 1 : TopN.weaker(b, a) ? -1 : 0));
  }
}

/** The rank of a fit (0–1) and a value score (0–100): 0–100, rounded to one decimal. */
export function rankOf(fit: number, score: number): number {
  const s = Number.isFinite(score) ? Math.max(0, Math.min(100, score)) : 0;
  return Math.round((RANK_FIT_SHARE * fit * 100 + (1 - RANK_FIT_SHARE) * s) * 10) / 10;
}

/**
 * Rank the roster for a task. A KOC sharing none of the task's tags is not a match at all (and not
 * listed); a KOC that fits but breaks a rule is listed among the excluded with its reasons.
 * A task with no tags fits everyone equally, so the value score decides. `kocs` may reuse one
 * object for every KOC: what is kept is copied.
 */
export function matchKocs(task: MatchTask, kocs: Iterable<MatchKoc>, options: MatchOptions): MatchResult {
  const norm = makeNormalizer();
  const split = makeSplitter();
  const facets: TaskFacet[] = [];
  for (const facet of FIT_FACETS) {
    const tags = new Map<string, string>();
    for (const tag of splitTags(task[facet])) {
      const key = norm(tag);
      if (key && !tags.has(key)) tags.set(key, tag);
    }
    if (tags.size) facets.push({ facet, weight: FIT_WEIGHTS[facet], tags });
  }
  const totalWeight = facets.reduce((sum, f) => sum + f.weight, 0);
  const minRank = task.minTier ? TIER_RANK[task.minTier] : 0;
  const budget = typeof task.budgetPerKoc === 'number' && Number.isFinite(task.budgetPerKoc) ? task.budgetPerKoc : null;
  const declined = options.declined ?? new Set<string>();
  const assigned = options.assigned ?? new Set<string>();
  const excludedLimit = options.excludedLimit ?? 20;

  const top = new TopN<RankedKoc>(options.limit);
  const topExcluded = new TopN<ExcludedKoc>(excludedLimit);
  const excludedCounts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  let eligible = 0;
  let noFit = 0;

  for (const koc of kocs) {
    // Fit: the weighted share of the task's tags the KOC covers.
    let covered = 0;
    let matchedFacets: { facet: FitFacet; tags: string[] }[] | null = null;
    for (const f of facets) {
      let hits: string[] | null = null;
      for (const tag of split(koc[f.facet])) {
        const taskTag = f.tags.get(norm(tag));
        if (taskTag === undefined) continue;
        if (!hits) hits = [taskTag];
        else if (!hits.includes(taskTag)) hits.push(taskTag);
      }
      if (hits) {
        covered += (f.weight * hits.length) / f.tags.size;
        if (!matchedFacets) matchedFacets = [];
        matchedFacets.push({ facet: f.facet, tags: hits });
      }
    }
    if (facets.length && !matchedFacets) {
      noFit++;
      continue;
    }
    const fit = facets.length ? covered / totalWeight : 1;
    const score = Number.isFinite(koc.score) ? koc.score : 0;
    const rank = rankOf(fit, score);

    const reasons: ExclusionReason[] = [];
    if (koc.status === 'paused') reasons.push('paused');
    if (koc.status === 'alumni') reasons.push('alumni');
    if (assigned.has(koc.id)) reasons.push('assigned');
    if (declined.has(koc.id)) reasons.push('declined');
    if (koc.workload >= options.maxWorkload) reasons.push('overWorkload');
    if ((TIER_RANK[koc.tier] ?? 0) < minRank) reasons.push('belowMinTier');
    const cost = typeof koc.cost === 'number' && Number.isFinite(koc.cost) ? koc.cost : null;
    if (budget !== null && cost !== null && cost > budget) reasons.push('overBudget');

    if (reasons.length) {
      for (const r of reasons) excludedCounts[r]++;
      if (topExcluded.admits(rank, score, koc.id)) topExcluded.push({ ...build(koc, score, fit, rank, cost, matchedFacets), reasons });
      continue;
    }
    eligible++;
    if (top.admits(rank, score, koc.id)) top.push(build(koc, score, fit, rank, cost, matchedFacets));
  }
  return { ranked: top.sorted(), excluded: topExcluded.sorted(), excludedCounts, eligible, noFit };
}

function build(
  koc: MatchKoc,
  score: number,
  fit: number,
  rank: number,
  cost: number | null,
  matchedFacets: { facet: FitFacet; tags: string[] }[] | null,
): RankedKoc {
  const matched: MatchedTags = { categories: [], formats: [], styles: [], audiences: [] };
  for (const m of matchedFacets ?? []) matched[m.facet] = m.tags;
  return {
    id: koc.id,
    name: koc.name,
    score: Math.round(score * 10) / 10,
    tier: koc.tier,
    workload: koc.workload,
    cost,
    fit: Math.round(fit * 1000) / 10,
    rank,
    matched,
  };
}

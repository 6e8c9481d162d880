/**
 * Matching a task to KOCs (the sidebar's Assign tab, src/server/sidebar/reads.ts matchView): who fits the task's categories, format, styles
 * and audiences; who sits at or above the task's minimum tier; who still has room and is within
 * budget; and, for everyone left out, why. Pure: the caller brings each KOC's score and tier from
 * the value model (or the Echelon sheet) and its live workload from Assignments.
 *
 * Ranking is one pass over the roster with a bounded heap, so the top 50 of 50k KOCs costs
 * O(n log 50) and never sorts the whole roster; fit is worked out once per distinct tag cell, and
 * nothing is allocated for a KOC that makes neither the ranked nor the excluded list.
 */
import { splitTags as splitTagCell } from './record';
import { type GateReason, gateReasons } from './gating';
import type { SeverityKey } from './incidents';
import type { StageKey } from './stage';
import { isBelowTier, type TierKey } from './tier';
import { memoized } from './memo';
import { type KocStatusKey, normalizeHeader } from '../sheets/schema';

export type { TierKey };

/**
 * Is a KOC of `tier` below a task's minimum tier? A minimum admits its own tier and every tier
 * above it; no minimum admits everyone; a KOC without a tier ranks as Candidate. The matcher and
 * the offer's re-check both ask this.
 */
export function belowMinTier(tier: TierKey | null | undefined, minTier: TierKey | null | undefined): boolean {
  if (!minTier) return false;
  return isBelowTier(tier ?? 'candidate', minTier);
}

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
  /** Lifecycle stage (Echelon's); a KOC in Transition or Alumni gets no offer. */
  stage?: StageKey | null;
  /** Highest severity among open incidents; High or Critical blocks an offer. */
  openSeverity?: SeverityKey | null;
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

export type ExclusionReason = 'paused' | 'alumni' | 'assigned' | 'declined' | 'overWorkload' | 'belowMinTier' | 'overBudget' | 'transition' | 'incident';
export const EXCLUSION_REASONS: readonly ExclusionReason[] = ['paused', 'alumni', 'assigned', 'declined', 'overWorkload', 'belowMinTier', 'overBudget', 'transition', 'incident'];

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

// Read once: in a vm context (the emulator, tests, bench) every global lookup goes through the
// context object, and ranking 50k KOCs makes several per KOC.
const isFiniteNumber = Number.isFinite;
const { round: mathRound, min: mathMin, max: mathMax } = Math;


/** What one tag cell of a KOC shares with a facet of the task. */
interface FacetHit {
  /** The facet's weight times the share of the task's tags covered. */
  covered: number;
  /** The task's tags covered, as the task spells them (shared: copy before handing out). */
  tags: string[];
}

interface TaskFacet {
  facet: FitFacet;
  weight: number;
  /** Normalized tag → the task's spelling. */
  tags: Map<string, string>;
  /** Tag cell text → what it shares with this facet (null: nothing). Cells repeat across a roster. */
  memo: Map<string, FacetHit | null>;
}

/** Bounded so a roster of free-text tags cannot grow it forever. */
const FACET_MEMO_MAX = 20_000;

interface Ranked {
  rank: number;
  score: number;
  id: string;
}

/** Is `a` weaker than (rank, score, id)? Lower rank, then lower score, then the later ID. */
function weakerThan(a: Ranked, rank: number, score: number, id: string): boolean {
  if (a.rank !== rank) return a.rank < rank;
  if (a.score !== score) return a.score < score;
  return a.id > id;
}

const weaker = (a: Ranked, b: Ranked): boolean => weakerThan(a, b.rank, b.score, b.id);

/** Min-heap on (rank, score, reversed id): the root is the weakest of the kept KOCs. */
class TopN<T extends Ranked> {
  private readonly items: T[] = [];
  constructor(private readonly size: number) {}

  /** Would this candidate make the cut? Checked before building the full record. */
  admits(rank: number, score: number, id: string): boolean {
    if (this.size <= 0) return false;
    if (this.items.length < this.size) return true;
    return weakerThan(this.items[0], rank, score, id);
  }

  push(item: T): void {
    const h = this.items;
    if (h.length < this.size) {
      h.push(item);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!weaker(h[i], h[p])) break;
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
      if (l < h.length && weaker(h[l], h[m])) m = l;
      if (r < h.length && weaker(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }

  /** Best first. */
  sorted(): T[] {
    return this.items.slice().sort((a, b) => (weaker(a, b) ? 1 : weaker(b, a) ? -1 : 0));
  }
}

/** The rank of a fit (0–1) and a value score (0–100): 0–100, rounded to one decimal. */
export function rankOf(fit: number, score: number): number {
  const s = isFiniteNumber(score) ? mathMax(0, mathMin(100, score)) : 0;
  return mathRound((RANK_FIT_SHARE * fit * 100 + (1 - RANK_FIT_SHARE) * s) * 10) / 10;
}

// Exclusion reasons as bits, in EXCLUSION_REASONS' order, so a KOC's reasons are one number until
// it makes the listed few.
const PAUSED = 1;
const ALUMNI = 2;
const ASSIGNED = 4;
const DECLINED = 8;
const OVER_WORKLOAD = 16;
const BELOW_MIN_TIER = 32;
const OVER_BUDGET = 64;
const TRANSITION = 128;
const INCIDENT = 256;
const GATE_BITS: Readonly<Record<GateReason, number>> = { paused: PAUSED, alumni: ALUMNI, transition: TRANSITION, incident: INCIDENT };

/**
 * Rank a roster for a task, one KOC at a time, in two steps so a caller pays for a KOC's value
 * score only when it fits: `fits` reads the tag cells (a KOC sharing none of the task's tags is
 * not a match at all and is only counted), then `place` the same KOC with its score, tier,
 * status, workload and cost. What is kept is copied, so the caller may reuse one object.
 */
export class Matcher {
  private readonly facets: TaskFacet[] = [];
  private readonly totalWeight: number;
  private readonly minTier: TierKey | null;
  private readonly budget: number | null;
  private readonly declined: ReadonlySet<string>;
  private readonly assigned: ReadonlySet<string>;
  private readonly maxWorkload: number;
  private readonly top: TopN<RankedKoc>;
  private readonly topExcluded: TopN<ExcludedKoc>;
  private readonly counts = EXCLUSION_REASONS.map(() => 0);
  private eligible = 0;
  private noFit = 0;
  /** The fit found by the last `fits`, and what each facet of it matched. */
  private fit = 0;
  private readonly hits: (FacetHit | null)[] = [];
  // Tag texts repeat across a roster: each distinct one is normalized once.
  private readonly norm = memoized((text: string) => normalizeHeader(text));

  constructor(task: MatchTask, options: MatchOptions) {
    const norm = this.norm;
    for (const facet of FIT_FACETS) {
      const tags = new Map<string, string>();
      for (const tag of splitTags(task[facet])) {
        const key = norm(tag);
        if (key && !tags.has(key)) tags.set(key, tag);
      }
      if (tags.size) this.facets.push({ facet, weight: FIT_WEIGHTS[facet], tags, memo: new Map() });
    }
    this.totalWeight = this.facets.reduce((sum, f) => sum + f.weight, 0);
    this.minTier = task.minTier ?? null;
    this.budget = typeof task.budgetPerKoc === 'number' && isFiniteNumber(task.budgetPerKoc) ? task.budgetPerKoc : null;
    this.declined = options.declined ?? new Set<string>();
    this.assigned = options.assigned ?? new Set<string>();
    this.maxWorkload = options.maxWorkload;
    this.top = new TopN<RankedKoc>(options.limit);
    this.topExcluded = new TopN<ExcludedKoc>(options.excludedLimit ?? 20);
  }

  /** What a KOC's tag cell shares with one facet of the task (memoized per cell text). */
  private facetHit(f: TaskFacet, cell: Tags | null | undefined): FacetHit | null {
    if (typeof cell === 'string') {
      if (cell === '') return null;
      let hit = f.memo.get(cell);
      if (hit === undefined) {
        hit = this.computeHit(f, splitTags(cell));
        if (f.memo.size >= FACET_MEMO_MAX) f.memo.clear();
        f.memo.set(cell, hit);
      }
      return hit;
    }
    return this.computeHit(f, splitTags(cell));
  }

  private computeHit(f: TaskFacet, tags: readonly string[]): FacetHit | null {
    let hits: string[] | null = null;
    for (const tag of tags) {
      const taskTag = f.tags.get(this.norm(tag));
      if (taskTag === undefined) continue;
      if (!hits) hits = [taskTag];
      else if (!hits.includes(taskTag)) hits.push(taskTag);
    }
    return hits ? { covered: (f.weight * hits.length) / f.tags.size, tags: hits } : null;
  }

  /**
   * Does the KOC share any of the task's tags (a task without tags fits everyone)? A KOC that
   * does not is counted and needs no `place`.
   */
  fits(koc: Pick<MatchKoc, FitFacet>): boolean {
    const facets = this.facets;
    if (!facets.length) {
      this.fit = 1;
      return true;
    }
    // Fit: the weighted share of the task's tags the KOC covers.
    let covered = 0;
    let any = false;
    for (let i = 0; i < facets.length; i++) {
      const f = facets[i];
      const hit = this.facetHit(f, koc[f.facet]);
      this.hits[i] = hit;
      if (hit) {
        covered += hit.covered;
        any = true;
      }
    }
    if (!any) {
      this.noFit++;
      return false;
    }
    this.fit = covered / this.totalWeight;
    return true;
  }

  /** Rank the KOC the last `fits` accepted, or list it among the excluded with its reasons. */
  place(koc: MatchKoc): void {
    const fit = this.fit;
    const score = isFiniteNumber(koc.score) ? koc.score : 0;
    const rank = rankOf(fit, score);

    let reasons = 0;
    // The same gate as the offer's re-check: paused, alumni, in Transition, an open High/Critical incident.
    if (koc.status || koc.stage || koc.openSeverity) for (const g of gateReasons(koc)) reasons |= GATE_BITS[g];
    if (this.assigned.size && this.assigned.has(koc.id)) reasons |= ASSIGNED;
    if (this.declined.size && this.declined.has(koc.id)) reasons |= DECLINED;
    if (koc.workload >= this.maxWorkload) reasons |= OVER_WORKLOAD;
    if (belowMinTier(koc.tier, this.minTier)) reasons |= BELOW_MIN_TIER;
    const cost = typeof koc.cost === 'number' && isFiniteNumber(koc.cost) ? koc.cost : null;
    if (this.budget !== null && cost !== null && cost > this.budget) reasons |= OVER_BUDGET;

    if (reasons) {
      const counts = this.counts;
      for (let r = 0; r < counts.length; r++) if (reasons & (1 << r)) counts[r]++;
      if (this.topExcluded.admits(rank, score, koc.id)) {
        const list: ExclusionReason[] = [];
        for (let r = 0; r < counts.length; r++) if (reasons & (1 << r)) list.push(EXCLUSION_REASONS[r]);
        this.topExcluded.push({ ...this.build(koc, score, fit, rank, cost), reasons: list });
      }
      return;
    }
    this.eligible++;
    if (this.top.admits(rank, score, koc.id)) this.top.push(this.build(koc, score, fit, rank, cost));
  }

  result(): MatchResult {
    const excludedCounts = {} as Record<ExclusionReason, number>;
    EXCLUSION_REASONS.forEach((r, i) => {
      excludedCounts[r] = this.counts[i];
    });
    return { ranked: this.top.sorted(), excluded: this.topExcluded.sorted(), excludedCounts, eligible: this.eligible, noFit: this.noFit };
  }

  private build(koc: MatchKoc, score: number, fit: number, rank: number, cost: number | null): RankedKoc {
    const matched: MatchedTags = { categories: [], formats: [], styles: [], audiences: [] };
    this.facets.forEach((f, i) => {
      const hit = this.hits[i];
      if (hit) matched[f.facet] = hit.tags.slice();
    });
    return {
      id: koc.id,
      name: koc.name,
      score: mathRound(score * 10) / 10,
      tier: koc.tier,
      workload: koc.workload,
      cost,
      fit: mathRound(fit * 1000) / 10,
      rank,
      matched,
    };
  }
}

/**
 * Rank the roster for a task. A KOC sharing none of the task's tags is not a match at all (and not
 * listed); a KOC that fits but breaks a rule is listed among the excluded with its reasons.
 * A task with no tags fits everyone equally, so the value score decides. `kocs` may reuse one
 * object for every KOC: what is kept is copied.
 */
export function matchKocs(task: MatchTask, kocs: Iterable<MatchKoc>, options: MatchOptions): MatchResult {
  const matcher = new Matcher(task, options);
  for (const koc of kocs) if (matcher.fits(koc)) matcher.place(koc);
  return matcher.result();
}

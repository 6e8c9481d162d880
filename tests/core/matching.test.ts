import { describe, expect, it } from 'vitest';
import { canMove, isOpenStatus, parseAssignmentStatus, TRANSITIONS } from '../../src/core/assignments';
import { type MatchKoc, type MatchTask, matchKocs, rankOf } from '../../src/core/matching';

const task: MatchTask = {
  id: 'T-1',
  categories: '美妆, skincare',
  formats: 'Video',
  styles: 'Honest',
  audiences: 'Students',
  minTier: 'potential',
  budgetPerKoc: 1000,
};

const koc = (id: string, over: Partial<MatchKoc> = {}): MatchKoc => ({
  id,
  name: `KOC ${id}`,
  status: 'active',
  score: 70,
  tier: 'potential',
  categories: '美妆',
  formats: 'video',
  styles: '',
  audiences: '',
  workload: 0,
  cost: 500,
  ...over,
});

const opts = { limit: 10, maxWorkload: 3 };

describe('matchKocs', () => {
  it('ranks by fit and score and says why each KOC fits', () => {
    const r = matchKocs(task, [koc('a'), koc('b', { categories: '美妆、Skincare', styles: 'honest', audiences: 'students' }), koc('c', { score: 90 })], opts);
    expect(r.ranked.map((k) => k.id)).toEqual(['b', 'c', 'a']);
    expect(r.ranked[0].fit).toBe(100);
    // Tags are matched ignoring case and separators, and reported as the task spells them.
    expect(r.ranked[0].matched).toEqual({ categories: ['美妆', 'skincare'], formats: ['Video'], styles: ['Honest'], audiences: ['Students'] });
    expect(r.ranked[2].matched.categories).toEqual(['美妆']);
    expect(r.eligible).toBe(3);
  });

  it('leaves out paused, alumni, over-workload, declined, assigned, below-tier and over-budget KOCs with their reasons', () => {
    const r = matchKocs(
      task,
      [
        koc('ok'),
        koc('paused', { status: 'paused' }),
        koc('alumni', { status: 'alumni' }),
        koc('busy', { workload: 3 }),
        koc('declined'),
        koc('assigned'),
        koc('low', { tier: 'regular' }),
        koc('pricey', { cost: 5000 }),
        koc('two', { status: 'paused', workload: 5 }),
      ],
      { ...opts, declined: new Set(['declined']), assigned: new Set(['assigned']) },
    );
    expect(r.ranked.map((k) => k.id)).toEqual(['ok']);
    const reasons = Object.fromEntries(r.excluded.map((k) => [k.id, k.reasons]));
    expect(reasons).toEqual({
      paused: ['paused'],
      alumni: ['alumni'],
      busy: ['overWorkload'],
      declined: ['declined'],
      assigned: ['assigned'],
      low: ['belowMinTier'],
      pricey: ['overBudget'],
      two: ['paused', 'overWorkload'],
    });
    expect(r.excludedCounts.paused).toBe(2);
    expect(r.excludedCounts.overWorkload).toBe(2);
  });

  it('ignores KOCs sharing no tag with the task, and ranks everyone by score for a task without tags', () => {
    const r = matchKocs(task, [koc('x', { categories: 'Food', formats: 'Live' })], opts);
    expect(r.ranked).toEqual([]);
    expect(r.noFit).toBe(1);
    const open = matchKocs({ id: 'T-2', categories: '', formats: [], styles: '', audiences: '' }, [koc('a', { score: 40 }), koc('b', { score: 80 })], opts);
    expect(open.ranked.map((k) => k.id)).toEqual(['b', 'a']);
  });

  it('returns exactly the top N, best first, the same as a full sort', () => {
    const kocs = Array.from({ length: 2000 }, (_, i) => koc(`k${i}`, { score: (i * 7919) % 100, categories: i % 3 ? '美妆' : '美妆, skincare' }));
    const r = matchKocs(task, kocs, { ...opts, limit: 25 });
    const full = kocs
      .map((k) => ({ id: k.id, score: k.score, rank: rankOf(k.categories === '美妆' ? 0.4 : 0.6, k.score) }))
      .sort((a, b) => b.rank - a.rank || b.score - a.score || a.id.localeCompare(b.id));
    expect(r.ranked).toHaveLength(25);
    expect(r.ranked.map((k) => k.id)).toEqual(full.slice(0, 25).map((k) => k.id));
  });

  it('on 5,000 KOCs with every reason mixed in, answers exactly what a brute-force sort of all of them gives', () => {
    // Speed is measured by `npm run bench`; here the bounded heaps, the memoized fit and the
    // reason bits must give the very answer a full sort of every KOC gives.
    const cats = ['美妆', '护肤', '母婴', 'Food', 'Travel', 'Fitness'];
    const tiers = ['core', 'potential', 'regular', 'candidate'] as const;
    const statuses = ['active', 'active', 'candidate', 'paused', 'active', 'alumni', null] as const;
    const kocs = Array.from({ length: 5000 }, (_, i) =>
      koc(`k${String((i * 7919) % 5000).padStart(4, '0')}`, {
        score: ((i * 37) % 1000) / 10,
        tier: tiers[(i * 5) % 4],
        status: statuses[i % 7],
        categories: `${cats[i % 6]}, ${cats[(i * 5 + 1) % 6]}`,
        formats: i % 3 ? 'Video' : '图文',
        workload: i % 5,
        cost: i % 11 === 0 ? null : (i % 4) * 400,
        stage: (['active', 'mature', 'transition', 'sprout'] as const)[i % 4 === 2 && i % 3 === 0 ? 2 : i % 4 === 2 ? 0 : i % 4],
        openSeverity: (['critical', 'low', null, 'high', null, 'medium', null, null] as const)[i % 8],
      }),
    );
    const declined = new Set(kocs.filter((_, i) => i % 13 === 0).map((k) => k.id));
    const assigned = new Set(kocs.filter((_, i) => i % 17 === 0).map((k) => k.id));
    const t: MatchTask = { id: 'T-5K', categories: '美妆, 护肤', formats: 'video', styles: '', audiences: '', minTier: 'potential', budgetPerKoc: 800 };
    const r = matchKocs(t, kocs, { limit: 50, maxWorkload: 3, declined, assigned, excludedLimit: 20 });

    // Brute force: every KOC's fit, rank and reasons worked out plainly, then one full sort.
    const tierRank = { core: 3, potential: 2, regular: 1, candidate: 0 };
    const reasonOrder = ['paused', 'alumni', 'assigned', 'declined', 'overWorkload', 'belowMinTier', 'overBudget', 'transition', 'incident'];
    const all = kocs.flatMap((k) => {
      const mine = (k.categories as string).split(', ');
      // Reported in the KOC's order, each once, as the task spells them.
      const catHits = [...new Set(mine)].filter((c) => c === '美妆' || c === '护肤');
      const fmtHit = k.formats === 'Video';
      if (!catHits.length && !fmtHit) return [];
      const fit = ((0.4 * catHits.length) / 2 + (fmtHit ? 0.2 : 0)) / 0.6;
      const reasons = [
        k.status === 'paused' && 'paused',
        k.status === 'alumni' && 'alumni',
        assigned.has(k.id) && 'assigned',
        declined.has(k.id) && 'declined',
        k.workload >= 3 && 'overWorkload',
        tierRank[k.tier] < tierRank.potential && 'belowMinTier',
        k.cost != null && k.cost > 800 && 'overBudget',
        k.stage === 'transition' && k.status !== 'paused' && 'transition',
        (k.openSeverity === 'high' || k.openSeverity === 'critical') && 'incident',
      ].filter((x): x is string => typeof x === 'string');
      const matched = { categories: catHits, formats: fmtHit ? ['video'] : [], styles: [], audiences: [] };
      return [{ id: k.id, score: k.score, rank: rankOf(fit, k.score), fit: Math.round(fit * 1000) / 10, reasons, matched }];
    });
    const best = (a: { rank: number; score: number; id: string }, b: { rank: number; score: number; id: string }) =>
      b.rank - a.rank || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const eligible = all.filter((k) => k.reasons.length === 0).sort(best);
    const excluded = all.filter((k) => k.reasons.length > 0).sort(best);

    expect(r.noFit).toBe(kocs.length - all.length);
    expect(r.eligible).toBe(eligible.length);
    expect(r.ranked.map((k) => ({ id: k.id, rank: k.rank, fit: k.fit, matched: k.matched }))).toEqual(
      eligible.slice(0, 50).map((k) => ({ id: k.id, rank: k.rank, fit: k.fit, matched: k.matched })),
    );
    expect(r.excluded.map((k) => ({ id: k.id, rank: k.rank, reasons: k.reasons }))).toEqual(excluded.slice(0, 20).map((k) => ({ id: k.id, rank: k.rank, reasons: k.reasons })));
    expect(r.excludedCounts).toEqual(Object.fromEntries(reasonOrder.map((reason) => [reason, all.filter((k) => k.reasons.includes(reason)).length])));
    // Enough of each kind that the heaps really had to choose.
    expect(eligible.length).toBeGreaterThan(100);
    expect(excluded.length).toBeGreaterThan(1000);
    for (const reason of reasonOrder) expect(r.excludedCounts[reason as keyof typeof r.excludedCounts]).toBeGreaterThan(0);
    // What is handed out is the KOC's own copy: changing one list leaves the others alone.
    r.ranked[0].matched.categories.push('x');
    expect(r.ranked.slice(1).every((k) => !k.matched.categories.includes('x'))).toBe(true);
  });
});

describe('assignment transitions', () => {
  it('moves only along the statuses of src/core/assignments.ts TRANSITIONS', () => {
    expect(canMove('offered', 'accepted')).toBe(true);
    expect(canMove('offered', 'declined')).toBe(true);
    expect(canMove('accepted', 'submitted')).toBe(true);
    expect(canMove('submitted', 'published')).toBe(true);
    expect(canMove('published', 'reviewed')).toBe(true);
    for (const open of ['offered', 'accepted', 'submitted', 'published'] as const) expect(canMove(open, 'cancelled')).toBe(true);
    expect(canMove('offered', 'published')).toBe(false);
    expect(canMove('declined', 'accepted')).toBe(false);
    expect(canMove('reviewed', 'cancelled')).toBe(false);
    expect(canMove('accepted', 'declined')).toBe(false);
    expect(TRANSITIONS.cancelled).toEqual([]);
  });

  it('reads statuses in English and Chinese and knows which are open', () => {
    expect(parseAssignmentStatus('已接受')).toBe('accepted');
    expect(parseAssignmentStatus(' Published ')).toBe('published');
    expect(parseAssignmentStatus('nonsense')).toBeUndefined();
    expect(isOpenStatus('published')).toBe(true);
    expect(isOpenStatus('reviewed')).toBe(false);
  });
});

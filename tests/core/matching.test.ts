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

  it('ranks the top 50 of 50,000 KOCs well inside the budget', () => {
    const cats = ['美妆', '护肤', '母婴', 'Food', 'Travel', 'Fitness'];
    const kocs = Array.from({ length: 50_000 }, (_, i) =>
      koc(`K${i}`, { score: (i * 37) % 100, categories: `${cats[i % 6]}, ${cats[(i + 1) % 6]}`, formats: i % 2 ? 'Video' : '图文', workload: i % 5 }),
    );
    const start = performance.now();
    const r = matchKocs({ ...task, categories: '美妆, 护肤' }, kocs, { limit: 50, maxWorkload: 3 });
    const ms = performance.now() - start;
    expect(r.ranked).toHaveLength(50);
    expect(ms).toBeLessThan(300);
  });
});

describe('assignment transitions', () => {
  it('moves along SPEC §2 only', () => {
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

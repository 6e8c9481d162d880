import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignMentors, type MentorCandidate } from '../../src/core/mentors';

const m = (id: string, categories: string[], score = 50): MentorCandidate => ({ id, categories, score });

describe('assignMentors', () => {
  it('pairs only Sprouts and mentors sharing a category', () => {
    const pairs = assignMentors({
      mentors: [m('M1', ['skincare']), m('M2', ['fitness'])],
      sprouts: [m('S1', ['fitness', 'food']), m('S2', ['travel'])],
      previous: new Map(),
      capacity: 3,
    });
    expect([...pairs]).toEqual([['S1', 'M2']]);
  });

  it('spreads the load and respects capacity', () => {
    const sprouts = Array.from({ length: 7 }, (_, i) => m(`S${i}`, ['skincare']));
    const pairs = assignMentors({ mentors: [m('M1', ['skincare'], 90), m('M2', ['skincare'], 80), m('M3', ['skincare'], 70)], sprouts, previous: new Map(), capacity: 2 });
    const load = new Map<string, number>();
    for (const mentor of pairs.values()) load.set(mentor, (load.get(mentor) ?? 0) + 1);
    expect(pairs.size).toBe(6);
    expect([...load.values()]).toEqual([2, 2, 2]);
    // Least loaded first, higher score breaks ties: S0 → M1, S1 → M2, S2 → M3, S3 → M1 …
    expect(pairs.get('S0')).toBe('M1');
    expect(pairs.get('S1')).toBe('M2');
    expect(pairs.get('S3')).toBe('M1');
  });

  it('keeps last run’s pairings that still hold, even when a better-placed mentor appears', () => {
    const previous = new Map([
      ['S1', 'M2'],
      ['S2', 'M2'],
      ['S3', 'Gone'], // mentor no longer Mature
      ['S4', 'M1'], // no longer shares a category
    ]);
    const pairs = assignMentors({
      mentors: [m('M1', ['food'], 99), m('M2', ['skincare'], 10), m('M3', ['skincare'], 95)],
      sprouts: [m('S1', ['skincare']), m('S2', ['skincare']), m('S3', ['skincare']), m('S4', ['skincare'])],
      previous,
      capacity: 2,
    });
    expect(pairs.get('S1')).toBe('M2');
    expect(pairs.get('S2')).toBe('M2');
    expect(pairs.get('S3')).toBe('M3');
    expect(pairs.get('S4')).toBe('M3');
  });

  it('is stable: feeding its answer back gives the same answer, whatever the input order', () => {
    const cats = fc.subarray(['a', 'b', 'c', 'd'], { minLength: 1 });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), categories: cats, score: fc.integer({ min: 0, max: 100 }) }), { selector: (x) => x.id, maxLength: 8 }),
        fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }).map((s) => `s${s}`), categories: cats, score: fc.constant(0) }), { selector: (x) => x.id, maxLength: 20 }),
        fc.integer({ min: 0, max: 4 }),
        (mentors, sprouts, capacity) => {
          const first = assignMentors({ mentors, sprouts, previous: new Map(), capacity });
          const again = assignMentors({ mentors: [...mentors].reverse(), sprouts: [...sprouts].reverse(), previous: first, capacity });
          expect(new Map([...again].sort())).toEqual(new Map([...first].sort()));
          const load = new Map<string, number>();
          for (const [s, mentor] of first) {
            load.set(mentor, (load.get(mentor) ?? 0) + 1);
            const sc = sprouts.find((x) => x.id === s)!.categories;
            expect(mentors.find((x) => x.id === mentor)!.categories.some((c) => sc.includes(c))).toBe(true);
          }
          for (const n of load.values()) expect(n).toBeLessThanOrEqual(capacity);
        },
      ),
    );
  });

  // Its speed on a big roster is measured by `npm run bench` (the recompute pairs every run).
  it('pairs 20k sprouts with 10k mentors, none over capacity, each sharing a category', () => {
    const mentors = Array.from({ length: 10_000 }, (_, i) => m(`M${i}`, [`c${i % 40}`, `c${(i * 7) % 40}`], i % 100));
    const sprouts = Array.from({ length: 20_000 }, (_, i) => m(`S${i}`, [`c${i % 40}`]));
    const pairs = assignMentors({ mentors, sprouts, previous: new Map(), capacity: 3 });
    expect(pairs.size).toBe(20_000);
    const load = new Map<string, number>();
    for (const mentor of pairs.values()) load.set(mentor, (load.get(mentor) ?? 0) + 1);
    expect(Math.max(...load.values())).toBeLessThanOrEqual(3);
    const cats = new Map(mentors.map((x) => [x.id, new Set(x.categories)]));
    for (const [sprout, mentor] of pairs) expect(cats.get(mentor)?.has(`c${Number(sprout.slice(1)) % 40}`)).toBe(true);
  });
});

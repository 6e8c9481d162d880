/**
 * Mentors for newcomers (paired by the recompute, src/core/echelon/compute.ts): each Sprout is paired with a Mature KOC who shares one of
 * its categories, at most `capacity` mentees per mentor, the load spread evenly. Pairings are
 * stable: a pairing from the previous run that is still valid is kept, so a Sprout does not
 * change mentor just because someone else joined. Pure: no Apps Script globals.
 */

export interface MentorCandidate {
  id: string;
  /** Normalized category tags. */
  categories: readonly string[];
  /** Higher scores are preferred among equally loaded mentors. */
  score: number;
}

export interface MentorInput {
  mentors: readonly MentorCandidate[];
  sprouts: readonly MentorCandidate[];
  /** Sprout ID → mentor ID from the previous run. */
  previous: ReadonlyMap<string, string>;
  capacity: number;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sprout ID → mentor ID. Sprouts with no mentor sharing a category (or all full) are absent. */
export function assignMentors(input: MentorInput): Map<string, string> {
  const result = new Map<string, string>();
  const capacity = Math.max(0, Math.floor(input.capacity));
  if (capacity === 0 || input.mentors.length === 0 || input.sprouts.length === 0) return result;

  const mentors = [...input.mentors].sort((a, b) => b.score - a.score || byId(a, b));
  const mentorIndex = new Map<string, number>();
  for (let i = 0; i < mentors.length; i++) mentorIndex.set(mentors[i].id, i);
  const mentorCats = mentors.map((m) => new Set(m.categories));
  const load = new Array<number>(mentors.length).fill(0);
  const sprouts = [...input.sprouts].sort(byId);

  // 1. Keep last run's pairings that still hold (in ID order, so a lowered capacity drops the same ones each run).
  const unpaired: MentorCandidate[] = [];
  for (const s of sprouts) {
    const prev = input.previous.get(s.id);
    const mi = prev === undefined ? undefined : mentorIndex.get(prev);
    if (mi !== undefined && load[mi] < capacity && s.categories.some((c) => mentorCats[mi].has(c))) {
      load[mi]++;
      result.set(s.id, mentors[mi].id);
    } else unpaired.push(s);
  }
  if (unpaired.length === 0) return result;

  // 2. Bucket queues per category: buckets[c][l] lists mentors that had load l when queued. A
  //    mentor's load only grows, so an entry whose load no longer matches is stale for good and
  //    is skipped once — each pick is amortized O(categories of the sprout).
  const buckets = new Map<string, { items: number[]; head: number }[]>();
  const enqueue = (mi: number) => {
    for (const c of mentorCats[mi]) {
      let b = buckets.get(c);
      if (!b) {
        b = Array.from({ length: capacity }, () => ({ items: [], head: 0 }));
        buckets.set(c, b);
      }
      b[load[mi]].items.push(mi);
    }
  };
  for (let mi = 0; mi < mentors.length; mi++) if (load[mi] < capacity) enqueue(mi);

  const best = (c: string): number | undefined => {
    const b = buckets.get(c);
    if (!b) return undefined;
    for (let l = 0; l < capacity; l++) {
      const q = b[l];
      while (q.head < q.items.length && load[q.items[q.head]] !== l) q.head++;
      if (q.head < q.items.length) return q.items[q.head];
    }
    return undefined;
  };

  for (const s of unpaired) {
    let pick: number | undefined;
    for (const c of s.categories) {
      const mi = best(c);
      // Least loaded first; then the earlier in score order (index).
      if (mi !== undefined && (pick === undefined || load[mi] < load[pick] || (load[mi] === load[pick] && mi < pick))) pick = mi;
    }
    if (pick === undefined) continue;
    load[pick]++;
    result.set(s.id, mentors[pick].id);
    if (load[pick] < capacity) enqueue(pick);
  }
  return result;
}

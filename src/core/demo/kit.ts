/** What every demo sheet's builder shares: the seeded randomness, the days, the labels and the KOCs made first. */
import { dateOfDay, dayNumber } from '../dates';
import type { Lang } from '../../sheets/schema';
import type { Bi, Category } from './data';

/** One record per row, keyed by schema column key; enum cells hold labels in the demo's language. */
export type DemoRecord = Record<string, unknown>;

/** mulberry32: small, fast, and the same sequence on every JavaScript engine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next: () => number;
  int: (lo: number, hi: number) => number;
  real: (lo: number, hi: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
}

export function rng(seed: number): Rng {
  const next = seededRandom(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    real: (lo, hi) => lo + next() * (hi - lo),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Fisher–Yates in place: deterministic for a seed, unlike sort with a random comparator. */
export function shuffle<T>(items: T[], r: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Midnight `days` from now's date, counted as the spreadsheet shows days (see dates.ts). */
export function dayFrom(now: Date, days: number): Date {
  return dateOfDay(dayNumber(now) + days);
}

export { enumLabel } from '../../sheets/schema';

const trimZero = (s: string): string => s.replace(/\.0$/, '');

/** A count as a platform shows it: 12000, '1.2万', '1.2w', '3.4k', '8,900', '1.5M'. */
export function platformCount(n: number, style: 'plain' | 'wan' | 'w' | 'k' | 'comma' | 'M'): number | string {
  switch (style) {
    case 'wan':
      return n >= 10000 ? `${trimZero((n / 10000).toFixed(1))}万` : n;
    case 'w':
      return n >= 10000 ? `${trimZero((n / 10000).toFixed(1))}w` : n;
    case 'k':
      return n >= 1000 ? `${trimZero((n / 1000).toFixed(1))}k` : n;
    case 'comma':
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    case 'M':
      return n >= 1000000 ? `${trimZero((n / 1000000).toFixed(1))}M` : n;
    default:
      return n;
  }
}

/** Separators vary the way a team types them: ', ' '，' '、'. */
export function tags(items: readonly Bi[], lang: Lang, r: Rng): string {
  const unique = items.filter((x, i) => items.findIndex((y) => y.en === x.en) === i);
  const sep = lang === 'zh' ? r.pick(['、', '，', ',']) : r.pick([', ', ', ', ',']);
  return unique.map((x) => x[lang]).join(sep);
}

export interface Koc {
  id: string;
  name: string;
  archetype: string;
  category: Category;
  owner: string;
  record: DemoRecord;
}

/** One demo build: its random stream (drawn in sheet order, so a seed gives one workbook), its clock and language. */
export interface DemoBuild {
  r: Rng;
  now: Date;
  lang: Lang;
  /** Midnight `n` days from now. */
  day: (n: number) => Date;
  /** The text in the demo's language. */
  t: (b: Bi) => string;
}

/**
 * Generated rosters for the SQL parity tests and the bench: every row twice, as the `kocs` table
 * holds it (parsed numbers, YYYY-MM-DD dates, text, null) and as the KOCs sheet holds it (what
 * Sheets passes a script: numbers, some counts typed the way platforms show them, Dates, text).
 * Blanks, odd values (negative counts, ratings out of 1–5, zero followers, join dates after the
 * as-of day, leap days, statuses in every language and spelling) and every status are all there.
 * Seeded, so a failing row can be found again.
 */
import { KOCS_TABLE } from '../../src/core/roster-sql';
import { seededRandom } from '../../src/core/demo/kit';
import type { SqlValue } from './duckdb';

export interface GeneratedRow {
  table: SqlValue[];
  sheet: unknown[];
}


const STATUS_TEXTS = ['Active', 'active', '合作中', ' Active ', 'ＡＣＴＩＶＥ', 'Candidate', '候选', 'Paused', '暂停', 'PAUSED', 'Alumni', '荣誉', 'Honorary', '荣誉KOC', 'alumni!', 'Retired'];
const TIER_TEXTS = ['Core', '核心层', 'potential', '潜力', 'Regular', '普通', '常规', 'Candidate', '储备', 'gold'];
const RATINGS = [1, 2, 3, 4, 5, 2.5, 3.7, 0, 6, -1];

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (day: number) => {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** A count as a platform shows it, when it reads back exactly: 12000 → '1.2万', 3400 → '3.4k'. */
function platformText(n: number, pick: number): string | number {
  if (pick < 0.15 && n >= 10_000 && n % 1000 === 0) return `${n / 10_000}万`;
  if (pick < 0.25 && n >= 1000 && n % 100 === 0) return `${n / 1000}k`;
  if (pick < 0.3 && n >= 1000 && Number.isInteger(n)) return n.toLocaleString('en-US');
  return n;
}

/**
 * `count` rows for an as-of day (a day number). The first rows are fixed edge cases; the rest are
 * random. Every 997th row has no KOC ID (not a KOC: left out by both evaluators).
 */
export function generateRoster(count: number, asOfDay: number, seed = 15): GeneratedRow[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const maybe = <T>(p: number, value: () => T): T | null => (random() < p ? value() : null);
  const count10 = (max: number) => Math.round(10 ** (random() * Math.log10(max + 1))) - 1;
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < count; i++) {
    const v: Record<string, SqlValue> = {};
    const blanky = i % 10 === 0 ? 0.2 : 0.85; // one row in ten is mostly blank
    v.koc_id = i % 997 === 5 ? (i % 2 ? null : '  ') : `K${String(i).padStart(6, '0')}`;
    v.name = `KOC ${i}`;
    v.platform = pick(['Xiaohongshu', '抖音', 'weibo', null]);
    v.owner = pick(['Lin', 'Chen', null]);
    const joinedAgo = pick([0, 1, 29, 30, 31, 179, 180, 181, 365, 900, -1, -40, 60, 120]) + (random() < 0.5 ? Math.floor(random() * 400) : 0);
    v.joined = maybe(blanky, () => isoOf(asOfDay - joinedAgo));
    v.followers = maybe(blanky, () => pick([0, -5, 100_000, 1_000_000_000]) * (random() < 0.1 ? 1 : 0) || count10(2_000_000));
    v.posts_30d = maybe(blanky, () => pick([0, 1, 2, 3, 12, 40, -2, 1.5]));
    for (const k of ['likes', 'collects', 'comments', 'shares']) v[k] = maybe(blanky * 0.9, () => (random() < 0.03 ? -1 : count10(k === 'likes' ? 20_000 : 2000)));
    v.leads_30d = maybe(blanky * 0.6, () => count10(500));
    v.orders_30d = maybe(blanky * 0.6, () => count10(300));
    v.gmv_30d = maybe(blanky * 0.6, () => (random() < 0.3 ? count10(200_000) : Math.round(random() * 120_000 * 100) / 100));
    v.last_post = maybe(blanky, () => isoOf(asOfDay - pick([0, 6, 7, 8, 30, 31, 59, 60, 61, 89, 90, 91, 119, 120, 121, 400, -3])));
    v.last_contact = maybe(0.5, () => isoOf(asOfDay - Math.floor(random() * 90)));
    for (const k of ['quality', 'professionalism', 'creativity', 'brand_fit', 'willingness', 'communication']) v[k] = maybe(blanky * 0.8, () => pick(RATINGS));
    v.monthly_cost = maybe(0.5, () => count10(20_000));
    v.status = maybe(0.9, () => pick(STATUS_TEXTS));
    v.tier_override = maybe(0.08, () => pick(TIER_TEXTS));
    v.notes = maybe(0.1, () => "it's a note");
    rows.push(rowOf(v, random));
  }
  return rows;
}

/** Both forms of one row, in the roster's column order. */
function rowOf(v: Record<string, SqlValue>, random: () => number): GeneratedRow {
  const table: SqlValue[] = [];
  const sheet: unknown[] = [];
  for (const c of KOCS_TABLE) {
    const value = v[c.name] ?? null;
    table.push(value);
    if (value === null) sheet.push('');
    else if (c.sqlType === 'DATE') {
      const [y, m, d] = String(value).split('-').map(Number);
      sheet.push(new Date(y, m - 1, d));
    } else if (c.sqlType === 'DOUBLE' && c.def.type === 'count') sheet.push(platformText(value as number, random()));
    else sheet.push(value);
  }
  return { table, sheet };
}

/** The sheet's header row (English). */
export const SHEET_HEADER = KOCS_TABLE.map((c) => c.def.en);

export { isoOf };

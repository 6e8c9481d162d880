/**
 * The value model against engagement on real accounts: 166 Twitter accounts that posted in the
 * 2021 #DuBoisChallenge, with their followers and the likes, retweets and quotes of each post
 * (tests/data/dubois, TidyTuesday, MIT). Through the built bundle: every published cell read by
 * KOC_NUM, then a roster of the accounts recomputed in an English and a Chinese workbook.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { runBundle } from '../helpers/bundle';
import { quantile, spearman } from '../helpers/rank';
import { setUpEmulator, writeRecords } from '../recompute/workbook';

/** The day after the last post in the data. */
const NOW = new Date(2021, 4, 8, 10, 0);

interface Post {
  account: string;
  posted: string;
  /** The numbers as published (text; "NA" where the source has none). */
  cells: { followers: string; likes: string; retweets: string; quotes: string };
}

const POSTS: Post[] = readFileSync(new URL('../data/dubois/tweets.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [account, posted, followers, likes, retweets, quotes] = line.split(',');
    return { account, posted, cells: { followers, likes, retweets, quotes } };
  });

interface Account {
  id: string;
  /** Followers as published. */
  followers: string;
  posts: number;
  likes: number;
  retweets: number;
  quotes: number;
  /** Interactions (likes + retweets + quotes) per post: the engagement the score should follow. */
  engagement: number;
  lastPost: Date;
}

/** The calendar day of a published time (2021-05-07T11:42:29Z → 7 May 2021). */
const dayOf = (posted: string) => new Date(Number(posted.slice(0, 4)), Number(posted.slice(5, 7)) - 1, Number(posted.slice(8, 10)));
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const round1 = (n: number) => Math.round(n * 10) / 10;

const ACCOUNTS: Account[] = (() => {
  const by = new Map<string, Post[]>();
  for (const p of POSTS) if (p.account) by.set(p.account, [...(by.get(p.account) ?? []), p]);
  return [...by].map(([id, posts]) => {
    const n = (p: Post, k: 'likes' | 'retweets' | 'quotes') => Number(p.cells[k]);
    const last = dayOf(posts.map((p) => p.posted).sort()[posts.length - 1]);
    return {
      id,
      followers: posts[0].cells.followers,
      posts: posts.length,
      likes: round1(mean(posts.map((p) => n(p, 'likes')))),
      retweets: round1(mean(posts.map((p) => n(p, 'retweets')))),
      quotes: round1(mean(posts.map((p) => n(p, 'quotes')))),
      engagement: mean(posts.map((p) => n(p, 'likes') + n(p, 'retweets') + n(p, 'quotes'))),
      lastPost: last,
    };
  });
})();

/**
 * The accounts as a team would put them on the roster: followers as published, per-post averages
 * in Likes, Shares (retweets) and Comments (quote posts, the platform's commentary), the last
 * post's date. Nothing else is known (no ratings, no conversion), so at most 4 of 7 dimensions.
 */
function recomputed(locale: 'en' | 'zh_CN'): { em: Emulator; header: unknown[]; lines: Map<string, unknown[]> } {
  const em = setUpEmulator({ locale }, NOW);
  writeRecords(
    em,
    'kocs',
    ACCOUNTS.map((a) => ({
      id: a.id,
      name: a.id,
      platform: 'Other',
      status: 'Active',
      joined: new Date(2021, 0, 4),
      followers: a.followers,
      likes: a.likes,
      shares: a.retweets,
      comments: a.quotes,
      lastPost: a.lastPost,
    })),
  );
  runBundle({ emulator: em, now: NOW }).call('recomputeNow');
  const sheet = em.spreadsheet.getSheets().find((s) => ['Echelon', '梯队'].includes(s.getName()))!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  return { em, header, lines: new Map(rows.map((r) => [String(r[0]), r])) };
}

/** Echelon's Score of each KOC ID after a recompute. */
const scoresOf = (r: { header: unknown[]; lines: Map<string, unknown[]> }, score = 'Score') => new Map([...r.lines].map(([id, row]) => [id, row[r.header.indexOf(score)] as number]));

describe('166 real accounts with followers and per-post engagement', () => {
  it('every published number is read: plain counts as numbers, the source\'s "NA" as blank', () => {
    const run = runBundle({ now: NOW });
    for (const key of ['followers', 'likes', 'retweets', 'quotes'] as const) {
      const column = POSTS.map((p) => [p.cells[key]]);
      const read = run.call('KOC_NUM', column) as unknown[][];
      read.forEach((r, i) => {
        const cell = column[i][0];
        expect({ key, cell, read: r[0] }).toEqual({ key, cell, read: cell === 'NA' ? '' : Number(cell) });
      });
    }
    expect(POSTS.filter((p) => p.cells.followers === 'NA')).toHaveLength(1);
  });

  const en = recomputed('en');
  const col = (name: string) => en.header.indexOf(name);
  const cell = (a: Account, name: string) => en.lines.get(a.id)![col(name)];
  const scores = ACCOUNTS.map((a) => cell(a, 'Score') as number);
  const engagement = ACCOUNTS.map((a) => a.engagement);

  it('scores every account, spread across the range, with no data problem', () => {
    expect(ACCOUNTS).toHaveLength(166);
    for (const a of ACCOUNTS) expect({ id: a.id, problems: cell(a, 'Problems'), score: typeof cell(a, 'Score') }).toEqual({ id: a.id, problems: '', score: 'number' });
    // Measured: 19.9 … 46.3, quartiles 27.0 / 31.1 / 34.4, 115 distinct values. Three of seven
    // dimensions unknown (held at 25) keep the top well below Core; the spread is real.
    expect(Math.min(...scores)).toBeGreaterThan(15);
    expect(Math.max(...scores)).toBeLessThan(55);
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(20);
    expect(quantile(scores, 0.75) - quantile(scores, 0.25)).toBeGreaterThan(5);
    expect(new Set(scores).size).toBeGreaterThan(100);
  });

  it('ranks accounts with their engagement per post, though audience size does not', () => {
    // On this data followers alone rank AGAINST engagement (ρ = −0.12): small accounts got the
    // most likes per post. The score follows engagement (measured ρ = 0.79): it is an input, so
    // this checks the model does not let audience size (the Influence dimension) swamp it.
    expect(spearman(ACCOUNTS.map((a) => Number(a.followers)), engagement)).toBeLessThan(0);
    expect(spearman(scores, engagement)).toBeGreaterThan(0.6);
  });

  it('predicts later engagement from earlier posts (accounts with two posts or more)', () => {
    // A hold-out: each account's earlier half of posts on the roster, the later half's engagement
    // as the outcome. Measured ρ = 0.47 on 36 accounts (followers alone: −0.20). The bound 0.3 is
    // above the one-sided 5% critical value of Spearman's ρ for n = 36 (≈ 0.28).
    const by = new Map<string, Post[]>();
    for (const p of POSTS) if (p.account) by.set(p.account, [...(by.get(p.account) ?? []), p]);
    const n = (p: Post, k: 'likes' | 'retweets' | 'quotes') => Number(p.cells[k]);
    const interactions = (ps: Post[]) => mean(ps.map((p) => n(p, 'likes') + n(p, 'retweets') + n(p, 'quotes')));
    const split = [...by]
      .filter(([, ps]) => ps.length >= 2)
      .map(([id, ps]) => {
        const sorted = [...ps].sort((a, b) => a.posted.localeCompare(b.posted));
        const half = Math.ceil(sorted.length / 2);
        return { id, early: sorted.slice(0, half), late: sorted.slice(half) };
      });
    expect(split).toHaveLength(36);
    const em = setUpEmulator({ locale: 'en' }, NOW);
    writeRecords(
      em,
      'kocs',
      split.map((r) => ({
        id: r.id,
        name: r.id,
        platform: 'Other',
        status: 'Active',
        joined: new Date(2021, 0, 4),
        followers: r.early[0].cells.followers,
        likes: round1(mean(r.early.map((p) => n(p, 'likes')))),
        shares: round1(mean(r.early.map((p) => n(p, 'retweets')))),
        comments: round1(mean(r.early.map((p) => n(p, 'quotes')))),
        lastPost: dayOf(r.early[r.early.length - 1].posted),
      })),
    );
    runBundle({ emulator: em, now: NOW }).call('recomputeNow');
    const [header, ...rows] = em.spreadsheet.getSheetByName('Echelon')!.getDataRange().getValues();
    const earlyScore = scoresOf({ header, lines: new Map(rows.map((r) => [String(r[0]), r])) });
    expect(spearman(split.map((r) => earlyScore.get(r.id)!), split.map((r) => interactions(r.late)))).toBeGreaterThan(0.3);
  });

  it('tiers by the rules: no Core without contribution data, nothing above Candidate below the evidence minimum', () => {
    // Measured: 32 Regular, 134 Candidate. Core needs Content or Conversion (contribution), which
    // nobody here has; each account has 4 of 7 dimensions, the minimum for a tier.
    const tiers = ACCOUNTS.map((a) => cell(a, 'Tier'));
    expect(tiers).not.toContain('Core');
    expect(tiers.filter((t) => t === 'Regular').length).toBeGreaterThan(10);
    // The same accounts without their last post's date: 3 of 7 dimensions, so no tier above
    // Candidate for anyone, each told why — and the score still follows engagement.
    const em = setUpEmulator({ locale: 'en' }, NOW);
    writeRecords(
      em,
      'kocs',
      ACCOUNTS.map((a) => ({ id: a.id, name: a.id, platform: 'Other', status: 'Active', followers: a.followers, likes: a.likes, shares: a.retweets, comments: a.quotes })),
    );
    runBundle({ emulator: em, now: NOW }).call('recomputeNow');
    const [header, ...rows] = em.spreadsheet.getSheetByName('Echelon')!.getDataRange().getValues();
    expect(new Set(rows.map((r) => r[header.indexOf('Tier')]))).toEqual(new Set(['Candidate']));
    for (const r of rows) expect(r[header.indexOf('Problems')]).toMatch(/^Only 3 of 7 dimensions have data \(a tier above Candidate needs 4\)/);
    const fewer = scoresOf({ header, lines: new Map(rows.map((r) => [String(r[0]), r])) });
    expect(spearman(ACCOUNTS.map((a) => fewer.get(a.id)!), engagement)).toBeGreaterThan(0.6);
  });

  it('says the same in a Chinese workbook', () => {
    const zh = recomputed('zh_CN');
    const zhScores = scoresOf(zh, '综合评分');
    expect(ACCOUNTS.map((a) => zhScores.get(a.id))).toEqual(scores);
    const at = (name: string) => zh.header.indexOf(name);
    const tiers = ACCOUNTS.map((a) => zh.lines.get(a.id)![at('层级')]);
    expect(tiers.filter((t) => t === '普通').length).toBe(ACCOUNTS.map((a) => cell(a, 'Tier')).filter((t) => t === 'Regular').length);
  });
});

/**
 * The custom functions (=KOC_SCORE() … in a cell): thin adapters from what Sheets passes — a
 * single value or a 2-D range with '' for blanks — to the core, and back to one output row per
 * input row. A bad cell gives its row a short text; a wrong call throws with the right call.
 *
 * Sheets re-runs a custom function only when the values of its arguments change, so each
 * function reads nothing but its arguments: the day comes in as `asof` (the KOC_ASOF cell), the
 * team's Settings as `settings` (the KOC_SETTINGS range), never from the clock or the sheet
 * behind the formula's back (formula-args.ts). The spreadsheet's time zone and locale are the only
 * other inputs: changing either makes Sheets recalculate every formula.
 */
import { DEFAULT_STAGE_RULES } from '../core/defaults';
import { interactionsPerPost, engagementRate } from '../core/engagement';
import { explainScore } from '../core/explain';
import { isBlank, quote, readNumber, readPoints } from '../core/numbers';
import { emptyKoc, isBlankRow, type KocField, KOCS, kocReader, readKocRow } from '../core/record';
import { roi, SCORE_FIELDS, scoreContextOf, scoreScratch, totalScore } from '../core/score';
import { isAssessed, stageFor, stageLabel } from '../core/stage';
import { tierFacts, tierFor, tierLabel, tierOf } from '../core/tier';
import { both, problemText, t, TEXT, type TextKey } from '../core/text';
import { type HeaderMap, mapHeaders } from '../sheets/headers';
import { columnLabel, type Lang } from '../sheets/schema';
import { headerProblems } from '../sheets/table';
import { dayAndSettings, type FnName, type Grid, settingsArg, toGrid, wrongCall } from './formula-args';
import type { PublicFunction } from './registry-types';

type Cell = unknown;

/** What each argument should be, for wrong-call errors (English and Chinese in src/core/text.json). */
const SHOULD = {
  headers: 'callHeaders',
  rows: 'callRows',
  row: 'callRow',
  column: 'callColumn',
} as const satisfies Record<string, TextKey>;

/** Problems a formula's cell shows before "(+n more)". */
const CELL_PROBLEMS_SHOWN = 2;

/** The header row and its mapping onto the roster; throws when it is not a roster header row. */
function rosterHeaders(fn: FnName, headers: unknown, lang: Lang): { header: Cell[]; map: HeaderMap } {
  if (headers === undefined) wrongCall(fn, SHOULD.headers, both('argMissing', { name: 'headers' }), lang);
  const grid = toGrid(headers);
  if (grid.length !== 1) wrongCall(fn, SHOULD.headers, both('argRows', { count: grid.length }), lang);
  const header = grid[0];
  const map = mapHeaders(KOCS, header);
  if (Object.keys(map.index).length === 0) {
    const first = header.find((h) => !isBlank(h));
    wrongCall(fn, SHOULD.headers, first === undefined ? both('headersBlank') : both('headersUnknown', (l) => ({ value: quote(first, l) })), lang);
  }
  if (map.duplicates.length) {
    // Worded as the recompute and the sidebar word it: the sheet, the column, both letters.
    const table = { def: KOCS, map: { ...map, duplicates: map.duplicates.slice(0, 1) } };
    wrongCall(fn, SHOULD.headers, { en: headerProblems(table, 'en')[0], zh: headerProblems(table, 'zh')[0] }, lang);
  }
  return { header, map };
}

function rosterRows(fn: FnName, rows: unknown, width: number, should: TextKey, lang: Lang): Grid {
  if (rows === undefined) wrongCall(fn, should, both('argMissing', { name: 'rows' }), lang);
  const grid = toGrid(rows);
  if (grid.length && grid[0].length !== width) wrongCall(fn, should, both('rowsWidth', { width: grid[0].length, headers: width }), lang);
  return grid;
}

// ── KOC_SCORE ──────────────────────────────────────────────────────────────────────────────────

export function KOC_SCORE(headers: unknown, rows: unknown, asof?: unknown, settingsRange?: unknown): Cell[][] {
  const { settings, lang, day } = dayAndSettings('KOC_SCORE', asof, settingsRange);
  const { header, map } = rosterHeaders('KOC_SCORE', headers, lang);
  const grid = rosterRows('KOC_SCORE', rows, header.length, SHOULD.rows, lang);
  const ctx = scoreContextOf(settings, day());
  // Compiled once per call (the problem texts' language with it); the row loop reuses one
  // record, one problem list and one scratch.
  const reader = kocReader(map, { only: SCORE_FIELDS, header, lang });
  const koc = emptyKoc();
  const problems: string[] = [];
  const scratch = scoreScratch();
  const out: Cell[][] = new Array(grid.length);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (isBlankRow(row)) {
      out[r] = [''];
      continue;
    }
    readKocRow(reader, row, koc, problems);
    out[r] = [problems.length ? problemText(problems, lang, CELL_PROBLEMS_SHOWN) : (totalScore(koc, ctx, scratch) ?? '')];
  }
  return out;
}

/** A row's problem text as the roster functions write it: `Column: "value" is …` or `列：“值”不是…`. */
const PROBLEM_TEXT = /^(?:[^:]{1,40}: .+ is (not|below) |[^：]{1,40}：.+(不是|小于|不在))/;

// ── KOC_TIER ───────────────────────────────────────────────────────────────────────────────────

export function KOC_TIER(score: unknown, settingsRange?: unknown, asof?: unknown, rosterSettings?: unknown): Cell[][] {
  if (isRosterHeader(score)) return tiersOfRows(score, settingsRange, asof, rosterSettings);
  const { settings, lang } = settingsArg('KOC_TIER', settingsRange, { thresholds: true });
  if (score === undefined) wrongCall('KOC_TIER', 'callScore', both('argMissing', { name: 'score' }), lang);
  const limits = settings.tierThresholds;
  const scoreLabel = t('labelScore', lang);
  return toGrid(score).map((row) =>
    row.map((cell) => {
      // A score is out of 100: "80%" means 80.
      const n = readPoints(cell);
      if (n === undefined) return '';
      // A problem text from KOC_SCORE ("Followers: …") passes through, so the root cause shows.
      if (Number.isNaN(n)) return typeof cell === 'string' && PROBLEM_TEXT.test(cell) ? cell : t('cellNotNumber', lang, { column: scoreLabel, value: quote(cell, lang) });
      if (n < 0 || n > 100) return t('cellNotScore', lang, { column: scoreLabel, value: quote(cell, lang) });
      return tierLabel(tierFor(n, limits), lang);
    }),
  );
}

/** A one-row range naming at least one roster column: KOC_TIER's (headers, rows) form. */
function isRosterHeader(value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== 1 || !Array.isArray(value[0])) return false;
  return Object.keys(mapHeaders(KOCS, value[0] as unknown[]).index).length > 0;
}

/**
 * KOC_TIER(headers, rows, asof, [settings]): the tier rules on each row — score, group floors,
 * evidence — as Echelon applies them before its hysteresis (a KOC seen for the first time).
 */
function tiersOfRows(headers: unknown, rows: unknown, asof: unknown, settingsRange: unknown): Cell[][] {
  const { settings, lang, day } = dayAndSettings('KOC_TIER_ROWS', asof, settingsRange);
  const { header, map } = rosterHeaders('KOC_TIER_ROWS', headers, lang);
  const grid = rosterRows('KOC_TIER_ROWS', rows, header.length, SHOULD.rows, lang);
  const today = day();
  const ctx = scoreContextOf(settings, today);
  const reader = kocReader(map, { only: [...SCORE_FIELDS, ...STAGE_FIELDS, 'tierOverride'], header, lang });
  const koc = emptyKoc();
  const problems: string[] = [];
  const scratch = scoreScratch();
  return grid.map((row) => {
    if (isBlankRow(row)) return [''];
    readKocRow(reader, row, koc, problems);
    if (problems.length) return [problemText(problems, lang, CELL_PROBLEMS_SHOWN)];
    if (koc.tierOverride) return [tierLabel(koc.tierOverride, lang)];
    // Alumni, and Transition past its window, are out of assessment: no tier.
    if (!isAssessed(koc, today, settings.stageRules)) return [''];
    const facts = tierFacts(koc, ctx, scratch);
    return [facts.score === undefined ? '' : tierLabel(tierOf(facts, settings), lang)];
  });
}

// ── KOC_STAGE ──────────────────────────────────────────────────────────────────────────────────

const STAGE_FIELDS: readonly KocField[] = ['status', 'joined', 'posts30d', 'lastPost'];

export function KOC_STAGE(headers: unknown, rows: unknown, asof?: unknown, settingsRange?: unknown): Cell[][] {
  const { settings, lang, day } = dayAndSettings('KOC_STAGE', asof, settingsRange);
  const { header, map } = rosterHeaders('KOC_STAGE', headers, lang);
  const grid = rosterRows('KOC_STAGE', rows, header.length, SHOULD.rows, lang);
  const today = day();
  const rules = settings.stageRules ?? DEFAULT_STAGE_RULES;
  const reader = kocReader(map, { only: STAGE_FIELDS, header, lang });
  const koc = emptyKoc();
  const problems: string[] = [];
  return grid.map((row) => {
    if (isBlankRow(row)) return [''];
    readKocRow(reader, row, koc, problems);
    return [problems.length ? problemText(problems, lang, CELL_PROBLEMS_SHOWN) : stageLabel(stageFor(koc, today, rules), lang)];
  });
}

// ── Column-wise functions: KOC_ENGAGEMENT, KOC_ROI ─────────────────────────────────────────────

/**
 * Arguments that are each one value or one column, as columns of one length (single values
 * repeat down the column). `undefined` arguments stay undefined.
 */
function columns(fn: FnName, args: readonly unknown[], lang: () => Lang): (Cell[] | undefined)[] {
  const cols = args.map((a) => {
    if (a === undefined) return undefined;
    const grid = toGrid(a);
    if (grid.some((row) => row.length !== 1)) wrongCall(fn, SHOULD.column, both('argColumns', { count: grid[0].length }), lang());
    return grid.map((row) => row[0]);
  });
  const lengths = new Set(cols.filter((c): c is Cell[] => c !== undefined && c.length > 1).map((c) => c.length));
  if (lengths.size > 1) wrongCall(fn, SHOULD.column, both('argColumnLengths', (l) => ({ list: [...lengths].join(l === 'zh' ? '、' : ' and ') })), lang());
  const n = lengths.size ? [...lengths][0] : 1;
  return cols.map((c) => (c === undefined || c.length === n ? c : new Array(n).fill(c[0])));
}

/**
 * A count cell for the column functions: number, undefined (blank), or a problem text naming the
 * column (a roster column or a text key) in the workbook's language, asked for only then.
 */
function countCell(cell: Cell, lang: () => Lang, column: KocField | TextKey): number | undefined | string {
  const n = readNumber(cell);
  if (n === undefined) return undefined;
  if (n >= 0) return n;
  const l = lang();
  const name = column in TEXT ? t(column as TextKey, l) : kocColumnLabel(column as KocField, l);
  return t(Number.isNaN(n) ? 'cellNotNumber' : 'cellNegative', l, { column: name, value: quote(cell, l) });
}

/** A roster column's name in a language, for problem texts. */
function kocColumnLabel(key: KocField, lang: Lang): string {
  return columnLabel(KOCS, key, lang);
}

export function KOC_ENGAGEMENT(likes: unknown, collects: unknown, comments: unknown, shares: unknown, followers?: unknown, settingsRange?: unknown): Cell[][] {
  // Settings where followers go (a range wider than one column): KOC_ENGAGEMENT(…, KOC_SETTINGS).
  if (settingsRange === undefined && Array.isArray(followers) && toGrid(followers).some((row) => row.length > 1)) {
    settingsRange = followers;
    followers = undefined;
  }
  const args = [likes, collects, comments, shares];
  const { settings, lang } = settingsArg('KOC_ENGAGEMENT', settingsRange);
  const names = ['likes', 'collects', 'comments', 'shares'];
  args.forEach((a, i) => {
    if (a === undefined) wrongCall('KOC_ENGAGEMENT', 'callEngagement', both('argMissing', { name: names[i] }), lang);
  });
  const langOf = () => lang;
  const cols = columns('KOC_ENGAGEMENT', [...args, followers], langOf);
  const fields = ['likes', 'collects', 'comments', 'shares', 'followers'] as const;
  const n = cols[0]!.length;
  const out: Cell[][] = new Array(n);
  for (let r = 0; r < n; r++) {
    const values: (number | undefined)[] = [];
    let problem = '';
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i];
      const v = col ? countCell(col[r], langOf, fields[i]) : undefined;
      if (typeof v === 'string') problem ||= v;
      else values.push(v);
    }
    if (problem) {
      out[r] = [problem];
      continue;
    }
    const perPost = interactionsPerPost(values[0], values[1], values[2], values[3], settings.engagementWeights);
    if (followers === undefined) out[r] = [perPost ?? ''];
    else out[r] = [engagementRate(perPost, values[4]) ?? ''];
  }
  return out;
}

export function KOC_ROI(value: unknown, cost: unknown, settingsRange?: unknown): Cell[][] {
  const { lang: l } = settingsArg('KOC_ROI', settingsRange);
  const lang = () => l;
  if (value === undefined || cost === undefined) wrongCall('KOC_ROI', 'callRoi', both('argMissing', { name: value === undefined ? 'value' : 'cost' }), l);
  const [values, costs] = columns('KOC_ROI', [value, cost], lang) as Cell[][];
  return values.map((cell, r) => {
    const v = countCell(cell, lang, 'labelValue');
    const c = countCell(costs[r], lang, 'labelCost');
    if (typeof v === 'string') return [v];
    if (typeof c === 'string') return [c];
    return [roi(v, c) ?? ''];
  });
}

// ── KOC_NUM ────────────────────────────────────────────────────────────────────────────────────

export function KOC_NUM(text: unknown, settingsRange?: unknown): Cell[][] {
  const { lang } = settingsArg('KOC_NUM', settingsRange);
  if (text === undefined) wrongCall('KOC_NUM', 'callNum', both('argMissing', { name: 'text' }), lang);
  return toGrid(text).map((row) =>
    row.map((cell) => {
      const n = readNumber(cell);
      if (n === undefined) return '';
      return Number.isNaN(n) ? t('valueNotNumber', lang, { value: quote(cell, lang) }) : n;
    }),
  );
}

// ── KOC_EXPLAIN ────────────────────────────────────────────────────────────────────────────────

export function KOC_EXPLAIN(headers: unknown, row: unknown, asof?: unknown, settingsRange?: unknown): Cell[][] {
  const { settings, lang, day } = dayAndSettings('KOC_EXPLAIN', asof, settingsRange);
  const { header, map } = rosterHeaders('KOC_EXPLAIN', headers, lang);
  const grid = rosterRows('KOC_EXPLAIN', row, header.length, SHOULD.row, lang);
  const data = grid.filter((r) => !isBlankRow(r));
  if (data.length > 1) wrongCall('KOC_EXPLAIN', SHOULD.row, both('argRows', { count: data.length }), lang);
  const ctx = scoreContextOf(settings, day());
  if (data.length === 0) return [['']];
  const { koc, problems } = readKocRow(kocReader(map, { only: SCORE_FIELDS, header, lang }), data[0]);
  if (problems.length) return problems.map((p) => [p]);
  return explainScore(koc, ctx, lang, settings);
}

// ── Registry ───────────────────────────────────────────────────────────────────────────────────

const RANGE = 'Array<Array<*>>';
const HEADERS_PARAM = { name: 'headers', type: RANGE, description: "The roster's header row, e.g. KOCs!A1:AF1 (English or Chinese headers, any order)." };
const ASOF_PARAM = {
  name: 'asof',
  type: 'Date',
  description:
    'The day to count days to (days since the last post, since joining): KOC_ASOF, the Settings cell KOC Ops sets to today on every recompute and when the file opens. Omitted: the As of row of settings. Never the clock.',
};
const SETTINGS_PARAM = {
  name: 'settings',
  type: RANGE,
  description:
    "The team's Settings: KOC_SETTINGS (weights, tier thresholds, stage rules, engagement weights, language), read as the recompute reads them. Omitted: the built-in defaults, in English.",
  optional: true,
};
/** The named ranges setup creates; the examples below use them. */
const SCORE_CALL = 'KOC_SCORE(KOCs!A1:AF1, KOCs!A2:AF, KOC_ASOF, KOC_SETTINGS)';

export const CUSTOM_FUNCTIONS: PublicFunction[] = [
  {
    name: 'KOC_SCORE',
    kind: 'customFunction',
    summary: 'Value score 0–100 of each KOC row: influence, engagement, activity, content, conversion, brand fit and potential, weighted.',
    example: `=${SCORE_CALL}`,
    params: [HEADERS_PARAM, { name: 'rows', type: RANGE, description: 'One or more roster rows, as wide as headers, e.g. KOCs!A2:AF.' }, ASOF_PARAM, SETTINGS_PARAM],
    returns: { type: 'number|Array<Array<number|string>>', description: 'One score per row; blank for a blank row or a row with nothing to score; a short text naming a bad cell.' },
    impl: KOC_SCORE,
  },
  {
    name: 'KOC_TIER',
    kind: 'customFunction',
    summary:
      'Tier of each KOC row — Core, Potential, Regular or Candidate — by the tier rules of settings (score, contribution/influence/activity floors, evidence), as of asof; or, given a bare score, by the score thresholds alone.',
    example: '=KOC_TIER(KOCs!A1:AF1, KOCs!A2:AF, KOC_ASOF, KOC_SETTINGS)',
    params: [
      {
        name: 'headers_or_score',
        type: RANGE,
        description: "The roster's header row, e.g. KOCs!A1:AF1 — or a score 0–100 (\"80%\" counts as 80) or a column of scores, e.g. KOC_SCORE(…) or Echelon!C2:C.",
      },
      {
        name: 'rows_or_settings',
        type: RANGE,
        description: `With headers: roster rows, e.g. KOCs!A2:AF. With a score: the settings, e.g. KOC_SETTINGS (three thresholds such as {75, 55, 35} also work).`,
        optional: true,
      },
      { ...ASOF_PARAM, description: `With headers: the day to count days to, KOC_ASOF. ${ASOF_PARAM.description.slice(ASOF_PARAM.description.indexOf('Omitted'))}`, optional: true },
      { ...SETTINGS_PARAM, description: `With headers: the team's Settings, KOC_SETTINGS. ${SETTINGS_PARAM.description.slice(SETTINGS_PARAM.description.indexOf('Omitted'))}` },
    ],
    returns: { type: 'string|Array<Array<string>>', description: 'One tier per row or score; blank for a blank row or score, and for Alumni.' },
    impl: KOC_TIER,
  },
  {
    name: 'KOC_STAGE',
    kind: 'customFunction',
    summary: 'Lifecycle stage of each KOC row — Sprout, Active, Mature, Transition or Alumni — from Status, Joined, Posts 30d and Last post, as of asof.',
    example: '=KOC_STAGE(KOCs!A1:AF1, KOCs!A2:AF, KOC_ASOF, KOC_SETTINGS)',
    params: [HEADERS_PARAM, { name: 'rows', type: RANGE, description: 'One or more roster rows, as wide as headers, e.g. KOCs!A2:AF.' }, ASOF_PARAM, SETTINGS_PARAM],
    returns: { type: 'string|Array<Array<string>>', description: 'One stage per row; blank for a blank row.' },
    impl: KOC_STAGE,
  },
  {
    name: 'KOC_ENGAGEMENT',
    kind: 'customFunction',
    summary: 'Weighted interactions per post (likes 1, collects 1, comments 4, shares 4 by default, or the engagement weights of settings); with followers, the engagement rate.',
    example: '=KOC_ENGAGEMENT(KOCs!N2:N, KOCs!O2:O, KOCs!P2:P, KOCs!Q2:Q, KOCs!L2:L, KOC_SETTINGS)',
    params: [
      { name: 'likes', type: 'number|Array<Array<number>>', description: 'Average likes per post, a value or a column, e.g. KOCs!N2:N.' },
      { name: 'collects', type: 'number|Array<Array<number>>', description: 'Average collects (saves) per post.' },
      { name: 'comments', type: 'number|Array<Array<number>>', description: 'Average comments per post.' },
      { name: 'shares', type: 'number|Array<Array<number>>', description: 'Average shares per post.' },
      { name: 'followers', type: 'number|Array<Array<number>>', description: 'Followers; when given, the result is interactions per post ÷ followers (format the column as %).', optional: true },
      SETTINGS_PARAM,
    ],
    returns: { type: 'number|Array<Array<number>>', description: 'Weighted interactions per post, or the rate.' },
    impl: KOC_ENGAGEMENT,
  },
  {
    name: 'KOC_ROI',
    kind: 'customFunction',
    summary: 'Return on cost: value ÷ cost (e.g. GMV 30d ÷ Monthly cost); blank when the cost is 0 or blank.',
    example: '=KOC_ROI(KOCs!T2:T, KOCs!AC2:AC, KOC_SETTINGS)',
    params: [
      { name: 'value', type: 'number|Array<Array<number>>', description: 'What the KOC brought in, a value or a column, e.g. KOCs!T2:T (GMV 30d).' },
      { name: 'cost', type: 'number|Array<Array<number>>', description: 'What the KOC cost over the same period, e.g. KOCs!AC2:AC (Monthly cost).' },
      { ...SETTINGS_PARAM, description: 'KOC_SETTINGS, for the language of messages. Omitted: English.' },
    ],
    returns: { type: 'number|Array<Array<number>>', description: 'One ratio per row.' },
    impl: KOC_ROI,
  },
  {
    name: 'KOC_NUM',
    kind: 'customFunction',
    summary: 'A count or rate as platforms show it, as a number: 1.2万 → 12000, 3.4k → 3400, 1.2M → 1200000, 3.5% → 0.035.',
    example: '=KOC_NUM("1.2万", KOC_SETTINGS)',
    params: [
      { name: 'text', type: 'string|Array<Array<string>>', description: 'A cell or range of counts or rates, e.g. "1.2w" or KOCs!L2:L. Blank, "-", "—" and "N/A" give blank.' },
      { ...SETTINGS_PARAM, description: 'KOC_SETTINGS, for the language of messages. Omitted: English.' },
    ],
    returns: { type: 'number|Array<Array<number|string>>', description: 'The numbers, in the same shape as the input.' },
    impl: KOC_NUM,
  },
  {
    name: 'KOC_EXPLAIN',
    kind: 'customFunction',
    summary: 'The score of one KOC taken apart: one line a dimension with its sub-score, weight, points, and what was missing.',
    example: '=KOC_EXPLAIN(KOCs!A1:AF1, KOCs!A2:AF2, KOC_ASOF, KOC_SETTINGS)',
    params: [HEADERS_PARAM, { name: 'row', type: RANGE, description: 'One roster row, as wide as headers, e.g. KOCs!A2:AF2.' }, ASOF_PARAM, SETTINGS_PARAM],
    returns: { type: 'Array<Array<number|string>>', description: 'A table: Dimension, Score, Weight, Points, Notes, then the total.' },
    impl: KOC_EXPLAIN,
  },
];

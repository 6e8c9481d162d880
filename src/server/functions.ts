/**
 * The custom functions (=KOC_SCORE() … in a cell): thin adapters from what Sheets passes — a
 * single value or a 2-D range with '' for blanks — to the core, and back to one output row per
 * input row. A bad cell gives its row a short text; a wrong call throws with the right call.
 *
 * Custom functions run without authorization: they may read the spreadsheet (Settings: language,
 * weights, thresholds) but nothing else. Reading Settings costs a few service calls per formula,
 * which is why one formula over a whole column beats one per row.
 */
import { dayNumber } from '../core/dates';
import { DEFAULT_STAGE_RULES } from '../core/defaults';
import { interactionsPerPost, engagementRate } from '../core/engagement';
import { explainScore } from '../core/explain';
import { isBlank, quote, readNumber } from '../core/numbers';
import { emptyKoc, isBlankRow, type KocField, KOCS, kocReader, readKocRow } from '../core/record';
import { roi, SCORE_FIELDS, scoreContextOf, scoreScratch, totalScore, type Weights } from '../core/score';
import { defaultSettings, parseSettings, type Settings } from '../core/settings';
import { isAssessed, stageFor, stageLabel } from '../core/stage';
import { parseThresholds, tierFacts, tierFor, tierLabel, tierOf } from '../core/tier';
import { countDaysAsSheetShows_ } from './context';
import { type Both, both, isBoth, langFromLocale, problemText, t, TEXT, type TextKey } from '../core/text';
import { parseWeights } from '../core/weights';
import { type HeaderMap, mapHeaders } from '../sheets/headers';
import { columnLabel, type Lang } from '../sheets/schema';
import { findSheet, headerProblems, readTable } from '../sheets/table';
import type { PublicFunction } from './registry-types';

type Cell = unknown;
type Grid = Cell[][];

/** The right call of each function, shown at the start of every wrong-call error. */
const USAGE = {
  KOC_SCORE: 'KOC_SCORE(headers, rows, [weights])',
  KOC_TIER: 'KOC_TIER(score, [thresholds])',
  /** KOC_TIER's roster form. */
  KOC_TIER_ROWS: 'KOC_TIER(headers, rows, [weights])',
  KOC_STAGE: 'KOC_STAGE(headers, rows)',
  KOC_ENGAGEMENT: 'KOC_ENGAGEMENT(likes, collects, comments, shares, [followers])',
  KOC_ROI: 'KOC_ROI(value, cost)',
  KOC_NUM: 'KOC_NUM(text)',
  KOC_EXPLAIN: 'KOC_EXPLAIN(headers, row, [weights])',
} as const;
type FnName = keyof typeof USAGE;

/** What each argument should be, for wrong-call errors (English and Chinese in core/text.ts). */
const SHOULD = {
  headers: 'callHeaders',
  rows: 'callRows',
  row: 'callRow',
  weights: 'callWeights',
  thresholds: 'callThresholds',
  column: 'callColumn',
} as const satisfies Record<string, TextKey>;

/**
 * A wrong call: how to call it, and what was wrong. The English is always there (it is what help
 * pages and searches know); in a Chinese workbook the Chinese follows on a second line.
 */
function wrongCall(fn: FnName, should: TextKey, detail?: Both, lang: Lang = 'en'): never {
  const line = (l: Lang) => {
    const d = detail?.[l];
    return t('callWrong', l, { usage: USAGE[fn], should: t(should, l), detail: d ? ` — ${d}` : '' });
  };
  throw new Error(lang === 'zh' ? `${line('en')}\n${line('zh')}` : line('en'));
}

// Read once: in a vm context (the emulator, tests, bench) every global lookup is a slow read of
// the global object, and toGrid checks every row of a 10^5-row range.
const isArray = Array.isArray;

/**
 * A single value or a range as rows. A range Sheets passes is already rows: it is used as it is
 * (never changed), not copied — a copy of 10^5 rows costs as much as scoring them.
 */
function toGrid(value: unknown): Grid {
  if (!isArray(value)) return [[value]];
  const rows = value as unknown[];
  for (let i = 0; i < rows.length; i++) if (!isArray(rows[i])) return rows.map((row) => (isArray(row) ? row : [row]));
  return rows as Grid;
}

/** Problems a formula's cell shows before "(+n more)". */
const CELL_PROBLEMS_SHOWN = 2;

/** Settings for formulas: read-only, and defaults when the sheet cannot be read (no Settings, no spreadsheet). */
function formulaSettings_(): { settings: Settings; lang: Lang } {
  try {
    if (typeof SpreadsheetApp === 'undefined') return { settings: defaultSettings(), lang: 'en' };
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (ss) countDaysAsSheetShows_(ss);
    const sheet = ss ? findSheet(ss.getSheets(), 'settings') : null;
    const table = sheet ? readTable(sheet, 'settings') : null;
    const pairs = table ? table.rows.map((r) => [r[table.map.index.setting ?? 0], r[table.map.index.value ?? 1]]) : [];
    const { settings } = parseSettings(pairs);
    let lang: Lang = settings.language === 'auto' ? 'en' : settings.language;
    if (settings.language === 'auto') {
      try {
        lang = langFromLocale(ss.getSpreadsheetLocale());
      } catch (_) {
        lang = 'en';
      }
    }
    return { settings, lang };
  } catch (_) {
    return { settings: defaultSettings(), lang: 'en' };
  }
}

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

function weightsArg(fn: FnName, weights: unknown, settings: Settings, lang: Lang): Weights {
  if (weights === undefined || (!Array.isArray(weights) && isBlank(weights))) return settings.weights;
  const parsed = parseWeights(toGrid(weights));
  if (isBoth(parsed)) wrongCall(fn, SHOULD.weights, parsed, lang);
  return parsed;
}

// ── KOC_SCORE ──────────────────────────────────────────────────────────────────────────────────

export function KOC_SCORE(headers: unknown, rows: unknown, weights?: unknown): Cell[][] {
  const { settings, lang } = formulaSettings_();
  const { header, map } = rosterHeaders('KOC_SCORE', headers, lang);
  const grid = rosterRows('KOC_SCORE', rows, header.length, SHOULD.rows, lang);
  const ctx = scoreContextOf(settings, new Date(), weightsArg('KOC_SCORE', weights, settings, lang));
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

export function KOC_TIER(score: unknown, thresholds?: unknown, weights?: unknown): Cell[][] {
  const { settings, lang } = formulaSettings_();
  if (isRosterHeader(score)) return tiersOfRows(score, thresholds, weights, settings, lang);
  if (score === undefined) wrongCall('KOC_TIER', 'callScore', both('argMissing', { name: 'score' }), lang);
  let limits = settings.tierThresholds;
  if (thresholds !== undefined && !(!Array.isArray(thresholds) && isBlank(thresholds))) {
    const parsed = parseThresholds(thresholds);
    if (isBoth(parsed)) wrongCall('KOC_TIER', SHOULD.thresholds, parsed, lang);
    limits = parsed;
  }
  const scoreLabel = t('labelScore', lang);
  return toGrid(score).map((row) =>
    row.map((cell) => {
      let n = readNumber(cell);
      if (n === undefined) return '';
      // A score is out of 100, so a score typed as a percentage ("80%", read as 0.8) means 80.
      if (typeof cell === 'string' && cell.trim().endsWith('%')) n *= 100;
      // A problem text from KOC_SCORE ("Followers: …") passes through, so the root cause shows.
      if (Number.isNaN(n)) return typeof cell === 'string' && PROBLEM_TEXT.test(cell) ? cell : t('cellNotNumber', lang, { column: scoreLabel, value: quote(cell, lang) });
      if (n < 0 || n > 100) return t('cellNotScore', lang, { column: scoreLabel, value: quote(cell, lang) });
      return tierLabel(tierFor(n, limits), lang);
    }),
  );
}

/** A one-row range naming at least one roster column: KOC_TIER's (headers, rows) form. */
function isRosterHeader(value: unknown): boolean {
  if (!isArray(value) || value.length !== 1 || !isArray(value[0])) return false;
  return Object.keys(mapHeaders(KOCS, value[0] as unknown[]).index).length > 0;
}

/** KOC_TIER(headers, rows, [weights]): the tier rules on each row — score, group floors, evidence. */
function tiersOfRows(headers: unknown, rows: unknown, weights: unknown, settings: Settings, lang: Lang): Cell[][] {
  const { header, map } = rosterHeaders('KOC_TIER_ROWS', headers, lang);
  const grid = rosterRows('KOC_TIER_ROWS', rows, header.length, SHOULD.rows, lang);
  const ctx = scoreContextOf(settings, new Date(), weightsArg('KOC_TIER_ROWS', weights, settings, lang));
  const reader = kocReader(map, { only: [...SCORE_FIELDS, ...STAGE_FIELDS, 'tierOverride'], header, lang });
  const koc = emptyKoc();
  const problems: string[] = [];
  const scratch = scoreScratch();
  const today = dayNumber(new Date());
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

export function KOC_STAGE(headers: unknown, rows: unknown): Cell[][] {
  const { settings, lang } = formulaSettings_();
  const { header, map } = rosterHeaders('KOC_STAGE', headers, lang);
  const grid = rosterRows('KOC_STAGE', rows, header.length, SHOULD.rows, lang);
  const rules = settings.stageRules ?? DEFAULT_STAGE_RULES;
  const today = dayNumber(new Date());
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

/** A count cell for the column functions: number, undefined (blank), or a problem text. */
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

/** The workbook's language, read from Settings on first use only. */
function lazyLang(): () => Lang {
  let lang: Lang | undefined;
  return () => (lang ??= formulaSettings_().lang);
}

/** A roster column's name in a language, for problem texts. */
function kocColumnLabel(key: KocField, lang: Lang): string {
  return columnLabel(KOCS, key, lang);
}

export function KOC_ENGAGEMENT(likes: unknown, collects: unknown, comments: unknown, shares: unknown, followers?: unknown): Cell[][] {
  const args = [likes, collects, comments, shares];
  const { settings, lang } = formulaSettings_();
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

export function KOC_ROI(value: unknown, cost: unknown): Cell[][] {
  // Settings (for the language) are read only when there is something to say.
  const lang = lazyLang();
  if (value === undefined || cost === undefined) wrongCall('KOC_ROI', 'callRoi', both('argMissing', { name: value === undefined ? 'value' : 'cost' }), lang());
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

export function KOC_NUM(text: unknown): Cell[][] {
  // Settings (for the language) are read only when there is something to say.
  const lang = lazyLang();
  if (text === undefined) wrongCall('KOC_NUM', 'callNum', both('argMissing', { name: 'text' }), lang());
  return toGrid(text).map((row) =>
    row.map((cell) => {
      const n = readNumber(cell);
      if (n === undefined) return '';
      return Number.isNaN(n) ? t('valueNotNumber', lang(), { value: quote(cell, lang()) }) : n;
    }),
  );
}

// ── KOC_EXPLAIN ────────────────────────────────────────────────────────────────────────────────

export function KOC_EXPLAIN(headers: unknown, row: unknown, weights?: unknown): Cell[][] {
  const { settings, lang } = formulaSettings_();
  const { header, map } = rosterHeaders('KOC_EXPLAIN', headers, lang);
  const grid = rosterRows('KOC_EXPLAIN', row, header.length, SHOULD.row, lang);
  const data = grid.filter((r) => !isBlankRow(r));
  if (data.length > 1) wrongCall('KOC_EXPLAIN', SHOULD.row, both('argRows', { count: data.length }), lang);
  const ctx = scoreContextOf(settings, new Date(), weightsArg('KOC_EXPLAIN', weights, settings, lang));
  if (data.length === 0) return [['']];
  const { koc, problems } = readKocRow(kocReader(map, { only: SCORE_FIELDS, header, lang }), data[0]);
  if (problems.length) return problems.map((p) => [p]);
  return explainScore(koc, ctx, lang, settings);
}

// ── Registry ───────────────────────────────────────────────────────────────────────────────────

const RANGE = 'Array<Array<*>>';
const WEIGHTS_PARAM = {
  name: 'weights',
  type: RANGE,
  description: 'Two-column range of dimension and weight, e.g. KOC_WEIGHTS. Default: the Settings weights.',
  optional: true,
};
const HEADERS_PARAM = { name: 'headers', type: RANGE, description: "The roster's header row, e.g. KOCs!A1:AF1 (English or Chinese headers, any order)." };

export const CUSTOM_FUNCTIONS: PublicFunction[] = [
  {
    name: 'KOC_SCORE',
    kind: 'customFunction',
    summary: 'Value score 0–100 of each KOC row: influence, engagement, activity, content, conversion, brand fit and potential, weighted.',
    params: [
      HEADERS_PARAM,
      { name: 'rows', type: RANGE, description: 'One or more roster rows, as wide as headers, e.g. KOCs!A2:AF.' },
      WEIGHTS_PARAM,
    ],
    returns: { type: 'number|Array<Array<number|string>>', description: 'One score per row; blank for a blank row or a row with nothing to score; a short text naming a bad cell.' },
    impl: KOC_SCORE,
  },
  {
    name: 'KOC_TIER',
    kind: 'customFunction',
    summary:
      'Tier of each KOC row — Core, Potential, Regular or Candidate — by the tier rules (score, contribution/influence/activity floors, evidence); or, given a bare score, by the score thresholds alone.',
    params: [
      {
        name: 'headers_or_score',
        type: RANGE,
        description: "The roster's header row, e.g. KOCs!A1:AF1 — or a score 0–100 (\"80%\" counts as 80) or a column of scores, e.g. Echelon!C2:C.",
      },
      {
        name: 'rows_or_thresholds',
        type: RANGE,
        description: 'With headers: roster rows, e.g. KOCs!A2:AF. With a score: lowest scores of Core, Potential and Regular, e.g. {75, 55, 35}. Default: the Settings thresholds.',
        optional: true,
      },
      { ...WEIGHTS_PARAM, description: 'With headers: dimension weights, e.g. KOC_WEIGHTS. Default: the Settings weights.' },
    ],
    returns: { type: 'string|Array<Array<string>>', description: 'One tier per score; blank for a blank score.' },
    impl: KOC_TIER,
  },
  {
    name: 'KOC_STAGE',
    kind: 'customFunction',
    summary: 'Lifecycle stage of each KOC row — Sprout, Active, Mature, Transition or Alumni — from Status, Joined, Posts 30d and Last post.',
    params: [HEADERS_PARAM, { name: 'rows', type: RANGE, description: 'One or more roster rows, as wide as headers, e.g. KOCs!A2:AF.' }],
    returns: { type: 'string|Array<Array<string>>', description: 'One stage per row; blank for a blank row.' },
    impl: KOC_STAGE,
  },
  {
    name: 'KOC_ENGAGEMENT',
    kind: 'customFunction',
    summary: 'Weighted interactions per post, Xiaohongshu-style (likes 1, collects 1, comments 4, shares 4); with followers, the engagement rate.',
    params: [
      { name: 'likes', type: 'number|Array<Array<number>>', description: 'Average likes per post, a value or a column, e.g. N2:N.' },
      { name: 'collects', type: 'number|Array<Array<number>>', description: 'Average collects (saves) per post.' },
      { name: 'comments', type: 'number|Array<Array<number>>', description: 'Average comments per post.' },
      { name: 'shares', type: 'number|Array<Array<number>>', description: 'Average shares per post.' },
      { name: 'followers', type: 'number|Array<Array<number>>', description: 'Followers; when given, the result is interactions per post ÷ followers.', optional: true },
    ],
    returns: { type: 'number|Array<Array<number>>', description: 'Weighted interactions per post, or the rate (format as %).' },
    impl: KOC_ENGAGEMENT,
  },
  {
    name: 'KOC_ROI',
    kind: 'customFunction',
    summary: 'Return on cost: value ÷ cost (e.g. GMV 30d ÷ Monthly cost); blank when the cost is 0 or blank.',
    params: [
      { name: 'value', type: 'number|Array<Array<number>>', description: 'What the KOC brought in, a value or a column, e.g. T2:T (GMV 30d).' },
      { name: 'cost', type: 'number|Array<Array<number>>', description: 'What the KOC cost over the same period, e.g. AC2:AC (Monthly cost).' },
    ],
    returns: { type: 'number|Array<Array<number>>', description: 'One ratio per row.' },
    impl: KOC_ROI,
  },
  {
    name: 'KOC_NUM',
    kind: 'customFunction',
    summary: 'A count or rate as platforms show it, as a number: 1.2万 → 12000, 3.4k → 3400, 1.2M → 1200000, 3.5% → 0.035.',
    params: [{ name: 'text', type: 'string|Array<Array<string>>', description: 'A cell or range of counts or rates, e.g. "1.2w" or L2:L. Blank, "-", "—" and "N/A" give blank.' }],
    returns: { type: 'number|Array<Array<number|string>>', description: 'The numbers, in the same shape as the input.' },
    impl: KOC_NUM,
  },
  {
    name: 'KOC_EXPLAIN',
    kind: 'customFunction',
    summary: 'The score of one KOC taken apart: one line a dimension with its sub-score, weight, points, and what was missing.',
    params: [
      HEADERS_PARAM,
      { name: 'row', type: RANGE, description: 'One roster row, as wide as headers, e.g. KOCs!A2:AF2.' },
      WEIGHTS_PARAM,
    ],
    returns: { type: 'Array<Array<number|string>>', description: 'A table: Dimension, Score, Weight, Points, Notes, then the total.' },
    impl: KOC_EXPLAIN,
  },
];

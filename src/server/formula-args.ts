/**
 * The two arguments every KOC function may take besides its data: the day (`asof`, the KOC_ASOF
 * cell) and the team's Settings (`settings`, the KOC_SETTINGS range). Sheets re-runs a custom
 * function only when its arguments' values change, so these are how a Settings edit or a new day
 * reaches a formula: nothing here reads a sheet, a property or the clock.
 *
 * The settings range is read by the same parser as the recompute's (parseSettings), so a formula
 * and the Echelon sheet use the same weights, thresholds and rules, and every Settings row added
 * later reaches the formulas too. Older ranges still work: KOC_WEIGHTS or any two-column range of
 * dimension and weight, and (for KOC_TIER) three thresholds such as {75, 55, 35}.
 */
import { readDatesFor, readDay } from '../core/dates';
import { isBlank, quote } from '../core/numbers';
import { defaultSettings, findSettingDef, parseSettings, type Settings } from '../core/settings';
import { type Both, both, isBoth, t, type TextKey } from '../core/text';
import { parseThresholds } from '../core/tier';
import { dimensionOf, parseWeights } from '../core/weights';
import type { Lang } from '../sheets/schema';
import { countFormulaDaysAsSheetShows_, spreadsheetLang_ } from './context';

type Cell = unknown;
export type Grid = Cell[][];

/** The right call of each function, shown at the start of every wrong-call error. */
export const USAGE = {
  KOC_SCORE: 'KOC_SCORE(headers, rows, asof, [settings])',
  KOC_TIER: 'KOC_TIER(score, [settings])',
  /** KOC_TIER's roster form. */
  KOC_TIER_ROWS: 'KOC_TIER(headers, rows, asof, [settings])',
  KOC_STAGE: 'KOC_STAGE(headers, rows, asof, [settings])',
  KOC_ENGAGEMENT: 'KOC_ENGAGEMENT(likes, collects, comments, shares, [followers], [settings])',
  KOC_ROI: 'KOC_ROI(value, cost, [settings])',
  KOC_NUM: 'KOC_NUM(text, [settings])',
  KOC_EXPLAIN: 'KOC_EXPLAIN(headers, row, asof, [settings])',
} as const;
export type FnName = keyof typeof USAGE;

/**
 * A wrong call: how to call it, and what was wrong. The English is always there (it is what help
 * pages and searches know); in a Chinese workbook the Chinese follows on a second line.
 */
export function wrongCall(fn: FnName, should: TextKey, detail?: Both, lang: Lang = 'en'): never {
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
export function toGrid(value: unknown): Grid {
  if (!isArray(value)) return [[value]];
  const rows = value as unknown[];
  for (let i = 0; i < rows.length; i++) if (!isArray(rows[i])) return rows.map((row) => (isArray(row) ? row : [row]));
  return rows as Grid;
}

/** True for an argument left out or a blank single cell. */
export function omitted(value: unknown): boolean {
  return value === undefined || (!isArray(value) && isBlank(value));
}

/** True for a range of more than one cell: a settings range, never a day. */
function isWideRange(value: unknown): boolean {
  if (!isArray(value)) return false;
  const grid = toGrid(value);
  return grid.length > 1 || (grid[0]?.length ?? 0) > 1;
}

/** What a formula works with: the team's settings and the language of its labels and messages. */
export interface FormulaSettings {
  settings: Settings;
  lang: Lang;
}

/**
 * The settings argument. Omitted: the built-in defaults, in English. A Settings range
 * (KOC_SETTINGS: Setting and Value of every row) is parsed as the recompute parses the sheet; its
 * Language row decides the language (auto: the spreadsheet's locale), English when it has none.
 * A bad value keeps its default, as on Echelon (the recompute's message names it).
 */
export function settingsArg(fn: FnName, value: unknown, opts: { thresholds?: boolean } = {}): FormulaSettings {
  // Days (the "As of" row, a row's dates) are counted in the spreadsheet's zone, asked only if a day is counted.
  countFormulaDaysAsSheetShows_();
  if (omitted(value)) return { settings: defaultSettings(), lang: 'en' };
  if (!isArray(value)) wrongCall(fn, 'callSettings', both('settingsNotRange', (l) => ({ value: quote(value, l) })));
  const grid = toGrid(value);
  const labelled = grid.filter((row) => row.length >= 2 && findSettingDef(row[0]) !== undefined);
  if (labelled.length > 0) {
    // A weight row may name its dimension alone ("Content", "潜力值"), as weights ranges do.
    const pairs = grid.map((row) => {
      const dim = findSettingDef(row[0]) ? undefined : dimensionOf(row[0]);
      return [dim ? `weights.${dim}` : row[0], row[1]];
    });
    const { settings } = parseSettings(pairs);
    const hasLanguage = labelled.some((row) => findSettingDef(row[0])!.path === 'language');
    const lang: Lang = !hasLanguage ? 'en' : settings.language === 'auto' ? spreadsheetLang_() : settings.language;
    return { settings, lang };
  }
  // Older ranges: dimension | weight (any names), or KOC_TIER's three thresholds.
  const settings = defaultSettings();
  if (opts.thresholds) {
    const limits = parseThresholds(value);
    if (!isBoth(limits)) return { settings: { ...settings, tierThresholds: limits }, lang: 'en' };
    if (!grid.some((row) => dimensionOf(row[0]) !== undefined)) wrongCall(fn, 'callSettingsOrThresholds', limits);
  }
  const weights = parseWeights(grid);
  if (isBoth(weights)) wrongCall(fn, opts.thresholds ? 'callSettingsOrThresholds' : 'callSettings', weights);
  return { settings: { ...settings, weights }, lang: 'en' };
}

/**
 * `asof` and `settings` as the formula passed them. A wide range where the day goes is the
 * settings (`KOC_SCORE(headers, rows, KOC_SETTINGS)`, or an older `…, KOC_WEIGHTS)`): the day is
 * then the settings' "As of" row. The day is read by `day()`, after the data arguments are checked,
 * so a call missing everything is told about its first argument first.
 */
export function dayAndSettings(fn: FnName, asof: unknown, settings: unknown): FormulaSettings & { day: () => number } {
  if (settings === undefined && isWideRange(asof)) return dayAndSettings(fn, undefined, asof);
  const fs = settingsArg(fn, settings);
  return {
    ...fs,
    day: () => {
      const day = asOfArg(fn, asof, fs);
      // Dates the rows give without their year (3月1日) are read in the as-of day's year.
      readDatesFor(day);
      return day;
    },
  };
}

/**
 * The day a formula counts to, as a day number. A date cell (KOC_ASOF), a date typed as text
 * ("2026-03-02") or a date serial. Omitted or blank: the "As of" row of the settings passed;
 * with neither, a wrong call naming KOC_ASOF — never the clock.
 */
export function asOfArg(fn: FnName, value: unknown, fs: FormulaSettings): number {
  let cell = value;
  if (isArray(value)) {
    const grid = toGrid(value);
    if (grid.length !== 1 || grid[0].length !== 1) wrongCall(fn, 'callAsOf', both('asOfNotOneCell', { rows: grid.length, columns: grid[0]?.length ?? 0 }), fs.lang);
    cell = grid[0][0];
  }
  if (omitted(cell)) {
    if (fs.settings.asOf !== undefined) return fs.settings.asOf;
    wrongCall(fn, 'callAsOf', value === undefined ? both('asOfMissing') : both('asOfBlank'), fs.lang);
  }
  const day = readDay(cell);
  if (day === undefined || Number.isNaN(day)) wrongCall(fn, 'callAsOf', both('asOfNotDate', (l) => ({ value: quote(cell, l) })), fs.lang);
  return day;
}

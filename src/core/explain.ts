/**
 * The score taken apart for KOC_EXPLAIN: one line a dimension with its sub-score, its share of
 * the total, the points it adds, and what was missing; the total with its evidence ("3 of 7
 * dimensions; Conversion and Brand fit unknown"); and the tier with what holds it back. Pure.
 */
import { DIMENSION_LABELS, DIMENSIONS } from './defaults';
import { GROUP_LABELS, measureInputs, TIER_RULES } from './model';
import { round } from './numbers';
import { KOCS } from './record';
import { PARTS, type ScoreContext, type ScoreInput, scoreKoc } from './score';
import { ruleShortfall, type TierFacts, type TierSettings, type TierShortfall, tierLabel, tierOf, tierRank } from './tier';
import { columnLabel, type Lang } from '../sheets/schema';
import { t } from './text';


const percent = (share: number) => `${round(share * 100, 1)}%`;

/** "A", "A and B", "A, B and C" (Chinese: A、B和C). */
export function listText(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(t('listJoin', lang)) + t('listAnd', lang) + items[items.length - 1];
}

/** What falls short of a tier, as a note. */
export function shortfallText(tier: 'core' | 'potential' | 'regular', f: TierShortfall, all: number, lang: Lang): string {
  const name = tierLabel(tier, lang);
  if (f.kind === 'evidence') return t('tierNeedsEvidence', lang, { n: f.evidence, all, need: f.need });
  if (f.kind === 'score') return t('tierNeedsScore', lang, { tier: name, limit: round(f.limit, 1) });
  const rule = TIER_RULES.find((r) => r.tier === tier)!;
  const value = f.value === undefined ? '—' : round(f.value, 1);
  const group = GROUP_LABELS[f.group][lang];
  return t(rule.need === 'any' ? 'tierNeedsAnyGroup' : 'tierNeedsGroup', lang, { tier: name, group, limit: round(f.limit, 1), value });
}

/**
 * The explanation as rows: a header, one row a dimension, the total, then the tier.
 * Columns: Dimension | Score | Weight | Points | Notes.
 */
export function explainScore(k: ScoreInput, c: ScoreContext, lang: Lang, tiers?: TierSettings): (string | number)[][] {
  const s = scoreKoc(k, c);
  const sep = t('listJoin', lang);
  const rows: (string | number)[][] = [
    [t('explainDimension', lang), t('explainScore', lang), t('explainWeight', lang), t('explainPoints', lang), t('explainNotes', lang)],
  ];
  const prior = c.evidence.unknownScore;
  for (const d of DIMENSIONS) {
    const label = DIMENSION_LABELS[d][lang];
    const value = s.dimensions[d];
    const parts = PARTS.filter((p) => p.dimension === d);
    const blank = [...new Set(parts.flatMap((p) => measureInputs(p.measure).filter((f) => k[f as keyof ScoreInput] === undefined)))].map((f) => columnLabel(KOCS, f, lang));
    if (value === undefined) {
      const points = s.total === undefined ? 0 : round(prior * s.shares[d], 1);
      rows.push([label, '', percent(s.shares[d]), points, t('explainNoData', lang, { list: blank.join(sep), prior })]);
      continue;
    }
    const notes: string[] = [];
    if (d === 'engagement' && s.interactionsPerPost !== undefined) notes.push(t('explainPerPost', lang, { n: round(s.interactionsPerPost, 1) }));
    if (blank.length) notes.push(t('explainMissing', lang, { list: blank.join(sep) }));
    rows.push([label, value, percent(s.shares[d]), round(value * s.shares[d], 1), notes.join(t('problemsJoin', lang))]);
  }
  const { known, of, unknown } = s.evidence;
  let coverage = t('explainCoverage', lang, { n: known, all: of });
  if (unknown.length) coverage += t('problemsJoin', lang) + t('explainUnknown', lang, { list: listText(unknown.map((d) => DIMENSION_LABELS[d][lang]), lang) });
  rows.push([
    t('explainTotal', lang),
    s.total ?? '',
    percent(DIMENSIONS.reduce((sum, d) => sum + s.shares[d], 0)),
    s.total ?? '',
    s.total !== undefined
      ? coverage
      : // Data there, but only in dimensions the weights give 0: say so, not "no data".
        DIMENSIONS.some((d) => s.dimensions[d] !== undefined)
        ? t('explainZeroWeights', lang)
        : t('explainNothing', lang),
  ]);
  if (tiers && s.total !== undefined) rows.push(tierRow(s.total, known, of, s.groups, tiers, lang));
  return rows;
}

/** The tier line: the tier the rules give, the group scores, and what holds it back from the next. */
function tierRow(score: number, evidence: number, of: number, groups: TierFacts['groups'], tiers: TierSettings, lang: Lang): (string | number)[] {
  const facts: TierFacts = { score, evidence, groups };
  const tier = tierOf(facts, tiers);
  const show = (v: number | undefined) => (v === undefined ? '—' : round(v, 1));
  const notes = [t('explainGroups', lang, { contribution: show(groups.contribution), influence: show(groups.influence), activity: show(groups.activity) })];
  const above = TIER_RULES.filter((r) => tierRank(r.tier) < tierRank(tier)).pop();
  if (above) notes.push(shortfallText(above.tier, ruleShortfall(above, facts, tiers)!, of, lang));
  else notes.push(t('tierTop', lang));
  return [t('explainTier', lang), tierLabel(tier, lang), '', '', notes.join(t('problemsJoin', lang))];
}

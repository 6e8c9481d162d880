/**
 * The score taken apart for KOC_EXPLAIN: one line a dimension with its sub-score, its share of
 * the total after missing dimensions are left out, the points it adds, and what was missing. Pure.
 */
import { DIMENSION_LABELS, DIMENSIONS } from './defaults';
import { round } from './numbers';
import { KOCS } from './record';
import { PARTS, type ScoreContext, type ScoreInput, scoreKoc } from './score';
import { columnLabel, type Lang } from '../sheets/schema';
import { t } from './text';


const percent = (share: number) => `${round(share * 100, 1)}%`;

/**
 * The explanation as rows: a header, one row a dimension, then the total.
 * Columns: Dimension | Score | Weight | Points | Notes.
 */
export function explainScore(k: ScoreInput, c: ScoreContext, lang: Lang): (string | number)[][] {
  const s = scoreKoc(k, c);
  const sep = t('listJoin', lang);
  const rows: (string | number)[][] = [
    [t('explainDimension', lang), t('explainScore', lang), t('explainWeight', lang), t('explainPoints', lang), t('explainNotes', lang)],
  ];
  let withData = 0;
  for (const d of DIMENSIONS) {
    const label = DIMENSION_LABELS[d][lang];
    const value = s.dimensions[d];
    const parts = PARTS.map((p, i) => ({ p, v: s.parts[i] })).filter(({ p }) => p.dimension === d);
    const blank = [...new Set(parts.flatMap(({ p }) => p.inputs.filter((f) => k[f as keyof ScoreInput] === undefined)))].map((f) => columnLabel(KOCS, f, lang));
    if (value === undefined) {
      rows.push([label, '', percent(0), 0, t('explainNoData', lang, { list: blank.join(sep) })]);
      continue;
    }
    withData++;
    const notes: string[] = [];
    if (d === 'engagement' && s.interactionsPerPost !== undefined) notes.push(t('explainPerPost', lang, { n: round(s.interactionsPerPost, 1) }));
    if (blank.length) notes.push(t('explainMissing', lang, { list: blank.join(sep) }));
    rows.push([label, value, percent(s.shares[d]), round(value * s.shares[d], 1), notes.join(t('problemsJoin', lang))]);
  }
  rows.push([
    t('explainTotal', lang),
    s.total ?? '',
    percent(DIMENSIONS.reduce((sum, d) => sum + s.shares[d], 0)),
    s.total ?? '',
    s.total !== undefined
      ? t('explainCoverage', lang, { n: withData, all: DIMENSIONS.length })
      : // Data there, but only in dimensions the weights give 0: say so, not "no data".
        withData > 0
        ? t('explainZeroWeights', lang)
        : t('explainNothing', lang),
  ]);
  return rows;
}

/**
 * The score taken apart for KOC_EXPLAIN: one line a dimension with its sub-score, its share of
 * the total after missing dimensions are left out, the points it adds, and what was missing. Pure.
 */
import { DIMENSION_LABELS, DIMENSIONS } from './defaults';
import { round } from './numbers';
import { KOCS, type KocField } from './record';
import { PARTS, type ScoreContext, type ScoreInput, scoreKoc } from './score';
import type { Lang } from '../sheets/schema';

const WORDS = {
  header: { en: ['Dimension', 'Score', 'Weight', 'Points', 'Notes'], zh: ['维度', '得分', '权重', '贡献', '说明'] },
  total: { en: 'Total', zh: '综合评分' },
  missing: { en: 'missing: {list}', zh: '缺少：{list}' },
  noData: { en: 'no data ({list} blank): left out, its weight shared by the others', zh: '无数据（{list}为空）：不计入，权重由其他维度分摊' },
  coverage: { en: '{n} of {all} dimensions have data', zh: '{all} 个维度中 {n} 个有数据' },
  nothing: { en: 'nothing to score: no metrics or ratings in this row', zh: '无可评分数据：此行没有指标或评分' },
  perPost: { en: '{n} weighted interactions per post', zh: '篇均加权互动 {n}' },
};

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k]));

function columnLabel(key: KocField, lang: Lang): string {
  const col = KOCS.columns.find((c) => c.key === key)!;
  return lang === 'zh' ? col.zh : col.en;
}

const percent = (share: number) => `${round(share * 100, 1)}%`;

/**
 * The explanation as rows: a header, one row a dimension, then the total.
 * Columns: Dimension | Score | Weight | Points | Notes.
 */
export function explainScore(k: ScoreInput, c: ScoreContext, lang: Lang): (string | number)[][] {
  const s = scoreKoc(k, c);
  const sep = lang === 'zh' ? '、' : ', ';
  const rows: (string | number)[][] = [WORDS.header[lang].slice()];
  let withData = 0;
  for (const d of DIMENSIONS) {
    const label = DIMENSION_LABELS[d][lang];
    const value = s.dimensions[d];
    const parts = PARTS.map((p, i) => ({ p, v: s.parts[i] })).filter(({ p }) => p.dimension === d);
    const blank = [...new Set(parts.flatMap(({ p }) => p.inputs.filter((f) => k[f as keyof ScoreInput] === undefined)))].map((f) => columnLabel(f, lang));
    if (value === undefined) {
      rows.push([label, '', percent(0), 0, fill(WORDS.noData[lang], { list: blank.join(sep) })]);
      continue;
    }
    withData++;
    const notes: string[] = [];
    if (d === 'engagement' && s.interactionsPerPost !== undefined) notes.push(fill(WORDS.perPost[lang], { n: round(s.interactionsPerPost, 1) }));
    if (blank.length) notes.push(fill(WORDS.missing[lang], { list: blank.join(sep) }));
    rows.push([label, value, percent(s.shares[d]), round(value * s.shares[d], 1), notes.join('; ')]);
  }
  rows.push([
    WORDS.total[lang],
    s.total ?? '',
    percent(DIMENSIONS.reduce((sum, d) => sum + s.shares[d], 0)),
    s.total ?? '',
    s.total === undefined ? WORDS.nothing[lang] : fill(WORDS.coverage[lang], { n: withData, all: DIMENSIONS.length }),
  ]);
  return rows;
}

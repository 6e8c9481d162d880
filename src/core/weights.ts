/**
 * Dimension weights from a range: the KOC_WEIGHTS named range on Settings (label | value, e.g.
 * "Weight · Influence" | 15 or "权重·影响力" | 15) or any two-column range of dimension and weight
 * ("Influence", "影响力", "brand fit", "brandFit"). Weights are relative: they are scaled to sum
 * to 1 when scoring. Pure.
 */
import { DEFAULT_WEIGHTS, DIMENSION_LABELS, DIMENSIONS, type Dimension } from './defaults';
import { isBlank, quote, readPoints } from './numbers';
import { type Both, both } from './text';
import type { Weights } from './score';
import { normalizeHeader } from '../sheets/schema';

/** Extra names a dimension answers to, beyond its key and its English and Chinese labels. */
const DIMENSION_ALIASES: Record<Dimension, readonly string[]> = {
  influence: ['reach'],
  engagement: ['interaction', 'interactions', '互动力'],
  activity: ['活跃'],
  content: ['content quality', '内容力'],
  conversion: ['sales', '转化力'],
  brandFit: ['fit', 'image', '形象契合', '契合度'],
  potential: ['潜力', 'growth'],
};

const WEIGHT_PREFIXES = ['weight', '权重'];

let names: Map<string, Dimension> | undefined;

/** Normalized name → dimension; built on first use so loading the bundle stays cheap. */
function dimensionNames(): Map<string, Dimension> {
  if (!names) {
    names = new Map();
    for (const d of DIMENSIONS) for (const name of [d, DIMENSION_LABELS[d].en, DIMENSION_LABELS[d].zh, ...DIMENSION_ALIASES[d]]) names.set(normalizeHeader(name), d);
  }
  return names;
}

/** The dimension a label names, with or without the Settings prefix ("Weight · ", "权重·"). */
export function dimensionOf(label: unknown): Dimension | undefined {
  const n = normalizeHeader(label);
  const direct = dimensionNames().get(n);
  if (direct) return direct;
  for (const p of WEIGHT_PREFIXES) if (n.startsWith(p)) return dimensionNames().get(n.slice(p.length));
  return undefined;
}

/**
 * Weights from a range as Apps Script passes it (2-D array). Dimensions the range leaves out keep
 * their default weight. Returns what is wrong, in both languages, when it cannot.
 */
export function parseWeights(range: unknown, base: Weights = DEFAULT_WEIGHTS): Weights | Both {
  if (!Array.isArray(range)) return both('weightsShape');
  let rows = (range as unknown[]).map((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
  // Labels across one row and weights across the next: turn it to label | weight rows. (Two rows
  // of label | weight | notes, as on Settings, are left as they are.)
  if (rows.length === 2 && rows[0].length > 2 && dimensionOf(rows[0][1])) rows = rows[0].map((label, i) => [label, rows[1][i]]);
  const weights = { ...base };
  let seen = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.every(isBlank)) continue;
    if (row.length < 2) return both('weightsShape');
    const dim = dimensionOf(row[0]);
    const n = readPoints(row[1]);
    if (!dim) {
      if (seen === 0 && (n === undefined || Number.isNaN(n))) continue; // a header row such as Dimension | Weight
      return both('weightsNotDimension', (lang) => ({
        value: quote(row[0], lang),
        list: DIMENSIONS.map((d) => DIMENSION_LABELS[d][lang]).join(lang === 'zh' ? '、' : ', '),
      }));
    }
    if (n === undefined || Number.isNaN(n) || n < 0) return both('weightsNotWeight', (lang) => ({ label: DIMENSION_LABELS[dim][lang], value: quote(row[1], lang) }));
    weights[dim] = n;
    seen++;
  }
  if (seen === 0) return both('weightsNone');
  if (DIMENSIONS.every((d) => weights[d] === 0)) return both('weightsAllZero');
  return weights;
}

/** Weights scaled to sum to 1 (all dimensions). */
export function normalizeWeights(w: Weights): Weights {
  const sum = DIMENSIONS.reduce((s, d) => s + w[d], 0);
  const out = {} as Weights;
  for (const d of DIMENSIONS) out[d] = sum > 0 ? w[d] / sum : 1 / DIMENSIONS.length;
  return out;
}

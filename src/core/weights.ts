/**
 * Dimension weights from a range: the KOC_WEIGHTS named range on Settings (label | value, e.g.
 * "Weight · Influence" | 15 or "权重·影响力" | 15) or any two-column range of dimension and weight
 * ("Influence", "影响力", "brand fit", "brandFit"). Weights are relative: they are scaled to sum
 * to 1 when scoring. Pure.
 */
import { DEFAULT_WEIGHTS, DIMENSION_LABELS, DIMENSIONS, type Dimension } from './defaults';
import { cellText, isBlank, readNumber } from './numbers';
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
 * their default weight. Returns an error text (for the caller's usage message) when it cannot.
 */
export function parseWeights(range: unknown, base: Weights = DEFAULT_WEIGHTS): Weights | string {
  if (!Array.isArray(range)) return 'give a two-column range of dimension and weight';
  let rows = (range as unknown[]).map((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
  // Labels across one row and weights across the next: turn it to label | weight rows.
  if (rows.length === 2 && rows[0].length > 2) rows = rows[0].map((label, i) => [label, rows[1][i]]);
  const weights = { ...base };
  let seen = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.every(isBlank)) continue;
    if (row.length < 2) return 'give a two-column range of dimension and weight';
    const dim = dimensionOf(row[0]);
    const n = readNumber(row[1]);
    if (!dim) {
      if (seen === 0 && (n === undefined || Number.isNaN(n))) continue; // a header row such as Dimension | Weight
      return `"${cellText(row[0])}" is not a dimension (${DIMENSIONS.map((d) => DIMENSION_LABELS[d].en).join(', ')})`;
    }
    if (n === undefined || Number.isNaN(n) || n < 0) return `${cellText(row[0])}: "${cellText(row[1])}" is not a weight (a number 0 or more)`;
    weights[dim] = n;
    seen++;
  }
  if (seen === 0) return 'no dimension weights found';
  if (DIMENSIONS.every((d) => weights[d] === 0)) return 'at least one weight must be above 0';
  return weights;
}

/** Weights scaled to sum to 1 (all dimensions). */
export function normalizeWeights(w: Weights): Weights {
  const sum = DIMENSIONS.reduce((s, d) => s + w[d], 0);
  const out = {} as Weights;
  for (const d of DIMENSIONS) out[d] = sum > 0 ? w[d] / sum : 1 / DIMENSIONS.length;
  return out;
}

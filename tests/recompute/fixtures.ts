/**
 * Small workbooks for the recompute tests: rows built from objects keyed by schema column key,
 * under the schema's English headers (or a reordered / Chinese header when a test asks).
 */
import { mapHeaders } from '../../src/sheets/headers';
import { type Lang, type SheetKey, sheetDef } from '../../src/sheets/schema';
import type { SheetRows } from '../../src/core/echelon/types';

export const NOW = new Date(2025, 5, 30, 10, 0, 0);
export const daysAgo = (n: number) => new Date(2025, 5, 30 - n);
export const daysAhead = (n: number) => new Date(2025, 5, 30 + n);

export function header(key: SheetKey, lang: Lang = 'en'): string[] {
  return sheetDef(key).columns.map((c) => (lang === 'zh' ? c.zh : c.en));
}

/** A sheet's values (header row first) from records keyed by column key. */
export function sheet(key: SheetKey, records: Record<string, unknown>[], lang: Lang = 'en'): unknown[][] {
  const def = sheetDef(key);
  return [header(key, lang), ...records.map((r) => def.columns.map((c) => (c.key in r ? r[c.key] : '')))];
}

export function rowsOf(key: SheetKey, records: Record<string, unknown>[]): SheetRows {
  const values = sheet(key, records);
  return { map: mapHeaders(sheetDef(key), values[0]), rows: values.slice(1), header: values[0] };
}

/** A KOC with enough data to score, active for a year. */
export function koc(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Name ${id}`,
    platform: 'Xiaohongshu',
    source: 'Public',
    owner: 'Lin',
    joined: daysAgo(365),
    categories: 'Skincare, Makeup',
    followers: 12000,
    posts30d: 6,
    likes: 300,
    collects: 120,
    comments: 40,
    shares: 10,
    leads30d: 20,
    orders30d: 5,
    gmv30d: 3000,
    lastPost: daysAgo(3),
    lastContact: daysAgo(2),
    quality: 4,
    professionalism: 3,
    creativity: 4,
    brandFit: 4,
    willingness: 4,
    communication: 4,
    monthlyCost: 1000,
    status: 'Active',
    ...over,
  };
}

/**
 * Every label of the sidebar: the catalog sidebar/text.json, English and Chinese side by side.
 * Enum values (tiers, stages, channels…) are labelled from the sheets schema, so a value reads
 * the same in the sheet and here.
 */
import { type Both, fill } from '../src/core/text';
import { label, type EnumValue, type Lang } from '../src/sheets/schema';
import CATALOG from './text.json';

export const UI = CATALOG satisfies Record<string, Both>;

export type UiKey = keyof typeof UI;

export function tr(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return fill(UI[key][lang], vars);
}

/** An enum key's label (Core, 核心…); the key itself when unknown. */
export function enumText(values: readonly EnumValue[], key: string | null | undefined, lang: Lang): string {
  if (!key) return '—';
  const v = values.find((x) => x.key === key);
  return v ? label(v, lang) : key;
}

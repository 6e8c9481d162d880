/**
 * Every message a user can see from the server side: the catalog src/core/text.json, English and
 * Chinese side by side, in the order of the code that says them (menu, writes, setup, BigQuery,
 * sidebar, recompute and schedule, cell and Settings problems, KOC_EXPLAIN, formula calls).
 * `{name}` placeholders are filled by `t`. The sidebar's own labels are sidebar/text.json, the
 * preview's preview/text.json; tests/core/text-catalogs.test.ts checks all three.
 */
import type { Lang } from '../sheets/schema';
import CATALOG from './text.json';

export const TEXT = CATALOG satisfies Record<string, Both>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(TEXT[key][lang], vars);
}

/** A text's `{name}` placeholders filled from `vars`; one with no value stays as written. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A message in both languages, for a caller that decides later which its reader sees. */
export interface Both {
  en: string;
  zh: string;
}

/** `vars` may depend on the language (a value quoted as each language quotes it). */
export function both(key: TextKey, vars: Record<string, string | number> | ((lang: Lang) => Record<string, string | number>) = {}): Both {
  const of = (lang: Lang) => (typeof vars === 'function' ? vars(lang) : vars);
  return { en: t(key, 'en', of('en')), zh: t(key, 'zh', of('zh')) };
}

export function isBoth(value: unknown): value is Both {
  return typeof value === 'object' && value !== null && typeof (value as Both).en === 'string' && typeof (value as Both).zh === 'string';
}

/** 'zh-CN', 'zh_TW', 'zh' → zh; anything else → en. */
export function langFromLocale(locale: unknown): Lang {
  return /^zh/i.test(String(locale ?? '')) ? 'zh' : 'en';
}

/**
 * A row's problems as one cell: the first `shown` joined, then how many more. Echelon's Problems
 * column shows 5; a formula's cell, narrower, 2.
 */
export function problemText(problems: readonly string[], lang: Lang, shown: number): string {
  const sep = t('problemsJoin', lang);
  return problems.length > shown ? t('problemsMore', lang, { problems: problems.slice(0, shown).join(sep), count: problems.length - shown }) : problems.join(sep);
}

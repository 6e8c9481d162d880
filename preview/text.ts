/**
 * Every word the preview itself shows (the page around the add-on, its dialogs and the server's
 * messages about the page): the catalog preview/text.json, English and Chinese side by side. What
 * the add-on shows (menu, toasts, alerts, sheets, sidebar) comes from the bundle in its own
 * language. The preview speaks the language of `--locale` (the add-on's `langFromLocale`), as
 * Sheets' own chrome speaks the user's.
 */
import { type Both, fill } from '../src/core/text';
import type { Lang } from '../src/sheets/schema';
import CATALOG from './text.json';

export type { Lang };
export { langFromLocale } from '../src/core/text';

export const PREVIEW_TEXT = CATALOG satisfies Record<string, Both>;

export type PreviewTextKey = keyof typeof PREVIEW_TEXT;

/** A preview text in a language, `{name}` placeholders filled from `vars`. */
export function pt(lang: Lang, key: PreviewTextKey, vars: Record<string, string | number> = {}): string {
  return fill(PREVIEW_TEXT[key][lang], vars);
}

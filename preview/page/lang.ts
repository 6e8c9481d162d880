/** The page's language, as the server wrote it into `<html lang>` (from --locale). */
import { type Lang, langFromLocale, type PreviewTextKey, pt } from '../text';

export const pageLang: Lang = langFromLocale(typeof document === 'undefined' ? 'en' : document.documentElement.lang);

/** A preview text in the page's language. */
export function tx(key: PreviewTextKey, vars?: Record<string, string | number>): string {
  return pt(pageLang, key, vars);
}

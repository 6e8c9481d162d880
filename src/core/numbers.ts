/**
 * Numbers the way platforms and ops teams write them: 12000, 12,000, 1.2万, 1.2w, 1.2亿, 3.4k,
 * 1.2M, 3.5% (→ 0.035), full-width digits, stray spaces. Pure; no Apps Script globals.
 *
 * `readNumber` returns a number, `undefined` for a missing value (blank, —, -, N/A) or NaN for a
 * bad one. No objects are made, so callers can run it over 100k cells cheaply.
 */

// Read once: global lookups are slow inside a vm context (the emulator, tests, bench).
const isFiniteNumber = Number.isFinite;
const toNumber = Number;
const NAN = Number.NaN;
const fromCharCode = String.fromCharCode;
const { round: mathRound, min, max } = Math;
const EPSILON = Number.EPSILON;

/** Text that means "no value" on the roster. Compared after trimming and lower-casing. */
const MISSING_TEXT = new Set(['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', '#n/a', 'null', '无', '暂无']);

/** Suffix → power of ten. 万/w is 10⁴ (platform counts), 亿 10⁸. */
const SUFFIX_EXP: Record<string, number> = { '': 0, k: 3, '千': 3, w: 4, '万': 4, m: 6, '亿': 8, '%': -2 };

// Digits, optional thousands groups, optional decimals, an optional unit, an optional trailing '+'
// ("10万+" is how platforms show a floor). Groups must be well formed so "1,5" is not 15.
const NUMBER_TEXT = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(k|千|w|万|m|亿|%)?\+?$/;

/** Full-width ASCII (０-９, ，, ．, ％, ＋…) → half-width; every kind of space dropped. */
function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0xa0 || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x202f || code === 0x2009)
      continue;
    else out += text[i];
  }
  return out;
}

/** A count, amount or rate from a cell: number, `undefined` (missing) or NaN (bad value). */
export function readNumber(value: unknown): number | undefined {
  // Fast path: Sheets passes typed numbers as numbers.
  if (typeof value === 'number') return isFiniteNumber(value) ? value : NAN;
  if (value === '' || value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return NAN; // booleans, Dates
  return readNumberText(value);
}

export function readNumberText(text: string): number | undefined {
  const compact = toHalfWidth(text).toLowerCase();
  if (MISSING_TEXT.has(compact)) return undefined;
  const m = NUMBER_TEXT.exec(compact);
  if (!m) return NAN;
  const digits = m[2].indexOf(',') >= 0 ? m[2].replace(/,/g, '') : m[2];
  const exp = SUFFIX_EXP[m[3] ?? ''];
  // Shift by exponent in text: Number('1.2e4') is exactly 12000 where 1.2 * 10000 is not.
  const n = toNumber(exp === 0 ? digits : `${digits}e${exp}`);
  return m[1] === '-' ? -n : n;
}

/** Is this cell blank as Sheets passes it ('' for an empty cell)? */
export function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}

/** Any cell as text, never throwing (an object without a usable toString gives its tag). */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  try {
    return String(value);
  } catch (_) {
    return Object.prototype.toString.call(value);
  }
}

/** A cell as trimmed text: how IDs and keys are compared everywhere. */
export function trimmedText(value: unknown): string {
  return cellText(value).trim();
}

/**
 * A value quoted for a message, shortened: `"abc"`, `-5` in English; `“abc”`, `“-5”` in Chinese
 * (the quotes there also set the value apart from the characters around it).
 */
export function quote(value: unknown, lang: 'en' | 'zh' = 'en'): string {
  if (typeof value === 'number' && lang === 'en') return String(value);
  const text = cellText(value);
  const short = text.length > 30 ? `${text.slice(0, 29)}…` : text;
  return lang === 'zh' ? `“${short}”` : `"${short}"`;
}

/** Round to `places` decimals without float noise (0.1 + 0.2 → 0.3). */
export function round(n: number, places = 1): number {
  const f = 10 ** places;
  return mathRound((n + EPSILON) * f) / f;
}

export function clamp(n: number, lo: number, hi: number): number {
  return min(hi, max(lo, n));
}

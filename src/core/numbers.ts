/**
 * Numbers the way platforms, exports and ops teams write them: 12000, 12,000, 1.234.567,
 * 1.234,5, 1.2万 / 1.2萬 / 1.2w, 1.2亿, 1.5千, 3.4k, 1.2M, 29.0b, 10万+, 1e4, −5 (Unicode minus),
 * amounts with ¥ ￥ $ 元 RMB, 3.5% (→ 0.035), full-width digits, stray spaces. Pure; no Apps
 * Script globals.
 *
 * `readNumber` returns a number, `undefined` for a missing value (blank, —, -, N/A, and the
 * placeholders exports write: None, NaN, NaN%, null) or NaN for a bad one. No objects are made,
 * so callers can run it over 100k cells cheaply.
 */

// Read once: global lookups are slow inside a vm context (the emulator, tests, bench).
const isFiniteNumber = Number.isFinite;
const toNumber = Number;
const NAN = Number.NaN;
const fromCharCode = String.fromCharCode;
const { round: mathRound, min, max } = Math;
const EPSILON = Number.EPSILON;

/** Text that means "no value" on the roster. Compared after trimming and lower-casing. */
const MISSING_TEXT = new Set(['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', '#n/a', 'null', 'none', 'nan', 'nan%', 'undefined', '无', '暂无']);

/** Suffix → power of ten. 万/萬/w is 10⁴ (platform counts), 亿/億 10⁸, b a billion. */
const SUFFIX_EXP: Record<string, number> = { '': 0, k: 3, '千': 3, w: 4, '万': 4, '萬': 4, m: 6, '亿': 8, '億': 8, b: 9, '%': -2 };

// Digits, optional thousands groups, optional decimals, an optional exponent, an optional unit,
// an optional trailing '+' ("10万+" is how platforms show a floor). Groups must be well formed so
// "1,5" is not 15. The second form is the dot-grouped one ("1.234.567", "1.234,5").
const NUMBER_TEXT = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(e[+-]?\d+)?(k|千|w|万|萬|m|b|亿|億|%)?\+?$/;
const DOT_GROUPED = /^([+-]?)(\d{1,3}(?:\.\d{3})+(?:,\d+)?)(k|千|w|万|萬|m|b|亿|億|%)?\+?$/;

/** Currency marks around an amount: ¥600, ￥600 (¥ after full-width folding), $1.2k, 500元, RMB 600. */
const CURRENCY = /^(?:¥|\$|rmb|cny|usd)|(?:元|块|rmb|cny|usd)$/;

/** Full-width ASCII (０-９, ，, ．, ％, ＋…) → half-width; every kind of space dropped. */
function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += fromCharCode(code - 0xfee0);
    else if (code === 0xffe5) out += '¥'; // full-width yen ￥
    else if (code === 0x2212 || code === 0xfe63) out += '-'; // Unicode minus signs
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

/**
 * A quantity on a 0–100 scale (a score, a tier threshold, a weight, a margin): "80%" means 80, as
 * 80 does. The one rule for "%" on such a scale; a count, amount or rate reads "12%" as 0.12
 * (readNumber), as Sheets does.
 */
export function readPoints(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.endsWith('%') || text.endsWith('％')) return readNumber(text.slice(0, -1));
  }
  return readNumber(value);
}

export function readNumberText(text: string): number | undefined {
  let compact = toHalfWidth(text).toLowerCase();
  if (MISSING_TEXT.has(compact)) return undefined;
  let m = NUMBER_TEXT.exec(compact);
  if (!m) {
    // Slower paths only for what the plain form refuses: a currency mark, dot-grouped thousands.
    const bare = compact.replace(CURRENCY, '');
    if (bare !== compact) {
      // A sign may stand before the mark ("-¥5"), and a second mark may follow ("¥500元").
      compact = bare.replace(CURRENCY, '');
      if (compact === '' || MISSING_TEXT.has(compact)) return NAN; // a mark with no amount
      m = NUMBER_TEXT.exec(compact);
    }
    if (!m && compact.startsWith('-') && CURRENCY.test(compact.slice(1))) {
      const n = readNumberText(compact.slice(1));
      return n === undefined ? n : -n;
    }
    if (!m) {
      const d = DOT_GROUPED.exec(compact);
      if (!d) return NAN;
      return scaled(d[1], d[2].replace(/\./g, '').replace(',', '.'), '', d[3]);
    }
  }
  return scaled(m[1], m[2].indexOf(',') >= 0 ? m[2].replace(/,/g, '') : m[2], m[3] ?? '', m[4]);
}

/** The number `digits` × 10^(exponent + unit), with its sign. */
function scaled(sign: string, digits: string, exponent: string, unit: string | undefined): number {
  const exp = SUFFIX_EXP[unit ?? ''] + (exponent ? toNumber(exponent.slice(1)) : 0);
  // Shift by exponent in text: Number('1.2e4') is exactly 12000 where 1.2 * 10000 is not.
  const n = toNumber(exp === 0 ? digits : `${digits}e${exp}`);
  if (!isFiniteNumber(n)) return NAN;
  return sign === '-' ? -n : n;
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

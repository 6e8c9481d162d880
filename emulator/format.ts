/**
 * Time zones, Utilities.formatDate (Java SimpleDateFormat patterns), Sheets number-format display
 * and the parsing Sheets applies to strings written by setValue(s) (USER_ENTERED-like).
 */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Fixed offsets Java accepts ("GMT+8", "GMT+08:00", "UTC") but Intl may not; minutes east of UTC. */
function fixedOffset(tz: string): number | null {
  if (tz === 'UTC' || tz === 'GMT' || tz === 'Z') return 0;
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    fmtCache.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (fixedOffset(tz) !== null) return true;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

const fixedCache = new Map<string, number | null>();

export function zonedParts(ms: number, tz: string): ZonedParts {
  let fixed = fixedCache.get(tz);
  if (fixed === undefined) {
    fixed = fixedOffset(tz);
    fixedCache.set(tz, fixed);
  }
  // Unknown zone ids fall back to GMT, as in Java.
  const off = fixed ?? cachedOffset(ms, tz) ?? 0;
  const d = new Date(ms + off * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

// Intl is slow per call; a zone's offset is looked up once per quarter hour (no zone changes offset
// more often), so formatting 50k dates costs a few hundred Intl calls.
const offsetCache = new Map<string, number | null>();

function cachedOffset(ms: number, tz: string): number | null {
  const key = `${tz}|${Math.floor(ms / 900000)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    off = intlOffset(ms, tz);
    if (offsetCache.size > 100000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

function intlOffset(ms: number, tz: string): number | null {
  let f: Intl.DateTimeFormat;
  try {
    f = formatter(tz);
  } catch {
    return null;
  }
  const out: Record<string, string> = {};
  const floor = ms - (((ms % 60000) + 60000) % 60000);
  for (const p of f.formatToParts(new Date(floor))) out[p.type] = p.value;
  const asUtc = Date.UTC(Number(out.year), Number(out.month) - 1, Number(out.day), Number(out.hour) % 24, Number(out.minute));
  return Math.round((asUtc - floor) / 60000);
}

/** Minutes east of UTC at that instant. */
export function offsetMinutes(ms: number, tz: string): number {
  return fixedOffset(tz) ?? cachedOffset(ms, tz) ?? 0;
}

/** The instant whose wall clock in `tz` reads the given fields. */
export function zonedToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let ms = guess - offsetMinutes(guess, tz) * 60000;
  // A second pass settles instants near a DST change.
  ms = guess - offsetMinutes(ms, tz) * 60000;
  return ms;
}

const pad = (n: number, w: number): string => String(Math.abs(n)).padStart(w, '0');

function offsetText(mins: number, colon: boolean): string {
  const sign = mins < 0 ? '-' : '+';
  const a = Math.abs(mins);
  return `${sign}${pad(Math.floor(a / 60), 2)}${colon ? ':' : ''}${pad(a % 60, 2)}`;
}

/** Utilities.formatDate: Java SimpleDateFormat letters (y M d H h k K m s S E a Z X z u D). */
export function formatDate(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.ms, Math.max(n, 3)).slice(0, n);
        break;
      case 'E':
        out += n >= 4 ? WEEKDAYS_LONG[p.weekday] : WEEKDAYS[p.weekday];
        break;
      case 'u':
        out += String(p.weekday === 0 ? 7 : p.weekday);
        break;
      case 'D': {
        const doy = (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000 + 1;
        out += pad(doy, n);
        break;
      }
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
        out += offsetText(offsetMinutes(ms, tz), false);
        break;
      case 'X': {
        const off = offsetMinutes(ms, tz);
        out += off === 0 ? 'Z' : n === 1 ? offsetText(off, false).slice(0, 3) : offsetText(off, n >= 3);
        break;
      }
      case 'z':
        out += `GMT${offsetText(offsetMinutes(ms, tz), true)}`;
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

// ---------- Sheets number formats (display) ----------

/** Serial day number (Sheets epoch 1899-12-30) of an instant, in the sheet's zone. */
export function toSerial(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  const day = Date.UTC(p.year, p.month - 1, p.day) / 86400000 + 25569;
  return day + (p.hour * 3600 + p.minute * 60 + p.second) / 86400;
}

function fromSerial(serial: number, tz: string): number {
  const days = Math.floor(serial);
  const secs = Math.round((serial - days) * 86400);
  const utcMidnight = (days - 25569) * 86400000;
  const d = new Date(utcMidnight);
  return zonedToEpoch(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60, tz);
}

function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ydhsm]/i.test(bare) && !/[#0?]/.test(bare.replace(/s\.0+/i, 's'));
}

/** Sheets date tokens: yyyy yy mmmm mmm mm m dddd ddd dd d hh h ss am/pm; mm next to h or s is minutes. */
const dateFormats = new Map<string, (p: ZonedParts) => string>();

function formatSheetDate(ms: number, tz: string, fmt: string): string {
  let f = dateFormats.get(fmt);
  if (!f) {
    f = compileSheetDate(fmt);
    dateFormats.set(fmt, f);
  }
  return f(zonedParts(ms, tz));
}

function compileSheetDate(fmt: string): (p: ZonedParts) => string {
  const ampm = /am\/pm|a\/p/i.test(fmt);
  const tokens: { t: string; lit?: boolean }[] = [];
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      tokens.push({ t: fmt.slice(i + 1, end < 0 ? fmt.length : end), lit: true });
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      tokens.push({ t: fmt[i + 1] ?? '', lit: true });
      i += 2;
      continue;
    }
    if (/am\/pm/i.test(fmt.slice(i, i + 5))) {
      tokens.push({ t: 'AMPM' });
      i += 5;
      continue;
    }
    const lower = ch.toLowerCase();
    if ('ymdhs'.includes(lower)) {
      let n = 1;
      while (fmt[i + n]?.toLowerCase() === lower) n++;
      tokens.push({ t: lower.repeat(n) });
      i += n;
      continue;
    }
    tokens.push({ t: ch, lit: true });
    i++;
  }
  const kinds = tokens.map((t) => (t.lit ? '' : t.t[0]));
  // mm is minutes next to hours or seconds, else months: decided once per pattern.
  const minutes = tokens.map((tok, k) => {
    const prev = kinds.slice(0, k).filter(Boolean).pop();
    const next = kinds.slice(k + 1).filter(Boolean)[0];
    return !tok.lit && tok.t[0] === 'm' && tok.t.length <= 2 && (prev === 'h' || next === 's');
  });
  return (p) => {
  let out = '';
  tokens.forEach((tok, k) => {
    if (tok.lit) {
      out += tok.t;
      return;
    }
    const t = tok.t;
    switch (t[0]) {
      case 'y':
        out += t.length <= 2 ? pad(p.year % 100, 2) : String(p.year);
        break;
      case 'd':
        out += t.length >= 4 ? WEEKDAYS_LONG[p.weekday] : t.length === 3 ? WEEKDAYS[p.weekday] : pad(p.day, t.length);
        break;
      case 'h': {
        const h = ampm ? (p.hour % 12 === 0 ? 12 : p.hour % 12) : p.hour;
        out += pad(h, t.length);
        break;
      }
      case 's':
        out += pad(p.second, t.length);
        break;
      case 'A':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'm': {
        if (minutes[k]) out += pad(p.minute, t.length);
        else if (t.length >= 4) out += MONTHS[p.month - 1];
        else if (t.length === 3) out += MONTHS[p.month - 1].slice(0, 3);
        else out += pad(p.month, t.length);
        break;
      }
      default:
        out += t;
    }
  });
  return out;
  };
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Numeric patterns: prefix, #,##0 / 0 core, decimals, %, suffix; `;` sections (pos;neg;zero). */
interface NumberSection {
  prefix: string;
  suffix: string;
  percent: boolean;
  decimals: number;
  optional: RegExp | null;
  group: boolean;
  leadingZero: boolean;
  literal: string | null;
}

const numberFormats = new Map<string, NumberSection[]>();

function compileSection(section: string): NumberSection {
  const core = /[#0,]*[0#](?:\.[0#]+)?/.exec(section);
  if (!core) return { prefix: '', suffix: '', percent: false, decimals: 0, optional: null, group: false, leadingZero: true, literal: section.replace(/"/g, '') };
  const prefix = section.slice(0, core.index).replace(/["\\]/g, '').replace(/[_*]./g, '');
  const suffix = section.slice(core.index + core[0].length).replace(/["\\]/g, '').replace(/[_*]./g, '');
  const dot = core[0].indexOf('.');
  const optional = dot < 0 ? 0 : (core[0].slice(dot + 1).match(/#/g) ?? []).length;
  return {
    prefix,
    suffix,
    percent: prefix.includes('%') || suffix.includes('%'),
    decimals: dot < 0 ? 0 : core[0].length - dot - 1,
    optional: optional > 0 ? new RegExp(`0{1,${optional}}$`) : null,
    group: core[0].includes(','),
    leadingZero: /0/.test(core[0].split('.')[0]),
    literal: null,
  };
}

function formatSheetNumber(v: number, fmt: string): string {
  let sections = numberFormats.get(fmt);
  if (!sections) {
    sections = fmt.split(';').map(compileSection);
    numberFormats.set(fmt, sections);
  }
  let sec = sections[0];
  let value = v;
  if (v < 0 && sections[1] !== undefined) {
    sec = sections[1];
    value = -v;
  } else if (v === 0 && sections[2] !== undefined) sec = sections[2];
  if (sec.literal !== null) return sec.literal;
  if (sec.percent) value *= 100;
  let text = Math.abs(value).toFixed(sec.decimals);
  if (sec.optional) text = text.replace(sec.optional, '').replace(/\.$/, '');
  const dot = text.indexOf('.');
  let intPart = dot < 0 ? text : text.slice(0, dot);
  const frac = dot < 0 ? '' : text.slice(dot + 1);
  if (sec.group && intPart.length > 3) intPart = groupThousands(intPart);
  if (!sec.leadingZero && intPart === '0' && frac) intPart = '';
  const sign = value < 0 && Number(text) !== 0 ? '-' : '';
  return `${sign}${sec.prefix}${intPart}${frac ? `.${frac}` : ''}${sec.suffix}`;
}

const dateKinds = new Map<string, boolean>();

function isDateFormatCached(fmt: string): boolean {
  let k = dateKinds.get(fmt);
  if (k === undefined) {
    k = isDateFormat(fmt);
    dateKinds.set(fmt, k);
  }
  return k;
}

/** Plain display of a number without a format, the way Sheets' "Automatic" shows it. */
export function generalNumber(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '#NUM!' : v < 0 ? '-#NUM!' : '#NUM!';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return String(Number.parseFloat(v.toPrecision(15)));
}

export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** What getDisplayValues shows for a stored value under a number format. */
export function displayValue(v: unknown, fmt: string | undefined, tz: string): string {
  if (v === '' || v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const f = fmt && fmt !== 'General' && fmt !== '@' ? fmt : undefined;
  if (isDateValue(v)) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) return '';
    if (f && isDateFormatCached(f)) return formatSheetDate(ms, tz, f);
    if (f) return formatSheetNumber(toSerial(ms, tz), f);
    const p = zonedParts(ms, tz);
    const date = `${p.year}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
    return p.hour === 0 && p.minute === 0 && p.second === 0 ? date : `${date} ${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  }
  if (typeof v === 'number') {
    if (!f) return generalNumber(v);
    if (isDateFormatCached(f)) return formatSheetDate(fromSerial(v, tz), tz, f);
    return formatSheetNumber(v, f);
  }
  return String(v);
}

// ---------- strings written by setValue(s) ----------

const NUM_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export interface Parsed {
  value: number | boolean | Date;
  format?: string;
}

/**
 * Sheets turns strings that look like numbers, percentages, booleans or dates into those types
 * (as if typed by a user); text stays text. Returns null for text.
 */
export function parseEntered(s: string, tz: string): Parsed | null {
  const c = s.charCodeAt(0);
  // Fast exit: only digits, sign, dot, t/T, f/F can start something Sheets converts.
  const maybe = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 116 || c === 84 || c === 102 || c === 70;
  if (!maybe) return null;
  const t = s.trim();
  // Only TRUE and FALSE are words: longer text (most text that gets here) is not upper-cased.
  const upper = t.length <= 5 ? t.toUpperCase() : '';
  if (upper === 'TRUE') return { value: true };
  if (upper === 'FALSE') return { value: false };
  if (t.endsWith('%')) {
    const body = t.slice(0, -1).trim();
    if (body !== '' && NUM_RE.test(body) && /\d/.test(body)) {
      const dec = body.includes('.') ? body.split('.')[1].length : 0;
      return { value: Number(body.replace(/,/g, '')) / 100, format: dec ? `0.${'0'.repeat(dec)}%` : '0%' };
    }
    return null;
  }
  if (/\d/.test(t) && NUM_RE.test(t)) return { value: Number(t.replace(/,/g, '')), format: t.includes(',') ? '#,##0' : undefined };
  const m = DATE_RE.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1) return null;
    const hasTime = m[4] !== undefined;
    const ms = zonedToEpoch(y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), tz);
    return { value: new Date(ms), format: hasTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd' };
  }
  return null;
}

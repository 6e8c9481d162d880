/**
 * The formulas the emulator evaluates: `=KOC_FN(arg, …)` where each argument is a number, a
 * string, TRUE/FALSE, an array literal (`{75, 55, 35}`), an A1 range (optionally on another
 * sheet, quoted or not; open-ended like `A2:AH`; whole columns `A:C`; whole rows `2:2`), a named
 * range, or another KOC function's call (`KOC_TIER(KOC_SCORE(…))`). A volatile function as an
 * argument (`TODAY()`, `NOW()`, `RAND()`) is recognised: Sheets refuses it, the cell stays
 * "Loading...". Anything else (operators, other functions) is "not evaluated here" and shown as
 * text with a note. Pure: no workbook, no Node APIs.
 */
import { columnToLetters as columnLetters, lettersToColumn as columnIndex } from './a1';

export type FormulaArg =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'range'; ref: RangeRef; text: string }
  | { kind: 'name'; name: string; text: string }
  /** Array literal: rows of numbers, strings and booleans (`{1, 2; 3, 4}`). */
  | { kind: 'array'; rows: (number | string | boolean)[][] }
  /** A nested call of a custom function: evaluated first, its result passed as the argument. */
  | { kind: 'call'; fn: string; args: FormulaArg[] }
  /** A volatile Sheets function (TODAY, NOW, RAND…): not allowed as a custom function's argument. */
  | { kind: 'volatile'; fn: string };

/** Sheets functions whose value changes without any input changing; Sheets refuses them as custom-function arguments. */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set(['NOW', 'TODAY', 'RAND', 'RANDBETWEEN', 'RANDARRAY']);

/**
 * A range as written. Rows and columns are 1-based; `null` means open-ended on that side
 * (`A2:AH` has no end row; `A:C` has neither start nor end row; `2:2` has no columns).
 */
export interface RangeRef {
  sheet: string | null;
  startRow: number | null;
  startCol: number | null;
  endRow: number | null;
  endCol: number | null;
}

export type ParsedFormula =
  | { ok: true; fn: string; args: FormulaArg[] }
  /** `reason` says why the preview does not evaluate it (shown as the cell's note). */
  | { ok: false; reason: string };

/** 1-based column index ↔ letters (A ↔ 1, AH ↔ 34): the emulator's A1 rules, one place. */
export { columnIndex, columnLetters };

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** A1 reference without a sheet: `A1`, `$A$1`, `A1:B2`, `A2:AH`, `A:C`, `2:5`. */
const CELL_PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parsePart(text: string): { col: number | null; row: number | null } | null {
  const m = CELL_PART.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const row = m[2] ? Number(m[2]) : null;
  if (row !== null && row < 1) return null;
  return { col: m[1] ? columnIndex(m[1]) : null, row };
}

/** Parse the part after any `Sheet!` prefix. */
export function parseA1(text: string, sheet: string | null = null): RangeRef | null {
  const [left, right, extra] = text.split(':');
  if (extra !== undefined || left === undefined) return null;
  const a = parsePart(left);
  if (!a) return null;
  if (right === undefined) {
    // A single cell needs both a column and a row.
    if (a.col === null || a.row === null) return null;
    return { sheet, startRow: a.row, startCol: a.col, endRow: a.row, endCol: a.col };
  }
  const b = parsePart(right);
  if (!b) return null;
  // `A:C` and `2:5` must be column-only or row-only on both sides; `A2:AH` may drop the end row.
  if (a.col === null && (b.col !== null || a.row === null || b.row === null)) return null;
  if (a.row === null && b.row !== null) return null;
  if (b.col === null && a.col !== null) return null;
  const ref: RangeRef = { sheet, startRow: a.row, startCol: a.col, endRow: b.row, endCol: b.col };
  // Normalize reversed corners (B2:A1 is A1:B2 in Sheets).
  if (ref.startRow !== null && ref.endRow !== null && ref.endRow < ref.startRow) [ref.startRow, ref.endRow] = [ref.endRow, ref.startRow];
  if (ref.startCol !== null && ref.endCol !== null && ref.endCol < ref.startCol) [ref.startCol, ref.endCol] = [ref.endCol, ref.startCol];
  return ref;
}

export function formatRef(ref: RangeRef): string {
  const part = (row: number | null, col: number | null) => `${col === null ? '' : columnLetters(col)}${row === null ? '' : row}`;
  const sheet = ref.sheet === null ? '' : `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(ref.sheet) ? ref.sheet : `'${ref.sheet.replace(/'/g, "''")}'`}!`;
  const start = part(ref.startRow, ref.startCol);
  const end = part(ref.endRow, ref.endCol);
  const single = ref.startRow !== null && ref.startRow === ref.endRow && ref.startCol !== null && ref.startCol === ref.endCol;
  return `${sheet}${start}${single ? '' : `:${end}`}`;
}

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string {
    return this.s[this.i] ?? '';
  }
  skipSpace(): void {
    while (/\s/.test(this.peek())) this.i++;
  }
  done(): boolean {
    return this.i >= this.s.length;
  }
}

/**
 * Parse one formula. `isCustomFunction(name)` says which function names run in the bundle
 * (compared upper-case, as Sheets does).
 */
export function parseFormula(formula: string, isCustomFunction: (name: string) => boolean): ParsedFormula {
  const text = formula.trim();
  if (!text.startsWith('=')) return { ok: false, reason: 'not a formula' };
  const sc = new Scanner(text.slice(1));
  sc.skipSpace();
  const nameMatch = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(sc.s.slice(sc.i));
  if (!nameMatch) return { ok: false, reason: 'The preview evaluates only =KOC_…(…) formulas; this one is shown as text.' };
  const fn = nameMatch[0].toUpperCase();
  sc.i += nameMatch[0].length;
  sc.skipSpace();
  if (sc.peek() !== '(') return { ok: false, reason: 'The preview evaluates only =KOC_…(…) formulas; this one is shown as text.' };
  if (!isCustomFunction(fn)) return { ok: false, reason: `${fn} is a Sheets function; the preview evaluates only the KOC Ops functions (KOC_…), so this is shown as text.` };
  const args = parseCallArgs(sc, fn, isCustomFunction);
  if (typeof args === 'string') return { ok: false, reason: args };
  sc.skipSpace();
  if (!sc.done()) return { ok: false, reason: `Only a single ${fn}(…) call is evaluated by the preview; "${sc.s.slice(sc.i)}" after it is not.` };
  return { ok: true, fn, args };
}

/** The arguments of a call, from its `(` to its `)`; a string says what is wrong. */
function parseCallArgs(sc: Scanner, fn: string, isCustomFunction: (name: string) => boolean): FormulaArg[] | string {
  sc.i++; // (
  const args: FormulaArg[] = [];
  sc.skipSpace();
  if (sc.peek() === ')') {
    sc.i++;
    return args;
  }
  for (;;) {
    sc.skipSpace();
    const arg = parseArg(sc, isCustomFunction);
    if (typeof arg === 'string') return arg;
    args.push(arg);
    sc.skipSpace();
    const ch = sc.peek();
    sc.i++;
    if (ch === ')') return args;
    if (ch !== ',' && ch !== ';') return `Unexpected "${ch || 'end of formula'}" in ${fn}(…): arguments are ranges, named ranges, numbers, "strings" or KOC_…(…) calls separated by commas.`;
  }
}

/** A nested call `NAME(…)` at the scanner, or undefined when the text there is not one. */
function parseNestedCall(sc: Scanner, isCustomFunction: (name: string) => boolean): FormulaArg | string | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_.]*)\s*\(/.exec(sc.s.slice(sc.i));
  if (!m) return undefined;
  const fn = m[1].toUpperCase();
  if (VOLATILE_FUNCTIONS.has(fn)) {
    // Skip to the matching parenthesis: what is inside does not matter.
    let depth = 0;
    let j = sc.i + m[0].length - 1;
    for (; j < sc.s.length; j++) {
      if (sc.s[j] === '(') depth++;
      else if (sc.s[j] === ')' && --depth === 0) break;
    }
    if (depth !== 0) return `${fn}( is missing its closing parenthesis.`;
    sc.i = j + 1;
    return { kind: 'volatile', fn };
  }
  if (!isCustomFunction(fn)) return `${fn} is a Sheets function; the preview evaluates only the KOC Ops functions (KOC_…), nested or not, so this is shown as text.`;
  sc.i += m[0].length - 1;
  const args = parseCallArgs(sc, fn, isCustomFunction);
  return typeof args === 'string' ? args : { kind: 'call', fn, args };
}

/** `{1, 2; 3, 4}`: commas between columns, semicolons between rows, as Sheets writes arrays in English locales. */
function parseArray(sc: Scanner): FormulaArg | string {
  sc.i++; // {
  const rows: (number | string | boolean)[][] = [[]];
  for (;;) {
    sc.skipSpace();
    const rest = sc.s.slice(sc.i);
    const item = /^(?:"((?:[^"]|"")*)"|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?)|(TRUE|FALSE))/i.exec(rest);
    if (!item) return 'An array literal holds numbers, "strings" or TRUE/FALSE, as in {75, 55, 35}.';
    sc.i += item[0].length;
    let value: number | string | boolean;
    if (item[1] !== undefined) value = item[1].replace(/""/g, '"');
    else if (item[2] !== undefined) value = item[2].endsWith('%') ? Number(item[2].slice(0, -1)) / 100 : Number(item[2]);
    else value = item[3].toUpperCase() === 'TRUE';
    rows[rows.length - 1].push(value);
    sc.skipSpace();
    const ch = sc.peek();
    sc.i++;
    if (ch === '}') break;
    if (ch === ';') rows.push([]);
    else if (ch !== ',') return `Unexpected "${ch || 'end of formula'}" in an array literal: separate columns with commas and rows with semicolons, as in {75, 55, 35}.`;
  }
  if (rows.some((r) => r.length !== rows[0].length)) return 'The rows of an array literal must all have the same number of items.';
  return { kind: 'array', rows };
}

function parseArg(sc: Scanner, isCustomFunction: (name: string) => boolean): FormulaArg | string {
  const rest = sc.s.slice(sc.i);
  if (rest.startsWith('{')) return parseArray(sc);
  const call = parseNestedCall(sc, isCustomFunction);
  if (call !== undefined) return call;
  if (rest.startsWith('"')) {
    const quoted = readQuoted(rest, '"');
    if (!quoted) return 'A string argument is missing its closing quote (").';
    sc.i += quoted.end;
    return { kind: 'string', value: quoted.text };
  }
  const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?(?=\s*[,;)])/.exec(rest);
  if (num) {
    sc.i += num[0].length;
    const pct = num[0].endsWith('%');
    const value = Number(pct ? num[0].slice(0, -1) : num[0]);
    return { kind: 'number', value: pct ? value / 100 : value };
  }
  const bool = /^(TRUE|FALSE)(?=\s*[,;)])/i.exec(rest);
  if (bool) {
    sc.i += bool[0].length;
    return { kind: 'boolean', value: bool[0].toUpperCase() === 'TRUE' };
  }
  // Optional sheet prefix: 'Any name'! or Name!
  let sheet: string | null = null;
  let j = 0;
  if (rest.startsWith("'")) {
    const quoted = readQuoted(rest, "'");
    if (!quoted) return "A sheet name is missing its closing quote (').";
    const name = quoted.text;
    j = quoted.end;
    if (rest[j] !== '!') return `A quoted sheet name must be followed by ! and a range, as in '${name}'!A1:B2.`;
    sheet = name;
    j++;
  } else {
    const bare = /^([\p{L}\p{N}_.]+)!/u.exec(rest);
    if (bare) {
      sheet = bare[1];
      j = bare[0].length;
    }
  }
  const token = /^[$\p{L}\p{N}_.:]+/u.exec(rest.slice(j));
  if (!token) return `Cannot read the argument "${rest.split(/[,;)]/)[0]}": use a range (A1:B2, 'Sheet'!A2:AH), a named range, a number or a "string".`;
  const body = token[0];
  const full = rest.slice(0, j + body.length);
  sc.i += j + body.length;
  const ref = parseA1(body, sheet);
  if (ref) return { kind: 'range', ref, text: full };
  if (sheet === null && /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(body)) return { kind: 'name', name: body, text: full };
  return `"${full}" is not a range: use A1 notation such as A2:AH, 'KOC名册'!A1:AH1 or a named range.`;
}

/** A range resolved against a sheet's size: every bound known, 1-based, inclusive. */
export interface Box {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Fill open ends: missing rows run from 1 / to the sheet's last row (at least the start row);
 * missing columns from A / to the sheet's last column.
 */
export function resolveRef(ref: RangeRef, sheet: string, size: { lastRow: number; lastColumn: number }): Box {
  const top = ref.startRow ?? 1;
  const left = ref.startCol ?? 1;
  const bottom = ref.endRow ?? Math.max(top, size.lastRow);
  const right = ref.endCol ?? Math.max(left, size.lastColumn);
  return { sheet, top, left, bottom, right };
}

/**
 * Does a dependency (possibly open-ended) cover this cell? Open ends cover every row or column,
 * so a formula reading `A2:AH` is re-evaluated when a row is added below the data.
 */
export function refCovers(ref: RangeRef, row: number, col: number): boolean {
  const rowOk = (ref.startRow === null || row >= ref.startRow) && (ref.endRow === null || row <= ref.endRow);
  const colOk = (ref.startCol === null || col >= ref.startCol) && (ref.endCol === null || col <= ref.endCol);
  return rowOk && colOk;
}

export function boxContains(box: Box, row: number, col: number): boolean {
  return row >= box.top && row <= box.bottom && col >= box.left && col <= box.right;
}

/**
 * Text between quotes at the start of `src` ("…" or '…', the quote doubled inside it for itself),
 * and where it ends (just past the closing quote); null when it is not closed.
 */
function readQuoted(src: string, quote: '"' | "'"): { text: string; end: number } | null {
  let text = '';
  let j = 1;
  for (;;) {
    if (j >= src.length) return null;
    if (src[j] === quote) {
      if (src[j + 1] !== quote) return { text, end: j + 1 };
      text += quote;
      j += 2;
    } else text += src[j++];
  }
}

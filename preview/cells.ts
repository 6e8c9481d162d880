/**
 * What a typed or pasted cell becomes, the way Sheets reads input: `=…` a formula, `'…` text as
 * typed, plain numbers (12000, 1,234, -5, 3.5%) numbers, a written date (2025-03-01, 2025/3/1,
 * 2025年3月1日, ２０２５年３月１日, 3月1日 in the current year) a date, TRUE/FALSE booleans,
 * everything else text as typed (so `1.2万` stays the text the team typed). Pure.
 */
import { dayNumber, readDate } from '../src/core/dates';

export type CellInput = string | number | boolean | Date;

const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$|^[+-]?\.\d+$/;
const PERCENT = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*%$/;

/**
 * A typed value for the grid, as setValue takes it: formulas and `'…` are kept as typed (setValue
 * stores the first as a formula, the second as the text after the apostrophe, as Sheets does).
 */
export function parseTyped(text: string, today: Date = new Date()): CellInput {
  if (text.startsWith('=')) return text;
  // Kept with its apostrophe: the write stores the rest as text (stripped, setValue would read
  // `'=1+1` as a formula and `'007` as the number 7).
  if (text.startsWith("'")) return text;
  return parsePlain(text, today);
}

/** Like parseTyped but never a formula: imported text that looks like one stays text. */
export function parseImported(text: string, today: Date = new Date()): CellInput {
  const value = parsePlain(text, today);
  // A value Sheets would read as a formula (= + - @) is written with a leading apostrophe.
  return typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;
}

function parsePlain(text: string, today: Date): CellInput {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (PLAIN_NUMBER.test(trimmed)) return Number(trimmed.replace(/,/g, ''));
  const pct = PERCENT.exec(trimmed);
  if (pct) return Number(`${pct[1]}e-2`);
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  // A written date, as every reader of a date cell reads one (2025-02-30 stays text).
  const date = readDate(trimmed, dayNumber(today));
  if (date) return date;
  return text;
}

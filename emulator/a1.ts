/** A1 notation: column letters, cell and range references, sheet-qualified ranges. */

export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
  return n;
}

/** A parsed range; open ends (`A:A`, `1:1`, `A2:C`) are left undefined for the caller to fill. */
export interface A1Range {
  row?: number;
  col?: number;
  endRow?: number;
  endCol?: number;
}

const PART = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

function parsePart(s: string): { col?: number; row?: number } | null {
  const m = PART.exec(s.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const col = m[1] ? lettersToColumn(m[1]) : undefined;
  const row = m[2] ? Number(m[2]) : undefined;
  if (row === 0) return null;
  return { col, row };
}

/** Parses `B2`, `A1:C3`, `A:C`, `2:5`, `A2:C`; returns null when malformed. */
export function parseA1(a1: string): A1Range | null {
  const pieces = a1.split(':');
  if (pieces.length > 2) return null;
  const a = parsePart(pieces[0]);
  if (!a) return null;
  if (pieces.length === 1) {
    if (a.col === undefined || a.row === undefined) return null;
    return { row: a.row, col: a.col, endRow: a.row, endCol: a.col };
  }
  const b = parsePart(pieces[1]);
  if (!b) return null;
  // Whole rows (2:5) need rows on both sides; whole columns (A:C) need columns on both sides.
  if (a.col === undefined && (b.col !== undefined || a.row === undefined || b.row === undefined)) return null;
  if (a.row === undefined && (b.row !== undefined || a.col === undefined || b.col === undefined)) return null;
  if (a.col === undefined && b.col === undefined) return { row: Math.min(a.row!, b.row!), endRow: Math.max(a.row!, b.row!) };
  if (a.row === undefined && b.row === undefined) return { col: Math.min(a.col!, b.col!), endCol: Math.max(a.col!, b.col!) };
  const rows = [a.row, b.row].filter((x): x is number => x !== undefined);
  const cols = [a.col, b.col].filter((x): x is number => x !== undefined);
  return {
    row: Math.min(...rows),
    endRow: b.row === undefined ? undefined : Math.max(...rows),
    col: Math.min(...cols),
    endCol: Math.max(...cols),
  };
}

/** Splits `'KOC名册'!A1:B2` or `Sheet1!A1` into sheet name and range part. */
export function splitSheetName(ref: string): { sheet?: string; range: string } {
  const s = ref.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i];
      i++;
    }
    if (s[i + 1] !== '!') return { range: s };
    return { sheet: name, range: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { range: s };
  return { sheet: s.slice(0, bang), range: s.slice(bang + 1) };
}

export function cellA1(row: number, col: number): string {
  return `${columnToLetters(col)}${row}`;
}

export function rangeA1(row: number, col: number, numRows: number, numCols: number): string {
  if (numRows === 1 && numCols === 1) return cellA1(row, col);
  return `${cellA1(row, col)}:${cellA1(row + numRows - 1, col + numCols - 1)}`;
}

/** Quotes a sheet name for use in a reference when it needs quoting. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

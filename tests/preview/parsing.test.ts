/** The preview's pure parts: formulas and A1 ranges, CSV, typed input, roster import. */
import { describe, expect, it } from 'vitest';
import { parseTyped } from '../../preview/cells';
import { parseTable } from '../../preview/csv';
import { formatRef, parseFormula, refCovers, resolveRef } from '../../preview/formula';
import { applyImport, checkImport } from '../../preview/import';

const isKoc = (name: string) => name.startsWith('KOC_');

describe('formula parsing', () => {
  it('reads ranges with quoted and bare sheet names, open ends, whole columns and rows', () => {
    const f = parseFormula("=KOC_SCORE('KOC名册'!$A$1:$AH$1, A2:AH, KOCs!B:C, 3:3, KOC_WEIGHTS)", isKoc);
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.fn).toBe('KOC_SCORE');
    expect(f.args.map((a) => (a.kind === 'range' ? formatRef(a.ref) : a.kind === 'name' ? a.name : a.kind))).toEqual([
      "'KOC名册'!A1:AH1",
      'A2:AH',
      'KOCs!B:C',
      '3:3',
      'KOC_WEIGHTS',
    ]);
  });

  it('reads numbers, strings with doubled quotes, booleans, percent and semicolons', () => {
    const f = parseFormula('=koc_num("1.2万"; 3.5%, -2, TRUE, "say ""hi""")', isKoc);
    expect(f).toEqual({
      ok: true,
      fn: 'KOC_NUM',
      args: [
        { kind: 'string', value: '1.2万' },
        { kind: 'number', value: 0.035 },
        { kind: 'number', value: -2 },
        { kind: 'boolean', value: true },
        { kind: 'string', value: 'say "hi"' },
      ],
    });
  });

  it('says why other formulas are not evaluated', () => {
    expect(parseFormula('=SUM(A1:A3)', isKoc)).toMatchObject({ ok: false, reason: expect.stringContaining('SUM is a Sheets function') });
    expect(parseFormula('=KOC_NUM(A1)+1', isKoc)).toMatchObject({ ok: false, reason: expect.stringContaining('Only a single KOC_NUM') });
    expect(parseFormula('=KOC_NUM(A1:B2:C3)', isKoc)).toMatchObject({ ok: false, reason: expect.stringContaining('not a range') });
    expect(parseFormula("=KOC_NUM('open!A1)", isKoc)).toMatchObject({ ok: false });
    expect(parseFormula('=1+2', isKoc)).toMatchObject({ ok: false });
  });

  it('resolves open ends to the sheet size and tests coverage', () => {
    const f = parseFormula('=KOC_SCORE(A1:AH1, A2:AH, C:C)', isKoc);
    if (!f.ok) throw new Error(f.reason);
    const [, open, col] = f.args.map((a) => (a.kind === 'range' ? a.ref : null));
    expect(resolveRef(open!, 'KOCs', { lastRow: 61, lastColumn: 34 })).toEqual({ sheet: 'KOCs', top: 2, left: 1, bottom: 61, right: 34 });
    expect(resolveRef(col!, 'KOCs', { lastRow: 61, lastColumn: 34 })).toEqual({ sheet: 'KOCs', top: 1, left: 3, bottom: 61, right: 3 });
    expect(refCovers(open!, 500, 12)).toBe(true);
    expect(refCovers(open!, 1, 12)).toBe(false);
    expect(refCovers(col!, 9, 4)).toBe(false);
  });
});

describe('CSV and pasted tables', () => {
  it('reads quoted fields with separators, newlines and doubled quotes; CRLF; BOM', () => {
    const t = parseTable('\uFEFFKOC ID,Name,Notes\r\nK1,"Lu, Xiao","says ""hi""\nthen leaves"\r\n\r\nK2,Bo,\r\n');
    expect(t.delimiter).toBe(',');
    expect(t.rows).toEqual([
      ['KOC ID', 'Name', 'Notes'],
      ['K1', 'Lu, Xiao', 'says "hi"\nthen leaves'],
      ['K2', 'Bo', ''],
    ]);
  });

  it('takes tabs when the header has them (a table pasted from a sheet)', () => {
    const t = parseTable('KOC编号\t昵称\t粉丝数\nK1\t小鹿\t1.2万');
    expect(t.delimiter).toBe('\t');
    expect(t.rows[1]).toEqual(['K1', '小鹿', '1.2万']);
  });

  it('warns about an unclosed quote', () => {
    expect(parseTable('a,b\n"x,y').warnings[0]).toMatch(/no closing quote/);
  });
});

describe('typed input', () => {
  it('reads input as Sheets does', () => {
    expect(parseTyped('12,000')).toBe(12000);
    expect(parseTyped('3.5%')).toBeCloseTo(0.035);
    expect(parseTyped('1.2万')).toBe('1.2万');
    // The apostrophe stays for setValue, which stores the rest as text (stripping it here turned
    // '=1+1 into a formula and '007 into 7).
    expect(parseTyped("'00123")).toBe("'00123");
    expect(parseTyped("'=1+1")).toBe("'=1+1");
    expect(parseTyped('=KOC_NUM(A1)')).toBe('=KOC_NUM(A1)');
    expect(parseTyped('TRUE')).toBe(true);
    expect(parseTyped('2025-03-01')).toBeInstanceOf(Date);
    expect(parseTyped('2025-02-30')).toBe('2025-02-30');
  });
});

describe('roster import', () => {
  const csv = ['KOC编号,Name,Followers,Fans club,Quality,Joined,Platform', 'K1,Lu,1.2万,yes,4,2025-01-02,RED', 'K2,Bo,lots,no,9,soon,Myspace', ',Anon,300,,,,'].join('\n');

  it('reports matched and unmatched columns and bad cells', () => {
    const r = checkImport(csv);
    expect(r.error).toBeUndefined();
    expect(r.rows).toBe(3);
    expect(r.matched.map((m) => m.header)).toEqual(['KOC编号', 'Name', 'Platform', 'Joined', 'Followers', 'Quality']);
    expect(r.unmatched).toEqual(['Fans club']);
    expect(r.badCells.map((b) => `${b.line}:${b.column}`)).toEqual(['3:Platform', '3:Joined', '3:Followers', '3:Quality', '4:KOC编号']);
    expect(r.badCells.find((b) => b.column === 'Followers')!.problem).toMatch(/"lots" is not a number/);
  });

  it('refuses a table without a KOC ID column', () => {
    expect(checkImport('Name,Followers\nLu,3').error).toMatch(/No KOC ID column/);
    expect(checkImport('').error).toMatch(/empty/);
  });

  /** The sheet after the writes (a 2-D grid from the rows given), for asserts. */
  function after(header: unknown[], rows: unknown[][], out: ReturnType<typeof applyImport>): unknown[][] {
    const grid = [header.slice(), ...rows.map((r) => r.slice())];
    for (const w of out.writes) {
      while (grid.length < w.row) grid.push([]);
      grid[w.row - 1][w.column - 1] = w.value;
    }
    const width = Math.max(...grid.map((r) => r.length));
    return grid.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''));
  }

  it('merges by KOC ID, keeps unmatched columns, never blanks a value, imports bad cells as typed', () => {
    const header = ['KOC ID', 'Name', 'Followers', 'Notes'];
    const rows = [
      ['K1', 'Old name', 100, 'keep me'],
      ['K9', 'Other', 5, ''],
    ];
    const out = applyImport('KOC ID,Name,Followers,Fans club\nK1,,2000,yes\nK2,Bo,lots,no\n', header, rows, { mode: 'merge', keepUnmatched: true });
    expect(out.header).toEqual(['KOC ID', 'Name', 'Followers', 'Notes', 'Fans club']);
    expect(after(header, rows, out)).toEqual([
      ['KOC ID', 'Name', 'Followers', 'Notes', 'Fans club'],
      ['K1', 'Old name', 2000, 'keep me', 'yes'],
      ['K9', 'Other', 5, '', ''],
      ['K2', 'Bo', 'lots', '', 'no'],
    ]);
    // Only what changes is written: K1's name and notes, and K9, are not.
    expect(out.writes.filter((w) => w.row === 3)).toEqual([]);
    expect(out.writes.filter((w) => w.row === 2).map((w) => w.column)).toEqual([3, 5]);
    expect([out.added, out.updated]).toEqual([1, 1]);
  });

  it('merge: a blank row stays where it is, a team column is never written, new rows go below the last KOC', () => {
    const header = ['KOC ID', 'Name', 'Followers', 'Score (formula)'];
    // Row 3 blank; column D holds a live formula's spilled values down to row 5.
    const rows = [
      ['K1', 'A', 100, 61.2],
      ['', '', '', 40],
      ['K3', 'C', 300, 55],
      ['', '', '', ''],
    ];
    const out = applyImport('KOC ID,Followers\nK3,400\nK4,500\n', header, rows, { mode: 'merge', keepUnmatched: false });
    expect(out.writes).toEqual([
      { row: 4, column: 3, value: 400 },
      { row: 5, column: 1, value: 'K4' },
      { row: 5, column: 3, value: 500 },
    ]);
    expect(out.writes.some((w) => w.column === 4)).toBe(false);
  });

  it('replace: the table from row 2, the rows left below blanked in our columns only, and the KOCs no longer on the roster named', () => {
    const out = applyImport('KOC ID,Name\nK5,=IMPORTXML("http://x")\n', ['KOC ID', 'Name', 'Mine'], [['K1', 'A', 'x'], ['K2', 'B', 'y']], { mode: 'replace', keepUnmatched: false });
    expect(out.writes).toEqual([
      { row: 2, column: 1, value: 'K5' },
      // Text as it was: the writer escapes it (safeCell), so it is never run as a formula.
      { row: 2, column: 2, value: '=IMPORTXML("http://x")' },
      { row: 3, column: 1, value: '' },
      { row: 3, column: 2, value: '' },
    ]);
    expect(out.removedIds).toEqual(['K1', 'K2']);
  });

  it('text stays text: an ID with leading zeros and a formula-looking note; numbers and dates in their own columns', () => {
    const out = applyImport('KOC ID,Notes,Followers,Joined,Fans club\n007,=HYPERLINK("http://x"),0012,2025-01-02,0042\n', ['KOC ID', 'Notes', 'Followers', 'Joined'], [], { mode: 'merge', keepUnmatched: true });
    const byColumn = Object.fromEntries(out.writes.filter((w) => w.row === 2).map((w) => [w.column, w.value]));
    expect(byColumn[1]).toBe('007');
    expect(byColumn[2]).toBe('=HYPERLINK("http://x")');
    expect(byColumn[3]).toBe('0012');
    expect(Object.prototype.toString.call(byColumn[4])).toBe('[object Date]');
    expect(byColumn[5]).toBe('0042');
    expect(applyImport('KOC ID,Followers\nK1,1200\n', ['KOC ID', 'Followers'], [], { mode: 'merge', keepUnmatched: false }).writes.at(-1)!.value).toBe(1200);
  });

  it('refuses a table naming the same KOC ID twice, with the lines', () => {
    const r = checkImport('KOC ID,Name\nK1,A\nK2,B\nK1,C\n');
    expect(r.duplicateIds).toEqual(['K1']);
    expect(r.error).toBe('The same KOC ID appears more than once: K1 (lines 2, 4). Keep one row per KOC and check again; nothing was imported.');
    expect(() => applyImport('KOC ID,Name\nK1,A\nK1,C\n', ['KOC ID', 'Name'], [], { mode: 'merge', keepUnmatched: false })).toThrow(/more than once/);
  });
});

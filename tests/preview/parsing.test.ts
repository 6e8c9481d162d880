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

  it('merges by KOC ID, keeps unmatched columns, never blanks a value, imports bad cells as typed', () => {
    const header = ['KOC ID', 'Name', 'Followers', 'Notes'];
    const rows = [
      ['K1', 'Old name', 100, 'keep me'],
      ['K9', 'Other', 5, ''],
    ];
    const out = applyImport('KOC ID,Name,Followers,Fans club\nK1,,2000,yes\nK2,Bo,lots,no\n', header, rows, { mode: 'merge', keepUnmatched: true });
    expect(out.header).toEqual(['KOC ID', 'Name', 'Followers', 'Notes', 'Fans club']);
    expect(out.rows).toEqual([
      ['K1', 'Old name', 2000, 'keep me', 'yes'],
      ['K9', 'Other', 5, '', ''],
      ['K2', 'Bo', 'lots', '', 'no'],
    ]);
    expect([out.added, out.updated]).toEqual([1, 1]);
  });

  it('replaces the roster and writes formula-looking text as text', () => {
    const out = applyImport('KOC ID,Name\nK5,=IMPORTXML("http://x")\n', ['KOC ID', 'Name'], [['K1', 'A']], { mode: 'replace', keepUnmatched: false });
    expect(out.rows).toEqual([['K5', '\'=IMPORTXML("http://x")']]);
  });
});

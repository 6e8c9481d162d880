/** Custom functions evaluated as Sheets does: cached by (name, argument values), nested calls, volatile arguments. */
import { describe, expect, it } from 'vitest';
import { CustomFunctionCache, customFunctionNames, installCustomFunctions } from '../../emulator/custom-functions';
import { createEmulator } from '../../emulator/index';
import { parseFormula } from '../../emulator/formula';

/** A host whose functions read a hidden input (`hidden.value`) as a careless custom function would. */
function hiddenInputHost() {
  const hidden = { value: 1 };
  const calls: string[] = [];
  const em = createEmulator();
  const sheet = em.spreadsheet.getSheets()[0];
  sheet.setName('S');
  sheet.getRange('A1:A3').setValues([[10], [20], [30]]);
  const fns: Record<string, (...a: any[]) => unknown> = {
    PLUS_HIDDEN: (x: number) => x + hidden.value,
    SUM_ROWS: (rows: number[][]) => rows.reduce((s, r) => s + r[0], 0),
    DOUBLE: (x: number) => x * 2,
    FAIL: () => {
      throw new Error('bad call');
    },
    SHAPE: (x: unknown) => (Array.isArray(x) ? `${x.length}x${(x[0] as unknown[]).length}` : typeof x),
  };
  const cache = new CustomFunctionCache({
    isCustomFunction: (n) => n in fns,
    read: (arg) => {
      if (arg.kind === 'name') throw new Error('no names here');
      const values = em.spreadsheet.getRange(`S!${arg.text}`).getValues();
      return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
    },
    run: (fn, args) => {
      calls.push(fn);
      return fns[fn](...args);
    },
  });
  return { hidden, calls, cache, sheet };
}

describe('CustomFunctionCache', () => {
  it('re-runs a function only when the values of its arguments change: a hidden input shows stale', () => {
    const { hidden, calls, cache, sheet } = hiddenInputHost();
    expect(cache.evaluate('=PLUS_HIDDEN(A1)', 'S')).toEqual({ kind: 'value', value: 11, ran: true });
    hidden.value = 100; // a Settings cell or the clock changed behind the function's back
    expect(cache.evaluate('=PLUS_HIDDEN(A1)', 'S')).toEqual({ kind: 'value', value: 11, ran: false });
    sheet.getRange('A1').setValue(11); // an argument changed: it runs again
    expect(cache.evaluate('=PLUS_HIDDEN(A1)', 'S')).toEqual({ kind: 'value', value: 111, ran: true });
    expect(calls).toEqual(['PLUS_HIDDEN', 'PLUS_HIDDEN']);
    expect([cache.runs, cache.hits]).toEqual([2, 1]);
  });

  it('shares results between cells with the same call, whatever the formula text', () => {
    const { calls, cache } = hiddenInputHost();
    cache.evaluate('=SUM_ROWS(A1:A3)', 'S');
    cache.evaluate('=sum_rows( $A$1:$A$3 )', 'S');
    expect(calls).toEqual(['SUM_ROWS']);
  });

  it('evaluates nested calls inner first, each cached by its own arguments', () => {
    const { calls, cache, sheet } = hiddenInputHost();
    expect(cache.evaluate('=DOUBLE(SUM_ROWS(A1:A3))', 'S')).toMatchObject({ value: 120 });
    sheet.getRange('A3').setValue(40);
    expect(cache.evaluate('=DOUBLE(SUM_ROWS(A1:A3))', 'S')).toMatchObject({ value: 140 });
    // A1:A3 back to 60: both results come from the cache.
    sheet.getRange('A3').setValue(30);
    expect(cache.evaluate('=DOUBLE(SUM_ROWS(A1:A3))', 'S')).toMatchObject({ value: 120, ran: false });
    expect(calls).toEqual(['SUM_ROWS', 'DOUBLE', 'SUM_ROWS', 'DOUBLE']);
  });

  it('passes array literals as rows and a one-cell range as its value', () => {
    const { cache } = hiddenInputHost();
    expect(cache.evaluate('=SHAPE({75, 55, 35})', 'S')).toMatchObject({ value: '1x3' });
    expect(cache.evaluate('=SHAPE({1; 2})', 'S')).toMatchObject({ value: '2x1' });
    expect(cache.evaluate('=SHAPE(A1)', 'S')).toMatchObject({ value: 'number' });
  });

  it('shows Loading... for a volatile argument, #ERROR! with the message for a throw (cached too)', () => {
    const { calls, cache } = hiddenInputHost();
    expect(cache.evaluate('=PLUS_HIDDEN(TODAY())', 'S')).toMatchObject({ kind: 'error', display: 'Loading...', note: expect.stringContaining('TODAY() is not allowed') });
    expect(cache.evaluate('=FAIL()', 'S')).toEqual({ kind: 'error', display: '#ERROR!', note: 'bad call', ran: true });
    expect(cache.evaluate('=FAIL()', 'S')).toEqual({ kind: 'error', display: '#ERROR!', note: 'bad call', ran: false });
    expect(calls).toEqual(['FAIL']);
    expect(cache.evaluate('=SUM(A1:A3)', 'S')).toMatchObject({ kind: 'text', note: expect.stringContaining('SUM is a Sheets function') });
  });

  it('tells Dates apart by their instant', () => {
    const { cache, sheet } = hiddenInputHost();
    sheet.getRange('B1').setValue(new Date(2026, 0, 1));
    const host = cache as unknown as { host: { run: (fn: string, a: unknown[]) => unknown } };
    let seen: unknown;
    host.host.run = (_fn, a) => (seen = a[0]);
    const first = cache.evaluate('=DOUBLE(B1)', 'S');
    sheet.getRange('B1').setValue(new Date(2026, 0, 2));
    const second = cache.evaluate('=DOUBLE(B1)', 'S');
    expect(first.kind === 'value' && second.kind === 'value' && first.value !== second.value).toBe(true);
    expect(Object.prototype.toString.call(seen)).toBe('[object Date]');
  });
});

describe('formula parsing for nested calls and arrays', () => {
  it('reads KOC_TIER(KOC_SCORE(…), KOC_SETTINGS) and {75, 55, 35}', () => {
    const f = parseFormula('=KOC_TIER(KOC_SCORE(KOCs!A1:AF1, KOCs!A2:AF, KOC_ASOF, KOC_SETTINGS), {75, 55; 35, 1})', (n) => n.startsWith('KOC_'));
    expect(f).toMatchObject({
      ok: true,
      fn: 'KOC_TIER',
      args: [
        { kind: 'call', fn: 'KOC_SCORE', args: [{ kind: 'range' }, { kind: 'range' }, { kind: 'name', name: 'KOC_ASOF' }, { kind: 'name', name: 'KOC_SETTINGS' }] },
        { kind: 'array', rows: [[75, 55], [35, 1]] },
      ],
    });
    expect(parseFormula('=KOC_STAGE(A1:B1, A2:B, NOW())', (n) => n.startsWith('KOC_'))).toMatchObject({ ok: true, args: [{}, {}, { kind: 'volatile', fn: 'NOW' }] });
    expect(parseFormula('=KOC_TIER(SUM(A1:A3))', (n) => n.startsWith('KOC_'))).toMatchObject({ ok: false, reason: expect.stringContaining('SUM is a Sheets function') });
  });

  it('finds the custom functions of a script by their @customfunction JSDoc', () => {
    const code = '/**\n * Doubles.\n * @customfunction\n */\nfunction DOUBLE(x) {}\n/** A menu item. */\nfunction menuItem() {}';
    expect([...customFunctionNames(code)]).toEqual(['DOUBLE']);
  });
});

describe('installCustomFunctions', () => {
  it("evaluates a script's functions in formula cells, cached, spilled", () => {
    const em = createEmulator();
    const sheet = em.spreadsheet.getSheets()[0];
    sheet.setName('S');
    sheet.getRange('A1:A2').setValues([[2], [3]]);
    const code = `var hidden = 0;\n/**\n * @customfunction\n */\nfunction TWICE(rows) { return rows.map(function (r) { return [r[0] * 2 + Date.now() % 7 * 0]; }); }`;
    const cache = installCustomFunctions(em, { code, now: () => new Date(2026, 0, 1) });
    sheet.getRange('B1').setFormula('=TWICE(A1:A2)');
    expect(em.sheetValues('S')).toEqual([
      [2, 4],
      [3, 6],
    ]);
    em.sheetValues('S');
    expect(cache.runs).toBe(1);
    sheet.getRange('A2').setValue(5);
    expect(em.sheetValues('S')[1]).toEqual([5, 10]);
    expect(cache.runs).toBe(2);
  });
});

/**
 * Every KOC_… function is a pure function of its arguments (and the spreadsheet's time zone and
 * locale, whose change makes Sheets recalculate everything): run through dist/Code.js in a
 * context where the clock, the properties and every other spreadsheet read throw, and again
 * with the clock moved 60 days and every Settings value changed, each help-card example gives
 * the same result.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CustomFunctionCache, customFunctionNames, readArgument } from '../../emulator/custom-functions';
import type { Emulator } from '../../emulator/index';
import { loadBundle } from '../../emulator/vm';
import { REGISTRY } from '../../src/server/registry';
import { builtCode, demoEmulator, runBundle } from '../helpers/bundle';

const START = new Date(2026, 2, 2, 9, 0);
const EXAMPLES = REGISTRY.filter((f) => f.kind === 'customFunction').map((f) => f.example!);
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

/** Everything a KOC function tried to read that it may not (a caught error must not hide it). */
const forbiddenReads: string[] = [];

/** An object whose every property read throws, naming what was read. */
function forbidden(name: string): object {
  return new Proxy({}, { get: (_t, key) => (typeof key === 'symbol' ? undefined : fail(`${name}.${String(key)}`)) });
}
function fail(what: string): never {
  forbiddenReads.push(what);
  throw new Error(`A KOC function read ${what}`);
}

/**
 * The bundle in a CUSTOM_FUNCTION execution where only the spreadsheet's time zone and locale
 * can be read: every other SpreadsheetApp call, PropertiesService, CacheService, Session, and
 * the clock (`new Date()`, `Date.now()`) throw.
 */
function strictBundle(emulator: Emulator, reads: string[]) {
  const globals = emulator.globals({ authMode: 'CUSTOM_FUNCTION' }) as Record<string, any>;
  const ss = globals.SpreadsheetApp.getActiveSpreadsheet();
  const allowed = {
    getSpreadsheetTimeZone: () => {
      reads.push('getSpreadsheetTimeZone');
      return ss.getSpreadsheetTimeZone();
    },
    getSpreadsheetLocale: () => {
      reads.push('getSpreadsheetLocale');
      return ss.getSpreadsheetLocale();
    },
  };
  const sheetOnly = new Proxy(allowed, { get: (t, key) => (key in t ? t[key as keyof typeof t] : typeof key === 'symbol' ? undefined : fail(`Spreadsheet.${String(key)}`)) });
  const strict = {
    ...globals,
    SpreadsheetApp: new Proxy({}, { get: (_t, key) => (key === 'getActiveSpreadsheet' ? () => sheetOnly : typeof key === 'symbol' ? undefined : fail(`SpreadsheetApp.${String(key)}`)) }),
    PropertiesService: forbidden('PropertiesService'),
    CacheService: forbidden('CacheService'),
    Session: forbidden('Session'),
    ScriptApp: forbidden('ScriptApp'),
    LockService: forbidden('LockService'),
  };
  const run = loadBundle(builtCode(), { ...strict, clockRead: () => fail('the clock') });
  vm.runInContext(
    `(function () {
      var R = Date;
      function D() {
        if (!new.target || arguments.length === 0) clockRead();
        return Reflect.construct(R, arguments, new.target);
      }
      D.prototype = R.prototype;
      D.UTC = R.UTC;
      D.parse = R.parse;
      D.now = function () { clockRead(); };
      globalThis.Date = D;
    })()`,
    run.context as vm.Context,
  );
  return run;
}

/** Each example formula evaluated on the workbook, with the calls it made (function and argument values). */
function evaluateExamples(emulator: Emulator, call: (fn: string, args: unknown[]) => unknown) {
  const names = customFunctionNames(builtCode());
  const calls: { fn: string; args: unknown[]; result: unknown }[] = [];
  const cache = new CustomFunctionCache({
    isCustomFunction: (n) => names.has(n),
    read: (arg, sheet) => readArgument(emulator.spreadsheet, arg, sheet),
    run: (fn, args) => {
      const result = plain(call(fn, args));
      calls.push({ fn, args, result });
      return result;
    },
  });
  const outcomes = EXAMPLES.map((f) => [f, cache.evaluate(f, 'KOCs')] as const);
  return { outcomes, calls };
}

describe('KOC functions read nothing but their arguments', () => {
  it('every help-card example works where the clock, properties and spreadsheet reads throw', () => {
    const emulator = demoEmulator({ now: START });
    const reads: string[] = [];
    forbiddenReads.length = 0;
    const run = strictBundle(emulator, reads);
    const { outcomes } = evaluateExamples(emulator, (fn, args) => run.call(fn, ...args));
    expect(forbiddenReads).toEqual([]);
    for (const [formula, out] of outcomes) expect(out, formula).toMatchObject({ kind: 'value' });
    // The same results as in an ordinary execution.
    const normal = runBundle({ emulator, exec: { authMode: 'CUSTOM_FUNCTION' }, now: START });
    const { outcomes: expected } = evaluateExamples(emulator, (fn, args) => normal.call(fn, ...args));
    expect(outcomes.map(([, o]) => o.kind === 'value' && plain(o.value))).toEqual(expected.map(([, o]) => o.kind === 'value' && plain(o.value)));
    // The only reads beyond the arguments: the spreadsheet's locale (Language auto) and zone.
    expect(new Set(reads)).toEqual(new Set(reads.filter((r) => r === 'getSpreadsheetTimeZone' || r === 'getSpreadsheetLocale')));
  });

  it('the same arguments give the same results 60 days later with every Settings value changed', () => {
    const emulator = demoEmulator({ now: START });
    const first = runBundle({ emulator, exec: { authMode: 'CUSTOM_FUNCTION' }, now: START });
    const { outcomes, calls } = evaluateExamples(emulator, (fn, args) => first.call(fn, ...args));
    for (const [formula, out] of outcomes) expect(out, formula).toMatchObject({ kind: 'value' });
    expect(calls.map((c) => c.fn)).toEqual(expect.arrayContaining(['KOC_SCORE', 'KOC_TIER', 'KOC_STAGE', 'KOC_ENGAGEMENT', 'KOC_ROI', 'KOC_NUM', 'KOC_EXPLAIN']));

    // Every Settings value changed (numbers up by one, keeping their order; the language; the day).
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const values = settings.getDataRange().getValues();
    let changed = 0;
    for (let r = 1; r < values.length; r++) {
      const v = values[r][1];
      const next = typeof v === 'number' ? v + 1 : Object.prototype.toString.call(v) === '[object Date]' ? new Date((v as Date).getTime() + 60 * 86_400_000) : v === 'auto' || v === 'en' ? 'zh' : v;
      if (next !== v) changed++;
      settings.getRange(r + 1, 2).setValue(next);
    }
    expect(changed).toBe(values.length - 1);

    const later = runBundle({ emulator, exec: { authMode: 'CUSTOM_FUNCTION' }, now: new Date(START.getTime() + 60 * 86_400_000) });
    for (const c of calls) expect(plain(later.call(c.fn, ...c.args)), c.fn).toEqual(c.result);
  });
});

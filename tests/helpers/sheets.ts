/**
 * A team's workbook as Sheets keeps it: the demo workbook set up through the built bundle, with
 * formula cells evaluated by the bundle's custom functions under Sheets' caching rule (a result
 * is re-used until the values of the function's arguments change), a clock that moves, and the
 * menu items, the schedule and onOpen run as Apps Script runs them.
 */
import { CustomFunctionCache, type FormulaOutcome, installCustomFunctions, scriptHost } from '../../emulator/custom-functions';
import type { Emulator } from '../../emulator/index';
import { builtCode, demoEmulator, runBundle } from './bundle';

export interface TeamWorkbook {
  emulator: Emulator;
  cache: CustomFunctionCache;
  /** The clock every execution sees (menu, trigger, onOpen, custom functions). */
  now: Date;
  /** Moves the clock by whole days. */
  passDays(days: number): void;
  run(fn: string, opts?: { authMode?: 'FULL' | 'LIMITED' | 'NONE'; trigger?: boolean; args?: unknown[] }): unknown;
  /** The schedule's trigger fired as Apps Script fires it (schedules a daily run first if none). */
  scheduledRun(): void;
  /** onOpen as Sheets runs it when the file opens: bound script (LIMITED) or an add-on not yet used (NONE). */
  open(authMode?: 'LIMITED' | 'NONE'): void;
  /** A Settings row's Value, found by its label (English or Chinese). */
  setSetting(label: string, value: unknown): void;
  /** What a sheet shows: formula cells evaluated (from the cache when their arguments did not change). */
  values(sheet: string): unknown[][];
  /** A formula as a cell of `sheet` shows it now, under Sheets' caching rule. */
  shown(formula: string, sheet?: string): FormulaOutcome;
  /** The same formula run afresh, as if typed into a new cell today with nothing cached. */
  fresh(formula: string, sheet?: string): FormulaOutcome;
}

export function teamWorkbook(opts: { start: Date; locale?: string; timeZone?: string }): TeamWorkbook {
  let now = new Date(opts.start.getTime());
  const emulator = demoEmulator({ locale: opts.locale, now, timeZone: opts.timeZone });
  const code = builtCode();
  const cache = installCustomFunctions(emulator, { code, now: () => now });
  const run: TeamWorkbook['run'] = (fn, o = {}) => {
    const bundle = runBundle({ emulator, now, exec: { authMode: o.authMode ?? 'FULL', trigger: o.trigger } });
    try {
      return bundle.call(fn, ...(o.args ?? []));
    } finally {
      emulator.endExecution(bundle.globals);
    }
  };
  const wb: TeamWorkbook = {
    emulator,
    cache,
    get now() {
      return now;
    },
    set now(d: Date) {
      now = d;
    },
    passDays(days) {
      now = new Date(now.getTime() + days * 86_400_000);
      emulator.setNow(now);
    },
    run,
    scheduledRun() {
      if (!emulator.triggers().length) run('scheduleDaily');
      const id = emulator.triggers()[0].id;
      emulator.fireTrigger(id, (handler, event) => {
        const bundle = runBundle({ emulator, now, exec: { trigger: true, user: emulator.triggers()[0].user } });
        try {
          return bundle.call(handler, event);
        } finally {
          emulator.endExecution(bundle.globals);
        }
      });
    },
    open(authMode = 'LIMITED') {
      run('onOpen', { authMode, args: [{ authMode }] });
    },
    setSetting(label, value) {
      const sheet = emulator.spreadsheet.getSheets().find((s) => /^(settings|设置)$/i.test(s.getName()))!;
      const values = sheet.getDataRange().getValues();
      const at = values.findIndex((r) => String(r[0]).trim() === label);
      if (at < 0) throw new Error(`No Settings row "${label}"`);
      sheet.getRange(at + 1, 2).setValue(value);
    },
    values(name) {
      return emulator.sheetValues(name);
    },
    shown(formula, sheet = 'KOCs') {
      return cache.evaluate(formula, sheet);
    },
    fresh(formula, sheet = 'KOCs') {
      return new CustomFunctionCache(scriptHost(emulator, { code, now: () => now })).evaluate(formula, sheet);
    },
  };
  emulator.setNow(now);
  return wb;
}

/**
 * Running the recompute through the built bundle in tests: a call as a user or a trigger makes
 * it, the spreadsheet calls it made, and the workbook without the run log (which every run adds to).
 */
import type { createEmulator, Emulator, WorkbookJSON } from '../../emulator/index';
import { DATA_METHOD, SPREADSHEET_CLASSES } from '../../emulator/runtime';
import { BENCH_NOW, setUpEmulator } from '../recompute/workbook';
import { runBundle } from './bundle';

export const NOW = BENCH_NOW;
export const LATER = new Date(NOW.getTime() + 3 * 3600_000);

/** One execution of a menu item; `warm`: in a sweep's shared context (tests/helpers/bundle.ts). */
export function call(emulator: Emulator, name: string, opts: { now?: Date; trigger?: boolean; user?: string; warm?: boolean } = {}): unknown {
  return runBundle({ emulator, now: opts.now ?? NOW, exec: { trigger: opts.trigger, user: opts.user }, warm: opts.warm }).call(name);
}

/** Fires a trigger as Apps Script does: a UI-less execution as its owner, with the event object. */
export function fire(em: Emulator, id: string): void {
  em.fireTrigger(id, (handler, event, globals) => runBundle({ emulator: em, now: NOW, exec: { trigger: true, user: em.triggers().find((t) => t.id === id)!.user } }).call(handler, event) ?? globals);
}

export function setSetting(em: Emulator, label: string, value: unknown): void {
  const settings = em.sheetValues('Settings');
  em.spreadsheet.getSheetByName('Settings')!.getRange(settings.findIndex((r) => r[0] === label) + 1, 2).setValue(value);
}

/** A set-up workbook with the demo data. */
export function demoEmulator(options: Parameters<typeof createEmulator>[0] = {}): Emulator {
  const emulator = setUpEmulator(options);
  call(emulator, 'loadDemoData');
  emulator.ui.alerts.length = 0;
  return emulator;
}

export const sheetOf = (emulator: Emulator, name: string) => emulator.spreadsheet.getSheetByName(name)!;
export const col = (values: unknown[][], header: string) => values[0].indexOf(header);
export const spreadsheetCalls = (emulator: Emulator) =>
  Object.fromEntries(Object.entries(emulator.calls.byMethod()).filter(([k]) => SPREADSHEET_CLASSES.has(k.split('.')[0])));
/** The calls that read or write cells or the sheet list, by method (the rest are metadata). */
export const dataCalls = (emulator: Emulator) => Object.fromEntries(Object.entries(emulator.calls.byMethod()).filter(([k]) => DATA_METHOD.test(k)));
export const sum = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

export const RUN_LOG = 'kocops.recompute.lastRun';
/** The workbook without the run log (every run, failed or not, adds to it). */
export function withoutRunLog(json: WorkbookJSON): WorkbookJSON {
  const copy = JSON.parse(JSON.stringify(json)) as WorkbookJSON;
  delete (copy.properties?.document as Record<string, string> | undefined)?.[RUN_LOG];
  return copy;
}
export const runLog = (em: Emulator): { outcome: string; scheduled: boolean; message: string }[] => JSON.parse(em.properties.document[RUN_LOG] ?? '[]');

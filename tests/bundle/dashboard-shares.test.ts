/**
 * The Dashboard's generation shares on the built bundle: numbers with a percent number format,
 * given in the same write as the block (one setNumberFormats), in both languages; a failed run
 * puts the formats back with the values.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';
import { runBundle } from '../helpers/bundle';

const NOW = new Date('2026-11-23T10:00:00+08:00');

function run(em: Emulator, fn: string, locale: string): void {
  const r = runBundle({ emulator: em, now: NOW, exec: { user: 'ops@example.com', locale } });
  try {
    r.call(fn);
  } finally {
    em.endExecution(r.globals);
  }
}

function demo(locale: string): Emulator {
  const em = createEmulator({ locale, spreadsheetLocale: locale.replace('-', '_') });
  run(em, 'setUpWorkbook', locale);
  em.ui.alertResponses.push('YES' as never);
  run(em, 'loadDemoData', locale);
  return em;
}

describe('Dashboard shares', () => {
  it.each([
    ['en', 'Dashboard', 'Share'],
    ['zh-CN', '看板', '占比'],
  ])('are numbers shown as percentages (%s)', (locale, name, header) => {
    const em = demo(locale);
    em.calls.reset();
    run(em, 'recomputeNow', locale);
    // One format call, in the same run as the block's one setValues.
    expect(em.calls.byMethod()['Range.setNumberFormats']).toBe(1);
    const sheet = em.spreadsheet.getSheetByName(name)! as any;
    const values = sheet.getDataRange().getValues();
    const head = values.findIndex((r: unknown[]) => r[2] === header);
    expect(head).toBeGreaterThan(0);
    const cells = sheet.getRange(head + 2, 3, 4, 1);
    const shares = cells.getValues().map((r: unknown[]) => r[0]);
    const counts = sheet.getRange(head + 2, 2, 4, 1).getValues().map((r: unknown[]) => r[0] as number);
    const total = counts.reduce((a: number, b: number) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(shares).toEqual(counts.map((n: number) => n / total));
    expect(cells.getNumberFormats()).toEqual([['0%'], ['0%'], ['0%'], ['0%']]);
    expect(cells.getDisplayValues().map((r: string[]) => r[0])).toEqual(counts.map((n: number) => `${Math.round((100 * n) / total)}%`));
  });

  it('a run that fails after the block was written puts back the values and the formats', () => {
    const em = demo('en');
    const sheet = em.spreadsheet.getSheetByName('Dashboard')! as any;
    const before = JSON.stringify(em.toJSON().sheets.find((s) => s.name === 'Dashboard'));
    em.failAt('Range.setNumberFormats', 1);
    run(em, 'recomputeNow', 'en');
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(/put back/i);
    expect(JSON.stringify(em.toJSON().sheets.find((s) => s.name === 'Dashboard'))).toBe(before);
    em.clearFailures();
    run(em, 'recomputeNow', 'en');
    expect(sheet.getRange(13, 3).getNumberFormat()).toBe('0%');
  });
});

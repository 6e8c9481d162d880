/**
 * The recompute on a workbook a team has lived in, through the built bundle: its own formula
 * columns on Echelon, History and the Dashboard are never written; renamed or deleted owned
 * headers and a grid too small are repaired by the next run, which says what it did; a sheet
 * protected by someone else is refused before anything is written; every scheduled run, failed or
 * not, shows in Show schedule.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { runBundle } from '../helpers/bundle';
import { BENCH_NOW, setUpEmulator } from '../recompute/workbook';

const NOW = BENCH_NOW;
const LATER = new Date(NOW.getTime() + 3 * 3600_000);

function call(em: Emulator, name: string, opts: { now?: Date } = {}): unknown {
  return runBundle({ emulator: em, now: opts.now ?? NOW }).call(name);
}

function demo(): Emulator {
  const em = setUpEmulator();
  em.ui.alertResponses.push('YES' as never);
  call(em, 'loadDemoData');
  em.ui.alerts.length = 0;
  return em;
}

const sheetOf = (em: Emulator, name: string) => em.spreadsheet.getSheetByName(name)!;
const headerOf = (em: Emulator, name: string) => sheetOf(em, name).getRange(1, 1, 1, sheetOf(em, name).getLastColumn()).getValues()[0].map(String);

function fillFormulas(em: Emulator, name: string, column: number, header: string, rows = 300): void {
  const sheet = sheetOf(em, name);
  sheet.getRange(1, column).setValue(header);
  sheet.getRange(2, column, rows - 1, 1).setFormulas(Array.from({ length: rows - 1 }, (_, i) => [`=LEN(B${i + 2})`]));
}

const formulasIn = (em: Emulator, name: string, column: number, rows = 300) =>
  sheetOf(em, name)
    .getRange(2, column, rows - 1, 1)
    .getFormulas()
    .map((r) => r[0]);

describe('the team’s columns on our sheets', () => {
  it('a team formula column on Echelon, History and to the right of the Dashboard keeps every formula, run after run', () => {
    const em = demo();
    call(em, 'recomputeNow');
    // History: a column between ours. Echelon: a column right after ours. Dashboard: column J.
    sheetOf(em, 'History').insertColumnsAfter(3, 1);
    fillFormulas(em, 'History', 4, 'Team note');
    const echelonWidth = headerOf(em, 'Echelon').length;
    fillFormulas(em, 'Echelon', echelonWidth + 1, 'Team check');
    fillFormulas(em, 'Dashboard', 10, 'Team chart data', 60);
    const before = { history: formulasIn(em, 'History', 4), echelon: formulasIn(em, 'Echelon', echelonWidth + 1), dashboard: formulasIn(em, 'Dashboard', 10, 60) };

    // Every KOC changes tier (History gets rows), then a later run.
    const kocs = em.sheetValues('KOCs');
    const override = kocs[0].indexOf('Tier override') + 1;
    sheetOf(em, 'KOCs').getRange(2, override, 10, 1).setValue('Core');
    call(em, 'recomputeNow', { now: LATER });
    expect(em.ui.alerts).toEqual([]);
    expect(em.sheetValues('History').filter((r) => r[r.length - 1] !== '' && String(r.at(-1)).includes('tier override')).length).toBeGreaterThan(0);
    call(em, 'recomputeNow', { now: new Date(LATER.getTime() + 3600_000) });
    expect({ history: formulasIn(em, 'History', 4), echelon: formulasIn(em, 'Echelon', echelonWidth + 1), dashboard: formulasIn(em, 'Dashboard', 10, 60) }).toEqual(before);
    // History entries go right below the last entry, not below the team's formulas.
    const history = em.sheetValues('History');
    const firstBlank = history.findIndex((r, i) => i > 0 && r[0] === '');
    expect(firstBlank === -1 || history.slice(firstBlank).every((r) => r[0] === '')).toBe(true);
  });
});

describe('our sheets repair themselves', () => {
  it('renamed and deleted owned headers and a grid too small are repaired by the next run, which says so', () => {
    const em = demo();
    call(em, 'recomputeNow');
    const echelon = sheetOf(em, 'Echelon');
    const header = headerOf(em, 'Echelon');
    // Two headers renamed, the grid cut to the data (no spare column, few rows).
    echelon.getRange(1, header.indexOf('Tier') + 1).setValue('Level');
    echelon.getRange(1, header.indexOf('Next action') + 1).setValue('');
    echelon.deleteColumns(header.length + 1, echelon.getMaxColumns() - header.length);
    echelon.deleteRows(12, echelon.getMaxRows() - 11);
    // History: a column deleted.
    const history = sheetOf(em, 'History');
    history.deleteColumn(headerOf(em, 'History').indexOf('Reason') + 1);

    // Something for History to log (a stage change: the tiers Echelon had are not readable under "Level").
    const kocs = em.sheetValues('KOCs');
    sheetOf(em, 'KOCs').getRange(2, kocs[0].indexOf('Status') + 1, 5, 1).setValue('Paused');
    call(em, 'recomputeNow', { now: LATER });
    expect(em.ui.alerts).toEqual([]);
    const message = em.ui.toasts.at(-1)!.message;
    expect(message).toMatch(/Echelon: the columns Tier, Next action were missing \(renamed or deleted\), so they were added again at [A-Z]+, [A-Z]+\./);
    expect(message).toMatch(/History: the columns Reason were missing \(renamed or deleted\), so they were added again at [A-Z]+\./);
    const after = headerOf(em, 'Echelon');
    expect(after).toContain('Tier');
    expect(after).toContain('Next action');
    expect(em.sheetValues('Echelon').length).toBe(kocs.length);
    expect(headerOf(em, 'History')).toContain('Reason');
    expect(em.sheetValues('History').at(-1)!.at(-1)).toMatch(/Status is Paused/);

    // The next run finds nothing to repair.
    em.ui.toasts.length = 0;
    call(em, 'recomputeNow', { now: new Date(LATER.getTime() + 3600_000) });
    expect(em.ui.alerts).toEqual([]);
    expect(em.ui.toasts.at(-1)!.message).not.toMatch(/added again/);
  });

  it('a sheet protected by someone else: says which and how to fix it, and writes nothing', () => {
    const em = demo();
    call(em, 'recomputeNow');
    // Setup protected it with a warning; now someone else makes it a real protection without us.
    sheetOf(em, 'Echelon').protect().setWarningOnly(false).removeEditor('ops@example.com');
    const kocs = em.sheetValues('KOCs');
    sheetOf(em, 'KOCs').getRange(2, kocs[0].indexOf('Tier override') + 1).setValue('Candidate');
    const before = JSON.stringify([em.sheetValues('Echelon'), em.sheetValues('History'), em.sheetValues('Dashboard')]);
    call(em, 'recomputeNow', { now: LATER });
    expect(em.ui.alerts.at(-1)?.prompt).toBe(
      'Sheet "Echelon" is protected and you cannot edit it, so nothing was written. Ask its owner to remove the protection (Data → Protect sheets and ranges) or to give you edit access, then run again.',
    );
    expect(JSON.stringify([em.sheetValues('Echelon'), em.sheetValues('History'), em.sheetValues('Dashboard')])).toBe(before);
  });
});

describe('every scheduled run is recorded', () => {
  it('a failing trigger shows in Show schedule, and still does after a later good run', () => {
    const em = demo();
    call(em, 'scheduleHourly');
    const id = em.triggers()[0].id;
    const fire = () =>
      em.fireTrigger(id, (handler, event) => {
        try {
          runBundle({ emulator: em, now: NOW, exec: { trigger: true } }).call(handler, event);
          return 'ok';
        } catch (e) {
          return `threw: ${(e as Error).message}`;
        }
      });
    em.failAt('Range.setValues', 2);
    expect(fire()).toMatch(/^threw: Recompute failed while writing/);
    call(em, 'showSchedule');
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(
      /^Recompute schedule: every hour\.\nLast run: \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\) — FAILED, put back \(scheduled\): Recompute failed while writing \(Service Spreadsheets failed/,
    );
    em.clearFailures();
    expect(fire()).toBe('ok');
    call(em, 'showSchedule');
    const shown = em.ui.alerts.at(-1)!.prompt;
    expect(shown).toMatch(/\nLast run: .* — Recomputed \d+ KOCs/);
    expect(shown).toMatch(/\nLast failure: .* — FAILED, put back \(scheduled\): Recompute failed while writing/);
  });
});

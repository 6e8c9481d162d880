/**
 * The recompute's exhaustive sweeps through the built bundle: a failure injected at every
 * spreadsheet call of a run that makes every kind of write, and the calls a run makes at 1k and
 * 5k KOCs (flat in the roster's size; `npm run bench` reports the same at 50k).
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type WorkbookJSON } from '../../emulator/index';
import { call, col, dataCalls, demoEmulator, LATER, NOW, runLog, sheetOf, spreadsheetCalls, sum, withoutRunLog } from '../helpers/recompute';
import { fillWorkbook, generatedKoc, setUpEmulator, writeRecords } from '../recompute/workbook';

describe('a failure at every call', () => {
  /** A workbook where the next recompute makes every kind of write: rows added, History, chart. */
  function busyWorkbook(): WorkbookJSON {
    const em = demoEmulator();
    call(em, 'recomputeNow');
    const kocs = em.sheetValues('KOCs');
    const overrideAt = col(kocs, 'Tier override');
    const statusAt = col(kocs, 'Status');
    for (const r of [2, 5, 9]) sheetOf(em, 'KOCs').getRange(r, overrideAt + 1).setValue('Candidate');
    sheetOf(em, 'KOCs').getRange(3, statusAt + 1).setValue('Alumni');
    writeRecords(em, 'kocs', [generatedKoc(900), generatedKoc(901)], kocs.length + 1);
    for (const name of ['Echelon', 'History']) {
      const sheet = sheetOf(em, name);
      const last = Math.max(sheet.getLastRow(), 2);
      sheet.deleteRows(last + 1, sheet.getMaxRows() - last);
    }
    const dash = sheetOf(em, 'Dashboard');
    for (const c of dash.getCharts()) dash.removeChart(c);
    return em.toJSON();
  }

  it('with a failure injected at every spreadsheet call in turn: written and said so, or put back as it was and said so', () => {
    const start = busyWorkbook();
    const dry = createEmulator({ workbook: start });
    dry.calls.reset();
    call(dry, 'recomputeNow');
    const written = withoutRunLog(dry.toJSON());
    const calls = spreadsheetCalls(dry);
    for (const write of ['Range.setValues', 'Sheet.insertRowsAfter', 'Sheet.insertChart']) expect(calls[write], write).toBeGreaterThan(0);
    expect(calls['Range.setValues']).toBe(3);
    let runs = 0;
    let putBack = 0;
    for (const [method, count] of Object.entries(calls)) {
      for (let n = 1; n <= count; n++) {
        const em = createEmulator({ workbook: start });
        em.failAt(method, n);
        call(em, 'recomputeNow', { warm: true });
        const at = `${method} #${n}`;
        const last = runLog(em).at(-1)!;
        if (last.outcome === 'written') {
          // The failure came after the writes landed (the toast): a success, told as one.
          expect(withoutRunLog(em.toJSON()), at).toEqual(written);
          expect(em.ui.alerts, at).toEqual([]);
        } else {
          expect(withoutRunLog(em.toJSON()), at).toEqual(withoutRunLog(start));
          expect(em.ui.alerts.at(-1)?.prompt, at).toMatch(/could not start .*nothing was written|put back as they were/);
          expect(em.ui.alerts.at(-1)?.prompt, at).not.toMatch(/could not finish/);
          expect(last.outcome, at).toMatch(/^(failed|put back)$/);
          if (last.outcome === 'put back') putBack++;
        }
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(30);
    expect(putBack).toBeGreaterThan(5);
  }, 180_000);
});

describe('service calls', () => {
  // Flat in the roster's size: 1k against 5k here; `npm run bench` reports the same at 50k.
  it('are the same at 1k and 5k KOCs (4 follow-ups and 2 assignments each), at most 12 data calls a run: first, unchanged, growing and logging runs', () => {
    const runs = [1_000, 5_000].map((n) => {
      const em = setUpEmulator();
      fillWorkbook(em, n);
      const out: Record<string, { data: Record<string, number>; all: Record<string, number> }> = {};
      const run = (name: string, now: Date) => {
        em.calls.reset();
        call(em, 'recomputeNow', { now });
        expect(em.ui.toasts.at(-1)?.message, `${n} ${name}`).toMatch(/^Recomputed/);
        if (name === 'first') expect(em.ui.toasts.at(-1)?.message).toContain(`Recomputed ${n} KOCs`);
        out[name] = { data: dataCalls(em), all: spreadsheetCalls(em) };
      };
      run('first', NOW);
      run('unchanged', LATER);
      // More KOCs than Echelon has rows: it grows (one insert, with rows to spare for next time).
      const echelonRows = sheetOf(em, 'Echelon').getMaxRows();
      writeRecords(em, 'kocs', Array.from({ length: echelonRows - n + 10 }, (_, i) => generatedKoc(n + i)), n + 2);
      run('grown', new Date(LATER.getTime() + 3600_000));
      // A few more KOCs (within the spare rows) and a tier override: History gets a line.
      const kocs = em.sheetValues('KOCs');
      sheetOf(em, 'KOCs').getRange(3, col(kocs, 'Tier override') + 1).setValue('Candidate');
      writeRecords(em, 'kocs', [generatedKoc(kocs.length + 1), generatedKoc(kocs.length + 2)], kocs.length + 1);
      run('logged', new Date(LATER.getTime() + 2 * 3600_000));
      return out;
    });
    const [small, large] = runs;
    for (const name of Object.keys(small)) expect(large[name].all, name).toEqual(small[name].all);
    // One read per sheet (7; not the Dashboard: its fingerprint is in the document properties); one
    // write per sheet written (Echelon, Dashboard; History only when there is something to log);
    // nothing written when nothing changed.
    expect(small.first.data).toEqual({ 'Spreadsheet.getSheets': 1, 'Range.getValues': 7, 'Sheet.insertRowsAfter': 1, 'Range.setValues': 2, 'Sheet.insertChart': 1 });
    expect(small.unchanged.data).toEqual({ 'Spreadsheet.getSheets': 1, 'Range.getValues': 7 });
    expect(small.grown.data).toEqual({ 'Spreadsheet.getSheets': 1, 'Range.getValues': 7, 'Sheet.insertRowsAfter': 1, 'Range.setValues': 2 });
    // History's header row is read only when there is something to append.
    expect(small.logged.data).toEqual({ 'Spreadsheet.getSheets': 1, 'Range.getValues': 8, 'Range.setValues': 3 });
    for (const name of Object.keys(small)) expect(sum(large[name].data), name).toBeLessThanOrEqual(12);
  }, 180_000);
});

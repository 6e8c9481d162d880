/**
 * Set up workbook and Load demo data on the built bundle with a failure injected at every
 * spreadsheet call, on a workbook whose team keeps a formula column on its sheets: the team's
 * formulas are never written, and a run that fails leaves every sheet's cells, the sheet list and
 * the named ranges as they were (what it formats — bold, number formats, dropdowns — may stay).
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type WorkbookJSON } from '../../emulator/index';
import { SPREADSHEET_CLASSES } from '../../emulator/runtime';
import { runBundle } from '../helpers/bundle';

const NOW = new Date(2025, 5, 18, 9, 0);

/** One execution; `warm`: in the sweep's shared context (tests/helpers/bundle.ts). */
function run(em: Emulator, fn: string, warm = false): void {
  const r = runBundle({ emulator: em, now: NOW, warm });
  try {
    r.call(fn);
  } finally {
    em.endExecution(r.globals);
  }
}

/** Cells (values and formulas), grid sizes, sheet names and named ranges: what a failed run must leave as it was. */
function cells(em: Emulator): string {
  const sheets = em.spreadsheet.getSheets().map((sheet) => {
    const range = sheet.getDataRange();
    return [sheet.getName(), sheet.getMaxRows(), sheet.getMaxColumns(), range.getValues(), range.getFormulas()];
  });
  const named = em.spreadsheet.getNamedRanges().map((n) => [n.getName(), n.getRange().getA1Notation()]);
  return JSON.stringify({ sheets, named });
}

const TEAM_SHEETS = ['KOCs', 'Assignments', 'Follow-ups'];

/** A set-up workbook with a team formula column after our columns of KOCs, Assignments and Follow-ups. */
function teamWorkbook(): WorkbookJSON {
  const em = createEmulator();
  run(em, 'setUpWorkbook');
  for (const name of TEAM_SHEETS) {
    const sheet = em.spreadsheet.getSheetByName(name)!;
    const col = sheet.getLastColumn() + 1;
    if (col > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
    sheet.getRange(1, col).setValue('Team formula');
    sheet.getRange(2, col, 199, 1).setFormulas(Array.from({ length: 199 }, (_, i) => [`=ROW()+${i}`]));
  }
  return em.toJSON();
}

const teamFormulas = (em: Emulator) =>
  TEAM_SHEETS.map((name) => {
    const sheet = em.spreadsheet.getSheetByName(name)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    return sheet.getRange(2, header.indexOf('Team formula') + 1, 199, 1).getFormulas();
  });

describe.each([
  ['setUpWorkbook', () => createEmulator().toJSON()],
  ['loadDemoData', teamWorkbook],
] as const)('%s with a failure at every spreadsheet call', (fn, startOf) => {
  it('keeps the team formulas, and a failed run leaves the cells as they were', () => {
    const start = startOf();
    const answer = (em: Emulator) => (fn === 'loadDemoData' ? em.ui.alertResponses.push('YES' as never) : 0);
    const dry = createEmulator({ workbook: start });
    answer(dry);
    dry.calls.reset();
    run(dry, fn);
    const formulas = fn === 'loadDemoData' ? teamFormulas(dry) : null;
    if (formulas) expect(formulas).toEqual(teamFormulas(createEmulator({ workbook: start })));
    const before = cells(createEmulator({ workbook: start }));
    const calls = Object.entries(dry.calls.byMethod()).filter(([k]) => SPREADSHEET_CLASSES.has(k.split('.')[0]) && k !== 'Spreadsheet.toast');
    let failed = 0;
    for (const [method, count] of calls)
      for (let n = 1; n <= count; n++) {
        const em = createEmulator({ workbook: start });
        answer(em);
        em.failAt(method, n);
        run(em, fn, true);
        const at = `${method} #${n}`;
        const message = em.ui.alerts.at(-1)?.prompt ?? '';
        if (formulas) expect(teamFormulas(em), at).toEqual(formulas);
        if (/could not finish/.test(message)) {
          expect(message, at).toContain('Nothing was changed');
          expect(cells(em), at).toBe(before);
          failed++;
        }
      }
    expect(failed).toBeGreaterThan(10);
  }, 300_000);
});

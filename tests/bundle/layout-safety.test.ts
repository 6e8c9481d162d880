/**
 * Merged cells, a team's filter and frozen rows on the built bundle, for every write path (sidebar,
 * recompute, setup and demo):
 * - merged cells where KOC Ops writes: refused with a message naming the sheet, the cells and the
 *   fix, in the user's language, and the workbook exactly as it was (values, merges, filters);
 * - a filter: the rows written join the filtered table and are shown or hidden by the team's own
 *   conditions, the filter kept with its conditions;
 * - frozen rows: setup freezes a header row even on a one-row sheet, and refuses a merge across it.
 * (A failure at each call of a write under a filter: tests/sweeps/layout-safety.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';
import { book, columnOf, demo, headerOf, LATER, logFollowUp, offerTask, run, sheetOf } from '../helpers/layout';

const MERGED = (range: string, name: string) =>
  `Cells ${range} on sheet "${name}" are merged where KOC Ops writes (a merge keeps only its first cell), so nothing was changed. Unmerge them (select them, then Format → Merge cells → Unmerge) and try again.`;
const MERGED_ZH = (range: string, name: string) =>
  `工作表“${name}”的 ${range} 是合并单元格，而 KOC Ops 需要写入这里（合并单元格只保留第一个单元格），因此未做任何更改。请选中后取消合并（格式 → 合并单元格 → 取消合并），然后重试。`;

describe('sidebar writes and merged cells', () => {
  it.each([
    ['en', MERGED],
    ['zh-CN', MERGED_ZH],
  ] as const)('log a follow-up (%s): refused where the new row goes, the workbook as it was; after unmerging it saves', (locale, message) => {
    const em = demo();
    const next = em.sheetValues('Follow-ups').length + 1;
    sheetOf(em, 'Follow-ups').getRange(next, 2, 1, 2).merge();
    const before = book(em);
    const answer = logFollowUp(em, 'Merged row', locale);
    expect(answer).toEqual({ ok: false, message: message(`B${next}:C${next}`, 'Follow-ups') });
    expect(book(em)).toBe(before);
    sheetOf(em, 'Follow-ups').getRange(next, 2, 1, 2).breakApart();
    expect(logFollowUp(em, 'Merged row', locale).ok).toBe(true);
    expect(em.sheetValues('Follow-ups')[next - 1]).toContain('Merged row');
  });

  it('offer a task: refused where the new row goes; a merge in rows it does not write is no obstacle', () => {
    const em = demo();
    const sheet = sheetOf(em, 'Assignments');
    const next = em.sheetValues('Assignments').length + 1;
    const notes = columnOf(em, 'Assignments', 'Notes');
    sheet.getRange(next + 3, 1, 2, 2).merge();
    sheet.getRange(next, notes - 1, 1, 2).merge();
    const before = book(em);
    const refused = offerTask(em, 'Into a merge');
    expect(refused.ok).toBe(false);
    expect((refused as { message: string }).message).toBe(MERGED(sheet.getRange(next, notes - 1, 1, 2).getA1Notation(), 'Assignments'));
    expect(book(em)).toBe(before);
    sheet.getRange(next, notes - 1, 1, 2).breakApart();
    expect(offerTask(em, 'Beside a merge').ok).toBe(true);
    expect(em.sheetValues('Assignments')[next - 1]).toContain('Beside a merge');
  });

  it('an update (resolve an incident) is refused where its changed cells are merged', () => {
    const em = demo();
    const logged = run(em, 'logIncident', [{ kocId: 'KOC-003', severity: 'high', kind: 'complaint', description: 'Merge test', requestId: 'inc-1' }]);
    expect(logged.ok).toBe(true);
    const row = em.sheetValues('Incidents').findIndex((r) => r[0] === logged.data.id) + 1;
    const status = columnOf(em, 'Incidents', 'Status');
    sheetOf(em, 'Incidents').getRange(row, status, 1, 2).merge();
    const before = book(em);
    const answer = run(em, 'resolveIncident', [{ incidentId: logged.data.id, resolution: 'Fixed', requestId: 'inc-2' }]);
    expect(answer.ok).toBe(false);
    expect(answer.message).toBe(MERGED(sheetOf(em, 'Incidents').getRange(row, status, 1, 2).getA1Notation(), 'Incidents'));
    expect(book(em)).toBe(before);
  });
});

describe('sidebar writes under a filter', () => {
  it('a new row joins the filtered table, shown when the conditions let it, the filter and its conditions kept', () => {
    const em = demo();
    const sheet = sheetOf(em, 'Follow-ups');
    const last = em.sheetValues('Follow-ups').length;
    const width = headerOf(em, 'Follow-ups').length;
    const sentiment = columnOf(em, 'Follow-ups', 'Sentiment');
    // The team filters the data they have, hiding negative contacts.
    sheet
      .getRange(1, 1, last, width)
      .createFilter()
      .setColumnFilterCriteria(sentiment, (em.globals() as any).SpreadsheetApp.newFilterCriteria().setHiddenValues(['Negative']).build());
    const hiddenBefore = Array.from({ length: last }, (_, i) => sheet.isRowHiddenByFilter(i + 1));
    expect(hiddenBefore.some(Boolean)).toBe(true);
    expect(logFollowUp(em, 'Under the filter').ok).toBe(true);
    const filter = sheet.getFilter();
    expect(filter.getRange().getA1Notation()).toBe(sheet.getRange(1, 1, last + 1, width).getA1Notation());
    expect(filter.getColumnFilterCriteria(sentiment).getHiddenValues()).toEqual(['Negative']);
    expect(em.sheetValues('Follow-ups')[last]).toContain('Under the filter');
    expect(sheet.isRowHiddenByFilter(last + 1)).toBe(false);
    // The rows that were hidden are hidden still; the others shown.
    expect(Array.from({ length: last }, (_, i) => sheet.isRowHiddenByFilter(i + 1))).toEqual(hiddenBefore);
  });

  it('a filter over the whole sheet that hides blank rows: the new row, blank and hidden before, is shown', () => {
    const em = demo();
    const sheet = sheetOf(em, 'Assignments');
    const last = em.sheetValues('Assignments').length;
    sheet
      .getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns())
      .createFilter()
      .setColumnFilterCriteria(1, (em.globals() as any).SpreadsheetApp.newFilterCriteria().whenCellNotEmpty().build());
    expect(sheet.isRowHiddenByFilter(last + 1)).toBe(true);
    expect(offerTask(em, 'Into a hidden row').ok).toBe(true);
    expect(em.sheetValues('Assignments')[last]).toContain('Into a hidden row');
    expect(sheet.isRowHiddenByFilter(last + 1)).toBe(false);
    expect(sheet.isRowHiddenByFilter(last + 2)).toBe(true);
    expect(sheet.getFilter().getRange().getA1Notation()).toBe(`A1:${sheet.getRange(1, sheet.getMaxColumns()).getA1Notation().replace(/\d+$/, '')}${sheet.getMaxRows()}`);
  });
});

describe('the recompute', () => {
  /** A change the next run logs to History: KOC-003 paused (its stage moves to Transition). */
  function overrideFirst(em: Emulator): void {
    sheetOf(em, 'KOCs').getRange(4, columnOf(em, 'KOCs', 'Status')).setValue('Paused');
  }

  it.each([
    ['Echelon', 'en', MERGED],
    ['History', 'en', MERGED],
    ['Dashboard', 'zh-CN', MERGED_ZH],
  ] as const)('merged cells on %s (%s): nothing written, the alert names the cells and the fix', (name, locale, message) => {
    const em = demo();
    overrideFirst(em);
    const sheet = sheetOf(em, name);
    // Where this run writes: an Echelon row, the next History entry, the Dashboard's block.
    const row = name === 'History' ? em.sheetValues('History').length + 1 : 4;
    sheet.getRange(row, 2, 1, 2).merge();
    if (name === 'Dashboard') (em as any).properties.document['kocops.recompute.dashboard'] = 'stale';
    const before = book(em);
    run(em, 'recomputeNow', [], { locale, now: LATER });
    expect(em.ui.alerts.at(-1)?.prompt).toBe(message(`B${row}:C${row}`, name));
    expect(book(em)).toBe(before);
  });

  it('a filter on Echelon is put back over the rewritten rows, its conditions applied to them', () => {
    const em = demo();
    const sheet = sheetOf(em, 'Echelon');
    const tier = columnOf(em, 'Echelon', 'Tier');
    const rows = em.sheetValues('Echelon').length;
    sheet
      .getRange(1, 1, rows, headerOf(em, 'Echelon').length)
      .createFilter()
      .setColumnFilterCriteria(tier, (em.globals() as any).SpreadsheetApp.newFilterCriteria().whenTextEqualTo('Core').build());
    // A new KOC: Echelon gets one more row, and the first KOC's tier changes.
    const kocs = em.sheetValues('KOCs');
    const add = kocs[kocs.length - 1].map((v, i) => (i === 0 ? 'KOC-900' : v instanceof Date ? v : v));
    sheetOf(em, 'KOCs').getRange(kocs.length + 1, 1, 1, add.length).setValues([add]);
    overrideFirst(em);
    run(em, 'recomputeNow', [], { now: LATER });
    expect(em.ui.alerts).toEqual([]);
    const values = em.sheetValues('Echelon');
    expect(values.length).toBe(rows + 1);
    const filter = sheet.getFilter();
    expect(filter.getRange().getNumRows()).toBe(rows + 1);
    expect(filter.getColumnFilterCriteria(tier).getCriteriaValues()).toEqual(['Core']);
    for (let r = 2; r <= values.length; r++) expect(sheet.isRowHiddenByFilter(r), `row ${r}: ${values[r - 1][tier - 1]}`).toBe(values[r - 1][tier - 1] !== 'Core');
  });
});

describe('frozen rows', () => {
  it('never stop a write nor its undo: Echelon with frozen rows grows, and a failed run shrinks it back', () => {
    const em = demo();
    (em as any).properties.document['kocops.recompute.dashboard'] = 'stale';
    const echelon = sheetOf(em, 'Echelon');
    echelon.setFrozenRows(3);
    // Echelon cut to its rows, three more KOCs: the run grows the grid, then fails at its last write.
    const kept = em.sheetValues('Echelon').length;
    echelon.deleteRows(kept + 1, echelon.getMaxRows() - kept);
    const kocs = em.sheetValues('KOCs');
    const extra = 3;
    const rows = Array.from({ length: extra }, (_, i) => kocs[3].map((v, c) => (c === 0 ? `KOC-${1000 + i}` : v)));
    sheetOf(em, 'KOCs').getRange(kocs.length + 1, 1, extra, kocs[0].length).setValues(rows);
    const before = book(em);
    // The Dashboard's formats come after Echelon's rows were added and written.
    em.failAt('Range.setNumberFormats', 1);
    run(em, 'recomputeNow', [], { now: LATER });
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(/put back as they were/);
    expect(book(em)).toBe(before);
    em.clearFailures();
    run(em, 'recomputeNow', [], { now: LATER });
    expect(em.sheetValues('Echelon').length).toBe(kocs.length + extra);
    expect(echelon.getFrozenRows()).toBe(3);
  });
});

describe('setup and the demo', () => {
  it.each([
    ['en', MERGED],
    ['zh-CN', MERGED_ZH],
  ] as const)('load demo data (%s) over merged cells in KOCs: refused, the workbook as it was', (locale, message) => {
    const em = demo();
    sheetOf(em, 'KOCs').getRange(5, 2, 2, 1).merge();
    const before = book(em);
    em.ui.alertResponses.push('YES' as never);
    run(em, 'loadDemoData', [], { locale });
    expect(em.ui.alerts.at(-1)?.prompt).toBe(message('B5:B6', 'KOCs'));
    expect(book(em)).toBe(before);
  });

  it('load demo data under a filter: the rows written are filtered by its conditions', () => {
    const em = demo();
    const sheet = sheetOf(em, 'KOCs');
    const platform = columnOf(em, 'KOCs', 'Platform');
    sheet
      .getRange(1, 1, 5, headerOf(em, 'KOCs').length)
      .createFilter()
      .setColumnFilterCriteria(platform, (em.globals() as any).SpreadsheetApp.newFilterCriteria().setHiddenValues(['Douyin']).build());
    em.ui.alertResponses.push('YES' as never);
    run(em, 'loadDemoData');
    const values = em.sheetValues('KOCs');
    expect(sheet.getFilter().getRange().getNumRows()).toBeGreaterThanOrEqual(values.length);
    expect(values.some((r) => r[platform - 1] === 'Douyin')).toBe(true);
    for (let r = 2; r <= values.length; r++) expect(sheet.isRowHiddenByFilter(r)).toBe(values[r - 1][platform - 1] === 'Douyin');
  });

  it('set up on a blank one-row sheet freezes its header (the grid grown first); a merge across the header row is refused', () => {
    const em = createEmulator({ locale: 'en' });
    const blank = (em.spreadsheet as any).insertSheet('KOCs');
    blank.deleteRows(2, blank.getMaxRows() - 1);
    run(em, 'setUpWorkbook');
    expect(sheetOf(em, 'KOCs').getFrozenRows()).toBe(1);
    expect(headerOf(em, 'KOCs')[0]).toBe('KOC ID');

    const other = createEmulator({ locale: 'zh-CN' });
    const sheet = (other.spreadsheet as any).insertSheet('KOCs');
    sheet.getRange('C1:C2').merge();
    const before = book(other);
    run(other, 'setUpWorkbook', [], { locale: 'zh-CN' });
    expect(other.ui.alerts.at(-1)?.prompt).toBe(MERGED_ZH('C1:C2', 'KOCs'));
    expect(book(other)).toBe(before);
  });
});

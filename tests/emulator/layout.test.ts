/** Merged cells, the filter and frozen rows behave as in Sheets where that changes what a write does. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';

type Any = any;

let emu: Emulator;
let g: Any;
let sheet: Any;

beforeEach(() => {
  emu = createEmulator();
  g = emu.globals();
  sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
});

describe('merged cells', () => {
  it('keep only the top-left value, of a merge and of a write into one', () => {
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.getRange('A1:B1').merge();
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', '', 'c']]);
    sheet.getRange('A1:C1').setValues([['x', 'y', 'z']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['x', '', 'z']]);
    sheet.getRange('B1').setValue('=1+1');
    expect(sheet.getRange('B1').getFormula()).toBe('');
  });

  it('are listed by getMergedRanges and isPartOfMerge, and moved by inserted rows', () => {
    sheet.getRange('C4:D5').merge();
    expect(sheet.getRange('A1:C4').getMergedRanges().map((r: Any) => r.getA1Notation())).toEqual(['C4:D5']);
    expect(sheet.getRange('D5').isPartOfMerge()).toBe(true);
    expect(sheet.getRange('E5').isPartOfMerge()).toBe(false);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:Z20').getMergedRanges().map((r: Any) => r.getA1Notation())).toEqual(['C6:D7']);
    sheet.insertRowsAfter(6, 1);
    expect(sheet.getRange('C6').getMergedRanges()[0].getA1Notation()).toBe('C6:D8');
  });

  it('refuse a merge or unmerge over part of a merge, and a merge across the frozen rows', () => {
    sheet.getRange('A1:B2').merge();
    expect(() => sheet.getRange('B2:C2').merge()).toThrow('You must select all cells in a merged range to merge or unmerge them.');
    expect(() => sheet.getRange('A1').breakApart()).toThrow('You must select all cells in a merged range to merge or unmerge them.');
    sheet.getRange('A1:C3').breakApart();
    expect(sheet.getRange('A1').isPartOfMerge()).toBe(false);
    sheet.setFrozenRows(1);
    expect(() => sheet.getRange('A1:A2').merge()).toThrow("You can't merge frozen and non-frozen rows.");
    expect(emu.toJSON().sheets[0].merges).toBeUndefined();
    sheet.getRange('C3:D3').merge();
    expect(emu.toJSON().sheets[0].merges).toEqual(['C3:D3']);
  });
});

describe('frozen rows', () => {
  it('cannot cover every row nor cut a merge', () => {
    sheet.getRange('A2:A3').merge();
    expect(() => sheet.setFrozenRows(2)).toThrow("You can't freeze rows which contain only part of a merged cell.");
    expect(() => sheet.setFrozenRows(1000)).toThrow("You can't freeze all visible rows on the sheet.");
    sheet.setFrozenRows(3);
    expect(sheet.getFrozenRows()).toBe(3);
    expect(() => sheet.deleteRows(4, 997)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });
});

describe('the filter', () => {
  beforeEach(() => {
    sheet.getRange('A1:B5').setValues([['Name', 'Status'], ['a', 'Open'], ['b', 'Done'], ['c', 'Open'], ['', '']]);
  });

  it('hides rows when its conditions are set, not when a cell changes later; remove shows them', () => {
    const filter = sheet.getRange('A1:B5').createFilter();
    expect(() => sheet.getRange('A1:B2').createFilter()).toThrow("You can't create a filter in a sheet that already has a filter.");
    filter.setColumnFilterCriteria(2, g.SpreadsheetApp.newFilterCriteria().setHiddenValues(['Done', '']).build());
    expect([2, 3, 4, 5].map((r) => sheet.isRowHiddenByFilter(r))).toEqual([false, true, false, true]);
    sheet.getRange('A5:B5').setValues([['d', 'Open']]);
    expect(sheet.isRowHiddenByFilter(5)).toBe(true);
    expect(sheet.getFilter().getColumnFilterCriteria(2).getHiddenValues()).toEqual(['Done', '']);
    expect(sheet.getFilter().getColumnFilterCriteria(1)).toBeNull();
    expect(emu.toJSON().sheets[0].filter).toMatchObject({ range: 'A1:B5', hiddenRows: [3, 5] });
    sheet.getFilter().remove();
    expect(sheet.getFilter()).toBeNull();
    expect(sheet.isRowHiddenByFilter(3)).toBe(false);
  });

  it('grows over rows inserted inside it, not over rows below it', () => {
    sheet.getRange('A1:B4').createFilter().setColumnFilterCriteria(2, g.SpreadsheetApp.newFilterCriteria().whenTextEqualTo('Open').build());
    expect(sheet.isRowHiddenByFilter(3)).toBe(true);
    sheet.insertRowsAfter(2, 1);
    expect(sheet.getFilter().getRange().getA1Notation()).toBe('A1:B5');
    expect(sheet.isRowHiddenByFilter(4)).toBe(true);
    sheet.insertRowsAfter(5, 1);
    expect(sheet.getFilter().getRange().getA1Notation()).toBe('A1:B5');
    // A column inserted inside it: the range widens and the conditions move with their column.
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getFilter().getRange().getA1Notation()).toBe('A1:C5');
    expect(sheet.getFilter().getColumnFilterCriteria(2)).toBeNull();
    expect(sheet.getFilter().getColumnFilterCriteria(3).getCriteriaValues()).toEqual(['Open']);
    sheet.deleteColumns(3, 1);
    expect(sheet.getFilter().getRange().getA1Notation()).toBe('A1:B5');
    expect(sheet.getFilter().getColumnFilterCriteria(2)).toBeNull();
  });
});

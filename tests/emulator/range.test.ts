import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';

type Any = any;

let emu: Emulator;
let g: Any;
let ss: Any;
let sheet: Any;

beforeEach(() => {
  emu = createEmulator();
  g = emu.globals();
  ss = g.SpreadsheetApp.getActiveSpreadsheet();
  sheet = ss.getSheetByName('Sheet1');
});

describe('values', () => {
  it('refuses text longer than a cell holds (50,000 characters) before writing anything, as Sheets does', () => {
    sheet.getRange('A1:B1').setValues([['keep', 'me']]);
    const long = 'x'.repeat(50_001);
    expect(() => sheet.getRange('A1:B1').setValues([['new', long]])).toThrow('Your input contains more than the maximum of 50000 characters in a single cell.');
    expect(() => sheet.getRange('A1').setValue(long)).toThrow(/maximum of 50000 characters/);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['keep', 'me']]);
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect(String(sheet.getRange('A1').getValue()).length).toBe(50_000);
  });

  it("reads empty cells as '' and keeps numbers, booleans and text", () => {
    sheet.getRange('B2:C2').setValues([[42, true]]);
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['', '', ''],
      ['', 42, true],
    ]);
    expect(sheet.getRange('Z999').getValue()).toBe('');
  });

  it('stores Dates and hands back copies', () => {
    const d = new Date('2024-05-06T07:08:09Z');
    sheet.getRange('A1').setValue(d);
    d.setFullYear(2000);
    const back = sheet.getRange('A1').getValue();
    expect(Object.prototype.toString.call(back)).toBe('[object Date]');
    expect(back.toISOString()).toBe('2024-05-06T07:08:09.000Z');
    back.setFullYear(1999);
    expect(sheet.getRange('A1').getValues()[0][0].toISOString()).toBe('2024-05-06T07:08:09.000Z');
  });

  it('returns fresh arrays: mutating them never changes the sheet', () => {
    sheet.getRange('A1:B1').setValues([[1, 2]]);
    const v = sheet.getRange('A1:B1').getValues();
    v[0][0] = 'changed';
    v[0].push('extra');
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[1, 2]]);
    const input = [[3, 4]];
    sheet.getRange('A1:B1').setValues(input);
    input[0][0] = 99;
    expect(sheet.getRange('A1').getValue()).toBe(3);
  });

  it('rejects data of the wrong shape with the Apps Script messages, writing nothing', () => {
    const range = sheet.getRange(1, 1, 2, 2);
    expect(() => range.setValues([[1, 2], [3, 4], [5, 6]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 3 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  it("turns '=…' into a formula and an apostrophe into literal text", () => {
    sheet.getRange('A1:B1').setValues([['=SUM(1,2)', "'=not a formula"]]);
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(1,2)');
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('B1').getFormula()).toBe('');
    expect(sheet.getRange('B1').getValue()).toBe('=not a formula');
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=SUM(1,2)', '']]);
    // Writing a value over a formula removes the formula.
    sheet.getRange('A1').setValue(5);
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(sheet.getRange('A1').getValue()).toBe(5);
  });

  it('converts strings that look like numbers, percentages, booleans and dates, as Sheets does', () => {
    sheet.getRange('A1:E1').setValues([['123', '12.5%', 'TRUE', '2024-03-01', '1.2万']]);
    const [row] = sheet.getRange('A1:E1').getValues();
    expect(row[0]).toBe(123);
    expect(row[1]).toBeCloseTo(0.125);
    expect(row[2]).toBe(true);
    expect(Object.prototype.toString.call(row[3])).toBe('[object Date]');
    expect(row[4]).toBe('1.2万');
    // A plain-text format or an apostrophe keeps text as text.
    sheet.getRange('F1').setNumberFormat('@').setValue('007');
    sheet.getRange('G1').setValue("'007");
    expect(sheet.getRange('F1:G1').getValues()).toEqual([['007', '007']]);
  });

  it('formats display values by number format', () => {
    sheet.getRange('A1:E1').setValues([[0.1234, 1234567.891, 2.5049, new Date('2024-01-05T00:00:00+08:00'), 'text']]);
    sheet.getRange('A1:D1').setNumberFormats([['0.0%', '#,##0', '0.00', 'yyyy-mm-dd']]);
    expect(sheet.getRange('A1:E1').getDisplayValues()).toEqual([['12.3%', '1,234,568', '2.50', '2024-01-05', 'text']]);
    expect(sheet.getRange('A2').getDisplayValue()).toBe('');
    sheet.getRange('A2').setValue(true);
    expect(sheet.getRange('A2').getDisplayValue()).toBe('TRUE');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.0%');
  });

  it('uses the formula evaluator hook for formula cells and spills arrays', () => {
    sheet.getRange('A1').setFormula('=KOC_NUM("x")');
    expect(sheet.getRange('A1').getValue()).toBe('');
    emu.setFormulaEvaluator((formula, cell) => (cell.a1 === 'A1' ? [[formula.length], [2], [3]] : 0));
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[13], [2], [3]]);
    // Spilled cells are not content of their own.
    expect(sheet.getRange('A2').getFormula()).toBe('');
  });
});

describe('extent and growth', () => {
  it('getLastRow / getLastColumn count only cells with content', () => {
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('C5').setValue('x');
    sheet.getRange('A10').setNumberFormat('0.00');
    expect(sheet.getLastRow()).toBe(5);
    expect(sheet.getLastColumn()).toBe(3);
    sheet.getRange('C5').clearContent();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  it('appendRow writes after the last row and grows a full sheet', () => {
    sheet.appendRow(['a', 1]);
    sheet.appendRow(['b', 2]);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['beyond']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1).getValue()).toBe('beyond');
  });

  it('insertRowsAfter / insertColumnsAfter shift data, formulas and named ranges', () => {
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('B3').setFormula('=A3');
    ss.setNamedRange('Third', sheet.getRange('A3'));
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([[1], [''], [''], [2], [3]]);
    expect(sheet.getRange('B5').getFormula()).toBe('=A3');
    expect(ss.getRangeByName('Third').getA1Notation()).toBe('A5');
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getMaxColumns()).toBe(27);
    expect(sheet.getRange('C5').getFormula()).toBe('=A3');
  });

  it('deleteRows removes rows and refuses to delete every row', () => {
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.deleteRows(2, 1);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[1], [3]]);
    expect(() => sheet.deleteRows(1, sheet.getMaxRows())).toThrow('not possible to delete all non-frozen rows');
  });
});

describe('getRange', () => {
  it('validates bounds with the Apps Script messages', () => {
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(2, 1, 0, 3)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => sheet.getRange(1)).toThrow("don't match the method signature");
  });

  it('understands A1 forms and sheet-qualified references', () => {
    const koc = ss.insertSheet('KOC名册');
    koc.getRange('A1:B2').setValues([
      ['id', 'name'],
      ['K1', "O'Brien"],
    ]);
    expect(ss.getRange("'KOC名册'!A1:B2").getValues()[1]).toEqual(['K1', "O'Brien"]);
    expect(koc.getRange('B:B').getNumRows()).toBe(1000);
    expect(koc.getRange('2:3').getNumColumns()).toBe(26);
    expect(koc.getRange('A2:C').getA1Notation()).toBe('A2:C1000');
    expect(koc.getRange(2, 3, 4, 5).getA1Notation()).toBe('C2:G5');
    expect(koc.getRange('B2').offset(1, 1, 2, 2).getA1Notation()).toBe('C3:D4');
    expect(() => ss.getRange("'Missing'!A1")).toThrow('Range not found');
  });

  it('active range and named ranges', () => {
    const koc = ss.insertSheet('KOCs');
    emu.setActiveRange("'KOCs'!B5:C6");
    expect(g.SpreadsheetApp.getActiveRange().getA1Notation()).toBe('B5:C6');
    expect(ss.getCurrentCell().getA1Notation()).toBe('B5');
    expect(g.SpreadsheetApp.getActiveSheet().getName()).toBe('KOCs');
    sheet.getRange('C3').activate();
    expect(ss.getActiveRange().getSheet().getName()).toBe('Sheet1');
    ss.setNamedRange('Roster', koc.getRange('A1:D10'));
    const [named] = ss.getNamedRanges();
    expect(named.getName()).toBe('Roster');
    expect(named.getRange().getA1Notation()).toBe('A1:D10');
    named.remove();
    expect(ss.getRangeByName('Roster')).toBeNull();
    emu.calls.reset();
    ss.getRange("'KOCs'!A1");
    expect(emu.calls.byMethod()).toEqual({ 'Spreadsheet.getRange': 1 });
  });

  it('insertSheet refuses duplicate names and activates the new sheet', () => {
    const s = ss.insertSheet('Tasks');
    expect(ss.getActiveSheet().getName()).toBe('Tasks');
    expect(s.getIndex()).toBe(2);
    expect(() => ss.insertSheet('Tasks')).toThrow('A sheet with the name "Tasks" already exists. Please enter another name.');
    ss.deleteSheet(s);
    expect(ss.getSheetByName('Tasks')).toBeNull();
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets");
  });
});

describe('validation and protection', () => {
  it('a reject-input rule refuses bad values before writing', () => {
    const rule = g.SpreadsheetApp.newDataValidation().requireValueInList(['Open', 'Closed'], true).setAllowInvalid(false).setHelpText('pick one').build();
    sheet.getRange('A1:A3').setDataValidation(rule);
    sheet.getRange('A1').setValue('Open');
    expect(() => sheet.getRange('A2:A3').setValues([['Closed'], ['Maybe']])).toThrow(
      'The data you entered in cell A3 violates the data validation rules set on this cell.',
    );
    expect(sheet.getRange('A2').getValue()).toBe('');
    const back = sheet.getRange('A1').getDataValidation();
    expect(back.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(back.getCriteriaValues()).toEqual([['Open', 'Closed'], true]);
    expect(back.getHelpText()).toBe('pick one');
    sheet.getRange('A1:A3').clearDataValidations();
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });

  it('a non-warning protection refuses other users; editors and warning-only pass', () => {
    // Whoever protects stays an editor, as in Sheets; protected outside any execution, it is someone else's.
    const p = sheet.protect().setDescription('computed');
    sheet.getRange('A1').setValue(1);
    expect(p.getEditors().map((u: { getEmail(): string }) => u.getEmail())).toEqual(['ops@example.com']);
    p.removeEditor('ops@example.com');
    expect(() => sheet.getRange('A1').setValue(1)).toThrow('You are trying to edit a protected cell or object');
    expect(() => sheet.appendRow([1])).toThrow('protected');
    p.addEditor('ops@example.com');
    sheet.getRange('A1').setValue(1);
    const other = emu.globals({ user: 'intern@example.com' }) as Any;
    const otherSheet = other.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
    expect(() => otherSheet.getRange('A2').setValue(2)).toThrow('protected');
    p.setWarningOnly(true);
    otherSheet.getRange('A2').setValue(2);
    expect(sheet.getProtections(g.SpreadsheetApp.ProtectionType.SHEET)[0].getDescription()).toBe('computed');
    p.remove();
    expect(ss.getProtections('SHEET')).toHaveLength(0);
  });

  it('range protections only cover their range', () => {
    emu.spreadsheet.getSheetByName('Sheet1')!.getRange('A1:B1').protect();
    sheet.getRange('A2').setValue('ok');
    expect(() => sheet.getRange('B1:C1').setValues([[1, 2]])).toThrow('protected');
  });
});

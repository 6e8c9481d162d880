import { describe, expect, it } from 'vitest';
import { createEmulator, type WorkbookJSON } from '../../emulator/index';

type Any = any;

function richWorkbook() {
  const emu = createEmulator();
  const g = emu.globals() as Any;
  const ss = g.SpreadsheetApp.getActiveSpreadsheet();
  const koc = ss.insertSheet('KOC名册');
  koc.getRange('A1:D1').setValues([['KOC ID', 'Joined', 'Followers', 'Score']]).setFontWeight('bold').setBackground('#eeeeee');
  koc.getRange('A2:C3').setValues([
    ['K1', new Date('2024-01-05T00:00:00+08:00'), 12000],
    ['K2', new Date('2024-02-06T10:30:00+08:00'), 3400],
  ]);
  koc.getRange('D2:D3').setFormulas([['=KOC_SCORE(A1:C1,A2:C2)'], ['=KOC_SCORE(A1:C1,A3:C3)']]);
  koc.getRange('E2').setValue("'=text");
  koc.getRange('B2:B1000').setNumberFormat('yyyy-mm-dd');
  koc.getRange('A2').setNote('first');
  koc.setFrozenRows(1);
  koc.setColumnWidth(1, 140);
  koc.getRange('F2:F1000').setDataValidation(g.SpreadsheetApp.newDataValidation().requireValueInList(['Active', 'Paused']).setAllowInvalid(false).build());
  koc.getRange('G2:G1000').setDataValidation(g.SpreadsheetApp.newDataValidation().requireDateAfter(new Date('2020-01-01T00:00:00Z')).build());
  koc.getRange('H2:H10').setDataValidation(g.SpreadsheetApp.newDataValidation().requireValueInRange(koc.getRange('A2:A3')).build());
  koc.protect().setWarningOnly(true).setDescription('roster');
  // Its maker stays an editor unless removed, as in Sheets.
  koc.getRange('A1:D1').protect().addEditor('lead@example.com').removeEditor('ops@example.com');
  koc.newChart().addRange(koc.getRange('A1:C3')).setChartType('PIE').setPosition(2, 6, 0, 0).setOption('title', 'Tiers').build();
  koc.insertChart(koc.newChart().addRange(koc.getRange('A1:C3')).asPieChart().setOption('title', 'Tiers').build());
  ss.setNamedRange('Headers', koc.getRange('A1:D1'));
  g.PropertiesService.getScriptProperties().setProperty('schema', '3');
  g.PropertiesService.getUserProperties().setProperty('lang', 'zh');
  g.ScriptApp.newTrigger('recompute').timeBased().everyHours(6).create();
  return emu;
}

describe('toJSON / load', () => {
  it('round-trips values, dates, formulas, formats, validations, protections, names, properties and triggers', () => {
    const emu = richWorkbook();
    const json = emu.toJSON();
    const text = JSON.stringify(json);
    const sheet = json.sheets.find((s) => s.name === 'KOC名册')!;
    expect(sheet.values[1][1]).toEqual({ $date: '2024-01-04T16:00:00.000Z' });
    expect(sheet.formulas).toEqual({ D2: '=KOC_SCORE(A1:C1,A2:C2)', D3: '=KOC_SCORE(A1:C1,A3:C3)' });
    expect(sheet.numberFormats).toEqual({ 'B2:B1000': 'yyyy-mm-dd' });
    expect(sheet.styles?.FontWeight).toEqual({ 'A1:D1': 'bold' });
    expect(sheet.validations?.find((v) => v.range === 'F2:F1000')).toEqual({ range: 'F2:F1000', criteria: 'VALUE_IN_LIST', args: [['Active', 'Paused'], true], allowInvalid: false });
    expect(sheet.frozenRows).toBe(1);

    const copy = createEmulator({ workbook: JSON.parse(text) as WorkbookJSON });
    expect(JSON.stringify(copy.toJSON())).toBe(text);
    const g = copy.globals() as Any;
    const koc = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('KOC名册');
    const joined = koc.getRange('B2').getValue();
    expect(Object.prototype.toString.call(joined)).toBe('[object Date]');
    expect(joined.toISOString()).toBe('2024-01-04T16:00:00.000Z');
    expect(koc.getRange('E2').getValue()).toBe('=text');
    expect(koc.getRange('E2').getFormula()).toBe('');
    expect(() => koc.getRange('F2').setValue('Gone')).toThrow('violates the data validation rules');
    expect(() => koc.getRange('A1').setValue('x')).toThrow('protected');
    expect(koc.getCharts()).toHaveLength(1);
    expect(g.SpreadsheetApp.getActiveSpreadsheet().getRangeByName('Headers').getA1Notation()).toBe('A1:D1');
    expect(copy.properties.user).toEqual({ 'ops@example.com': { lang: 'zh' } });
    expect(copy.triggers()).toMatchObject([{ handler: 'recompute', kind: 'CLOCK', everyHours: 6 }]);
    expect(koc.getRange('A2').getNote()).toBe('first');
    expect(koc.getColumnWidth(1)).toBe(140);
  });

  it('load accepts a JSON string and replaces everything, keeping emulator.properties the same object', () => {
    const emu = createEmulator();
    const props = emu.properties;
    emu.properties.script.old = '1';
    emu.load(JSON.stringify({ sheets: [{ name: 'A', values: [[1, null, 'x']] }], properties: { script: { fresh: 'y' } } }));
    expect(emu.properties).toBe(props);
    expect(props.script).toEqual({ fresh: 'y' });
    expect(emu.sheetValues('A')).toEqual([[1, '', 'x']]);
    expect(emu.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['A']);
  });

  it('refuses malformed JSON with an error naming what is wrong, changing nothing', () => {
    const emu = createEmulator();
    emu.spreadsheet.getSheets()[0].getRange('A1').setValue('kept');
    const cases: [unknown, string][] = [
      ['{not json', 'at $: not JSON'],
      [[], 'at $: expected an object, got an array'],
      [{}, 'at $.sheets: expected an array of sheets'],
      [{ sheets: [] }, 'at least one sheet'],
      [{ sheets: [{ values: [] }] }, '$.sheets[0].name: expected a non-empty sheet name'],
      [{ sheets: [{ name: 'A', values: [] }, { name: 'A', values: [] }] }, '$.sheets[1].name: duplicate sheet name "A"'],
      [{ sheets: [{ name: 'A', values: [[1, { when: 'x' }]] }] }, '$.sheets[0].values[0][1]: an object cell must be {"$date"'],
      [{ sheets: [{ name: 'A', values: [[{ $date: 'yesterday' }]] }] }, '"yesterday" is not a valid ISO-8601 date'],
      [{ sheets: [{ name: 'A', values: [[1]], formulas: { B2: 'SUM(1)' } }] }, 'formulas["B2"]: a formula must start with "="'],
      [{ sheets: [{ name: 'A', values: [[1]], formulas: { ZZ9999: '=1' } }] }, 'outside the sheet'],
      [{ sheets: [{ name: 'A', values: [] }], namedRanges: { H: "'B'!A1" } }, '$.namedRanges.H: no sheet named "B"'],
      [{ sheets: [{ name: 'A', values: [] }], triggers: [{ handler: 'f', kind: 'HOURLY' }] }, '$.triggers[0].kind: expected one of'],
      [{ sheets: [{ name: 'A', values: [], maxRows: 0 }] }, '$.sheets[0].maxRows: expected an integer ≥ 1'],
    ];
    for (const [json, message] of cases) {
      expect(() => emu.load(json as WorkbookJSON), message).toThrow(message);
    }
    expect(emu.sheetValues('Sheet1')).toEqual([['kept']]);
  });
});

import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/index';
import { loadBundle } from '../../emulator/vm';

type Any = any;

describe('loadBundle', () => {
  it('gives a context with standard JavaScript and the Apps Script globals only', () => {
    const emu = createEmulator();
    const code = `
      function hostGlobals() {
        return ['require', 'process', 'module', 'Buffer', 'fetch', 'setTimeout', 'setInterval', 'TextEncoder', 'URL', 'structuredClone']
          .filter(function (k) { return typeof globalThis[k] !== 'undefined'; });
      }
      function standard() { return [typeof JSON, typeof Map, typeof Intl, typeof Promise, typeof SpreadsheetApp, typeof console]; }
      const lexical = function () { return 'const works'; };`;
    const b = loadBundle(code, emu.globals());
    expect(b.call('hostGlobals')).toEqual([]);
    expect(b.call('standard')).toEqual(['object', 'function', 'object', 'function', 'object', 'object']);
    expect(b.call('lexical')).toBe('const works');
    expect(() => b.call('missing')).toThrow('The bundle has no function missing()');
  });

  it('`now` fixes new Date() and Date.now(); other Date forms are unchanged', () => {
    const now = new Date('2025-06-01T08:00:00Z');
    const b = loadBundle(
      `function clock() { return [new Date().toISOString(), Date.now(), new Date(0).toISOString(), new Date(2020, 0, 2).getFullYear(), new Date() instanceof Date, Object.prototype.toString.call(new Date()), typeof Date()]; }`,
      createEmulator().globals(),
      { now },
    );
    expect(b.call('clock')).toEqual([now.toISOString(), now.getTime(), '1970-01-01T00:00:00.000Z', 2020, true, '[object Date]', 'string']);
    b.setNow(new Date('2026-01-01T00:00:00Z'));
    expect((b.call('clock') as unknown[])[0]).toBe('2026-01-01T00:00:00.000Z');
  });

  it('rebind: the same context for another execution, with its globals and clock; module state stays', () => {
    const first = createEmulator();
    first.spreadsheet.getSheets()[0].getRange('A1').setValue('first');
    const second = createEmulator();
    second.spreadsheet.getSheets()[0].getRange('A1').setValue('second');
    const b = loadBundle(
      `var runs = 0;
      function a1() { runs++; return [SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getValue(), runs, new Date().toISOString(), typeof OnlyFirst]; }`,
      { ...first.globals(), OnlyFirst: 1 },
      { now: new Date('2025-06-01T08:00:00Z') },
    );
    expect(b.call('a1')).toEqual(['first', 1, '2025-06-01T08:00:00.000Z', 'number']);
    const again = b.rebind(second.globals(), new Date('2025-07-01T08:00:00Z'));
    expect(again.call('a1')).toEqual(['second', 2, '2025-07-01T08:00:00.000Z', 'undefined']);
    expect(again.context).toBe(b.context);
  });

  it("hands back the context's own Dates and Errors", () => {
    const emu = createEmulator();
    emu.spreadsheet.getSheets()[0].getRange('A1').setValue(new Date('2024-01-01T00:00:00Z'));
    const b = loadBundle(
      `function check() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        var d = sheet.getRange('A1').getValues()[0][0];
        var caught;
        try { sheet.getRange(0, 1); } catch (e) { caught = e; }
        return { isDate: d instanceof Date, year: d.getUTCFullYear(), isError: caught instanceof Error, text: String(caught), name: caught.name };
      }`,
      emu.globals(),
    );
    expect(b.call('check')).toEqual({ isDate: true, year: 2024, isError: true, text: 'Exception: The starting row of the range is too small.', name: 'Exception' });
  });

  it('compiles HTML templates inside the context so bundle helpers resolve', () => {
    const emu = createEmulator();
    emu.setHtmlFile('Page', '<main><?!= include("Part") ?></main>');
    emu.setHtmlFile('Part', '<p>part</p>');
    const b = loadBundle(
      `function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
       function page() { return HtmlService.createTemplateFromFile('Page').evaluate().getContent(); }`,
      emu.globals(),
    );
    expect(b.call('page')).toBe('<main><p>part</p></main>');
  });

  it('runs a whole flow: menu in NONE mode, then a locked write from a trigger', () => {
    const emu = createEmulator();
    const code = `
      function onOpen(e) { SpreadsheetApp.getUi().createAddonMenu().addItem('Recompute', 'recompute').addToUi(); }
      function schedule() { ScriptApp.newTrigger('recompute').timeBased().everyHours(1).create(); }
      function recompute() {
        var lock = LockService.getDocumentLock();
        if (!lock.tryLock(1000)) return 'busy';
        SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].appendRow(['ran', new Date()]);
        lock.releaseLock();
        return 'ok';
      }`;
    loadBundle(code, emu.globals({ authMode: 'NONE' })).call('onOpen', { authMode: 'NONE' });
    expect(emu.ui.menus[0].items).toEqual([{ caption: 'Recompute', functionName: 'recompute' }]);
    loadBundle(code, emu.globals()).call('schedule');
    const [trigger] = emu.triggers();
    const holder = emu.globals() as Any;
    holder.LockService.getDocumentLock().waitLock(0);
    const busy = emu.fireTrigger(trigger.id, (handler, event, g) => loadBundle(code, g, { now: new Date('2025-01-01T00:00:00Z') }).call(handler, event));
    expect(busy).toBe('busy');
    emu.endExecution(holder);
    const ok = emu.fireTrigger(trigger.id, (handler, event, g) => loadBundle(code, g, { now: new Date('2025-01-01T00:00:00Z') }).call(handler, event));
    expect(ok).toBe('ok');
    const [[label, when]] = emu.sheetValues('Sheet1') as [string, Date][];
    expect(label).toBe('ran');
    expect(when.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('large blocks', () => {
  // Their speed is measured by `npm run bench`.
  it('moves a 10k × 34 sheet through setValues/getValues intact, one call each', () => {
    const emu = createEmulator();
    const rows = 10_000;
    const cols = 34;
    emu.spreadsheet.getSheets()[0].insertRowsAfter(1000, rows - 1000 + 1);
    const data = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (j % 3 === 0 ? `K${i}-${j}` : i * cols + j)));
    const g = emu.globals() as Any;
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    sheet.insertColumnsAfter(26, cols - 26);
    sheet.getRange(1, 1, rows, cols).setValues(data);
    const back = sheet.getRange(1, 1, rows, cols).getValues();
    const lastRow = sheet.getLastRow();
    expect(back[rows - 1][cols - 2]).toBe(rows * cols - 2);
    expect(back[123][3]).toBe('K123-3');
    expect(lastRow).toBe(rows);
    back[0][0] = 'mutated';
    expect(sheet.getRange(1, 1).getValue()).toBe('K0-0');
    expect(emu.calls.byMethod()['Range.getValues']).toBe(1);
  });
});

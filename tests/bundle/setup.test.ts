/**
 * Set up workbook and Load demo data through the built bundle (dist/Code.js) on the emulator:
 * what a user sees, what lands in the sheets, and how many service calls it takes.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index';
import { defaultSettingsRows } from '../../src/core/settings';
import { type Lang, SHEETS, sheetDef } from '../../src/sheets/schema';
import { SETUP_ORDER } from '../../src/sheets/setup-plan';
import { runBundle } from '../helpers/bundle';

const NOW = new Date(2025, 5, 18, 9, 0);
/** Methods that change a spreadsheet. */
const WRITE = /\.(set|insert|append|protect|delete|clear|remove|add|copy|move|sort|merge|activate|hide|show|autoResize)/;

function run(emulator: Emulator, fn: 'setUpWorkbook' | 'loadDemoData', exec: { trigger?: boolean } = {}): void {
  const r = runBundle({ emulator, exec, now: NOW });
  try {
    r.call(fn);
  } finally {
    emulator.endExecution(r.globals);
  }
}

function writesOf(emulator: Emulator): Record<string, number> {
  return Object.fromEntries(Object.entries(emulator.calls.byMethod()).filter(([k]) => WRITE.test(k)));
}

function fresh(opts: EmulatorOptions = {}): Emulator {
  return createEmulator(opts);
}

/** The message the last run showed (alert text, or toast when there was no UI). */
function lastMessage(emulator: Emulator): string {
  const alert = emulator.ui.alerts[emulator.ui.alerts.length - 1];
  return alert ? alert.prompt : (emulator.ui.toasts[emulator.ui.toasts.length - 1]?.message ?? '');
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at |Code\.js:\d|TypeError|ReferenceError|undefined/);
}

const names = (emulator: Emulator) => emulator.spreadsheet.getSheets().map((s) => s.getName());

describe('setUpWorkbook on an empty spreadsheet', () => {
  it.each([
    ['en', 'en_US'],
    ['zh', 'zh-CN'],
  ] as const)('creates every sheet and header (%s)', (lang: Lang, locale) => {
    const emu = fresh({ locale });
    run(emu, 'setUpWorkbook');
    // A spreadsheet made in Chinese names its first sheet 工作表1, as Sheets does.
    expect(names(emu)).toEqual([...SETUP_ORDER.map((k) => sheetDef(k)[lang]), lang === 'zh' ? '工作表1' : 'Sheet1']);
    for (const def of SHEETS) {
      if (!def.columns.length) continue;
      const sheet = emu.spreadsheet.getSheetByName(def[lang])!;
      expect(sheet.getRange(1, 1, 1, def.columns.length).getValues()[0]).toEqual(def.columns.map((c) => c[lang]));
      expect(sheet.getFrozenRows()).toBe(1);
      expect(sheet.getRange(1, 1).getFontWeight()).toBe('bold');
    }
    const settings = emu.spreadsheet.getSheetByName(sheetDef('settings')[lang])!;
    const [asOf, ...rest] = settings.getRange(2, 1, defaultSettingsRows(lang).length, 3).getValues();
    expect(rest).toEqual(defaultSettingsRows(lang).slice(1));
    // The As of row holds the day of the setup; KOC_ASOF names its value, KOC_SETTINGS the whole table.
    expect(asOf[0]).toBe(defaultSettingsRows(lang)[0][0]);
    expect(Object.prototype.toString.call(asOf[1])).toBe('[object Date]');
    expect(emu.spreadsheet.getRangeByName('KOC_ASOF')!.getA1Notation()).toBe('B2');
    expect(emu.spreadsheet.getRangeByName('KOC_ASOF')!.getNumberFormat()).toBe('yyyy-mm-dd');
    expect(emu.spreadsheet.getRangeByName('KOC_SETTINGS')!.getA1Notation()).toBe('A2:B1000');
    const weights = emu.spreadsheet.getRangeByName('KOC_WEIGHTS')!;
    expect(weights.getA1Notation()).toBe('A4:B10');
    expect(weights.getSheet().getName()).toBe(sheetDef('settings')[lang]);
    const message = lastMessage(emu);
    expect(message).toContain(lang === 'en' ? 'Created: KOCs, Echelon' : '已创建：KOC名册、梯队');
    expectNoStackTrace(message);
  });

  it('adds dropdowns that warn rather than reject, number formats, and warning-only protection on computed sheets', () => {
    const emu = fresh({ locale: 'zh-CN' });
    run(emu, 'setUpWorkbook');
    const kocs = emu.spreadsheet.getSheetByName('KOC名册')!;
    const rule = kocs.getRange('C500').getDataValidation()!;
    expect(rule.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(rule.getCriteriaValues()[0]).toEqual(['小红书', '抖音', '微博', '微信', '哔哩哔哩', '快手', '其他']);
    expect(rule.getAllowInvalid()).toBe(true);
    expect(kocs.getRange('L2').getNumberFormat()).toBe('#,##0');
    expect(kocs.getRange('G999').getNumberFormat()).toBe('yyyy-mm-dd');
    expect(kocs.getRange('AF1').getValue()).toBe('备注'); // 32 columns: the grid grew past Z
    for (const name of ['梯队', '变动记录', '看板']) {
      const [p] = emu.spreadsheet.getSheetByName(name)!.getProtections(SpreadsheetAppProtection.SHEET);
      expect(p.isWarningOnly()).toBe(true);
      expect(p.getDescription()).toContain('KOC Ops');
    }
    expect(emu.spreadsheet.getSheetByName('KOC名册')!.getProtections(SpreadsheetAppProtection.SHEET)).toEqual([]);
  });

  it('makes zero writes the second time, whatever the language', () => {
    const emu = fresh();
    run(emu, 'setUpWorkbook');
    const first = emu.calls.spreadsheetCalls();
    const firstWrites = Object.values(writesOf(emu)).reduce((a, b) => a + b, 0);
    emu.calls.reset();
    run(emu, 'setUpWorkbook');
    expect(writesOf(emu)).toEqual({});
    expect(lastMessage(emu)).toBe('Workbook already set up; nothing changed.');
    const second = emu.calls.spreadsheetCalls();
    // Recorded for the issue notes: calls of a first setup and of a no-op run.
    console.log(`setup: first run ${first} spreadsheet calls (${firstWrites} writes); second run ${second} calls, 0 writes`);
    expect(second).toBeLessThan(150);
    emu.calls.reset();
    run(emu, 'setUpWorkbook', {});
    expect(writesOf(emu)).toEqual({});
  });
});

// SpreadsheetApp.ProtectionType of the emulator, for asserts through the admin spreadsheet.
const SpreadsheetAppProtection = { SHEET: 'SHEET', RANGE: 'RANGE' } as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;

describe('setUpWorkbook on the team’s own sheets', () => {
  function teamKocs(emu: Emulator): unknown[][] {
    const sheet = emu.spreadsheet.insertSheet('KOCs');
    const grid = [
      ['Notes', 'WeChat ID', 'Name', 'KOC ID', '粉丝数', 'Platform', 'My score', 'Source'],
      ['vip', 'wx_1', '小鹿爱护肤', 'K1', '1.2万', '小红书', '=1+1', 'Public'],
      ['', 'wx_2', 'Chef Kevin', 'K2', '3.4k', 'Douyin', 61, 'Private'],
      ['note', '', 'Amy', 'K3', 'N/A', 'RED', '', ''],
    ];
    sheet.getRange(1, 1, grid.length, grid[0].length).setValues(grid);
    sheet.getRange('J3').setValue('stray');
    return emu.sheetValues('KOCs');
  }

  it('keeps every user cell in place and appends the missing owned columns at the end', () => {
    const emu = fresh();
    const before = teamKocs(emu);
    run(emu, 'setUpWorkbook');
    const after = emu.sheetValues('KOCs');
    before.forEach((row, r) => {
      row.forEach((v, c) => {
        expect(after[r][c], `${r},${c}`).toEqual(v);
      });
    });
    expect(emu.spreadsheet.getSheetByName('KOCs')!.getRange('G2').getFormula()).toBe('=1+1');
    const added = after[0].slice(10);
    const have = ['notes', 'name', 'id', 'followers', 'platform', 'source'];
    expect(added).toEqual(sheetDef('kocs').columns.filter((c) => !have.includes(c.key)).map((c) => c.en));
    expect(after[0][9]).toBe(''); // column J holds the team's stray cell: new headers start after it
    const message = lastMessage(emu);
    expect(message).toContain('KOCs: added Channel, Owner');
    expect(message).toContain('your own columns, kept as they are: WeChat ID (B), My score (G)');
    expectNoStackTrace(message);
    // And then it is set up.
    emu.calls.reset();
    run(emu, 'setUpWorkbook');
    expect(writesOf(emu)).toEqual({});
  });

  it('reports a duplicate header naming both columns', () => {
    const emu = fresh();
    emu.spreadsheet.insertSheet('KOCs').getRange(1, 1, 1, 4).setValues([['KOC ID', 'Followers', 'Name', '粉丝数']]);
    run(emu, 'setUpWorkbook');
    const message = lastMessage(emu);
    expect(message).toContain('KOCs: "Followers" heads more than one column (B, D); KOC Ops uses column B.');
    expectNoStackTrace(message);
  });

  describe('a sheet the user renamed', () => {
    function renamed(emu: Emulator): void {
      const cols = sheetDef('kocs').columns.slice(0, 25).map((c) => c.zh);
      const sheet = emu.spreadsheet.insertSheet('KOC名册 (old)');
      sheet.getRange(1, 1, 2, cols.length).setValues([cols, ['K1', '小鹿爱护肤', ...cols.slice(2).map(() => '')]]);
    }

    it('asks, and on Yes renames it and completes its columns', () => {
      const emu = fresh();
      renamed(emu);
      emu.ui.alertResponses.push('YES');
      run(emu, 'setUpWorkbook');
      expect(emu.ui.alerts[0].prompt).toContain('"KOC名册 (old)" has 25 of the 32 columns of KOCs');
      expect(names(emu)).not.toContain('KOCs');
      expect(names(emu)).toContain('KOC名册');
      const v = emu.sheetValues('KOC名册');
      expect(v[1].slice(0, 2)).toEqual(['K1', '小鹿爱护肤']);
      expect(v[0][25]).toBe(sheetDef('kocs').columns[25].zh);
      expect(lastMessage(emu)).toContain('Renamed "KOC名册 (old)" to "KOC名册"');
    });

    it('on No keeps it and creates a new KOCs sheet, saying so', () => {
      const emu = fresh();
      renamed(emu);
      emu.ui.alertResponses.push('NO');
      run(emu, 'setUpWorkbook');
      expect(names(emu)).toEqual(expect.arrayContaining(['KOC名册 (old)', 'KOCs']));
      expect(lastMessage(emu)).toContain('Created a new KOCs beside "KOC名册 (old)"');
    });

    it('on Cancel changes nothing', () => {
      const emu = fresh();
      renamed(emu);
      emu.ui.alertResponses.push('CANCEL');
      emu.calls.reset();
      run(emu, 'setUpWorkbook');
      expect(writesOf(emu)).toEqual({});
      expect(lastMessage(emu)).toContain('Cancelled');
    });

    it('without a UI, does not create a second KOCs sheet and says why', () => {
      const emu = fresh();
      renamed(emu);
      run(emu, 'setUpWorkbook', { trigger: true });
      expect(names(emu)).not.toContain('KOCs');
      expect(names(emu)).toContain('Tasks');
      const toast = emu.ui.toasts[emu.ui.toasts.length - 1]?.message ?? emu.logs.join('\n');
      expect(toast).toContain('KOCs was not created: sheet "KOC名册 (old)" has 25 of its 32 columns');
    });
  });

  it('a protected sheet it cannot edit: a clear message naming it, and nothing half-written', () => {
    const emu = fresh();
    const sheet = emu.spreadsheet.insertSheet('KOCs');
    sheet.getRange(1, 1, 1, 2).setValues([['KOC ID', 'Name']]);
    sheet.protect().setDescription('owner only');
    emu.calls.reset();
    run(emu, 'setUpWorkbook');
    expect(writesOf(emu)).toEqual({});
    expect(names(emu)).toEqual(['Sheet1', 'KOCs']);
    const message = lastMessage(emu);
    expect(message).toContain('Sheet "KOCs" is protected and you cannot edit it');
    expect(message).toContain('Nothing was changed');
    expectNoStackTrace(message);
  });

  it('a failure halfway is undone and reported without a stack trace', () => {
    const emu = fresh();
    const kocs = teamKocs(emu);
    emu.failAt('Range.setValues', 6);
    run(emu, 'setUpWorkbook');
    expect(names(emu)).toEqual(['Sheet1', 'KOCs']);
    expect(emu.sheetValues('KOCs')).toEqual(kocs);
    expect(emu.spreadsheet.getRangeByName('KOC_WEIGHTS')).toBeNull();
    const message = lastMessage(emu);
    expect(message).toContain('KOC Ops could not finish: Service Spreadsheets failed');
    expect(message).toContain('Nothing was changed');
    expectNoStackTrace(message);
  });

  it('writes in the Settings language when the team set one, whatever the locale', () => {
    const emu = fresh({ locale: 'en_US' });
    emu.spreadsheet.insertSheet('Settings').getRange(1, 1, 2, 2).setValues([
      ['Setting', 'Value'],
      ['Language', 'zh'],
    ]);
    run(emu, 'setUpWorkbook');
    expect(names(emu)).toContain('KOC名册');
    expect(emu.sheetValues('KOC名册')[0][0]).toBe('KOC编号');
    // The cells in the workbook's language; the message in the user's.
    expect(lastMessage(emu)).toContain('Created');
  });

  it('re-points KOC_WEIGHTS and KOC_ASOF when the team moved the rows, and names KOC_SETTINGS again when it was deleted', () => {
    const emu = fresh();
    run(emu, 'setUpWorkbook');
    emu.spreadsheet.getSheetByName('Settings')!.insertRowsBefore(2, 2);
    emu.spreadsheet.getRangeByName('KOC_WEIGHTS'); // the emulator moves it with the rows…
    emu.spreadsheet.setNamedRange('KOC_WEIGHTS', emu.spreadsheet.getRange('Settings!A4:B10')); // …a copy-paste move does not
    emu.spreadsheet.setNamedRange('KOC_ASOF', emu.spreadsheet.getRange('Settings!B2'));
    emu.spreadsheet.removeNamedRange('KOC_SETTINGS'); // deleted by a teammate
    run(emu, 'setUpWorkbook');
    expect(emu.spreadsheet.getRangeByName('KOC_WEIGHTS')!.getA1Notation()).toBe('A6:B12');
    expect(lastMessage(emu)).toContain('KOC_WEIGHTS → Settings!A6:B12');
    expect(emu.spreadsheet.getRangeByName('KOC_ASOF')!.getA1Notation()).toBe('B4');
    expect(emu.spreadsheet.getRangeByName('KOC_SETTINGS')!.getA1Notation()).toBe('A2:B1002');
    expect(lastMessage(emu)).toContain('KOC_ASOF → Settings!B4');
  });
});

describe('loadDemoData', () => {
  it('sets up and loads a demo on an empty spreadsheet; setup afterwards changes nothing', () => {
    const emu = fresh();
    run(emu, 'loadDemoData');
    expect(emu.ui.alerts.filter((a) => a.buttons === 'YES_NO')).toEqual([]); // nothing to replace: no question
    const kocs = emu.sheetValues('KOCs');
    expect(kocs.length).toBeGreaterThanOrEqual(61);
    expect(kocs.flat()).toContain('小鹿爱护肤');
    expect(emu.sheetValues('Follow-ups').length).toBeGreaterThan(100);
    expect(lastMessage(emu)).toContain('Demo data loaded: KOCs 65');
    emu.calls.reset();
    run(emu, 'setUpWorkbook');
    expect(writesOf(emu)).toEqual({});
  });

  it('writes one setValues per sheet', () => {
    const emu = fresh();
    run(emu, 'setUpWorkbook');
    emu.calls.reset();
    run(emu, 'loadDemoData');
    // The five demo tables; Echelon and History hold no rows yet, so there is nothing to clear.
    expect(emu.calls.byMethod()['Range.setValues']).toBe(5);
  });

  it('uses Chinese labels for a Chinese user', () => {
    const emu = fresh({ locale: 'zh-CN' });
    run(emu, 'loadDemoData');
    const v = emu.sheetValues('KOC名册');
    const status = v[0].indexOf('状态');
    expect(new Set(v.slice(1).map((r) => r[status]))).toEqual(new Set(['候选', '合作中', '暂停', '荣誉']));
  });

  it('asks before replacing data, and No changes nothing', () => {
    const emu = fresh();
    run(emu, 'loadDemoData');
    const before = emu.sheetValues('KOCs');
    emu.ui.alertResponses.push('NO');
    emu.calls.reset();
    run(emu, 'loadDemoData');
    expect(emu.ui.alerts.some((a) => a.buttons === 'YES_NO')).toBe(true);
    expect(writesOf(emu)).toEqual({});
    expect(emu.sheetValues('KOCs')).toEqual(before);
  });

  it('replaces owned columns only, keeping the team’s own columns', () => {
    const emu = fresh();
    const sheet = emu.spreadsheet.insertSheet('KOCs');
    sheet.getRange(1, 1, 3, 3).setValues([
      ['KOC ID', 'My column', 'Name'],
      ['K1', 'keep me', 'Old one'],
      ['K2', 'me too', 'Old two'],
    ]);
    emu.ui.alertResponses.push('YES');
    run(emu, 'loadDemoData');
    const v = emu.sheetValues('KOCs');
    expect(v[1][1]).toBe('keep me');
    expect(v[2][1]).toBe('me too');
    expect(v[1][0]).toBe('KOC-001');
    expect(v[3][1]).toBe('');
  });

  it('a failure while replacing rows puts the old rows back', () => {
    const emu = fresh();
    run(emu, 'loadDemoData');
    const kocs = emu.spreadsheet.getSheetByName('KOCs')!;
    kocs.getRange('B2').setValue('edited by the team');
    const before = ['KOCs', 'Tasks', 'Assignments'].map((n) => emu.sheetValues(n));
    emu.ui.alertResponses.push('YES');
    emu.failAt('Range.setValues', 3);
    run(emu, 'loadDemoData');
    expect(['KOCs', 'Tasks', 'Assignments'].map((n) => emu.sheetValues(n))).toEqual(before);
    const message = lastMessage(emu);
    expect(message).toContain('Nothing was changed');
    expectNoStackTrace(message);
  });

  it('without a UI, refuses to replace data it cannot ask about', () => {
    const emu = fresh();
    run(emu, 'loadDemoData');
    emu.calls.reset();
    run(emu, 'loadDemoData', { trigger: true });
    expect(writesOf(emu)).toEqual({});
    expect(emu.ui.toasts[emu.ui.toasts.length - 1].message).toContain('already hold data');
  });

  it('holds the document lock: a second writer is refused, nothing written', () => {
    const emu = fresh();
    const other = emu.globals();
    const lock = (other.LockService as GoogleAppsScript.Lock.LockService).getDocumentLock();
    expect(lock.tryLock(100)).toBe(true);
    emu.calls.reset();
    run(emu, 'loadDemoData');
    expect(writesOf(emu)).toEqual({});
    expect(lastMessage(emu)).toContain('Another KOC Ops run is in progress');
    emu.endExecution(other);
  });
});

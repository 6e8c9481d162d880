import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/index';

type Any = any;

describe('call counting and failure injection', () => {
  it('counts every call by Class.method; the emulator.spreadsheet handle is not counted', () => {
    const emu = createEmulator();
    emu.spreadsheet.getSheets()[0].getRange('A1').setValue(1);
    expect(emu.calls.total()).toBe(0);
    const g = emu.globals() as Any;
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
    sheet.getRange('A1:B2').getValues();
    sheet.getRange(1, 1).getValue();
    g.PropertiesService.getScriptProperties().getProperty('x');
    expect(emu.calls.byMethod()).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.getValues': 1,
      'Range.getValue': 1,
      'PropertiesService.getScriptProperties': 1,
      'Properties.getProperty': 1,
    });
    expect(emu.calls.total()).toBe(8);
    expect(emu.calls.spreadsheetCalls()).toBe(6);
    emu.calls.reset();
    expect(emu.calls.total()).toBe(0);
  });

  it('failAt throws on the nth call from now, before anything changes', () => {
    const emu = createEmulator();
    const g = emu.globals() as Any;
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    sheet.getRange('A1').setValues([['before']]);
    emu.failAt('Range.setValues', 2);
    sheet.getRange('A1').setValues([['first']]);
    expect(() => sheet.getRange('A2').setValues([['second']])).toThrow(/^Service Spreadsheets failed while accessing document with id /);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['first'], ['']]);
    sheet.getRange('A2').setValues([['third']]);
    expect(sheet.getRange('A2').getValue()).toBe('third');

    emu.failAt('Properties.setProperty', 1, 'quota');
    expect(() => g.PropertiesService.getScriptProperties().setProperty('k', 'v')).toThrow('quota');
    expect(emu.properties.script).toEqual({});
    emu.failAt('Sheet.appendRow', 1);
    emu.clearFailures();
    sheet.appendRow(['ok']);
  });

  it('says which methods the emulator does not implement', () => {
    const g = createEmulator().globals() as Any;
    const range = g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1');
    expect(() => range.getRichTextValue()).toThrow('Range.getRichTextValue is not implemented by the emulator');
  });
});

describe('locks', () => {
  it('one execution holding a lock makes another fail at once; endExecution releases it', () => {
    const emu = createEmulator();
    const a = emu.globals() as Any;
    const b = emu.globals() as Any;
    const lockA = a.LockService.getDocumentLock();
    expect(lockA.tryLock(1000)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    // Re-entrant within the same execution.
    expect(a.LockService.getDocumentLock().tryLock(0)).toBe(true);
    const lockB = b.LockService.getDocumentLock();
    expect(lockB.tryLock(30000)).toBe(false);
    expect(lockB.hasLock()).toBe(false);
    expect(() => lockB.waitLock(30000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    // Script lock is a different lock.
    expect(b.LockService.getScriptLock().tryLock(0)).toBe(true);
    emu.endExecution(a);
    expect(lockB.tryLock(0)).toBe(true);
    lockB.releaseLock();
    expect(lockB.hasLock()).toBe(false);
  });
});

describe('authorization modes', () => {
  it('CUSTOM_FUNCTION: reads work, writes and authorized services refuse', () => {
    const emu = createEmulator();
    emu.spreadsheet.getSheets()[0].getRange('A1').setValue(7);
    const g = emu.globals({ authMode: 'CUSTOM_FUNCTION' }) as Any;
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    expect(sheet.getRange('A1').getValue()).toBe(7);
    expect(() => sheet.getRange('A1').setValues([[1]])).toThrow('You do not have permission to call setValues');
    expect(() => sheet.getRange('A1').setValue(1)).toThrow('You do not have permission to call setValue');
    expect(() => sheet.appendRow([1])).toThrow('You do not have permission to call appendRow');
    expect(() => sheet.insertRowsAfter(1, 1)).toThrow('You do not have permission to call insertRowsAfter');
    expect(() => sheet.getRange('A1').clearContent()).toThrow('You do not have permission to call clearContent');
    expect(() => sheet.protect()).toThrow('You do not have permission to call protect');
    expect(() => g.PropertiesService.getDocumentProperties()).toThrow('You do not have permission');
    expect(() => g.LockService.getDocumentLock()).toThrow('You do not have permission');
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow('You do not have permission');
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(sheet.getRange('A1').getValue()).toBe(7);
  });

  it('NONE: menus and locale work, the spreadsheet and properties refuse', () => {
    const emu = createEmulator({ locale: 'zh-CN' });
    const g = emu.globals({ authMode: 'NONE' }) as Any;
    g.SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'openSidebar').addSeparator().addItem('Recompute', 'recomputeNow').addToUi();
    expect(emu.ui.menus).toEqual([
      // A bound script's add-on menu is named after the script project (a new one: "Untitled project").
      { name: 'Untitled project', addon: true, items: [{ caption: 'Open', functionName: 'openSidebar' }, { separator: true }, { caption: 'Recompute', functionName: 'recomputeNow' }] },
    ]);
    expect(g.Session.getActiveUserLocale()).toBe('zh-CN');
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    expect(() => g.PropertiesService.getUserProperties()).toThrow('You do not have permission');
    expect(() => g.LockService.getScriptLock()).toThrow('You do not have permission');
    expect(() => g.ScriptApp.newTrigger('x')).toThrow('You do not have permission');
    expect(g.ScriptApp.AuthMode.NONE).toBe('NONE');
  });

  it('a trigger execution cannot reach the Ui', () => {
    const g = createEmulator().globals({ trigger: true }) as Any;
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(g.SpreadsheetApp.getActiveSpreadsheet().getName()).toBeTruthy();
  });
});

describe('triggers', () => {
  it('creates, lists, fires and deletes clock triggers', () => {
    const emu = createEmulator();
    const g = emu.globals() as Any;
    const t = g.ScriptApp.newTrigger('recompute').timeBased().everyDays(1).atHour(6).nearMinute(15).inTimezone('Asia/Shanghai').create();
    expect(t.getHandlerFunction()).toBe('recompute');
    expect(t.getEventType()).toBe(g.ScriptApp.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(g.ScriptApp.TriggerSource.CLOCK);
    expect(emu.triggers()).toEqual([
      { id: t.getUniqueId(), handler: 'recompute', kind: 'CLOCK', everyDays: 1, atHour: 6, nearMinute: 15, timeZone: 'Asia/Shanghai', user: 'ops@example.com' },
    ]);
    // An add-on gets one time-based trigger per user and document.
    expect(() => g.ScriptApp.newTrigger('other').timeBased().everyHours(1).create()).toThrow('too many time-based triggers');

    emu.setNow(new Date('2025-01-02T03:04:05Z'));
    const seen = emu.fireTrigger(t.getUniqueId(), (handler, event, globals: Any) => {
      expect(() => globals.SpreadsheetApp.getUi()).toThrow('from this context');
      globals.LockService.getDocumentLock().waitLock(1000);
      return { handler, hour: event.hour, uid: event.triggerUid };
    });
    expect(seen).toEqual({ handler: 'recompute', hour: 3, uid: t.getUniqueId() });
    // The trigger run ended, so its lock is free again.
    expect((emu.globals() as Any).LockService.getDocumentLock().tryLock(0)).toBe(true);

    for (const x of g.ScriptApp.getProjectTriggers()) g.ScriptApp.deleteTrigger(x);
    expect(emu.triggers()).toEqual([]);
    expect(g.ScriptApp.getAuthorizationInfo(g.ScriptApp.AuthMode.FULL).getAuthorizationStatus()).toBe('NOT_REQUIRED');
  });

  it('everyHours accepts only 1, 2, 4, 6, 8 or 12', () => {
    const g = createEmulator().globals() as Any;
    for (const bad of [0, 0.5, 3, 5, 24]) expect(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(bad)).toThrow('1, 2, 4, 6, 8 or 12');
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(30)).toThrow('more often than once per hour');
    expect(() => g.ScriptApp.newTrigger('f').timeBased().atHour(24)).toThrow('between 0 and 23');
    expect(g.ScriptApp.newTrigger('f').timeBased().everyHours(4).create().getUniqueId()).toMatch(/^\d+$/);
  });
});

describe('properties, cache, session, utilities', () => {
  it('keeps script, per-user and document properties apart', () => {
    const emu = createEmulator();
    const a = emu.globals() as Any;
    const b = emu.globals({ user: 'b@example.com' }) as Any;
    a.PropertiesService.getUserProperties().setProperty('lang', 'zh').setProperty('n', 5);
    b.PropertiesService.getUserProperties().setProperties({ lang: 'en' });
    a.PropertiesService.getScriptProperties().setProperty('schema', '3');
    a.PropertiesService.getDocumentProperties().setProperties({ x: '1', y: '2' }, true);
    expect(emu.properties.user).toEqual({ 'ops@example.com': { lang: 'zh', n: '5' }, 'b@example.com': { lang: 'en' } });
    expect(b.PropertiesService.getScriptProperties().getProperty('schema')).toBe('3');
    expect(b.PropertiesService.getScriptProperties().getProperty('missing')).toBeNull();
    const doc = a.PropertiesService.getDocumentProperties();
    expect(doc.getKeys().sort()).toEqual(['x', 'y']);
    doc.deleteProperty('x');
    expect(doc.getProperties()).toEqual({ y: '2' });
    doc.deleteAllProperties();
    expect(emu.properties.document).toEqual({});
  });

  it('cache values expire and have a size limit', () => {
    const emu = createEmulator();
    const cache = (emu.globals() as Any).CacheService.getScriptCache();
    emu.setNow(0);
    cache.put('k', 'v', 60);
    expect(cache.get('k')).toBe('v');
    expect(cache.getAll(['k', 'none'])).toEqual({ k: 'v' });
    emu.setNow(61_000);
    expect(cache.get('k')).toBeNull();
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    cache.putAll({ a: '1', b: '2' });
    cache.remove('a');
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).toBe('2');
  });

  it('Session and Utilities', () => {
    const emu = createEmulator({ user: 'lead@example.com', timeZone: 'Asia/Shanghai' });
    const g = emu.globals({ locale: 'zh-CN' }) as Any;
    expect(g.Session.getActiveUser().getEmail()).toBe('lead@example.com');
    expect(g.Session.getEffectiveUser().getEmail()).toBe('lead@example.com');
    expect(g.Session.getActiveUserLocale()).toBe('zh-CN');
    expect(g.Session.getScriptTimeZone()).toBe('Asia/Shanghai');
    expect(g.Session.getTemporaryActiveUserKey()).toBe(g.Session.getTemporaryActiveUserKey());
    const d = new Date('2024-12-31T20:30:05Z');
    expect(g.Utilities.formatDate(d, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm:ss')).toBe('2025-01-01 04:30:05');
    expect(g.Utilities.formatDate(d, 'America/New_York', "yyyy/MM/dd 'at' h:mm a Z")).toBe('2024/12/31 at 3:30 PM -0500');
    expect(g.Utilities.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2024-12-31T20:30:05Z');
    expect(() => g.Utilities.formatDate('2024-01-01', 'UTC', 'yyyy')).toThrow("don't match the method signature");
    emu.seedUuid(42);
    const first = g.Utilities.getUuid();
    emu.seedUuid(42);
    expect(g.Utilities.getUuid()).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    g.Utilities.sleep(1000);
    g.Logger.log('score %s of %s', 3, 'K1');
    g.console.warn('careful', { n: 1 });
    expect(emu.logs).toEqual(['score 3 of K1', 'careful {"n":1}']);
    expect(emu.logEntries[1].level).toBe('warn');
  });
});

describe('Ui and HtmlService', () => {
  it('answers alerts from the queue and records toasts, sidebars and dialogs', () => {
    const emu = createEmulator();
    const g = emu.globals() as Any;
    const ui = g.SpreadsheetApp.getUi();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    emu.ui.alertResponses.push('NO');
    expect(ui.alert('Load demo?', 'It replaces rows.', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe('YES');
    expect(emu.ui.alerts).toEqual([
      { title: '', prompt: 'Saved', buttons: 'OK' },
      { title: 'Load demo?', prompt: 'It replaces rows.', buttons: 'YES_NO' },
      { title: '', prompt: 'Sure?', buttons: 'YES_NO' },
    ]);
    g.SpreadsheetApp.getActiveSpreadsheet().toast('Done', 'KOC Ops', 3);
    g.SpreadsheetApp.getActiveSpreadsheet().toast('Hi');
    expect(emu.ui.toasts).toEqual([
      { message: 'Done', title: 'KOC Ops', timeout: 3 },
      { message: 'Hi', title: '', timeout: 5 },
    ]);
    const sub = ui.createMenu('More').addItem('Help', 'showHelp');
    ui.createMenu('KOC Ops').addItem('Open', 'open').addSubMenu(sub).addToUi();
    expect(emu.ui.menus[0].items[1]).toEqual({ caption: 'More', submenu: [{ caption: 'Help', functionName: 'showHelp' }] });

    emu.setHtmlFile('Sidebar', '<h1>Hi</h1>');
    const out = g.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('KOC Ops').setWidth(300).setSandboxMode(g.HtmlService.SandboxMode.IFRAME);
    ui.showSidebar(out);
    expect(emu.ui.sidebars).toEqual([{ title: 'KOC Ops', html: '<h1>Hi</h1>', width: 300 }]);
    ui.showModalDialog(g.HtmlService.createHtmlOutput('<p>x</p>').setWidth(400).setHeight(200), 'Help');
    expect(emu.ui.dialogs[0]).toMatchObject({ title: 'Help', html: '<p>x</p>', modal: true });
    expect(() => g.HtmlService.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
  });

  it('evaluates template scriptlets, escaping <?= ?> and not <?!= ?>', () => {
    const emu = createEmulator();
    const g = emu.globals() as Any;
    emu.setHtmlFile('Page', '<title><?= title ?></title><? for (var i = 0; i < 2; i++) { ?><i><?= i ?></i><? } ?><?!= raw ?>');
    const t = g.HtmlService.createTemplateFromFile('Page');
    t.title = '<KOC & Ops>';
    t.raw = '<b>bold</b>';
    expect(t.evaluate().getContent()).toBe('<title>&lt;KOC &amp; Ops&gt;</title><i>0</i><i>1</i><b>bold</b>');
  });
});

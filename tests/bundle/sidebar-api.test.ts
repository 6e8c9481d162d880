/**
 * The sidebar's server API through the built bundle on the emulator: every endpoint refuses a
 * malformed payload with a clear message and writes nothing; refusals of the rules write nothing
 * either; writes take the lock, append in one call and lose nothing when two people interleave.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { ENDPOINTS, type EndpointName, LIMITS } from '../../src/contract/sidebar-contract';
import { REGISTRY } from '../../src/server/registry';
import { DIST, demoEmulator, execOnce, runBundle, writeCalls } from '../helpers/bundle';

const NOW = new Date('2026-11-23T10:00:00+08:00');

type Answer = { ok: true; data: any } | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** One execution of an endpoint, as google.script.run makes it. */
function exec(emulator: Emulator, name: string, payload?: unknown, user = 'ops@example.com'): Answer {
  return execOnce(emulator, name, payload === undefined ? [] : [payload], { user, now: NOW });
}

/** As exec, with the payload made in the bundle's realm from JavaScript source (NaN, Infinity, an own `__proto__` key survive). */
function execSource(emulator: Emulator, name: string, source: string, user = 'ops@example.com'): Answer {
  const run = runBundle({ emulator, exec: { user }, now: NOW });
  try {
    return JSON.parse(JSON.stringify(run.call(name, vm.runInContext(`(${source})`, run.context))));
  } finally {
    emulator.endExecution(run.globals);
  }
}

const demo = (locale = 'en'): Emulator => demoEmulator({ locale, now: NOW });

function records(emulator: Emulator, sheet: string): Record<string, unknown>[] {
  const [header, ...rows] = emulator.sheetValues(sheet);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

const long = (n: number) => 'x'.repeat(n + 1);

/** The whole workbook and its properties (an empty per-user property bucket counts as none). */
function snapshot(emulator: Emulator): string {
  const json = emulator.toJSON() as unknown as { properties: { user: Record<string, Record<string, string>> } };
  const user = Object.fromEntries(Object.entries(json.properties.user).filter(([, v]) => Object.keys(v).length > 0));
  return JSON.stringify({ ...json, properties: { ...json.properties, user } });
}

/** Payloads no sidebar form would send, per endpoint (on top of the shared ones below). */
const MALFORMED: Record<EndpointName, unknown[]> = {
  getSidebarState: [{ extra: 1 }],
  setSidebarLanguage: [{}, { lang: 'fr' }, { lang: 'zh', extra: true }],
  getTodayList: [{ days: 3 }],
  matchTask: [{}, { taskId: '' }, { taskId: 42 }, { taskId: long(LIMITS.id) }],
  offerTask: [
    { taskId: 'T-001' },
    { taskId: 'T-001', kocIds: [] },
    { taskId: 'T-001', kocIds: 'KOC-001' },
    { taskId: 'T-001', kocIds: Array.from({ length: LIMITS.offerBatch + 1 }, (_, i) => `KOC-${i}`) },
    { taskId: 'T-001', kocIds: ['KOC-001'], due: '23/11/2026' },
    { taskId: 'T-001', kocIds: ['KOC-001'], notes: long(LIMITS.longText) },
    { taskId: 'T-001', kocIds: ['KOC-001'], cost: { amount: 5 } },
  ],
  respondToOffer: [{ assignmentId: 'A-1' }, { assignmentId: 'A-1', answer: 'maybe' }, { assignmentId: 'A-1', answer: 'declined', reason: long(LIMITS.reason) }],
  markSubmitted: [{}, { assignmentId: ['A-1'] }],
  markPublished: [{ assignmentId: 'A-1' }, { assignmentId: 'A-1', contentUrl: '   ' }, { assignmentId: 'A-1', contentUrl: long(LIMITS.url) }],
  recordResults: [{ likes: 5 }, { assignmentId: 'A-1', likes: true }, { assignmentId: 'A-1', views: 5 }],
  reviewAssignment: [{ assignmentId: 'A-1' }, { assignmentId: 'A-1', quality: 6 }, { assignmentId: 'A-1', quality: 3.5 }, { assignmentId: 'A-1', quality: '4' }],
  cancelAssignment: [{}, { assignmentId: 'A-1', reason: long(LIMITS.reason) }],
  searchKocs: [{}, { query: long(LIMITS.query) }, { query: 5 }],
  getKocProfile: [{}, { kocId: null }],
  logFollowUp: [
    { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', sentiment: 'neutral' },
    { kocId: 'KOC-001', channel: 'pigeon', type: 'checkin', summary: 'hi', sentiment: 'neutral' },
    { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: long(LIMITS.longText), sentiment: 'neutral' },
    { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral', nextFollowUp: 'tomorrow' },
  ],
  logIncident: [
    { kocId: 'KOC-001', severity: 'apocalyptic', kind: 'other', description: 'x' },
    { kocId: 'KOC-001', severity: 'high', kind: 'other', description: '' },
  ],
  resolveIncident: [{ incidentId: 'I-1' }, { incidentId: 'I-1', resolution: long(LIMITS.longText) }],
};

const INHERITED = { __proto__: { kocId: 'KOC-001' } };
const SHARED_MALFORMED: unknown[] = [null, 'getKocProfile', 42, [], [{ kocId: 'KOC-001' }], INHERITED];

describe('sidebar endpoints in the registry', () => {
  it('are one registry entry per action, each a global of the bundle with JSDoc', () => {
    const endpoints = REGISTRY.filter((f) => f.kind === 'endpoint').map((f) => f.name);
    expect(endpoints.sort()).toEqual([...ENDPOINTS].sort());
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    for (const name of ENDPOINTS) expect(code).toMatch(new RegExp(`\\* @param \\{Object\\} payload [^\\n]+\\n[^]*?\\*/\\nfunction ${name}\\(payload\\)`));
  });

  it('opens the sidebar from the menu, 300 px, titled in the user’s language', () => {
    const emulator = demo('zh-CN');
    emulator.setHtmlFile('Sidebar', readFileSync(join(DIST, 'Sidebar.html'), 'utf8'));
    const menu = REGISTRY.find((f) => f.name === 'openSidebar')!;
    expect(menu.menu).toMatchObject({ en: 'Open sidebar', zh: '打开侧边栏', group: 'sidebar', order: 1 });
    exec(emulator, 'openSidebar');
    const shown = emulator.ui.sidebars.at(-1) as unknown as { title: string; width?: number; html?: string; content?: string };
    expect(shown.title).toBe('KOC Ops 运营助手');
    expect(JSON.stringify(shown)).toContain('google.script.run');
  });
});

describe('malformed payloads', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = demo();
  });

  it.each(ENDPOINTS.map((name) => [name] as const))('%s refuses them with a clear message and writes nothing', (name) => {
    // An object whose only field is inherited arrives as {} (a copy of own fields): fine where {} is.
    const noFields = name === 'getSidebarState' || name === 'getTodayList';
    const payloads = [...SHARED_MALFORMED.filter((p) => !(noFields && p === INHERITED)), ...MALFORMED[name]];
    const before = snapshot(emulator);
    for (const payload of payloads) {
      emulator.calls.reset();
      const answer = exec(emulator, name, payload);
      expect(answer.ok, `${name}(${JSON.stringify(payload)})`).toBe(false);
      if (answer.ok) continue;
      expect(answer.message.length).toBeGreaterThan(10);
      // Either a field-level message for the form, or the details of what was not understood.
      expect(answer.message).toMatch(/fix the marked fields|not understood: \S/);
      if (answer.fieldErrors)
        for (const [field, m] of Object.entries(answer.fieldErrors)) {
          expect(m.length).toBeGreaterThan(2);
          // "Required" only for a field that is not there or blank; a message about a value names the value.
          const value = payload !== null && typeof payload === 'object' && Object.getOwnPropertyDescriptor(payload, field) ? (payload as Record<string, unknown>)[field] : undefined;
          const sent = value !== undefined && !(typeof value === 'string' && value.trim() === '');
          if (sent) expect(m, `${name}(${JSON.stringify(payload)}).${field}`).not.toBe('Required');
          expect(m).not.toMatch(/^\W*is not/);
        }
      expect(writeCalls(emulator), `${name}(${JSON.stringify(payload)})`).toEqual([]);
    }
    expect(snapshot(emulator)).toBe(before);
  });

  it('names the field that is wrong, in the user’s language', () => {
    const en = exec(emulator, 'logFollowUp', { kocId: 'KOC-001', channel: 'pigeon', type: 'checkin', summary: ' ', sentiment: 'neutral', nextFollowUp: 'soon' });
    expect(en).toMatchObject({ ok: false, fieldErrors: { channel: 'Choose one of the options', summary: 'Required', nextFollowUp: 'A date like 2026-11-23' } });
    const bad = exec(emulator, 'offerTask', { taskId: 'T-001', kocIds: ['KOC-001'], sneaky: '=1+1' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { sneaky: 'Unknown field' } });
    expect(bad.ok === false && bad.message).toContain('sneaky');
    const zh = demo('zh-CN');
    expect(exec(zh, 'searchKocs', { query: long(LIMITS.query) })).toMatchObject({ ok: false, fieldErrors: { query: `最多 ${LIMITS.query} 个字符` } });
  });
});

describe('what a refusal says', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = demo();
  });

  const refused = (answer: Answer) => {
    expect(answer.ok).toBe(false);
    return answer as Extract<Answer, { ok: false }>;
  };

  it.each([
    ['reviewAssignment', { assignmentId: 'A-1', quality: 3.5 }, 'quality', 'Quality must be a whole number from 1 to 5'],
    ['reviewAssignment', { assignmentId: 'A-1', quality: '3' }, 'quality', 'Quality must be a whole number from 1 to 5'],
    ['reviewAssignment', { assignmentId: 'A-1', quality: 6 }, 'quality', 'Quality must be a whole number from 1 to 5'],
    ['reviewAssignment', { assignmentId: 'A-1' }, 'quality', 'Required'],
    ['matchTask', { taskId: 5 }, 'taskId', 'Task ID must be text'],
    ['getKocProfile', { kocId: null }, 'kocId', 'KOC ID must be text'],
    ['offerTask', { taskId: 'T-001', kocIds: 'KOC-001' }, 'kocIds', 'KOC ID must be a list'],
    ['offerTask', { taskId: 'T-001', kocIds: [7] }, 'kocIds', 'KOC ID must be text'],
    ['recordResults', { assignmentId: 'A-1', likes: true }, 'likes', 'Likes: true is not a number (e.g. 1200, 1.2万, 3.4k)'],
  ])('%s(%j) → %s: %s', (name, payload, field, message) => {
    const answer = refused(exec(emulator, name, payload));
    expect(answer.message).toBe('Please fix the marked fields; nothing was saved.');
    expect(answer.fieldErrors?.[field]).toBe(message);
  });

  it.each([
    ['NaN', 'Cost: NaN is not a number (e.g. 1200, 1.2万, 3.4k)'],
    ['1e309', 'Cost: Infinity is not a number (e.g. 1200, 1.2万, 3.4k)'],
  ])('offerTask with cost %s names the value', (cost, message) => {
    const before = snapshot(emulator);
    const answer = refused(execSource(emulator, 'offerTask', `{ taskId: 'T-001', kocIds: ['KOC-063'], cost: ${cost} }`));
    expect(answer.fieldErrors?.cost).toBe(message);
    expect(snapshot(emulator)).toBe(before);
  });

  it('a payload with its own __proto__ key is named in the message', () => {
    const answer = refused(execSource(emulator, 'getKocProfile', `JSON.parse('{"__proto__": {"x": 1}, "kocId": "KOC-001"}')`));
    expect(answer.message).toBe('The request was not understood: __proto__: Unknown field');
    const ctorKey = refused(exec(emulator, 'getKocProfile', { kocId: 'KOC-001', constructor: 1 }));
    expect(ctorKey.message).toBe('The request was not understood: constructor: Unknown field');
  });

  it('in Chinese, the details after the colon are Chinese too', () => {
    const zh = demo('zh-CN');
    expect(refused(exec(zh, 'getKocProfile', 42)).message).toBe('无法识别的请求：应为一个由命名字段组成的对象');
    expect(refused(exec(zh, 'getKocProfile', [])).message).toBe('无法识别的请求：应为一个由命名字段组成的对象');
    expect(refused(exec(zh, 'getKocProfile', { kocId: 'KOC-001', extra: 1 })).message).toBe('无法识别的请求：extra: 未知字段');
    const quality = refused(exec(zh, 'reviewAssignment', { assignmentId: 'A-1', quality: 3.5 }));
    expect(quality.fieldErrors?.quality).toBe('质量评分须为 1 到 5 的整数');
    expect(refused(exec(zh, 'matchTask', { taskId: 5 })).fieldErrors?.taskId).toBe('任务编号须为文本');
    expect(refused(execSource(zh, 'offerTask', `{ taskId: 'T-001', kocIds: ['KOC-063'], cost: NaN }`)).fieldErrors?.cost).toBe('费用：NaN不是数字（例如 1200、1.2万、3.4k）');
  });
});

describe('the workbook’s shape', () => {
  const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);

  it('a header used twice on KOCs is reported at the top of the sidebar, the first column used', () => {
    const emulator = demo();
    const kocs = emulator.spreadsheet.getSheetByName('KOCs')!;
    const header = emulator.sheetValues('KOCs')[0];
    const second = kocs.getLastColumn() + 1;
    if (kocs.getMaxColumns() < second) kocs.insertColumnsAfter(kocs.getMaxColumns(), second - kocs.getMaxColumns());
    kocs.getRange(1, second).setValue('Followers');
    const state = exec(emulator, 'getSidebarState', {});
    if (!state.ok) throw new Error(state.message);
    expect(state.data.problems).toEqual([`KOCs: column "Followers" appears more than once (columns ${letter(header.indexOf('Followers'))}, ${letter(second - 1)}); the first is used`]);
    const zh = exec(emulator, 'setSidebarLanguage', { lang: 'zh' });
    expect(zh.ok && zh.data.problems[0]).toMatch(/^“KOC名册”的“粉丝数”列重复/);
  });

  it.each([
    ['en', 'KOCs has no "KOC ID" (KOC编号) column. Rename the column back or run Set up workbook.'],
    ['zh-CN', 'KOC名册没有“KOC编号”（KOC ID）列。请把该列改回原名，或运行“设置工作簿”。'],
  ])('a roster without its KOC ID column (%s): every endpoint that needs it says so, writing nothing', (locale, message) => {
    const emulator = demo(locale);
    const sheet = emulator.spreadsheet.getSheets()[0].getParent().getSheets().find((s) => ['KOCs', 'KOC名册'].includes(s.getName()))!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    sheet.getRange(1, header.findIndex((h) => h === 'KOC ID' || h === 'KOC编号') + 1).setValue('Creator');
    const before = snapshot(emulator);
    const calls: [string, unknown][] = [
      ['getSidebarState', {}],
      ['matchTask', { taskId: 'T-001' }],
      ['offerTask', { taskId: 'T-001', kocIds: ['KOC-063'] }],
      ['searchKocs', { query: 'KOC' }],
      ['getKocProfile', { kocId: 'KOC-001' }],
      ['logFollowUp', { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral' }],
      ['logIncident', { kocId: 'KOC-001', severity: 'low', kind: 'other', description: 'x' }],
    ];
    for (const [name, payload] of calls) expect(exec(emulator, name, payload), name).toEqual({ ok: false, message });
    expect(snapshot(emulator)).toBe(before);
  });

  it('a write into a sheet that lacks a column it needs says which, in the user’s language', () => {
    const emulator = demo('zh-CN');
    const sheet = emulator.spreadsheet.getSheetByName('跟进记录')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    sheet.getRange(1, header.indexOf('摘要') + 1).setValue('备忘');
    const before = snapshot(emulator);
    expect(exec(emulator, 'logFollowUp', { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral' })).toEqual({
      ok: false,
      message: '工作表“跟进记录”缺少列 “摘要”（Summary）。请运行 KOC Ops → 设置工作簿 添加。',
    });
    expect(snapshot(emulator)).toBe(before);
  });

  it('a write into a protected sheet answers which sheet, and writes nothing', () => {
    const emulator = demo();
    const protection = emulator.spreadsheet.getSheetByName('Follow-ups')!.protect();
    protection.setWarningOnly(false);
    protection.addEditor('boss@example.com');
    const before = snapshot(emulator);
    const answer = exec(emulator, 'logFollowUp', { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral' });
    expect(answer).toEqual({ ok: false, message: 'Sheet "Follow-ups" is protected and you cannot edit it. Ask its owner for edit access.' });
    expect(snapshot(emulator)).toBe(before);
    // Updating a row of a protected sheet is refused the same way.
    const incidents = emulator.spreadsheet.getSheetByName('Incidents')!.protect();
    incidents.addEditor('boss@example.com');
    const open = records(emulator, 'Incidents').find((i) => i.Status === 'Open')!;
    const stateBefore = snapshot(emulator);
    expect(exec(emulator, 'resolveIncident', { incidentId: String(open['Incident ID']), resolution: 'talked' })).toEqual({
      ok: false,
      message: 'Sheet "Incidents" is protected and you cannot edit it. Ask its owner for edit access.',
    });
    expect(snapshot(emulator)).toBe(stateBefore);
    // The editor of the protection can write.
    expect(exec(emulator, 'logFollowUp', { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral' }, 'boss@example.com').ok).toBe(true);
  });
});

describe('the rules refuse without writing', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = demo();
  });

  const refuse = (name: string, payload: unknown, message: RegExp, field?: string) => {
    emulator.calls.reset();
    const answer = exec(emulator, name, payload);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(field ? answer.fieldErrors?.[field] : answer.message).toMatch(message);
    expect(writeCalls(emulator)).toEqual([]);
  };

  it('offers: unknown KOCs, full slots, over budget, closed tasks, already assigned', () => {
    refuse('offerTask', { taskId: 'T-404', kocIds: ['KOC-001'] }, /No task with ID "T-404"/, 'taskId');
    refuse('offerTask', { taskId: 'T-001', kocIds: ['KOC-999'] }, /No KOC with ID "KOC-999"/, 'kocIds');
    refuse('offerTask', { taskId: 'T-001', kocIds: ['KOC-063'], cost: '1.2万' }, /Above the budget per KOC \(800\)/, 'cost');
    refuse('offerTask', { taskId: 'T-001', kocIds: ['KOC-063'], cost: 'cheap' }, /"cheap" is not a number/, 'cost');
    refuse('offerTask', { taskId: 'T-001', kocIds: ['KOC-063'], due: '2026-02-30' }, /A date like/, 'due');
    const task = records(emulator, 'Tasks').find((t) => t['Task ID'] === 'T-004')!;
    const held = records(emulator, 'Assignments').filter((a) => a['Task ID'] === 'T-004' && !['Declined', 'Cancelled'].includes(String(a.Status))).length;
    expect(held).toBeGreaterThanOrEqual(Number(task.Slots));
    refuse('offerTask', { taskId: 'T-004', kocIds: ['KOC-063'] }, /slots left/, 'kocIds');
    const mine = records(emulator, 'Assignments').find((a) => a['Task ID'] === 'T-001' && ['Offered', 'Accepted'].includes(String(a.Status)))!;
    refuse('offerTask', { taskId: 'T-001', kocIds: [String(mine['KOC ID'])] }, /Already have this task/, 'kocIds');
    const closed = records(emulator, 'Tasks').find((t) => /closed/i.test(String(t.Status)));
    if (closed) refuse('offerTask', { taskId: String(closed['Task ID']), kocIds: ['KOC-063'] }, /is closed/, 'taskId');
  });

  it('assignments move only along the transition table', () => {
    const offered = records(emulator, 'Assignments').find((a) => a.Status === 'Offered')!;
    const id = String(offered['Assignment ID']);
    refuse('markPublished', { assignmentId: id, contentUrl: 'https://x.example/p' }, new RegExp(`${id} is Offered; it cannot become Published\\. Allowed next: Accepted, Declined, Cancelled\\.`));
    refuse('reviewAssignment', { assignmentId: id, quality: 4 }, /cannot become Reviewed/);
    refuse('recordResults', { assignmentId: id, likes: 5 }, /results can be recorded once it is published/);
    refuse('respondToOffer', { assignmentId: id, answer: 'declined', reason: '  ' }, /Say why the KOC declined/, 'reason');
    refuse('markPublished', { assignmentId: id, contentUrl: 'javascript:alert(1)' }, /http:\/\/ or https:\/\//, 'contentUrl');
    refuse('markSubmitted', { assignmentId: 'A-nope' }, /No assignment with ID "A-nope"/);
    const reviewed = records(emulator, 'Assignments').find((a) => a.Status === 'Reviewed');
    if (reviewed) refuse('cancelAssignment', { assignmentId: String(reviewed['Assignment ID']) }, /Allowed next: nothing \(final\)/);
  });

  it('follow-ups and incidents: unknown KOC, next date before the contact, resolving twice', () => {
    refuse('logFollowUp', { kocId: 'KOC-999', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral' }, /No KOC/, 'kocId');
    refuse('logFollowUp', { kocId: 'KOC-001', date: '2026-11-20', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral', nextFollowUp: '2026-11-19' }, /cannot be before/, 'nextFollowUp');
    refuse('logIncident', { kocId: 'KOC-001', opened: '2026-13-01', severity: 'low', kind: 'other', description: 'x' }, /A date like/, 'opened');
    const resolved = records(emulator, 'Incidents').find((i) => i.Status === 'Resolved')!;
    refuse('resolveIncident', { incidentId: String(resolved['Incident ID']), resolution: 'again' }, /already resolved/);
  });

  it('a write while another execution holds the document lock is refused, not queued', () => {
    const other = runBundle({ emulator, exec: { user: 'colleague@example.com' }, now: NOW });
    const lock = (other.globals.LockService as GoogleAppsScript.Lock.LockService).getDocumentLock();
    expect(lock.tryLock(0)).toBe(true);
    try {
      refuse('logFollowUp', { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral' }, /Another KOC Ops run is in progress/);
    } finally {
      emulator.endExecution(other.globals);
    }
    expect(exec(emulator, 'logFollowUp', { kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral' }).ok).toBe(true);
  });
});

describe('writes', () => {
  it('take the lock, append in one setValues, and write formulas as text', () => {
    const emulator = demo();
    const before = records(emulator, 'Follow-ups').length;
    emulator.calls.reset();
    const answer = exec(emulator, 'logFollowUp', { kocId: 'KOC-001', channel: 'phone', type: 'feedback', summary: '=HYPERLINK("http://evil.example","x")', sentiment: 'positive', nextFollowUp: '2026-12-01' });
    expect(answer.ok).toBe(true);
    const calls = emulator.calls.byMethod();
    expect(calls['Lock.tryLock']).toBe(1);
    expect(calls['Lock.releaseLock']).toBe(1);
    expect(writeCalls(emulator)).toEqual(['Range.setValues']);
    expect(calls['Range.setValues']).toBe(1);
    const rows = records(emulator, 'Follow-ups');
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ 'KOC ID': 'KOC-001', Channel: 'Phone', Type: 'Feedback', Sentiment: 'Positive', Summary: '=HYPERLINK("http://evil.example","x")', 'Logged by': 'ops@example.com' });
    expect(String(row['Follow-up ID'])).toMatch(/^F-20261123-[0-9A-F]{6}$/);
    const sheet = emulator.spreadsheet.getSheetByName('Follow-ups')!;
    expect(sheet.getRange(sheet.getLastRow(), 6).getFormula()).toBe('');
    if (answer.ok) expect(answer.data.profile.followUps[0].summary).toBe('=HYPERLINK("http://evil.example","x")');
  });

  it('two people logging at once both keep their rows, with distinct IDs', () => {
    const emulator = demo();
    const before = records(emulator, 'Follow-ups').length;
    // Both open the sidebar on the same state, then write one after the other.
    expect(exec(emulator, 'getSidebarState', {}, 'amy@example.com').ok).toBe(true);
    expect(exec(emulator, 'getSidebarState', {}, 'ben@example.com').ok).toBe(true);
    const a = exec(emulator, 'logFollowUp', { kocId: 'KOC-002', channel: 'wechat', type: 'checkin', summary: 'Amy: agreed the December plan', sentiment: 'positive' }, 'amy@example.com');
    const b = exec(emulator, 'logFollowUp', { kocId: 'KOC-002', channel: 'dm', type: 'feedback', summary: 'Ben: sent notes on the draft', sentiment: 'neutral' }, 'ben@example.com');
    const c = exec(emulator, 'logIncident', { kocId: 'KOC-002', severity: 'critical', kind: 'complaint', description: 'Ben: complaint about shipping' }, 'ben@example.com');
    const d = exec(emulator, 'logIncident', { kocId: 'KOC-002', severity: 'low', kind: 'objection', description: 'Amy: price objection' }, 'amy@example.com');
    for (const r of [a, b, c, d]) expect(r.ok).toBe(true);
    const rows = records(emulator, 'Follow-ups');
    expect(rows).toHaveLength(before + 2);
    expect(rows.slice(-2).map((r) => [r.Summary, r['Logged by']])).toEqual([
      ['Amy: agreed the December plan', 'amy@example.com'],
      ['Ben: sent notes on the draft', 'ben@example.com'],
    ]);
    expect(new Set(rows.map((r) => r['Follow-up ID'])).size).toBe(rows.length);
    expect(records(emulator, 'Incidents').slice(-2).map((r) => r.Description)).toEqual(['Ben: complaint about shipping', 'Amy: price objection']);
    // The critical incident suggests a next step from the playbook.
    expect(c.ok && c.data.suggestion).toMatch(/^Handle the incident first/);
  });

  it('two people answering the same offer: the second sees the first answer, not an overwrite', () => {
    const emulator = demo();
    const offer = exec(emulator, 'offerTask', { taskId: 'T-001', kocIds: ['KOC-063'] });
    expect(offer.ok).toBe(true);
    const id = offer.ok ? offer.data.ids[0] : '';
    expect(exec(emulator, 'respondToOffer', { assignmentId: id, answer: 'accepted' }, 'amy@example.com').ok).toBe(true);
    const late = exec(emulator, 'respondToOffer', { assignmentId: id, answer: 'declined', reason: 'no time' }, 'ben@example.com');
    expect(late).toMatchObject({ ok: false });
    expect(late.ok === false && late.message).toMatch(/is Accepted; it cannot become Declined/);
    expect(records(emulator, 'Assignments').find((r) => r['Assignment ID'] === id)!.Status).toBe('Accepted');
  });

  it('two people filling the last slots: nobody overbooks the task', () => {
    const emulator = demo();
    const match = exec(emulator, 'matchTask', { taskId: 'T-006' });
    if (!match.ok) throw new Error(match.message);
    const left = match.data.task.slots - match.data.task.filled;
    const ids: string[] = match.data.ranked.map((k: { id: string }) => k.id);
    expect(ids.length).toBeGreaterThan(left);
    const first = exec(emulator, 'offerTask', { taskId: 'T-006', kocIds: ids.slice(0, left) }, 'amy@example.com');
    expect(first.ok).toBe(true);
    const second = exec(emulator, 'offerTask', { taskId: 'T-006', kocIds: [ids[left]] }, 'ben@example.com');
    expect(second).toMatchObject({ ok: false, fieldErrors: { kocIds: expect.stringMatching(/Only 0 of \d+ slots left/) } });
  });
});

describe('reads', () => {
  it('getSidebarState brings everything for the first render, with the KOC under the cursor', () => {
    const emulator = demo();
    emulator.setActiveRange("'KOCs'!C5");
    const koc = records(emulator, 'KOCs')[3];
    emulator.calls.reset();
    const state = exec(emulator, 'getSidebarState', {});
    if (!state.ok) throw new Error(state.message);
    expect(state.data.lang).toBe('en');
    expect(state.data.user).toBe('ops@example.com');
    expect(state.data.tasks.length).toBeGreaterThan(3);
    expect(state.data.today.overdue.length).toBeGreaterThan(0);
    expect(state.data.activeKoc.id).toBe(koc['KOC ID']);
    expect(state.data.activeKoc.name).toBe(koc.Name);
    // Dates cross as ISO strings (google.script.run carries no Date).
    expect(state.data.today.date).toBe('2026-11-23');
    expect(JSON.stringify(state.data)).not.toMatch(/T\d\d:\d\d:\d\d/);
    expect(writeCalls(emulator)).toEqual([]);
  });

  it('matchTask ranks fitting KOCs and explains who was left out and why', () => {
    const emulator = demo();
    const m = exec(emulator, 'matchTask', { taskId: 'T-001' });
    if (!m.ok) throw new Error(m.message);
    expect(m.data.ranked.length).toBeGreaterThan(0);
    for (const k of m.data.ranked) {
      expect(['core', 'potential']).toContain(k.tier);
      expect(k.workload).toBeLessThan(m.data.maxWorkload);
      expect(k.cost ?? 0).toBeLessThanOrEqual(800);
    }
    const ranks = m.data.ranked.map((k: { rank: number }) => k.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(m.data.excluded.every((k: { reasons: string[] }) => k.reasons.length > 0)).toBe(true);
  });

  it('the language switch is remembered per user', () => {
    const emulator = demo();
    const zh = exec(emulator, 'setSidebarLanguage', { lang: 'zh' }, 'amy@example.com');
    expect(zh.ok && zh.data.lang).toBe('zh');
    expect(exec(emulator, 'getSidebarState', {}, 'amy@example.com')).toMatchObject({ ok: true, data: { lang: 'zh' } });
    expect(exec(emulator, 'getKocProfile', { kocId: 'KOC-404' }, 'amy@example.com')).toMatchObject({ ok: false, fieldErrors: { kocId: '找不到编号为“KOC-404”的 KOC' } });
  });
});

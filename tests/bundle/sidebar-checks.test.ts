/**
 * Checks the sidebar's writes make again under the lock, and what Today lists, through the built
 * bundle on the demo workbook: an offer below the task's minimum tier, dates that cannot be right
 * (a contact or incident after today, a due date before it), a missing Status column on an
 * assignment step, and Today lines of KOCs no longer on the roster.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { demoEmulator, execOnce } from '../helpers/bundle';
import { writeRecords } from '../recompute/workbook';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const TODAY = '2026-11-23';

type Answer = { ok: true; data: any } | { ok: false; message: string; fieldErrors?: Record<string, string> };

function exec(emulator: Emulator, name: string, payload?: unknown): Answer {
  return execOnce(emulator, name, payload === undefined ? [] : [payload], { now: NOW });
}

const demo = (locale = 'en'): Emulator => demoEmulator({ locale, now: NOW });

/** The whole workbook and its properties (an empty per-user property bucket counts as none). */
function snapshot(emulator: Emulator): string {
  const json = emulator.toJSON() as unknown as { properties: { user: Record<string, Record<string, string>> } };
  const user = Object.fromEntries(Object.entries(json.properties.user).filter(([, v]) => Object.keys(v).length > 0));
  return JSON.stringify({ ...json, properties: { ...json.properties, user } });
}

function records(emulator: Emulator, sheet: string): Record<string, unknown>[] {
  const [header, ...rows] = emulator.sheetValues(sheet);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** Refused with this message on this field, and the workbook unchanged. */
function refused(emulator: Emulator, name: string, payload: unknown, field: string, message: string | RegExp): void {
  const before = snapshot(emulator);
  const answer = exec(emulator, name, payload);
  expect(answer.ok, `${name}(${JSON.stringify(payload)})`).toBe(false);
  if (answer.ok) return;
  expect(answer.message).toBe(field === 'kocIds' || field === 'taskId' ? answer.fieldErrors?.[field] : 'Please fix the marked fields; nothing was saved.');
  expect(answer.fieldErrors?.[field]).toMatch(message);
  expect(snapshot(emulator)).toBe(before);
}

function accepted(emulator: Emulator, name: string, payload: unknown): any {
  const answer = exec(emulator, name, payload);
  if (!answer.ok) throw new Error(`${name}(${JSON.stringify(payload)}): ${answer.message} ${JSON.stringify(answer.fieldErrors ?? {})}`);
  return answer.data;
}

const contact = (extra: Record<string, unknown>) => ({ kocId: 'KOC-001', channel: 'wechat', type: 'checkin', summary: 'hi', sentiment: 'neutral', ...extra });
const incident = (extra: Record<string, unknown>) => ({ kocId: 'KOC-001', severity: 'low', kind: 'other', description: 'x', ...extra });

describe('offerTask checks the task’s minimum tier, as the match list does', () => {
  it.each([
    ['before a recompute (tiers from the core)', false],
    ['after a recompute (tiers from Echelon)', true],
  ])('%s', (_label, recompute) => {
    const emulator = demo();
    if (recompute) execOnce(emulator, 'recomputeNow', [], { now: NOW });
    const match = accepted(emulator, 'matchTask', { taskId: 'T-006' });
    expect(match.task.minTier).toBe('potential');
    // A KOC the match list leaves out for its tier alone: every other check would let it through.
    const below = match.excluded.find((k: { reasons: string[] }) => k.reasons.length === 1 && k.reasons[0] === 'belowMinTier');
    expect(below, JSON.stringify(match.excluded)).toBeDefined();
    refused(emulator, 'offerTask', { taskId: 'T-006', kocIds: [below.id], cost: 10 }, 'kocIds', `Below the minimum tier (Potential): ${below.name} (${below.id})`);
    // With a KOC of the tier in the same batch, nothing is offered to either.
    const fit = match.ranked[0];
    const both = exec(emulator, 'offerTask', { taskId: 'T-006', kocIds: [fit.id, below.id] });
    expect(both.ok === false && both.fieldErrors?.kocIds).toContain(`Below the minimum tier (Potential): ${below.name} (${below.id})`);
    expect(both.ok === false && both.fieldErrors?.kocIds).not.toContain(fit.id);
    // The KOC of the tier alone is offered.
    expect(accepted(emulator, 'offerTask', { taskId: 'T-006', kocIds: [fit.id], cost: 10 }).ids).toHaveLength(1);
  });

  it('the KOC from the QA report: KOC-005 (Regular) is refused T-006 (min Potential), in Chinese too', () => {
    const emulator = demo('zh-CN');
    execOnce(emulator, 'recomputeNow', [], { now: NOW });
    const match = accepted(emulator, 'matchTask', { taskId: 'T-006' });
    const koc = match.excluded.find((k: { id: string }) => k.id === 'KOC-005');
    expect(koc?.reasons).toContain('belowMinTier');
    const before = snapshot(emulator);
    const answer = exec(emulator, 'offerTask', { taskId: 'T-006', kocIds: ['KOC-005'], cost: 10 });
    expect(answer.ok).toBe(false);
    expect(answer.ok === false && answer.fieldErrors?.kocIds).toBe(`低于最低层级（潜力）：${koc.name} (KOC-005)`);
    expect(snapshot(emulator)).toBe(before);
  });
});

describe('dates that cannot be right are refused on their field', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = demo();
  });

  it('a contact after today (a year typo would hide the KOC from follow-up tracking for decades)', () => {
    const message = `Cannot be after today (${TODAY})`;
    refused(emulator, 'logFollowUp', contact({ date: '2052-06-30' }), 'date', message);
    refused(emulator, 'logFollowUp', contact({ date: '2026-11-24', nextFollowUp: '2026-12-01' }), 'date', message);
    // The next follow-up cannot come before the contact, typed or today's.
    refused(emulator, 'logFollowUp', contact({ nextFollowUp: '2026-11-22' }), 'nextFollowUp', 'The next follow-up cannot be before the contact date');
    refused(emulator, 'logFollowUp', contact({ date: '2026-11-20', nextFollowUp: '2026-11-19' }), 'nextFollowUp', 'The next follow-up cannot be before the contact date');
    // Today and earlier are fine.
    accepted(emulator, 'logFollowUp', contact({ date: TODAY, nextFollowUp: TODAY }));
    accepted(emulator, 'logFollowUp', contact({ date: '2026-11-01', nextFollowUp: '2026-11-10' }));
    expect(records(emulator, 'Follow-ups').filter((f) => f['Logged by'] === 'ops@example.com')).toHaveLength(2);
  });

  it('an incident opened after today', () => {
    refused(emulator, 'logIncident', incident({ opened: '2026-11-24' }), 'opened', `Cannot be after today (${TODAY})`);
    accepted(emulator, 'logIncident', incident({ opened: TODAY }));
    accepted(emulator, 'logIncident', incident({ opened: '2026-10-01' }));
  });

  it('an offer due before today, typed or the task’s own', () => {
    refused(emulator, 'offerTask', { taskId: 'T-001', kocIds: ['KOC-063'], due: '2026-11-22' }, 'due', `The due date cannot be before today (${TODAY})`);
    accepted(emulator, 'offerTask', { taskId: 'T-001', kocIds: ['KOC-063'], due: TODAY });
    // An open task whose due date has passed: the offer needs a due date of its own.
    const tasks = emulator.spreadsheet.getSheetByName('Tasks')!;
    const header = tasks.getRange(1, 1, 1, tasks.getLastColumn()).getValues()[0];
    const row = records(emulator, 'Tasks').findIndex((t) => t['Task ID'] === 'T-001') + 2;
    tasks.getRange(row, header.indexOf('Due') + 1).setValue(new Date(2026, 10, 1));
    const match = accepted(emulator, 'matchTask', { taskId: 'T-001' });
    const next = match.ranked[0].id;
    refused(emulator, 'offerTask', { taskId: 'T-001', kocIds: [next] }, 'due', "The task's due date (2026-11-01) has passed; enter a new due date");
    accepted(emulator, 'offerTask', { taskId: 'T-001', kocIds: [next], due: '2026-12-01' });
  });

  it('in Chinese', () => {
    const zh = demo('zh-CN');
    const answer = exec(zh, 'logFollowUp', contact({ date: '2052-06-30' }));
    expect(answer).toMatchObject({ ok: false, fieldErrors: { date: `不能晚于今天（${TODAY}）` } });
    expect(exec(zh, 'offerTask', { taskId: 'T-001', kocIds: ['KOC-063'], due: '2026-11-01' })).toMatchObject({ ok: false, fieldErrors: { due: `截止日期不能早于今天（${TODAY}）` } });
  });
});

describe('an assignment step on a sheet without a column it reads', () => {
  function renameHeader(emulator: Emulator, from: string, to: string): void {
    const sheet = emulator.spreadsheet.getSheetByName('Assignments')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    sheet.getRange(1, header.indexOf(from) + 1).setValue(to);
  }

  it.each([
    ['Status', 'State'],
    ['Assignment ID', 'Ref'],
  ])('"%s" renamed: says which column is missing, as an offer does, and writes nothing', (from, to) => {
    const emulator = demo();
    const offered = records(emulator, 'Assignments').find((a) => a.Status === 'Offered')!;
    const id = String(offered['Assignment ID']);
    renameHeader(emulator, from, to);
    const before = snapshot(emulator);
    const offer = exec(emulator, 'offerTask', { taskId: 'T-001', kocIds: ['KOC-063'] });
    expect(offer).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^Sheet "Assignments" has no column "${from}" \\(`)) });
    for (const [name, payload] of [
      ['respondToOffer', { assignmentId: id, answer: 'accepted' }],
      ['respondToOffer', { assignmentId: id, answer: 'declined', reason: 'busy' }],
      ['markSubmitted', { assignmentId: id }],
      ['cancelAssignment', { assignmentId: id }],
    ] as const)
      expect(exec(emulator, name, payload), name).toEqual(offer);
    expect(snapshot(emulator)).toBe(before);
  });
});

describe('Today lists only KOCs on the roster', () => {
  const kocIdsOf = (today: any): string[] => [...today.overdue, ...today.dueToday, ...today.incidents, ...today.staleOffers].map((x: { kocId: string }) => x.kocId);

  it.each([false, true])('a KOC taken off the roster leaves no line that cannot open (recomputed before: %s)', (recompute) => {
    const emulator = demo();
    // A KOC with an overdue follow-up, an open critical incident and an offer unanswered for weeks.
    writeRecords(emulator, 'kocs', [{ id: 'KOC-GONE', name: 'Gone Soon', status: 'Active' }], records(emulator, 'KOCs').length + 2);
    writeRecords(emulator, 'followups', [{ id: 'F-GONE', kocId: 'KOC-GONE', date: '2026-10-01', type: 'Check-in', summary: 'gone', nextFollowUp: '2026-10-15' }], records(emulator, 'Follow-ups').length + 2);
    writeRecords(emulator, 'incidents', [{ id: 'I-GONE', kocId: 'KOC-GONE', opened: '2026-11-01', severity: 'Critical', kind: 'Complaint', description: 'gone', status: 'Open' }], records(emulator, 'Incidents').length + 2);
    writeRecords(emulator, 'assignments', [{ id: 'A-GONE', taskId: 'T-001', kocId: 'KOC-GONE', status: 'Offered', offered: '2026-10-01' }], records(emulator, 'Assignments').length + 2);
    // Recomputed, Echelon lists the KOC until the next run.
    if (recompute) execOnce(emulator, 'recomputeNow', [], { now: NOW });
    const before = accepted(emulator, 'getTodayList', {});
    for (const list of ['overdue', 'incidents', 'staleOffers']) expect(before[list].map((x: { kocId: string }) => x.kocId), list).toContain('KOC-GONE');

    const kocs = emulator.spreadsheet.getSheetByName('KOCs')!;
    kocs.deleteRow(records(emulator, 'KOCs').findIndex((k) => k['KOC ID'] === 'KOC-GONE') + 2);
    const today = accepted(emulator, 'getTodayList', {});
    const ids = kocIdsOf(today);
    expect(ids).not.toContain('KOC-GONE');
    // Only those lines went.
    expect(ids).toEqual(kocIdsOf(before).filter((id) => id !== 'KOC-GONE'));
    // Every line opens its KOC.
    for (const id of new Set(ids)) expect(exec(emulator, 'getKocProfile', { kocId: id }).ok, id).toBe(true);
    const state = accepted(emulator, 'getSidebarState', {});
    expect(kocIdsOf(state.today)).toEqual(ids);
  });
});

describe('the demo workbook keeps the slot rule', () => {
  it.each(['en', 'zh-CN'])('no task holds more assignments than its slots, as the sidebar counts them (%s)', (locale) => {
    const emulator = demo(locale);
    const state = accepted(emulator, 'getSidebarState', {});
    const taskIds = [...new Set(records(emulator, locale === 'en' ? 'Tasks' : '任务').map((t) => String(Object.values(t)[0])))];
    expect(taskIds.length).toBeGreaterThanOrEqual(8);
    let full = 0;
    for (const taskId of taskIds) {
      const { task } = accepted(emulator, 'matchTask', { taskId });
      expect(task.filled, taskId).toBeLessThanOrEqual(task.slots);
      if (task.filled === task.slots) full++;
    }
    expect(full).toBeGreaterThan(0);
    expect(state.tasks.every((t: { filled: number; slots: number }) => t.filled <= t.slots)).toBe(true);
  });
});

describe('the demo workbook keeps the minimum-tier rule', () => {
  it('every open assignment is held by a KOC at or above its task’s minimum tier, after a recompute', () => {
    const emulator = demo('en');
    execOnce(emulator, 'recomputeNow', [], { now: NOW });
    const rank: Record<string, number> = { Core: 3, Potential: 2, Regular: 1, Candidate: 0 };
    const minTier = new Map(records(emulator, 'Tasks').map((t) => [t['Task ID'], String(t['Min tier'])]));
    const tier = new Map(records(emulator, 'Echelon').map((e) => [e['KOC ID'], String(e.Tier)]));
    const open = records(emulator, 'Assignments').filter((a) => ['Offered', 'Accepted', 'Submitted'].includes(String(a.Status)));
    expect(open.length).toBeGreaterThan(5);
    for (const a of open) expect(rank[tier.get(a['KOC ID'])!], `${a['Assignment ID']} ${a['KOC ID']} for ${a['Task ID']}`).toBeGreaterThanOrEqual(rank[minTier.get(a['Task ID'])!]);
  });
});

describe('dates from the sidebar in a spreadsheet on another time zone than the script runtime', () => {
  it.each(['America/New_York', 'Pacific/Auckland'])('are written and shown as the day typed (%s)', (timeZone) => {
    const emulator = demoEmulator({ now: NOW, timeZone });
    const kocId = String(records(emulator, 'KOCs')[0]['KOC ID']);
    const answer = exec(emulator, 'logFollowUp', { kocId, date: '2026-11-20', channel: 'phone', type: 'checkin', summary: 'Call', sentiment: 'neutral', nextFollowUp: '2026-11-27' });
    expect(answer.ok).toBe(true);
    const shown = emulator.spreadsheet.getSheetByName('Follow-ups')!.getDataRange().getDisplayValues();
    const last = shown.at(-1)!;
    expect([last[shown[0].indexOf('Date')], last[shown[0].indexOf('Next follow-up')]]).toEqual(['2026-11-20', '2026-11-27']);
    const profile = exec(emulator, 'getKocProfile', { kocId });
    expect(profile.ok && profile.data.nextFollowUp).toBe('2026-11-27');
  });
});

describe('Today and the Dashboard agree', () => {
  it('on which offers are waiting too long (Offer reminder days or more)', () => {
    const emulator = demo('en');
    execOnce(emulator, 'recomputeNow', [], { now: NOW });
    const today = accepted(emulator, 'getTodayList', {});
    const dashboard = emulator.sheetValues('Dashboard');
    const row = dashboard.find((r) => r.some((c) => /^Waiting \d+\+ days$/.test(String(c))))!;
    const at = row.findIndex((c) => /^Waiting \d+\+ days$/.test(String(c)));
    expect(today.staleOffers.length).toBeGreaterThan(0);
    expect(row[at + 1]).toBe(today.staleOffers.length);
  });
});

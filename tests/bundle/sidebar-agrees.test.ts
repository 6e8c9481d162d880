/**
 * The sidebar answers what Echelon says, through the built bundle on one workbook: workload in
 * the match, and a KOC's next follow-up, next action and place on the Today list right after a
 * contact is logged — compared with the Echelon row the next recompute writes.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { columnLabel } from '../../src/sheets/schema';
import { demoEmulator, execOnce } from '../helpers/bundle';
import { setUpEmulator, writeRecords } from '../recompute/workbook';

const NOW = new Date(2025, 5, 30, 9, 0);
const day = (n: number) => new Date(2025, 5, 30 - n);

type Answer = { ok: true; data: any } | { ok: false; message: string };

function call(emulator: Emulator, name: string, payload?: unknown): any {
  const answer: Answer = execOnce(emulator, name, payload === undefined ? [] : [payload], { now: NOW });
  if (!answer.ok) throw new Error(`${name}: ${answer.message}`);
  return answer.data;
}

function recompute(emulator: Emulator): void {
  execOnce(emulator, 'recomputeNow', [], { now: NOW });
}

/** The Echelon row of each KOC, by column key, as displayed (dates as the sheet shows them: yyyy-mm-dd). */
function echelon(emulator: Emulator): Map<string, Record<string, string>> {
  const sheet = emulator.spreadsheet.getSheetByName('Echelon');
  if (!sheet) throw new Error('no Echelon');
  const [header, ...rows] = sheet.getDataRange().getDisplayValues() as string[][];
  const keys = ['kocId', 'workload', 'followUpStatus', 'nextFollowUp', 'nextAction', 'tier', 'stage'] as const;
  const at = Object.fromEntries(keys.map((k) => [k, header.indexOf(columnLabel('echelon', k, 'en'))]));
  return new Map(rows.filter((r) => r[at.kocId]).map((r) => [r[at.kocId], Object.fromEntries(keys.map((k) => [k, r[at[k]]]))]));
}

describe('the sidebar and Echelon agree', () => {
  it('on workload: a Published assignment no longer makes a KOC busy, in the match as on Echelon', () => {
    const emulator = setUpEmulator({ locale: 'en' }, NOW);
    writeRecords(emulator, 'kocs', [
      { id: 'K1', name: 'Lin', status: 'Active', categories: 'Skincare', joined: day(200), followers: 12000, posts30d: 6, lastPost: day(2) },
      { id: 'K2', name: 'Chen', status: 'Active', categories: 'Skincare', joined: day(200), followers: 9000, posts30d: 4, lastPost: day(3) },
    ]);
    writeRecords(emulator, 'tasks', [
      { id: 'T1', title: 'Serum', categories: 'Skincare', minTier: 'Candidate', slots: 5, status: 'Open', due: day(-10) },
      { id: 'T2', title: 'Cream', categories: 'Skincare', minTier: 'Candidate', slots: 5, status: 'Open', due: day(-10) },
    ]);
    writeRecords(emulator, 'assignments', [
      { id: 'A1', taskId: 'T2', kocId: 'K1', status: 'Published', offered: day(20), responded: day(19) },
      { id: 'A2', taskId: 'T2', kocId: 'K1', status: 'Accepted', offered: day(5), responded: day(4) },
      { id: 'A3', taskId: 'T2', kocId: 'K2', status: 'Submitted', offered: day(5), responded: day(4) },
      { id: 'A4', taskId: 'T2', kocId: 'K2', status: 'Reviewed', offered: day(40), responded: day(39) },
    ]);
    recompute(emulator);
    const rows = echelon(emulator);
    const match = call(emulator, 'matchTask', { taskId: 'T1' });
    const listed = [...match.ranked, ...match.excluded] as { id: string; workload: number }[];
    for (const id of ['K1', 'K2']) {
      const k = listed.find((x) => x.id === id);
      expect(k, id).toBeDefined();
      expect(String(k?.workload), id).toBe(rows.get(id)?.workload);
    }
    expect(rows.get('K1')?.workload).toBe('1');
  });

  it('on follow-ups: after a contact without a next date, the profile and Today say what the next recompute writes', () => {
    const emulator = setUpEmulator({ locale: 'en' }, NOW);
    writeRecords(emulator, 'kocs', [
      { id: 'K1', name: 'Lin', status: 'Active', categories: 'Skincare', joined: day(300), followers: 12000, posts30d: 6, lastPost: day(2), lastContact: day(40) },
      { id: 'K2', name: 'Chen', status: 'Active', categories: 'Food', joined: day(300), followers: 3000, posts30d: 1, lastPost: day(5), lastContact: day(60) },
    ]);
    writeRecords(emulator, 'followups', [{ id: 'F1', kocId: 'K1', date: day(40), nextFollowUp: day(5), summary: 'Check-in' }]);
    recompute(emulator);
    expect(echelon(emulator).get('K1')?.followUpStatus).toBe('Overdue');
    const before = call(emulator, 'getTodayList');
    expect(before.overdue.map((x: { kocId: string }) => x.kocId)).toContain('K1');

    call(emulator, 'logFollowUp', { kocId: 'K1', channel: 'wechat', type: 'checkin', summary: 'Talked about the autumn line', sentiment: 'positive' });
    const profile = call(emulator, 'getKocProfile', { kocId: 'K1' });
    const today = call(emulator, 'getTodayList');

    recompute(emulator);
    const after = echelon(emulator);
    const k1 = after.get('K1');
    expect(k1?.followUpStatus).toBe('OK');
    expect(profile.nextFollowUp).toBe(k1?.nextFollowUp);
    expect(profile.nextAction).toBe(k1?.nextAction);
    expect(profile.nextAction).not.toMatch(/overdue/i);
    const late = (list: { kocId: string }[]) => list.map((x) => x.kocId).sort();
    const byStatus = (status: string) => [...after].filter(([, r]) => r.followUpStatus === status).map(([id]) => id).sort();
    expect(late(today.overdue)).toEqual(byStatus('Overdue'));
    expect(late(today.dueToday)).toEqual(byStatus('Due'));
    expect(late(today.overdue)).toContain('K2');
  });

  it('on the demo workbook: Today lists exactly the KOCs Echelon marks overdue, due or due a first contact, and profiles read as Echelon', () => {
    const emulator = demoEmulator({ locale: 'en', now: NOW });
    recompute(emulator);
    const rows = echelon(emulator);
    const today = call(emulator, 'getTodayList');
    const ids = (list: { kocId: string }[]) => list.map((x) => x.kocId).sort();
    // Today leaves alumni out (their follow-ups are only the dates someone set).
    const [header, ...roster] = emulator.sheetValues('KOCs') as string[][];
    const alumni = new Set(roster.filter((r) => r[header.indexOf('Status')] === 'Alumni').map((r) => r[header.indexOf('KOC ID')]));
    const marked = (status: string) => [...rows].filter(([id, r]) => r.followUpStatus === status && !alumni.has(id)).map(([id]) => id).sort();
    expect(marked('Overdue').length).toBeGreaterThan(3);
    expect(ids(today.overdue)).toEqual(marked('Overdue'));
    expect(ids(today.dueToday)).toEqual(marked('Due'));
    // First contacts (KOCs never contacted) are their own group, due or past their deadline alike.
    expect(ids(today.firstContacts)).toEqual([...marked('First contact due'), ...marked('First contact overdue')].sort());
    expect(today.firstContactCount).toBe(today.firstContacts.length);
    expect(today.firstContactCount).toBeGreaterThan(0);
    for (const id of [...rows.keys()].filter((_, i) => i % 8 === 0)) {
      const p = call(emulator, 'getKocProfile', { kocId: id });
      const r = rows.get(id);
      expect({ id, next: p.nextFollowUp ?? '', action: p.nextAction }).toEqual({ id, next: r?.nextFollowUp, action: r?.nextAction });
    }
  });
});

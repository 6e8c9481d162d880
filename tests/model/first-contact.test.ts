/**
 * First contacts through the built bundle, in an English and a Chinese workbook: a KOC never
 * contacted is due one first contact (from when KOC Ops first saw it, or from joining within the
 * window), carried on Echelon from run to run; an imported roster of 300 never-contacted KOCs is a
 * week of first contacts on Today and the Dashboard, not 300 "late"; the sidebar says what
 * Echelon says.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { execOnce } from '../helpers/bundle';
import { setUpEmulator, writeRecords } from '../recompute/workbook';

const DAY0 = new Date(2026, 10, 23, 10, 0);
/** Noon `n` days after DAY0 (negative: before). */
const at = (n: number) => new Date(2026, 10, 23 + n, 10, 0);
const date = (n: number) => new Date(2026, 10, 23 + n);
const iso = (n: number) => {
  const d = date(n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const IMPORTS = 300;
const importId = (i: number) => `IMP${String(i).padStart(3, '0')}`;

const koc = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  name: `Name ${id}`,
  platform: 'Xiaohongshu',
  source: 'Public',
  categories: 'Skincare',
  followers: 8_000,
  posts30d: 4,
  likes: 300,
  comments: 20,
  lastPost: date(-3),
  status: 'Active',
  ...over,
});

/**
 * 300 imported KOCs that joined two years ago and were never contacted; NEW joined 3 days ago,
 * EDGE exactly 7 days before the first run (the window's edge); KNOWN contacted 40 days ago
 * (a Regular's cadence of 30 days: overdue); PAUSED never contacted but paused.
 */
function workbook(locale: 'en' | 'zh_CN'): Emulator {
  const em = setUpEmulator({ locale }, DAY0);
  writeRecords(em, 'kocs', [
    ...Array.from({ length: IMPORTS }, (_, i) => koc(importId(i), { joined: date(-730 - i) })),
    koc('NEW', { joined: date(-3) }),
    koc('EDGE', { joined: date(-7) }),
    koc('KNOWN', { joined: date(-400), lastContact: date(-40) }),
    koc('PAUSED', { joined: date(-400), status: 'Paused' }),
  ]);
  return em;
}

const call = (em: Emulator, name: string, now: Date, payload?: unknown): any => {
  const answer = execOnce(em, name, payload === undefined ? [] : [payload], { now });
  if (!answer.ok) throw new Error(`${name}: ${answer.message}`);
  return answer.data;
};
const recompute = (em: Emulator, now: Date) => execOnce(em, 'recomputeNow', [], { now });

const sheetOf = (em: Emulator, names: string[]) => em.spreadsheet.getSheets().find((s) => names.includes(s.getName()))!;

/** Echelon rows by KOC ID, by header, as displayed (dates yyyy-mm-dd). */
function echelon(em: Emulator): Map<string, Record<string, string>> {
  const [header, ...rows] = sheetOf(em, ['Echelon', '梯队']).getDataRange().getDisplayValues() as string[][];
  return new Map(rows.filter((r) => r[0]).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
}

const dashboard = (em: Emulator) => sheetOf(em, ['Dashboard', '看板']).getDataRange().getValues();
const dashRow = (em: Emulator, label: string) => dashboard(em).find((r) => r[0] === label)!.slice(0, 4);

/** The team sorts Echelon by Name, descending: rows move, the anchors must not. */
function sortEchelon(em: Emulator): void {
  const sheet = sheetOf(em, ['Echelon', '梯队']);
  const [, ...rows] = sheet.getDataRange().getValues();
  rows.sort((a, b) => String(b[1]).localeCompare(String(a[1])));
  sheet.getRange(2, 1, rows.length, rows[0].length).setValues(rows);
}

describe('first contacts in an English workbook', () => {
  const em = workbook('en');
  recompute(em, DAY0);
  const first = echelon(em);

  it('an imported KOC is due a first contact 7 days after it was first seen, not late since joining', () => {
    const row = first.get(importId(0))!;
    expect(row['Follow-up status']).toBe('First contact due');
    expect(row['Next follow-up']).toBe(iso(7));
    expect(row['Last contact']).toBe('');
    expect(row['Next action']).toMatch(new RegExp(`^First contact by ${iso(7)}: introduce the programme`));
    const statuses = new Set([...first.values()].filter((r) => r['KOC ID'].startsWith('IMP')).map((r) => r['Follow-up status']));
    expect([...statuses]).toEqual(['First contact due']);
  });

  it('a join date inside the window sets the deadline from joining', () => {
    expect(first.get('NEW')!['Next follow-up']).toBe(iso(4));
    expect(first.get('EDGE')!['Next follow-up']).toBe(iso(0));
    expect(first.get('EDGE')!['Follow-up status']).toBe('First contact due');
  });

  it('a KOC contacted before keeps its cadence; a paused one is not chased', () => {
    expect(first.get('KNOWN')!['Follow-up status']).toBe('Overdue');
    expect(first.get('PAUSED')!['Follow-up status']).toBe('Not scheduled');
  });

  it('the Dashboard counts first contacts apart: none late yet', () => {
    expect(dashRow(em, 'Overdue follow-ups')).toEqual(['Overdue follow-ups', 1, 'Of which first contacts', 0]);
    expect(dashRow(em, 'Follow-ups due today')).toEqual(['Follow-ups due today', 0, 'First contacts within their window', IMPORTS + 2]);
  });

  it('Today: one overdue follow-up, and first contacts in their own group, nearest deadline first', () => {
    const today = call(em, 'getTodayList', DAY0);
    expect(today.overdue.map((x: { kocId: string }) => x.kocId)).toEqual(['KNOWN']);
    expect(today.firstContactCount).toBe(IMPORTS + 2);
    expect(today.firstContacts).toHaveLength(50);
    expect(today.firstContacts.slice(0, 3).map((x: { kocId: string; daysLate: number }) => [x.kocId, x.daysLate])).toEqual([
      ['EDGE', 0],
      ['NEW', -4],
      [importId(0), -7],
    ]);
    expect(today.firstContacts[2].due).toBe(iso(7));
  });

  it('the deadline survives recomputes and a sorted Echelon; past it, the first contact is overdue from the deadline', () => {
    sortEchelon(em);
    recompute(em, at(3));
    expect(echelon(em).get(importId(5))!['Next follow-up']).toBe(iso(7));
    sortEchelon(em);
    recompute(em, at(10));
    const later = echelon(em);
    const row = later.get(importId(5))!;
    expect(row['Follow-up status']).toBe('First contact overdue');
    expect(row['Next follow-up']).toBe(iso(7));
    expect(row['Next action']).toMatch(new RegExp(`^Make the first contact now: 3 days past its deadline \\(${iso(7)}\\)`));
    expect(later.get('NEW')!['Next action']).toMatch(/^Make the first contact now: 6 days past its deadline/);
    // Overdue follow-ups now include the late first contacts, named apart.
    expect(dashRow(em, 'Overdue follow-ups')).toEqual(['Overdue follow-ups', IMPORTS + 3, 'Of which first contacts', IMPORTS + 2]);
    const mostOverdue = dashboard(em).findIndex((r) => r[0] === 'Most overdue follow-ups');
    const listed = dashboard(em).slice(mostOverdue + 2, mostOverdue + 12);
    // KNOWN (contacted 50 days ago, 20 days past its date) leads; first contacts count from their deadline.
    expect(listed[0].slice(0, 1)).toEqual(['KNOWN']);
    expect(Math.max(...listed.slice(1).map((r) => Number(r[4])))).toBeLessThanOrEqual(10);
  });

  it('the sidebar says what Echelon says: profile and Today, before and after a contact is logged', () => {
    const now = at(10);
    const rows = echelon(em);
    for (const id of ['NEW', 'EDGE', importId(7), 'KNOWN', 'PAUSED']) {
      const p = call(em, 'getKocProfile', now, { kocId: id });
      expect({ id, next: p.nextFollowUp ?? '', action: p.nextAction }).toEqual({ id, next: rows.get(id)!['Next follow-up'], action: rows.get(id)!['Next action'] });
      expect(p.firstContact).toBe(rows.get(id)!['Follow-up status'].startsWith('First contact'));
    }
    const today = call(em, 'getTodayList', now);
    expect(today.firstContactCount).toBe([...rows.values()].filter((r) => r['Follow-up status'].startsWith('First contact')).length);
    expect(today.firstContacts.every((x: { daysLate: number }) => x.daysLate > 0)).toBe(true);

    call(em, 'logFollowUp', now, { kocId: importId(7), channel: 'wechat', type: 'checkin', summary: 'Introduced the programme', sentiment: 'positive' });
    const profile = call(em, 'getKocProfile', now, { kocId: importId(7) });
    expect(profile.firstContact).toBe(false);
    const after = call(em, 'getTodayList', now);
    expect(after.firstContacts.map((x: { kocId: string }) => x.kocId)).not.toContain(importId(7));
    recompute(em, now);
    const row = echelon(em).get(importId(7))!;
    expect(row['Follow-up status']).toBe('OK');
    expect(profile.nextFollowUp).toBe(row['Next follow-up']);
    expect(profile.nextAction).toBe(row['Next action']);
  });

  it('a KOC added between runs: the sidebar gives the deadline the next run writes', () => {
    const now = at(12);
    writeRecords(em, 'kocs', [koc('LATE', { joined: date(-100) })], IMPORTS + 6);
    const p = call(em, 'getKocProfile', now, { kocId: 'LATE' });
    expect(p.nextFollowUp).toBe(iso(19));
    recompute(em, now);
    expect(echelon(em).get('LATE')!['Next follow-up']).toBe(iso(19));
    expect(echelon(em).get('LATE')!['Next action']).toBe(p.nextAction);
  });
});

describe('first contacts in a Chinese workbook', () => {
  const em = workbook('zh_CN');
  recompute(em, DAY0);

  it('says first contact in Chinese, carries the deadline, and counts it on the Dashboard', () => {
    const row = echelon(em).get(importId(0))!;
    expect(row['跟进状态']).toBe('待首次联系');
    expect(row['下次跟进']).toBe(iso(7));
    expect(row['下一步行动']).toMatch(new RegExp(`^${iso(7)} 前完成首次联系：介绍合作计划`));
    expect(dashRow(em, '今日到期跟进')).toEqual(['今日到期跟进', 0, '期限内的首次联系', IMPORTS + 2]);

    sortEchelon(em);
    recompute(em, at(9));
    const late = echelon(em).get(importId(0))!;
    expect(late['跟进状态']).toBe('首次联系逾期');
    expect(late['下次跟进']).toBe(iso(7));
    expect(late['下一步行动']).toMatch(new RegExp(`^立即首次联系：已超过期限（${iso(7)}）2 天`));
    expect(dashRow(em, '逾期跟进')).toEqual(['逾期跟进', IMPORTS + 3, '其中首次联系', IMPORTS + 2]);
    const p = call(em, 'getKocProfile', at(9), { kocId: importId(0) });
    expect(p.nextAction).toBe(late['下一步行动']);
    expect(call(em, 'getTodayList', at(9)).firstContactCount).toBe(IMPORTS + 2);
  });

  it('an Echelon row from before first contacts (Overdue since joining) carries nothing: a fresh window', () => {
    const sheet = sheetOf(em, ['Echelon', '梯队']);
    const [header, ...rows] = sheet.getDataRange().getValues();
    const id = importId(3);
    const row = rows.findIndex((r) => r[0] === id) + 2;
    sheet.getRange(row, header.indexOf('跟进状态') + 1).setValue('已逾期');
    sheet.getRange(row, header.indexOf('下次跟进') + 1).setValue(date(-700));
    recompute(em, at(9));
    expect(echelon(em).get(id)!['下次跟进']).toBe(iso(16));
    expect(echelon(em).get(id)!['跟进状态']).toBe('待首次联系');
  });
});

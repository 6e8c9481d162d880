/**
 * What the add-on writes is exactly what it means, and nothing it does not own changes: the
 * team's formulas between our columns survive an update, and text that Sheets would convert
 * (an ID "007", a note "0012", "31%", a date-like "2025-01-01") or run ("=IMPORTXML(…)") is
 * stored as that text.
 */
import { describe, expect, it } from 'vitest';
import { demoEmulator, execOnce } from '../helpers/bundle';

const NOW = new Date('2026-11-23T10:00:00+08:00');

describe('writes keep what they do not own', () => {
  it("an update keeps a team formula in a column between the changed ones", () => {
    const em = demoEmulator({ now: NOW });
    const sheet = em.spreadsheet.getSheetByName('Assignments')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const statusCol = header.indexOf('Status') + 1;
    // The team's own column right after Status, inside the span an answer changes (Status … Responded).
    sheet.insertColumnsAfter(statusCol, 1);
    sheet.getRange(1, statusCol + 1).setValue('My check');
    const rows = sheet.getDataRange().getValues();
    const offered = rows.findIndex((r, i) => i > 0 && r[statusCol - 1] === 'Offered');
    expect(offered).toBeGreaterThan(0);
    const id = String(rows[offered][header.indexOf('Assignment ID')]);
    sheet.getRange(offered + 1, statusCol + 1).setFormula(`=LEN(A${offered + 1})`);
    sheet.getRange(offered + 1, statusCol + 2).setValue('007'); // parsed by Sheets: the team typed a number here

    const answer = execOnce(em, 'respondToOffer', [{ assignmentId: id, answer: 'accepted' }], { now: NOW });
    expect(answer.ok).toBe(true);
    expect(sheet.getRange(offered + 1, statusCol).getValue()).toBe('Accepted');
    expect(sheet.getRange(offered + 1, statusCol + 1).getFormula()).toBe(`=LEN(A${offered + 1})`);
  });
});

describe('text stays text', () => {
  it.each(['007', '0012', '31%', '2025-01-01', 'TRUE', '1e5', '=IMPORTXML("http://x","//a")', '+1+2', '-3', "'quoted"])('a follow-up summary %j is stored as that text', (summary) => {
    const em = demoEmulator({ now: NOW });
    const answer = execOnce(em, 'logFollowUp', [{ kocId: 'KOC-003', channel: 'wechat', type: 'checkin', summary, sentiment: 'neutral' }], { now: NOW });
    expect(answer.ok).toBe(true);
    const sheet = em.spreadsheet.getSheetByName('Follow-ups')!;
    const last = sheet.getLastRow();
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const cell = sheet.getRange(last, header.indexOf('Summary') + 1);
    expect(cell.getValue()).toBe(summary);
    expect(cell.getFormula()).toBe('');
  });

  it('a KOC whose ID looks like a number keeps it as text on every sheet it is written to', () => {
    const em = demoEmulator({ now: NOW });
    const kocs = em.spreadsheet.getSheetByName('KOCs')!;
    kocs.getRange('A3').setValue("'007");
    expect(kocs.getRange('A3').getValue()).toBe('007');
    const answer = execOnce(em, 'logFollowUp', [{ kocId: '007', channel: 'wechat', type: 'checkin', summary: 'hello', sentiment: 'neutral' }], { now: NOW });
    expect(answer.ok).toBe(true);
    const fu = em.spreadsheet.getSheetByName('Follow-ups')!;
    const header = fu.getRange(1, 1, 1, fu.getLastColumn()).getValues()[0].map(String);
    expect(fu.getRange(fu.getLastRow(), header.indexOf('KOC ID') + 1).getValue()).toBe('007');
    const profile = execOnce(em, 'getKocProfile', [{ kocId: '007' }], { now: NOW });
    expect(profile.ok).toBe(true);
    expect(JSON.stringify(profile.data)).toContain('hello');
  });
});

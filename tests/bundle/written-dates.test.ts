/**
 * Dates written in Chinese (2026年11月4日, 11月4日, full-width ２０２６年１１月４日, with spaces) are
 * dates wherever KOC Ops reads a date cell, on the built bundle: the recompute's roster and logs,
 * the sidebar's reads and the KOC_ functions' rows. A date without its year is in the year of the
 * run's day (the recompute, the sidebar) or of the as-of day (a formula).
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { KOCS } from '../../src/core/record';
import { demoEmulator, execOnce, runBundle } from '../helpers/bundle';

const NOW = new Date('2026-11-23T10:00:00+08:00');

const run = (em: Emulator, fn: string, args: unknown[] = []): any => execOnce(em, fn, args, { now: NOW, locale: 'en' });

const demo = (): Emulator => demoEmulator({ now: NOW });

const sheetOf = (em: Emulator, name: string) => em.spreadsheet.getSheetByName(name)! as any;
const columnOf = (em: Emulator, name: string, header: string) => em.sheetValues(name)[0].map(String).indexOf(header) + 1;
/** A date cell's day as the sheet shows it, and the same day written in Chinese in three ways. */
function writtenForms(em: Emulator, sheet: string, row: number, header: string): { iso: string; forms: string[] } {
  const iso = sheetOf(em, sheet).getRange(row, columnOf(em, sheet, header)).getDisplayValue() as string;
  const [y, m, d] = iso.split('-').map(Number);
  const fullWidth = (s: string) => s.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return { iso, forms: [`${y}年${m}月${d}日`, `${m}月${d}日`, fullWidth(`${y} 年 ${m} 月 ${d} 号`)] };
}
/** Text in a cell, as a team types it (the apostrophe keeps it text, whatever Sheets would parse). */
const typeText = (em: Emulator, sheet: string, row: number, header: string, text: string) => sheetOf(em, sheet).getRange(row, columnOf(em, sheet, header)).setValue(`'${text}`);

describe('Chinese written dates', () => {
  it('the recompute reads them in the roster and the logs as the dates they name', () => {
    const reference = demo();
    run(reference, 'recomputeNow');
    const echelon = reference.sheetValues('Echelon');
    const kocRow = 4; // KOC-003
    const joined = writtenForms(reference, 'KOCs', kocRow, 'Joined');
    const lastPost = writtenForms(reference, 'KOCs', kocRow, 'Last post');
    expect(joined.iso).toMatch(/^2026-/);
    const followUps = reference.sheetValues('Follow-ups');
    const contact = followUps.findIndex((r, i) => i > 0 && r[1] === 'KOC-003') + 1;
    const contactDate = writtenForms(reference, 'Follow-ups', contact, 'Date');
    for (let i = 0; i < 3; i++) {
      const em = demo();
      typeText(em, 'KOCs', kocRow, 'Joined', joined.forms[i]);
      typeText(em, 'KOCs', kocRow, 'Last post', lastPost.forms[(i + 1) % 3]);
      typeText(em, 'Follow-ups', contact, 'Date', contactDate.forms[(i + 2) % 3]);
      run(em, 'recomputeNow');
      expect(em.ui.alerts).toEqual([]);
      // Echelon as with real date cells, row for row (no "not a date" problem, the same days counted).
      const got = em.sheetValues('Echelon');
      const updated = echelon[0].indexOf('Updated');
      const strip = (rows: unknown[][]) => rows.map((r) => r.filter((_, c) => c !== updated));
      expect(strip(got), `forms #${i}`).toEqual(strip(echelon));
    }
  });

  it('the sidebar reads them in a KOC’s log, a date without its year in today’s year', () => {
    const em = demo();
    const followUps = em.sheetValues('Follow-ups');
    const row = followUps.findIndex((r, i) => i > 0 && r[1] === 'KOC-003') + 1;
    const id = String(followUps[row - 1][0]);
    typeText(em, 'Follow-ups', row, 'Date', '11月20日');
    typeText(em, 'Follow-ups', row, 'Next follow-up', '２０２６年１２月１日');
    const profile = execOnce(em, 'getKocProfile', [{ kocId: 'KOC-003' }], { now: NOW });
    expect(profile.ok).toBe(true);
    const view = profile.data.followUps.find((f: { id: string }) => f.id === id);
    expect(view).toMatchObject({ date: '2026-11-20', nextFollowUp: '2026-12-01' });
  });

  it('the KOC_ functions read them in the rows, a date without its year in the as-of day’s year', () => {
    const headers = [KOCS.columns.map((c) => c.en)];
    const row = (cells: Record<string, unknown>) => KOCS.columns.map((c) => (c.en in cells ? cells[c.en] : ''));
    const koc = { 'KOC ID': 'K1', Status: 'Active', 'Posts 30d': 4, Followers: 5000 };
    const bundle = runBundle({ exec: { authMode: 'CUSTOM_FUNCTION' }, now: NOW });
    const stage = (joined: unknown, asof: unknown) => JSON.parse(JSON.stringify(bundle.call('KOC_STAGE', headers, [row({ ...koc, Joined: joined, 'Last post': '2026-11-20' })], asof)));
    const asof = new Date(2026, 10, 23);
    // Joined 22 days before the as-of day: a Sprout, however the date is written.
    expect(stage(new Date(2026, 10, 1), asof)).toEqual([['Sprout']]);
    for (const joined of ['2026年11月1日', '11月1日', '２０２６年１１月１日', '2026 年 11 月 1 号']) expect(stage(joined, asof), joined).toEqual([['Sprout']]);
    // Read in the as-of day's year: as of 2027-11-20, 11月1日 is 2027-11-01 (a Sprout), not 2026's.
    expect(stage('11月1日', new Date(2027, 10, 20))).toEqual([['Sprout']]);
    expect(stage('2026年11月1日', new Date(2027, 10, 20))).not.toEqual([['Sprout']]);
    expect(stage('2026年11月1日', '2026年11月23日')).toEqual([['Sprout']]);
  });
});

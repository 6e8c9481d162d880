/**
 * The preview's roster import is all or nothing: a table Sheets cannot hold is refused before
 * anything is written, and a write that fails halfway puts the workbook back as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Range } from '../../emulator/range';
import { checkImport } from '../../preview/import';
import { PreviewSession } from '../../preview/session';

const NOW = new Date('2026-11-20T09:00:00+08:00');
const CSV = 'KOC ID,Name,Followers,Notes\nNEW-1,Ann,1200,first\nNEW-2,Bo,3400,second\nKOC-001,,99999,changed\n';

let dir: string;
let session: PreviewSession;
const workbook = () => JSON.stringify((session as unknown as { emulator: { toJSON(): unknown } }).emulator.toJSON());

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koc-import-'));
  session = await PreviewSession.open({ workbookPath: join(dir, 'workbook.json'), now: () => NOW, log: () => {} });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the preview import, all or nothing', () => {
  it('refuses a cell longer than a Sheets cell holds, naming its line and column, in either language', () => {
    const long = `KOC ID,Name,Notes\nNEW-1,Ann,ok\nNEW-2,Bo,${'x'.repeat(50_001)}\n`;
    expect(checkImport(long).error).toMatch(/Line 3, column "Notes": 50,001 characters/);
    expect(checkImport(long, 'zh').error).toMatch(/第 3 行“Notes”列：50,001 个字符/);
    expect(checkImport(`KOC ID,Notes\nA,${'x'.repeat(50_000)}\n`).error).toBeUndefined();
    const before = workbook();
    const out = session.importRoster(long, true, { mode: 'merge', keepUnmatched: true });
    expect(out.ok).toBe(false);
    expect(workbook()).toBe(before);
  });

  it('puts the workbook back when a write fails at any step, and imports whole once nothing fails', () => {
    const original = Range.prototype.setValues;
    const before = workbook();
    let failures = 0;
    try {
      for (let nth = 1; nth < 50; nth++) {
        let calls = 0;
        let failed = false;
        Range.prototype.setValues = function (this: Range, values: unknown[][]) {
          if (++calls === nth) {
            failed = true;
            throw new Error('Service Spreadsheets failed while accessing document.');
          }
          return original.call(this, values);
        };
        const out = session.importRoster(CSV, true, { mode: 'merge', keepUnmatched: false });
        if (!failed) break;
        failures++;
        expect(out.ok).toBe(false);
        expect(out.error).toMatch(/could not be written .*the sheet is as it was/);
        expect(workbook()).toBe(before);
      }
    } finally {
      Range.prototype.setValues = original;
    }
    expect(failures).toBeGreaterThan(2);
    const out = session.importRoster(CSV, true, { mode: 'merge', keepUnmatched: false });
    expect(out.ok).toBe(true);
    expect(workbook()).not.toBe(before);
    const kocs = session.sheetView('KOCs')!;
    const ids = kocs.cells.map((r) => r[0]?.v);
    expect(ids).toContain('NEW-1');
    expect(ids).toContain('NEW-2');
  });
});

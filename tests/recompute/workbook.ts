/**
 * Emulated workbooks for the recompute's bundle tests and the bench: a set-up workbook (the real
 * Set up workbook menu item, through the built bundle) filled with a generated roster of any
 * size, each KOC with its follow-ups and assignments. Written through the emulator's own
 * spreadsheet handle, so filling is not counted as the code's calls.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index';
import { loadBundle } from '../../emulator/vm';
import { type SheetKey, sheetDef } from '../../src/sheets/schema';

/** dist/Code.js, read here rather than through tests/helpers so the ESM bench can use this file too. */
export const CODE_PATH = fileURLToPath(new URL('../../dist/Code.js', import.meta.url));

export const BENCH_NOW = new Date(2025, 5, 30, 9, 0);
const day = (n: number) => new Date(2025, 5, 30 - n);

/** A fresh emulator with every KOC Ops sheet set up by the bundle's Set up workbook. */
export function setUpEmulator(options: EmulatorOptions = {}, now = BENCH_NOW): Emulator {
  const emulator = createEmulator(options);
  loadBundle(readFileSync(CODE_PATH, 'utf8'), emulator.globals(), { now, filename: 'Code.js' }).call('setUpWorkbook');
  emulator.ui.alerts.length = 0;
  return emulator;
}

/** Write records (keyed by column key) under a sheet's header, growing the sheet as needed. */
export function writeRecords(emulator: Emulator, key: SheetKey, records: Record<string, unknown>[], startRow = 2): void {
  if (records.length === 0) return;
  const def = sheetDef(key);
  const sheet = emulator.spreadsheet.getSheetByName(def.en) ?? emulator.spreadsheet.getSheetByName(def.zh);
  if (!sheet) throw new Error(`no sheet ${def.en}`);
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const at = def.columns.map((c) => header.findIndex((h) => h === c.en || h === c.zh));
  const rows = records.map((r) => {
    const row = new Array<unknown>(header.length).fill('');
    def.columns.forEach((c, i) => {
      if (at[i] >= 0 && c.key in r) row[at[i]] = r[c.key];
    });
    return row;
  });
  const last = startRow + rows.length - 1;
  if (last > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), last - sheet.getMaxRows());
  sheet.getRange(startRow, 1, rows.length, header.length).setValues(rows);
}

export const kocId = (i: number) => `K${String(i).padStart(6, '0')}`;

/** The i-th generated KOC: a realistic mix of platforms, sources, stages and messy cells. */
export function generatedKoc(i: number): Record<string, unknown> {
  return {
    id: kocId(i),
    name: `KOC ${i}`,
    platform: ['Xiaohongshu', '抖音', 'Weibo', 'WeChat'][i % 4],
    source: i % 3 ? 'Public' : '私域',
    owner: ['Lin', '陈静', 'Kevin'][i % 3],
    joined: day(5 + (i % 700)),
    categories: ['美妆, 护肤', 'Fitness, Food', '母婴', 'Travel, 穿搭'][i % 4],
    followers: i % 10 === 0 ? `${(i % 97) / 10 + 0.5}万` : 300 + ((i * 7919) % 150_000),
    posts30d: i % 15,
    likes: 20 + ((i * 31) % 900),
    collects: (i * 17) % 400,
    comments: i % 5 === 0 ? '' : (i * 13) % 120,
    shares: (i * 7) % 60,
    leads30d: i % 4 === 0 ? '' : i % 80,
    orders30d: i % 4 === 0 ? '' : i % 40,
    gmv30d: i % 4 === 0 ? '' : (i * 37) % 40_000,
    lastPost: i % 9 === 0 ? '' : day(i % 120),
    lastContact: i % 7 === 0 ? '' : day(i % 50),
    quality: 1 + (i % 5),
    professionalism: 1 + ((i + 1) % 5),
    creativity: 1 + ((i + 2) % 5),
    brandFit: 1 + ((i + 3) % 5),
    willingness: i % 6 === 0 ? '' : 1 + ((i + 4) % 5),
    communication: 1 + ((i + 1) % 5),
    monthlyCost: (i % 3) * 500,
    status: ['Active', '合作中', 'Candidate', 'Paused', 'Active', 'Alumni'][i % 6],
    tierOverride: i % 97 === 0 ? 'Core' : '',
  };
}

const STATUSES = ['Offered', 'Accepted', 'Submitted', 'Published', 'Reviewed', 'Declined'];

/** Fill the roster with n KOCs, each with `followUps` follow-ups and `assignments` assignments, and some incidents. */
export function fillWorkbook(emulator: Emulator, n: number, opts: { followUps?: number; assignments?: number } = {}): void {
  const perF = opts.followUps ?? 4;
  const perA = opts.assignments ?? 2;
  const kocs: Record<string, unknown>[] = new Array(n);
  const followUps: Record<string, unknown>[] = [];
  const assignments: Record<string, unknown>[] = [];
  const incidents: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    kocs[i] = generatedKoc(i);
    for (let f = 0; f < perF; f++)
      followUps.push({
        id: `F${i}-${f}`,
        kocId: kocId(i),
        date: day(3 + f * 9 + (i % 11)),
        channel: 'WeChat',
        type: 'Check-in',
        summary: 'Checked in',
        sentiment: f % 3 === 0 ? 'Negative' : 'Positive',
        nextFollowUp: f === 0 ? day(i % 5 === 0 ? 2 : -5) : '',
      });
    for (let a = 0; a < perA; a++)
      assignments.push({
        id: `A${i}-${a}`,
        taskId: `T${a}`,
        kocId: kocId(i),
        status: STATUSES[(i + a) % STATUSES.length],
        offered: day(2 + ((i + a) % 40)),
        gmv: (i * 13 + a) % 5000,
        cost: 100 + (a % 3) * 100,
      });
    if (i % 50 === 0)
      incidents.push({ id: `I${i}`, kocId: kocId(i), opened: day(i % 20), severity: ['Low', 'Medium', 'High', 'Critical'][i % 4], kind: 'Complaint', status: i % 100 ? 'Open' : 'Resolved' });
  }
  writeRecords(emulator, 'kocs', kocs);
  writeRecords(emulator, 'followups', followUps);
  writeRecords(emulator, 'assignments', assignments);
  writeRecords(emulator, 'incidents', incidents);
}

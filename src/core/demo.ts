/**
 * The demo workbook: a believable, bilingual KOC programme to try KOC Ops on. Deterministic (a
 * seeded PRNG and dates relative to `now`), so the preview, screenshots and tests see the same
 * data every run while the dates always look current. Pure: no Apps Script globals.
 *
 * Counts are typed the way platforms show them ('1.2万', '3.4k', '8,900', '2.1w') and a few cells
 * are messy on purpose ('N/A', '—', 'about 5k', stray spaces, one duplicate ID) so the Problems
 * column has something to show.
 */
import { type Lang, label, PLATFORMS, type SheetKey, sheetDef } from '../sheets/schema';
import { TEXTS } from './demo/data';
import { buildAssignments } from './demo/assignments';
import { buildFollowUps } from './demo/followups';
import { buildIncidents } from './demo/incidents';
import { type DemoBuild, type DemoRecord, dayFrom, platformCount, rng } from './demo/kit';
import { buildKocs } from './demo/kocs';
import { buildTasks } from './demo/tasks';

export { platformCount, seededRandom } from './demo/kit';
export type { DemoRecord } from './demo/kit';

export type DemoSheetKey = 'kocs' | 'tasks' | 'assignments' | 'followups' | 'incidents';
export const DEMO_SHEETS: readonly DemoSheetKey[] = ['kocs', 'tasks', 'assignments', 'followups', 'incidents'];

export interface DemoWorkbook {
  now: Date;
  lang: Lang;
  kocs: DemoRecord[];
  tasks: DemoRecord[];
  assignments: DemoRecord[];
  followups: DemoRecord[];
  incidents: DemoRecord[];
}

export interface DemoOptions {
  seed?: number;
  /** false leaves out the deliberately messy cells (bad counts, duplicate ID, stray spaces). */
  messy?: boolean;
}

export function demoWorkbook(now: Date, lang: Lang = 'en', opts: DemoOptions = {}): DemoWorkbook {
  const r = rng(opts.seed ?? 20240618);
  const messy = opts.messy !== false;
  const b: DemoBuild = { r, now, lang, day: (n: number) => dayFrom(now, n), t: (x) => x[lang] };
  const { t } = b;
  // The builders draw from one random stream in this order, so a seed always gives the same workbook.
  const kocs = buildKocs(b);
  const firstOf = (arch: string) => kocs.find((k) => k.archetype === arch)!;
  const tasks = buildTasks(b);
  const assignments = buildAssignments(b, kocs, tasks);
  const crisisKoc = firstOf('core');
  const followups = buildFollowUps(b, kocs, crisisKoc);
  const incidents = buildIncidents(b, kocs, crisisKoc);

  const kocRecords = kocs.map((k) => k.record);
  if (messy) {
    // The kind of cells a real roster has after a year of copy-paste.
    kocRecords[4].followers = 'about 5k';
    kocRecords[11].likes = 'N/A';
    kocRecords[19].shares = '—';
    kocRecords[6].name = ` ${kocRecords[6].name}  `;
    kocRecords[8].platform = ` ${kocRecords[8].platform} `;
    // A label pasted from the other language: KOC Ops reads both.
    kocRecords[14].platform = label(PLATFORMS[0], lang === 'zh' ? 'en' : 'zh');
    kocRecords[22].followers = platformCount(typeof kocRecords[22].followers === 'number' ? kocRecords[22].followers : 21000, 'w');
    kocRecords[23].gmv30d = '2.3万';
    const twin = kocs[29].record;
    kocRecords.push({ ...twin, name: `${String(twin.name)} (2)`, notes: t(TEXTS.kocNote.duplicate), lastContact: '' });
  }

  return {
    now,
    lang,
    kocs: kocRecords,
    tasks: tasks.map((x) => x.record),
    assignments,
    followups,
    incidents,
  };
}

/** Records as rows in schema column order (no header), for fixtures and the emulator. */
export function demoRows(key: SheetKey, records: readonly DemoRecord[]): unknown[][] {
  const cols = sheetDef(key).columns;
  return records.map((rec) => cols.map((c) => (rec[c.key] === undefined ? '' : rec[c.key])));
}

/** Header + rows of each demo sheet in schema order, in one language: a ready-made workbook. */
export function demoGrids(now: Date, lang: Lang = 'en', opts: DemoOptions = {}): Record<DemoSheetKey, unknown[][]> {
  const wb = demoWorkbook(now, lang, opts);
  const out = {} as Record<DemoSheetKey, unknown[][]>;
  for (const key of DEMO_SHEETS) out[key] = [sheetDef(key).columns.map((c) => label(c, lang)), ...demoRows(key, wb[key])];
  return out;
}

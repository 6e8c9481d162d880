/**
 * The workbook as the sidebar sees it: each sheet read at most once per execution (one
 * getValues), rows turned into the plain views the sidebar shows, dates as ISO strings.
 * Writes happen elsewhere (actions.ts), always on tables re-read under the document lock.
 */
import { type AssignmentStatus, nextSteps, parseAssignmentStatus } from '../../core/assignments';
import { dateOfDay, dayNumber, readDay } from '../../core/dates';
import { readNumber } from '../../core/numbers';
import { enumKey, splitTags } from '../../core/record';
import type { TierKey } from '../../core/tier';
import { t } from '../../core/text';
import type { AssignmentView, FollowUpView, IncidentView, KocStatusKey, TaskView } from '../../shared/sidebar-contract';
import {
  CONTACT_CHANNELS,
  FOLLOWUP_TYPES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  KOC_STATUSES,
  type Lang,
  normalizeHeader,
  PLATFORMS,
  SENTIMENTS,
  SEVERITIES,
  type SheetKey,
  sheetDef,
  TASK_STATUSES,
  TIERS,
} from '../../sheets/schema';
import { mapHeaders } from '../../sheets/headers';
import { cellOf, findSheets, isBlankRow, readTable, type Table } from '../../sheets/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const MS_PER_DAY = 86_400_000;

/** A refusal the user can act on: a message, and messages beside fields. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

/** A day number as `YYYY-MM-DD`. */
export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A date cell as `YYYY-MM-DD`, or null when blank or not a date. */
export function isoOf(cell: unknown): string | null {
  const day = readDay(cell);
  return day === undefined || Number.isNaN(day) ? null : isoOfDay(day);
}

/** `YYYY-MM-DD` → the local-midnight Date written to a date cell; null when not a real day. */
export function dateOfIso(iso: string): Date | null {
  const day = readDay(iso);
  return day === undefined || Number.isNaN(day) ? null : dateOfDay(day);
}

export function todayDay(now: Date): number {
  return dayNumber(now);
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());
const num = (v: unknown): number | null => {
  const n = readNumber(v);
  return n === undefined || Number.isNaN(n) ? null : n;
};

/** Which language a sheet speaks: the language of its name (enum values are written in it). */
export function sheetLang(table: Table): Lang {
  return normalizeHeader(table.sheet.getName()) === normalizeHeader(table.def.zh) ? 'zh' : 'en';
}

/** The sheets of one execution, each read once and cached; `reread` refreshes under the lock. */
export class Book {
  private readonly sheets: Partial<Record<SheetKey, Sheet>>;
  private readonly tables: Partial<Record<SheetKey, Table | null>> = {};
  private readonly narrowCache = new Map<string, Table | null>();

  constructor(
    readonly ss: Spreadsheet,
    readonly lang: Lang,
  ) {
    this.sheets = findSheets(ss);
  }

  sheet(key: SheetKey): Sheet | undefined {
    return this.sheets[key];
  }

  /** The table, or null when the workbook lacks the sheet. */
  table(key: SheetKey): Table | null {
    if (!(key in this.tables)) {
      const sheet = this.sheets[key];
      this.tables[key] = sheet ? readTable(sheet, key) : null;
    }
    return this.tables[key] ?? null;
  }

  /** The table, or a message telling the user to set the workbook up. */
  require(key: SheetKey): Table {
    const table = this.table(key);
    if (!table) {
      const def = sheetDef(key);
      throw new UserError(t('renamedSheet', this.lang, { name: def[this.lang], en: def.en, zh: def.zh }));
    }
    return table;
  }

  /** Read again (another user may have written since this execution first looked). */
  reread(key: SheetKey): Table {
    delete this.tables[key];
    for (const k of [...this.narrowCache.keys()]) if (k.startsWith(`${key}:`)) this.narrowCache.delete(k);
    return this.require(key);
  }

  /**
   * Some columns of a sheet, read-only (never written back): the header row, then one getValues
   * per contiguous run of the columns wanted. Rows keep the sheet's order, so row i here is row i
   * of the full table; the table's header map points into the compact rows. Matching 50k KOCs
   * reads 8 of the roster's 32 columns this way instead of all of them.
   */
  columns(key: SheetKey, keys: readonly string[]): Table | null {
    const full = this.tables[key];
    if (full) return full;
    const cacheKey = `${key}:${keys.join(',')}`;
    const cached = this.narrowCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const sheet = this.sheets[key];
    if (!sheet) return null;
    const def = sheetDef(key);
    const lastRow = sheet.getLastRow();
    const lastCol = sheet.getLastColumn();
    const header = lastCol > 0 ? sheet.getRange(1, 1, 1, lastCol).getValues()[0] : [];
    const map = mapHeaders(def, header);
    const wanted = [...new Set(keys.map((k) => map.index[k]).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
    const n = Math.max(0, lastRow - 1);
    const rows: unknown[][] = Array.from({ length: n }, () => []);
    for (let r = 0; r < wanted.length; ) {
      let end = r;
      while (end + 1 < wanted.length && wanted[end + 1] === wanted[end] + 1) end++;
      if (n > 0) {
        const block = sheet.getRange(2, wanted[r] + 1, n, wanted[end] - wanted[r] + 1).getValues();
        for (let i = 0; i < n; i++) for (const v of block[i]) rows[i].push(v);
      }
      r = end + 1;
    }
    let last = rows.length;
    while (last > 0 && isBlankRow(rows[last - 1])) last--;
    rows.length = last;
    const compactHeader = wanted.map((i) => header[i]);
    const table: Table = { def, sheet, header: compactHeader, map: mapHeaders(def, compactHeader), rows };
    this.narrowCache.set(cacheKey, table);
    return table;
  }

  /** Which sheets are missing, for the sidebar's problem line. */
  missing(keys: readonly SheetKey[]): SheetKey[] {
    return keys.filter((k) => !this.sheets[k]);
  }
}

// --- KOCs -------------------------------------------------------------------------------------

export interface KocRow {
  id: string;
  name: string;
  platform: string;
  status: KocStatusKey | null;
  rowIndex: number;
}

/** KOC ID → a few identity fields, for names in lists. */
export function kocIndex(kocs: Table | null): Map<string, KocRow> {
  const index = new Map<string, KocRow>();
  if (!kocs) return index;
  const { id, name, platform, status } = kocs.map.index;
  if (id === undefined) return index;
  kocs.rows.forEach((row, rowIndex) => {
    const kocId = str(row[id]);
    if (!kocId || index.has(kocId)) return;
    index.set(kocId, {
      id: kocId,
      name: name === undefined ? '' : str(row[name]),
      platform: platform === undefined ? '' : (enumKey(PLATFORMS, row[platform]) ?? str(row[platform])),
      status: status === undefined ? null : enumKey<KocStatusKey>(KOC_STATUSES, row[status]),
      rowIndex,
    });
  });
  return index;
}

export function kocName(index: Map<string, KocRow>, id: string): string {
  return index.get(id)?.name ?? '';
}

// --- Tasks ------------------------------------------------------------------------------------

export interface TaskRow extends TaskView {
  open: boolean;
  rowIndex: number;
}

export function taskRows(tasks: Table | null): TaskRow[] {
  if (!tasks) return [];
  const out: TaskRow[] = [];
  tasks.rows.forEach((row, rowIndex) => {
    const id = str(cellOf(tasks, row, 'id'));
    if (!id) return;
    const statusCell = cellOf(tasks, row, 'status');
    const status = str(statusCell) === '' ? 'open' : enumKey(TASK_STATUSES, statusCell);
    out.push({
      id,
      title: str(cellOf(tasks, row, 'title')),
      product: str(cellOf(tasks, row, 'product')),
      categories: splitTags(cellOf(tasks, row, 'categories')),
      formats: splitTags(cellOf(tasks, row, 'format')),
      styles: splitTags(cellOf(tasks, row, 'styles')),
      audiences: splitTags(cellOf(tasks, row, 'audiences')),
      minTier: str(cellOf(tasks, row, 'minTier')) ? enumKey<TierKey>(TIERS, cellOf(tasks, row, 'minTier')) : null,
      slots: num(cellOf(tasks, row, 'slots')),
      budgetPerKoc: num(cellOf(tasks, row, 'budgetPerKoc')),
      due: isoOf(cellOf(tasks, row, 'due')),
      brief: str(cellOf(tasks, row, 'brief')),
      filled: 0,
      open: status === 'open',
      rowIndex,
    });
  });
  return out;
}

// --- Assignments ------------------------------------------------------------------------------

export interface AssignmentRow extends AssignmentView {
  rowIndex: number;
}

/** What workload, slots and exclusions need of an assignment: read for every row, cheaply. */
export interface AssignmentLite {
  id: string;
  taskId: string;
  kocId: string;
  status: AssignmentStatus | null;
  rowIndex: number;
}

export function assignmentLites(table: Table | null): AssignmentLite[] {
  if (!table) return [];
  const { id, taskId, kocId, status } = table.map.index;
  if (id === undefined) return [];
  const out: AssignmentLite[] = [];
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const aid = str(row[id]);
    if (!aid) continue;
    out.push({
      id: aid,
      taskId: taskId === undefined ? '' : str(row[taskId]),
      kocId: kocId === undefined ? '' : str(row[kocId]),
      status: status === undefined ? null : (parseAssignmentStatus(row[status]) ?? null),
      rowIndex: i,
    });
  }
  return out;
}

export function assignmentRows(assignments: Table | null, tasks: readonly TaskRow[], kocs: Map<string, KocRow>): AssignmentRow[] {
  if (!assignments) return [];
  const titles = new Map(tasks.map((task) => [task.id, task.title]));
  const out: AssignmentRow[] = [];
  assignments.rows.forEach((row, rowIndex) => {
    const id = str(cellOf(assignments, row, 'id'));
    if (!id) return;
    out.push(assignmentView(assignments, row, rowIndex, titles, kocs));
  });
  return out;
}

export function assignmentView(
  table: Table,
  row: readonly unknown[],
  rowIndex: number,
  titles: Map<string, string>,
  kocs: Map<string, KocRow>,
): AssignmentRow {
  const status = parseAssignmentStatus(cellOf(table, row, 'status')) ?? null;
  const taskId = str(cellOf(table, row, 'taskId'));
  const kocId = str(cellOf(table, row, 'kocId'));
  return {
    id: str(cellOf(table, row, 'id')),
    taskId,
    taskTitle: titles.get(taskId) ?? '',
    kocId,
    kocName: kocName(kocs, kocId),
    status,
    offered: isoOf(cellOf(table, row, 'offered')),
    responded: isoOf(cellOf(table, row, 'responded')),
    due: isoOf(cellOf(table, row, 'due')),
    contentUrl: str(cellOf(table, row, 'contentUrl')),
    likes: num(cellOf(table, row, 'likes')),
    collects: num(cellOf(table, row, 'collects')),
    comments: num(cellOf(table, row, 'comments')),
    shares: num(cellOf(table, row, 'shares')),
    leads: num(cellOf(table, row, 'leads')),
    orders: num(cellOf(table, row, 'orders')),
    gmv: num(cellOf(table, row, 'gmv')),
    quality: num(cellOf(table, row, 'quality')),
    cost: num(cellOf(table, row, 'cost')),
    notes: str(cellOf(table, row, 'notes')),
    next: status ? [...nextSteps(status)] : [],
    rowIndex,
  };
}

/** Strip the row index before sending a view to the sidebar. */
export function publicAssignment(a: AssignmentRow): AssignmentView {
  const { rowIndex: _, ...view } = a;
  return view;
}

// --- Follow-ups and incidents -----------------------------------------------------------------

export interface FollowUpRow extends FollowUpView {
  day: number | null;
  nextDay: number | null;
  rowIndex: number;
}

export function followUpRows(table: Table | null): FollowUpRow[] {
  if (!table) return [];
  const out: FollowUpRow[] = [];
  table.rows.forEach((row, rowIndex) => {
    const kocId = str(cellOf(table, row, 'kocId'));
    if (!kocId) return;
    const day = readDay(cellOf(table, row, 'date'));
    const nextDay = readDay(cellOf(table, row, 'nextFollowUp'));
    out.push({
      id: str(cellOf(table, row, 'id')),
      kocId,
      date: isoOf(cellOf(table, row, 'date')),
      channel: enumKey(CONTACT_CHANNELS, cellOf(table, row, 'channel')),
      type: enumKey(FOLLOWUP_TYPES, cellOf(table, row, 'type')),
      summary: str(cellOf(table, row, 'summary')),
      sentiment: enumKey(SENTIMENTS, cellOf(table, row, 'sentiment')),
      nextFollowUp: isoOf(cellOf(table, row, 'nextFollowUp')),
      loggedBy: str(cellOf(table, row, 'loggedBy')),
      day: day === undefined || Number.isNaN(day) ? null : day,
      nextDay: nextDay === undefined || Number.isNaN(nextDay) ? null : nextDay,
      rowIndex,
    });
  });
  return out;
}

export function publicFollowUp(f: FollowUpRow): FollowUpView {
  const { day: _d, nextDay: _n, rowIndex: _r, ...view } = f;
  return view;
}

export interface IncidentRow extends IncidentView {
  rowIndex: number;
}

export function incidentRows(table: Table | null, kocs: Map<string, KocRow>): IncidentRow[] {
  if (!table) return [];
  const out: IncidentRow[] = [];
  table.rows.forEach((row, rowIndex) => {
    const id = str(cellOf(table, row, 'id'));
    const kocId = str(cellOf(table, row, 'kocId'));
    if (!id && !kocId) return;
    const statusCell = cellOf(table, row, 'status');
    out.push({
      id,
      kocId,
      kocName: kocName(kocs, kocId),
      opened: isoOf(cellOf(table, row, 'opened')),
      severity: enumKey(SEVERITIES, cellOf(table, row, 'severity')),
      kind: enumKey(INCIDENT_KINDS, cellOf(table, row, 'kind')),
      description: str(cellOf(table, row, 'description')),
      status: str(statusCell) === '' ? 'open' : enumKey<'open' | 'resolved'>(INCIDENT_STATUSES, statusCell),
      resolution: str(cellOf(table, row, 'resolution')),
      resolved: isoOf(cellOf(table, row, 'resolved')),
      rowIndex,
    });
  });
  return out;
}

export function publicIncident(i: IncidentRow): IncidentView {
  const { rowIndex: _, ...view } = i;
  return view;
}

/** An enum's label in a sheet's language, for writing. */
export function enumLabel(values: readonly { key: string; en: string; zh: string }[], key: string, lang: Lang): string {
  const v = values.find((x) => x.key === key);
  return v ? v[lang] : key;
}


/**
 * The workbook as the sidebar sees it: each sheet read at most once per execution (one
 * getValues), rows turned into the plain views the sidebar shows, dates as ISO strings.
 * Writes happen elsewhere (actions.ts), always on tables re-read under the document lock.
 */
import { type AssignmentStatus, countsTowardWorkload, holdsSlot, nextSteps, parseAssignmentStatus } from '../../core/assignments';
import { dateOfDay, dayNumber, isoOfDay, readDay } from '../../core/dates';
import { firstRowOfEachId } from '../../core/ids';
import { readNumber, trimmedText } from '../../core/numbers';
import { isOpenIncident } from '../../core/incidents';
import { enumKey, noKocIdColumnMessage, splitTags } from '../../core/record';
import type { TierKey } from '../../core/tier';
import { t } from '../../core/text';
import type { AssignmentView, FollowUpView, IncidentView, KocStatusKey, TaskView } from '../../contract/sidebar-contract';
import {
  type ColumnKey,
  CONTACT_CHANNELS,
  FOLLOWUP_TYPES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  KOC_STATUSES,
  type Lang,
  PLATFORMS,
  SENTIMENTS,
  SEVERITIES,
  type SheetKey,
  sheetDef,
  TASK_STATUSES,
  TIERS,
} from '../../sheets/schema';
import { mapHeaders } from '../../sheets/headers';
import { cellOf, findSheets, headerProblems, isBlankRow, readTable, type Table } from '../../sheets/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A refusal the user can act on: a message, and messages beside fields. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
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

const num = (v: unknown): number | null => {
  const n = readNumber(v);
  return n === undefined || Number.isNaN(n) ? null : n;
};

/** Where one column's cells are: `rows[r][at]` is the cell of data row r (0 = the row below the header). */
export interface ColumnRef {
  rows: readonly (readonly unknown[])[];
  at: number;
}

/** A column the sheet lacks, for `view.col(key) ?? NO_COLUMN`: each of its cells reads blank. */
export const NO_COLUMN: ColumnRef = { rows: [], at: 0 };

/** Data row r's cell of a column; '' for NO_COLUMN. */
export function cellIn(col: ColumnRef, r: number): unknown {
  return col === NO_COLUMN ? '' : col.rows[r][col.at];
}

/** Some columns of a sheet, read-only, as getValues returned them (never copied or written back). */
export interface ColumnView<S extends SheetKey = SheetKey> {
  /** Data rows below the header (trailing blank rows may be included: skip rows without an ID). */
  length: number;
  /** The column's cells, or undefined when the sheet lacks the column. */
  col(key: ColumnKey<S>): ColumnRef | undefined;
}

/** Columns this close together are read in one block: a few extra cells cost less than another call. */
const MAX_COLUMN_GAP = 2;

/** The sheets of one execution, each read once and cached; `reread` refreshes under the lock. */
export class Book {
  private readonly sheets: Partial<Record<SheetKey, Sheet>>;
  private readonly tables: Partial<Record<SheetKey, Table | null>> = {};
  /** Header row and row count per sheet, for narrow reads. */
  private readonly heads = new Map<SheetKey, { header: unknown[]; map: ReturnType<typeof mapHeaders>; dataRows: number }>();
  /** Blocks of columns already read, by `sheet:first:last` (0-based sheet columns). */
  private readonly blocks = new Map<string, unknown[][]>();
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
      const table = sheet ? readTable(sheet, key) : null;
      if (table) this.checkKeyColumn(key, table.map);
      this.tables[key] = table;
    }
    return this.tables[key] ?? null;
  }

  /** A roster without its KOC ID column has no KOCs: refuse with how to fix it, not "no KOC with ID …". */
  private checkKeyColumn(key: SheetKey, map: ReturnType<typeof mapHeaders>): void {
    if (key === 'kocs' && map.index.id === undefined) throw new UserError(noKocIdColumnMessage(this.lang));
  }

  /**
   * Headers that head more than one column of these sheets (the first column is the one used),
   * worded as the recompute words them. A sheet not read yet costs only its header row.
   */
  headerProblems(keys: readonly SheetKey[]): string[] {
    const out: string[] = [];
    for (const key of keys) {
      const sheet = this.sheets[key];
      if (!sheet) continue;
      const map = this.tables[key]?.map ?? this.head(key, sheet).map;
      out.push(...headerProblems({ def: sheetDef(key), map }, this.lang));
    }
    return out;
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
    this.heads.delete(key);
    for (const k of [...this.blocks.keys()]) if (k.startsWith(`${key}:`)) this.blocks.delete(k);
    for (const k of [...this.narrowCache.keys()]) if (k.startsWith(`${key}:`)) this.narrowCache.delete(k);
    return this.require(key);
  }

  private head(key: SheetKey, sheet: Sheet): { header: unknown[]; map: ReturnType<typeof mapHeaders>; dataRows: number } {
    let head = this.heads.get(key);
    if (!head) {
      const lastRow = sheet.getLastRow();
      const lastCol = sheet.getLastColumn();
      const header = lastCol > 0 ? sheet.getRange(1, 1, 1, lastCol).getValues()[0] : [];
      head = { header, map: mapHeaders(sheetDef(key), header), dataRows: Math.max(0, lastRow - 1) };
      this.checkKeyColumn(key, head.map);
      this.heads.set(key, head);
    }
    return head;
  }

  /**
   * Some columns of a sheet without reading the rest: the header row, then one getValues per run
   * of nearby wanted columns (none when a block read before covers them), kept as read: no row
   * is copied. When the whole table is already read, the view is over it. Matching 50k KOCs
   * reads 8 of the roster's 32 columns this way.
   */
  view<S extends SheetKey>(key: S, keys: readonly ColumnKey<S>[]): ColumnView<S> | null {
    const full = this.tables[key] as Table<S> | undefined;
    if (full)
      return {
        length: full.rows.length,
        col: (k) => {
          const at = full.map.index[k];
          return at === undefined ? undefined : { rows: full.rows, at };
        },
      };
    const sheet = this.sheets[key];
    if (!sheet) return null;
    const { map, dataRows } = this.head(key, sheet);
    const wanted = [...new Set(keys.map((k) => map.index[k]).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
    const refs = new Map<string, ColumnRef>();
    for (let r = 0; r < wanted.length; ) {
      let end = r;
      while (end + 1 < wanted.length && wanted[end + 1] - wanted[end] <= MAX_COLUMN_GAP + 1) end++;
      const { rows, first } = this.block(key, sheet, wanted[r], wanted[end], dataRows);
      for (const k of keys) {
        const i = map.index[k];
        if (i !== undefined && i >= wanted[r] && i <= wanted[end]) refs.set(k, { rows, at: i - first });
      }
      r = end + 1;
    }
    return { length: dataRows, col: (k) => refs.get(k) };
  }

  /** Columns `first`–`last` (0-based) of every data row: a block already read that covers them, else one getValues. */
  private block(key: SheetKey, sheet: Sheet, first: number, last: number, dataRows: number): { rows: unknown[][]; first: number } {
    for (const [id, rows] of this.blocks) {
      const [k, f, l] = id.split(':');
      if (k === key && Number(f) <= first && Number(l) >= last) return { rows, first: Number(f) };
    }
    const rows = dataRows > 0 ? sheet.getRange(2, first + 1, dataRows, last - first + 1).getValues() : [];
    this.blocks.set(`${key}:${first}:${last}`, rows);
    return { rows, first };
  }

  /**
   * Data rows `first` to `last` (0 = the row below the header) of every column, as a read-only
   * table whose row 0 is data row `first`: one getValues. A full table already read is sliced.
   */
  rowSpan(key: SheetKey, first: number, last: number): Table | null {
    const full = this.tables[key];
    if (full) return { ...full, rows: full.rows.slice(first, last + 1) };
    const sheet = this.sheets[key];
    if (!sheet) return null;
    const { header, map, dataRows } = this.head(key, sheet);
    const count = Math.min(last, dataRows - 1) - first + 1;
    const rows = count > 0 && header.length > 0 ? sheet.getRange(2 + first, 1, count, header.length).getValues() : [];
    return { def: sheetDef(key), sheet, header, map, rows };
  }

  /**
   * Some columns of a sheet as a read-only table (never written back): row i here is row i of
   * the full table. Columns that sit in one block (the usual layout) come as read; columns spread
   * over several blocks are copied into compact rows, and the header map points into them.
   */
  columns<S extends SheetKey>(key: S, keys: readonly ColumnKey<S>[]): Table<S> | null {
    const full = this.tables[key] as Table<S> | undefined;
    if (full) return full;
    const cacheKey = `${key}:${keys.join(',')}`;
    const cached = this.narrowCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const sheet = this.sheets[key];
    if (!sheet) return null;
    const def = sheetDef(key);
    const { header, map } = this.head(key, sheet);
    const view = this.view(key, keys);
    // The wanted columns the sheet has, left to right, each with its cells.
    const present = [...new Set(keys)]
      .flatMap((k) => {
        const at = map.index[k];
        const ref = at === undefined ? undefined : view?.col(k);
        return at === undefined || !ref ? [] : [{ at, ref }];
      })
      .sort((a, b) => a.at - b.at);
    const wanted = present.map((p) => p.at);
    const refs = present.map((p) => p.ref);
    let rows: unknown[][];
    let compactHeader: unknown[];
    if (refs.length > 0 && refs.every((ref) => ref.rows === refs[0].rows)) {
      // One block: its rows as they are, the header cut to the block's columns.
      const first = wanted[0] - refs[0].at;
      rows = refs[0].rows as unknown[][];
      compactHeader = header.slice(first, first + (rows[0]?.length ?? wanted[wanted.length - 1] - first + 1));
    } else {
      rows = Array.from({ length: view?.length ?? 0 }, (_, r) => refs.map((ref) => ref.rows[r][ref.at]));
      compactHeader = wanted.map((i) => header[i]);
    }
    let last = rows.length;
    while (last > 0 && isBlankRow(rows[last - 1])) last--;
    if (last < rows.length) rows = rows.slice(0, last);
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
  for (const [kocId, rowIndex] of firstRowOfEachId(kocs.rows, id)) {
    const row = kocs.rows[rowIndex];
    index.set(kocId, {
      id: kocId,
      name: name === undefined ? '' : trimmedText(row[name]),
      platform: platform === undefined ? '' : (enumKey(PLATFORMS, row[platform]) ?? trimmedText(row[platform])),
      status: status === undefined ? null : enumKey<KocStatusKey>(KOC_STATUSES, row[status]),
      rowIndex,
    });
  }
  return index;
}

export function kocName(index: ReadonlyMap<string, { name: string }>, id: string): string {
  return index.get(id)?.name ?? '';
}

// --- Tasks ------------------------------------------------------------------------------------

export interface TaskRow extends TaskView {
  open: boolean;
  rowIndex: number;
}

/** The rows of a sheet that are records (their `key` cell not blank), as `read` makes them; none without the sheet. */
function recordRows<T>(table: Table | null, key: 'id' | 'kocId', read: (table: Table, row: readonly unknown[], rowIndex: number, key: string) => T): T[] {
  if (!table) return [];
  const out: T[] = [];
  table.rows.forEach((row, rowIndex) => {
    const k = trimmedText(cellOf(table, row, key));
    if (k) out.push(read(table, row, rowIndex, k));
  });
  return out;
}

export function taskRows(table: Table | null): TaskRow[] {
  return recordRows(table, 'id', (tasks, row, rowIndex, id) => {
    const statusCell = cellOf(tasks, row, 'status');
    const status = trimmedText(statusCell) === '' ? 'open' : enumKey(TASK_STATUSES, statusCell);
    return {
      id,
      title: trimmedText(cellOf(tasks, row, 'title')),
      product: trimmedText(cellOf(tasks, row, 'product')),
      categories: splitTags(cellOf(tasks, row, 'categories')),
      formats: splitTags(cellOf(tasks, row, 'format')),
      styles: splitTags(cellOf(tasks, row, 'styles')),
      audiences: splitTags(cellOf(tasks, row, 'audiences')),
      minTier: trimmedText(cellOf(tasks, row, 'minTier')) ? enumKey<TierKey>(TIERS, cellOf(tasks, row, 'minTier')) : null,
      slots: num(cellOf(tasks, row, 'slots')),
      budgetPerKoc: num(cellOf(tasks, row, 'budgetPerKoc')),
      due: isoOf(cellOf(tasks, row, 'due')),
      brief: trimmedText(cellOf(tasks, row, 'brief')),
      filled: 0,
      open: status === 'open',
      rowIndex,
    };
  });
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
    const aid = trimmedText(row[id]);
    if (!aid) continue;
    out.push({
      id: aid,
      taskId: taskId === undefined ? '' : trimmedText(row[taskId]),
      kocId: kocId === undefined ? '' : trimmedText(row[kocId]),
      status: status === undefined ? null : (parseAssignmentStatus(row[status]) ?? null),
      rowIndex: i,
    });
  }
  return out;
}

/** Each KOC ID's first roster row; later rows with the same ID, and rows without one, are not KOCs. */
export interface RosterIndex {
  rowOf: Map<string, number>;
  /** The trimmed ID of each roster row that is a KOC (undefined for the others). */
  idAt: (string | undefined)[];
}

export function rosterIndex(ids: ColumnRef, length: number): RosterIndex {
  const rowOf = firstRowOfEachId(ids.rows, ids.at, 0, length);
  const idAt: (string | undefined)[] = new Array(length);
  for (const [id, i] of rowOf) idAt[i] = id;
  return { rowOf, idAt };
}

/** What matching a task needs of Assignments, from one pass over the sheet. */
export interface TaskAssignments {
  /** Open assignments (any task) of the KOC on each roster row. */
  workload: Int32Array;
  /** KOCs who declined this task. */
  declined: Set<string>;
  /** KOCs holding one of this task's slots. */
  assigned: Set<string>;
  /** Slots of this task held. */
  filled: number;
  /** This task's data rows (0 = the row below the header), in sheet order. */
  rows: number[];
}

const BUSY = 1;
const HOLDS_SLOT = 2;
const DECLINED = 4;

function statusFlags(cell: unknown): number {
  const status = parseAssignmentStatus(cell);
  return (countsTowardWorkload(status) ? BUSY : 0) | (holdsSlot(status) ? HOLDS_SLOT : 0) | (status === 'declined' ? DECLINED : 0);
}

/**
 * One pass over Assignments (its ID, task, KOC and status columns) for a task: workload per
 * roster row, who declined or holds this task, and the task's rows. No object per row: 100k rows
 * cost one Map lookup per open one. Rows without an assignment ID are not assignments.
 */
export function taskAssignments(view: ColumnView<'assignments'> | null, taskId: string, roster: RosterIndex): TaskAssignments {
  const out: TaskAssignments = { workload: new Int32Array(roster.idAt.length), declined: new Set(), assigned: new Set(), filled: 0, rows: [] };
  const ids = view?.col('id');
  if (!view || !ids) return out;
  const taskCol = view.col('taskId') ?? NO_COLUMN;
  const kocCol = view.col('kocId') ?? NO_COLUMN;
  const statusCol = view.col('status') ?? NO_COLUMN;
  const { workload, declined, assigned, rows: taskRowIndexes } = out;
  const rowOf = roster.rowOf;
  // Status cells repeat seven texts (in two languages): parse each distinct text once.
  const flagsOf = new Map<string, number>();
  for (let r = 0; r < view.length; r++) {
    const rawId = ids.rows[r][ids.at];
    if (trimmedText(rawId) === '') continue;
    let flags = 0;
    if (statusCol !== NO_COLUMN) {
      const cell = statusCol.rows[r][statusCol.at];
      const known = typeof cell === 'string' ? flagsOf.get(cell) : undefined;
      if (known !== undefined) flags = known;
      else {
        flags = statusFlags(cell);
        if (typeof cell === 'string') flagsOf.set(cell, flags);
      }
    }
    const ofTask = trimmedText(cellIn(taskCol, r)) === taskId;
    if (!(flags & BUSY) && !ofTask) continue;
    const kocId = trimmedText(cellIn(kocCol, r));
    if (flags & BUSY) {
      const at = rowOf.get(kocId);
      if (at !== undefined) workload[at]++;
    }
    if (!ofTask) continue;
    taskRowIndexes.push(r);
    if (flags & HOLDS_SLOT) out.filled++;
    if (flags & DECLINED) declined.add(kocId);
    else if (flags & HOLDS_SLOT) assigned.add(kocId);
  }
  return out;
}

export function assignmentRows(assignments: Table | null, tasks: readonly TaskRow[], kocs: Map<string, KocRow>): AssignmentRow[] {
  const titles = new Map(tasks.map((task) => [task.id, task.title]));
  return recordRows(assignments, 'id', (table, row, rowIndex) => assignmentView(table, row, rowIndex, titles, kocs));
}

export function assignmentView(
  table: Table,
  row: readonly unknown[],
  rowIndex: number,
  titles: Map<string, string>,
  kocs: ReadonlyMap<string, { name: string }>,
): AssignmentRow {
  const status = parseAssignmentStatus(cellOf(table, row, 'status')) ?? null;
  const taskId = trimmedText(cellOf(table, row, 'taskId'));
  const kocId = trimmedText(cellOf(table, row, 'kocId'));
  return {
    id: trimmedText(cellOf(table, row, 'id')),
    taskId,
    taskTitle: titles.get(taskId) ?? '',
    kocId,
    kocName: kocName(kocs, kocId),
    status,
    offered: isoOf(cellOf(table, row, 'offered')),
    responded: isoOf(cellOf(table, row, 'responded')),
    due: isoOf(cellOf(table, row, 'due')),
    contentUrl: trimmedText(cellOf(table, row, 'contentUrl')),
    likes: num(cellOf(table, row, 'likes')),
    collects: num(cellOf(table, row, 'collects')),
    comments: num(cellOf(table, row, 'comments')),
    shares: num(cellOf(table, row, 'shares')),
    leads: num(cellOf(table, row, 'leads')),
    orders: num(cellOf(table, row, 'orders')),
    gmv: num(cellOf(table, row, 'gmv')),
    quality: num(cellOf(table, row, 'quality')),
    cost: num(cellOf(table, row, 'cost')),
    notes: trimmedText(cellOf(table, row, 'notes')),
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

export function followUpRows(followUps: Table | null): FollowUpRow[] {
  return recordRows(followUps, 'kocId', (table, row, rowIndex, kocId) => {
    const day = readDay(cellOf(table, row, 'date'));
    const nextDay = readDay(cellOf(table, row, 'nextFollowUp'));
    return {
      id: trimmedText(cellOf(table, row, 'id')),
      kocId,
      date: isoOf(cellOf(table, row, 'date')),
      channel: enumKey(CONTACT_CHANNELS, cellOf(table, row, 'channel')),
      type: enumKey(FOLLOWUP_TYPES, cellOf(table, row, 'type')),
      summary: trimmedText(cellOf(table, row, 'summary')),
      sentiment: enumKey(SENTIMENTS, cellOf(table, row, 'sentiment')),
      nextFollowUp: isoOf(cellOf(table, row, 'nextFollowUp')),
      loggedBy: trimmedText(cellOf(table, row, 'loggedBy')),
      day: day === undefined || Number.isNaN(day) ? null : day,
      nextDay: nextDay === undefined || Number.isNaN(nextDay) ? null : nextDay,
      rowIndex,
    };
  });
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
    const id = trimmedText(cellOf(table, row, 'id'));
    const kocId = trimmedText(cellOf(table, row, 'kocId'));
    if (!id && !kocId) return;
    const statusCell = cellOf(table, row, 'status');
    out.push({
      id,
      kocId,
      kocName: kocName(kocs, kocId),
      opened: isoOf(cellOf(table, row, 'opened')),
      severity: enumKey(SEVERITIES, cellOf(table, row, 'severity')),
      kind: enumKey(INCIDENT_KINDS, cellOf(table, row, 'kind')),
      description: trimmedText(cellOf(table, row, 'description')),
      status: isOpenIncident(enumKey<'open' | 'resolved'>(INCIDENT_STATUSES, statusCell), cellOf(table, row, 'resolved')) ? 'open' : enumKey<'open' | 'resolved'>(INCIDENT_STATUSES, statusCell),
      resolution: trimmedText(cellOf(table, row, 'resolution')),
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
export { enumLabel } from '../../sheets/schema';


/**
 * What each sidebar endpoint does. Every read builds the whole answer the sidebar needs, so a
 * page or an action is one google.script.run round trip. Every write takes the document lock,
 * re-reads the rows it changes or appends below, checks them again (another person may have
 * moved the same assignment a second ago), writes in one call and returns the refreshed view.
 */
import { type AssignmentStatus, canMove, holdsSlot, isOpenStatus, isStaleOffer } from '../../core/assignments';
import { isoOfDay, readDay } from '../../core/dates';
import { belowMinTier, type MatchKoc, Matcher } from '../../core/matching';
import { SCORE_FIELDS } from '../../core/score';
import { readNumber, trimmedText } from '../../core/numbers';
import type { PlaybookRule } from '../../core/playbook';
import { enumKey } from '../../core/record';
import type { Settings } from '../../core/settings';
import { t } from '../../core/text';
import {
  type AssignmentView,
  type AssignmentWriteResult,
  type FieldErrors,
  firstHttpUrl,
  type KocProfile,
  type KocSummary,
  type KocWriteResult,
  LIMITS,
  type MatchView,
  type OfferResult,
  type SidebarState,
  type TaskView,
  type TodayFollowUp,
  type TodayList,
} from '../../shared/sidebar-contract';
import type { ParsedRequest } from '../../shared/sidebar-schemas';
import {
  ASSIGNMENT_STATUSES,
  CONTACT_CHANNELS,
  FOLLOWUP_STATUSES,
  FOLLOWUP_TYPES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  KOC_STATUSES,
  type Lang,
  normalizeHeader,
  SENTIMENTS,
  SEVERITIES,
  sheetDef,
  TIERS,
} from '../../sheets/schema';
import { appendRecords, cellOf, requireColumns, type Table, updateRecord } from '../../sheets/table';
import { withDocumentLock_ } from '../context';
import { type KocRecord, readKocRow, kocReader } from '../../core/record';
import { loadPlaybook, profileValues, rosterScorer, rosterValues, suggestion } from './values';
import {
  type AssignmentLite,
  type AssignmentRow,
  assignmentLites,
  assignmentView,
  type Book,
  type ColumnRef,
  dateOfIso,
  enumLabel,
  followUpRows,
  incidentRows,
  isoOf,
  kocIndex,
  type KocRow,
  publicAssignment,
  publicFollowUp,
  publicIncident,
  sheetLang,
  type TaskRow,
  rosterIndex,
  taskAssignments,
  taskRows,
  UserError,
} from './workbook';

export interface Ctx {
  lang: Lang;
  book: Book;
  settings: Settings;
  user: string;
  now: Date;
  today: number;
}

const SEVERITY_RANK: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };
const TODAY_LIST_MAX = 50;

// Read once: in a vm context (the emulator, tests, bench) every global lookup goes through the
// context object, and matching makes it once per KOC of a 50k roster.
const isNotANumber = Number.isNaN;

// --- Reads ------------------------------------------------------------------------------------

function tasksWithFill(tasks: TaskRow[], assignments: readonly AssignmentLite[]): TaskRow[] {
  const filled = new Map<string, number>();
  for (const a of assignments) if (holdsSlot(a.status ?? undefined)) filled.set(a.taskId, (filled.get(a.taskId) ?? 0) + 1);
  for (const task of tasks) task.filled = filled.get(task.id) ?? 0;
  return tasks;
}

function publicTask(task: TaskRow): TaskView {
  const { open: _o, rowIndex: _r, ...view } = task;
  return view;
}

interface Loaded {
  kocs: Map<string, KocRow>;
  tasks: TaskRow[];
  /** Every assignment, light (id, task, KOC, status). */
  assignments: AssignmentLite[];
  /** Full views of the assignments that pass `keep` (built only for those shown). */
  views(keep: (a: AssignmentLite) => boolean): AssignmentRow[];
}

function load(ctx: Ctx): Loaded {
  const tasks = taskRows(ctx.book.table('tasks'));
  const table = ctx.book.table('assignments');
  const assignments = assignmentLites(table);
  tasksWithFill(tasks, assignments);
  // The KOC index (names for lists) is built on first use: matching 50k KOCs does not need it.
  let kocs: Map<string, KocRow> | undefined;
  const kocMap = () => (kocs ??= kocIndex(ctx.book.table('kocs')));
  let titles: Map<string, string> | undefined;
  const views = (keep: (a: AssignmentLite) => boolean): AssignmentRow[] => {
    if (!table) return [];
    titles ??= new Map(tasks.map((task) => [task.id, task.title]));
    const out: AssignmentRow[] = [];
    for (const a of assignments) if (keep(a)) out.push(assignmentView(table, table.rows[a.rowIndex], a.rowIndex, titles, kocMap()));
    return out;
  };
  return {
    get kocs() {
      return kocMap();
    },
    tasks,
    assignments,
    views,
  };
}

export function sidebarState(ctx: Ctx): SidebarState {
  const loaded = load(ctx);
  const missing = ctx.book.missing(['kocs', 'tasks', 'assignments', 'followups', 'incidents']);
  let activeKoc: KocProfile | null = null;
  const activeId = activeKocId(ctx);
  if (activeId && loaded.kocs.has(activeId)) activeKoc = kocProfile(ctx, activeId, loaded);
  return {
    lang: ctx.lang,
    user: ctx.user,
    today: todayList(ctx, loaded),
    tasks: loaded.tasks.filter((task) => task.open).map(publicTask),
    activeKoc,
    problems: [
      ...missing.map((key) => {
        const def = sheetDef(key);
        return t('renamedSheet', ctx.lang, { name: def[ctx.lang], en: def.en, zh: def.zh });
      }),
      // A header used twice: the first column is used, as the recompute does, and the team is told.
      ...ctx.book.headerProblems(['kocs', 'tasks', 'assignments', 'followups', 'incidents']),
    ],
  };
}

/** The KOC under the cursor when the active sheet is KOCs or Echelon (not the header row). */
function activeKocId(ctx: Ctx): string | null {
  try {
    const sheet = ctx.book.ss.getActiveSheet();
    if (!sheet) return null;
    const name = sheet.getName();
    const key = ctx.book.sheet('kocs')?.getName() === name ? 'kocs' : ctx.book.sheet('echelon')?.getName() === name ? 'echelon' : null;
    if (!key) return null;
    const range = ctx.book.ss.getActiveRange();
    const row = range ? range.getRow() : 0;
    if (row < 2) return null;
    const table = ctx.book.table(key);
    const data = table?.rows[row - 2];
    if (!table || !data) return null;
    return trimmedText(cellOf(table, data, key === 'kocs' ? 'id' : 'kocId')) || null;
  } catch (_) {
    return null;
  }
}

export function todayList(ctx: Ctx, loaded: Loaded = load(ctx)): TodayList {
  const today = ctx.today;
  const followUps = followUpRows(ctx.book.table('followups'));
  // The latest contact per KOC decides when the next one is due.
  const latest = new Map<string, (typeof followUps)[number]>();
  for (const f of followUps) {
    const prev = latest.get(f.kocId);
    if (!prev || (f.day ?? -Infinity) >= (prev.day ?? -Infinity)) latest.set(f.kocId, f);
  }
  const overdue: TodayFollowUp[] = [];
  const dueToday: TodayFollowUp[] = [];
  // Every line opens its KOC: a KOC no longer on the roster (as on the Dashboard, built from
  // Echelon) and alumni are left out.
  const push = (kocId: string, dueDay: number, lastSummary: string) => {
    const koc = loaded.kocs.get(kocId);
    if (!koc || koc.status === 'alumni') return;
    const item = { kocId, kocName: koc.name, due: isoOfDay(dueDay), daysLate: today - dueDay, lastSummary };
    if (dueDay < today) overdue.push(item);
    else if (dueDay === today) dueToday.push(item);
  };
  for (const f of latest.values()) if (f.nextDay !== null) push(f.kocId, f.nextDay, f.summary);
  // The recompute also schedules follow-ups by tier cadence; show those it marked overdue or due.
  const echelon = ctx.book.table('echelon');
  if (echelon) {
    for (const row of echelon.rows) {
      const kocId = trimmedText(cellOf(echelon, row, 'kocId'));
      if (!kocId || latest.get(kocId)?.nextDay != null) continue;
      const status = enumKey(FOLLOWUP_STATUSES, cellOf(echelon, row, 'followUpStatus'));
      const next = isoOf(cellOf(echelon, row, 'nextFollowUp'));
      if ((status === 'overdue' || status === 'due') && next) push(kocId, Date.parse(next) / 86_400_000, latest.get(kocId)?.summary ?? '');
    }
  }
  overdue.sort((a, b) => b.daysLate - a.daysLate || a.kocId.localeCompare(b.kocId));
  dueToday.sort((a, b) => a.kocId.localeCompare(b.kocId));

  const incidents = incidentRows(ctx.book.table('incidents'), loaded.kocs)
    .filter((i) => i.status === 'open' && (i.severity === 'high' || i.severity === 'critical') && loaded.kocs.has(i.kocId))
    .sort((a, b) => (SEVERITY_RANK[b.severity ?? ''] ?? 0) - (SEVERITY_RANK[a.severity ?? ''] ?? 0) || String(a.opened).localeCompare(String(b.opened)))
    .map(publicIncident);

  const staleDays = ctx.settings.offerStaleDays;
  const staleOffers = loaded
    .views((a) => a.status === 'offered' && loaded.kocs.has(a.kocId))
    .map((a) => ({ a, offeredDay: readDay(a.offered) }))
    .filter((x): x is { a: typeof x.a; offeredDay: number } => x.offeredDay !== undefined && !Number.isNaN(x.offeredDay) && isStaleOffer(x.offeredDay, today, staleDays))
    .map(({ a, offeredDay }) => ({ ...publicAssignment(a), waitingDays: today - offeredDay }))
    .sort((a, b) => b.waitingDays - a.waitingDays);

  return {
    date: isoOfDay(today),
    overdue: overdue.slice(0, TODAY_LIST_MAX),
    dueToday: dueToday.slice(0, TODAY_LIST_MAX),
    incidents: incidents.slice(0, TODAY_LIST_MAX),
    staleOffers: staleOffers.slice(0, TODAY_LIST_MAX),
    offerStaleDays: staleDays,
  };
}

function findTask(ctx: Ctx, tasks: TaskRow[], taskId: string): TaskRow {
  const task = tasks.find((x) => x.id === taskId);
  if (!task) throw new UserError(t('unknownTask', ctx.lang, { id: taskId }), { taskId: t('unknownTask', ctx.lang, { id: taskId }) });
  return task;
}

/**
 * The KOCs ranked for a task. Reads only what ranking needs, a fixed number of calls whatever the
 * roster's size: Tasks; four columns of Assignments (one pass for workload, declines and this
 * task's holders) and then only this task's rows in full; eight roster columns; Echelon's ID,
 * score and tier (the roster's scoring columns only for KOCs Echelon lacks). Only a KOC that
 * shares a tag with the task is scored, nothing is allocated per KOC, and names are looked up
 * for the few listed.
 */
export function matchView(ctx: Ctx, taskId: string): MatchView {
  const tasks = taskRows(ctx.book.table('tasks'));
  const task = findTask(ctx, tasks, taskId);
  // Without Echelon every KOC is scored by the core: its columns come in the same read (in the
  // usual layout they sit next to the tag columns, so it is one block instead of three).
  const echelon = ctx.book.view('echelon', ['kocId', 'score', 'tier']);
  const scored = echelon && echelon.length > 0 && echelon.col('kocId') ? [] : [...SCORE_FIELDS, 'tierOverride'];
  const kocs = ctx.book.view('kocs', ['id', 'name', 'status', 'categories', 'formats', 'styles', 'audiences', 'monthlyCost', ...scored]);
  const ids = kocs?.col('id');
  const roster = kocs && ids ? rosterIndex(ids, kocs.length) : { rowOf: new Map<string, number>(), idAt: [] };
  const { workload, declined, assigned, filled, rows: taskRowIndexes } = taskAssignments(ctx.book.view('assignments', ['id', 'taskId', 'kocId', 'status']), task.id, roster);
  task.filled = filled;
  const matcher = new Matcher(
    { id: task.id, categories: task.categories, formats: task.formats, styles: task.styles, audiences: task.audiences, minTier: task.minTier, budgetPerKoc: task.budgetPerKoc },
    { limit: LIMITS.matchLimit, maxWorkload: ctx.settings.maxWorkload, declined, assigned, excludedLimit: 20 },
  );

  if (kocs && ids) {
    const scoreOf = rosterScorer(ctx.book, ctx.settings, ctx.today, roster);
    const none: ColumnRef = { rows: [], at: 0 };
    const statusCol = kocs.col('status') ?? none;
    const catCol = kocs.col('categories') ?? none;
    const fmtCol = kocs.col('formats') ?? none;
    const styleCol = kocs.col('styles') ?? none;
    const audCol = kocs.col('audiences') ?? none;
    const costCol = kocs.col('monthlyCost') ?? none;
    const cell = (col: ColumnRef, i: number): unknown => (col === none ? '' : col.rows[i][col.at]);
    const tags = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
    // Status cells repeat a few labels: look each distinct cell up once.
    const statuses = new Map<string, MatchKoc['status']>();
    const statusOf = (v: unknown): MatchKoc['status'] => {
      if (typeof v !== 'string') return enumKey(KOC_STATUSES, v) as MatchKoc['status'];
      let k = statuses.get(v);
      if (k === undefined) {
        k = enumKey(KOC_STATUSES, v) as MatchKoc['status'];
        if (statuses.size < 100) statuses.set(v, k);
      }
      return k;
    };
    // One scratch candidate reused row after row: the matcher copies what it keeps.
    const c: MatchKoc = { id: '', name: '', status: null, score: 0, tier: 'candidate', categories: '', formats: '', styles: '', audiences: '', workload: 0, cost: null };
    const idAt = roster.idAt;
    for (let i = 0; i < idAt.length; i++) {
      const id = idAt[i];
      if (id === undefined) continue;
      c.categories = tags(cell(catCol, i));
      c.formats = tags(cell(fmtCol, i));
      c.styles = tags(cell(styleCol, i));
      c.audiences = tags(cell(audCol, i));
      // Only a KOC that fits is scored.
      if (!matcher.fits(c)) continue;
      const v = scoreOf(id, i);
      const cost = readNumber(cell(costCol, i));
      c.id = id;
      c.status = statusOf(cell(statusCol, i));
      c.score = v.score ?? 0;
      c.tier = v.tier ?? 'candidate';
      c.workload = workload[i];
      c.cost = cost === undefined || isNotANumber(cost) ? null : cost;
      matcher.place(c);
    }
  }
  const result = matcher.result();
  // Names only for the KOCs listed (from the first roster row of each ID).
  const nameCol = kocs?.col('name');
  const nameOf = (id: string): string => {
    const at = roster.rowOf.get(id);
    return nameCol && at !== undefined ? trimmedText(nameCol.rows[at][nameCol.at]) : '';
  };
  for (const k of result.ranked) k.name = nameOf(k.id);
  for (const k of result.excluded) k.name = nameOf(k.id);
  // This task's assignments in full: one read of the rows from its first to its last.
  let assignments: AssignmentView[] = [];
  if (taskRowIndexes.length) {
    const first = taskRowIndexes[0];
    const span = ctx.book.rowSpan('assignments', first, taskRowIndexes[taskRowIndexes.length - 1]);
    if (span) {
      const titles = new Map(tasks.map((x) => [x.id, x.title]));
      const names = new Map<string, { name: string }>();
      const kocCol = span.map.index.kocId;
      if (kocCol !== undefined)
        for (const r of taskRowIndexes) {
          const id = trimmedText(span.rows[r - first][kocCol]);
          names.set(id, { name: nameOf(id) });
        }
      assignments = taskRowIndexes.map((r) => publicAssignment(assignmentView(span, span.rows[r - first], r, titles, names)));
    }
  }
  return {
    task: publicTask(task),
    ranked: result.ranked,
    excluded: result.excluded,
    excludedCounts: result.excludedCounts,
    eligible: result.eligible,
    maxWorkload: ctx.settings.maxWorkload,
    assignments,
  };
}

export function searchKocs(ctx: Ctx, query: string): KocSummary[] {
  const kocs = ctx.book.table('kocs');
  if (!kocs) return [];
  const q = query.trim().toLowerCase();
  const qn = normalizeHeader(query);
  if (!q) return [];
  const out: KocSummary[] = [];
  for (const koc of kocIndex(kocs).values()) {
    const id = koc.id.toLowerCase();
    const name = koc.name.toLowerCase();
    const hit = id.includes(q) || name.includes(q) || (qn !== '' && (normalizeHeader(koc.name).includes(qn) || normalizeHeader(koc.id).includes(qn)));
    if (!hit) continue;
    out.push({ id: koc.id, name: koc.name, platform: koc.platform, status: koc.status, tier: null });
    if (out.length >= LIMITS.searchResults) break;
  }
  // Tiers of the hits only: Echelon's, or the core's for a KOC not yet recomputed.
  const values = rosterValues(ctx.book, ctx.settings, ctx.today, new Set(out.map((k) => k.id)));
  for (const k of out) k.tier = values.get(k.id)?.tier ?? null;
  return out;
}

export function kocProfile(ctx: Ctx, kocId: string, loaded: Loaded = load(ctx)): KocProfile {
  const koc = loaded.kocs.get(kocId);
  if (!koc) throw new UserError(t('unknownKoc', ctx.lang, { id: kocId }), { kocId: t('unknownKoc', ctx.lang, { id: kocId }) });
  const table = ctx.book.require('kocs');
  const record = readKocRow(kocReader(table.map), table.rows[koc.rowIndex]).koc;
  const followUps = followUpRows(ctx.book.table('followups'))
    .filter((f) => f.kocId === kocId)
    .sort((a, b) => (b.day ?? -Infinity) - (a.day ?? -Infinity) || b.rowIndex - a.rowIndex);
  const incidents = incidentRows(ctx.book.table('incidents'), loaded.kocs).filter((i) => i.kocId === kocId && i.status === 'open');
  const highest = incidents.reduce<string | undefined>((best, i) => ((SEVERITY_RANK[i.severity ?? ''] ?? 0) > (SEVERITY_RANK[best ?? ''] ?? 0) ? (i.severity ?? best) : best), undefined);
  const lastNext = followUps[0]?.nextDay ?? null;
  let rules: PlaybookRule[] | undefined;
  const playbook = () => (rules ??= loadPlaybook(ctx.book, ctx.lang));
  const values = profileValues(
    ctx.book,
    ctx.settings,
    record,
    ctx.today,
    { highestOpenSeverity: highest as 'high' | undefined, openIncidents: incidents.length, overdue: lastNext !== null && lastNext < ctx.today },
    playbook,
  );
  return {
    id: kocId,
    name: koc.name,
    platform: koc.platform,
    source: record.source ?? null,
    status: koc.status,
    owner: record.owner,
    tier: values.tier,
    tierOverridden: values.tierOverridden,
    stage: values.stage,
    score: values.score,
    nextAction: values.nextAction,
    computedFrom: values.computedFrom,
    nextFollowUp: lastNext !== null ? isoOfDay(lastNext) : values.nextFollowUp,
    followUps: followUps.slice(0, LIMITS.recentFollowUps).map(publicFollowUp),
    incidents: incidents.map(publicIncident),
    assignments: loaded.views((a) => a.kocId === kocId && isOpenStatus(a.status ?? undefined)).map(publicAssignment),
  };
}

// --- Writes -----------------------------------------------------------------------------------

/** A new ID such as A-20261123-3F9A1C: the day plus random hex, checked against the re-read sheet. */
function newId(prefix: string, today: number, table: Table): string {
  const existing = new Set(table.rows.map((r) => trimmedText(cellOf(table, r, 'id'))));
  const day = isoOfDay(today).replace(/-/g, '');
  for (let i = 0; i < 20; i++) {
    const id = `${prefix}-${day}-${Utilities.getUuid().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
    if (!existing.has(id)) return id;
  }
  throw new Error(`Could not make a unique ${prefix} ID`);
}

/** A date field: blank → fallback; not a real day → a message on the field. */
function dateField(ctx: Ctx, errors: FieldErrors, field: string, iso: string | undefined, fallback: Date | ''): Date | '' {
  if (!iso) return fallback;
  const d = dateOfIso(iso);
  if (!d) {
    errors[field] = t('fieldDate', ctx.lang);
    return '';
  }
  return d;
}

/** An amount typed as 1200, 1.2万 or 3.4k; null when blank. */
function amountField(ctx: Ctx, errors: FieldErrors, field: string, value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const n = readNumber(value);
  if (n === undefined || Number.isNaN(n)) {
    errors[field] = t('fieldNotNumber', ctx.lang, { value: JSON.stringify(value) });
    return null;
  }
  if (n < 0) {
    errors[field] = t('fieldNegative', ctx.lang);
    return null;
  }
  return n;
}

function failIf(ctx: Ctx, errors: FieldErrors): void {
  if (Object.keys(errors).length) throw new UserError(t('fixFields', ctx.lang), errors);
}

function todayDate(ctx: Ctx): Date {
  return dateOfIso(isoOfDay(ctx.today))!;
}

/** A day that has already happened (a contact, an incident) cannot be after today. */
function notAfterToday(ctx: Ctx, errors: FieldErrors, field: string, date: Date | ''): void {
  if (date && date.getTime() > todayDate(ctx).getTime()) errors[field] = t('dateAfterToday', ctx.lang, { today: isoOfDay(ctx.today) });
}

/** Re-read everything a write checks, under the lock. */
function reload(ctx: Ctx, keys: ('kocs' | 'tasks' | 'assignments' | 'followups' | 'incidents')[]): Loaded {
  for (const key of keys) ctx.book.reread(key);
  return load(ctx);
}

const names = (list: { kocId: string; name: string }[]) => list.map((k) => (k.name ? `${k.name} (${k.kocId})` : k.kocId)).join(', ');

export function offerTask(ctx: Ctx, req: ParsedRequest<'offerTask'>): OfferResult {
  return withDocumentLock_(ctx.lang, () => {
    const loaded = reload(ctx, ['kocs', 'tasks', 'assignments']);
    const task = findTask(ctx, loaded.tasks, req.taskId);
    if (!task.open) throw new UserError(t('taskClosed', ctx.lang, { id: task.id }), { taskId: t('taskClosed', ctx.lang, { id: task.id }) });
    const errors: FieldErrors = {};
    const kocIds = [...new Set(req.kocIds.map((id) => id.trim()))];
    const unknown = kocIds.filter((id) => !loaded.kocs.has(id));
    if (unknown.length) errors.kocIds = unknown.map((id) => t('unknownKoc', ctx.lang, { id })).join('; ');
    const cost = amountField(ctx, errors, 'cost', req.cost);
    if (cost !== null && task.budgetPerKoc !== null && cost > task.budgetPerKoc) errors.cost = t('overBudget', ctx.lang, { budget: task.budgetPerKoc });
    const due = dateField(ctx, errors, 'due', req.due, task.due ? dateOfIso(task.due)! : '');
    // Offered today, so due today at the earliest (the task's own due date when none is typed).
    if (due && due.getTime() < todayDate(ctx).getTime())
      errors.due = req.due ? t('dueBeforeToday', ctx.lang, { today: isoOfDay(ctx.today) }) : t('taskDuePassed', ctx.lang, { due: task.due ?? '' });
    failIf(ctx, errors);

    const workload = new Map<string, number>();
    const held = new Set<string>();
    const declined = new Set<string>();
    for (const a of loaded.assignments) {
      if (isOpenStatus(a.status ?? undefined)) workload.set(a.kocId, (workload.get(a.kocId) ?? 0) + 1);
      if (a.taskId !== task.id) continue;
      if (a.status === 'declined') declined.add(a.kocId);
      else if (holdsSlot(a.status ?? undefined)) held.add(a.kocId);
    }
    const kocs = ctx.book.require('kocs');
    const chosen = kocIds.map((kocId) => ({ kocId, ...loaded.kocs.get(kocId)! }));
    const problems: string[] = [];
    const check = (key: Parameters<typeof t>[0], bad: typeof chosen, vars: Record<string, string | number> = {}) => {
      if (bad.length) problems.push(t(key, ctx.lang, { ...vars, names: names(bad) }));
    };
    check('kocUnavailable', chosen.filter((k) => k.status === 'paused' || k.status === 'alumni'));
    check('alreadyAssigned', chosen.filter((k) => held.has(k.kocId)));
    check('declinedBefore', chosen.filter((k) => declined.has(k.kocId)));
    check('kocsOverWorkload', chosen.filter((k) => (workload.get(k.kocId) ?? 0) >= ctx.settings.maxWorkload), { max: ctx.settings.maxWorkload });
    const minTier = task.minTier;
    if (minTier) {
      // The tier the match list shows: Echelon's, or the core's for a KOC not yet recomputed.
      const tierOf = rosterScorer(ctx.book, ctx.settings, ctx.today);
      check('kocsBelowMinTier', chosen.filter((k) => belowMinTier(tierOf(k.kocId, k.rowIndex).tier, minTier)), { tier: enumLabel(TIERS, minTier, ctx.lang) });
    }
    if (cost === null && task.budgetPerKoc !== null) {
      const over = chosen.filter((k) => {
        const c = readNumber(cellOf(kocs, kocs.rows[k.rowIndex], 'monthlyCost'));
        return c !== undefined && c > task.budgetPerKoc!;
      });
      check('kocsOverBudget', over, { budget: task.budgetPerKoc });
    }
    if (task.slots !== null) {
      const left = Math.max(0, task.slots - task.filled);
      if (chosen.length > left) problems.push(t('slotsFull', ctx.lang, { left, slots: task.slots }));
    }
    if (problems.length) throw new UserError(problems.join(' · '), { kocIds: problems.join(' · ') });

    const table = ctx.book.require('assignments');
    const lang = sheetLang(table);
    const offered = todayDate(ctx);
    const ids: string[] = [];
    const records = chosen.map((k) => {
      const id = newId('A', ctx.today, table);
      ids.push(id);
      return {
        id,
        taskId: task.id,
        kocId: k.kocId,
        status: enumLabel(ASSIGNMENT_STATUSES, 'offered', lang),
        offered,
        due,
        cost: cost ?? '',
        assignedBy: ctx.user,
        notes: req.notes ?? '',
      };
    });
    if (new Set(ids).size !== ids.length) throw new Error('Duplicate assignment IDs generated');
    writeTo(ctx, table, () => appendRecords(table, records));
    // Read back what the sheet now holds (a text written as '=… reads back without its apostrophe).
    ctx.book.reread('assignments');
    return { ids, match: matchView(ctx, task.id) };
  });
}

/** Apps Script's refusal to edit a protected range (in English, or as a Chinese-speaking user sees it). */
const PROTECTED_ERROR = /protected cell or object|受保护的单元格或对象/i;

/**
 * One write into a sheet; when the sheet (or a range of it) is protected against this user, Sheets
 * refuses the whole call, so nothing was written: say which sheet, not Apps Script's raw message.
 */
function writeTo<T>(ctx: Ctx, table: Table, write: () => T): T {
  try {
    return write();
  } catch (e) {
    // Not `instanceof Error`: the services' errors may come from another realm.
    const message = e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
    if (PROTECTED_ERROR.test(message)) throw new UserError(t('protectedSheet', ctx.lang, { name: table.sheet.getName() }));
    throw e;
  }
}

type StepChanges = (row: AssignmentRow, errors: FieldErrors, lang: Lang) => Record<string, unknown>;

/** Move one assignment to `to` (or, with `to` null, change it in place), checked against its status now. */
function stepAssignment(ctx: Ctx, assignmentId: string, to: AssignmentStatus | null, changes: StepChanges, allowedInPlace: AssignmentStatus[] = []): AssignmentWriteResult {
  return withDocumentLock_(ctx.lang, () => {
    const loaded = reload(ctx, ['assignments']);
    const table = ctx.book.require('assignments');
    // Without these the assignment cannot be found or its status checked: name the missing
    // column (as an offer does) rather than "no assignment" or "is —".
    requireColumns(table, ['id', 'taskId', 'kocId', 'status']);
    const row = loaded.views((a) => a.id === assignmentId)[0];
    if (!row) throw new UserError(t('unknownAssignment', ctx.lang, { id: assignmentId }));
    const lang = sheetLang(table);
    const label = (s: AssignmentStatus | null) => (s ? enumLabel(ASSIGNMENT_STATUSES, s, ctx.lang) : '—');
    if (to === null) {
      if (!row.status || !allowedInPlace.includes(row.status)) throw new UserError(t('resultsNotYet', ctx.lang, { id: row.id, status: label(row.status) }));
    } else if (!row.status || !canMove(row.status, to)) {
      const allowed = row.next.length ? row.next.map(label).join(', ') : t('finalStatus', ctx.lang);
      throw new UserError(t('illegalMove', ctx.lang, { id: row.id, from: label(row.status), to: label(to), allowed }));
    }
    const errors: FieldErrors = {};
    const record = changes(row, errors, lang);
    failIf(ctx, errors);
    if (to !== null) record.status = enumLabel(ASSIGNMENT_STATUSES, to, lang);
    if (Object.keys(record).length) writeTo(ctx, table, () => updateRecord(table, row.rowIndex, record));
    const after = reload(ctx, ['assignments']);
    const updated = after.views((a) => a.id === assignmentId)[0];
    return { assignment: publicAssignment(updated), taskAssignments: after.views((a) => a.taskId === updated.taskId).map(publicAssignment) };
  });
}

function appendNote(row: AssignmentRow, text: string): string {
  const note = text.trim();
  if (!note) return row.notes;
  return row.notes ? `${row.notes}\n${note}` : note;
}

export function respondToOffer(ctx: Ctx, req: ParsedRequest<'respondToOffer'>): AssignmentWriteResult {
  if (req.answer === 'declined' && !(req.reason ?? '').trim()) throw new UserError(t('fixFields', ctx.lang), { reason: t('declineReason', ctx.lang) });
  return stepAssignment(ctx, req.assignmentId, req.answer, (row, _e, lang) => {
    const record: Record<string, unknown> = { responded: todayDate(ctx) };
    if (req.reason?.trim()) record.notes = appendNote(row, `${enumLabel(ASSIGNMENT_STATUSES, req.answer, lang)}: ${req.reason.trim()}`);
    return record;
  });
}

export function markSubmitted(ctx: Ctx, req: ParsedRequest<'markSubmitted'>): AssignmentWriteResult {
  return stepAssignment(ctx, req.assignmentId, 'submitted', () => ({}));
}

export function markPublished(ctx: Ctx, req: ParsedRequest<'markPublished'>): AssignmentWriteResult {
  // A share text pasted whole gives its link.
  const url = firstHttpUrl(req.contentUrl);
  if (!url) throw new UserError(t('fixFields', ctx.lang), { contentUrl: t('fieldUrl', ctx.lang) });
  return stepAssignment(ctx, req.assignmentId, 'published', () => ({ contentUrl: url }));
}

const RESULT_FIELDS = ['likes', 'collects', 'comments', 'shares', 'leads', 'orders', 'gmv'] as const;

export function recordResults(ctx: Ctx, req: ParsedRequest<'recordResults'>): AssignmentWriteResult {
  const errors: FieldErrors = {};
  const record: Record<string, unknown> = {};
  for (const f of RESULT_FIELDS) {
    const n = amountField(ctx, errors, f, req[f]);
    if (n !== null) record[f] = n;
  }
  failIf(ctx, errors);
  if (!Object.keys(record).length) throw new UserError(t('noResults', ctx.lang), { likes: t('noResults', ctx.lang) });
  return stepAssignment(ctx, req.assignmentId, null, () => record, ['published', 'reviewed']);
}

export function reviewAssignment(ctx: Ctx, req: ParsedRequest<'reviewAssignment'>): AssignmentWriteResult {
  return stepAssignment(ctx, req.assignmentId, 'reviewed', (row) => {
    const record: Record<string, unknown> = { quality: req.quality };
    if (req.notes?.trim()) record.notes = appendNote(row, req.notes);
    return record;
  });
}

export function cancelAssignment(ctx: Ctx, req: ParsedRequest<'cancelAssignment'>): AssignmentWriteResult {
  return stepAssignment(ctx, req.assignmentId, 'cancelled', (row, _e, lang) =>
    req.reason?.trim() ? { notes: appendNote(row, `${enumLabel(ASSIGNMENT_STATUSES, 'cancelled', lang)}: ${req.reason.trim()}`) } : {},
  );
}

function requireKoc(ctx: Ctx, loaded: Loaded, kocId: string): KocRow {
  const koc = loaded.kocs.get(kocId);
  if (!koc) throw new UserError(t('fixFields', ctx.lang), { kocId: t('unknownKoc', ctx.lang, { id: kocId }) });
  return koc;
}

function withSuggestion(ctx: Ctx, id: string, kocId: string, trigger: 'negative' | 'incident' | null): KocWriteResult {
  const loaded = load(ctx);
  const profile = kocProfile(ctx, kocId, loaded);
  let text: string | null = null;
  if (trigger) {
    const table = ctx.book.require('kocs');
    const record: KocRecord = readKocRow(kocReader(table.map), table.rows[loaded.kocs.get(kocId)!.rowIndex]).koc;
    const rules = loadPlaybook(ctx.book, ctx.lang);
    text = suggestion(
      ctx.lang,
      rules,
      { tier: profile.tier, tierOverridden: profile.tierOverridden, stage: profile.stage, score: profile.score, nextAction: profile.nextAction, nextFollowUp: null, computedFrom: profile.computedFrom, source: record.source ?? null },
      trigger,
    );
  }
  return { id, profile, suggestion: text };
}

export function logFollowUp(ctx: Ctx, req: ParsedRequest<'logFollowUp'>): KocWriteResult {
  return withDocumentLock_(ctx.lang, () => {
    const loaded = reload(ctx, ['kocs', 'followups']);
    const errors: FieldErrors = {};
    requireKoc(ctx, loaded, req.kocId);
    const date = dateField(ctx, errors, 'date', req.date, todayDate(ctx));
    // A contact in the future (a typo such as 2052) would become the latest and hide the KOC from follow-up tracking.
    notAfterToday(ctx, errors, 'date', date);
    const next = dateField(ctx, errors, 'nextFollowUp', req.nextFollowUp, '');
    if (date && next && next.getTime() < date.getTime()) errors.nextFollowUp = t('nextBeforeDate', ctx.lang);
    failIf(ctx, errors);
    const table = ctx.book.require('followups');
    const lang = sheetLang(table);
    const id = newId('F', ctx.today, table);
    writeTo(ctx, table, () =>
      appendRecords(table, [
        {
          id,
          kocId: req.kocId,
          date,
          channel: enumLabel(CONTACT_CHANNELS, req.channel, lang),
          type: enumLabel(FOLLOWUP_TYPES, req.type, lang),
          summary: req.summary.trim(),
          sentiment: enumLabel(SENTIMENTS, req.sentiment, lang),
          nextFollowUp: next,
          loggedBy: ctx.user,
        },
      ]),
    );
    ctx.book.reread('followups');
    return withSuggestion(ctx, id, req.kocId, req.sentiment === 'negative' ? 'negative' : null);
  });
}

export function logIncident(ctx: Ctx, req: ParsedRequest<'logIncident'>): KocWriteResult {
  return withDocumentLock_(ctx.lang, () => {
    const loaded = reload(ctx, ['kocs', 'incidents']);
    const errors: FieldErrors = {};
    requireKoc(ctx, loaded, req.kocId);
    const opened = dateField(ctx, errors, 'opened', req.opened, todayDate(ctx));
    notAfterToday(ctx, errors, 'opened', opened);
    failIf(ctx, errors);
    const table = ctx.book.require('incidents');
    const lang = sheetLang(table);
    const id = newId('I', ctx.today, table);
    writeTo(ctx, table, () =>
      appendRecords(table, [
        {
          id,
          kocId: req.kocId,
          opened,
          severity: enumLabel(SEVERITIES, req.severity, lang),
          kind: enumLabel(INCIDENT_KINDS, req.kind, lang),
          description: req.description.trim(),
          status: enumLabel(INCIDENT_STATUSES, 'open', lang),
        },
      ]),
    );
    ctx.book.reread('incidents');
    const urgent = req.severity === 'high' || req.severity === 'critical';
    return withSuggestion(ctx, id, req.kocId, urgent ? 'incident' : null);
  });
}

export function resolveIncident(ctx: Ctx, req: ParsedRequest<'resolveIncident'>): KocWriteResult {
  return withDocumentLock_(ctx.lang, () => {
    const loaded = reload(ctx, ['kocs', 'incidents']);
    const incident = incidentRows(ctx.book.table('incidents'), loaded.kocs).find((i) => i.id === req.incidentId);
    if (!incident) throw new UserError(t('unknownIncident', ctx.lang, { id: req.incidentId }));
    if (incident.status === 'resolved') throw new UserError(t('alreadyResolved', ctx.lang, { id: incident.id }));
    const table = ctx.book.require('incidents');
    writeTo(ctx, table, () =>
      updateRecord(table, incident.rowIndex, {
        status: enumLabel(INCIDENT_STATUSES, 'resolved', sheetLang(table)),
        resolution: req.resolution.trim(),
        resolved: todayDate(ctx),
      }),
    );
    ctx.book.reread('incidents');
    return withSuggestion(ctx, incident.id, incident.kocId, null);
  });
}


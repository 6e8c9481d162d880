/**
 * The sidebar's reads. Every read builds the whole answer the sidebar needs, so a page is one
 * google.script.run round trip.
 */
import { holdsSlot, isOpenStatus, isStaleOffer } from '../../core/assignments';
import { isoOfDay, readDay } from '../../core/dates';
import { isFirstContact } from '../../core/follow-up';
import { type SeverityKey, severityRank } from '../../core/incidents';
import { daysPastDeadline } from '../../core/incident-clock';
import { type MatchKoc, Matcher } from '../../core/matching';
import { SCORE_FIELDS } from '../../core/score';
import { readNumber, trimmedText } from '../../core/numbers';
import type { PlaybookRule } from '../../core/playbook';
import { enumKey, type KocField } from '../../core/record';
import type { Settings } from '../../core/settings';
import { t } from '../../core/text';
import {
  type AssignmentView,
  type KocProfile,
  type KocSummary,
  LIMITS,
  type MatchView,
  type SidebarState,
  type TaskView,
  type TodayFollowUp,
  type TodayList,
} from '../../contract/sidebar-contract';
import { KOC_STATUSES, type Lang, normalizeHeader, sheetDef } from '../../sheets/schema';
import { cellOf } from '../../sheets/table';
import { readKocRow, kocReader } from '../../core/record';
import { ECHELON_VALUE_COLUMNS, kocsNow, latestContacts, loadPlaybook, openSeverities, profileValues, rosterScorer, rosterValues } from './values';
import {
  type AssignmentLite,
  type AssignmentRow,
  assignmentLites,
  assignmentView,
  type Book,
  cellIn,
  followUpRows,
  incidentRows,
  kocIndex,
  type KocRow,
  NO_COLUMN,
  publicAssignment,
  publicFollowUp,
  publicIncident,
  type TaskRow,
  rosterIndex,
  taskAssignments,
  taskRows,
  UserError,
} from './workbook';


export interface Ctx {
  /** The user's language: messages and what the sidebar shows. */
  lang: Lang;
  /** The workbook's language: every value written into a cell. */
  bookLang: Lang;
  book: Book;
  settings: Settings;
  user: string;
  now: Date;
  today: number;
}

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

export interface Loaded {
  kocs: Map<string, KocRow>;
  tasks: TaskRow[];
  /** Every assignment, light (id, task, KOC, status). */
  assignments: AssignmentLite[];
  /** Full views of the assignments that pass `keep` (built only for those shown). */
  views(keep: (a: AssignmentLite) => boolean): AssignmentRow[];
}

export function load(ctx: Ctx): Loaded {
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
    views };
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
    ] };
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
  // Every KOC's follow-up by the recompute's rule, with the contacts logged since it ran.
  const latest = latestContacts(followUpRows(ctx.book.table('followups')));
  const overdue: TodayFollowUp[] = [];
  const dueToday: TodayFollowUp[] = [];
  const firstContacts: TodayFollowUp[] = [];
  // Every line opens its KOC: only KOCs on the roster (as on the Dashboard), and no alumni.
  const kocs = loaded.kocs;
  if (kocs.size > 0) {
    // Echelon in full first: the tiers are then read from it, not again.
    ctx.book.table('echelon');
    const now = kocsNow(ctx.book, ctx.settings, today);
    for (const koc of kocs.values()) {
      if (koc.status === 'alumni') continue;
      const last = latest.get(koc.id);
      const due = now(koc.rowIndex, last)?.due;
      if (!due || due.nextDay === undefined) continue;
      const list = due.status === 'overdue' ? overdue : due.status === 'due' ? dueToday : isFirstContact(due.status) ? firstContacts : undefined;
      if (list) list.push({ kocId: koc.id, kocName: koc.name, due: isoOfDay(due.nextDay), daysLate: today - due.nextDay, lastSummary: last?.summary ?? '' });
    }
  }
  overdue.sort((a, b) => b.daysLate - a.daysLate || a.kocId.localeCompare(b.kocId));
  dueToday.sort((a, b) => a.kocId.localeCompare(b.kocId));
  // First contacts apart from follow-ups: past their deadline first (the latest first), then by the
  // nearest deadline — an imported roster is a planned week of introductions, not a wall of "late".
  firstContacts.sort((a, b) => b.daysLate - a.daysLate || a.kocId.localeCompare(b.kocId));

  // Open High/Critical incidents, and any incident past its response deadline: the late first.
  const incidents = incidentRows(ctx.book.table('incidents'), loaded.kocs)
    .filter((i) => i.status === 'open' && loaded.kocs.has(i.kocId))
    .map((i) => ({ ...publicIncident(i), lateDays: lateDaysOf(i, today, ctx.settings) }))
    .filter((i) => i.lateDays > 0 || i.severity === 'high' || i.severity === 'critical')
    .sort(
      (a, b) =>
        Number(b.lateDays > 0) - Number(a.lateDays > 0) ||
        severityRank(b.severity) - severityRank(a.severity) ||
        String(a.opened).localeCompare(String(b.opened)),
    );

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
    firstContacts: firstContacts.slice(0, TODAY_LIST_MAX),
    firstContactCount: firstContacts.length,
    incidents: incidents.slice(0, TODAY_LIST_MAX),
    staleOffers: staleOffers.slice(0, TODAY_LIST_MAX),
    offerStaleDays: staleDays };
}

/** Days an open incident is past its response deadline (0 when not, or when its date is unknown). */
function lateDaysOf(i: { opened: string | null; severity: string | null }, today: number, settings: Settings): number {
  const opened = i.opened ? readDay(i.opened) : undefined;
  return daysPastDeadline(opened === undefined || Number.isNaN(opened) ? undefined : opened, i.severity as SeverityKey | null, today, settings.incidentDays);
}

export function findTask(ctx: Ctx, tasks: TaskRow[], taskId: string): TaskRow {
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
  const echelon = ctx.book.view('echelon', ECHELON_VALUE_COLUMNS);
  const scored: KocField[] = echelon && echelon.length > 0 && echelon.col('kocId') ? [] : [...SCORE_FIELDS, 'tierOverride'];
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
    const severities = openSeverities(ctx.book);
    const statusCol = kocs.col('status') ?? NO_COLUMN;
    const catCol = kocs.col('categories') ?? NO_COLUMN;
    const fmtCol = kocs.col('formats') ?? NO_COLUMN;
    const styleCol = kocs.col('styles') ?? NO_COLUMN;
    const audCol = kocs.col('audiences') ?? NO_COLUMN;
    const costCol = kocs.col('monthlyCost') ?? NO_COLUMN;
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
    const c: MatchKoc = { id: '', name: '', status: null, score: 0, tier: 'candidate', categories: '', formats: '', styles: '', audiences: '', workload: 0, cost: null, stage: null, openSeverity: null };
    const idAt = roster.idAt;
    for (let i = 0; i < idAt.length; i++) {
      const id = idAt[i];
      if (id === undefined) continue;
      c.categories = tags(cellIn(catCol, i));
      c.formats = tags(cellIn(fmtCol, i));
      c.styles = tags(cellIn(styleCol, i));
      c.audiences = tags(cellIn(audCol, i));
      // Only a KOC that fits is scored.
      if (!matcher.fits(c)) continue;
      const v = scoreOf(id, i);
      const cost = readNumber(cellIn(costCol, i));
      c.id = id;
      c.status = statusOf(cellIn(statusCol, i));
      c.score = v.score ?? 0;
      c.tier = v.tier ?? 'candidate';
      c.stage = v.stage;
      c.openSeverity = severities.get(id) ?? null;
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
    assignments };
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
  const worst = (list: readonly { severity: SeverityKey | null }[]) =>
    list.reduce<SeverityKey | undefined>((best, i) => (severityRank(i.severity) > severityRank(best) ? (i.severity ?? best) : best), undefined);
  const late = incidents.map((i) => ({ severity: i.severity, days: lateDaysOf(i, ctx.today, ctx.settings) })).filter((x) => x.days > 0);
  const lateSeverity = worst(late);
  // As the recompute counts: the days of the most severe late incident (the most days among equals).
  const lateDays = Math.max(0, ...late.filter((x) => x.severity === lateSeverity).map((x) => x.days));
  let rules: PlaybookRule[] | undefined;
  const playbook = () => (rules ??= loadPlaybook(ctx.book, ctx.lang));
  const facts = { highestSeverity: worst(incidents), openIncidents: incidents.length, lateSeverity, lateDays };
  const values = profileValues(ctx.book, ctx.settings, record, koc.rowIndex, ctx.today, latestContacts(followUps).get(kocId), facts, playbook);
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
    nextFollowUp: values.nextFollowUp,
    firstContact: values.followUpStatus !== null && isFirstContact(values.followUpStatus),
    followUps: followUps.slice(0, LIMITS.recentFollowUps).map(publicFollowUp),
    incidents: incidents.map(publicIncident),
    assignments: loaded.views((a) => a.kocId === kocId && isOpenStatus(a.status ?? undefined)).map(publicAssignment) };
}

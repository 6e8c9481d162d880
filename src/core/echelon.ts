/**
 * The echelon recompute, pure: from the roster, assignments, follow-ups, incidents, settings,
 * the playbook and the previous Echelon rows, work out every KOC's score, tier (with
 * hysteresis), stage, ROI, workload, follow-up status, incidents, next action and mentor; the
 * History entries for what changed; and the Dashboard model. Score, sub-scores, plain tier and
 * stage come from the value model (score.ts, tier.ts, stage.ts), the same code behind
 * KOC_SCORE / KOC_TIER / KOC_STAGE, so the sheet and the formulas agree.
 *
 * ROI = value ÷ cost over the last 30 days, where
 *   value = GMV 30d (roster) + GMV of assignments dated in the last 30 days,
 *   cost  = Monthly cost (roster) + Cost of those assignments;
 * an assignment is dated by Responded, else Offered, else Due (undated ones count), declined
 * and cancelled ones are left out; blank when the cost is 0. Leads are not priced.
 */
import type { AssignmentStatus } from './assignments';
import { buildDashboard, type DashboardIncident, type DashboardKoc, type DashboardModel, type DashboardOffer, SEVERITY_RANK, type SeverityKey } from './dashboard';
import { dateOfDay, dayNumber, isDate, isoOfDay, readDay } from './dates';
import { memoized } from './memo';
import { DIMENSIONS, type Dimension } from './defaults';
import { assignMentors, type MentorCandidate } from './mentors';
import { quote, readNumber, round, trimmedText } from './numbers';
import { type PlaybookRule, playbookAction, type SourceKey, type UrgencyKind, urgency } from './playbook';
import { emptyKoc, enumKey, KOCS, type KocField, type KocRecord, kocReader, readKocRow } from './record';
import { roi as roiOf, SCORE_FIELDS, type ScoreContext, type ScoreScratch, scoreContextFor, scoreScratch, totalScore } from './score';
import type { Settings } from './settings';
import { type StageInput, type StageKey, stageFor, stageWithReason } from './stage';
import { t } from './text';
import { type TierKey, type TierThresholds, tierFor, tierRank } from './tier';
import type { HeaderMap } from '../sheets/headers';
import {
  ASSIGNMENT_STATUSES,
  type EnumValue,
  FOLLOWUP_STATUSES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  type Lang,
  label,
  normalizeHeader,
  SEVERITIES,
  SOURCES,
  sheetDef,
  STAGES,
  TIER_SOURCES,
  TIERS,
} from '../sheets/schema';

export type FollowUpStatus = 'overdue' | 'due' | 'ok' | 'none';
export type TierSource = 'computed' | 'override';

/** A sheet as read: its header map and data rows (header excluded). */
export interface SheetRows {
  map: HeaderMap;
  rows: readonly (readonly unknown[])[];
  /** The header row as typed, to name columns in messages. */
  header?: readonly unknown[];
}

export interface EchelonInput {
  kocs: SheetRows;
  assignments?: SheetRows;
  followUps?: SheetRows;
  incidents?: SheetRows;
  /** The Echelon sheet as it was: the previous tiers, stages and mentors. */
  previous?: SheetRows;
  playbook: readonly PlaybookRule[];
  settings: Settings;
  now: Date;
  lang: Lang;
}

/**
 * The roster cells an entry keeps past its row — what the later steps read (tier override, ROI,
 * follow-up cadence, stage reasons, mentoring) — dates as day numbers, worked out once. The row's
 * full record is not kept.
 */
export interface EchelonKoc {
  status: KocRecord['status'];
  posts30d: number | undefined;
  joinedDay: number | undefined;
  lastPostDay: number | undefined;
  lastContactDay: number | undefined;
  categories: string[];
  tierOverride: TierKey | undefined;
  gmv30d: number | undefined;
  monthlyCost: number | undefined;
}

/** One KOC's computed echelon line. Days are day numbers (dates.ts). */
export interface EchelonEntry {
  /** 1-based row in the KOCs sheet. */
  row: number;
  id: string;
  name: string;
  owner: string;
  koc: EchelonKoc;
  score: number | undefined;
  dims: Record<Dimension, number | undefined>;
  /** The tier the score alone earns (KOC_TIER). */
  plainTier: TierKey;
  tier: TierKey;
  tierSource: TierSource;
  stage: StageKey;
  /** Days since Joined; undefined when unknown. */
  tenure: number | undefined;
  source: SourceKey | undefined;
  value: number;
  cost: number;
  roi: number | undefined;
  workload: number;
  lastContactDay: number | undefined;
  followUpStatus: FollowUpStatus;
  nextFollowUpDay: number | undefined;
  openIncidents: number;
  highestSeverity: SeverityKey | undefined;
  silentDays: number | undefined;
  urgency: UrgencyKind | undefined;
  nextAction: string;
  mentorId: string | undefined;
  mentorName: string | undefined;
  mentees: string[];
  problems: string[];
}

/** A roster row that could not be scored (no ID, duplicate ID): shown with its problem. */
export interface ProblemRow {
  row: number;
  id: string;
  name: string;
  problems: string[];
}

export interface HistoryEntry {
  kocId: string;
  name: string;
  field: 'tier' | 'stage';
  from: string;
  to: string;
  reason: string;
}

export interface EchelonResult {
  entries: EchelonEntry[];
  problemRows: ProblemRow[];
  /** Lines in roster order: entries and problem rows interleaved as on the KOCs sheet. */
  lines: (EchelonEntry | ProblemRow)[];
  history: HistoryEntry[];
  dashboard: DashboardModel;
  /** Rows of Assignments, Follow-ups or Incidents naming a KOC ID not on the roster. */
  orphans: number;
}

/** What a previous Echelon row tells this run. */
export interface PreviousLine {
  /** 0-based index into previous.rows. */
  index: number;
  tier: TierKey | undefined;
  tierSource: TierSource | undefined;
  stage: StageKey | undefined;
  mentorId: string | undefined;
}

// Globals looked up once: in Apps Script's V8 (and a node:vm context) each global lookup in a hot
// loop is a slow property read of the global object.
const NAN = Number.NaN;
const isNotANumber = Number.isNaN;
const { max, round: mathRound } = Math;
const ArrayCtor = Array;

/** A row of `width` blank cells. */
const blankRow = (width: number): unknown[] => new ArrayCtor<unknown>(width).fill('');

// ── Tiers with hysteresis ──────────────────────────────────────────────────────────────────────

const THRESHOLD_OF: Record<Exclude<TierKey, 'candidate'>, keyof TierThresholds> = { core: 'core', potential: 'potential', regular: 'regular' };

/** The threshold score of a tier (Candidate has none: 0). */
function thresholdOf(tier: TierKey, th: TierThresholds): number {
  return tier === 'candidate' ? 0 : th[THRESHOLD_OF[tier]];
}

/** The tier one step above (Core has none). */
function tierAbove(tier: TierKey): TierKey | undefined {
  return (['core', 'potential', 'regular', 'candidate'] as const)[tierRank(tier) - 1];
}

export interface TierMove {
  tier: TierKey;
  /** The score the move was measured against (threshold ± margin), when the tier moved. */
  limit?: number;
}

/**
 * The tier after hysteresis. With no previous computed tier, the plain tier (so a new KOC agrees
 * with KOC_TIER). Otherwise a KOC moves up only to a tier whose threshold it clears by `margin`
 * (score ≥ threshold + margin), and down only when it falls below its tier's threshold by
 * `margin` (score < threshold − margin); in between it keeps its tier.
 */
export function tierWithHysteresis(score: number, previous: TierKey | undefined, th: TierThresholds, margin: number): TierMove {
  const plain = tierFor(score, th);
  if (previous === undefined || plain === previous) return { tier: plain };
  if (tierRank(plain) < tierRank(previous)) {
    const up = tierFor(score - margin, th);
    return tierRank(up) < tierRank(previous) ? { tier: up, limit: thresholdOf(up, th) + margin } : { tier: previous };
  }
  const down = tierFor(score + margin, th);
  return tierRank(down) > tierRank(previous) ? { tier: down, limit: thresholdOf(tierAbove(down)!, th) - margin } : { tier: previous };
}

// ── Reading the sheets ─────────────────────────────────────────────────────────────────────────

const cell = (map: HeaderMap, row: readonly unknown[], key: string): unknown => {
  const i = map.index[key];
  return i === undefined ? '' : row[i];
};
/** A column's position, or -1 (reads undefined) when the sheet lacks it. */
const colIndex = (map: HeaderMap, key: string): number => map.index[key] ?? -1;
const enumOf = <K extends string>(values: readonly EnumValue[], v: unknown): K | undefined =>
  v === '' || v === null || v === undefined ? undefined : (enumKey<K>(values, v) ?? undefined);

/** The KOC ID in a Mentor cell: `Name (ID)` as written, or the whole cell. */
export function mentorIdOf(cellValue: unknown): string | undefined {
  const s = trimmedText(cellValue);
  if (!s) return undefined;
  const m = /\(([^()]+)\)\s*$/.exec(s);
  return (m ? m[1] : s).trim() || undefined;
}

/** A Mentor cell: the mentor's name with their ID, so both people and the next run can read it. */
export function mentorCell(id: string, name: string): string {
  return name ? `${name} (${id})` : id;
}

/** Previous Echelon rows by KOC ID (the first row of an ID wins). */
export function readPrevious(prev: SheetRows | undefined): Map<string, PreviousLine> {
  const out = new Map<string, PreviousLine>();
  if (!prev) return out;
  const { map } = prev;
  prev.rows.forEach((row, index) => {
    const id = trimmedText(cell(map, row, 'kocId'));
    if (!id || out.has(id)) return;
    out.set(id, {
      index,
      tier: enumOf<TierKey>(TIERS, cell(map, row, 'tier')),
      tierSource: enumOf<TierSource>(TIER_SOURCES, cell(map, row, 'tierSource')),
      stage: enumOf<StageKey>(STAGES, cell(map, row, 'stage')),
      mentorId: mentorIdOf(cell(map, row, 'mentor')),
    });
  });
  return out;
}

/** A child row's date cell as a day: undefined when blank; reported (and undefined) when bad. */
function childDay(sheet: 'assignments' | 'followups' | 'incidents', key: string, raw: unknown, row: number, lang: Lang, problems: string[] | undefined): number | undefined {
  if (raw === '' || raw === undefined || raw === null) return undefined;
  const day = readDay(raw);
  if (day === undefined || !isNotANumber(day)) return day;
  if (problems) {
    const def = sheetDef(sheet);
    problems.push(t('problemChildDate', lang, { sheet: label(def, lang), row, column: label(def.columns.find((c) => c.key === key)!, lang), value: quote(raw, lang) }));
  }
  return undefined;
}

function childNumber(sheet: 'assignments', key: string, raw: unknown, row: number, lang: Lang, problems: string[] | undefined): number {
  const n = readNumber(raw);
  if (n === undefined) return 0;
  if (isNotANumber(n)) {
    if (problems) {
      const def = sheetDef(sheet);
      problems.push(t('problemChildNumber', lang, { sheet: label(def, lang), row, column: label(def.columns.find((c) => c.key === key)!, lang), value: quote(raw, lang) }));
    }
    return 0;
  }
  return n;
}

/** The roster columns the echelon uses (the rest — platform, formats, notes… — it never reads). */
const ECHELON_FIELDS: readonly KocField[] = [
  ...new Set<KocField>([...SCORE_FIELDS, 'id', 'name', 'owner', 'source', 'joined', 'categories', 'lastContact', 'monthlyCost', 'status', 'tierOverride']),
];

// ── The recompute ──────────────────────────────────────────────────────────────────────────────

const MAX_PROBLEMS_SHOWN = 5;

/** The roster as read: one entry per KOC ID, and the lines in roster order. */
interface Roster {
  entries: EchelonEntry[];
  problemRows: ProblemRow[];
  lines: (EchelonEntry | ProblemRow)[];
  /** KOC ID → index into entries (the first row of an ID). */
  byId: Map<string, number>;
}

/** Per-KOC sums of the child sheets, indexed like Roster.entries. */
interface ChildSums {
  workload: Int32Array;
  value: Float64Array;
  cost: Float64Array;
  offers: DashboardOffer[];
  /** Latest follow-up day and its next date; NaN when none. */
  lastFollowDay: Float64Array;
  lastFollowNext: Float64Array;
  openIncidents: Int32Array;
  worst: Int32Array;
  dashIncidents: DashboardIncident[];
  orphans: number;
}

// Each phase below is a function of its own: one hot loop per function, so V8 optimizes each once
// instead of recompiling one huge function (with on-stack replacement) as every loop turns hot.

/** Compute everything a recompute writes. Reads only its input; never throws on bad rows. */
export function computeEchelon(input: EchelonInput): EchelonResult {
  const { settings, lang } = input;
  const today = dayNumber(input.now);
  const ctx: ScoreContext = scoreContextFor(settings, today);
  const previous = readPrevious(input.previous);

  // 1. The roster: one record per KOC ID; rows with no ID or a repeated ID are reported.
  const roster = readRoster(input.kocs, ctx, today, settings, lang);
  const { entries, problemRows, lines, byId } = roster;
  const n = entries.length;

  // 2. Assignments, follow-ups, incidents, gathered per KOC in one pass each.
  const sums: ChildSums = {
    workload: new Int32Array(n),
    value: new Float64Array(n),
    cost: new Float64Array(n),
    offers: [],
    lastFollowDay: new Float64Array(n).fill(NAN),
    lastFollowNext: new Float64Array(n).fill(NAN),
    openIncidents: new Int32Array(n),
    worst: new Int32Array(n),
    dashIncidents: [],
    orphans: 0,
  };
  if (input.assignments) gatherAssignments(input.assignments, roster, sums, today, lang);
  if (input.followUps) gatherFollowUps(input.followUps, roster, sums, lang);
  if (input.incidents) gatherIncidents(input.incidents, roster, sums, lang);

  // 3. Per KOC: tier (override, hysteresis), follow-up status, ROI, next action.
  const history = finishEntries(entries, sums, previous, input.playbook, today, settings, lang);

  // 4. Mentors: Mature KOCs for Sprouts sharing a category.
  pairMentors(entries, byId, previous, settings.mentorCapacity);

  // 5. The dashboard.
  const dashKocs: readonly DashboardKoc[] = entries;
  const dashboard = buildDashboard(dashKocs, sums.dashIncidents, sums.offers, {
    today,
    matureDays: settings.stageRules.matureDays,
    minSproutsPerMature: settings.minSproutsPerMature,
    offerStaleDays: settings.offerStaleDays,
  });

  return { entries, problemRows, lines, history, dashboard, orphans: sums.orphans };
}

function readRoster(kocs: SheetRows, ctx: ScoreContext, today: number, settings: Settings, lang: Lang): Roster {
  const entries: EchelonEntry[] = [];
  const problemRows: ProblemRow[] = [];
  const lines: (EchelonEntry | ProblemRow)[] = [];
  const byId = new Map<string, number>();
  const reader = kocReader(kocs.map, { header: kocs.header, only: ECHELON_FIELDS, lang });
  // One record and one problem list, reused row after row (an entry keeps only what it needs):
  // 50k records of 30-odd fields would be most of what a run allocates and keeps.
  const koc = emptyKoc();
  const problems: string[] = [];
  const scratch = scoreScratch();
  const rows = kocs.rows;
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i];
    if (isBlank(raw)) continue;
    const row = i + 2;
    readKocRow(reader, raw, koc, problems);
    if (!koc.id) {
      const p: ProblemRow = { row, id: '', name: koc.name, problems: [t('problemNoId', lang, { row })] };
      problemRows.push(p);
      lines.push(p);
      continue;
    }
    // One map for both "seen before?" and "which entry": the first row of an ID is the KOC.
    const first = byId.get(koc.id);
    if (first !== undefined) {
      const p: ProblemRow = { row, id: koc.id, name: koc.name, problems: [t('problemDuplicateId', lang, { row, id: koc.id, first: entries[first].row })] };
      problemRows.push(p);
      lines.push(p);
      continue;
    }
    const entry = assess(koc, problems, row, ctx, scratch, today, settings, lang);
    byId.set(koc.id, entries.length);
    entries.push(entry);
    lines.push(entry);
  }
  return { entries, problemRows, lines, byId };
}

function gatherAssignments(sheet: SheetRows, roster: Roster, sums: ChildSums, today: number, lang: Lang): void {
  const { entries, byId } = roster;
  const { workload, value, cost, offers } = sums;
  const { map, rows: arows } = sheet;
  // Column positions once, not a lookup per cell: these sheets run to hundreds of thousands of rows.
  const [cStatus, cOffered, cKoc, cResponded, cDue, cGmv, cCost] = ['status', 'offered', 'kocId', 'responded', 'due', 'gmv', 'cost'].map((key) => colIndex(map, key));
  for (let i = 0; i < arows.length; i++) {
    const r = arows[i];
    if (isBlank(r)) continue;
    const status = enumOf<AssignmentStatus>(ASSIGNMENT_STATUSES, r[cStatus]);
    const k = byId.get(trimmedText(r[cKoc]));
    // A row naming a KOC not on the roster is counted as an orphan and shown nowhere else (the
    // sidebar's Today leaves it out too).
    if (k === undefined) {
      sums.orphans++;
      continue;
    }
    if (status === 'offered') offers.push({ offeredDay: childDay('assignments', 'offered', r[cOffered], i + 2, lang, undefined) });
    const problems = entries[k].problems;
    if (status === 'offered' || status === 'accepted' || status === 'submitted') workload[k]++;
    if (status === 'declined' || status === 'cancelled') continue;
    const dated =
      childDay('assignments', 'responded', r[cResponded], i + 2, lang, problems) ??
      childDay('assignments', 'offered', r[cOffered], i + 2, lang, problems) ??
      childDay('assignments', 'due', r[cDue], i + 2, lang, problems);
    if (dated !== undefined && today - dated >= 30) continue;
    value[k] += childNumber('assignments', 'gmv', r[cGmv], i + 2, lang, problems);
    cost[k] += childNumber('assignments', 'cost', r[cCost], i + 2, lang, problems);
  }
}

function gatherFollowUps(sheet: SheetRows, roster: Roster, sums: ChildSums, lang: Lang): void {
  const { entries, byId } = roster;
  const { lastFollowDay, lastFollowNext } = sums;
  const { map, rows: frows } = sheet;
  const [cKoc, cDate, cNext] = ['kocId', 'date', 'nextFollowUp'].map((key) => colIndex(map, key));
  for (let i = 0; i < frows.length; i++) {
    const r = frows[i];
    if (isBlank(r)) continue;
    const k = byId.get(trimmedText(r[cKoc]));
    if (k === undefined) {
      sums.orphans++;
      continue;
    }
    const problems = entries[k].problems;
    const day = childDay('followups', 'date', r[cDate], i + 2, lang, problems);
    const next = childDay('followups', 'nextFollowUp', r[cNext], i + 2, lang, problems);
    if (day === undefined) continue;
    // The latest contact decides; on the same day the row further down (logged later) does.
    if (isNotANumber(lastFollowDay[k]) || day >= lastFollowDay[k]) {
      lastFollowDay[k] = day;
      lastFollowNext[k] = next === undefined ? NAN : next;
    }
  }
}

function gatherIncidents(sheet: SheetRows, roster: Roster, sums: ChildSums, lang: Lang): void {
  const { entries, byId } = roster;
  const { openIncidents, worst, dashIncidents } = sums;
  const { map, rows: irows } = sheet;
  for (let i = 0; i < irows.length; i++) {
    const r = irows[i];
    if (isBlank(r)) continue;
    const status = enumOf<'open' | 'resolved'>(INCIDENT_STATUSES, cell(map, r, 'status'));
    // No status but no resolution date either: still open, so it is not lost.
    const open = status === 'open' || (status === undefined && trimmedText(cell(map, r, 'resolved')) === '');
    if (!open) continue;
    const id = trimmedText(cell(map, r, 'kocId'));
    const severity = enumOf<SeverityKey>(SEVERITIES, cell(map, r, 'severity'));
    const kindKey = enumOf<string>(INCIDENT_KINDS, cell(map, r, 'kind'));
    const kindValue = INCIDENT_KINDS.find((x) => x.key === kindKey);
    const k = byId.get(id);
    if (k === undefined) {
      sums.orphans++;
      continue;
    }
    dashIncidents.push({
      kocId: id,
      severity,
      kind: kindValue ? label(kindValue, lang) : trimmedText(cell(map, r, 'kind')),
      openedDay: childDay('incidents', 'opened', cell(map, r, 'opened'), i + 2, lang, entries[k].problems),
    });
    openIncidents[k]++;
    if (severity && SEVERITY_RANK[severity] > worst[k]) worst[k] = SEVERITY_RANK[severity];
  }
}

const SEVERITY_BY_RANK: readonly (SeverityKey | undefined)[] = (() => {
  const out: (SeverityKey | undefined)[] = [];
  for (const s of Object.keys(SEVERITY_RANK) as SeverityKey[]) out[SEVERITY_RANK[s]] = s;
  return out;
})();

/** Per KOC: tier (override, hysteresis), follow-up status, ROI, next action. Returns the History entries. */
function finishEntries(
  entries: EchelonEntry[],
  sums: ChildSums,
  previous: ReadonlyMap<string, PreviousLine>,
  rules: readonly PlaybookRule[],
  today: number,
  settings: Settings,
  lang: Lang,
): HistoryEntry[] {
  const { workload, value, cost, lastFollowDay, lastFollowNext, openIncidents, worst } = sums;
  const history: HistoryEntry[] = [];
  const nextAction = memoNextAction(rules, lang);
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    const prev = previous.get(e.id);
    let limit: number | undefined;
    if (e.koc.tierOverride) {
      e.tier = e.koc.tierOverride;
      e.tierSource = 'override';
    } else {
      const prevComputed = prev && prev.tierSource !== 'override' ? prev.tier : undefined;
      if (e.score === undefined) e.tier = e.plainTier;
      else {
        const move = tierWithHysteresis(e.score, prevComputed, settings.tierThresholds, settings.hysteresis);
        e.tier = move.tier;
        limit = move.limit;
      }
    }

    e.workload = workload[k];
    e.value = (e.koc.gmv30d ?? 0) + value[k];
    e.cost = (e.koc.monthlyCost ?? 0) + cost[k];
    e.roi = roiOf(e.value, e.cost);

    const rosterContact = e.koc.lastContactDay;
    const logged = isNotANumber(lastFollowDay[k]) ? undefined : lastFollowDay[k];
    e.lastContactDay = rosterContact === undefined ? logged : logged === undefined ? rosterContact : max(rosterContact, logged);
    const loggedNext = isNotANumber(lastFollowNext[k]) ? undefined : lastFollowNext[k];
    // The latest follow-up's own date wins; else the cadence of the tier from the last contact
    // (or from joining). Paused KOCs and alumni have no cadence: only a date someone set counts;
    // a KOC drifting into Transition is still kept in touch with (thanked, offered a new role).
    const cadenceApplies = e.stage !== 'alumni' && e.koc.status !== 'paused';
    const base = e.lastContactDay ?? e.koc.joinedDay;
    const useLogged = logged !== undefined && (rosterContact === undefined || logged >= rosterContact);
    e.nextFollowUpDay =
      useLogged && loggedNext !== undefined ? loggedNext : cadenceApplies && base !== undefined ? base + settings.cadenceDays[e.tier] : undefined;
    e.followUpStatus = e.nextFollowUpDay === undefined ? 'none' : e.nextFollowUpDay < today ? 'overdue' : e.nextFollowUpDay === today ? 'due' : 'ok';

    e.openIncidents = openIncidents[k];
    e.highestSeverity = SEVERITY_BY_RANK[worst[k]];

    const lastPostDay = e.koc.lastPostDay;
    const lastSeen = lastPostDay === undefined ? e.lastContactDay : e.lastContactDay === undefined ? lastPostDay : max(lastPostDay, e.lastContactDay);
    e.silentDays = lastSeen === undefined ? undefined : max(0, today - lastSeen);
    e.urgency = urgency({
      highestOpenSeverity: e.highestSeverity,
      openIncidents: e.openIncidents,
      followUpStatus: e.followUpStatus,
      // Silence is what Transition and Alumni mean; their playbook row already says what to do.
      silentDays: e.stage === 'transition' || e.stage === 'alumni' ? undefined : e.silentDays,
      silentLimit: settings.silentDays,
    });
    e.nextAction = nextAction(e);

    if (prev && ((prev.tier !== undefined && prev.tier !== e.tier) || (prev.stage !== undefined && prev.stage !== e.stage)))
      history.push(...changes(e, prev, limit, today, settings, lang));
  }
  return history;
}

/**
 * One KOC's echelon line with the recompute's own rules — for the sidebar's profile card and
 * next-action suggestion between runs. Pass the sheets as read (whole or already cut to the
 * KOC): only this KOC's rows are used. Its mentor comes from the previous Echelon row (pairing
 * needs everyone). Undefined when the roster has no row with this ID.
 */
export function echelonForKoc(input: EchelonInput & { kocId: string }): EchelonEntry | undefined {
  const id = input.kocId.trim();
  // Other KOCs' rows become blank rows (skipped), so row numbers in messages stay the sheet's.
  const none: readonly unknown[] = [];
  const only = (sheet: SheetRows | undefined, key: string): SheetRows | undefined => {
    if (!sheet) return undefined;
    const at = colIndex(sheet.map, key);
    return { ...sheet, rows: sheet.rows.map((r) => (trimmedText(r[at]) === id ? r : none)) };
  };
  const kocs = only(input.kocs, 'id')!;
  if (!kocs.rows.some((r) => r !== none)) return undefined;
  const previous = only(input.previous, 'kocId');
  const result = computeEchelon({
    ...input,
    kocs,
    assignments: only(input.assignments, 'kocId'),
    followUps: only(input.followUps, 'kocId'),
    incidents: only(input.incidents, 'kocId'),
    previous,
  });
  const entry = result.entries[0];
  if (!entry) return undefined;
  const prevMentor = readPrevious(previous).get(id)?.mentorId;
  if (entry.stage === 'sprout' && prevMentor) {
    entry.mentorId = prevMentor;
    const line = previous!.rows.find((r) => r !== none);
    const mentorName = /^(.*)\s\([^()]+\)\s*$/.exec(trimmedText(line?.[colIndex(previous!.map, 'mentor')]));
    entry.mentorName = mentorName ? mentorName[1] : undefined;
  }
  return entry;
}

function isBlank(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v !== '' && v !== null && v !== undefined) return false;
  }
  return true;
}

/** Position of each dimension in the score scratch (DIMENSIONS order). */
const DIM_AT = Object.fromEntries(DIMENSIONS.map((d, i) => [d, i])) as Record<Dimension, number>;

/** A sub-score as shown: rounded to 0.1; undefined when NaN (no data). */
function subScore(sub: ArrayLike<number>, d: number): number | undefined {
  return isNotANumber(sub[d]) ? undefined : round(sub[d], 1);
}

/** Score, sub-scores, plain tier and stage of one roster record, from the value model. */
function assess(koc: KocRecord, problems: string[], row: number, ctx: ScoreContext, scratch: ScoreScratch, today: number, settings: Settings, lang: Lang): EchelonEntry {
  // totalScore is KOC_SCORE's own code path; its scratch holds the sub-scores (NaN: no data).
  const total = totalScore(koc, ctx, scratch);
  // A literal, not keys set in a loop: every entry's dims then share one fixed shape.
  const sub = scratch.dims;
  const dims: Record<Dimension, number | undefined> = {
    influence: subScore(sub, DIM_AT.influence),
    engagement: subScore(sub, DIM_AT.engagement),
    activity: subScore(sub, DIM_AT.activity),
    content: subScore(sub, DIM_AT.content),
    conversion: subScore(sub, DIM_AT.conversion),
    brandFit: subScore(sub, DIM_AT.brandFit),
    potential: subScore(sub, DIM_AT.potential),
  };
  const stage = stageFor(koc, today, settings.stageRules);
  const own = problems.length ? problems.slice() : [];
  if (total === undefined) own.push(t('nothingToScore', lang));
  const plainTier = total === undefined ? 'candidate' : tierFor(total, settings.tierThresholds);
  let joinedDay = koc.joined ? dayNumber(koc.joined) : undefined;
  if (joinedDay !== undefined && joinedDay > today) {
    own.push(t('joinedInFuture', lang, { column: label(KOCS.columns.find((c) => c.key === 'joined')!, lang), value: isoOfDay(joinedDay) }));
    joinedDay = undefined;
  }
  return {
    row,
    id: koc.id,
    name: koc.name,
    owner: koc.owner,
    koc: {
      status: koc.status,
      posts30d: koc.posts30d,
      joinedDay,
      lastPostDay: koc.lastPost ? dayNumber(koc.lastPost) : undefined,
      lastContactDay: koc.lastContact ? dayNumber(koc.lastContact) : undefined,
      categories: koc.categories,
      tierOverride: koc.tierOverride,
      gmv30d: koc.gmv30d,
      monthlyCost: koc.monthlyCost,
    },
    score: total,
    dims,
    plainTier,
    tier: plainTier,
    tierSource: 'computed',
    stage,
    tenure: joinedDay === undefined ? undefined : today - joinedDay,
    source: koc.source,
    // Set by finishEntries. NaN, not 0: V8 then stores these fields as doubles from the start, so
    // a fractional value later does not deprecate every entry's hidden class (a slow migration).
    value: NAN,
    cost: NAN,
    roi: undefined,
    workload: 0,
    lastContactDay: undefined,
    followUpStatus: 'none',
    nextFollowUpDay: undefined,
    openIncidents: 0,
    highestSeverity: undefined,
    silentDays: undefined,
    urgency: undefined,
    nextAction: '',
    mentorId: undefined,
    mentorName: undefined,
    mentees: [],
    problems: own,
  };
}

type PlaybookLookup = (tier: TierKey, stage: StageKey, source: SourceKey | '') => string;

/** The inner map under `key`, made empty the first time. */
function inner<K, K2, V>(memo: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let m = memo.get(key);
  if (m === undefined) {
    m = new Map();
    memo.set(key, m);
  }
  return m;
}

/** The playbook's answer per tier × stage × source, worked out once per combination. */
function memoPlaybook(rules: readonly PlaybookRule[]): PlaybookLookup {
  // Nested maps, not a `tier|stage|source` key: no string built per KOC.
  const memo = new Map<string, Map<string, Map<string, string>>>();
  return (tier, stage, source) => {
    const bySource = inner(inner(memo, tier), stage);
    let action = bySource.get(source);
    if (action === undefined) {
      action = playbookAction(rules, tier, stage, source);
      bySource.set(source, action);
    }
    return action;
  };
}

type NextActionFacts = Pick<EchelonEntry, 'urgency' | 'highestSeverity' | 'silentDays' | 'tier' | 'stage' | 'source'>;

/**
 * nextActionText for a whole run: a roster has only a few distinct next actions, so each text is
 * built once (by its urgent part and playbook step) instead of once per KOC. No closures per
 * call: this runs for every KOC.
 */
function memoNextAction(rules: readonly PlaybookRule[], lang: Lang): (e: NextActionFacts) => string {
  const playbook = memoPlaybook(rules);
  const incidentFirst = new Map<SeverityKey | undefined, string>();
  const silentFirst = new Map<number | undefined, string>();
  const overdueFirst = t('nextActionOverdue', lang);
  // The urgent part → the playbook step → "first, then step".
  const combined = new Map<string, Map<string, string>>();
  return (e) => {
    const step = playbook(e.tier, e.stage, e.source ?? '');
    let first: string | undefined = '';
    if (e.urgency === 'incident') {
      first = incidentFirst.get(e.highestSeverity);
      if (first === undefined) {
        first = t('nextActionIncident', lang, { severity: enumLabel(SEVERITIES, e.highestSeverity, lang) });
        incidentFirst.set(e.highestSeverity, first);
      }
    } else if (e.urgency === 'overdue') first = overdueFirst;
    else if (e.urgency === 'silent') {
      first = silentFirst.get(e.silentDays);
      if (first === undefined) {
        first = t('nextActionSilent', lang, { days: e.silentDays ?? '' });
        silentFirst.set(e.silentDays, first);
      }
    }
    if (!first) return step;
    if (!step) return first;
    const byStep = inner(combined, first);
    let text = byStep.get(step);
    if (text === undefined) {
      text = t('nextActionThen', lang, { first, next: step });
      byStep.set(step, text);
    }
    return text;
  };
}

/**
 * The next action: the urgent thing first (an open High/Critical incident, an overdue follow-up,
 * a long silence), then the playbook's row for the KOC's tier × stage × source.
 */
export function nextActionText(
  e: NextActionFacts,
  playbook: readonly PlaybookRule[] | PlaybookLookup,
  lang: Lang,
): string {
  const step = typeof playbook === 'function' ? playbook(e.tier, e.stage, e.source ?? '') : playbookAction(playbook, e.tier, e.stage, e.source ?? '');
  let first = '';
  if (e.urgency === 'incident') first = t('nextActionIncident', lang, { severity: enumLabel(SEVERITIES, e.highestSeverity, lang) });
  else if (e.urgency === 'overdue') first = t('nextActionOverdue', lang);
  else if (e.urgency === 'silent') first = t('nextActionSilent', lang, { days: e.silentDays ?? '' });
  if (!first) return step;
  return step ? t('nextActionThen', lang, { first, next: step }) : first;
}

function enumLabel(values: readonly EnumValue[], key: string | undefined, lang: Lang): string {
  const v = key === undefined ? undefined : values.find((x) => x.key === key);
  return v ? label(v, lang) : '';
}


const fmtScore = (n: number) => String(round(n, 1));

/** The stage rules' input from an entry's kept facts (same calendar days), for a stage change's reason. */
function stageInput(f: EchelonKoc): StageInput {
  return {
    status: f.status,
    posts30d: f.posts30d,
    joined: f.joinedDay === undefined ? undefined : dateOfDay(f.joinedDay),
    lastPost: f.lastPostDay === undefined ? undefined : dateOfDay(f.lastPostDay),
  };
}

/** History entries for one KOC: a tier or stage that differs from the previous run, with why. */
function changes(e: EchelonEntry, prev: PreviousLine, limit: number | undefined, today: number, settings: Settings, lang: Lang): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  if (prev.tier !== undefined && prev.tier !== e.tier) {
    const from = enumLabel(TIERS, prev.tier, lang);
    const to = enumLabel(TIERS, e.tier, lang);
    const score = e.score === undefined ? t('reasonNoScore', lang) : fmtScore(e.score);
    let reason: string;
    if (e.tierSource === 'override') reason = t('reasonOverride', lang, { from, to });
    else if (prev.tierSource === 'override') reason = t('reasonOverrideRemoved', lang, { from, to, score });
    else if (limit !== undefined && e.score !== undefined) {
      // As many decimals as it takes for the score and the limit not to read alike ("64.99 < 65").
      let places = 1;
      while (places < 4 && round(e.score, places) === round(limit, places) && e.score !== limit) places++;
      reason = t(tierRank(e.tier) < tierRank(prev.tier) ? 'reasonPromote' : 'reasonDemote', lang, {
        from,
        to,
        score: String(round(e.score, places)),
        limit: String(round(limit, places)),
      });
    } else reason = t('reasonScore', lang, { from, to, score });
    out.push({ kocId: e.id, name: e.name, field: 'tier', from, to, reason });
  }
  if (prev.stage !== undefined && prev.stage !== e.stage) {
    const from = enumLabel(STAGES, prev.stage, lang);
    const to = enumLabel(STAGES, e.stage, lang);
    const why = stageWithReason(stageInput(e.koc), today, settings.stageRules).reason[lang];
    out.push({ kocId: e.id, name: e.name, field: 'stage', from, to, reason: t('reasonStage', lang, { from, to, why }) });
  }
  return out;
}

/** Pairs Sprouts with Mature mentors: sets each paired Sprout's mentor and lists it in the mentor's mentees. */
function pairMentors(entries: readonly EchelonEntry[], byId: ReadonlyMap<string, number>, previous: ReadonlyMap<string, PreviousLine>, capacity: number): void {
  const mentors: MentorCandidate[] = [];
  const sprouts: MentorCandidate[] = [];
  /** Index in entries of each Sprout, in roster order. */
  const sproutAt: number[] = [];
  const prevPairs = new Map<string, string>();
  const norm = new Map<string, string>();
  const cats = (list: readonly string[]) =>
    list.map((c) => {
      let v = norm.get(c);
      if (v === undefined) {
        v = normalizeHeader(c);
        norm.set(c, v);
      }
      return v;
    });
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    if (e.stage === 'mature') mentors.push({ id: e.id, categories: cats(e.koc.categories), score: e.score ?? 0 });
    else if (e.stage === 'sprout') {
      sprouts.push({ id: e.id, categories: cats(e.koc.categories), score: e.score ?? 0 });
      sproutAt.push(k);
      const m = previous.get(e.id)?.mentorId;
      if (m) prevPairs.set(e.id, m);
    }
  }
  const mentorOf = assignMentors({ mentors, sprouts, previous: prevPairs, capacity });
  // Only Sprouts get a mentor: look up just them (not every KOC), in roster order, the order
  // mentees are listed in.
  for (let s = 0; s < sproutAt.length; s++) {
    const e = entries[sproutAt[s]];
    const m = mentorOf.get(e.id);
    if (m === undefined) continue;
    const mentor = entries[byId.get(m)!];
    e.mentorId = m;
    e.mentorName = mentor.name;
    mentor.mentees.push(e.id);
  }
}

// ── Laying out the Echelon sheet ───────────────────────────────────────────────────────────────

const ECHELON = sheetDef('echelon');
/** Echelon's columns this module writes, in schema order. */
export const ECHELON_KEYS: readonly string[] = ECHELON.columns.map((c) => c.key);

/** Schema position of each Echelon column key. */
const COL: Readonly<Record<string, number>> = Object.fromEntries(ECHELON.columns.map((c, i) => [c.key, i]));
const IDENTITY: readonly number[] = ECHELON.columns.map((_, i) => i);
const DIM_COLS: readonly number[] = DIMENSIONS.map((d) => COL[d]);

type LabelTable = Readonly<Record<string, string>>;

/** The enum labels an Echelon row shows, in one language. */
interface EchelonLabels {
  tiers: LabelTable;
  tierSources: LabelTable;
  stages: LabelTable;
  sources: LabelTable;
  followUps: LabelTable;
  severities: LabelTable;
}

const labelSets: Partial<Record<Lang, EchelonLabels>> = {};
/** key → label tables for a language, built once (looked up once per row, not once per cell). */
function echelonLabels(lang: Lang): EchelonLabels {
  const table = (values: readonly EnumValue[]): LabelTable => Object.fromEntries(values.map((v) => [v.key, label(v, lang)]));
  let set = labelSets[lang];
  if (!set) {
    set = {
      tiers: table(TIERS),
      tierSources: table(TIER_SOURCES),
      stages: table(STAGES),
      sources: table(SOURCES),
      followUps: table(FOLLOWUP_STATUSES),
      severities: table(SEVERITIES),
    };
    labelSets[lang] = set;
  }
  return set;
}

function problemText(problems: readonly string[], lang: Lang): string {
  if (problems.length === 0) return '';
  const sep = t('problemsJoin', lang);
  return problems.length > MAX_PROBLEMS_SHOWN ? `${problems.slice(0, MAX_PROBLEMS_SHOWN).join(sep)}${sep}…(+${problems.length - MAX_PROBLEMS_SHOWN})` : problems.join(sep);
}

/**
 * One line's cells (before safeCell) in Echelon schema order, put at `at[j]` of `out` for schema
 * column j. Updated is left to the layout. Problem rows fill only ID, Name and Problems.
 */
export function echelonCells(
  line: EchelonEntry | ProblemRow,
  lang: Lang,
  dateOf: (day: number) => Date = dateOfDay,
  out: unknown[] = blankRow(ECHELON.columns.length),
  at: readonly number[] = IDENTITY,
): unknown[] {
  // Direct stores, no helper closure: this runs for every row of a 50k-row sheet.
  out[at[COL.kocId]] = line.id;
  out[at[COL.name]] = line.name;
  out[at[COL.problems]] = problemText(line.problems, lang);
  if (!('koc' in line)) return out;
  const e = line;
  const L = echelonLabels(lang);
  out[at[COL.score]] = e.score ?? '';
  for (let d = 0; d < DIMENSIONS.length; d++) out[at[DIM_COLS[d]]] = e.dims[DIMENSIONS[d]] ?? '';
  out[at[COL.tier]] = L.tiers[e.tier];
  out[at[COL.tierSource]] = L.tierSources[e.tierSource];
  out[at[COL.stage]] = L.stages[e.stage];
  out[at[COL.source]] = e.source ? L.sources[e.source] : '';
  out[at[COL.roi]] = e.roi === undefined ? '' : mathRound(e.roi * 100) / 100;
  out[at[COL.workload]] = e.workload;
  out[at[COL.lastContact]] = e.lastContactDay === undefined ? '' : dateOf(e.lastContactDay);
  out[at[COL.followUpStatus]] = L.followUps[e.followUpStatus];
  out[at[COL.nextFollowUp]] = e.nextFollowUpDay === undefined ? '' : dateOf(e.nextFollowUpDay);
  out[at[COL.openIncidents]] = e.openIncidents;
  out[at[COL.highestSeverity]] = e.highestSeverity ? L.severities[e.highestSeverity] : '';
  out[at[COL.nextAction]] = e.nextAction;
  out[at[COL.mentor]] = e.mentorId ? mentorCell(e.mentorId, e.mentorName ?? '') : '';
  return out;
}

/** One line's cells by Echelon column key (before safeCell), e.g. for the sidebar's profile card. */
export function echelonRecord(line: EchelonEntry | ProblemRow, lang: Lang): Record<string, unknown> {
  const cells = echelonCells(line, lang);
  const rec: Record<string, unknown> = {};
  ECHELON.columns.forEach((c, i) => {
    if (c.key !== 'updated') rec[c.key] = cells[i];
  });
  return rec;
}

/** Two cell values are the same when Sheets would show the same thing (Dates by time). */
export function sameCell(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  const blankA = a === '' || a === null || a === undefined;
  const blankB = b === '' || b === null || b === undefined;
  return blankA && blankB;
}

export interface SheetBlock {
  /** 0-based first column of the block. */
  column: number;
  /** Rows from the header row (row 1) down, each `width` wide. */
  values: unknown[][];
  width: number;
  /** Any cell differs from the sheet as read. */
  changed: boolean;
}

/**
 * The Echelon block to write in one setValues: the header row, then one row per line, then blank
 * rows over any stale rows left from a longer previous run. It spans the columns recompute owns
 * (a column the team inserted between them keeps its values, carried with the KOC ID; columns
 * outside the span are never touched). A row whose cells are all as before keeps its Updated
 * time, so a run with unchanged data changes no cell.
 */
export function echelonBlock(opts: {
  /** The Echelon sheet's values as read, header row first ([] when empty). */
  sheet: readonly (readonly unknown[])[];
  lines: readonly (EchelonEntry | ProblemRow)[];
  lang: Lang;
  now: Date;
  /** Header map of the sheet's first row (use mapHeaders(ECHELON, row 1)). */
  map: HeaderMap;
}): SheetBlock {
  const { sheet, lang, now } = opts;
  const oldHeader = sheet[0] ?? [];
  const headerIsBlank = oldHeader.every((v) => trimmedText(v) === '');
  // Where each owned column goes: as found by header; missing ones appended on the right.
  const index: Record<string, number> = {};
  const header: unknown[] = headerIsBlank ? [] : oldHeader.slice();
  while (header.length > 0 && trimmedText(header[header.length - 1]) === '') header.pop();
  for (const col of ECHELON.columns) {
    const at = headerIsBlank ? undefined : opts.map.index[col.key];
    if (at !== undefined) index[col.key] = at;
    else {
      index[col.key] = header.length;
      header.push(label(col, lang));
    }
  }
  const owned = ECHELON.columns.map((c) => index[c.key]);
  const lo = Math.min(...owned);
  const hi = Math.max(...owned);
  const width = hi - lo + 1;
  const ownedSet = new Set(owned);
  const extras: number[] = [];
  for (let c = lo; c <= hi; c++) if (!ownedSet.has(c)) extras.push(c);

  const oldRows = Math.max(sheet.length - 1, 0);
  const previousByRow = new Map<string, readonly unknown[]>();
  const idAt = opts.map.index.kocId;
  if (!headerIsBlank && idAt !== undefined)
    for (let r = 1; r < sheet.length; r++) {
      const id = trimmedText(sheet[r][idAt]);
      if (id && !previousByRow.has(id)) previousByRow.set(id, sheet[r]);
    }

  const updatedAt = index.updated - lo;
  // Block position of each schema column, and the owned positions compared for "unchanged".
  const at = ECHELON.columns.map((c) => index[c.key] - lo);
  const compared = at.filter((_, j) => ECHELON.columns[j].key !== 'updated');
  const values: unknown[][] = [];
  values.push(Array.from({ length: width }, (_, i) => header[lo + i] ?? ''));
  // Each day's Date made once: a roster repeats a few hundred days.
  const dateOf = memoized(dateOfDay);
  const lines = opts.lines;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const out = blankRow(width);
    echelonCells(line, lang, dateOf, out, at);
    const id = 'koc' in line ? line.id : '';
    const before = id ? previousByRow.get(id) : undefined;
    if (before) for (let x = 0; x < extras.length; x++) out[extras[x] - lo] = before[extras[x]] ?? '';
    let same = before !== undefined;
    if (before)
      for (let x = 0; x < compared.length; x++)
        if (!sameCell(out[compared[x]], before[compared[x] + lo])) {
          same = false;
          break;
        }
    // Problem rows have no Updated time: they are re-reported each run, so it would never settle.
    out[updatedAt] = 'koc' in line ? (same ? before![updatedAt + lo] : now) : '';
    values.push(out);
  }
  const rowsNeeded = Math.max(oldRows, opts.lines.length);
  while (values.length < rowsNeeded + 1) values.push(blankRow(width));

  let changed = false;
  for (let r = 0; r < values.length && !changed; r++) {
    const was = sheet[r];
    const row = values[r];
    for (let c = 0; c < width; c++) if (!sameCell(row[c], was?.[lo + c])) {
      changed = true;
      break;
    }
  }
  return { column: lo, values, width, changed };
}

/** History rows by History column key. */
export function historyRecords(history: readonly HistoryEntry[], now: Date, lang: Lang): Record<string, unknown>[] {
  const fieldLabel = (f: 'tier' | 'stage') => label(ECHELON.columns.find((c) => c.key === f)!, lang);
  return history.map((h) => ({ when: now, kocId: h.kocId, name: h.name, field: fieldLabel(h.field), from: h.from, to: h.to, reason: h.reason }));
}

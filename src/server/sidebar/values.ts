/**
 * Score, tier, stage, follow-up and next action of KOCs for the sidebar, as the recompute has them
 * or will have them: scores and tiers from the Echelon sheet (a KOC not yet recomputed is scored
 * by the same core), follow-ups, stage and the next action by the recompute's own rules, so the
 * sidebar never waits for a recompute to agree with Echelon.
 */
import { isOpenIncident, SEVERITY_RANK, type SeverityKey } from '../../core/incidents';
import { isoOfDay } from '../../core/dates';
import { firstRowOfEachId } from '../../core/ids';
import { nextActionText, silentDays, urgencyOf } from '../../core/echelon/next-action';
import { carriedFirstContact, type FollowUpDue, followUpDue, type FollowUpStatus, rosterDays } from '../../core/follow-up';
import type { Settings } from '../../core/settings';
import { readNumber, trimmedText } from '../../core/numbers';
import { playbookAction, playbookFromSheet, type PlaybookRule, type SourceKey } from '../../core/playbook';
import { emptyKoc, enumKey, type KocField, kocReader, type KocRecord, readKocRow } from '../../core/record';
import { SCORE_FIELDS, scoreContextOf, scoreScratch } from '../../core/score';
import { stageFor } from '../../core/stage';
import { tierFacts, tierOf } from '../../core/tier';
import { t } from '../../core/text';
import { INCIDENT_STATUSES, type Lang, SEVERITIES, STAGES, type StageKey, TIER_SOURCES, TIERS, type TierKey } from '../../sheets/schema';
import { cellOf, type Table } from '../../sheets/table';
import { type Book, type ColumnRef, cellIn, NO_COLUMN, type RosterIndex } from './workbook';

export interface RosterValue {
  score: number | null;
  tier: TierKey | null;
  /** Echelon's stage; null for a KOC not yet recomputed. */
  stage: StageKey | null;
}

/** The Echelon columns the scorer reads: one block, shared with the matcher's own read. */
export const ECHELON_VALUE_COLUMNS = ['kocId', 'score', 'tier', 'stage'] as const;

/**
 * KOC ID → the highest severity among its open incidents, read live from Incidents (an incident
 * logged since the last recompute counts at once). An incident with no status and no resolution
 * date is open.
 */
export function openSeverities(book: Book): Map<string, SeverityKey> {
  const out = new Map<string, SeverityKey>();
  const view = book.view('incidents', ['kocId', 'severity', 'status', 'resolved']);
  const ids = view?.col('kocId');
  if (!view || !ids) return out;
  const sev = view.col('severity') ?? NO_COLUMN;
  const status = view.col('status') ?? NO_COLUMN;
  const resolved = view.col('resolved') ?? NO_COLUMN;
  for (let i = 0; i < view.length; i++) {
    const id = trimmedText(ids.rows[i][ids.at]);
    if (!id) continue;
    const s = enumKey<'open' | 'resolved'>(INCIDENT_STATUSES, cellIn(status, i));
    if (!isOpenIncident(s, cellIn(resolved, i))) continue;
    const severity = enumKey<SeverityKey>(SEVERITIES, cellIn(sev, i));
    if (!severity) continue;
    const was = out.get(id);
    if (!was || SEVERITY_RANK[severity] > SEVERITY_RANK[was]) out.set(id, severity);
  }
  return out;
}

function echelonIndex(echelon: Table | null): Map<string, number> {
  return echelon ? firstRowOfEachId(echelon.rows, echelon.map.index.kocId) : new Map();
}

// Read once: in a vm context (the emulator, tests, bench) every global lookup goes through the
// context object, and the scorer runs once per KOC of a 50k roster.
const isNotANumber = Number.isNaN;

/** KOC ID → its first row, from a column of IDs. */
function idIndex(ids: ColumnRef, length: number): Map<string, number> {
  return firstRowOfEachId(ids.rows, ids.at, 0, length);
}

/** The first Echelon row of the KOC on each roster row (-1: none). */
function echelonRowsByRoster(ids: ColumnRef, length: number, roster: RosterIndex): Int32Array {
  const out = new Int32Array(roster.idAt.length).fill(-1);
  const { rows, at } = ids;
  for (let i = 0; i < length; i++) {
    const raw = rows[i][at];
    const id = trimmedText(raw);
    if (!id) continue;
    const r = roster.rowOf.get(id);
    if (r !== undefined && out[r] < 0) out[r] = i;
  }
  return out;
}

/**
 * Score and tier of a KOC from its roster row: Echelon's when it has the KOC, else computed with
 * the value model and the Settings' weights and thresholds. The answer object is reused between
 * calls (copy what you keep), so scoring 50k rows makes no garbage. Only the columns used are
 * read: Echelon's ID, score and tier; the roster's scoring columns only for a KOC Echelon lacks.
 * With `roster` (the index of the roster the rows come from), `rowIndex` must be the KOC's row in it.
 */
export function rosterScorer(book: Book, settings: Settings, today: number, roster?: RosterIndex): (id: string, rowIndex: number) => RosterValue {
  const echelon = book.view('echelon', ECHELON_VALUE_COLUMNS);
  const echelonIds = echelon?.col('kocId');
  // With the roster's index, each KOC's Echelon row is found by its roster row: one Map lookup per
  // Echelon row instead of an index of Echelon's own.
  const byRosterRow = roster && echelon && echelonIds ? echelonRowsByRoster(echelonIds, echelon.length, roster) : undefined;
  const fromEchelon = !byRosterRow && echelon && echelonIds ? idIndex(echelonIds, echelon.length) : new Map<string, number>();
  const scoreCol = echelon?.col('score');
  const tierCol = echelon?.col('tier');
  const stageCol = echelon?.col('stage');
  // Tier cells repeat four labels: look each distinct cell up once.
  const tiers = new Map<unknown, TierKey | null>();
  const ctx = scoreContextOf(settings, today);
  const scratch = scoreScratch();
  const record = emptyKoc();
  let scoring: { table: Table; reader: ReturnType<typeof kocReader> } | undefined;
  const out: RosterValue = { score: null, tier: null, stage: null };
  return (id, rowIndex) => {
    const found = byRosterRow ? byRosterRow[rowIndex] : (fromEchelon.get(id) ?? -1);
    if (found >= 0) {
      const at = found;
      const score = scoreCol ? readNumber(scoreCol.rows[at][scoreCol.at]) : undefined;
      out.score = score === undefined || isNotANumber(score) ? null : score;
      const tierCell = tierCol ? tierCol.rows[at][tierCol.at] : '';
      let tier = tiers.get(tierCell);
      if (tier === undefined) {
        tier = enumKey<TierKey>(TIERS, tierCell);
        if (typeof tierCell === 'string' && tiers.size < 100) tiers.set(tierCell, tier);
      }
      out.tier = tier;
      out.stage = stageCol ? enumKey<StageKey>(STAGES, stageCol.rows[at][stageCol.at]) : null;
      return out;
    }
    out.stage = null;
    // Not recomputed yet: only the columns the value model reads (as KOC_SCORE does) and the manual tier.
    if (!scoring) {
      const fields = [...SCORE_FIELDS, 'tierOverride'] as const;
      const table = book.columns('kocs', fields)!;
      scoring = { table, reader: kocReader(table.map, { only: fields }) };
    }
    const row = scoring.table.rows[rowIndex];
    if (!row) {
      out.score = null;
      out.tier = null;
      return out;
    }
    const { koc } = readKocRow(scoring.reader, row, record);
    const facts = tierFacts(koc, ctx, scratch);
    out.score = facts.score ?? null;
    out.tier = koc.tierOverride ?? (facts.score === undefined ? null : tierOf(facts, settings));
    return out;
  };
}

/** Score and tier of the KOCs named in `only` (or all), keyed by KOC ID. */
export function rosterValues(book: Book, settings: Settings, today: number, only?: ReadonlySet<string>): Map<string, RosterValue> {
  const result = new Map<string, RosterValue>();
  const kocs = book.table('kocs');
  if (!kocs || kocs.map.index.id === undefined) return result;
  const scoreOf = rosterScorer(book, settings, today);
  for (const [id, i] of firstRowOfEachId(kocs.rows, kocs.map.index.id)) if (!only || only.has(id)) result.set(id, { ...scoreOf(id, i) });
  return result;
}

export interface ProfileValues {
  tier: TierKey | null;
  tierOverridden: boolean;
  stage: StageKey | null;
  score: number | null;
  nextAction: string;
  nextFollowUp: string | null;
  /** What the next follow-up is: a first contact's deadline or the cadence's date (follow-up.ts). */
  followUpStatus: FollowUpStatus | null;
  computedFrom: 'echelon' | 'core';
  source: SourceKey | null;
}

/** The latest logged contact of a KOC (see latestContacts). */
export interface LatestContact {
  day: number;
  nextDay: number | null;
  summary: string;
}

/**
 * Each KOC's latest logged contact by the recompute's rule: the later Date wins; on the same day
 * the row further down (logged later) does; a row without a readable Date is no contact.
 */
export function latestContacts(followUps: readonly { kocId: string; day: number | null; nextDay: number | null; summary: string }[]): Map<string, LatestContact> {
  const latest = new Map<string, LatestContact>();
  for (const f of followUps) {
    if (f.day === null) continue;
    const prev = latest.get(f.kocId);
    if (!prev || f.day >= prev.day) latest.set(f.kocId, { day: f.day, nextDay: f.nextDay, summary: f.summary });
  }
  return latest;
}

/** What the recompute would work out for a KOC now: tier, stage, follow-up and silence. */
export interface KocNow {
  tier: TierKey;
  stage: StageKey;
  source: SourceKey | undefined;
  due: FollowUpDue;
  silentDays: number | undefined;
}

/**
 * A KOC's tier, stage, follow-up and silence as the next recompute will have them, from its
 * roster row (`rowIndex` in the KOCs table) and its latest logged contact: the tier Echelon shows
 * (the core's for a KOC not yet recomputed; it changes only when the data does), the stage and
 * the follow-up by the recompute's own rules (stage.ts, follow-up.ts). Reads the whole roster
 * once (already read by the sidebar's lists) and Echelon's ID, score and tier.
 */
export function kocsNow(book: Book, settings: Settings, today: number): (rowIndex: number, latest: LatestContact | undefined) => KocNow | undefined {
  const kocs = book.table('kocs');
  const tierOf = rosterScorer(book, settings, today);
  const reader = kocs ? kocReader(kocs.map, { only: NOW_FIELDS }) : undefined;
  const record = emptyKoc();
  const firstContactOf = carriedFirstContacts(book);
  return (rowIndex, latest) => {
    const row = kocs?.rows[rowIndex];
    if (!kocs || !reader || !row) return undefined;
    const { koc } = readKocRow(reader, row, record);
    const tier = tierOf(koc.id, rowIndex).tier ?? 'candidate';
    const stage = stageFor(koc, today, settings.stageRules);
    const days = rosterDays(koc, today);
    const due = followUpDue(
      {
        rosterContactDay: days.lastContactDay,
        loggedDay: latest?.day,
        loggedNextDay: latest?.nextDay ?? undefined,
        joinedDay: days.joinedDay,
        firstContactDay: firstContactOf(koc.id),
        tier,
        stage,
        status: koc.status,
      },
      today,
      settings,
    );
    return { tier, stage, source: koc.source, due, silentDays: silentDays(days.lastPostDay, due.lastContactDay, today) };
  };
}

/**
 * KOC ID → the first-contact deadline its Echelon row carries (the recompute's previous-run
 * anchor, read the same way: first row of an ID, carriedFirstContact). Three Echelon columns,
 * from the table when it is already read.
 */
function carriedFirstContacts(book: Book): (id: string) => number | undefined {
  const view = book.view('echelon', ['kocId', 'followUpStatus', 'nextFollowUp']);
  const ids = view?.col('kocId');
  const status = view?.col('followUpStatus');
  const next = view?.col('nextFollowUp');
  if (!view || !ids || !status || !next) return () => undefined;
  const at = idIndex(ids, view.length);
  return (id) => {
    const i = at.get(id);
    return i === undefined ? undefined : carriedFirstContact(status.rows[i][status.at], next.rows[i][next.at]);
  };
}

/** The roster columns kocsNow reads. */
const NOW_FIELDS: readonly KocField[] = ['id', 'status', 'source', 'joined', 'lastContact', 'lastPost', 'posts30d'];

/** The playbook the team keeps on the Playbook sheet, or the defaults. */
export function loadPlaybook(book: Book, lang: Lang): PlaybookRule[] {
  return playbookFromSheet(book.table('playbook') ?? undefined, lang).rules;
}

/** One KOC's full record from its roster row. */
export function kocRecord(kocs: Table, rowIndex: number): KocRecord {
  return readKocRow(kocReader(kocs.map), kocs.rows[rowIndex]).koc;
}

/** The open incidents of a KOC that decide its next action. */
export interface IncidentFacts {
  highestSeverity: SeverityKey | undefined;
  openIncidents: number;
  /** The most severe open incident past its response deadline, and its days past it (incident-clock.ts). */
  lateSeverity: SeverityKey | undefined;
  lateDays: number;
}

/**
 * Tier, stage, score, next follow-up and next action for the profile card, as Echelon will show
 * them after the next recompute: score and tier from the Echelon row (the core's for a KOC not
 * yet recomputed); stage, follow-up, silence and the next action worked out now by the
 * recompute's own rules, so a contact just logged or an incident just resolved shows at once.
 */
export function profileValues(
  book: Book,
  settings: Settings,
  koc: KocRecord,
  rowIndex: number,
  today: number,
  latest: LatestContact | undefined,
  incidents: IncidentFacts,
  playbook: () => PlaybookRule[],
): ProfileValues {
  const lang = book.lang;
  const echelon = book.table('echelon');
  const at = echelonIndex(echelon).get(koc.id);
  const now = kocsNow(book, settings, today)(rowIndex, latest);
  let score: number | null;
  let tierOverridden: boolean;
  let computedFrom: ProfileValues['computedFrom'];
  if (echelon && at !== undefined) {
    const row = echelon.rows[at];
    const n = readNumber(cellOf(echelon, row, 'score'));
    score = n === undefined || Number.isNaN(n) ? null : n;
    tierOverridden = enumKey(TIER_SOURCES, cellOf(echelon, row, 'tierSource')) === 'override';
    computedFrom = 'echelon';
  } else {
    score = tierFacts(koc, scoreContextOf(settings, today)).score ?? null;
    tierOverridden = koc.tierOverride !== undefined;
    computedFrom = 'core';
  }
  if (!now) return { tier: null, tierOverridden, stage: null, score, nextAction: '', nextFollowUp: null, followUpStatus: null, computedFrom, source: koc.source ?? null };
  const state = { ...incidents, followUpStatus: now.due.status, silentDays: now.silentDays, stage: now.stage };
  const nextAction = nextActionText(
    { ...state, urgency: urgencyOf(state, settings.silentDays), tier: now.tier, source: now.source, nextFollowUpDay: now.due.nextDay },
    playbook(),
    lang,
    today,
  );
  return {
    tier: now.tier,
    tierOverridden,
    stage: now.stage,
    score,
    nextAction,
    nextFollowUp: now.due.nextDay === undefined ? null : isoOfDay(now.due.nextDay),
    followUpStatus: now.due.status,
    computedFrom,
    source: koc.source ?? null,
  };
}

/** The step the sidebar suggests after a Negative contact or a High/Critical incident. */
export function suggestion(lang: Lang, rules: PlaybookRule[], values: ProfileValues, trigger: 'negative' | 'incident'): string {
  const action = playbookAction(rules, values.tier ?? 'candidate', values.stage ?? 'active', values.source ?? '');
  const lead = t(trigger === 'incident' ? 'suggestIncident' : 'suggestNegative', lang);
  return action ? `${lead} · ${action}` : lead;
}

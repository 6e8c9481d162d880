/**
 * Score, tier, stage and next action of KOCs for the sidebar. The Echelon sheet (written by the
 * recompute) is the first source, so the sidebar shows what the team sees in the sheet; a KOC
 * not yet recomputed is worked out with the same core the recompute uses (never a second model).
 */
import type { Settings } from '../../core/settings';
import { readNumber, trimmedText } from '../../core/numbers';
import { playbookAction, playbookFromSheet, type PlaybookRule, type SourceKey, urgency } from '../../core/playbook';
import { emptyKoc, enumKey, kocReader, type KocRecord, readKocRow } from '../../core/record';
import { SCORE_FIELDS, scoreContextOf, scoreScratch } from '../../core/score';
import { type StageKey, stageFor } from '../../core/stage';
import { type TierKey, tierFacts, tierOf } from '../../core/tier';
import { t } from '../../core/text';
import { SEVERITY_RANK, type SeverityKey } from '../../core/dashboard';
import { INCIDENT_STATUSES, type Lang, SEVERITIES, STAGES, TIER_SOURCES, TIERS } from '../../sheets/schema';
import { cellOf, type Table } from '../../sheets/table';
import { type Book, type ColumnRef, isoOf, type RosterIndex } from './workbook';

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
  const none: ColumnRef = { rows: [], at: 0 };
  const sev = view.col('severity') ?? none;
  const status = view.col('status') ?? none;
  const resolved = view.col('resolved') ?? none;
  const at = (c: ColumnRef, i: number) => (c === none ? '' : c.rows[i][c.at]);
  for (let i = 0; i < view.length; i++) {
    const id = trimmedText(ids.rows[i][ids.at]);
    if (!id) continue;
    const s = enumKey<'open' | 'resolved'>(INCIDENT_STATUSES, at(status, i));
    if (!(s === 'open' || (s === null && trimmedText(at(resolved, i)) === ''))) continue;
    const severity = enumKey<SeverityKey>(SEVERITIES, at(sev, i));
    if (!severity) continue;
    const was = out.get(id);
    if (!was || SEVERITY_RANK[severity] > SEVERITY_RANK[was]) out.set(id, severity);
  }
  return out;
}

function echelonIndex(echelon: Table | null): Map<string, number> {
  const index = new Map<string, number>();
  if (!echelon || echelon.map.index.kocId === undefined) return index;
  const col = echelon.map.index.kocId;
  echelon.rows.forEach((row, i) => {
    const id = trimmedText(row[col]);
    if (id && !index.has(id)) index.set(id, i);
  });
  return index;
}

// Read once: in a vm context (the emulator, tests, bench) every global lookup goes through the
// context object, and the scorer runs once per KOC of a 50k roster.
const isNotANumber = Number.isNaN;

/** KOC ID → its first row, from a column of IDs. */
function idIndex(ids: ColumnRef, length: number): Map<string, number> {
  const index = new Map<string, number>();
  const { rows, at } = ids;
  for (let i = 0; i < length; i++) {
    const raw = rows[i][at];
    const id = trimmedText(raw);
    if (id && !index.has(id)) index.set(id, i);
  }
  return index;
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
  const idCol = kocs.map.index.id;
  const scoreOf = rosterScorer(book, settings, today);
  kocs.rows.forEach((row, i) => {
    const id = trimmedText(row[idCol]);
    if (!id || result.has(id) || (only && !only.has(id))) return;
    result.set(id, { ...scoreOf(id, i) });
  });
  return result;
}

export interface ProfileValues {
  tier: TierKey | null;
  tierOverridden: boolean;
  stage: StageKey | null;
  score: number | null;
  nextAction: string;
  nextFollowUp: string | null;
  computedFrom: 'echelon' | 'core';
  source: SourceKey | null;
}

export interface UrgentFacts {
  highestOpenSeverity?: 'low' | 'medium' | 'high' | 'critical';
  /** Highest severity among open incidents past their response deadline, and the most days past it. */
  lateIncidentSeverity?: 'low' | 'medium' | 'high' | 'critical';
  lateDays?: number;
  openIncidents: number;
  overdue: boolean;
}

/** The playbook the team keeps on the Playbook sheet, or the defaults. */
export function loadPlaybook(book: Book, lang: Lang): PlaybookRule[] {
  return playbookFromSheet(book.table('playbook') ?? undefined, lang).rules;
}

/** One KOC's full record from its roster row. */
export function kocRecord(kocs: Table, rowIndex: number): KocRecord {
  return readKocRow(kocReader(kocs.map), kocs.rows[rowIndex]).koc;
}

/**
 * Tier, stage, score and next action for the profile card: the Echelon row when present, else
 * the core (score, tier, stage, playbook) with the urgent situations first.
 */
export function profileValues(
  book: Book,
  settings: Settings,
  koc: KocRecord,
  today: number,
  facts: UrgentFacts,
  playbook: () => PlaybookRule[],
): ProfileValues {
  const lang = book.lang;
  const echelon = book.table('echelon');
  const at = echelonIndex(echelon).get(koc.id);
  if (echelon && at !== undefined) {
    const row = echelon.rows[at];
    const score = readNumber(cellOf(echelon, row, 'score'));
    return {
      tier: enumKey<TierKey>(TIERS, cellOf(echelon, row, 'tier')),
      tierOverridden: enumKey(TIER_SOURCES, cellOf(echelon, row, 'tierSource')) === 'override',
      stage: enumKey<StageKey>(STAGES, cellOf(echelon, row, 'stage')),
      score: score === undefined || Number.isNaN(score) ? null : score,
      nextAction: trimmedText(cellOf(echelon, row, 'nextAction')),
      nextFollowUp: isoOf(cellOf(echelon, row, 'nextFollowUp')),
      computedFrom: 'echelon',
      source: koc.source ?? null,
    };
  }
  const assessed = tierFacts(koc, scoreContextOf(settings, today));
  const score = assessed.score;
  const tier = koc.tierOverride ?? tierOf(assessed, settings);
  const stage = stageFor(koc, today, settings.stageRules);
  return {
    tier,
    tierOverridden: koc.tierOverride !== undefined,
    stage,
    score: score ?? null,
    nextAction: nextAction(lang, playbook(), tier, stage, koc.source ?? '', facts),
    nextFollowUp: null,
    computedFrom: 'core',
    source: koc.source ?? null,
  };
}

/** The urgent situation first (an open High/Critical incident, an overdue follow-up), then the playbook. */
export function nextAction(lang: Lang, rules: PlaybookRule[], tier: TierKey, stage: StageKey, source: SourceKey | '', facts: UrgentFacts): string {
  const action = playbookAction(rules, tier, stage, source);
  const kind = urgency({
    highestOpenSeverity: facts.highestOpenSeverity,
    lateIncidentSeverity: facts.lateIncidentSeverity,
    openIncidents: facts.openIncidents,
    followUpStatus: facts.overdue ? 'overdue' : 'ok',
    silentLimit: Number.POSITIVE_INFINITY,
  });
  if (kind === 'incidentLate') {
    const sev = SEVERITIES.find((s) => s.key === facts.lateIncidentSeverity)!;
    return `${t('nextActionIncidentLate', lang, { severity: sev[lang], days: facts.lateDays ?? 0 })} · ${action}`;
  }
  if (kind === 'incident') {
    const sev = SEVERITIES.find((s) => s.key === facts.highestOpenSeverity)!;
    return `${t('nextActionIncident', lang, { severity: sev[lang] })} · ${action}`;
  }
  if (kind === 'overdue') return `${t('nextActionOverdue', lang)} · ${action}`;
  return action;
}

/** The step the sidebar suggests after a Negative contact or a High/Critical incident. */
export function suggestion(lang: Lang, rules: PlaybookRule[], values: ProfileValues, trigger: 'negative' | 'incident'): string {
  const action = playbookAction(rules, values.tier ?? 'candidate', values.stage ?? 'active', values.source ?? '');
  const lead = t(trigger === 'incident' ? 'suggestIncident' : 'suggestNegative', lang);
  return action ? `${lead} · ${action}` : lead;
}

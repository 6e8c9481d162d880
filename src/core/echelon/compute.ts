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
import { type AssignmentStatus, countsTowardWorkload } from '../assignments';
import { buildDashboard, type DashboardIncident, type DashboardKoc, type DashboardOffer } from '../dashboard';
import { isOpenIncident, SEVERITY_RANK, type SeverityKey } from '../incidents';
import { dateOfDay, dayNumber, isoOfDay, readDay } from '../dates';
import { DIMENSIONS, type Dimension } from '../defaults';
import { mayMentor } from '../gating';
import { daysPastDeadline } from '../incident-clock';
import { assignMentors, type MentorCandidate } from '../mentors';
import { quote, readNumber, round, trimmedText } from '../numbers';
import { followUpDue } from '../follow-up';
import type { PlaybookRule } from '../playbook';
import { emptyKoc, KOCS, type KocField, type KocRecord, kocReader, readKocRow } from '../record';
import { roi as roiOf, SCORE_FIELDS, type ScoreContext, type ScoreScratch, scoreContextOf, scoreScratch, totalScore } from '../score';
import type { Settings } from '../settings';
import { isAssessed, type StageInput, stageFor, stageWithReason } from '../stage';
import { t } from '../text';
import { shortfallText } from '../explain';
import type { RankedTier } from '../model';
import { evidenceShort, TIER_ORDER, type TierFacts, type TierKey, tierOf, tierRank } from '../tier';
import { ASSIGNMENT_STATUSES, type ColumnKey, columnLabel, enumLabel, INCIDENT_KINDS, INCIDENT_STATUSES, type Lang, label, normalizeHeader, SEVERITIES, sheetDef, STAGES, TIERS } from '../../sheets/schema';
import { type TierMove, tierWithHysteresis } from './hysteresis';
import { memoNextAction, silentDays, urgencyOf } from './next-action';
import { cell, colIndex, enumOf, readPrevious } from './sheet';
import type { EchelonEntry, EchelonInput, EchelonKoc, EchelonResult, HistoryEntry, PreviousLine, ProblemRow, SheetRows } from './types';

// Globals looked up once: in Apps Script's V8 (and a node:vm context) each global lookup in a hot
// loop is a slow property read of the global object.
const NAN = Number.NaN;
const isNotANumber = Number.isNaN;

/** A child row's date cell as a day: undefined when blank; reported (and undefined) when bad. */
function childDay<S extends 'assignments' | 'followups' | 'incidents'>(sheet: S, key: ColumnKey<S>, raw: unknown, row: number, lang: Lang, problems: string[] | undefined): number | undefined {
  if (raw === '' || raw === undefined || raw === null) return undefined;
  const day = readDay(raw);
  if (day === undefined || !isNotANumber(day)) return day;
  if (problems) {
    const def = sheetDef(sheet);
    problems.push(t('problemChildDate', lang, { sheet: label(def, lang), row, column: columnLabel(sheet, key, lang), value: quote(raw, lang) }));
  }
  return undefined;
}

function childNumber(sheet: 'assignments', key: ColumnKey<'assignments'>, raw: unknown, row: number, lang: Lang, problems: string[] | undefined): number {
  const n = readNumber(raw);
  if (n === undefined) return 0;
  if (isNotANumber(n)) {
    if (problems) {
      const def = sheetDef(sheet);
      problems.push(t('problemChildNumber', lang, { sheet: label(def, lang), row, column: columnLabel(def, key, lang), value: quote(raw, lang) }));
    }
    return 0;
  }
  return n;
}

/** The roster columns the echelon uses (the rest — platform, formats, notes… — it never reads). */
const ECHELON_FIELDS: readonly KocField[] = [
  ...new Set<KocField>([...SCORE_FIELDS, 'id', 'name', 'owner', 'source', 'joined', 'categories', 'lastContact', 'monthlyCost', 'status', 'tierOverride']),
];


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
  /** Severity rank and days past the deadline of the worst open incident past its response deadline. */
  lateWorst: Int32Array;
  lateDays: Int32Array;
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
  const ctx: ScoreContext = scoreContextOf(settings, today);
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
    lateWorst: new Int32Array(n),
    lateDays: new Int32Array(n),
    worst: new Int32Array(n),
    dashIncidents: [],
    orphans: 0,
  };
  if (input.assignments) gatherAssignments(input.assignments, roster, sums, today, lang);
  if (input.followUps) gatherFollowUps(input.followUps, roster, sums, lang);
  if (input.incidents) gatherIncidents(input.incidents, roster, sums, today, settings, lang);

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
    // One map for both "seen before?" and "which entry": the first row of an ID is the KOC (ids.ts).
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
    if (countsTowardWorkload(status)) workload[k]++;
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

function gatherIncidents(sheet: SheetRows, roster: Roster, sums: ChildSums, today: number, settings: Settings, lang: Lang): void {
  const { entries, byId } = roster;
  const { openIncidents, worst, dashIncidents, lateWorst, lateDays } = sums;
  const { map, rows: irows } = sheet;
  for (let i = 0; i < irows.length; i++) {
    const r = irows[i];
    if (isBlank(r)) continue;
    const status = enumOf<'open' | 'resolved'>(INCIDENT_STATUSES, cell(map, r, 'status'));
    if (!isOpenIncident(status, cell(map, r, 'resolved'))) continue;
    const id = trimmedText(cell(map, r, 'kocId'));
    const severity = enumOf<SeverityKey>(SEVERITIES, cell(map, r, 'severity'));
    const kindKey = enumOf<string>(INCIDENT_KINDS, cell(map, r, 'kind'));

    const k = byId.get(id);
    if (k === undefined) {
      sums.orphans++;
      continue;
    }
    const openedDay = childDay('incidents', 'opened', cell(map, r, 'opened'), i + 2, lang, entries[k].problems);
    const late = daysPastDeadline(openedDay, severity, today, settings.incidentDays);
    dashIncidents.push({ kocId: id, severity, kind: kindKey ? enumLabel(INCIDENT_KINDS, kindKey, lang) : trimmedText(cell(map, r, 'kind')), openedDay, lateDays: late });
    openIncidents[k]++;
    if (late > 0 && severity && (SEVERITY_RANK[severity] > lateWorst[k] || (SEVERITY_RANK[severity] === lateWorst[k] && late > lateDays[k]))) {
      lateWorst[k] = SEVERITY_RANK[severity];
      lateDays[k] = late;
    }
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
  const { workload, value, cost, lastFollowDay, lastFollowNext, openIncidents, worst, lateWorst, lateDays } = sums;
  const history: HistoryEntry[] = [];
  const nextAction = memoNextAction(rules, lang, today);
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    const prev = previous.get(e.id);
    let move: TierMove | undefined;
    if (e.koc.tierOverride) {
      e.tier = e.koc.tierOverride;
      e.tierSource = 'override';
    } else {
      const prevComputed = prev && prev.tierSource !== 'override' ? prev.tier : undefined;
      if (e.score === undefined) e.tier = e.plainTier;
      else {
        move = tierWithHysteresis(e.facts, prevComputed, settings, settings.hysteresis);
        e.tier = move.tier;
      }
      // Out of assessment (Alumni, Transition past its window): no tier shown, and none counted —
      // the Dashboard's pyramid and the playbook see the entry tier, not a past Core.
      if (!e.assessed) e.tier = 'candidate';
    }

    e.workload = workload[k];
    e.value = (e.koc.gmv30d ?? 0) + value[k];
    e.cost = (e.koc.monthlyCost ?? 0) + cost[k];
    e.roi = roiOf(e.value, e.cost);

    const logged = isNotANumber(lastFollowDay[k]) ? undefined : lastFollowDay[k];
    const due = followUpDue(
      {
        rosterContactDay: e.koc.lastContactDay,
        loggedDay: logged,
        loggedNextDay: isNotANumber(lastFollowNext[k]) ? undefined : lastFollowNext[k],
        joinedDay: e.koc.joinedDay,
        firstContactDay: prev?.firstContactDay,
        tier: e.tier,
        stage: e.stage,
        status: e.koc.status,
      },
      today,
      settings,
    );
    e.lastContactDay = due.lastContactDay;
    e.nextFollowUpDay = due.nextDay;
    e.followUpStatus = due.status;

    e.openIncidents = openIncidents[k];
    e.highestSeverity = SEVERITY_BY_RANK[worst[k]];
    e.lateSeverity = SEVERITY_BY_RANK[lateWorst[k]];
    e.lateDays = lateDays[k];

    e.silentDays = silentDays(e.koc.lastPostDay, e.lastContactDay, today);
    e.urgency = urgencyOf(e, settings.silentDays);
    e.nextAction = nextAction(e);

    const shownTier = e.assessed || e.tierSource === 'override' ? e.tier : undefined;
    if (prev && ((prev.tier !== undefined && prev.tier !== shownTier) || (prev.stage !== undefined && prev.stage !== e.stage)))
      history.push(...changes(e, shownTier, prev, move, today, settings, lang));
  }
  return history;
}

function isBlank(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v !== '' && v !== null && v !== undefined) return false;
  }
  return true;
}

/** How many dimensions have weight (the "of 7" of evidence). */
function weightedDimensions(settings: Settings): number {
  return DIMENSIONS.filter((d) => settings.weights[d] > 0).length;
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
  const facts: TierFacts = { score: total, evidence: scratch.evidence, groups: { ...scratch.groups } };
  const stage = stageFor(koc, today, settings.stageRules);
  const assessed = isAssessed(koc, today, settings.stageRules);
  const own = problems.length ? problems.slice() : [];
  if (total === undefined) own.push(t('nothingToScore', lang));
  const plainTier = tierOf(facts, settings);
  const short = assessed ? evidenceShort(facts, settings) : undefined;
  if (short) own.push(t('problemEvidence', lang, { n: short.evidence, all: weightedDimensions(settings), need: short.need }));
  let joinedDay = koc.joined ? dayNumber(koc.joined) : undefined;
  if (joinedDay !== undefined && joinedDay > today) {
    own.push(t('joinedInFuture', lang, { column: columnLabel(KOCS, 'joined', lang), value: isoOfDay(joinedDay) }));
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
    facts,
    plainTier,
    assessed,
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
    lateSeverity: undefined,
    lateDays: 0,
    silentDays: undefined,
    urgency: undefined,
    nextAction: '',
    mentorId: undefined,
    mentorName: undefined,
    mentees: [],
    problems: own,
  };
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
function changes(e: EchelonEntry, shownTier: TierKey | undefined, prev: PreviousLine, move: TierMove | undefined, today: number, settings: Settings, lang: Lang): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  if (prev.tier !== undefined && prev.tier !== shownTier) {
    const from = enumLabel(TIERS, prev.tier, lang);
    const to = shownTier === undefined ? '' : enumLabel(TIERS, shownTier, lang);
    const score = e.score === undefined ? t('reasonNoScore', lang) : fmtScore(e.score);
    const limit = move?.limit ?? (move?.shortfall?.kind === 'score' ? move.shortfall.limit : undefined);
    let reason: string;
    if (shownTier === undefined) reason = t('reasonUnassessed', lang, { from, stage: enumLabel(STAGES, e.stage, lang) });
    else if (e.tierSource === 'override') reason = t('reasonOverride', lang, { from, to });
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
    } else if (move?.shortfall && e.tier !== 'core')
      // Down for a floor or for evidence: say which, of the tier just above the new one.
      reason = t('reasonShortfall', lang, { from, to, why: shortfallText(TIER_ORDER[tierRank(e.tier) - 1] as RankedTier, move.shortfall, weightedDimensions(settings), lang) });
    else reason = t('reasonScore', lang, { from, to, score });
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
    // A mentor with an open High/Critical incident takes no mentees until it is resolved.
    if (e.stage === 'mature' && mayMentor(e.highestSeverity)) mentors.push({ id: e.id, categories: cats(e.koc.categories), score: e.score ?? 0 });
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


/**
 * The Dashboard sheet: the pyramid (tier × stage counts), pipeline health (new / middle / old
 * generations by time in the programme, and a warning when too few Sprouts stand behind the
 * Mature KOCs), overdue follow-ups, open incidents and offers awaiting an answer. Built as a
 * model from the recompute's results, then laid out as one 2-D block of values. Pure.
 */
import type { StageKey } from './stage';
import { t } from './text';
import type { TierKey } from './tier';
import { isStaleOffer } from './assignments';
import { isoOfDay } from './dates';
import { type ColumnKey, columnLabel, enumLabel, type Lang, SEVERITIES, type SheetKey, STAGES, TIERS } from '../sheets/schema';

import { SEVERITY_RANK, type SeverityKey } from './incidents';
import type { FollowUpStatus } from './follow-up';

export const TIER_KEYS: readonly TierKey[] = ['core', 'potential', 'regular', 'candidate'];
export const STAGE_KEYS: readonly StageKey[] = ['sprout', 'active', 'mature', 'transition', 'alumni'];

/** What the dashboard needs of each KOC. */
export interface DashboardKoc {
  id: string;
  name: string;
  owner: string;
  tier: TierKey;
  stage: StageKey;
  /** Days since Joined; undefined when unknown. */
  tenure: number | undefined;
  followUpStatus: FollowUpStatus;
  nextFollowUpDay: number | undefined;
}

export interface DashboardIncident {
  kocId: string;
  severity: SeverityKey | undefined;
  kind: string;
  openedDay: number | undefined;
  /** Days past its response deadline (0: not past it, or no deadline known). */
  lateDays: number;
}

export interface DashboardOffer {
  offeredDay: number | undefined;
}

export interface DashboardModel {
  pyramid: Record<TierKey, Record<StageKey, number>>;
  /** Alumni have left the pipeline: counted apart, so the table still accounts for every KOC. */
  generations: { new: number; mid: number; old: number; unknown: number; alumni: number };
  /** Tenure (days) where the middle and old generations start. */
  midFrom: number;
  oldFrom: number;
  sprouts: number;
  mature: number;
  wantSprouts: number;
  /** Follow-ups past their date, first contacts past their deadline included (follow-up.ts). */
  overdue: number;
  /** Of `overdue`, the first contacts. */
  firstContactsLate: number;
  dueToday: number;
  /** KOCs never contacted whose first-contact deadline has not passed: planned work, not late. */
  firstContacts: number;
  openIncidents: number;
  highIncidents: number;
  /** Open incidents past their response deadline. */
  lateIncidents: number;
  offersAwaiting: number;
  staleOffers: number;
  offerStaleDays: number;
  mostOverdue: { id: string; name: string; owner: string; nextDay: number; days: number }[];
  highList: { id: string; name: string; severity: SeverityKey; kind: string; openedDay: number | undefined }[];
}

/** Rows in each short list of the dashboard. */
export const DASHBOARD_LIST_LENGTH = 10;

export interface DashboardOptions {
  today: number;
  /** Settings: the Mature age; generations are < matureDays, < 2 × matureDays and older. */
  matureDays: number;
  minSproutsPerMature: number;
  offerStaleDays: number;
}

/** Does a KOC `days` overdue with ID `id` come before `than` in the most-overdue list (most days, then ID)? */
function moreOverdue(days: number, id: string, than: { id: string; days: number }): boolean {
  return days > than.days || (days === than.days && id < than.id);
}

export function buildDashboard(kocs: readonly DashboardKoc[], incidents: readonly DashboardIncident[], offers: readonly DashboardOffer[], o: DashboardOptions): DashboardModel {
  const pyramid = {} as DashboardModel['pyramid'];
  for (const tier of TIER_KEYS) pyramid[tier] = { sprout: 0, active: 0, mature: 0, transition: 0, alumni: 0 };
  const generations = { new: 0, mid: 0, old: 0, unknown: 0, alumni: 0 };
  const midFrom = o.matureDays;
  const oldFrom = 2 * o.matureDays;
  let overdue = 0;
  let firstContactsLate = 0;
  let dueToday = 0;
  let firstContacts = 0;
  // Only the DASHBOARD_LIST_LENGTH most overdue are shown: keep just those (sorted as they come)
  // rather than an object per overdue KOC and a sort of tens of thousands.
  const late: DashboardModel['mostOverdue'] = [];
  // Names only of the KOCs the incident list can show, not a 50k-entry map.
  const names = new Map<string, string>();
  for (const inc of incidents) if (inc.severity === 'high' || inc.severity === 'critical') names.set(inc.kocId, '');
  // Indexed: for-of allocates an iterator result per KOC until the loop is optimized.
  for (let i = 0; i < kocs.length; i++) {
    const k = kocs[i];
    pyramid[k.tier][k.stage]++;
    if (names.has(k.id)) names.set(k.id, k.name);
    // Alumni have left the pipeline; the generations describe who is still in it.
    if (k.stage === 'alumni') generations.alumni++;
    else {
      if (k.tenure === undefined) generations.unknown++;
      else if (k.tenure < midFrom) generations.new++;
      else if (k.tenure < oldFrom) generations.mid++;
      else generations.old++;
    }
    // A first contact is not late until its deadline passes; then it is an overdue follow-up,
    // counted (and listed) by the days since that deadline, never since joining.
    if (k.followUpStatus === 'first') firstContacts++;
    else if (k.followUpStatus === 'overdue' || k.followUpStatus === 'firstOverdue') {
      overdue++;
      if (k.followUpStatus === 'firstOverdue') firstContactsLate++;
      const days = o.today - k.nextFollowUpDay!;
      if (late.length === DASHBOARD_LIST_LENGTH && !moreOverdue(days, k.id, late[late.length - 1])) continue;
      let at = late.length;
      while (at > 0 && moreOverdue(days, k.id, late[at - 1])) at--;
      late.splice(at, 0, { id: k.id, name: k.name, owner: k.owner, nextDay: k.nextFollowUpDay!, days });
      if (late.length > DASHBOARD_LIST_LENGTH) late.pop();
    } else if (k.followUpStatus === 'due') dueToday++;
  }

  const sprouts = TIER_KEYS.reduce((n, tier) => n + pyramid[tier].sprout, 0);
  const mature = TIER_KEYS.reduce((n, tier) => n + pyramid[tier].mature, 0);

  let highIncidents = 0;
  let lateIncidents = 0;
  for (const inc of incidents) if (inc.lateDays > 0) lateIncidents++;
  const highList: DashboardModel['highList'] = [];
  for (const inc of incidents) {
    if (inc.severity === 'high' || inc.severity === 'critical') {
      highIncidents++;
      highList.push({ id: inc.kocId, name: names.get(inc.kocId) || '', severity: inc.severity, kind: inc.kind, openedDay: inc.openedDay });
    }
  }
  highList.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.openedDay ?? Infinity) - (b.openedDay ?? Infinity) || (a.id < b.id ? -1 : 1));

  let staleOffers = 0;
  for (const offer of offers) if (offer.offeredDay !== undefined && isStaleOffer(offer.offeredDay, o.today, o.offerStaleDays)) staleOffers++;

  return {
    pyramid,
    generations,
    midFrom,
    oldFrom,
    sprouts,
    mature,
    // Rounded first: 1.1 × 50 is 55.00000000000001 in floating point, and must ask for 55.
    wantSprouts: Math.ceil(Math.round(o.minSproutsPerMature * mature * 1e6) / 1e6),
    overdue,
    firstContactsLate,
    dueToday,
    firstContacts,
    openIncidents: incidents.length,
    highIncidents,
    lateIncidents,
    offersAwaiting: offers.length,
    staleOffers,
    offerStaleDays: o.offerStaleDays,
    mostOverdue: late,
    highList: highList.slice(0, DASHBOARD_LIST_LENGTH),
  };
}

/** Columns of the laid-out dashboard. */
export const DASHBOARD_WIDTH = 7;
/** Where the pyramid's header row and tier rows sit (1-based, for the chart's range): A4:F8. */
export const PYRAMID_RANGE = { row: 4, column: 1, rows: 1 + TIER_KEYS.length, columns: 1 + STAGE_KEYS.length };
/** The cell holding the Updated time (0-based row, column of the block). */
export const DASHBOARD_UPDATED_CELL = { row: 0, column: DASHBOARD_WIDTH - 1 };

/** A column's header in a language, so the dashboard names things as the sheets do. */
const colOf = <S extends SheetKey>(sheet: S, key: ColumnKey<S>, lang: Lang) => columnLabel(sheet, key, lang);
const col = (key: ColumnKey<'echelon'>, lang: Lang) => colOf('echelon', key, lang);
/** A share as a number (0.31), shown as a percentage by the format the Dashboard's write gives its cells. */
const share = (n: number, total: number) => (total > 0 ? n / total : '');
/**
 * The generations' shares (1-based, in the block): numbers, written with DASHBOARD_PERCENT as
 * their number format in the same write, so they sort and chart as numbers and show as 31%.
 */
export const DASHBOARD_SHARES = { row: PYRAMID_RANGE.row + PYRAMID_RANGE.rows + 4, column: 3, rows: 4 };
export const DASHBOARD_PERCENT = '0%';

/**
 * The dashboard as rows of DASHBOARD_WIDTH values. Labels are in `lang`; `updated` fills the
 * Updated cell (the caller keeps the previous time when nothing else changed).
 */
export function dashboardLayout(m: DashboardModel, lang: Lang, updated: unknown): unknown[][] {
  const rows: unknown[][] = [];
  const add = (...cells: unknown[]) => rows.push(cells);

  add(t('dashTitle', lang), '', '', '', '', t('dashUpdated', lang), updated);
  add();
  add(t('dashPyramid', lang));
  add(col('tier', lang), ...STAGE_KEYS.map((s) => enumLabel(STAGES, s, lang)), t('dashTotal', lang));
  const stageTotals = STAGE_KEYS.map(() => 0);
  for (const tier of TIER_KEYS) {
    const counts = STAGE_KEYS.map((s) => m.pyramid[tier][s]);
    counts.forEach((n, i) => {
      stageTotals[i] += n;
    });
    add(enumLabel(TIERS, tier, lang), ...counts, counts.reduce((a, b) => a + b, 0));
  }
  add(t('dashTotal', lang), ...stageTotals, stageTotals.reduce((a, b) => a + b, 0));
  add();

  const g = m.generations;
  const inPipeline = g.new + g.mid + g.old + g.unknown;
  add(t('dashPipeline', lang));
  add(t('dashGeneration', lang), t('dashKocs', lang), t('dashShare', lang));
  add(t('dashNew', lang, { days: m.midFrom }), g.new, share(g.new, inPipeline));
  add(t('dashMid', lang, { from: m.midFrom, to: m.oldFrom - 1 }), g.mid, share(g.mid, inPipeline));
  add(t('dashOld', lang, { days: m.oldFrom }), g.old, share(g.old, inPipeline));
  add(t('dashTenureUnknown', lang), g.unknown, share(g.unknown, inPipeline));
  add(t('dashAlumniApart', lang), g.alumni);
  add(t('dashTotal', lang), inPipeline + g.alumni);
  const healthy = m.sprouts >= m.wantSprouts;
  add(
    t('dashSproutsBehind', lang),
    healthy
      ? t('dashPipelineOk', lang, { sprouts: m.sprouts, mature: m.mature })
      : t('dashPipelineWarn', lang, { sprouts: m.sprouts, mature: m.mature, want: m.wantSprouts }),
  );
  add();

  add(t('dashFollowUps', lang));
  add(t('dashOverdue', lang), m.overdue, t('dashFirstContactsLate', lang), m.firstContactsLate);
  add(t('dashDueToday', lang), m.dueToday, t('dashFirstContacts', lang), m.firstContacts);
  add(t('dashOpenIncidents', lang), m.openIncidents, t('dashHighIncidents', lang), m.highIncidents, t('dashLateIncidents', lang), m.lateIncidents);
  add(t('dashOffers', lang), m.offersAwaiting, t('dashStaleOffers', lang, { days: m.offerStaleDays }), m.staleOffers);
  add();

  add(t('dashMostOverdue', lang));
  add(col('kocId', lang), col('name', lang), colOf('kocs', 'owner', lang), col('nextFollowUp', lang), t('dashDaysOverdue', lang));
  if (m.mostOverdue.length === 0) add(t('dashNone', lang));
  // Days as text: a day has no time of day to show, and the block carries no number formats.
  for (const r of m.mostOverdue) add(r.id, r.name, r.owner, isoOfDay(r.nextDay), r.days);
  add();

  add(t('dashHighList', lang));
  add(col('kocId', lang), col('name', lang), col('highestSeverity', lang), colOf('incidents', 'kind', lang), colOf('incidents', 'opened', lang));
  if (m.highList.length === 0) add(t('dashNone', lang));
  for (const r of m.highList) add(r.id, r.name, enumLabel(SEVERITIES, r.severity, lang), r.kind, r.openedDay === undefined ? '' : isoOfDay(r.openedDay));

  return rows.map((r) => {
    const full = new Array<unknown>(DASHBOARD_WIDTH).fill('');
    for (let i = 0; i < r.length; i++) full[i] = r[i];
    return full;
  });
}

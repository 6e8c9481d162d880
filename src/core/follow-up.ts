/**
 * When a KOC is next to be contacted, and whether that is overdue: one rule for the recompute
 * (Echelon's Follow-up status, Next follow-up and next action, the Dashboard's counts), the
 * sidebar's profile card and its Today list, so the sidebar answers at once what Echelon says
 * after the next recompute. Days are day numbers (dates.ts). Pure.
 *
 * A KOC never contacted (no Last contact on the roster, no follow-up logged) is not on the tier's
 * cadence: it is due ONE first contact, `firstContactDays` after KOC Ops first saw it — or after
 * it joined, when it joined within that window before being seen (or later). A roster imported
 * with years-old join dates is a week's first contacts, not hundreds of KOCs "839 d late"; a KOC
 * that joined three days ago is due in four. Once the deadline passes, the first contact is
 * overdue, counted from the deadline.
 *
 * "First seen" must survive every recompute. It is the deadline itself, kept where the add-on
 * keeps its own results: Echelon's Next follow-up on a row whose Follow-up status says First
 * contact. The next run carries it forward, found by KOC ID, so sorting, filtering or moving
 * Echelon's rows changes nothing. Not the roster (it belongs to the team: a hidden column there is
 * one sort-by-range or paste away from moving to another KOC) and not History (a log the team
 * trims, and 300 imports would be 300 lines of noise). If Echelon is cleared, never-contacted
 * KOCs start a new window: the safe direction, nothing turns late at once. A deadline once set
 * stays when "First contact days" changes (the new window applies to KOCs seen afterwards); a join
 * date inside the window is read again every run.
 */
import type { FollowUpStatus, StageKey, TierKey } from '../sheets/schema';
import { FOLLOWUP_STATUSES } from '../sheets/schema';
import { dayNumber, readDay } from './dates';
import type { KocRecord, KocStatus } from './record';
import { enumKey } from './record';
import type { Settings } from './settings';

export type { FollowUpStatus };

export interface FollowUpFacts {
  /** The roster's Last contact. */
  rosterContactDay: number | undefined;
  /** The latest logged follow-up's Date (on the same day, the one logged later). */
  loggedDay: number | undefined;
  /** That follow-up's Next follow-up, if it set one. */
  loggedNextDay: number | undefined;
  joinedDay: number | undefined;
  /** The first-contact deadline an earlier run set (carriedFirstContact), if any. */
  firstContactDay: number | undefined;
  tier: TierKey;
  stage: StageKey;
  status: KocStatus | undefined;
}

export interface FollowUpDue {
  /** The later of the roster's Last contact and the latest logged contact. */
  lastContactDay: number | undefined;
  nextDay: number | undefined;
  status: FollowUpStatus;
}

/** What the rule reads of Settings: the tiers' cadence and the first-contact window. */
export type CadenceSettings = Pick<Settings, 'cadenceDays' | 'firstContactDays'>;

/**
 * The latest follow-up's own next date wins (when it is at least as recent as the roster's Last
 * contact); else the tier's cadence from the last contact; a KOC never contacted is due its first
 * contact (firstContactDeadline). Paused KOCs and alumni have no cadence: only a date someone set
 * counts; a KOC drifting into Transition is still kept in touch with (thanked, offered a new role).
 */
export function followUpDue(f: FollowUpFacts, today: number, settings: CadenceSettings): FollowUpDue {
  const roster = f.rosterContactDay;
  const logged = f.loggedDay;
  const lastContactDay = roster === undefined ? logged : logged === undefined ? roster : logged > roster ? logged : roster;
  const cadenceApplies = f.stage !== 'alumni' && f.status !== 'paused';
  if (lastContactDay === undefined) {
    if (!cadenceApplies) return { lastContactDay, nextDay: undefined, status: 'none' };
    const nextDay = firstContactDeadline(f.joinedDay, f.firstContactDay, today, settings.firstContactDays);
    return { lastContactDay, nextDay, status: nextDay < today ? 'firstOverdue' : 'first' };
  }
  const useLogged = logged !== undefined && (roster === undefined || logged >= roster);
  const nextDay = useLogged && f.loggedNextDay !== undefined ? f.loggedNextDay : cadenceApplies ? lastContactDay + settings.cadenceDays[f.tier] : undefined;
  return { lastContactDay, nextDay, status: followUpStatus(nextDay, today) };
}

/**
 * A never-contacted KOC's first-contact deadline: `days` after it was first seen (the deadline an
 * earlier run carried, else today), unless it joined within the window before that — or after —
 * when `days` after joining.
 */
export function firstContactDeadline(joinedDay: number | undefined, carriedDay: number | undefined, today: number, days: number): number {
  const seenDeadline = carriedDay ?? today + days;
  return joinedDay !== undefined && joinedDay >= seenDeadline - 2 * days ? joinedDay + days : seenDeadline;
}

/**
 * The first-contact deadline an Echelon row carries to the next run: its Next follow-up when its
 * Follow-up status is a first contact's (in either language); undefined otherwise. A row written
 * before first contacts existed (status Overdue since joining) carries nothing: the KOC starts a
 * fresh window.
 */
export function carriedFirstContact(statusCell: unknown, nextCell: unknown): number | undefined {
  const status = enumKey<FollowUpStatus>(FOLLOWUP_STATUSES, statusCell);
  if (status !== 'first' && status !== 'firstOverdue') return undefined;
  const day = readDay(nextCell);
  return day === undefined || Number.isNaN(day) ? undefined : day;
}

/** Overdue before today, due today, ok after; none without a date. */
export function followUpStatus(nextDay: number | undefined, today: number): FollowUpStatus {
  return nextDay === undefined ? 'none' : nextDay < today ? 'overdue' : nextDay === today ? 'due' : 'ok';
}

/** A first contact (due or overdue), as opposed to a follow-up on the tier's cadence. */
export const isFirstContact = (status: FollowUpStatus): boolean => status === 'first' || status === 'firstOverdue';

/** Past its date: an overdue follow-up or a first contact past its deadline. */
export const isLate = (status: FollowUpStatus): boolean => status === 'overdue' || status === 'firstOverdue';

/** A roster record's dates as day numbers; a Joined date after today reads as unknown (the recompute reports it). */
export function rosterDays(koc: Pick<KocRecord, 'joined' | 'lastContact' | 'lastPost'>, today: number): { joinedDay: number | undefined; lastContactDay: number | undefined; lastPostDay: number | undefined } {
  const joinedDay = koc.joined ? dayNumber(koc.joined) : undefined;
  return {
    joinedDay: joinedDay !== undefined && joinedDay > today ? undefined : joinedDay,
    lastContactDay: koc.lastContact ? dayNumber(koc.lastContact) : undefined,
    lastPostDay: koc.lastPost ? dayNumber(koc.lastPost) : undefined,
  };
}

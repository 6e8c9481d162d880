/**
 * When a KOC is next to be contacted, and whether that is overdue: one rule for the recompute
 * (Echelon's Follow-up status and Next follow-up), the sidebar's profile card and its Today list,
 * so the sidebar answers at once what Echelon says after the next recompute. Days are day numbers
 * (dates.ts). Pure.
 */
import type { FollowUpStatus, StageKey, TierKey } from '../sheets/schema';
import { dayNumber } from './dates';
import type { KocRecord, KocStatus } from './record';

export type { FollowUpStatus };

export interface FollowUpFacts {
  /** The roster's Last contact. */
  rosterContactDay: number | undefined;
  /** The latest logged follow-up's Date (on the same day, the one logged later). */
  loggedDay: number | undefined;
  /** That follow-up's Next follow-up, if it set one. */
  loggedNextDay: number | undefined;
  joinedDay: number | undefined;
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

/**
 * The latest follow-up's own next date wins (when it is at least as recent as the roster's Last
 * contact); else the tier's cadence from the last contact (or from joining). Paused KOCs and
 * alumni have no cadence: only a date someone set counts; a KOC drifting into Transition is still
 * kept in touch with (thanked, offered a new role).
 */
export function followUpDue(f: FollowUpFacts, today: number, cadenceDays: Readonly<Record<TierKey, number>>): FollowUpDue {
  const roster = f.rosterContactDay;
  const logged = f.loggedDay;
  const lastContactDay = roster === undefined ? logged : logged === undefined ? roster : logged > roster ? logged : roster;
  const useLogged = logged !== undefined && (roster === undefined || logged >= roster);
  const cadenceApplies = f.stage !== 'alumni' && f.status !== 'paused';
  const base = lastContactDay ?? f.joinedDay;
  const nextDay = useLogged && f.loggedNextDay !== undefined ? f.loggedNextDay : cadenceApplies && base !== undefined ? base + cadenceDays[f.tier] : undefined;
  return { lastContactDay, nextDay, status: followUpStatus(nextDay, today) };
}

/** Overdue before today, due today, ok after; none without a date. */
export function followUpStatus(nextDay: number | undefined, today: number): FollowUpStatus {
  return nextDay === undefined ? 'none' : nextDay < today ? 'overdue' : nextDay === today ? 'due' : 'ok';
}

/** A roster record's dates as day numbers; a Joined date after today reads as unknown (the recompute reports it). */
export function rosterDays(koc: Pick<KocRecord, 'joined' | 'lastContact' | 'lastPost'>, today: number): { joinedDay: number | undefined; lastContactDay: number | undefined; lastPostDay: number | undefined } {
  const joinedDay = koc.joined ? dayNumber(koc.joined) : undefined;
  return {
    joinedDay: joinedDay !== undefined && joinedDay > today ? undefined : joinedDay,
    lastContactDay: koc.lastContact ? dayNumber(koc.lastContact) : undefined,
    lastPostDay: koc.lastPost ? dayNumber(koc.lastPost) : undefined,
  };
}

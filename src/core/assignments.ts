/**
 * The life of an assignment (its statuses: ASSIGNMENT_STATUSES in src/sheets/schema.ts): an offer the KOC accepts or declines, then the work moves
 * forward one step at a time until it is reviewed; any open one may be cancelled. The rule is a
 * table, so the sidebar, the server and the tests read the same moves. Pure: no Apps Script.
 */
import { enumKey } from './record';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../sheets/schema';

export type { AssignmentStatus };

export const ASSIGNMENT_STATUS_KEYS: readonly AssignmentStatus[] = ['offered', 'accepted', 'declined', 'submitted', 'published', 'reviewed', 'cancelled'];

/** Where each status may move next. Declined, Reviewed and Cancelled are final. */
export const TRANSITIONS: Readonly<Record<AssignmentStatus, readonly AssignmentStatus[]>> = {
  offered: ['accepted', 'declined', 'cancelled'],
  accepted: ['submitted', 'cancelled'],
  submitted: ['published', 'cancelled'],
  published: ['reviewed', 'cancelled'],
  declined: [],
  reviewed: [],
  cancelled: [],
};

/** Not final yet: listed among a KOC's open tasks, and may still be cancelled. */
export function isOpenStatus(status: AssignmentStatus | undefined): boolean {
  return status === 'offered' || status === 'accepted' || status === 'submitted' || status === 'published';
}

/**
 * Work the KOC still owes: an offer awaiting their answer, accepted or submitted work. Once the
 * content is published what is left (results, review) is the team's, so a Published assignment
 * no longer makes the KOC busy. Echelon's Workload, the match's "over workload" and the offer's
 * check all count by this rule.
 */
export function countsTowardWorkload(status: AssignmentStatus | undefined): boolean {
  return status === 'offered' || status === 'accepted' || status === 'submitted';
}

/** Holds a slot of the task: everything except a declined or cancelled offer. */
export function holdsSlot(status: AssignmentStatus | undefined): boolean {
  return status !== undefined && status !== 'declined' && status !== 'cancelled';
}

export function canMove(from: AssignmentStatus, to: AssignmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The status key of a cell typed in English or Chinese; undefined when it is not a status (memoized: 100k rows repeat seven values). */
export function parseAssignmentStatus(cell: unknown): AssignmentStatus | undefined {
  if (cell === '' || cell === null || cell === undefined) return undefined;
  return enumKey<AssignmentStatus>(ASSIGNMENT_STATUSES, cell) ?? undefined;
}

/** The next steps the sidebar offers for an assignment in this status. */
export function nextSteps(from: AssignmentStatus): readonly AssignmentStatus[] {
  return TRANSITIONS[from];
}

/**
 * Has an offer waited too long for an answer? "Offer reminder days" or more since it was made:
 * the Dashboard counts and Today lists by this one rule.
 */
export function isStaleOffer(offeredDay: number, today: number, staleDays: number): boolean {
  return today - offeredDay >= staleDays;
}

/**
 * The incident clock: every open incident is answered within a number of days set by its
 * severity (Settings "Response days · …"; Critical 1, High 3, Medium 7, Low 14 by default). Past
 * that it escalates — first on the next action, on Today and on the Dashboard. Pure.
 */
import { DEFAULT_INCIDENT_DAYS } from './defaults';
import type { SeverityKey } from './incidents';

export type IncidentDays = typeof DEFAULT_INCIDENT_DAYS;

/** The day an incident opened on `openedDay` must be answered by; undefined without both. */
export function responseDeadline(openedDay: number | undefined, severity: SeverityKey | null | undefined, days: IncidentDays = DEFAULT_INCIDENT_DAYS): number | undefined {
  if (openedDay === undefined || !severity) return undefined;
  return openedDay + days[severity];
}

/** Whole days past the response deadline (0 when not past it or unknown). */
export function daysPastDeadline(openedDay: number | undefined, severity: SeverityKey | null | undefined, today: number, days: IncidentDays = DEFAULT_INCIDENT_DAYS): number {
  const deadline = responseDeadline(openedDay, severity, days);
  return deadline === undefined || today <= deadline ? 0 : today - deadline;
}

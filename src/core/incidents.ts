/**
 * Incidents' shared rules: how severe one is compared with another, and whether it is still open.
 * The recompute (Echelon, Dashboard), the sidebar's profile and Today list all use these. Pure.
 */
import { SEVERITIES, type SeverityKey } from '../sheets/schema';

export type { SeverityKey } from '../sheets/schema';

/** Severity → rank: 1 for the least severe (SEVERITIES' order, Low first) up to Critical; none ranks 0. */
export const SEVERITY_RANK: Readonly<Record<SeverityKey, number>> = Object.fromEntries(SEVERITIES.map((s, i) => [s.key, i + 1])) as Record<SeverityKey, number>;

/** A severity's rank (0 for none or an unknown one): higher is more severe. */
export function severityRank(severity: SeverityKey | null | undefined): number {
  return severity ? (SEVERITY_RANK[severity] ?? 0) : 0;
}

/** High and Critical incidents come before the playbook's step and on the Today list. */
export function isHighSeverity(severity: SeverityKey | null | undefined): boolean {
  return severityRank(severity) >= SEVERITY_RANK.high;
}

/**
 * Still open: its Status says Open, or it has no status the add-on reads and no Resolved date
 * either (so an incident typed without a status is not lost).
 */
export function isOpenIncident(status: 'open' | 'resolved' | null | undefined, resolvedCell: unknown): boolean {
  if (status === 'open') return true;
  if (status === 'resolved') return false;
  return resolvedCell === '' || resolvedCell === null || resolvedCell === undefined || (typeof resolvedCell === 'string' && resolvedCell.trim() === '');
}

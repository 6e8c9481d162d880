/**
 * Who may take on work or mentor right now. The domain practice: deal with an objection or a
 * negative incident before anything else, and let a KOC in Transition or among the alumni rest
 * (thanks, an honorary role) rather than send them tasks. The matcher, the offer's re-check and
 * the mentor pairing all ask here. Pure.
 */
import type { SeverityKey } from './incidents';
import type { KocStatus } from './record';
import type { StageKey } from './stage';

/** Open incidents at these severities stop new offers and mentoring until resolved. */
export const BLOCKING_SEVERITIES: readonly SeverityKey[] = ['high', 'critical'];

export function blocksWork(severity: SeverityKey | null | undefined): boolean {
  return severity === 'high' || severity === 'critical';
}

export type GateReason = 'paused' | 'alumni' | 'transition' | 'incident';

export interface GateFacts {
  status?: KocStatus | null;
  /** The lifecycle stage (Echelon's, or the stage rules' for a KOC not yet recomputed). */
  stage?: StageKey | null;
  /** The highest severity among the KOC's open incidents. */
  openSeverity?: SeverityKey | null;
}

/**
 * Why a KOC may not be offered work: Paused or Alumni by status, in Transition (or among the
 * alumni) by stage, or an open High / Critical incident. Empty when it may.
 */
export function gateReasons(f: GateFacts): GateReason[] {
  const out: GateReason[] = [];
  if (f.status === 'paused') out.push('paused');
  if (f.status === 'alumni' || (f.stage === 'alumni' && f.status !== 'paused')) out.push('alumni');
  if (f.stage === 'transition' && f.status !== 'paused') out.push('transition');
  if (blocksWork(f.openSeverity)) out.push('incident');
  return out;
}

/** May this Mature KOC be given mentees? Not with an open High / Critical incident. */
export function mayMentor(openSeverity: SeverityKey | null | undefined): boolean {
  return !blocksWork(openSeverity);
}

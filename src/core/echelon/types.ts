/** The echelon's data: what a recompute reads and what it works out, shared by its parts. */
import type { DashboardModel } from '../dashboard';
import type { SeverityKey } from '../incidents';
import type { Dimension } from '../defaults';
import type { PlaybookRule, SourceKey, UrgencyKind } from '../playbook';
import type { KocRecord } from '../record';
import type { Settings } from '../settings';
import type { StageKey } from '../stage';
import type { TierFacts, TierKey } from '../tier';
import type { HeaderMap } from '../../sheets/headers';
import type { Lang, TierSource } from '../../sheets/schema';

import type { FollowUpStatus } from '../follow-up';

export type { FollowUpStatus } from '../follow-up';
export type { TierSource };

/** A sheet as read: its header map and data rows (header excluded). */
export interface SheetRows {
  map: HeaderMap;
  rows: readonly (readonly unknown[])[];
  /** The header row as typed, to name columns in messages. */
  header?: readonly unknown[];
}

export interface EchelonInput {
  kocs: SheetRows;
  assignments?: SheetRows;
  followUps?: SheetRows;
  incidents?: SheetRows;
  /** The Echelon sheet as it was: the previous tiers, stages and mentors. */
  previous?: SheetRows;
  playbook: readonly PlaybookRule[];
  settings: Settings;
  now: Date;
  lang: Lang;
}

/**
 * The roster cells an entry keeps past its row — what the later steps read (tier override, ROI,
 * follow-up cadence, stage reasons, mentoring) — dates as day numbers, worked out once. The row's
 * full record is not kept.
 */
export interface EchelonKoc {
  status: KocRecord['status'];
  posts30d: number | undefined;
  joinedDay: number | undefined;
  lastPostDay: number | undefined;
  lastContactDay: number | undefined;
  categories: string[];
  tierOverride: TierKey | undefined;
  gmv30d: number | undefined;
  monthlyCost: number | undefined;
}

/** One KOC's computed echelon line. Days are day numbers (dates.ts). */
export interface EchelonEntry {
  /** 1-based row in the KOCs sheet. */
  row: number;
  id: string;
  name: string;
  owner: string;
  koc: EchelonKoc;
  score: number | undefined;
  dims: Record<Dimension, number | undefined>;
  /** What the tier rules look at: score, evidence, group scores. */
  facts: TierFacts;
  /** The tier the rules give without hysteresis (KOC_TIER). */
  plainTier: TierKey;
  /** False for Alumni and a KOC in Transition past the window: no tier is shown (an override still is). */
  assessed: boolean;
  tier: TierKey;
  tierSource: TierSource;
  stage: StageKey;
  /** Days since Joined; undefined when unknown. */
  tenure: number | undefined;
  source: SourceKey | undefined;
  value: number;
  cost: number;
  roi: number | undefined;
  workload: number;
  lastContactDay: number | undefined;
  followUpStatus: FollowUpStatus;
  nextFollowUpDay: number | undefined;
  openIncidents: number;
  highestSeverity: SeverityKey | undefined;
  /** Highest severity among open incidents past their response deadline, and its days past it. */
  lateSeverity: SeverityKey | undefined;
  lateDays: number;
  silentDays: number | undefined;
  urgency: UrgencyKind | undefined;
  nextAction: string;
  mentorId: string | undefined;
  mentorName: string | undefined;
  mentees: string[];
  problems: string[];
}

/** A roster row that could not be scored (no ID, duplicate ID): shown with its problem. */
export interface ProblemRow {
  row: number;
  id: string;
  name: string;
  problems: string[];
}

export interface HistoryEntry {
  kocId: string;
  name: string;
  field: 'tier' | 'stage';
  from: string;
  to: string;
  reason: string;
}

export interface EchelonResult {
  entries: EchelonEntry[];
  problemRows: ProblemRow[];
  /** Lines in roster order: entries and problem rows interleaved as on the KOCs sheet. */
  lines: (EchelonEntry | ProblemRow)[];
  history: HistoryEntry[];
  dashboard: DashboardModel;
  /** Rows of Assignments, Follow-ups or Incidents naming a KOC ID not on the roster. */
  orphans: number;
}

/** What a previous Echelon row tells this run. */
export interface PreviousLine {
  /** 0-based index into previous.rows. */
  index: number;
  tier: TierKey | undefined;
  tierSource: TierSource | undefined;
  stage: StageKey | undefined;
  mentorId: string | undefined;
  /** The first-contact deadline it carries for a KOC never contacted (follow-up.ts). */
  firstContactDay: number | undefined;
}


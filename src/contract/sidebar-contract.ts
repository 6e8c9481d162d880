/**
 * The sidebar's contract with the server: what each endpoint answers, the limits on what it
 * accepts, and the names of the endpoints. Both sides import this file; it holds no zod (the
 * request schemas live in sidebar-schemas.ts, which only the server bundles), so the sidebar's
 * script stays small. Everything here crosses google.script.run, so it is plain data: dates are
 * ISO `YYYY-MM-DD` strings, enums are schema keys (`wechat`, `checkin`) the sidebar labels itself.
 */
import type { ExclusionReason, MatchedTags, RankedKoc } from '../core/matching';
import type { AssignmentStatus, KocStatusKey, Lang, SeverityKey, StageKey, TierKey } from '../sheets/schema';

export type { AssignmentStatus, ExclusionReason, KocStatusKey, Lang, MatchedTags, SeverityKey, StageKey, TierKey };

/** Size limits on every text a user can send (characters). */
export const LIMITS = {
  id: 40,
  query: 100,
  shortText: 200,
  reason: 500,
  url: 2000,
  longText: 2000,
  /** KOCs offered in one go. */
  offerBatch: 50,
  /** Ranked KOCs returned by matchTask. */
  matchLimit: 50,
  searchResults: 20,
  recentFollowUps: 5,
  /** A write's request id (see RequestId). */
  requestId: 64,
} as const;

/**
 * Every write carries a request id the sidebar makes for each submission and sends again with a
 * retry of the same submission: the server saves a request id once, and answers a retry of one
 * already saved as it answered the first time, without saving it again.
 */
export type RequestId = string;

/** Every sidebar endpoint, by global function name. */
export const ENDPOINTS = [
  'getSidebarState',
  'setSidebarLanguage',
  'getTodayList',
  'matchTask',
  'offerTask',
  'respondToOffer',
  'markSubmitted',
  'markPublished',
  'recordResults',
  'reviewAssignment',
  'cancelAssignment',
  'searchKocs',
  'getKocProfile',
  'logFollowUp',
  'logIncident',
  'resolveIncident',
] as const;
export type EndpointName = (typeof ENDPOINTS)[number];

/** Endpoints that only read; every other one changes the workbook and answers with Today refreshed. */
export const READ_ENDPOINTS: ReadonlySet<EndpointName> = new Set(['getSidebarState', 'setSidebarLanguage', 'getTodayList', 'matchTask', 'searchKocs', 'getKocProfile']);

/**
 * What every write answers besides its own result: Today as it is now, so list and count agree.
 * A write that landed always answers ok; when what is shown could not be read again afterwards,
 * the views are null (or Today missing) and `note` says so ("Saved. The lists could not refresh").
 */
export interface WriteResult {
  today?: TodayList;
  note?: string;
}

/** A field name of the request → the message shown beside that field. */
export type FieldErrors = Record<string, string>;

export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; message: string; fieldErrors?: FieldErrors };
export type Result<T> = Ok<T> | Fail;


export interface TaskView {
  id: string;
  title: string;
  product: string;
  categories: string[];
  formats: string[];
  styles: string[];
  audiences: string[];
  minTier: TierKey | null;
  slots: number | null;
  budgetPerKoc: number | null;
  due: string | null;
  brief: string;
  /** Assignments holding a slot (not declined or cancelled). */
  filled: number;
}

export interface AssignmentView {
  id: string;
  taskId: string;
  taskTitle: string;
  kocId: string;
  kocName: string;
  status: AssignmentStatus | null;
  offered: string | null;
  responded: string | null;
  due: string | null;
  contentUrl: string;
  likes: number | null;
  collects: number | null;
  comments: number | null;
  shares: number | null;
  leads: number | null;
  orders: number | null;
  gmv: number | null;
  quality: number | null;
  cost: number | null;
  notes: string;
  /** Statuses this one may move to next. */
  next: AssignmentStatus[];
}

/** A ranked KOC as the Assign tab shows it; an excluded one carries its reasons. */
export interface RankedKocView extends RankedKoc {
  reasons?: ExclusionReason[];
}

export interface MatchView {
  task: TaskView;
  ranked: RankedKocView[];
  excluded: RankedKocView[];
  excludedCounts: Record<ExclusionReason, number>;
  eligible: number;
  maxWorkload: number;
  assignments: AssignmentView[];
}

export interface KocSummary {
  id: string;
  name: string;
  platform: string;
  status: KocStatusKey | null;
  tier: TierKey | null;
}

export interface FollowUpView {
  id: string;
  kocId: string;
  date: string | null;
  channel: string | null;
  type: string | null;
  summary: string;
  sentiment: string | null;
  nextFollowUp: string | null;
  loggedBy: string;
}

export interface IncidentView {
  id: string;
  kocId: string;
  kocName: string;
  opened: string | null;
  severity: SeverityKey | null;
  kind: string | null;
  description: string;
  status: 'open' | 'resolved' | null;
  resolution: string;
  resolved: string | null;
  /** Days past its response deadline (Settings "Response days · …"); 0 when not past it. */
  lateDays?: number;
}

export interface KocProfile {
  id: string;
  name: string;
  platform: string;
  source: string | null;
  status: KocStatusKey | null;
  owner: string;
  tier: TierKey | null;
  tierOverridden: boolean;
  stage: StageKey | null;
  score: number | null;
  nextAction: string;
  /** Where tier, stage, score and next action came from. */
  computedFrom: 'echelon' | 'core';
  nextFollowUp: string | null;
  /** Never contacted: nextFollowUp is the first contact's deadline. */
  firstContact: boolean;
  followUps: FollowUpView[];
  incidents: IncidentView[];
  assignments: AssignmentView[];
}

export interface TodayFollowUp {
  kocId: string;
  kocName: string;
  due: string;
  /** Days past due (0 = due today; below 0, days left, for a first contact). */
  daysLate: number;
  lastSummary: string;
}

export interface TodayList {
  date: string;
  overdue: TodayFollowUp[];
  dueToday: TodayFollowUp[];
  /** KOCs never contacted, due their first contact (daysLate < 0: days left); the first TODAY_LIST_MAX. */
  firstContacts: TodayFollowUp[];
  /** How many KOCs are due a first contact in all. */
  firstContactCount: number;
  incidents: IncidentView[];
  staleOffers: (AssignmentView & { waitingDays: number })[];
  offerStaleDays: number;
}

export interface SidebarState {
  lang: Lang;
  user: string;
  today: TodayList;
  tasks: TaskView[];
  /** The KOC under the cursor when it is in KOCs or Echelon. */
  activeKoc: KocProfile | null;
  /** Problems reading the workbook (missing sheets), shown once at the top. */
  problems: string[];
}

/** A write that changes a KOC: the refreshed profile, plus a playbook step when things look bad. */
export interface KocWriteResult extends WriteResult {
  id: string;
  /** Null when the profile could not be read again after the save (see WriteResult.note). */
  profile: KocProfile | null;
  suggestion: string | null;
}

export interface AssignmentWriteResult extends WriteResult {
  /** Null when it could not be read again after the save (see WriteResult.note). */
  assignment: AssignmentView | null;
  /** Every assignment of the same task, refreshed; null like `assignment`. */
  taskAssignments: AssignmentView[] | null;
}

export interface OfferResult extends WriteResult {
  ids: string[];
  /** Null when the match could not be read again after the save (see WriteResult.note). */
  match: MatchView | null;
}

/** What each endpoint answers (the request types are in sidebar-schemas.ts). */
export interface EndpointResults {
  getSidebarState: SidebarState;
  setSidebarLanguage: SidebarState;
  getTodayList: TodayList;
  matchTask: MatchView;
  offerTask: OfferResult;
  respondToOffer: AssignmentWriteResult;
  markSubmitted: AssignmentWriteResult;
  markPublished: AssignmentWriteResult;
  recordResults: AssignmentWriteResult;
  reviewAssignment: AssignmentWriteResult;
  cancelAssignment: AssignmentWriteResult;
  searchKocs: KocSummary[];
  getKocProfile: KocProfile;
  logFollowUp: KocWriteResult;
  logIncident: KocWriteResult;
  resolveIncident: KocWriteResult;
}

/** A link is shown as a link only when it is http(s); anything else (javascript:, data:) stays text. */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(text.trim());
}

/**
 * The first http(s) link in pasted text — a share text such as "…http://xhslink.com/a/AbCdEf，
 * 复制本条信息…" — ending at a space, a Chinese punctuation mark or a closing bracket or quote;
 * trailing ASCII punctuation (".", ",", ")") is left out. Undefined when there is none.
 */
export function firstHttpUrl(text: string): string | undefined {
  const m = /https?:\/\/[^\s，。！？、；：“”‘’（）《》【】「」『』<>"'|]+/i.exec(text);
  if (!m) return undefined;
  const url = m[0].replace(/[.,;:!?)\]}]+$/, '');
  return /^https?:\/\/[^/?#]+/i.test(url) ? url : undefined;
}

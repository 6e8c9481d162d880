/**
 * The lifecycle stage of a KOC — Sprout → Active → Mature → Transition → Alumni — from status,
 * tenure (days since Joined), activity (Posts 30d) and recency (days since Last post). The rules
 * are data (STAGE_RULES), checked top to bottom; the first whose conditions all hold wins and
 * says why. Pure.
 */
import { dayNumber } from './dates';
import { DEFAULT_STAGE_RULES } from './defaults';
import type { KocRecord, KocStatus } from './record';
import { enumLabel, type Lang, STAGES, type StageKey } from '../sheets/schema';

export type { StageKey } from '../sheets/schema';
export type StageRules = typeof DEFAULT_STAGE_RULES;

export type StageInput = Pick<KocRecord, 'status' | 'joined' | 'posts30d' | 'lastPost'>;

/**
 * What the rules look at, worked out once per KOC (each unknown when its inputs are blank):
 * - status: the Status cell;
 * - tenure: days from Joined to the as-of day (a join date after it is unknown);
 * - silent: days from Last post to the as-of day, at least 0;
 * - posts30d: the Posts 30d cell;
 * - active: posts30d ≥ Settings "Active posts 30d" when known, else silent ≤ 30 when known.
 */
export interface StageFacts {
  status: KocRecord['status'];
  tenure: number | undefined;
  silent: number | undefined;
  posts30d: number | undefined;
  active: boolean | undefined;
}

export type CountFact = 'tenure' | 'silent' | 'posts30d';

/**
 * One condition on the facts. A comparison with an unknown fact never holds (as NULL in SQL);
 * `known: false` holds only for an unknown one. Limits are Settings stage rules.
 */
export type StageCondition =
  | { fact: 'status'; is: KocStatus | 'blank' }
  | { fact: CountFact; known: false }
  | { fact: CountFact; atLeast: keyof StageRules }
  | { fact: CountFact; below: keyof StageRules }
  | { fact: 'active'; is: true };

export interface StageRule {
  stage: StageKey;
  /** All must hold. */
  when: readonly StageCondition[];
  /** Why, with {tenure}, {silent} and {posts30d} filled in. */
  reason: { en: string; zh: string };
}

export const STAGE_RULES: readonly StageRule[] = [
  { stage: 'alumni', when: [{ fact: 'status', is: 'alumni' }], reason: { en: 'Status is Alumni', zh: '状态为荣誉' } },
  { stage: 'sprout', when: [{ fact: 'status', is: 'candidate' }], reason: { en: 'Candidate, not yet cooperating', zh: '候选，尚未合作' } },
  {
    stage: 'sprout',
    when: [
      { fact: 'status', is: 'blank' },
      { fact: 'tenure', known: false },
    ],
    reason: { en: 'No status or join date yet', zh: '尚无状态和加入日期' },
  },
  { stage: 'transition', when: [{ fact: 'status', is: 'paused' }], reason: { en: 'Status is Paused', zh: '状态为暂停' } },
  { stage: 'sprout', when: [{ fact: 'tenure', below: 'sproutDays' }], reason: { en: 'Joined {tenure} days ago', zh: '加入 {tenure} 天' } },
  { stage: 'transition', when: [{ fact: 'silent', atLeast: 'transitionSilentDays' }], reason: { en: 'No post for {silent} days', zh: '{silent} 天未发帖' } },
  {
    stage: 'mature',
    when: [
      { fact: 'tenure', atLeast: 'matureDays' },
      { fact: 'active', is: true },
    ],
    reason: { en: '{tenure} days in the programme and posting', zh: '合作 {tenure} 天且持续发帖' },
  },
  {
    stage: 'transition',
    when: [
      { fact: 'tenure', atLeast: 'matureDays' },
      { fact: 'posts30d', below: 'transitionPosts30d' },
    ],
    reason: { en: '{tenure} days in, {posts30d} posts in 30 days', zh: '合作 {tenure} 天，近30天发帖 {posts30d}' },
  },
  { stage: 'active', when: [{ fact: 'tenure', known: false }], reason: { en: 'Cooperating; join date unknown', zh: '合作中，加入日期未知' } },
  { stage: 'active', when: [], reason: { en: 'Cooperating for {tenure} days', zh: '合作 {tenure} 天' } },
];

/**
 * Out of assessment: no tier, no score-based follow-up; Echelon shows the stage and the playbook's
 * thanks / honorary step. Alumni, and a KOC in Transition silent past Settings "Transition window days".
 */
export const UNASSESSED: readonly { stage: StageKey; when: readonly StageCondition[] }[] = [
  { stage: 'alumni', when: [] },
  { stage: 'transition', when: [{ fact: 'silent', atLeast: 'transitionWindowDays' }] },
];

function holds(c: StageCondition, f: StageFacts, r: StageRules): boolean {
  if (c.fact === 'status') return c.is === 'blank' ? f.status === undefined : f.status === c.is;
  if (c.fact === 'active') return f.active === true;
  const v = f[c.fact];
  if ('known' in c) return v === undefined;
  if (v === undefined) return false;
  return 'atLeast' in c ? v >= r[c.atLeast] : v < r[c.below];
}

const allHold = (when: readonly StageCondition[], f: StageFacts, r: StageRules): boolean => {
  for (let i = 0; i < when.length; i++) if (!holds(when[i], f, r)) return false;
  return true;
};

/** Whether a KOC at this stage is out of assessment (no tier). */
export function unassessed(stage: StageKey, f: Pick<StageFacts, 'silent'> & Partial<StageFacts>, rules: StageRules = DEFAULT_STAGE_RULES): boolean {
  const facts: StageFacts = { status: undefined, tenure: undefined, posts30d: undefined, active: undefined, ...f };
  return UNASSESSED.some((u) => u.stage === stage && allHold(u.when, facts, rules));
}

// Read once: in a vm context (the emulator, tests, bench) every global lookup is a slow read of
// the global object, and stageFacts runs for every KOC.
const { max } = Math;

export function stageFacts(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): StageFacts {
  // A join date after today is a typo, not a tenure: read as unknown (the Echelon says so).
  const joinedAgo = koc.joined ? today - dayNumber(koc.joined) : undefined;
  const tenure = joinedAgo !== undefined && joinedAgo >= 0 ? joinedAgo : undefined;
  const silent = koc.lastPost ? max(0, today - dayNumber(koc.lastPost)) : undefined;
  const active = koc.posts30d !== undefined ? koc.posts30d >= rules.activePosts30d : silent !== undefined ? silent <= 30 : undefined;
  return { status: koc.status, tenure, silent, posts30d: koc.posts30d, active };
}

function ruleFor(f: StageFacts, rules: StageRules): StageRule {
  for (const rule of STAGE_RULES) if (allHold(rule.when, f, rules)) return rule;
  return STAGE_RULES[STAGE_RULES.length - 1];
}

function reasonText(rule: StageRule, f: StageFacts): { en: string; zh: string } {
  const fill = (text: string) => text.replace(/\{(tenure|silent|posts30d)\}/g, (_, k: CountFact) => String(f[k] ?? ''));
  return { en: fill(rule.reason.en), zh: fill(rule.reason.zh) };
}

/** Whether a KOC is assessed (has a tier) on a day: not Alumni, not in Transition past its window. */
export function isAssessed(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): boolean {
  const f = stageFacts(koc, today, rules);
  return !unassessed(ruleFor(f, rules).stage, f, rules);
}

/** The stage of a KOC on a day (`today` is a day number: dayNumber(new Date())). */
export function stageFor(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): StageKey {
  return ruleFor(stageFacts(koc, today, rules), rules).stage;
}

/** The stage and the rule's reason, for History and the sidebar. */
export function stageWithReason(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): { stage: StageKey; reason: { en: string; zh: string } } {
  const f = stageFacts(koc, today, rules);
  const rule = ruleFor(f, rules);
  return { stage: rule.stage, reason: reasonText(rule, f) };
}

export function stageLabel(stage: StageKey, lang: Lang): string {
  return enumLabel(STAGES, stage, lang);
}

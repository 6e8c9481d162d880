/**
 * The lifecycle stage of a KOC — Sprout → Active → Mature → Transition → Alumni — from status,
 * tenure (days since Joined), activity (Posts 30d) and recency (days since Last post). The rules
 * are a table, checked top to bottom; the first that applies wins and says why. Pure.
 */
import { dayNumber } from './dates';
import { DEFAULT_STAGE_RULES } from './defaults';
import type { KocRecord } from './record';
import { enumLabel, type Lang, type StageKey, STAGES } from '../sheets/schema';

export type { StageKey } from '../sheets/schema';
export type StageRules = typeof DEFAULT_STAGE_RULES;

export type StageInput = Pick<KocRecord, 'status' | 'joined' | 'posts30d' | 'lastPost'>;

/** What the rules look at, worked out once per KOC. */
export interface StageFacts {
  status: KocRecord['status'];
  /** Days since Joined; undefined when not known. */
  tenure: number | undefined;
  /** Days since Last post; undefined when not known. */
  silent: number | undefined;
  posts30d: number | undefined;
  /** Posting enough to count as active: Posts 30d when known, else a post within 30 days. */
  active: boolean | undefined;
}

interface StageRule {
  stage: StageKey;
  when: (f: StageFacts, r: StageRules) => boolean;
  reason: (f: StageFacts, r: StageRules) => { en: string; zh: string };
}

export const STAGE_RULES: readonly StageRule[] = [
  {
    stage: 'alumni',
    when: (f) => f.status === 'alumni',
    reason: () => ({ en: 'Status is Alumni', zh: '状态为荣誉' }),
  },
  {
    stage: 'sprout',
    when: (f) => f.status === 'candidate' || (f.status === undefined && f.tenure === undefined),
    reason: (f) =>
      f.status === 'candidate' ? { en: 'Candidate, not yet cooperating', zh: '候选，尚未合作' } : { en: 'No status or join date yet', zh: '尚无状态和加入日期' },
  },
  {
    stage: 'transition',
    when: (f) => f.status === 'paused',
    reason: () => ({ en: 'Status is Paused', zh: '状态为暂停' }),
  },
  {
    stage: 'sprout',
    when: (f, r) => f.tenure !== undefined && f.tenure < r.sproutDays,
    reason: (f) => ({ en: `Joined ${f.tenure} days ago`, zh: `加入 ${f.tenure} 天` }),
  },
  {
    stage: 'transition',
    when: (f, r) => f.silent !== undefined && f.silent >= r.transitionSilentDays,
    reason: (f) => ({ en: `No post for ${f.silent} days`, zh: `${f.silent} 天未发帖` }),
  },
  {
    stage: 'mature',
    when: (f, r) => f.tenure !== undefined && f.tenure >= r.matureDays && f.active === true,
    reason: (f) => ({ en: `${f.tenure} days in the programme and posting`, zh: `合作 ${f.tenure} 天且持续发帖` }),
  },
  {
    stage: 'transition',
    when: (f, r) => f.tenure !== undefined && f.tenure >= r.matureDays && f.posts30d !== undefined && f.posts30d < r.transitionPosts30d,
    reason: (f) => ({ en: `${f.tenure} days in, ${f.posts30d} posts in 30 days`, zh: `合作 ${f.tenure} 天，近30天发帖 ${f.posts30d}` }),
  },
  {
    stage: 'active',
    when: () => true,
    reason: (f) =>
      f.tenure === undefined ? { en: 'Cooperating; join date unknown', zh: '合作中，加入日期未知' } : { en: `Cooperating for ${f.tenure} days`, zh: `合作 ${f.tenure} 天` },
  },
];

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
  for (const rule of STAGE_RULES) if (rule.when(f, rules)) return rule;
  return STAGE_RULES[STAGE_RULES.length - 1];
}

/** The stage of a KOC on a day (`today` is a day number: dayNumber(new Date())). */
export function stageFor(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): StageKey {
  return ruleFor(stageFacts(koc, today, rules), rules).stage;
}

/** The stage and the rule's reason, for History and the sidebar. */
export function stageWithReason(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): { stage: StageKey; reason: { en: string; zh: string } } {
  const f = stageFacts(koc, today, rules);
  const rule = ruleFor(f, rules);
  return { stage: rule.stage, reason: rule.reason(f, rules) };
}

export function stageLabel(stage: StageKey, lang: Lang): string {
  return enumLabel(STAGES, stage, lang);
}

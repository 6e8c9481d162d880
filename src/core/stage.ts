/**
 * The lifecycle stage of a KOC — Sprout → Active → Mature → Transition → Alumni — from status,
 * tenure (days since Joined), activity (Posts 30d) and recency (days since Last post). The rules
 * are data (STAGE_RULES in model.ts), checked top to bottom; the first whose conditions all hold
 * wins and says why. They run in the value model's evaluator, as the SQL does. Pure.
 */
import { DEFAULT_STAGE_RULES } from './defaults';
import type { CompiledModel } from './expr-compile';
import { type CountFact, STAGE_RULES, type StageRule, type StageRules } from './model';
import type { KocRecord } from './record';
import { compileValueModel, defaultModelSettings, type ModelSettings } from './value-model';
import { enumLabel, type Lang, STAGES, type StageKey } from '../sheets/schema';

export type { StageKey } from '../sheets/schema';
export type { CountFact, StageCondition, StageRule, StageRules } from './model';
export { STAGE_RULES, UNASSESSED } from './model';

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


// The stage rules run as part of the value model (value-model.ts), compiled once per set of
// Settings stage rules: the same definitions the SQL renders.
const STAGE_RESULTS = ['stage_rule', 'tenure', 'silent', 'posts', 'active', 'assessed'];
const compiledFor = new WeakMap<StageRules, { numbers: number[]; model: CompiledModel<StageInput> }>();

/** The model for these rules, kept while the object lives and its numbers stay the same. */
function stageModel(rules: StageRules): CompiledModel<StageInput> {
  const numbers = Object.values(rules);
  const hit = compiledFor.get(rules);
  if (hit && hit.numbers.length === numbers.length && hit.numbers.every((n, i) => n === numbers[i])) return hit.model;
  const settings: ModelSettings = { ...defaultModelSettings(), stageRules: rules };
  const model = compileValueModel<StageInput>(settings, STAGE_RESULTS);
  compiledFor.set(rules, { numbers, model });
  return model;
}

/** What the model gives a KOC on a day: the rule that fired, the facts, and whether it is assessed. */
function evaluate(koc: StageInput, today: number, rules: StageRules): { rule: StageRule; facts: StageFacts; assessed: boolean } {
  const [rule, tenure, silent, posts, active, assessed] = stageModel(rules).run(koc, today);
  const facts: StageFacts = {
    status: koc.status,
    tenure: tenure === null ? undefined : (tenure as number),
    silent: silent === null ? undefined : (silent as number),
    posts30d: posts === null ? undefined : (posts as number),
    active: active === null ? undefined : (active as boolean),
  };
  return { rule: STAGE_RULES[rule as number], facts, assessed: assessed === true };
}

/** The facts the stage rules look at, for a KOC on a day. */
export function stageFacts(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): StageFacts {
  return evaluate(koc, today, rules).facts;
}

function reasonText(rule: StageRule, f: StageFacts): { en: string; zh: string } {
  const fill = (text: string) => text.replace(/\{(tenure|silent|posts30d)\}/g, (_, k: CountFact) => String(f[k] ?? ''));
  return { en: fill(rule.reason.en), zh: fill(rule.reason.zh) };
}

/** Whether a KOC is assessed (has a tier) on a day: not Alumni, not in Transition past its window. */
export function isAssessed(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): boolean {
  return evaluate(koc, today, rules).assessed;
}

/** The stage of a KOC on a day (`today` is a day number: dayNumber(new Date())). */
export function stageFor(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): StageKey {
  return evaluate(koc, today, rules).rule.stage;
}

/** The stage and the rule's reason, for History and the sidebar. */
export function stageWithReason(koc: StageInput, today: number, rules: StageRules = DEFAULT_STAGE_RULES): { stage: StageKey; reason: { en: string; zh: string } } {
  const { rule, facts } = evaluate(koc, today, rules);
  return { stage: rule.stage, reason: reasonText(rule, facts) };
}

export function stageLabel(stage: StageKey, lang: Lang): string {
  return enumLabel(STAGES, stage, lang);
}

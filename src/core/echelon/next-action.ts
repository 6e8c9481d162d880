/**
 * The next action: the urgent thing first (an incident past its deadline or open High/Critical, an
 * overdue follow-up or first contact, a first contact due,
 * a long silence), then the playbook's row for the KOC's tier × stage × source.
 */
import type { SeverityKey } from '../incidents';
import { isoOfDay } from '../dates';
import type { FollowUpStatus } from '../follow-up';
import { type PlaybookRule, playbookAction, type SourceKey, type UrgencyKind, urgency } from '../playbook';
import type { StageKey } from '../stage';
import { t } from '../text';
import type { TierKey } from '../tier';
import { enumLabel, type Lang, SEVERITIES } from '../../sheets/schema';
import type { EchelonEntry } from './types';

type PlaybookLookup = (tier: TierKey, stage: StageKey, source: SourceKey | '') => string;

/** The inner map under `key`, made empty the first time. */
function inner<K, K2, V>(memo: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let m = memo.get(key);
  if (m === undefined) {
    m = new Map();
    memo.set(key, m);
  }
  return m;
}

/** The playbook's answer per tier × stage × source, worked out once per combination. */
function memoPlaybook(rules: readonly PlaybookRule[]): PlaybookLookup {
  // Nested maps, not a `tier|stage|source` key: no string built per KOC.
  const memo = new Map<string, Map<string, Map<string, string>>>();
  return (tier, stage, source) => {
    const bySource = inner(inner(memo, tier), stage);
    let action = bySource.get(source);
    if (action === undefined) {
      action = playbookAction(rules, tier, stage, source);
      bySource.set(source, action);
    }
    return action;
  };
}

export type NextActionFacts = Pick<EchelonEntry, 'urgency' | 'highestSeverity' | 'lateSeverity' | 'lateDays' | 'silentDays' | 'tier' | 'stage' | 'source' | 'nextFollowUpDay'>;

/**
 * The next action for a whole run: a roster has only a few distinct next actions, so each text is
 * built once (by its urgent part and playbook step) instead of once per KOC. No closures per
 * call: this runs for every KOC. `today`: a late first contact says how many days late it is.
 */
export function memoNextAction(rules: readonly PlaybookRule[], lang: Lang, today: number): (e: NextActionFacts) => string {
  const playbook = memoPlaybook(rules);
  const incidentFirst = new Map<SeverityKey | undefined, string>();
  const lateFirst = new Map<string, string>();
  const silentFirst = new Map<number | undefined, string>();
  // By deadline (which also says whether it is past): a roster has a few hundred at most.
  const firstContact = new Map<number, string>();
  const overdueFirst = t('nextActionOverdue', lang);
  // The urgent part → the playbook step → "first, then step".
  const combined = new Map<string, Map<string, string>>();
  return (e) => {
    const step = playbook(e.tier, e.stage, e.source ?? '');
    let first: string | undefined = '';
    if (e.urgency === 'incidentLate') {
      const key = `${e.lateSeverity}|${e.lateDays}`;
      first = lateFirst.get(key);
      if (first === undefined) {
        first = t('nextActionIncidentLate', lang, { severity: enumLabel(SEVERITIES, e.lateSeverity, lang), days: e.lateDays });
        lateFirst.set(key, first);
      }
    } else if (e.urgency === 'incident') {
      first = incidentFirst.get(e.highestSeverity);
      if (first === undefined) {
        first = t('nextActionIncident', lang, { severity: enumLabel(SEVERITIES, e.highestSeverity, lang) });
        incidentFirst.set(e.highestSeverity, first);
      }
    } else if (e.urgency === 'overdue') first = overdueFirst;
    else if ((e.urgency === 'firstContact' || e.urgency === 'firstContactLate') && e.nextFollowUpDay !== undefined) {
      const deadline = e.nextFollowUpDay;
      first = firstContact.get(deadline);
      if (first === undefined) {
        const date = isoOfDay(deadline);
        first = deadline < today ? t('nextActionFirstContactLate', lang, { days: today - deadline, date }) : t('nextActionFirstContact', lang, { date });
        firstContact.set(deadline, first);
      }
    } else if (e.urgency === 'silent') {
      first = silentFirst.get(e.silentDays);
      if (first === undefined) {
        first = t('nextActionSilent', lang, { days: e.silentDays ?? '' });
        silentFirst.set(e.silentDays, first);
      }
    }
    if (!first) return step;
    if (!step) return first;
    const byStep = inner(combined, first);
    let text = byStep.get(step);
    if (text === undefined) {
      text = t('nextActionThen', lang, { first, next: step });
      byStep.set(step, text);
    }
    return text;
  };
}



/** Days since the later of the last post and the last contact; undefined when neither is known. */
export function silentDays(lastPostDay: number | undefined, lastContactDay: number | undefined, today: number): number | undefined {
  const lastSeen = lastPostDay === undefined ? lastContactDay : lastContactDay === undefined ? lastPostDay : lastPostDay > lastContactDay ? lastPostDay : lastContactDay;
  return lastSeen === undefined ? undefined : today - lastSeen > 0 ? today - lastSeen : 0;
}

/** What the urgent part of a KOC's next action depends on. */
export interface UrgentState {
  highestSeverity: SeverityKey | undefined;
  /** The most severe open incident past its response deadline (incidents.ts). */
  lateSeverity: SeverityKey | undefined;
  openIncidents: number;
  followUpStatus: FollowUpStatus;
  silentDays: number | undefined;
  stage: StageKey;
}

/** The urgent situation that comes before the playbook's step, if any (`silentLimit`: Settings' Silent days). */
export function urgencyOf(s: UrgentState, silentLimit: number): UrgencyKind | undefined {
  return urgency({
    highestOpenSeverity: s.highestSeverity,
    lateIncidentSeverity: s.lateSeverity,
    openIncidents: s.openIncidents,
    followUpStatus: s.followUpStatus,
    // Silence is what Transition and Alumni mean; their playbook row already says what to do.
    silentDays: s.stage === 'transition' || s.stage === 'alumni' ? undefined : s.silentDays,
    silentLimit,
  });
}

/** One KOC's next action, worded exactly as the recompute words it on Echelon. */
export function nextActionText(facts: NextActionFacts, rules: readonly PlaybookRule[], lang: Lang, today: number): string {
  return memoNextAction(rules, lang, today)(facts);
}

/**
 * The next action: the urgent thing first (an open High/Critical incident, an overdue follow-up,
 * a long silence), then the playbook's row for the KOC's tier × stage × source.
 */
import type { SeverityKey } from '../dashboard';
import { type PlaybookRule, playbookAction, type SourceKey } from '../playbook';
import type { StageKey } from '../stage';
import { t } from '../text';
import type { TierKey } from '../tier';
import { type EnumValue, type Lang, label, SEVERITIES } from '../../sheets/schema';
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

type NextActionFacts = Pick<EchelonEntry, 'urgency' | 'highestSeverity' | 'lateSeverity' | 'lateDays' | 'silentDays' | 'tier' | 'stage' | 'source'>;

/**
 * The next action for a whole run: a roster has only a few distinct next actions, so each text is
 * built once (by its urgent part and playbook step) instead of once per KOC. No closures per
 * call: this runs for every KOC.
 */
export function memoNextAction(rules: readonly PlaybookRule[], lang: Lang): (e: NextActionFacts) => string {
  const playbook = memoPlaybook(rules);
  const incidentFirst = new Map<SeverityKey | undefined, string>();
  const lateFirst = new Map<string, string>();
  const silentFirst = new Map<number | undefined, string>();
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
    else if (e.urgency === 'silent') {
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

/** The label of an enum key in one language; '' for none. */
export function enumLabel(values: readonly EnumValue[], key: string | undefined, lang: Lang): string {
  const v = key === undefined ? undefined : values.find((x) => x.key === key);
  return v ? label(v, lang) : '';
}


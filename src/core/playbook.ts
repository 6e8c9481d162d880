/**
 * The playbook: what to do next with a KOC, keyed by tier × stage × source (the defaults below: tasks
 * suit tiers, newcomers from public and private domains need different support, mature KOCs co-create
 * and mentor, KOCs in transition get thanks and an honorary role). The team edits the Playbook
 * sheet; these are its default rows. Urgent situations (an open high incident, an overdue
 * follow-up, a long silence) come before any playbook row. Pure: no Apps Script globals.
 */
import type { HeaderMap } from '../sheets/headers';
import { columnLabel, enumLabel, enumValue, type EnumValue, type FollowUpStatus, label, type Lang, normalizeHeader, sheetDef, type SourceKey, SOURCES, type StageKey, STAGES, type TierKey, TIERS } from '../sheets/schema';
import { quote } from './numbers';
import { t } from './text';

export type { SourceKey, StageKey, TierKey };

/** One playbook row; 'any' matches every value. */
export interface PlaybookRule {
  tier: TierKey | 'any';
  stage: StageKey | 'any';
  source: SourceKey | 'any';
  action: string;
}

interface DefaultRule {
  tier: TierKey | 'any';
  stage: StageKey | 'any';
  source: SourceKey | 'any';
  en: string;
  zh: string;
}

/**
 * Default rows, most specific first. Matching picks the row with the most non-Any keys that
 * match; among equally specific rows the first wins, so order matters only between rows of the
 * same specificity (e.g. a Core KOC in Transition: the Transition row comes first).
 */
export const DEFAULT_PLAYBOOK: readonly DefaultRule[] = [
  {
    tier: 'any',
    stage: 'sprout',
    source: 'private',
    en: 'Coaching: invite them to share an experience in the community group, then help plan their first public post',
    zh: '辅导：邀请其在社群中分享一次使用经验，再协助策划第一篇公开笔记',
  },
  {
    tier: 'any',
    stage: 'sprout',
    source: 'public',
    en: 'Direction and resources: brief them on the brand’s themes and offer a product trial',
    zh: '方向与资源：介绍品牌近期主题，提供新品试用机会',
  },
  {
    tier: 'any',
    stage: 'active',
    source: 'private',
    en: 'Coaching and a stage: co-plan topics, polish their copy, feature their post in the community',
    zh: '能力培养与展示平台：共同策划选题、优化文案，在社群中展示其作品',
  },
  {
    tier: 'any',
    stage: 'active',
    source: 'public',
    en: 'Direction and resources: align on campaign themes, give early access and exclusive information',
    zh: '方向校准与资源赋能：对齐活动主题，提供优先体验权和独家信息',
  },
  {
    tier: 'core',
    stage: 'mature',
    source: 'any',
    en: 'Co-creation: invite to product research or the advisory panel; ask them to mentor a newcomer',
    zh: '深度共创：邀请参与产品共研或顾问团，并请其带教一位新人',
  },
  {
    tier: 'any',
    stage: 'transition',
    source: 'any',
    en: 'Thank them for their work and offer an honorary or alumni-advisor role; keep inviting them to events',
    zh: '感谢其贡献，授予荣誉称号或邀请担任荣誉顾问；继续邀请参加品牌活动',
  },
  {
    tier: 'any',
    stage: 'alumni',
    source: 'any',
    en: 'Keep the bond: invite to annual events; ask them to advise newcomers now and then',
    zh: '维系情感：邀请参加年度活动，偶尔请其为新人提供指导',
  },
  {
    tier: 'core',
    stage: 'any',
    source: 'any',
    en: 'Deep task: co-creation or a strategic campaign; recognise their work in public',
    zh: '深度任务：共创或战略性活动，并公开表彰其贡献',
  },
  {
    tier: 'potential',
    stage: 'any',
    source: 'any',
    en: 'Growth challenge: a stretch task with a clear goal, then feedback',
    zh: '成长挑战：安排目标明确的进阶任务，完成后及时反馈',
  },
  {
    tier: 'any',
    stage: 'mature',
    source: 'any',
    en: 'Co-creation and mentoring: an advisory role and a newcomer to guide',
    zh: '共创与带教：担任顾问角色，并带领一位新人',
  },
  {
    tier: 'regular',
    stage: 'any',
    source: 'any',
    en: 'Light everyday sharing: a simple task and regular feedback',
    zh: '日常轻量分享：安排简单任务，定期反馈',
  },
  {
    tier: 'candidate',
    stage: 'any',
    source: 'any',
    en: 'Screen: check fit with the KOC portrait and offer one trial task',
    zh: '筛选：对照KOC画像评估契合度，安排一次试合作任务',
  },
  { tier: 'any', stage: 'any', source: 'any', en: 'Regular check-in', zh: '例行沟通' },
];

const ANY = { key: 'any', en: 'Any', zh: '任意', aliases: ['*', 'All', '全部', ''] };

/** The default playbook as rules in a language. */
export function defaultPlaybook(lang: Lang): PlaybookRule[] {
  return DEFAULT_PLAYBOOK.map((r) => ({ tier: r.tier, stage: r.stage, source: r.source, action: r[lang] }));
}

/** Rows for the Playbook sheet (Tier | Stage | Source | Action), for setup. */
export function defaultPlaybookRows(lang: Lang): string[][] {
  const name = <K extends string>(values: readonly EnumValue<K>[], key: K | 'any') => (key === 'any' ? label(ANY, lang) : enumLabel(values, key, lang));
  return DEFAULT_PLAYBOOK.map((r) => [name(TIERS, r.tier), name(STAGES, r.stage), name(SOURCES, r.source), r[lang]]);
}

function keyOrAny(values: readonly EnumValue[], cell: unknown): string | undefined {
  // Blank, '*' and other punctuation-only cells mean Any.
  if (normalizeHeader(cell) === '') return 'any';
  // The enum's own values first, then Any: as one search of the values followed by Any.
  return enumValue(values, cell)?.key ?? enumValue(ANY_ONLY, cell)?.key;
}

const ANY_ONLY = [ANY];

type PlaybookColumn = 'tier' | 'stage' | 'source' | 'action';
const PLAYBOOK_COLUMNS: readonly PlaybookColumn[] = ['tier', 'stage', 'source', 'action'];

const columnName = (key: PlaybookColumn, lang: Lang) => columnLabel('playbook', key, lang);

/**
 * Playbook rules from the Playbook sheet's rows (already cut to Tier, Stage, Source, Action).
 * A row with an unknown tier, stage or source, or no action, is skipped and reported, naming the
 * cell; a row repeating an earlier row's tier, stage and source is reported (the first is used);
 * a sheet with no usable row falls back to the defaults, and says so, so every KOC still gets an
 * action.
 */
export function parsePlaybook(rows: readonly (readonly unknown[])[], lang: Lang): { rules: PlaybookRule[]; problems: string[] } {
  const rules: PlaybookRule[] = [];
  const problems: string[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    const [tierCell, stageCell, sourceCell, actionCell] = row;
    const action = String(actionCell ?? '').trim();
    if (!action && [tierCell, stageCell, sourceCell].every((c) => String(c ?? '').trim() === '')) return;
    const tier = keyOrAny(TIERS, tierCell);
    const stage = keyOrAny(STAGES, stageCell);
    const source = keyOrAny(SOURCES, sourceCell);
    const bad: [PlaybookColumn, unknown] | undefined = !tier ? ['tier', tierCell] : !stage ? ['stage', stageCell] : !source ? ['source', sourceCell] : undefined;
    if (bad) {
      problems.push(t('playbookRowBad', lang, { row: i + 2, column: columnName(bad[0], lang), value: quote(bad[1], lang) }));
      return;
    }
    if (!action) {
      problems.push(t('playbookRowNoAction', lang, { row: i + 2, column: columnName('action', lang) }));
      return;
    }
    const key = `${tier}|${stage}|${source}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problems.push(t('playbookRowRepeats', lang, { row: i + 2, first }));
      return;
    }
    firstRowOf.set(key, i + 2);
    rules.push({ tier: tier as PlaybookRule['tier'], stage: stage as PlaybookRule['stage'], source: source as PlaybookRule['source'], action });
  });
  if (rules.length) return { rules, problems };
  return { rules: defaultPlaybook(lang), problems: [...problems, t('playbookEmpty', lang)] };
}

/**
 * The team's playbook from its sheet (found by its headers). Without the sheet, or without one
 * of its four columns, the built-in playbook is used and the run says so — a missing column read
 * as "Any" would hand KOCs another tier's or stage's action.
 */
export function playbookFromSheet(sheet: { map: HeaderMap; rows: readonly (readonly unknown[])[] } | undefined, lang: Lang): { rules: PlaybookRule[]; problems: string[] } {
  if (!sheet) return { rules: defaultPlaybook(lang), problems: [t('playbookMissing', lang, { name: label(sheetDef('playbook'), lang) })] };
  const at = PLAYBOOK_COLUMNS.map((k) => sheet.map.index[k]);
  if (!at.every((i): i is number => i !== undefined)) {
    const missing = PLAYBOOK_COLUMNS.filter((_, i) => at[i] === undefined);
    return { rules: defaultPlaybook(lang), problems: [t('playbookColumnsMissing', lang, { columns: missing.map((k) => columnName(k, lang)).join(t('listJoin', lang)) })] };
  }
  return parsePlaybook(
    sheet.rows.map((r) => at.map((i) => r[i])),
    lang,
  );
}

/** The most specific matching rule's action (first among equals); '' when none matches. */
export function playbookAction(rules: readonly PlaybookRule[], tier: TierKey, stage: StageKey, source: SourceKey | ''): string {
  let best: PlaybookRule | undefined;
  let bestScore = -1;
  for (const r of rules) {
    if (r.tier !== 'any' && r.tier !== tier) continue;
    if (r.stage !== 'any' && r.stage !== stage) continue;
    if (r.source !== 'any' && r.source !== source) continue;
    const score = (r.tier !== 'any' ? 1 : 0) + (r.stage !== 'any' ? 1 : 0) + (r.source !== 'any' ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best?.action ?? '';
}

/** What the next action depends on beyond the playbook: the urgent situations, most urgent first. */
export interface UrgencyFacts {
  /** Highest severity among open incidents, if any. */
  highestOpenSeverity?: 'low' | 'medium' | 'high' | 'critical';
  /** Highest severity among open incidents past their response deadline, if any. */
  lateIncidentSeverity?: 'low' | 'medium' | 'high' | 'critical';
  openIncidents: number;
  followUpStatus: FollowUpStatus;
  /** Days since the later of the last post and the last contact; undefined when neither is known. */
  silentDays?: number;
  /** The Settings "Silent days". */
  silentLimit: number;
}

export type UrgencyKind = 'incidentLate' | 'incident' | 'overdue' | 'firstContactLate' | 'firstContact' | 'silent';

/**
 * The urgent situation that overrides the playbook, or undefined. In order: an incident past its
 * response deadline, an open High/Critical incident, an overdue follow-up or a first contact past
 * its deadline, an open Medium/Low incident, a first contact still within its window, a long
 * silence (a KOC never contacted is introduced before it is chased for posting).
 */
export function urgency(f: UrgencyFacts): UrgencyKind | undefined {
  if (f.lateIncidentSeverity) return 'incidentLate';
  if (f.highestOpenSeverity === 'high' || f.highestOpenSeverity === 'critical') return 'incident';
  if (f.followUpStatus === 'overdue') return 'overdue';
  if (f.followUpStatus === 'firstOverdue') return 'firstContactLate';
  if (f.highestOpenSeverity) return 'incident';
  if (f.followUpStatus === 'first') return 'firstContact';
  if (f.silentDays !== undefined && f.silentDays >= f.silentLimit) return 'silent';
  return undefined;
}

/** The demo's Incidents sheet: every severity and kind, open and resolved. */
import { INCIDENT_KINDS, INCIDENT_STATUSES, SEVERITIES } from '../../sheets/schema';
import { bi, type Bi } from './data';
import { type DemoBuild, type DemoRecord, enumLabel, type Koc } from './kit';

export function buildIncidents(b: DemoBuild, kocs: readonly Koc[], crisisKoc: Koc): DemoRecord[] {
  const { lang, day, t } = b;
  // ----- Incidents: every severity and kind, open and resolved. -----
  const pickKoc = (arch: string, nth: number) => kocs.filter((k) => k.archetype === arch)[nth] ?? kocs[nth];
  const incident = (n: number, k: Koc, opened: number, severity: string, kind: string, description: Bi, resolvedIn: number | null, resolution: Bi | null): DemoRecord => ({
    id: `I-${String(n).padStart(3, '0')}`,
    kocId: k.id,
    opened: day(opened),
    severity: enumLabel(SEVERITIES, severity, lang),
    kind: enumLabel(INCIDENT_KINDS, kind, lang),
    description: t(description),
    status: enumLabel(INCIDENT_STATUSES, resolvedIn === null ? 'open' : 'resolved', lang),
    resolution: resolution ? t(resolution) : '',
    resolved: resolvedIn === null ? '' : day(opened + resolvedIn),
  });
  const incidents = [
    incident(1, crisisKoc, -2, 'critical', 'negative', bi('Viral comment thread claims the serum caused a rash.', '笔记评论区有人称精华导致过敏，正在发酵。'), null, null),
    incident(2, pickKoc('regular', 1), -6, 'high', 'complaint', bi('Sample arrived damaged; posted about it in their story.', '样品到货破损，KOC在动态中吐槽。'), null, null),
    incident(3, pickKoc('potential', 2), -15, 'medium', 'objection', bi('Doubts the new formula suits oily skin.', '质疑新配方是否适合油皮。'), 3, bi('Shared lab data; they posted a balanced review.', '提供实验数据，KOC发布了客观测评。')),
    incident(4, pickKoc('sprout', 0), -9, 'low', 'other', bi('Asked whether they may mention a competitor.', '询问能否提及竞品。'), 1, bi('Explained the brand guide; fine to compare fairly.', '讲解品牌指南：可以客观对比。')),
    incident(5, pickKoc('transition', 0), -30, 'medium', 'objection', bi('Feels the programme asks too much for the budget.', '认为合作要求与预算不匹配。'), null, null),
    incident(6, pickKoc('core', 1), -45, 'high', 'compliance', bi('A post missed the #ad disclosure.', '一篇合作笔记未标注广告。'), 2, bi('Post edited with the disclosure the same day.', '当天补充广告标识。')),
    incident(7, pickKoc('regular', 3), -3, 'low', 'complaint', bi('Late payment for last month’s task.', '上月任务费用延迟发放。'), null, null),
    incident(8, pickKoc('alumni', 0), -120, 'critical', 'negative', bi('Old video resurfaced with an outdated claim.', '旧视频被翻出，含过时功效宣称。'), 5, bi('Video updated; statement posted with the brand.', '视频已更新，与品牌共同发布说明。')),
  ];

  return incidents;
}

/**
 * Every message a user can see from the server side, English and Chinese side by side.
 * `{name}` placeholders are filled by `t`. Sidebar-only labels live in sidebar/text.ts.
 */
import type { Lang } from '../sheets/schema';

export const TEXT = {
  menuTitle: { en: 'KOC Ops', zh: 'KOC Ops' },
  setupDone: { en: 'Workbook ready: {made}', zh: '工作簿已就绪：{made}' },
  setupNothing: { en: 'Workbook already set up; nothing changed.', zh: '工作簿已设置完成，无需改动。' },
  demoLoaded: { en: 'Demo data loaded: {counts}', zh: '示例数据已载入：{counts}' },
  demoConfirm: {
    en: 'Load demo data? It replaces the rows of the KOC Ops sheets in this workbook.',
    zh: '载入示例数据？这会替换本工作簿中 KOC Ops 各表的数据行。',
  },
  cancelled: { en: 'Cancelled; nothing changed.', zh: '已取消，未做任何改动。' },
  busy: { en: 'Another KOC Ops run is in progress; try again in a minute.', zh: '另一个 KOC Ops 任务正在运行，请稍后再试。' },
  failed: { en: 'KOC Ops could not finish: {message}', zh: 'KOC Ops 未能完成：{message}' },
  renamedSheet: {
    en: 'Sheet "{name}" was not found. If you renamed it, name it "{en}" or "{zh}" again, or run Set up workbook to create it.',
    zh: '找不到工作表“{name}”。如已改名，请改回“{en}”或“{zh}”，或运行“设置工作簿”重新创建。',
  },
  protectedSheet: {
    en: 'Sheet "{name}" is protected and you cannot edit it. Ask its owner for edit access.',
    zh: '工作表“{name}”受保护，您无权编辑。请联系所有者授予编辑权限。',
  },
  computedSheet: {
    en: 'This sheet is written by KOC Ops recompute; edits here are replaced on the next run.',
    zh: '此表由 KOC Ops 自动计算生成，手动修改会在下次重算时被覆盖。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** 'zh-CN', 'zh_TW', 'zh' → zh; anything else → en. */
export function langFromLocale(locale: unknown): Lang {
  return /^zh/i.test(String(locale ?? '')) ? 'zh' : 'en';
}

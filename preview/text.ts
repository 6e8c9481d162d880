/**
 * Every word the preview itself shows (the page around the add-on, its dialogs and the server's
 * messages about the page), English and Chinese side by side. What the add-on shows (menu,
 * toasts, alerts, sheets, sidebar) comes from the bundle in its own language. The preview speaks
 * the language of `--locale`, as Sheets' own chrome speaks the user's.
 */
import type { Lang } from '../src/sheets/schema';

export type { Lang };

/** The preview's language from a locale (zh_CN, zh-TW, en_US …). */
export function langOfLocale(locale: string | undefined): Lang {
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}

export const PREVIEW_TEXT = {
  // The page
  serverDown: { en: 'The preview server is not answering. Is `npm start` still running?', zh: '预览服务器没有响应。`npm start` 还在运行吗？' },
  serverNoJson: { en: 'The server answered {status} without JSON: {text}', zh: '服务器返回 {status}，但不是 JSON：{text}' },
  serverStatus: { en: 'The server answered {status}.', zh: '服务器返回 {status}。' },
  loading: { en: 'Loading the workbook…', zh: '正在载入工作簿…' },
  actionFailed: { en: 'The action failed; nothing changed.', zh: '操作失败，未做任何改动。' },
  pageTitle: { en: 'KOC Ops — local preview', zh: 'KOC Ops — 本地预览' },
  savedToFile: { en: 'Every change is saved to this file', zh: '每次改动都保存到此文件' },
  menus: { en: 'Menus', zh: '菜单' },
  extensions: { en: 'Extensions ›', zh: '扩展程序 ›' },
  noMenu: { en: '(onOpen built no menu)', zh: '（onOpen 没有创建菜单）' },
  importRoster: { en: 'Import roster…', zh: '导入名册…' },
  triggersButton: { en: 'Triggers ({count})', zh: '触发器（{count}）' },
  running: { en: 'Running…', zh: '运行中…' },
  dismiss: { en: 'Dismiss', zh: '关闭提示' },
  triggers: { en: 'Triggers', zh: '触发器' },
  noTriggers: { en: 'No triggers. Use {menu} → a Schedule item to create one.', zh: '暂无触发器。请在 {menu} 菜单中选择一项自动重算来创建。' },
  runTrigger: { en: 'Run scheduled trigger now', zh: '立即运行定时触发器' },
  triggerHint: {
    en: 'A trigger runs as Apps Script runs it: no UI (getUi throws), no toasts to see; the sheets change.',
    zh: '触发器按 Apps Script 的方式运行：没有界面（getUi 会报错），看不到提示消息；工作表会更新。',
  },
  formulaBar: { en: 'Formula bar', zh: '编辑栏' },
  noSheets: { en: 'This workbook has no sheets yet. Use {menu} → Set up workbook.', zh: '此工作簿还没有工作表。请使用 {menu} → 设置工作簿。' },
  sidebar: { en: 'Sidebar', zh: '侧边栏' },
  closeSidebar: { en: 'Close sidebar', zh: '关闭侧边栏' },
  sheets: { en: 'Sheets', zh: '工作表' },
  // The grid
  sheetLabel: { en: 'Sheet {name}', zh: '工作表 {name}' },
  spilledFrom: { en: 'Spilled from {cell}', zh: '由 {cell} 的公式扩展' },
  editCell: { en: 'Edit {cell}', zh: '编辑 {cell}' },
  moreRows: { en: '{hidden} more rows not shown (the preview shows the first {rows}).', zh: '还有 {hidden} 行未显示（预览只显示前 {rows} 行）。' },
  // The chart
  chartSource: { en: 'Chart data: {range}', zh: '图表数据：{range}' },
  chartFromTable: { en: 'Dashboard table from row {row}', zh: '看板表格（自第 {row} 行）' },
  pyramid: { en: 'Pyramid', zh: '金字塔' },
  series: { en: 'Series {n}', zh: '系列 {n}' },
  // Alert buttons, as Sheets labels them in the user's language
  buttonOK: { en: 'OK', zh: '确定' },
  buttonCANCEL: { en: 'Cancel', zh: '取消' },
  buttonYES: { en: 'Yes', zh: '是' },
  buttonNO: { en: 'No', zh: '否' },
  buttonCLOSE: { en: 'Close', zh: '关闭' },
  // The import dialog
  importTitle: { en: 'Import a roster into KOCs', zh: '导入名册到 KOC 名册' },
  importDone: { en: 'Imported: {added} added, {updated} updated.', zh: '已导入：新增 {added} 位，更新 {updated} 位。' },
  importHint: {
    en: 'Choose a CSV file or paste a table (comma- or tab-separated, first row headers). Headers are matched in English or Chinese (“Followers” or “粉丝数”), in any order.',
    zh: '选择 CSV 文件或粘贴表格（逗号或制表符分隔，首行为表头）。表头用中文（如“粉丝数”）或英文均可，顺序不限。',
  },
  csvFile: { en: 'CSV file', zh: 'CSV 文件' },
  table: { en: 'Table', zh: '表格' },
  tablePlaceholder: { en: 'KOC ID,Name,Platform,Followers\nK900,小鹿,Xiaohongshu,1.2万', zh: 'KOC编号,昵称,平台,粉丝数\nK900,小鹿,小红书,1.2万' },
  how: { en: 'How', zh: '导入方式' },
  merge: { en: 'Merge: update KOCs with the same ID, add the rest', zh: '合并：更新编号相同的 KOC，其余新增' },
  replace: {
    en: 'Replace every KOC row with this table (the assignments, follow-ups and incidents of KOCs not in it are kept, and the import says how many)',
    zh: '用此表替换全部 KOC 行（不在表中的 KOC 的任务分配、跟进记录和事件会保留，导入后会说明数量）',
  },
  keepUnmatched: { en: 'Keep unmatched columns as your own columns', zh: '保留未匹配的列，作为您自己的列' },
  check: { en: 'Check', zh: '检查' },
  importButton: { en: 'Import', zh: '导入' },
  importRows: { en: 'Import {rows} rows', zh: '导入 {rows} 行' },
  reportRows: { en: '{rows} rows; {count} columns matched', zh: '{rows} 行；匹配 {count} 列' },
  reportUnmatched: {
    en: 'Unmatched columns ({count}): {list}. They are not KOC Ops columns; tick “Keep unmatched columns” to add them to KOCs as your own.',
    zh: '未匹配的列（{count}）：{list}。它们不是 KOC Ops 的列；勾选“保留未匹配的列”即可作为您自己的列加入 KOC 名册。',
  },
  reportDuplicateColumn: { en: 'Duplicate column {column}', zh: '重复的列 {column}' },
  reportBadCells: {
    en: '{count} cells need attention (imported as typed; recompute reports the rows until fixed):',
    zh: '{count} 个单元格需要注意（按原样导入；修正前重算会报告这些行）：',
  },
  reportLine: { en: 'Line {line}, {column}: {problem}', zh: '第 {line} 行，{column}：{problem}' },
  reportMore: { en: '… and {count} more', zh: '…… 另有 {count} 个' },
  // Import checks (preview/import.ts, preview/csv.ts)
  notNumber: { en: '{value} is not a number (write 12000, 1.2万, 3.4k or 1,234)', zh: '{value} 不是数字（可写 12000、1.2万、3.4k 或 1,234）' },
  negative: { en: '{value} is negative', zh: '{value} 是负数' },
  notRate: { en: '{value} is not a rate (write 3.5% or 0.035)', zh: '{value} 不是比率（可写 3.5% 或 0.035）' },
  notRating: { en: '{value} is not a rating from 1 to 5', zh: '{value} 不是 1 到 5 的评分' },
  notDate: { en: '{value} is not a date (write 2025-03-01)', zh: '{value} 不是日期（可写 2025-03-01 或 2025年3月1日）' },
  notOneOf: { en: '{value} is not one of {list}', zh: '{value} 不在可选值中：{list}' },
  duplicateIds: {
    en: 'The same KOC ID appears more than once: {list}. Keep one row per KOC and check again; nothing was imported.',
    zh: '同一 KOC 编号出现了不止一次：{list}。请每位 KOC 只保留一行后重新检查；未导入任何内容。',
  },
  cellTooLong: {
    en: 'Line {line}, column "{column}": {chars} characters, more than a Google Sheets cell holds (50,000). Shorten it and check again; nothing was imported.',
    zh: '第 {line} 行“{column}”列：{chars} 个字符，超过 Google 表格单元格的上限（50,000）。请缩短后重新检查；未导入任何内容。',
  },
  importFailed: { en: 'The import could not be written ({message}); the sheet is as it was.', zh: '导入无法写入（{message}）；工作表保持原样。' },
  duplicateIdLines: { en: '{id} (lines {lines})', zh: '{id}（第 {lines} 行）' },
  andMore: { en: 'and {count} more', zh: '另有 {count} 个' },
  editTooFar: {
    en: '{cell} is too far outside the sheet ({rows} rows × {columns} columns); type within {maxRow} rows and {maxCol} columns.',
    zh: '{cell} 离工作表太远（{rows} 行 × {columns} 列）；请在 {maxRow} 行、{maxCol} 列以内输入。',
  },
  removedKocs: {
    en: '{count} KOCs are no longer on the roster ({list}). Their {assignments} assignments, {followups} follow-ups and {incidents} incidents are kept as they are; recompute counts them as rows naming a KOC not on the roster, and Today and the Dashboard leave them out. Import those KOCs again (Merge) to bring them back.',
    zh: '{count} 位 KOC 已不在名册中（{list}）。他们的 {assignments} 条任务分配、{followups} 条跟进记录和 {incidents} 条事件原样保留；重算会把这些行计为 KOC 编号不在名册中，今日待办和看板不显示它们。重新导入这些 KOC（合并）即可恢复。',
  },
  emptyTable: { en: 'The table is empty: paste a header row and at least one KOC.', zh: '表格为空：请粘贴表头行和至少一位 KOC。' },
  duplicateColumn: { en: '{column}: {headers} (the first is used)', zh: '{column}：{headers}（使用第一列）' },
  noIdColumn: {
    en: 'No KOC ID column: one header must be "KOC ID" or "KOC编号". Headers found: {list}.',
    zh: '没有 KOC 编号列：需要一个表头为“KOC编号”或“KOC ID”。找到的表头：{list}。',
  },
  extraCells: { en: '(extra cells)', zh: '（多余的单元格）' },
  extraCellsProblem: { en: '{count} cell(s) beyond the last header; they are not imported', zh: '最后一个表头之后有 {count} 个单元格，未导入' },
  emptyId: { en: 'KOC ID is empty; the row is imported but recompute skips it until it has an ID', zh: 'KOC 编号为空；该行会导入，但在填写编号前重算会跳过它' },
  unclosedQuote: {
    en: 'A quoted field starting on line {line} has no closing quote; it was read to the end of the text.',
    zh: '第 {line} 行开始的带引号字段没有结束引号，已读到文本末尾。',
  },
  // The server's messages about the page (preview/session.ts)
  firstRun: { en: 'First run: made the demo workbook ({steps}), saved to {path}.', zh: '首次运行：已生成示例工作簿（{steps}），保存到 {path}。' },
  resetDone: { en: 'Reset: the workbook is the demo workbook again ({steps}), saved to {path}.', zh: '已重置：工作簿恢复为示例工作簿（{steps}），保存到 {path}。' },
  nothingRan: { en: 'nothing ran', zh: '未运行任何步骤' },
  badFile: {
    en: '{path} could not be read ({message}). It was kept as {kept}; a fresh demo workbook was made in its place. Fix the kept file and copy it back to use it again.',
    zh: '无法读取 {path}（{message}）。原文件已保留为 {kept}，并新建了示例工作簿。修正保留的文件后复制回来即可继续使用。',
  },
  onOpenFailed: { en: 'onOpen failed, so the KOC Ops menu is missing: {message}', zh: 'onOpen 运行失败，因此缺少 KOC Ops 菜单：{message}' },
  demoStepFailed: { en: '{fn} failed while making the demo workbook: {message}', zh: '生成示例工作簿时 {fn} 运行失败：{message}' },
  noSuchSheet: { en: 'There is no sheet named "{name}".', zh: '没有名为“{name}”的工作表。' },
  notMenuItem: { en: '"{fn}" is not an item of the KOC Ops menu.', zh: '“{fn}”不是 KOC Ops 菜单中的项目。' },
  menuFailed: { en: '{fn} failed: {message}', zh: '{fn} 运行失败：{message}' },
  cellNotChanged: { en: '{cell} was not changed: {message}', zh: '{cell} 未改动：{message}' },
  computedEdit: { en: '{name} is written by KOC Ops recompute; this edit is replaced on the next run.', zh: '“{name}”由 KOC Ops 重算写入；此改动会在下次重算时被替换。' },
  noSuchTrigger: { en: 'There is no trigger {id}; it may have been removed. Open the Triggers panel again.', zh: '没有触发器 {id}，可能已被删除。请重新打开触发器面板。' },
  triggerFailed: { en: "The trigger's {handler} failed (Apps Script would email you this): {message}", zh: '触发器的 {handler} 运行失败（Apps Script 会发邮件通知您）：{message}' },
  triggerRan: { en: 'Ran {handler} as a time-driven trigger.', zh: '已按定时触发器运行 {handler}。' },
  noKocsSheet: { en: 'There is no KOCs sheet yet: run KOC Ops → Set up workbook first.', zh: '还没有 KOC 名册表：请先运行 KOC Ops → 设置工作簿。' },
  scoreFormulaHeader: { en: 'Score (formula)', zh: '评分（公式）' },
  engagementFormulaHeader: { en: 'Engagement rate (formula)', zh: '互动率（公式）' },
  // Formula notes, worded as Sheets words them
  spillBlocked: { en: 'Array result was not expanded because it would overwrite data in {cell}.', zh: '数组结果未展开，因为会覆盖 {cell} 中的数据。' },
  beyondSheet: { en: "{cell} (beyond the sheet's last row or column)", zh: '{cell}（超出工作表的最后一行或一列）' },
  unknownName: { en: "Unknown range name: '{name}'.", zh: '未知的范围名称：“{name}”。' },
  unknownSheet: { en: "Unresolved sheet name '{name}'.", zh: '无法解析的工作表名称“{name}”。' },
  outsideSheet: { en: "Range {range} is outside sheet '{name}' ({rows} rows × {cols} columns).", zh: '范围 {range} 超出工作表“{name}”（{rows} 行 × {cols} 列）。' },
  // Trigger schedules
  everyMinutes: { en: 'Every {n} minutes', zh: '每 {n} 分钟' },
  everyHour: { en: 'Every hour', zh: '每小时' },
  everyHours: { en: 'Every {n} hours', zh: '每 {n} 小时' },
  everyDay: { en: 'Every day', zh: '每天' },
  everyDays: { en: 'Every {n} days', zh: '每 {n} 天' },
  atHours: { en: '{schedule} at {from}–{to}', zh: '{schedule} {from}–{to}' },
  everyWeek: { en: 'Every week', zh: '每周' },
  everyWeeks: { en: 'Every {n} weeks', zh: '每 {n} 周' },
  onWeekDay: { en: '{schedule} on {day}', zh: '{schedule}（{day}）' },
  onceAt: { en: 'Once at {at}', zh: '仅一次：{at}' },
  timeDriven: { en: 'time-driven', zh: '定时' },
} as const satisfies Record<string, { en: string; zh: string }>;

export type PreviewTextKey = keyof typeof PREVIEW_TEXT;

/** A preview text in a language, `{name}` placeholders filled from `vars`. */
export function pt(lang: Lang, key: PreviewTextKey, vars: Record<string, string | number> = {}): string {
  return PREVIEW_TEXT[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

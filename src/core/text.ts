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
  // --- Writes: what a save that failed, or landed but could not refresh, tells the user ---
  savedNoRefresh: {
    en: 'Saved. The lists could not refresh ({message}); they will on your next action.',
    zh: '已保存。列表未能刷新（{message}），下次操作时会刷新。',
  },
  notSaved: { en: 'Not saved: {message}. Nothing was changed; try again.', zh: '未保存：{message}。未做任何改动，请重试。' },
  notSavedPartly: {
    en: 'Saving failed halfway ({message}) and could not all be put back: check the last rows of sheet "{sheet}".',
    zh: '保存中途失败（{message}），未能全部恢复：请检查工作表“{sheet}”的最后几行。',
  },
  // --- Set up workbook and demo data (src/server/setup.ts) ---
  setupTitle: { en: 'Set up workbook', zh: '设置工作簿' },
  demoTitle: { en: 'Load demo data', zh: '载入示例数据' },
  nothingChanged: { en: 'Nothing was changed.', zh: '未做任何改动。' },
  setupCreated: {
    en: 'Created: {list}. If you had renamed one of these sheets, delete the new one and give yours its name back.',
    zh: '已创建：{list}。如果您曾给其中某个表改过名，请删除新建的表，并把原表改回这个名称。',
  },
  setupRenamed: { en: 'Renamed "{from}" to "{to}".', zh: '已将“{from}”改名为“{to}”。' },
  setupColumnsAdded: { en: '{sheet}: added {list} at the end.', zh: '“{sheet}”：已在末尾添加 {list}。' },
  setupRowsAdded: { en: '{sheet}: added {count} missing settings.', zh: '“{sheet}”：已补充 {count} 项缺失的设置。' },
  setupPlaybookFilled: { en: '{sheet}: filled with the default actions.', zh: '“{sheet}”：已填入默认行动。' },
  setupProtected: {
    en: 'Protected with a warning (KOC Ops writes them): {list}.',
    zh: '已设置提醒式保护（由 KOC Ops 写入）：{list}。',
  },
  setupWeights: { en: 'Named range KOC_WEIGHTS → {range}.', zh: '命名范围 KOC_WEIGHTS → {range}。' },
  setupNamedRange: { en: 'Named range {name} → {range}.', zh: '命名范围 {name} → {range}。' },
  setupWeightsNotAdjacent: {
    en: '{sheet}: the Setting and Value columns are not side by side, so the named range KOC_WEIGHTS was not set.',
    zh: '“{sheet}”：“设置项”与“值”两列不相邻，未设置命名范围 KOC_WEIGHTS。',
  },
  setupWeightsSplit: {
    en: '{sheet}: the weight rows are not together; KOC_WEIGHTS spans rows {from}–{to}.',
    zh: '“{sheet}”：权重行不连续，KOC_WEIGHTS 覆盖第 {from}–{to} 行。',
  },
  setupDuplicate: {
    en: '{sheet}: "{column}" heads more than one column ({columns}); KOC Ops uses column {first}. Rename or delete the other.',
    zh: '“{sheet}”：“{column}”出现在多列（{columns}），KOC Ops 使用第 {first} 列。请重命名或删除其他列。',
  },
  setupOwnColumns: { en: '{sheet}: your own columns, kept as they are: {list}.', zh: '“{sheet}”：您自己的列保持不变：{list}。' },
  setupLookalikeAsk: {
    en: 'Sheet "{name}" has {matched} of the {total} columns of {sheet}. Is it your {sheet} sheet?\n\nYes: rename it to "{target}" and use it.\nNo: keep it as it is and create a new, empty "{target}".',
    zh: '工作表“{name}”包含“{sheet}”{total} 列中的 {matched} 列。它是您的“{sheet}”表吗？\n\n是：将它改名为“{target}”并使用。\n否：保留原样，另建一个空的“{target}”。',
  },
  setupLookalikeSkipped: {
    en: '{sheet} was not created: sheet "{name}" has {matched} of its {total} columns. If it is your {sheet} sheet, rename it to "{target}"; then run Set up workbook again.',
    zh: '未创建“{sheet}”：工作表“{name}”已包含其 {total} 列中的 {matched} 列。如果它就是“{sheet}”表，请改名为“{target}”，然后重新运行“设置工作簿”。',
  },
  setupLookalikeCreated: {
    en: 'Created a new {sheet} beside "{name}", as you chose.',
    zh: '已按您的选择在“{name}”之外新建“{sheet}”。',
  },
  validationHelp: { en: 'Pick from the list; English and Chinese labels both work.', zh: '请从列表中选择；中英文均可识别。' },
  // KOC Ops → BigQuery SQL… (src/server/bigquery.ts)
  bigQueryTitle: { en: 'BigQuery SQL', zh: 'BigQuery SQL' },
  bigQueryStep1: {
    en: 'In BigQuery, replace {table} with your roster table (one column per roster column, see the README) and save the query as a view.',
    zh: '在 BigQuery 中把 {table} 换成你的名册表（每个名册列一列，见 README），并将查询另存为视图。',
  },
  bigQueryStep2: {
    en: 'Then in a spreadsheet, Data → Data connectors → Connect to BigQuery and pick the view: every KOC’s score, tier and stage, refreshed on the schedule you set there.',
    zh: '然后在表格中选择 数据 → 数据连接器 → 连接到 BigQuery，选中该视图：每位 KOC 的评分、层级和阶段，按你设定的计划刷新。',
  },
  bigQueryMade: {
    en: 'Made from this workbook’s Settings and time zone ({zone}); after changing Settings, open this again.',
    zh: '依据本工作簿的设置和时区（{zone}）生成；修改设置后请重新打开。',
  },
  bigQueryProblems: { en: 'Settings that could not be read (their defaults are used):', zh: '以下设置无法读取（已使用默认值）：' },
  bigQueryCopy: { en: 'Copy', zh: '复制' },
  bigQueryCopied: { en: 'Copied', zh: '已复制' },
  bigQuerySelectAndCopy: { en: 'Selected: press Ctrl+C (⌘C) to copy', zh: '已选中：按 Ctrl+C（⌘C）复制' },
  bigQueryClose: { en: 'Close', zh: '关闭' },
  bigQueryLabel: { en: 'GoogleSQL for BigQuery', zh: 'BigQuery 的 GoogleSQL' },
  dashboardPlaceholder: {
    en: 'The dashboard appears here after the first recompute (KOC Ops menu).',
    zh: '首次重算后，看板会显示在这里（KOC Ops 菜单）。',
  },
  demoNext: {
    en: 'Run the recompute from the KOC Ops menu to score and tier them.',
    zh: '请在 KOC Ops 菜单中运行重算，生成评分与层级。',
  },
  demoNeedsConfirm: {
    en: 'The KOC Ops sheets already hold data. Load demo data from the KOC Ops menu to confirm replacing it.',
    zh: 'KOC Ops 各表已有数据。请从 KOC Ops 菜单载入示例数据，并确认替换。',
  },
  demoSkipped: {
    en: 'Demo data was not loaded because {sheet} could not be set up.',
    zh: '由于无法设置“{sheet}”，未载入示例数据。',
  },
  // --- Sidebar (src/server/sidebarApi.ts): field messages and refusals ---
  sidebarTitle: { en: 'KOC Ops', zh: 'KOC Ops 运营助手' },
  openSidebar: { en: 'Open sidebar', zh: '打开侧边栏' },
  badRequest: { en: 'The request was not understood: {details}', zh: '无法识别的请求：{details}' },
  fixFields: { en: 'Please fix the marked fields; nothing was saved.', zh: '请修正标出的字段，尚未保存任何内容。' },
  fieldRequired: { en: 'Required', zh: '必填' },
  fieldTooLong: { en: 'At most {max} characters', zh: '最多 {max} 个字符' },
  fieldTooMany: { en: 'At most {max} at a time', zh: '一次最多 {max} 个' },
  fieldNoneChosen: { en: 'Choose at least one', zh: '请至少选择一项' },
  fieldChoose: { en: 'Choose one of the options', zh: '请从选项中选择' },
  fieldNotNumber: { en: '{value} is not a number (e.g. 1200, 1.2万, 3.4k)', zh: '{value} 不是数字（例如 1200、1.2万、3.4k）' },
  fieldNegative: { en: 'Cannot be below 0', zh: '不能小于 0' },
  fieldDate: { en: 'A date like 2026-11-23', zh: '请填写日期，例如 2026-11-23' },
  fieldUrl: { en: 'A link starting with http:// or https://', zh: '请填写以 http:// 或 https:// 开头的链接' },
  fieldUnknown: { en: 'Unknown field', zh: '未知字段' },
  fieldInvalid: { en: 'Not a valid value', zh: '无效的值' },
  nextBeforeDate: { en: 'The next follow-up cannot be before the contact date', zh: '下次跟进日期不能早于本次联系日期' },
  dateAfterToday: { en: 'Cannot be after today ({today})', zh: '不能晚于今天（{today}）' },
  dueBeforeToday: { en: 'The due date cannot be before today ({today})', zh: '截止日期不能早于今天（{today}）' },
  taskDuePassed: { en: "The task's due date ({due}) has passed; enter a new due date", zh: '任务截止日期（{due}）已过，请填写新的截止日期' },
  unknownKoc: { en: 'No KOC with ID "{id}"', zh: '找不到编号为“{id}”的 KOC' },
  unknownTask: { en: 'No task with ID "{id}"', zh: '找不到编号为“{id}”的任务' },
  unknownAssignment: { en: 'No assignment with ID "{id}"', zh: '找不到编号为“{id}”的任务分配' },
  unknownIncident: { en: 'No incident with ID "{id}"', zh: '找不到编号为“{id}”的事件' },
  taskClosed: { en: 'Task {id} is closed; reopen it on the Tasks sheet to offer it', zh: '任务 {id} 已关闭；请先在任务表中重新开放' },
  illegalMove: {
    en: '{id} is {from}; it cannot become {to}. Allowed next: {allowed}.',
    zh: '{id} 当前为“{from}”，不能改为“{to}”。可选的下一步：{allowed}。',
  },
  finalStatus: { en: 'nothing (final)', zh: '无（已结束）' },
  declineReason: { en: 'Say why the KOC declined', zh: '请填写 KOC 拒绝的原因' },
  slotsFull: { en: 'Only {left} of {slots} slots left', zh: '名额仅剩 {left} 个（共 {slots} 个）' },
  overBudget: { en: 'Above the budget per KOC ({budget})', zh: '超出单人预算（{budget}）' },
  kocsOverBudget: { en: 'Cost above the budget per KOC ({budget}): {names}', zh: '费用超出单人预算（{budget}）：{names}' },
  alreadyAssigned: { en: 'Already have this task: {names}', zh: '已分配过此任务：{names}' },
  declinedBefore: { en: 'Declined this task before: {names}', zh: '曾拒绝此任务：{names}' },
  kocUnavailable: { en: 'Paused, in Transition or alumni: {names}', zh: '暂停、转型期或荣誉状态：{names}' },
  kocsOpenIncident: { en: 'An open High or Critical incident to resolve first: {names}', zh: '有未处理的高级或严重事件，须先处理：{names}' },
  kocsOverWorkload: { en: 'Already at {max} open tasks: {names}', zh: '进行中任务已达 {max} 个：{names}' },
  kocsBelowMinTier: { en: 'Below the minimum tier ({tier}): {names}', zh: '低于最低层级（{tier}）：{names}' },
  alreadyResolved: { en: 'Incident {id} is already resolved', zh: '事件 {id} 已解决' },
  resultsNotYet: { en: '{id} is {status}; results can be recorded once it is published', zh: '{id} 当前为“{status}”，发布后才能记录数据' },
  noResults: { en: 'Enter at least one result', zh: '请至少填写一项数据' },
  suggestIncident: { en: 'Handle the incident first: talk to the KOC today and agree a fix', zh: '优先处理事件：今天与 KOC 沟通并商定解决方案' },
  suggestNegative: { en: 'Follow up soon: listen to the concern and agree a next step', zh: '尽快跟进：倾听顾虑并商定下一步' },
  nextActionIncident: { en: 'Handle the open {severity} incident first', zh: '优先处理未解决的{severity}级事件' },
  nextActionIncidentLate: {
    en: 'Escalate: the open {severity} incident is {days} days past its response deadline',
    zh: '升级处理：未解决的{severity}级事件已超过响应期限 {days} 天',
  },
  nextActionOverdue: { en: 'Contact now: the follow-up is overdue', zh: '立即联系：跟进已逾期' },
  nextActionSilent: { en: 'Re-engage: no post or contact for {days} days', zh: '重新激活：已 {days} 天无发帖或联系' },
  nextActionFirstContact: { en: 'First contact by {date}: introduce the programme', zh: '{date} 前完成首次联系：介绍合作计划' },
  nextActionFirstContactLate: { en: 'Make the first contact now: {days} days past its deadline ({date})', zh: '立即首次联系：已超过期限（{date}）{days} 天' },
  // Recompute, schedule, Echelon, History and Dashboard (src/server/recompute.ts, schedule.ts, src/core/echelon/, dashboard.ts).
  recomputeDone: { en: 'Recomputed {count} KOCs; {changes} tier or stage changes logged in History.', zh: '已重算 {count} 位 KOC，变动记录新增 {changes} 条层级或生命周期变化。' },
  recomputeUnchanged: { en: 'Recomputed {count} KOCs; nothing changed.', zh: '已重算 {count} 位 KOC，无变化。' },
  recomputeProblems: { en: '{count} rows have problems: see the Problems column of Echelon.', zh: '{count} 行数据有问题，请查看“梯队”表的“数据问题”列。' },
  recomputeOrphans: { en: '{count} rows of Assignments, Follow-ups or Incidents name a KOC ID not on the roster.', zh: '任务分配、跟进记录或异议与负面中有 {count} 行的 KOC 编号不在名册中。' },
  recomputeNotWritten: { en: 'Sheet "{name}" is missing, so it was not written; run Set up workbook to add it.', zh: '缺少工作表“{name}”，未写入；请运行“设置工作簿”添加。' },
  recomputeRestored: { en: 'Recompute failed while writing ({message}); the sheets were put back as they were.', zh: '重算写入时失败（{message}），各表已恢复原状。' },
  recomputeNotPutBack: {
    en: 'Recompute failed while writing ({message}) and could not put everything back; run Recompute now again to rewrite Echelon, History and the Dashboard.',
    zh: '重算写入时失败（{message}），且未能全部恢复；请再次运行“立即重算”以重写梯队、变动记录和看板。',
  },
  recomputeNotStarted: { en: 'Recompute could not start ({message}); nothing was written.', zh: '重算未能开始（{message}），未写入任何内容。' },
  recomputeColumnsAdded: {
    en: '{sheet}: the columns {list} were missing (renamed or deleted), so they were added again at {columns}.',
    zh: '“{sheet}”：缺少列 {list}（已改名或删除），已在 {columns} 列重新添加。',
  },
  recomputeHeaderRestored: { en: '{sheet}: the header row was empty, so it was written again.', zh: '“{sheet}”：标题行为空，已重新写入。' },
  recomputeBlocked: {
    en: 'Sheet "{name}" is protected and you cannot edit it, so nothing was written. Ask its owner to remove the protection (Data → Protect sheets and ranges) or to give you edit access, then run again.',
    zh: '工作表“{name}”受保护且您无权编辑，因此未写入任何内容。请所有者移除保护（数据 → 保护工作表和范围）或授予您编辑权限后重试。',
  },
  mergedCells: {
    en: 'Cells {range} on sheet "{name}" are merged where KOC Ops writes (a merge keeps only its first cell), so nothing was changed. Unmerge them (select them, then Format → Merge cells → Unmerge) and try again.',
    zh: '工作表“{name}”的 {range} 是合并单元格，而 KOC Ops 需要写入这里（合并单元格只保留第一个单元格），因此未做任何更改。请选中后取消合并（格式 → 合并单元格 → 取消合并），然后重试。',
  },
  runPutBack: { en: 'FAILED, put back', zh: '失败，已恢复' },
  runFailed: { en: 'FAILED', zh: '失败' },
  runSkipped: { en: 'skipped', zh: '已跳过' },
  runScheduled: { en: '(scheduled)', zh: '（自动）' },
  scheduleLastFailure: { en: '\nLast failure: {failure}', zh: '\n上次失败：{failure}' },
  scheduledDaily: { en: 'Recompute scheduled every day at {hour}:00 ({tz}).', zh: '已设置每天 {hour}:00（{tz}）自动重算。' },
  scheduledHourly: { en: 'Recompute scheduled every hour.', zh: '已设置每小时自动重算。' },
  scheduleStopped: { en: 'Recompute schedule stopped.', zh: '已停止自动重算。' },
  scheduleShow: { en: 'Recompute schedule: {schedule}.\nLast run: {last}', zh: '自动重算：{schedule}。\n上次运行：{last}' },
  scheduleNone: { en: 'none', zh: '未设置' },
  scheduleDailyAt: { en: 'every day at {hour}:00 ({tz})', zh: '每天 {hour}:00（{tz}）' },
  scheduleHourly: { en: 'every hour', zh: '每小时' },
  scheduleOtherUser: { en: '{schedule}, by a trigger that is not yours (another user’s, which only they can see, or one removed outside KOC Ops); scheduling or stopping here replaces it', zh: '{schedule}，由不属于您的触发器执行（其他用户的，仅其本人可见；或已在 KOC Ops 之外被删除）；在此设置或停止会取代它' },
  scheduleNothingToStop: { en: 'No recompute schedule is set; nothing to stop.', zh: '当前没有自动重算计划，无需停止。' },
  scheduleNotChanged: { en: 'The schedule was not changed.', zh: '自动重算计划未作更改。' },
  triggerRetired: { en: 'this trigger no longer carries the recompute schedule (it was replaced or stopped); it has deleted itself.', zh: '此触发器已不再承担自动重算（已被取代或停止），已自行删除。' },
  never: { en: 'never', zh: '从未' },
  nextActionThen: { en: '{first}; then: {next}', zh: '{first}；之后：{next}' },
  reasonPromote: { en: '{from} → {to}: score {score} ≥ {limit}', zh: '{from} → {to}：评分 {score} ≥ {limit}' },
  reasonDemote: { en: '{from} → {to}: score {score} < {limit}', zh: '{from} → {to}：评分 {score} < {limit}' },
  reasonOverride: { en: '{from} → {to}: tier override', zh: '{from} → {to}：人工指定层级' },
  reasonOverrideRemoved: { en: '{from} → {to}: override removed; score {score}', zh: '{from} → {to}：取消人工层级，评分 {score}' },
  playbookRowBad: { en: 'Playbook row {row}: {column} {value} is not understood; row skipped', zh: '行动手册第 {row} 行：{column}{value}无法识别，已跳过该行' },
  playbookRowNoAction: { en: 'Playbook row {row}: no {column}; row skipped', zh: '行动手册第 {row} 行：缺少{column}，已跳过该行' },
  playbookRowRepeats: {
    en: 'Playbook row {row} has the same tier, stage and source as row {first}; row {first} is used',
    zh: '行动手册第 {row} 行与第 {first} 行的层级、生命周期、来源相同；采用第 {first} 行',
  },
  playbookEmpty: { en: 'The Playbook has no usable row; the built-in playbook was used', zh: '行动手册没有可用的行，已改用内置行动手册' },
  playbookMissing: {
    en: 'Sheet "{name}" was not found; the built-in playbook was used. Name it back or run Set up workbook.',
    zh: '找不到工作表“{name}”，已改用内置行动手册。请改回原名，或运行“设置工作簿”。',
  },
  playbookColumnsMissing: {
    en: 'The Playbook has no column {columns}; the built-in playbook was used. Name the column back or run Set up workbook.',
    zh: '行动手册缺少列 {columns}，已改用内置行动手册。请把该列改回原名，或运行“设置工作簿”。',
  },
  reasonNoScore: { en: 'none (no metrics or ratings)', zh: '无（没有指标或评分）' },
  reasonScore: { en: '{from} → {to}: score {score}', zh: '{from} → {to}：评分 {score}' },
  reasonShortfall: { en: '{from} → {to}: {why}', zh: '{from} → {to}：{why}' },
  reasonUnassessed: { en: '{from} → no tier: {stage}, out of assessment', zh: '{from} → 不定级：{stage}，不再考核' },
  problemEvidence: {
    en: 'Only {n} of {all} dimensions have data (a tier above Candidate needs {need}): Candidate until more is known',
    zh: '仅 {n}/{all} 个维度有数据（高于候选层须至少 {need} 个）：补充数据前列为候选',
  },
  reasonStage: { en: '{from} → {to}: {why}', zh: '{from} → {to}：{why}' },
  problemNoId: { en: 'KOCs row {row}: no KOC ID; skipped', zh: 'KOC名册第 {row} 行：缺少 KOC 编号，已跳过' },
  problemDuplicateId: { en: 'KOCs row {row}: KOC ID {id} is also on row {first}; skipped', zh: 'KOC名册第 {row} 行：KOC 编号 {id} 与第 {first} 行重复，已跳过' },
  problemChildDate: { en: '{sheet} row {row}: {column} {value} is not a date', zh: '{sheet}第 {row} 行：{column} {value} 不是日期' },
  problemChildNumber: { en: '{sheet} row {row}: {column} {value} is not a number', zh: '{sheet}第 {row} 行：{column} {value} 不是数字' },
  dashTitle: { en: 'KOC Ops dashboard', zh: 'KOC Ops 看板' },
  dashUpdated: { en: 'Updated', zh: '更新时间' },
  dashPyramid: { en: 'Pyramid: KOCs by tier and stage', zh: '梯队金字塔：各层级与生命周期人数' },
  dashTotal: { en: 'Total', zh: '合计' },
  dashPipeline: { en: 'Pipeline health: generations by time in the programme', zh: '梯队健康度：按合作时长分代' },
  dashGeneration: { en: 'Generation', zh: '代际' },
  dashKocs: { en: 'KOCs', zh: '人数' },
  dashShare: { en: 'Share', zh: '占比' },
  dashNew: { en: 'New (under {days} days)', zh: '新生代（不足 {days} 天）' },
  dashMid: { en: 'Middle ({from}–{to} days)', zh: '中生代（{from}–{to} 天）' },
  dashOld: { en: 'Old ({days} days or more)', zh: '老一代（{days} 天及以上）' },
  dashTenureUnknown: { en: 'Join date unknown', zh: '加入日期未知' },
  dashAlumniApart: { en: 'Alumni (left the pipeline; not in the shares)', zh: '荣誉期（已离开梯队，不计入占比）' },
  dashSproutsBehind: { en: 'Sprouts behind mature KOCs', zh: '萌芽期对成熟期的接续' },
  dashPipelineOk: { en: '{sprouts} sprouts for {mature} mature KOCs: healthy', zh: '{sprouts} 位萌芽期对应 {mature} 位成熟期：健康' },
  dashPipelineWarn: {
    en: '⚠ Only {sprouts} sprouts for {mature} mature KOCs (want at least {want}): find new sprouts',
    zh: '⚠ 仅 {sprouts} 位萌芽期对应 {mature} 位成熟期（至少应有 {want} 位）：请发掘新苗',
  },
  dashFollowUps: { en: 'Follow-ups, incidents and offers', zh: '跟进、事件与邀约' },
  dashOverdue: { en: 'Overdue follow-ups', zh: '逾期跟进' },
  dashDueToday: { en: 'Follow-ups due today', zh: '今日到期跟进' },
  dashFirstContactsLate: { en: 'Of which first contacts', zh: '其中首次联系' },
  dashFirstContacts: { en: 'First contacts within their window', zh: '期限内的首次联系' },
  dashOpenIncidents: { en: 'Open incidents', zh: '未结事件' },
  dashHighIncidents: { en: 'High or Critical', zh: '高或严重' },
  dashLateIncidents: { en: 'Past response deadline', zh: '已超响应期限' },
  dashOffers: { en: 'Offers awaiting an answer', zh: '待回复邀约' },
  dashStaleOffers: { en: 'Waiting {days}+ days', zh: '等待 {days} 天及以上' },
  dashMostOverdue: { en: 'Most overdue follow-ups', zh: '逾期最久的跟进' },
  dashDaysOverdue: { en: 'Days overdue', zh: '逾期天数' },
  dashHighList: { en: 'Open High and Critical incidents', zh: '未结的高/严重事件' },
  dashNone: { en: 'None', zh: '无' },
  dashChartTitle: { en: 'KOCs by tier and stage', zh: '各层级与生命周期人数' },
  // --- Cell problems (src/core/record.ts, the custom functions, Echelon's Problems column) ---
  cellNotNumber: { en: '{column}: {value} is not a number', zh: '{column}：{value}不是数字' },
  cellNegative: { en: '{column}: {value} is below 0', zh: '{column}：{value}小于 0' },
  cellNotRating: { en: '{column}: {value} is not a rating from 1 to 5', zh: '{column}：{value}不是 1 到 5 的评分' },
  joinedInFuture: { en: '{column}: {value} is after today; left out until then', zh: '{column}：{value}晚于今天，暂不计入' },
  cellNotDate: { en: '{column}: {value} is not a date', zh: '{column}：{value}不是日期' },
  cellNotOneOf: { en: '{column}: {value} is not one of {list}', zh: '{column}：{value}不是以下之一：{list}' },
  cellNotScore: { en: '{column}: {value} is not from 0 to 100', zh: '{column}：{value}不在 0 到 100 之间' },
  valueNotNumber: { en: '{value} is not a number', zh: '{value}不是数字' },
  problemsMore: { en: '{problems} (+{count} more)', zh: '{problems}（另有 {count} 项）' },
  problemsJoin: { en: '; ', zh: '；' },
  listJoin: { en: ', ', zh: '、' },
  nothingToScore: { en: 'Nothing to score: no metrics or ratings; Candidate until there are', zh: '无可评分数据：没有指标或评分；在有数据之前列为候选' },
  labelScore: { en: 'Score', zh: '评分' },
  labelValue: { en: 'Value', zh: '价值' },
  labelCost: { en: 'Cost', zh: '成本' },
  // --- Settings problems (src/core/settings.ts) ---
  settingNotLanguage: { en: '{name}: "{value}" is not en, zh or auto', zh: '{name}：“{value}”不是 en、zh 或 auto' },
  settingNotWhole: { en: '{name}: "{value}" is not a whole number from {min} to {max}', zh: '{name}：“{value}”不是 {min} 到 {max} 之间的整数' },
  settingOutOfRange: { en: '{name}: "{value}" is not a number from {min} to {max}', zh: '{name}：“{value}”不是 {min} 到 {max} 之间的数字' },
  settingCurvePoints: {
    en: '{name}: "{value}" makes a curve with no slope (its zero and full points must differ, and be above 0 on a log scale); defaults used',
    zh: '{name}：“{value}”使评分曲线没有坡度（零分值与满分值须不同，对数曲线须大于 0）；已改用默认值',
  },
  settingThresholdOrder: {
    en: 'Tier thresholds must decrease: Core > Potential > Regular; defaults used',
    zh: '层级门槛须依次递减：核心 > 潜力 > 普通；已改用默认值',
  },
  // --- KOC_EXPLAIN (src/core/explain.ts) ---
  explainDimension: { en: 'Dimension', zh: '维度' },
  explainScore: { en: 'Score', zh: '得分' },
  explainWeight: { en: 'Weight', zh: '权重' },
  explainPoints: { en: 'Points', zh: '贡献' },
  explainNotes: { en: 'Notes', zh: '说明' },
  explainTotal: { en: 'Total', zh: '综合评分' },
  explainMissing: { en: 'missing: {list}', zh: '缺少：{list}' },
  explainNoData: { en: 'no data ({list} blank): counts as {prior}', zh: '无数据（{list}为空）：按 {prior} 分计' },
  explainCoverage: { en: '{n} of {all} dimensions', zh: '{all} 个维度中 {n} 个有数据' },
  explainUnknown: { en: '{list} unknown', zh: '{list}未知' },
  explainTier: { en: 'Tier', zh: '层级' },
  explainGroups: { en: 'Contribution {contribution} · Influence {influence} · Activity {activity}', zh: '贡献度 {contribution} · 影响力 {influence} · 活跃度 {activity}' },
  tierNeedsEvidence: {
    en: 'only {n} of {all} dimensions have data; a tier above Candidate needs {need}',
    zh: '仅 {n} 个维度有数据，高于候选层须至少 {need} 个',
  },
  tierNeedsScore: { en: '{tier} needs a score of {limit}', zh: '{tier}须评分达到 {limit}' },
  tierNeedsGroup: { en: '{tier} needs {group} of {limit} (has {value})', zh: '{tier}须{group}达到 {limit}（现为 {value}）' },
  tierNeedsAnyGroup: { en: '{tier} needs contribution, influence or activity of {limit} (best: {group} {value})', zh: '{tier}须贡献度、影响力或活跃度之一达到 {limit}（最高：{group} {value}）' },
  tierTop: { en: 'every rule of Core met', zh: '满足核心层全部条件' },
  listAnd: { en: ' and ', zh: '和' },
  explainZeroWeights: {
    en: 'nothing to score: every dimension with data has weight 0 in these weights',
    zh: '无法评分：有数据的维度在这组权重中权重均为 0',
  },
  explainNothing: { en: 'nothing to score: no metrics or ratings in this row', zh: '无可评分数据：此行没有指标或评分' },
  explainPerPost: { en: '{n} weighted interactions per post', zh: '篇均加权互动 {n}' },
  // --- Custom functions: how to call them, for wrong-call errors (src/server/functions.ts) ---
  callWrong: { en: '{usage}: {should}{detail}', zh: '{usage}：{should}{detail}' },
  callHeaders: { en: "headers must be the roster's header row, e.g. KOCs!A1:AF1", zh: 'headers 应为名册的表头行，例如 KOCs!A1:AF1' },
  callRows: { en: 'rows must be roster rows as wide as headers, e.g. KOCs!A2:AF', zh: 'rows 应为与表头等宽的名册数据行，例如 KOCs!A2:AF' },
  callRow: { en: 'row must be one roster row as wide as headers, e.g. KOCs!A2:AF2', zh: 'row 应为与表头等宽的一行名册数据，例如 KOCs!A2:AF2' },
  callWeights: {
    en: 'weights must be a two-column range of dimension and weight, e.g. KOC_WEIGHTS',
    zh: 'weights 应为“维度、权重”两列的区域，例如 KOC_WEIGHTS',
  },
  callThresholds: {
    en: 'thresholds must be three scores (Core, Potential, Regular), e.g. {75, 55, 35}, or a two-column range of tier and score',
    zh: 'thresholds 应为三个分数（核心、潜力、普通），例如 {75, 55, 35}，或“层级、分数”两列的区域',
  },
  callColumn: {
    en: 'each argument must be one value or one column, and columns must have the same number of rows',
    zh: '每个参数应为单个值或单列，且各列行数相同',
  },
  callScore: {
    en: 'score must be a score 0–100 or a column of scores, e.g. KOC_SCORE(…) or Echelon!C2:C',
    zh: 'score 应为 0–100 的评分或一列评分，例如 KOC_SCORE(…) 或 Echelon!C2:C',
  },
  callEngagement: {
    en: 'likes, collects, comments and shares are required (average per post; a blank cell counts 0)',
    zh: 'likes、collects、comments、shares 均为必填（篇均值；空白计为 0）',
  },
  callRoi: { en: 'value and cost are both required, e.g. KOC_ROI(T2:T, AC2:AC)', zh: 'value 与 cost 均为必填，例如 KOC_ROI(T2:T, AC2:AC)' },
  callNum: { en: 'text must be a count or rate as platforms show it, e.g. "1.2万" or A2:A', zh: 'text 应为平台显示的数量或比率，例如 "1.2万" 或 A2:A' },
  callAsOf: {
    en: 'asof must be the day to count days to, e.g. KOC_ASOF (Settings → As of, refreshed by KOC Ops)',
    zh: 'asof 应为计算天数所依据的日期，例如 KOC_ASOF（设置 → 数据日期，由 KOC Ops 刷新）',
  },
  callSettings: {
    en: 'settings must be the Settings range, e.g. KOC_SETTINGS (or a two-column range of dimension and weight such as KOC_WEIGHTS)',
    zh: 'settings 应为设置区域，例如 KOC_SETTINGS（或 KOC_WEIGHTS 这类“维度、权重”两列的区域）',
  },
  callSettingsOrThresholds: {
    en: 'settings must be the Settings range, e.g. KOC_SETTINGS, or three thresholds (Core, Potential, Regular) such as {75, 55, 35}',
    zh: 'settings 应为设置区域，例如 KOC_SETTINGS，或三个门槛（核心、潜力、普通），例如 {75, 55, 35}',
  },
  // --- Sidebar request validation (src/server/sidebar/validate.ts) ---
  requestNotObject: { en: 'expected one object of named fields', zh: '应为一个由命名字段组成的对象' },
  fieldMustBeText: { en: '{field} must be text', zh: '{field}须为文本' },
  fieldMustBeList: { en: '{field} must be a list', zh: '{field}须为列表' },
  fieldWholeRating: { en: '{field} must be a whole number from 1 to 5', zh: '{field}须为 1 到 5 的整数' },
  fieldNamedNotNumber: { en: '{field}: {value} is not a number (e.g. 1200, 1.2万, 3.4k)', zh: '{field}：{value}不是数字（例如 1200、1.2万、3.4k）' },
  missingColumns: {
    en: 'Sheet "{sheet}" has no column {columns}. Run KOC Ops → Set up workbook to add it.',
    zh: '工作表“{sheet}”缺少列 {columns}。请运行 KOC Ops → 设置工作簿 添加。',
  },
  // --- What was wrong in a formula's call (the detail after callWrong's usage line) ---
  argMissing: { en: '{name} is missing', zh: '缺少 {name}' },
  asOfMissing: { en: 'no day was given, and the settings passed have no As of row', zh: '未给出日期，传入的设置中也没有“数据日期”行' },
  asOfBlank: { en: 'the day is blank: run KOC Ops → Recompute now (or open the file again) to fill KOC_ASOF', zh: '日期为空：请运行 KOC Ops → 立即重算（或重新打开文件）以填写 KOC_ASOF' },
  asOfNotDate: { en: '{value} is not a date', zh: '{value}不是日期' },
  asOfNotOneCell: { en: 'got a range of {rows} × {columns} cells, not one date cell', zh: '收到 {rows} × {columns} 个单元格的区域，而不是一个日期单元格' },
  settingsNotRange: { en: '{value} is not a range', zh: '{value}不是区域' },
  argRows: { en: 'got {count} rows', zh: '收到 {count} 行' },
  argColumns: { en: 'got a range {count} columns wide', zh: '收到的区域宽 {count} 列' },
  argColumnLengths: { en: 'got columns of {list} rows', zh: '各列行数不同：{list}' },
  headersBlank: { en: 'the headers are blank', zh: '表头为空' },
  headersUnknown: { en: '{value} is not a known column', zh: '{value}不是可识别的列' },
  rowsWidth: { en: 'rows are {width} columns wide, headers {headers}', zh: '数据行宽 {width} 列，表头 {headers} 列' },
  weightsShape: { en: 'give a two-column range of dimension and weight', zh: '请给出“维度、权重”两列的区域' },
  weightsNotDimension: { en: '{value} is not a dimension ({list})', zh: '{value}不是评分维度（{list}）' },
  weightsNotWeight: { en: '{label}: {value} is not a weight (a number 0 or more)', zh: '{label}：{value}不是权重（应为 0 或以上的数字）' },
  weightsNone: { en: 'no dimension weights found', zh: '未找到任何维度权重' },
  weightsAllZero: { en: 'at least one weight must be above 0', zh: '至少一个权重须大于 0' },
  thresholdsShape: {
    en: 'give three numbers (Core, Potential, Regular) or a two-column range of tier and score',
    zh: '请给出三个数字（核心、潜力、普通），或“层级、分数”两列的区域',
  },
  thresholdsNotTier: { en: '{value} is not Core, Potential or Regular', zh: '{value}不是核心、潜力或普通' },
  thresholdsNotNumber: { en: '{label}: {value} is not a number', zh: '{label}：{value}不是数字' },
  thresholdsOrder: {
    en: 'thresholds must fall from Core to Regular within 0–100 (got {core}, {potential}, {regular})',
    zh: '门槛须在 0–100 之内从核心到普通依次递减（当前为 {core}、{potential}、{regular}）',
  },
  thresholdsNone: { en: 'no thresholds found', zh: '未找到任何门槛' },
  // --- A roster without its key column (recompute and the sidebar) ---
  noIdColumn: {
    en: '{sheet} has no "{column}" ({other}) column. Rename the column back or run Set up workbook.',
    zh: '{sheet}没有“{column}”（{other}）列。请把该列改回原名，或运行“设置工作簿”。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A message in both languages, for a caller that decides later which its reader sees. */
export interface Both {
  en: string;
  zh: string;
}

/** `vars` may depend on the language (a value quoted as each language quotes it). */
export function both(key: TextKey, vars: Record<string, string | number> | ((lang: Lang) => Record<string, string | number>) = {}): Both {
  const of = (lang: Lang) => (typeof vars === 'function' ? vars(lang) : vars);
  return { en: t(key, 'en', of('en')), zh: t(key, 'zh', of('zh')) };
}

export function isBoth(value: unknown): value is Both {
  return typeof value === 'object' && value !== null && typeof (value as Both).en === 'string' && typeof (value as Both).zh === 'string';
}

/** 'zh-CN', 'zh_TW', 'zh' → zh; anything else → en. */
export function langFromLocale(locale: unknown): Lang {
  return /^zh/i.test(String(locale ?? '')) ? 'zh' : 'en';
}

/**
 * A row's problems as one cell: the first `shown` joined, then how many more. Echelon's Problems
 * column shows 5; a formula's cell, narrower, 2.
 */
export function problemText(problems: readonly string[], lang: Lang, shown: number): string {
  const sep = t('problemsJoin', lang);
  return problems.length > shown ? t('problemsMore', lang, { problems: problems.slice(0, shown).join(sep), count: problems.length - shown }) : problems.join(sep);
}

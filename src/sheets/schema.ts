/**
 * The workbook's data contract (docs/ARCHITECTURE.md): every sheet, every column, every enumerated value,
 * in English and Chinese. This is the one place headers and their aliases live; the sheets
 * layer, setup, custom functions, recompute and the sidebar all read it.
 */

export type Lang = 'en' | 'zh';

/** How a cell of the column is read and validated. */
export type ColumnType =
  | 'id' // unique key text
  | 'text'
  | 'longtext'
  | 'count' // platform count: 12000, 1.2万, 3.4k
  | 'money'
  | 'rate' // 3.5% or 0.035
  | 'rating' // 1–5 by the ops team
  | 'number'
  | 'date'
  | 'enum'
  | 'tags' // comma-separated: , ， 、
  | 'url';

export interface EnumValue<K extends string = string> {
  key: K;
  en: string;
  zh: string;
  aliases?: readonly string[];
}

export interface ColumnDef<K extends string = string> {
  /** Stable key used by code; never shown. */
  key: K;
  en: string;
  zh: string;
  aliases?: readonly string[];
  type: ColumnType;
  /** Allowed values for enum columns. */
  values?: readonly EnumValue[];
  /** Number format applied by setup (Sheets pattern). */
  format?: string;
}

export type SheetOwner = 'team' | 'sidebar' | 'recompute';

export interface SheetDef {
  key: SheetKey;
  en: string;
  zh: string;
  aliases?: readonly string[];
  owner: SheetOwner;
  /** Computed sheets are protected with a warning only. */
  computed: boolean;
  columns: readonly ColumnDef[];
}

export type SheetKey =
  | 'kocs'
  | 'tasks'
  | 'assignments'
  | 'followups'
  | 'incidents'
  | 'echelon'
  | 'history'
  | 'settings'
  | 'playbook'
  | 'dashboard';

const v = <K extends string>(key: K, en: string, zh: string, ...aliases: string[]): EnumValue<K> => ({ key, en, zh, aliases });

/** The keys of an enum table as a literal type, e.g. EnumKey<typeof TIERS> is 'core' | 'potential' | …. */
export type EnumKey<T extends readonly EnumValue[]> = T[number]['key'];

export const PLATFORMS = [
  v('xiaohongshu', 'Xiaohongshu', '小红书', 'RED', 'XHS', 'Little Red Book'),
  v('douyin', 'Douyin', '抖音', 'TikTok CN', 'DY'),
  v('weibo', 'Weibo', '微博'),
  v('wechat', 'WeChat', '微信', '公众号', '视频号', 'WeChat Channels'),
  v('bilibili', 'Bilibili', '哔哩哔哩', 'B站'),
  v('kuaishou', 'Kuaishou', '快手'),
  v('other', 'Other', '其他'),
] as const;

export const SOURCES = [
  v('public', 'Public', '公域', 'Public domain'),
  v('private', 'Private', '私域', 'Private domain', 'Community', '社群'),
] as const;
/** A KOC's source's key, from SOURCES. */
export type SourceKey = EnumKey<typeof SOURCES>;

export const CHANNELS = [
  v('incubation', 'Incubation', '内部孵化'),
  v('trial', 'Trial', '新品试用', 'Product trial'),
  v('distributor', 'Distributor', '小B分销', 'Small B', '分销'),
  v('external', 'External', '外部合作'),
] as const;

export const KOC_STATUSES = [
  v('candidate', 'Candidate', '候选'),
  v('active', 'Active', '合作中'),
  v('paused', 'Paused', '暂停'),
  v('alumni', 'Alumni', '荣誉', 'Honorary', '荣誉KOC'),
] as const;
/** A KOC's status key, from KOC_STATUSES. */
export type KocStatusKey = EnumKey<typeof KOC_STATUSES>;

export const TIERS = [
  v('core', 'Core', '核心', '核心层'),
  v('potential', 'Potential', '潜力', '潜力层'),
  v('regular', 'Regular', '普通', '常规', '普通层'),
  v('candidate', 'Candidate', '候选', '储备', '候选层'),
] as const;

/** A tier's key, from TIERS (highest first). */
export type TierKey = EnumKey<typeof TIERS>;

export const STAGES = [
  v('sprout', 'Sprout', '萌芽期', '萌芽'),
  v('active', 'Active', '活跃期', '活跃'),
  v('mature', 'Mature', '成熟期', '成熟'),
  v('transition', 'Transition', '转型期', '转型'),
  v('alumni', 'Alumni', '荣誉期', '荣誉'),
] as const;

/** A lifecycle stage's key, from STAGES. */
export type StageKey = EnumKey<typeof STAGES>;

export const TASK_STATUSES = [v('open', 'Open', '进行中', '开放'), v('closed', 'Closed', '已关闭', '关闭')] as const;

export const ASSIGNMENT_STATUSES = [
  v('offered', 'Offered', '已邀约'),
  v('accepted', 'Accepted', '已接受'),
  v('declined', 'Declined', '已拒绝'),
  v('submitted', 'Submitted', '已提交'),
  v('published', 'Published', '已发布'),
  v('reviewed', 'Reviewed', '已复盘'),
  v('cancelled', 'Cancelled', '已取消'),
] as const;
/** An assignment's status key, from ASSIGNMENT_STATUSES. */
export type AssignmentStatus = EnumKey<typeof ASSIGNMENT_STATUSES>;

export const FOLLOWUP_TYPES = [
  v('checkin', 'Check-in', '例行沟通'),
  v('feedback', 'Feedback', '反馈'),
  v('coaching', 'Coaching', '辅导'),
  v('incentive', 'Incentive', '激励'),
  v('objection', 'Objection', '异议处理'),
  v('crisis', 'Crisis', '危机处理'),
  v('cocreation', 'Co-creation', '共创'),
] as const;

export const CONTACT_CHANNELS = [
  v('wechat', 'WeChat', '微信'),
  v('dm', 'Platform DM', '平台私信', 'DM'),
  v('phone', 'Phone', '电话'),
  v('meeting', 'Meeting', '面谈'),
  v('group', 'Community group', '社群', 'Group'),
  v('email', 'Email', '邮件'),
] as const;

export const SENTIMENTS = [
  v('positive', 'Positive', '积极'),
  v('neutral', 'Neutral', '中性'),
  v('negative', 'Negative', '消极', '负面'),
] as const;

export const SEVERITIES = [
  v('low', 'Low', '低'),
  v('medium', 'Medium', '中'),
  v('high', 'High', '高'),
  v('critical', 'Critical', '严重', '紧急'),
] as const;
/** An incident's severity key, from SEVERITIES (least severe first). */
export type SeverityKey = EnumKey<typeof SEVERITIES>;

export const INCIDENT_KINDS = [
  v('objection', 'Objection', '异议'),
  v('negative', 'Negative content', '负面内容'),
  v('complaint', 'Complaint', '投诉'),
  v('compliance', 'Compliance', '合规'),
  v('other', 'Other', '其他'),
] as const;

export const INCIDENT_STATUSES = [v('open', 'Open', '处理中', '未解决'), v('resolved', 'Resolved', '已解决')] as const;

export const TIER_SOURCES = [v('computed', 'Computed', '计算'), v('override', 'Override', '人工')] as const;
/** Where a tier came from, from TIER_SOURCES. */
export type TierSource = EnumKey<typeof TIER_SOURCES>;

export const FOLLOWUP_STATUSES = [
  v('overdue', 'Overdue', '已逾期'),
  v('due', 'Due', '今日到期'),
  v('ok', 'OK', '正常'),
  // Never contacted: one first contact, apart from the tier's cadence (core/follow-up.ts).
  v('first', 'First contact due', '待首次联系'),
  v('firstOverdue', 'First contact overdue', '首次联系逾期'),
  v('none', 'Not scheduled', '未安排'),
] as const;
/** A follow-up status key, from FOLLOWUP_STATUSES. */
export type FollowUpStatus = EnumKey<typeof FOLLOWUP_STATUSES>;

const c = <K extends string>(
  key: K,
  en: string,
  zh: string,
  type: ColumnType,
  extra: Partial<Pick<ColumnDef, 'aliases' | 'values' | 'format'>> = {},
): ColumnDef<K> => ({ key, en, zh, type, ...extra });

const DATE = 'yyyy-mm-dd';
const INT = '#,##0';
const MONEY = '#,##0.00';

export const SHEETS = [
  {
    key: 'kocs',
    en: 'KOCs',
    zh: 'KOC名册',
    aliases: ['KOC roster', 'Roster', '名册'],
    owner: 'team',
    computed: false,
    columns: [
      c('id', 'KOC ID', 'KOC编号', 'id', { aliases: ['ID', '编号'] }),
      c('name', 'Name', '昵称', 'text', { aliases: ['Nickname', '名称', '姓名'] }),
      c('platform', 'Platform', '平台', 'enum', { values: PLATFORMS }),
      c('source', 'Source', '来源', 'enum', { values: SOURCES }),
      c('channel', 'Channel', '招募渠道', 'enum', { values: CHANNELS, aliases: ['Recruitment channel', '渠道'] }),
      c('owner', 'Owner', '负责人', 'text', { aliases: ['Manager', '对接人'] }),
      c('joined', 'Joined', '加入日期', 'date', { format: DATE, aliases: ['Join date', '加入时间'] }),
      c('categories', 'Categories', '领域', 'tags', { aliases: ['Category', '类目', '垂类'] }),
      c('formats', 'Formats', '内容形式', 'tags', { aliases: ['Format', '形式'] }),
      c('styles', 'Styles', '风格', 'tags', { aliases: ['Style'] }),
      c('audiences', 'Audiences', '受众', 'tags', { aliases: ['Audience', '人群'] }),
      c('followers', 'Followers', '粉丝数', 'count', { format: INT, aliases: ['Fans', '粉丝'] }),
      c('posts30d', 'Posts 30d', '近30天发帖', 'count', { format: INT, aliases: ['Posts', '发帖数'] }),
      c('likes', 'Likes', '平均点赞', 'count', { format: INT, aliases: ['Avg likes', '点赞'] }),
      c('collects', 'Collects', '平均收藏', 'count', { format: INT, aliases: ['Avg collects', 'Saves', '收藏'] }),
      c('comments', 'Comments', '平均评论', 'count', { format: INT, aliases: ['Avg comments', '评论'] }),
      c('shares', 'Shares', '平均分享', 'count', { format: INT, aliases: ['Avg shares', '分享', '转发'] }),
      c('leads30d', 'Leads 30d', '引流', 'count', { format: INT, aliases: ['Leads', '引流数'] }),
      c('orders30d', 'Orders 30d', '转化订单', 'count', { format: INT, aliases: ['Orders', '订单'] }),
      c('gmv30d', 'GMV 30d', '成交额', 'money', { format: MONEY, aliases: ['GMV', '销售额'] }),
      c('lastPost', 'Last post', '最近发帖', 'date', { format: DATE, aliases: ['Last posted', '最近发帖日期'] }),
      c('lastContact', 'Last contact', '最近联系', 'date', { format: DATE, aliases: ['Last contacted', '最近联系日期'] }),
      c('quality', 'Quality', '内容质量', 'rating', { aliases: ['Content quality'] }),
      c('professionalism', 'Professionalism', '专业度', 'rating'),
      c('creativity', 'Creativity', '创造力', 'rating', { aliases: ['创意'] }),
      c('brandFit', 'Brand fit', '形象契合', 'rating', { aliases: ['Image fit', '品牌契合', '形象契合度'] }),
      c('willingness', 'Willingness', '分享意愿', 'rating', { aliases: ['Willingness to share'] }),
      c('communication', 'Communication', '沟通互动', 'rating', { aliases: ['Interaction', '互动'] }),
      c('monthlyCost', 'Monthly cost', '月成本', 'money', { format: MONEY, aliases: ['Cost', '成本'] }),
      c('status', 'Status', '状态', 'enum', { values: KOC_STATUSES }),
      c('tierOverride', 'Tier override', '人工层级', 'enum', { values: TIERS, aliases: ['Manual tier'] }),
      c('notes', 'Notes', '备注', 'longtext'),
    ],
  },
  {
    key: 'tasks',
    en: 'Tasks',
    zh: '任务',
    owner: 'team',
    computed: false,
    columns: [
      c('id', 'Task ID', '任务编号', 'id'),
      c('title', 'Title', '标题', 'text', { aliases: ['任务名称'] }),
      c('product', 'Product', '产品', 'text'),
      c('categories', 'Categories', '领域', 'tags', { aliases: ['Category'] }),
      c('format', 'Format', '内容形式', 'tags', { aliases: ['Formats'] }),
      c('styles', 'Styles', '风格', 'tags', { aliases: ['Style'] }),
      c('audiences', 'Audiences', '受众', 'tags', { aliases: ['Audience'] }),
      c('minTier', 'Min tier', '最低层级', 'enum', { values: TIERS, aliases: ['Minimum tier'] }),
      c('slots', 'Slots', '名额', 'count', { format: INT }),
      c('budgetPerKoc', 'Budget per KOC', '单人预算', 'money', { format: MONEY, aliases: ['Budget'] }),
      c('due', 'Due', '截止日期', 'date', { format: DATE, aliases: ['Deadline'] }),
      c('status', 'Status', '状态', 'enum', { values: TASK_STATUSES }),
      c('brief', 'Brief', '任务说明', 'longtext', { aliases: ['Description', '简介'] }),
    ],
  },
  {
    key: 'assignments',
    en: 'Assignments',
    zh: '任务分配',
    owner: 'sidebar',
    computed: false,
    columns: [
      c('id', 'Assignment ID', '分配编号', 'id'),
      c('taskId', 'Task ID', '任务编号', 'text'),
      c('kocId', 'KOC ID', 'KOC编号', 'text'),
      c('status', 'Status', '状态', 'enum', { values: ASSIGNMENT_STATUSES }),
      c('offered', 'Offered', '邀约日期', 'date', { format: DATE }),
      c('responded', 'Responded', '回复日期', 'date', { format: DATE }),
      c('due', 'Due', '截止日期', 'date', { format: DATE }),
      c('contentUrl', 'Content URL', '内容链接', 'url', { aliases: ['URL', '链接'] }),
      c('likes', 'Likes', '点赞', 'count', { format: INT }),
      c('collects', 'Collects', '收藏', 'count', { format: INT }),
      c('comments', 'Comments', '评论', 'count', { format: INT }),
      c('shares', 'Shares', '分享', 'count', { format: INT }),
      c('leads', 'Leads', '引流', 'count', { format: INT }),
      c('orders', 'Orders', '订单', 'count', { format: INT }),
      c('gmv', 'GMV', '成交额', 'money', { format: MONEY }),
      c('quality', 'Quality', '质量评分', 'rating', { aliases: ['内容质量'] }),
      c('cost', 'Cost', '费用', 'money', { format: MONEY }),
      c('assignedBy', 'Assigned by', '分配人', 'text'),
      c('notes', 'Notes', '备注', 'longtext'),
    ],
  },
  {
    key: 'followups',
    en: 'Follow-ups',
    zh: '跟进记录',
    aliases: ['Followups', 'Follow ups'],
    owner: 'sidebar',
    computed: false,
    columns: [
      c('id', 'Follow-up ID', '跟进编号', 'id'),
      c('kocId', 'KOC ID', 'KOC编号', 'text'),
      c('date', 'Date', '日期', 'date', { format: DATE }),
      c('channel', 'Channel', '沟通渠道', 'enum', { values: CONTACT_CHANNELS, aliases: ['渠道'] }),
      c('type', 'Type', '类型', 'enum', { values: FOLLOWUP_TYPES }),
      c('summary', 'Summary', '摘要', 'longtext', { aliases: ['内容'] }),
      c('sentiment', 'Sentiment', '情绪', 'enum', { values: SENTIMENTS, aliases: ['态度'] }),
      c('nextFollowUp', 'Next follow-up', '下次跟进', 'date', { format: DATE, aliases: ['Next'] }),
      c('loggedBy', 'Logged by', '记录人', 'text'),
    ],
  },
  {
    key: 'incidents',
    en: 'Incidents',
    zh: '异议与负面',
    aliases: ['异议', '负面'],
    owner: 'sidebar',
    computed: false,
    columns: [
      c('id', 'Incident ID', '事件编号', 'id'),
      c('kocId', 'KOC ID', 'KOC编号', 'text'),
      c('opened', 'Opened', '发生日期', 'date', { format: DATE }),
      c('severity', 'Severity', '严重程度', 'enum', { values: SEVERITIES }),
      c('kind', 'Kind', '类别', 'enum', { values: INCIDENT_KINDS, aliases: ['类型'] }),
      c('description', 'Description', '描述', 'longtext'),
      c('status', 'Status', '状态', 'enum', { values: INCIDENT_STATUSES }),
      c('resolution', 'Resolution', '处理结果', 'longtext'),
      c('resolved', 'Resolved', '解决日期', 'date', { format: DATE }),
    ],
  },
  {
    key: 'echelon',
    en: 'Echelon',
    zh: '梯队',
    owner: 'recompute',
    computed: true,
    columns: [
      c('kocId', 'KOC ID', 'KOC编号', 'text'),
      c('name', 'Name', '昵称', 'text'),
      c('score', 'Score', '综合评分', 'number', { format: '0.0' }),
      c('influence', 'Influence', '影响力', 'number', { format: '0' }),
      c('engagement', 'Engagement', '互动', 'number', { format: '0' }),
      c('activity', 'Activity', '活跃度', 'number', { format: '0' }),
      c('content', 'Content', '内容', 'number', { format: '0' }),
      c('conversion', 'Conversion', '转化', 'number', { format: '0' }),
      c('brandFit', 'Brand fit', '品牌契合', 'number', { format: '0' }),
      c('potential', 'Potential', '潜力值', 'number', { format: '0' }),
      c('tier', 'Tier', '层级', 'enum', { values: TIERS }),
      c('tierSource', 'Tier source', '层级来源', 'enum', { values: TIER_SOURCES }),
      c('stage', 'Stage', '生命周期', 'enum', { values: STAGES }),
      c('source', 'Source', '来源', 'enum', { values: SOURCES }),
      c('roi', 'ROI', '投入产出比', 'number', { format: '0.00' }),
      c('workload', 'Workload', '进行中任务', 'number', { format: '0' }),
      c('lastContact', 'Last contact', '最近联系', 'date', { format: DATE }),
      c('followUpStatus', 'Follow-up status', '跟进状态', 'enum', { values: FOLLOWUP_STATUSES }),
      c('nextFollowUp', 'Next follow-up', '下次跟进', 'date', { format: DATE }),
      c('openIncidents', 'Open incidents', '未结事件', 'number', { format: '0' }),
      c('highestSeverity', 'Highest severity', '最高严重度', 'enum', { values: SEVERITIES }),
      c('nextAction', 'Next action', '下一步行动', 'longtext'),
      c('mentor', 'Mentor', '导师', 'text'),
      c('problems', 'Problems', '数据问题', 'longtext', { aliases: ['Issues'] }),
      c('updated', 'Updated', '更新时间', 'date', { format: 'yyyy-mm-dd hh:mm' }),
    ],
  },
  {
    key: 'history',
    en: 'History',
    zh: '变动记录',
    owner: 'recompute',
    computed: true,
    columns: [
      c('when', 'When', '时间', 'date', { format: 'yyyy-mm-dd hh:mm' }),
      c('kocId', 'KOC ID', 'KOC编号', 'text'),
      c('name', 'Name', '昵称', 'text'),
      c('field', 'Field', '字段', 'text'),
      c('from', 'From', '原值', 'text'),
      c('to', 'To', '新值', 'text'),
      c('reason', 'Reason', '原因', 'longtext'),
    ],
  },
  {
    key: 'settings',
    en: 'Settings',
    zh: '设置',
    owner: 'team',
    computed: false,
    columns: [
      c('setting', 'Setting', '设置项', 'text'),
      c('value', 'Value', '值', 'text'),
      c('notes', 'Notes', '说明', 'longtext', { aliases: ['Description'] }),
    ],
  },
  {
    key: 'playbook',
    en: 'Playbook',
    zh: '行动手册',
    owner: 'team',
    computed: false,
    columns: [
      c('tier', 'Tier', '层级', 'enum', { values: [...TIERS, v('any', 'Any', '任意', '*')] }),
      c('stage', 'Stage', '生命周期', 'enum', { values: [...STAGES, v('any', 'Any', '任意', '*')] }),
      c('source', 'Source', '来源', 'enum', { values: [...SOURCES, v('any', 'Any', '任意', '*')] }),
      c('action', 'Action', '行动', 'longtext'),
    ],
  },
  {
    key: 'dashboard',
    en: 'Dashboard',
    zh: '看板',
    owner: 'recompute',
    computed: true,
    // The dashboard is a laid-out report, not a table; its cells are written by recompute.
    columns: [],
  },
] as const satisfies readonly SheetDef[];

/** A sheet's definition with its column keys as literal types. */
export type SheetDefOf<S extends SheetKey> = Extract<(typeof SHEETS)[number], { key: S }>;
/** The column keys of a sheet as a literal type, e.g. ColumnKey<'kocs'> is 'id' | 'name' | …. */
export type ColumnKey<S extends SheetKey = SheetKey> = SheetDefOf<S>['columns'][number]['key'];

/** Lower-case, drop spaces and punctuation (ASCII and CJK), and full-width → half-width. */
export function normalizeHeader(text: unknown): string {
  const raw = String(text ?? '');
  let n = normalized.get(raw);
  if (n === undefined) {
    n = raw
      .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}]/gu, '');
    if (normalized.size >= NORMALIZED_LIMIT) normalized.clear();
    normalized.set(raw, n);
  }
  return n;
}

/**
 * Headers and labels already normalized: the same few hundred names are matched against every
 * header row, sheet name and Settings label of an execution (the Unicode regex is the cost).
 */
const normalized = new Map<string, string>();
const NORMALIZED_LIMIT = 5_000;

export function sheetDef<S extends SheetKey>(key: S): SheetDefOf<S> {
  const def = SHEETS.find((s): s is SheetDefOf<S> => s.key === key);
  if (!def) throw new Error(`Unknown sheet ${key}`);
  return def;
}

/** All names a column answers to, normalized. */
export function columnNames(col: ColumnDef): string[] {
  return [col.key, col.en, col.zh, ...(col.aliases ?? [])].map(normalizeHeader);
}

export function sheetNames(def: SheetDef): string[] {
  return [def.en, def.zh, ...(def.aliases ?? [])].map(normalizeHeader);
}

export function label(item: { en: string; zh: string }, lang: Lang): string {
  return lang === 'zh' ? item.zh : item.en;
}

/** An enum key's label in one language; '' for no key or a key the table lacks. */
export function enumLabel<K extends string>(values: readonly EnumValue<K>[], key: K | null | undefined, lang: Lang): string {
  if (key === null || key === undefined) return '';
  const v = values.find((x) => x.key === key);
  return v ? label(v, lang) : '';
}

/** A column's header in one language, by its key; '' when the sheet has no such column. */
export function columnLabel<S extends SheetKey>(sheet: S | SheetDefOf<S>, key: ColumnKey<S>, lang: Lang): string {
  const def: SheetDef = typeof sheet === 'string' ? sheetDef(sheet) : sheet;
  const col = def.columns.find((c) => c.key === key);
  return col ? label(col, lang) : '';
}

/** Find an enum value by any of its names (English, Chinese, key, alias), ignoring case and punctuation. */
export function enumValue(values: readonly EnumValue[], text: unknown): EnumValue | undefined {
  const n = normalizeHeader(text);
  if (!n) return undefined;
  let index = enumIndexes.get(values);
  if (!index) {
    // The first value a name belongs to wins, as a search in order would find it.
    index = new Map();
    for (const val of values)
      for (const name of [val.key, val.en, val.zh, ...(val.aliases ?? [])]) {
        const key = normalizeHeader(name);
        if (!index.has(key)) index.set(key, val);
      }
    enumIndexes.set(values, index);
  }
  return index.get(n);
}

/** Normalized name → value, per enum: a status column is matched cell after cell. */
const enumIndexes = new WeakMap<readonly EnumValue[], Map<string, EnumValue>>();

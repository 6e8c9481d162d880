/**
 * The Settings sheet: one row per setting (Setting | Value | Notes). This table says which rows
 * exist, their English and Chinese labels, defaults and how a value is read. Setup writes it;
 * recompute, the custom functions and the sidebar read it through `parseSettings`.
 */
import {
  DEFAULT_CALIBRATION,
  DEFAULT_EVIDENCE,
  DEFAULT_FIRST_CONTACT_DAYS,
  DEFAULT_INCIDENT_DAYS,
  DEFAULT_TIER_FLOORS,
  DEFAULT_CADENCE_DAYS,
  DEFAULT_ENGAGEMENT_WEIGHTS,
  DEFAULT_HYSTERESIS,
  DEFAULT_MAX_WORKLOAD,
  DEFAULT_MENTOR_CAPACITY,
  DEFAULT_MIN_SPROUTS_PER_MATURE,
  DEFAULT_OFFER_STALE_DAYS,
  DEFAULT_SCHEDULE_HOUR,
  DEFAULT_SILENT_DAYS,
  DEFAULT_STAGE_RULES,
  DEFAULT_TIER_THRESHOLDS,
  DEFAULT_WEIGHTS,
  DIMENSION_LABELS,
  DIMENSIONS,
  type Dimension,
} from './defaults';
import { type Calibration, type CalibrationKey, PARTS } from './model';
import { type Lang, normalizeHeader } from '../sheets/schema';
import { readDay } from './dates';
import { readPoints } from './numbers';
import { t, type TextKey } from './text';

export type { Lang };



export interface Settings {
  language: Lang | 'auto';
  /** The day KOC Ops last refreshed (the "As of" row, named KOC_ASOF), as a day number; undefined when blank. */
  asOf?: number;
  weights: Record<Dimension, number>;
  engagementWeights: typeof DEFAULT_ENGAGEMENT_WEIGHTS;
  tierThresholds: typeof DEFAULT_TIER_THRESHOLDS;
  hysteresis: number;
  stageRules: typeof DEFAULT_STAGE_RULES;
  cadenceDays: typeof DEFAULT_CADENCE_DAYS;
  silentDays: number;
  mentorCapacity: number;
  maxWorkload: number;
  offerStaleDays: number;
  scheduleHour: number;
  minSproutsPerMature: number;
  calibration: Calibration;
  evidence: typeof DEFAULT_EVIDENCE;
  tierFloors: typeof DEFAULT_TIER_FLOORS;
  incidentDays: typeof DEFAULT_INCIDENT_DAYS;
  firstContactDays: number;
}

interface SettingDef {
  /** Dotted path into Settings. */
  path: string;
  en: string;
  zh: string;
  notes: { en: string; zh: string };
  /** 'language' is text, 'date' a day; everything else a number within [min, max]. */
  kind: 'language' | 'date' | 'number';
  min?: number;
  max?: number;
  /** Days, counts and the hour: 6.5 days or a trigger at hour 6.5 means nothing. */
  whole?: boolean;
  default: string | number;
}

const num = (path: string, en: string, zh: string, dflt: number, min: number, max: number, notesEn: string, notesZh: string): SettingDef => ({
  path,
  en,
  zh,
  kind: 'number',
  default: dflt,
  min,
  max,
  notes: { en: notesEn, zh: notesZh },
});

const whole = (...args: Parameters<typeof num>): SettingDef => ({ ...num(...args), whole: true });

/** What each calibrated curve measures, for its Settings rows ("Zero at · …", "Full at · …"). */
const CALIBRATED: readonly { zero: CalibrationKey; full: CalibrationKey; en: string; zh: string; max: number }[] = [
  { zero: 'followersZero', full: 'followersFull', en: 'Followers', zh: '粉丝数', max: 1e10 },
  { zero: 'interactionsZero', full: 'interactionsFull', en: 'Interactions per post', zh: '篇均互动', max: 1e9 },
  { zero: 'postsZero', full: 'postsFull', en: 'Posts 30d', zh: '近30天发帖', max: 1000 },
  { zero: 'recencyZero', full: 'recencyFull', en: 'Days since last post', zh: '距最近发帖天数', max: 3650 },
  { zero: 'leadsZero', full: 'leadsFull', en: 'Leads 30d', zh: '近30天引流', max: 1e9 },
  { zero: 'ordersZero', full: 'ordersFull', en: 'Orders 30d', zh: '近30天订单', max: 1e9 },
  { zero: 'gmvZero', full: 'gmvFull', en: 'GMV 30d', zh: '近30天成交额', max: 1e12 },
  { zero: 'relativeZero', full: 'relativeFull', en: 'Interactions for audience', zh: '相对粉丝量的互动', max: 1e6 },
];

/** Label prefix of the weight rows; KOC_WEIGHTS names exactly these rows (Setting and Value). */
export const WEIGHT_PREFIX = { en: 'Weight · ', zh: '权重·' };

/** The "As of" row: the day KOC Ops last refreshed. Its Value cell is the named range KOC_ASOF. */
export const AS_OF_PATH = 'asOf';

export const SETTING_DEFS: readonly SettingDef[] = [
  {
    path: AS_OF_PATH,
    en: 'As of (last refresh)',
    zh: '数据日期（上次刷新）',
    kind: 'date',
    default: '',
    notes: {
      en: 'The day KOC Ops last refreshed (recompute, opening the file). Formulas count days to it: pass KOC_ASOF. Written by KOC Ops.',
      zh: 'KOC Ops 上次刷新的日期（重算、打开文件时）。公式按此日期计算天数：传入 KOC_ASOF。由 KOC Ops 写入。',
    },
  },
  {
    path: 'language',
    en: 'Language',
    zh: '语言',
    kind: 'language',
    default: 'auto',
    notes: {
      en: 'The language KOC Ops writes in this workbook, for every user and the schedule: en or zh (auto: the spreadsheet’s locale). Change it, then recompute: KOC Ops’ own headers and values follow.',
      zh: 'KOC Ops 在本工作簿中写入所用的语言，对所有用户和定时重算都一样：en 或 zh（auto：按表格的区域设置）。修改后运行重算，KOC Ops 写入的表头和取值随之转换。',
    },
  },
  ...DIMENSIONS.map((d) =>
    num(
      `weights.${d}`,
      WEIGHT_PREFIX.en + DIMENSION_LABELS[d].en,
      WEIGHT_PREFIX.zh + DIMENSION_LABELS[d].zh,
      DEFAULT_WEIGHTS[d],
      0,
      1000,
      'Relative weight of this dimension in the score',
      '该维度在综合评分中的相对权重',
    ),
  ),
  num('tierThresholds.core', 'Tier threshold · Core', '层级门槛·核心', DEFAULT_TIER_THRESHOLDS.core, 0, 100, 'Score at or above which a KOC is Core', '评分达到此值为核心层'),
  num('tierThresholds.potential', 'Tier threshold · Potential', '层级门槛·潜力', DEFAULT_TIER_THRESHOLDS.potential, 0, 100, 'Score at or above which a KOC is Potential', '评分达到此值为潜力层'),
  num('tierThresholds.regular', 'Tier threshold · Regular', '层级门槛·普通', DEFAULT_TIER_THRESHOLDS.regular, 0, 100, 'Score at or above which a KOC is Regular; below is Candidate', '评分达到此值为普通层，低于为候选'),
  num('hysteresis', 'Tier margin', '层级缓冲', DEFAULT_HYSTERESIS, 0, 20, 'Points past a threshold needed to change tier (no flapping)', '越过门槛多少分才调整层级（防止反复跳动）'),
  whole('stageRules.sproutDays', 'Sprout days', '萌芽期天数', DEFAULT_STAGE_RULES.sproutDays, 1, 3650, 'Days since joining during which a KOC is a Sprout', '加入后多少天内为萌芽期'),
  whole('stageRules.matureDays', 'Mature after days', '成熟期天数', DEFAULT_STAGE_RULES.matureDays, 1, 3650, 'Days of active cooperation after which a KOC is Mature', '持续合作多少天后进入成熟期'),
  whole('stageRules.transitionSilentDays', 'Transition silent days', '转型期沉默天数', DEFAULT_STAGE_RULES.transitionSilentDays, 1, 3650, 'No post for this many days moves a KOC to Transition', '多少天未发帖进入转型期'),
  whole('stageRules.transitionPosts30d', 'Transition posts 30d', '转型期发帖阈值', DEFAULT_STAGE_RULES.transitionPosts30d, 0, 1000, 'Fewer posts in 30 days than this, once mature, is Transition', '成熟后近30天发帖少于此值为转型期'),
  whole('stageRules.activePosts30d', 'Active posts 30d', '活跃发帖阈值', DEFAULT_STAGE_RULES.activePosts30d, 0, 1000, 'Posts in 30 days that count as active', '近30天发帖达到此值算活跃'),
  whole('cadenceDays.core', 'Follow-up days · Core', '跟进周期·核心', DEFAULT_CADENCE_DAYS.core, 1, 365, 'Days between contacts for Core KOCs', '核心层联系间隔天数'),
  whole('cadenceDays.potential', 'Follow-up days · Potential', '跟进周期·潜力', DEFAULT_CADENCE_DAYS.potential, 1, 365, 'Days between contacts for Potential KOCs', '潜力层联系间隔天数'),
  whole('cadenceDays.regular', 'Follow-up days · Regular', '跟进周期·普通', DEFAULT_CADENCE_DAYS.regular, 1, 365, 'Days between contacts for Regular KOCs', '普通层联系间隔天数'),
  whole('cadenceDays.candidate', 'Follow-up days · Candidate', '跟进周期·候选', DEFAULT_CADENCE_DAYS.candidate, 1, 365, 'Days between contacts for Candidates', '候选层联系间隔天数'),
  whole('silentDays', 'Silent days', '沉默天数', DEFAULT_SILENT_DAYS, 1, 3650, 'No post and no contact for this many days → re-engage', '多少天无发帖且无联系需重新激活'),
  whole('mentorCapacity', 'Mentees per mentor', '每位导师带新人数', DEFAULT_MENTOR_CAPACITY, 0, 50, 'Most Sprouts one Mature KOC mentors', '每位成熟期KOC最多带几位萌芽期新人'),
  whole('maxWorkload', 'Max open tasks', '最大进行中任务', DEFAULT_MAX_WORKLOAD, 1, 100, 'Open assignments beyond which a KOC is not offered more', '进行中任务超过此数不再派发'),
  whole('offerStaleDays', 'Offer reminder days', '邀约提醒天数', DEFAULT_OFFER_STALE_DAYS, 0, 365, 'Offers unanswered this long show on Today', '邀约超过多少天未回复显示在今日待办'),
  whole('scheduleHour', 'Daily recompute hour', '每日重算时间', DEFAULT_SCHEDULE_HOUR, 0, 23, 'Hour (0–23) of the daily recompute', '每日自动重算的小时（0–23）'),
  num('minSproutsPerMature', 'Sprouts per mature KOC', '每位成熟KOC对应萌芽数', DEFAULT_MIN_SPROUTS_PER_MATURE, 0, 100, 'Pipeline warning when fewer Sprouts stand behind each Mature KOC', '萌芽期人数低于成熟期的此倍数时看板预警'),
  num('engagementWeights.likes', 'Engagement weight · Likes', '互动权重·点赞', DEFAULT_ENGAGEMENT_WEIGHTS.likes, 0, 100, 'Weight of a like in engagement', '点赞在互动量中的权重'),
  num('engagementWeights.collects', 'Engagement weight · Collects', '互动权重·收藏', DEFAULT_ENGAGEMENT_WEIGHTS.collects, 0, 100, 'Weight of a collect in engagement', '收藏在互动量中的权重'),
  num('engagementWeights.comments', 'Engagement weight · Comments', '互动权重·评论', DEFAULT_ENGAGEMENT_WEIGHTS.comments, 0, 100, 'Weight of a comment in engagement', '评论在互动量中的权重'),
  num('engagementWeights.shares', 'Engagement weight · Shares', '互动权重·分享', DEFAULT_ENGAGEMENT_WEIGHTS.shares, 0, 100, 'Weight of a share in engagement', '分享在互动量中的权重'),
  num('evidence.unknownScore', 'Unknown dimension counts as', '未知维度计分', DEFAULT_EVIDENCE.unknownScore, 0, 100, 'Sub-score a dimension with no data counts as in the total (25 = a 2 out of 5)', '无数据的维度在总分中按此分计（25 相当于 5 分制的 2 分）'),
  whole('evidence.minDimensions', 'Minimum dimensions for a tier', '定级最少维度数', DEFAULT_EVIDENCE.minDimensions, 0, 7, 'Dimensions with data needed for any tier above Candidate', '高于候选层须至少有数据的维度数'),
  num('tierFloors.coreContribution', 'Core floor · Contribution', '核心门槛·贡献度', DEFAULT_TIER_FLOORS.coreContribution, 0, 100, 'Core also needs Content and Conversion at least this', '核心层还须内容与转化至少达到此分'),
  num('tierFloors.coreInfluence', 'Core floor · Influence', '核心门槛·影响力', DEFAULT_TIER_FLOORS.coreInfluence, 0, 100, 'Core also needs Influence and Engagement at least this', '核心层还须影响力与互动至少达到此分'),
  num('tierFloors.coreActivity', 'Core floor · Activity', '核心门槛·活跃度', DEFAULT_TIER_FLOORS.coreActivity, 0, 100, 'Core also needs Activity at least this', '核心层还须活跃度至少达到此分'),
  num('tierFloors.potential', 'Potential floor (any group)', '潜力门槛（任一方面）', DEFAULT_TIER_FLOORS.potential, 0, 100, 'Potential also needs contribution, influence or activity at least this', '潜力层还须贡献度、影响力或活跃度之一达到此分'),
  whole('stageRules.transitionWindowDays', 'Transition window days', '转型期窗口天数', DEFAULT_STAGE_RULES.transitionWindowDays, 1, 3650, 'In Transition with no post for this many days: no tier, thanks and an honorary role', '转型期且多少天未发帖：不再定级，致谢并授予荣誉身份'),
  whole('incidentDays.critical', 'Response days · Critical', '响应天数·严重', DEFAULT_INCIDENT_DAYS.critical, 0, 365, 'Days to respond to a Critical incident before it escalates', '严重事件须在多少天内响应，逾期升级'),
  whole('incidentDays.high', 'Response days · High', '响应天数·高', DEFAULT_INCIDENT_DAYS.high, 0, 365, 'Days to respond to a High incident before it escalates', '高级事件须在多少天内响应，逾期升级'),
  whole('incidentDays.medium', 'Response days · Medium', '响应天数·中', DEFAULT_INCIDENT_DAYS.medium, 0, 365, 'Days to respond to a Medium incident before it escalates', '中级事件须在多少天内响应，逾期升级'),
  whole('incidentDays.low', 'Response days · Low', '响应天数·低', DEFAULT_INCIDENT_DAYS.low, 0, 365, 'Days to respond to a Low incident before it escalates', '低级事件须在多少天内响应，逾期升级'),
  whole('firstContactDays', 'First contact days', '首次联系天数', DEFAULT_FIRST_CONTACT_DAYS, 0, 365, 'A KOC never contacted is due one first contact this many days after KOC Ops first sees it (after joining, when it joined within this window)', '从未联系的KOC在 KOC Ops 首次发现后多少天内须首次联系（在此期限内加入的，从加入日算起）'),
  ...calibrationDefs(),
];

/** The calibration rows: each curve's zero and full point, then the audience floor. */
function calibrationDefs(): SettingDef[] {
  const rows: SettingDef[] = [];
  for (const c of CALIBRATED) {
    rows.push(num(`calibration.${c.zero}`, `Zero at · ${c.en}`, `零分值·${c.zh}`, DEFAULT_CALIBRATION[c.zero], 0, c.max, `${c.en} scoring 0 on its curve`, `${c.zh}在评分曲线上计 0 分的值`));
    rows.push(num(`calibration.${c.full}`, `Full at · ${c.en}`, `满分值·${c.zh}`, DEFAULT_CALIBRATION[c.full], 0, c.max, `${c.en} scoring 100 on its curve`, `${c.zh}在评分曲线上计满分的值`));
  }
  rows.push(
    num('calibration.relativeMinFollowers', 'Fewest followers for audience', '相对互动最少粉丝数', DEFAULT_CALIBRATION.relativeMinFollowers, 1, 1e10, 'Smaller audiences count as this many when measuring interactions for audience', '计算相对粉丝量的互动时，粉丝数低于此值按此值计'),
  );
  return rows;
}

/** The curve pairs whose zero and full must differ (and be above 0 on a log scale), by Settings path. */
export const CALIBRATION_PAIRS = CALIBRATED.map((c) => ({
  zero: c.zero,
  full: c.full,
  positive: PARTS.some((p) => p.curve.scale === 'log' && p.curve.zero === c.zero),
}));

export function defaultSettings(): Settings {
  return {
    language: 'auto',
    weights: { ...DEFAULT_WEIGHTS },
    engagementWeights: { ...DEFAULT_ENGAGEMENT_WEIGHTS },
    tierThresholds: { ...DEFAULT_TIER_THRESHOLDS },
    hysteresis: DEFAULT_HYSTERESIS,
    stageRules: { ...DEFAULT_STAGE_RULES },
    cadenceDays: { ...DEFAULT_CADENCE_DAYS },
    silentDays: DEFAULT_SILENT_DAYS,
    mentorCapacity: DEFAULT_MENTOR_CAPACITY,
    maxWorkload: DEFAULT_MAX_WORKLOAD,
    offerStaleDays: DEFAULT_OFFER_STALE_DAYS,
    scheduleHour: DEFAULT_SCHEDULE_HOUR,
    minSproutsPerMature: DEFAULT_MIN_SPROUTS_PER_MATURE,
    calibration: { ...DEFAULT_CALIBRATION },
    evidence: { ...DEFAULT_EVIDENCE },
    tierFloors: { ...DEFAULT_TIER_FLOORS },
    incidentDays: { ...DEFAULT_INCIDENT_DAYS },
    firstContactDays: DEFAULT_FIRST_CONTACT_DAYS,
  };
}

export function findSettingDef(labelText: unknown): SettingDef | undefined {
  const n = normalizeHeader(labelText);
  return n ? settingDefsByLabel().get(n) : undefined;
}

/** Every name a setting answers to (English, Chinese, path), normalized: built once per execution, not once per row. */
let defsByLabel: Map<string, SettingDef> | undefined;
function settingDefsByLabel(): Map<string, SettingDef> {
  if (!defsByLabel) {
    defsByLabel = new Map();
    // The first definition to claim a name keeps it, as a search in SETTING_DEFS order would.
    for (const d of SETTING_DEFS) for (const name of [d.en, d.zh, d.path]) if (!defsByLabel.has(normalizeHeader(name))) defsByLabel.set(normalizeHeader(name), d);
  }
  return defsByLabel;
}

/**
 * Read Settings rows ([label, value] pairs). Unknown labels are ignored (the team may keep notes
 * there); a bad value keeps the default and is reported — in the Settings language, or in
 * `autoLang` when that is auto.
 */
export function parseSettings(
  rows: readonly (readonly unknown[])[],
  autoLang: Lang | (() => Lang) = 'en',
): { settings: Settings; problems: string[]; /** The problem of each setting whose value was bad (its default stands in), by path. */ invalid: Record<string, string> } {
  const settings = defaultSettings();
  // Worked out as found, worded at the end: the language is itself a setting.
  const found: { key: TextKey; vars: Record<string, string | number>; def?: SettingDef }[] = [];
  for (const row of rows) {
    const def = findSettingDef(row[0]);
    if (!def) continue;
    const raw = row[1];
    if (raw === '' || raw === null || raw === undefined) continue;
    if (def.kind === 'date') {
      const day = readDay(raw);
      if (day !== undefined && !Number.isNaN(day)) settings.asOf = day;
      // A bad day is not reported here: the formulas that need it say so, and the next refresh rewrites it.
      continue;
    }
    if (def.kind === 'language') {
      const text = String(raw).trim().toLowerCase();
      const lang = text.startsWith('zh') || text === '中文' ? 'zh' : text.startsWith('en') || text === 'english' ? 'en' : text === 'auto' || text === '自动' ? 'auto' : undefined;
      if (lang) settings.language = lang;
      else {
        found.push({ key: 'settingNotLanguage', vars: { value: String(raw) }, def });
      }
      continue;
    }
    const n = readPoints(raw) ?? Number.NaN;
    if (!Number.isFinite(n) || n < def.min! || n > def.max! || (def.whole && !Number.isInteger(n))) {
      found.push({ key: def.whole ? 'settingNotWhole' : 'settingOutOfRange', vars: { value: String(raw), min: def.min!, max: def.max! }, def });
      continue;
    }
    setPath(settings, def.path, n);
  }
  const th = settings.tierThresholds;
  if (!(th.core > th.potential && th.potential > th.regular)) {
    found.push({ key: 'settingThresholdOrder', vars: {} });
    settings.tierThresholds = { ...DEFAULT_TIER_THRESHOLDS };
  }
  // A curve needs two different points (and points above 0 on a log scale); else its defaults.
  const cal = settings.calibration;
  for (const pair of CALIBRATION_PAIRS) {
    if (cal[pair.zero] !== cal[pair.full] && (!pair.positive || (cal[pair.zero] > 0 && cal[pair.full] > 0))) continue;
    const def = SETTING_DEFS.find((d) => d.path === `calibration.${pair.full}`)!;
    found.push({ key: 'settingCurvePoints', vars: { value: String(cal[pair.full]) }, def });
    cal[pair.zero] = DEFAULT_CALIBRATION[pair.zero];
    cal[pair.full] = DEFAULT_CALIBRATION[pair.full];
  }
  if (found.length === 0) return { settings, problems: [], invalid: {} };
  // The language of the problems: the one set, else the caller's (asked only now: it may cost a call).
  const lang: Lang = settings.language !== 'auto' ? settings.language : typeof autoLang === 'function' ? autoLang() : autoLang;
  const problems = found.map((p) => t(p.key, lang, p.def ? { ...p.vars, name: p.def[lang] } : p.vars));
  const invalid: Record<string, string> = {};
  found.forEach((p, i) => {
    if (p.def) invalid[p.def.path] = problems[i];
  });
  return { settings, problems, invalid };
}

function setPath(target: any, path: string, value: number): void {
  const parts = path.split('.');
  let obj = target;
  for (const p of parts.slice(0, -1)) obj = obj[p];
  obj[parts[parts.length - 1]] = value;
}

/** The default Settings rows (Setting | Value | Notes) in a language, for setup. */
export function defaultSettingsRows(lang: Lang): (string | number)[][] {
  // The workbook's language is decided at setup and stored: every later run writes in it.
  return SETTING_DEFS.map((d) => [lang === 'zh' ? d.zh : d.en, d.kind === 'language' ? lang : d.default, d.notes[lang]]);
}

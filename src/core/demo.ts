/**
 * The demo workbook: a believable, bilingual KOC programme to try KOC Ops on. Deterministic (a
 * seeded PRNG and dates relative to `now`), so the preview, screenshots and tests see the same
 * data every run while the dates always look current. Pure: no Apps Script globals.
 *
 * Counts are typed the way platforms show them ('1.2万', '3.4k', '8,900', '2.1w') and a few cells
 * are messy on purpose ('N/A', '—', 'about 5k', stray spaces, one duplicate ID) so the Problems
 * column has something to show.
 */
import { type AssignmentStatus, holdsSlot } from './assignments';
import { dateOfDay, dayNumber } from './dates';
import { belowMinTier } from './matching';
import type { TierKey } from './tier';
import {
  ASSIGNMENT_STATUSES,
  CHANNELS,
  CONTACT_CHANNELS,
  type EnumValue,
  FOLLOWUP_TYPES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  KOC_STATUSES,
  type Lang,
  label,
  PLATFORMS,
  SENTIMENTS,
  SEVERITIES,
  type SheetKey,
  SOURCES,
  sheetDef,
  TASK_STATUSES,
  TIERS,
} from '../sheets/schema';

export type DemoSheetKey = 'kocs' | 'tasks' | 'assignments' | 'followups' | 'incidents';
export const DEMO_SHEETS: readonly DemoSheetKey[] = ['kocs', 'tasks', 'assignments', 'followups', 'incidents'];

/** One record per row, keyed by schema column key; enum cells hold labels in the demo's language. */
export type DemoRecord = Record<string, unknown>;

export interface DemoWorkbook {
  now: Date;
  lang: Lang;
  kocs: DemoRecord[];
  tasks: DemoRecord[];
  assignments: DemoRecord[];
  followups: DemoRecord[];
  incidents: DemoRecord[];
}

export interface DemoOptions {
  seed?: number;
  /** false leaves out the deliberately messy cells (bad counts, duplicate ID, stray spaces). */
  messy?: boolean;
}

/** mulberry32: small, fast, and the same sequence on every JavaScript engine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Bi = { en: string; zh: string };
const bi = (en: string, zh: string): Bi => ({ en, zh });

const CATEGORIES = {
  skincare: bi('Skincare', '护肤'),
  parenting: bi('Parenting', '母婴'),
  food: bi('Food', '美食'),
  fashion: bi('Fashion', '穿搭'),
  home: bi('Home', '家居'),
  fitness: bi('Fitness', '健身'),
  beauty: bi('Makeup', '彩妆'),
  baking: bi('Baking', '烘焙'),
  pets: bi('Pets', '宠物'),
  travel: bi('Travel', '旅行'),
} as const;
type Category = keyof typeof CATEGORIES;

const FORMATS = {
  image: bi('Image post', '图文'),
  video: bi('Short video', '短视频'),
  live: bi('Live', '直播'),
  review: bi('Review', '测评'),
  vlog: bi('Vlog', 'Vlog'),
} as const;
type Format = keyof typeof FORMATS;

const STYLES = [bi('Authentic', '真实'), bi('Expert', '专业'), bi('Funny', '幽默'), bi('Refined', '精致'), bi('Cozy', '治愈'), bi('Practical', '实用')];
const AUDIENCES: Record<Category, Bi[]> = {
  skincare: [bi('Office workers', '白领'), bi('Students', '学生'), bi('Sensitive skin', '敏感肌')],
  parenting: [bi('New mums', '宝妈'), bi('Families', '家庭')],
  food: [bi('Office workers', '白领'), bi('Families', '家庭'), bi('Gen Z', 'Z世代')],
  fashion: [bi('Students', '学生'), bi('Gen Z', 'Z世代'), bi('Office workers', '白领')],
  home: [bi('Families', '家庭'), bi('Renters', '租房党')],
  fitness: [bi('Fitness fans', '健身人群'), bi('Office workers', '白领')],
  beauty: [bi('Students', '学生'), bi('Gen Z', 'Z世代')],
  baking: [bi('Families', '家庭'), bi('New mums', '宝妈')],
  pets: [bi('Pet owners', '养宠人群'), bi('Gen Z', 'Z世代')],
  travel: [bi('Gen Z', 'Z世代'), bi('Office workers', '白领')],
};

/** Nicknames the way they appear on the platforms: Chinese, English and mixed; each with its main field. */
const NAMES: readonly [string, Category][] = [
  ['小鹿爱护肤', 'skincare'],
  ['阿May的厨房', 'food'],
  ['橙子妈妈育儿记', 'parenting'],
  ['健身的小周', 'fitness'],
  ['一颗糖的穿搭日记', 'fashion'],
  ['林间小屋家居', 'home'],
  ["Mia's Glow Diary", 'skincare'],
  ['Chef Kevin', 'food'],
  ['豆豆辅食日记', 'parenting'],
  ['FitWithJess', 'fitness'],
  ['晚晚的梳妆台', 'beauty'],
  ['Coco 的日常', 'fashion'],
  ['王大厨在家做饭', 'food'],
  ['桃子敏感肌', 'skincare'],
  ['小熊收纳术', 'home'],
  ['Tina爱烘焙', 'baking'],
  ['瑜伽的安安', 'fitness'],
  ['米粒宝妈', 'parenting'],
  ['Luna Beauty', 'beauty'],
  ['七七的衣橱', 'fashion'],
  ['猫咪与咖啡', 'pets'],
  ['Jason健身房', 'fitness'],
  ['糖糖护肤笔记', 'skincare'],
  ['番茄炒蛋研究所', 'food'],
  ['Lisa的小家', 'home'],
  ['Amy宝妈日记', 'parenting'],
  ['Vivian穿搭', 'fashion'],
  ['Skincare Sam', 'skincare'],
  ['胖虎减脂中', 'fitness'],
  ['周末去露营', 'travel'],
  ['Bella Bakes', 'baking'],
  ['懒人家居改造', 'home'],
  ['可乐爱测评', 'beauty'],
  ['阿花的宝宝', 'parenting'],
  ['Sammy Eats', 'food'],
  ['夏天的风穿搭', 'fashion'],
  ['Grace 护肤', 'skincare'],
  ['跑步的阿杰', 'fitness'],
  ['山野小厨', 'food'],
  ['Momo & Baby', 'parenting'],
  ['Zoe Lifestyle', 'home'],
  ['半糖少女', 'beauty'],
  ['Daddy Tom', 'parenting'],
  ['奶茶不加冰', 'food'],
  ['StyleByRay', 'fashion'],
  ['早睡的莉莉', 'skincare'],
  ['Yoga with Nina', 'fitness'],
  ['Cozy Corner by Ann', 'home'],
  ['甜甜不加糖', 'baking'],
  ['老陈聊母婴', 'parenting'],
  ['北漂小方', 'travel'],
  ['Eric测评室', 'skincare'],
  ['大眼萌妹', 'beauty'],
  ['Max 的厨房', 'food'],
  ['二哈和我', 'pets'],
  ['Olivia Home', 'home'],
  ['小雨的护肤课', 'skincare'],
  ['Run with Ivy', 'fitness'],
  ['果果辅食铺', 'parenting'],
  ['Green Kitchen Leo', 'food'],
  ['蓝莓穿搭志', 'fashion'],
  ['HomeLab Chris', 'home'],
  ['油皮救星阿宁', 'skincare'],
  ['Sunny宠物日记', 'pets'],
  ['思思的早餐', 'food'],
  ['Annie 带娃记', 'parenting'],
  ['冬天的毛衣', 'fashion'],
  ['旅行的阿布', 'travel'],
];

const OWNERS = ['Lily', '陈静', 'Kevin', '刘洋'];

/**
 * Archetypes behind the roster: each gives ranges for one kind of KOC, so every tier and stage
 * shows up — newly joined sprouts, long-tenured mature ones, silent ones in transition, alumni.
 */
interface Archetype {
  count: number;
  status: 'candidate' | 'active' | 'paused' | 'alumni';
  joinedDaysAgo: [number, number] | null;
  lastPostDaysAgo: [number, number];
  followers: [number, number];
  posts30d: [number, number];
  /** Average interactions per post as a share of followers. */
  engagement: [number, number];
  rating: [number, number] | null;
  cost: [number, number];
  orders: [number, number];
  /** Days between contacts, and how many follow-ups. */
  cadence: number;
  followups: [number, number];
}

const ARCHETYPES: Record<string, Archetype> = {
  core: { count: 8, status: 'active', joinedDaysAgo: [220, 720], lastPostDaysAgo: [0, 4], followers: [60000, 1500000], posts30d: [8, 16], engagement: [0.03, 0.08], rating: [4, 5], cost: [2000, 5000], orders: [80, 400], cadence: 7, followups: [4, 6] },
  potential: { count: 10, status: 'active', joinedDaysAgo: [60, 300], lastPostDaysAgo: [0, 6], followers: [12000, 80000], posts30d: [5, 12], engagement: [0.04, 0.1], rating: [3, 5], cost: [800, 2000], orders: [20, 120], cadence: 14, followups: [3, 5] },
  regular: { count: 14, status: 'active', joinedDaysAgo: [45, 500], lastPostDaysAgo: [1, 20], followers: [2000, 20000], posts30d: [2, 7], engagement: [0.02, 0.06], rating: [2, 4], cost: [200, 800], orders: [0, 30], cadence: 30, followups: [2, 4] },
  sprout: { count: 10, status: 'active', joinedDaysAgo: [3, 26], lastPostDaysAgo: [0, 10], followers: [500, 9000], posts30d: [1, 5], engagement: [0.03, 0.09], rating: [2, 4], cost: [0, 300], orders: [0, 6], cadence: 14, followups: [1, 2] },
  candidate: { count: 6, status: 'candidate', joinedDaysAgo: null, lastPostDaysAgo: [0, 15], followers: [300, 6000], posts30d: [1, 6], engagement: [0.02, 0.1], rating: null, cost: [0, 0], orders: [0, 0], cadence: 45, followups: [0, 1] },
  transition: { count: 7, status: 'active', joinedDaysAgo: [300, 900], lastPostDaysAgo: [65, 160], followers: [8000, 60000], posts30d: [0, 0], engagement: [0.005, 0.02], rating: [3, 4], cost: [100, 600], orders: [0, 3], cadence: 30, followups: [2, 3] },
  paused: { count: 3, status: 'paused', joinedDaysAgo: [120, 400], lastPostDaysAgo: [20, 50], followers: [3000, 25000], posts30d: [0, 2], engagement: [0.01, 0.04], rating: [2, 4], cost: [0, 0], orders: [0, 2], cadence: 45, followups: [1, 2] },
  alumni: { count: 6, status: 'alumni', joinedDaysAgo: [500, 1100], lastPostDaysAgo: [150, 400], followers: [20000, 200000], posts30d: [0, 1], engagement: [0.005, 0.02], rating: [4, 5], cost: [0, 0], orders: [0, 0], cadence: 90, followups: [1, 2] },
};

interface Rng {
  next: () => number;
  int: (lo: number, hi: number) => number;
  real: (lo: number, hi: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
}

function rng(seed: number): Rng {
  const next = seededRandom(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    real: (lo, hi) => lo + next() * (hi - lo),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Fisher–Yates in place: deterministic for a seed, unlike sort with a random comparator. */
function shuffle<T>(items: T[], r: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Midnight `days` from now's date, counted as the spreadsheet shows days (see dates.ts). */
function dayFrom(now: Date, days: number): Date {
  return dateOfDay(dayNumber(now) + days);
}

function enumLabel(values: readonly EnumValue[], key: string, lang: Lang): string {
  const v = values.find((x) => x.key === key);
  if (!v) throw new Error(`demo: unknown enum key ${key}`);
  return label(v, lang);
}

const trimZero = (s: string): string => s.replace(/\.0$/, '');

/** A count as a platform shows it: 12000, '1.2万', '1.2w', '3.4k', '8,900', '1.5M'. */
export function platformCount(n: number, style: 'plain' | 'wan' | 'w' | 'k' | 'comma' | 'M'): number | string {
  switch (style) {
    case 'wan':
      return n >= 10000 ? `${trimZero((n / 10000).toFixed(1))}万` : n;
    case 'w':
      return n >= 10000 ? `${trimZero((n / 10000).toFixed(1))}w` : n;
    case 'k':
      return n >= 1000 ? `${trimZero((n / 1000).toFixed(1))}k` : n;
    case 'comma':
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    case 'M':
      return n >= 1000000 ? `${trimZero((n / 1000000).toFixed(1))}M` : n;
    default:
      return n;
  }
}

/** Separators vary the way a team types them: ', ' '，' '、'. */
function tags(items: readonly Bi[], lang: Lang, r: Rng): string {
  const unique = items.filter((x, i) => items.findIndex((y) => y.en === x.en) === i);
  const sep = lang === 'zh' ? r.pick(['、', '，', ',']) : r.pick([', ', ', ', ',']);
  return unique.map((x) => x[lang]).join(sep);
}

const TEXTS = {
  kocNote: {
    core: bi('Co-creates product ideas; mentors two newcomers.', '参与产品共创，带两位新人。'),
    transition: bi('Busy with a new job; posts rarely now.', '换了新工作，近期很少发帖。'),
    alumni: bi('Honorary KOC; invited to the annual meetup.', '荣誉KOC，邀请参加年度见面会。'),
    candidate: bi('Found in public notes; not contacted yet.', '在公域笔记中发现，尚未联系。'),
    paused: bi('Paused at their request until next month.', '应本人要求暂停合作至下月。'),
    duplicate: bi('Entered twice? Check with the owner.', '重复录入？请与负责人核对。'),
  },
  followup: {
    checkin: [bi('Monthly check-in; content plan for next month agreed.', '月度沟通，确认下月内容规划。'), bi('Asked how the trial products are going.', '询问试用产品的使用感受。')],
    feedback: [bi('Shared feedback on the last post: strong cover, long caption.', '反馈上一篇笔记：封面很好，文案偏长。'), bi('Passed on fan questions about the ingredients.', '转达粉丝对成分的提问。')],
    coaching: [bi('Coached on hooks for the first 3 seconds of videos.', '辅导短视频前3秒的开场技巧。'), bi('Walked through the brand guide and posting rhythm.', '讲解品牌指南和发帖节奏。')],
    incentive: [bi('Sent the quarterly gift box and a thank-you card.', '寄出季度礼盒和感谢卡。'), bi('Featured their post in the community newsletter.', '在社群周报中推荐其笔记。')],
    objection: [bi('Worried the new formula is too strong; sent test data.', '担心新配方刺激，已提供检测报告。'), bi('Unhappy about the late sample; apologised and reshipped.', '对样品延迟不满，已致歉并补发。')],
    crisis: [bi('A negative comment thread on their post; agreed a calm reply.', '笔记下出现负面评论，商定冷静回复。')],
    cocreation: [bi('Co-creation call on the autumn product names.', '参与秋季新品命名共创讨论。'), bi('Invited to the advisory panel for packaging.', '邀请加入包装设计顾问团。')],
  } as Record<string, Bi[]>,
};

interface Koc {
  id: string;
  name: string;
  archetype: string;
  category: Category;
  owner: string;
  record: DemoRecord;
}

export function demoWorkbook(now: Date, lang: Lang = 'en', opts: DemoOptions = {}): DemoWorkbook {
  const r = rng(opts.seed ?? 20240618);
  const messy = opts.messy !== false;
  const day = (n: number) => dayFrom(now, n);
  const t = (b: Bi) => b[lang];

  // ----- KOCs -----
  const order: string[] = [];
  for (const [name, a] of Object.entries(ARCHETYPES)) for (let i = 0; i < a.count; i++) order.push(name);
  // Interleave archetypes so the roster doesn't read as sorted by tier.
  shuffle(order, r);
  const platformWeights = ['xiaohongshu', 'xiaohongshu', 'xiaohongshu', 'douyin', 'douyin', 'weibo', 'wechat', 'wechat', 'bilibili', 'kuaishou', 'other'];
  const kocs: Koc[] = order.map((arch, i) => {
    const a = ARCHETYPES[arch];
    const [name, category] = NAMES[i];
    const id = `KOC-${String(i + 1).padStart(3, '0')}`;
    // Each platform appears at least once; the rest lean to Xiaohongshu and Douyin as real programmes do.
    const platform = i < PLATFORMS.length ? PLATFORMS[i].key : r.pick(platformWeights);
    const source = arch === 'candidate' ? r.pick(['public', 'private']) : r.chance(0.55) ? 'public' : 'private';
    const channel = source === 'private' ? r.pick(['incubation', 'distributor', 'trial']) : r.pick(['external', 'trial', 'incubation']);
    const followers = Math.round(r.real(a.followers[0], a.followers[1]) / 10) * 10;
    const perPost = Math.max(1, Math.round(followers * r.real(a.engagement[0], a.engagement[1])));
    const likes = Math.round(perPost * 0.6);
    const collects = Math.round(perPost * 0.25);
    const comments = Math.max(0, Math.round(perPost * 0.1));
    const shares = Math.max(0, Math.round(perPost * 0.05));
    const orders = r.int(a.orders[0], a.orders[1]);
    const leads = orders * r.int(2, 5) + r.int(0, 10);
    const rating = () => (a.rating ? r.int(a.rating[0], a.rating[1]) : '');
    const countStyle = r.pick(['plain', 'plain', 'wan', 'w', 'k', 'comma', 'M'] as const);
    const cats: Bi[] = [CATEGORIES[category]];
    if (r.chance(0.4)) cats.push(CATEGORIES[r.pick(Object.keys(CATEGORIES) as Category[])]);
    const formats: Bi[] = [FORMATS[platform === 'douyin' || platform === 'kuaishou' ? 'video' : platform === 'bilibili' ? 'vlog' : 'image']];
    if (r.chance(0.5)) formats.push(FORMATS[r.pick(Object.keys(FORMATS) as Format[])]);
    const owner = OWNERS[i % OWNERS.length];
    const record: DemoRecord = {
      id,
      name,
      platform: enumLabel(PLATFORMS, platform, lang),
      source: enumLabel(SOURCES, source, lang),
      channel: enumLabel(CHANNELS, channel, lang),
      owner,
      joined: a.joinedDaysAgo ? day(-r.int(a.joinedDaysAgo[0], a.joinedDaysAgo[1])) : '',
      categories: tags(cats, lang, r),
      formats: tags(formats, lang, r),
      styles: tags([r.pick(STYLES), r.pick(STYLES)], lang, r),
      audiences: tags([r.pick(AUDIENCES[category]), r.pick(AUDIENCES[category])], lang, r),
      followers: platformCount(followers, countStyle),
      posts30d: r.int(a.posts30d[0], a.posts30d[1]),
      likes: r.chance(0.2) ? platformCount(likes, 'k') : likes,
      collects,
      comments,
      shares,
      leads30d: arch === 'candidate' ? '' : leads,
      orders30d: arch === 'candidate' ? '' : orders,
      gmv30d: arch === 'candidate' ? '' : Math.round(orders * r.real(60, 180)),
      lastPost: day(-r.int(a.lastPostDaysAgo[0], a.lastPostDaysAgo[1])),
      lastContact: '',
      quality: rating(),
      professionalism: rating(),
      creativity: rating(),
      brandFit: rating(),
      willingness: arch === 'transition' ? 2 : rating(),
      communication: rating(),
      monthlyCost: r.int(a.cost[0] / 50, a.cost[1] / 50) * 50,
      status: enumLabel(KOC_STATUSES, a.status, lang),
      tierOverride: '',
      notes: arch in TEXTS.kocNote && r.chance(0.6) ? t(TEXTS.kocNote[arch as keyof typeof TEXTS.kocNote]) : '',
    };
    return { id, name, archetype: arch, category, owner, record };
  });

  // A strategic partner the team keeps at Core whatever the score says, and one held back.
  const firstOf = (arch: string) => kocs.find((k) => k.archetype === arch)!;
  firstOf('potential').record.tierOverride = enumLabel(TIERS, 'core', lang);
  firstOf('regular').record.notes = t(bi('Manual tier: on probation after a late delivery.', '人工层级：延迟交稿后观察期。'));
  firstOf('regular').record.tierOverride = enumLabel(TIERS, 'candidate', lang);

  // ----- Tasks -----
  const task = (
    n: number,
    title: Bi,
    product: string,
    cats: Category[],
    fmts: Format[],
    style: number,
    minTier: TierKey,
    slots: number,
    budget: number,
    dueIn: number,
    brief: Bi,
  ) => ({
    id: `T-${String(n).padStart(3, '0')}`,
    minTier,
    cats,
    dueIn,
    budget,
    record: {
      id: `T-${String(n).padStart(3, '0')}`,
      title: t(title),
      product,
      categories: tags(cats.map((c) => CATEGORIES[c]), lang, r),
      format: tags(fmts.map((f) => FORMATS[f]), lang, r),
      styles: t(STYLES[style]),
      audiences: tags(AUDIENCES[cats[0]].slice(0, 2), lang, r),
      minTier: enumLabel(TIERS, minTier, lang),
      slots,
      budgetPerKoc: budget,
      due: day(dueIn),
      status: enumLabel(TASK_STATUSES, dueIn < 0 ? 'closed' : 'open', lang),
      brief: t(brief),
    } as DemoRecord,
  });
  const tasks = [
    task(1, bi('Hydrating serum launch', '补水精华上市'), 'AquaGlow Serum 水光精华', ['skincare'], ['image', 'review'], 0, 'potential', 6, 800, 14, bi('Two weeks of honest use; before/after photos; mention the sensitive-skin test.', '真实使用两周，前后对比图，提及敏感肌测试。')),
    task(2, bi('Toddler snack trial', '幼儿零食试吃'), 'Little Bites 小口酥', ['parenting', 'food'], ['video'], 5, 'regular', 10, 300, 10, bi('Film the first taste; keep it real, no script.', '拍下宝宝第一口的反应，真实即可，无需脚本。')),
    task(3, bi('Summer capsule wardrobe', '夏日胶囊衣橱'), 'Linen Basics 亚麻系列', ['fashion'], ['image'], 4, 'regular', 8, 500, 21, bi('Five outfits from three pieces; tag the collection.', '三件单品搭出五套造型，带话题标签。')),
    task(4, bi('618 live co-host', '618直播联播'), 'AquaGlow Serum 水光精华', ['skincare', 'beauty'], ['live'], 1, 'core', 2, 3000, 30, bi('Co-host the brand live room for one hour; Q&A on ingredients.', '与品牌直播间联播一小时，解答成分问题。')),
    task(5, bi('Home organisation challenge', '家居收纳挑战'), 'FoldIt 收纳盒', ['home'], ['video', 'image'], 5, 'candidate', 12, 150, 20, bi('Show one messy corner before and after; light and quick.', '展示一个角落整理前后，轻松简短即可。')),
    task(6, bi('30-day fitness challenge', '30天健身挑战'), 'FitBand 智能手环', ['fitness'], ['vlog', 'video'], 0, 'potential', 5, 600, 25, bi('Weekly vlog of the challenge; share real data from the band.', '每周一条挑战Vlog，分享手环真实数据。')),
    task(7, bi('Air fryer recipes', '空气炸锅食谱'), 'CrispAir 空气炸锅', ['food'], ['image', 'video'], 5, 'regular', 8, 400, 7, bi('One easy recipe under 20 minutes; show the result up close.', '一道20分钟内的快手菜，成品特写。')),
    task(8, bi('Co-creation workshop: autumn line', '秋季新品共创会'), 'Autumn line 秋季系列', ['skincare'], ['review'], 1, 'core', 3, 2000, 45, bi('Half-day workshop with the R&D team; feedback on textures and names.', '与研发团队半天共创，反馈质地与命名。')),
    task(9, bi('Winter moisturiser reviews', '冬季面霜测评'), 'Velvet Cream 丝绒面霜', ['skincare'], ['review', 'image'], 1, 'regular', 10, 300, -40, bi('Honest review after ten days; note texture and finish.', '使用十天后真实测评，描述质地与肤感。')),
    task(10, bi('Mid-autumn gift box', '中秋礼盒'), 'Moon Box 月光礼盒', ['food', 'home'], ['image'], 4, 'potential', 6, 600, -20, bi('Unboxing with family; warm and festive.', '与家人一起开箱，温馨有节日感。')),
  ];

  // ----- Assignments: every status appears; open tasks carry live offers, closed ones finished work. -----
  // No task holds more assignments than its slots (the rule the add-on enforces on offers): once
  // they are taken, the other KOCs asked declined or were cancelled.
  const assignments: DemoRecord[] = [];
  const eligible = kocs.filter((k) => ['core', 'potential', 'regular', 'sprout'].includes(k.archetype));
  const openFlow: AssignmentStatus[] = ['offered', 'offered', 'accepted', 'submitted', 'published', 'declined', 'reviewed', 'cancelled'];
  const closedFlow: AssignmentStatus[] = ['reviewed', 'reviewed', 'published', 'declined', 'cancelled', 'reviewed'];
  const spare: AssignmentStatus[] = ['declined', 'cancelled'];
  let seq = 1;
  // The tier each archetype is built to reach; a task goes only to KOCs at or above its minimum
  // tier, as the sidebar's offer allows.
  const archetypeTier: Record<string, TierKey> = { core: 'core', potential: 'potential', regular: 'regular', sprout: 'candidate' };
  for (const tk of tasks) {
    const admitted = eligible.filter((k) => !belowMinTier(archetypeTier[k.archetype], tk.minTier));
    const fit = admitted.filter((k) => tk.cats.includes(k.category));
    const pool = fit.length >= 3 ? fit : admitted;
    const flow = tk.dueIn < 0 ? closedFlow : openFlow;
    const n = Math.min(pool.length, r.int(3, 5));
    const chosen = shuffle([...pool], r).slice(0, n);
    const slots = Number(tk.record.slots);
    let held = 0;
    let turnedAway = 0;
    // An open task of one or two slots is already fully booked, so the demo shows a full task.
    const booked: AssignmentStatus[] = tk.dueIn >= 0 && slots <= 2 ? (['accepted', 'submitted'] as const).slice(0, slots) : [];
    chosen.forEach((k, i) => {
      let status = booked[i] ?? flow[(i + seq) % flow.length];
      if (holdsSlot(status)) {
        if (held < slots) held++;
        else status = spare[turnedAway++ % spare.length];
      }
      const offered = day(Math.min(-1, tk.dueIn - r.int(12, 25)));
      const answered = status !== 'offered';
      const done = status === 'published' || status === 'reviewed';
      const perPost = done ? r.int(200, 6000) : 0;
      assignments.push({
        id: `A-${String(seq).padStart(4, '0')}`,
        taskId: tk.id,
        kocId: k.id,
        status: enumLabel(ASSIGNMENT_STATUSES, status, lang),
        offered,
        responded: answered ? dayFrom(offered, r.int(1, 3)) : '',
        due: day(tk.dueIn),
        contentUrl: status === 'submitted' || done ? `https://www.xiaohongshu.com/explore/${(0x6500000 + seq * 7919).toString(16)}` : '',
        likes: done ? Math.round(perPost * 0.6) : '',
        collects: done ? Math.round(perPost * 0.25) : '',
        comments: done ? Math.round(perPost * 0.1) : '',
        shares: done ? Math.round(perPost * 0.05) : '',
        leads: done ? r.int(5, 120) : '',
        orders: done ? r.int(0, 40) : '',
        gmv: done ? r.int(0, 40) * 129 : '',
        quality: status === 'reviewed' ? r.int(3, 5) : '',
        cost: answered && status !== 'declined' && status !== 'cancelled' ? tk.budget : '',
        assignedBy: k.owner,
        notes: status === 'declined' ? t(bi('Declined: schedule full this month.', '婉拒：本月档期已满。')) : '',
      });
      seq++;
    });
  }

  // ----- Follow-ups: several per KOC; the latest sets Last contact; some next dates are overdue. -----
  const followups: DemoRecord[] = [];
  const typesFor: Record<string, string[]> = {
    core: ['checkin', 'cocreation', 'incentive', 'feedback'],
    potential: ['checkin', 'feedback', 'coaching', 'incentive'],
    regular: ['checkin', 'feedback', 'objection'],
    sprout: ['coaching', 'checkin'],
    candidate: ['checkin'],
    transition: ['checkin', 'incentive'],
    paused: ['checkin'],
    alumni: ['incentive', 'cocreation'],
  };
  const unsorted: { date: Date; record: DemoRecord }[] = [];
  kocs.forEach((k, i) => {
    const a = ARCHETYPES[k.archetype];
    const count = r.int(a.followups[0], a.followups[1]);
    // The most recent contact: transition and some regular KOCs are overdue, a few are due today.
    const overdue = k.archetype === 'transition' || (k.archetype === 'regular' && i % 3 === 0) || (k.archetype === 'core' && i % 4 === 0);
    let last = overdue ? -(a.cadence + r.int(3, 20)) : -r.int(0, Math.max(1, Math.floor(a.cadence * 0.7)));
    if (k.archetype === 'alumni') last = -r.int(60, 200);
    if (k.archetype === 'potential' && i % 5 === 0) last = -a.cadence; // due today
    for (let n = 0; n < count; n++) {
      const date = day(last - n * (a.cadence + r.int(-2, 4)));
      const type = n === 0 && k.archetype === 'sprout' ? 'coaching' : r.pick(typesFor[k.archetype]);
      const sentiment = type === 'objection' ? r.pick(['negative', 'neutral']) : type === 'crisis' ? 'negative' : r.pick(['positive', 'positive', 'neutral']);
      const record: DemoRecord = {
        id: '',
        kocId: k.id,
        date,
        channel: enumLabel(CONTACT_CHANNELS, r.pick(['wechat', 'wechat', 'wechat', 'dm', 'phone', 'meeting', 'group']), lang),
        type: enumLabel(FOLLOWUP_TYPES, type, lang),
        summary: t(r.pick(TEXTS.followup[type])),
        sentiment: enumLabel(SENTIMENTS, sentiment, lang),
        nextFollowUp: n === 0 && k.archetype !== 'alumni' ? dayFrom(date, a.cadence) : '',
        loggedBy: k.owner,
      };
      unsorted.push({ date, record });
      if (n === 0) k.record.lastContact = date;
    }
  });
  // One crisis so the type shows up; logged against a core KOC with an incident below.
  const crisisKoc = firstOf('core');
  unsorted.push({
    date: day(-2),
    record: {
      id: '',
      kocId: crisisKoc.id,
      date: day(-2),
      channel: enumLabel(CONTACT_CHANNELS, 'phone', lang),
      type: enumLabel(FOLLOWUP_TYPES, 'crisis', lang),
      summary: t(TEXTS.followup.crisis[0]),
      sentiment: enumLabel(SENTIMENTS, 'negative', lang),
      nextFollowUp: day(1),
      loggedBy: crisisKoc.owner,
    },
  });
  crisisKoc.record.lastContact = day(-2);
  // Append-only log: oldest first, IDs in that order.
  unsorted.sort((x, y) => x.date.getTime() - y.date.getTime());
  unsorted.forEach((f, i) => {
    f.record.id = `F-${String(i + 1).padStart(4, '0')}`;
    followups.push(f.record);
  });

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

  const kocRecords = kocs.map((k) => k.record);
  if (messy) {
    // The kind of cells a real roster has after a year of copy-paste.
    kocRecords[4].followers = 'about 5k';
    kocRecords[11].likes = 'N/A';
    kocRecords[19].shares = '—';
    kocRecords[6].name = ` ${kocRecords[6].name}  `;
    kocRecords[8].platform = ` ${kocRecords[8].platform} `;
    // A label pasted from the other language: KOC Ops reads both.
    kocRecords[14].platform = label(PLATFORMS[0], lang === 'zh' ? 'en' : 'zh');
    kocRecords[22].followers = platformCount(typeof kocRecords[22].followers === 'number' ? kocRecords[22].followers : 21000, 'w');
    kocRecords[23].gmv30d = '2.3万';
    const twin = kocs[29].record;
    kocRecords.push({ ...twin, name: `${String(twin.name)} (2)`, notes: t(TEXTS.kocNote.duplicate), lastContact: '' });
  }

  return {
    now,
    lang,
    kocs: kocRecords,
    tasks: tasks.map((x) => x.record),
    assignments,
    followups,
    incidents,
  };
}

/** Records as rows in schema column order (no header), for fixtures and the emulator. */
export function demoRows(key: SheetKey, records: readonly DemoRecord[]): unknown[][] {
  const cols = sheetDef(key).columns;
  return records.map((rec) => cols.map((c) => (rec[c.key] === undefined ? '' : rec[c.key])));
}

/** Header + rows of each demo sheet in schema order, in one language: a ready-made workbook. */
export function demoGrids(now: Date, lang: Lang = 'en', opts: DemoOptions = {}): Record<DemoSheetKey, unknown[][]> {
  const wb = demoWorkbook(now, lang, opts);
  const out = {} as Record<DemoSheetKey, unknown[][]>;
  for (const key of DEMO_SHEETS) out[key] = [sheetDef(key).columns.map((c) => label(c, lang)), ...demoRows(key, wb[key])];
  return out;
}

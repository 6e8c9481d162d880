/** The demo's raw material: names, categories, formats, archetypes of KOC and texts, in both languages. */
export type Bi = { en: string; zh: string };
export const bi = (en: string, zh: string): Bi => ({ en, zh });

export const CATEGORIES = {
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
export type Category = keyof typeof CATEGORIES;

export const FORMATS = {
  image: bi('Image post', '图文'),
  video: bi('Short video', '短视频'),
  live: bi('Live', '直播'),
  review: bi('Review', '测评'),
  vlog: bi('Vlog', 'Vlog'),
} as const;
export type Format = keyof typeof FORMATS;

export const STYLES = [bi('Authentic', '真实'), bi('Expert', '专业'), bi('Funny', '幽默'), bi('Refined', '精致'), bi('Cozy', '治愈'), bi('Practical', '实用')];
export const AUDIENCES: Record<Category, Bi[]> = {
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
export const NAMES: readonly [string, Category][] = [
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

export const OWNERS = ['Lily', '陈静', 'Kevin', '刘洋'];

/**
 * Archetypes behind the roster: each gives ranges for one kind of KOC, so every tier and stage
 * shows up — newly joined sprouts, long-tenured mature ones, silent ones in transition, alumni.
 */
export interface Archetype {
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

export const ARCHETYPES: Record<string, Archetype> = {
  core: { count: 8, status: 'active', joinedDaysAgo: [220, 720], lastPostDaysAgo: [0, 4], followers: [60000, 1500000], posts30d: [8, 16], engagement: [0.03, 0.08], rating: [4, 5], cost: [2000, 5000], orders: [80, 400], cadence: 7, followups: [4, 6] },
  potential: { count: 10, status: 'active', joinedDaysAgo: [60, 300], lastPostDaysAgo: [0, 6], followers: [12000, 80000], posts30d: [5, 12], engagement: [0.04, 0.1], rating: [3, 5], cost: [800, 2000], orders: [20, 120], cadence: 14, followups: [3, 5] },
  regular: { count: 14, status: 'active', joinedDaysAgo: [45, 500], lastPostDaysAgo: [1, 20], followers: [2000, 20000], posts30d: [2, 7], engagement: [0.02, 0.06], rating: [2, 4], cost: [200, 800], orders: [0, 30], cadence: 30, followups: [2, 4] },
  sprout: { count: 10, status: 'active', joinedDaysAgo: [3, 26], lastPostDaysAgo: [0, 10], followers: [500, 9000], posts30d: [1, 5], engagement: [0.03, 0.09], rating: [2, 4], cost: [0, 300], orders: [0, 6], cadence: 14, followups: [1, 2] },
  candidate: { count: 6, status: 'candidate', joinedDaysAgo: null, lastPostDaysAgo: [0, 15], followers: [300, 6000], posts30d: [1, 6], engagement: [0.02, 0.1], rating: null, cost: [0, 0], orders: [0, 0], cadence: 45, followups: [0, 1] },
  transition: { count: 7, status: 'active', joinedDaysAgo: [300, 900], lastPostDaysAgo: [65, 160], followers: [8000, 60000], posts30d: [0, 0], engagement: [0.005, 0.02], rating: [3, 4], cost: [100, 600], orders: [0, 3], cadence: 30, followups: [2, 3] },
  paused: { count: 3, status: 'paused', joinedDaysAgo: [120, 400], lastPostDaysAgo: [20, 50], followers: [3000, 25000], posts30d: [0, 2], engagement: [0.01, 0.04], rating: [2, 4], cost: [0, 0], orders: [0, 2], cadence: 45, followups: [1, 2] },
  alumni: { count: 6, status: 'alumni', joinedDaysAgo: [500, 1100], lastPostDaysAgo: [150, 400], followers: [20000, 200000], posts30d: [0, 1], engagement: [0.005, 0.02], rating: [4, 5], cost: [0, 0], orders: [0, 0], cadence: 90, followups: [1, 2] },
};

export const TEXTS = {
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

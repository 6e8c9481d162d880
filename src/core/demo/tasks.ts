/** The demo's Tasks sheet: open campaigns and closed ones, across categories and minimum tiers. */
import type { TierKey } from '../tier';
import { TASK_STATUSES, TIERS } from '../../sheets/schema';
import { AUDIENCES, type Bi, bi, CATEGORIES, type Category, FORMATS, type Format, STYLES } from './data';
import { type DemoBuild, type DemoRecord, enumLabel, tags } from './kit';

export interface DemoTask {
  id: string;
  minTier: TierKey;
  cats: Category[];
  dueIn: number;
  budget: number;
  record: DemoRecord;
}

export function buildTasks(b: DemoBuild): DemoTask[] {
  const { r, lang, day, t } = b;
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
  ): DemoTask => ({
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

  return tasks;
}

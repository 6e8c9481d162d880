/** The demo's KOCs sheet: one archetype per KOC, shuffled so the roster does not read as sorted by tier. */
import { CHANNELS, KOC_STATUSES, PLATFORMS, SOURCES, TIERS } from '../../sheets/schema';
import { ARCHETYPES, AUDIENCES, type Bi, bi, CATEGORIES, type Category, FORMATS, type Format, NAMES, OWNERS, STYLES, TEXTS } from './data';
import { type DemoBuild, type DemoRecord, enumLabel, type Koc, platformCount, shuffle, tags } from './kit';

export function buildKocs(b: DemoBuild): Koc[] {
  const { r, lang, day, t } = b;
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

  return kocs;
}

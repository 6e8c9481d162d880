/** The demo's Follow-ups sheet: several contacts per KOC, some overdue, one crisis; sets each KOC's Last contact. */
import { CONTACT_CHANNELS, FOLLOWUP_TYPES, SENTIMENTS } from '../../sheets/schema';
import { ARCHETYPES, TEXTS } from './data';
import { type DemoBuild, type DemoRecord, dayFrom, enumLabel, type Koc } from './kit';

/** The follow-ups, oldest first; `crisisKoc` is the Core KOC the crisis is logged against. */
export function buildFollowUps(b: DemoBuild, kocs: readonly Koc[], crisisKoc: Koc): DemoRecord[] {
  const { r, lang, day, t } = b;
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

  return followups;
}

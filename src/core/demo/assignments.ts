/** The demo's Assignments sheet: every status appears; no task holds more assignments than its slots. */
import { type AssignmentStatus, holdsSlot } from '../assignments';
import { belowMinTier } from '../matching';
import type { TierKey } from '../tier';
import { ASSIGNMENT_STATUSES } from '../../sheets/schema';
import { bi } from './data';
import { type DemoBuild, type DemoRecord, dayFrom, enumLabel, type Koc, shuffle } from './kit';
import type { DemoTask } from './tasks';

export function buildAssignments(b: DemoBuild, kocs: readonly Koc[], tasks: readonly DemoTask[]): DemoRecord[] {
  const { r, lang, day, t } = b;
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

  return assignments;
}

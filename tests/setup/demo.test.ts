/** The demo workbook: enough variety for every screen, deterministic, and relative to `now`. */
import { describe, expect, it } from 'vitest';
import { holdsSlot, parseAssignmentStatus } from '../../src/core/assignments';
import { DEMO_SHEETS, demoGrids, demoWorkbook, platformCount } from '../../src/core/demo';
import {
  ASSIGNMENT_STATUSES,
  CHANNELS,
  enumValue,
  FOLLOWUP_TYPES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  KOC_STATUSES,
  PLATFORMS,
  SEVERITIES,
  SOURCES,
  sheetDef,
  TASK_STATUSES,
  TIERS,
} from '../../src/sheets/schema';

const NOW = new Date(2025, 5, 18, 10, 30);
const DAY = 86_400_000;
const wb = demoWorkbook(NOW, 'en');
const keysOf = (values: Parameters<typeof enumValue>[0], cells: unknown[]) => new Set(cells.map((c) => enumValue(values, c)?.key));
const daysAgo = (d: unknown) => (NOW.getTime() - (d as Date).getTime()) / DAY;

describe('demoWorkbook', () => {
  it('has at least 60 KOCs with unique IDs, plus one duplicate row to show in Problems', () => {
    expect(wb.kocs.length).toBeGreaterThanOrEqual(60);
    const ids = wb.kocs.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length - 1);
    const clean = demoWorkbook(NOW, 'en', { messy: false }).kocs.map((k) => k.id);
    expect(new Set(clean).size).toBe(clean.length);
  });

  it('mixes Chinese and English names', () => {
    const names = wb.kocs.map((k) => String(k.name));
    expect(names).toContain('小鹿爱护肤');
    expect(names).toContain('阿May的厨房');
    expect(names.filter((n) => /^[\x20-\x7e]+$/.test(n.trim())).length).toBeGreaterThan(5);
    expect(names.filter((n) => /[\u4e00-\u9fff]/.test(n)).length).toBeGreaterThan(20);
  });

  it('covers every platform, source, channel and status; some tier overrides', () => {
    expect(keysOf(PLATFORMS, wb.kocs.map((k) => k.platform))).toEqual(new Set(PLATFORMS.map((p) => p.key)));
    expect(keysOf(SOURCES, wb.kocs.map((k) => k.source))).toEqual(new Set(SOURCES.map((p) => p.key)));
    expect(keysOf(CHANNELS, wb.kocs.map((k) => k.channel))).toEqual(new Set(CHANNELS.map((p) => p.key)));
    expect(keysOf(KOC_STATUSES, wb.kocs.map((k) => k.status))).toEqual(new Set(KOC_STATUSES.map((p) => p.key)));
    expect(wb.kocs.filter((k) => enumValue(TIERS, k.tierOverride)).length).toBeGreaterThanOrEqual(2);
  });

  it('spans the lifecycle: new sprouts, long-tenured KOCs, silent ones, alumni', () => {
    const joined = wb.kocs.filter((k) => k.joined instanceof Date).map((k) => daysAgo(k.joined));
    expect(joined.filter((d) => d < 30).length).toBeGreaterThanOrEqual(5);
    expect(joined.filter((d) => d > 365).length).toBeGreaterThanOrEqual(5);
    expect(wb.kocs.filter((k) => daysAgo(k.lastPost) > 60).length).toBeGreaterThanOrEqual(5);
    expect(wb.kocs.some((k) => k.joined === '')).toBe(true); // candidates not yet joined
  });

  it('types counts the way platforms show them, with a few messy cells', () => {
    const followers = wb.kocs.map((k) => k.followers);
    expect(followers.some((f) => typeof f === 'number')).toBe(true);
    for (const re of [/^\d+(\.\d)?万$/, /^\d+(\.\d)?w$/, /^\d+(\.\d)?k$/, /^\d{1,3}(,\d{3})+$/]) expect(followers.some((f) => re.test(String(f)))).toBe(true);
    const cells = wb.kocs.flatMap((k) => Object.values(k));
    for (const messy of ['N/A', '—', 'about 5k']) expect(cells).toContain(messy);
    expect(wb.kocs.some((k) => String(k.name) !== String(k.name).trim())).toBe(true);
    expect(wb.kocs.some((k) => PLATFORMS.some((p) => p.zh === k.platform))).toBe(true); // pasted from a Chinese sheet
  });

  it('formats counts like the platforms', () => {
    expect(platformCount(12000, 'wan')).toBe('1.2万');
    expect(platformCount(21000, 'w')).toBe('2.1w');
    expect(platformCount(3400, 'k')).toBe('3.4k');
    expect(platformCount(8900, 'comma')).toBe('8,900');
    expect(platformCount(1500000, 'M')).toBe('1.5M');
    expect(platformCount(800, 'wan')).toBe(800);
  });

  it('has open and closed tasks with every field a match needs', () => {
    expect(wb.tasks.length).toBeGreaterThanOrEqual(8);
    expect(keysOf(TASK_STATUSES, wb.tasks.map((t) => t.status))).toEqual(new Set(['open', 'closed']));
    for (const t of wb.tasks) {
      for (const key of ['id', 'title', 'categories', 'format', 'minTier', 'slots', 'budgetPerKoc', 'due']) expect(t[key], `${t.id} ${key}`).not.toBe('');
      expect(enumValue(TIERS, t.minTier)).toBeDefined();
    }
  });

  it('has assignments in every status, pointing at real KOCs and tasks', () => {
    expect(keysOf(ASSIGNMENT_STATUSES, wb.assignments.map((a) => a.status))).toEqual(new Set(ASSIGNMENT_STATUSES.map((s) => s.key)));
    const kocIds = new Set(wb.kocs.map((k) => k.id));
    const taskIds = new Set(wb.tasks.map((t) => t.id));
    for (const a of wb.assignments) {
      expect(kocIds.has(a.kocId)).toBe(true);
      expect(taskIds.has(a.taskId)).toBe(true);
    }
    const published = wb.assignments.filter((a) => enumValue(ASSIGNMENT_STATUSES, a.status)?.key === 'reviewed');
    expect(published.every((a) => typeof a.likes === 'number' && typeof a.quality === 'number')).toBe(true);
  });

  it('keeps the slot rule the add-on enforces: no task has more assignments holding a slot than its slots', () => {
    for (const seed of [undefined, 1, 2, 3, 42, 2024, 777_777])
      for (const lang of ['en', 'zh'] as const) {
        const w = seed === undefined && lang === 'en' ? wb : demoWorkbook(NOW, lang, seed === undefined ? {} : { seed });
        for (const task of w.tasks) {
          const held = w.assignments.filter((a) => a.taskId === task.id && holdsSlot(parseAssignmentStatus(a.status))).length;
          expect(held, `seed ${seed} ${lang} ${task.id}`).toBeLessThanOrEqual(Number(task.slots));
        }
      }
  });

  it('still shows a full task and a mix of statuses on each task', () => {
    const heldOf = (taskId: unknown) => wb.assignments.filter((a) => a.taskId === taskId && holdsSlot(parseAssignmentStatus(a.status))).length;
    // A task whose slots are all taken (the sidebar refuses a further offer), and tasks with room.
    expect(wb.tasks.some((t) => heldOf(t.id) === Number(t.slots))).toBe(true);
    expect(wb.tasks.filter((t) => heldOf(t.id) < Number(t.slots)).length).toBeGreaterThanOrEqual(5);
    for (const t of wb.tasks) {
      const statuses = keysOf(ASSIGNMENT_STATUSES, wb.assignments.filter((a) => a.taskId === t.id).map((a) => a.status));
      expect(statuses.size, String(t.id)).toBeGreaterThanOrEqual(3);
    }
    // Open tasks carry live offers and accepted work.
    const open = new Set(wb.tasks.filter((t) => enumValue(TASK_STATUSES, t.status)?.key === 'open').map((t) => t.id));
    const live = wb.assignments.filter((a) => open.has(a.taskId)).map((a) => enumValue(ASSIGNMENT_STATUSES, a.status)?.key);
    for (const s of ['offered', 'accepted', 'submitted', 'published']) expect(live).toContain(s);
  });

  it('has several follow-ups per KOC, every type, and some overdue next dates', () => {
    expect(wb.followups.length).toBeGreaterThanOrEqual(wb.kocs.length * 2);
    expect(keysOf(FOLLOWUP_TYPES, wb.followups.map((f) => f.type))).toEqual(new Set(FOLLOWUP_TYPES.map((s) => s.key)));
    const next = wb.followups.map((f) => f.nextFollowUp).filter((d): d is Date => d instanceof Date);
    expect(next.filter((d) => d.getTime() < NOW.getTime() - DAY).length).toBeGreaterThanOrEqual(5);
    expect(next.filter((d) => d.getTime() > NOW.getTime()).length).toBeGreaterThanOrEqual(5);
    // Last contact on the roster is the latest follow-up.
    const k = wb.kocs.find((x) => wb.followups.some((f) => f.kocId === x.id))!;
    const latest = Math.max(...wb.followups.filter((f) => f.kocId === k.id).map((f) => (f.date as Date).getTime()));
    expect((k.lastContact as Date).getTime()).toBe(latest);
  });

  it('has incidents of every severity and kind, open and resolved', () => {
    expect(keysOf(SEVERITIES, wb.incidents.map((i) => i.severity))).toEqual(new Set(SEVERITIES.map((s) => s.key)));
    expect(keysOf(INCIDENT_KINDS, wb.incidents.map((i) => i.kind))).toEqual(new Set(INCIDENT_KINDS.map((s) => s.key)));
    expect(keysOf(INCIDENT_STATUSES, wb.incidents.map((i) => i.status))).toEqual(new Set(['open', 'resolved']));
  });

  it('is deterministic and moves with now', () => {
    expect(demoWorkbook(NOW, 'en')).toEqual(wb);
    const later = demoWorkbook(new Date(NOW.getTime() + 10 * DAY), 'en');
    expect(later.kocs.map((k) => k.name)).toEqual(wb.kocs.map((k) => k.name));
    expect((later.followups[0].date as Date).getTime() - (wb.followups[0].date as Date).getTime()).toBe(10 * DAY);
    const dates = DEMO_SHEETS.flatMap((s) => wb[s].flatMap((r) => Object.values(r))).filter((v): v is Date => v instanceof Date);
    expect(dates.every((d) => daysAgo(d) < 1500 && daysAgo(d) > -60)).toBe(true);
  });

  it('uses Chinese labels in Chinese', () => {
    const zh = demoWorkbook(NOW, 'zh');
    expect(zh.kocs.length).toBe(wb.kocs.length);
    expect(zh.kocs.filter((k) => PLATFORMS.some((p) => p.zh === String(k.platform).trim())).length).toBeGreaterThan(50);
    expect(zh.assignments.every((a) => ASSIGNMENT_STATUSES.some((s) => s.zh === a.status))).toBe(true);
    expect(String(zh.tasks[0].title)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lays out as header + rows in schema order', () => {
    const grids = demoGrids(NOW, 'zh');
    expect(grids.kocs[0]).toEqual(sheetDef('kocs').columns.map((c) => c.zh));
    expect(grids.kocs.length).toBe(wb.kocs.length + 1);
    expect(grids.followups[1].length).toBe(sheetDef('followups').columns.length);
  });
});

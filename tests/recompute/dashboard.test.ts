import { describe, expect, it } from 'vitest';
import { buildDashboard, DASHBOARD_SHARES, DASHBOARD_WIDTH, type DashboardKoc, dashboardLayout, PYRAMID_RANGE } from '../../src/core/dashboard';

const today = 20000;
const k = (id: string, over: Partial<DashboardKoc>): DashboardKoc => ({
  id,
  name: `N${id}`,
  owner: 'Lin',
  tier: 'regular',
  stage: 'active',
  tenure: 100,
  followUpStatus: 'ok',
  nextFollowUpDay: today + 3,
  ...over,
});
const opts = { today, matureDays: 180, minSproutsPerMature: 1, offerStaleDays: 3 };

describe('the dashboard', () => {
  const kocs = [
    k('1', { tier: 'core', stage: 'mature', tenure: 400 }),
    k('2', { tier: 'core', stage: 'mature', tenure: 200, followUpStatus: 'overdue', nextFollowUpDay: today - 9 }),
    k('3', { tier: 'potential', stage: 'sprout', tenure: 10, followUpStatus: 'overdue', nextFollowUpDay: today - 2 }),
    k('4', { tier: 'candidate', stage: 'alumni', tenure: 900 }),
    k('5', { stage: 'active', tenure: undefined, followUpStatus: 'due', nextFollowUpDay: today }),
  ];
  const model = buildDashboard(
    kocs,
    [
      { kocId: '1', severity: 'high', kind: 'Complaint', openedDay: today - 1, lateDays: 0 },
      { kocId: '2', severity: 'critical', kind: 'Compliance', openedDay: today - 5, lateDays: 4 },
      { kocId: '3', severity: 'low', kind: 'Other', openedDay: undefined, lateDays: 0 },
    ],
    [{ offeredDay: today - 4 }, { offeredDay: today - 1 }, { offeredDay: undefined }],
    opts,
  );

  it('counts the pyramid, generations, follow-ups, incidents and offers', () => {
    expect(model.pyramid.core.mature).toBe(2);
    expect(model.pyramid.candidate.alumni).toBe(1);
    expect(model.generations).toEqual({ new: 1, mid: 1, old: 1, unknown: 1, alumni: 1 }); // alumni apart
    expect([model.sprouts, model.mature, model.wantSprouts]).toEqual([1, 2, 2]);
    expect([model.overdue, model.dueToday]).toEqual([2, 1]);
    expect(model.mostOverdue.map((r) => [r.id, r.days])).toEqual([
      ['2', 9],
      ['3', 2],
    ]);
    expect([model.openIncidents, model.highIncidents, model.lateIncidents]).toEqual([3, 2, 1]);
    expect(model.highList.map((r) => r.id)).toEqual(['2', '1']);
    expect([model.offersAwaiting, model.staleOffers]).toEqual([3, 1]);
  });

  it('lays out a block of fixed width with the pyramid where the chart reads it, and warns about the pipeline', () => {
    const rows = dashboardLayout(model, 'en', 'now');
    expect(rows.every((r) => r.length === DASHBOARD_WIDTH)).toBe(true);
    const top = PYRAMID_RANGE.row - 1;
    expect(rows[top]).toEqual(['Tier', 'Sprout', 'Active', 'Mature', 'Transition', 'Alumni', 'Total']);
    expect(rows[top + 1]).toEqual(['Core', 0, 0, 2, 0, 0, 2]);
    expect(rows[top + PYRAMID_RANGE.rows]).toEqual(['Total', 1, 1, 2, 0, 1, 5]);
    const flat = rows.flat().map(String);
    expect(flat).toContain('⚠ Only 1 sprouts for 2 mature KOCs (want at least 2): find new sprouts');
    // Days are written as dates without a time of day (the block has no number formats).
    const overdueLine = rows.find((r) => r[0] === '2' && r[4] === 9)!;
    expect(overdueLine[3]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0][DASHBOARD_WIDTH - 1]).toBe('now');
    const zh = dashboardLayout(model, 'zh', '').flat().map(String);
    expect(zh).toContain('梯队金字塔：各层级与生命周期人数');
    expect(zh).toContain('核心');
  });

  it('accounts for every KOC in the generations table: alumni on a line of their own, then the total', () => {
    const rows = dashboardLayout(model, 'en', 'now');
    const head = rows.findIndex((r) => r[0] === 'Generation');
    const lines = rows.slice(head + 1, head + 7);
    expect(lines.map((r) => r[0])).toEqual(['New (under 180 days)', 'Middle (180–359 days)', 'Old (360 days or more)', 'Join date unknown', 'Alumni (left the pipeline; not in the shares)', 'Total']);
    const counts = lines.map((r) => r[1] as number);
    expect(counts.slice(0, 5).reduce((a, b) => a + b, 0)).toBe(counts[5]);
    expect(counts[5]).toBe(kocs.length);
    // The same total as the pyramid's.
    expect(rows[PYRAMID_RANGE.row - 1 + PYRAMID_RANGE.rows][6]).toBe(kocs.length);
    // Shares are numbers (the write formats them as percentages) where DASHBOARD_SHARES says.
    const shares = lines.slice(0, 4).map((r) => r[2]);
    expect(rows.slice(DASHBOARD_SHARES.row - 1, DASHBOARD_SHARES.row - 1 + DASHBOARD_SHARES.rows).map((r) => r[DASHBOARD_SHARES.column - 1])).toEqual(shares);
    const inPipeline = counts.slice(0, 4).reduce((a, b) => a + b, 0);
    expect(shares).toEqual(counts.slice(0, 4).map((n) => n / inPipeline));
  });

  it('is healthy with enough sprouts, and says None for empty lists', () => {
    const m = buildDashboard([k('1', { stage: 'sprout' })], [], [], opts);
    const flat = dashboardLayout(m, 'en', '').flat().map(String);
    expect(flat).toContain('1 sprouts for 0 mature KOCs: healthy');
    expect(flat.filter((x) => x === 'None').length).toBe(2);
  });
});

it('asks for exactly the sprouts the ratio gives, without floating-point noise (1.1 × 50 = 55)', () => {
  const mature = Array.from({ length: 50 }, (_, i) => k(`m${i}`, { stage: 'mature', tenure: 400 }));
  const sprouts = Array.from({ length: 55 }, (_, i) => k(`s${i}`, { stage: 'sprout', tenure: 10 }));
  const model = buildDashboard([...mature, ...sprouts], [], [], { ...opts, minSproutsPerMature: 1.1 });
  expect([model.wantSprouts, model.sprouts]).toEqual([55, 55]);
});

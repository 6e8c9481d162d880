/**
 * The follow-up rule (src/core/follow-up.ts): the tier's cadence after a contact, and for a KOC
 * never contacted one first contact — from when it was first seen, or from joining within the
 * window — carried from run to run; the urgency and Dashboard counts that follow from it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardKoc } from '../../src/core/dashboard';
import { DEFAULT_CADENCE_DAYS } from '../../src/core/defaults';
import { carriedFirstContact, type FollowUpFacts, firstContactDeadline, followUpDue } from '../../src/core/follow-up';
import { urgency } from '../../src/core/playbook';

const TODAY = 20_000;
const SETTINGS = { cadenceDays: DEFAULT_CADENCE_DAYS, firstContactDays: 7 };

const facts = (over: Partial<FollowUpFacts> = {}): FollowUpFacts => ({
  rosterContactDay: undefined,
  loggedDay: undefined,
  loggedNextDay: undefined,
  joinedDay: TODAY - 800,
  firstContactDay: undefined,
  tier: 'regular',
  stage: 'active',
  status: 'active',
  ...over,
});

describe('followUpDue', () => {
  it('a KOC never contacted, seen for the first time, is due a first contact in 7 days, whatever its join date', () => {
    expect(followUpDue(facts(), TODAY, SETTINGS)).toEqual({ lastContactDay: undefined, nextDay: TODAY + 7, status: 'first' });
    expect(followUpDue(facts({ joinedDay: undefined }), TODAY, SETTINGS)).toEqual({ lastContactDay: undefined, nextDay: TODAY + 7, status: 'first' });
  });

  it('joined within the window: the deadline runs from joining (at the edge, today)', () => {
    expect(followUpDue(facts({ joinedDay: TODAY - 3 }), TODAY, SETTINGS).nextDay).toBe(TODAY + 4);
    expect(followUpDue(facts({ joinedDay: TODAY - 7 }), TODAY, SETTINGS)).toMatchObject({ nextDay: TODAY, status: 'first' });
    expect(followUpDue(facts({ joinedDay: TODAY - 8 }), TODAY, SETTINGS).nextDay).toBe(TODAY + 7);
  });

  it('a carried deadline stays; past it the first contact is overdue', () => {
    expect(followUpDue(facts({ firstContactDay: TODAY + 2 }), TODAY, SETTINGS)).toMatchObject({ nextDay: TODAY + 2, status: 'first' });
    expect(followUpDue(facts({ firstContactDay: TODAY - 5 }), TODAY, SETTINGS)).toMatchObject({ nextDay: TODAY - 5, status: 'firstOverdue' });
    // A join date the team sets inside the window before first seen moves the deadline to it.
    expect(followUpDue(facts({ firstContactDay: TODAY + 2, joinedDay: TODAY - 6 }), TODAY, SETTINGS).nextDay).toBe(TODAY + 1);
    // One after first seen (a prospect who has now joined) too.
    expect(followUpDue(facts({ firstContactDay: TODAY + 2, joinedDay: TODAY }), TODAY, SETTINGS).nextDay).toBe(TODAY + 7);
  });

  it('once contacted, the tier cadence or the logged next date; paused and alumni are not chased', () => {
    expect(followUpDue(facts({ rosterContactDay: TODAY - 40, firstContactDay: TODAY + 3 }), TODAY, SETTINGS)).toMatchObject({ nextDay: TODAY - 40 + DEFAULT_CADENCE_DAYS.regular, status: 'overdue' });
    expect(followUpDue(facts({ loggedDay: TODAY - 1, loggedNextDay: TODAY }), TODAY, SETTINGS)).toMatchObject({ nextDay: TODAY, status: 'due' });
    expect(followUpDue(facts({ status: 'paused' }), TODAY, SETTINGS)).toMatchObject({ nextDay: undefined, status: 'none' });
    expect(followUpDue(facts({ stage: 'alumni' }), TODAY, SETTINGS)).toMatchObject({ nextDay: undefined, status: 'none' });
  });

  it('First contact days of 0: due the day it is first seen', () => {
    expect(followUpDue(facts(), TODAY, { ...SETTINGS, firstContactDays: 0 })).toMatchObject({ nextDay: TODAY, status: 'first' });
  });

  it('run after run, the deadline a run writes is the one the next run keeps (for any join date and window)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: -2000, max: 0 }), { nil: undefined }), fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 6 }), (days, joinedOffset, gaps) => {
        const joinedDay = joinedOffset === undefined ? undefined : TODAY + joinedOffset;
        let today = TODAY;
        const firstDeadline = firstContactDeadline(joinedDay, undefined, today, days);
        let carried = firstDeadline;
        for (const gap of gaps) {
          today += gap;
          carried = firstContactDeadline(joinedDay, carried, today, days);
          expect(carried).toBe(firstDeadline);
        }
        // Never due before it was seen, never later than a window after it.
        expect(firstDeadline).toBeLessThanOrEqual(TODAY + days);
        if (joinedDay === undefined || joinedDay < TODAY - days) expect(firstDeadline).toBe(TODAY + days);
        else expect(firstDeadline).toBe(joinedDay + days);
      }),
    );
  });
});

describe('carriedFirstContact', () => {
  it('reads a first contact row of either language; any other status carries nothing', () => {
    const d = new Date(2026, 0, 5);
    expect(carriedFirstContact('First contact due', d)).toBeTypeOf('number');
    expect(carriedFirstContact('首次联系逾期', d)).toBe(carriedFirstContact('First contact overdue', d));
    expect(carriedFirstContact('Overdue', d)).toBeUndefined();
    expect(carriedFirstContact('', d)).toBeUndefined();
    expect(carriedFirstContact('待首次联系', '')).toBeUndefined();
    expect(carriedFirstContact('待首次联系', 'not a date')).toBeUndefined();
    expect(carriedFirstContact('待首次联系', '2026-01-05')).toBe(carriedFirstContact('First contact due', d));
  });
});

describe('what follows from a first contact', () => {
  const base = { openIncidents: 0, silentLimit: 30 };

  it('urgency: a late first contact ranks with an overdue follow-up; one in its window after Medium/Low incidents, before silence', () => {
    expect(urgency({ ...base, followUpStatus: 'firstOverdue', highestOpenSeverity: 'medium', openIncidents: 1 })).toBe('firstContactLate');
    expect(urgency({ ...base, followUpStatus: 'firstOverdue', highestOpenSeverity: 'high', openIncidents: 1 })).toBe('incident');
    expect(urgency({ ...base, followUpStatus: 'first', highestOpenSeverity: 'low', openIncidents: 1 })).toBe('incident');
    expect(urgency({ ...base, followUpStatus: 'first', silentDays: 90 })).toBe('firstContact');
    expect(urgency({ ...base, followUpStatus: 'ok', silentDays: 90 })).toBe('silent');
  });

  it('the Dashboard: first contacts in their window are not late; past it they are overdue, named apart and listed by days past the deadline', () => {
    const k = (id: string, followUpStatus: DashboardKoc['followUpStatus'], nextFollowUpDay: number | undefined): DashboardKoc => ({ id, name: id, owner: '', tier: 'candidate', stage: 'sprout', tenure: 800, followUpStatus, nextFollowUpDay });
    const m = buildDashboard(
      [k('A', 'first', TODAY + 3), k('B', 'first', TODAY), k('C', 'firstOverdue', TODAY - 2), k('D', 'overdue', TODAY - 9), k('E', 'due', TODAY)],
      [],
      [],
      { today: TODAY, matureDays: 180, minSproutsPerMature: 1, offerStaleDays: 7 },
    );
    expect({ overdue: m.overdue, firstContactsLate: m.firstContactsLate, dueToday: m.dueToday, firstContacts: m.firstContacts }).toEqual({ overdue: 2, firstContactsLate: 1, dueToday: 1, firstContacts: 2 });
    expect(m.mostOverdue.map((r) => [r.id, r.days])).toEqual([
      ['D', 9],
      ['C', 2],
    ]);
  });
});

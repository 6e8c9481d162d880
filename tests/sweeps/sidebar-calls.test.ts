/**
 * matchTask on a large roster through the built bundle: the very same service calls at 1k and 5k
 * KOCs (whole columns per call, never a call per row; `npm run bench` matches 50k), and the
 * same answer's shape.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { LIMITS } from '../../src/contract/sidebar-contract';
import { execOnce, runBundle, writeCalls } from '../helpers/bundle';
import { fillWorkbook, kocId, setUpEmulator, writeRecords } from '../recompute/workbook';

const NOW = new Date('2026-11-23T10:00:00+08:00');

describe('matchTask on a large roster', () => {
  /** n generated KOCs with two assignments each (tasks T0, T1), and task T-BIG with a few of its own. */
  function roster(n: number, withEchelon: boolean): Emulator {
    const emulator = setUpEmulator();
    fillWorkbook(emulator, n, { followUps: 0, assignments: 2 });
    writeRecords(emulator, 'tasks', [
      { id: 'T-BIG', title: 'Serum launch', categories: '美妆, 护肤', format: 'Video', minTier: 'Regular', slots: 100, budgetPerKoc: 1000, status: 'Open' },
    ]);
    const own = [
      { id: 'B-1', taskId: 'T-BIG', kocId: kocId(3), status: 'Offered' },
      { id: 'B-2', taskId: 'T-BIG', kocId: kocId(n - 1), status: 'Declined' },
      { id: 'B-3', taskId: 'T-BIG', kocId: kocId(8), status: 'Accepted' },
    ];
    writeRecords(emulator, 'assignments', own, 2 + 2 * n);
    if (withEchelon) {
      const run = runBundle({ emulator, now: NOW });
      run.call('recomputeNow');
      emulator.endExecution(run.globals);
    }
    return emulator;
  }

  function match(n: number, withEchelon: boolean) {
    const emulator = roster(n, withEchelon);
    emulator.calls.reset();
    const answer = execOnce(emulator, 'matchTask', [{ taskId: 'T-BIG' }], { user: 'ops@example.com', now: NOW });
    if (!answer.ok) throw new Error(answer.message);
    return { calls: emulator.calls.byMethod(), written: writeCalls(emulator), data: answer.data };
  }

  // Speed is measured by `npm run bench`; what a test can pin exactly is that the endpoint's
  // service calls do not grow with the roster (whole columns per call, never a call per row).
  // 1k against 5k here; `npm run bench` matches 50k.
  it.each([false, true])('makes the very same service calls for 1,000 and 5,000 KOCs (Echelon sheet: %s)', (withEchelon) => {
    const small = match(1_000, withEchelon);
    const large = match(5_000, withEchelon);
    expect(large.calls).toEqual(small.calls);
    for (const { data, written } of [small, large]) {
      expect(written).toEqual([]);
      expect(data.ranked).toHaveLength(LIMITS.matchLimit);
      // The task's own assignments, in sheet order, with the names of their KOCs.
      expect(data.assignments.map((a: { id: string; kocName: string; status: string }) => [a.id, a.kocName, a.status])).toEqual([
        ['B-1', 'KOC 3', 'offered'],
        ['B-2', expect.stringMatching(/^KOC \d+$/), 'declined'],
        ['B-3', 'KOC 8', 'accepted'],
      ]);
      expect(data.task.filled).toBe(2);
      for (const k of [...data.ranked, ...data.excluded]) expect(k.name).toBe(`KOC ${Number(k.id.slice(1))}`);
      expect(data.excludedCounts.declined + data.excludedCounts.assigned).toBeGreaterThan(0);
    }
  }, 120_000);
});

/**
 * A sidebar write and the recompute under a team's filter, with a failure at the first, middle and
 * last call of each method of the write phase: saved whole with the filter put back, or the
 * workbook exactly as it was, filter and hidden rows included.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';
import { book, columnOf, demo, LATER, logFollowUp, run, sheetOf } from '../helpers/layout';

describe('under a filter, a failure at each write-phase call', () => {
  // The write phase's calls: the filter taken off and put back, the merges check, the writes.
  const calls = (em: Emulator) => Object.entries(em.calls.byMethod()).filter(([k]) => /Filter|getMergedRanges|setValues|insertRows|NumberFormats/.test(k));

  it.each([
    ['logFollowUp', 'Follow-ups'],
    ['recomputeNow', 'Echelon'],
  ] as const)('%s: saved whole with the filter put back, or the workbook as it was, filter and hidden rows included', (fn, name) => {
    const start = demo();
    const sheet = sheetOf(start, name);
    const column = columnOf(start, name, name === 'Echelon' ? 'Tier' : 'Sentiment');
    sheet
      .getRange(1, 1, start.sheetValues(name).length, start.sheetValues(name)[0].length)
      .createFilter()
      .setColumnFilterCriteria(column, (start.globals() as any).SpreadsheetApp.newFilterCriteria().setHiddenValues([name === 'Echelon' ? 'Regular' : 'Negative']).build());
    // Something for the recompute to write: KOC-003 paused.
    sheetOf(start, 'KOCs').getRange(4, columnOf(start, 'KOCs', 'Status')).setValue('Paused');
    const json = start.toJSON();
    const act = (em: Emulator, warm = false) => {
      if (fn === 'recomputeNow') {
        run(em, 'recomputeNow', [], { now: LATER, warm });
        return em.ui.alerts.length === 0;
      }
      try {
        return logFollowUp(em, 'Fault under a filter', 'en', warm).ok;
      } catch (_) {
        return false; // thrown to the sidebar's failure handler
      }
    };
    const dry = createEmulator({ workbook: json });
    dry.calls.reset();
    expect(act(dry)).toBe(true);
    const done = book(dry);
    const before = book(createEmulator({ workbook: json }));
    let failed = 0;
    // Each method's first, middle and last call (a filter's conditions are read once per column).
    for (const [method, count] of calls(dry))
      for (const n of new Set([1, Math.ceil(count / 2), count])) {
        const em = createEmulator({ workbook: json });
        em.failAt(method, n);
        const ok = act(em, true);
        const after = book(em);
        if (ok) {
          expect(sheetOf(em, name).getFilter(), `${method} #${n}`).not.toBeNull();
          if (fn === 'logFollowUp') expect(em.sheetValues(name).filter((r) => r.includes('Fault under a filter')).length, `${method} #${n}`).toBe(1);
        }
        else {
          failed++;
          expect(after, `${method} #${n}`).toBe(before);
        }
        // A recompute that wrote equals the dry run's (the Updated time is the same NOW).
        if (ok && fn === 'recomputeNow') expect(after, `${method} #${n}`).toBe(done);
      }
    expect(failed).toBeGreaterThan(0);
  }, 300_000);
});

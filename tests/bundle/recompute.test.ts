/**
 * The recompute through the built bundle (dist/Code.js) on the emulator: the menu items, the
 * trigger, the schedule, and the promises in src/server/recompute.ts — nothing changed by a second
 * run, the document lock. (A failure at every call, and the calls at 1k and 5k KOCs:
 * tests/sweeps/recompute.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/index';
import { generatedKoc, kocId, setUpEmulator, writeRecords } from '../recompute/workbook';
import { runBundle } from '../helpers/bundle';
import { call, col, demoEmulator, fire, LATER, NOW, runLog, setSetting, sheetOf, withoutRunLog } from '../helpers/recompute';

describe('Recompute now', () => {
  it('writes an Echelon row per KOC that agrees with KOC_SCORE and KOC_TIER, and a Dashboard with its chart', () => {
    const em = demoEmulator();
    call(em, 'recomputeNow');
    expect(em.ui.alerts).toEqual([]);
    expect(em.ui.toasts.at(-1)?.message).toMatch(/^Recomputed \d+ KOCs/);

    const kocs = em.sheetValues('KOCs');
    const echelon = em.sheetValues('Echelon');
    const run = runBundle({ emulator: createEmulator(), now: NOW });
    const scores = run.call('KOC_SCORE', [kocs[0]], kocs.slice(1), NOW) as unknown[][];
    // The roster form: the tier rules (score, group floors, evidence; no tier for Alumni) on each row.
    const tiers = run.call('KOC_TIER', [kocs[0]], kocs.slice(1), NOW) as unknown[][];
    // The first row of an ID is the KOC; a later one is reported as a duplicate.
    const byId = new Map<unknown, unknown[]>();
    for (const r of echelon.slice(1)) if (!byId.has(r[0])) byId.set(r[0], r);
    const seen = new Set<unknown>();
    let compared = 0;
    kocs.slice(1).forEach((row, i) => {
      if (seen.has(row[0])) return;
      seen.add(row[0]);
      const line = byId.get(row[0]);
      if (!line || line[col(echelon, 'Tier source')] === 'Override' || typeof scores[i][0] !== 'number') return;
      expect(line[col(echelon, 'Score')]).toBe(scores[i][0]);
      expect(line[col(echelon, 'Tier')]).toBe(tiers[i][0]);
      compared++;
    });
    expect(compared).toBeGreaterThan(50);

    const dashboard = em.sheetValues('Dashboard');
    expect(dashboard[0][0]).toBe('KOC Ops dashboard');
    expect(dashboard[3]).toEqual(['Tier', 'Sprout', 'Active', 'Mature', 'Transition', 'Alumni', 'Total']);
    expect(sheetOf(em, 'Dashboard').getCharts()).toHaveLength(1);
  });

  it('a second run with unchanged data changes no cell and appends nothing to History', () => {
    const em = demoEmulator();
    call(em, 'recomputeNow');
    const before = em.toJSON();
    const historyRows = em.sheetValues('History').length;
    em.calls.reset();
    call(em, 'recomputeNow', { now: LATER });
    expect(em.sheetValues('History').length).toBe(historyRows);
    const after = em.toJSON();
    // The last-run note for "Show schedule" is the only thing that moves.
    delete after.properties?.document?.['kocops.recompute.lastRun'];
    delete before.properties?.document?.['kocops.recompute.lastRun'];
    expect(after).toEqual(before);
    expect(em.calls.byMethod()['Range.setValues']).toBeUndefined();
    expect(em.ui.toasts.at(-1)?.message).toMatch(/nothing changed/);
    expect(sheetOf(em, 'Dashboard').getCharts()).toHaveLength(1);
  });

  it('puts back a pyramid chart someone deleted, even when nothing else changed', () => {
    const em = demoEmulator();
    call(em, 'recomputeNow');
    const dash = sheetOf(em, 'Dashboard');
    for (const c of dash.getCharts()) dash.removeChart(c);
    em.calls.reset();
    call(em, 'recomputeNow', { now: LATER });
    expect(dash.getCharts()).toHaveLength(1);
    expect(em.calls.byMethod()['Sheet.insertChart']).toBe(1);
    expect(em.calls.byMethod()['Range.setValues']).toBeUndefined();
  });

  it('rewrites a Dashboard that reaches further than what it last wrote (something typed below it)', () => {
    const em = demoEmulator();
    call(em, 'recomputeNow');
    const before = em.sheetValues('Dashboard');
    sheetOf(em, 'Dashboard').getRange(before.length + 3, 2).setValue('typed by hand');
    call(em, 'recomputeNow', { now: LATER });
    expect(sheetOf(em, 'Dashboard').getLastRow()).toBe(before.length);
    expect(em.sheetValues('Dashboard').slice(1)).toEqual(before.slice(1));
  });

  it('logs tier and stage changes with the reason; a Tier override wins and shows as Override', () => {
    const em = demoEmulator();
    call(em, 'recomputeNow');
    const kocs = em.sheetValues('KOCs');
    const overrideAt = col(kocs, 'Tier override');
    const statusAt = col(kocs, 'Status');
    const echelon = em.sheetValues('Echelon');
    const target = echelon.slice(1).find((r) => r[col(echelon, 'Tier')] !== 'Core' && r[col(echelon, 'Stage')] !== 'Transition' && r[col(echelon, 'Stage')] !== 'Alumni')!;
    const rowAt = kocs.findIndex((r) => r[0] === target[0]);
    sheetOf(em, 'KOCs').getRange(rowAt + 1, overrideAt + 1).setValue('Core');
    sheetOf(em, 'KOCs').getRange(rowAt + 1, statusAt + 1).setValue('Paused');
    call(em, 'recomputeNow', { now: LATER });

    const line = em.sheetValues('Echelon').find((r) => r[0] === target[0])!;
    expect(line[col(echelon, 'Tier')]).toBe('Core');
    expect(line[col(echelon, 'Tier source')]).toBe('Override');
    expect(line[col(echelon, 'Stage')]).toBe('Transition');
    const history = em.sheetValues('History');
    expect(history.slice(1).map((r) => r.slice(1))).toEqual([
      [target[0], target[1], 'Tier', target[col(echelon, 'Tier')], 'Core', `${target[col(echelon, 'Tier')]} → Core: tier override`],
      [target[0], target[1], 'Stage', target[col(echelon, 'Stage')], 'Transition', `${target[col(echelon, 'Stage')]} → Transition: Status is Paused`],
    ]);
    expect(history[1][0]).toEqual(LATER);
  });

  it('applies hysteresis: a score a little past a threshold keeps the tier, well past it moves', () => {
    const em = setUpEmulator();
    writeRecords(em, 'kocs', [generatedKoc(1)]);
    call(em, 'recomputeNow');
    const echelon = em.sheetValues('Echelon');
    const score = echelon[1][col(echelon, 'Score')] as number;
    const tier = echelon[1][col(echelon, 'Tier')];
    const settings = em.sheetValues('Settings');
    const setThreshold = (label: string, value: number) => {
      const r = settings.findIndex((row) => row[0] === label);
      sheetOf(em, 'Settings').getRange(r + 1, 2).setValue(value);
    };
    // Put the next tier's threshold 1 point below the score: plain KOC_TIER would promote; margin 3 holds.
    const next = tier === 'Candidate' ? 'Regular' : tier === 'Regular' ? 'Potential' : 'Core';
    const thresholds: Record<string, number> = { Core: 90, Potential: 60, Regular: 30 };
    thresholds[next] = score - 1;
    if (next !== 'Core') thresholds.Core = Math.max(thresholds.Core, score + 20);
    if (next === 'Regular') thresholds.Potential = score + 10;
    for (const [t, v] of Object.entries(thresholds)) setThreshold(`Tier threshold · ${t}`, v);
    call(em, 'recomputeNow', { now: LATER });
    expect(em.sheetValues('Echelon')[1][col(echelon, 'Tier')]).toBe(tier);
    expect(em.sheetValues('History')).toHaveLength(1);

    setThreshold(`Tier threshold · ${next}`, score - 3);
    call(em, 'recomputeNow', { now: LATER });
    expect(em.sheetValues('Echelon')[1][col(echelon, 'Tier')]).toBe(next);
    expect(em.sheetValues('History')[1][6]).toBe(`${tier} → ${next}: score ${score} ≥ ${score}`);
  });

  it('reports bad rows in Problems and carries on; hostile text is written as text', () => {
    const em = setUpEmulator();
    writeRecords(em, 'kocs', [
      generatedKoc(1),
      { ...generatedKoc(2), id: '' },
      { ...generatedKoc(3), id: kocId(1) },
      { ...generatedKoc(4), followers: 'lots', name: `'=IMPORTXML("http://x","//a")` },
      { ...generatedKoc(5), id: "'007" }, // typed as text in the roster
    ]);
    call(em, 'recomputeNow');
    const echelon = em.sheetValues('Echelon');
    const problems = echelon.slice(1).map((r) => r[col(echelon, 'Problems')]);
    expect(problems[1]).toBe('KOCs row 3: no KOC ID; skipped');
    expect(problems[2]).toBe(`KOCs row 4: KOC ID ${kocId(1)} is also on row 2; skipped`);
    expect(problems[3]).toBe('Followers: "lots" is not a number');
    expect(echelon[4][col(echelon, 'Score')]).toEqual(expect.any(Number));
    expect(echelon[4][1]).toBe('=IMPORTXML("http://x","//a")');
    expect(sheetOf(em, 'Echelon').getRange(5, 2).getFormula()).toBe('');
    expect(echelon[5][0]).toBe('007');
    expect(em.ui.toasts.at(-1)?.message).toContain('3 rows have problems');
  });

  it('writes Echelon, History and Dashboard in the language of Settings', () => {
    const em = demoEmulator({ locale: 'en' });
    const settings = em.sheetValues('Settings');
    sheetOf(em, 'Settings').getRange(settings.findIndex((r) => r[0] === 'Language') + 1, 2).setValue('zh');
    call(em, 'recomputeNow');
    const echelon = em.sheetValues('Echelon');
    // Headers of our sheets follow the workbook's language; the message is the user's (English).
    const shown = new Set(echelon.slice(1).map((r) => r[col(echelon, '层级')]));
    shown.delete(''); // Alumni have no tier
    expect([...shown].sort()).toEqual(['候选', '普通', '核心', '潜力'].filter((x) => shown.has(x)).sort());
    expect(shown.size).toBeGreaterThan(1);
    expect(em.sheetValues('Dashboard')[0][0]).toBe('KOC Ops 看板');
    expect(em.ui.toasts.at(-1)?.message).toMatch(/^Recomputed/);
  });
});

describe('the workbook’s language and shape', () => {
  const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);

  it('words the Problems column in Chinese in a Chinese workbook (and keeps the English one as it was)', () => {
    const zh = setUpEmulator({ locale: 'zh-CN' });
    writeRecords(zh, 'kocs', [generatedKoc(1), { ...generatedKoc(2), followers: 'about 5k' }, { ...generatedKoc(3), followers: '', posts30d: '', likes: '', collects: '', comments: '', shares: '', leads30d: '', orders30d: '', gmv30d: '', lastPost: '', quality: '', professionalism: '', creativity: '', brandFit: '', willingness: '', communication: '' }]);
    call(zh, 'recomputeNow');
    const echelon = zh.sheetValues('梯队');
    const problems = echelon.slice(1).map((r) => r[col(echelon, '数据问题')]);
    expect(problems[1]).toBe('粉丝数：“about 5k”不是数字');
    expect(problems[2]).toMatch(/^无可评分数据/);
    expect(problems.join('\n')).not.toMatch(/is not|Nothing to score|below/);

    const en = setUpEmulator();
    writeRecords(en, 'kocs', [generatedKoc(1), { ...generatedKoc(2), followers: 'about 5k' }]);
    call(en, 'recomputeNow');
    const enEchelon = en.sheetValues('Echelon');
    expect(enEchelon[2][col(enEchelon, 'Problems')]).toBe('Followers: "about 5k" is not a number');
  });

  it('words Settings problems in the workbook’s language', () => {
    const zh = setUpEmulator({ locale: 'zh-CN' });
    writeRecords(zh, 'kocs', [generatedKoc(1)]);
    const settings = zh.sheetValues('设置');
    zh.spreadsheet.getSheetByName('设置')!.getRange(settings.findIndex((r) => r[0] === '沉默天数') + 1, 2).setValue('很久');
    call(zh, 'recomputeNow');
    expect(zh.ui.toasts.at(-1)?.message).toContain('沉默天数：“很久”不是 1 到 3650 之间的整数');
  });

  it('a header used twice on KOCs: computes with the first column and says so in its message', () => {
    const em = setUpEmulator();
    writeRecords(em, 'kocs', [generatedKoc(1), generatedKoc(2), generatedKoc(3)]);
    call(em, 'recomputeNow');
    const before = em.sheetValues('Echelon');
    const kocs = sheetOf(em, 'KOCs');
    const first = col(em.sheetValues('KOCs'), 'Followers');
    const second = kocs.getLastColumn() + 1;
    if (kocs.getMaxColumns() < second) kocs.insertColumnsAfter(kocs.getMaxColumns(), second - kocs.getMaxColumns());
    kocs.getRange(1, second, 4, 1).setValues([['Followers'], [1], [2], [3]]);
    call(em, 'recomputeNow', { now: LATER });
    const message = em.ui.toasts.at(-1)?.message ?? '';
    expect(message).toContain(`KOCs: column "Followers" appears more than once (columns ${letter(first)}, ${letter(second - 1)}); the first is used.`);
    expect(message.split('appears more than once')).toHaveLength(2);
    // The first column is the one used: the scores are what they were.
    const after = em.sheetValues('Echelon');
    expect(after.map((r) => r[col(after, 'Score')])).toEqual(before.map((r) => r[col(before, 'Score')]));
  });

  it.each([
    ['en', 'KOCs', 'KOC ID', 'KOCs has no "KOC ID" (KOC编号) column. Rename the column back or run Set up workbook.'],
    ['zh-CN', 'KOC名册', 'KOC编号', 'KOC名册没有“KOC编号”（KOC ID）列。请把该列改回原名，或运行“设置工作簿”。'],
  ])('a roster without its KOC ID column (%s): stops before writing anything, and says how to fix it', (locale, sheet, header, text) => {
    const em = setUpEmulator({ locale });
    writeRecords(em, 'kocs', Array.from({ length: 65 }, (_, i) => generatedKoc(i + 1)));
    writeRecords(em, 'followups', Array.from({ length: 20 }, (_, i) => ({ id: `F-${i}`, kocId: kocId(i + 1), date: new Date(2026, 0, 5), type: 'Check-in' })));
    call(em, 'recomputeNow');
    const kocs = sheetOf(em, sheet);
    kocs.getRange(1, col(em.sheetValues(sheet), header) + 1).setValue('Creator');
    const before = JSON.stringify(withoutRunLog(em.toJSON()));
    em.ui.toasts.length = 0;
    call(em, 'recomputeNow', { now: LATER });
    expect(em.ui.alerts.at(-1)?.prompt).toBe(text);
    expect(em.ui.toasts).toEqual([]);
    expect(JSON.stringify(withoutRunLog(em.toJSON()))).toBe(before);
    // The time-driven run stops the same way, with nothing written.
    call(em, 'onScheduledRecompute', { now: LATER, trigger: true });
    expect(JSON.stringify(withoutRunLog(em.toJSON()))).toBe(before);
    expect(runLog(em).slice(-2).map((r) => [r.outcome, r.scheduled, r.message])).toEqual([
      ['skipped', false, text],
      ['skipped', true, text],
    ]);
  });
});

describe('safety', () => {
  it('refuses a run while another holds the document lock, writing nothing', () => {
    const em = demoEmulator();
    const other = em.globals();
    const lock = (other.LockService as GoogleAppsScript.Lock.LockService).getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    const before = withoutRunLog(em.toJSON());
    call(em, 'recomputeNow');
    expect(em.ui.alerts.at(-1)?.prompt).toBe('Another KOC Ops run is in progress; try again in a minute.');
    expect(withoutRunLog(em.toJSON())).toEqual(before);
    call(em, 'onScheduledRecompute', { trigger: true });
    expect(withoutRunLog(em.toJSON())).toEqual(before);
    em.endExecution(other);
    call(em, 'recomputeNow');
    expect(em.sheetValues('Echelon').length).toBeGreaterThan(60);
  });
});

describe('dates in a spreadsheet whose time zone is not the script runtime’s', () => {
  it.each(['America/New_York', 'Pacific/Auckland', 'Europe/London', 'Asia/Shanghai'])('keeps every calendar day as typed (%s)', (timeZone) => {
    const em = setUpEmulator({ timeZone });
    // Typed as text, Sheets turns these into dates at midnight in the spreadsheet's zone.
    writeRecords(em, 'kocs', [{ ...generatedKoc(1), joined: '2025-01-10', lastContact: '2026-11-22' }]);
    writeRecords(em, 'followups', [{ id: 'F-1', kocId: kocId(1), date: '2026-11-22', nextFollowUp: '2026-11-25', summary: 'Call' }]);
    call(em, 'recomputeNow', { now: new Date('2026-11-23T12:00:00Z') });
    expect(em.ui.alerts).toEqual([]);
    const shown = em.spreadsheet.getSheetByName('Echelon')!.getDataRange().getDisplayValues();
    const at = (h: string) => shown[0].indexOf(h);
    expect([shown[1][at('Last contact')], shown[1][at('Next follow-up')]]).toEqual(['2026-11-22', '2026-11-25']);
    expect(shown[1][at('Follow-up status')]).toBe('OK');
  });
});

describe('the Playbook sheet as the team keeps it', () => {
  it('without a column, or without the sheet, the built-in playbook is used and the run says so', () => {
    const em = demoEmulator();
    sheetOf(em, 'Playbook').getRange(1, 1).setValue('Level');
    call(em, 'recomputeNow');
    expect(em.ui.toasts.at(-1)?.message).toContain('The Playbook has no column Tier; the built-in playbook was used.');
    sheetOf(em, 'Playbook').setName('My Playbook');
    call(em, 'recomputeNow');
    expect(em.ui.toasts.at(-1)?.message).toContain('Sheet "Playbook" was not found; the built-in playbook was used.');
  });
});

describe('the schedule', () => {
  it('keeps one trigger: daily at the Settings hour, hourly replaces it, stop removes it', () => {
    const em = demoEmulator();
    const settings = em.sheetValues('Settings');
    sheetOf(em, 'Settings').getRange(settings.findIndex((r) => r[0] === 'Daily recompute hour') + 1, 2).setValue(7);
    call(em, 'scheduleDaily');
    call(em, 'scheduleDaily');
    expect(em.triggers()).toEqual([expect.objectContaining({ handler: 'onScheduledRecompute', kind: 'CLOCK', everyDays: 1, atHour: 7, timeZone: 'Asia/Shanghai' })]);
    expect(em.ui.toasts.at(-1)?.message).toBe('Recompute scheduled every day at 07:00 (Asia/Shanghai).');
    call(em, 'showSchedule');
    expect(em.ui.alerts.at(-1)?.prompt).toBe('Recompute schedule: every day at 07:00 (Asia/Shanghai).\nLast run: never');

    call(em, 'scheduleHourly');
    expect(em.triggers()).toEqual([expect.objectContaining({ handler: 'onScheduledRecompute', everyHours: 1 })]);
    call(em, 'stopSchedule');
    expect(em.triggers()).toEqual([]);
    expect(em.ui.toasts.at(-1)?.message).toBe('Recompute schedule stopped.');
    call(em, 'showSchedule');
    expect(em.ui.alerts.at(-1)?.prompt).toBe('Recompute schedule: none.\nLast run: never');
    call(em, 'stopSchedule');
    expect(em.ui.toasts.at(-1)?.message).toBe('No recompute schedule is set; nothing to stop.');
  });

  it('the trigger recomputes with no UI at all, and Show schedule tells the last run', () => {
    const em = demoEmulator();
    call(em, 'scheduleHourly');
    em.calls.reset();
    em.ui.toasts.length = 0;
    em.fireTrigger(em.triggers()[0].id, (handler, event, globals) => runBundle({ emulator: em, now: NOW, exec: { trigger: true } }).call(handler, event) ?? globals);
    const calls = em.calls.byMethod();
    expect(calls['SpreadsheetApp.getUi']).toBeUndefined();
    expect(calls['Spreadsheet.toast']).toBeUndefined();
    expect(em.sheetValues('Echelon').length).toBeGreaterThan(60);
    expect(em.logs.join('\n')).toMatch(/KOC Ops: Recomputed \d+ KOCs/);
    call(em, 'showSchedule');
    // In the spreadsheet's time zone (the emulator's default, Asia/Shanghai), like the daily hour.
    const at = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(NOW);
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(new RegExp(`^Recompute schedule: every hour\\.\nLast run: ${at} \\(Asia/Shanghai\\) — Recomputed \\d+ KOCs`));
  });
});

describe('the schedule, safely', () => {
  it('refuses a daily hour that is not a whole hour, keeping the schedule it had', () => {
    const em = demoEmulator();
    call(em, 'scheduleHourly');
    const before = em.triggers();
    // Another bad setting is not this refusal's business: only the hour's problem is shown.
    setSetting(em, 'Weight · Influence', 'lots');
    for (const bad of [6.5, 25, 'abc']) {
      setSetting(em, 'Daily recompute hour', bad);
      call(em, 'scheduleDaily');
      expect(em.ui.alerts.at(-1)?.prompt).toBe(`Daily recompute hour: "${bad}" is not a whole number from 0 to 23\nThe schedule was not changed.`);
      expect(em.triggers()).toEqual(before);
    }
    call(em, 'showSchedule');
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(/^Recompute schedule: every hour\./);
  });

  it('puts the old trigger back when the new one cannot be made', () => {
    const em = demoEmulator();
    call(em, 'scheduleDaily');
    em.failAt('ClockTriggerBuilder.create', 1, 'Service unavailable');
    call(em, 'scheduleHourly');
    expect(em.ui.alerts.at(-1)?.prompt).toBe('KOC Ops could not finish: Service unavailable');
    expect(em.triggers()).toEqual([expect.objectContaining({ handler: 'onScheduledRecompute', everyDays: 1, atHour: 6 })]);
    call(em, 'showSchedule');
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(/^Recompute schedule: every day at 06:00 \(Asia\/Shanghai\)\./);
    // The trigger made again carries the schedule: it runs.
    fire(em, em.triggers()[0].id);
    expect(em.logs.join('\n')).toMatch(/KOC Ops: Recomputed \d+ KOCs/);
  });

  it('keeps one schedule across a team: a replaced or stopped trigger deletes itself on its next run', () => {
    const em = demoEmulator();
    call(em, 'scheduleDaily', { user: 'lily@example.com' });
    call(em, 'scheduleHourly', { user: 'kevin@example.com' });
    // Triggers are per user: Kevin cannot delete Lily's, so for now there are two.
    const [lily, kevin] = em.triggers();
    expect([lily.user, kevin.user]).toEqual(['lily@example.com', 'kevin@example.com']);
    call(em, 'showSchedule', { user: 'lily@example.com' });
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(/^Recompute schedule: every hour, by a trigger that is not yours/);
    call(em, 'showSchedule', { user: 'kevin@example.com' });
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(/^Recompute schedule: every hour\./);

    // Lily's trigger fires: no longer the schedule, it deletes itself and recomputes nothing.
    const echelonBefore = em.sheetValues('Echelon');
    fire(em, lily.id);
    expect(em.triggers().map((t) => t.id)).toEqual([kevin.id]);
    expect(em.sheetValues('Echelon')).toEqual(echelonBefore);
    expect(em.logs.at(-1)).toMatch(/no longer carries the recompute schedule/);

    // A third user stops the schedule; Kevin's trigger then retires on its next run.
    call(em, 'stopSchedule', { user: 'chen@example.com' });
    call(em, 'showSchedule', { user: 'chen@example.com' });
    expect(em.ui.alerts.at(-1)?.prompt).toMatch(/^Recompute schedule: none\./);
    fire(em, kevin.id);
    expect(em.triggers()).toEqual([]);
  });
});

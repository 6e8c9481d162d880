import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/dates';
import { computeEchelon } from '../../src/core/echelon/compute';
import { echelonBlock, mentorIdOf, readPrevious } from '../../src/core/echelon/sheet';
import type { EchelonEntry, EchelonInput } from '../../src/core/echelon/types';
import { defaultPlaybook } from '../../src/core/playbook';
import { kocReader, readKocRow } from '../../src/core/record';
import { scoreContext, scoreKoc } from '../../src/core/score';
import { defaultSettings } from '../../src/core/settings';
import { tierFor } from '../../src/core/tier';
import { mapHeaders } from '../../src/sheets/headers';
import { sheetDef } from '../../src/sheets/schema';
import { daysAgo, daysAhead, koc, NOW, rowsOf, sheet } from './fixtures';

const TODAY = dayNumber(NOW);

function run(over: Partial<EchelonInput> & { kocs: EchelonInput['kocs'] }) {
  return computeEchelon({ playbook: defaultPlaybook('en'), settings: defaultSettings(), now: NOW, lang: 'en', ...over });
}

const byId = (entries: EchelonEntry[], id: string) => entries.find((e) => e.id === id)!;

/** The Echelon sheet a run would write, as the next run reads it. */
function echelonSheet(result: ReturnType<typeof run>, lang: 'en' | 'zh' = 'en', old: unknown[][] = []) {
  const map = mapHeaders(sheetDef('echelon'), old[0] ?? []);
  return echelonBlock({ sheet: old, lines: result.lines, lang, now: NOW, map }).values;
}
const previousOf = (values: unknown[][]) => ({ map: mapHeaders(sheetDef('echelon'), values[0]), rows: values.slice(1) });

describe('computeEchelon: score, tier, stage', () => {
  it('agrees with the value model (KOC_SCORE / KOC_TIER) for KOCs without history', () => {
    const records = [koc('A'), koc('B', { followers: 500, likes: 10, gmv30d: '' }), koc('C', { followers: '8.5万', quality: 5, brandFit: 5 }), koc('D', { posts30d: 0 })];
    const kocs = rowsOf('kocs', records);
    const { entries } = run({ kocs });
    const ctx = scoreContext({ today: NOW });
    const reader = kocReader(kocs.map);
    kocs.rows.forEach((row, i) => {
      const { koc: rec } = readKocRow(reader, row);
      const s = scoreKoc(rec, ctx);
      expect(entries[i].score).toBe(s.total);
      expect(entries[i].dims).toEqual(s.dimensions);
      expect(entries[i].tier).toBe(tierFor(s.total!));
      expect(entries[i].tierSource).toBe('computed');
    });
  });

  it('applies a Tier override, shown as the source', () => {
    const { entries } = run({ kocs: rowsOf('kocs', [koc('A', { tierOverride: '核心', followers: 10 })]) });
    expect(entries[0].tier).toBe('core');
    expect(entries[0].tierSource).toBe('override');
    expect(entries[0].plainTier).not.toBe('core');
  });

  it('keeps the previous tier inside the margin and logs a move past it with the reason', () => {
    const first = run({ kocs: rowsOf('kocs', [koc('A')]) });
    const score = first.entries[0].score!;
    // Pretend the KOC was one tier higher last time, with thresholds just around its score.
    const settings = defaultSettings();
    settings.tierThresholds = { core: score + 2, potential: score - 10, regular: score - 30 };
    const prevValues = echelonSheet(first);
    prevValues[1][10] = 'Core';
    const kept = run({ kocs: rowsOf('kocs', [koc('A')]), settings, previous: previousOf(prevValues) });
    expect(kept.entries[0].tier).toBe('core'); // 2 below Core's threshold, margin 3
    expect(kept.history).toEqual([]);

    settings.tierThresholds = { core: score + 4, potential: score - 10, regular: score - 30 };
    const moved = run({ kocs: rowsOf('kocs', [koc('A')]), settings, previous: previousOf(prevValues) });
    expect(moved.entries[0].tier).toBe('potential');
    expect(moved.history).toEqual([
      { kocId: 'A', name: 'Name A', field: 'tier', from: 'Core', to: 'Potential', reason: `Core → Potential: score ${score} < ${Math.round((score + 1) * 10) / 10}` },
    ]);
  });

  it('logs a promotion as "Potential → Core: score 81 ≥ 78"', () => {
    const first = run({ kocs: rowsOf('kocs', [koc('A')]) });
    const score = first.entries[0].score!;
    const settings = defaultSettings();
    settings.tierThresholds = { core: score - 3, potential: score - 20, regular: score - 40 };
    const prevValues = echelonSheet(first);
    prevValues[1][10] = 'Potential';
    const r = run({ kocs: rowsOf('kocs', [koc('A')]), settings, previous: previousOf(prevValues) });
    expect(r.entries[0].tier).toBe('core');
    expect(r.history[0].reason).toBe(`Potential → Core: score ${score} ≥ ${score}`);
  });

  it('logs an override and its removal, and stage changes with the rule’s reason', () => {
    const first = run({ kocs: rowsOf('kocs', [koc('A', { tierOverride: 'Core', followers: 10 })]) });
    const values = echelonSheet(first);
    const plain = first.entries[0].plainTier;
    const r = run({ kocs: rowsOf('kocs', [koc('A', { followers: 10, status: 'Paused' })]), previous: previousOf(values) });
    expect(r.history.map((h) => h.reason)).toEqual([`Core → ${plain[0].toUpperCase()}${plain.slice(1)}: override removed; score ${r.entries[0].score}`, 'Mature → Transition: Status is Paused']);
  });

  it('writes nothing new to History when nothing changed', () => {
    const kocs = rowsOf('kocs', [koc('A'), koc('B', { tierOverride: 'Regular' }), koc('C', { joined: daysAgo(5), status: 'Candidate' })]);
    const first = run({ kocs });
    const second = run({ kocs, previous: previousOf(echelonSheet(first)) });
    expect(second.history).toEqual([]);
  });
});

describe('computeEchelon: workload, ROI, follow-ups, incidents, next action', () => {
  const kocs = rowsOf('kocs', [
    koc('A', { lastContact: daysAgo(20), gmv30d: 3000, monthlyCost: 1000 }),
    koc('B', { lastContact: '', joined: daysAgo(400) }),
    koc('C', { status: 'Alumni', lastContact: daysAgo(300) }),
  ]);
  const assignments = rowsOf('assignments', [
    { id: 'X1', kocId: 'A', status: 'Offered', offered: daysAgo(1) },
    { id: 'X2', kocId: 'A', status: 'Accepted', offered: daysAgo(5), cost: 200 },
    { id: 'X3', kocId: 'A', status: 'Published', responded: daysAgo(10), gmv: 2000, cost: 300 },
    { id: 'X4', kocId: 'A', status: 'Reviewed', responded: daysAgo(90), gmv: 99999, cost: 1 }, // older than 30 days
    { id: 'X5', kocId: 'A', status: 'Declined', gmv: 5000 },
    { id: 'X6', kocId: 'Nobody', status: 'Offered', offered: daysAgo(9) },
  ]);
  const followUps = rowsOf('followups', [
    { id: 'F1', kocId: 'A', date: daysAgo(30), nextFollowUp: daysAhead(10) },
    { id: 'F2', kocId: 'A', date: daysAgo(8), nextFollowUp: daysAgo(1) },
    { id: 'F3', kocId: 'B', date: daysAgo(3), nextFollowUp: '' },
    { id: 'F4', kocId: 'B', date: 'soon', nextFollowUp: '' },
  ]);
  const incidents = rowsOf('incidents', [
    { id: 'I1', kocId: 'A', severity: 'Medium', status: 'Open', kind: 'Complaint', opened: daysAgo(2) },
    { id: 'I2', kocId: 'A', severity: 'High', status: 'Resolved', resolved: daysAgo(1) },
    { id: 'I3', kocId: 'B', severity: '严重', status: '处理中', kind: 'Negative content', opened: daysAgo(1) },
    { id: 'I4', kocId: 'Nobody', severity: 'High', status: 'Open', kind: 'Complaint', opened: daysAgo(3) },
  ]);
  const r = run({ kocs, assignments, followUps, incidents });
  const A = byId(r.entries, 'A');
  const B = byId(r.entries, 'B');
  const C = byId(r.entries, 'C');

  it('counts open assignments as workload and prices the last 30 days', () => {
    expect(A.workload).toBe(2);
    expect(A.value).toBe(3000 + 2000);
    expect(A.cost).toBe(1000 + 200 + 300);
    expect(A.roi).toBeCloseTo(5000 / 1500);
    expect(B.roi).toBe(3000 / 1000);
  });

  it('takes the follow-up status from the latest follow-up’s next date, else the tier’s cadence', () => {
    expect(A.lastContactDay).toBe(TODAY - 8);
    expect(A.nextFollowUpDay).toBe(TODAY - 1);
    expect(A.followUpStatus).toBe('overdue');
    expect(B.lastContactDay).toBe(TODAY - 3);
    expect(B.nextFollowUpDay).toBe(TODAY - 3 + defaultSettings().cadenceDays[B.tier]);
    expect(B.problems).toContain('Follow-ups row 5: Date "soon" is not a date');
    expect(C.followUpStatus).toBe('none'); // alumni have no cadence
  });

  it('counts open incidents and the worst severity; the next action puts urgency first', () => {
    expect(A.openIncidents).toBe(1);
    expect(A.highestSeverity).toBe('medium');
    expect(A.nextAction).toMatch(/^Contact now: the follow-up is overdue; then: /);
    expect(B.highestSeverity).toBe('critical');
    expect(B.nextAction).toMatch(/^Handle the open Critical incident first; then: /);
    expect(C.nextAction).toMatch(/^Keep the bond/);
  });

  it('reports rows naming unknown KOCs and feeds the dashboard without them (as the sidebar\'s Today does)', () => {
    expect(r.orphans).toBe(2);
    expect(r.dashboard.offersAwaiting).toBe(1);
    expect(r.dashboard.staleOffers).toBe(0);
    expect(r.dashboard.openIncidents).toBe(2);
    expect(r.dashboard.highIncidents).toBe(1);
    expect(r.dashboard.highList.map((x) => x.id)).toEqual(['B']);
    expect(r.dashboard.overdue).toBe(1);
  });

  it('says re-engage after Settings’ silent days, and writes the next action in Chinese', () => {
    const quiet = rowsOf('kocs', [koc('Q', { lastPost: daysAgo(40), lastContact: daysAgo(35), posts30d: 0, joined: daysAgo(100) })]);
    const settings = defaultSettings();
    settings.cadenceDays.regular = settings.cadenceDays.candidate = settings.cadenceDays.potential = settings.cadenceDays.core = 100;
    const zh = computeEchelon({ kocs: quiet, playbook: defaultPlaybook('zh'), settings, now: NOW, lang: 'zh' });
    expect(zh.entries[0].urgency).toBe('silent');
    expect(zh.entries[0].nextAction).toMatch(/^重新激活：已 35 天无发帖或联系；之后：/);
  });
});

describe('computeEchelon: bad rows never stop the run', () => {
  const kocs = rowsOf('kocs', [
    koc('A'),
    koc('', { name: 'No id' }),
    {},
    koc('A', { name: 'Again' }),
    koc('B', { followers: 'lots', quality: 9 }),
    koc('E', Object.fromEntries(['followers', 'posts30d', 'likes', 'collects', 'comments', 'shares', 'leads30d', 'orders30d', 'gmv30d', 'lastPost', 'quality', 'professionalism', 'creativity', 'brandFit', 'willingness', 'communication'].map((k) => [k, '']))),
  ]);
  const r = run({ kocs });

  it('reports no ID and duplicates as problem rows, in roster order, and skips blank rows', () => {
    expect(r.entries.map((e) => e.id)).toEqual(['A', 'B', 'E']);
    expect(r.problemRows).toEqual([
      { row: 3, id: '', name: 'No id', problems: ['KOCs row 3: no KOC ID; skipped'] },
      { row: 5, id: 'A', name: 'Again', problems: ['KOCs row 5: KOC ID A is also on row 2; skipped'] },
    ]);
    expect(r.lines.map((l) => l.row)).toEqual([2, 3, 5, 6, 7]);
  });

  it('scores with what is valid and names what is not', () => {
    const B = byId(r.entries, 'B');
    expect(B.score).toBeGreaterThan(0);
    expect(B.problems).toEqual(['Followers: "lots" is not a number', 'Quality: 9 is not a rating from 1 to 5']);
    const E = byId(r.entries, 'E');
    expect(E.score).toBeUndefined();
    expect(E.tier).toBe('candidate');
    expect(E.problems[0]).toMatch(/^Nothing to score/);
  });
});

describe('mentors', () => {
  it('pairs Sprouts with Mature KOCs sharing a category, written as "Name (ID)" and read back', () => {
    const kocs = rowsOf('kocs', [
      koc('M1', { joined: daysAgo(400), categories: 'Skincare' }),
      koc('S1', { joined: daysAgo(5), categories: 'skincare, food' }),
      koc('S2', { joined: daysAgo(5), categories: 'Travel' }),
    ]);
    const r = run({ kocs });
    expect(byId(r.entries, 'M1').stage).toBe('mature');
    expect(byId(r.entries, 'S1').mentorId).toBe('M1');
    expect(byId(r.entries, 'S2').mentorId).toBeUndefined();
    expect(byId(r.entries, 'M1').mentees).toEqual(['S1']);
    const values = echelonSheet(r);
    expect(values[2][22]).toBe('Name M1 (M1)');
    expect(readPrevious(previousOf(values)).get('S1')?.mentorId).toBe('M1');
    expect(mentorIdOf('Wang (K-7)')).toBe('K-7');
    expect(mentorIdOf('K-7')).toBe('K-7');
  });
});

describe('echelonBlock', () => {
  const r = run({ kocs: rowsOf('kocs', [koc('A'), koc('B')]) });

  it('writes the header and one row per line, and clears stale rows left by a longer run', () => {
    const old = [...sheet('echelon', [{ kocId: 'A' }, { kocId: 'B' }, { kocId: 'Z' }, { kocId: 'Y' }])];
    const block = echelonBlock({ sheet: old, lines: r.lines, lang: 'en', now: NOW, map: mapHeaders(sheetDef('echelon'), old[0]) });
    expect(block.values.length).toBe(5);
    expect(block.values[0]).toEqual(old[0]);
    expect(block.values[3].every((v) => v === '')).toBe(true);
    expect(block.values[4].every((v) => v === '')).toBe(true);
    expect(block.changed).toBe(true);
  });

  it('keeps the Updated time of unchanged rows, so a second run changes no cell', () => {
    const first = echelonSheet(r);
    const later = new Date(NOW.getTime() + 3600_000);
    const again = echelonBlock({ sheet: first, lines: r.lines, lang: 'en', now: later, map: mapHeaders(sheetDef('echelon'), first[0]) });
    expect(again.changed).toBe(false);
    expect(again.values).toEqual(first);
  });

  it('finds columns by header when the team reordered them, carries their own columns with the KOC, leaves columns outside alone', () => {
    const def = sheetDef('echelon');
    // Reversed, Chinese headers, a team column in the middle and one on the far right.
    const cols = [...def.columns].reverse();
    const header = [...cols.slice(0, 5).map((c) => c.zh), 'Team note', ...cols.slice(5).map((c) => c.zh), 'Far right'];
    const noteAt = 5;
    const idAt = header.indexOf('KOC编号');
    const row = (id: string, note: string) => {
      const cells = header.map(() => '' as unknown);
      cells[idAt] = id;
      cells[noteAt] = note;
      cells[header.length - 1] = `far ${id}`;
      return cells;
    };
    const old = [header, row('B', 'note B'), row('A', 'note A')];
    const block = echelonBlock({ sheet: old, lines: r.lines, lang: 'en', now: NOW, map: mapHeaders(def, header) });
    expect(block.column).toBe(0);
    expect(block.width).toBe(header.length - 1); // "Far right" is outside the span
    expect(block.values[1][idAt]).toBe('A');
    expect(block.values[1][noteAt]).toBe('note A');
    expect(block.values[2][noteAt]).toBe('note B');
    // Our own column names follow the workbook's language (English here); the team's stay.
    expect(block.values[0]).toEqual(header.slice(0, -1).map((h) => def.columns.find((c) => c.zh === h)?.en ?? h));
  });

  it('adds missing owned columns at the right, and fills an empty sheet with the header', () => {
    const header = ['KOC ID', 'Name', 'Score'];
    const block = echelonBlock({ sheet: [header], lines: r.lines, lang: 'zh', now: NOW, map: mapHeaders(sheetDef('echelon'), header) });
    // A Chinese workbook: the names it had in English are ours, and follow; the new one is added.
    expect(block.values[0].slice(0, 4)).toEqual(['KOC编号', '昵称', '综合评分', '影响力']);
    const typed = ['koc id', 'Name'];
    const kept = echelonBlock({ sheet: [typed], lines: r.lines, lang: 'zh', now: NOW, map: mapHeaders(sheetDef('echelon'), typed) });
    expect(kept.values[0].slice(0, 2)).toEqual(['koc id', '昵称']); // a name the team typed its own way stays
    const empty = echelonBlock({ sheet: [], lines: r.lines, lang: 'en', now: NOW, map: mapHeaders(sheetDef('echelon'), []) });
    expect(empty.values[0]).toEqual(sheetDef('echelon').columns.map((c) => c.en));
  });
});

describe('computeEchelon: follow-ups of KOCs drifting away, and reasons without a score', () => {
  it('keeps a KOC in Transition (still Active) on the follow-up lists; a Paused one has no cadence', () => {
    const kocs = rowsOf('kocs', [
      koc('T', { joined: daysAgo(300), posts30d: 0, lastPost: daysAgo(90), lastContact: daysAgo(40) }),
      koc('P', { status: 'Paused', joined: daysAgo(300), posts30d: 0, lastPost: daysAgo(90), lastContact: daysAgo(40) }),
    ]);
    const { entries, dashboard } = run({ kocs });
    const [T, P] = entries;
    expect(T.stage).toBe('transition');
    expect(T.nextFollowUpDay).toBe(TODAY - 40 + defaultSettings().cadenceDays[T.tier]);
    expect(T.followUpStatus).toBe('overdue');
    expect(P.followUpStatus).toBe('none');
    expect(dashboard.overdue).toBe(1);
    // The README tells it the same way.
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain("KOCs in Transition stay on their tier's cadence");
    expect(readme).toContain('Paused KOCs and alumni are only due on a date someone set');
  });

  it('says "none" in a History reason when the score is gone', () => {
    const kocs = rowsOf('kocs', [koc('A')]);
    const first = run({ kocs });
    const blank = Object.fromEntries(
      ['followers', 'posts30d', 'likes', 'collects', 'comments', 'shares', 'leads30d', 'orders30d', 'gmv30d', 'lastPost', 'quality', 'professionalism', 'creativity', 'brandFit', 'willingness', 'communication'].map((k) => [k, '']),
    );
    const second = run({ kocs: rowsOf('kocs', [koc('A', blank)]), previous: previousOf(echelonSheet(first)) });
    const tier = second.history.find((h) => h.field === 'tier')!;
    expect(tier.reason).toMatch(/: score none \(no metrics or ratings\)$/);
  });
});

describe('computeEchelon: a join date after today', () => {
  it('is reported and read as unknown, not as a negative tenure', () => {
    const { entries, dashboard } = run({ kocs: rowsOf('kocs', [koc('F', { joined: daysAhead(10) })]) });
    const [F] = entries;
    expect(F.problems.some((p) => /^Joined: \d{4}-\d{2}-\d{2} is after today; left out until then$/.test(p))).toBe(true);
    expect(F.koc.joinedDay).toBeUndefined();
    expect(F.stage).not.toBe('sprout');
    expect(dashboard.generations.unknown).toBe(1);
  });
});

/**
 * Sidebar writes on the built bundle with a failure injected at every spreadsheet call, on a
 * workbook whose team keeps its own formula column in the middle of Assignments, Follow-ups and
 * Incidents, filled down well below the data (the demo workbook cut to ten KOCs, so that each of
 * the hundreds of executions is quick):
 * - the team's formulas are never written, whatever fails;
 * - an answer is a failure only when nothing was saved (the workbook is exactly as it was), and a
 *   save that landed answers ok (with a note when what it shows could not be read again);
 * - the same request sent again saves once.
 * Incidents are appended by the same code as follow-ups (logIncident is covered by the team-column test below).
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type WorkbookJSON } from '../../emulator/index';
import { SPREADSHEET_CLASSES } from '../../emulator/runtime';
import { demoEmulator, execOnce } from '../helpers/bundle';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const TEAM = 'Team check';
/** The team's formulas reach this row: below every row a write appends here. */
const FILLED_TO = 120;
/** The KOCs the cut demo workbook keeps, with their assignments, follow-ups and incidents. */
const KEPT_KOCS = new Set(Array.from({ length: 10 }, (_, i) => `KOC-${String(i + 1).padStart(3, '0')}`));

type Answer = { ok: true; data: any } | { ok: false; message: string };

/** A team formula column after the third column of each sidebar sheet, filled down to FILLED_TO. */
function withTeamColumns(em: Emulator): void {
  for (const name of ['Assignments', 'Follow-ups', 'Incidents']) {
    const sheet = em.spreadsheet.getSheetByName(name)!;
    sheet.insertColumnsAfter(3, 1);
    sheet.getRange(1, 4).setValue(TEAM);
    sheet.getRange(2, 4, FILLED_TO - 1, 1).setFormulas(Array.from({ length: FILLED_TO - 1 }, (_, i) => [`=IF(A${i + 2}="","",LEN(A${i + 2}))`]));
  }
}

function teamFormulas(em: Emulator): string[] {
  return ['Assignments', 'Follow-ups', 'Incidents'].flatMap((name) =>
    em.spreadsheet
      .getSheetByName(name)!
      .getRange(2, 4, FILLED_TO - 1, 1)
      .getFormulas()
      .map((r) => r[0]),
  );
}

function spreadsheetCalls(em: Emulator): [string, number][] {
  return Object.entries(em.calls.byMethod()).filter(([k]) => SPREADSHEET_CLASSES.has(k.split('.')[0]));
}

/** One execution; `warm`: in the sweep's shared context (tests/helpers/bundle.ts). */
function exec(em: Emulator, name: string, payload: object, warm = false): Answer {
  try {
    return execOnce(em, name, [payload], { now: NOW, warm });
  } catch (e) {
    return { ok: false, message: `thrown: ${(e as Error).message}` };
  }
}

/**
 * What a sidebar write may change, as it is: the grid size, values and formulas of the sheets it
 * writes, and the document properties. (A whole toJSON per injected failure is too slow to repeat.)
 */
function snapshot(em: Emulator): string {
  const sheets = ['Assignments', 'Follow-ups', 'Incidents'].map((name) => {
    const sheet = em.spreadsheet.getSheetByName(name)!;
    const range = sheet.getDataRange();
    return { name, rows: sheet.getMaxRows(), columns: sheet.getMaxColumns(), values: range.getValues(), formulas: range.getFormulas() };
  });
  return JSON.stringify({ sheets, document: em.properties.document });
}

const rowsWith = (em: Emulator, sheet: string, text: string) => em.sheetValues(sheet).filter((r) => r.some((v) => v === text)).length;

/** Only the rows of KEPT_KOCS (every task stays), so a write reads and compares little. */
function cutToKeptKocs(em: Emulator): void {
  for (const name of ['KOCs', 'Assignments', 'Follow-ups', 'Incidents']) {
    const rows = em.sheetValues(name);
    const kocAt = rows[0].indexOf('KOC ID');
    const sheet = em.spreadsheet.getSheetByName(name)!;
    for (let r = rows.length; r >= 2; r--) if (!KEPT_KOCS.has(String(rows[r - 1][kocAt]))) sheet.deleteRow(r);
  }
}

let start: WorkbookJSON | undefined;
/** The demo workbook cut to ten KOCs, with the team's formula columns. */
function startWorkbook(): WorkbookJSON {
  if (!start) {
    const em = demoEmulator({ now: NOW });
    cutToKeptKocs(em);
    expect(em.sheetValues('Follow-ups').length).toBeLessThan(FILLED_TO - 20);
    withTeamColumns(em);
    start = em.toJSON();
  }
  return start;
}

let demo: WorkbookJSON | undefined;
/** The whole demo workbook, with the team's formula columns. */
function demoWorkbook(): WorkbookJSON {
  if (!demo) {
    const em = demoEmulator({ now: NOW });
    withTeamColumns(em);
    demo = em.toJSON();
  }
  return demo;
}

function offeredAssignment(json: WorkbookJSON): string {
  const em = createEmulator({ workbook: json });
  const rows = em.sheetValues('Assignments');
  const status = rows[0].indexOf('Status');
  return String(rows.find((r) => r[status] === 'Offered')![0]);
}

/** A write, how to tell it was saved in the workbook, and how many times. */
interface Case {
  name: string;
  payload: (json: WorkbookJSON) => object;
  /** How many times the write shows in the workbook (0 before, 1 after). */
  saved: (em: Emulator) => number;
}

const CASES: Case[] = [
  {
    name: 'logFollowUp',
    payload: () => ({ kocId: 'KOC-003', channel: 'wechat', type: 'checkin', summary: 'Fault-injected contact', sentiment: 'negative', nextFollowUp: '2026-11-30' }),
    saved: (em) => rowsWith(em, 'Follow-ups', 'Fault-injected contact'),
  },
  {
    name: 'offerTask',
    payload: () => ({ taskId: 'T-001', kocIds: ['KOC-003'], notes: 'Fault-injected offer' }),
    saved: (em) => rowsWith(em, 'Assignments', 'Fault-injected offer'),
  },
  {
    name: 'respondToOffer',
    payload: (json) => ({ assignmentId: offeredAssignment(json), answer: 'declined', reason: 'Fault-injected answer' }),
    saved: (em) => em.sheetValues('Assignments').filter((r) => String(r.at(-1)).includes('Fault-injected answer')).length,
  },
];

describe('sidebar writes with a failure at every spreadsheet call', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: keeps the team formulas, answers failure only when nothing was saved, and a retry saves once', (_name, c) => {
    const json = startWorkbook();
    const formulas = teamFormulas(createEmulator({ workbook: json }));
    expect(formulas.every((f) => f.startsWith('=IF('))).toBe(true);
    const payload = { ...c.payload(json), requestId: `req-${c.name}` };
    const startSnapshot = snapshot(createEmulator({ workbook: json }));

    const dry = createEmulator({ workbook: json });
    dry.calls.reset();
    const first = exec(dry, c.name, payload);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(c.saved(dry)).toBe(1);
    expect(teamFormulas(dry)).toEqual(formulas);
    // Sent again (a retry of the same submission): answered ok, not saved twice.
    expect(exec(dry, c.name, payload).ok).toBe(true);
    expect(c.saved(dry)).toBe(1);

    const calls = spreadsheetCalls(dry);
    let failures = 0;
    let notedOk = 0;
    for (const [method, count] of calls) {
      for (let n = 1; n <= count; n++) {
        const em = createEmulator({ workbook: json });
        em.failAt(method, n);
        const answer = exec(em, c.name, payload, true);
        const at = `${method} #${n}`;
        expect(teamFormulas(em), at).toEqual(formulas);
        if (answer.ok) {
          expect(c.saved(em), at).toBe(1);
          if (answer.data.note) notedOk++;
        } else {
          // Nothing saved: the workbook is exactly as it was.
          expect(snapshot(em), at).toBe(startSnapshot);
          failures++;
        }
        // Saved: the user (or the sidebar) sends it again, and it is not saved twice. (When nothing
        // was saved, sending it again is a first save, as in the dry run.) In a fresh context: what
        // says it was saved must be in the workbook, not in the bundle's memory.
        if (answer.ok) {
          em.clearFailures();
          const again = exec(em, c.name, payload);
          expect(again.ok, `${at} retry: ${JSON.stringify(again).slice(0, 300)}`).toBe(true);
          expect(c.saved(em), `${at} retry`).toBe(1);
        }
      }
    }
    expect(failures).toBeGreaterThan(0);
    expect(notedOk).toBeGreaterThan(0);
  }, 300_000);
});

describe('what a sidebar write writes', () => {
  it('an incident logged and resolved writes only our cells: the team formulas stay, and a formula in our cell gives way to the value asked for', () => {
    const em = createEmulator({ workbook: startWorkbook() });
    const formulas = teamFormulas(em);
    const logged = exec(em, 'logIncident', { kocId: 'KOC-003', severity: 'high', kind: 'complaint', description: 'Team column test' });
    expect(logged.ok).toBe(true);
    const id = (logged as { data: { id: string } }).data.id;
    const sheet = em.spreadsheet.getSheetByName('Incidents')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const row = em.sheetValues('Incidents').findIndex((r) => r[0] === id) + 1;
    // Someone put a formula in our Resolution cell: resolving replaces it with what was typed.
    sheet.getRange(row, header.indexOf('Resolution') + 1).setFormula('="pending"');
    expect(exec(em, 'resolveIncident', { incidentId: id, resolution: 'Called and fixed' }).ok).toBe(true);
    expect(sheet.getRange(row, header.indexOf('Resolution') + 1).getFormula()).toBe('');
    expect(sheet.getRange(row, header.indexOf('Resolution') + 1).getValue()).toBe('Called and fixed');
    expect(sheet.getRange(row, header.indexOf('Status') + 1).getValue()).toBe('Resolved');
    expect(teamFormulas(em)).toEqual(formulas);
  });

  it('recording results replaces a formula in a changed cell and writes no other cell of the row', () => {
    const em = demoEmulator({ now: NOW });
    const sheet = em.spreadsheet.getSheetByName('Assignments')!;
    const rows = em.sheetValues('Assignments');
    const at = (h: string) => rows[0].indexOf(h);
    const r = rows.findIndex((x) => x[at('Status')] === 'Published');
    sheet.getRange(r + 1, at('Likes') + 1).setFormula('=40+2');
    sheet.getRange(r + 1, at('Shares') + 1).setFormula('=1+1');
    em.calls.reset();
    const answer = exec(em, 'recordResults', { assignmentId: String(rows[r][0]), likes: 100, gmv: 999 });
    expect(answer.ok).toBe(true);
    expect(sheet.getRange(r + 1, at('Likes') + 1).getFormula()).toBe('');
    expect(sheet.getRange(r + 1, at('Likes') + 1).getValue()).toBe(100);
    expect(sheet.getRange(r + 1, at('GMV') + 1).getValue()).toBe(999);
    // Not asked to change: the formula stays.
    expect(sheet.getRange(r + 1, at('Shares') + 1).getFormula()).toBe('=1+1');
    // Two changed cells apart: two writes of one cell each.
    expect(em.calls.byMethod()['Range.setValues']).toBe(2);
  });

  it('an offer to ten KOCs costs the same spreadsheet calls as an offer to one', () => {
    const json = demoWorkbook();
    const counts = [1, 10].map((n) => {
      const em = createEmulator({ workbook: json });
      // A task open to everyone, with room for all of them.
      const tasks = em.sheetValues('Tasks');
      const cell = (h: string) => em.spreadsheet.getSheetByName('Tasks')!.getRange(2, tasks[0].indexOf(h) + 1);
      cell('Slots').setValue(100);
      cell('Min tier').setValue('');
      cell('Budget per KOC').setValue('');
      const kocs = em.sheetValues('KOCs');
      const busy = new Set(em.sheetValues('Assignments').map((r) => String(r[2])));
      const active = kocs.filter((r) => r[kocs[0].indexOf('Status')] === 'Active' && !busy.has(String(r[0]))).map((r) => String(r[0]));
      em.calls.reset();
      const answer = exec(em, 'offerTask', { taskId: String(tasks[1][0]), kocIds: active.slice(0, n), cost: 10 });
      return { ok: answer.ok, message: (answer as { message?: string }).message, writes: em.calls.byMethod()['Range.setValues'], data: em.calls.dataCalls() };
    });
    expect(counts[0].ok, counts[0].message).toBe(true);
    expect(counts[0]).toEqual(counts[1]);
  });
});

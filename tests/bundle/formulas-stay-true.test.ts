/**
 * The README's formulas in a team's workbook, under Sheets' caching rule (a custom function is
 * re-run only when its arguments' values change): after days pass (a scheduled run, the file
 * opened again) and after Settings edits followed by a recompute, every formula shows what it
 * would show typed afresh today, and KOC_SCORE / KOC_STAGE agree with Echelon for every KOC.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormulaOutcome } from '../../emulator/custom-functions';
import { PreviewSession } from '../../preview/session';
import { REGISTRY } from '../../src/server/registry';
import { teamWorkbook, type TeamWorkbook } from '../helpers/sheets';

const README = readFileSync(join(__dirname, '../../README.md'), 'utf8');

/** Every `=KOC_…(…)` the README's Examples section shows. */
function readmeFormulas(): string[] {
  const section = README.slice(README.indexOf('### Examples'), README.indexOf('\n## ', README.indexOf('### Examples')));
  return [...section.matchAll(/`(=KOC_[^`]+)`/g)].map((m) => m[1]);
}

/** The README's formulas and the help cards' examples: what a newcomer copies. */
function copiedFormulas(): string[] {
  return [...new Set([...readmeFormulas(), ...REGISTRY.filter((f) => f.kind === 'customFunction').map((f) => f.example!)])];
}

const START = new Date(2026, 2, 2, 9, 0); // a Monday morning in the script's zone
const DAY = 86_400_000;

function shownValue(out: FormulaOutcome): unknown {
  return out.kind === 'value' ? JSON.parse(JSON.stringify(out.value)) : out.kind === 'error' ? `${out.display} ${out.note}` : `text: ${out.note}`;
}

/** KOC_ASOF's day, as the spreadsheet shows it. */
function asOf(wb: TeamWorkbook): string {
  return wb.emulator.spreadsheet.getRangeByName('KOC_ASOF')!.getDisplayValue();
}
/** A day as KOC_ASOF shows it (yyyy-mm-dd in the spreadsheet's zone). */
function dayText(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

/** Formulas whose cell shows something else than the same formula run afresh now. */
function stale(wb: TeamWorkbook, formulas: readonly string[]): string[] {
  return formulas.filter((f) => JSON.stringify(shownValue(wb.shown(f))) !== JSON.stringify(shownValue(wb.fresh(f))));
}

/** Echelon's score, stage and problems by KOC ID (its first line of an ID: a repeated roster row is reported there). */
function echelon(wb: TeamWorkbook): Map<string, { score: unknown; stage: unknown; problems: string }> {
  const sheet = wb.emulator.spreadsheet.getSheets().find((s) => /^(echelon|梯队)$/i.test(s.getName()))!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  const at = (names: string[]) => header.findIndex((h) => names.includes(String(h)));
  const id = at(['KOC ID', 'KOC编号']);
  const score = at(['Score', '综合评分']);
  const stage = at(['Stage', '生命周期']);
  const problems = at(['Problems', '数据问题']);
  const out = new Map<string, { score: unknown; stage: unknown; problems: string }>();
  for (const r of rows) if (r[id] !== '' && !out.has(String(r[id]))) out.set(String(r[id]), { score: r[score], stage: r[stage], problems: String(r[problems]) });
  return out;
}

/**
 * KOC IDs whose formula score (±0.5) or stage differs from Echelon's. A row with a bad cell shows
 * the problem in the formula's cell; Echelon scores what it can read and names the same problem.
 */
function disagreements(wb: TeamWorkbook): string[] {
  const kocs = wb.emulator.spreadsheet.getSheets().find((s) => /^(kocs|koc名册)$/i.test(s.getName()))!;
  const ids = kocs.getDataRange().getValues().slice(1).map((r) => String(r[0]));
  const scoreF = readmeFormulas().find((f) => f.startsWith('=KOC_SCORE('))!;
  const stageF = readmeFormulas().find((f) => f.startsWith('=KOC_STAGE('))!;
  const scores = shownValue(wb.shown(scoreF)) as unknown[][];
  const stages = shownValue(wb.shown(stageF)) as unknown[][];
  const ech = echelon(wb);
  const bad: string[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const e = ech.get(id);
    if (!id || !e || seen.has(id)) return;
    seen.add(id);
    const s = scores[i]?.[0];
    const scoreOk =
      typeof s === 'number' && typeof e.score === 'number' ? Math.abs(s - e.score) <= 0.5 : typeof s === 'string' && s !== '' ? e.problems.includes(s) : s === e.score;
    const st = stages[i]?.[0];
    const stageOk = st === e.stage || (typeof st === 'string' && st !== '' && e.problems.includes(st));
    if (!scoreOk || !stageOk) bad.push(`${id}: ${s}/${st} vs ${e.score}/${e.stage}`);
  });
  return bad;
}

/** KOC IDs whose KOC_TIER (roster form, as the help card writes it) differs from Echelon's Tier. */
function tierDisagreements(wb: TeamWorkbook): string[] {
  const kocs = wb.emulator.spreadsheet.getSheets().find((s) => /^(kocs|koc名册)$/i.test(s.getName()))!;
  const ids = kocs.getDataRange().getValues().slice(1).map((r) => String(r[0]));
  const tiers = shownValue(wb.shown('=KOC_TIER(KOCs!A1:AF1, KOCs!A2:AF, KOC_ASOF, KOC_SETTINGS)')) as unknown[][];
  const sheet = wb.emulator.spreadsheet.getSheets().find((s) => /^(echelon|梯队)$/i.test(s.getName()))!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  const id = header.findIndex((h) => h === 'KOC ID' || h === 'KOC编号');
  const tier = header.findIndex((h) => h === 'Tier' || h === '层级');
  const problems = header.findIndex((h) => h === 'Problems' || h === '数据问题');
  const ech = new Map<string, unknown[]>();
  for (const r of rows) if (r[id] !== '' && !ech.has(String(r[id]))) ech.set(String(r[id]), r);
  const seen = new Set<string>();
  const bad: string[] = [];
  ids.forEach((k, i) => {
    const e = ech.get(k);
    if (!k || !e || seen.has(k)) return;
    seen.add(k);
    const f = tiers[i]?.[0];
    if (f !== e[tier] && !(typeof f === 'string' && f !== '' && String(e[problems]).includes(f))) bad.push(`${k}: ${f} vs ${e[tier]}`);
  });
  return bad;
}

describe("the README's formulas under Sheets' caching rule", () => {
  it('the README shows the formulas this test checks', () => {
    const formulas = readmeFormulas();
    expect(formulas.length).toBeGreaterThanOrEqual(7);
    for (const fn of ['KOC_SCORE', 'KOC_TIER', 'KOC_STAGE', 'KOC_ENGAGEMENT', 'KOC_ROI', 'KOC_NUM', 'KOC_EXPLAIN']) expect(formulas.some((f) => f.startsWith(`=${fn}(`)), fn).toBe(true);
  });

  it('are never stale after days pass, and agree with Echelon', () => {
    const wb = teamWorkbook({ start: START });
    wb.run('recomputeNow');
    const formulas = copiedFormulas();
    for (const f of formulas) expect(wb.shown(f).kind, f).toBe('value');
    expect(stale(wb, formulas)).toEqual([]);
    expect(disagreements(wb)).toEqual([]);
    // On a first recompute every KOC is new to Echelon, so no hysteresis: the tiers are the formula's.
    expect(tierDisagreements(wb)).toEqual([]);
    const before = formulas.map((f) => JSON.stringify(shownValue(wb.shown(f))));

    // 45 days later: the daily run, then a teammate opens the file.
    wb.passDays(45);
    wb.scheduledRun();
    wb.open();
    expect(asOf(wb)).toBe(dayText(wb.now));
    expect(stale(wb, formulas)).toEqual([]);
    expect(disagreements(wb)).toEqual([]);
    // The day moved the answers (stages, recency in scores), not only the cache.
    const stage = formulas.findIndex((f) => f.startsWith('=KOC_STAGE('));
    expect(JSON.stringify(shownValue(wb.shown(formulas[stage])))).not.toBe(before[stage]);
  });

  it('follow the day when the file is opened, without a recompute (a bound script may write on open)', () => {
    const wb = teamWorkbook({ start: START });
    const formulas = copiedFormulas();
    for (const f of formulas) wb.shown(f);
    wb.passDays(20);
    // An add-on not yet used in this document opens in AuthMode.NONE: it may not touch the file.
    expect(() => wb.open('NONE')).not.toThrow();
    expect(asOf(wb)).toBe(dayText(new Date(START.getTime())));
    expect(wb.emulator.ui.menus.length).toBeGreaterThan(0);
    // A bound script's onOpen (AuthMode.LIMITED) sets today.
    wb.open('LIMITED');
    expect(asOf(wb)).toBe(dayText(wb.now));
    expect(stale(wb, formulas)).toEqual([]);
  });

  it('get KOC_ASOF back from the next recompute when a teammate deleted the name', () => {
    const wb = teamWorkbook({ start: START });
    wb.emulator.spreadsheet.removeNamedRange('KOC_ASOF');
    expect(wb.shown(readmeFormulas()[0])).toMatchObject({ kind: 'error', display: '#NAME?' });
    wb.passDays(3);
    wb.run('recomputeNow');
    const named = wb.emulator.spreadsheet.getRangeByName('KOC_ASOF')!;
    expect(named.getA1Notation()).toBe('B2');
    expect(asOf(wb)).toBe(dayText(wb.now));
    expect(stale(wb, copiedFormulas())).toEqual([]);
    expect(disagreements(wb)).toEqual([]);
  });

  it('are never stale after Settings edits (threshold, weights, language) and a recompute', () => {
    const wb = teamWorkbook({ start: START });
    wb.run('recomputeNow');
    const formulas = copiedFormulas();
    for (const f of formulas) wb.shown(f);
    wb.setSetting('Tier threshold · Core', 70);
    wb.setSetting('Weight · Influence', 40);
    wb.setSetting('Language', 'zh');
    wb.run('recomputeNow');
    expect(stale(wb, formulas)).toEqual([]);
    expect(disagreements(wb)).toEqual([]);
  });
});

describe("the preview's live formula column", () => {
  it('follows the days and Settings edits as Sheets would, and agrees with Echelon', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koc-live-'));
    let now = new Date(START.getTime());
    try {
      const session = await PreviewSession.open({ workbookPath: join(dir, 'workbook.json'), now: () => now, log: () => {} });
      const live = () => {
        const view = session.sheetView('KOCs')!;
        const col = view.cells[0].findIndex((c) => c?.v === 'Score (formula)');
        expect(view.cells[1][col]?.r).toBe('=KOC_SCORE($A$1:$AF$1, A2:AF, KOC_ASOF, KOC_SETTINGS)');
        const ids = view.cells.slice(1).map((r) => r[0]?.v ?? '');
        return new Map(ids.map((id, i) => [id, view.cells[i + 1][col]?.v ?? ''] as const).filter(([id]) => id !== ''));
      };
      const echelonScores = () => {
        const view = session.sheetView('Echelon')!;
        const score = view.cells[0].findIndex((c) => c?.v === 'Score');
        const out = new Map<string, string>();
        for (const r of view.cells.slice(1)) if (r[0]?.v && !out.has(r[0].v)) out.set(r[0].v, r[score]?.v ?? '');
        return out;
      };
      const agree = () => {
        const ech = echelonScores();
        const bad: string[] = [];
        for (const [id, v] of live()) {
          const e = ech.get(id);
          if (e === undefined) continue;
          const a = Number(v);
          const b = Number(e);
          if (!(Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) <= 0.5 : true)) bad.push(`${id}: ${v} vs ${e}`);
        }
        return bad;
      };
      expect(agree()).toEqual([]);
      const first = live();

      // 60 days on: the daily schedule fires (the preview's Triggers panel does the same).
      now = new Date(now.getTime() + 60 * DAY);
      session.runMenu('scheduleDaily', ['OK']);
      const trigger = session.state().triggers[0];
      expect(session.runTrigger(trigger.id).ok).toBe(true);
      expect(agree()).toEqual([]);
      expect([...live().values()]).not.toEqual([...first.values()]);

      // A weight edited in Settings, then Recompute now.
      const settings = session.sheetView('Settings')!;
      const row = settings.cells.findIndex((r) => r[0]?.v === 'Weight · Influence');
      session.edit('Settings', row + 1, 2, '60');
      session.runMenu('recomputeNow', ['OK']);
      expect(agree()).toEqual([]);
      session.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

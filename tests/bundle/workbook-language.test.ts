/**
 * One language per workbook, on the built bundle: a workbook set up in one language stays in it
 * whoever writes — a user of the other locale recomputing, their schedule's trigger, their
 * sidebar — while each user reads messages in their own language; and changing Settings →
 * Language converts, in one run and all or nothing, every cell KOC Ops wrote (headers of its
 * sheets, listed values, next actions, History, the Dashboard and its chart, dropdowns), leaving
 * the team's columns and free text alone.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';
import { ASSIGNMENT_STATUSES, CONTACT_CHANNELS, type EnumValue, FOLLOWUP_TYPES, INCIDENT_KINDS, INCIDENT_STATUSES, type Lang, SENTIMENTS, SEVERITIES, sheetDef, STAGES, TIER_SOURCES, TIERS } from '../../src/sheets/schema';
import { runBundle } from '../helpers/bundle';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const HAN = /\p{Script=Han}/u;

/** One execution as a user of `locale` (or their trigger). */
function run(em: Emulator, fn: string, args: unknown[], opts: { locale: string; trigger?: boolean; answers?: string[] }): any {
  if (opts.answers) em.ui.alertResponses.push(...(opts.answers as never[]));
  const r = runBundle({ emulator: em, now: NOW, exec: { user: 'ops@example.com', locale: opts.locale, trigger: opts.trigger } });
  try {
    return r.call(fn, ...args);
  } finally {
    em.endExecution(r.globals);
  }
}

/** A workbook set up and filled with the demo by a user of `locale` in a spreadsheet of that locale. */
function workbookIn(locale: string): Emulator {
  const em = createEmulator({ locale, spreadsheetLocale: locale.replace('-', '_') });
  run(em, 'setUpWorkbook', [], { locale });
  run(em, 'loadDemoData', [], { locale, answers: ['YES'] });
  return em;
}

function sheet(em: Emulator, key: Parameters<typeof sheetDef>[0]): any {
  const def = sheetDef(key);
  return (em.spreadsheet as any).getSheets().find((s: any) => [def.en, def.zh].includes(s.getName()));
}

function values(em: Emulator, key: Parameters<typeof sheetDef>[0]): unknown[][] {
  return sheet(em, key).getDataRange().getValues();
}

/** Every KOC Ops-written cell of the workbook that says something in a language, by where it is. */
function writtenCells(em: Emulator): { where: string; value: string; values?: readonly EnumValue[] }[] {
  const out: { where: string; value: string; values?: readonly EnumValue[] }[] = [];
  const lists: Record<string, Record<string, readonly EnumValue[]>> = {
    echelon: { tier: TIERS, tierSource: TIER_SOURCES, stage: STAGES, highestSeverity: SEVERITIES },
    assignments: { status: ASSIGNMENT_STATUSES },
    followups: { channel: CONTACT_CHANNELS, type: FOLLOWUP_TYPES, sentiment: SENTIMENTS },
    incidents: { severity: SEVERITIES, kind: INCIDENT_KINDS, status: INCIDENT_STATUSES },
    history: { from: [...TIERS, ...STAGES], to: [...TIERS, ...STAGES] },
  };
  for (const key of ['echelon', 'assignments', 'followups', 'incidents', 'history'] as const) {
    const def = sheetDef(key);
    const [header, ...rows] = values(em, key);
    header.forEach((h, c) => {
      const col = def.columns.find((x) => x.en === h || x.zh === h);
      if (!col) return;
      out.push({ where: `${key} header ${c + 1}`, value: String(h), values: [col] });
      const list = lists[key][col.key];
      for (const [r, row] of rows.entries()) {
        const v = String(row[c] ?? '');
        if (v === '') continue;
        if (list) out.push({ where: `${key} ${col.key} row ${r + 2}`, value: v, values: list });
        if (key === 'echelon' && col.key === 'nextAction') out.push({ where: `echelon nextAction row ${r + 2}`, value: v });
      }
    });
  }
  for (const [r, row] of values(em, 'dashboard').entries()) {
    const v = row[0];
    if (typeof v === 'string' && v !== '' && !/^KOC-/.test(v)) out.push({ where: `dashboard A${r + 1}`, value: v });
  }
  return out;
}

/** Cells that are not in `lang`: a listed value or header not its `lang` label, free text with(out) Chinese. */
function notIn(em: Emulator, lang: Lang): string[] {
  const wrong: string[] = [];
  for (const cell of writtenCells(em)) {
    if (cell.values) {
      const v = cell.values.find((x) => x.en === cell.value || x.zh === cell.value);
      if (!v || v[lang] !== cell.value) wrong.push(`${cell.where}: ${cell.value}`);
    } else if (HAN.test(cell.value) !== (lang === 'zh')) wrong.push(`${cell.where}: ${cell.value}`);
  }
  return wrong;
}

/** A change the next recompute logs to History: the first KOC paused (its stage moves to Transition). */
function pauseFirstKoc(em: Emulator): void {
  const kocs = sheet(em, 'kocs');
  const header = kocs.getRange(1, 1, 1, kocs.getLastColumn()).getValues()[0];
  const col = header.findIndex((h: unknown) => h === 'Status' || h === '状态') + 1;
  kocs.getRange(2, col).setValue(header.includes('状态') ? '暂停' : 'Paused');
}

function logContact(em: Emulator, locale: string, summary: string): void {
  const kocId = String(values(em, 'kocs')[1][0]);
  const r = run(em, 'logFollowUp', [{ kocId, channel: 'wechat', type: 'checkin', sentiment: 'negative', summary, date: '2026-11-20', requestId: `contact-${summary}` }], { locale });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

describe('a workbook set up in English', () => {
  it('stays English when a Chinese-locale user recomputes, writes from the sidebar and schedules; they read Chinese', () => {
    const em = workbookIn('en');
    run(em, 'recomputeNow', [], { locale: 'en' });
    expect(notIn(em, 'en')).toEqual([]);
    // A colleague in Chinese: sidebar writes, a recompute, then their schedule's trigger.
    logContact(em, 'zh-CN', '聊了下次活动');
    run(em, 'recomputeNow', [], { locale: 'zh-CN' });
    expect(em.ui.toasts.at(-1)?.message).toMatch(HAN);
    run(em, 'scheduleHourly', [], { locale: 'zh-CN' });
    pauseFirstKoc(em); // a change for the trigger's run to log
    run(em, 'onScheduledRecompute', [{}], { locale: 'zh-CN', trigger: true });
    expect(notIn(em, 'en')).toEqual([]);
    expect(values(em, 'history').length).toBeGreaterThan(1);
    // The Settings sheet says which language, for every user and formula.
    const settings = values(em, 'settings');
    expect(settings.find((r) => r[0] === 'Language')?.[1]).toBe('en');
  });
});

describe('a workbook set up in Chinese', () => {
  it('stays Chinese when an English-locale user and their trigger recompute', () => {
    const em = workbookIn('zh-CN');
    expect(values(em, 'settings').find((r) => r[0] === '语言')?.[1]).toBe('zh');
    logContact(em, 'en', 'Talked about the next campaign');
    run(em, 'recomputeNow', [], { locale: 'en' });
    expect(em.ui.toasts.at(-1)?.message).not.toMatch(HAN);
    run(em, 'scheduleHourly', [], { locale: 'en' });
    pauseFirstKoc(em);
    run(em, 'onScheduledRecompute', [{}], { locale: 'en', trigger: true });
    expect(notIn(em, 'zh')).toEqual([]);
  });
});

describe('changing Settings → Language', () => {
  /** An English workbook with History, a contact logged from the sidebar and a team column of its own. */
  function englishBook(): Emulator {
    const em = workbookIn('en');
    run(em, 'recomputeNow', [], { locale: 'en' });
    pauseFirstKoc(em);
    logContact(em, 'en', 'Negative about the sample; call back');
    run(em, 'recomputeNow', [], { locale: 'en' });
    const fu = sheet(em, 'followups');
    fu.getRange(1, fu.getLastColumn() + 1, 2, 1).setValues([['Team note'], ['Follow-up']]);
    return em;
  }

  function setLanguage(em: Emulator, value: string): void {
    const s = sheet(em, 'settings');
    const rows = s.getDataRange().getValues();
    s.getRange(rows.findIndex((r: unknown[]) => r[0] === 'Language' || r[0] === '语言') + 1, 2).setValue(value);
  }

  it('converts every cell KOC Ops wrote in one run, leaves team columns and free text, and dropdowns follow', () => {
    const em = englishBook();
    expect(values(em, 'history').length).toBeGreaterThan(1);
    const kocsBefore = JSON.stringify(values(em, 'kocs'));
    const summaries = values(em, 'followups').slice(1).map((r) => r[5]);
    setLanguage(em, 'zh');
    run(em, 'recomputeNow', [], { locale: 'en' });
    expect(notIn(em, 'zh')).toEqual([]);
    // The message is the user's; the team's roster, free text and own column are as they were.
    expect(em.ui.toasts.at(-1)?.message).not.toMatch(HAN);
    expect(JSON.stringify(values(em, 'kocs'))).toBe(kocsBefore);
    const fu = values(em, 'followups');
    expect(fu[0][5]).toBe('摘要');
    expect(fu.slice(1).map((r) => r[5])).toEqual(summaries);
    expect(fu[0].at(-1)).toBe('Team note');
    expect(fu[1].at(-1)).toBe('Follow-up');
    // The dropdowns offer the Chinese values; the chart's title is Chinese.
    const typeCol = fu[0].indexOf('类型') + 1;
    const rule = sheet(em, 'followups').getRange(2, typeCol).getDataValidation();
    expect(rule.getCriteriaValues()[0]).toEqual(FOLLOWUP_TYPES.map((v) => v.zh));
    expect(String(sheet(em, 'dashboard').getCharts()[0].getOptions().get('title'))).toMatch(HAN);
    // And back.
    setLanguage(em, 'en');
    run(em, 'onScheduledRecompute', [{}], { locale: 'zh-CN', trigger: true });
    expect(notIn(em, 'en')).toEqual([]);
  });

  it('is all or nothing: a write failing anywhere in the switch leaves the workbook as it was', () => {
    const em = englishBook();
    setLanguage(em, 'zh');
    const start = em.toJSON();
    const dry = createEmulator({ workbook: start, spreadsheetLocale: 'en_US' });
    dry.calls.reset();
    run(dry, 'recomputeNow', [], { locale: 'en' });
    const writes = dry.calls.byMethod()['Range.setValues'];
    expect(writes).toBeGreaterThan(8); // Echelon, History, Dashboard and the converted columns
    // The first, a middle and the last of each kind of write: a failure there undoes all before it.
    for (const method of ['Range.setValues', 'Range.setDataValidation', 'Sheet.updateChart']) {
      const count = dry.calls.byMethod()[method];
      expect(count, method).toBeGreaterThan(0);
      for (const n of new Set([1, Math.ceil(count / 2), count])) {
        const e = createEmulator({ workbook: start, spreadsheetLocale: 'en_US' });
        e.failAt(method, n);
        run(e, 'recomputeNow', [], { locale: 'en' });
        // The run log records the failed run (Show schedule tells it); nothing else moves.
        const after = e.toJSON();
        delete after.properties?.document?.['kocops.recompute.lastRun'];
        const before = structuredClone(start);
        delete before.properties?.document?.['kocops.recompute.lastRun'];
        expect(after, `${method} #${n}`).toEqual(before);
      }
    }
  });
});

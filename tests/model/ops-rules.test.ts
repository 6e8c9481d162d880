/**
 * The ops rules through the built bundle on the emulator, in an English and a Chinese workbook:
 * gating (matching, the offer's re-check, mentors), incidents with a clock (next action, Today,
 * Dashboard), the numbers teams paste and a pasted share text as a content URL.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { execOnce, runBundle } from '../helpers/bundle';
import { setUpEmulator, writeRecords } from '../recompute/workbook';

const NOW = new Date(2026, 10, 23, 10, 0);
const day = (n: number) => new Date(2026, 10, 23 - n);

const koc = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  name: `Name ${id}`,
  platform: 'Xiaohongshu',
  source: 'Public',
  joined: day(400),
  categories: 'Skincare',
  followers: 20_000,
  posts30d: 8,
  likes: 800,
  collects: 300,
  comments: 60,
  shares: 20,
  leads30d: 40,
  orders30d: 15,
  gmv30d: 8000,
  lastPost: day(2),
  lastContact: day(1),
  quality: 4,
  professionalism: 4,
  creativity: 4,
  brandFit: 4,
  willingness: 4,
  communication: 4,
  status: 'Active',
  ...over,
});

function workbook(locale: 'en' | 'zh_CN'): Emulator {
  const em = setUpEmulator({ locale }, NOW);
  writeRecords(em, 'kocs', [
    koc('OK1'),
    koc('CRIT'), // an open Critical incident
    koc('SILENT', { lastPost: day(70), posts30d: 0 }), // in Transition
    koc('MED', { categories: 'Food' }), // a Medium incident 10 days old: 3 days past its deadline
    koc('LOW', { categories: 'Food' }), // a Low incident 2 days old: within its deadline
    koc('NEW1', { joined: day(5), categories: 'Skincare', followers: 900 }), // a Sprout to mentor
  ]);
  writeRecords(em, 'incidents', [
    { id: 'I-1', kocId: 'CRIT', opened: day(0), severity: 'Critical', kind: 'Complaint', description: 'x', status: 'Open' },
    { id: 'I-2', kocId: 'MED', opened: day(10), severity: 'Medium', kind: 'Objection', description: 'y', status: 'Open' },
    { id: 'I-3', kocId: 'LOW', opened: day(2), severity: 'Low', kind: 'Objection', description: 'z', status: 'Open' },
  ]);
  writeRecords(em, 'tasks', [{ id: 'T-1', title: 'Serum launch', categories: 'Skincare', slots: 5, status: 'Open', due: day(-20) }]);
  runBundle({ emulator: em, now: NOW }).call('recomputeNow');
  return em;
}

const exec = (em: Emulator, name: string, payload?: unknown) => execOnce(em, name, payload === undefined ? [] : [payload], { now: NOW });

function echelon(em: Emulator): Map<string, Record<string, unknown>> {
  const sheet = em.spreadsheet.getSheets().find((s) => ['Echelon', '梯队'].includes(s.getName()))!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  return new Map(rows.filter((r) => r[0]).map((r) => [String(r[0]), Object.fromEntries(header.map((h, i) => [String(h), r[i]]))]));
}

const dashboard = (em: Emulator) => em.spreadsheet.getSheets().find((s) => ['Dashboard', '看板'].includes(s.getName()))!.getDataRange().getValues();

describe('ops rules in an English workbook', () => {
  const em = workbook('en');
  const lines = echelon(em);

  it('matching leaves out a KOC with an open Critical incident and one in Transition, saying why', () => {
    const match = exec(em, 'matchTask', { taskId: 'T-1' });
    expect(match.ok).toBe(true);
    const ranked = match.data.ranked.map((k: { id: string }) => k.id);
    expect(ranked).toContain('OK1');
    expect(ranked).not.toContain('CRIT');
    expect(ranked).not.toContain('SILENT');
    const reasons = Object.fromEntries(match.data.excluded.map((k: { id: string; reasons: string[] }) => [k.id, k.reasons]));
    expect(reasons.CRIT).toEqual(['incident']);
    expect(reasons.SILENT).toEqual(['transition']);
  });

  it('the offer re-checks the same rule', () => {
    const refused = exec(em, 'offerTask', { taskId: 'T-1', kocIds: ['CRIT', 'SILENT'] });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/Paused, in Transition or alumni: .*SILENT/);
    expect(refused.message).toMatch(/An open High or Critical incident to resolve first: .*CRIT/);
    expect(exec(em, 'offerTask', { taskId: 'T-1', kocIds: ['OK1'] }).ok).toBe(true);
  });

  it('never gives mentees to a mentor with an open High/Critical incident', () => {
    expect(lines.get('CRIT')!.Stage).toBe('Mature');
    expect(lines.get('NEW1')!.Mentor).toMatch(/\((OK1|MED|LOW)\)$/);
    expect([...lines.values()].some((l) => String(l.Mentor).includes('(CRIT)'))).toBe(false);
  });

  it('escalates an incident past its response deadline; every severity reaches the next action', () => {
    expect(lines.get('MED')!['Next action']).toMatch(/^Escalate: the open Medium incident is 3 days past its response deadline; then: /);
    expect(lines.get('LOW')!['Next action']).toMatch(/^Handle the open Low incident first; then: /);
    expect(lines.get('CRIT')!['Next action']).toMatch(/^Handle the open Critical incident first/);
    const row = dashboard(em).find((r) => r[0] === 'Open incidents')!;
    expect(row.slice(0, 6)).toEqual(['Open incidents', 3, 'High or Critical', 1, 'Past response deadline', 1]);
    const today = exec(em, 'getTodayList');
    expect(today.data.incidents.map((i: { kocId: string; lateDays: number }) => [i.kocId, i.lateDays])).toEqual([
      ['MED', 3],
      ['CRIT', 0],
    ]);
  });

  it('reads the numbers teams paste, and a share text as a content URL', () => {
    const run = runBundle({ emulator: em, now: NOW });
    expect(run.call('KOC_NUM', [['¥600'], ['500元'], ['1.2萬'], ['1.5千'], ['$1.2K'], ['29.0b'], ['−5'], ['1e4'], ['None'], ['NaN%'], ['1.234.567']])).toEqual([
      [600],
      [500],
      [12000],
      [1500],
      [1200],
      [29000000000],
      [-5],
      [10000],
      [''],
      [''],
      [1234567],
    ]);
    const offered = exec(em, 'getTodayList'); // the OK1 offer from above
    expect(offered.ok).toBe(true);
    const assignments = em.sheetValues('Assignments');
    const id = assignments.find((r) => r.includes('OK1'))![0];
    expect(exec(em, 'respondToOffer', { assignmentId: id, answer: 'accepted' }).ok).toBe(true);
    expect(exec(em, 'markSubmitted', { assignmentId: id }).ok).toBe(true);
    const share = '89 小绿 发布了一篇小红书笔记，快来看吧！ 😆 AbCdEf 😆 http://xhslink.com/a/AbCdEf，复制本条信息，打开【小红书】App查看精彩内容！';
    expect(exec(em, 'markPublished', { assignmentId: id, contentUrl: share }).ok).toBe(true);
    const after = em.sheetValues('Assignments');
    expect(after.find((r) => r[0] === id)).toContain('http://xhslink.com/a/AbCdEf');
  });
});

describe('ops rules in a Chinese workbook', () => {
  const em = workbook('zh_CN');
  const lines = echelon(em);

  it('escalates and gates in Chinese', () => {
    expect(lines.get('MED')!['下一步行动']).toMatch(/^升级处理：未解决的中级事件已超过响应期限 3 天；之后：/);
    expect(lines.get('LOW')!['下一步行动']).toMatch(/^优先处理未解决的低级事件/);
    const row = dashboard(em).find((r) => r[0] === '未结事件')!;
    expect(row.slice(0, 6)).toEqual(['未结事件', 3, '高或严重', 1, '已超响应期限', 1]);
    const refused = exec(em, 'offerTask', { taskId: 'T-1', kocIds: ['CRIT'] });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/有未处理的高级或严重事件，须先处理：.*CRIT/);
  });

  it('reads pasted numbers in a Chinese workbook too', () => {
    const run = runBundle({ emulator: em, now: NOW });
    expect(run.call('KOC_NUM', [['￥1,200'], ['RMB 600'], ['3億'], ['null']])).toEqual([[1200], [600], [300000000], ['']]);
  });
});

/**
 * KOC Ops → BigQuery SQL… through the built bundle: a dialog with the GoogleSQL for this
 * workbook's Settings and time zone, in the Settings language, everything from the sheet escaped.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';
import { kocsQuery } from '../../src/core/kocs-query';
import { parseSettings } from '../../src/core/settings';
import { runBundle } from '../helpers/bundle';
import { BENCH_NOW, setUpEmulator } from '../recompute/workbook';

function call(emulator: Emulator, name: string): unknown {
  return runBundle({ emulator, now: BENCH_NOW }).call(name);
}

function setSetting(em: Emulator, label: string, value: unknown): void {
  const settings = em.sheetValues('Settings');
  const row = settings.findIndex((r) => r[0] === label);
  expect(row, label).toBeGreaterThan(0);
  em.spreadsheet.getSheetByName('Settings')!.getRange(row + 1, 2).setValue(value);
}

const htmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const sqlOf = (html: string) => htmlText(/<textarea id="sql"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]);

describe('BigQuery SQL…', () => {
  it('is a menu item in both languages', () => {
    for (const [locale, label] of [['en', 'BigQuery SQL…'], ['zh_CN', '导出 BigQuery SQL…']]) {
      const em = createEmulator({ locale });
      call(em, 'onOpen');
      const items = em.ui.menus.find((m) => m.addon)!.items;
      expect(items.at(-1)).toEqual({ caption: label, functionName: 'showBigQuerySql' });
      expect(items.at(-2)).toEqual({ separator: true });
    }
  });

  it("shows the GoogleSQL for this workbook's Settings and time zone, with what to do with it", () => {
    const em = setUpEmulator({ timeZone: 'Asia/Shanghai' });
    setSetting(em, 'Weight · Influence', 37);
    setSetting(em, 'Tier threshold · Core', 80);
    call(em, 'showBigQuerySql');
    expect(em.ui.alerts).toEqual([]);
    const dialog = em.ui.dialogs.at(-1)!;
    expect(dialog).toMatchObject({ title: 'BigQuery SQL', modal: true, width: 760 });
    const sql = sqlOf(dialog.html);
    const settings = parseSettings(em.sheetValues('Settings').slice(1)).settings;
    expect(settings.weights.influence).toBe(37);
    expect(sql).toBe(kocsQuery(settings, { dialect: 'bigquery', table: 'your-project.your_dataset.kocs', timeZone: 'Asia/Shanghai' }));
    expect(sql).toContain('37 * COALESCE(influence_raw');
    expect(sql).toContain("(score >= 80)");
    expect(sql).toContain("CURRENT_DATE('Asia/Shanghai') AS as_of");
    expect(dialog.html).toContain('save the query as a view');
    expect(dialog.html).toContain('Data → Data connectors → Connect to BigQuery');
    expect(dialog.html).not.toContain('could not be read');
  });

  it('speaks the Settings language, and escapes what the sheet holds', () => {
    const em = setUpEmulator();
    setSetting(em, 'Language', 'zh');
    setSetting(em, 'Weight · Influence', '<img src=x onerror=alert(1)>');
    call(em, 'showBigQuerySql');
    const dialog = em.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('BigQuery SQL');
    expect(dialog.html).toContain('另存为视图');
    expect(dialog.html).toContain('以下设置无法读取');
    expect(dialog.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(dialog.html).not.toContain('<img');
    expect(sqlOf(dialog.html)).toContain('15 * COALESCE(influence_raw'); // the default stands in
  });
});

describe('BigQuery SQL… in the offline preview', () => {
  it('comes back from the menu as an HTML dialog the page draws', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { PreviewSession } = await import('../../preview/session');
    const dir = mkdtempSync(join(tmpdir(), 'koc-bq-'));
    try {
      const session = await PreviewSession.open({ workbookPath: join(dir, 'workbook.json'), log: () => undefined });
      const r = session.runMenu('showBigQuerySql', []);
      expect(r.ok).toBe(true);
      expect(r.dialogs).toHaveLength(1);
      expect(r.dialogs![0]).toMatchObject({ title: 'BigQuery SQL', width: 760, height: 560 });
      expect(sqlOf(r.dialogs![0].html)).toMatch(/^-- KOC Ops value model/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

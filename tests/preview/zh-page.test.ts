/**
 * The preview as a Chinese-locale newcomer meets it (`--locale zh_CN`): every string the page
 * shows — menus, dialogs, panels, buttons, captions, notices, toasts and the sidebar — is read
 * from the screen and must hold no English word that is not the workbook's own data. Also the
 * first-hour details: the sidebar opens on a KOC with its tabs in view, the cursor survives a
 * reload, a dismissed notice stays dismissed, and column A shows after a sheet switch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, startPreview } from '../../preview/server';
import { DEMO_NOW } from '../helpers/browser';
import { sharedBrowser } from '../helpers/shared-browser';
import { answer, cell, menu, openSheet } from './helpers';

let context: BrowserContext;
let dir: string;
let preview: Preview;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koc-preview-zh-'));
  preview = await startPreview({ port: 0, workbookPath: join(dir, 'workbook.json'), log: () => undefined, locale: 'zh_CN', now: () => DEMO_NOW });
  // A context of its own for the zh-CN locale (the kept page is en-US).
  context = await (await sharedBrowser()).newContext({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
});

afterAll(async () => {
  await context?.close();
  await preview?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Words that are names, not English: the product, file formats, code a developer types, and the
 * sidebar's switch to English (a language picker names each language in itself).
 */
const NAMES = new Set(['koc', 'kocs', 'ops', 'csv', 'id', 'fx', 'apps', 'script', 'getui', 'onopen', 'npm', 'start', 'roi', 'gmv', 'json', 'english', 'bigquery', 'sql']);

/** Every word of every cell of every sheet: the data may be English (names, platforms typed so). */
function dataWords(): Set<string> {
  const words = new Set<string>();
  for (const s of preview.session.state().sheets) {
    const view = preview.session.sheetView(s.name);
    for (const row of view?.cells ?? []) for (const c of row) for (const w of `${c?.v ?? ''} ${c?.r ?? ''}`.match(/[A-Za-z]+/g) ?? []) words.add(w.toLowerCase());
  }
  return words;
}

/** The visible strings of a document and its same-origin frames: text, labels, titles, placeholders. */
async function visibleStrings(p: Page): Promise<string[]> {
  const read = (frame: Frame) =>
    frame.evaluate(() => {
      const out: string[] = [];
      // The workbook's own cells and the grid's column letters are data, not the page's words.
      const data = 'td[data-cell], th.colhead, .formula, .namebox, .path, code';
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = (n.textContent ?? '').trim();
        if (!el || !text || el.closest(data) || el.closest('[hidden]')) continue;
        if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
        out.push(text);
      }
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('[aria-label], [title], [placeholder]'))) {
        if (el.closest(data) || !el.checkVisibility()) continue;
        for (const a of ['aria-label', 'title', 'placeholder']) {
          const v = el.getAttribute(a);
          if (v) out.push(v);
        }
      }
      out.push(document.title);
      return out;
    });
  const all: string[] = [];
  for (const frame of p.frames()) all.push(...(await read(frame)));
  return all;
}

/** English words in what the page shows now, with the string they are in. */
async function englishOnScreen(p: Page, where: string): Promise<string[]> {
  const allowed = dataWords();
  const found: string[] = [];
  for (const s of await visibleStrings(p)) {
    // File paths, time zone IDs (Asia/Shanghai) and function names (onScheduledRecompute) are code.
    const prose = s.replace(/(?:[\w.-]*\/)+[\w.-]+/g, ' ').replace(/\b[a-z]+(?:[A-Z][a-z]+)+\b/g, ' ');
    const words = (prose.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !NAMES.has(w.toLowerCase()) && !allowed.has(w.toLowerCase()));
    if (words.length) found.push(`${where}: ${words.join(' ')} — “${s.slice(0, 120)}”`);
  }
  return found;
}

async function sidebarFrame(p: Page): Promise<Frame> {
  await p.locator('.sidebar-panel iframe').waitFor();
  await expect.poll(() => p.frames().some((f) => f.url().includes('/sidebar'))).toBe(true);
  const frame = p.frames().find((f) => f.url().includes('/sidebar'))!;
  await frame.locator('#app main.app').first().waitFor();
  return frame;
}

describe('the preview in Chinese (--locale zh_CN)', () => {
  const english: string[] = [];

  it('shows every page, dialog, panel and message in Chinese', async () => {
    await page.goto(preview.url);
    await page.locator('.notice.info').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    english.push(...(await englishOnScreen(page, 'first look')));

    await page.locator('.menu > button').first().click();
    english.push(...(await englishOnScreen(page, 'menu')));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /^触发器/ }).click();
    english.push(...(await englishOnScreen(page, 'triggers (none)')));
    await menu(page, 'scheduleDaily');
    english.push(...(await englishOnScreen(page, 'scheduled')));
    await page.getByTestId('triggers').getByRole('button', { name: '立即运行定时触发器' }).click();
    await page.locator('.busy').waitFor({ state: 'detached' });
    await page.locator('.notice.info').filter({ hasText: '定时触发器' }).waitFor();
    english.push(...(await englishOnScreen(page, 'trigger ran')));

    await menu(page, 'loadDemoData');
    await page.getByRole('alertdialog').waitFor();
    english.push(...(await englishOnScreen(page, 'confirm dialog')));
    await answer(page, '否');
    if (await page.getByRole('alertdialog').count()) {
      english.push(...(await englishOnScreen(page, 'message dialog')));
      await answer(page, '确定');
    }

    await page.getByRole('button', { name: '导入名册…' }).click();
    const dialog = page.getByRole('dialog');
    english.push(...(await englishOnScreen(page, 'import dialog')));
    await dialog.locator('textarea').fill('KOC编号,昵称,粉丝数,加入日期,平台,粉丝团\nK900,小鹿,很多,2025年3月1日,小红书,有\nK901,阿May,1.2万,3月1日,火星,\n');
    await dialog.getByRole('button', { name: '检查' }).click();
    await page.getByTestId('import-report').waitFor();
    english.push(...(await englishOnScreen(page, 'import report')));
    await dialog.getByRole('button', { name: '取消' }).click();

    await openSheet(page, '看板');
    await page.getByTestId('pyramid-chart').waitFor();
    english.push(...(await englishOnScreen(page, 'dashboard')));

    await openSheet(page, 'KOC名册');
    await cell(page, 'B4').click();
    await menu(page, 'openSidebar');
    const frame = await sidebarFrame(page);
    await frame.locator('#profile-name').waitFor();
    english.push(...(await englishOnScreen(page, 'sidebar')));
    await page.getByRole('button', { name: '关闭侧边栏' }).click();

    expect(english).toEqual([]);
  }, 90_000);

  it('reads Chinese written dates as dates on import', async () => {
    await page.getByRole('button', { name: '导入名册…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').fill('KOC编号,昵称,加入日期,最近发帖\nK900,小鹿,2025年3月1日,3月1日\n');
    await dialog.getByRole('button', { name: '检查' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).not.toContain('不是日期');
    await dialog.getByRole('button', { name: /^导入 1 行$/ }).click();
    await page.getByTestId('import-done').waitFor();
    await dialog.getByRole('button', { name: '关闭' }).click();
    const kocs = preview.session.sheetView('KOC名册')!;
    const header = kocs.cells[0].map((c) => c?.v);
    const row = kocs.cells.find((r) => r[0]?.v === 'K900')!;
    // Dates, shown in the column's date format, not the text as typed.
    expect(row[header.indexOf('加入日期')]?.v).toBe('2025-03-01');
    expect(row[header.indexOf('最近发帖')]?.v).toBe(`${DEMO_NOW.getFullYear()}-03-01`);
    expect(row[header.indexOf('加入日期')]?.num).toBe(true);
  });
});

describe('the first hour in the page', () => {
  it('shows the demo roster’s engagement rate as a percentage (a number format on the column KOC Ops writes)', () => {
    const kocs = preview.session.sheetView('KOC名册')!;
    const col = kocs.cells[0].findIndex((c) => c?.v === '互动率（公式）');
    expect(col).toBeGreaterThan(0);
    const top = kocs.cells[1][col]!;
    expect(top.r).toMatch(/^=KOC_ENGAGEMENT\(/);
    // Every row a rate (the demo's one bad Followers cell gets its message instead); the import
    // above kept the formula's spill working.
    const shown = kocs.cells.slice(1, 66).map((r) => r[col]?.v ?? '');
    const rates = shown.filter((v) => /^\d+\.\d%$/.test(v));
    expect(rates.length).toBeGreaterThan(55);
    expect(shown.filter((v) => v !== '' && !rates.includes(v) && !/不是数字/.test(v))).toEqual([]);
  });

  it('opens the sidebar on a KOC ready: header, tabs and search at the top, the profile below, focus on it, no scroll', async () => {
    await openSheet(page, 'KOC名册');
    await cell(page, 'B6').click();
    await menu(page, 'openSidebar');
    const frame = await sidebarFrame(page);
    await frame.locator('#profile-name').waitFor();
    // The focus moves to the profile once it is drawn.
    const layout = () =>
      frame.evaluate(() => {
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        const inView = (sel: string) => box(sel).top >= 0 && box(sel).bottom <= window.innerHeight;
        return {
          scrollY: window.scrollY,
          width: document.documentElement.clientWidth,
          focus: document.activeElement?.id,
          header: inView('header.header'),
          tabs: inView('[role=tablist]'),
          search: inView('#koc-search'),
          profile: inView('#profile-name'),
          order: box('[role=tablist]').top < box('#koc-search').top && box('#koc-search').top < box('#profile-name').top,
        };
      });
    await expect.poll(layout).toEqual({ scrollY: 0, width: 300, focus: 'profile-name', header: true, tabs: true, search: true, profile: true, order: true });
    expect(await frame.locator('#profile-name').textContent()).toContain(await cell(page, 'B6').textContent());
    await page.getByRole('button', { name: '关闭侧边栏' }).click();
  });

  it('keeps the cursor across a reload, so the grid and Open sidebar agree', async () => {
    await openSheet(page, 'KOC名册');
    await cell(page, 'C5').click();
    await page.reload();
    await cell(page, 'C5').waitFor();
    await expect.poll(() => page.getByTestId('namebox').textContent()).toBe('C5');
    expect(await cell(page, 'C5').getAttribute('class')).toContain('sel');
    const name = (await cell(page, 'B5').textContent())?.trim();
    await menu(page, 'openSidebar');
    const frame = await sidebarFrame(page);
    await expect.poll(() => frame.locator('#profile-name').textContent()).toContain(name);
    await page.getByRole('button', { name: '关闭侧边栏' }).click();
  });

  it('keeps a dismissed notice dismissed after a reload', async () => {
    const notice = page.locator('.notice').filter({ hasText: '首次运行' });
    expect(await notice.count()).toBe(1);
    await notice.getByRole('button', { name: '关闭提示' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.reload();
    await cell(page, 'A1').waitFor();
    expect(await page.locator('.notice').filter({ hasText: '首次运行' }).count()).toBe(0);
  });

  it('shows column A after switching from a sheet scrolled to the right', async () => {
    await openSheet(page, 'KOC名册');
    const grid = page.locator('section.grid-scroll');
    await grid.evaluate((el) => el.scrollTo(el.scrollWidth, 0));
    expect(await grid.evaluate((el) => el.scrollLeft)).toBeGreaterThan(500);
    await openSheet(page, '梯队');
    // Column A's cell starts right of the sticky row numbers, in full view.
    const seen = () =>
      page.evaluate(() => {
        const head = document.querySelector('th.rowhead')?.getBoundingClientRect();
        const a2 = document.querySelector('[data-cell="A2"]')?.getBoundingClientRect();
        return { covered: !head || !a2 || a2.left < head.right - 1, scrollLeft: document.querySelector('section.grid-scroll')?.scrollLeft };
      });
    await expect.poll(seen).toEqual({ covered: false, scrollLeft: 0 });
  });
});

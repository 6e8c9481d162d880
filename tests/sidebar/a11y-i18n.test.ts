/**
 * Accessibility (axe-core: no serious or critical violation on any tab), keyboard use of the
 * tabs, the Chinese UI (from the user's locale and from the switch, remembered per user) with CJK
 * glyphs really drawn. (The pictures in docs/ are made by `npm run screenshots`, never by tests.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSidebar, type OpenedPage, openSidebarPage, type SidebarFixture, settled } from '../helpers/browser';
import { seriousViolations } from '../helpers/axe';

let fx: SidebarFixture;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  fx = await demoSidebar();
  opened = await openSidebarPage(fx.url);
  page = opened.page;
});

afterAll(async () => {
  await opened?.close();
  await fx?.close();
});

/** The sidebar's serious axe violations; its long lists scanned on their first rows. */
const violations = (p: Page) => seriousViolations(p, { include: '#app', repeated: ['ul.list > li'] });

async function showAssign(p: Page, taskLabel = 'Task'): Promise<void> {
  await p.getByRole('tab').nth(0).click();
  await p.getByLabel(taskLabel, { exact: true }).selectOption('T-001');
  await settled(p);
  await p.locator('li.ranked').first().waitFor();
}

async function showProfile(p: Page, searchLabel: string, button: string): Promise<void> {
  await p.getByRole('tab').nth(1).click();
  await p.getByLabel(searchLabel).fill('KOC-00');
  await p.getByRole('button', { name: button, exact: true }).click();
  await settled(p);
  await p.locator('#panel-followup ul.list button.link').first().click();
  await settled(p);
  await p.locator('#profile-name').waitFor();
}

describe('accessibility', () => {
  it('has no serious or critical axe violations on the Assign tab', async () => {
    await showAssign(page);
    await page.locator('li.assignment').first().waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('has none on the Follow up tab, with a field error showing', async () => {
    await showProfile(page, 'Find a KOC (name or ID)', 'Search');
    await page.getByLabel('Summary').fill('Talked about the next campaign.');
    await page.locator('#fu-next').fill('2000-01-01');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await settled(page);
    await page.locator('#fu-next-error').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('has none on the Today tab', async () => {
    await page.getByRole('tab', { name: /Today/ }).click();
    await page.locator('#today-overdue').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('moves between tabs with the arrow keys, and every control is reachable by Tab', async () => {
    await page.getByRole('tab', { name: /Assign/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-followup');
    expect(await page.getByRole('tab', { name: /Follow up/ }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-today');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-assign');
    expect(await page.locator('#panel-assign').isVisible()).toBe(true);
    // Only the selected tab is in the Tab order; Tab then enters its panel's first control.
    expect(await page.locator('[role=tab][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('assign-task');
  });
});

/** Draw two characters in the element's font on a canvas: real glyphs differ; tofu boxes do not. */
async function glyphCheck(p: Page, selector: string): Promise<{ width: number; inked: number; distinct: boolean; text: string }> {
  return p.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement;
    const text = (el.textContent ?? "").trim();
    const chars = [...text].filter((c) => /\p{Script=Han}/u.test(c));
    const font = getComputedStyle(el).font;
    const draw = (s: string) => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 64;
      const g = c.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 64, 64);
      g.fillStyle = '#000';
      g.font = font.replace(/\d+(\.\d+)?px/, '40px');
      g.textBaseline = 'top';
      g.fillText(s, 4, 4);
      return g.getImageData(0, 0, 64, 64).data;
    };
    const a = draw(chars[0]);
    const b = draw(chars[1]);
    let inked = 0;
    let differ = 0;
    for (let i = 0; i < a.length; i += 4) {
      if (a[i] < 128) inked++;
      if ((a[i] < 128) !== (b[i] < 128)) differ++;
    }
    return { width: el.getBoundingClientRect().width, inked, distinct: differ > 20, text };
  }, selector);
}

/** Dark pixels inside an element's box in a real screenshot of the page. */
async function inkInScreenshot(p: Page, selector: string): Promise<number> {
  const png = await p.locator(selector).screenshot();
  return p.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 384) ink++;
    return ink;
  }, png.toString('base64'));
}

describe('Chinese UI', () => {
  it('opens in Chinese for a zh-CN user and draws real CJK glyphs', async () => {
    // The user's locale is the one Apps Script reports (Session), here the workbook's emulator's.
    const zh = await demoSidebar({ emulator: { locale: 'zh-CN' } });
    const p = page;
    try {
      await p.goto(zh.url);
      await p.getByRole('tablist').waitFor();
      expect(await p.getByRole('tab').allInnerTexts()).toEqual([expect.stringContaining('派发任务'), expect.stringContaining('跟进'), expect.stringContaining('今日待办')]);
      expect(await p.locator('html').getAttribute('lang')).toBe('zh-CN');
      const glyphs = await glyphCheck(p, '#tab-assign');
      expect(glyphs.width).toBeGreaterThan(20);
      expect(glyphs.inked).toBeGreaterThan(50);
      expect(glyphs.distinct).toBe(true);
      expect(await inkInScreenshot(p, '#tab-assign')).toBeGreaterThan(40);

      await showAssign(p, '任务');
      expect(await p.getByRole('heading', { name: /匹配的 KOC/ }).count()).toBe(1);
      expect(await violations(p)).toEqual([]);
      await showProfile(p, '查找 KOC（昵称或编号）', '搜索');
      await p.getByText('记录联系').first().waitFor();
      expect(await violations(p)).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await p.goto(fx.url);
      await p.getByRole('tablist').waitFor();
      await zh.close();
    }
  });

  it('switches language and remembers the choice for the user', async () => {
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await settled(page);
    await expect.poll(() => page.getByRole('tab').first().textContent()).toContain('派发任务');
    expect(fx.emulator.properties.user).toBeDefined();
    // The sidebar opened again for the same user is in Chinese although the locale is English.
    await page.goto(fx.url);
    await page.getByRole('tablist').waitFor();
    expect(await page.getByRole('tab').first().textContent()).toContain('派发任务');
    // Server messages follow the choice too.
    await showProfile(page, '查找 KOC（昵称或编号）', '搜索');
    await page.getByLabel('摘要').fill('沟通了下一次活动');
    await page.locator('#fu-next').fill('2000-01-01');
    await page.getByRole('button', { name: '保存联系记录' }).click();
    await settled(page);
    expect(await page.locator('#fu-next-error').textContent()).toBe('下次跟进日期不能早于本次联系日期');
    await page.getByRole('button', { name: '切换为英文' }).click();
    await settled(page);
    await expect.poll(() => page.getByRole('tab').first().textContent()).toContain('Assign');
  });
});

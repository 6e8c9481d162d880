/**
 * Twenty hostile values stored in KOC names, task titles and briefs, assignment notes and content
 * URLs, follow-up summaries and incident descriptions: the sidebar shows each as text and none
 * runs (no window flag, no dialog, no page error, no javascript: link).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { demoSidebar, type OpenedPage, openSidebarPage, type SidebarFixture, settled } from '../helpers/browser';

const XSS_PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2;alert(2)">',
  '<svg onload="window.__xss=3">',
  '<iframe srcdoc="<script>parent.__xss=4</script>"></iframe>',
  'javascript:window.__xss=5',
  '"><script>window.__xss=6</script>',
  "'><img src=x onerror=window.__xss=7>",
  '<a href="javascript:window.__xss=8">click me</a>',
  '<body onload="window.__xss=9">',
  '<details open ontoggle="window.__xss=10">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=11">',
  '<input autofocus onfocus="window.__xss=12">',
  '<video><source onerror="window.__xss=13"></video>',
  '<object data="javascript:window.__xss=14"></object>',
  '<embed src="javascript:window.__xss=15">',
  "{{constructor.constructor('window.__xss=16')()}}",
  '<style>@import "javascript:window.__xss=17";</style><b onmouseover="window.__xss=17">hover</b>',
  '<marquee onstart="window.__xss=18">x</marquee>',
  'data:text/html,<script>window.__xss=19</script>',
  '</textarea><script>window.__xss=20</script><textarea>',
];

/** Overwrite a column of a sheet (by header) with values from `pick(rowIndex)`; '' leaves a cell. */
function setColumn(emulator: Emulator, sheetName: string, header: string, pick: (i: number, row: unknown[]) => string | null): void {
  const sheet = emulator.spreadsheet.getSheetByName(sheetName)!;
  const values = sheet.getDataRange().getValues();
  const col = values[0].indexOf(header);
  if (col < 0) throw new Error(`${sheetName} has no column ${header}`);
  const out = values.slice(1).map((row, i) => [pick(i, row) ?? row[col]]);
  // A leading apostrophe keeps values such as "=..." or "+..." as text in the emulated sheet.
  sheet.getRange(2, col + 1, out.length, 1).setValues(out.map(([v]) => [typeof v === 'string' ? `'${v}` : v]));
}

let fx: SidebarFixture;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  fx = await demoSidebar({
    prepare: (emulator) => {
      const p = (i: number) => XSS_PAYLOADS[i % XSS_PAYLOADS.length];
      setColumn(emulator, 'KOCs', 'Name', (i) => p(i));
      setColumn(emulator, 'KOCs', 'Notes', (i) => p(i + 3));
      setColumn(emulator, 'Tasks', 'Title', (i) => p(i + 5));
      setColumn(emulator, 'Tasks', 'Brief', (i) => p(i + 9));
      setColumn(emulator, 'Assignments', 'Notes', (i) => p(i + 1));
      setColumn(emulator, 'Assignments', 'Content URL', (i) => (i % 2 ? 'javascript:window.__xss=99' : p(i + 2)));
      setColumn(emulator, 'Follow-ups', 'Summary', (i) => p(i + 7));
      setColumn(emulator, 'Incidents', 'Description', (i) => p(i + 11));
    },
  });
  opened = await openSidebarPage(fx.url);
  page = opened.page;
});

afterAll(async () => {
  await opened?.close();
  await fx?.close();
});

async function noneRan(): Promise<void> {
  // Give event handlers (onerror, onload, autofocus) a moment to fire if they were parsed.
  await page.waitForTimeout(150);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(opened.dialogs).toEqual([]);
  expect(opened.pageErrors).toEqual([]);
  expect(await page.locator('script').count()).toBe(2); // the harness shim and the sidebar's own
  expect(await page.locator('#app img, #app svg, #app iframe, #app object, #app embed, #app video, #app marquee, #app details[ontoggle], #app [onerror], #app [onload]').count()).toBe(0);
  const hrefs = await page.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
}

describe('hostile values are shown as text and never run', () => {
  it('in task titles, briefs, KOC names, assignment notes and content URLs (Assign)', async () => {
    const options = await page.getByLabel('Task', { exact: true }).locator('option').allInnerTexts();
    expect(options.some((o) => o.includes(XSS_PAYLOADS[5]))).toBe(true);
    await page.getByLabel('Task', { exact: true }).selectOption('T-001');
    await settled(page);
    await page.locator('.card-title').waitFor();
    expect(await page.locator('.card-title').first().textContent()).toBe(XSS_PAYLOADS[5]);
    expect(await page.locator('.card .brief').first().textContent()).toBe(XSS_PAYLOADS[9]);
    const names = await page.locator('li.ranked label.name').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(XSS_PAYLOADS).toContain(name.trim());
    const notes = await page.locator('li.assignment .notes').allInnerTexts();
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(XSS_PAYLOADS).toContain(note.trim());
    await page.locator('details.excluded summary').click().catch(() => undefined);
    await noneRan();
  });

  it('in search results, the profile card, follow-up summaries and incidents (Follow up)', async () => {
    await page.getByRole('tab', { name: /Follow up/ }).click();
    await page.getByLabel('Find a KOC (name or ID)').fill('KOC-0');
    await page.getByRole('button', { name: 'Search' }).click();
    await settled(page);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('button');
    const shown = await results.allInnerTexts();
    expect(new Set(shown.map((s) => s.trim())).size).toBeGreaterThanOrEqual(Math.min(shown.length, XSS_PAYLOADS.length));
    for (const s of shown) expect(XSS_PAYLOADS).toContain(s.trim());
    // Search finds a KOC by a hostile name typed as text, too.
    await page.getByLabel('Find a KOC (name or ID)').fill('<svg onload');
    await page.getByRole('button', { name: 'Search' }).click();
    await settled(page);
    await results.first().click();
    await settled(page);
    await page.locator('#profile-name').waitFor();
    expect(await page.locator('#profile-name').textContent()).toContain(XSS_PAYLOADS[2]);
    const texts = await page.locator('.profile .notes').allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(XSS_PAYLOADS).toContain(text.trim());
    await noneRan();
  });

  it('typed into the forms and saved, then shown back as text', async () => {
    for (const payload of XSS_PAYLOADS.slice(0, 4)) {
      await page.getByLabel('Summary').fill(payload);
      await page.getByRole('button', { name: 'Save contact' }).click();
      await settled(page);
      await page.locator('.profile .notes').filter({ hasText: payload }).first().waitFor();
    }
    await page.getByLabel('Description').fill(XSS_PAYLOADS[1]);
    await page.getByRole('button', { name: 'Save incident' }).click();
    await settled(page);
    await page.locator('.profile .notes').filter({ hasText: XSS_PAYLOADS[1] }).first().waitFor();
    await noneRan();
  });

  it('in the Today list', async () => {
    await page.getByRole('tab', { name: /Today/ }).click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settled(page);
    const names = await page.locator('#panel-today button.link').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(XSS_PAYLOADS).toContain(n.trim());
    await noneRan();
  });
});

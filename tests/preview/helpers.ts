/**
 * Driving the preview page in Chromium: the KOC Ops menu, sheet tabs, cells and dialogs. The grid
 * draws only the cells in view (preview/page/geometry.ts): a cell further off is scrolled to
 * first, as a user would.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { lettersToColumn } from '../../emulator/a1';
import { COL_WIDTH, ROW_HEIGHT } from '../../preview/page/geometry';

/** Run a KOC Ops menu item by its function name and wait until the run is over. */
export async function menu(page: Page, fn: string): Promise<void> {
  await page.locator('.menu > button').first().click();
  await page.locator(`[data-fn="${fn}"]`).click();
  await page.locator('.busy').waitFor({ state: 'detached' });
}

/** Answer the open alert dialog with the button of this label. */
export async function answer(page: Page, button: RegExp | string): Promise<string> {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  const prompt = (await dialog.locator('.prompt').textContent()) ?? '';
  await dialog.getByRole('button', { name: button }).click();
  await page.locator('.busy').waitFor({ state: 'detached' });
  return prompt;
}

export async function openSheet(page: Page, name: string): Promise<void> {
  await page.locator('nav.tabs').getByRole('button', { name, exact: true }).click();
  await page.locator(`section[data-sheet="${name}"]`).waitFor();
}

/** A cell drawn now (in view, or in a frozen row); `showCell` for one that may be off screen. */
export function cell(page: Page, a1: string): Locator {
  return page.locator(`[data-cell="${a1}"]`);
}

/** The cell, scrolled into the grid's view first when it is not drawn. */
export async function showCell(page: Page, a1: string): Promise<Locator> {
  const target = cell(page, a1);
  if ((await target.count()) > 0) return target;
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = lettersToColumn(letters);
  const at = { top: Math.max(0, (Number(digits) - 6) * ROW_HEIGHT), left: Math.max(0, (col - 3) * COL_WIDTH) };
  await page.locator('section.grid-scroll').evaluate((el, to) => el.scrollTo(to.left, to.top), at);
  await target.waitFor();
  return target;
}

export async function cellText(page: Page, a1: string): Promise<string> {
  return ((await (await showCell(page, a1)).textContent()) ?? '').trim();
}

/** The A1 column letters of the header cell in row 1 with this text. */
export async function headerColumn(page: Page, header: string): Promise<string> {
  const a1 = await page.evaluate((text) => {
    const cells = Array.from(document.querySelectorAll<HTMLElement>('tr.frozen td[data-cell]'));
    return cells.find((c) => c.textContent?.trim() === text)?.dataset.cell ?? null;
  }, header);
  expect(a1, `a header "${header}" in row 1`).toMatch(/^[A-Z]+1$/);
  return a1!.replace(/\d+$/, '');
}

/** Type into a cell the way a user does: double-click, replace the text, Enter. */
export async function typeInto(page: Page, a1: string, text: string): Promise<void> {
  await (await showCell(page, a1)).dblclick();
  const editor = page.locator('input.editor');
  await editor.fill(text);
  await editor.press('Enter');
  await page.locator('.busy').waitFor({ state: 'detached' });
}

/** Row number of the first row whose column A shows this text, looking down from the top. */
export async function rowOf(page: Page, text: string): Promise<number> {
  const grid = page.locator('section.grid-scroll');
  await grid.evaluate((el) => el.scrollTo(0, 0));
  let row = 0;
  for (;;) {
    await nextFrames(page);
    row = await page.evaluate((t) => {
      const cells = Array.from(document.querySelectorAll<HTMLElement>('td[data-cell^="A"]'));
      const hit = cells.find((c) => /^A\d+$/.test(c.dataset.cell ?? '') && c.textContent?.trim() === t);
      return hit ? Number(hit.dataset.cell!.slice(1)) : 0;
    }, text);
    // A screen further down, until the bottom.
    if (row > 0) break;
    const scrolled = await grid.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += el.clientHeight - 100;
      return el.scrollTop !== before;
    });
    if (!scrolled) break;
  }
  expect(row, `a row with ${text} in column A`).toBeGreaterThan(0);
  return row;
}

/** Two animation frames: a scroll has been handled and the cells it brings into view drawn. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

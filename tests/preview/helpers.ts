/** Driving the preview page in Chromium: the KOC Ops menu, sheet tabs, cells and dialogs. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

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

export function cell(page: Page, a1: string) {
  return page.locator(`[data-cell="${a1}"]`);
}

export async function cellText(page: Page, a1: string): Promise<string> {
  return ((await cell(page, a1).textContent()) ?? '').trim();
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
  await cell(page, a1).dblclick();
  const editor = page.locator('input.editor');
  await editor.fill(text);
  await editor.press('Enter');
  await page.locator('.busy').waitFor({ state: 'detached' });
}

/** Row number of the first row whose column A shows this text. */
export async function rowOf(page: Page, text: string): Promise<number> {
  const row = await page.evaluate((t) => {
    const cells = Array.from(document.querySelectorAll<HTMLElement>('td[data-cell^="A"]'));
    const hit = cells.find((c) => /^A\d+$/.test(c.dataset.cell ?? '') && c.textContent?.trim() === t);
    return hit ? Number(hit.dataset.cell!.slice(1)) : 0;
  }, text);
  expect(row, `a row with ${text} in column A`).toBeGreaterThan(0);
  return row;
}

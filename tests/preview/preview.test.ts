/**
 * `npm start`'s preview end to end in Chromium: the server started in-process on a free port with
 * a temp workbook, the KOC Ops menu running the real handlers, a live KOC_SCORE cell, the real
 * sidebar offering a task, the scheduled trigger fired, and everything still there after a restart.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, startPreview } from '../../preview/server';
import type { LaunchedBrowser } from '../helpers/browser';
import { sharedChromium } from '../helpers/shared-browser';
import { answer, cell, cellText, headerColumn, menu, openSheet, rowOf, typeInto } from './helpers';

let chromium: LaunchedBrowser;
let dir: string;
let workbookPath: string;
let preview: Preview;
let page: Page;

beforeAll(async () => {
  chromium = await sharedChromium();
  dir = mkdtempSync(join(tmpdir(), 'koc-preview-'));
  workbookPath = join(dir, 'workbook.json');
  preview = await startPreview({ port: 0, workbookPath, log: () => undefined });
  // A context of its own: axe-core's Playwright runner needs one.
  const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
});

afterAll(async () => {
  await chromium?.close();
  await preview?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Each step is several page round trips, each one an Apps Script execution: on a busy machine a
// step takes longer than the default 30 s.
describe('the preview, end to end', () => {
  // Shared between the steps below (they run in order).
  let followersCol = '';
  let scoreCol = '';
  let scoreAfterEdit = '';
  let assignmentId = '';

  it('starts on 127.0.0.1 with the demo workbook saved to the file', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(existsSync(workbookPath)).toBe(true);
    await page.goto(preview.url);
    await expect.poll(() => page.locator('.notice.info').first().textContent()).toMatch(/First run: made the demo workbook/);
    // The menu exactly as onOpen built it.
    await page.locator('.menu > button').first().click();
    const items = await page.locator('.dropdown [data-fn]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.fn));
    expect(items).toEqual(expect.arrayContaining(['openSidebar', 'setUpWorkbook', 'loadDemoData', 'recomputeNow', 'scheduleDaily', 'stopSchedule']));
    await page.keyboard.press('Escape');
    await page.locator('.dropdown').waitFor({ state: 'detached' });
    // The first run also recomputed, so Echelon has something to show from the first look.
    await openSheet(page, 'Echelon');
    await expect.poll(() => cellText(page, 'A2')).toMatch(/^KOC-\d+/);
  }, 90_000);

  it('has no serious or critical axe violations, and a notice can be dismissed', async () => {
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious).toEqual([]);
    const notice = page.locator('.notice.info').filter({ hasText: 'First run' });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
  }, 90_000);

  it('runs Set up workbook and Load demo data from the menu, answering the confirmation', async () => {
    await menu(page, 'setUpWorkbook');
    expect(await answer(page, 'OK')).toMatch(/already set up|ready/i);
    await menu(page, 'loadDemoData');
    // The handler asks first; the run waits for the answer, then goes again with it.
    expect(await answer(page, 'Yes')).toMatch(/Load demo data\?/);
    expect(await answer(page, 'OK')).toMatch(/Demo data loaded/);
    await openSheet(page, 'KOCs');
    expect(await cellText(page, 'A2')).toBe('KOC-001');
  }, 90_000);

  it("edits a KOC's followers and its KOC_SCORE cell changes", async () => {
    followersCol = await headerColumn(page, 'Followers');
    scoreCol = await headerColumn(page, 'Score (formula)');
    await cell(page, `${scoreCol}2`).click();
    await expect.poll(() => page.getByTestId('formula').textContent()).toMatch(/^=KOC_SCORE\(/);
    const before = await cellText(page, `${scoreCol}2`);
    expect(Number(before)).toBeGreaterThan(0);
    await typeInto(page, `${followersCol}2`, '30');
    await expect.poll(() => cellText(page, `${followersCol}2`)).toBe('30');
    await expect.poll(() => cellText(page, `${scoreCol}2`)).not.toBe(before);
    scoreAfterEdit = await cellText(page, `${scoreCol}2`);
    expect(Number(scoreAfterEdit)).toBeLessThan(Number(before));
    // The spill below is the same formula's: other rows keep their scores.
    await expect(cell(page, `${scoreCol}3`).getAttribute('title')).resolves.toBe(`Spilled from ${scoreCol}2`);
  }, 90_000);

  it('opens the sidebar and offers a task through google.script.run', async () => {
    await cell(page, 'B2').click();
    await menu(page, 'openSidebar');
    const sidebar = page.frameLocator('.sidebar-panel iframe');
    // The cursor is on a KOC, so the sidebar starts on Follow up with that KOC's profile.
    await sidebar.locator('#profile-name').waitFor();
    expect(await sidebar.locator('#profile-name').textContent()).toContain(await cellText(page, 'B2'));
    // Opened ready: nothing scrolled, the tabs and the search above the focused profile, in view.
    const frame = page.frames().find((f) => f.url().includes('/sidebar'))!;
    const ready = await frame.evaluate(() => {
      const inView = (sel: string) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      };
      return { scrollY: window.scrollY, focus: document.activeElement?.id, tabs: inView('[role=tablist]'), search: inView('#koc-search'), profile: inView('#profile-name') };
    });
    expect(ready).toEqual({ scrollY: 0, focus: 'profile-name', tabs: true, search: true, profile: true });
    await sidebar.getByRole('tab', { name: 'Assign' }).click();
    const task = sidebar.locator('#assign-task');
    await task.waitFor();
    const options = await task.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBeGreaterThan(0);
    await task.selectOption(options[0]);
    const first = sidebar.locator('li.ranked input[type="checkbox"]').first();
    await first.check();
    await sidebar.getByRole('button', { name: /Offer to 1 selected/ }).click();
    const status = sidebar.getByText(/^Offered 1: /);
    await status.waitFor();
    assignmentId = ((await status.textContent()) ?? '').replace(/^Offered 1: /, '').trim();
    expect(assignmentId).not.toBe('');
    await page.getByRole('button', { name: 'Close sidebar' }).click();
    await openSheet(page, 'Assignments');
    expect(await rowOf(page, assignmentId)).toBeGreaterThan(1);
  }, 90_000);

  it('schedules the recompute, shows the trigger and fires it with no UI: Echelon and Dashboard update', async () => {
    await openSheet(page, 'Echelon');
    expect(await page.locator('td[data-cell="A2"]').textContent()).toBe('');
    await menu(page, 'scheduleDaily');
    await page.getByRole('button', { name: /^Triggers \(1\)$/ }).click();
    const panel = page.getByTestId('triggers');
    await expect.poll(() => panel.textContent()).toMatch(/onScheduledRecompute.*Every day/);
    await panel.getByRole('button', { name: 'Run scheduled trigger now' }).click();
    await page.locator('.busy').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.notice.info').last().textContent()).toMatch(/Ran onScheduledRecompute as a time-driven trigger/);
    await expect.poll(() => cellText(page, 'A2')).toMatch(/^KOC-\d+/);
    const row = await rowOf(page, 'KOC-001');
    const scoreCol = await headerColumn(page, 'Score');
    // The recompute and the formula agree on the edited KOC.
    expect(Number(await cellText(page, `${scoreCol}${row}`))).toBeCloseTo(Number(scoreAfterEdit), 0);
    await openSheet(page, 'Dashboard');
    const chart = page.getByTestId('pyramid-chart');
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBeGreaterThan(4);
    expect(await chart.locator('svg').getAttribute('aria-label')).toMatch(/Core \d+, Potential \d+, Regular \d+, Candidate \d+/);
  }, 90_000);

  it('imports a roster by merge (README step 5): the live formula column still scores every KOC, the imported ones too', async () => {
    await openSheet(page, 'KOCs');
    const csv = [
      'KOC ID,Name,Platform,Followers,Likes,Collects,Comments,Shares,Posts 30d,Quality,Notes',
      'KOC-002,,,88000,,,,,,,',
      'KOC-950,New Koc,Xiaohongshu,1.5万,300,120,40,10,6,4,=HYPERLINK("http://example.com")',
      '007,Zero Seven,Douyin,2300,80,20,5,2,3,3,',
    ].join('\n');
    await page.getByRole('button', { name: 'Import roster…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a roster into KOCs' });
    await dialog.getByLabel('Table', { exact: true }).fill(csv);
    await dialog.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => dialog.getByTestId('import-report').textContent()).toMatch(/3 rows; 11 columns matched/);
    await dialog.getByRole('button', { name: /^Import 3 rows/ }).click();
    await expect.poll(() => dialog.getByTestId('import-done').textContent()).toMatch(/2 added, 1 updated/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The live formula is still the one formula, and it spills over every KOC, new ones included.
    await cell(page, `${scoreCol}2`).click();
    await expect.poll(() => page.getByTestId('formula').textContent()).toMatch(/^=KOC_SCORE\(/);
    const view = preview.session.sheetView('KOCs')!;
    const scoreAt = view.cells[0].findIndex((c) => c?.v === 'Score (formula)');
    const kocRows = view.cells.slice(1).filter((r) => (r[0]?.v ?? '') !== '');
    expect(kocRows.length).toBeGreaterThan(60);
    kocRows.forEach((r, i) => {
      const score = r[scoreAt];
      const id = r[0]!.v;
      expect(score?.err, `${id}: ${score?.v} ${score?.note ?? ''}`).toBeFalsy();
      // Each KOC's cell is the formula's own result (row 2) or spilled from it: a score, or the
      // message naming a bad cell of that KOC (the demo has one on purpose).
      if (i > 0) expect(score?.from, id).toBe(`${scoreCol}2`);
      expect(score?.num || /: ".*" is not/.test(score?.v ?? ''), `${id}: ${score?.v}`).toBe(true);
    });
    for (const id of ['KOC-950', '007']) {
      const row = await rowOf(page, id);
      expect(Number(await cellText(page, `${scoreCol}${row}`)), id).toBeGreaterThan(0);
    }
    // Kept as typed: the ID with its zeros, the formula-looking note as text.
    const notesCol = await headerColumn(page, 'Notes');
    expect(await cellText(page, `${notesCol}${await rowOf(page, 'KOC-950')}`)).toBe('=HYPERLINK("http://example.com")');
    // The updated KOC: its followers, and its score through the formula.
    const row2 = await rowOf(page, 'KOC-002');
    expect(await cellText(page, `${followersCol}${row2}`)).toBe('88,000');
  }, 90_000);

  it('keeps every change after a restart', async () => {
    await preview.close();
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    preview = await startPreview({ port: 0, workbookPath, log: () => undefined });
    await page.goto(preview.url);
    await page.getByRole('button', { name: /^Triggers \(1\)$/ }).waitFor();
    expect(await page.locator('.notice.info').count()).toBe(0);
    await openSheet(page, 'KOCs');
    expect(await cellText(page, `${followersCol}2`)).toBe('30');
    expect(await cellText(page, `${scoreCol}2`)).toBe(scoreAfterEdit);
    await openSheet(page, 'Assignments');
    expect(await rowOf(page, assignmentId)).toBeGreaterThan(1);
    await openSheet(page, 'Echelon');
    expect(await cellText(page, 'A2')).toMatch(/^KOC-\d+/);
    await openSheet(page, 'Dashboard');
    await page.getByTestId('pyramid-chart').waitFor();
  }, 90_000);
});

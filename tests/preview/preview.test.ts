/**
 * `npm start`'s preview end to end in Chromium: the server started in-process on a free port with
 * a temp workbook, the KOC Ops menu running the real handlers, a live KOC_SCORE cell, the real
 * sidebar offering a task, the scheduled trigger fired, and everything still there after a restart.
 * Each test starts a preview of its own (the first run's file copied, unless it tests the first
 * run) and loads the page afresh from it (tests/helpers/shared-browser.ts: KeptPage); none depends
 * on another.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { columnToLetters } from '../../emulator/a1';
import type { PreviewSession } from '../../preview/session';
import { type Preview, startPreview } from '../../preview/server';
import { seriousViolations } from '../helpers/axe';
import { type KeptPage, keptPage } from '../helpers/shared-browser';
import { answer, cell, cellText, headerColumn, menu, openSheet, rowOf, showCell, typeInto } from './helpers';

let kept: KeptPage;
/** The workbook file a first run leaves (the demo workbook, recomputed). */
let firstRunFile: string;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'koc-preview-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  kept = await keptPage();
  firstRunFile = join(tempDir(), 'workbook.json');
  await (await startPreview({ port: 0, workbookPath: firstRunFile, log: () => undefined })).close();
});

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  preview: Preview;
  workbookPath: string;
  dir: string;
  page: Page;
  pageErrors: string[];
}
let opened: Opened | undefined;

afterEach(async ({ task }) => {
  const o = opened;
  opened = undefined;
  await kept.release(task.result?.state === 'fail');
  await o?.preview.close();
  expect(o?.pageErrors ?? []).toEqual([]);
});

/**
 * A preview of this test's own on a workbook file of its own (none: the first run makes it), the
 * workbook edited by `prepare` before the page loads it.
 */
async function openPreview(opts: { firstRun?: boolean; prepare?: (session: PreviewSession) => void } = {}): Promise<Opened> {
  const dir = tempDir();
  const workbookPath = join(dir, 'workbook.json');
  if (!opts.firstRun) copyFileSync(firstRunFile, workbookPath);
  const preview = await startPreview({ port: 0, workbookPath, log: () => undefined });
  opts.prepare?.(preview.session);
  const page = await kept.take({ viewport: { width: 1400, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  opened = { preview, workbookPath, dir, page, pageErrors };
  await page.goto(preview.url);
  return opened;
}

/** A cell typed as in the page, done on the server before the page loads. */
function typeOnServer(session: PreviewSession, sheet: string, header: string, row: number, input: string): void {
  const col = session.sheetView(sheet)!.cells[0].findIndex((c) => c?.v === header) + 1;
  expect(col, header).toBeGreaterThan(0);
  expect(session.edit(sheet, row, col, input).ok).toBe(true);
}

function formulaScoreOf(session: PreviewSession, row: number): string {
  const view = session.sheetView('KOCs')!;
  const at = view.cells[0].findIndex((c) => c?.v === 'Score (formula)');
  return String(view.cells[row - 1][at]?.v ?? '');
}

/** One google.script.run call as the sidebar sends it (same origin, same endpoint). */
async function scriptRun(page: Page, name: string, payload: object): Promise<any> {
  return page.evaluate(
    async ([fn, arg]) => {
      const res = await fetch('/__gas/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: fn, args: [arg] }) });
      return res.json();
    },
    [name, payload] as const,
  );
}

// Each test is several page round trips, each one an Apps Script execution: on a busy machine a
// test takes longer than the default 30 s.
describe('the preview, end to end', () => {
  it('starts on 127.0.0.1 with the demo workbook saved to the file', async () => {
    const { preview, page, workbookPath } = await openPreview({ firstRun: true });
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(existsSync(workbookPath)).toBe(true);
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
    const { page } = await openPreview({ firstRun: true });
    const notice = page.locator('.notice.info').filter({ hasText: 'First run' });
    await notice.waitFor();
    await openSheet(page, 'Echelon');
    await expect.poll(() => cellText(page, 'A2')).toMatch(/^KOC-\d+/);
    // One scan of the page as a first run shows it: the grid (its first rows), the menu bar, the
    // tabs and a notice.
    const serious = await seriousViolations(page, { repeated: ['table.grid tbody > tr'] });
    expect(serious).toEqual([]);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
  }, 90_000);

  it('runs Set up workbook and Load demo data from the menu, answering the confirmation', async () => {
    const { page } = await openPreview();
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
    const { page } = await openPreview();
    await openSheet(page, 'KOCs');
    const followersCol = await headerColumn(page, 'Followers');
    const scoreCol = await headerColumn(page, 'Score (formula)');
    await (await showCell(page, `${scoreCol}2`)).click();
    await expect.poll(() => page.getByTestId('formula').textContent()).toMatch(/^=KOC_SCORE\(/);
    const before = await cellText(page, `${scoreCol}2`);
    expect(Number(before)).toBeGreaterThan(0);
    await typeInto(page, `${followersCol}2`, '30');
    await expect.poll(() => cellText(page, `${followersCol}2`)).toBe('30');
    await expect.poll(() => cellText(page, `${scoreCol}2`)).not.toBe(before);
    expect(Number(await cellText(page, `${scoreCol}2`))).toBeLessThan(Number(before));
    // The spill below is the same formula's: other rows keep their scores.
    await expect((await showCell(page, `${scoreCol}3`)).getAttribute('title')).resolves.toBe(`Spilled from ${scoreCol}2`);
  }, 90_000);

  it('draws only the cells in view; scrolling and the arrow keys bring the others', async () => {
    const { page, preview } = await openPreview();
    await openSheet(page, 'KOCs');
    const view = preview.session.sheetView('KOCs')!;
    expect(view.rows * view.cols).toBeGreaterThan(3000);
    expect(await page.locator('td[data-cell]').count()).toBeLessThan(1000);
    // The last KOC, scrolled to as a user would.
    const lastId = String(view.cells[view.lastRow - 1][0]?.v ?? '');
    expect(lastId).toMatch(/^KOC-/);
    expect(await cellText(page, `A${view.lastRow}`)).toBe(lastId);
    // The keyboard moves the selection off screen to the right: the grid follows it.
    await page.locator('section.grid-scroll').evaluate((el) => el.scrollTo(0, 0));
    await cell(page, 'A2').click();
    for (let i = 1; i < view.lastColumn; i++) await page.keyboard.press('ArrowRight');
    const last = `${columnToLetters(view.lastColumn)}2`;
    await expect.poll(() => page.getByTestId('namebox').textContent()).toBe(last);
    // The grid scrolls after the selection moves, and draws the new window a frame later.
    const seen = () =>
      cell(page, last).evaluate((td) => {
        const box = td.getBoundingClientRect();
        const grid = td.closest('section')!.getBoundingClientRect();
        return td.classList.contains('sel') && box.left >= grid.left && box.right <= grid.right;
      });
    await expect.poll(seen).toBe(true);
  }, 90_000);

  it('opens the sidebar and offers a task through google.script.run', async () => {
    const { page } = await openPreview();
    await openSheet(page, 'KOCs');
    await cell(page, 'B2').click();
    await menu(page, 'openSidebar');
    const sidebar = page.frameLocator('.sidebar-panel iframe');
    // The cursor is on a KOC, so the sidebar starts on Follow up with that KOC's profile.
    await sidebar.locator('#profile-name').waitFor();
    expect(await sidebar.locator('#profile-name').textContent()).toContain(await cellText(page, 'B2'));
    // Opened ready: nothing scrolled, the tabs and the search above the focused profile, in view.
    const frame = page.frames().find((f) => f.url().includes('/sidebar'))!;
    // The focus moves to the profile once it is drawn.
    const ready = () =>
      frame.evaluate(() => {
        const inView = (sel: string) => {
          const r = document.querySelector(sel)!.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        };
        return { scrollY: window.scrollY, focus: document.activeElement?.id, tabs: inView('[role=tablist]'), search: inView('#koc-search'), profile: inView('#profile-name') };
      });
    await expect.poll(ready).toEqual({ scrollY: 0, focus: 'profile-name', tabs: true, search: true, profile: true });
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
    const assignmentId = ((await status.textContent()) ?? '').replace(/^Offered 1: /, '').trim();
    expect(assignmentId).not.toBe('');
    await page.getByRole('button', { name: 'Close sidebar' }).click();
    await openSheet(page, 'Assignments');
    expect(await rowOf(page, assignmentId)).toBeGreaterThan(1);
  }, 90_000);

  it('schedules the recompute, shows the trigger and fires it with no UI: Echelon and Dashboard update', async () => {
    let scoreAfterEdit = '';
    const { page } = await openPreview({
      prepare: (session) => {
        // Demo data loaded again leaves Echelon empty until a recompute; then one KOC is edited.
        expect(session.runMenu('loadDemoData', ['YES']).ok).toBe(true);
        typeOnServer(session, 'KOCs', 'Followers', 2, '30');
        scoreAfterEdit = formulaScoreOf(session, 2);
      },
    });
    expect(Number(scoreAfterEdit)).toBeGreaterThan(0);
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
    const { page, preview } = await openPreview();
    await openSheet(page, 'KOCs');
    const followersCol = await headerColumn(page, 'Followers');
    const scoreCol = await headerColumn(page, 'Score (formula)');
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
    await (await showCell(page, `${scoreCol}2`)).click();
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
    let scoreAfterEdit = '';
    const o = await openPreview({
      prepare: (session) => {
        // A typed cell, a menu item and a trigger run, each saved as it is made.
        typeOnServer(session, 'KOCs', 'Followers', 2, '30');
        scoreAfterEdit = formulaScoreOf(session, 2);
        expect(session.runMenu('scheduleDaily', []).ok).toBe(true);
        const trigger = session.state().triggers[0];
        expect(session.runTrigger(trigger.id).ok).toBe(true);
      },
    });
    const { page, dir, workbookPath } = o;
    // And a sidebar write, sent as the sidebar sends it.
    const match = await scriptRun(page, 'matchTask', { taskId: 'T-001' });
    const kocId = match.value.data.ranked[0].id;
    const offered = await scriptRun(page, 'offerTask', { taskId: 'T-001', kocIds: [kocId], requestId: 'restart-offer' });
    expect(offered.value?.ok, JSON.stringify(offered).slice(0, 300)).toBe(true);
    const assignmentId = offered.value.data.ids[0];

    await o.preview.close();
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    o.preview = await startPreview({ port: 0, workbookPath, log: () => undefined });
    await page.goto(o.preview.url);
    await page.getByRole('button', { name: /^Triggers \(1\)$/ }).waitFor();
    expect(await page.locator('.notice.info').count()).toBe(0);
    await openSheet(page, 'KOCs');
    const followersCol = await headerColumn(page, 'Followers');
    const scoreCol = await headerColumn(page, 'Score (formula)');
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

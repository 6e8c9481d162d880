/**
 * The preview under bad input and hostile requests: a malformed workbook file, a roster CSV with
 * unknown columns and bad numbers, a formula naming a range that does not exist, path traversal,
 * oversized and malformed request bodies, a taken port. Each gives a clear message and loses nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError, type Preview, startPreview } from '../../preview/server';
import { type KeptPage, keptPage } from '../helpers/shared-browser';
import { cellText, headerColumn, openSheet, rowOf, showCell, typeInto } from './helpers';

let kept: KeptPage;
let dir: string;
let preview: Preview;
let page: Page;
const BAD_JSON = '{"sheets": [{"name": "KOCs", "values": [["KOC ID"], ["K1"]]}';

beforeAll(async () => {
  kept = await keptPage();
  dir = mkdtempSync(join(tmpdir(), 'koc-preview-bad-'));
  writeFileSync(join(dir, 'workbook.json'), BAD_JSON);
  preview = await startPreview({ port: 0, workbookPath: join(dir, 'workbook.json'), log: () => undefined });
  page = await kept.take({ viewport: { width: 1400, height: 900 } });
  await page.goto(preview.url);
  await page.getByRole('navigation', { name: 'Sheets' }).waitFor();
});

afterAll(async () => {
  await kept?.release();
  await preview?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One raw HTTP request: the path is sent exactly as given (no URL normalization). */
function raw(path: string, opts: { method?: string; body?: string; type?: string } = {}): Promise<{ status: number; body: string }> {
  const url = new URL(preview.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: opts.method ?? 'GET', path, headers: opts.type ? { 'content-type': opts.type } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (err) => (opts.body && opts.body.length > 1e6 ? resolve({ status: 413, body: String(err) }) : reject(err)));
    req.end(opts.body);
  });
}

describe('a malformed workbook file', () => {
  it('is kept aside, not overwritten, and the page says where it went', async () => {
    const kept = readdirSync(dir).filter((f) => f.startsWith('workbook.json.bad-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]), 'utf8')).toBe(BAD_JSON);
    const notice = page.locator('.notice.error').first();
    await expect.poll(() => notice.textContent()).toMatch(/could not be read .*kept as .*workbook\.json\.bad-/);
    // A fresh demo workbook took its place and is valid JSON.
    expect(() => JSON.parse(readFileSync(join(dir, 'workbook.json'), 'utf8'))).not.toThrow();
  });

  it('JSON that is not a workbook is refused the same way', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"sheets": 5}');
    const second = await startPreview({ port: 0, workbookPath: other, log: () => undefined });
    try {
      const notices = second.session.state().notices.filter((n) => n.level === 'error');
      expect(notices[0].message).toMatch(/other\.json could not be read \(.+\)\. It was kept as .*other\.json\.bad-/);
      expect(readdirSync(dir).filter((f) => f.startsWith('other.json.bad-'))).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('importing a roster', () => {
  const CSV = ['KOC编号,昵称,平台,粉丝数,Fan club,Quality', 'KOC-901,新朋友,小红书,1.2万,gold,4', 'KOC-902,"Lee, Bo",Douyin,lots,silver,9'].join('\n');

  it('reports unknown columns and bad numbers, then imports without losing a row', async () => {
    await openSheet(page, 'KOCs');
    const before = preview.session.state().sheets.find((s) => s.name === 'KOCs')!.lastRow;
    await page.getByRole('button', { name: 'Import roster…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a roster into KOCs' });
    await dialog.getByLabel('Table', { exact: true }).fill(CSV);
    await dialog.getByRole('button', { name: 'Check' }).click();
    const report = dialog.getByTestId('import-report');
    await expect.poll(() => report.textContent()).toMatch(/2 rows; 5 columns matched/);
    const text = (await report.textContent()) ?? '';
    expect(text).toMatch(/Unmatched columns \(1\): “Fan club”/);
    expect(text).toMatch(/Line 3, 粉丝数: "lots" is not a number/);
    expect(text).toMatch(/Line 3, Quality: "9" is not a rating from 1 to 5/);
    await dialog.getByRole('button', { name: /^Import 2 rows/ }).click();
    await expect.poll(() => dialog.getByTestId('import-done').textContent()).toMatch(/2 added, 0 updated/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(preview.session.state().sheets.find((s) => s.name === 'KOCs')!.lastRow).toBe(before + 2);
    // The old roster is all there; the new rows hold what was typed, bad cells included.
    expect(await rowOf(page, 'KOC-001')).toBe(2);
    const row = await rowOf(page, 'KOC-902');
    expect(await cellText(page, `${await headerColumn(page, 'Followers')}${row}`)).toBe('lots');
    expect(await cellText(page, `${await headerColumn(page, 'Fan club')}${row}`)).toBe('silver');
    expect(await cellText(page, `${await headerColumn(page, 'Name')}${row}`)).toBe('Lee, Bo');
  });

  it('refuses a table without a KOC ID column, changing nothing', async () => {
    const before = JSON.stringify(preview.session.sheetView('KOCs')!.cells);
    await page.getByRole('button', { name: 'Import roster…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a roster into KOCs' });
    await dialog.getByLabel('Table', { exact: true }).fill('Nickname\tFans\nMia\t3k');
    await dialog.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => dialog.getByTestId('import-report').textContent()).toMatch(/No KOC ID column/);
    expect(await dialog.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(JSON.stringify(preview.session.sheetView('KOCs')!.cells)).toBe(before);
  });
});

describe('formulas the preview cannot evaluate', () => {
  it('a range on a sheet that does not exist shows #REF! with the reason; the formula is kept', async () => {
    await openSheet(page, 'KOCs');
    await typeInto(page, 'AJ2', "=KOC_SCORE('No such sheet'!A1:B1, A2:B2)");
    await expect.poll(() => cellText(page, 'AJ2')).toBe('#REF!');
    await expect.poll(() => page.locator('.notice.info', { hasText: 'AJ2:' }).textContent()).toMatch(/AJ2: Unresolved sheet name 'No such sheet'\./);
    await (await showCell(page, 'AJ2')).click();
    expect(await page.getByTestId('formula').textContent()).toBe("=KOC_SCORE('No such sheet'!A1:B1, A2:B2)");
    await typeInto(page, 'AJ3', '=KOC_NUM(NO_SUCH_NAME)');
    await expect.poll(() => cellText(page, 'AJ3')).toBe('#NAME?');
    await typeInto(page, 'AJ4', '=SUM(L2:L9)');
    await expect.poll(() => cellText(page, 'AJ4')).toBe('=SUM(L2:L9)');
    expect(await (await showCell(page, 'AJ4')).getAttribute('title')).toMatch(/SUM is a Sheets function/);
  });

  it('a custom function that throws shows #ERROR! with its message', async () => {
    await typeInto(page, 'AJ5', '=KOC_SCORE(A2:B2)');
    await expect.poll(() => cellText(page, 'AJ5')).toBe('#ERROR!');
    expect((await (await showCell(page, 'AJ5')).getAttribute('title')) ?? '').not.toBe('');
  });
});

describe('the server', () => {
  it('listens on 127.0.0.1 only and refuses other hosts', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await expect(startPreview({ port: 0, host: '0.0.0.0', workbookPath: join(dir, 'x.json') })).rejects.toThrow(/this machine only/);
  });

  it('serves only its own files: traversal and absolute paths get 404', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E%2Fpackage.json',
      '/assets/../../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '//etc/passwd',
      '/etc/passwd',
      `/${join(dir, 'workbook.json')}`,
      `${process.cwd()}/package.json`,
      'http://127.0.0.1/../package.json',
      '/assets/preview.js/../../package.json',
      '/workbook.json',
      '/dist/Code.js',
    ]) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/koc-ops|"sheets"|root:/);
    }
    expect((await raw('/')).status).toBe(200);
    expect((await raw('/assets/preview.js')).status).toBe(200);
  });

  it('limits and validates request bodies', async () => {
    const big = JSON.stringify({ fn: 'x'.repeat(200_000) });
    expect((await raw('/api/menu', { method: 'POST', body: big, type: 'application/json' })).status).toBe(413);
    const notJson = await raw('/api/menu', { method: 'POST', body: '{fn:', type: 'application/json' });
    expect(notJson).toMatchObject({ status: 400, body: expect.stringContaining('not valid JSON') });
    expect((await raw('/api/menu', { method: 'POST', body: '{"fn":"recomputeNow"}', type: 'text/plain' })).status).toBe(415);
    const wrongShape = await raw('/api/edit', { method: 'POST', body: '{"sheet":"KOCs","row":-1,"col":"A","input":3}', type: 'application/json' });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body).toMatch(/row|col|input/);
    // Only items of the KOC Ops menu run from /api/menu.
    const notMenu = JSON.parse((await raw('/api/menu', { method: 'POST', body: '{"fn":"onScheduledRecompute"}', type: 'application/json' })).body);
    expect(notMenu).toMatchObject({ ok: false, error: expect.stringContaining('not an item of the KOC Ops menu') });
    expect((await raw('/api/state', { method: 'POST', body: '{}', type: 'application/json' })).status).toBe(405);
  });

  it('says clearly when the port is taken', async () => {
    const err = await startPreview({ port: preview.port, workbookPath: join(dir, 'y.json'), log: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as Error).message).toMatch(new RegExp(`Port ${preview.port} is already in use.*--port`));
  });

  it('saves atomically: no temporary file is left beside the workbook', () => {
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'workbook.json'))).toBe(true);
  });
});

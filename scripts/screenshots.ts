/**
 * npm run screenshots: the README's pictures of the preview, made by headless Chromium so they
 * stay current. Starts the preview on a free port with a fresh demo workbook in a temp folder,
 * runs the schedule's recompute, and writes:
 *   docs/preview-sidebar.png    the KOCs grid with the sidebar open
 *   docs/preview-dashboard.png  the Dashboard with the pyramid chart
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startPreview } from '../preview/server';
import { launchChromium } from '../tests/helpers/browser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'koc-shots-'));
  const preview = await startPreview({ port: 0, workbookPath: join(dir, 'workbook.json'), log: () => undefined });
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
    await page.goto(preview.url);
    await page.getByRole('button', { name: /Triggers/ }).waitFor();
    const menu = async (fn: string) => {
      await page.locator('.menu > button').first().click();
      await page.locator(`[data-fn="${fn}"]`).click();
      await page.locator('.busy').waitFor({ state: 'detached' });
    };
    // Echelon and Dashboard filled by the real recompute, then the sidebar on a KOC.
    await menu('recomputeNow');
    await page.getByRole('button', { name: /^(KOCs|KOC名册)$/ }).click();
    await page.locator('[data-cell="B4"]').click();
    await menu('openSidebar');
    const frame = page.frameLocator('.sidebar-panel iframe');
    await frame.locator('body').waitFor();
    await page.waitForTimeout(1500);
    await dismissToasts(page);
    mkdirSync(join(root, 'docs'), { recursive: true });
    await page.screenshot({ path: join(root, 'docs/preview-sidebar.png') });

    await page.getByRole('button', { name: 'Close sidebar' }).click();
    await page.getByRole('button', { name: /^(Dashboard|看板)$/ }).click();
    await page.getByTestId('pyramid-chart').waitFor();
    await dismissToasts(page);
    await page.screenshot({ path: join(root, 'docs/preview-dashboard.png') });
    console.log('docs/preview-sidebar.png\ndocs/preview-dashboard.png');
  } finally {
    await chromium.close();
    await preview.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Toasts and the first-run notice (it names a temp folder) are left out of the pictures. */
async function dismissToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const t of Array.from(document.querySelectorAll('.toast, .notice'))) t.remove();
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

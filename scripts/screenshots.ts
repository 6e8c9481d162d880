/**
 * npm run screenshots: the README's pictures of the preview, made by headless Chromium so they
 * stay current (tests never write them). For each language, starts the preview on a free port
 * with a fresh demo workbook in a temp folder (`--locale en_US`, then `zh_CN`), runs the
 * schedule's recompute, and writes:
 *   docs/<lang>-sidebar.png    the KOCs grid with the sidebar opened on a KOC
 *   docs/<lang>-echelon.png    the Echelon sheet the recompute wrote
 *   docs/<lang>-dashboard.png  the Dashboard with the pyramid chart
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../preview/server';
import { langFromLocale, pt } from '../preview/text';
import { sheetDef } from '../src/sheets/schema';
import { launchChromium } from '../tests/helpers/browser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function shoot(browser: Browser, locale: string): Promise<string[]> {
  const lang = langFromLocale(locale);
  const dir = mkdtempSync(join(tmpdir(), 'koc-shots-'));
  const preview = await startPreview({ port: 0, workbookPath: join(dir, 'workbook.json'), log: () => undefined, locale });
  const written: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1, locale: locale.replace('_', '-') });
    const page = await context.newPage();
    await page.goto(preview.url);
    await page.locator('.menu > button').first().waitFor();
    const menu = async (fn: string) => {
      await page.locator('.menu > button').first().click();
      await page.locator(`[data-fn="${fn}"]`).click();
      await page.locator('.busy').waitFor({ state: 'detached' });
    };
    const sheet = async (key: 'kocs' | 'echelon' | 'dashboard') => {
      const def = sheetDef(key);
      await page
        .locator('nav.tabs')
        .getByRole('button', { name: new RegExp(`^(${def.en}|${def.zh})$`) })
        .click();
      await page.locator(`section[data-sheet]`).waitFor();
    };
    const save = async (name: string) => {
      await dismissToasts(page);
      const path = join(root, 'docs', `${lang}-${name}.png`);
      await page.screenshot({ path });
      written.push(`docs/${lang}-${name}.png`);
    };
    // Echelon and Dashboard filled by the real recompute, then the sidebar on a KOC.
    await menu('recomputeNow');
    await sheet('kocs');
    await page.locator('[data-cell="B4"]').click();
    await menu('openSidebar');
    await page.frameLocator('.sidebar-panel iframe').locator('#profile-name').waitFor();
    await page.waitForTimeout(800);
    await save('sidebar');
    await page.getByRole('button', { name: pt(lang, 'closeSidebar') }).click();

    await sheet('echelon');
    await save('echelon');

    await sheet('dashboard');
    await page.getByTestId('pyramid-chart').waitFor();
    await save('dashboard');
    await context.close();
  } finally {
    await preview.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return written;
}

async function main(): Promise<void> {
  mkdirSync(join(root, 'docs'), { recursive: true });
  const chromium = await launchChromium();
  try {
    for (const locale of ['en_US', 'zh_CN']) console.log((await shoot(chromium.browser, locale)).join('\n'));
  } finally {
    await chromium.close();
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

/**
 * The run's one Chromium (launched by tests/global-setup.ts), for browser test files: connect in
 * beforeAll, close in afterAll (that closes this file's contexts and pages, not the browser).
 */
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { LaunchedBrowser } from './chromium';

export async function sharedChromium(): Promise<LaunchedBrowser> {
  const res = await fetch(inject('chromiumBroker'));
  const text = await res.text();
  if (!res.ok) throw new Error(text);
  const browser = await chromium.connect(text);
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

/**
 * One page for a file's tests, each test loading it afresh on a server of its own (its own
 * origin: our pages keep nothing in the browser anyway). Chromium spends about two seconds of CPU
 * starting and ending a page, ten times what a navigation costs. After a failed test the page is
 * closed, so the next test starts on a new one whatever state the failure left.
 */
export class KeptPage {
  private page: Page | undefined;

  constructor(private readonly context: BrowserContext) {}

  /** The page, blank, with no listeners from an earlier test. */
  async take(): Promise<Page> {
    this.page ??= await this.context.newPage();
    return this.page;
  }

  async release(failed: boolean): Promise<void> {
    const page = this.page;
    if (!page) return;
    page.removeAllListeners();
    if (failed) {
      this.page = undefined;
      await page.close();
    } else await page.goto('about:blank');
  }
}

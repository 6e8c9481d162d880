/**
 * The run's one Chromium (launched by tests/global-setup.ts), for browser test files: connect in
 * beforeAll, close in afterAll (that closes this file's contexts, not the browser). Each test
 * opens a context of its own, so no test depends on another's pages.
 */
import { chromium } from 'playwright-core';
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

/**
 * The run's one Chromium (launched by tests/global-setup.ts), for browser test files. A worker
 * connects once and keeps the connection and one page for every file it runs (the files of a
 * worker share one module graph: vitest.config.ts); a file closes the contexts it opens itself.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

let connection: Promise<Browser> | undefined;
let kept: Promise<KeptPage> | undefined;

/** This worker's connection to the run's Chromium. */
export function sharedBrowser(): Promise<Browser> {
  connection ??= (async () => {
    const res = await fetch(inject('chromiumBroker'));
    const text = await res.text();
    if (!res.ok) throw new Error(text);
    return chromium.connect(text);
  })().catch((err: unknown) => {
    connection = undefined;
    throw err;
  });
  return connection;
}

/** This worker's kept page (see KeptPage). */
export function keptPage(): Promise<KeptPage> {
  kept ??= sharedBrowser()
    .then(async (browser) => new KeptPage(await browser.newContext({ locale: 'en-US', deviceScaleFactor: 1 })))
    .catch((err: unknown) => {
      kept = undefined;
      throw err;
    });
  return kept;
}

/**
 * One page for many tests, each loading it afresh from a server of its own (its own origin; our
 * pages keep nothing in the browser anyway). Chromium here spends about two seconds of CPU
 * starting and ending a page, ten times what a navigation costs. After a failed test the page is
 * closed, so the next test starts on a new one whatever state the failure left.
 */
export class KeptPage {
  private page: Page | undefined;

  constructor(private readonly context: BrowserContext) {}

  /** The page, blank, at this size and action timeout, with no listeners from an earlier user. */
  async take(opts: { viewport?: { width: number; height: number }; timeout?: number } = {}): Promise<Page> {
    this.page ??= await this.context.newPage();
    await this.page.setViewportSize(opts.viewport ?? { width: 1280, height: 720 });
    this.page.setDefaultTimeout(opts.timeout ?? 30_000);
    return this.page;
  }

  async release(failed = false): Promise<void> {
    const page = this.page;
    if (!page) return;
    page.removeAllListeners();
    if (!failed && (await page.goto('about:blank').then(() => true, () => false))) return;
    this.page = undefined;
    await page.close().catch(() => undefined);
  }
}

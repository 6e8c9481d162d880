/**
 * Browser tests: Debian's Chromium driven by playwright-core, and the sidebar served by the local
 * harness (scripts/host) against the built bundle on an emulated demo workbook.
 * Test files share the run's one Chromium and a page per worker (tests/helpers/shared-browser.ts);
 * scripts launch their own.
 */
import type { Page } from 'playwright-core';
import { keptPage } from './shared-browser';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index';
import { type BundleHost, createBundleHost, type SidebarServer, startSidebarServer } from '../../scripts/host/index';

export { CHROMIUM_ARGS, CHROMIUM_PATH, type LaunchedBrowser, launchChromium } from './chromium';

/** The demo day every browser test runs on (the bundle's clock). */
export const DEMO_NOW = new Date('2026-11-23T10:00:00+08:00');

export interface SidebarFixture {
  emulator: Emulator;
  host: BundleHost;
  server: SidebarServer;
  url: string;
  close(): Promise<void>;
}

/**
 * The emulated demo workbook (the bundle's own setUpWorkbook + loadDemoData, as a user would run
 * them from the menu), the bundle host and the sidebar server on 127.0.0.1 at a random port.
 * `prepare` may edit the workbook before the sidebar opens.
 */
export async function demoSidebar(opts: { emulator?: EmulatorOptions; locale?: string; prepare?: (emulator: Emulator, host: BundleHost) => void } = {}): Promise<SidebarFixture> {
  const emulator = createEmulator({ locale: 'en', ...opts.emulator });
  const host = createBundleHost({ emulator, now: DEMO_NOW, locale: opts.locale });
  expectOk(host.call('setUpWorkbook', []), 'setUpWorkbook');
  emulator.ui.alertResponses.push('YES' as never);
  expectOk(host.call('loadDemoData', []), 'loadDemoData');
  opts.prepare?.(emulator, host);
  const server = await startSidebarServer({ host });
  return { emulator, host, server, url: server.url, close: () => server.close() };
}

function expectOk(outcome: ReturnType<BundleHost['call']>, what: string): void {
  if (!outcome.ok) throw new Error(`${what} failed: ${outcome.error.message}`);
}

export interface OpenedPage {
  page: Page;
  /** Errors thrown in the page and dialogs opened (an XSS payload that ran would show here). */
  pageErrors: string[];
  dialogs: string[];
  /** Leave the page for the worker's next file. */
  close(): Promise<void>;
}

/**
 * The worker's kept page (tests/helpers/shared-browser.ts) 300 px wide (the sidebar's width) on
 * the sidebar, waiting for its first render.
 */
export async function openSidebarPage(url: string): Promise<OpenedPage> {
  const kept = await keptPage();
  const page = await kept.take({ viewport: { width: 300, height: 900 }, timeout: 8_000 });
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  await page.getByRole('tablist').waitFor();
  return { page, pageErrors, dialogs, close: () => kept.release() };
}

/** Wait until no google.script.run call is in flight. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => ((window as unknown as { __gasPending?: number }).__gasPending ?? 0) === 0);
}

/** A sheet's rows as objects keyed by header, for asserting what the sidebar wrote. */
export function sheetRecords(emulator: Emulator, sheet: string): Record<string, unknown>[] {
  const [header, ...rows] = emulator.sheetValues(sheet);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

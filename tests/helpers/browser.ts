/**
 * Browser tests: Debian's Chromium driven by playwright-core, and the sidebar served by the local
 * harness (scripts/host) against the built bundle on an emulated demo workbook.
 * One Chromium per test file (launch in beforeAll, close in afterAll); pages are reused.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index';
import { type BundleHost, createBundleHost, type SidebarServer, startSidebarServer } from '../../scripts/host/index';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Launch Chromium; a clear message when it is not installed. playwright gives every launch a
 * fresh temporary profile (user-data dir) of its own and deletes it on close.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with \`apt-get install chromium fonts-noto-cjk\` (or set CHROMIUM_PATH to a Chromium binary).`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

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
  context: BrowserContext;
  page: Page;
  /** Errors thrown in the page and dialogs opened (an XSS payload that ran would show here). */
  pageErrors: string[];
  dialogs: string[];
}

/** A 300 px wide page (the sidebar's width) on the sidebar, waiting for its first render. */
export async function openSidebarPage(browser: Browser, url: string, opts: { locale?: string } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: opts.locale ?? 'en-US', deviceScaleFactor: 1 });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  await page.getByRole('tablist').waitFor();
  return { context, page, pageErrors, dialogs };
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

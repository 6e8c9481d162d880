/** Debian's Chromium for playwright-core: a browser of one's own (scripts) or a server to share (tests). */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserServer, chromium } from 'playwright-core';

/**
 * Debian's headless shell (Chromium's old headless mode, the one playwright itself runs headless
 * tests in) when installed: it spends about a fifth less CPU over the browser tests than the full
 * browser in headless mode. The full `chromium` works too.
 */
const DEBIAN_CHROMIUMS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || (DEBIAN_CHROMIUMS.find((path) => existsSync(path)) ?? DEBIAN_CHROMIUMS[0]);

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
  checkChromium();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Chromium as a server other processes connect to (the test run's one browser). */
export async function launchChromiumServer(): Promise<BrowserServer> {
  checkChromium();
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

function checkChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with \`apt-get install chromium-headless-shell fonts-noto-cjk\` (or set CHROMIUM_PATH to a Chromium binary).`,
    );
  }
}


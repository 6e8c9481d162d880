/**
 * Once per `vitest run`, in the main process:
 * - dist/ is built, so `vitest run` alone tests the current sources (and no test file builds again);
 * - one Chromium serves every browser test file. It is launched on the first request for it (runs
 *   without browser tests never start it); files connect to it (tests/helpers/shared-browser.ts)
 *   and each test opens contexts of its own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { build } from '../scripts/build';
import { launchChromiumServer } from './helpers/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** GET this URL for the shared Chromium's WebSocket endpoint (launched on the first GET). */
    chromiumBroker: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build();

  let launched: Promise<BrowserServer> | undefined;
  const broker = createServer((_req, res) => {
    launched ??= launchChromiumServer();
    launched.then(
      (server) => res.writeHead(200, { 'content-type': 'text/plain' }).end(server.wsEndpoint()),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  project.provide('chromiumBroker', `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`);

  return async () => {
    broker.close();
    const server = await launched?.catch(() => undefined);
    await server?.close();
  };
}

/**
 * HTTP side of the harness: `handleScriptRun` answers POST /__gas/run {name, args} with one
 * execution of the bundle; `startSidebarServer` serves dist/Sidebar.html (with the shim) and that
 * endpoint on 127.0.0.1 at a random port — what the browser tests open. The preview server
 * (npm start) mounts handleScriptRun in its own routes.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BundleHost, DIST_SIDEBAR } from './bundle-host';
import { SCRIPT_RUN_PATH, type ShimOptions, sidebarPage } from './shim';

/** Largest request body accepted (google.script.run payloads are small). */
export const MAX_BODY_BYTES = 1_000_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Is this request a google.script.run call? */
export function isScriptRunRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').split('?')[0] === SCRIPT_RUN_PATH;
}

/** Host names this server answers to: loopback only, so a DNS-rebound name is refused. */
function ownHosts(port: number): string[] {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  // Browsers leave the default port out of Host and Origin.
  return port === 80 ? [...hosts, '127.0.0.1', 'localhost', '[::1]'] : hosts;
}

/** Is the Host header this local server (127.0.0.1 / localhost at its port)? */
export function isOwnHost(req: IncomingMessage): boolean {
  return ownHosts(req.socket.localPort ?? 0).includes(String(req.headers.host ?? '').toLowerCase());
}

/**
 * Why a state-changing request must be refused, or null to accept it. Any web page the user
 * visits can post to 127.0.0.1 without asking: a text/plain form is a "simple" request with no
 * CORS preflight. Requiring application/json forces a preflight, which we never answer with
 * allow headers; a foreign Origin is refused outright; a foreign Host means DNS rebinding (the
 * page's own name pointed at 127.0.0.1, so the browser thinks it is same-origin).
 */
export function refuseForeignRequest(req: IncomingMessage): { status: number; message: string } | null {
  if (!isOwnHost(req)) return { status: 403, message: 'Refused: the Host header is not this local server.' };
  const origin = req.headers.origin;
  const own = ownHosts(req.socket.localPort ?? 0).map((h) => `http://${h}`);
  if (origin !== undefined && !own.includes(origin.toLowerCase())) return { status: 403, message: 'Refused: the request comes from another site.' };
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/json') return { status: 415, message: 'Refused: send JSON (Content-Type: application/json).' };
  return null;
}

/**
 * Answer one google.script.run call: 200 with `{ok: true, value}` or `{ok: false, error}` (the
 * failure handler's Error), 400 for a body that is not `{name: string, args: array}`, 403 for a
 * function that is not a sidebar endpoint or a request from another site (415 if not JSON), 405
 * for anything but POST.
 */
export async function handleScriptRun(req: IncomingMessage, res: ServerResponse, host: BundleHost): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    send(res, 405, { ok: false, error: { name: 'Error', message: 'POST only' } });
    return;
  }
  const refused = refuseForeignRequest(req);
  if (refused) {
    req.resume();
    send(res, refused.status, { ok: false, error: { name: 'Error', message: refused.message } });
    return;
  }
  let body: { name?: unknown; args?: unknown };
  let argsJson: string;
  try {
    body = JSON.parse(await readBody(req));
    if (!body || typeof body.name !== 'string' || !Array.isArray(body.args)) throw new Error('Expected {"name": string, "args": array}');
    argsJson = JSON.stringify(body.args);
  } catch (err) {
    send(res, 400, { ok: false, error: { name: 'Error', message: (err as Error).message } });
    return;
  }
  const name = body.name as string;
  if (!host.endpointNames().includes(name)) {
    // Only the sidebar's endpoints: not menu handlers, triggers or anything else in the bundle.
    const message = host.functionNames().includes(name) ? `${name} is not a sidebar endpoint; google.script.run may not call it.` : `Script function not found: ${name}`;
    send(res, 403, { ok: false, error: { name: 'TypeError', message } });
    return;
  }
  send(res, 200, host.run(name, argsJson));
}

export interface SidebarServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serve the sidebar and its endpoint on 127.0.0.1 (a random free port unless `port` is given).
 * The page is read from dist/Sidebar.html on every request, so a rebuild shows without restart.
 */
export async function startSidebarServer(opts: { host: BundleHost; port?: number; html?: () => string; shim?: Partial<ShimOptions> }): Promise<SidebarServer> {
  const page = () => sidebarPage(opts.html ? opts.html() : readFileSync(DIST_SIDEBAR, 'utf8'), { functions: opts.host.endpointNames(), ...opts.shim });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    // A DNS-rebound page must not read the sidebar either.
    if (!isOwnHost(req)) {
      req.resume();
      send(res, 403, { ok: false, error: { name: 'Error', message: 'Refused: the Host header is not this local server.' } });
      return;
    }
    if (isScriptRunRequest(req)) {
      handleScriptRun(req, res, opts.host).catch((err) => send(res, 500, { ok: false, error: { name: 'Error', message: String(err) } }));
      return;
    }
    if (req.method === 'GET' && (path === '/' || path === '/sidebar' || path === '/Sidebar.html')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(page());
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

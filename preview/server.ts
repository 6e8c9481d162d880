/**
 * The preview's web server: the page, the real sidebar and a small JSON API over one
 * PreviewSession. Listens on 127.0.0.1 only; answers only the routes below (anything else is
 * 404, so no path reaches the file system); request bodies are size-limited and validated;
 * requests from other sites or under another Host name are refused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod/mini';
import { isOwnHost, refuseForeignRequest } from '../scripts/host/index';
import { buildPage, type PageAssets } from './page-build';
import { PreviewSession, type SessionOptions } from './session';

export interface PreviewOptions extends SessionOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1; only loopback addresses are accepted. */
  host?: string;
}

export interface Preview {
  url: string;
  port: number;
  session: PreviewSession;
  close(): Promise<void>;
}

/** The port is in use: start.ts turns this into a one-line message. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use. Stop the other process or choose another port: npm start -- --port ${port + 1}`);
  }
}

const SMALL_BODY = 64 * 1024;
const IMPORT_BODY = 8 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MenuBody = z.object({ fn: z.string().check(z.maxLength(200)), answers: z.optional(z.array(z.string().check(z.maxLength(20))).check(z.maxLength(20))) });
const CellBody = z.object({
  sheet: z.string().check(z.minLength(1), z.maxLength(200)),
  row: z.number().check(z.int(), z.gte(1), z.lte(1_000_000)),
  col: z.number().check(z.int(), z.gte(1), z.lte(18_278)),
});
const EditBody = z.object({ ...CellBody.shape, input: z.string().check(z.maxLength(50_000)) });
const NoticeBody = z.object({ message: z.string().check(z.maxLength(5000)) });
const TriggerBody = z.object({ id: z.string().check(z.maxLength(200)) });
const ImportBody = z.object({
  text: z.string().check(z.maxLength(IMPORT_BODY)),
  apply: z.boolean(),
  mode: z.optional(z.enum(['merge', 'replace'])),
  keepUnmatched: z.optional(z.boolean()),
});

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, `Request body too large (limit ${Math.round(limit / 1024)} KB).`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `Request body too large (limit ${Math.round(limit / 1024)} KB).`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The body as JSON of this shape (the Content-Type was checked before routing). */
async function readJson<T>(req: IncomingMessage, schema: z.ZodMiniType<T>, limit = SMALL_BODY): Promise<T> {
  const text = await readBody(req, limit);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (_) {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, `Invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** The page's own frame may embed the sidebar; nobody else may frame either. */
const FRAME_POLICY = { 'content-security-policy': "frame-ancestors 'self'", 'x-frame-options': 'SAMEORIGIN' };

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Start the preview: load (or create) the workbook, build the page, listen. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`The preview listens on this machine only (127.0.0.1), not on ${host}.`);
  const session = await PreviewSession.open(options);
  const assets: PageAssets = await buildPage(session.lang);

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void> = {
    'GET /': (_req, res) => send(res, 200, 'text/html; charset=utf-8', assets.html, FRAME_POLICY),
    'GET /assets/preview.js': (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', assets.js),
    'GET /assets/preview.css': (_req, res) => send(res, 200, 'text/css; charset=utf-8', assets.css),
    'GET /favicon.ico': (_req, res) => {
      res.writeHead(204, SECURITY_HEADERS);
      res.end();
    },
    'GET /sidebar': (_req, res) => send(res, 200, 'text/html; charset=utf-8', session.sidebarPage(), FRAME_POLICY),
    'POST /__gas/run': (req, res) => session.handleScriptRun(req, res),
    'GET /api/state': (_req, res) => sendJson(res, 200, session.state()),
    'GET /api/sheet': (_req, res, url) => {
      const name = url.searchParams.get('name') ?? '';
      const view = session.sheetView(name);
      if (!view) throw new HttpError(404, `There is no sheet named "${name}".`);
      sendJson(res, 200, view);
    },
    'POST /api/menu': async (req, res) => {
      const body = await readJson(req, MenuBody);
      sendJson(res, 200, session.runMenu(body.fn, body.answers ?? []));
    },
    'POST /api/edit': async (req, res) => {
      const body = await readJson(req, EditBody);
      sendJson(res, 200, session.edit(body.sheet, body.row, body.col, body.input));
    },
    'POST /api/select': async (req, res) => {
      const body = await readJson(req, CellBody);
      sendJson(res, 200, session.select(body.sheet, body.row, body.col));
    },
    'POST /api/trigger': async (req, res) => {
      const body = await readJson(req, TriggerBody);
      sendJson(res, 200, session.runTrigger(body.id));
    },
    'POST /api/notice/dismiss': async (req, res) => {
      const body = await readJson(req, NoticeBody);
      sendJson(res, 200, session.dismissNotice(body.message));
    },
    'POST /api/sidebar/close': async (req, res) => {
      await readBody(req, SMALL_BODY);
      sendJson(res, 200, session.closeSidebar());
    },
    'POST /api/import': async (req, res) => {
      const body = await readJson(req, ImportBody, IMPORT_BODY + 4096);
      sendJson(res, 200, session.importRoster(body.text, body.apply, { mode: body.mode ?? 'merge', keepUnmatched: body.keepUnmatched ?? true }));
    },
  };

  const server: Server = createServer((req, res) => {
    // The raw path decides the route: no decoding, no normalizing, so `/../x`, `/%2e%2e/x` and
    // absolute paths match nothing and get a 404.
    const raw = req.url ?? '/';
    const path = raw.split('?')[0];
    const url = new URL(raw.startsWith('/') && !raw.startsWith('//') ? raw : '/', 'http://127.0.0.1');
    // A DNS-rebound page (its own name resolving to 127.0.0.1) must not read or change the
    // workbook; and every POST changes something, so another site may not send one (see
    // refuseForeignRequest). The page's own fetches send JSON from its own origin.
    const refused = !isOwnHost(req) ? { status: 403, message: 'Refused: the Host header is not this local server.' } : req.method === 'POST' ? refuseForeignRequest(req) : null;
    if (refused) {
      req.resume();
      sendJson(res, refused.status, { error: refused.message });
      return;
    }
    const route = routes[`${req.method} ${path}`];
    if (!route) {
      req.resume();
      const known = Object.keys(routes).some((k) => k.endsWith(` ${path}`));
      if (known) sendJson(res, 405, { error: `${req.method} is not allowed on ${path}.` });
      else send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    Promise.resolve()
      .then(() => route(req, res, url))
      .catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : 500;
        const message = err instanceof Error ? err.message : String(err);
        if (status === 500) console.error(err);
        if (!res.headersSent) sendJson(res, status, { error: message });
        else res.end();
      });
  });

  try {
    await listen(server, options.port, host);
  } catch (err) {
    session.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  return {
    url,
    port,
    session,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        session.close();
      }),
  };
}

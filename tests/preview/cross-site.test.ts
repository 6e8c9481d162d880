/**
 * The preview server against other sites: any page the user visits while `npm start` runs can
 * post to 127.0.0.1 (a text/plain form needs no CORS preflight), and a DNS-rebound name reaches
 * it as same-origin. Every state-changing route refuses those requests and writes nothing;
 * google.script.run reaches only the sidebar's endpoints. Also typed text kept as text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult, SheetView } from '../../preview/api';
import { type Preview, startPreview } from '../../preview/server';

let dir: string;
let workbookPath: string;
let preview: Preview;
let port: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koc-preview-xsite-'));
  workbookPath = join(dir, 'workbook.json');
  preview = await startPreview({ port: 0, workbookPath, log: () => undefined });
  port = String(preview.port);
});

afterAll(async () => {
  await preview?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One request with exactly these headers (Host defaults to the server's own). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
/** What the page itself sends: JSON from its own origin. */
const own = () => ({ ...JSON_TYPE, origin: `http://127.0.0.1:${port}` });

/** Every state-changing route with a body that would do something. */
const ROUTES: [string, unknown][] = [
  ['/api/menu', { fn: 'recomputeNow' }],
  ['/api/edit', { sheet: 'KOCs', row: 2, col: 2, input: 'pwned' }],
  ['/api/select', { sheet: 'KOCs', row: 2, col: 2 }],
  ['/api/trigger', { id: 'x' }],
  ['/api/sidebar/close', {}],
  ['/api/import', { text: 'KOC ID,Nickname\nKOC-999,pwned', apply: true, mode: 'replace' }],
  ['/__gas/run', { name: 'getSidebarState', args: [{}] }],
];

describe('requests from other sites', () => {
  it('are refused on every state-changing route and write nothing', async () => {
    const file = readFileSync(workbookPath, 'utf8');
    const version = preview.session.version;
    const hostile: [string, Record<string, string>, number][] = [
      ['a cross-site form (text/plain)', { 'content-type': 'text/plain', origin: 'http://evil.example' }, 403],
      ['text/plain from no origin', { 'content-type': 'text/plain' }, 415],
      ['a form encoding', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ['JSON from another origin', { ...JSON_TYPE, origin: 'http://evil.example' }, 403],
      ['JSON from another port', { ...JSON_TYPE, origin: 'http://127.0.0.1:1' }, 403],
      ['a DNS-rebound Host', { ...JSON_TYPE, host: `evil.example:${port}` }, 403],
      ['a rebound Host with a matching Origin', { ...JSON_TYPE, host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, 403],
    ];
    for (const [path, body] of ROUTES) {
      for (const [what, headers, status] of hostile) {
        const res = await send('POST', path, headers, JSON.stringify(body));
        expect(res.status, `${path}: ${what}`).toBe(status);
        expect(res.body, `${path}: ${what}`).toMatch(/Refused/);
      }
    }
    expect(preview.session.version).toBe(version);
    expect(readFileSync(workbookPath, 'utf8')).toBe(file);
    expect(JSON.stringify(preview.session.sheetView('KOCs'))).not.toContain('pwned');
  });

  it('cannot read the workbook through a DNS-rebound name either', async () => {
    for (const path of ['/api/state', '/api/sheet?name=KOCs', '/sidebar', '/']) {
      expect((await send('GET', path, { host: `evil.example:${port}` })).status, path).toBe(403);
    }
    expect((await send('GET', '/api/state', {})).status).toBe(200);
    expect((await send('GET', '/api/state', { host: `localhost:${port}` })).status).toBe(200);
  });
});

describe('google.script.run in the preview', () => {
  it('reaches only the sidebar endpoints: menu and trigger handlers are refused and write nothing', async () => {
    const file = readFileSync(workbookPath, 'utf8');
    for (const name of ['recomputeNow', 'setUpWorkbook', 'loadDemoData', 'onScheduledRecompute', 'onOpen']) {
      const res = await send('POST', '/__gas/run', own(), JSON.stringify({ name, args: [] }));
      expect(res.status, name).toBe(403);
      expect(JSON.parse(res.body), name).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a sidebar endpoint') } });
    }
    expect(readFileSync(workbookPath, 'utf8')).toBe(file);
    // The sidebar's own call still works, from either name of the server.
    const state = await send('POST', '/__gas/run', own(), JSON.stringify({ name: 'getSidebarState', args: [{}] }));
    expect(state.status).toBe(200);
    expect(JSON.parse(state.body)).toMatchObject({ ok: true });
    const viaLocalhost = await send('POST', '/__gas/run', { ...JSON_TYPE, host: `localhost:${port}`, origin: `http://localhost:${port}` }, JSON.stringify({ name: 'getTodayList', args: [{}] }));
    expect(viaLocalhost.status).toBe(200);
  });

  it('offers the sidebar page only the endpoints as methods', async () => {
    const html = (await send('GET', '/sidebar', {})).body;
    const functions: string[] = JSON.parse(/var config = (\{.*?\});/.exec(html)![1].replace(/\\u003c/g, '<')).functions;
    expect(functions).toContain('getSidebarState');
    expect(functions).not.toContain('setUpWorkbook');
    expect(functions).not.toContain('recomputeNow');
  });
});

describe('typing a leading apostrophe', () => {
  const edit = (row: number, col: number, input: string) => send('POST', '/api/edit', own(), JSON.stringify({ sheet: 'KOCs', row, col, input }));
  const cellOf = async (row: number, col: number) => {
    const view = JSON.parse((await send('GET', '/api/sheet?name=KOCs', {})).body) as SheetView;
    return view.cells[row - 1]?.[col - 1];
  };

  it("stores '=1+1 as the text =1+1 and '007 as the text 007, and edits them as typed", async () => {
    const sheet = preview.session.sheetView('KOCs')!;
    const col = sheet.lastColumn + 2;
    for (const [row, input, text] of [
      [2, "'=1+1", '=1+1'],
      [3, "'007", '007'],
      [4, "'TRUE", 'TRUE'],
    ] as const) {
      const res = await edit(row, col, input);
      expect(res.status).toBe(200);
      expect((JSON.parse(res.body) as ActionResult).ok).toBe(true);
      // Shown as the text, no formula; the formula bar shows the apostrophe, so an edit keeps it text.
      expect(await cellOf(row, col)).toMatchObject({ v: text, r: input });
    }
    // Saved as values, not formulas.
    const saved = (JSON.parse(readFileSync(workbookPath, 'utf8')) as { sheets: { name: string; values: unknown[][]; formulas?: Record<string, string> }[] }).sheets.find((s) => s.name === 'KOCs')!;
    expect([saved.values[1][col - 1], saved.values[2][col - 1], saved.values[3][col - 1]]).toEqual(['=1+1', '007', 'TRUE']);
    expect(Object.values(saved.formulas ?? {})).not.toContain('=1+1');
    // Without the apostrophe, Sheets' reading applies.
    await edit(5, col, '007');
    expect(await cellOf(5, col)).toMatchObject({ v: '7', num: true });
  });
});

describe('what one request may do', () => {
  it('an edit far outside the sheet is refused with a message, changes nothing, and the server goes on answering', async () => {
    const before = readFileSync(workbookPath, 'utf8');
    for (const [row, col] of [
      [1_000_000, 2],
      [2, 18_000],
    ]) {
      const res = await send('POST', '/api/edit', own(), JSON.stringify({ sheet: 'KOCs', row, col, input: 'x' }));
      expect(res.status).toBe(200);
      const result = JSON.parse(res.body) as ActionResult;
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/too far outside the sheet \(1000 rows × \d+ columns\)/);
    }
    expect(readFileSync(workbookPath, 'utf8')).toBe(before);
    // Within the margin the grid grows, as typing below the last row does in Sheets.
    const near = JSON.parse((await send('POST', '/api/edit', own(), JSON.stringify({ sheet: 'KOCs', row: 1005, col: 2, input: 'near' }))).body) as ActionResult;
    expect(near.ok).toBe(true);
    const state = await send('GET', '/api/state', { host: `127.0.0.1:${port}` });
    expect(state.status).toBe(200);
  });
});

/**
 * The local harness behaves like google.script.run: handler chaining, async calls, Apps Script's
 * serialization rules on arguments and return values, server errors to the failure handler, and
 * one execution (fresh globals, locks released) per call; only sidebar endpoints, only from its
 * own origin.
 */
import { request } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/index';
import { checkScriptValue, createBundleHost, type SidebarServer, startSidebarServer } from '../../scripts/host/index';
import { REGISTRY } from '../../src/server/registry';
import { type KeptPage, keptPage } from '../helpers/shared-browser';

// A tiny stand-in bundle: the harness runs any Apps Script code, not only ours.
const CODE = `
function echo(x) { return { got: x, type: Object.prototype.toString.call(x), isArray: Array.isArray(x) }; }
function boom() { throw new Error('The task is closed'); }
function aDate() { return { when: new Date(0) }; }
function nothing() {}
function lockHeld() { var l = LockService.getDocumentLock(); return l.tryLock(0); }
function helper_() { return 'private'; }
function wipe() { return 'a menu handler the page must not reach'; }
`;
const ENDPOINTS = ['echo', 'boom', 'aDate', 'nothing', 'lockHeld'];

let kept: KeptPage;
let server: SidebarServer;
let page: Page;
const emulator = createEmulator();
const host = createBundleHost({ emulator, code: CODE, endpoints: ENDPOINTS });

beforeAll(async () => {
  kept = await keptPage();
  server = await startSidebarServer({ host, html: () => '<!doctype html><html lang="en"><head><title>t</title></head><body><p>harness</p></body></html>' });
  page = await kept.take();
  await page.goto(server.url);
});

afterAll(async () => {
  await server?.close();
  await kept?.release();
});

/** Run a google.script.run call in the page and collect what the handlers receive. */
function inPage(script: string): Promise<unknown> {
  return page.evaluate(
    (body) =>
      new Promise((resolve) => {
        const run = (window as unknown as { google: { script: { run: any } } }).google.script.run;
        new Function('run', 'resolve', body)(run, resolve);
      }),
    script,
  );
}

describe('google.script.run shim', () => {
  it('lists the bundle’s public functions, not private helpers_, and offers only the endpoints', async () => {
    expect(host.functionNames()).toEqual([...ENDPOINTS, 'wipe']);
    expect(host.endpointNames()).toEqual(ENDPOINTS);
    expect(await inPage(`resolve(typeof run.wipe + ' ' + typeof run.echo);`)).toBe('undefined function');
  });

  it('offers the built bundle’s sidebar endpoints by default, never menu or trigger handlers', () => {
    const built = createBundleHost({ emulator: createEmulator() });
    const endpoints = REGISTRY.filter((f) => f.kind === 'endpoint').map((f) => f.name);
    expect([...built.endpointNames()].sort()).toEqual([...endpoints].sort());
    expect(built.functionNames()).toEqual(expect.arrayContaining(['setUpWorkbook', 'recomputeNow']));
    expect(built.endpointNames()).not.toContain('setUpWorkbook');
    expect(built.endpointNames()).not.toContain('recomputeNow');
  });

  it('delivers the value and the user object to the success handler, asynchronously', async () => {
    const got = await inPage(`
      var order = [];
      run.withSuccessHandler(function (v, u) { order.push('success'); resolve({ v: v, u: u, order: order }); })
         .withUserObject({ row: 7 })
         .echo({ a: [1, 'x', null, true], b: { c: 'd' } });
      order.push('after call');
    `);
    expect(got).toEqual({
      v: { got: { a: [1, 'x', null, true], b: { c: 'd' } }, type: '[object Object]', isArray: false },
      u: { row: 7 },
      order: ['after call', 'success'],
    });
  });

  it('gives each with… call a new runner (handlers do not leak between calls)', async () => {
    const got = await inPage(`
      var a = run.withSuccessHandler(function () { resolve('a'); });
      var b = run.withFailureHandler(function () {});
      resolve(a === run || b === run || typeof b.withSuccessHandler !== 'function' ? 'shared' : 'separate');
    `);
    expect(got).toBe('separate');
  });

  it('refuses Dates, functions, DOM elements and undefined in the arguments, synchronously', async () => {
    const got = await inPage(`
      var out = [];
      [[new Date()], [{ when: new Date() }], [function () {}], [[1, document.body]], [{ a: undefined }], [[1, undefined]]].forEach(function (args) {
        try { run.echo.apply(null, args); out.push('sent'); } catch (e) { out.push(e.message); }
      });
      resolve(out);
    `);
    expect(got).toEqual([
      'Failed due to illegal value in property: 0',
      'Failed due to illegal value in property: 0.when',
      'Failed due to illegal value in property: 0',
      'Failed due to illegal value in property: 0.1',
      'Failed due to illegal value in property: 0.a',
      'Failed due to illegal value in property: 0.1',
    ]);
  });

  it('sends the server a copy made in its own realm', async () => {
    const got = await inPage(`run.withSuccessHandler(resolve).echo([1, 2]);`);
    expect(got).toEqual({ got: [1, 2], type: '[object Array]', isArray: true });
  });

  it('delivers a server error to the failure handler as an Error with the server’s message', async () => {
    const got = await inPage(`
      run.withSuccessHandler(function () { resolve('success?'); })
         .withFailureHandler(function (e, u) { resolve({ isError: e instanceof Error, message: e.message, u: u }); })
         .withUserObject('ctx')
         .boom();
    `);
    expect(got).toEqual({ isError: true, message: 'The task is closed', u: 'ctx' });
  });

  it('returns null for a value Apps Script cannot carry back (a Date) and for no value', async () => {
    expect(await inPage(`run.withSuccessHandler(function (v) { resolve({ v: v }); }).aDate();`)).toEqual({ v: null });
    expect(await inPage(`run.withSuccessHandler(function (v) { resolve({ v: v }); }).nothing();`)).toEqual({ v: null });
    expect(host.log.find((r) => r.name === 'aDate')?.outcome).toMatchObject({ ok: true, value: null, warning: expect.stringContaining('Date at when') });
  });

  it('has no method for a private helper_', async () => {
    expect(await inPage(`resolve(typeof run.helper_);`)).toBe('undefined');
  });

  it('runs each call as its own execution: a lock taken by one call is released when it ends', async () => {
    expect(await inPage(`run.withSuccessHandler(resolve).lockHeld();`)).toBe(true);
    expect(await inPage(`run.withSuccessHandler(resolve).lockHeld();`)).toBe(true);
  });

  it('provides google.script.host', async () => {
    expect(await inPage(`google.script.host.close(); resolve({ closed: window.__gasHostClosed, origin: google.script.host.origin });`)).toEqual({ closed: true, origin: server.url.replace(/\/$/, '') });
  });
});

describe('the HTTP endpoint', () => {
  const post = (body: string, method = 'POST', headers: Record<string, string> = { 'Content-Type': 'application/json' }, path = '__gas/run') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method, headers }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('answers unknown functions, bad bodies and other methods clearly', async () => {
    expect(JSON.parse((await post(JSON.stringify({ name: 'helper_', args: [] }))).body)).toEqual({ ok: false, error: { name: 'TypeError', message: 'Script function not found: helper_' } });
    expect(await post('{nope')).toMatchObject({ status: 400 });
    expect(await post(JSON.stringify({ name: 'echo', args: 'x' }))).toMatchObject({ status: 400 });
    expect(await post('', 'GET')).toMatchObject({ status: 405 });
  });

  it('refuses another site, a foreign Host, a non-JSON body and a non-endpoint, running nothing', async () => {
    const port = new URL(server.url).port;
    const echo = JSON.stringify({ name: 'echo', args: [1] });
    const ran = () => host.log.length;
    const before = ran();
    const json = { 'Content-Type': 'application/json' };
    // A form on any page the user visits: text/plain needs no CORS preflight.
    expect(await post(echo, 'POST', { 'Content-Type': 'text/plain' })).toMatchObject({ status: 415 });
    expect(await post(echo, 'POST', {})).toMatchObject({ status: 415 });
    expect(await post(echo, 'POST', { ...json, Origin: 'http://evil.example' })).toMatchObject({ status: 403, body: expect.stringContaining('another site') });
    expect(await post(echo, 'POST', { ...json, Origin: 'null' })).toMatchObject({ status: 403 });
    // DNS rebinding: the attacker's name resolves to 127.0.0.1.
    expect(await post(echo, 'POST', { ...json, Host: `evil.example:${port}` })).toMatchObject({ status: 403, body: expect.stringContaining('Host') });
    expect(await post('', 'GET', { Host: `evil.example:${port}` }, '')).toMatchObject({ status: 403 });
    // A top-level function that is not a sidebar endpoint.
    const wipe = await post(JSON.stringify({ name: 'wipe', args: [] }));
    expect(wipe.status).toBe(403);
    expect(JSON.parse(wipe.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a sidebar endpoint') } });
    expect(ran()).toBe(before);
    // The server's own origin, under either name, is served.
    expect(await post(echo, 'POST', { ...json, Origin: `http://127.0.0.1:${port}` })).toMatchObject({ status: 200 });
    expect(await post(echo, 'POST', { ...json, Origin: `http://localhost:${port}`, Host: `localhost:${port}` })).toMatchObject({ status: 200 });
    expect(await post(echo, 'POST', { 'Content-Type': 'application/json; charset=utf-8' })).toMatchObject({ status: 200 });
    expect(ran()).toBe(before + 3);
  });
});

describe('checkScriptValue', () => {
  it('finds what google.script.run cannot carry, with its path', () => {
    expect(checkScriptValue({ a: [1, { b: new Date() }] })).toEqual({ path: 'a.1.b', kind: 'Date' });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(checkScriptValue(loop)).toEqual({ path: 'self', kind: 'circular reference' });
    expect(checkScriptValue({ a: undefined })).toBeNull();
    expect(checkScriptValue({ a: undefined }, true)).toEqual({ path: 'a', kind: 'undefined' });
    expect(checkScriptValue({ a: [1, 'x', null, { b: true }] })).toBeNull();
  });
});

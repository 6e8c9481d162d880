/**
 * Every public function is a real top-level function of dist/Code.js with its JSDoc directly
 * above it, callable by its global name in a bare V8 context, as Apps Script calls it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsDoc } from '../../scripts/stubs';
import { REGISTRY } from '../../src/server/registry';
import { builtCode, runBundle } from '../helpers/bundle';

const code = builtCode();

describe('dist/Code.js', () => {
  it('has registry entries of every kind Apps Script calls', () => {
    const kinds = new Set(REGISTRY.map((f) => f.kind));
    for (const kind of ['customFunction', 'simpleTrigger', 'menu', 'trigger', 'endpoint'] as const) expect(kinds).toContain(kind);
    expect(REGISTRY.map((f) => f.name)).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'setUpWorkbook', 'KOC_SCORE']));
  });

  it.each(REGISTRY.map((f) => [f.name, f] as const))('%s is a top-level function with its JSDoc directly above', (name, fn) => {
    const params = fn.params.map((p) => p.name).join(', ');
    const stub = `${renderJsDoc(fn)}\nfunction ${name}(${params}) {\n  return KOCOps.api.${name}(...arguments);\n}`;
    expect(code).toContain(stub);
    const run = runBundle();
    const global = (run.context as Record<string, unknown>)[name];
    expect(typeof global).toBe('function');
    expect((global as (...a: unknown[]) => unknown).length).toBe(fn.params.length);
  });

  it('documents every custom function for Sheets help', () => {
    for (const fn of REGISTRY.filter((f) => f.kind === 'customFunction')) {
      const doc = renderJsDoc(fn);
      expect(doc).toContain('@customfunction');
      expect(doc).toMatch(/@return \{[^}]+\} \S/);
      for (const p of fn.params) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} \\[?${p.name}\\]? \\S`));
    }
  });

  it('exposes nothing of Node or the browser to the bundle', () => {
    const run = runBundle();
    const probe = run.context as Record<string, unknown>;
    for (const name of ['require', 'process', 'module', 'Buffer', 'fetch', 'setTimeout', 'TextEncoder', 'URL']) expect(probe[name]).toBeUndefined();
  });

  it('is ES2019 without identifier minification', () => {
    expect(code.startsWith('"use strict";var KOCOps=(()=>{')).toBe(true);
    expect(code).not.toMatch(/\?\?|\?\.[a-zA-Z_$(]/); // ES2020 syntax Apps Script does not promise
    expect(code).toContain('function tierFor');
  });

  it('onOpen builds the add-on menu from the registry in AuthMode.NONE', () => {
    const run = runBundle({ exec: { authMode: 'NONE' }, emulatorOptions: { locale: 'zh-CN' } });
    run.call('onOpen', { authMode: 'NONE' });
    const menu = run.emulator.ui.menus.at(-1)!;
    const items = menu.items.filter((i): i is { caption: string; functionName: string } => 'caption' in i);
    const expected = REGISTRY.filter((f) => f.kind === 'menu').sort((a, b) => a.menu!.order - b.menu!.order);
    expect(items.map((i) => i.functionName)).toEqual(expected.map((f) => f.name));
    expect(items.map((i) => i.caption)).toEqual(expected.map((f) => f.menu!.zh));
  });
});

describe('clasp', () => {
  it('pushes exactly Code.js, appsscript.json and Sidebar.html', () => {
    const out = execFileSync(join(__dirname, '../../node_modules/.bin/clasp'), ['show-file-status', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const status = JSON.parse(out.slice(out.indexOf('{')));
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json']);
  });
});

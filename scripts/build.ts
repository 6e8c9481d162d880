/**
 * npm run build: dist/Code.js (one IIFE plus generated top-level stubs), dist/appsscript.json and
 * dist/Sidebar.html (script and CSS inlined). Prints the sizes.
 */
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { REGISTRY } from '../src/server/registry';
import { renderStubs } from './stubs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** Apps Script's V8 promises ES2019 and nothing of the browser or Node. */
const APPS_SCRIPT_TARGET = 'es2019';
export const BUNDLE_GLOBAL = 'KOCOps';

export async function buildCode(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/server/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: APPS_SCRIPT_TARGET,
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const bundle = result.outputFiles[0].text;
  return `${bundle}\n${renderStubs(REGISTRY, BUNDLE_GLOBAL)}`;
}

/** A Preact app bundled for the browser into one script (the sidebar, the preview page). */
export async function bundleBrowserApp(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

export async function buildSidebar(): Promise<string> {
  const template = readFileSync(join(root, 'sidebar/index.html'), 'utf8');
  const js = await bundleBrowserApp(join(root, 'sidebar/main.tsx'));
  const css = existsSync(join(root, 'sidebar/styles.css')) ? readFileSync(join(root, 'sidebar/styles.css'), 'utf8') : '';
  // Inline text must not close its own element early.
  const script = js.replace(/<\/script/gi, '<\\/script');
  const style = css.replace(/<\/style/gi, '<\\/style');
  return template.replace('/*INLINE_CSS*/', () => style).replace('/*INLINE_JS*/', () => script);
}

/** dist/: Code.js, Sidebar.html and the manifest (the test run's global setup calls this too). */
export async function build(): Promise<void> {
  mkdirSync(dist, { recursive: true });
  const [code, sidebar] = await Promise.all([buildCode(), buildSidebar()]);
  writeFileSync(join(dist, 'Code.js'), code);
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
  writeFileSync(join(dist, 'Sidebar.html'), sidebar);
  const kb = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`;
  console.log(`dist/Code.js      ${kb(code)}  (${REGISTRY.length} public functions)`);
  console.log(`dist/Sidebar.html ${kb(sidebar)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

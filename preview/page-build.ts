/** The preview page, built by esbuild when the server starts (a fraction of a second). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowserApp } from '../scripts/build';
import { type Lang, pt } from './text';

const here = dirname(fileURLToPath(import.meta.url));

export interface PageAssets {
  html: string;
  js: string;
  css: string;
}

/** The page's script, built once per process (every preview started in it serves the same page). */
let script: Promise<string> | undefined;

/** The page in the preview's language: `<html lang>` tells the script which one to speak. */
export async function buildPage(lang: Lang = 'en'): Promise<PageAssets> {
  script ??= bundleBrowserApp(join(here, 'page/main.tsx')).catch((err: unknown) => {
    script = undefined;
    throw err;
  });
  const js = await script;
  const css = readFileSync(join(here, 'page/styles.css'), 'utf8');
  const html = `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${pt(lang, 'pageTitle')}</title>
<link rel="stylesheet" href="/assets/preview.css">
</head>
<body>
<div id="app"></div>
<script src="/assets/preview.js"></script>
</body>
</html>
`;
  return { html, js, css };
}

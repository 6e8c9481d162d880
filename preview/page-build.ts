/** The preview page, built by esbuild when the server starts (a fraction of a second). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowserApp } from '../scripts/build';

const here = dirname(fileURLToPath(import.meta.url));

export interface PageAssets {
  html: string;
  js: string;
  css: string;
}

export async function buildPage(): Promise<PageAssets> {
  const js = await bundleBrowserApp(join(here, 'page/main.tsx'));
  const css = readFileSync(join(here, 'page/styles.css'), 'utf8');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KOC Ops — local preview</title>
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

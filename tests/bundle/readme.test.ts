import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { updateReadme } from '../../scripts/readme';
import { KOCS } from '../../src/core/record';
import { columnLetter } from '../../src/sheets/headers';

it('README lists every custom function and menu item of the registry (run npm run readme)', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  expect(updateReadme(readme)).toBe(readme);
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm ci && npm test');
});

it('examples of roster ranges in the README, the formula help and the messages end at the roster’s last column', () => {
  const lastColumn = columnLetter(KOCS.columns.length - 1);
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
  const ranges = [...`${readme}\n${code}`.matchAll(/KOCs!\$?A\$?[12]:\$?([A-Z]+)\$?\d*/g)].map((m) => m[1]);
  expect(ranges.length).toBeGreaterThan(8);
  expect(new Set(ranges)).toEqual(new Set([lastColumn]));
});

it('README lists every option of npm start (scripts/start.ts)', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const start = readFileSync(join(__dirname, '../../scripts/start.ts'), 'utf8');
  const options = [...start.slice(start.indexOf('options: {')).matchAll(/^\s+(\w+): \{ type:/gm)].map((m) => m[1]).filter((o) => o !== 'help');
  expect(options).toEqual(expect.arrayContaining(['port', 'workbook', 'reset', 'locale']));
  for (const o of options) expect(readme).toContain(`--${o}`);
});

it('README pictures exist, in English and Chinese (made by npm run screenshots)', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const pictures = [...readme.matchAll(/\]\((docs\/[\w-]+\.png)\)/g)].map((m) => m[1]);
  expect(pictures.some((p) => p.startsWith('docs/en-'))).toBe(true);
  expect(pictures.some((p) => p.startsWith('docs/zh-'))).toBe(true);
  for (const p of pictures) expect(existsSync(join(__dirname, '../..', p)), p).toBe(true);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { updateReadme } from '../../scripts/readme';

it('README lists every custom function and menu item of the registry (run npm run readme)', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  expect(updateReadme(readme)).toBe(readme);
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm ci && npm test');
});

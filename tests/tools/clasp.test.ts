/**
 * What `npm run push` sends, asked of clasp itself (its file list from .clasp.json and
 * .claspignore, offline), and that it forces the manifest: a new project's manifest differs from
 * ours, and clasp without a terminal answers its question No.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/bundle';

const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as unknown;

describe('what npm run push sends', () => {
  it('clasp pushes exactly the built Code.js, Sidebar.html and appsscript.json from dist/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koc-clasp-'));
    for (const f of ['.clasp.json', '.claspignore']) copyFileSync(join(ROOT, f), join(dir, f));
    mkdirSync(join(dir, 'dist/old'), { recursive: true });
    for (const f of ['Code.js', 'Sidebar.html', 'appsscript.json']) copyFileSync(join(DIST, f), join(dir, 'dist', f));
    // Leftovers a build folder may hold are not pushed.
    writeFileSync(join(dir, 'dist/old/Code.js'), '// stale');
    writeFileSync(join(dir, 'dist/notes.md'), 'notes');
    writeFileSync(join(dir, 'dist/extra.html'), '<p>');
    const out = execFileSync(process.execPath, [join(ROOT, 'node_modules/@google/clasp/build/src/index.js'), 'status', '--json'], {
      cwd: dir,
      // No credentials are needed to list files; an empty home keeps the user's own out of it.
      env: { ...process.env, HOME: dir, USERPROFILE: dir },
      encoding: 'utf8',
    });
    const status = JSON.parse(out) as { filesToPush: string[] };
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json']);
  }, 90_000);

  it('forces the manifest, so the first push of a new project is not skipped', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.push).toMatch(/^npm run build && clasp push (?:--force|-f)$/);
    expect(JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'))).toEqual(manifest);
  });
});

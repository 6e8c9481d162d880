/**
 * The first deploy, checked offline: what `npm run push` sends (clasp's own file list from
 * .clasp.json and .claspignore), that it forces the manifest (a new project's manifest differs
 * from ours, and clasp without a terminal answers its question No), that the manifest asks for
 * exactly the scopes of the Apps Script services the built bundle calls, and that the menu is
 * named "KOC Ops" in a bound script.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/index';
import { builtCode, DIST, execOnce } from '../helpers/bundle';

const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[]; runtimeVersion: string };

/** Each scope and the service calls that need it (the bundle's code is scanned for them). */
const SCOPES: { scope: string; needed: RegExp }[] = [
  { scope: 'https://www.googleapis.com/auth/spreadsheets.currentonly', needed: /\bSpreadsheetApp\.getActive(?:Spreadsheet|Sheet|Range)\b/ },
  { scope: 'https://www.googleapis.com/auth/script.container.ui', needed: /\.(?:showSidebar|showModalDialog|alert|toast)\(|\bgetUi\(\)/ },
  { scope: 'https://www.googleapis.com/auth/script.scriptapp', needed: /\bScriptApp\.(?:newTrigger|getUserTriggers|getProjectTriggers|deleteTrigger)\b/ },
  { scope: 'https://www.googleapis.com/auth/userinfo.email', needed: /\bSession\.getActiveUser\(\)\.getEmail\(\)/ },
];
/** Services that would need a scope the manifest must not ask for: the bundle calls none of them. */
const NOT_CALLED = /\b(?:UrlFetchApp|GmailApp|MailApp|DriveApp|DocumentApp|CalendarApp|FormApp|SpreadsheetApp\.open(?:ById|ByUrl)?)\b/;

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

describe('the manifest', () => {
  it('asks for exactly the scopes of the services the built bundle calls', () => {
    const code = builtCode();
    const needed = SCOPES.filter((s) => s.needed.test(code)).map((s) => s.scope);
    expect([...manifest.oauthScopes].sort()).toEqual([...needed].sort());
    expect(code).not.toMatch(NOT_CALLED);
    expect(manifest.runtimeVersion).toBe('V8');
  });
});

describe('the menu in a bound script', () => {
  it.each([
    ['en', 'KOC Ops', 'Open sidebar'],
    ['zh-CN', 'KOC Ops', '打开侧边栏'],
  ])('is called KOC Ops in the menu bar (%s), not the project title under Extensions', (locale, title, first) => {
    const em = createEmulator({ locale });
    execOnce(em, 'onOpen', [{ authMode: 'LIMITED' }]);
    expect(em.ui.menus).toHaveLength(1);
    expect(em.ui.menus[0].name).toBe(title);
    expect(em.ui.menus[0].addon).toBeFalsy();
    expect(em.ui.menus[0].items[0]).toMatchObject({ caption: first, functionName: 'openSidebar' });
  });
});

/**
 * The first deploy, checked offline: the manifest asks for exactly the scopes of the Apps Script
 * services the built bundle calls, and the menu is named "KOC Ops" in a bound script. (What
 * `npm run push` sends, by clasp itself: tests/tools/clasp.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/index';
import { builtCode, execOnce } from '../helpers/bundle';

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

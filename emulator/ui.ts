/** Ui (menus, alerts, prompts, sidebars, dialogs) and HtmlService (outputs and scriptlet templates). */
import { fail } from './runtime';
import { type MenuItem, Svc } from './state';

const enumOf = (...names: string[]) => Object.fromEntries(names.map((n) => [n, n]));
export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
const FIRST_BUTTON: Record<string, string> = { OK: 'OK', OK_CANCEL: 'OK', YES_NO: 'YES', YES_NO_CANCEL: 'YES' };

export class Ui extends Svc {
  static gasName = 'Ui';
  Button = Button;
  ButtonSet = ButtonSet;

  createMenu(caption: string): Menu {
    return this._wrap(new Menu(this._s, this._x, String(caption), false));
  }
  createAddonMenu(): Menu {
    return this._wrap(new Menu(this._s, this._x, this._s.options.addonName, true));
  }
  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(...args: unknown[]): string {
    const { title, prompt, buttons } = dialogArgs(args, 'Ui.alert');
    this._s.ui.alerts.push({ title, prompt, buttons });
    return this._s.ui.alertResponses.shift() ?? FIRST_BUTTON[buttons] ?? 'OK';
  }
  prompt(...args: unknown[]): PromptResponse {
    const { title, prompt, buttons } = dialogArgs(args, 'Ui.prompt');
    this._s.ui.prompts.push({ title, prompt, buttons });
    const answer = this._s.ui.promptResponses.shift() ?? {};
    return this._wrap(new PromptResponse(this._s, this._x, answer.button ?? FIRST_BUTTON[buttons] ?? 'OK', answer.text ?? ''));
  }
  showSidebar(output: HtmlOutput): void {
    const o = htmlOf(output, 'Ui.showSidebar');
    this._s.ui.sidebars.push({ title: o._title, html: o._content, width: o._width });
  }
  showModalDialog(output: HtmlOutput, title: string): void {
    const o = htmlOf(output, 'Ui.showModalDialog');
    this._s.ui.dialogs.push({ title: String(title ?? o._title), html: o._content, width: o._width, height: o._height, modal: true });
  }
  showModelessDialog(output: HtmlOutput, title: string): void {
    const o = htmlOf(output, 'Ui.showModelessDialog');
    this._s.ui.dialogs.push({ title: String(title ?? o._title), html: o._content, width: o._width, height: o._height, modal: false });
  }
  showDialog(output: HtmlOutput): void {
    const o = htmlOf(output, 'Ui.showDialog');
    this._s.ui.dialogs.push({ title: o._title, html: o._content, width: o._width, height: o._height, modal: true });
  }
}

function dialogArgs(args: unknown[], method: string): { title: string; prompt: string; buttons: string } {
  const isSet = (x: unknown) => typeof x === 'string' && x in ButtonSet;
  if (args.length === 1) return { title: '', prompt: String(args[0]), buttons: 'OK' };
  if (args.length === 2 && isSet(args[1])) return { title: '', prompt: String(args[0]), buttons: String(args[1]) };
  if (args.length === 3 && isSet(args[2])) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
  return fail(`The parameters (${args.map((a) => typeof a).join(',')}) don't match the method signature for ${method}.`);
}

function htmlOf(output: unknown, method: string): HtmlOutput {
  if (!(output instanceof HtmlOutput)) fail(`The parameters (${typeof output}) don't match the method signature for ${method}.`);
  return output;
}

export class PromptResponse extends Svc {
  static gasName = 'PromptResponse';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _button: string,
    readonly _text: string,
  ) {
    super(s, x);
  }
  getSelectedButton(): string {
    return this._button;
  }
  getResponseText(): string {
    return this._text;
  }
}

export class Menu extends Svc {
  static gasName = 'Menu';
  _items: MenuItem[] = [];
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _name: string,
    readonly _addon: boolean,
  ) {
    super(s, x);
  }
  addItem(caption: string, functionName: string): Menu {
    if (typeof functionName !== 'string' || functionName === '') fail('Invalid argument: functionName');
    this._items.push({ caption: String(caption), functionName });
    return this;
  }
  addSeparator(): Menu {
    this._items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    this._items.push({ caption: menu._name, submenu: [...menu._items] });
    return this;
  }
  addToUi(): void {
    const menus = this._s.ui.menus;
    const entry = { name: this._name, items: [...this._items], ...(this._addon ? { addon: true } : {}) };
    const i = menus.findIndex((m) => m.name === this._name);
    if (i >= 0) menus[i] = entry;
    else menus.push(entry);
  }
}

// ---------------------------------------------------------------- HtmlService

const SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');
const XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export class HtmlService extends Svc {
  static gasName = 'HtmlService';
  SandboxMode = SandboxMode;
  XFrameOptionsMode = XFrameOptionsMode;

  _file(name: string): string {
    const files = this._s.htmlFiles;
    const html = files.get(name) ?? files.get(String(name).replace(/\.html$/, ''));
    if (html === undefined) fail(`No HTML file named ${name} was found.`);
    return html;
  }
  createHtmlOutput(html?: unknown): HtmlOutput {
    const o = new HtmlOutput(this._s, this._x);
    if (html instanceof HtmlTemplate) o._content = html._evaluate();
    else if (html !== undefined && html !== null) o._content = String(html);
    return this._wrap(o);
  }
  createHtmlOutputFromFile(name: string): HtmlOutput {
    const o = new HtmlOutput(this._s, this._x);
    o._content = this._file(name);
    return this._wrap(o);
  }
  createTemplate(html: string): HtmlTemplate {
    return this._wrap(new HtmlTemplate(this._s, this._x, String(html)));
  }
  createTemplateFromFile(name: string): HtmlTemplate {
    return this._wrap(new HtmlTemplate(this._s, this._x, this._file(name)));
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (emulator)';
  }
}

export class HtmlOutput extends Svc {
  static gasName = 'HtmlOutput';
  _content = '';
  _title = '';
  _width?: number;
  _height?: number;
  _sandbox = 'IFRAME';
  _xframe = 'DEFAULT';
  _meta: { name: string; content: string }[] = [];
  _favicon = '';

  getContent(): string {
    return this._content;
  }
  setContent(html: string): HtmlOutput {
    this._content = String(html);
    return this;
  }
  append(html: string): HtmlOutput {
    this._content += String(html);
    return this;
  }
  appendUntrusted(text: string): HtmlOutput {
    this._content += escapeHtml(String(text));
    return this;
  }
  clear(): HtmlOutput {
    this._content = '';
    return this;
  }
  setTitle(title: string): HtmlOutput {
    this._title = String(title);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setWidth(w: number): HtmlOutput {
    this._width = Number(w);
    return this;
  }
  getWidth(): number {
    return this._width ?? 0;
  }
  setHeight(h: number): HtmlOutput {
    this._height = Number(h);
    return this;
  }
  getHeight(): number {
    return this._height ?? 0;
  }
  setSandboxMode(mode: string): HtmlOutput {
    this._sandbox = String(mode);
    return this;
  }
  setXFrameOptionsMode(mode: string): HtmlOutput {
    this._xframe = String(mode);
    return this;
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this._meta.push({ name: String(name), content: String(content) });
    return this;
  }
  getMetaTags(): { getName(): string; getContent(): string }[] {
    return this._meta.map((m) => ({ getName: () => m.name, getContent: () => m.content }));
  }
  setFaviconUrl(url: string): HtmlOutput {
    this._favicon = String(url);
    return this;
  }
  getFaviconUrl(): string {
    return this._favicon;
  }
  asTemplate(): HtmlTemplate {
    return this._wrap(new HtmlTemplate(this._s, this._x, this._content));
  }
}

/**
 * Scriptlets: `<?= expr ?>` (escaped), `<?!= expr ?>` (raw), `<? code ?>` (statements). The
 * template's own properties are in scope; with a vm realm the code is compiled inside it so the
 * bundle's globals (e.g. an include() helper) resolve too.
 */
export class HtmlTemplate extends Svc {
  static gasName = 'HtmlTemplate';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _source: string,
  ) {
    super(s, x);
  }
  getCode(): string {
    return compileTemplate(this._source);
  }
  _evaluate(): string {
    const scope: Record<string, unknown> = {};
    for (const k of Object.keys(this)) if (!k.startsWith('_')) scope[k] = (this as unknown as Record<string, unknown>)[k];
    const params = ['__scope', '__esc'];
    const body = `with (__scope) { ${compileTemplate(this._source)} }`;
    const fn = this._x.realm.compile ? this._x.realm.compile(params, body) : (new Function(...params, body) as (...a: unknown[]) => unknown);
    const esc = (v: unknown) => escapeHtml(v === undefined || v === null ? '' : String(v));
    return String(fn(scope, esc));
  }
  evaluate(): HtmlOutput {
    const o = new HtmlOutput(this._s, this._x);
    o._content = this._evaluate();
    return this._wrap(o);
  }
}

function compileTemplate(src: string): string {
  let code = "var __out = '';\n";
  const re = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m.index > last) code += `__out += ${JSON.stringify(src.slice(last, m.index))};\n`;
    if (m[1] === '=') code += `__out += __esc(${m[2]});\n`;
    else if (m[1] === '!=') code += `__out += (function (v) { return v === undefined || v === null ? '' : String(v); })(${m[2]});\n`;
    else code += `${m[2]}\n`;
    last = re.lastIndex;
  }
  if (last < src.length) code += `__out += ${JSON.stringify(src.slice(last))};\n`;
  return `${code}return __out;`;
}

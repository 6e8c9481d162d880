/**
 * One preview session: the emulated workbook, the built bundle and everything the page can do
 * with them. Every menu item, sidebar call and trigger is one Apps Script execution of
 * dist/Code.js on the emulator; every `=KOC_…()` cell is evaluated by the bundle in a
 * CUSTOM_FUNCTION execution. Every change is saved to the workbook file at once.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator, type WorkbookJSON } from '../emulator/index';
import { loadBundle } from '../emulator/vm';
import { type BundleHost, createBundleHost, handleScriptRun, sidebarPage } from '../scripts/host/index';
import { mapHeaders } from '../src/sheets/headers';
import { enumValue, normalizeHeader, SHEETS, sheetDef, sheetNames, STAGES, TIERS } from '../src/sheets/schema';
import type { ActionResult, AlertView, CellView, ChartView, ImportResultView, MenuEntry, MenuView, Notice, SheetView, StateView, ToastView, TriggerView } from './api';
import { parseTyped } from './cells';
import { a1, boxContains, columnIndex, columnLetters } from './formula';
import { messageOf, PreviewFormulas } from './evaluate';
import { applyImport, checkImport, type ImportOptions } from './import';
import { loadWorkbookFile, saveWorkbookFile } from './store';
import { type Lang, langOfLocale, pt } from './text';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = resolve(here, '../dist');

export interface SessionOptions {
  /** The workbook file (created on first run). */
  workbookPath: string;
  /** Start again from the demo workbook (the current file is replaced). */
  reset?: boolean;
  /** The user's locale for Session.getActiveUserLocale (menu and sheet language). Default en_US. */
  locale?: string;
  /** The bundle and sidebar to run; default dist/Code.js and dist/Sidebar.html. */
  code?: string;
  sidebarHtml?: string;
  /** The clock the bundle sees; default the real one. */
  now?: () => Date;
  /** Where start-up messages go; default console.log. */
  log?: (line: string) => void;
}

/** The view shows at most this many rows (and says how many more there are). */
const MAX_VIEW_ROWS = 2000;
const MAX_TOASTS = 20;


export class PreviewSession {
  readonly workbookPath: string;
  version = 0;
  private emulator!: Emulator;
  private readonly code: string;
  private readonly sidebarHtml: string;
  /** The clock executions see; undefined: the real one. */
  private readonly now: () => Date | undefined;
  private readonly log: (line: string) => void;
  private readonly locale: string;
  /** The language of the page around the add-on (its dialogs, notices and messages). */
  readonly lang: Lang;
  private host!: BundleHost;
  private notices: Notice[] = [];
  private toasts: ToastView[] = [];
  private toastSeq = 0;
  private toastsSeen = 0;
  private sidebarOpen = false;
  /** The formula cells: their last results, notes, and which ran in the current action. */
  private readonly calc: PreviewFormulas;

  private constructor(options: SessionOptions) {
    this.workbookPath = resolve(options.workbookPath);
    this.code = options.code ?? readFileSync(join(DIST, 'Code.js'), 'utf8');
    this.sidebarHtml = options.sidebarHtml ?? readFileSync(join(DIST, 'Sidebar.html'), 'utf8');
    this.now = options.now ?? (() => undefined);
    this.log = options.log ?? ((line) => console.log(line));
    this.locale = options.locale ?? 'en_US';
    this.lang = langOfLocale(this.locale);
    this.calc = new PreviewFormulas({ emulator: () => this.emulator, admin: () => this.admin(), code: this.code, now: () => this.now(), lang: this.lang });
  }

  /** Load the workbook file (or make it from the demo workbook) and open the spreadsheet (onOpen). */
  static async open(options: SessionOptions): Promise<PreviewSession> {
    const s = new PreviewSession(options);
    s.emulator = s.newEmulator();
    let fresh = true;
    if (!options.reset) {
      const loaded = loadWorkbookFile(s.workbookPath, (json) => s.emulator.load(json as WorkbookJSON));
      if (loaded.kind === 'ok') fresh = false;
      else if (loaded.kind === 'bad') {
        s.emulator = s.newEmulator();
        const message = pt(s.lang, 'badFile', { path: s.workbookPath, message: loaded.message, kept: loaded.keptAs });
        s.notices.push({ level: 'error', message });
        s.log(`! ${message}`);
      }
    }
    s.host = createBundleHost({ emulator: s.emulator, code: s.code, now: options.now });
    s.openSpreadsheet();
    if (fresh) s.makeDemoWorkbook(options.reset === true);
    else s.upgradeLiveFormulas();
    s.calc.refresh();
    s.calc.recalculated = [];
    s.toastsSeen = s.emulator.ui.toasts.length;
    s.save();
    return s;
  }

  private newEmulator(): Emulator {
    // A spreadsheet made by a user of this locale has it as its own locale too.
    const emulator = createEmulator({ locale: this.locale, spreadsheetLocale: this.locale });
    emulator.setFormulaEvaluator((formula, cell) => this.calc.evaluate(formula, cell));
    emulator.setHtmlFile('Sidebar', this.sidebarHtml);
    return emulator;
  }

  close(): void {
    // Nothing is pending: every change was saved when it was made.
  }

  // ---- executions ----------------------------------------------------------------------------

  /** Run one global of the bundle as one Apps Script execution (its locks released at the end). */
  private execute(fn: string, args: unknown[], exec: { authMode?: 'FULL' | 'LIMITED' | 'NONE' } = {}): unknown {
    const globals = this.emulator.globals(exec);
    try {
      return loadBundle(this.code, globals, { now: this.now(), filename: 'Code.js' }).call(fn, ...args);
    } finally {
      this.emulator.endExecution(globals);
    }
  }

  /** onOpen, as Sheets runs it when the spreadsheet opens: builds the KOC Ops menu. */
  private openSpreadsheet(): void {
    this.emulator.ui.menus.length = 0;
    try {
      this.execute('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' });
    } catch (err) {
      this.notices.push({ level: 'error', message: pt(this.lang, 'onOpenFailed', { message: messageOf(err) }) });
    }
  }

  /**
   * First run (or --reset): an empty spreadsheet, then Set up workbook, Load demo data and a
   * recompute, so Echelon and the Dashboard have something to show from the first look.
   */
  private makeDemoWorkbook(reset: boolean): void {
    const steps: [string, string[]][] = [
      ['setUpWorkbook', []],
      ['loadDemoData', ['YES', 'OK', 'OK']],
      ['recomputeNow', ['OK']],
    ];
    const made: string[] = [];
    for (const [fn, answers] of steps) {
      this.emulator.ui.alertResponses.splice(0, this.emulator.ui.alertResponses.length, ...answers);
      try {
        this.execute(fn, []);
        made.push(fn);
      } catch (err) {
        this.notices.push({ level: 'warning', message: pt(this.lang, 'demoStepFailed', { fn, message: messageOf(err) }) });
      }
    }
    this.emulator.ui.alertResponses.length = 0;
    this.emulator.ui.alerts.length = 0;
    this.addScoreFormula();
    // The steps by their menu captions, in the menu's language.
    const captions = new Map(this.menuItems().map((i) => [i.fn, i.label]));
    const ran = made.map((fn) => captions.get(fn) ?? fn).join(' + ');
    const message = pt(this.lang, reset ? 'resetDone' : 'firstRun', { steps: ran || pt(this.lang, 'nothingRan'), path: this.workbookPath });
    this.notices.push({ level: 'info', message });
    this.log(message);
  }

  /**
   * The demo's live formula: a "Score (formula)" column after the roster, with one
   * `=KOC_SCORE(header row, A2:…, KOC_ASOF, KOC_SETTINGS)` that spills down the whole roster. The
   * day and the settings are passed, so the column follows the calendar and Settings as in Sheets.
   */
  addScoreFormula(): string | null {
    const sheet = this.findSheet('kocs');
    if (!sheet) return null;
    const formulas: string[][] = sheet.getDataRange().getFormulas();
    if (formulas.some((row) => row.some((f) => /KOC_SCORE/i.test(f)))) return null;
    const header: unknown[] = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
    let width = header.length;
    while (width > 0 && header[width - 1] === '') width--;
    const last = columnLetters(width);
    const col = width + 1;
    if (col > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), col - sheet.getMaxColumns());
    sheet.getRange(1, col, 2, 1).setValues([[pt(this.lang, 'scoreFormulaHeader')], [liveScoreFormula(last)]]);
    this.addEngagementRate(sheet, header, col + 1);
    return `${sheet.getName()}!${a1(2, col)}`;
  }

  /**
   * Beside it, each KOC's engagement rate, `=KOC_ENGAGEMENT(likes, collects, comments, shares,
   * followers, KOC_SETTINGS)`, in a column formatted as a percentage (5.8%, not 0.0581…).
   */
  private addEngagementRate(sheet: any, header: unknown[], col: number): void {
    const map = mapHeaders(sheetDef('kocs'), header);
    const keys = ['likes', 'collects', 'comments', 'shares', 'followers'] as const;
    if (keys.some((k) => map.index[k] === undefined)) return;
    const args = keys.map((k) => `${columnLetters(map.index[k]! + 1)}2:${columnLetters(map.index[k]! + 1)}`).join(', ');
    if (col > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), col - sheet.getMaxColumns());
    sheet.getRange(1, col, 2, 1).setValues([[pt(this.lang, 'engagementFormulaHeader')], [`=KOC_ENGAGEMENT(${args}, KOC_SETTINGS)`]]);
    sheet.getRange(2, col, sheet.getMaxRows() - 1, 1).setNumberFormat('0.0%');
  }

  /**
   * Live columns made by an older preview (no day, no settings: they would never change again)
   * brought up to the README's form.
   */
  private upgradeLiveFormulas(): void {
    const sheet = this.findSheet('kocs');
    if (!sheet) return;
    const formulas: string[][] = sheet.getDataRange().getFormulas();
    for (let r = 0; r < formulas.length; r++)
      for (let c = 0; c < formulas[r].length; c++) {
        const f = formulas[r][c];
        const score = /^=KOC_SCORE\(\$A\$1:\$([A-Z]+)\$1, A2:([A-Z]+)(?:, KOC_WEIGHTS)?\)$/.exec(f);
        if (score && score[1] === score[2]) sheet.getRange(r + 1, c + 1).setFormula(liveScoreFormula(score[1]));
        else if (/^=KOC_ENGAGEMENT\((?:[A-Z]+2:[A-Z]+, ){4}[A-Z]+2:[A-Z]+\)$/.test(f)) sheet.getRange(r + 1, c + 1).setFormula(`${f.slice(0, -1)}, KOC_SETTINGS)`);
      }
  }

  /** The day typed dates without a year fall in (the bundle's clock). */
  private today(): Date {
    return this.now() ?? new Date();
  }

  /** Emulator access outside any execution (the page reading and editing cells). */
  private admin(): any {
    return this.emulator.spreadsheet as any;
  }

  private findSheet(key: (typeof SHEETS)[number]['key']): any {
    const names = sheetNames(sheetDef(key));
    return this.admin()
      .getSheets()
      .find((s: any) => names.includes(normalizeHeader(s.getName())));
  }

  // ---- actions -------------------------------------------------------------------------------

  /** After any change: formulas brought up to date, toasts collected, the file saved. */
  private afterChange(collectToasts = true): void {
    this.calc.refresh();
    this.collectToasts(collectToasts);
    this.version++;
    this.save();
  }

  private collectToasts(show: boolean): void {
    const all = this.emulator.ui.toasts;
    if (show)
      for (const t of all.slice(this.toastsSeen)) {
        this.toasts.push({ seq: ++this.toastSeq, title: t.title, message: t.message });
      }
    this.toasts = this.toasts.slice(-MAX_TOASTS);
    this.toastsSeen = all.length;
  }

  save(): void {
    saveWorkbookFile(this.workbookPath, this.emulator.toJSON());
  }

  private result(ok: boolean, extra: Partial<ActionResult> = {}): ActionResult {
    const recalculated = this.calc.recalculated;
    this.calc.recalculated = [];
    return { ok, alerts: [], recalculated, ...extra, state: this.state() };
  }

  /**
   * A KOC Ops menu item. An alert that needs an answer (Yes/No, OK/Cancel) rolls the run back and
   * comes back as `pendingAlert`; the page asks the user and runs the item again with the answers
   * so far, which the emulator's alert queue hands to ui.alert in order.
   */
  runMenu(fn: string, answers: string[]): ActionResult {
    if (!this.menuFunctions().has(fn)) return this.result(false, { error: pt(this.lang, 'notMenuItem', { fn }) });
    const ui = this.emulator.ui;
    const snapshot = this.emulator.toJSON();
    const marks = { toasts: ui.toasts.length, alerts: ui.alerts.length, sidebars: ui.sidebars.length, dialogs: ui.dialogs.length };
    ui.alertResponses.splice(0, ui.alertResponses.length, ...answers);
    let error: string | undefined;
    try {
      this.execute(fn, []);
    } catch (err) {
      error = pt(this.lang, 'menuFailed', { fn, message: messageOf(err) });
    }
    ui.alertResponses.length = 0;
    const shown = ui.alerts.slice(marks.alerts).map(alertView);
    const given = [...answers];
    for (let i = given.length; i < shown.length; i++) {
      if (shown[i].buttons.length === 1) {
        given.push(shown[i].buttons[0]);
        continue;
      }
      // Needs an answer the user has not given: undo the run and ask.
      this.emulator.load(snapshot);
      ui.toasts.length = marks.toasts;
      ui.alerts.length = marks.alerts;
      ui.sidebars.length = marks.sidebars;
      ui.dialogs.length = marks.dialogs;
      this.calc.recalculated = [];
      return this.result(true, { pendingAlert: shown[i], answers: given });
    }
    if (ui.sidebars.length > marks.sidebars) this.sidebarOpen = true;
    this.afterChange();
    // Alerts answered in the page were seen already; the rest (messages) are shown now.
    const messages = shown.filter((a, i) => i >= answers.length && a.buttons.length === 1);
    const dialogs = ui.dialogs.slice(marks.dialogs).map((d) => ({ title: d.title, html: d.html, width: d.width ?? 600, height: d.height ?? 400 }));
    return this.result(error === undefined, { error, alerts: messages, dialogs });
  }

  /** Every item of the add-on's menus (submenus flattened), as the page lists them. */
  private menuItems(): { fn: string; label: string }[] {
    return this.emulator.ui.menus.flatMap((m) => menuView(m).entries.flatMap((e) => (e.kind === 'item' ? [{ fn: e.fn, label: e.label }] : [])));
  }

  private menuFunctions(): Set<string> {
    const names = new Set<string>();
    const walk = (items: any[]) => {
      for (const item of items) {
        if (item.functionName) names.add(item.functionName);
        if (item.submenu) walk(item.submenu);
      }
    };
    for (const menu of this.emulator.ui.menus) walk(menu.items);
    return names;
  }

  /** A cell typed in the page: written like Sheets' input, then the formulas reading it re-run. */
  edit(sheetName: string, row: number, col: number, input: string): ActionResult {
    const sheet = this.admin().getSheetByName(sheetName);
    if (!sheet) return this.result(false, { error: pt(this.lang, 'noSuchSheet', { name: sheetName }) });
    if (row > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), row - sheet.getMaxRows());
    if (col > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), col - sheet.getMaxColumns());
    const value = parseTyped(input, this.today());
    try {
      sheet.getRange(row, col).setValue(value);
    } catch (err) {
      return this.result(false, { error: pt(this.lang, 'cellNotChanged', { cell: `${sheetName}!${a1(row, col)}`, message: messageOf(err) }) });
    }
    this.afterChange(false);
    const info: string[] = [];
    const key = `${sheetName}!${a1(row, col)}`;
    const note = this.calc.notes.get(key);
    if (typeof value === 'string' && value.startsWith('=') && note) info.push(`${key}: ${note}`);
    const computed = SHEETS.find((d) => d.computed && sheetNames(d).includes(normalizeHeader(sheetName)));
    if (computed) info.push(pt(this.lang, 'computedEdit', { name: sheetName }));
    return this.result(true, { info });
  }

  /** The cell under the cursor, so the sidebar opens on that KOC as it does in Sheets. */
  select(sheetName: string, row: number, col: number): ActionResult {
    const sheet = this.admin().getSheetByName(sheetName);
    if (!sheet) return this.result(false, { error: pt(this.lang, 'noSuchSheet', { name: sheetName }) });
    if (row <= sheet.getMaxRows() && col <= sheet.getMaxColumns()) {
      this.admin().setActiveSheet(sheet);
      sheet.getRange(row, col).activate();
    }
    return this.result(true);
  }

  /** Fire a time-driven trigger as Apps Script does: a trigger execution, no UI. */
  runTrigger(id: string): ActionResult {
    const trigger = this.emulator.triggers().find((t) => t.id === id);
    if (!trigger) return this.result(false, { error: pt(this.lang, 'noSuchTrigger', { id }) });
    let error: string | undefined;
    try {
      this.emulator.fireTrigger(id, (handler, event, globals) => loadBundle(this.code, globals, { now: this.now(), filename: 'Code.js' }).call(handler, event));
    } catch (err) {
      error = pt(this.lang, 'triggerFailed', { handler: trigger.handler, message: messageOf(err) });
    }
    this.afterChange(false);
    return this.result(error === undefined, { error, info: error ? [] : [pt(this.lang, 'triggerRan', { handler: trigger.handler })] });
  }

  /** A notice the user closed is forgotten, so it does not come back on the next load. */
  dismissNotice(message: string): ActionResult {
    this.notices = this.notices.filter((n) => n.message !== message);
    return this.result(true);
  }

  closeSidebar(): ActionResult {
    this.sidebarOpen = false;
    return this.result(true);
  }

  /** Check or apply a roster import into KOCs. */
  importRoster(text: string, apply: boolean, options: ImportOptions): ImportResultView {
    if (!apply) {
      const report = checkImport(text, this.lang, this.today());
      return { ok: !report.error, error: report.error, report, state: this.state() };
    }
    const sheet = this.findSheet('kocs');
    if (!sheet) {
      const report = checkImport(text, this.lang, this.today());
      const error = pt(this.lang, 'noKocsSheet');
      return { ok: false, error, report: { ...report, error }, state: this.state() };
    }
    const lastRow = sheet.getLastRow();
    const lastCol = sheet.getLastColumn();
    const values: unknown[][] = lastRow > 0 ? sheet.getRange(1, 1, lastRow, lastCol).getValues() : [[]];
    const formulas: string[][] = lastRow > 0 ? sheet.getRange(1, 1, lastRow, lastCol).getFormulas() : [[]];
    let imported: ReturnType<typeof applyImport>;
    try {
      imported = applyImport(text, values[0] ?? [], values.slice(1), options, this.lang, this.today());
    } catch (err) {
      const report = checkImport(text, this.lang, this.today());
      return { ok: false, error: messageOf(err), report, state: this.state() };
    }
    // Formula cells keep their formulas, and the cells their results spill into stay empty (a
    // value written there would block the spill): the formula columns keep working.
    const name = sheet.getName();
    const spilled = this.spillMap(name, lastRow, lastCol);
    const rows: unknown[][] = imported.rows.map((r, i) => r.map((v, j) => formulas[i + 1]?.[j] || (spilled.has(`${name}!${a1(i + 2, j + 1)}`) ? '' : v)));
    const width = imported.header.length;
    const height = rows.length + 1;
    if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    if (height > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
    if (lastRow > 1) sheet.getRange(2, 1, lastRow - 1, Math.max(lastCol, 1)).clearContent();
    const block = [imported.header, ...rows].map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''));
    sheet.getRange(1, 1, height, width).setValues(block);
    this.afterChange(false);
    const report = { ...imported.report, added: imported.added, updated: imported.updated };
    return { ok: true, report, state: this.state() };
  }

  // ---- the sidebar ---------------------------------------------------------------------------

  /** The sidebar's HTML (what showSidebar was given, or dist/Sidebar.html) with the google.script.run shim. */
  sidebarPage(): string {
    const shown = this.emulator.ui.sidebars.at(-1);
    return sidebarPage(shown?.html || this.sidebarHtml, { functions: this.host.endpointNames() });
  }

  /** One google.script.run call from the sidebar: one execution; then save and re-evaluate. */
  async handleScriptRun(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A refused call (403, 400…) ran nothing: nothing to save.
    res.once('finish', () => {
      if (res.statusCode === 200) this.afterChange();
    });
    await handleScriptRun(req, res, this.host);
  }

  // ---- views ---------------------------------------------------------------------------------

  state(): StateView {
    const ss = this.admin();
    const sheets = ss.getSheets().map((s: any) => ({ name: s.getName(), lastRow: s.getLastRow(), lastColumn: s.getLastColumn() }));
    const sidebar = this.emulator.ui.sidebars.at(-1);
    return {
      version: this.version,
      sheets,
      activeSheet: ss.getActiveSheet()?.getName() ?? null,
      menus: this.emulator.ui.menus.map(menuView),
      triggers: this.emulator.triggers().map((t) => triggerView(t, this.lang)),
      sidebar: { open: this.sidebarOpen && sidebar !== undefined, title: sidebar?.title ?? 'KOC Ops' },
      toasts: this.toasts,
      notices: this.notices,
      workbookPath: this.workbookPath,
      lang: this.lang,
      activeCell: activeCellOf(ss),
    };
  }

  sheetView(name: string): SheetView | null {
    const sheet = this.admin().getSheetByName(name);
    if (!sheet) return null;
    const lastRow: number = sheet.getLastRow();
    const lastColumn: number = sheet.getLastColumn();
    // Spilled results may reach past the last row holding a value or formula.
    let spillRows = lastRow;
    let spillCols = lastColumn;
    for (const [key, f] of this.calc.formulas) {
      const at = key.lastIndexOf('!');
      if (key.slice(0, at) !== name) continue;
      const m = /^([A-Z]+)(\d+)$/.exec(key.slice(at + 1));
      if (!m) continue;
      spillRows = Math.max(spillRows, Number(m[2]) + f.height - 1);
      spillCols = Math.max(spillCols, columnIndex(m[1]) + f.width - 1);
    }
    const dataRows = Math.min(spillRows, sheet.getMaxRows());
    const dataCols = Math.min(spillCols, sheet.getMaxColumns());
    const rows = Math.min(Math.max(dataRows + 20, 30), MAX_VIEW_ROWS);
    const cols = Math.max(dataCols + 3, 12);
    const readRows = Math.min(dataRows, rows);
    const cells: (CellView | null)[][] = [];
    if (readRows > 0 && dataCols > 0) {
      const range = sheet.getRange(1, 1, readRows, dataCols);
      const values: unknown[][] = range.getValues();
      const display: string[][] = range.getDisplayValues();
      const formulas: string[][] = range.getFormulas();
      const spilledFrom = this.spillMap(name, readRows, dataCols);
      for (let r = 0; r < readRows; r++) {
        const line: (CellView | null)[] = [];
        for (let c = 0; c < dataCols; c++) {
          const formula = formulas[r][c];
          const v = display[r][c];
          const key = `${name}!${a1(r + 1, c + 1)}`;
          if (formula) {
            const note = this.calc.notes.get(key);
            const err = /^#(REF!|ERROR!|NAME\?|VALUE!|N\/A)/.test(v);
            line.push({ v, r: formula, note, err, fx: this.calc.formulas.has(key) || err, num: isNumeric(values[r][c]) });
          } else if (v !== '') {
            const from = spilledFrom.get(key);
            const raw = values[r][c];
            line.push({ v, r: editText(raw, v), from, num: isNumeric(raw) });
          } else line.push(null);
        }
        cells.push(line);
      }
    }
    return {
      name,
      rows,
      cols,
      lastRow,
      lastColumn,
      frozenRows: sheet.getFrozenRows(),
      cells,
      hiddenRows: Math.max(0, dataRows - rows),
      charts: this.charts(sheet),
    };
  }

  /** Cell ("Sheet!A1") → the formula cell (A1) whose array result it shows. */
  private spillMap(sheet: string, rows: number, cols: number): Map<string, string> {
    const map = new Map<string, string>();
    for (const [key, f] of this.calc.formulas) {
      const at = key.lastIndexOf('!');
      if (key.slice(0, at) !== sheet || f.height * f.width <= 1 || this.calc.notes.has(key)) continue;
      const m = /^([A-Z]+)(\d+)$/.exec(key.slice(at + 1))!;
      const box = { sheet, top: Number(m[2]), left: columnIndex(m[1]), bottom: 0, right: 0 };
      box.bottom = Math.min(rows, box.top + f.height - 1);
      box.right = Math.min(cols, box.left + f.width - 1);
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++) if (boxContains(box, r, c) && !(r === box.top && c === box.left)) map.set(`${sheet}!${a1(r, c)}`, key.slice(at + 1));
    }
    return map;
  }

  /** Charts on a sheet as the page draws them: each stored chart's range, else the pyramid table. */
  private charts(sheet: any): ChartView[] {
    const out: ChartView[] = [];
    for (const chart of sheet.getCharts?.() ?? []) {
      const ranges: any[] = chart.getRanges();
      if (ranges.length === 0) continue;
      const values: unknown[][] = ranges.length === 1 ? ranges[0].getValues() : joinColumns(ranges.map((r) => r.getValues()));
      const title = String(chart.getOptions?.().get?.('title') ?? '') || pt(this.lang, 'pyramid');
      const view = chartFromTable(values, title, pt(this.lang, 'chartSource', { range: `${sheet.getName()}!${ranges.map((r) => r.getA1Notation()).join(', ')}` }), this.lang);
      if (view) out.push(view);
    }
    if (out.length === 0 && sheetNames(sheetDef('dashboard')).includes(normalizeHeader(sheet.getName()))) {
      const found = pyramidTable(sheet.getDataRange().getValues(), this.lang);
      if (found) out.push(found);
    }
    return out;
  }
}

// ---- helpers -------------------------------------------------------------------------------



function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || Object.prototype.toString.call(v) === '[object Date]';
}

/** What an edit starts from: the display text, except numbers shown with separators or percent and text typing would misread. */
function editText(raw: unknown, display: string): string {
  if (typeof raw === 'number' && String(raw) !== display) return String(raw);
  // Text that typing would read as something else (=1+1, 007, TRUE) shows its apostrophe, as in
  // Sheets' formula bar, so editing the cell again keeps it text.
  if (typeof raw === 'string' && (/^[=']/.test(raw) || parseTyped(raw) !== raw)) return `'${raw}`;
  return display;
}


/** The live score column's formula over the roster's columns A to `last`: the README's KOC_SCORE. */
function liveScoreFormula(last: string): string {
  return `=KOC_SCORE($A$1:$${last}$1, A2:${last}, KOC_ASOF, KOC_SETTINGS)`;
}

function alertView(a: { title: string; prompt: string; buttons: string }): AlertView {
  const buttons = String(a.buttons || 'OK')
    .split('_')
    .filter((b) => ['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'].includes(b));
  return { title: a.title, prompt: a.prompt, buttons: buttons.length ? buttons : ['OK'] };
}

function menuView(menu: { name: string; items: any[] }): MenuView {
  const entries: MenuEntry[] = [];
  const walk = (items: any[], prefix: string) => {
    for (const item of items) {
      if (item.separator) entries.push({ kind: 'separator' });
      else if (item.submenu) walk(item.submenu, `${prefix}${item.caption} › `);
      else entries.push({ kind: 'item', label: `${prefix}${item.caption}`, fn: item.functionName });
    }
  };
  walk(menu.items, '');
  return { title: menu.name, entries };
}

/** The active sheet's current cell, or null when there is none. */
function activeCellOf(ss: any): { row: number; col: number } | null {
  const range = ss.getActiveRange?.();
  return range ? { row: range.getRow(), col: range.getColumn() } : null;
}

function triggerView(t: any, lang: Lang): TriggerView {
  const pad = (n: number) => String(n).padStart(2, '0');
  let schedule = pt(lang, 'timeDriven');
  if (t.everyMinutes) schedule = pt(lang, 'everyMinutes', { n: t.everyMinutes });
  else if (t.everyHours) schedule = t.everyHours === 1 ? pt(lang, 'everyHour') : pt(lang, 'everyHours', { n: t.everyHours });
  else if (t.everyDays) {
    schedule = t.everyDays === 1 ? pt(lang, 'everyDay') : pt(lang, 'everyDays', { n: t.everyDays });
    if (t.atHour !== undefined) schedule = pt(lang, 'atHours', { schedule, from: `${pad(t.atHour)}:00`, to: `${pad(t.atHour + 1)}:00` });
  } else if (t.everyWeeks) {
    schedule = t.everyWeeks === 1 ? pt(lang, 'everyWeek') : pt(lang, 'everyWeeks', { n: t.everyWeeks });
    if (t.onWeekDay) schedule = pt(lang, 'onWeekDay', { schedule, day: t.onWeekDay });
  } else if (t.at) schedule = pt(lang, 'onceAt', { at: t.at });
  if (t.kind && t.kind !== 'CLOCK') schedule = t.kind;
  return { id: t.id, handler: t.handler, schedule };
}

/** Side-by-side ranges (a chart with several ranges) as one table. */
function joinColumns(tables: unknown[][][]): unknown[][] {
  const height = Math.max(...tables.map((t) => t.length));
  return Array.from({ length: height }, (_, i) => tables.flatMap((t) => t[i] ?? []));
}

/** Sheets' chart data layout: first row series names, first column categories. */
export function chartFromTable(values: unknown[][], title: string, source: string, lang: Lang = 'en'): ChartView | null {
  if (values.length < 2 || (values[0]?.length ?? 0) < 2) return null;
  const header = values[0];
  const body = values.slice(1).filter((r) => String(r[0] ?? '') !== '');
  const series = header.slice(1).map((name, j) => ({ name: String(name || pt(lang, 'series', { n: j + 1 })), values: body.map((r) => Number(r[j + 1]) || 0) }));
  return { title, categories: body.map((r) => String(r[0])), series, source };
}

/** The Dashboard's tier × stage table: a header row naming stages, then one row per tier. */
export function pyramidTable(values: unknown[][], lang: Lang = 'en'): ChartView | null {
  for (let i = 0; i < values.length; i++) {
    const row = values[i];
    const stageCols = row.map((v, j) => (enumValue(STAGES, v) ? j : -1)).filter((j) => j >= 0);
    if (stageCols.length < 2) continue;
    const body: unknown[][] = [];
    for (let k = i + 1; k < values.length; k++) {
      const tierCell = values[k].find((v) => enumValue(TIERS, v));
      if (!tierCell) break;
      body.push(values[k]);
    }
    if (body.length === 0) continue;
    const labelCol = body[0].findIndex((v) => enumValue(TIERS, v));
    return {
      title: pt(lang, 'pyramid'),
      categories: body.map((r) => String(r[labelCol])),
      series: stageCols.map((j) => ({ name: String(row[j]), values: body.map((r) => Number(r[j]) || 0) })),
      source: pt(lang, 'chartFromTable', { row: i + 1 }),
    };
  }
  return null;
}


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
import { safeCell } from '../src/sheets/cells';
import { mapHeaders } from '../src/sheets/headers';
import { normalizeHeader, SHEETS, sheetDef, sheetNames } from '../src/sheets/schema';
import type { ActionResult, ImportResultView, Notice, SheetView, StateView, ToastView } from './api';
import { parseTyped } from './cells';
import { a1, columnLetters } from './formula';
import { messageOf, PreviewFormulas } from './evaluate';
import { applyImport, type CellWrite, checkImport, type ImportOptions } from './import';
import { loadWorkbookFile, saveWorkbookFile } from './store';
import { activeCellOf, alertView, menuView, sheetView, triggerView } from './views';
import { type Lang, langFromLocale, pt } from './text';

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

const MAX_TOASTS = 20;
/** How far past the sheet's grid one typed cell may be (the grid grows to it). */
const EDIT_MARGIN_ROWS = 1000;
const EDIT_MARGIN_COLUMNS = 26;


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
    this.lang = langFromLocale(this.locale);
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
    // One edit may grow the sheet a little (the page shows a few blank rows and columns to type
    // in), never by a million rows: that would take the server's memory with it.
    const maxRow = sheet.getMaxRows() + EDIT_MARGIN_ROWS;
    const maxCol = sheet.getMaxColumns() + EDIT_MARGIN_COLUMNS;
    if (row > maxRow || col > maxCol)
      return this.result(false, {
        error: pt(this.lang, 'editTooFar', { cell: `${sheetName}!${a1(row, col)}`, rows: sheet.getMaxRows(), columns: sheet.getMaxColumns(), maxRow, maxCol }),
      });
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
    let imported: ReturnType<typeof applyImport>;
    try {
      imported = applyImport(text, values[0] ?? [], values.slice(1), options, this.lang, this.today());
    } catch (err) {
      const report = checkImport(text, this.lang, this.today());
      return { ok: false, error: messageOf(err), report: { ...report, error: report.error ?? messageOf(err) }, state: this.state() };
    }
    const bottom = Math.max(1, ...imported.writes.map((w) => w.row));
    const right = Math.max(1, ...imported.writes.map((w) => w.column));
    // All or nothing: a write that fails halfway puts the whole workbook back as it was.
    const before = this.emulator.toJSON();
    try {
      if (right > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), right - sheet.getMaxColumns());
      if (bottom > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), bottom - sheet.getMaxRows());
      // Only the cells the import changes, one write per run of neighbouring cells in a row, so a
      // formula column (and the cells its results spill into) is never written; text is escaped as
      // the sidebar escapes it, so it stays the text it was.
      for (const run of rowRuns(imported.writes)) sheet.getRange(run.row, run.column, 1, run.values.length).setValues([run.values.map(safeCell)]);
    } catch (err) {
      this.emulator.load(before);
      const error = pt(this.lang, 'importFailed', { message: messageOf(err) });
      return { ok: false, error, report: { ...imported.report, error }, state: this.state() };
    }
    this.afterChange(false);
    const notes = options.mode === 'replace' && imported.removedIds.length ? [this.removedNote(imported.removedIds)] : [];
    const report = { ...imported.report, added: imported.added, updated: imported.updated, notes };
    return { ok: true, report, state: this.state() };
  }

  /** What happens to the records of KOCs a replace takes off the roster: they stay, and this says where. */
  private removedNote(ids: string[]): string {
    const gone = new Set(ids);
    const count = (key: 'assignments' | 'followups' | 'incidents'): number => {
      const sheet = this.findSheet(key);
      if (!sheet || sheet.getLastRow() < 2) return 0;
      const rows: unknown[][] = sheet.getDataRange().getValues();
      const at = mapHeaders(sheetDef(key), rows[0]).index.kocId;
      return at === undefined ? 0 : rows.slice(1).filter((r) => gone.has(String(r[at] ?? '').trim())).length;
    };
    const list = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ` ${pt(this.lang, 'andMore', { count: ids.length - 10 })}` : '');
    return pt(this.lang, 'removedKocs', { count: ids.length, list, assignments: count('assignments'), followups: count('followups'), incidents: count('incidents') });
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
    return sheetView(this.admin(), name, this.calc, this.lang);
  }
}

// ---- helpers -------------------------------------------------------------------------------

/** The live score column's formula over the roster's columns A to `last`: the README's KOC_SCORE. */
function liveScoreFormula(last: string): string {
  return `=KOC_SCORE($A$1:$${last}$1, A2:${last}, KOC_ASOF, KOC_SETTINGS)`;
}

/** Cell writes as runs of neighbouring cells in a row (1-based), top to bottom, left to right. */
function rowRuns(writes: readonly CellWrite[]): { row: number; column: number; values: unknown[] }[] {
  const sorted = [...writes].sort((a, b) => a.row - b.row || a.column - b.column);
  const runs: { row: number; column: number; values: unknown[] }[] = [];
  for (const w of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.row === w.row && last.column + last.values.length === w.column) last.values.push(w.value);
    else runs.push({ row: w.row, column: w.column, values: [w.value] });
  }
  return runs;
}

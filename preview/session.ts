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
import { enumValue, normalizeHeader, SHEETS, sheetDef, sheetNames, STAGES, TIERS } from '../src/sheets/schema';
import type { ActionResult, AlertView, CellView, ChartView, ImportResultView, MenuEntry, MenuView, Notice, SheetView, StateView, ToastView, TriggerView } from './api';
import { parseTyped } from './cells';
import { CustomFunctionCache, customFunctionNames, readArgument } from '../emulator/custom-functions';
import { a1, boxContains, columnIndex, columnLetters } from './formula';
import { applyImport, checkImport, type ImportOptions } from './import';
import { loadWorkbookFile, saveWorkbookFile } from './store';

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

type Globals = Record<string, any>;

/** The view shows at most this many rows (and says how many more there are). */
const MAX_VIEW_ROWS = 2000;
const MAX_TOASTS = 20;

interface FormulaState {
  formula: string;
  /** Rows × columns of the array result (1 × 1 for a single value). */
  height: number;
  width: number;
}

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
  private host!: BundleHost;
  private notices: Notice[] = [];
  private toasts: ToastView[] = [];
  private toastSeq = 0;
  private toastsSeen = 0;
  private sidebarOpen = false;
  /** Formula cell ("Sheet!A1") → the shape of what it shows (for spills in the view). */
  private formulas = new Map<string, FormulaState>();
  /** Custom-function results by (name, argument values), as Sheets caches them. */
  private cache!: CustomFunctionCache;
  /** Formula cell → note shown on it (error, not evaluated, spill blocked). */
  private notes = new Map<string, string>();
  /** Formula cells evaluated by the bundle during the current action. */
  private recalculated: string[] = [];

  private constructor(options: SessionOptions) {
    this.workbookPath = resolve(options.workbookPath);
    this.code = options.code ?? readFileSync(join(DIST, 'Code.js'), 'utf8');
    this.sidebarHtml = options.sidebarHtml ?? readFileSync(join(DIST, 'Sidebar.html'), 'utf8');
    this.now = options.now ?? (() => undefined);
    this.log = options.log ?? ((line) => console.log(line));
    this.locale = options.locale ?? 'en_US';
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
        const message = `${s.workbookPath} could not be read (${loaded.message}). It was kept as ${loaded.keptAs}; a fresh demo workbook was made in its place. Fix the kept file and copy it back to use it again.`;
        s.notices.push({ level: 'error', message });
        s.log(`! ${message}`);
      }
    }
    s.host = createBundleHost({ emulator: s.emulator, code: s.code, now: options.now });
    s.openSpreadsheet();
    if (fresh) s.makeDemoWorkbook(options.reset === true);
    else s.upgradeScoreFormula();
    s.refreshFormulas();
    s.recalculated = [];
    s.toastsSeen = s.emulator.ui.toasts.length;
    s.save();
    return s;
  }

  private newEmulator(): Emulator {
    const emulator = createEmulator({ locale: this.locale });
    const names = customFunctionNames(this.code);
    this.cache = new CustomFunctionCache({
      isCustomFunction: (name) => names.has(name),
      read: (arg, ownSheet) => readArgument(emulator.spreadsheet, arg, ownSheet),
      run: (fn, args) => this.runCustomFunction(fn, args),
    });
    emulator.setFormulaEvaluator((formula, cell) => this.evaluate(formula, cell));
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
      this.notices.push({ level: 'error', message: `onOpen failed, so the KOC Ops menu is missing: ${messageOf(err)}` });
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
        this.notices.push({ level: 'warning', message: `${fn} failed while making the demo workbook: ${messageOf(err)}` });
      }
    }
    this.emulator.ui.alertResponses.length = 0;
    this.emulator.ui.alerts.length = 0;
    this.addScoreFormula();
    const what = reset ? 'Reset: the workbook is the demo workbook again' : 'First run: made the demo workbook';
    this.notices.push({ level: 'info', message: `${what} (${made.join(' + ') || 'nothing ran'}), saved to ${this.workbookPath}.` });
    this.log(`${what}: ${this.workbookPath}`);
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
    const zh = /^zh/i.test(this.locale);
    sheet.getRange(1, col, 2, 1).setValues([[zh ? '评分（公式）' : 'Score (formula)'], [liveScoreFormula(last)]]);
    return `${sheet.getName()}!${a1(2, col)}`;
  }

  /** A live column made by an older preview (no day, no settings: it would never change) brought up to the README's form. */
  private upgradeScoreFormula(): void {
    const sheet = this.findSheet('kocs');
    if (!sheet) return;
    const formulas: string[][] = sheet.getDataRange().getFormulas();
    for (let r = 0; r < formulas.length; r++)
      for (let c = 0; c < formulas[r].length; c++) {
        const old = /^=KOC_SCORE\(\$A\$1:\$([A-Z]+)\$1, A2:([A-Z]+)(?:, KOC_WEIGHTS)?\)$/.exec(formulas[r][c]);
        if (old && old[1] === old[2]) sheet.getRange(r + 1, c + 1).setFormula(liveScoreFormula(old[1]));
      }
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

  // ---- formulas ------------------------------------------------------------------------------

  /**
   * The emulator's formula hook: the value of one formula cell (an array spills). Results come
   * from the cache of (function, argument values), as in Sheets: a function re-runs only when
   * the values passed to it change.
   */
  private evaluate(formula: string, cell: { sheet: string; row: number; column: number; a1: string }): unknown {
    const key = `${cell.sheet}!${cell.a1}`;
    this.notes.delete(key);
    const out = this.cache.evaluate(formula, cell.sheet);
    if (out.kind === 'text') {
      this.notes.set(key, out.note);
      this.formulas.delete(key);
      return formula;
    }
    if (out.ran) this.recalculated.push(key);
    if (out.kind === 'error') {
      this.notes.set(key, out.note);
      this.formulas.set(key, { formula, height: 1, width: 1 });
      return out.display;
    }
    const rows = Array.isArray(out.value) ? (out.value as unknown[][]) : undefined;
    const state: FormulaState = { formula, height: rows ? rows.length : 1, width: rows ? Math.max(1, ...rows.map((r) => r.length)) : 1 };
    this.formulas.set(key, state);
    if (state.height * state.width > 1) {
      const blocker = this.spillBlocker(cell.sheet, cell.row, cell.column, state.height, state.width);
      if (blocker) {
        this.notes.set(key, `Array result was not expanded because it would overwrite data in ${blocker}.`);
        return '#REF!';
      }
    }
    return out.value;
  }

  /** One CUSTOM_FUNCTION execution of the bundle: no authorization, a fresh global scope. */
  private runCustomFunction(fn: string, args: unknown[]): unknown {
    const globals = this.emulator.globals({ authMode: 'CUSTOM_FUNCTION' }) as Globals;
    try {
      return loadBundle(this.code, globals, { now: this.now(), filename: 'Code.js' }).call(fn, ...args);
    } finally {
      this.emulator.endExecution(globals);
    }
  }

  /** The first non-empty cell (A1) in the spill area of an array result, or null. */
  private spillBlocker(sheetName: string, row: number, col: number, height: number, width: number): string | null {
    const sheet = this.admin().getSheetByName(sheetName);
    const rows = Math.min(height, sheet.getMaxRows() - row + 1);
    const cols = Math.min(width, sheet.getMaxColumns() - col + 1);
    if (rows < height || cols < width) return `${a1(row + rows, col)} (beyond the sheet's last row or column)`;
    const range = sheet.getRange(row, col, rows, cols);
    // The sheet is being computed, so these are its own cells, not other formulas' spills.
    const values: unknown[][] = range.getValues();
    const formulas: string[][] = range.getFormulas();
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        if (i === 0 && j === 0) continue;
        if (values[i][j] !== '' || formulas[i][j] !== '') return a1(row + i, col + j);
      }
    return null;
  }

  /** Read every sheet that holds formulas, so they are evaluated (and `recalculated` filled). */
  private refreshFormulas(): void {
    for (const sheet of this.admin().getSheets()) {
      if (sheet.getLastRow() === 0) continue;
      const formulas: string[][] = sheet.getDataRange().getFormulas();
      if (formulas.some((r) => r.some((f) => f !== ''))) sheet.getDataRange().getValues();
    }
  }

  // ---- actions -------------------------------------------------------------------------------

  /** After any change: formulas brought up to date, toasts collected, the file saved. */
  private afterChange(collectToasts = true): void {
    this.refreshFormulas();
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
    const recalculated = this.recalculated;
    this.recalculated = [];
    return { ok, alerts: [], recalculated, ...extra, state: this.state() };
  }

  /**
   * A KOC Ops menu item. An alert that needs an answer (Yes/No, OK/Cancel) rolls the run back and
   * comes back as `pendingAlert`; the page asks the user and runs the item again with the answers
   * so far, which the emulator's alert queue hands to ui.alert in order.
   */
  runMenu(fn: string, answers: string[]): ActionResult {
    if (!this.menuFunctions().has(fn)) return this.result(false, { error: `"${fn}" is not an item of the KOC Ops menu.` });
    const ui = this.emulator.ui;
    const snapshot = this.emulator.toJSON();
    const marks = { toasts: ui.toasts.length, alerts: ui.alerts.length, sidebars: ui.sidebars.length };
    ui.alertResponses.splice(0, ui.alertResponses.length, ...answers);
    let error: string | undefined;
    try {
      this.execute(fn, []);
    } catch (err) {
      error = `${fn} failed: ${messageOf(err)}`;
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
      this.recalculated = [];
      return this.result(true, { pendingAlert: shown[i], answers: given });
    }
    if (ui.sidebars.length > marks.sidebars) this.sidebarOpen = true;
    this.afterChange();
    // Alerts answered in the page were seen already; the rest (messages) are shown now.
    const messages = shown.filter((a, i) => i >= answers.length && a.buttons.length === 1);
    return this.result(error === undefined, { error, alerts: messages });
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
    if (!sheet) return this.result(false, { error: `There is no sheet named "${sheetName}".` });
    if (row > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), row - sheet.getMaxRows());
    if (col > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), col - sheet.getMaxColumns());
    const value = parseTyped(input);
    try {
      sheet.getRange(row, col).setValue(value);
    } catch (err) {
      return this.result(false, { error: `${sheetName}!${a1(row, col)} was not changed: ${messageOf(err)}` });
    }
    this.afterChange(false);
    const info: string[] = [];
    const key = `${sheetName}!${a1(row, col)}`;
    const note = this.notes.get(key);
    if (typeof value === 'string' && value.startsWith('=') && note) info.push(`${key}: ${note}`);
    const computed = SHEETS.find((d) => d.computed && sheetNames(d).includes(normalizeHeader(sheetName)));
    if (computed) info.push(`${sheetName} is written by KOC Ops recompute; this edit is replaced on the next run.`);
    return this.result(true, { info });
  }

  /** The cell under the cursor, so the sidebar opens on that KOC as it does in Sheets. */
  select(sheetName: string, row: number, col: number): ActionResult {
    const sheet = this.admin().getSheetByName(sheetName);
    if (!sheet) return this.result(false, { error: `There is no sheet named "${sheetName}".` });
    if (row <= sheet.getMaxRows() && col <= sheet.getMaxColumns()) {
      this.admin().setActiveSheet(sheet);
      sheet.getRange(row, col).activate();
    }
    return this.result(true);
  }

  /** Fire a time-driven trigger as Apps Script does: a trigger execution, no UI. */
  runTrigger(id: string): ActionResult {
    const trigger = this.emulator.triggers().find((t) => t.id === id);
    if (!trigger) return this.result(false, { error: `There is no trigger ${id}; it may have been removed. Open the Triggers panel again.` });
    let error: string | undefined;
    try {
      this.emulator.fireTrigger(id, (handler, event, globals) => loadBundle(this.code, globals, { now: this.now(), filename: 'Code.js' }).call(handler, event));
    } catch (err) {
      error = `The trigger's ${trigger.handler} failed (Apps Script would email you this): ${messageOf(err)}`;
    }
    this.afterChange(false);
    return this.result(error === undefined, { error, info: error ? [] : [`Ran ${trigger.handler} as a time-driven trigger.`] });
  }

  closeSidebar(): ActionResult {
    this.sidebarOpen = false;
    return this.result(true);
  }

  /** Check or apply a roster import into KOCs. */
  importRoster(text: string, apply: boolean, options: ImportOptions): ImportResultView {
    if (!apply) {
      const report = checkImport(text);
      return { ok: !report.error, error: report.error, report, state: this.state() };
    }
    const sheet = this.findSheet('kocs');
    if (!sheet) {
      const report = checkImport(text);
      const error = 'There is no KOCs sheet yet: run KOC Ops → Set up workbook first.';
      return { ok: false, error, report: { ...report, error }, state: this.state() };
    }
    const lastRow = sheet.getLastRow();
    const lastCol = sheet.getLastColumn();
    const values: unknown[][] = lastRow > 0 ? sheet.getRange(1, 1, lastRow, lastCol).getValues() : [[]];
    const formulas: string[][] = lastRow > 0 ? sheet.getRange(1, 1, lastRow, lastCol).getFormulas() : [[]];
    let imported: ReturnType<typeof applyImport>;
    try {
      imported = applyImport(text, values[0] ?? [], values.slice(1), options);
    } catch (err) {
      const report = checkImport(text);
      return { ok: false, error: messageOf(err), report, state: this.state() };
    }
    // Formula cells keep their formulas (the Score (formula) column keeps working).
    const rows: unknown[][] = imported.rows.map((r, i) => r.map((v, j) => formulas[i + 1]?.[j] || v));
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
      triggers: this.emulator.triggers().map(triggerView),
      sidebar: { open: this.sidebarOpen && sidebar !== undefined, title: sidebar?.title ?? 'KOC Ops' },
      toasts: this.toasts,
      notices: this.notices,
      workbookPath: this.workbookPath,
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
    for (const [key, f] of this.formulas) {
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
            const note = this.notes.get(key);
            const err = /^#(REF!|ERROR!|NAME\?|VALUE!|N\/A)/.test(v);
            line.push({ v, r: formula, note, err, fx: this.formulas.has(key) || err, num: isNumeric(values[r][c]) });
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
    for (const [key, f] of this.formulas) {
      const at = key.lastIndexOf('!');
      if (key.slice(0, at) !== sheet || f.height * f.width <= 1 || this.notes.has(key)) continue;
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
      const title = String(chart.getOptions?.().get?.('title') ?? '') || 'Pyramid';
      const view = chartFromTable(values, title, `Chart data: ${sheet.getName()}!${ranges.map((r) => r.getA1Notation()).join(', ')}`);
      if (view) out.push(view);
    }
    if (out.length === 0 && sheetNames(sheetDef('dashboard')).includes(normalizeHeader(sheet.getName()))) {
      const found = pyramidTable(sheet.getDataRange().getValues());
      if (found) out.push(found);
    }
    return out;
  }
}

// ---- helpers -------------------------------------------------------------------------------

function messageOf(err: unknown): string {
  return err instanceof Error || (err && typeof err === 'object' && 'message' in err) ? String((err as Error).message) : String(err);
}


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

function triggerView(t: any): TriggerView {
  const pad = (n: number) => String(n).padStart(2, '0');
  let schedule = 'time-driven';
  if (t.everyMinutes) schedule = `Every ${t.everyMinutes} minutes`;
  else if (t.everyHours) schedule = t.everyHours === 1 ? 'Every hour' : `Every ${t.everyHours} hours`;
  else if (t.everyDays) schedule = `${t.everyDays === 1 ? 'Every day' : `Every ${t.everyDays} days`}${t.atHour !== undefined ? ` at ${pad(t.atHour)}:00–${pad(t.atHour + 1)}:00` : ''}`;
  else if (t.everyWeeks) schedule = `Every ${t.everyWeeks === 1 ? 'week' : `${t.everyWeeks} weeks`}${t.onWeekDay ? ` on ${t.onWeekDay}` : ''}`;
  else if (t.at) schedule = `Once at ${t.at}`;
  if (t.kind && t.kind !== 'CLOCK') schedule = t.kind;
  return { id: t.id, handler: t.handler, schedule };
}

/** Side-by-side ranges (a chart with several ranges) as one table. */
function joinColumns(tables: unknown[][][]): unknown[][] {
  const height = Math.max(...tables.map((t) => t.length));
  return Array.from({ length: height }, (_, i) => tables.flatMap((t) => t[i] ?? []));
}

/** Sheets' chart data layout: first row series names, first column categories. */
export function chartFromTable(values: unknown[][], title: string, source: string): ChartView | null {
  if (values.length < 2 || (values[0]?.length ?? 0) < 2) return null;
  const header = values[0];
  const body = values.slice(1).filter((r) => String(r[0] ?? '') !== '');
  const series = header.slice(1).map((name, j) => ({ name: String(name || `Series ${j + 1}`), values: body.map((r) => Number(r[j + 1]) || 0) }));
  return { title, categories: body.map((r) => String(r[0])), series, source };
}

/** The Dashboard's tier × stage table: a header row naming stages, then one row per tier. */
export function pyramidTable(values: unknown[][]): ChartView | null {
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
      title: 'Pyramid',
      categories: body.map((r) => String(r[labelCol])),
      series: stageCols.map((j) => ({ name: String(row[j]), values: body.map((r) => Number(r[j]) || 0) })),
      source: `Dashboard table from row ${i + 1}`,
    };
  }
  return null;
}


/**
 * An in-memory emulation of the Apps Script services KOC Ops uses, for tests, the bench and the
 * offline preview. One Emulator is one bound spreadsheet with its script; each `globals()` call is
 * one execution (its user, authorization mode, trigger context and locks).
 *
 * Dates across realms: values handed to code come from the calling realm's Date. `loadBundle`
 * (emulator/vm.ts) tells the globals object the vm context's Date and Error through the
 * REALM_HOOK symbol; without it the Node realm's are used. Code should detect dates with
 * Object.prototype.toString.call(x) === '[object Date]' either way.
 */
import { cellA1, quoteSheetName } from './a1';
import { Grid } from './grid';
import { parseWorkbook, type WorkbookJSON, workbookToJSON } from './json';
import { type FormulaEvaluator, WorkbookModel } from './model';
import { type AuthMode, DATA_METHOD, type Exec, REALM_HOOK, type Realm, Runtime, SPREADSHEET_CLASSES } from './runtime';
import {
  AuthMode as AuthModeEnum,
  CacheService,
  Console,
  LockService,
  Logger,
  PropertiesService,
  ScriptApp,
  Session,
  Utilities,
} from './services';
import { ChartsService, defaultSheetPrefix, Spreadsheet, SpreadsheetApp } from './spreadsheet';
import type { EmuState, MenuItem, TriggerModel, UiState } from './state';
import { HtmlService } from './ui';

export type { CellJSON, ChartJSON, ProtectionJSON, SheetJSON, TriggerJSON, ValidationJSON, WorkbookJSON } from './json';
export type { AuthMode, Realm } from './runtime';
export type { MenuItem, TriggerModel, UiState } from './state';
export type { FormulaEvaluator } from './model';

export { REALM_HOOK } from './runtime';

export interface EmulatorOptions {
  /** Session.getActiveUserLocale(); default 'en'. */
  locale?: string;
  /** Spreadsheet and script time zone; default 'Asia/Shanghai'. */
  timeZone?: string;
  /** The user running executions (and the spreadsheet owner); default 'ops@example.com'. */
  user?: string;
  /** Start from a saved workbook; default one empty sheet 'Sheet1'. */
  workbook?: WorkbookJSON | string;
  /** Spreadsheet locale (Spreadsheet.getSpreadsheetLocale); default the user's (a new spreadsheet takes its maker's), else 'en_US'. */
  spreadsheetLocale?: string;
  /** Apply add-on limits (one trigger of a kind per user, hourly at most); default true. */
  addon?: boolean;
  /** Caption of the menu createAddonMenu() makes; default 'KOC Ops'. */
  addonName?: string;
  /** Convert strings written by setValue(s) that look like numbers/dates/booleans, like Sheets; default true. */
  parseStrings?: boolean;
}

export interface ExecutionOptions {
  user?: string;
  /** Default FULL. */
  authMode?: AuthMode;
  /** A time-driven trigger run: SpreadsheetApp.getUi() throws. */
  trigger?: boolean;
  locale?: string;
  /** Realm intrinsics for values handed back (loadBundle sets these itself). */
  realm?: Partial<Realm>;
}

export interface CallCounter {
  byMethod(): Record<string, number>;
  total(): number;
  /** Calls on objects of the Spreadsheet service (SpreadsheetApp, Spreadsheet, Sheet, Range, …). */
  spreadsheetCalls(): number;
  /** The Spreadsheet-service calls that read or write cells or the sheet list (runtime.ts DATA_METHOD). */
  dataCalls(): number;
  reset(): void;
}

export type EmuSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A trigger as `emulator.triggers()` lists it: only the fields that were set. */
export type EmuTrigger = TriggerModel;

export interface TriggerEvent {
  authMode: string;
  triggerUid: string;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  'week-of-year': number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
  source?: unknown;
}

export interface Emulator {
  /** One execution's globals; locks taken through them belong to this execution. */
  globals(exec?: ExecutionOptions): Record<string, unknown>;
  /** Releases every lock the execution holds (Apps Script does this when a run ends). */
  endExecution(globals: Record<string, unknown>): void;
  /** The bound spreadsheet, for setting up and inspecting: not counted, never refused, ignores protections. */
  spreadsheet: EmuSpreadsheet;
  calls: CallCounter;
  /** The nth call of `Class.method` from now throws (before it changes anything). */
  failAt(method: string, nth: number, message?: string): void;
  clearFailures(): void;
  ui: UiState;
  triggers(): EmuTrigger[];
  /** Runs a trigger's handler in a trigger execution (globals with trigger:true, the trigger owner's user). */
  fireTrigger<T>(id: string, call: (handler: string, event: TriggerEvent, globals: Record<string, unknown>) => T): T;
  properties: EmuState['properties'];
  logs: string[];
  /** Every log line with its level ('log' | 'info' | 'warn' | 'error' | 'debug'). */
  logEntries: { level: string; message: string }[];
  toJSON(): WorkbookJSON;
  /** Replaces the workbook, properties and triggers; throws an Error naming what is wrong, changing nothing. */
  load(json: WorkbookJSON | string): void;
  /** Values of formula cells for the preview; without one, formula cells read ''. A 2-D result spills. */
  setFormulaEvaluator(fn: FormulaEvaluator | null): void;
  /** A file for HtmlService.createHtmlOutputFromFile / createTemplateFromFile. */
  setHtmlFile(name: string, html: string): void;
  /** Makes getUuid deterministic from this seed (null: random again). */
  seedUuid(seed: number | null): void;
  /** Fixes the emulator's clock (cache expiry, trigger events); null: real time. */
  setNow(now: Date | number | null): void;
  /** The user's selection: "'KOC名册'!B5" or "B5:C9" on the active sheet. */
  setActiveRange(a1: string): void;
  setActiveSheet(name: string): void;
  /** A sheet's data range as plain values (Node Dates), '' for empty; for asserts. */
  sheetValues(name: string): unknown[][];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number): string {
  const hex = [...Array(32)].map(() => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16], 16) & 3) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function emptyUi(): UiState {
  return { toasts: [], alerts: [], prompts: [], menus: [], sidebars: [], dialogs: [], alertResponses: [], promptResponses: [] };
}

const AUTH_MODES: AuthMode[] = ['NONE', 'LIMITED', 'FULL', 'CUSTOM_FUNCTION'];

/** A new spreadsheet takes its maker's locale (zh-CN → zh_CN); en_US by default. */
function spreadsheetLocaleOf(userLocale: string | undefined): string {
  if (!userLocale) return 'en_US';
  const [lang, region] = userLocale.split(/[-_]/);
  return region ? `${lang}_${region.toUpperCase()}` : lang === 'zh' ? 'zh_CN' : lang === 'en' ? 'en_US' : lang;
}

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const options = {
    locale: opts.locale ?? 'en',
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
    user: opts.user ?? 'ops@example.com',
    addon: opts.addon ?? true,
    addonName: opts.addonName ?? 'KOC Ops',
  };
  const defaults = { id: 'emu-spreadsheet-0001', name: 'KOC Ops (emulator)', timeZone: options.timeZone, locale: opts.spreadsheetLocale ?? spreadsheetLocaleOf(opts.locale), user: options.user };
  const rt = new Runtime();
  let fixedNow: number | null = null;
  let rand: (() => number) | null = null;
  const wb = new WorkbookModel(defaults.id, defaults.name, defaults.timeZone, defaults.locale);
  // Sheets names a new spreadsheet's first sheet in its language.
  wb.addSheet(`${defaultSheetPrefix(defaults.locale)}1`);
  const state: EmuState = {
    rt,
    wb,
    ui: emptyUi(),
    logs: [],
    logEntries: [],
    properties: { script: {}, user: {}, document: {} },
    locks: new Map(),
    triggers: [],
    nextTriggerId: 1000001,
    htmlFiles: new Map(),
    caches: new Map(),
    options,
    clock: () => fixedNow ?? Date.now(),
    uuid: () => (rand ? uuidFrom(rand) : globalThis.crypto.randomUUID()),
  };
  const parseStrings = opts.parseStrings ?? true;
  const execs = new WeakMap<object, Exec>();
  let nextExec = 1;

  const load = (json: WorkbookJSON | string) => {
    const parsed = parseWorkbook(json, defaults);
    parsed.wb.evaluator = state.wb.evaluator;
    parsed.wb.parseStrings = parseStrings;
    state.wb = parsed.wb;
    rt.spreadsheetFailure = `Service Spreadsheets failed while accessing document with id ${parsed.wb.id}.`;
    // The property stores stay the same objects: callers may hold emulator.properties.
    const p = state.properties;
    for (const k of Object.keys(p.script)) delete p.script[k];
    for (const k of Object.keys(p.user)) delete p.user[k];
    for (const k of Object.keys(p.document)) delete p.document[k];
    Object.assign(p.script, parsed.properties.script);
    Object.assign(p.user, parsed.properties.user);
    Object.assign(p.document, parsed.properties.document);
    state.triggers = parsed.triggers;
    state.nextTriggerId = Math.max(state.nextTriggerId, ...parsed.triggers.map((t) => Number(t.id) + 1).filter(Number.isFinite));
    state.locks.clear();
    state.caches.clear();
  };
  wb.parseStrings = parseStrings;
  rt.spreadsheetFailure = `Service Spreadsheets failed while accessing document with id ${wb.id}.`;
  if (opts.workbook !== undefined) load(opts.workbook);

  const makeExec = (e: ExecutionOptions, admin = false): Exec => {
    const authMode = e.authMode ?? 'FULL';
    if (!AUTH_MODES.includes(authMode)) throw new Error(`Unknown authMode ${authMode}; expected one of ${AUTH_MODES.join(', ')}`);
    return {
      id: nextExec++,
      user: e.user ?? options.user,
      authMode,
      trigger: Boolean(e.trigger),
      locale: e.locale ?? options.locale,
      admin,
      realm: { Date: e.realm?.Date ?? Date, Error: e.realm?.Error ?? Error, compile: e.realm?.compile },
      locks: new Set(),
    };
  };

  const globals = (e: ExecutionOptions = {}): Record<string, unknown> => {
    const x = makeExec(e);
    const w = <T extends object>(o: T) => rt.wrap(o, x);
    const g: Record<string | symbol, unknown> = {
      SpreadsheetApp: w(new SpreadsheetApp(state, x)),
      PropertiesService: w(new PropertiesService(state, x)),
      LockService: w(new LockService(state, x)),
      ScriptApp: w(new ScriptApp(state, x)),
      HtmlService: w(new HtmlService(state, x)),
      CacheService: w(new CacheService(state, x)),
      Session: w(new Session(state, x)),
      Utilities: w(new Utilities(state, x)),
      Logger: w(new Logger(state, x)),
      Charts: ChartsService,
      console: w(new Console(state, x)),
    };
    Object.defineProperty(g, REALM_HOOK, {
      enumerable: false,
      value: (realm: Partial<Realm>) => {
        if (realm.Date) x.realm.Date = realm.Date;
        if (realm.Error) x.realm.Error = realm.Error;
        if (realm.compile) x.realm.compile = realm.compile;
      },
    });
    execs.set(g, x);
    return g as Record<string, unknown>;
  };

  const endExecution = (g: Record<string, unknown>) => {
    const x = execs.get(g);
    if (!x) throw new Error('endExecution: these globals were not made by this emulator');
    for (const name of x.locks) if (state.locks.get(name) === x.id) state.locks.delete(name);
    x.locks.clear();
  };

  const admin = makeExec({}, true);
  const spreadsheet = rt.wrap(new Spreadsheet(state, admin), admin) as unknown as EmuSpreadsheet;

  const calls: CallCounter = {
    byMethod: () => Object.fromEntries(rt.counts),
    total: () => {
      let n = 0;
      for (const v of rt.counts.values()) n += v;
      return n;
    },
    spreadsheetCalls: () => {
      let n = 0;
      for (const [k, v] of rt.counts) if (SPREADSHEET_CLASSES.has(k.slice(0, k.indexOf('.')))) n += v;
      return n;
    },
    dataCalls: () => {
      let n = 0;
      for (const [k, v] of rt.counts) if (DATA_METHOD.test(k)) n += v;
      return n;
    },
    reset: () => rt.counts.clear(),
  };

  const emu: Emulator = {
    globals,
    endExecution,
    spreadsheet,
    calls,
    failAt: (method, nth, message) => rt.failAt(method, nth, message),
    clearFailures: () => rt.clearFailures(),
    ui: state.ui,
    triggers: () =>
      state.triggers.map((t) => {
        const out: EmuTrigger = { id: t.id, handler: t.handler, kind: t.kind, user: t.user };
        for (const k of ['everyMinutes', 'everyHours', 'everyDays', 'everyWeeks', 'atHour', 'nearMinute', 'timeZone'] as const) {
          if (t[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = t[k];
        }
        return out;
      }),
    fireTrigger: (id, call) => {
      const t = state.triggers.find((x) => x.id === id);
      if (!t) throw new Error(`fireTrigger: no trigger with id ${id}; have ${state.triggers.map((x) => x.id).join(', ') || 'none'}`);
      const g = globals({ user: t.user, trigger: t.kind === 'CLOCK', authMode: 'FULL' });
      const now = state.clock();
      // Apps Script reports a clock trigger's time fields in UTC.
      const d = new Date(now);
      const onJan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
      const event: TriggerEvent = {
        authMode: AuthModeEnum.FULL,
        triggerUid: t.id,
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        'day-of-month': d.getUTCDate(),
        'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
        'week-of-year': Math.ceil(((now - onJan1) / 86400000 + new Date(onJan1).getUTCDay() + 1) / 7),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        timezone: 'UTC',
      };
      if (t.kind !== 'CLOCK') event.source = (g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
      try {
        return call(t.handler, event, g);
      } finally {
        endExecution(g);
      }
    },
    properties: state.properties,
    logs: state.logs,
    logEntries: state.logEntries,
    toJSON: () => workbookToJSON(state),
    load,
    setFormulaEvaluator: (fn) => {
      state.wb.evaluator = fn;
      state.wb.version++;
    },
    setHtmlFile: (name, html) => {
      state.htmlFiles.set(name, html);
    },
    seedUuid: (seed) => {
      rand = seed === null ? null : mulberry32(seed);
    },
    setNow: (now) => {
      fixedNow = now === null ? null : typeof now === 'number' ? now : now.getTime();
    },
    setActiveRange: (a1) => {
      const r = (spreadsheet as unknown as Spreadsheet).getRange(a1);
      (spreadsheet as unknown as Spreadsheet).setActiveRange(r);
    },
    setActiveSheet: (name) => {
      const s = state.wb.sheetByName(name);
      if (!s) throw new Error(`setActiveSheet: no sheet named "${name}"; have ${state.wb.sheets.map((x) => quoteSheetName(x.name)).join(', ')}`);
      state.wb.activeSheetId = s.id;
      state.wb.activeRange = null;
    },
    sheetValues: (name) => {
      const s = state.wb.sheetByName(name);
      if (!s) throw new Error(`sheetValues: no sheet named "${name}"`);
      const sheet = (spreadsheet as unknown as Spreadsheet).getSheetByName(name)!;
      return sheet.getDataRange().getValues();
    },
  };
  return emu;
}

// Kept for callers that build cell references in asserts.
export { cellA1, Grid };
export type { MenuItem as EmuMenuItem };

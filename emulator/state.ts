/** Emulator-wide state shared by every execution, and the base class of emulated service objects. */
import type { WorkbookModel } from './model';
import type { Exec, Runtime } from './runtime';

export type MenuItem = { caption: string; functionName: string } | { separator: true } | { caption: string; submenu: MenuItem[] };

export interface UiState {
  toasts: { message: string; title: string; timeout: number }[];
  alerts: { title: string; prompt: string; buttons: string }[];
  prompts: { title: string; prompt: string; buttons: string }[];
  menus: { name: string; items: MenuItem[]; addon?: boolean }[];
  sidebars: { title: string; html: string; width?: number }[];
  dialogs: { title: string; html: string; width?: number; height?: number; modal: boolean }[];
  /** Queue of answers for ui.alert: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE'; empty → the set's first button. */
  alertResponses: string[];
  /** Queue of answers for ui.prompt; empty → OK with ''. */
  promptResponses: { button?: string; text?: string }[];
}

export type TriggerKind = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

export interface TriggerModel {
  id: string;
  handler: string;
  kind: TriggerKind;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: string;
  at?: string;
  timeZone?: string;
  user: string;
}

export interface CacheEntry {
  value: string;
  expires: number;
}

export interface EmuState {
  rt: Runtime;
  wb: WorkbookModel;
  ui: UiState;
  logs: string[];
  logEntries: { level: string; message: string }[];
  properties: { script: Record<string, string>; user: Record<string, Record<string, string>>; document: Record<string, string> };
  /** Lock name → id of the execution holding it. */
  locks: Map<string, number>;
  triggers: TriggerModel[];
  nextTriggerId: number;
  htmlFiles: Map<string, string>;
  caches: Map<string, Map<string, CacheEntry>>;
  options: { locale: string; timeZone: string; user: string; addon: boolean; addonName: string };
  clock: () => number;
  uuid: () => string;
}

/** Base of every emulated object: knows the shared state and the execution it belongs to. */
export class Svc {
  constructor(
    readonly _s: EmuState,
    readonly _x: Exec,
  ) {}

  /** Wraps a new service object of the same execution (counted, checked). */
  _wrap<T extends object>(o: T): T {
    return this._s.rt.wrap(o, this._x);
  }
}

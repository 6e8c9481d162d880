/**
 * The one hook every emulated service object goes through: a Proxy that counts `Class.method`,
 * applies the execution's authorization mode, injects failures (before the call changes
 * anything) and turns emulator errors into errors of the calling realm.
 */

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** Intrinsics of the realm (node:vm context) the calling code runs in. */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
  /** Compiles a function inside the realm, so HTML templates see the bundle's globals. */
  compile?: (params: string[], body: string) => (...args: unknown[]) => unknown;
}

export interface Exec {
  id: number;
  user: string;
  authMode: AuthMode;
  trigger: boolean;
  locale: string;
  /** Emulator-internal access (emulator.spreadsheet): not counted, never refused or failed. */
  admin: boolean;
  realm: Realm;
  locks: Set<string>;
}

/** loadBundle calls globals[REALM_HOOK](realm) so the emulator hands back the context's Dates and Errors. */
export const REALM_HOOK = Symbol.for('koc.emulator.realm');

/** Errors the emulated services throw; named like Apps Script's (`Exception: …`). */
export class GasException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

export function fail(message: string): never {
  throw new GasException(message);
}

/** Classes of the Spreadsheet service (CallCounter.spreadsheetCalls). */
export const SPREADSHEET_CLASSES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
  'NamedRange',
  'DataValidation',
  'DataValidationBuilder',
  'EmbeddedChart',
  'EmbeddedChartBuilder',
  'Filter',
  'FilterCriteria',
  'FilterCriteriaBuilder',
]);

/**
 * Spreadsheet-service methods that move cell data or the sheet list (CallCounter.dataCalls): the
 * calls that cost time in Apps Script. The rest (getName, getRange, getLastRow, builders…) are
 * cheap metadata calls.
 */
export const DATA_METHOD =
  /^(?:Spreadsheet\.(?:getSheets|insertSheet|deleteSheet)|Range\.(?:getValues?|getDisplayValues?|getFormulas?|setValues?|setFormulas?|clear\w*)|Sheet\.(?:(?:insert|delete)(?:Rows?|Columns?)\w*|insertChart|removeChart|updateChart|appendRow|clear\w*))$/;

// Custom functions may read but not write: these classes refuse their mutating methods.
const WRITE_CLASSES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'Protection', 'NamedRange', 'EmbeddedChart']);
const WRITE_METHOD =
  /^(set|insert|append|clear|delete|protect|remove|hide|show|autoResize|merge|unmerge|activate|toast|add|sort|copy|move|update|rename|trim|breakApart)/;
const NEEDS_AUTH = new Set(['PropertiesService', 'Properties', 'LockService', 'Lock', 'ScriptApp', 'TriggerBuilder', 'ClockTriggerBuilder', 'Trigger']);

// Unknown methods with Apps Script-like names fail loudly instead of "x is not a function".
const LOOKS_LIKE_METHOD =
  /^(?:(?:get|set|insert|delete|clear|append|add|remove|create|new|is|show|hide|copy|sort|auto|activate|protect|merge|move|update|open|require|with|as|can|has|put|format|compute|parse|base64|every|at|near|in|on|for|time)[A-Z0-9]|(?:activate|build|evaluate|flush|toast|alert|prompt|protect|merge|clear|remove|copy|sort|log|sleep|breakApart|create)$)/;

function checkAuth(exec: Exec, cls: string, method: string): void {
  if (exec.authMode === 'CUSTOM_FUNCTION') {
    if (NEEDS_AUTH.has(cls)) fail(`You do not have permission to call ${cls}.${method}`);
    if (WRITE_CLASSES.has(cls) && WRITE_METHOD.test(method)) fail(`You do not have permission to call ${method}`);
  } else if (exec.authMode === 'NONE') {
    if (cls === 'SpreadsheetApp' && method !== 'getUi') {
      fail(`You do not have permission to call SpreadsheetApp.${method}. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly`);
    }
    if ((NEEDS_AUTH.has(cls) || cls === 'CacheService') && !(cls === 'ScriptApp' && method === 'getAuthorizationInfo')) {
      fail(`You do not have permission to call ${cls}.${method}. Authorization is required (AuthMode.NONE).`);
    }
  }
}

interface Failure {
  key: string;
  remaining: number;
  message?: string;
}

export class Runtime {
  counts = new Map<string, number>();
  private failures: Failure[] = [];
  private raw = new WeakMap<object, object>();
  /** Message of an injected failure on a Spreadsheet-service method when none is given. */
  spreadsheetFailure = 'Service Spreadsheets failed while accessing document.';

  failAt(key: string, nth: number, message?: string): void {
    if (!Number.isInteger(nth) || nth < 1) throw new Error(`failAt: nth must be a positive integer, got ${nth}`);
    this.failures.push({ key, remaining: nth, message });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** The object behind a proxy (or the value itself). */
  unwrap<T>(x: T): T {
    return (x && typeof x === 'object' ? (this.raw.get(x as object) as T | undefined) : undefined) ?? x;
  }

  wrap<T extends object>(target: T, exec: Exec): T {
    const ctor = target.constructor as { gasName?: string; name: string };
    const cls = ctor.gasName ?? ctor.name;
    const cache = new Map<string, (...args: unknown[]) => unknown>();
    // Assigned once the handler that refers to it exists.
    let proxy: T;
    const handler: ProxyHandler<T> = {
      get: (t, prop) => {
        const v = Reflect.get(t, prop);
        if (typeof prop !== 'string' || prop.charCodeAt(0) === 95 || prop === 'constructor') return v;
        if (typeof v !== 'function') {
          if (v === undefined && prop !== 'then' && !(prop in t) && LOOKS_LIKE_METHOD.test(prop)) {
            return () => this.rethrow(new GasException(`${cls}.${prop} is not implemented by the emulator`), exec);
          }
          return v;
        }
        let w = cache.get(prop);
        if (!w) {
          const key = `${cls}.${prop}`;
          const fn = v as (...args: unknown[]) => unknown;
          w = (...args: unknown[]) => this.invoke(exec, cls, prop, key, t, proxy, fn, args);
          cache.set(prop, w);
        }
        return w;
      },
    };
    proxy = new Proxy(target, handler);
    this.raw.set(proxy, target);
    return proxy;
  }

  private invoke(exec: Exec, cls: string, method: string, key: string, t: object, proxy: object, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    try {
      if (!exec.admin) {
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        checkAuth(exec, cls, method);
        this.injectFailure(key, cls);
      }
      const r = fn.apply(t, args);
      return r === t ? proxy : r;
    } catch (e) {
      return this.rethrow(e, exec);
    }
  }

  private injectFailure(key: string, cls: string): void {
    for (let i = 0; i < this.failures.length; i++) {
      const f = this.failures[i];
      if (f.key !== key) continue;
      f.remaining--;
      if (f.remaining === 0) {
        this.failures.splice(i, 1);
        fail(f.message ?? (SPREADSHEET_CLASSES.has(cls) ? this.spreadsheetFailure : "We're sorry, a server error occurred. Please wait a bit and try again."));
      }
    }
  }

  /** Emulator errors become the caller realm's Error (so `e instanceof Error` holds in the bundle). */
  rethrow(e: unknown, exec: Exec): never {
    if (e instanceof GasException && exec.realm.Error !== Error) {
      const err = new exec.realm.Error(e.message);
      err.name = 'Exception';
      throw err;
    }
    throw e;
  }
}

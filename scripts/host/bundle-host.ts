/**
 * The built bundle as the sidebar's server: each google.script.run call is one Apps Script
 * execution — fresh emulated globals for the user, dist/Code.js loaded into a bare V8 context,
 * the global function called by name, every lock released at the end — on one shared emulated
 * workbook. Used by the sidebar's browser tests and by `npm start`'s preview.
 *
 * Values cross the boundary the way google.script.run carries them: the arguments arrive as a
 * copy made in the script's own realm; the return value goes back through the same rules
 * (see serialize.ts), and a thrown error reaches the failure handler with its message.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { Emulator } from '../../emulator/index';
import { loadBundle } from '../../emulator/vm';
import { REGISTRY } from '../../src/server/registry';
import { checkScriptValue, type IllegalValue } from './serialize';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_CODE = join(ROOT, 'dist/Code.js');
export const DIST_SIDEBAR = join(ROOT, 'dist/Sidebar.html');

export interface BundleHostOptions {
  emulator: Emulator;
  /** The bundle's source; default dist/Code.js read now (call `reload()` after a rebuild). */
  code?: string;
  /** The clock of every execution: a fixed Date or a function read per call; default real time. */
  now?: Date | (() => Date);
  /** The user running executions; default the emulator's user. */
  user?: string;
  /** Session.getActiveUserLocale() of executions; default the emulator's locale. */
  locale?: string;
  /**
   * The functions google.script.run may call; default the registry's sidebar endpoints (kind
   * 'endpoint'). Anything else — menu handlers like setUpWorkbook, recomputeNow, triggers — would
   * let any page that reaches the local server rewrite the workbook, so the page cannot call it.
   */
  endpoints?: readonly string[];
}

export type ScriptRunOutcome =
  | { ok: true; value: unknown; warning?: string }
  | { ok: false; error: { name: string; message: string } };

export interface ScriptRunRecord {
  name: string;
  args: unknown[];
  outcome: ScriptRunOutcome;
  ms: number;
}

export interface BundleHost {
  readonly emulator: Emulator;
  /**
   * Run one server function as one execution. `argsJson` is the JSON text of the argument list
   * (what the browser shim sends); it is parsed inside the script's realm, so the server sees its
   * own plain objects and arrays, as in Apps Script.
   */
  run(name: string, argsJson: string, exec?: { user?: string; locale?: string }): ScriptRunOutcome;
  /** The same with arguments as values (serialized by the google.script.run rules first). */
  call(name: string, args?: unknown[], exec?: { user?: string; locale?: string }): ScriptRunOutcome;
  /** The bundle's top-level functions (Apps Script hides names ending in `_`). */
  functionNames(): string[];
  /** Those google.script.run may call: the ones in `endpoints` (the shim's methods). */
  endpointNames(): string[];
  /** Read dist/Code.js again (or use the code given). */
  reload(code?: string): void;
  /** Every call made, oldest first (tests read it to count round trips). */
  readonly log: ScriptRunRecord[];
}

export function createBundleHost(opts: BundleHostOptions): BundleHost {
  let code = opts.code ?? readFileSync(DIST_CODE, 'utf8');
  let names: string[] | null = null;
  const log: ScriptRunRecord[] = [];
  const endpoints = new Set(opts.endpoints ?? REGISTRY.filter((f) => f.kind === 'endpoint').map((f) => f.name));
  const nowOf = () => (typeof opts.now === 'function' ? opts.now() : opts.now);

  const execute = (name: string, argsJson: string, exec: { user?: string; locale?: string } = {}): ScriptRunOutcome => {
    const started = performance.now();
    let outcome: ScriptRunOutcome;
    let args: unknown[] = [];
    if (!isCallable(name, host.functionNames())) {
      outcome = { ok: false, error: { name: 'TypeError', message: `Script function not found: ${name}` } };
    } else {
      const globals = opts.emulator.globals({ user: exec.user ?? opts.user, locale: exec.locale ?? opts.locale });
      try {
        const bundle = loadBundle(code, globals, { now: nowOf(), filename: 'Code.js' });
        // The arguments are a copy made in the script's realm, as the server receives them.
        const realmJson = vm.runInContext('JSON', bundle.context) as JSON;
        const realmArgs = realmJson.parse(argsJson) as unknown[];
        args = JSON.parse(argsJson) as unknown[];
        const value = bundle.call(name, ...realmArgs);
        const illegal = checkScriptValue(value);
        outcome = illegal ? { ok: true, value: null, warning: returnWarning(name, illegal) } : { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null') };
      } catch (err) {
        const e = err as { name?: string; message?: string };
        outcome = { ok: false, error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? err) } };
      } finally {
        opts.emulator.endExecution(globals);
      }
    }
    log.push({ name, args, outcome, ms: performance.now() - started });
    return outcome;
  };

  const host: BundleHost = {
    emulator: opts.emulator,
    log,
    run: execute,
    call(name, args = [], exec) {
      const illegal = checkScriptValue(args);
      if (illegal) return { ok: false, error: { name: 'Error', message: illegalMessage(illegal) } };
      return execute(name, JSON.stringify(args), exec);
    },
    functionNames() {
      if (!names) {
        // Load once without running anything but the bundle's top level, to list its globals.
        const globals = opts.emulator.globals({ user: opts.user, locale: opts.locale });
        try {
          const bundle = loadBundle(code, globals, { filename: 'Code.js' });
          const ctx = bundle.context as Record<string, unknown>;
          names = Object.getOwnPropertyNames(ctx).filter((k) => typeof ctx[k] === 'function' && !(k in globals) && /^[A-Za-z$][\w$]*$/.test(k) && !k.endsWith('_') && !BUILTINS.has(k));
        } finally {
          opts.emulator.endExecution(globals);
        }
      }
      return names;
    },
    endpointNames() {
      return host.functionNames().filter((n) => endpoints.has(n));
    },
    reload(next) {
      code = next ?? readFileSync(DIST_CODE, 'utf8');
      names = null;
    },
  };
  return host;
}

/** Standard globals of a V8 context, never server functions. */
const BUILTINS = new Set(
  'Object Function Array Number parseFloat parseInt Boolean String Symbol Date Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array Float64Array Uint8ClampedArray BigUint64Array BigInt64Array DataView Map BigInt Set WeakMap WeakSet Proxy FinalizationRegistry WeakRef decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape eval isFinite isNaN SharedArrayBuffer Atomics WebAssembly Iterator Float16Array SuppressedError DisposableStack AsyncDisposableStack'.split(
    ' ',
  ),
);

function isCallable(name: string, names: string[]): boolean {
  return typeof name === 'string' && names.includes(name);
}

export function illegalMessage(illegal: IllegalValue): string {
  return `Failed due to illegal value in property: ${illegal.path}`;
}

function returnWarning(name: string, illegal: IllegalValue): string {
  return `${name} returned a value google.script.run cannot carry (${illegal.kind} at ${illegal.path}); the success handler receives null`;
}

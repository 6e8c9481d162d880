/**
 * Runs Apps Script code (the built dist/Code.js) in a bare node:vm context: only standard
 * JavaScript plus the Apps Script globals given, the way the V8 runtime sees the world.
 */
import vm from 'node:vm';
import { REALM_HOOK, type Realm } from './runtime';

export interface LoadedBundle {
  context: object;
  /** Calls a top-level function of the bundle by name. */
  call(name: string, ...args: unknown[]): unknown;
  globals: Record<string, unknown>;
  /** Moves the context's fixed clock (only when loaded with `now`). */
  setNow(now: Date): void;
  /**
   * The same context for another execution: the global object given `globals` (replacing the
   * last execution's), the clock moved to `now`. Module-level state stays.
   */
  rebind(globals: Record<string, unknown>, now?: Date): LoadedBundle;
}

// A Date whose no-argument forms read a settable clock; everything else is the realm's own Date.
// Hot paths (a recompute makes ~10^5 Dates from numbers) must not pay for the clock: the common
// arities construct the real Date directly — no arguments copy, no bind.apply — and the emulator
// itself copies cell Dates with the real constructor (loadBundle hands it over as Realm.Date).
const FAKE_DATE = `(function (RealDate, initial) {
  'use strict';
  var now = initial;
  var construct = Reflect.construct;
  function Date(a, b, c, d, h, m, s) {
    if (new.target === undefined) return new RealDate(now).toString();
    switch (arguments.length) {
      case 0: return new RealDate(now);
      case 1: return new RealDate(a);
      case 2: return new RealDate(a, b);
      case 3: return new RealDate(a, b, c);
      case 4: return new RealDate(a, b, c, d);
      case 5: return new RealDate(a, b, c, d, h);
      case 6: return new RealDate(a, b, c, d, h, m);
      case 7: return new RealDate(a, b, c, d, h, m, s);
      default: return construct(RealDate, arguments);
    }
  }
  Date.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
  Date.now = function () { return now; };
  Date.UTC = RealDate.UTC;
  Date.parse = RealDate.parse;
  globalThis.Date = Date;
  return function (ms) { now = ms; };
})`;

/** The last code compiled, kept: a compiled script runs in any number of contexts (tests load one bundle thousands of times). */
let compiled: { code: string; filename: string; script: vm.Script } | null = null;

function scriptOf(code: string, filename: string): vm.Script {
  if (compiled?.code !== code || compiled.filename !== filename) compiled = { code, filename, script: new vm.Script(code, { filename }) };
  return compiled.script;
}

/**
 * Loads code into a fresh context holding only standard JavaScript and `globals` (no require,
 * process, module, Buffer, fetch, setTimeout, TextEncoder, URL). `now` fixes `new Date()` and
 * Date.now() inside the context; other Date constructors are unchanged.
 */
export function loadBundle(code: string, globals: Record<string, unknown>, opts: { now?: Date; filename?: string } = {}): LoadedBundle {
  const context = vm.createContext({});
  let setClock: ((ms: number) => void) | null = null;
  // The realm's real Date, before any clock wrapper: the emulator makes cell Dates with it.
  const realDate = vm.runInContext('Date', context) as DateConstructor;
  if (opts.now) {
    const install = vm.runInContext(FAKE_DATE, context) as (d: unknown, ms: number) => (ms: number) => void;
    setClock = install(realDate, opts.now.getTime());
  }
  // Host-only globals a fresh context may still expose in some Node versions are removed.
  vm.runInContext(
    "['console','setTimeout','setInterval','setImmediate','queueMicrotask','structuredClone','fetch','TextEncoder','TextDecoder','URL','URLSearchParams','Buffer','process','require','module','exports','global'].forEach(function (k) { try { delete globalThis[k]; } catch (e) {} });",
    context,
  );
  const ctx = context as Record<string, unknown>;
  const realm: Realm = {
    Date: realDate,
    Error: vm.runInContext('Error', context) as ErrorConstructor,
    compile: (params, body) => vm.runInContext(`(function (${params.join(', ')}) {\n${body}\n})`, context) as (...a: unknown[]) => unknown,
  };
  let bound: string[] = [];
  const bind = (g: Record<string, unknown>) => {
    for (const k of bound) if (!(k in g)) delete ctx[k];
    bound = Object.keys(g);
    for (const k of bound) ctx[k] = g[k];
    const hook = (g as Record<symbol, unknown>)[REALM_HOOK];
    if (typeof hook === 'function') (hook as (r: Realm) => void)(realm);
  };
  bind(globals);
  scriptOf(code, opts.filename ?? 'Code.js').runInContext(context);
  const loaded = (g: Record<string, unknown>): LoadedBundle => ({
    context,
    globals: g,
    call(name: string, ...args: unknown[]): unknown {
      let fn = ctx[name];
      // Top-level const/let/class bindings are not properties of the global object.
      if (fn === undefined && /^[A-Za-z_$][\w$]*$/.test(name)) fn = vm.runInContext(`typeof ${name} === 'undefined' ? undefined : ${name}`, context);
      if (typeof fn !== 'function') throw new Error(`The bundle has no function ${name}()`);
      return (fn as (...a: unknown[]) => unknown)(...args);
    },
    setNow(now: Date): void {
      if (!setClock) throw new Error('setNow: load the bundle with opts.now to fix its clock');
      setClock(now.getTime());
    },
    rebind(next: Record<string, unknown>, now?: Date): LoadedBundle {
      bind(next);
      if (now) loaded(next).setNow(now);
      return loaded(next);
    },
  });
  return loaded(globals);
}

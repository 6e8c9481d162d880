/**
 * The built bundle as Apps Script runs it: dist/Code.js evaluated in a bare V8 context (node:vm)
 * holding only standard JavaScript and the emulated Apps Script globals.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createEmulator, type Emulator, type EmulatorOptions, type ExecutionOptions, type WorkbookJSON } from '../../emulator/index';
import { loadBundle, type LoadedBundle } from '../../emulator/vm';
import { ENDPOINTS, type EndpointName, READ_ENDPOINTS } from '../../src/contract/sidebar-contract';

export const DIST = join(__dirname, '../../dist');

let built: { mtimeMs: number; size: number; code: string } | undefined;

/** dist/Code.js, read again only when the file changed (tests load it thousands of times). */
export function builtCode(): string {
  const path = join(DIST, 'Code.js');
  const { mtimeMs, size } = statSync(path);
  if (built?.mtimeMs !== mtimeMs || built.size !== size) built = { mtimeMs, size, code: readFileSync(path, 'utf8') };
  return built.code;
}

export interface BundleRun extends LoadedBundle {
  emulator: Emulator;
}

/** A fresh emulator (or the given one) with the built bundle loaded for one execution. */
export function runBundle(opts: { emulator?: Emulator; emulatorOptions?: EmulatorOptions; exec?: ExecutionOptions; now?: Date; warm?: boolean } = {}): BundleRun {
  const emulator = opts.emulator ?? createEmulator(opts.emulatorOptions);
  const globals = emulator.globals(opts.exec);
  const code = builtCode();
  let loaded: LoadedBundle;
  if (opts.warm) {
    if (warm?.code !== code) warm = { code, bundle: loadBundle(code, globals, { now: opts.now ?? new Date(), filename: 'Code.js' }) };
    loaded = warm.bundle.rebind(globals, opts.now ?? new Date());
  } else loaded = loadBundle(code, globals, { now: opts.now, filename: 'Code.js' });
  return { ...loaded, emulator };
}

/**
 * The sweeps' shared context. A sweep runs one function hundreds of times, each on a fresh copy of
 * one workbook with a failure at another call; in a fresh context every run is cold (V8 starts
 * each context's code unoptimized), in this one the bundle runs as warm code does, three times
 * faster. The bundle's module-level values are pure memos, and each entry point sets the state of
 * its execution, so runs do not see one another; a sweep's dry run and its retries still get fresh
 * contexts, so what says a write was saved must be in the workbook, not in the bundle's memory.
 * Every other bundle test gets a fresh context per execution, as Apps Script gives.
 */
let warm: { code: string; bundle: LoadedBundle } | undefined;

/**
 * One Apps Script execution: fresh globals for the user, the bundle loaded, one global called
 * with arguments copied into the script's realm as google.script.run does, locks released.
 */
export function execOnce(emulator: Emulator, name: string, args: unknown[] = [], opts: { user?: string; now?: Date; locale?: string; warm?: boolean } = {}): any {
  // The sidebar sends a request id with every write (sidebar/api.ts); so do tests, unless they set one.
  const payload = args[0];
  if (isSidebarWrite(name) && payload && typeof payload === 'object' && !('requestId' in payload)) args = [{ ...payload, requestId: `test-${++requestSeq}` }, ...args.slice(1)];
  const run = runBundle({ emulator, exec: { user: opts.user ?? 'ops@example.com', ...(opts.locale ? { locale: opts.locale } : {}) }, now: opts.now, warm: opts.warm });
  try {
    const json = vm.runInContext('JSON', run.context as vm.Context) as JSON;
    const value = run.call(name, ...args.map((a) => (a === undefined ? a : json.parse(JSON.stringify(a)))));
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  } finally {
    emulator.endExecution(run.globals);
  }
}

let requestSeq = 0;

/** The service calls of an emulator that change the workbook or its properties, by method. */
export function writeCalls(emulator: Emulator): string[] {
  return Object.keys(emulator.calls.byMethod()).filter((k) => /\.(set|append|insert|delete|clear|remove|copy|sort|protect|merge|update)/.test(k) && !k.startsWith('Lock.'));
}

export function isSidebarWrite(name: string): boolean {
  return (ENDPOINTS as readonly string[]).includes(name) && !READ_ENDPOINTS.has(name as EndpointName);
}

/** The demo workbooks made so far by this worker, by options. */
const demoWorkbooks = new Map<string, WorkbookJSON>();

/**
 * A set-up workbook with the demo data loaded through the bundle's own menu items. The two runs
 * are made once per worker for each set of options; every call gets a fresh emulator on a
 * copy of that workbook.
 */
export function demoEmulator(opts: { locale?: string; now?: Date; timeZone?: string } = {}): Emulator {
  const key = JSON.stringify([opts.locale ?? 'en', opts.now?.getTime() ?? null, opts.timeZone ?? null]);
  let workbook = demoWorkbooks.get(key);
  if (!workbook) {
    const made = createEmulator({ locale: opts.locale ?? 'en', timeZone: opts.timeZone });
    execOnce(made, 'setUpWorkbook', [], opts);
    made.ui.alertResponses.push('YES' as never);
    execOnce(made, 'loadDemoData', [], opts);
    workbook = made.toJSON();
    demoWorkbooks.set(key, workbook);
  }
  const emulator = createEmulator({ locale: opts.locale ?? 'en', timeZone: opts.timeZone, workbook });
  emulator.calls.reset();
  return emulator;
}

/**
 * The browser side of the harness: a `google.script.run` that behaves like Apps Script's —
 * withSuccessHandler / withFailureHandler / withUserObject each return a new runner, every
 * sidebar endpoint of the bundle is a method, each call is asynchronous, illegal arguments
 * (Dates, functions, DOM elements, circular references; `undefined` too in strict mode) throw
 * synchronously as Apps Script does, the server's value reaches the success handler and a
 * server error reaches the failure handler as an Error with the server's message — plus
 * `google.script.host` (close, setHeight, setWidth, editor.focus, origin).
 *
 * Calls go to POST {endpoint} with `{ name, args }`, answered by handleScriptRun (server.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

export interface ShimOptions {
  /** Server functions the page may call (BundleHost.endpointNames()). */
  functions: readonly string[];
  /** Where calls are posted; default '/__gas/run'. */
  endpoint?: string;
  /** Refuse `undefined` anywhere in the arguments; default true. */
  strictUndefined?: boolean;
  /** Milliseconds added before each answer is delivered (to see loading states); default 0. */
  latencyMs?: number;
}

export const SCRIPT_RUN_PATH = '/__gas/run';

let checkerSource: string | null = null;

/** serialize.ts compiled for the browser, exposing `__gasSerialize.checkScriptValue`. */
function checker(): string {
  if (checkerSource === null) {
    const here = dirname(fileURLToPath(import.meta.url));
    const ts = readFileSync(join(here, 'serialize.ts'), 'utf8');
    checkerSource = transformSync(ts, { loader: 'ts', format: 'iife', globalName: '__gasSerialize', target: 'es2019' }).code;
  }
  return checkerSource;
}

export function scriptRunShim(opts: ShimOptions): string {
  const config = {
    functions: [...opts.functions],
    endpoint: opts.endpoint ?? SCRIPT_RUN_PATH,
    strictUndefined: opts.strictUndefined ?? true,
    latencyMs: opts.latencyMs ?? 0,
  };
  return `(function () {
${checker()}
var config = ${JSON.stringify(config).replace(/</g, '\\u003c')};
var check = __gasSerialize.checkScriptValue;

function deliver(fn, arg, userObject) {
  if (typeof fn === 'function') fn(arg, userObject);
}

function invoke(name, args, handlers) {
  for (var i = 0; i < args.length; i++) {
    var bad = check(args[i], config.strictUndefined);
    if (bad) throw new Error('Failed due to illegal value in property: ' + (bad.path === '' ? String(i) : i + '.' + bad.path));
  }
  // Apps Script turns undefined inside arrays into null; JSON does the same.
  var body = JSON.stringify({ name: name, args: args.map(function (a) { return a === undefined ? null : a; }) });
  window.__gasCalls = (window.__gasCalls || 0) + 1;
  window.__gasPending = (window.__gasPending || 0) + 1;
  var done = function () { window.__gasPending--; };
  fetch(config.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body })
    .then(function (res) {
      return res.json().catch(function () { return { ok: false, error: { name: 'Error', message: 'HTTP ' + res.status } }; });
    })
    .then(function (answer) {
      setTimeout(function () {
        done();
        if (answer && answer.ok) deliver(handlers.success, answer.value, handlers.userObject);
        else {
          var err = new Error(answer && answer.error ? answer.error.message : 'Unknown server error');
          if (answer && answer.error && answer.error.name) err.name = answer.error.name;
          if (handlers.failure) deliver(handlers.failure, err, handlers.userObject);
          else console.error('google.script.run: uncaught server error in ' + name + ': ' + err.message);
        }
      }, config.latencyMs);
    }, function (netErr) {
      done();
      var err = new Error('NetworkError: Connection failure due to HTTP 0 (' + (netErr && netErr.message) + ')');
      if (handlers.failure) deliver(handlers.failure, err, handlers.userObject);
    });
}

function makeRunner(handlers) {
  var runner = {
    withSuccessHandler: function (fn) { return makeRunner({ success: fn, failure: handlers.failure, userObject: handlers.userObject }); },
    withFailureHandler: function (fn) { return makeRunner({ success: handlers.success, failure: fn, userObject: handlers.userObject }); },
    withUserObject: function (obj) { return makeRunner({ success: handlers.success, failure: handlers.failure, userObject: obj }); }
  };
  config.functions.forEach(function (name) {
    runner[name] = function () { invoke(name, Array.prototype.slice.call(arguments), handlers); };
  });
  return runner;
}

window.google = window.google || {};
window.google.script = window.google.script || {};
window.google.script.run = makeRunner({});
window.google.script.host = {
  origin: location.origin,
  close: function () { window.__gasHostClosed = true; document.dispatchEvent(new CustomEvent('gas-host-close')); },
  setHeight: function (h) { window.__gasHostHeight = h; },
  setWidth: function (w) { window.__gasHostWidth = w; },
  editor: { focus: function () { window.__gasEditorFocused = true; } }
};
})();`;
}

/**
 * The sidebar page as the harness serves it: the shim runs first (at the top of <head>), before
 * the sidebar's own script, exactly where HtmlService makes google.script available.
 */
export function sidebarPage(sidebarHtml: string, opts: ShimOptions): string {
  const tag = `<script>${scriptRunShim(opts).replace(/<\/script/gi, '<\\/script')}</script>`;
  const head = /<head[^>]*>/i.exec(sidebarHtml);
  if (head) return sidebarHtml.slice(0, head.index + head[0].length) + tag + sidebarHtml.slice(head.index + head[0].length);
  return tag + sidebarHtml;
}

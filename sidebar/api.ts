/**
 * The sidebar's typed client of the server API: one promise per google.script.run call. Request
 * and answer types come from the shared contract, so a renamed field breaks the build, not the
 * page. A call that fails outright (the server threw, the network dropped) rejects with an Error
 * carrying the server's message; a refusal the user can fix resolves as `{ ok: false }`.
 */
import { type EndpointName, type EndpointResults, READ_ENDPOINTS, type Result, type WriteResult } from '../src/shared/sidebar-contract';
import type { EndpointRequest } from '../src/shared/sidebar-schemas';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: unknown) => void): ScriptRun;
  [name: string]: unknown;
}

function scriptRun(): ScriptRun | undefined {
  return (globalThis as { google?: { script?: { run?: ScriptRun } } }).google?.script?.run;
}

/** Which part of the sidebar made a call: a part skips its own writes, which answer it directly. */
export type Origin = 'assign' | 'profile' | 'other';

export interface Write {
  name: EndpointName;
  origin: Origin;
  data: WriteResult;
}
const writeListeners = new Set<(write: Write) => void>();

/** Called after every write the server accepted (lists shown elsewhere may now be out of date). */
export function onWrite(listener: (write: Write) => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

export function call<K extends EndpointName>(name: K, payload: EndpointRequest<K>, origin: Origin = 'other'): Promise<Result<EndpointResults[K]>> {
  return send(name, payload).then((result) => {
    if (result.ok && !READ_ENDPOINTS.has(name)) for (const listener of writeListeners) listener({ name, origin, data: result.data as WriteResult });
    return result;
  });
}

function send<K extends EndpointName>(name: K, payload: EndpointRequest<K>): Promise<Result<EndpointResults[K]>> {
  return new Promise((resolve, reject) => {
    const run = scriptRun();
    if (!run) {
      reject(new Error('google.script.run is not available: open this page from the KOC Ops menu.'));
      return;
    }
    try {
      const runner = run
        .withSuccessHandler((value) => {
          if (value && typeof value === 'object' && 'ok' in value) resolve(value as Result<EndpointResults[K]>);
          else reject(new Error(`Unexpected answer from ${name}`));
        })
        .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String((error as { message?: string })?.message ?? error))));
      (runner[name] as (payload: unknown) => void)(payload);
    } catch (err) {
      // google.script.run throws synchronously on an argument it cannot send (a Date, a function).
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

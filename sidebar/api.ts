/**
 * The sidebar's typed client of the server API: one promise per google.script.run call. Request
 * and answer types come from the shared contract, so a renamed field breaks the build, not the
 * page. A call that fails outright (the server threw, the network dropped) rejects with an Error
 * carrying the server's message; a refusal the user can fix resolves as `{ ok: false }`.
 */
import { type EndpointName, type EndpointResults, READ_ENDPOINTS, type RequestId, type Result, type WriteResult } from '../src/contract/sidebar-contract';
import type { EndpointRequest } from '../src/contract/sidebar-schemas';

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

/** What a caller sends: the request without its request id, which `call` adds to every write. */
export type CallPayload<K extends EndpointName> = EndpointRequest<K> extends infer P ? (P extends { requestId: RequestId } ? Omit<P, 'requestId'> : P) : never;

/**
 * Request ids of submissions not yet answered ok, by endpoint and payload: sending the same
 * submission again (a retry after a failure, a second click) sends the same id, so the server saves
 * it once. Once the server answers ok the id is dropped, and the same values sent later are a new
 * submission.
 */
const pendingIds = new Map<string, RequestId>();

function newRequestId(): RequestId {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export function call<K extends EndpointName>(name: K, payload: CallPayload<K>, origin: Origin = 'other'): Promise<Result<EndpointResults[K]>> {
  if (READ_ENDPOINTS.has(name)) return send(name, payload as EndpointRequest<K>);
  const key = `${name}:${JSON.stringify(payload)}`;
  let requestId = pendingIds.get(key);
  if (!requestId) {
    requestId = newRequestId();
    pendingIds.set(key, requestId);
  }
  return send(name, { ...(payload as object), requestId } as EndpointRequest<K>).then((result) => {
    if (result.ok) {
      pendingIds.delete(key);
      for (const listener of writeListeners) listener({ name, origin, data: result.data as WriteResult });
    }
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

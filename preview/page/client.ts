/** The page's calls to the preview server: JSON in, JSON out, a readable Error on failure. */
import type { ActionResult, ImportResultView, SheetView, StateView } from '../api';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (_) {
    throw new Error('The preview server is not answering. Is `npm start` still running?');
  }
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (_) {
    throw new Error(`The server answered ${res.status} without JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok && !(json && 'state' in json)) throw new Error(json?.error ?? `The server answered ${res.status}.`);
  return json as T;
}

export const api = {
  state: () => call<StateView>('GET', '/api/state'),
  sheet: (name: string) => call<SheetView>('GET', `/api/sheet?name=${encodeURIComponent(name)}`),
  menu: (fn: string, answers: string[]) => call<ActionResult>('POST', '/api/menu', { fn, answers }),
  edit: (sheet: string, row: number, col: number, input: string) => call<ActionResult>('POST', '/api/edit', { sheet, row, col, input }),
  select: (sheet: string, row: number, col: number) => call<ActionResult>('POST', '/api/select', { sheet, row, col }),
  runTrigger: (id: string) => call<ActionResult>('POST', '/api/trigger', { id }),
  closeSidebar: () => call<ActionResult>('POST', '/api/sidebar/close', {}),
  importCheck: (text: string) => call<ImportResultView>('POST', '/api/import', { text, apply: false }),
  importApply: (text: string, mode: 'merge' | 'replace', keepUnmatched: boolean) =>
    call<ImportResultView>('POST', '/api/import', { text, apply: true, mode, keepUnmatched }),
};

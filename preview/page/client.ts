/** The page's calls to the preview server: JSON in, JSON out, a readable Error on failure. */
import type { ActionResult, ImportResultView, SheetView, StateView } from '../api';
import { pt } from '../text';
import { pageLang } from './lang';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (_) {
    throw new Error(pt(pageLang, 'serverDown'));
  }
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (_) {
    throw new Error(pt(pageLang, 'serverNoJson', { status: res.status, text: text.slice(0, 200) }));
  }
  if (!res.ok && !(json && 'state' in json)) throw new Error(json?.error ?? pt(pageLang, 'serverStatus', { status: res.status }));
  return json as T;
}

export const api = {
  state: () => call<StateView>('GET', '/api/state'),
  sheet: (name: string) => call<SheetView>('GET', `/api/sheet?name=${encodeURIComponent(name)}`),
  menu: (fn: string, answers: string[]) => call<ActionResult>('POST', '/api/menu', { fn, answers }),
  edit: (sheet: string, row: number, col: number, input: string) => call<ActionResult>('POST', '/api/edit', { sheet, row, col, input }),
  select: (sheet: string, row: number, col: number) => call<ActionResult>('POST', '/api/select', { sheet, row, col }),
  runTrigger: (id: string) => call<ActionResult>('POST', '/api/trigger', { id }),
  dismissNotice: (message: string) => call<ActionResult>('POST', '/api/notice/dismiss', { message }),
  closeSidebar: () => call<ActionResult>('POST', '/api/sidebar/close', {}),
  importCheck: (text: string) => call<ImportResultView>('POST', '/api/import', { text, apply: false }),
  importApply: (text: string, mode: 'merge' | 'replace', keepUnmatched: boolean) =>
    call<ImportResultView>('POST', '/api/import', { text, apply: true, mode, keepUnmatched }),
};

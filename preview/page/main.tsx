/**
 * The preview page: the workbook in a Sheets-like view, the KOC Ops menu as onOpen built it,
 * toasts and alerts, the triggers, the roster import and the real sidebar in a 300 px panel.
 * Every action is one call to the preview server, which runs the built bundle on the emulator.
 */
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ActionResult, AlertView, DialogView, ImportReportView, SheetView, StateView, ToastView } from '../api';
import { PyramidChart } from './chart';
import { api } from './client';
import { AlertDialog, HtmlDialog, ImportDialog } from './dialogs';
import { cellAt, columnLetters, Grid, type Selection } from './grid';
import { tx } from './lang';

interface Pending {
  fn: string;
  answers: string[];
  alert: AlertView;
}

function App() {
  const [state, setState] = useState<StateView | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [view, setView] = useState<SheetView | null>(null);
  const [selection, setSelection] = useState<Selection>({ row: 2, col: 1 });
  // Each sheet's cursor, kept while the page is open (Sheets remembers it per sheet too).
  const cursors = useRef(new Map<string, Selection>());
  const [error, setError] = useState<string | null>(null);
  // Notices the user closed: hidden at once; the server forgets them, so a reload keeps them closed.
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [info, setInfo] = useState<string[]>([]);
  const [toasts, setToasts] = useState<ToastView[]>([]);
  const [alerts, setAlerts] = useState<AlertView[]>([]);
  const [dialogs, setDialogs] = useState<DialogView[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [menuOpen, setMenuOpen] = useState<number | null>(null);
  const [triggersOpen, setTriggersOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [sidebarKey, setSidebarKey] = useState(0);
  const lastToast = useRef(-1);
  const version = useRef(-1);
  const sheetRef = useRef<string | null>(null);
  sheetRef.current = sheet;

  const showToasts = useCallback((list: ToastView[]) => {
    const fresh = list.filter((t) => t.seq > lastToast.current);
    if (fresh.length === 0) return;
    lastToast.current = Math.max(...fresh.map((t) => t.seq));
    if (version.current === -1) return; // toasts from before the page opened
    setToasts((cur) => [...cur, ...fresh].slice(-4));
    for (const t of fresh) setTimeout(() => setToasts((cur) => cur.filter((x) => x.seq !== t.seq)), 8000);
  }, []);

  const loadSheet = useCallback(async (name: string | null) => {
    if (!name) {
      setView(null);
      return;
    }
    try {
      setView(await api.sheet(name));
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  const applyState = useCallback(
    async (next: StateView, forceSheet = false) => {
      showToasts(next.toasts);
      const first = version.current === -1;
      const changed = next.version !== version.current;
      version.current = next.version;
      setState(next);
      let name = sheetRef.current;
      if (!name || !next.sheets.some((s) => s.name === name)) {
        name = next.activeSheet ?? next.sheets[0]?.name ?? null;
        setSheet(name);
        forceSheet = true;
        // A reload shows the cursor where the workbook has it, so the grid and Open sidebar agree.
        if (first && next.activeCell && name === next.activeSheet) setSelection(next.activeCell);
      }
      if (changed || forceSheet) await loadSheet(name);
    },
    [loadSheet, showToasts],
  );

  useEffect(() => {
    api
      .state()
      .then((s) => applyState(s, true))
      .catch((err) => setError(err.message));
    // The sidebar and triggers change the workbook too: follow along.
    const timer = setInterval(() => {
      api
        .state()
        .then((s) => applyState(s))
        .catch(() => undefined);
    }, 1500);
    return () => clearInterval(timer);
  }, [applyState]);

  useEffect(() => {
    if (menuOpen === null) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !(e.target as Element).closest?.('.menu')) setMenuOpen(null);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menuOpen]);

  const handleResult = async (r: ActionResult, fn?: string, answers: string[] = []) => {
    if (!r.ok) setError(r.error ?? tx('actionFailed'));
    else setError(null);
    setInfo(r.info ?? []);
    if (r.alerts.length) setAlerts((cur) => [...cur, ...r.alerts]);
    if (r.dialogs?.length) setDialogs((cur) => [...cur, ...r.dialogs!]);
    if (r.pendingAlert && fn) setPending({ fn, answers: r.answers ?? answers, alert: r.pendingAlert });
    if (r.state.sidebar.open && !state?.sidebar.open) setSidebarKey((k) => k + 1);
    await applyState(r.state, true);
  };

  const runMenu = async (fn: string, answers: string[] = []) => {
    setMenuOpen(null);
    setBusy(fn);
    try {
      await handleResult(await api.menu(fn, answers), fn, answers);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const commit = async (sel: Selection, input: string, move: 'down' | 'right' | 'none') => {
    if (!sheet) return;
    setBusy('edit');
    try {
      await handleResult(await api.edit(sheet, sel.row, sel.col, input));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
    if (move === 'down') setSelection({ row: sel.row + 1, col: sel.col });
    if (move === 'right') setSelection({ row: sel.row, col: sel.col + 1 });
  };

  const select = (sel: Selection) => {
    setSelection(sel);
    if (sheet) api.select(sheet, sel.row, sel.col).catch(() => undefined);
  };

  const runTrigger = async (id: string) => {
    setBusy('trigger');
    try {
      await handleResult(await api.runTrigger(id));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const importCall = async (text: string, apply: boolean, mode: 'merge' | 'replace' = 'merge', keep = true): Promise<ImportReportView | null> => {
    try {
      const r = apply ? await api.importApply(text, mode, keep) : await api.importCheck(text);
      if (apply && r.ok) await applyState(r.state, true);
      if (!r.ok && r.error && !r.report.error) r.report.error = r.error;
      return r.report;
    } catch (err) {
      setError((err as Error).message);
      return null;
    }
  };

  const openSheet = (name: string) => {
    if (sheet) cursors.current.set(sheet, selection);
    const cursor = cursors.current.get(name) ?? { row: 2, col: 1 };
    setSheet(name);
    setSelection(cursor);
    loadSheet(name);
    // The workbook's active sheet and cell follow, so Open sidebar starts where the grid shows.
    api.select(name, cursor.row, cursor.col).catch(() => undefined);
  };

  const dismissNotice = (message: string) => {
    setDismissed((d) => [...d, message]);
    api.dismissNotice(message).catch(() => undefined);
  };

  if (!state) return <div class="loading">{error ?? tx('loading')}</div>;

  const cell = view ? cellAt(view, selection.row, selection.col) : null;
  const menus = state.menus;

  return (
    <div class={`app${state.sidebar.open ? ' with-sidebar' : ''}`}>
      <header class="topbar">
        <div class="doc">
          <span class="logo" aria-hidden="true">
            ▦
          </span>
          <div>
            <h1>{tx('pageTitle')}</h1>
            <p class="path" title={tx('savedToFile')}>
              {state.workbookPath}
            </p>
          </div>
        </div>
        <nav class="menubar" aria-label={tx('menus')}>
          <div class="menu">
            <span class="menu-static">{tx('extensions')}</span>
          </div>
          {menus.map((m, i) => (
            <div class="menu" key={m.title}>
              <button type="button" aria-haspopup="menu" aria-expanded={menuOpen === i} onClick={() => setMenuOpen(menuOpen === i ? null : i)}>
                {m.title} ▾
              </button>
              {menuOpen === i && (
                <div class="dropdown" role="menu">
                  {m.entries.map((e, k) =>
                    e.kind === 'separator' ? (
                      <hr key={`sep${k}`} class="separator" />
                    ) : (
                      <button type="button" role="menuitem" key={e.fn} data-fn={e.fn} onClick={() => runMenu(e.fn)}>
                        {e.label}
                      </button>
                    ),
                  )}
                </div>
              )}
            </div>
          ))}
          {menus.length === 0 && <span class="menu-static">{tx('noMenu')}</span>}
          <button type="button" class="tool" onClick={() => setImportOpen(true)}>
            {tx('importRoster')}
          </button>
          <button type="button" class="tool" aria-expanded={triggersOpen} onClick={() => setTriggersOpen(!triggersOpen)}>
            {tx('triggersButton', { count: state.triggers.length })}
          </button>
        </nav>
        {busy && (
          <span class="busy" role="status">
            {tx('running')}
          </span>
        )}
      </header>

      {state.notices
        .filter((n) => !dismissed.includes(n.message))
        .map((n) => (
          <div key={n.message} class={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
            {n.message}
            <button type="button" class="dismiss" aria-label={tx('dismiss')} onClick={() => dismissNotice(n.message)}>
              ×
            </button>
          </div>
        ))}
      {error && (
        <div class="notice error" role="alert" data-testid="error">
          {error}
          <button type="button" class="dismiss" aria-label={tx('dismiss')} onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {info.map((line) => (
        <div key={line} class="notice info" role="status">
          {line}
        </div>
      ))}

      {triggersOpen && (
        <section class="triggers" aria-label={tx('triggers')} data-testid="triggers">
          <h2>{tx('triggers')}</h2>
          {state.triggers.length === 0 ? (
            <p>{tx('noTriggers', { menu: menus[0]?.title ?? 'KOC Ops' })}</p>
          ) : (
            <ul>
              {state.triggers.map((t) => (
                <li key={t.id}>
                  <span>
                    <code>{t.handler}</code> — {t.schedule}
                  </span>
                  <button type="button" onClick={() => runTrigger(t.id)} disabled={busy !== null}>
                    {tx('runTrigger')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p class="hint">{tx('triggerHint')}</p>
        </section>
      )}

      <div class="formula-bar">
        <span class="namebox" data-testid="namebox">
          {columnLetters(selection.col)}
          {selection.row}
        </span>
        <span class="fx-label">fx</span>
        <span class="formula" data-testid="formula">
          {cell?.r ?? cell?.v ?? ''}
        </span>
        {cell?.note && <span class="cell-note">{cell.note}</span>}
      </div>

      <main class="workspace">
        <div class="sheet-area">
          {view ? (
            <>
              {view.charts.map((c) => (
                <PyramidChart key={c.title} chart={c} />
              ))}
              <Grid view={view} selection={selection} onSelect={select} onCommit={commit} />
            </>
          ) : (
            <p class="empty">{tx('noSheets', { menu: menus[0]?.title ?? 'KOC Ops' })}</p>
          )}
        </div>
        {state.sidebar.open && (
          <aside class="sidebar-panel" aria-label={tx('sidebar')}>
            <div class="sidebar-title">
              <span>{state.sidebar.title}</span>
              <button
                type="button"
                aria-label={tx('closeSidebar')}
                onClick={() =>
                  api
                    .closeSidebar()
                    .then((r) => applyState(r.state))
                    .catch(() => undefined)
                }
              >
                ×
              </button>
            </div>
            <iframe key={sidebarKey} title={state.sidebar.title} src={`/sidebar?v=${sidebarKey}`} />
          </aside>
        )}
      </main>

      <nav class="tabs" aria-label={tx('sheets')}>
        {state.sheets.map((s) => (
          <button
            type="button"
            key={s.name}
            class={s.name === sheet ? 'active' : undefined}
            aria-current={s.name === sheet ? 'page' : undefined}
            onClick={() => openSheet(s.name)}
          >
            {s.name}
          </button>
        ))}
      </nav>

      <div class="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div class="toast" key={t.seq} data-testid="toast">
            <strong>{t.title}</strong>
            <span>{t.message}</span>
          </div>
        ))}
      </div>

      {pending ? (
        <AlertDialog
          title={pending.alert.title}
          prompt={pending.alert.prompt}
          buttons={pending.alert.buttons}
          onAnswer={(b) => {
            const next = [...pending.answers, b];
            setPending(null);
            runMenu(pending.fn, next);
          }}
        />
      ) : (
        alerts.length > 0 && <AlertDialog title={alerts[0].title} prompt={alerts[0].prompt} buttons={['OK']} onAnswer={() => setAlerts((cur) => cur.slice(1))} />
      )}
      {!pending && alerts.length === 0 && dialogs.length > 0 && <HtmlDialog dialog={dialogs[0]} onClose={() => setDialogs((cur) => cur.slice(1))} />}
      {importOpen && <ImportDialog onCheck={(t) => importCall(t, false)} onApply={(t, m, k) => importCall(t, true, m, k)} onClose={() => setImportOpen(false)} />}
    </div>
  );
}

render(<App />, document.getElementById('app')!);

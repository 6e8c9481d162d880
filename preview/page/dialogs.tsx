/** Modal dialogs: an Apps Script alert (ui.alert), an HTML dialog (ui.showModalDialog) and the roster import. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DialogView, ImportReportView } from '../api';
import type { PreviewTextKey } from '../text';
import { pageLang, tx } from './lang';

/** An alert's buttons as Sheets labels them, in the user's language. */
const buttonLabel = (b: string) => (['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'].includes(b) ? tx(`button${b}` as PreviewTextKey) : b);
const list = (items: string[]) => items.join(pageLang === 'zh' ? '、' : ', ');

/**
 * The shell every dialog shares: a backdrop over the page, a modal box titled by its heading,
 * Escape answering as the dialog's cancel does.
 */
function Modal(props: { id: string; title: string; role?: 'dialog' | 'alertdialog'; class?: string; describedBy?: string; style?: Record<string, string>; onEscape: () => void; children: ComponentChildren }) {
  return (
    <div class="backdrop">
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: the role is dialog or alertdialog, given by the caller */}
      <div
        class={props.class ? `dialog ${props.class}` : 'dialog'}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={props.id}
        aria-describedby={props.describedBy}
        style={props.style}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onEscape();
        }}
      >
        <h2 id={props.id}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

export function AlertDialog(props: { title: string; prompt: string; buttons: string[]; onAnswer: (button: string) => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const cancel = props.buttons.includes('CANCEL') ? 'CANCEL' : props.buttons.includes('NO') ? 'NO' : props.buttons.includes('CLOSE') ? 'CLOSE' : props.buttons[0];
  return (
    <Modal id="alert-title" title={props.title || 'KOC Ops'} role="alertdialog" describedBy="alert-prompt" onEscape={() => props.onAnswer(cancel)}>
      <p id="alert-prompt" class="prompt">
          {props.prompt}
        </p>
        <div class="buttons">
          {props.buttons.map((b, i) => (
            <button type="button" key={b} ref={i === 0 ? first : undefined} class={i === 0 ? 'primary' : undefined} onClick={() => props.onAnswer(b)}>
              {buttonLabel(b)}
            </button>
          ))}
        </div>
    </Modal>
  );
}

/**
 * A dialog a menu item opened with its own HTML page, in a sandboxed frame (its scripts run, but
 * apart from this page), the size the script asked for.
 */
export function HtmlDialog(props: { dialog: DialogView; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const { title, html, width, height } = props.dialog;
  return (
    <Modal id="html-dialog-title" title={title || 'KOC Ops'} class="html-dialog" style={{ width: `min(${width}px, 95vw)`, maxWidth: 'none' }} onEscape={props.onClose}>
        <iframe title={title || 'KOC Ops'} sandbox="allow-scripts" srcdoc={html} style={{ width: '100%', height: `min(${height}px, 70vh)`, border: 0 }} />
        <div class="buttons">
          <button type="button" ref={close} onClick={props.onClose}>
            {buttonLabel('CLOSE')}
          </button>
        </div>
    </Modal>
  );
}

export function ImportDialog(props: {
  onCheck: (text: string) => Promise<ImportReportView | null>;
  onApply: (text: string, mode: 'merge' | 'replace', keepUnmatched: boolean) => Promise<ImportReportView | null>;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [checkedText, setCheckedText] = useState<string | null>(null);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [keep, setKeep] = useState(true);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportReportView | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setReport(null);
  };
  const check = async () => {
    setBusy(true);
    setReport(await props.onCheck(text));
    setCheckedText(text);
    setBusy(false);
  };
  const apply = async () => {
    setBusy(true);
    const r = await props.onApply(text, mode, keep);
    setBusy(false);
    if (r && r.added !== undefined) setDone(r);
    else if (r) setReport(r);
  };

  return (
    <Modal id="import-title" title={tx('importTitle')} class="wide" onEscape={props.onClose}>
        {done ? (
          <div class="import-done" data-testid="import-done">
            <p>{tx('importDone', { added: done.added ?? 0, updated: done.updated ?? 0 })}</p>
            <Report report={done} />
            <div class="buttons">
              <button type="button" class="primary" onClick={props.onClose}>
                {tx('buttonCLOSE')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <p class="hint">{tx('importHint')}</p>
            <label class="field">
              {tx('csvFile')} <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" onChange={(e) => readFile((e.target as HTMLInputElement).files?.[0])} />
            </label>
            <label class="field">
              {tx('table')}
              <textarea
                rows={8}
                value={text}
                spellcheck={false}
                placeholder={tx('tablePlaceholder')}
                onInput={(e) => {
                  setText((e.target as HTMLTextAreaElement).value);
                }}
              />
            </label>
            {report && checkedText === text && <Report report={report} />}
            <fieldset class="options">
              <legend>{tx('how')}</legend>
              <label>
                <input type="radio" name="mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {tx('merge')}
              </label>
              <label>
                <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {tx('replace')}
              </label>
              <label>
                <input type="checkbox" checked={keep} onChange={() => setKeep(!keep)} /> {tx('keepUnmatched')}
              </label>
            </fieldset>
            <div class="buttons">
              <button type="button" onClick={check} disabled={busy || text.trim() === ''}>
                {tx('check')}
              </button>
              <button type="button" class="primary" onClick={apply} disabled={busy || text.trim() === '' || checkedText !== text || !!report?.error}>
                {report && checkedText === text && !report.error ? tx('importRows', { rows: report.rows }) : tx('importButton')}
              </button>
              <button type="button" onClick={props.onClose}>
                {tx('buttonCANCEL')}
              </button>
            </div>
          </>
        )}
    </Modal>
  );
}

function Report({ report }: { report: ImportReportView }) {
  return (
    <div class="report" data-testid="import-report" role="status">
      {report.error ? (
        <p class="error">{report.error}</p>
      ) : (
        <p>
          {tx('reportRows', { rows: report.rows, count: report.matched.length })}
          {report.matched.length > 0 && `${pageLang === 'zh' ? '：' : ': '}${list(report.matched.map((m) => m.header))}`}
          {pageLang === 'zh' ? '。' : '.'}
        </p>
      )}
      {report.unmatched.length > 0 && (
        <p class="warning">{tx('reportUnmatched', { count: report.unmatched.length, list: list(report.unmatched.map((u) => `“${u}”`)) })}</p>
      )}
      {report.duplicateColumns.map((d) => (
        <p class="warning" key={d}>
          {tx('reportDuplicateColumn', { column: d })}
        </p>
      ))}
      {(report.notes ?? []).map((n) => (
        <p class="warning" key={n}>
          {n}
        </p>
      ))}
      {report.warnings.map((w) => (
        <p class="warning" key={w}>
          {w}
        </p>
      ))}
      {report.badCells.length > 0 && (
        <>
          <p class="warning">{tx('reportBadCells', { count: report.badCells.length })}</p>
          <ul class="bad-cells">
            {report.badCells.slice(0, 50).map((b) => (
              <li key={`${b.line}-${b.column}`}>{tx('reportLine', { line: b.line, column: b.column, problem: b.problem })}</li>
            ))}
            {report.badCells.length > 50 && <li>{tx('reportMore', { count: report.badCells.length - 50 })}</li>}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Small building blocks: labelled fields with their error beside them, buttons that show they are
 * busy, status and alert lines, and the hook every action uses (busy, message, field errors).
 * Text is always rendered as text (JSX escapes it); links only for http(s).
 */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useRef, useState } from 'preact/hooks';
import type { FieldErrors, Result } from '../../src/contract/sidebar-contract';
import { isHttpUrl } from '../../src/contract/sidebar-contract';
import type { EnumValue, Lang } from '../../src/sheets/schema';
import { enumText, tr, type UiKey } from '../text';

export const LangContext = createContext<Lang>('en');

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The label of a UI key in the current language. */
export function useT(): (key: UiKey, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return (key, vars) => tr(lang, key, vars);
}

export interface ActionState {
  busy: boolean;
  message: string | null;
  fieldErrors: FieldErrors;
  /**
   * Run one server call; `onOk` gets the data. Field errors and the message stay until the next
   * run. A run while one is in flight is ignored (no double submit). Resolves true when it worked.
   */
  run<T>(call: () => Promise<Result<T>>, onOk: (data: T) => void): Promise<boolean>;
  clear(): void;
}

export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // A ref, not the state: two clicks in one frame both see busy === false.
  const inFlight = useRef(false);
  return {
    busy,
    message,
    fieldErrors,
    async run(call, onOk) {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(true);
      setMessage(null);
      setFieldErrors({});
      try {
        const result = await call();
        if (result.ok) {
          onOk(result.data);
          return true;
        }
        setMessage(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        focusFirstError(result.fieldErrors);
        return false;
      } catch (err) {
        setMessage(err instanceof Error ? err.message : String(err));
        return false;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    clear() {
      setMessage(null);
      setFieldErrors({});
    },
  };
}

/** A read in progress: "Loading…" while it runs, then its message if it failed. */
export function Loading({ action }: { action: ActionState }) {
  const t = useT();
  return (
    <>
      {action.busy ? (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      ) : null}
      <Alert message={action.message} />
    </>
  );
}

export function Alert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="alert" role="alert">
      {message}
    </div>
  );
}

export function Status({ message }: { message: string | null }) {
  return (
    <div class="status" role="status" aria-live="polite">
      {message ?? ''}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  children: ComponentChildren;
}

/** A label above its control and the field's error below it, tied together for screen readers. */
export function Field({ id, label, error, children }: FieldProps) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {children}
      {error ? (
        <div class="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

const described = (id: string, error?: string) => (error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});

export function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  type?: 'text' | 'date' | 'url' | 'search';
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        {...described(props.id, props.error)}
      />
    </Field>
  );
}

export function TextArea(props: { id: string; label: string; value: string; onInput: (value: string) => void; error?: string; rows?: number }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <textarea
        id={props.id}
        name={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
        {...described(props.id, props.error)}
      />
    </Field>
  );
}

export function Select(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
  placeholder?: string;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <select id={props.id} name={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)} {...described(props.id, props.error)}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function enumOptions(values: readonly EnumValue[], lang: Lang): { value: string; label: string }[] {
  return values.map((v) => ({ value: v.key, label: enumText(values, v.key, lang) }));
}

/**
 * Ask again, quietly, for what is shown under `key` (a task's match, a KOC's profile); an answer
 * that comes back after something else is shown is dropped.
 */
export function useRefetch<T>(key: string, fetch: (key: string) => Promise<Result<T>>, apply: (data: T) => void): () => void {
  const shown = useRef(key);
  shown.current = key;
  const action = useAction();
  return () => {
    const asked = shown.current;
    if (!asked) return;
    void action.run(
      () => fetch(asked),
      (data) => {
        if (shown.current === asked) apply(data);
      },
    );
  };
}

/** After a refusal, focus goes to the first field it marked (fields say so with aria-invalid). */
function focusFirstError(errors: FieldErrors | undefined): void {
  if (!errors || Object.keys(errors).length === 0) return;
  // After the render that marks the fields.
  setTimeout(() => {
    // The first one on screen: a hidden tab may hold marked fields of its own.
    const field = [...document.querySelectorAll<HTMLElement>('[aria-invalid="true"]')].find((el) => el.offsetParent !== null);
    field?.focus();
  }, 0);
}

/**
 * A form the sidebar submits itself: no page load, and no browser validation (each field shows
 * its own message beside it, in the sidebar's language).
 */
export function Form(props: { class?: string; label?: string; labelledBy?: string; onSubmit: () => void; children: ComponentChildren }) {
  return (
    <form
      class={props.class}
      aria-label={props.label}
      aria-labelledby={props.labelledBy}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}

export function Button(props: {
  kind?: 'action' | 'secondary' | 'link';
  busy?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  type?: 'button' | 'submit';
  children: ComponentChildren;
  label?: string;
}) {
  const t = useT();
  return (
    <button
      type={props.type ?? 'button'}
      class={props.kind ?? 'secondary'}
      // Busy is aria-disabled, not disabled: a disabled button drops the keyboard focus.
      disabled={props.disabled}
      aria-disabled={props.busy ? true : undefined}
      aria-busy={props.busy ? true : undefined}
      aria-label={props.label}
      onClick={(e) => {
        if (props.busy) {
          e.preventDefault();
          return;
        }
        props.onClick?.();
      }}
    >
      {props.busy ? t('saving') : props.children}
    </button>
  );
}

/** A link only when it is http(s); anything else (javascript:, data:) is shown as plain text. */
export function SafeLink({ url, text }: { url: string; text?: string }) {
  if (!url) return null;
  if (!isHttpUrl(url)) return <span class="url-text">{url}</span>;
  return (
    <a href={url.trim()} target="_blank" rel="noopener noreferrer">
      {text ?? url}
    </a>
  );
}

export function Badge({ children, tone }: { children: ComponentChildren; tone?: string }) {
  return <span class={`badge ${tone ? `badge-${tone}` : ''}`}>{children}</span>;
}

export function fmtNumber(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
}

/**
 * Payload validation: zod/mini issues turned into one message per field, in the user's language,
 * for the sidebar to show beside the field. A payload that is not even an object gets a single
 * clear message instead.
 */
import type * as z from 'zod/mini';
import { t } from '../../core/text';
import type { Fail, FieldErrors } from '../../contract/sidebar-contract';
import { label, type Lang, type SheetKey, sheetDef } from '../../sheets/schema';

/** Fields whose union member is a date (others are amounts). */
const DATE_FIELDS = new Set(['date', 'due', 'nextFollowUp', 'opened']);

/** The column a payload field is written to, to name it in a message as the sheet names it. */
const FIELD_COLUMNS: Record<string, readonly [SheetKey, string]> = {
  taskId: ['tasks', 'id'],
  kocId: ['kocs', 'id'],
  kocIds: ['kocs', 'id'],
  assignmentId: ['assignments', 'id'],
  incidentId: ['incidents', 'id'],
  contentUrl: ['assignments', 'contentUrl'],
  cost: ['assignments', 'cost'],
  quality: ['assignments', 'quality'],
  notes: ['assignments', 'notes'],
  due: ['assignments', 'due'],
  likes: ['assignments', 'likes'],
  collects: ['assignments', 'collects'],
  comments: ['assignments', 'comments'],
  shares: ['assignments', 'shares'],
  leads: ['assignments', 'leads'],
  orders: ['assignments', 'orders'],
  gmv: ['assignments', 'gmv'],
  date: ['followups', 'date'],
  channel: ['followups', 'channel'],
  type: ['followups', 'type'],
  summary: ['followups', 'summary'],
  sentiment: ['followups', 'sentiment'],
  nextFollowUp: ['followups', 'nextFollowUp'],
  opened: ['incidents', 'opened'],
  severity: ['incidents', 'severity'],
  kind: ['incidents', 'kind'],
  description: ['incidents', 'description'],
  resolution: ['incidents', 'resolution'],
};

/** An own property? (Object.hasOwn is later than the ES2019 Apps Script promises.) */
const hasOwn = (o: object, key: PropertyKey): boolean => Object.getOwnPropertyDescriptor(o, key) !== undefined;

/** A field's name for messages: its column's header in the language, else the field as sent. */
export function fieldLabel(field: string, lang: Lang): string {
  const at = hasOwn(FIELD_COLUMNS, field) ? FIELD_COLUMNS[field] : undefined;
  const col = at && sheetDef(at[0]).columns.find((c) => c.key === at[1]);
  return col ? label(col, lang) : field;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  input?: unknown;
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  keys?: string[];
  expected?: string;
}

/**
 * The value at an issue's path in the payload, and whether it is there at all. zod does not put
 * the input in its issues, and "missing" must not be told from "wrong" by a value of undefined.
 */
function inputAt(payload: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let value: unknown = payload;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !hasOwn(value, key)) return { present: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { present: value !== undefined, value };
}

/** A value as the user would recognise it in a message: NaN, Infinity, "text", [list]. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (_) {
    return String(value);
  }
}

function messageFor(issue: Issue, field: string, payload: unknown, lang: Lang): string {
  const { present, value } = inputAt(payload, issue.path);
  const name = () => fieldLabel(field, lang);
  switch (issue.code) {
    case 'invalid_type':
      if (!present) return t('fieldRequired', lang);
      if (DATE_FIELDS.has(field)) return t('fieldDate', lang);
      if (field === 'quality') return t('fieldWholeRating', lang, { field: name() });
      if (issue.expected === 'number' || issue.expected === 'int') return t('fieldNamedNotNumber', lang, { field: name(), value: shown(value) });
      if (issue.expected === 'string') return t('fieldMustBeText', lang, { field: name() });
      if (issue.expected === 'array') return t('fieldMustBeList', lang, { field: name() });
      return t('fieldInvalid', lang);
    case 'too_big':
      if (issue.origin === 'string') return t('fieldTooLong', lang, { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('fieldTooMany', lang, { max: Number(issue.maximum) });
      return field === 'quality' ? t('fieldWholeRating', lang, { field: name() }) : t('fieldInvalid', lang);
    case 'too_small':
      if (issue.origin === 'array') return t('fieldNoneChosen', lang);
      return field === 'quality' ? t('fieldWholeRating', lang, { field: name() }) : t('fieldInvalid', lang);
    case 'invalid_value':
      return present ? t('fieldChoose', lang) : t('fieldRequired', lang);
    case 'invalid_format':
      return DATE_FIELDS.has(field) ? t('fieldDate', lang) : t('fieldInvalid', lang);
    case 'invalid_union':
      if (!present) return t('fieldRequired', lang);
      return DATE_FIELDS.has(field) ? t('fieldDate', lang) : t('fieldNamedNotNumber', lang, { field: name(), value: shown(value) });
    case 'custom':
      return t('fieldRequired', lang);
    default:
      return t('fieldInvalid', lang);
  }
}

/**
 * Set a message on a field as an own property, whatever the field is called: a payload may carry
 * its own `__proto__` or `constructor` key, which plain assignment would not make a field.
 */
function setField(errors: FieldErrors, field: string, message: string): void {
  if (hasOwn(errors, field)) return;
  Object.defineProperty(errors, field, { value: message, enumerable: true, writable: true, configurable: true });
}

/** Field errors from zod issues: the first message per top-level field wins. */
export function fieldErrorsOf(issues: readonly Issue[], lang: Lang, payload?: unknown): { fieldErrors: FieldErrors; general: string[] } {
  const fieldErrors: FieldErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) setField(fieldErrors, key, t('fieldUnknown', lang));
      continue;
    }
    const field = issue.path.length ? String(issue.path[0]) : '';
    if (!field) {
      general.push(issue.expected === 'object' ? t('requestNotObject', lang) : t('fieldInvalid', lang));
      continue;
    }
    setField(fieldErrors, field, messageFor(issue, field, payload, lang));
  }
  return { fieldErrors, general };
}

/** Validate a payload; a failure says what is wrong, field by field. */
export function validate<S extends z.ZodMiniType>(schema: S, payload: unknown, lang: Lang): { ok: true; data: z.output<S> } | Fail {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues as unknown as Issue[];
  const { fieldErrors, general } = fieldErrorsOf(issues, lang, payload);
  // A form the user filled in gets "fix the marked fields"; a payload no form would send (not an
  // object, unknown fields) gets the details, for whoever is calling the endpoint by hand.
  if (general.length === 0 && !issues.some((i) => i.code === 'unrecognized_keys')) return { ok: false, message: t('fixFields', lang), fieldErrors };
  const details = [...general, ...Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m}`)].join(t('problemsJoin', lang));
  return { ok: false, message: t('badRequest', lang, { details }), fieldErrors };
}

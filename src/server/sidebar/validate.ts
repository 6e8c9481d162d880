/**
 * Payload validation: zod/mini issues turned into one message per field, in the user's language,
 * for the sidebar to show beside the field. A payload that is not even an object gets a single
 * clear message instead.
 */
import type * as z from 'zod/mini';
import { t } from '../../core/text';
import type { Fail, FieldErrors } from '../../shared/sidebar-contract';
import type { Lang } from '../../sheets/schema';

/** Fields whose union member is a date (others are amounts). */
const DATE_FIELDS = new Set(['date', 'due', 'nextFollowUp', 'opened']);

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

function messageFor(issue: Issue, field: string, lang: Lang): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return t('fieldRequired', lang);
      if (DATE_FIELDS.has(field)) return t('fieldDate', lang);
      if (issue.expected === 'number' || issue.expected === 'int') return field === 'quality' ? t('fieldRating', lang) : t('fieldNotNumber', lang, { value: JSON.stringify(issue.input) ?? '' });
      return t('fieldInvalid', lang);
    case 'too_big':
      if (issue.origin === 'string') return t('fieldTooLong', lang, { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('fieldTooMany', lang, { max: Number(issue.maximum) });
      return field === 'quality' ? t('fieldRating', lang) : t('fieldInvalid', lang);
    case 'too_small':
      if (issue.origin === 'array') return t('fieldNoneChosen', lang);
      return field === 'quality' ? t('fieldRating', lang) : t('fieldInvalid', lang);
    case 'invalid_value':
      return t('fieldChoose', lang);
    case 'invalid_format':
      return DATE_FIELDS.has(field) ? t('fieldDate', lang) : t('fieldInvalid', lang);
    case 'invalid_union':
      return DATE_FIELDS.has(field) ? t('fieldDate', lang) : t('fieldNotNumber', lang, { value: JSON.stringify(issue.input) ?? '' });
    case 'custom':
      return t('fieldRequired', lang);
    default:
      return t('fieldInvalid', lang);
  }
}

/** Field errors from zod issues: the first message per top-level field wins. */
export function fieldErrorsOf(issues: readonly Issue[], lang: Lang): { fieldErrors: FieldErrors; general: string[] } {
  const fieldErrors: FieldErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) fieldErrors[key] ??= t('fieldUnknown', lang);
      continue;
    }
    const field = issue.path.length ? String(issue.path[0]) : '';
    if (!field) {
      general.push(issue.expected === 'object' ? 'expected one object of named fields' : t('fieldInvalid', lang));
      continue;
    }
    fieldErrors[field] ??= messageFor(issue, field, lang);
  }
  return { fieldErrors, general };
}

/** Validate a payload; a failure says what is wrong, field by field. */
export function validate<S extends z.ZodMiniType>(schema: S, payload: unknown, lang: Lang): { ok: true; data: z.output<S> } | Fail {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues as unknown as Issue[];
  const { fieldErrors, general } = fieldErrorsOf(issues, lang);
  // A form the user filled in gets "fix the marked fields"; a payload no form would send (not an
  // object, unknown fields) gets the details, for whoever is calling the endpoint by hand.
  if (general.length === 0 && !issues.some((i) => i.code === 'unrecognized_keys')) return { ok: false, message: t('fixFields', lang), fieldErrors };
  const details = [...general, ...Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m}`)].join('; ');
  return { ok: false, message: t('badRequest', lang, { details }), fieldErrors };
}

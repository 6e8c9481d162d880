/**
 * What every sidebar write shares: the new ID, the fields as typed (a message beside a bad one)
 * and the re-read under the lock. How a save lands and is told: saves.ts.
 */
import { isoOfDay } from '../../core/dates';
import { readNumber, trimmedText } from '../../core/numbers';
import { t } from '../../core/text';
import type { FieldErrors } from '../../contract/sidebar-contract';
import { cellOf, type Table } from '../../sheets/table';
import { dateOfIso, UserError } from './workbook';
import { type Ctx, type Loaded, load } from './reads';


/** A new ID such as A-20261123-3F9A1C: the day plus random hex, checked against the re-read sheet. */
export function newId(prefix: string, today: number, table: Table, taken: readonly string[] = []): string {
  const existing = new Set([...table.rows.map((r) => trimmedText(cellOf(table, r, 'id'))), ...taken]);
  const day = isoOfDay(today).replace(/-/g, '');
  for (let i = 0; i < 20; i++) {
    const id = `${prefix}-${day}-${Utilities.getUuid().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
    if (!existing.has(id)) return id;
  }
  throw new Error(`Could not make a unique ${prefix} ID`);
}

/** A date field: blank → fallback; not a real day → a message on the field. */
export function dateField(ctx: Ctx, errors: FieldErrors, field: string, iso: string | undefined, fallback: Date | ''): Date | '' {
  if (!iso) return fallback;
  const d = dateOfIso(iso);
  if (!d) {
    errors[field] = t('fieldDate', ctx.lang);
    return '';
  }
  return d;
}

/** An amount typed as 1200, 1.2万 or 3.4k; null when blank. */
export function amountField(ctx: Ctx, errors: FieldErrors, field: string, value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const n = readNumber(value);
  if (n === undefined || Number.isNaN(n)) {
    errors[field] = t('fieldNotNumber', ctx.lang, { value: JSON.stringify(value) });
    return null;
  }
  if (n < 0) {
    errors[field] = t('fieldNegative', ctx.lang);
    return null;
  }
  return n;
}

export function failIf(ctx: Ctx, errors: FieldErrors): void {
  if (Object.keys(errors).length) throw new UserError(t('fixFields', ctx.lang), errors);
}

export function todayDate(ctx: Ctx): Date {
  return dateOfIso(isoOfDay(ctx.today))!;
}

/** A day that has already happened (a contact, an incident) cannot be after today. */
export function notAfterToday(ctx: Ctx, errors: FieldErrors, field: string, date: Date | ''): void {
  if (date && date.getTime() > todayDate(ctx).getTime()) errors[field] = t('dateAfterToday', ctx.lang, { today: isoOfDay(ctx.today) });
}

/** Re-read everything a write checks, under the lock. */
export function reload(ctx: Ctx, keys: ('kocs' | 'tasks' | 'assignments' | 'followups' | 'incidents')[]): Loaded {
  for (const key of keys) ctx.book.reread(key);
  return load(ctx);
}

export const names = (list: { kocId: string; name: string }[]) => list.map((k) => (k.name ? `${k.name} (${k.kocId})` : k.kocId)).join(', ');

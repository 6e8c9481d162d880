/**
 * How a sidebar write tells its outcome truly. A save is one transaction (src/sheets/writes.ts):
 * it lands whole or is put back. Once it has landed nothing turns the answer into a failure: the
 * reads that rebuild what the sidebar shows run after it, and when they fail the answer is still
 * ok, with a note. Each save is remembered by its request id, so a retry of the same submission
 * (after a dropped connection, or a second click) is answered without saving it again.
 */
import { t } from '../../core/text';
import type { Lang } from '../../sheets/schema';
import { MergedCellsError } from '../../sheets/sheet-layout';
import type { Table } from '../../sheets/table';
import { errorText, WriteFailed } from '../../sheets/writes';
import { withDocumentLock_ } from '../context';
import { UserError } from './workbook';


/** How long a saved request id is recognised (the document cache's longest). */
const REMEMBER_SECONDS = 6 * 3600;
const KEY = (requestId: string) => `kocops.request.${requestId}`;

/** What a save made, kept under its request id for a retry (the IDs it wrote). */
export interface Saved {
  ids: string[];
}

/** The save a request id already made, or null (also when the cache cannot be read). */
export function recall(requestId: string): Saved | null {
  try {
    const text = CacheService.getDocumentCache()?.get(KEY(requestId));
    if (!text) return null;
    const saved = JSON.parse(text) as Saved;
    return Array.isArray(saved?.ids) ? saved : null;
  } catch (_) {
    return null;
  }
}

/** Remember a save that landed. Never fails the save: at worst a retry is checked against the sheet. */
export function remember(requestId: string, saved: Saved): void {
  try {
    CacheService.getDocumentCache()?.put(KEY(requestId), JSON.stringify(saved), REMEMBER_SECONDS);
  } catch (e) {
    console.error(`KOC Ops: could not remember request ${requestId}: ${errorText(e)}`);
  }
}

/**
 * A write under the document lock, made once per request id: a retry of a submission already
 * saved answers with the IDs the first one wrote, without saving again. `save` returns the IDs it
 * wrote; they are remembered once it has landed.
 */
export function saveOnce(lang: Lang, requestId: string, save: () => string[]): string[] {
  return withDocumentLock_(lang, () => {
    const again = recall(requestId);
    if (again) return again.ids;
    const ids = save();
    remember(requestId, { ids });
    return ids;
  });
}

/** Apps Script's refusal to edit a protected range (in English, or as a Chinese-speaking user sees it). */
const PROTECTED_ERROR = /protected cell or object|受保护的单元格或对象/i;

/**
 * One save into a sheet. A refusal because the sheet is protected against this user names the
 * sheet; any other failure says whether everything was put back. Either way a UserError: the
 * sidebar shows it beside the form, which keeps what the user typed.
 */
export function saveTo<T>(lang: Lang, table: Table, save: () => T): T {
  try {
    return save();
  } catch (e) {
    // Merged cells where the save writes: refused, and whatever the save had begun was put back.
    const cause = e instanceof WriteFailed ? e.cause : e;
    if (cause instanceof MergedCellsError && (!(e instanceof WriteFailed) || e.putBack)) throw new UserError(t('mergedCells', lang, { name: cause.sheet, range: cause.cells }));
    // A refusal before anything was written (a missing column) is passed on as it is.
    if (!(e instanceof WriteFailed)) throw e;
    const message = errorText(e.cause ?? e);
    const putBack = e.putBack;
    if (putBack && PROTECTED_ERROR.test(message)) throw new UserError(t('protectedSheet', lang, { name: table.sheet.getName() }));
    throw new UserError(putBack ? t('notSaved', lang, { message }) : t('notSavedPartly', lang, { message, sheet: table.sheet.getName() }));
  }
}

/**
 * What a landed save shows next, read again: `read()`, or `fallback` with a note when the read
 * fails. A refusal can no longer happen here (the save is done), so every error is a read error.
 */
export function afterSave<T extends { note?: string }>(lang: Lang, read: () => T, fallback: T): T {
  try {
    return read();
  } catch (e) {
    console.error(`KOC Ops: saved, but could not refresh: ${errorText(e)}`);
    return { ...fallback, note: t('savedNoRefresh', lang, { message: errorText(e) }) };
  }
}

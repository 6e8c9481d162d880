/**
 * The layout-safety tests' workbook and calls: the demo recomputed once (History and the
 * Dashboard written), a sidebar write or menu item run as a user, and the workbook as saved.
 */
import { createEmulator, type Emulator, type WorkbookJSON } from '../../emulator/index';
import { demoEmulator, execOnce } from './bundle';

export const NOW = new Date('2026-11-23T10:00:00+08:00');
export const LATER = new Date('2026-11-23T14:00:00+08:00');
export const RUN_LOG = 'kocops.recompute.lastRun';

export type Answer = { ok: true; data: any } | { ok: false; message: string };
let seq = 0;

/** One execution; `warm`: in a sweep's shared context (tests/helpers/bundle.ts). */
export const run = (em: Emulator, fn: string, args: unknown[] = [], opts: { locale?: string; now?: Date; warm?: boolean } = {}): any =>
  execOnce(em, fn, args, { now: opts.now ?? NOW, locale: opts.locale ?? 'en', warm: opts.warm });

let recomputed: WorkbookJSON | undefined;
/** A set-up workbook with the demo loaded and recomputed once (History and the Dashboard written). */
export function demo(): Emulator {
  if (!recomputed) {
    const em = demoEmulator({ now: NOW });
    run(em, 'recomputeNow');
    recomputed = em.toJSON();
  }
  const em = createEmulator({ workbook: recomputed });
  em.ui.alerts.length = 0;
  em.ui.toasts.length = 0;
  return em;
}

export const sheetOf = (em: Emulator, name: string) => em.spreadsheet.getSheetByName(name)! as any;
export const headerOf = (em: Emulator, name: string) => em.sheetValues(name)[0].map(String);
export const columnOf = (em: Emulator, name: string, header: string) => headerOf(em, name).indexOf(header) + 1;
/** The workbook's sheets as saved (values, formulas, merges, filters, grid), without the run log. */
export function book(em: Emulator): string {
  const json = em.toJSON();
  delete (json.properties?.document as Record<string, string> | undefined)?.[RUN_LOG];
  return JSON.stringify({ sheets: json.sheets, document: json.properties?.document, namedRanges: json.namedRanges });
}

export function logFollowUp(em: Emulator, summary: string, locale = 'en', warm = false): Answer {
  return run(em, 'logFollowUp', [{ kocId: 'KOC-003', channel: 'wechat', type: 'checkin', summary, sentiment: 'positive', requestId: `r-${++seq}` }], { locale, warm });
}
export function offerTask(em: Emulator, notes: string, locale = 'en'): Answer {
  return run(em, 'offerTask', [{ taskId: 'T-001', kocIds: ['KOC-003'], notes, requestId: `r-${++seq}` }], { locale });
}

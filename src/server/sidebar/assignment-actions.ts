/**
 * The sidebar's assignment writes: offer a task, then move an assignment along its statuses. Each
 * takes the document lock, re-reads the rows it changes (another person may have moved the same
 * assignment a second ago), checks them again and saves (saves.ts: whole or put back, once per
 * request id); the refreshed view is read after the save and cannot turn it into a failure.
 */
import { type AssignmentStatus, canMove, countsTowardWorkload, holdsSlot } from '../../core/assignments';
import { isoOfDay } from '../../core/dates';
import { belowMinTier } from '../../core/matching';
import { readNumber } from '../../core/numbers';
import { t } from '../../core/text';
import { type AssignmentWriteResult, type FieldErrors, firstHttpUrl, type OfferResult } from '../../contract/sidebar-contract';
import type { ParsedRequest } from '../../contract/sidebar-schemas';
import { ASSIGNMENT_STATUSES, type Lang, TIERS } from '../../sheets/schema';
import { appendRecords, cellOf, requireColumns, updateRecord } from '../../sheets/table';
import { openSeverities, rosterScorer } from './values';
import { gateReasons } from '../../core/gating';
import { type AssignmentRow, dateOfIso, enumLabel, publicAssignment, UserError } from './workbook';
import { type Ctx, findTask, matchView } from './reads';
import { afterSave, saveOnce, saveTo } from './saves';
import { amountField, dateField, failIf, names, newId, reload, todayDate } from './write-fields';

export function offerTask(ctx: Ctx, req: ParsedRequest<'offerTask'>): OfferResult {
  // Sent again (a retry of a submission already saved): answered as the first time, not saved twice.
  const ids = saveOnce(ctx.lang, req.requestId, () => {
    const loaded = reload(ctx, ['kocs', 'tasks', 'assignments']);
    const task = findTask(ctx, loaded.tasks, req.taskId);
    if (!task.open) throw new UserError(t('taskClosed', ctx.lang, { id: task.id }), { taskId: t('taskClosed', ctx.lang, { id: task.id }) });
    const errors: FieldErrors = {};
    const kocIds = [...new Set(req.kocIds.map((id) => id.trim()))];
    const unknown = kocIds.filter((id) => !loaded.kocs.has(id));
    if (unknown.length) errors.kocIds = unknown.map((id) => t('unknownKoc', ctx.lang, { id })).join('; ');
    const cost = amountField(ctx, errors, 'cost', req.cost);
    if (cost !== null && task.budgetPerKoc !== null && cost > task.budgetPerKoc) errors.cost = t('overBudget', ctx.lang, { budget: task.budgetPerKoc });
    const due = dateField(ctx, errors, 'due', req.due, task.due ? dateOfIso(task.due)! : '');
    // Offered today, so due today at the earliest (the task's own due date when none is typed).
    if (due && due.getTime() < todayDate(ctx).getTime())
      errors.due = req.due ? t('dueBeforeToday', ctx.lang, { today: isoOfDay(ctx.today) }) : t('taskDuePassed', ctx.lang, { due: task.due ?? '' });
    failIf(ctx, errors);

    const workload = new Map<string, number>();
    const held = new Set<string>();
    const declined = new Set<string>();
    for (const a of loaded.assignments) {
      if (countsTowardWorkload(a.status ?? undefined)) workload.set(a.kocId, (workload.get(a.kocId) ?? 0) + 1);
      if (a.taskId !== task.id) continue;
      if (a.status === 'declined') declined.add(a.kocId);
      else if (holdsSlot(a.status ?? undefined)) held.add(a.kocId);
    }
    const kocs = ctx.book.require('kocs');
    const chosen = kocIds.map((kocId) => ({ kocId, ...loaded.kocs.get(kocId)! }));
    const problems: string[] = [];
    const check = (key: Parameters<typeof t>[0], bad: typeof chosen, vars: Record<string, string | number> = {}) => {
      if (bad.length) problems.push(t(key, ctx.lang, { ...vars, names: names(bad) }));
    };
    // The matcher's own gate: paused, alumni, in Transition, an open High/Critical incident.
    const values = rosterScorer(ctx.book, ctx.settings, ctx.today);
    const severities = openSeverities(ctx.book);
    const gates = new Map(chosen.map((k) => [k.kocId, gateReasons({ status: k.status, stage: values(k.kocId, k.rowIndex).stage, openSeverity: severities.get(k.kocId) })]));
    check('kocUnavailable', chosen.filter((k) => gates.get(k.kocId)!.some((g) => g !== 'incident')));
    check('kocsOpenIncident', chosen.filter((k) => gates.get(k.kocId)!.includes('incident')));
    check('alreadyAssigned', chosen.filter((k) => held.has(k.kocId)));
    check('declinedBefore', chosen.filter((k) => declined.has(k.kocId)));
    check('kocsOverWorkload', chosen.filter((k) => (workload.get(k.kocId) ?? 0) >= ctx.settings.maxWorkload), { max: ctx.settings.maxWorkload });
    const minTier = task.minTier;
    if (minTier) {
      // The tier the match list shows: Echelon's, or the core's for a KOC not yet recomputed.
      const tierOf = rosterScorer(ctx.book, ctx.settings, ctx.today);
      check('kocsBelowMinTier', chosen.filter((k) => belowMinTier(tierOf(k.kocId, k.rowIndex).tier, minTier)), { tier: enumLabel(TIERS, minTier, ctx.lang) });
    }
    if (cost === null && task.budgetPerKoc !== null) {
      const over = chosen.filter((k) => {
        const c = readNumber(cellOf(kocs, kocs.rows[k.rowIndex], 'monthlyCost'));
        return c !== undefined && c > task.budgetPerKoc!;
      });
      check('kocsOverBudget', over, { budget: task.budgetPerKoc });
    }
    if (task.slots !== null) {
      const left = Math.max(0, task.slots - task.filled);
      if (chosen.length > left) problems.push(t('slotsFull', ctx.lang, { left, slots: task.slots }));
    }
    if (problems.length) throw new UserError(problems.join(' · '), { kocIds: problems.join(' · ') });

    const table = ctx.book.require('assignments');
    const lang = ctx.bookLang;
    const offered = todayDate(ctx);
    const ids: string[] = [];
    const records = chosen.map((k) => {
      const id = newId('A', ctx.today, table, ids);
      ids.push(id);
      return {
        id,
        taskId: task.id,
        kocId: k.kocId,
        status: enumLabel(ASSIGNMENT_STATUSES, 'offered', lang),
        offered,
        due,
        cost: cost ?? '',
        assignedBy: ctx.user,
        notes: req.notes ?? '' };
    });
    if (new Set(ids).size !== ids.length) throw new Error('Duplicate assignment IDs generated');
    saveTo(ctx.lang, table, () => appendRecords(table, records));
    return ids;
  });
  // Read back what the sheet now holds (a text written as '=… reads back without its apostrophe).
  return afterSave<OfferResult>(ctx.lang, () => ({ ids, match: matchView(ctx, req.taskId) }), { ids, match: null });
}

type StepChanges = (row: AssignmentRow, errors: FieldErrors, lang: Lang) => Record<string, unknown>;

/** Move one assignment to `to` (or, with `to` null, change it in place), checked against its status now. */
function stepAssignment(
  ctx: Ctx,
  requestId: string,
  assignmentId: string,
  to: AssignmentStatus | null,
  changes: StepChanges,
  allowedInPlace: AssignmentStatus[] = [],
): AssignmentWriteResult {
  saveOnce(ctx.lang, requestId, () => {
    const loaded = reload(ctx, ['assignments']);
    const table = ctx.book.require('assignments');
    // Without these the assignment cannot be found or its status checked: name the missing
    // column (as an offer does) rather than "no assignment" or "is —".
    requireColumns(table, ['id', 'taskId', 'kocId', 'status']);
    const row = loaded.views((a) => a.id === assignmentId)[0];
    if (!row) throw new UserError(t('unknownAssignment', ctx.lang, { id: assignmentId }));
    const lang = ctx.bookLang;
    const label = (s: AssignmentStatus | null) => (s ? enumLabel(ASSIGNMENT_STATUSES, s, ctx.lang) : '—');
    if (to === null) {
      if (!row.status || !allowedInPlace.includes(row.status)) throw new UserError(t('resultsNotYet', ctx.lang, { id: row.id, status: label(row.status) }));
    } else if (!row.status || !canMove(row.status, to)) {
      const allowed = row.next.length ? row.next.map(label).join(', ') : t('finalStatus', ctx.lang);
      throw new UserError(t('illegalMove', ctx.lang, { id: row.id, from: label(row.status), to: label(to), allowed }));
    }
    const errors: FieldErrors = {};
    const record = changes(row, errors, lang);
    failIf(ctx, errors);
    if (to !== null) record.status = enumLabel(ASSIGNMENT_STATUSES, to, lang);
    if (Object.keys(record).length) saveTo(ctx.lang, table, () => updateRecord(table, row.rowIndex, record));
    return [assignmentId];
  });
  return afterSave<AssignmentWriteResult>(
    ctx.lang,
    () => {
      const after = reload(ctx, ['assignments']);
      const updated = after.views((a) => a.id === assignmentId)[0];
      return { assignment: publicAssignment(updated), taskAssignments: after.views((a) => a.taskId === updated.taskId).map(publicAssignment) };
    },
    { assignment: null, taskAssignments: null },
  );
}

function appendNote(row: AssignmentRow, text: string): string {
  const note = text.trim();
  if (!note) return row.notes;
  return row.notes ? `${row.notes}\n${note}` : note;
}

export function respondToOffer(ctx: Ctx, req: ParsedRequest<'respondToOffer'>): AssignmentWriteResult {
  if (req.answer === 'declined' && !(req.reason ?? '').trim()) throw new UserError(t('fixFields', ctx.lang), { reason: t('declineReason', ctx.lang) });
  return stepAssignment(ctx, req.requestId, req.assignmentId, req.answer, (row, _e, lang) => {
    const record: Record<string, unknown> = { responded: todayDate(ctx) };
    if (req.reason?.trim()) record.notes = appendNote(row, `${enumLabel(ASSIGNMENT_STATUSES, req.answer, lang)}: ${req.reason.trim()}`);
    return record;
  });
}

export function markSubmitted(ctx: Ctx, req: ParsedRequest<'markSubmitted'>): AssignmentWriteResult {
  return stepAssignment(ctx, req.requestId, req.assignmentId, 'submitted', () => ({}));
}

export function markPublished(ctx: Ctx, req: ParsedRequest<'markPublished'>): AssignmentWriteResult {
  // A share text pasted whole gives its link.
  const url = firstHttpUrl(req.contentUrl);
  if (!url) throw new UserError(t('fixFields', ctx.lang), { contentUrl: t('fieldUrl', ctx.lang) });
  return stepAssignment(ctx, req.requestId, req.assignmentId, 'published', () => ({ contentUrl: url }));
}

const RESULT_FIELDS = ['likes', 'collects', 'comments', 'shares', 'leads', 'orders', 'gmv'] as const;

export function recordResults(ctx: Ctx, req: ParsedRequest<'recordResults'>): AssignmentWriteResult {
  const errors: FieldErrors = {};
  const record: Record<string, unknown> = {};
  for (const f of RESULT_FIELDS) {
    const n = amountField(ctx, errors, f, req[f]);
    if (n !== null) record[f] = n;
  }
  failIf(ctx, errors);
  if (!Object.keys(record).length) throw new UserError(t('noResults', ctx.lang), { likes: t('noResults', ctx.lang) });
  return stepAssignment(ctx, req.requestId, req.assignmentId, null, () => record, ['published', 'reviewed']);
}

export function reviewAssignment(ctx: Ctx, req: ParsedRequest<'reviewAssignment'>): AssignmentWriteResult {
  return stepAssignment(ctx, req.requestId, req.assignmentId, 'reviewed', (row) => {
    const record: Record<string, unknown> = { quality: req.quality };
    if (req.notes?.trim()) record.notes = appendNote(row, req.notes);
    return record;
  });
}

export function cancelAssignment(ctx: Ctx, req: ParsedRequest<'cancelAssignment'>): AssignmentWriteResult {
  return stepAssignment(ctx, req.requestId, req.assignmentId, 'cancelled', (row, _e, lang) =>
    req.reason?.trim() ? { notes: appendNote(row, `${enumLabel(ASSIGNMENT_STATUSES, 'cancelled', lang)}: ${req.reason.trim()}`) } : {},
  );
}

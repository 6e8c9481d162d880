/**
 * The sidebar's writes about one KOC: log a follow-up, log or resolve an incident. Each takes the
 * document lock, re-reads what it checks and saves (saves.ts: whole or put back, once per request
 * id); then the KOC's refreshed profile with a suggested next step, read after the save.
 */
import { t } from '../../core/text';
import type { FieldErrors, KocWriteResult } from '../../contract/sidebar-contract';
import type { ParsedRequest } from '../../contract/sidebar-schemas';
import { type ColumnKey, CONTACT_CHANNELS, FOLLOWUP_TYPES, INCIDENT_KINDS, INCIDENT_STATUSES, SENTIMENTS, SEVERITIES } from '../../sheets/schema';
import { appendRecords, type Table, updateRecord } from '../../sheets/table';
import { withDocumentLock_ } from '../context';
import { type KocRecord, readKocRow, kocReader } from '../../core/record';
import { loadPlaybook, suggestion } from './values';
import { enumLabel, incidentRows, type KocRow, UserError } from './workbook';
import { type Ctx, kocProfile, type Loaded } from './reads';
import { afterSave, recall, remember, saveOnce, saveTo } from './saves';
import { dateField, failIf, newId, notAfterToday, reload, todayDate } from './write-fields';

function requireKoc(ctx: Ctx, loaded: Loaded, kocId: string): KocRow {
  const koc = loaded.kocs.get(kocId);
  if (!koc) throw new UserError(t('fixFields', ctx.lang), { kocId: t('unknownKoc', ctx.lang, { id: kocId }) });
  return koc;
}

/** The profile after a save that changes a KOC, with a playbook step when things look bad; read again. */
function withSuggestion(ctx: Ctx, id: string, kocId: string, trigger: 'negative' | 'incident' | null): KocWriteResult {
  return afterSave<KocWriteResult>(
    ctx.lang,
    () => {
      const loaded = reload(ctx, ['kocs', 'followups', 'incidents']);
      const profile = kocProfile(ctx, kocId, loaded);
      let text: string | null = null;
      if (trigger) {
        const table = ctx.book.require('kocs');
        const record: KocRecord = readKocRow(kocReader(table.map), table.rows[loaded.kocs.get(kocId)!.rowIndex]).koc;
        const rules = loadPlaybook(ctx.book, ctx.lang);
        text = suggestion(
          ctx.lang,
          rules,
          { tier: profile.tier, tierOverridden: profile.tierOverridden, stage: profile.stage, score: profile.score, nextAction: profile.nextAction, nextFollowUp: null, followUpStatus: null, computedFrom: profile.computedFrom, source: record.source ?? null },
          trigger,
        );
      }
      return { id, profile, suggestion: text };
    },
    { id, profile: null, suggestion: null },
  );
}

/**
 * One new row about a KOC (a follow-up or an incident), saved once per request id under the lock:
 * the KOC checked against a fresh read, the fields checked by `fields` (it marks what is wrong in
 * `errors` and gives the row's values, its id excepted), the row appended whole or not at all.
 */
function appendAboutKoc<S extends 'followups' | 'incidents'>(
  ctx: Ctx,
  req: { requestId: string; kocId: string },
  sheet: S,
  idPrefix: string,
  fields: (errors: FieldErrors, lang: Ctx['bookLang']) => Partial<Record<ColumnKey<S>, unknown>>,
): string {
  const [id] = saveOnce(ctx.lang, req.requestId, () => {
    const loaded = reload(ctx, ['kocs', sheet]);
    const errors: FieldErrors = {};
    requireKoc(ctx, loaded, req.kocId);
    const values = fields(errors, ctx.bookLang);
    failIf(ctx, errors);
    const table = ctx.book.require(sheet);
    const id = newId(idPrefix, ctx.today, table);
    saveTo(ctx.lang, table, () => appendRecords(table as Table<S>, [{ id, kocId: req.kocId, ...values } as Partial<Record<ColumnKey<S>, unknown>>]));
    return [id];
  });
  return id;
}

export function logFollowUp(ctx: Ctx, req: ParsedRequest<'logFollowUp'>): KocWriteResult {
  const id = appendAboutKoc(ctx, req, 'followups', 'F', (errors, lang) => {
    const date = dateField(ctx, errors, 'date', req.date, todayDate(ctx));
    // A contact in the future (a typo such as 2052) would become the latest and hide the KOC from follow-up tracking.
    notAfterToday(ctx, errors, 'date', date);
    const next = dateField(ctx, errors, 'nextFollowUp', req.nextFollowUp, '');
    if (date && next && next.getTime() < date.getTime()) errors.nextFollowUp = t('nextBeforeDate', ctx.lang);
    return {
      date,
      channel: enumLabel(CONTACT_CHANNELS, req.channel, lang),
      type: enumLabel(FOLLOWUP_TYPES, req.type, lang),
      summary: req.summary.trim(),
      sentiment: enumLabel(SENTIMENTS, req.sentiment, lang),
      nextFollowUp: next,
      loggedBy: ctx.user,
    };
  });
  return withSuggestion(ctx, id, req.kocId, req.sentiment === 'negative' ? 'negative' : null);
}

export function logIncident(ctx: Ctx, req: ParsedRequest<'logIncident'>): KocWriteResult {
  const id = appendAboutKoc(ctx, req, 'incidents', 'I', (errors, lang) => {
    const opened = dateField(ctx, errors, 'opened', req.opened, todayDate(ctx));
    notAfterToday(ctx, errors, 'opened', opened);
    return {
      opened,
      severity: enumLabel(SEVERITIES, req.severity, lang),
      kind: enumLabel(INCIDENT_KINDS, req.kind, lang),
      description: req.description.trim(),
      status: enumLabel(INCIDENT_STATUSES, 'open', lang),
    };
  });
  const urgent = req.severity === 'high' || req.severity === 'critical';
  return withSuggestion(ctx, id, req.kocId, urgent ? 'incident' : null);
}

export function resolveIncident(ctx: Ctx, req: ParsedRequest<'resolveIncident'>): KocWriteResult {
  const incident = withDocumentLock_(ctx.lang, () => {
    const loaded = reload(ctx, ['kocs', 'incidents']);
    const incident = incidentRows(ctx.book.table('incidents'), loaded.kocs).find((i) => i.id === req.incidentId);
    if (!incident) throw new UserError(t('unknownIncident', ctx.lang, { id: req.incidentId }));
    if (recall(req.requestId)) return incident;
    if (incident.status === 'resolved') throw new UserError(t('alreadyResolved', ctx.lang, { id: incident.id }));
    const table = ctx.book.require('incidents');
    saveTo(ctx.lang, table, () =>
      updateRecord(table, incident.rowIndex, {
        status: enumLabel(INCIDENT_STATUSES, 'resolved', ctx.bookLang),
        resolution: req.resolution.trim(),
        resolved: todayDate(ctx),
      }),
    );
    remember(req.requestId, { ids: [incident.id] });
    return incident;
  });
  return withSuggestion(ctx, incident.id, incident.kocId, null);
}

/**
 * The sidebar's writes about one KOC: log a follow-up, log or resolve an incident. Each takes the
 * document lock, re-reads what it checks and saves (saves.ts: whole or put back, once per request
 * id); then the KOC's refreshed profile with a suggested next step, read after the save.
 */
import { t } from '../../core/text';
import type { FieldErrors, KocWriteResult } from '../../shared/sidebar-contract';
import type { ParsedRequest } from '../../shared/sidebar-schemas';
import { CONTACT_CHANNELS, FOLLOWUP_TYPES, INCIDENT_KINDS, INCIDENT_STATUSES, SENTIMENTS, SEVERITIES } from '../../sheets/schema';
import { appendRecords, updateRecord } from '../../sheets/table';
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

export function logFollowUp(ctx: Ctx, req: ParsedRequest<'logFollowUp'>): KocWriteResult {
  const [id] = saveOnce(ctx.lang, req.requestId, () => {
    const loaded = reload(ctx, ['kocs', 'followups']);
    const errors: FieldErrors = {};
    requireKoc(ctx, loaded, req.kocId);
    const date = dateField(ctx, errors, 'date', req.date, todayDate(ctx));
    // A contact in the future (a typo such as 2052) would become the latest and hide the KOC from follow-up tracking.
    notAfterToday(ctx, errors, 'date', date);
    const next = dateField(ctx, errors, 'nextFollowUp', req.nextFollowUp, '');
    if (date && next && next.getTime() < date.getTime()) errors.nextFollowUp = t('nextBeforeDate', ctx.lang);
    failIf(ctx, errors);
    const table = ctx.book.require('followups');
    const lang = ctx.bookLang;
    const id = newId('F', ctx.today, table);
    saveTo(ctx.lang, table, () =>
      appendRecords(table, [
        {
          id,
          kocId: req.kocId,
          date,
          channel: enumLabel(CONTACT_CHANNELS, req.channel, lang),
          type: enumLabel(FOLLOWUP_TYPES, req.type, lang),
          summary: req.summary.trim(),
          sentiment: enumLabel(SENTIMENTS, req.sentiment, lang),
          nextFollowUp: next,
          loggedBy: ctx.user,
        },
      ]),
    );
    return [id];
  });
  return withSuggestion(ctx, id, req.kocId, req.sentiment === 'negative' ? 'negative' : null);
}

export function logIncident(ctx: Ctx, req: ParsedRequest<'logIncident'>): KocWriteResult {
  const [id] = saveOnce(ctx.lang, req.requestId, () => {
    const loaded = reload(ctx, ['kocs', 'incidents']);
    const errors: FieldErrors = {};
    requireKoc(ctx, loaded, req.kocId);
    const opened = dateField(ctx, errors, 'opened', req.opened, todayDate(ctx));
    notAfterToday(ctx, errors, 'opened', opened);
    failIf(ctx, errors);
    const table = ctx.book.require('incidents');
    const lang = ctx.bookLang;
    const id = newId('I', ctx.today, table);
    saveTo(ctx.lang, table, () =>
      appendRecords(table, [
        {
          id,
          kocId: req.kocId,
          opened,
          severity: enumLabel(SEVERITIES, req.severity, lang),
          kind: enumLabel(INCIDENT_KINDS, req.kind, lang),
          description: req.description.trim(),
          status: enumLabel(INCIDENT_STATUSES, 'open', lang),
        },
      ]),
    );
    return [id];
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

/**
 * The recompute's run log: every run, from the menu or the schedule, succeeded or not, is kept
 * with its time, outcome and message (the last few, in the document properties), and Show
 * schedule tells the last one — and the last failure, when a later run hid it. An add-on's
 * failed trigger sends no e-mail, so this is where a team sees that the schedule is failing.
 */
import { t } from '../core/text';
import type { Lang } from '../sheets/schema';
import { errorText } from '../sheets/writes';

/** Document property holding the log (a JSON array, newest last). */
export const PROP_RUN_LOG = 'kocops.recompute.lastRun';
const KEEP = 10;

/** written: sheets changed · unchanged: nothing to write · put back: a write failed and was undone · failed: stopped before writing, or could not put everything back · skipped: not run (busy, refused). */
export type RunOutcome = 'written' | 'unchanged' | 'put back' | 'failed' | 'skipped';

export interface RunRecord {
  at: string;
  outcome: RunOutcome;
  /** True for a run of the time-driven trigger. */
  scheduled: boolean;
  message: string;
}

function readLog_(): RunRecord[] {
  const text = PropertiesService.getDocumentProperties().getProperty(PROP_RUN_LOG);
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    // A single {at, message} is a run recorded before there was a log.
    const list = Array.isArray(parsed) ? parsed : [{ ...(parsed as object), outcome: 'written', scheduled: false }];
    return list.filter((r): r is RunRecord => !!r && typeof r === 'object' && typeof (r as RunRecord).at === 'string');
  } catch (_) {
    return [];
  }
}

/** Add a run to the log. Never fails the run it records: the log is only read by Show schedule. */
export function recordRun_(run: RunRecord): void {
  try {
    const log = readLog_();
    log.push({ ...run, message: run.message.slice(0, 500) });
    PropertiesService.getDocumentProperties().setProperty(PROP_RUN_LOG, JSON.stringify(log.slice(-KEEP)));
  } catch (e) {
    console.error(`KOC Ops: could not record the run: ${errorText(e)}`);
  }
}

function describeRun_(run: RunRecord, tz: string, lang: Lang): string {
  const when = `${Utilities.formatDate(new Date(run.at), tz, 'yyyy-MM-dd HH:mm')} (${tz})`;
  const how = run.outcome === 'written' || run.outcome === 'unchanged' ? '' : `${t(run.outcome === 'put back' ? 'runPutBack' : run.outcome === 'skipped' ? 'runSkipped' : 'runFailed', lang)}${run.scheduled ? ` ${t('runScheduled', lang)}` : ''}: `;
  return `${when} — ${how}${run.message}`;
}

/** "Last run: …" and, when a run failed since the last good one or is the latest, that failure; in the spreadsheet's zone. */
export function describeRuns_(tz: string, lang: Lang): { last: string; failure: string | null } {
  const log = readLog_();
  const last = log[log.length - 1];
  if (!last) return { last: t('never', lang), failure: null };
  const failed = [...log].reverse().find((r) => r.outcome === 'failed' || r.outcome === 'put back');
  return { last: describeRun_(last, tz, lang), failure: failed && failed !== last ? describeRun_(failed, tz, lang) : null };
}

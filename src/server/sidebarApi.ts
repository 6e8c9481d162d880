/**
 * The sidebar's server API: one registry entry per action (the build generates a global stub for
 * each, which is what google.script.run calls), plus the menu item that opens the sidebar.
 *
 * Every endpoint takes one payload object, validates it with zod/mini before touching the
 * workbook (a malformed payload writes nothing), and answers `{ ok: true, data }` or
 * `{ ok: false, message, fieldErrors }`. Unexpected errors are thrown, so the sidebar's failure
 * handler shows them.
 */
import { countDaysAsSheetShows_, loadSettings_, LockBusyError, localeLang_ } from './context';
import { menuItem, type PublicFunction } from './registry-types';
import { dayNumber, readDatesFor } from '../core/dates';
import { t } from '../core/text';
import { type EndpointName, type EndpointResults, READ_ENDPOINTS, type Result, type WriteResult } from '../contract/sidebar-contract';
import { type ParsedRequest, requestSchema } from '../contract/sidebar-schemas';
import type { Lang } from '../sheets/schema';
import { MissingColumnsError } from '../sheets/table';
import * as actions from './sidebar/actions';
import { afterSave } from './sidebar/saves';
import { validate } from './sidebar/validate';
import { Book, UserError } from './sidebar/workbook';

/** UserProperties key of the language the user picked in the sidebar. */
export const LANG_PROPERTY = 'kocOps.sidebarLang';

/** The user's own choice, else their locale: what the sidebar shows this user (never what it writes). */
function userLang_(): Lang {
  try {
    const picked = PropertiesService.getUserProperties().getProperty(LANG_PROPERTY);
    if (picked === 'en' || picked === 'zh') return picked;
  } catch (_) {
    // No user properties (e.g. AuthMode.NONE): fall through.
  }
  return localeLang_();
}

function activeUser_(): string {
  try {
    return Session.getActiveUser().getEmail() || '';
  } catch (_) {
    return '';
  }
}

/**
 * Run one endpoint: validate, then act with a fresh view of the workbook. Refusals the user can
 * fix come back as `{ ok: false }`; anything else is thrown to the failure handler.
 */
function run_<K extends EndpointName>(name: K, payload: unknown, act: (ctx: actions.Ctx, req: ParsedRequest<K>) => EndpointResults[K]): Result<EndpointResults[K]> {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let loaded: ReturnType<typeof loadSettings_> | undefined;
  const settings = () => (loaded ??= loadSettings_(ss));
  const lang = userLang_();
  const parsed = validate(requestSchema(name), payload, lang);
  if (!parsed.ok) return parsed;
  countDaysAsSheetShows_(ss);
  const now = new Date();
  const ctx: actions.Ctx = { lang, bookLang: settings().lang, book: new Book(ss, lang), settings: settings().settings, user: activeUser_(), now, today: dayNumber(now) };
  // A date cell written without its year (3月1日) is read in today's year.
  readDatesFor(ctx.today);
  try {
    const data = act(ctx, parsed.data as ParsedRequest<K>);
    if (READ_ENDPOINTS.has(name)) return { ok: true, data };
    // A write that landed: Today in the same answer (one round trip), from the sheets as they are
    // now. Reading it can no longer fail the write: without it the answer says so.
    const written = data as WriteResult;
    return {
      ok: true,
      data: afterSave<WriteResult>(
        lang,
        () => {
          for (const key of ['kocs', 'assignments', 'followups', 'incidents'] as const) ctx.book.reread(key);
          return { ...written, today: actions.todayList(ctx) };
        },
        written,
      ) as EndpointResults[K],
    };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, message: err.message, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) };
    if (err instanceof LockBusyError) return { ok: false, message: err.message };
    if (err instanceof MissingColumnsError) {
      const columns = err.columns.map((c) => (lang === 'zh' ? `“${c.zh}”（${c.en}）` : `"${c.en}" (${c.zh})`)).join(lang === 'zh' ? '、' : ', ');
      return { ok: false, message: t('missingColumns', lang, { sheet: err.def[lang], columns }) };
    }
    throw err;
  }
}

export function openSidebar_(): void {
  const lang = userLang_();
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t('sidebarTitle', lang));
  // Sheets draws sidebars 300 px wide; the page is laid out for exactly that.
  if (typeof html.setWidth === 'function') html.setWidth(300);
  SpreadsheetApp.getUi().showSidebar(html);
}

function setLanguage_(ctx: actions.Ctx, req: ParsedRequest<'setSidebarLanguage'>): EndpointResults['setSidebarLanguage'] {
  PropertiesService.getUserProperties().setProperty(LANG_PROPERTY, req.lang);
  // Same execution, new language: messages and next actions in the language just picked.
  return actions.sidebarState({ ...ctx, lang: req.lang, book: new Book(ctx.book.ss, req.lang) });
}

const PAYLOAD = (description: string) => [{ name: 'payload', type: 'Object', description }];

function endpoint<K extends EndpointName>(
  name: K,
  summary: string,
  payloadDoc: string,
  act: (ctx: actions.Ctx, req: ParsedRequest<K>) => EndpointResults[K],
): PublicFunction {
  return {
    name,
    kind: 'endpoint',
    summary,
    params: PAYLOAD(payloadDoc),
    returns: { type: 'Object', description: '{ok: true, data} or {ok: false, message, fieldErrors}' },
    impl: (payload?: unknown) => run_(name, payload, act),
  };
}

export const SIDEBAR_FUNCTIONS: PublicFunction[] = [
  menuItem('openSidebar', 'Opens the KOC Ops sidebar (assign tasks, follow up, today).', { en: t('openSidebar', 'en'), zh: t('openSidebar', 'zh'), order: 1, group: 'sidebar' }, openSidebar_),
  endpoint('getSidebarState', 'Sidebar: everything the first render needs (language, user, open tasks, Today, the KOC under the cursor).', '{} (optional).', (ctx) =>
    actions.sidebarState(ctx),
  ),
  endpoint('setSidebarLanguage', 'Sidebar: remember the language this user picked and answer the state in it.', '{lang: "en" | "zh"}.', setLanguage_),
  endpoint('getTodayList', 'Sidebar: overdue and due follow-ups, open High/Critical incidents, offers waiting too long.', '{} (optional).', (ctx) =>
    actions.todayList(ctx),
  ),
  endpoint('matchTask', 'Sidebar: KOCs ranked for a task, with why they fit and why others were left out.', '{taskId}.', (ctx, req) =>
    actions.matchView(ctx, req.taskId),
  ),
  endpoint('offerTask', 'Sidebar: offer a task to one or several KOCs (within slots and budget).', '{taskId, kocIds[], due?, cost?, notes?}.', actions.offerTask),
  endpoint('respondToOffer', "Sidebar: record the KOC's answer to an offer (declining needs a reason).", '{assignmentId, answer: "accepted" | "declined", reason?}.', actions.respondToOffer),
  endpoint('markSubmitted', 'Sidebar: the KOC submitted the content of an accepted assignment.', '{assignmentId}.', actions.markSubmitted),
  endpoint('markPublished', 'Sidebar: the content is published at an http(s) link.', '{assignmentId, contentUrl}.', actions.markPublished),
  endpoint('recordResults', 'Sidebar: record the results of published content (counts as 1200, 1.2万 or 3.4k).', '{assignmentId, likes?, collects?, comments?, shares?, leads?, orders?, gmv?}.', actions.recordResults),
  endpoint('reviewAssignment', 'Sidebar: review published content with a quality rating 1–5.', '{assignmentId, quality, notes?}.', actions.reviewAssignment),
  endpoint('cancelAssignment', 'Sidebar: cancel an open assignment.', '{assignmentId, reason?}.', actions.cancelAssignment),
  endpoint('searchKocs', 'Sidebar: find KOCs by name or ID (Chinese names too).', '{query}.', (ctx, req) => actions.searchKocs(ctx, req.query)),
  endpoint('getKocProfile', 'Sidebar: the profile card of one KOC.', '{kocId}.', (ctx, req) => actions.kocProfile(ctx, req.kocId)),
  endpoint('logFollowUp', 'Sidebar: log a contact with a KOC and when to follow up next.', '{kocId, date?, channel, type, summary, sentiment, nextFollowUp?}.', actions.logFollowUp),
  endpoint('logIncident', 'Sidebar: log an objection or negative incident.', '{kocId, opened?, severity, kind, description}.', actions.logIncident),
  endpoint('resolveIncident', 'Sidebar: resolve an open incident.', '{incidentId, resolution}.', actions.resolveIncident),
];

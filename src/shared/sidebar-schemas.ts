/**
 * Request schemas of the sidebar endpoints (zod/mini). The server validates every payload with
 * them; the sidebar imports only their types (`import type`), so zod never reaches the browser.
 * Unknown fields are refused (strict objects): a payload the server does not understand is an
 * error, not something silently dropped.
 */
import * as z from 'zod/mini';
import {
  ASSIGNMENT_STATUSES,
  CONTACT_CHANNELS,
  FOLLOWUP_TYPES,
  INCIDENT_KINDS,
  SENTIMENTS,
  SEVERITIES,
} from '../sheets/schema';
import { LIMITS } from './sidebar-contract';

const keys = <T extends readonly { key: string }[]>(values: T) => values.map((v) => v.key) as [string, ...string[]];

/** `YYYY-MM-DD`; whether it is a real day is checked by the server (and reported on the field). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Built on first use, not at load: Apps Script evaluates the whole bundle on every custom
 * function call, and building zod schemas is most of the bundle's start-up time.
 */
function buildSchemas() {
  const text = (max: number) => z.string().check(z.maxLength(max));
  /** Required text: something other than spaces. */
  const required = (max: number) => z.string().check(z.maxLength(max), z.refine((s) => s.trim() !== '', { params: { required: true } }));
  const id = required(LIMITS.id);
  /** Every write's request id (RequestId in the contract). */
  const requestId = required(LIMITS.requestId);
  const isoDate = z.string().check(z.regex(ISO_DATE));
  /** A count or amount as a number or as typed (`1.2万`, `3.4k`); parsed by the server. */
  const amount = z.optional(z.nullable(z.union([z.number(), text(30)])));

  return {
    getSidebarState: z.optional(z.strictObject({})),
    setSidebarLanguage: z.strictObject({ lang: z.enum(['en', 'zh']) }),
    getTodayList: z.optional(z.strictObject({})),
    matchTask: z.strictObject({ taskId: id }),
    offerTask: z.strictObject({
      requestId,
      taskId: id,
      kocIds: z.array(id).check(z.minLength(1), z.maxLength(LIMITS.offerBatch)),
      due: z.optional(z.union([isoDate, z.literal('')])),
      cost: amount,
      notes: z.optional(text(LIMITS.longText)),
    }),
    respondToOffer: z.strictObject({
      requestId,
      assignmentId: id,
      answer: z.enum(['accepted', 'declined']),
      reason: z.optional(text(LIMITS.reason)),
    }),
    markSubmitted: z.strictObject({ requestId, assignmentId: id }),
    markPublished: z.strictObject({ requestId, assignmentId: id, contentUrl: required(LIMITS.url) }),
    recordResults: z.strictObject({
      requestId,
      assignmentId: id,
      likes: amount,
      collects: amount,
      comments: amount,
      shares: amount,
      leads: amount,
      orders: amount,
      gmv: amount,
    }),
    reviewAssignment: z.strictObject({
      requestId,
      assignmentId: id,
      quality: z.number().check(z.int(), z.gte(1), z.lte(5)),
      notes: z.optional(text(LIMITS.longText)),
    }),
    cancelAssignment: z.strictObject({ requestId, assignmentId: id, reason: z.optional(text(LIMITS.reason)) }),
    searchKocs: z.strictObject({ query: text(LIMITS.query) }),
    getKocProfile: z.strictObject({ kocId: id }),
    logFollowUp: z.strictObject({
      requestId,
      kocId: id,
      date: z.optional(z.union([isoDate, z.literal('')])),
      channel: z.enum(keys(CONTACT_CHANNELS)),
      type: z.enum(keys(FOLLOWUP_TYPES)),
      summary: required(LIMITS.longText),
      sentiment: z.enum(keys(SENTIMENTS)),
      nextFollowUp: z.optional(z.union([isoDate, z.literal('')])),
    }),
    logIncident: z.strictObject({
      requestId,
      kocId: id,
      opened: z.optional(z.union([isoDate, z.literal('')])),
      severity: z.enum(keys(SEVERITIES)),
      kind: z.enum(keys(INCIDENT_KINDS)),
      description: required(LIMITS.longText),
    }),
    resolveIncident: z.strictObject({ requestId, incidentId: id, resolution: required(LIMITS.longText) }),
  };
}

let built: ReturnType<typeof buildSchemas> | undefined;

export function requestSchemas(): ReturnType<typeof buildSchemas> {
  if (!built) built = buildSchemas();
  return built;
}

/** Every status key, for tests that walk the transition table. */
export const ASSIGNMENT_STATUS_KEYS = keys(ASSIGNMENT_STATUSES);

export type RequestSchemas = ReturnType<typeof buildSchemas>;
export type EndpointRequest<K extends keyof RequestSchemas> = z.input<RequestSchemas[K]>;
export type ParsedRequest<K extends keyof RequestSchemas> = z.output<RequestSchemas[K]>;

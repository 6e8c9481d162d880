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

/** The pieces several requests share, built once per execution on first use. */
function buildParts() {
  const text = (max: number) => z.string().check(z.maxLength(max));
  /** Required text: something other than spaces. */
  const required = (max: number) => z.string().check(z.maxLength(max), z.refine((s) => s.trim() !== '', { params: { required: true } }));
  return {
    text,
    required,
    id: required(LIMITS.id),
    /** Every write's request id (RequestId in the contract). */
    requestId: required(LIMITS.requestId),
    /** A day field: `YYYY-MM-DD`, or left blank (the server's default for that field). */
    optionalDate: z.optional(z.union([z.string().check(z.regex(ISO_DATE)), z.literal('')])),
    /** A count or amount as a number or as typed (`1.2万`, `3.4k`); parsed by the server. */
    amount: z.optional(z.nullable(z.union([z.number(), text(30)]))),
  };
}
type Parts = ReturnType<typeof buildParts>;

/**
 * Each endpoint's request schema, built when that endpoint is first called, not at load: Apps
 * Script evaluates the whole bundle on every execution (every custom function call too), and a
 * request needs one schema, not all of them.
 */
const SCHEMAS = {
  getSidebarState: () => z.optional(z.strictObject({})),
  setSidebarLanguage: () => z.strictObject({ lang: z.enum(['en', 'zh']) }),
  getTodayList: () => z.optional(z.strictObject({})),
  matchTask: (p: Parts) => z.strictObject({ taskId: p.id }),
  offerTask: (p: Parts) => z.strictObject({
    requestId: p.requestId,
    taskId: p.id,
    kocIds: z.array(p.id).check(z.minLength(1), z.maxLength(LIMITS.offerBatch)),
    due: p.optionalDate,
    cost: p.amount,
    notes: z.optional(p.text(LIMITS.longText)),
  }),
  respondToOffer: (p: Parts) => z.strictObject({
    requestId: p.requestId,
    assignmentId: p.id,
    answer: z.enum(['accepted', 'declined']),
    reason: z.optional(p.text(LIMITS.reason)),
  }),
  markSubmitted: (p: Parts) => z.strictObject({ requestId: p.requestId, assignmentId: p.id }),
  markPublished: (p: Parts) => z.strictObject({ requestId: p.requestId, assignmentId: p.id, contentUrl: p.required(LIMITS.url) }),
  recordResults: (p: Parts) => z.strictObject({
    requestId: p.requestId,
    assignmentId: p.id,
    likes: p.amount,
    collects: p.amount,
    comments: p.amount,
    shares: p.amount,
    leads: p.amount,
    orders: p.amount,
    gmv: p.amount,
  }),
  reviewAssignment: (p: Parts) => z.strictObject({
    requestId: p.requestId,
    assignmentId: p.id,
    quality: z.number().check(z.int(), z.gte(1), z.lte(5)),
    notes: z.optional(p.text(LIMITS.longText)),
  }),
  cancelAssignment: (p: Parts) => z.strictObject({ requestId: p.requestId, assignmentId: p.id, reason: z.optional(p.text(LIMITS.reason)) }),
  searchKocs: (p: Parts) => z.strictObject({ query: p.text(LIMITS.query) }),
  getKocProfile: (p: Parts) => z.strictObject({ kocId: p.id }),
  logFollowUp: (p: Parts) => z.strictObject({
    requestId: p.requestId,
    kocId: p.id,
    date: p.optionalDate,
    channel: z.enum(keys(CONTACT_CHANNELS)),
    type: z.enum(keys(FOLLOWUP_TYPES)),
    summary: p.required(LIMITS.longText),
    sentiment: z.enum(keys(SENTIMENTS)),
    nextFollowUp: p.optionalDate,
  }),
  logIncident: (p: Parts) => z.strictObject({
    requestId: p.requestId,
    kocId: p.id,
    opened: p.optionalDate,
    severity: z.enum(keys(SEVERITIES)),
    kind: z.enum(keys(INCIDENT_KINDS)),
    description: p.required(LIMITS.longText),
  }),
  resolveIncident: (p: Parts) => z.strictObject({ requestId: p.requestId, incidentId: p.id, resolution: p.required(LIMITS.longText) }),
};

export type RequestSchemas = { [K in keyof typeof SCHEMAS]: ReturnType<(typeof SCHEMAS)[K]> };

let parts: Parts | undefined;
const built: Partial<RequestSchemas> = {};

/** The request schema of one endpoint. */
export function requestSchema<K extends keyof RequestSchemas>(name: K): RequestSchemas[K] {
  parts ??= buildParts();
  let schema = built[name];
  if (!schema) {
    schema = SCHEMAS[name](parts) as RequestSchemas[K];
    built[name] = schema;
  }
  return schema as RequestSchemas[K];
}

/** Every status key, for tests that walk the transition table. */
export const ASSIGNMENT_STATUS_KEYS = keys(ASSIGNMENT_STATUSES);

export type EndpointRequest<K extends keyof RequestSchemas> = z.input<RequestSchemas[K]>;
export type ParsedRequest<K extends keyof RequestSchemas> = z.output<RequestSchemas[K]>;

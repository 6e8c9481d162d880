/**
 * Bundle entry. esbuild wraps this module in one IIFE assigned to the global `KOCOps`; the
 * generated top-level stubs call `KOCOps.api.NAME(...arguments)`.
 */
import { REGISTRY } from './registry';

export const api: Record<string, (...args: any[]) => unknown> = {};
for (const fn of REGISTRY) api[fn.name] = fn.impl;

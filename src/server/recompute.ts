import type { PublicFunction } from './registry-types';

export const RECOMPUTE_FUNCTIONS: PublicFunction[] = [];

import type { PublicFunction } from './registry-types';

export const SIDEBAR_FUNCTIONS: PublicFunction[] = [];

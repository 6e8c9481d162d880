import type { PublicFunction } from './registry-types';

export const SETUP_FUNCTIONS: PublicFunction[] = [];

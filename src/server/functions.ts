import type { PublicFunction } from './registry-types';

export const CUSTOM_FUNCTIONS: PublicFunction[] = [];

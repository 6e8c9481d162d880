/**
 * The one registry of public functions. Each module owns its entries; this file only lists the
 * modules. The build, the bundle tests, the menu and the README's function list all read it.
 */
import { ADDON_FUNCTIONS } from './addon';
import { BIGQUERY_FUNCTIONS } from './bigquery';
import { CUSTOM_FUNCTIONS } from './functions';
import { RECOMPUTE_FUNCTIONS } from './recompute';
import { SIDEBAR_FUNCTIONS } from './sidebarApi';
import type { PublicFunction } from './registry-types';

export type { PublicFunction } from './registry-types';

export const REGISTRY: readonly PublicFunction[] = [
  ...CUSTOM_FUNCTIONS,
  ...ADDON_FUNCTIONS,
  ...RECOMPUTE_FUNCTIONS,
  ...SIDEBAR_FUNCTIONS,
  ...BIGQUERY_FUNCTIONS,
];

export function menuItems(): PublicFunction[] {
  return REGISTRY.filter((f) => f.kind === 'menu').sort((a, b) => a.menu!.order - b.menu!.order);
}

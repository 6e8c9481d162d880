/**
 * The one registry of public functions, and the menu built from it. Each module owns its entries;
 * this file only lists the modules. The build, the bundle tests, the menu and the README's
 * function list all read it. onOpen lives here, beside the list it reads, so no module imports
 * the registry back.
 */
import { t } from '../core/text';
import { refreshAsOfOnOpen_ } from './asof';
import { BIGQUERY_FUNCTIONS } from './bigquery';
import { localeLang_ } from './context';
import { CUSTOM_FUNCTIONS } from './functions';
import { RECOMPUTE_FUNCTIONS } from './recompute';
import type { PublicFunction } from './registry-types';
import { SETUP_FUNCTIONS } from './setup';
import { SIDEBAR_FUNCTIONS } from './sidebarApi';

export type { PublicFunction } from './registry-types';

/**
 * onOpen / onInstall: the KOC Ops menu, built from the registry's menu items in the user's
 * language, then today's date into KOC_ASOF where the script may write (a bound script; an
 * add-on used in this document). Must work in AuthMode.NONE (an add-on not yet used in this
 * document): the menu reads nothing but the locale, and the date is left to the next recompute.
 */
export function onOpen_(e?: unknown): void {
  const lang = localeLang_();
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createAddonMenu();
  let group: string | undefined;
  for (const item of menuItems()) {
    if (group !== undefined && item.menu!.group !== group) menu.addSeparator();
    group = item.menu!.group;
    menu.addItem(item.menu![lang], item.name);
  }
  menu.addToUi();
  refreshAsOfOnOpen_(e);
}

const ADDON_FUNCTIONS: PublicFunction[] = [
  {
    name: 'onOpen',
    kind: 'simpleTrigger',
    summary: `Adds the ${t('menuTitle', 'en')} menu when the spreadsheet opens.`,
    params: [{ name: 'e', type: 'Object', description: 'The open event.' }],
    impl: onOpen_,
  },
  {
    name: 'onInstall',
    kind: 'simpleTrigger',
    summary: 'Adds the menu right after the add-on is installed.',
    params: [{ name: 'e', type: 'Object', description: 'The install event.' }],
    impl: onOpen_,
  },
  ...SETUP_FUNCTIONS,
];

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

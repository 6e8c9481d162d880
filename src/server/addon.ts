/**
 * onOpen / onInstall: the KOC Ops menu, built from the registry's menu items in the user's
 * language, then today's date into KOC_ASOF where the script may write (a bound script; an
 * add-on used in this document). Must work in AuthMode.NONE (an add-on not yet used in this
 * document): the menu reads nothing but the locale, and the date is left to the next recompute.
 */
import { t } from '../core/text';
import { menuItems } from './registry';
import type { PublicFunction } from './registry-types';
import { refreshAsOfOnOpen_ } from './asof';
import { localeLang_ } from './context';
import { SETUP_FUNCTIONS } from './setup';

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

export const ADDON_FUNCTIONS: PublicFunction[] = [
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

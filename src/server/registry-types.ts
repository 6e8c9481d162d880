/**
 * The shape of one public function: a global that Apps Script, Sheets or the sidebar calls by
 * name. The build generates a top-level stub with this JSDoc for every entry (scripts/build.ts).
 */
export type PublicKind =
  | 'customFunction' // =KOC_*() in a cell: no authorization, read-only, 30 s
  | 'simpleTrigger' // onOpen, onInstall
  | 'menu' // a KOC Ops menu item
  | 'trigger' // an installable trigger handler
  | 'endpoint'; // called by the sidebar through google.script.run

export interface ParamDoc {
  name: string;
  /** JSDoc type shown by Sheets' formula help, e.g. `A1:AH1` or `number`. */
  type: string;
  description: string;
  optional?: boolean;
}

export interface MenuLabel {
  en: string;
  zh: string;
  /** Position in the menu; a separator is drawn before an item whose group differs from the previous. */
  order: number;
  group: string;
}

export interface PublicFunction {
  name: string;
  kind: PublicKind;
  /** First JSDoc line; for custom functions Sheets shows it as the function's help. */
  summary: string;
  /** Custom functions: a call to copy, shown in the help card and checked by the tests. */
  example?: string;
  params: ParamDoc[];
  returns?: { type: string; description: string };
  /** Menu items only. */
  menu?: MenuLabel;
  impl: (...args: any[]) => unknown;
}

/** A menu item's registry entry: a function of no arguments shown in the KOC Ops menu. */
export function menuItem(name: string, summary: string, menu: MenuLabel, impl: () => unknown): PublicFunction {
  return { name, kind: 'menu', summary, params: [], menu, impl };
}

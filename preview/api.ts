/**
 * What the preview server and its page say to each other (JSON over /api/*). Types only, shared
 * by preview/server.ts and preview/page/*.tsx.
 */

export interface CellView {
  /** Display value, as Sheets shows it (number formats applied). */
  v: string;
  /** What the formula bar shows and an edit starts from: the formula, or the value as typed. */
  r?: string;
  /** A note on the cell: a formula's error, why a formula is not evaluated, a spill blocked. */
  note?: string;
  /** The cell shows an error (#REF!, #ERROR!, #NAME?). */
  err?: boolean;
  /** The value was spilled here by the formula in `from` (A1). */
  from?: string;
  /** The cell holds a KOC_… formula evaluated by the preview. */
  fx?: boolean;
  /** Right-aligned like Sheets' numbers and dates. */
  num?: boolean;
}

export interface ChartView {
  title: string;
  /** Row labels (tiers, top to bottom of the pyramid). */
  categories: string[];
  /** One series per stage (stacked), values per category. */
  series: { name: string; values: number[] }[];
  /** Where the data came from, for the caption. */
  source: string;
}

export interface SheetView {
  name: string;
  /** Rows and columns shown (at least the data; a few blank ones for typing). */
  rows: number;
  cols: number;
  /** The sheet's data size. */
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  /** Sparse: cells[row - 1][col - 1]; missing means blank. */
  cells: (CellView | null)[][];
  /** Rows not shown (the page shows the first ones). */
  hiddenRows: number;
  charts: ChartView[];
}

export type MenuEntry = { kind: 'item'; label: string; fn: string } | { kind: 'separator' };

export interface MenuView {
  title: string;
  entries: MenuEntry[];
}

export interface TriggerView {
  id: string;
  handler: string;
  /** A human description: "Every day at 6:00", "Every hour". */
  schedule: string;
}

export interface ToastView {
  seq: number;
  title: string;
  message: string;
}

export interface AlertView {
  title: string;
  prompt: string;
  /** Button names as Apps Script calls them: OK, CANCEL, YES, NO. */
  buttons: string[];
}

/** An HTML dialog a menu item opened (Ui.showModalDialog): its page, drawn in a sandboxed frame. */
export interface DialogView {
  title: string;
  html: string;
  width: number;
  height: number;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface StateView {
  version: number;
  sheets: { name: string; lastRow: number; lastColumn: number }[];
  activeSheet: string | null;
  menus: MenuView[];
  triggers: TriggerView[];
  /** The sidebar panel: open after a menu item called showSidebar. */
  sidebar: { open: boolean; title: string };
  toasts: ToastView[];
  notices: Notice[];
  workbookPath: string;
  /** The language of the page around the add-on (from --locale). */
  lang: 'en' | 'zh';
  /** The cell under the cursor on the active sheet (what the sidebar opens on), if any. */
  activeCell: { row: number; col: number } | null;
}

export interface ActionResult {
  ok: boolean;
  /** A message for the user when ok is false (the action changed nothing). */
  error?: string;
  /** Alerts the run showed (already answered). */
  alerts: AlertView[];
  /** HTML dialogs the run opened. */
  dialogs?: DialogView[];
  /** The run stopped at an alert that needs an answer: nothing was kept; answer and re-run. */
  pendingAlert?: AlertView;
  /** With pendingAlert: the answers so far (including OK for message-only alerts); send them back with the new one. */
  answers?: string[];
  /** Formula cells re-evaluated because of this action ("KOCs!AI2"). */
  recalculated: string[];
  /** Anything else worth a line in the page (import report, formula problems). */
  info?: string[];
  state: StateView;
}

export interface BadCellView {
  line: number;
  column: string;
  value: string;
  problem: string;
}

export interface ImportReportView {
  rows: number;
  matched: { header: string; column: string }[];
  unmatched: string[];
  duplicateColumns: string[];
  badCells: BadCellView[];
  duplicateIds: string[];
  warnings: string[];
  error?: string;
  /** After an import: rows added and updated. */
  added?: number;
  updated?: number;
}

export interface ImportResultView {
  ok: boolean;
  error?: string;
  report: ImportReportView;
  state: StateView;
}

/**
 * What "Set up workbook" must change, computed from what the workbook holds now. Pure: the server
 * reads the workbook once into a WorkbookState, asks for a plan, checks it against protections,
 * and only then writes. Nothing here deletes, moves or rewrites a cell that holds something: every
 * write lands in a new sheet, in columns right of the last used one, or in rows below the last.
 */
import { AS_OF_PATH, defaultSettingsRows, findSettingDef } from '../core/settings';
import { columnLetter, type HeaderMap, headerLang, mapHeaders, ownedIndexes } from './headers';
import { type ColumnDef, type Lang, label, normalizeHeader, type SheetDef, type SheetKey, SHEETS, sheetDef, sheetNames } from './schema';

/** 1-based rectangle, as Apps Script's getRange(row, column, numRows, numColumns). */
export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface ProtectionState {
  /** A whole-sheet protection, or one over `range`. */
  kind: 'sheet' | 'range';
  canEdit: boolean;
  warningOnly: boolean;
  range?: Rect;
  /** Ranges a sheet protection leaves editable. */
  unprotected?: Rect[];
}

export interface SheetState {
  name: string;
  /** getLastRow / getLastColumn: the extent of everything in the sheet, not only the header. */
  lastRow: number;
  lastColumn: number;
  /** Row 1 up to lastColumn. */
  header: unknown[];
  /** getMaxRows: formats and dropdowns of new columns reach the bottom of the sheet. */
  maxRows?: number;
  /** Every row up to lastRow, when the server read the whole sheet (Settings, demo targets). */
  values?: unknown[][];
  /** Read only for sheets the plan touches and computed sheets; undefined = not read. */
  protections?: ProtectionState[];
}

export interface WorkbookState {
  /** In tab order. */
  sheets: SheetState[];
  /** The KOC_WEIGHTS named range now, if any. */
  weightsRange?: { sheetName: string; rect: Rect } | null;
  /** The other named ranges setup keeps (KOC_SETTINGS, KOC_ASOF) as they are now; absent or null: none. */
  namedRanges?: Partial<Record<FormulaRangeName, { sheetName: string; rect: Rect } | null>>;
}

/**
 * The ranges formulas take as arguments (so Sheets re-runs them when these change): the whole
 * Settings table's Setting and Value columns, and the "As of" row's Value cell.
 */
export const SETTINGS_RANGE_NAME = 'KOC_SETTINGS';
export const AS_OF_RANGE_NAME = 'KOC_ASOF';
export type FormulaRangeName = typeof SETTINGS_RANGE_NAME | typeof AS_OF_RANGE_NAME;
export const FORMULA_RANGE_NAMES: readonly FormulaRangeName[] = [SETTINGS_RANGE_NAME, AS_OF_RANGE_NAME];

/** For each look-alike sheet: use it (rename it to our name) or create a new sheet beside it. */
export type LookalikeDecision = 'adopt' | 'create';

export interface PlanOptions {
  /** The user's language: names of new sheets, headers, dropdown labels. */
  lang: Lang;
  decisions?: Partial<Record<SheetKey, LookalikeDecision>>;
  /** Default Playbook rows in schema column order (Tier, Stage, Source, Action); filled into an empty Playbook. */
  playbookRows?: (lang: Lang) => unknown[][];
  /** Text of the Dashboard before the first recompute. */
  dashboardPlaceholder?: string;
  /** Description of the warning-only protection on computed sheets. */
  protectionDescription?: string;
}

export const WEIGHTS_RANGE_NAME = 'KOC_WEIGHTS';

/** Tab order of the sheets setup creates: the roster and its computed view first, settings last. */
export const SETUP_ORDER: readonly SheetKey[] = [
  'kocs',
  'echelon',
  'dashboard',
  'tasks',
  'assignments',
  'followups',
  'incidents',
  'history',
  'playbook',
  'settings',
];

export interface CellWrite extends Rect {
  values: unknown[][];
}

export interface NumberFormatStep {
  column: number;
  columns: number;
  format: string;
}

export interface ValidationStep {
  column: number;
  /** Dropdown labels in the header's language; other values are allowed with a warning. */
  values: string[];
}

export interface SheetPlan {
  key: SheetKey;
  def: SheetDef;
  /** The sheet's name after setup. */
  name: string;
  /** Present when setup inserts the sheet, at this 0-based tab index. */
  create?: { index: number };
  /** Present when a look-alike sheet is adopted: its current name. */
  renameFrom?: string;
  /** Language of the headers and labels setup writes into this sheet. */
  lang: Lang;
  /** The header row after setup, and its map. */
  header: unknown[];
  map: HeaderMap;
  /** Data rows before setup (lastRow - 1, never negative). */
  dataRows: number;
  writes: CellWrite[];
  /** Header cells setup wrote (to make bold); row 1. */
  headerCells?: { column: number; columns: number };
  freeze: boolean;
  /** Formats and dropdowns go from row 2 to the bottom of the sheet, only on columns setup adds. */
  formats: NumberFormatStep[];
  validations: ValidationStep[];
  protect?: { description: string };
  /** Columns appended at the end of an existing sheet. */
  appended: ColumnDef[];
  /** Settings rows appended (count). */
  settingsRowsAdded: number;
  playbookFilled: boolean;
  /** The team's own columns (kept, never written) and duplicate headers, for the summary. */
  extra: HeaderMap['extra'];
  duplicates: HeaderMap['duplicates'];
}

export interface Lookalike {
  key: SheetKey;
  /** The existing sheet that has most of this sheet's columns. */
  name: string;
  matched: number;
  total: number;
  /** The name adopting it would give it. */
  target: string;
}

export interface SetupPlan {
  lang: Lang;
  /** In SETUP_ORDER; sheets skipped for an undecided look-alike are absent. */
  sheets: SheetPlan[];
  /** Look-alikes awaiting a decision; their sheet is neither created nor adopted. */
  lookalikes: Lookalike[];
  /** Set or re-point KOC_WEIGHTS to this range. */
  weightsRange?: { sheetName: string; rect: Rect };
  /** Set or re-point these named ranges (missing, or no longer on their cells). */
  namedRanges: { name: FormulaRangeName; sheetName: string; rect: Rect }[];
  notes: PlanNote[];
}

/** Things the summary tells the user that are not changes. */
export type PlanNote =
  | { kind: 'weightsNotAdjacent' }
  | { kind: 'weightsSplit'; from: number; to: number }
  | { kind: 'lookalikeCreated'; lookalike: Lookalike };

/** True when applying the plan writes nothing at all. */
export function planIsEmpty(plan: SetupPlan): boolean {
  return !plan.weightsRange && plan.namedRanges.length === 0 && plan.sheets.every((s) => !sheetChanges(s));
}

export function sheetChanges(s: SheetPlan): boolean {
  return !!(s.create || s.renameFrom || s.writes.length || s.freeze || s.formats.length || s.validations.length || s.protect);
}

/** The sheet of the workbook that is this schema sheet, by name; the first when several match. */
export function matchSheets(state: WorkbookState): Partial<Record<SheetKey, SheetState>> {
  const found: Partial<Record<SheetKey, SheetState>> = {};
  for (const def of SHEETS) {
    const names = sheetNames(def);
    const sheet = state.sheets.find((s) => names.includes(normalizeHeader(s.name)));
    if (sheet) found[def.key] = sheet;
  }
  return found;
}

/**
 * A sheet under another name holding most of a missing sheet's columns is probably that sheet,
 * renamed ('KOC名册 (old)'): creating a second, empty one silently would split the team's data.
 */
export function findLookalikes(state: WorkbookState, found: Partial<Record<SheetKey, SheetState>>, lang: Lang): Lookalike[] {
  const ours = new Set(Object.values(found).map((s) => s!.name));
  const taken = new Set<string>();
  const out: Lookalike[] = [];
  for (const key of SETUP_ORDER) {
    const def = sheetDef(key);
    if (found[key] || def.columns.length === 0) continue;
    let best: Lookalike | undefined;
    for (const sheet of state.sheets) {
      if (ours.has(sheet.name) || taken.has(sheet.name)) continue;
      const map = mapHeaders(def, sheet.header);
      const matched = def.columns.length - map.missing.length;
      if (matched < Math.max(3, Math.ceil(def.columns.length * 0.6))) continue;
      if (!best || matched > best.matched)
        best = { key, name: sheet.name, matched, total: def.columns.length, target: label(def, headerLang(def, sheet.header, lang)) };
    }
    if (best) {
      taken.add(best.name);
      out.push(best);
    }
  }
  return out;
}


export function planSetup(state: WorkbookState, opts: PlanOptions): SetupPlan {
  const lang = opts.lang;
  const found = matchSheets(state);
  const lookalikes: Lookalike[] = [];
  const notes: PlanNote[] = [];
  // Adopted look-alikes become existing sheets; undecided ones are skipped (and reported).
  const adopted: Partial<Record<SheetKey, string>> = {};
  const skipped = new Set<SheetKey>();
  for (const look of findLookalikes(state, found, lang)) {
    const decision = opts.decisions?.[look.key];
    if (decision === 'adopt') {
      found[look.key] = state.sheets.find((s) => s.name === look.name);
      adopted[look.key] = look.name;
    } else if (decision === 'create') notes.push({ kind: 'lookalikeCreated', lookalike: look });
    else {
      lookalikes.push(look);
      skipped.add(look.key);
    }
  }

  // Tab positions: each new sheet goes beside its neighbours in SETUP_ORDER; the team's sheets stay put.
  const tabs = state.sheets.map((s) => s.name);
  const created = new Map<SheetKey, string>();
  const nameOf = (key: SheetKey): string | undefined => found[key]?.name ?? created.get(key);

  const sheets: SheetPlan[] = [];
  for (const key of SETUP_ORDER) {
    if (skipped.has(key)) continue;
    const def = sheetDef(key);
    const existing = found[key];
    if (existing) {
      sheets.push(planExisting(def, existing, lang, opts, adopted[key]));
      continue;
    }
    const name = uniqueName(label(def, lang), tabs);
    const index = insertIndex(key, tabs, nameOf);
    tabs.splice(index, 0, name);
    created.set(key, name);
    sheets.push(planNew(def, name, index, lang, opts));
  }

  const settings = sheets.find((s) => s.key === 'settings');
  const weights = settings ? weightsRect(settings, state) : undefined;
  let weightsRange: SetupPlan['weightsRange'];
  if (weights && 'rect' in weights) {
    const now = state.weightsRange;
    const same = now && now.sheetName === settings!.name && sameRect(now.rect, weights.rect);
    if (!same) weightsRange = { sheetName: settings!.name, rect: weights.rect };
    if (weights.split) notes.push({ kind: 'weightsSplit', from: weights.rect.row, to: weights.rect.row + weights.rect.rows - 1 });
  } else if (weights) notes.push(weights);

  const namedRanges: SetupPlan['namedRanges'] = [];
  if (settings)
    for (const [name, rect] of Object.entries(formulaRangeRects(settings, state)) as [FormulaRangeName, Rect][]) {
      const now = state.namedRanges?.[name];
      if (!now || now.sheetName !== settings.name || !sameRect(now.rect, rect)) namedRanges.push({ name, sheetName: settings.name, rect });
    }

  return { lang, sheets, lookalikes, weightsRange, namedRanges, notes };
}

function uniqueName(name: string, tabs: readonly string[]): string {
  let candidate = name;
  for (let i = 2; tabs.includes(candidate); i++) candidate = `${name} ${i}`;
  return candidate;
}

function insertIndex(key: SheetKey, tabs: readonly string[], nameOf: (k: SheetKey) => string | undefined): number {
  const at = SETUP_ORDER.indexOf(key);
  for (let i = at - 1; i >= 0; i--) {
    const name = nameOf(SETUP_ORDER[i]);
    if (name !== undefined && tabs.includes(name)) return tabs.indexOf(name) + 1;
  }
  for (let i = at + 1; i < SETUP_ORDER.length; i++) {
    const name = nameOf(SETUP_ORDER[i]);
    if (name !== undefined && tabs.includes(name)) return tabs.indexOf(name);
  }
  return 0;
}

function headerOf(def: SheetDef, lang: Lang): string[] {
  return def.columns.map((c) => label(c, lang));
}

function planNew(def: SheetDef, name: string, index: number, lang: Lang, opts: PlanOptions): SheetPlan {
  const header = headerOf(def, lang);
  const map = mapHeaders(def, header);
  let body: unknown[][] = [];
  let playbookFilled = false;
  if (def.key === 'settings') body = defaultSettingsRows(lang);
  if (def.key === 'playbook' && opts.playbookRows) {
    body = opts.playbookRows(lang);
    playbookFilled = body.length > 0;
  }
  const writes: CellWrite[] = [];
  if (def.columns.length) writes.push(grid(1, 1, [header, ...body.map((r) => padRow(r, header.length))]));
  else if (def.key === 'dashboard' && opts.dashboardPlaceholder) writes.push(grid(1, 1, [[opts.dashboardPlaceholder]]));
  return {
    key: def.key,
    def,
    name,
    create: { index },
    lang,
    header,
    map,
    dataRows: 0,
    writes,
    headerCells: def.columns.length ? { column: 1, columns: header.length } : undefined,
    freeze: def.columns.length > 0,
    formats: formatSteps(def.columns, 1),
    validations: def.computed ? [] : validationSteps(def.columns, 1, lang),
    protect: def.computed ? { description: opts.protectionDescription ?? '' } : undefined,
    appended: [],
    settingsRowsAdded: def.key === 'settings' ? body.length : 0,
    playbookFilled,
    extra: [],
    duplicates: [],
  };
}

function planExisting(def: SheetDef, sheet: SheetState, lang: Lang, opts: PlanOptions, renameFrom?: string): SheetPlan {
  const sheetLang = headerLang(def, sheet.header, lang);
  const before = mapHeaders(def, sheet.header);
  const blank = sheet.lastRow === 0 && sheet.lastColumn === 0;
  // New columns go right of everything in the sheet (getLastColumn), so no cell of the team's moves or is overwritten.
  const start = sheet.lastColumn + 1;
  const appended = before.missing;
  const header: unknown[] = [...sheet.header];
  while (header.length < sheet.lastColumn) header.push('');
  header.push(...appended.map((c) => label(c, sheetLang)));
  const map = mapHeaders(def, header);
  const writes: CellWrite[] = [];
  if (appended.length) writes.push(grid(1, start, [appended.map((c) => label(c, sheetLang))]));

  let settingsRowsAdded = 0;
  if (def.key === 'settings') {
    const rows = missingSettingsRows(sheet, map, sheetLang);
    if (rows.length) {
      settingsRowsAdded = rows.length;
      writes.push(rowsAt(def, Math.max(sheet.lastRow, 1) + 1, map, rows));
    }
  }
  let playbookFilled = false;
  if (def.key === 'playbook' && opts.playbookRows && sheet.lastRow <= 1) {
    // An empty playbook is useless to recompute; fill the defaults. A team's own rows are never replaced.
    const rows = opts.playbookRows(sheetLang);
    if (rows.length) {
      playbookFilled = true;
      writes.push(rowsAt(def, 2, map, rows));
    }
  }
  let protect: SheetPlan['protect'];
  if (def.computed && sheet.protections && !sheet.protections.some((p) => p.kind === 'sheet'))
    protect = { description: opts.protectionDescription ?? '' };

  return {
    key: def.key,
    def,
    name: renameFrom ? label(def, sheetLang) : sheet.name,
    renameFrom,
    lang: sheetLang,
    header,
    map,
    dataRows: Math.max(0, sheet.lastRow - 1),
    writes,
    headerCells: appended.length ? { column: start, columns: appended.length } : undefined,
    // A sheet that was blank is set up as if new; an existing layout keeps the team's choices.
    freeze: blank && def.columns.length > 0,
    formats: formatSteps(appended, start),
    validations: def.computed ? [] : validationSteps(appended, start, sheetLang),
    protect,
    appended,
    settingsRowsAdded,
    playbookFilled,
    // The Dashboard is a laid-out report, not a table: its cells are nobody's "own columns".
    extra: def.columns.length ? before.extra : [],
    duplicates: before.duplicates,
  };
}

/** Default Settings rows the sheet lacks (matched by label in either language), laid out as [setting, value, notes]. */
function missingSettingsRows(sheet: SheetState, map: HeaderMap, lang: Lang): unknown[][] {
  const at = map.index.setting;
  const present = new Set<string>();
  if (at !== undefined && at < sheet.header.length)
    for (const row of (sheet.values ?? []).slice(1)) {
      const d = findSettingDef(row[at]);
      if (d) present.add(d.en);
    }
  const rows = defaultSettingsRows(lang);
  const enRows = defaultSettingsRows('en');
  return rows.filter((_, i) => !present.has(String(enRows[i][0])));
}

/** Rows in schema column order placed into the sheet's columns, from column 1 to the last owned one. */
function rowsAt(def: SheetDef, row: number, map: HeaderMap, rows: readonly (readonly unknown[])[]): CellWrite {
  const width = Math.max(...ownedIndexes(map)) + 1;
  return grid(
    row,
    1,
    rows.map((r) => {
      const out: unknown[] = new Array(width).fill('');
      def.columns.forEach((col, src) => {
        const i = map.index[col.key];
        if (i !== undefined) out[i] = r[src] ?? '';
      });
      return out;
    }),
  );
}

function grid(row: number, column: number, values: unknown[][]): CellWrite {
  return { row, column, rows: values.length, columns: values[0]?.length ?? 0, values };
}

function padRow(row: readonly unknown[], width: number): unknown[] {
  const out = row.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

/** Adjacent columns sharing a number format become one step (one setNumberFormat call). */
export function formatSteps(columns: readonly ColumnDef[], start: number): NumberFormatStep[] {
  const steps: NumberFormatStep[] = [];
  columns.forEach((col, i) => {
    if (!col.format) return;
    const last = steps[steps.length - 1];
    if (last && last.format === col.format && last.column + last.columns === start + i) last.columns++;
    else steps.push({ column: start + i, columns: 1, format: col.format });
  });
  return steps;
}

export function validationSteps(columns: readonly ColumnDef[], start: number, lang: Lang): ValidationStep[] {
  const steps: ValidationStep[] = [];
  columns.forEach((col, i) => {
    if (col.type === 'enum' && col.values) steps.push({ column: start + i, values: col.values.map((v) => label(v, lang)) });
  });
  return steps;
}

/**
 * KOC_WEIGHTS covers the weight rows' Setting and Value cells after setup. The rows are found by
 * label, so a team that moved them gets the range re-pointed.
 */
function weightsRect(
  settings: SheetPlan,
  state: WorkbookState,
): { rect: Rect; split: boolean } | { kind: 'weightsNotAdjacent' } | undefined {
  const s = settings.map.index.setting;
  const v = settings.map.index.value;
  if (s === undefined || v === undefined) return undefined;
  if (v !== s + 1) return { kind: 'weightsNotAdjacent' };
  const labels = settingsLabels(settings, state, s);
  const rows: number[] = [];
  labels.forEach((l, i) => {
    if (findSettingDef(l)?.path.startsWith('weights.')) rows.push(i + 2);
  });
  if (!rows.length) return undefined;
  const from = rows[0];
  const to = rows[rows.length - 1];
  return { rect: { row: from, column: s + 1, rows: to - from + 1, columns: 2 }, split: to - from + 1 !== rows.length };
}

/** The Setting column of every Settings row after setup, from row 2 down. */
function settingsLabels(settings: SheetPlan, state: WorkbookState, s: number): unknown[] {
  const labels: unknown[] = [];
  if (settings.create) {
    // New sheet: the rows are those written below the header.
    for (const r of settings.writes[0]?.values.slice(1) ?? []) labels.push(r[s]);
  } else {
    const sheet = state.sheets.find((x) => x.name === (settings.renameFrom ?? settings.name));
    for (const r of (sheet?.values ?? []).slice(1)) labels.push(r[s]);
    while (labels.length < settings.dataRows) labels.push('');
    const added = settings.writes.find((w) => w.row > 1);
    for (const r of added?.values ?? []) labels.push(r[s]);
  }
  return labels;
}

/**
 * KOC_SETTINGS: the Setting and Value columns from row 2 to the bottom of the sheet, so a row a
 * team adds below is read too. KOC_ASOF: the Value cell of the "As of" row, found by label.
 * None when the two columns are not side by side (the weights note says so).
 */
function formulaRangeRects(settings: SheetPlan, state: WorkbookState): Partial<Record<FormulaRangeName, Rect>> {
  const s = settings.map.index.setting;
  const v = settings.map.index.value;
  if (s === undefined || v === undefined || v !== s + 1) return {};
  const labels = settingsLabels(settings, state, s);
  const sheet = state.sheets.find((x) => x.name === (settings.renameFrom ?? settings.name));
  const bottom = Math.max(settings.create ? NEW_SHEET_ROWS : (sheet?.maxRows ?? NEW_SHEET_ROWS), labels.length + 1);
  const out: Partial<Record<FormulaRangeName, Rect>> = { [SETTINGS_RANGE_NAME]: { row: 2, column: s + 1, rows: bottom - 1, columns: 2 } };
  const asOf = labels.findIndex((l) => findSettingDef(l)?.path === AS_OF_PATH);
  if (asOf >= 0) out[AS_OF_RANGE_NAME] = { row: asOf + 2, column: v + 1, rows: 1, columns: 1 };
  return out;
}

/** Rows of a sheet Sheets inserts. */
const NEW_SHEET_ROWS = 1000;

function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.column === b.column && a.rows === b.rows && a.columns === b.columns;
}

/** 'A3:B9' for messages. */
export function a1(rect: Rect): string {
  const tl = `${columnLetter(rect.column - 1)}${rect.row}`;
  const br = `${columnLetter(rect.column + rect.columns - 2)}${rect.row + rect.rows - 1}`;
  return rect.rows === 1 && rect.columns === 1 ? tl : `${tl}:${br}`;
}

/** Every rectangle a sheet plan writes to, formats and dropdowns included (rows 2..maxRows). */
export function touchedRects(s: SheetPlan, maxRows: number): Rect[] {
  const rects: Rect[] = s.writes.map(({ row, column, rows, columns }) => ({ row, column, rows, columns }));
  const below = Math.max(1, maxRows - 1);
  for (const f of s.formats) rects.push({ row: 2, column: f.column, rows: below, columns: f.columns });
  for (const v of s.validations) rects.push({ row: 2, column: v.column, rows: below, columns: 1 });
  return rects;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

/**
 * Sheets setup must change but the user cannot edit. A warning-only protection is no obstacle
 * (scripts write through it); a range protection blocks only where it overlaps a write, a sheet
 * protection only outside the ranges it leaves unprotected.
 */
export function blockedSheets(plan: SetupPlan, state: WorkbookState, extra: readonly { name: string; rects: Rect[] }[] = []): string[] {
  const blocked: string[] = [];
  const check = (name: string, rects: Rect[], renaming: boolean) => {
    const sheet = state.sheets.find((x) => x.name === name);
    const locks = (sheet?.protections ?? []).filter((p) => !p.canEdit && !p.warningOnly);
    const hit = locks.some((p) => {
      if (renaming) return true;
      if (p.kind === 'range') return !!p.range && rects.some((r) => overlaps(r, p.range!));
      return rects.some((r) => !(p.unprotected ?? []).some((u) => contains(u, r)));
    });
    if (hit && !blocked.includes(name)) blocked.push(name);
  };
  for (const s of plan.sheets) {
    if (s.create || !sheetChanges(s)) continue;
    const name = s.renameFrom ?? s.name;
    const sheet = state.sheets.find((x) => x.name === name);
    check(name, touchedRects(s, sheet?.maxRows ?? 1000), !!s.renameFrom);
  }
  for (const e of extra) check(e.name, e.rects, false);
  return blocked;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.column + inner.columns <= outer.column + outer.columns
  );
}

/** Sheets whose protections the plan needs: existing ones it writes to, and computed ones (to protect them if bare). */
export function sheetsToInspect(plan: SetupPlan, extra: readonly SheetKey[] = []): string[] {
  return plan.sheets
    .filter((s) => !s.create && (sheetChanges(s) || s.def.computed || extra.includes(s.key)))
    .map((s) => s.renameFrom ?? s.name);
}


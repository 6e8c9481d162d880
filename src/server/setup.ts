/**
 * KOC Ops → Set up workbook, and KOC Ops → Load demo data. Reads the workbook once, plans every
 * change in pure code (src/sheets/setup-plan.ts), refuses before writing anything when a sheet it
 * must change is protected against this user, then writes in batches — and undoes what it wrote
 * if a write fails halfway. A second run on a set-up workbook writes nothing.
 */
import { DEMO_SHEETS, type DemoSheetKey, demoWorkbook } from '../core/demo';
import { defaultPlaybookRows } from '../core/playbook';
import { t, type TextKey } from '../core/text';
import { columnLetter, mappedColumns, mapHeaders } from '../sheets/headers';
import { type Lang, label, type SheetKey, SHEETS, sheetDef } from '../sheets/schema';
import {
  a1,
  blockedSheets,
  type Lookalike,
  type LookalikeDecision,
  matchSheets,
  planIsEmpty,
  planSetup,
  type ProtectionState,
  type Rect,
  type SetupPlan,
  type SheetPlan,
  type SheetState,
  sheetChanges,
  sheetsToInspect,
  WEIGHTS_RANGE_NAME,
  AS_OF_RANGE_NAME,
  FORMULA_RANGE_NAMES,
  type WorkbookState,
} from '../sheets/setup-plan';
import { liftFilter, MergedCellsError, refuseMerges } from '../sheets/sheet-layout';
import { settingsFromTable } from '../sheets/table';
import { errorText, writeForm, Writes } from '../sheets/writes';
import { refreshAsOf_ } from './asof';
import { countDaysAsSheetShows_, dropdown_, hasUi_, LockBusyError, localeLang_, notify_, withDocumentLock_, workbookLang_ } from './context';
import { menuItem, type PublicFunction } from './registry-types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Sheets whose data rows the demo replaces (Echelon and History are emptied for the next recompute). */
const DEMO_CLEARED: readonly SheetKey[] = ['echelon', 'history'];

interface Read {
  state: WorkbookState;
  byName: Map<string, Sheet>;
  lang: Lang;
}

/** Answers the user gave in a dialog, carried into the locked pass that acts on them. */
interface Answers {
  decisions: Partial<Record<SheetKey, LookalikeDecision>>;
  /** Look-alikes already asked about (an unanswered one stays skipped). */
  asked: boolean;
  demoConfirmed?: boolean;
}

type Outcome = { message: string; lang: Lang } | { ask: { lookalikes: Lookalike[]; confirmDemo: boolean }; lang: Lang };

// ---------------------------------------------------------------- reading

/**
 * The workbook as the planner needs it. Schema sheets: extent and header row (the whole sheet for
 * Settings and `full` sheets); the team's other sheets only when a schema sheet is missing (to spot
 * a renamed one). One getValues per sheet.
 */
export function readWorkbook_(ss: Spreadsheet, full: readonly SheetKey[] = []): Read {
  const sheets = ss.getSheets();
  const byName = new Map<string, Sheet>();
  const states: SheetState[] = sheets.map((sheet) => {
    const name = sheet.getName();
    byName.set(name, sheet);
    return { name, lastRow: 0, lastColumn: 0, header: [] };
  });
  const found = matchSheets({ sheets: states });
  const ours = new Map<string, SheetKey>();
  for (const [key, s] of Object.entries(found)) ours.set(s!.name, key as SheetKey);
  const someMissing = Object.keys(found).length < SHEETS.length;
  for (const s of states) {
    const key = ours.get(s.name);
    if (!key && !someMissing) continue;
    const sheet = byName.get(s.name)!;
    s.lastRow = sheet.getLastRow();
    s.lastColumn = sheet.getLastColumn();
    if (key) s.maxRows = sheet.getMaxRows();
    if (s.lastColumn === 0) continue;
    const whole = key === 'settings' || (key !== undefined && full.includes(key));
    if (whole && s.lastRow > 0) {
      s.values = sheet.getRange(1, 1, s.lastRow, s.lastColumn).getValues();
      s.header = s.values[0];
    } else s.header = sheet.getRange(1, 1, 1, s.lastColumn).getValues()[0];
  }
  // The workbook's language decides everything setup writes: Settings → Language, else (a new
  // workbook, or auto) the spreadsheet's locale; new Settings rows store it for every later run.
  const settings = found.settings;
  const map = settings ? mapHeaders(sheetDef('settings'), settings.header) : undefined;
  const { settings: parsed } = settingsFromTable(settings && map ? { map, rows: (settings.values ?? []).slice(1) } : undefined);
  const lang = workbookLang_(ss, parsed);
  const where = (name: string) => {
    const named = ss.getRangeByName(name);
    return named ? { sheetName: named.getSheet().getName(), rect: rectOf(named) } : null;
  };
  const weightsRange = where(WEIGHTS_RANGE_NAME);
  const namedRanges = Object.fromEntries(FORMULA_RANGE_NAMES.map((name) => [name, where(name)]));
  return { state: { sheets: states, weightsRange, namedRanges }, byName, lang };
}

function rectOf(range: GoogleAppsScript.Spreadsheet.Range): Rect {
  return { row: range.getRow(), column: range.getColumn(), rows: range.getNumRows(), columns: range.getNumColumns() };
}

/** Sheet and range protections of the named sheets (only those the plan touches). */
function readProtections_(read: Read, names: readonly string[]): void {
  for (const name of names) {
    const s = read.state.sheets.find((x) => x.name === name);
    const sheet = read.byName.get(name);
    if (!s || !sheet || s.protections) continue;
    const list: ProtectionState[] = [];
    for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET))
      list.push({ kind: 'sheet', canEdit: p.canEdit(), warningOnly: p.isWarningOnly(), unprotected: p.getUnprotectedRanges().map(rectOf) });
    for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
      const warningOnly = p.isWarningOnly();
      const canEdit = p.canEdit();
      list.push({ kind: 'range', canEdit, warningOnly, range: canEdit || warningOnly ? undefined : rectOf(p.getRange()) });
    }
    s.protections = list;
  }
}

/** Plan, then read the protections the plan needs and plan again with them (pure, cheap). */
function plan_(read: Read, answers: Answers, inspectAlso: readonly SheetKey[] = []): SetupPlan {
  const opts = {
    lang: read.lang,
    decisions: answers.decisions,
    playbookRows: defaultPlaybookRows,
    dashboardPlaceholder: t('dashboardPlaceholder', read.lang),
    protectionDescription: t('computedSheet', read.lang),
  };
  const first = planSetup(read.state, opts);
  readProtections_(read, sheetsToInspect(first, inspectAlso));
  return planSetup(read.state, opts);
}

// ---------------------------------------------------------------- writing

function applySheet_(ss: Spreadsheet, read: Read, s: SheetPlan, w: Writes): Sheet {
  if (!sheetChanges(s)) return read.byName.get(s.name)!;
  let sheet: Sheet;
  if (s.create) {
    sheet = ss.insertSheet(s.name, s.create.index);
    const made = sheet;
    w.done(() => ss.deleteSheet(made));
  } else {
    sheet = read.byName.get(s.renameFrom ?? s.name)!;
    if (s.renameFrom) {
      const from = s.renameFrom;
      sheet.setName(s.name);
      w.done(() => sheet.setName(from));
    }
  }
  const right = Math.max(0, ...s.writes.map((w) => w.column + w.columns - 1), ...s.formats.map((f) => f.column + f.columns - 1), ...s.validations.map((v) => v.column));
  const bottom = Math.max(0, ...s.writes.map((w) => w.row + w.rows - 1));
  // Freezing the header row needs a row below it (Sheets cannot freeze every row).
  const rows = s.freeze ? Math.max(bottom, 2) : bottom;
  if (right || rows) w.ensureSize(sheet, rows, right, false);
  // An existing sheet's merged cells where setup writes, or across the header row it freezes: refused.
  if (!s.create) refuseMerges(sheet, s.writes.map((c) => ({ row: c.row, column: c.column, rows: c.rows, columns: c.columns })), s.freeze ? 1 : 0);
  // Every write of an existing sheet lands in cells that were empty: undo blanks them again.
  for (const cells of s.writes) w.setValues(sheet, cells.row, cells.column, cells.values.map((row) => row.slice()));
  if (s.headerCells) sheet.getRange(1, s.headerCells.column, 1, s.headerCells.columns).setFontWeight('bold');
  if (s.freeze) {
    const was = s.create ? 0 : sheet.getFrozenRows();
    sheet.setFrozenRows(1);
    if (!s.create) w.done(() => sheet.setFrozenRows(was));
  }
  const below = sheet.getMaxRows() - 1;
  if (below > 0) {
    for (const f of s.formats) sheet.getRange(2, f.column, below, f.columns).setNumberFormat(f.format);
    for (const v of s.validations) sheet.getRange(2, v.column, below, 1).setDataValidation(dropdown_(v.values, s.lang));
  }
  if (s.protect) {
    const p = sheet.protect().setDescription(s.protect.description).setWarningOnly(true);
    if (!s.create) w.done(() => p.remove());
  }
  return sheet;
}

function applyPlan_(ss: Spreadsheet, read: Read, plan: SetupPlan, w: Writes): Map<SheetKey, Sheet> {
  const sheets = new Map<SheetKey, Sheet>();
  for (const s of plan.sheets) sheets.set(s.key, applySheet_(ss, read, s, w));
  const named = [...(plan.weightsRange ? [{ name: WEIGHTS_RANGE_NAME, ...plan.weightsRange }] : []), ...plan.namedRanges];
  for (const n of named) {
    const range = sheets.get('settings')!.getRange(n.rect.row, n.rect.column, n.rect.rows, n.rect.columns);
    const existing = ss.getNamedRanges().filter((x) => x.getName() === n.name)[0];
    if (existing) {
      const before = existing.getRange();
      existing.setRange(range);
      w.done(() => existing.setRange(before));
    } else {
      ss.setNamedRange(n.name, range);
      w.done(() => ss.removeNamedRange(n.name));
    }
    if (n.name === AS_OF_RANGE_NAME) range.setNumberFormat('yyyy-mm-dd');
  }
  // The day formulas count to: today, from the first setup on (a blank KOC_ASOF is a wrong call).
  if (plan.sheets.some((s) => s.key === 'settings')) {
    countDaysAsSheetShows_(ss);
    const undoDay = refreshAsOf_(ss, new Date());
    if (undoDay) w.done(undoDay);
  }
  if (plan.sheets.some((s) => s.key === 'kocs' && s.create)) ss.setActiveSheet(sheets.get('kocs')!);
  return sheets;
}

/** Contiguous runs of the sheet's owned columns (0-based): the demo writes these and nothing else. */
function ownedRuns(s: SheetPlan): { start: number; keys: string[] }[] {
  const at = mappedColumns(s.map);
  const runs: { start: number; keys: string[] }[] = [];
  for (const [key, i] of at) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.keys.length === i) last.keys.push(key);
    else runs.push({ start: i, keys: [key] });
  }
  return runs;
}

/**
 * Replace a table's data rows with records, one setValues per run of owned columns (one for a
 * standard layout). The team's own columns are not touched (docs/ARCHITECTURE.md, "Who owns which cells"); rows beyond the records are
 * blanked in the owned columns only.
 */
function replaceRows_(sheet: Sheet, s: SheetPlan, before: SheetState | undefined, records: readonly Record<string, unknown>[], w: Writes): void {
  const rows = Math.max(records.length, s.dataRows);
  if (rows === 0) return;
  const runs = ownedRuns(s);
  w.ensureSize(sheet, rows + 1, Math.max(...runs.map((r) => r.start + r.keys.length)), false);
  refuseMerges(sheet, runs.map((r) => ({ row: 2, column: r.start + 1, rows, columns: r.keys.length })));
  const putBackFilter = liftFilter(w, sheet);
  const old = (before?.values ?? []).slice(1);
  for (const run of runs) {
    const values: unknown[][] = [];
    for (let i = 0; i < rows; i++) {
      const rec = records[i];
      values.push(run.keys.map((k) => (rec ? rec[k] : '')));
    }
    const was = () => writeForm(values.map((_, i) => run.keys.map((_k, j) => old[i]?.[run.start + j] ?? '')));
    w.setValues(sheet, 2, run.start + 1, values, was);
  }
  putBackFilter?.(rows + 1);
}

// ---------------------------------------------------------------- messages

function list_(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** What setup did and what the user should know, one line each. */
export function summarize(plan: SetupPlan, lang: Lang): string[] {
  const lines: string[] = [];
  const created = plan.sheets.filter((s) => s.create).map((s) => s.name);
  if (created.length) lines.push(t('setupCreated', lang, { list: list_(created, lang) }));
  for (const s of plan.sheets) {
    if (s.renameFrom) lines.push(t('setupRenamed', lang, { from: s.renameFrom, to: s.name }));
    if (!s.create && s.appended.length) lines.push(t('setupColumnsAdded', lang, { sheet: s.name, list: list_(s.appended.map((c) => label(c, s.lang)), lang) }));
    if (!s.create && s.settingsRowsAdded) lines.push(t('setupRowsAdded', lang, { sheet: s.name, count: s.settingsRowsAdded }));
    if (!s.create && s.playbookFilled) lines.push(t('setupPlaybookFilled', lang, { sheet: s.name }));
  }
  const protectedNow = plan.sheets.filter((s) => s.protect).map((s) => s.name);
  if (protectedNow.length) lines.push(t('setupProtected', lang, { list: list_(protectedNow, lang) }));
  if (plan.weightsRange) lines.push(t('setupWeights', lang, { range: `${plan.weightsRange.sheetName}!${a1(plan.weightsRange.rect)}` }));
  for (const n of plan.namedRanges) lines.push(t('setupNamedRange', lang, { name: n.name, range: `${n.sheetName}!${a1(n.rect)}` }));
  const settingsName = plan.sheets.find((s) => s.key === 'settings')?.name ?? '';
  for (const n of plan.notes) {
    if (n.kind === 'weightsNotAdjacent') lines.push(t('setupWeightsNotAdjacent', lang, { sheet: settingsName }));
    else if (n.kind === 'weightsSplit') lines.push(t('setupWeightsSplit', lang, { sheet: settingsName, from: n.from, to: n.to }));
    else lines.push(t('setupLookalikeCreated', lang, { sheet: lookalikeSheet(n.lookalike, lang), name: n.lookalike.name }));
  }
  for (const look of plan.lookalikes) lines.push(t('setupLookalikeSkipped', lang, lookalikeVars(look, lang)));
  for (const s of plan.sheets) {
    for (const d of s.duplicates)
      lines.push(t('setupDuplicate', lang, { sheet: s.name, column: label(d.column, s.lang), columns: list_(d.indexes.map(columnLetter), lang), first: columnLetter(d.indexes[0]) }));
    if (s.extra.length) lines.push(t('setupOwnColumns', lang, { sheet: s.name, list: list_(s.extra.map((e) => `${e.header.trim()} (${columnLetter(e.index)})`), lang) }));
  }
  return lines;
}

function lookalikeSheet(look: Lookalike, lang: Lang): string {
  return label(sheetDef(look.key), lang);
}

function lookalikeVars(look: Lookalike, lang: Lang): Record<string, string | number> {
  return { name: look.name, matched: look.matched, total: look.total, sheet: lookalikeSheet(look, lang), target: look.target };
}

/** An alert when someone is looking; a toast (or the log) otherwise. Never a stack trace. */
function show_(title: TextKey, message: string, lang: Lang): void {
  if (hasUi_()) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(t(title, lang), message, ui.ButtonSet.OK);
  } else notify_(message, t(title, lang));
}


// ---------------------------------------------------------------- the two menu items

/**
 * One locked pass: read, plan, apply (and load the demo). Questions for the user are returned,
 * not asked, so no dialog waits while the document lock is held.
 */
function pass_(ss: Spreadsheet, answers: Answers, demo: boolean): Outcome {
  const targets: SheetKey[] = demo ? [...DEMO_SHEETS, ...DEMO_CLEARED] : [];
  const read = readWorkbook_(ss, targets);
  // Cells in the workbook's language; what the user reads in theirs.
  const lang = localeLang_();
  const plan = plan_(read, answers, targets);
  const ui = hasUi_();
  const hasData = demo && plan.sheets.some((s) => (DEMO_SHEETS as readonly SheetKey[]).includes(s.key) && !s.create && s.dataRows > 0);
  const askLooks = ui && !answers.asked && plan.lookalikes.length > 0;
  const askDemo = ui && hasData && answers.demoConfirmed === undefined;
  if (askLooks || askDemo) return { ask: { lookalikes: askLooks ? plan.lookalikes : [], confirmDemo: askDemo }, lang };
  if (demo && hasData && !answers.demoConfirmed) return { message: ui ? t('cancelled', lang) : t('demoNeedsConfirm', lang), lang };

  // The demo also writes the data rows of existing sheets: those must be editable too.
  if (demo) countDaysAsSheetShows_(ss);
  const wb = demo ? demoWorkbook(new Date(), read.lang) : undefined;
  const recordsOf = (key: SheetKey) => (wb && (DEMO_SHEETS as readonly SheetKey[]).includes(key) ? wb[key as DemoSheetKey] : []);
  const extra = plan.sheets
    .filter((s) => targets.includes(s.key) && !s.create)
    .map((s) => ({
      name: s.renameFrom ?? s.name,
      rects: ownedRuns(s).map((r) => ({ row: 2, column: r.start + 1, rows: Math.max(1, s.dataRows, recordsOf(s.key).length), columns: r.keys.length })),
    }));
  const blocked = blockedSheets(plan, read.state, extra);
  if (blocked.length) return { message: [...blocked.map((name) => t('protectedSheet', lang, { name })), t('nothingChanged', lang)].join('\n'), lang };

  const w = new Writes();
  try {
    const sheets = applyPlan_(ss, read, plan, w);
    const lines = summarize(plan, lang);
    if (!demo) return { message: (planIsEmpty(plan) ? [t('setupNothing', lang), ...lines] : lines).join('\n'), lang };

    const skipped = DEMO_SHEETS.find((k) => !sheets.has(k));
    if (skipped) return { message: [...lines, t('demoSkipped', lang, { sheet: label(sheetDef(skipped), lang) })].join('\n'), lang };
    const counts: string[] = [];
    for (const key of targets) {
      const s = plan.sheets.find((x) => x.key === key);
      const sheet = sheets.get(key);
      if (!s || !sheet) continue;
      const before = read.state.sheets.find((x) => x.name === (s.renameFrom ?? s.name));
      const records = recordsOf(key);
      replaceRows_(sheet, s, s.create ? undefined : before, records, w);
      if (records.length) counts.push(`${s.name} ${records.length}`);
    }
    return { message: [t('demoLoaded', lang, { counts: list_(counts, lang) }), t('demoNext', lang), ...(planIsEmpty(plan) ? [] : lines)].join('\n'), lang };
  } catch (e) {
    const clean = w.undo();
    if (e instanceof MergedCellsError && clean) return { message: t('mergedCells', lang, { name: e.sheet, range: e.cells }), lang };
    return { message: [t('failed', lang, { message: errorText(e) }), clean ? t('nothingChanged', lang) : ''].filter(Boolean).join('\n'), lang };
  }
}

/** Ask the questions a pass returned; undefined when the user cancelled. */
function ask_(q: { lookalikes: Lookalike[]; confirmDemo: boolean }, lang: Lang, answers: Answers): Answers | undefined {
  const ui = SpreadsheetApp.getUi();
  const next: Answers = { ...answers, decisions: { ...answers.decisions } };
  if (q.confirmDemo) {
    if (ui.alert(t('demoTitle', lang), t('demoConfirm', lang), ui.ButtonSet.YES_NO) !== ui.Button.YES) return undefined;
    next.demoConfirmed = true;
  }
  if (q.lookalikes.length) {
    next.asked = true;
    for (const look of q.lookalikes) {
      const answer = ui.alert(t('setupTitle', lang), t('setupLookalikeAsk', lang, lookalikeVars(look, lang)), ui.ButtonSet.YES_NO_CANCEL);
      if (answer === ui.Button.YES) next.decisions[look.key] = 'adopt';
      else if (answer === ui.Button.NO) next.decisions[look.key] = 'create';
      else return undefined;
    }
  }
  return next;
}

function run_(demo: boolean): void {
  const title: TextKey = demo ? 'demoTitle' : 'setupTitle';
  let lang = localeLang_();
  // What to tell the user; once a pass has written, nothing after it turns that into a failure.
  let outcome: { message: string; lang: Lang } | null = null;
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    let answers: Answers = { decisions: {}, asked: false };
    // At most two passes: the second acts on the answers (and asks nothing more).
    for (let i = 0; i < 2 && !outcome; i++) {
      const out = withDocumentLock_(lang, () => pass_(ss, answers, demo));
      if ('message' in out) {
        outcome = out;
        break;
      }
      lang = out.lang;
      const next = ask_(out.ask, lang, answers);
      if (!next) outcome = { message: t('cancelled', lang), lang };
      else answers = { ...next, asked: true, demoConfirmed: next.demoConfirmed ?? false };
    }
    // A second pass never asks again (every question has an answer); this is only a guard.
    outcome ??= { message: t('cancelled', lang), lang };
  } catch (e) {
    // Stopped before a pass wrote anything (a pass puts back what it wrote and reports it itself).
    outcome = { message: e instanceof LockBusyError ? e.message : `${t('failed', lang, { message: errorText(e) })}\n${t('nothingChanged', lang)}`, lang };
  }
  try {
    show_(title, outcome.message, outcome.lang);
  } catch (e) {
    console.log(`KOC Ops: ${outcome.message} (${errorText(e)})`);
  }
}

export function setUpWorkbook_(): void {
  run_(false);
}

export function loadDemoData_(): void {
  run_(true);
}

export const SETUP_FUNCTIONS: PublicFunction[] = [
  menuItem('setUpWorkbook', 'Creates the missing KOC Ops sheets and columns (headers, dropdowns, formats); never moves or deletes your data. Safe to run again.', { en: 'Set up workbook', zh: '设置工作簿', order: 10, group: 'workbook' }, setUpWorkbook_),
  menuItem('loadDemoData', 'Sets up the workbook and fills it with a bilingual demo KOC programme (asks first when the sheets hold data).', { en: 'Load demo data', zh: '载入示例数据', order: 11, group: 'workbook' }, loadDemoData_),
];

/**
 * What the preview page draws, built from the emulated workbook: a sheet's cells (values, formulas,
 * spilled results), its charts, the menus, alerts and triggers. Read-only: nothing here changes the
 * workbook.
 */
import { enumValue, normalizeHeader, sheetDef, sheetNames, STAGES, TIERS } from '../src/sheets/schema';
import type { AlertView, CellView, ChartView, MenuEntry, MenuView, SheetView, TriggerView } from './api';
import { parseTyped } from './cells';
import type { PreviewFormulas } from './evaluate';
import { a1, boxContains, columnIndex } from './formula';
import { type Lang, pt } from './text';

/** The most rows a sheet view sends to the page. */
const MAX_VIEW_ROWS = 2000;

export function sheetView(ss: any, name: string, calc: PreviewFormulas, lang: Lang): SheetView | null {
  const sheet = ss.getSheetByName(name);
  if (!sheet) return null;
  const lastRow: number = sheet.getLastRow();
  const lastColumn: number = sheet.getLastColumn();
  // Spilled results may reach past the last row holding a value or formula.
  let spillRows = lastRow;
  let spillCols = lastColumn;
  for (const [key, f] of calc.formulas) {
    const at = key.lastIndexOf('!');
    if (key.slice(0, at) !== name) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(key.slice(at + 1));
    if (!m) continue;
    spillRows = Math.max(spillRows, Number(m[2]) + f.height - 1);
    spillCols = Math.max(spillCols, columnIndex(m[1]) + f.width - 1);
  }
  const dataRows = Math.min(spillRows, sheet.getMaxRows());
  const dataCols = Math.min(spillCols, sheet.getMaxColumns());
  const rows = Math.min(Math.max(dataRows + 20, 30), MAX_VIEW_ROWS);
  const cols = Math.max(dataCols + 3, 12);
  const readRows = Math.min(dataRows, rows);
  const cells: (CellView | null)[][] = [];
  if (readRows > 0 && dataCols > 0) {
    const range = sheet.getRange(1, 1, readRows, dataCols);
    const values: unknown[][] = range.getValues();
    const display: string[][] = range.getDisplayValues();
    const formulas: string[][] = range.getFormulas();
    const spilledFrom = spillMap(calc, name, readRows, dataCols);
    for (let r = 0; r < readRows; r++) {
      const line: (CellView | null)[] = [];
      for (let c = 0; c < dataCols; c++) {
        const formula = formulas[r][c];
        const v = display[r][c];
        const key = `${name}!${a1(r + 1, c + 1)}`;
        if (formula) {
          const note = calc.notes.get(key);
          const err = /^#(REF!|ERROR!|NAME\?|VALUE!|N\/A)/.test(v);
          line.push({ v, r: formula, note, err, fx: calc.formulas.has(key) || err, num: isNumeric(values[r][c]) });
        } else if (v !== '') {
          const from = spilledFrom.get(key);
          const raw = values[r][c];
          line.push({ v, r: editText(raw, v), from, num: isNumeric(raw) });
        } else line.push(null);
      }
      cells.push(line);
    }
  }
  return {
    name,
    rows,
    cols,
    lastRow,
    lastColumn,
    frozenRows: sheet.getFrozenRows(),
    cells,
    hiddenRows: Math.max(0, dataRows - rows),
    charts: charts(sheet, lang),
  };
}

/** Cell ("Sheet!A1") → the formula cell (A1) whose array result it shows. */
function spillMap(calc: PreviewFormulas, sheet: string, rows: number, cols: number): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, f] of calc.formulas) {
    const at = key.lastIndexOf('!');
    if (key.slice(0, at) !== sheet || f.height * f.width <= 1 || calc.notes.has(key)) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(key.slice(at + 1))!;
    const box = { sheet, top: Number(m[2]), left: columnIndex(m[1]), bottom: 0, right: 0 };
    box.bottom = Math.min(rows, box.top + f.height - 1);
    box.right = Math.min(cols, box.left + f.width - 1);
    for (let r = box.top; r <= box.bottom; r++)
      for (let c = box.left; c <= box.right; c++) if (boxContains(box, r, c) && !(r === box.top && c === box.left)) map.set(`${sheet}!${a1(r, c)}`, key.slice(at + 1));
  }
  return map;
}

/** Charts on a sheet as the page draws them: each stored chart's range, else the pyramid table. */
function charts(sheet: any, lang: Lang): ChartView[] {
  const out: ChartView[] = [];
  for (const chart of sheet.getCharts?.() ?? []) {
    const ranges: any[] = chart.getRanges();
    if (ranges.length === 0) continue;
    const values: unknown[][] = ranges.length === 1 ? ranges[0].getValues() : joinColumns(ranges.map((r) => r.getValues()));
    const title = String(chart.getOptions?.().get?.('title') ?? '') || pt(lang, 'pyramid');
    const view = chartFromTable(values, title, pt(lang, 'chartSource', { range: `${sheet.getName()}!${ranges.map((r) => r.getA1Notation()).join(', ')}` }), lang);
    if (view) out.push(view);
  }
  if (out.length === 0 && sheetNames(sheetDef('dashboard')).includes(normalizeHeader(sheet.getName()))) {
    const found = pyramidTable(sheet.getDataRange().getValues(), lang);
    if (found) out.push(found);
  }
  return out;
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || Object.prototype.toString.call(v) === '[object Date]';
}

/** What an edit starts from: the display text, except numbers shown with separators or percent and text typing would misread. */
function editText(raw: unknown, display: string): string {
  if (typeof raw === 'number' && String(raw) !== display) return String(raw);
  // Text that typing would read as something else (=1+1, 007, TRUE) shows its apostrophe, as in
  // Sheets' formula bar, so editing the cell again keeps it text.
  if (typeof raw === 'string' && (/^[=']/.test(raw) || parseTyped(raw) !== raw)) return `'${raw}`;
  return display;
}

export function alertView(a: { title: string; prompt: string; buttons: string }): AlertView {
  const buttons = String(a.buttons || 'OK')
    .split('_')
    .filter((b) => ['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'].includes(b));
  return { title: a.title, prompt: a.prompt, buttons: buttons.length ? buttons : ['OK'] };
}

export function menuView(menu: { name: string; items: any[] }): MenuView {
  const entries: MenuEntry[] = [];
  const walk = (items: any[], prefix: string) => {
    for (const item of items) {
      if (item.separator) entries.push({ kind: 'separator' });
      else if (item.submenu) walk(item.submenu, `${prefix}${item.caption} › `);
      else entries.push({ kind: 'item', label: `${prefix}${item.caption}`, fn: item.functionName });
    }
  };
  walk(menu.items, '');
  return { title: menu.name, entries };
}

/** The active sheet's current cell, or null when there is none. */
export function activeCellOf(ss: any): { row: number; col: number } | null {
  const range = ss.getActiveRange?.();
  return range ? { row: range.getRow(), col: range.getColumn() } : null;
}

export function triggerView(t: any, lang: Lang): TriggerView {
  const pad = (n: number) => String(n).padStart(2, '0');
  let schedule = pt(lang, 'timeDriven');
  if (t.everyMinutes) schedule = pt(lang, 'everyMinutes', { n: t.everyMinutes });
  else if (t.everyHours) schedule = t.everyHours === 1 ? pt(lang, 'everyHour') : pt(lang, 'everyHours', { n: t.everyHours });
  else if (t.everyDays) {
    schedule = t.everyDays === 1 ? pt(lang, 'everyDay') : pt(lang, 'everyDays', { n: t.everyDays });
    if (t.atHour !== undefined) schedule = pt(lang, 'atHours', { schedule, from: `${pad(t.atHour)}:00`, to: `${pad(t.atHour + 1)}:00` });
  } else if (t.everyWeeks) {
    schedule = t.everyWeeks === 1 ? pt(lang, 'everyWeek') : pt(lang, 'everyWeeks', { n: t.everyWeeks });
    if (t.onWeekDay) schedule = pt(lang, 'onWeekDay', { schedule, day: t.onWeekDay });
  } else if (t.at) schedule = pt(lang, 'onceAt', { at: t.at });
  if (t.kind && t.kind !== 'CLOCK') schedule = t.kind;
  return { id: t.id, handler: t.handler, schedule };
}

/** Side-by-side ranges (a chart with several ranges) as one table. */
function joinColumns(tables: unknown[][][]): unknown[][] {
  const height = Math.max(...tables.map((t) => t.length));
  return Array.from({ length: height }, (_, i) => tables.flatMap((t) => t[i] ?? []));
}

/** Sheets' chart data layout: first row series names, first column categories. */
export function chartFromTable(values: unknown[][], title: string, source: string, lang: Lang = 'en'): ChartView | null {
  if (values.length < 2 || (values[0]?.length ?? 0) < 2) return null;
  const header = values[0];
  const body = values.slice(1).filter((r) => String(r[0] ?? '') !== '');
  const series = header.slice(1).map((name, j) => ({ name: String(name || pt(lang, 'series', { n: j + 1 })), values: body.map((r) => Number(r[j + 1]) || 0) }));
  return { title, categories: body.map((r) => String(r[0])), series, source };
}

/** The Dashboard's tier × stage table: a header row naming stages, then one row per tier. */
export function pyramidTable(values: unknown[][], lang: Lang = 'en'): ChartView | null {
  for (let i = 0; i < values.length; i++) {
    const row = values[i];
    const stageCols = row.map((v, j) => (enumValue(STAGES, v) ? j : -1)).filter((j) => j >= 0);
    if (stageCols.length < 2) continue;
    const body: unknown[][] = [];
    for (let k = i + 1; k < values.length; k++) {
      const tierCell = values[k].find((v) => enumValue(TIERS, v));
      if (!tierCell) break;
      body.push(values[k]);
    }
    if (body.length === 0) continue;
    const labelCol = body[0].findIndex((v) => enumValue(TIERS, v));
    return {
      title: pt(lang, 'pyramid'),
      categories: body.map((r) => String(r[labelCol])),
      series: stageCols.map((j) => ({ name: String(row[j]), values: body.map((r) => Number(r[j]) || 0) })),
      source: pt(lang, 'chartFromTable', { row: i + 1 }),
    };
  }
  return null;
}

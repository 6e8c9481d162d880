/** SpreadsheetApp and its objects: Spreadsheet, Sheet, Range, Protection, NamedRange, validation, charts. */
import { cellA1, columnToLetters, parseA1, quoteSheetName, rangeA1, splitSheetName } from './a1';
import { displayValue, isDateValue, parseEntered } from './format';
import type { Grid } from './grid';
import {
  type ChartModel,
  contains,
  intersects,
  NUMBER_FORMAT,
  type ProtectionModel,
  type Region,
  type SheetModel,
  STYLE_ATTRS,
  VALIDATION,
  type ValidationRule,
} from './model';
import { fail } from './runtime';
import { Svc } from './state';
import { Ui } from './ui';

const PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
const OUT_OF_BOUNDS = 'The coordinates of the range are outside the dimensions of the sheet.';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export const DataValidationCriteria = {
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
} as const;
const enumOf = (...names: string[]) => Object.fromEntries(names.map((n) => [n, n]));
const SPREADSHEET_ENUMS = {
  ProtectionType,
  DataValidationCriteria,
  AuthMode: enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'),
  WrapStrategy: enumOf('WRAP', 'OVERFLOW', 'CLIP'),
  BorderStyle: enumOf('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'),
  Dimension: enumOf('COLUMNS', 'ROWS'),
  SheetType: enumOf('GRID', 'OBJECT', 'DATASOURCE'),
  CopyPasteType: enumOf('PASTE_NORMAL', 'PASTE_NO_BORDERS', 'PASTE_FORMAT', 'PASTE_FORMULA', 'PASTE_DATA_VALIDATION', 'PASTE_VALUES', 'PASTE_CONDITIONAL_FORMATTING', 'PASTE_COLUMN_WIDTHS'),
  Direction: enumOf('UP', 'DOWN', 'PREVIOUS', 'NEXT'),
  TextDirection: enumOf('LEFT_TO_RIGHT', 'RIGHT_TO_LEFT'),
  ChartType: enumOf('AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'LINE', 'ORG', 'PIE', 'RADAR', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREEMAP', 'WATERFALL'),
};
export const ChartsService = { ChartType: SPREADSHEET_ENUMS.ChartType };

function argTypes(args: unknown[]): string {
  return args
    .map((a) => (a === null || a === undefined ? 'null' : typeof a === 'number' ? 'number' : typeof a === 'string' ? 'String' : typeof a === 'boolean' ? 'Boolean' : Array.isArray(a) ? 'Object[]' : 'Object'))
    .join(',');
}

function badParams(args: unknown[], method: string): never {
  return fail(`The parameters (${argTypes(args)}) don't match the method signature for SpreadsheetApp.${method}.`);
}

function toInt(v: unknown, args: unknown[], method: string): number {
  if (typeof v !== 'number') return badParams(args, method);
  if (!Number.isFinite(v)) fail(`Cannot convert ${v} to int.`);
  return Math.floor(v);
}

// ---------------------------------------------------------------- SpreadsheetApp

export class SpreadsheetApp extends Svc {
  static gasName = 'SpreadsheetApp';
  ProtectionType = SPREADSHEET_ENUMS.ProtectionType;
  DataValidationCriteria = SPREADSHEET_ENUMS.DataValidationCriteria;
  AuthMode = SPREADSHEET_ENUMS.AuthMode;
  WrapStrategy = SPREADSHEET_ENUMS.WrapStrategy;
  BorderStyle = SPREADSHEET_ENUMS.BorderStyle;
  Dimension = SPREADSHEET_ENUMS.Dimension;
  SheetType = SPREADSHEET_ENUMS.SheetType;
  CopyPasteType = SPREADSHEET_ENUMS.CopyPasteType;
  Direction = SPREADSHEET_ENUMS.Direction;
  TextDirection = SPREADSHEET_ENUMS.TextDirection;

  getActiveSpreadsheet(): Spreadsheet {
    return this._wrap(new Spreadsheet(this._s, this._x));
  }
  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }
  openById(id: string): Spreadsheet {
    if (id !== this._s.wb.id) fail(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    return this.getActiveSpreadsheet();
  }
  openByUrl(url: string): Spreadsheet {
    if (!String(url).includes(this._s.wb.id)) fail(`Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.`);
    return this.getActiveSpreadsheet();
  }
  getUi(): Ui {
    if (this._x.trigger || this._x.authMode === 'CUSTOM_FUNCTION') fail('Cannot call SpreadsheetApp.getUi() from this context.');
    return this._wrap(new Ui(this._s, this._x));
  }
  newDataValidation(): DataValidationBuilder {
    return this._wrap(new DataValidationBuilder(this._s, this._x));
  }
  flush(): void {}
  getActiveSheet(): Sheet {
    return new Spreadsheet(this._s, this._x).getActiveSheet();
  }
  getActiveRange(): Range | null {
    return new Spreadsheet(this._s, this._x).getActiveRange();
  }
  getCurrentCell(): Range | null {
    return new Spreadsheet(this._s, this._x).getCurrentCell();
  }
  setActiveSheet(sheet: Sheet): Sheet {
    return new Spreadsheet(this._s, this._x).setActiveSheet(sheet);
  }
  setActiveRange(range: Range): Range {
    return new Spreadsheet(this._s, this._x).setActiveRange(range);
  }
}

// ---------------------------------------------------------------- Spreadsheet

export class Spreadsheet extends Svc {
  static gasName = 'Spreadsheet';

  _sheet(m: SheetModel): Sheet {
    return this._wrap(new Sheet(this._s, this._x, m));
  }

  getId(): string {
    return this._s.wb.id;
  }
  getName(): string {
    return this._s.wb.name;
  }
  rename(name: string): void {
    this._s.wb.name = String(name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._s.wb.id}/edit`;
  }
  getSheets(): Sheet[] {
    return this._s.wb.sheets.map((m) => this._sheet(m));
  }
  getNumSheets(): number {
    return this._s.wb.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    const m = this._s.wb.sheetByName(String(name));
    return m ? this._sheet(m) : null;
  }
  getSheetById(id: number): Sheet | null {
    const m = this._s.wb.sheetById(Number(id));
    return m ? this._sheet(m) : null;
  }
  insertSheet(...args: unknown[]): Sheet {
    const wb = this._s.wb;
    let name: string | undefined;
    let index: number | undefined;
    for (const a of args) {
      if (typeof a === 'string') name = a;
      else if (typeof a === 'number') index = a;
      else if (a !== undefined && (typeof a !== 'object' || a === null)) badParams(args, 'Spreadsheet.insertSheet');
    }
    if (name === undefined) {
      const prefix = /^zh/i.test(wb.locale) ? '工作表' : 'Sheet';
      let n = wb.sheets.length + 1;
      while (wb.sheetByName(`${prefix}${n}`)) n++;
      name = `${prefix}${n}`;
    }
    if (name.trim() === '') fail('Sheet names cannot be empty.');
    if (name.length > 100) fail('The sheet name cannot be longer than 100 characters.');
    const m = wb.addSheet(name, index);
    // Apps Script activates the sheet it inserts.
    wb.activeSheetId = m.id;
    wb.activeRange = null;
    return this._sheet(m);
  }
  deleteSheet(sheet: Sheet): void {
    const m = sheet?._m;
    if (!m || !this._s.wb.sheets.includes(m)) fail('Invalid argument: sheet');
    if (this._s.wb.sheets.length === 1) fail("You can't remove all the sheets in a document.");
    guardSheet(this, m);
    this._s.wb.removeSheet(m);
  }
  getActiveSheet(): Sheet {
    const wb = this._s.wb;
    return this._sheet(wb.sheetById(wb.activeSheetId) ?? wb.sheets[0]);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this._s.wb.activeSheetId = sheet._m.id;
    this._s.wb.activeRange = null;
    return sheet;
  }
  getActiveRange(): Range | null {
    const wb = this._s.wb;
    const r = wb.activeRange;
    const m = r && wb.sheetById(r.sheetId);
    if (r && m) return this._wrap(new Range(this._s, this._x, m, r.row, r.col, r.numRows, r.numCols));
    const sheet = wb.sheetById(wb.activeSheetId) ?? wb.sheets[0];
    return this._wrap(new Range(this._s, this._x, sheet, 1, 1, 1, 1));
  }
  getCurrentCell(): Range | null {
    const r = this._s.rt.unwrap(this.getActiveRange());
    return r ? this._wrap(new Range(this._s, this._x, r._m, r._r, r._c, 1, 1)) : null;
  }
  getActiveCell(): Range {
    return this.getCurrentCell()!;
  }
  setActiveRange(range: Range): Range {
    this._s.wb.activeSheetId = range._m.id;
    this._s.wb.activeRange = range._region();
    return range;
  }
  /** `A1:B2` on the active sheet or a sheet-qualified `'KOC名册'!A1:B2`. */
  getRange(a1: string): Range {
    if (typeof a1 !== 'string') badParams([a1], 'Spreadsheet.getRange');
    const { sheet, range } = splitSheetName(a1);
    const m = sheet === undefined ? (this._s.wb.sheetById(this._s.wb.activeSheetId) ?? this._s.wb.sheets[0]) : this._s.wb.sheetByName(sheet);
    if (!m) fail('Range not found');
    // The raw Sheet, so the call counts as Spreadsheet.getRange only.
    return new Sheet(this._s, this._x, m).getRange(range);
  }
  getRangeByName(name: string): Range | null {
    const r = this._s.wb.namedRanges.get(String(name));
    const m = r && this._s.wb.sheetById(r.sheetId);
    return r && m ? this._wrap(new Range(this._s, this._x, m, r.row, r.col, r.numRows, r.numCols)) : null;
  }
  setNamedRange(name: string, range: Range): void {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(String(name)) || parseA1(String(name))) fail(`Invalid name "${name}" for a named range.`);
    this._s.wb.namedRanges.set(String(name), range._region());
  }
  getNamedRanges(): NamedRange[] {
    return [...this._s.wb.namedRanges.keys()].map((n) => this._wrap(new NamedRange(this._s, this._x, n)));
  }
  removeNamedRange(name: string): void {
    this._s.wb.namedRanges.delete(String(name));
  }
  toast(msg: unknown, title?: unknown, timeoutSeconds?: number): void {
    this._s.ui.toasts.push({ message: String(msg ?? ''), title: title === undefined || title === null ? '' : String(title), timeout: timeoutSeconds ?? 5 });
  }
  getSpreadsheetTimeZone(): string {
    return this._s.wb.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this._s.wb.timeZone = String(tz);
  }
  getSpreadsheetLocale(): string {
    return this._s.wb.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._s.wb.locale = String(locale);
  }
  getProtections(type: string): Protection[] {
    return this._s.wb.protections.filter((p) => p.type === String(type)).map((p) => this._wrap(new Protection(this._s, this._x, p)));
  }
  getOwner(): { getEmail(): string } {
    const email = this._s.options.user;
    return { getEmail: () => email };
  }
  getEditors(): { getEmail(): string }[] {
    return [this.getOwner()];
  }
  addEditor(): Spreadsheet {
    return this;
  }
  moveActiveSheet(pos: number): void {
    const wb = this._s.wb;
    const m = wb.sheetById(wb.activeSheetId) ?? wb.sheets[0];
    wb.sheets = wb.sheets.filter((s) => s !== m);
    wb.sheets.splice(Math.max(0, Number(pos) - 1), 0, m);
  }
}

// ---------------------------------------------------------------- protection checks

function canEditThrough(p: ProtectionModel, user: string): boolean {
  return p.warningOnly || p.editors.has(user);
}

/** Throws when the execution's user may not edit the region (emulator-internal access may). */
function guardRegion(svc: Svc, region: Region): void {
  if (svc._x.admin) return;
  for (const p of svc._s.wb.protections) {
    if (canEditThrough(p, svc._x.user) || !intersects(p.region, region)) continue;
    if (p.type === 'SHEET' && p.unprotected.some((u) => contains(u, region))) continue;
    fail(PROTECTED);
  }
}

function guardSheet(svc: Svc, m: SheetModel): void {
  if (svc._x.admin) return;
  for (const p of svc._s.wb.protections) {
    if (p.type === 'SHEET' && p.region.sheetId === m.id && !canEditThrough(p, svc._x.user)) fail(PROTECTED);
  }
}

// ---------------------------------------------------------------- Sheet

export class Sheet extends Svc {
  static gasName = 'Sheet';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _m: SheetModel,
  ) {
    super(s, x);
  }

  _range(row: number, col: number, numRows: number, numCols: number): Range {
    return this._wrap(new Range(this._s, this._x, this._m, row, col, numRows, numCols));
  }

  getName(): string {
    return this._m.name;
  }
  getSheetName(): string {
    return this._m.name;
  }
  setName(name: string): Sheet {
    const n = String(name);
    if (n.trim() === '') fail('Sheet names cannot be empty.');
    const other = this._s.wb.sheetByName(n);
    if (other && other !== this._m) fail(`A sheet with the name "${n}" already exists. Please enter another name.`);
    guardSheet(this, this._m);
    this._m.name = n;
    this._s.wb.version++;
    return this;
  }
  getIndex(): number {
    return this._s.wb.sheets.indexOf(this._m) + 1;
  }
  getSheetId(): number {
    return this._m.id;
  }
  getType(): string {
    return 'GRID';
  }
  getParent(): Spreadsheet {
    return this._wrap(new Spreadsheet(this._s, this._x));
  }
  activate(): Sheet {
    this._s.wb.activeSheetId = this._m.id;
    this._s.wb.activeRange = null;
    return this;
  }

  getRange(...args: unknown[]): Range {
    const m = this._m;
    if (args.length === 1 && typeof args[0] === 'string') {
      const p = parseA1(args[0]);
      if (!p) fail('Range not found');
      const row = p.row ?? 1;
      const col = p.col ?? 1;
      const endRow = p.endRow ?? m.maxRows;
      const endCol = p.endCol ?? m.maxCols;
      if (endRow > m.maxRows || endCol > m.maxCols) fail(OUT_OF_BOUNDS);
      return this._range(row, col, endRow - row + 1, endCol - col + 1);
    }
    if (args.length < 1 || args.length > 4 || (args.length === 1 && typeof args[0] !== 'number')) badParams(args, 'Sheet.getRange');
    const row = toInt(args[0], args, 'Sheet.getRange');
    const col = args.length >= 2 ? toInt(args[1], args, 'Sheet.getRange') : 1;
    if (args.length === 1) badParams(args, 'Sheet.getRange');
    const numRows = args.length >= 3 ? toInt(args[2], args, 'Sheet.getRange') : 1;
    const numCols = args.length >= 4 ? toInt(args[3], args, 'Sheet.getRange') : 1;
    checkBounds(m, row, col, numRows, numCols);
    return this._range(row, col, numRows, numCols);
  }
  getDataRange(): Range {
    return this._range(1, 1, Math.max(1, this._m.lastRow()), Math.max(1, this._m.lastCol()));
  }
  getLastRow(): number {
    return this._m.lastRow();
  }
  getLastColumn(): number {
    return this._m.lastCol();
  }
  getMaxRows(): number {
    return this._m.maxRows;
  }
  getMaxColumns(): number {
    return this._m.maxCols;
  }

  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents)) badParams([rowContents], 'Sheet.appendRow');
    const m = this._m;
    const row = m.lastRow() + 1;
    const width = Math.max(1, rowContents.length);
    guardRegion(this, { sheetId: m.id, row, col: 1, numRows: 1, numCols: width });
    checkValidation(this, m, row, 1, [rowContents]);
    // appendRow grows the grid when the sheet is full, unlike setValues.
    if (row > m.maxRows) m.maxRows = row;
    if (width > m.maxCols) m.maxCols = width;
    if (rowContents.length) m.writeBlock(row, 1, [rowContents]);
    else m.wb.version++;
    return this;
  }

  insertRowsAfter(after: number, howMany: number): Sheet {
    this._insert('row', after, howMany);
    return this;
  }
  insertRowAfter(after: number): Sheet {
    return this.insertRowsAfter(after, 1);
  }
  insertRowsBefore(before: number, howMany: number): Sheet {
    this._insert('row', before - 1, howMany, before);
    return this;
  }
  insertRowBefore(before: number): Sheet {
    return this.insertRowsBefore(before, 1);
  }
  insertRows(before: number, howMany = 1): void {
    this.insertRowsBefore(before, howMany);
  }
  insertColumnsAfter(after: number, howMany: number): Sheet {
    this._insert('col', after, howMany);
    return this;
  }
  insertColumnAfter(after: number): Sheet {
    return this.insertColumnsAfter(after, 1);
  }
  insertColumnsBefore(before: number, howMany: number): Sheet {
    this._insert('col', before - 1, howMany, before);
    return this;
  }
  insertColumnBefore(before: number): Sheet {
    return this.insertColumnsBefore(before, 1);
  }
  insertColumns(before: number, howMany = 1): void {
    this.insertColumnsBefore(before, howMany);
  }
  _insert(axis: 'row' | 'col', after: number, n: number, position = after): void {
    const max = axis === 'row' ? this._m.maxRows : this._m.maxCols;
    const what = axis === 'row' ? 'rows' : 'columns';
    if (!Number.isInteger(n) || n < 1) fail(`The number of ${what} to insert must be at least 1.`);
    if (!Number.isInteger(position) || position < 1 || position > max) fail(`Those ${what} are out of bounds.`);
    guardSheet(this, this._m);
    if (axis === 'row') this._m.insertRows(after, n);
    else this._m.insertCols(after, n);
  }

  deleteRows(start: number, howMany: number): void {
    const m = this._m;
    if (start < 1 || howMany < 1 || start + howMany - 1 > m.maxRows) fail('Those rows are out of bounds.');
    if (howMany >= m.maxRows - m.frozenRows && start <= m.frozenRows + 1) fail('Sorry, it is not possible to delete all non-frozen rows.');
    guardSheet(this, m);
    guardRegion(this, { sheetId: m.id, row: start, col: 1, numRows: howMany, numCols: m.maxCols });
    m.deleteRows(start, howMany);
  }
  deleteRow(row: number): Sheet {
    this.deleteRows(row, 1);
    return this;
  }
  deleteColumns(start: number, howMany: number): void {
    const m = this._m;
    if (start < 1 || howMany < 1 || start + howMany - 1 > m.maxCols) fail('Those columns are out of bounds.');
    if (howMany >= m.maxCols - m.frozenCols && start <= m.frozenCols + 1) fail('Sorry, it is not possible to delete all non-frozen columns.');
    guardSheet(this, m);
    guardRegion(this, { sheetId: m.id, row: 1, col: start, numRows: m.maxRows, numCols: howMany });
    m.deleteCols(start, howMany);
  }
  deleteColumn(col: number): Sheet {
    this.deleteColumns(col, 1);
    return this;
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    this._all().clear(options);
    return this;
  }
  clearContents(): Sheet {
    this._all().clearContent();
    return this;
  }
  clearFormats(): Sheet {
    this._all().clearFormat();
    return this;
  }
  clearNotes(): Sheet {
    this._all().clearNote();
    return this;
  }
  _all(): Range {
    return new Range(this._s, this._x, this._m, 1, 1, this._m.maxRows, this._m.maxCols);
  }

  setFrozenRows(n: number): void {
    guardSheet(this, this._m);
    this._m.frozenRows = Number(n);
  }
  getFrozenRows(): number {
    return this._m.frozenRows;
  }
  setFrozenColumns(n: number): void {
    guardSheet(this, this._m);
    this._m.frozenCols = Number(n);
  }
  getFrozenColumns(): number {
    return this._m.frozenCols;
  }

  protect(): Protection {
    const wb = this._s.wb;
    // A sheet has at most one sheet protection; protect() returns it if present.
    let p = wb.protections.find((x) => x.type === 'SHEET' && x.region.sheetId === this._m.id);
    if (!p) {
      p = {
        id: wb.nextId++,
        type: 'SHEET',
        region: { sheetId: this._m.id, row: 1, col: 1, numRows: this._m.maxRows, numCols: this._m.maxCols },
        description: '',
        warningOnly: false,
        editors: new Set(),
        unprotected: [],
      };
      wb.protections.push(p);
    }
    return this._wrap(new Protection(this._s, this._x, p));
  }
  getProtections(type: string): Protection[] {
    return this._s.wb.protections
      .filter((p) => p.type === String(type) && p.region.sheetId === this._m.id)
      .map((p) => this._wrap(new Protection(this._s, this._x, p)));
  }

  setColumnWidth(col: number, width: number): Sheet {
    this._m.columnWidths.set(Number(col), Number(width));
    return this;
  }
  setColumnWidths(start: number, num: number, width: number): Sheet {
    for (let c = start; c < start + num; c++) this._m.columnWidths.set(c, Number(width));
    return this;
  }
  getColumnWidth(col: number): number {
    return this._m.columnWidths.get(Number(col)) ?? 100;
  }
  setRowHeight(row: number, height: number): Sheet {
    this._m.rowHeights.set(Number(row), Number(height));
    return this;
  }
  setRowHeights(start: number, num: number, height: number): Sheet {
    for (let r = start; r < start + num; r++) this._m.rowHeights.set(r, Number(height));
    return this;
  }
  getRowHeight(row: number): number {
    return this._m.rowHeights.get(Number(row)) ?? 21;
  }
  autoResizeColumns(_start: number, _num: number): Sheet {
    return this;
  }
  autoResizeColumn(_col: number): Sheet {
    return this;
  }
  autoResizeRows(_start: number, _num: number): Sheet {
    return this;
  }
  hideColumns(_col: number, _num?: number): void {}
  showColumns(_col: number, _num?: number): void {}
  hideRows(_row: number, _num?: number): void {}
  showRows(_row: number, _num?: number): void {}

  hideSheet(): Sheet {
    const visible = this._s.wb.sheets.filter((s) => !s.hidden);
    if (visible.length === 1 && visible[0] === this._m) fail("You can't hide all the sheets in a document.");
    this._m.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this._m.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._m.hidden;
  }
  setTabColor(color: string | null): Sheet {
    this._m.tabColor = color === null ? null : String(color);
    return this;
  }
  getTabColor(): string | null {
    return this._m.tabColor;
  }

  newChart(): EmbeddedChartBuilder {
    return this._wrap(new EmbeddedChartBuilder(this._s, this._x, this._m, null));
  }
  insertChart(chart: EmbeddedChart): void {
    const c = chart._c;
    if (!this._m.charts.includes(c)) this._m.charts.push(c);
  }
  updateChart(chart: EmbeddedChart): void {
    const i = this._m.charts.findIndex((c) => c.id === chart._c.id);
    if (i >= 0) this._m.charts[i] = chart._c;
  }
  removeChart(chart: EmbeddedChart): void {
    this._m.charts = this._m.charts.filter((c) => c.id !== chart._c.id);
  }
  getCharts(): EmbeddedChart[] {
    return this._m.charts.map((c) => this._wrap(new EmbeddedChart(this._s, this._x, this._m, c)));
  }
}

function checkBounds(m: SheetModel, row: number, col: number, numRows: number, numCols: number): void {
  if (row < 1) fail('The starting row of the range is too small.');
  if (col < 1) fail('The starting column of the range is too small.');
  if (numRows < 1) fail('The number of rows in the range must be at least 1.');
  if (numCols < 1) fail('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > m.maxRows || col + numCols - 1 > m.maxCols) fail(OUT_OF_BOUNDS);
}

// ---------------------------------------------------------------- data validation checks

function ruleAccepts(svc: Svc, rule: ValidationRule, raw: unknown): boolean {
  if (raw === '' || raw === null || raw === undefined) return true;
  let v: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.startsWith('=')) return true;
    v = raw.startsWith("'") ? raw.slice(1) : (parseEntered(raw, svc._s.wb.timeZone)?.value ?? raw);
  }
  const num = typeof v === 'number' ? v : Number.NaN;
  const time = isDateValue(v) ? v.getTime() : Number.NaN;
  const a = rule.args;
  const argTime = (x: unknown) => (isDateValue(x) ? x.getTime() : Number.NaN);
  const text = isDateValue(v) ? '' : String(v);
  switch (rule.criteria) {
    case 'VALUE_IN_LIST': {
      const list = (a[0] as unknown[]).map((x) => String(x).toLowerCase());
      return list.includes(text.toLowerCase());
    }
    case 'VALUE_IN_RANGE': {
      const r = a[0] as Region;
      const m = svc._s.wb.sheetById(r.sheetId);
      if (!m) return true;
      const vals = new Range(svc._s, { ...svc._x, admin: true }, m, r.row, r.col, r.numRows, r.numCols).getValues();
      return vals.some((row) => row.some((x) => String(x).toLowerCase() === text.toLowerCase()));
    }
    case 'NUMBER_BETWEEN':
      return num >= Number(a[0]) && num <= Number(a[1]);
    case 'NUMBER_NOT_BETWEEN':
      return num < Number(a[0]) || num > Number(a[1]);
    case 'NUMBER_GREATER_THAN':
      return num > Number(a[0]);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num >= Number(a[0]);
    case 'NUMBER_LESS_THAN':
      return num < Number(a[0]);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num <= Number(a[0]);
    case 'NUMBER_EQUAL_TO':
      return num === Number(a[0]);
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(num) && num !== Number(a[0]);
    case 'DATE_IS_VALID_DATE':
      return !Number.isNaN(time);
    case 'DATE_AFTER':
      return time > argTime(a[0]);
    case 'DATE_ON_OR_AFTER':
      return time >= argTime(a[0]);
    case 'DATE_BEFORE':
      return time < argTime(a[0]);
    case 'DATE_ON_OR_BEFORE':
      return time <= argTime(a[0]);
    case 'DATE_BETWEEN':
      return time >= argTime(a[0]) && time <= argTime(a[1]);
    case 'DATE_NOT_BETWEEN':
      return time < argTime(a[0]) || time > argTime(a[1]);
    case 'DATE_EQUAL_TO':
      return time === argTime(a[0]);
    case 'CHECKBOX':
      return a.length ? v === a[0] || v === a[1] : typeof v === 'boolean';
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
    case 'TEXT_IS_VALID_URL':
      return /^(https?|ftp):\/\/\S+$/i.test(text);
    case 'TEXT_CONTAINS':
      return text.includes(String(a[0]));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(String(a[0]));
    case 'TEXT_EQUAL_TO':
      return text === String(a[0]);
    default:
      return true;
  }
}

/** Scripts cannot write values a reject-input rule refuses; checked before anything is written. */
function checkValidation(svc: Svc, m: SheetModel, row: number, col: number, data: readonly (readonly unknown[])[]): void {
  const g = m.attrs.get(VALIDATION) as Grid<ValidationRule> | undefined;
  if (!g?.anyIn(row, col, data.length, data[0]?.length ?? 0)) return;
  for (let i = 0; i < data.length; i++) {
    for (let j = 0; j < data[i].length; j++) {
      const rule = g.get(row + i, col + j);
      if (rule && !rule.allowInvalid && !ruleAccepts(svc, rule, data[i][j])) {
        fail(`The data you entered in cell ${cellA1(row + i, col + j)} violates the data validation rules set on this cell.`);
      }
    }
  }
}

// ---------------------------------------------------------------- Range

function checkShape(data: unknown, numRows: number, numCols: number, method: string): readonly (readonly unknown[])[] {
  if (!Array.isArray(data)) badParams([data], `Range.${method}`);
  if (data.length !== numRows) {
    fail(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`);
  }
  // Indexed, not for-of: no iterator result per row on blocks of 10^5 rows.
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (!Array.isArray(row)) badParams([data], `Range.${method}`);
    if (row.length !== numCols) {
      fail(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numCols}.`);
    }
  }
  return data as unknown[][];
}

export class Range extends Svc {
  static gasName = 'Range';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _m: SheetModel,
    readonly _r: number,
    readonly _c: number,
    readonly _nr: number,
    readonly _nc: number,
  ) {
    super(s, x);
  }

  _region(): Region {
    return { sheetId: this._m.id, row: this._r, col: this._c, numRows: this._nr, numCols: this._nc };
  }
  _guard(): void {
    guardRegion(this, this._region());
  }
  _sub(row: number, col: number, numRows: number, numCols: number): Range {
    return this._wrap(new Range(this._s, this._x, this._m, row, col, numRows, numCols));
  }
  /** A cell value as the calling realm should see it: '' for empty, Dates copied with the realm's Date. */
  _out(v: unknown): unknown {
    if (v === undefined || v === null) return '';
    if (typeof v === 'object') return isDateValue(v) ? new this._x.realm.Date(v.getTime()) : v;
    return v;
  }

  getValues(): unknown[][] {
    const { _r: r, _c: c, _nr: nr, _nc: nc } = this;
    const rows = this._m.values.rows;
    const overlay = this._m.evaluated();
    const D = this._x.realm.Date;
    const out: unknown[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const src = rows[r - 1 + i];
      let row: unknown[];
      if (!src) row = new Array(nc).fill('');
      else {
        row = src.slice(c - 1, c - 1 + nc);
        for (let j = 0; j < nc; j++) {
          const v = row[j];
          if (v === undefined) row[j] = '';
          else if (typeof v === 'object') row[j] = new D((v as Date).getTime());
        }
      }
      const o = overlay?.rows[r - 1 + i];
      if (o) {
        for (let j = 0; j < nc; j++) {
          const v = o[c - 1 + j];
          if (v !== undefined) row[j] = this._out(v);
        }
      }
      out[i] = row;
    }
    return out;
  }
  getValue(): unknown {
    const ov = this._m.evaluated()?.get(this._r, this._c);
    return this._out(ov !== undefined ? ov : this._m.values.get(this._r, this._c));
  }
  setValues(values: unknown[][]): Range {
    const data = checkShape(values, this._nr, this._nc, 'setValues');
    this._guard();
    checkValidation(this, this._m, this._r, this._c, data);
    this._m.writeBlock(this._r, this._c, data);
    return this;
  }
  setValue(value: unknown): Range {
    const data = this._fill(value);
    this._guard();
    checkValidation(this, this._m, this._r, this._c, data);
    this._m.writeBlock(this._r, this._c, data);
    return this;
  }
  _fill(value: unknown): unknown[][] {
    const out: unknown[][] = new Array(this._nr);
    for (let i = 0; i < this._nr; i++) out[i] = new Array(this._nc).fill(value);
    return out;
  }
  getDisplayValues(): string[][] {
    const values = this.getValues();
    const fmts = this._m.attrs.get(NUMBER_FORMAT);
    const tz = this._s.wb.timeZone;
    return values.map((row, i) => row.map((v, j) => displayValue(v, fmts?.get(this._r + i, this._c + j) as string | undefined, tz)));
  }
  getDisplayValue(): string {
    return displayValue(this.getValue(), this._m.attrs.get(NUMBER_FORMAT)?.get(this._r, this._c) as string | undefined, this._s.wb.timeZone);
  }
  getFormulas(): string[][] {
    const out: string[][] = new Array(this._nr);
    const rows = this._m.formulas.rows;
    for (let i = 0; i < this._nr; i++) {
      const src = rows[this._r - 1 + i];
      const row: string[] = new Array(this._nc);
      for (let j = 0; j < this._nc; j++) row[j] = src?.[this._c - 1 + j] ?? '';
      out[i] = row;
    }
    return out;
  }
  getFormula(): string {
    return this._m.formulas.get(this._r, this._c) ?? '';
  }
  setFormulas(formulas: string[][]): Range {
    const data = checkShape(formulas, this._nr, this._nc, 'setFormulas');
    this._guard();
    this._m.writeBlock(this._r, this._c, data);
    return this;
  }
  setFormula(formula: string): Range {
    this._guard();
    this._m.writeBlock(this._r, this._c, this._fill(formula));
    return this;
  }

  getNumRows(): number {
    return this._nr;
  }
  getNumColumns(): number {
    return this._nc;
  }
  getHeight(): number {
    return this._nr;
  }
  getWidth(): number {
    return this._nc;
  }
  getRow(): number {
    return this._r;
  }
  getRowIndex(): number {
    return this._r;
  }
  getColumn(): number {
    return this._c;
  }
  getLastRow(): number {
    return this._r + this._nr - 1;
  }
  getLastColumn(): number {
    return this._c + this._nc - 1;
  }
  getA1Notation(): string {
    return rangeA1(this._r, this._c, this._nr, this._nc);
  }
  getSheet(): Sheet {
    return this._wrap(new Sheet(this._s, this._x, this._m));
  }
  getGridId(): number {
    return this._m.id;
  }
  getCell(row: number, col: number): Range {
    if (row < 1 || col < 1 || row > this._nr || col > this._nc) fail('Cell reference out of range');
    return this._sub(this._r + row - 1, this._c + col - 1, 1, 1);
  }
  offset(rowOffset: number, colOffset: number, numRows?: number, numCols?: number): Range {
    const row = this._r + Number(rowOffset);
    const col = this._c + Number(colOffset);
    const nr = numRows ?? this._nr;
    const nc = numCols ?? this._nc;
    checkBounds(this._m, row, col, nr, nc);
    return this._sub(row, col, nr, nc);
  }
  isBlank(): boolean {
    const has = (g: Grid<unknown>) => {
      const end = Math.min(g.rows.length, this._r - 1 + this._nr);
      for (let i = this._r - 1; i < end; i++) {
        const row = g.rows[i];
        if (!row) continue;
        for (let j = this._c - 1; j < Math.min(row.length, this._c - 1 + this._nc); j++) if (row[j] !== undefined && row[j] !== '') return true;
      }
      return false;
    };
    return !has(this._m.values as Grid<unknown>) && !has(this._m.formulas as Grid<unknown>);
  }

  _setAttr(name: string, v: unknown): Range {
    this._guard();
    const value = v === null || v === '' ? undefined : v;
    this._m.attr(name).writeRows(this._r, this._nr, (row) => {
      for (let j = 0; j < this._nc; j++) row[this._c - 1 + j] = value;
    });
    return this;
  }
  _setAttrs(name: string, values: unknown[][]): Range {
    checkShape(values, this._nr, this._nc, `set${name}s`);
    this._guard();
    this._m.attr(name).writeRows(this._r, this._nr, (row, i) => {
      for (let j = 0; j < this._nc; j++) {
        const v = values[i][j];
        row[this._c - 1 + j] = v === null || v === '' ? undefined : v;
      }
    });
    return this;
  }
  _getAttrs(name: string, dflt: unknown): unknown[][] {
    const g = this._m.attrs.get(name);
    const out: unknown[][] = [];
    for (let i = 0; i < this._nr; i++) {
      const row: unknown[] = [];
      for (let j = 0; j < this._nc; j++) row.push(g?.get(this._r + i, this._c + j) ?? dflt);
      out.push(row);
    }
    return out;
  }

  setNumberFormat(format: string): Range {
    return this._setAttr(NUMBER_FORMAT, String(format));
  }
  setNumberFormats(formats: string[][]): Range {
    return this._setAttrs(NUMBER_FORMAT, formats);
  }
  getNumberFormat(): string {
    return (this._m.attrs.get(NUMBER_FORMAT)?.get(this._r, this._c) as string | undefined) ?? 'General';
  }
  getNumberFormats(): string[][] {
    return this._getAttrs(NUMBER_FORMAT, 'General') as string[][];
  }

  setDataValidation(rule: DataValidation | null): Range {
    return this._setAttr(VALIDATION, rule ? rule._rule : null);
  }
  setDataValidations(rules: (DataValidation | null)[][]): Range {
    checkShape(rules, this._nr, this._nc, 'setDataValidations');
    return this._setAttrs(
      VALIDATION,
      rules.map((row) => row.map((r) => (r ? r._rule : null))),
    );
  }
  getDataValidation(): DataValidation | null {
    const r = this._m.attrs.get(VALIDATION)?.get(this._r, this._c) as ValidationRule | undefined;
    return r ? this._wrap(new DataValidation(this._s, this._x, r)) : null;
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this._getAttrs(VALIDATION, null).map((row) => row.map((r) => (r ? this._wrap(new DataValidation(this._s, this._x, r as ValidationRule)) : null)));
  }
  clearDataValidations(): Range {
    this._guard();
    this._m.attrs.get(VALIDATION)?.clear(this._r, this._c, this._nr, this._nc);
    return this;
  }
  insertCheckboxes(): Range {
    this._guard();
    this._m.attr(VALIDATION).writeRows(this._r, this._nr, (row) => {
      for (let j = 0; j < this._nc; j++) row[this._c - 1 + j] = { criteria: 'CHECKBOX', args: [], allowInvalid: true, helpText: '' };
    });
    const vals = this.getValues().map((row) => row.map((v) => (v === '' ? false : v)));
    this._m.writeBlock(this._r, this._c, vals);
    return this;
  }

  clearContent(): Range {
    this._guard();
    this._m.clearContent(this._r, this._c, this._nr, this._nc);
    return this;
  }
  clearFormat(): Range {
    this._guard();
    this._m.clearFormats(this._r, this._c, this._nr, this._nc);
    return this;
  }
  clearNote(): Range {
    this._guard();
    this._m.attrs.get('Note')?.clear(this._r, this._c, this._nr, this._nc);
    return this;
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; commentsOnly?: boolean }): Range {
    this._guard();
    const o = options ?? {};
    const some = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    if (!some || o.contentsOnly) this._m.clearContent(this._r, this._c, this._nr, this._nc);
    if (!some || o.formatOnly) this._m.clearFormats(this._r, this._c, this._nr, this._nc);
    if (o.validationsOnly) this._m.attrs.get(VALIDATION)?.clear(this._r, this._c, this._nr, this._nc);
    if (o.commentsOnly) this._m.attrs.get('Note')?.clear(this._r, this._c, this._nr, this._nc);
    return this;
  }

  activate(): Range {
    this._s.wb.activeSheetId = this._m.id;
    this._s.wb.activeRange = this._region();
    return this;
  }
  activateAsCurrentCell(): Range {
    return this.activate();
  }
  merge(): Range {
    this._guard();
    this._m.merges.push(this._region());
    return this;
  }
  mergeAcross(): Range {
    return this.merge();
  }
  mergeVertically(): Range {
    return this.merge();
  }
  breakApart(): Range {
    this._m.merges = this._m.merges.filter((r) => !intersects(r, this._region()));
    return this;
  }
  setBorder(..._args: unknown[]): Range {
    this._guard();
    return this;
  }
  protect(): Protection {
    const wb = this._s.wb;
    const p: ProtectionModel = { id: wb.nextId++, type: 'RANGE', region: this._region(), description: '', warningOnly: false, editors: new Set(), unprotected: [] };
    wb.protections.push(p);
    return this._wrap(new Protection(this._s, this._x, p));
  }
}

// Style attributes: set<Name>(v), set<Name>s(2-D), get<Name>(), get<Name>s() from one table.
for (const [name, dflt] of Object.entries(STYLE_ATTRS)) {
  const proto = Range.prototype as unknown as Record<string, unknown>;
  proto[`set${name}`] = function (this: Range, v: unknown) {
    return this._setAttr(name, v);
  };
  proto[`set${name}s`] = function (this: Range, v: unknown[][]) {
    return this._setAttrs(name, v);
  };
  proto[`get${name}`] = function (this: Range) {
    return this._m.attrs.get(name)?.get(this._r, this._c) ?? dflt;
  };
  proto[`get${name}s`] = function (this: Range) {
    return this._getAttrs(name, dflt);
  };
}

// ---------------------------------------------------------------- Protection / NamedRange

export class Protection extends Svc {
  static gasName = 'Protection';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _p: ProtectionModel,
  ) {
    super(s, x);
  }
  getProtectionType(): string {
    return this._p.type;
  }
  getRange(): Range {
    const r = this._p.region;
    return this._wrap(new Range(this._s, this._x, this._s.wb.sheetById(r.sheetId)!, r.row, r.col, r.numRows, r.numCols));
  }
  getDescription(): string {
    return this._p.description;
  }
  setDescription(d: string): Protection {
    this._p.description = String(d);
    return this;
  }
  isWarningOnly(): boolean {
    return this._p.warningOnly;
  }
  setWarningOnly(w: boolean): Protection {
    this._p.warningOnly = Boolean(w);
    return this;
  }
  _email(u: unknown): string {
    return typeof u === 'string' ? u : String((u as { getEmail(): string }).getEmail());
  }
  addEditor(user: unknown): Protection {
    this._p.editors.add(this._email(user));
    return this;
  }
  addEditors(users: unknown[]): Protection {
    for (const u of users) this._p.editors.add(this._email(u));
    return this;
  }
  removeEditor(user: unknown): Protection {
    this._p.editors.delete(this._email(user));
    return this;
  }
  removeEditors(users: unknown[]): Protection {
    for (const u of users) this._p.editors.delete(this._email(u));
    return this;
  }
  getEditors(): { getEmail(): string }[] {
    return [...this._p.editors].map((e) => ({ getEmail: () => e }));
  }
  canEdit(): boolean {
    return canEditThrough(this._p, this._x.user);
  }
  setDomainEdit(_editable: boolean): Protection {
    return this;
  }
  canDomainEdit(): boolean {
    return false;
  }
  setUnprotectedRanges(ranges: Range[]): Protection {
    if (this._p.type !== 'SHEET') fail('Unprotected ranges can only be set on a sheet protection.');
    this._p.unprotected = ranges.map((r) => r._region());
    return this;
  }
  getUnprotectedRanges(): Range[] {
    return this._p.unprotected.map((r) => this._wrap(new Range(this._s, this._x, this._s.wb.sheetById(r.sheetId)!, r.row, r.col, r.numRows, r.numCols)));
  }
  remove(): void {
    this._s.wb.protections = this._s.wb.protections.filter((p) => p !== this._p);
  }
}

export class NamedRange extends Svc {
  static gasName = 'NamedRange';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    public _name: string,
  ) {
    super(s, x);
  }
  getName(): string {
    return this._name;
  }
  setName(name: string): NamedRange {
    const r = this._s.wb.namedRanges.get(this._name);
    if (r) {
      this._s.wb.namedRanges.delete(this._name);
      this._s.wb.namedRanges.set(String(name), r);
    }
    this._name = String(name);
    return this;
  }
  getRange(): Range {
    const r = this._s.wb.namedRanges.get(this._name);
    if (!r) fail(`Named range ${this._name} no longer exists.`);
    return this._wrap(new Range(this._s, this._x, this._s.wb.sheetById(r.sheetId)!, r.row, r.col, r.numRows, r.numCols));
  }
  setRange(range: Range): NamedRange {
    this._s.wb.namedRanges.set(this._name, range._region());
    return this;
  }
  remove(): void {
    this._s.wb.namedRanges.delete(this._name);
  }
}

// ---------------------------------------------------------------- data validation builder

export class DataValidation extends Svc {
  static gasName = 'DataValidation';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _rule: ValidationRule,
  ) {
    super(s, x);
  }
  getCriteriaType(): string {
    return this._rule.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this._rule.args.map((a, i) => {
      if (i === 0 && this._rule.criteria === 'VALUE_IN_RANGE') {
        const r = a as Region;
        return this._wrap(new Range(this._s, this._x, this._s.wb.sheetById(r.sheetId)!, r.row, r.col, r.numRows, r.numCols));
      }
      return Array.isArray(a) ? [...a] : a;
    });
  }
  getAllowInvalid(): boolean {
    return this._rule.allowInvalid;
  }
  getHelpText(): string | null {
    return this._rule.helpText || null;
  }
  copy(): DataValidationBuilder {
    const b = new DataValidationBuilder(this._s, this._x);
    b._rule = { ...this._rule, args: [...this._rule.args] };
    return this._wrap(b);
  }
}

export class DataValidationBuilder extends Svc {
  static gasName = 'DataValidationBuilder';
  _rule: ValidationRule = { criteria: 'CUSTOM_FORMULA', args: [], allowInvalid: true, helpText: '' };

  _set(criteria: string, args: unknown[]): DataValidationBuilder {
    this._rule = { ...this._rule, criteria, args };
    return this;
  }
  requireValueInList(values: unknown[], showDropdown = true): DataValidationBuilder {
    if (!Array.isArray(values)) badParams([values], 'DataValidationBuilder.requireValueInList');
    return this._set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: Range, showDropdown = true): DataValidationBuilder {
    return this._set('VALUE_IN_RANGE', [range._region(), showDropdown]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): DataValidationBuilder {
    return this._set('CHECKBOX', checked === undefined ? [] : [checked, unchecked ?? '']);
  }
  requireDate(): DataValidationBuilder {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireFormulaSatisfied(formula: string): DataValidationBuilder {
    return this._set('CUSTOM_FORMULA', [String(formula)]);
  }
  withCriteria(criteria: string, args: unknown[]): DataValidationBuilder {
    return this._set(String(criteria), [...args]);
  }
  setAllowInvalid(allow: boolean): DataValidationBuilder {
    this._rule = { ...this._rule, allowInvalid: Boolean(allow) };
    return this;
  }
  setHelpText(text: string): DataValidationBuilder {
    this._rule = { ...this._rule, helpText: String(text) };
    return this;
  }
  getCriteriaType(): string {
    return this._rule.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this._rule.args];
  }
  getAllowInvalid(): boolean {
    return this._rule.allowInvalid;
  }
  getHelpText(): string | null {
    return this._rule.helpText || null;
  }
  build(): DataValidation {
    return this._wrap(new DataValidation(this._s, this._x, { ...this._rule }));
  }
  copy(): DataValidationBuilder {
    const b = new DataValidationBuilder(this._s, this._x);
    b._rule = { ...this._rule };
    return this._wrap(b);
  }
}

// requireNumberBetween(a, b), requireDateAfter(d), requireTextContains(t) …: one table.
const REQUIRE: Record<string, string> = {
  requireNumberBetween: 'NUMBER_BETWEEN',
  requireNumberNotBetween: 'NUMBER_NOT_BETWEEN',
  requireNumberGreaterThan: 'NUMBER_GREATER_THAN',
  requireNumberGreaterThanOrEqualTo: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  requireNumberLessThan: 'NUMBER_LESS_THAN',
  requireNumberLessThanOrEqualTo: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  requireNumberEqualTo: 'NUMBER_EQUAL_TO',
  requireNumberNotEqualTo: 'NUMBER_NOT_EQUAL_TO',
  requireDateAfter: 'DATE_AFTER',
  requireDateBefore: 'DATE_BEFORE',
  requireDateBetween: 'DATE_BETWEEN',
  requireDateNotBetween: 'DATE_NOT_BETWEEN',
  requireDateEqualTo: 'DATE_EQUAL_TO',
  requireDateOnOrAfter: 'DATE_ON_OR_AFTER',
  requireDateOnOrBefore: 'DATE_ON_OR_BEFORE',
  requireTextContains: 'TEXT_CONTAINS',
  requireTextDoesNotContain: 'TEXT_DOES_NOT_CONTAIN',
  requireTextEqualTo: 'TEXT_EQUAL_TO',
  requireTextIsEmail: 'TEXT_IS_VALID_EMAIL',
  requireTextIsUrl: 'TEXT_IS_VALID_URL',
};
for (const [method, criteria] of Object.entries(REQUIRE)) {
  (DataValidationBuilder.prototype as unknown as Record<string, unknown>)[method] = function (this: DataValidationBuilder, ...args: unknown[]) {
    // Dates are copied so a later change to the caller's Date does not move the rule.
    return this._set(
      criteria,
      args.map((a) => (isDateValue(a) ? new Date(a.getTime()) : a)),
    );
  };
}

// ---------------------------------------------------------------- charts

export class EmbeddedChartBuilder extends Svc {
  static gasName = 'EmbeddedChartBuilder';
  _c: ChartModel;
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _m: SheetModel,
    from: ChartModel | null,
  ) {
    super(s, x);
    this._c = from
      ? { ...from, ranges: [...from.ranges], options: { ...from.options } }
      : { id: s.wb.nextId++, type: 'COLUMN', ranges: [], position: [1, 1, 0, 0], options: {} };
  }
  addRange(range: Range): EmbeddedChartBuilder {
    this._c.ranges.push(range._region());
    return this;
  }
  removeRange(range: Range): EmbeddedChartBuilder {
    const r = range._region();
    this._c.ranges = this._c.ranges.filter((x) => JSON.stringify(x) !== JSON.stringify(r));
    return this;
  }
  clearRanges(): EmbeddedChartBuilder {
    this._c.ranges = [];
    return this;
  }
  getRanges(): Range[] {
    return this._c.ranges.map((r) => this._wrap(new Range(this._s, this._x, this._s.wb.sheetById(r.sheetId)!, r.row, r.col, r.numRows, r.numCols)));
  }
  setChartType(type: string): EmbeddedChartBuilder {
    this._c.type = String(type);
    return this;
  }
  getChartType(): string {
    return this._c.type;
  }
  setPosition(anchorRow: number, anchorCol: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this._c.position = [anchorRow, anchorCol, offsetX, offsetY];
    return this;
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this._c.options[String(option)] = value;
    return this;
  }
  build(): EmbeddedChart {
    return this._wrap(new EmbeddedChart(this._s, this._x, this._m, { ...this._c, ranges: [...this._c.ranges], options: { ...this._c.options } }));
  }
}
for (const t of Object.keys(SPREADSHEET_ENUMS.ChartType)) {
  const name = `as${t
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('')}Chart`;
  (EmbeddedChartBuilder.prototype as unknown as Record<string, unknown>)[name] = function (this: EmbeddedChartBuilder) {
    return this.setChartType(t);
  };
}

export class EmbeddedChart extends Svc {
  static gasName = 'EmbeddedChart';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _m: SheetModel,
    readonly _c: ChartModel,
  ) {
    super(s, x);
  }
  getId(): string {
    return `u${this._c.id}`;
  }
  getChartId(): number {
    return this._c.id;
  }
  getRanges(): Range[] {
    return this._c.ranges.map((r) => this._wrap(new Range(this._s, this._x, this._s.wb.sheetById(r.sheetId)!, r.row, r.col, r.numRows, r.numCols)));
  }
  getOptions(): { get(option: string): unknown } {
    const o = this._c.options;
    return { get: (k: string) => o[k] ?? null };
  }
  getChartType(): string {
    return this._c.type;
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    const [r, c, x, y] = this._c.position;
    return { getAnchorRow: () => r, getAnchorColumn: () => c, getOffsetX: () => x, getOffsetY: () => y };
  }
  modify(): EmbeddedChartBuilder {
    return this._wrap(new EmbeddedChartBuilder(this._s, this._x, this._m, this._c));
  }
}

export { columnToLetters, quoteSheetName };

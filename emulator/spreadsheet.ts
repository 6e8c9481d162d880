/**
 * SpreadsheetApp and its objects: the facade (SpreadsheetApp, Spreadsheet, Sheet) here; Range,
 * Protection, NamedRange and data validation in range.ts; charts in charts.ts; the argument,
 * bounds, protection and validation checks in spreadsheet-checks.ts.
 */
import { columnToLetters, parseA1, quoteSheetName, splitSheetName } from './a1';
import type {
  SheetModel,
} from './model';
import { fail } from './runtime';
import { Svc } from './state';
import { Ui } from './ui';
import { badParams, checkBounds, checkValidation, guardRegion, guardSheet, OUT_OF_BOUNDS, toInt } from './spreadsheet-checks';
import { SPREADSHEET_ENUMS } from './spreadsheet-enums';
import { EmbeddedChart, EmbeddedChartBuilder } from './charts';
import { DataValidationBuilder, NamedRange, Protection, Range, regionValues } from './range';
import { checkFreeze, type Filter, FilterCriteriaBuilder } from './layout';

/** What Sheets calls a new sheet (Sheet1, 工作表1) in a spreadsheet locale. */
export function defaultSheetPrefix(locale: string): string {
  return /^zh/i.test(locale) ? '工作表' : 'Sheet';
}

export { ChartsService, DataValidationCriteria, ProtectionType } from './spreadsheet-enums';
export { DataValidation, DataValidationBuilder, NamedRange, Protection, Range } from './range';
export { EmbeddedChart, EmbeddedChartBuilder } from './charts';
export { Filter, FilterCriteria, FilterCriteriaBuilder } from './layout';

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
  newFilterCriteria(): FilterCriteriaBuilder {
    return this._wrap(new FilterCriteriaBuilder(this._s, this._x));
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
      const prefix = defaultSheetPrefix(wb.locale);
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
    checkValidation(this, m, row, 1, [rowContents], (mm, r) => regionValues(this, mm, r));
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
    this._m.shift(axis, after, n);
  }

  deleteRows(start: number, howMany: number): void {
    this._delete('row', start, howMany);
  }
  deleteRow(row: number): Sheet {
    this.deleteRows(row, 1);
    return this;
  }
  deleteColumns(start: number, howMany: number): void {
    this._delete('col', start, howMany);
  }
  _delete(axis: 'row' | 'col', start: number, howMany: number): void {
    const m = this._m;
    const [max, frozen, what] = axis === 'row' ? [m.maxRows, m.frozenRows, 'rows'] : [m.maxCols, m.frozenCols, 'columns'];
    if (start < 1 || howMany < 1 || start + howMany - 1 > max) fail(`Those ${what} are out of bounds.`);
    if (howMany >= max - frozen && start <= frozen + 1) fail(`Sorry, it is not possible to delete all non-frozen ${what}.`);
    guardSheet(this, m);
    guardRegion(this, axis === 'row' ? { sheetId: m.id, row: start, col: 1, numRows: howMany, numCols: m.maxCols } : { sheetId: m.id, row: 1, col: start, numRows: m.maxRows, numCols: howMany });
    m.shift(axis, start - 1, -howMany);
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
    checkFreeze(this._m, 'row', Number(n));
    this._m.frozenRows = Number(n);
  }
  getFrozenRows(): number {
    return this._m.frozenRows;
  }
  setFrozenColumns(n: number): void {
    guardSheet(this, this._m);
    checkFreeze(this._m, 'col', Number(n));
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
        // Whoever protects a sheet can still edit it (emulator-internal access stands for another user).
        editors: new Set(this._x.admin ? [] : [this._x.user]),
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
  getFilter(): Filter | null {
    return this._all().getFilter();
  }
  isRowHiddenByFilter(row: number): boolean {
    return this._m.filter?.hidden.has(Number(row)) ?? false;
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

declare module './range' {
  interface Range {
    getSheet(): Sheet;
  }
}
// Range's one way up to its Sheet, set here so range.ts need not import this file.
Range.prototype.getSheet = function (this: Range): Sheet {
  return this._wrap(new Sheet(this._s, this._x, this._m));
};

export { columnToLetters, quoteSheetName };

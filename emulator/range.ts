/** Range, Protection, NamedRange and data validation: the objects that hand each other ranges (reading a block of values: readBlock in model.ts). */
import { rangeA1 } from './a1';
import { displayValue, isDateValue } from './format';
import type { Grid } from './grid';
import { breakApart, createFilter, Filter, type FilterModel, merge, mergesAt } from './layout';
import {
  NUMBER_FORMAT,
  type ProtectionModel,
  type Region,
  readBlock,
  type SheetModel,
  STYLE_ATTRS,
  VALIDATION,
  type ValidationRule,
} from './model';
import { fail } from './runtime';
import { Svc } from './state';
import { badParams, canEditThrough, checkBounds, checkCellText, checkShape, checkValidation, guardRegion } from './spreadsheet-checks';

/** A region's values read as a script would, past protections (for a list-from-range rule). */
export function regionValues(svc: Svc, m: SheetModel, r: Region): unknown[][] {
  return new Range(svc._s, { ...svc._x, admin: true }, m, r.row, r.col, r.numRows, r.numCols).getValues();
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
    return readBlock(this._m, this._r, this._c, this._nr, this._nc, this._x.realm.Date, (v) => this._out(v));
  }
  getValue(): unknown {
    const ov = this._m.evaluated()?.get(this._r, this._c);
    return this._out(ov !== undefined ? ov : this._m.values.get(this._r, this._c));
  }
  setValues(values: unknown[][]): Range {
    const data = checkShape(values, this._nr, this._nc, 'setValues');
    checkCellText(data);
    this._guard();
    checkValidation(this, this._m, this._r, this._c, data, (m, r) => regionValues(this, m, r));
    this._m.writeBlock(this._r, this._c, data);
    return this;
  }
  setValue(value: unknown): Range {
    const data = this._fill(value);
    checkCellText(data);
    this._guard();
    checkValidation(this, this._m, this._r, this._c, data, (m, r) => regionValues(this, m, r));
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
    merge(this._m, this._region());
    return this;
  }
  mergeAcross(): Range {
    return this.merge();
  }
  mergeVertically(): Range {
    return this.merge();
  }
  breakApart(): Range {
    this._guard();
    breakApart(this._m, this._region());
    return this;
  }
  getMergedRanges(): Range[] {
    return mergesAt(this._m, this._region()).map((x) => this._sub(x.row, x.col, x.numRows, x.numCols));
  }
  isPartOfMerge(): boolean {
    return mergesAt(this._m, this._region()).length > 0;
  }
  createFilter(): Filter {
    this._guard();
    return this._filter(createFilter(this._m, this._region()));
  }
  getFilter(): Filter | null {
    return this._m.filter ? this._filter(this._m.filter) : null;
  }
  _filter(f: FilterModel): Filter {
    return this._wrap(new Filter(this._s, this._x, this._m, f, (r, c, nr, nc) => this._sub(r, c, nr, nc)));
  }
  setBorder(..._args: unknown[]): Range {
    this._guard();
    return this;
  }
  protect(): Protection {
    const wb = this._s.wb;
    // Whoever protects a range can still edit it, as in Sheets (emulator-internal access stands for another user).
    const p: ProtectionModel = { id: wb.nextId++, type: 'RANGE', region: this._region(), description: '', warningOnly: false, editors: new Set(this._x.admin ? [] : [this._x.user]), unprotected: [] };
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

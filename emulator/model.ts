/** The workbook's state, shared by every execution: sheets, named ranges, protections. */
import { Grid } from './grid';
import { isDateValue, parseEntered } from './format';
import { cellA1 } from './a1';
import { fail } from './runtime';

export type Cell = string | number | boolean | Date;

/** Style attributes kept per cell; Range gets set<Name>/set<Name>s/get<Name>/get<Name>s for each. */
export const STYLE_ATTRS: Record<string, unknown> = {
  FontWeight: 'normal',
  FontStyle: 'normal',
  FontColor: '#000000',
  FontSize: 10,
  FontFamily: 'Arial',
  FontLine: 'none',
  Background: '#ffffff',
  HorizontalAlignment: 'general',
  VerticalAlignment: 'bottom',
  Wrap: false,
  WrapStrategy: 'OVERFLOW',
  Note: '',
};
export const NUMBER_FORMAT = 'NumberFormat';
export const VALIDATION = 'DataValidation';

export interface Region {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface ValidationRule {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface ProtectionModel {
  id: number;
  type: 'SHEET' | 'RANGE';
  region: Region; // whole sheet for SHEET
  description: string;
  warningOnly: boolean;
  editors: Set<string>;
  unprotected: Region[];
}

export interface ChartModel {
  id: number;
  type: string;
  ranges: Region[];
  position: [number, number, number, number];
  options: Record<string, unknown>;
}

export class SheetModel {
  values = new Grid<Cell>();
  formulas = new Grid<string>();
  attrs = new Map<string, Grid<unknown>>();
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  tabColor: string | null = null;
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  merges: Region[] = [];
  /** The sheet's filter (one at most): layout.ts. */
  filter: FilterModel | null = null;
  charts: ChartModel[] = [];
  private lastCache = { version: -1, row: 0, col: 0 };
  overlay: { version: number; grid: Grid<unknown> } | null = null;
  computing = false;

  constructor(
    readonly wb: WorkbookModel,
    public id: number,
    public name: string,
    public maxRows = 1000,
    public maxCols = 26,
  ) {}

  attr(name: string): Grid<unknown> {
    let g = this.attrs.get(name);
    if (!g) {
      g = new Grid<unknown>();
      this.attrs.set(name, g);
    }
    return g;
  }

  /** Last row / column holding a value or a formula (content, not formatting), cached per version. */
  private extent(): { row: number; col: number } {
    if (this.lastCache.version !== this.wb.version) {
      const has = (v: unknown) => v !== undefined && v !== '';
      const hasF = (v: unknown) => v !== undefined;
      this.lastCache = {
        version: this.wb.version,
        row: Math.max(this.values.lastRow(has), this.formulas.lastRow(hasF)),
        col: Math.max(this.values.lastCol(has), this.formulas.lastCol(hasF)),
      };
    }
    return this.lastCache;
  }

  lastRow(): number {
    return this.extent().row;
  }

  lastCol(): number {
    return this.extent().col;
  }

  /**
   * Writes a block of caller values the way Sheets does: '=' starts a formula, a leading
   * apostrophe forces text, strings that look like numbers/dates/booleans are converted (unless
   * the cell is formatted as plain text '@'), Dates are copied.
   */
  writeBlock(row: number, col: number, data: readonly (readonly unknown[])[]): void {
    this.wb.version++;
    const nr = data.length;
    const nc = nr ? data[0].length : 0;
    this.formulas.clear(row, col, nr, nc);
    const fmts = this.attrs.get(NUMBER_FORMAT);
    const parse = this.wb.parseStrings;
    const tz = this.wb.timeZone;
    // One stored copy per instant: stored Dates are never changed nor handed out (getValues copies
    // them), and a block repeats a few dates (an Updated time, due dates) down 10^5 rows.
    const dates = new Map<number, Date>();
    this.values.writeRows(row, nr, (dest, i) => {
      const src = data[i];
      for (let j = 0; j < nc; j++) {
        const v = src[j];
        let out: Cell | undefined;
        if (typeof v === 'number' || typeof v === 'boolean') out = v;
        else if (typeof v === 'string') {
          const c0 = v.charCodeAt(0);
          if (v === '') out = undefined;
          else if (c0 === 61 && v.length > 1) {
            this.formulas.set(row + i, col + j, v);
            out = undefined;
          } else if (c0 === 39) out = v.slice(1) || undefined;
          else {
            // Parsed first: most text is not convertible (a first-character check), and then the
            // cell's format ('@' keeps text as text) need not be looked up.
            const p = parse ? parseEntered(v, tz) : null;
            if (p && fmts?.get(row + i, col + j) !== '@') {
              out = p.value;
              if (p.format && fmts?.get(row + i, col + j) === undefined) this.attr(NUMBER_FORMAT).set(row + i, col + j, p.format);
            } else out = v;
          }
        } else if (v === null || v === undefined) out = undefined;
        else if (isDateValue(v)) {
          const ms = v.getTime();
          let copy = dates.get(ms);
          if (copy === undefined) {
            copy = new Date(ms);
            dates.set(ms, copy);
          }
          out = copy;
        } else out = String(v);
        dest[col - 1 + j] = out;
      }
    }, col - 1 + nc);
    keepTopLeft(this, row, col, nr, nc);
  }

  clearContent(row: number, col: number, numRows: number, numCols: number): void {
    this.wb.version++;
    this.values.clear(row, col, numRows, numCols);
    this.formulas.clear(row, col, numRows, numCols);
  }

  clearFormats(row: number, col: number, numRows: number, numCols: number): void {
    for (const [name, g] of this.attrs) if (name !== VALIDATION && name !== 'Note') g.clear(row, col, numRows, numCols);
  }

  /** Insert n rows or columns after `at` (n > 0), or delete −n of them from `at` + 1 on (n < 0). */
  shift(axis: 'row' | 'col', at: number, n: number): void {
    this.wb.version++;
    for (const g of [this.values, this.formulas, ...this.attrs.values()]) {
      if (axis === 'row') n > 0 ? g.insertRows(at, n) : g.deleteRows(at + 1, -n);
      else n > 0 ? g.insertCols(at, n) : g.deleteCols(at + 1, -n);
    }
    if (axis === 'row') this.maxRows += n;
    else this.maxCols += n;
    this.wb.shiftRegions(this.id, axis, at, n);
  }

  /** Values of formula cells (and their spills) from the evaluator hook, cached per workbook version. */
  evaluated(): Grid<unknown> | null {
    const evaluate = this.wb.evaluator;
    if (!evaluate || this.computing || this.formulas.isEmpty()) return null;
    if (this.overlay && this.overlay.version === this.wb.version) return this.overlay.grid;
    this.computing = true;
    const grid = new Grid<unknown>();
    try {
      const cells: [number, number, string][] = [];
      this.formulas.forEach((r, c, f) => {
        cells.push([r, c, f]);
      });
      for (const [r, c, f] of cells) {
        let out: unknown;
        try {
          out = evaluate(f, { sheet: this.name, row: r, column: c, a1: cellA1(r, c) });
        } catch (e) {
          out = `#ERROR! ${e instanceof Error ? e.message : String(e)}`;
        }
        if (Array.isArray(out)) {
          // A 2-D result spills right and down into empty cells, like an array formula.
          const rows = out.map((x) => (Array.isArray(x) ? x : [x]));
          rows.forEach((line, i) => {
            line.forEach((v, j) => {
              if (i === 0 && j === 0) grid.set(r, c, v ?? '');
              else if (r + i <= this.maxRows && c + j <= this.maxCols && this.formulas.get(r + i, c + j) === undefined) {
                const own = this.values.get(r + i, c + j);
                if (own === undefined || own === '') grid.set(r + i, c + j, v ?? '');
              }
            });
          });
        } else grid.set(r, c, out ?? '');
      }
    } finally {
      this.computing = false;
    }
    this.overlay = { version: this.wb.version, grid };
    return grid;
  }
}

export type FormulaEvaluator = (formula: string, cell: { sheet: string; row: number; column: number; a1: string }) => unknown;

export class WorkbookModel {
  sheets: SheetModel[] = [];
  namedRanges = new Map<string, Region>();
  protections: ProtectionModel[] = [];
  version = 0;
  nextSheetId = 0;
  nextId = 1;
  activeSheetId = 0;
  activeRange: Region | null = null;
  evaluator: FormulaEvaluator | null = null;
  parseStrings = true;

  constructor(
    public id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
  ) {}

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  addSheet(name: string, index?: number, id?: number): SheetModel {
    if (this.sheetByName(name)) fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const sid = id ?? this.nextSheetId;
    this.nextSheetId = Math.max(this.nextSheetId, sid) + 1;
    const s = new SheetModel(this, sid, name);
    if (index === undefined || index >= this.sheets.length) this.sheets.push(s);
    else this.sheets.splice(Math.max(0, index), 0, s);
    this.version++;
    return s;
  }

  removeSheet(s: SheetModel): void {
    this.sheets = this.sheets.filter((x) => x !== s);
    for (const [name, r] of this.namedRanges) if (r.sheetId === s.id) this.namedRanges.delete(name);
    this.protections = this.protections.filter((p) => p.region.sheetId !== s.id);
    if (this.activeSheetId === s.id) {
      this.activeSheetId = this.sheets[0]?.id ?? 0;
      this.activeRange = null;
    }
    this.version++;
  }

  /** Keeps named ranges and protected ranges on their cells when rows/columns move. */
  shiftRegions(sheetId: number, axis: 'row' | 'col', after: number, n: number): void {
    const shift = (r: Region): Region | null => {
      if (r.sheetId !== sheetId) return r;
      const start = axis === 'row' ? r.row : r.col;
      const size = axis === 'row' ? r.numRows : r.numCols;
      let s = start;
      let z = size;
      if (n > 0) {
        if (start > after) s += n;
        else if (start + size - 1 > after) z += n;
      } else {
        const delStart = after + 1;
        const delEnd = after - n;
        const end = start + size - 1;
        const keepBefore = Math.max(0, Math.min(end, delStart - 1) - start + 1);
        const keepAfter = Math.max(0, end - Math.max(start, delEnd + 1) + 1);
        z = keepBefore + keepAfter;
        if (z === 0) return null;
        s = Math.min(start, delStart);
      }
      return axis === 'row' ? { ...r, row: s, numRows: z } : { ...r, col: s, numCols: z };
    };
    for (const [name, r] of this.namedRanges) {
      const x = shift(r);
      if (x) this.namedRanges.set(name, x);
      else this.namedRanges.delete(name);
    }
    for (const p of this.protections) {
      if (p.type === 'RANGE') {
        const x = shift(p.region);
        if (x) p.region = x;
      } else {
        const s = this.sheetById(sheetId);
        if (s && p.region.sheetId === sheetId) p.region = { ...p.region, numRows: s.maxRows, numCols: s.maxCols };
      }
      p.unprotected = p.unprotected.map(shift).filter((x): x is Region => x !== null);
    }
    // Merges and the filter move with their cells too (a merge or filter range grows around inserted rows).
    const sheet = this.sheetById(sheetId);
    if (sheet) {
      sheet.merges = sheet.merges.map(shift).filter((x): x is Region => x !== null && x.numRows * x.numCols > 1);
      if (axis === 'row') shiftFilterRows(sheet, after, n, shift);
      else if (sheet.filter) {
        const x = shift(sheet.filter.region);
        if (x) {
          sheet.filter.region = x;
          // A column's conditions move with it; a deleted column's go with it.
          const moved = new Map<number, CriteriaModel>();
          for (const [c, criteria] of sheet.filter.criteria) {
            if (c <= after) moved.set(c, criteria);
            else if (n > 0) moved.set(c + n, criteria);
            else if (c > after - n) moved.set(c + n, criteria);
          }
          sheet.filter.criteria = moved;
        } else sheet.filter = null;
      }
    }
  }
}

export function intersects(a: Region, b: Region): boolean {
  return (
    a.sheetId === b.sheetId &&
    a.row <= b.row + b.numRows - 1 &&
    b.row <= a.row + a.numRows - 1 &&
    a.col <= b.col + b.numCols - 1 &&
    b.col <= a.col + a.numCols - 1
  );
}

export function contains(outer: Region, inner: Region): boolean {
  return (
    outer.sheetId === inner.sheetId &&
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}

// ---------------------------------------------------------------- merges and the filter (layout.ts)

export interface CriteriaModel {
  hiddenValues: string[];
  visibleValues: string[];
  /** A condition (BooleanCriteria name) and its values, or null. */
  type: string | null;
  args: unknown[];
}

export interface FilterModel {
  region: Region;
  /** 1-based sheet column → its conditions. */
  criteria: Map<number, CriteriaModel>;
  /** Sheet rows the filter hides now. */
  hidden: Set<number>;
}

/** After a write: the cells of a merge other than its top-left one show nothing (their value is not kept). */
export function keepTopLeft(m: SheetModel, row: number, col: number, numRows: number, numCols: number): void {
  if (m.merges.length === 0) return;
  const written: Region = { sheetId: m.id, row, col, numRows, numCols };
  for (const x of m.merges.filter((r) => intersects(r, written)))
    for (let i = 0; i < x.numRows; i++)
      for (let j = 0; j < x.numCols; j++) {
        if (i === 0 && j === 0) continue;
        m.values.set(x.row + i, x.col + j, undefined);
        m.formulas.set(x.row + i, x.col + j, undefined);
      }
}

/** Keeps the filter on its rows when rows are inserted (after `after`, n > 0) or deleted (n < 0). */
export function shiftFilterRows(m: SheetModel, after: number, n: number, shift: (r: Region) => Region | null): void {
  const f = m.filter;
  if (!f) return;
  const region = shift(f.region);
  if (!region) {
    m.filter = null;
    return;
  }
  f.region = region;
  const hidden = new Set<number>();
  for (const r of f.hidden) {
    if (r <= after) hidden.add(r);
    else if (n > 0) hidden.add(r + n);
    else if (r > after - n) hidden.add(r + n);
  }
  f.hidden = hidden;
}

/**
 * A block of a sheet's values as a script reads it (1-based row and column): '' for empty cells,
 * Dates copied into the caller's realm, formula results (the evaluated overlay) through `out`.
 */
export function readBlock(m: SheetModel, r: number, c: number, nr: number, nc: number, D: DateConstructor, out: (v: unknown) => unknown): unknown[][] {
  const rows = m.values.rows;
  const overlay = m.evaluated();
  const block: unknown[][] = new Array(nr);
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
        if (v !== undefined) row[j] = out(v);
      }
    }
    block[i] = row;
  }
  return block;
}

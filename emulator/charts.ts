/** Embedded charts and their builder. */
import type {
  ChartModel,
  SheetModel,
} from './model';
import { Svc } from './state';
import { SPREADSHEET_ENUMS } from './spreadsheet-enums';
import { Range } from './range';

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

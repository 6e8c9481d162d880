/**
 * The TypeScript evaluator of the expression language (expr.ts): a model compiled once into one
 * JavaScript function of straight-line code — a local per definition, a null check per operation
 * — that V8 optimizes like hand-written code. A tree of closures, one call per node and a boxed
 * number per result, ran 100k roster rows four times slower.
 *
 * The generated source holds only numbers (printed so they read back as the same double), string
 * literals (JSON-quoted) and names made here; it reads rows only through the column readers given.
 * Every operation takes the same steps as the SQL renderings (sql.ts), in the same order, so both
 * give the same doubles. Pure.
 */
import { checkModel, type ColumnTypes, curveScale, type Expr, type Model, refsIn, type Value } from './expr';

/** How a compiled model reads a column from a row of type R. Return null for no data; dates as day numbers. */
export type ColumnReader<R> = (row: R) => Value;

export interface CompiledModel<R> {
  /** Where each wanted definition lands in the slots, by name. */
  index: Readonly<Record<string, number>>;
  /** Evaluate the model for a row as of a day (day number) into `slots` (reused when given) and return it. */
  run: (row: R, asOfDay: number, slots?: Value[]) => Value[];
}

// Read once: global lookups are slow inside a vm context (the emulator, tests, bench).
const { floor, log10, log, sqrt } = Math;
const EPSILON = Number.EPSILON;
const FunctionCtor = Function;

/**
 * Compile a model for rows of type R, checking it first (checkModel). `read` gives the reader of
 * each column the model uses; `wanted` the definitions `run` hands back (default: every one —
 * ask for fewer when scoring many rows: only what they need is computed, and each slot filled
 * costs). `given` names definitions the caller already knows: they are read from the row through
 * `read` like columns instead of being computed (the tier rules over a score worked out before).
 */
export function compileModel<R>(
  model: Model,
  columns: ColumnTypes,
  read: (name: string) => ColumnReader<R>,
  wanted?: readonly string[],
  given: readonly string[] = [],
): CompiledModel<R> {
  checkModel(model, columns);
  const gen = new Generator(model, new Set(given));
  const body = gen.body(wanted ?? model.definitions.map((d) => d.name));
  const readers = gen.columns.map((name) => read(name));
  const make = new FunctionCtor('R', 'H', body) as (r: ColumnReader<R>[], h: unknown) => (row: R, asOf: number, out: Value[]) => void;
  const fn = make(readers, { floor, log10, log, sqrt, EPSILON });
  const n = gen.outputs.length;
  const index: Record<string, number> = {};
  gen.outputs.forEach((name, i) => {
    index[name] = i;
  });
  return {
    index,
    run(row, asOfDay, slots = new Array<Value>(n).fill(null)) {
      fn(row, asOfDay, slots);
      return slots;
    },
  };
}

/** A finite number as JavaScript source that reads back as the same double. */
function numberJs(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot compile ${n}`);
  return Object.is(n, -0) ? '-0' : n < 0 ? `(${String(n)})` : String(n);
}

class Generator {
  /** Columns read, in the order of the readers array R. */
  readonly columns: string[] = [];
  outputs: string[] = [];
  private readonly lines: string[] = [];
  private readonly defIndex = new Map<string, number>();
  private temp = 0;

  constructor(
    private readonly model: Model,
    private readonly given: ReadonlySet<string>,
  ) {
    model.definitions.forEach((d, i) => {
      this.defIndex.set(d.name, i);
    });
  }

  body(wanted: readonly string[]): string {
    for (const name of [...wanted, ...this.given]) if (!this.defIndex.has(name)) throw new Error(`${name} is not defined`);
    this.outputs = [...wanted];
    // Only the definitions the wanted ones need, stopping at the given ones.
    const needed = new Set(wanted);
    for (const d of [...this.model.definitions].reverse()) if (needed.has(d.name) && !this.given.has(d.name)) for (const r of refsIn(d.expr)) needed.add(r);
    this.model.definitions.forEach((d, i) => {
      if (!needed.has(d.name)) return;
      const value = this.given.has(d.name) ? this.column(d.name) : this.expr(d.expr);
      this.lines.push(`const d${i} = ${value};`);
    });
    const reads = this.columns.map((_, i) => `const R${i} = R[${i}];`).join('\n');
    const cols = this.columns.map((_, i) => `const c${i} = R${i}(row);`).join('\n  ');
    const stores = wanted.map((name, i) => `out[${i}] = d${this.defIndex.get(name)};`).join('\n  ');
    return `"use strict";
const { floor: FLOOR, log10: LOG10, log: LN, sqrt: SQRT, EPSILON } = H;
${reads}
return function run(row, asOf, out) {
  ${cols}
  ${this.lines.join('\n  ')}
  ${stores}
};`;
  }

  /** The local holding a column (or a given definition) of the row. */
  private column(name: string): string {
    let i = this.columns.indexOf(name);
    if (i < 0) i = this.columns.push(name) - 1;
    return `c${i}`;
  }

  /** A new local holding `js`; returns its name. */
  private let(js: string): string {
    const name = `t${this.temp++}`;
    this.lines.push(`const ${name} = ${js};`);
    return name;
  }

  /** An atom (a literal or a local name) for the expression, statements added before it as needed. */
  private atom(e: Expr): string {
    switch (e.op) {
      case 'num':
        return numberJs(e.value);
      case 'str':
        return JSON.stringify(e.value);
      case 'bool':
        return e.value ? 'true' : 'false';
      case 'null':
        return 'null';
      case 'asOf':
        return 'asOf';
      case 'col':
        return this.column(e.name);
      case 'ref':
        return `d${this.defIndex.get(e.name)}`;
      default:
        return this.let(this.expr(e));
    }
  }

  /** `x === null || …` for the atoms that can be null (literals cannot, but null itself). */
  private nullCheck(atoms: string[]): string {
    const maybe = atoms.filter((a) => a === 'null' || !/^(\(?-?[\d.e+-]+\)?|"[^"]*"|true|false)$/.test(a));
    return maybe.length ? maybe.map((a) => `${a} === null`).join(' || ') : 'false';
  }

  /** JavaScript for an expression, over atoms. */
  private expr(e: Expr): string {
    switch (e.op) {
      case 'num':
      case 'str':
      case 'bool':
      case 'null':
      case 'asOf':
      case 'col':
      case 'ref':
        return this.atom(e);
      case 'arith': {
        const a = this.atom(e.a);
        const b = this.atom(e.b);
        if (e.fn === '/') return `(${this.nullCheck([a, b])} || ${b} === 0 ? null : ${a} / ${b})`;
        return `(${this.nullCheck([a, b])} ? null : ${a} ${e.fn} ${b})`;
      }
      case 'math': {
        const x = this.atom(e.a);
        const fn = e.fn === 'log10' ? 'LOG10' : e.fn === 'ln' ? 'LN' : 'SQRT';
        return e.fn === 'sqrt' ? `(${x} === null || ${x} < 0 ? null : SQRT(${x}))` : `(${x} === null || !(${x} > 0) ? null : ${fn}(${x}))`;
      }
      case 'round': {
        // roundHalfUp (expr.ts), step by step.
        const x = this.atom(e.a);
        const f = numberJs(10 ** e.places);
        return `(${x} === null ? null : FLOOR((${x} + EPSILON) * ${f} + 0.5) / ${f})`;
      }
      case 'least':
      case 'greatest': {
        const args = e.args.map((a) => this.atom(a));
        const better = e.op === 'greatest' ? '>' : '<';
        let best = args[0];
        for (const a of args.slice(1)) best = this.let(`(${a} ${better} ${best} ? ${a} : ${best})`);
        return `(${this.nullCheck(args)} ? null : ${best})`;
      }
      case 'clamp': {
        const x = this.atom(e.a);
        return `(${x} === null ? null : ${x} < ${numberJs(e.lo)} ? ${numberJs(e.lo)} : ${x} > ${numberJs(e.hi)} ? ${numberJs(e.hi)} : ${x})`;
      }
      case 'curve': {
        // curveSegment (expr.ts) on each segment: y0 + (y1 − y0) · (t − t0) ÷ (t1 − t0).
        const x = this.atom(e.a);
        const t = e.scale === 'linear' ? x : e.scale === 'log' ? `LOG10(${x})` : `LOG10(1 + ${x})`;
        const pts = e.points;
        const ts = pts.map(([px]) => curveScale(e.scale, px));
        let js = numberJs(pts[pts.length - 1][1]);
        for (let i = pts.length - 1; i >= 1; i--) {
          const [y0, y1] = [pts[i - 1][1], pts[i][1]];
          js = `${x} <= ${numberJs(pts[i][0])} ? ${numberJs(y0)} + (${numberJs(y1 - y0)} * (${t} - ${numberJs(ts[i - 1])})) / ${numberJs(ts[i] - ts[i - 1])} : ${js}`;
        }
        return `(${x} === null ? null : ${x} <= ${numberJs(pts[0][0])} ? ${numberJs(pts[0][1])} : ${js})`;
      }
      case 'cmp': {
        const a = this.atom(e.a);
        const b = this.atom(e.b);
        const op = e.fn === '=' ? '===' : e.fn === '<>' ? '!==' : e.fn;
        return `(${this.nullCheck([a, b])} ? null : ${a} ${op} ${b})`;
      }
      case 'and':
      case 'or': {
        // Three-valued: a decisive value (false for and, true for or) wins over an unknown.
        const args = e.args.map((a) => this.atom(a));
        const decisive = e.op === 'and' ? 'false' : 'true';
        return `(${args.map((a) => `${a} === ${decisive}`).join(' || ')} ? ${decisive} : ${args.map((a) => `${a} === null`).join(' || ')} ? null : ${e.op === 'and' ? 'true' : 'false'})`;
      }
      case 'not': {
        const x = this.atom(e.a);
        return `(${x} === null ? null : !${x})`;
      }
      case 'isNull':
        return `(${this.atom(e.a)} === null)`;
      case 'in': {
        const x = this.atom(e.a);
        return `(${x} === null ? null : ${e.values.length ? e.values.map((v) => `${x} === ${JSON.stringify(v)}`).join(' || ') : 'false'})`;
      }
      case 'case': {
        const branches = e.when.map(([c, v]) => [this.atom(c), this.atom(v)] as const);
        const otherwise = this.atom(e.else);
        return `(${branches.map(([c, v]) => `${c} === true ? ${v} : `).join('')}${otherwise})`;
      }
      case 'coalesce': {
        const args = e.args.map((a) => this.atom(a));
        return `(${args
          .slice(0, -1)
          .map((a) => `${a} !== null ? ${a} : `)
          .join('')}${args[args.length - 1]})`;
      }
      case 'daysSince': {
        const x = this.atom(e.a);
        return `(${x} === null ? null : asOf - ${x})`;
      }
      case 'wmean': {
        // Σ w·v ÷ Σ w over the present parts, summed in order from 0: as the SQL sums them.
        const sum = `t${this.temp++}`;
        const weight = `t${this.temp++}`;
        this.lines.push(`let ${sum} = 0, ${weight} = 0;`);
        for (const [v, w] of e.parts) {
          const va = this.atom(v);
          const wa = this.atom(w);
          this.lines.push(`if (!(${this.nullCheck([va, wa])})) { ${sum} += ${wa} * ${va}; ${weight} += ${wa}; }`);
        }
        return `(${weight} === 0 ? null : ${sum} / ${weight})`;
      }
    }
  }
}

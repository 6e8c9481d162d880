/**
 * npm run bench: timings of the built bundle (dist/Code.js) in a V8 context, as Apps Script runs
 * it — the bundle's size and cold evaluation, then one line per bench case.
 *
 * To add a case, push a BenchCase onto CASES: `prepare` builds its input outside the timing,
 * `run` makes the call being timed. Each case gets a freshly loaded bundle, because every Apps
 * Script execution starts cold.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script, createContext, runInContext, runInNewContext } from 'node:vm';
import { KOCS } from '../src/core/record';
import { defaultSettingsRows } from '../src/core/settings';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_PATH = join(root, 'dist/Code.js');
const NOW = new Date(2025, 5, 30, 9, 0);

/** The bundle loaded in a V8 context: call a global function by name. */
export interface Bundle {
  call(name: string, ...args: unknown[]): unknown;
}

export interface BenchCase {
  name: string;
  /** Rows the call handles, for rows/s; 0 when it does not apply. */
  rows: number;
  prepare: () => unknown[];
  run: (bundle: Bundle, args: unknown[]) => unknown | Promise<unknown>;
  /** Upper bound in ms shown beside the time (a target, not a failure). */
  targetMs?: number;
  /** Loads the bundle for this case itself (e.g. with a full-authorization emulator and a workbook). */
  load?: (code: string, args: unknown[]) => Bundle;
  /** More to say about the result, shown in the notes column. */
  notes?: (result: unknown) => string;
}

type Loader = (code: string) => Bundle;
/** A context as Apps Script has it before it evaluates the project's code: globals installed, no code yet. */
type Realm = () => object;

interface RecomputeEmulator {
  globals(): Record<string, unknown>;
  calls: { spreadsheetCalls(): number; dataCalls(): number; byMethod(): Record<string, number>; reset(): void };
  ui: { toasts: { message: string }[]; alerts: { prompt: string }[] };
}

/** The emulator and the workbook generator, when the emulator is there (the recompute cases need it). */
let recomputeKit: {
  setUpEmulator: () => RecomputeEmulator;
  fillWorkbook: (emulator: RecomputeEmulator, n: number) => void;
  loadBundle: (code: string, globals: Record<string, unknown>, opts: { now?: Date; filename?: string }) => Bundle;
} | null = null;

/**
 * The emulator's loader (emulator/vm.ts) with emulated Apps Script globals for a custom function;
 * a bare V8 context when the emulator is not there.
 */
async function loader(): Promise<{ load: Loader; realm: Realm; kind: string }> {
  try {
    const vmPath = join(root, 'emulator/vm.ts');
    const indexPath = join(root, 'emulator/index.ts');
    statSync(vmPath);
    statSync(indexPath);
    const vm = await import(vmPath);
    const em = await import(indexPath);
    const loadInContext = (code: string): Bundle & { context: object } =>
      vm.loadBundle(code, em.createEmulator().globals({ authMode: 'CUSTOM_FUNCTION' }), { now: NOW, filename: 'Code.js' });
    return { kind: 'emulator (custom functions in CUSTOM_FUNCTION mode)', load: loadInContext, realm: () => loadInContext('').context };
  } catch (_) {
    return {
      kind: 'bare V8 context (emulator/vm.ts not found)',
      realm: () => createContext({}),
      load: (code) => {
        const context = createContext({});
        runInContext(code, context, { filename: 'Code.js' });
        return { call: (name, ...args) => (context as Record<string, (...a: unknown[]) => unknown>)[name](...args) };
      },
    };
  }
}

// ── Inputs ─────────────────────────────────────────────────────────────────────────────────────

const HEADER = KOCS.columns.map((c) => c.en);
const daysAgo = (n: number) => new Date(2025, 5, 30 - n);

/** A roster of n rows with the mix a real one has: numbers, platform text, dates, blanks. */
export function rosterRows(n: number): unknown[][] {
  const cells: Record<string, (i: number) => unknown> = {
    id: (i) => `K${String(i).padStart(6, '0')}`,
    name: (i) => `KOC ${i}`,
    platform: (i) => ['Xiaohongshu', '抖音', 'Weibo', 'WeChat'][i % 4],
    source: (i) => (i % 3 ? 'Public' : '私域'),
    joined: (i) => daysAgo(10 + (i % 700)),
    categories: () => '美妆, 护肤',
    followers: (i) => (i % 10 === 0 ? `${(i % 97) / 10 + 0.5}万` : 300 + ((i * 7919) % 150_000)),
    posts30d: (i) => i % 15,
    likes: (i) => 20 + ((i * 31) % 900),
    collects: (i) => (i * 17) % 400,
    comments: (i) => (i % 5 === 0 ? '' : (i * 13) % 120),
    shares: (i) => (i * 7) % 60,
    leads30d: (i) => (i % 4 === 0 ? '' : i % 80),
    orders30d: (i) => (i % 4 === 0 ? '' : i % 40),
    gmv30d: (i) => (i % 4 === 0 ? '' : (i * 37) % 40_000),
    lastPost: (i) => (i % 9 === 0 ? '' : daysAgo(i % 120)),
    quality: (i) => 1 + (i % 5),
    professionalism: (i) => 1 + ((i + 1) % 5),
    creativity: (i) => 1 + ((i + 2) % 5),
    brandFit: (i) => 1 + ((i + 3) % 5),
    willingness: (i) => (i % 6 === 0 ? '' : 1 + ((i + 4) % 5)),
    communication: (i) => 1 + ((i + 1) % 5),
    monthlyCost: (i) => (i % 3) * 500,
    status: (i) => ['Active', '合作中', 'Candidate', 'Paused'][i % 4],
  };
  const rows: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = KOCS.columns.map((c) => cells[c.key]?.(i) ?? '');
  return rows;
}

// ── Cases ──────────────────────────────────────────────────────────────────────────────────────

export const CASES: BenchCase[] = [];

for (const n of [1_000, 10_000, 100_000]) {
  CASES.push({
    name: `KOC_SCORE ${n.toLocaleString('en-US')} rows`,
    rows: n,
    // As the README writes it: KOC_SCORE(headers, rows, KOC_ASOF, KOC_SETTINGS).
    prepare: () => [[HEADER], rosterRows(n), NOW, defaultSettingsRows('en').map((r) => [r[0], r[1]])],
    run: (b, args) => b.call('KOC_SCORE', ...args),
    targetMs: n === 100_000 ? 300 : undefined,
  });
}

// Sidebar matching: matchTask through the bundle on an emulated workbook of 50k KOCs and 100k
// assignments (reading Tasks, Assignments, Settings, the roster's columns it needs and Echelon's
// score and tier — or, without Echelon, scoring every fitting KOC with the core — and ranking the
// top 50). `prepare` builds the workbook and loads the bundle on it; the timed call is one
// execution. The notes give its Spreadsheet-service calls (the same for any roster size).
async function matchBench(): Promise<BenchCase[]> {
  let emu: typeof import('../emulator/index');
  let vmod: typeof import('../emulator/vm');
  try {
    emu = await import(join(root, 'emulator/index.ts'));
    vmod = await import(join(root, 'emulator/vm.ts'));
  } catch (_) {
    return [];
  }
  const n = 50_000;
  const cats = ['美妆', '护肤', '母婴', 'Food', 'Travel', 'Fitness', '穿搭', 'Home'];
  const prepare = (withEchelon: boolean) => () => {
    const code = readFileSync(CODE_PATH, 'utf8');
    const emulator = emu.createEmulator();
    const setup = vmod.loadBundle(code, emulator.globals(), { now: NOW });
    setup.call('setUpWorkbook');
    const ss = emulator.spreadsheet;
    const rows = rosterRows(n);
    const catCol = KOCS.columns.findIndex((c) => c.key === 'categories');
    const fmtCol = KOCS.columns.findIndex((c) => c.key === 'formats');
    rows.forEach((r, i) => {
      r[catCol] = `${cats[i % 8]}, ${cats[(i * 3 + 1) % 8]}`;
      r[fmtCol] = i % 2 ? 'Video' : '图文';
    });
    const grow = (sheet: GoogleAppsScript.Spreadsheet.Sheet, rowsNeeded: number) => {
      if (sheet.getMaxRows() < rowsNeeded + 1) sheet.insertRowsAfter(sheet.getMaxRows(), rowsNeeded + 1 - sheet.getMaxRows());
    };
    const kocs = ss.getSheetByName('KOCs')!;
    grow(kocs, n);
    kocs.getRange(2, 1, n, HEADER.length).setValues(rows);
    const tasks = ss.getSheetByName('Tasks')!;
    const taskHeader = tasks.getRange(1, 1, 1, tasks.getLastColumn()).getValues()[0].map(String);
    const task: Record<string, unknown> = { 'Task ID': 'T-BENCH', Title: 'Serum launch', Categories: '美妆, 护肤', Format: 'Video', 'Min tier': 'Regular', Slots: 100, 'Budget per KOC': 1000, Status: 'Open' };
    tasks.getRange(2, 1, 1, taskHeader.length).setValues([taskHeader.map((h) => task[h] ?? '')]);
    const asg = ss.getSheetByName('Assignments')!;
    const asgHeader = asg.getRange(1, 1, 1, asg.getLastColumn()).getValues()[0].map(String);
    const asgRows = Array.from({ length: 2 * n }, (_, i) => {
      const a: Record<string, unknown> = { 'Assignment ID': `A-${i}`, 'Task ID': `T-${i % 40}`, 'KOC ID': rows[i % n][0], Status: ['Offered', 'Accepted', 'Reviewed', 'Declined'][i % 4] };
      return asgHeader.map((h) => a[h] ?? '');
    });
    grow(asg, asgRows.length);
    asg.getRange(2, 1, asgRows.length, asgHeader.length).setValues(asgRows);
    if (withEchelon) setup.call('recomputeNow');
    emulator.endExecution(setup.globals);
    const bundle = vmod.loadBundle(code, emulator.globals(), { now: NOW });
    const payload = (runInContext('JSON', bundle.context as object) as JSON).parse('{"taskId":"T-BENCH"}');
    emulator.calls.reset();
    return [bundle, payload, emulator];
  };
  const run = (_b: Bundle, [bundle, payload, emulator]: unknown[]) => {
    const answer = (bundle as Bundle).call('matchTask', payload) as { ok: boolean; message?: string; data?: { ranked: unknown[] } };
    if (!answer.ok || answer.data!.ranked.length !== 50) throw new Error(`matchTask: ${answer.message ?? 'not 50 ranked'}`);
    const calls = (emulator as ReturnType<typeof emu.createEmulator>).calls;
    const data = calls.dataCalls();
    return { answer, dataCalls: data, otherCalls: calls.spreadsheetCalls() - data, getValues: calls.byMethod()['Range.getValues'] ?? 0 };
  };
  const notes = (r: unknown) => {
    const x = r as { dataCalls: number; otherCalls: number; getValues: number };
    return `${x.dataCalls} data (${x.getValues} getValues) + ${x.otherCalls} other spreadsheet calls`;
  };
  return [
    { name: 'match 50k KOCs top 50 (scored by the core)', rows: n, prepare: prepare(false), run, targetMs: 300, notes },
    { name: 'match 50k KOCs top 50 (Echelon sheet)', rows: n, prepare: prepare(true), run, targetMs: 300, notes },
  ];
}

// Recompute (issue 5): the menu item on an emulated workbook of n KOCs, each with 4 follow-ups and
// 2 assignments. Spreadsheet data calls (cells or the sheet list: getSheets, getValues, setValues,
// insert/delete rows, insertChart — emulator/runtime.ts DATA_METHOD), the other Spreadsheet-service
// calls (getName, getRange, getLastRow, chart builders…), process CPU time (main thread plus GC
// and compiler helpers) and the heap grown. They get a table of their own, below the timings.
for (const n of [1_000, 10_000, 50_000]) {
  CASES.push({
    name: `recompute ${n.toLocaleString('en-US')} KOCs`,
    rows: n,
    prepare: () => {
      const emulator = recomputeKit!.setUpEmulator();
      recomputeKit!.fillWorkbook(emulator, n);
      emulator.calls.reset();
      return [emulator];
    },
    load: (code, [emulator]) => recomputeKit!.loadBundle(code, (emulator as RecomputeEmulator).globals(), { now: NOW, filename: 'Code.js' }),
    run: (b, [emulator]) => {
      const em = emulator as RecomputeEmulator;
      const cpu = process.cpuUsage();
      b.call('recomputeNow');
      const used = process.cpuUsage(cpu);
      const toast = em.ui.toasts.at(-1)?.message ?? '';
      if (!toast.startsWith('Recomputed')) throw new Error(`recompute failed: ${em.ui.alerts.at(-1)?.prompt ?? toast}`);
      const data = em.calls.dataCalls();
      const result: RecomputeResult = { kocs: n, dataCalls: data, otherCalls: em.calls.spreadsheetCalls() - data, cpuMs: (used.user + used.system) / 1000 };
      return result;
    },
    targetMs: n === 50_000 ? 1500 : undefined,
    notes: (r) => {
      const x = r as RecomputeResult;
      return `${x.dataCalls} data + ${x.otherCalls} other spreadsheet calls; CPU ${Math.round(x.cpuMs)} ms`;
    },
  });
}

// The value model as SQL (npm run sql) in DuckDB on a generated roster of 100k rows: the one
// statement executed and its result read in full, beside KOC_SCORE's figure. The table is loaded
// in `prepare`, outside the timing. Skipped when @duckdb/node-api (a devDependency) is not there.
async function duckdbBench(): Promise<BenchCase[]> {
  let duck: typeof import('@duckdb/node-api');
  let gen: typeof import('../tests/helpers/roster-gen');
  let helpers: typeof import('../tests/helpers/duckdb');
  try {
    duck = await import('@duckdb/node-api');
    gen = await import(join(root, 'tests/helpers/roster-gen.ts'));
    helpers = await import(join(root, 'tests/helpers/duckdb.ts'));
  } catch (_) {
    return [];
  }
  const { kocsQuery } = await import('../src/core/kocs-query');
  const { defaultSettings } = await import('../src/core/settings');
  const { KOCS_TABLE, sqlTypeName } = await import('../src/core/roster-sql');
  const n = 100_000;
  const asOfDay = Date.UTC(2026, 11, 1) / 86_400_000;
  const instance = await duck.DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  await helpers.loadTable(
    con,
    'kocs',
    KOCS_TABLE.map((c) => [c.name, sqlTypeName(c.sqlType, 'duckdb') as 'DOUBLE' | 'DATE' | 'VARCHAR']),
    gen.generateRoster(n, asOfDay).map((r) => r.table),
  );
  const threads = (await con.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0].t;
  const sql = kocsQuery(defaultSettings(), { dialect: 'duckdb', asOf: '2026-12-01' });
  return [
    {
      name: `DuckDB value-model SQL ${n.toLocaleString('en-US')} rows`,
      rows: n,
      prepare: () => [con, sql],
      run: async (_b, [c, q]) => {
        const reader = await (c as typeof con).runAndReadAll(q as string);
        if (reader.currentRowCount < n * 0.99) throw new Error(`DuckDB gave ${reader.currentRowCount} rows`);
        return reader.currentRowCount;
      },
      targetMs: 2000,
      notes: (rows) => `${rows} KOCs (rows without an ID left out), ${reader(sql)}; ${threads} DuckDB threads`,
    },
  ];
}

const reader = (sql: string) => `one statement of ${(sql.length / 1024).toFixed(1)} KB`;

interface RecomputeResult {
  kocs: number;
  dataCalls: number;
  otherCalls: number;
  cpuMs: number;
  heapBytes?: number;
}

const isRecompute = (r: unknown): r is RecomputeResult => typeof r === 'object' && r !== null && 'cpuMs' in r && 'kocs' in r;

// ── Running ────────────────────────────────────────────────────────────────────────────────────

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ms = (t: number) => `${t.toFixed(t < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, c) => `${c === 0 ? ':' : ''}${'-'.repeat(w + 1)}${c === 0 ? '' : ':'}`).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const code = readFileSync(CODE_PATH, 'utf8');
  const { load, realm, kind } = await loader();
  CASES.push(...(await matchBench()));
  // Beside KOC_SCORE's figures: the same model in DuckDB.
  CASES.splice(3, 0, ...(await duckdbBench()));
  try {
    const workbook = await import(join(root, 'tests/recompute/workbook.ts'));
    const vm = await import(join(root, 'emulator/vm.ts'));
    recomputeKit = { setUpEmulator: () => workbook.setUpEmulator(), fillWorkbook: workbook.fillWorkbook, loadBundle: vm.loadBundle };
  } catch (_) {
    // No emulator: the recompute cases are skipped below.
  }
  const out: string[][] = [['case', 'rows', 'time', 'rows/s', 'heap Δ', 'target', 'notes']];
  const recomputes: RecomputeResult[] = [];

  const size = Buffer.byteLength(code);
  out.push(['Code.js size', '', `${(size / 1024).toFixed(1)} KB`, '', '', '≤ 150 KB', '']);

  // Cold evaluation: what each Apps Script execution pays before the first call — compiling and
  // running Code.js in a context whose globals are already installed. The first time in this
  // process V8 has never seen the script; later times (a fresh context each) show the spread.
  const evaluate = (source: string) => {
    const context = realm();
    const t0 = performance.now();
    const script = new Script(source, { filename: 'Code.js' });
    const t1 = performance.now();
    script.runInContext(context);
    return { compile: t1 - t0, run: performance.now() - t1 };
  };
  gc();
  const cold = evaluate(code);
  const again: number[] = [];
  // A distinct trailing comment defeats V8's compilation cache, so each of these compiles afresh.
  for (let i = 0; i < 9; i++) {
    const e = evaluate(`${code}\n// ${i}`);
    again.push(e.compile + e.run);
  }
  again.sort((a, b) => a - b);
  out.push(['Code.js evaluation, cold', '', ms(cold.compile + cold.run), '', '', '≤ 10 ms', `compile ${ms(cold.compile)} + run ${ms(cold.run)}`]);
  out.push(['Code.js evaluation, fresh compile (median of 9)', '', ms(again[4]), '', '', '≤ 10 ms', `min ${ms(again[0])}, max ${ms(again[8])}`]);

  // `npm run bench -- KOC_SCORE DuckDB`: only the cases whose names contain one of the words.
  const only = process.argv.slice(2);
  for (const c of CASES) {
    if (c.load && !recomputeKit) continue;
    if (only.length && !only.some((w) => c.name.includes(w))) continue;
    const args = c.prepare();
    const bundle = c.load ? c.load(code, args) : load(code);
    gc();
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const result = await c.run(bundle, args);
    const elapsed = performance.now() - t;
    const grown = process.memoryUsage().heapUsed - heap;
    if (result === undefined) throw new Error(`${c.name} returned nothing`);
    if (isRecompute(result)) recomputes.push({ ...result, heapBytes: grown });
    out.push([
      c.name,
      c.rows ? c.rows.toLocaleString('en-US') : '',
      ms(elapsed),
      c.rows ? Math.round((c.rows / elapsed) * 1000).toLocaleString('en-US') : '',
      mb(grown),
      c.targetMs ? `≤ ${c.targetMs} ms` : '',
      c.notes ? c.notes(result) : '',
    ]);
  }
  console.log(`KOC Ops bench — dist/Code.js on the ${kind}; Node ${process.version}\n`);
  console.log(table(out));
  if (recomputes.length) {
    // Targets at 50k KOCs (issue 5): ≤ 12 data calls, ≤ 1.5 s CPU, ≤ 400 MB heap.
    const rows = [['recompute: KOCs', 'spreadsheet data calls', 'other service calls', 'CPU ms', 'heap MB']];
    for (const r of recomputes)
      rows.push([r.kocs.toLocaleString('en-US'), String(r.dataCalls), String(r.otherCalls), String(Math.round(r.cpuMs)), ((r.heapBytes ?? 0) / 1024 / 1024).toFixed(1)]);
    rows.push(['target at 50,000', '≤ 12', '', '≤ 1500', '≤ 400']);
    console.log(`\n${table(rows)}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});

/**
 * npm run sql:check — the BigQuery rendering checked offline with ZetaSQL, the GoogleSQL front end
 * and reference evaluator BigQuery is built on (@fivetrandevelopers/zetasql: a gRPC server binary
 * of about 110 MB, so it is not a devDependency; install it for this check only):
 *
 *   npm install --no-save @fivetrandevelopers/zetasql && npm run sql:check
 *
 * 1. Analyzes the statement `npm run sql -- --dialect bigquery` prints (for today, and for a fixed
 *    day in a time zone) against the kocs table's schema: every name, function and type resolved.
 * 2. Runs it in ZetaSQL's reference evaluator on generated rosters and compares every KOC with
 *    the add-on: score within 0.01, tier and stage equal.
 * Exit code 0 when all of it holds, 1 when something differs, 2 when ZetaSQL is not installed.
 */
import { createServer } from 'node:net';
import { kocsQuery } from '../src/core/kocs-query';
import { KOCS_TABLE } from '../src/core/roster-sql';
import { defaultSettings, type Settings } from '../src/core/settings';
import { addonResults } from '../tests/helpers/addon-results';
import { generateRoster, SHEET_HEADER } from '../tests/helpers/roster-gen';

const AS_OF = '2026-12-01';
const AS_OF_DAY = Date.UTC(2026, 11, 1) / 86_400_000;
const ROWS = Number(process.env.SQL_CHECK_ROWS ?? 2000);

/** The parts of @fivetrandevelopers/zetasql used here (it is not installed by npm ci, so not typed from it). */
interface Zeta {
  runServer(port: number): Promise<never>;
  terminateServer(): void;
  LanguageOptions: new () => { enableMaximumLanguageFeatures(): Promise<{ serialize(): unknown }> };
  ZetaSQLClient: {
    init(port: number): void;
    getInstance(): ZetaClient;
    API: { evaluateQuery: (...args: unknown[]) => unknown };
  };
}
interface ZetaClient {
  testConnection(): Promise<boolean>;
  delay(ms: number): Promise<void>;
  analyze(request: unknown): Promise<{ resolvedStatement?: unknown } | undefined>;
  promisify(request: unknown, fn: never): Promise<unknown>;
}
const ZETASQL = '@fivetrandevelopers/zetasql';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const TYPE_KIND = { DOUBLE: 'TYPE_DOUBLE', DATE: 'TYPE_DATE', TEXT: 'TYPE_STRING' } as const;

function catalog(languageOptions: unknown) {
  return {
    name: 'koc_ops',
    table: [{ name: 'kocs', column: KOCS_TABLE.map((c) => ({ name: c.name, type: { typeKind: TYPE_KIND[c.sqlType] } })) }],
    builtinFunctionOptions: { languageOptions },
  };
}

/** A cell as a ZetaSQL value: an empty value is NULL. */
function cell(v: number | string | null, type: 'DOUBLE' | 'DATE' | 'TEXT') {
  if (v === null) return {};
  if (type === 'DOUBLE') return { doubleValue: v as number };
  if (type === 'DATE') return { dateValue: Date.UTC(+String(v).slice(0, 4), +String(v).slice(5, 7) - 1, +String(v).slice(8, 10)) / 86_400_000 };
  return { stringValue: String(v) };
}

/** A ZetaSQL value back as a plain one. */
function plain(v: Record<string, unknown> | undefined): number | string | boolean | null {
  if (!v || v.value === undefined) {
    for (const k of ['doubleValue', 'stringValue', 'int64Value', 'boolValue', 'dateValue']) if (v && v[k] !== undefined && v[k] !== null) return k === 'int64Value' ? Number(v[k]) : (v[k] as never);
    return null;
  }
  const k = v.value as string;
  return k === 'int64Value' ? Number(v[k]) : (v[k] as never);
}

async function main(): Promise<number> {
  let z: Zeta;
  try {
    z = (await import(ZETASQL)) as Zeta;
  } catch (_) {
    console.error('ZetaSQL is not installed. It is about 110 MB, so it is not a devDependency:\n  npm install --no-save @fivetrandevelopers/zetasql && npm run sql:check');
    return 2;
  }
  const port = await freePort();
  void z.runServer(port);
  z.ZetaSQLClient.init(port);
  const client = z.ZetaSQLClient.getInstance();
  try {
    let up = false;
    for (let i = 0; i < 120 && !up; i++) {
      up = await client.testConnection().catch(() => false);
      if (!up) await client.delay(500);
    }
    if (!up) throw new Error('the ZetaSQL server did not start');
    const language = (await new z.LanguageOptions().enableMaximumLanguageFeatures()).serialize();
    const options = { languageOptions: language, defaultTimezone: 'UTC' };
    const simpleCatalog = catalog(language);
    let failed = 0;

    // 1. Analysis: names, functions and types, for the statements a team would save.
    const statements = {
      'today, UTC': kocsQuery(defaultSettings(), { dialect: 'bigquery', table: 'kocs' }),
      'today, Asia/Shanghai': kocsQuery(defaultSettings(), { dialect: 'bigquery', table: 'kocs', timeZone: 'Asia/Shanghai' }),
      [`as of ${AS_OF}`]: kocsQuery(defaultSettings(), { dialect: 'bigquery', table: 'kocs', asOf: AS_OF }),
    };
    for (const [name, sql] of Object.entries(statements)) {
      try {
        const r = await client.analyze({ sqlStatement: sql, simpleCatalog, options });
        const out = (r?.resolvedStatement as { resolvedQueryStmtNode?: { outputColumnList?: { name: string }[] } } | undefined)?.resolvedQueryStmtNode?.outputColumnList ?? [];
        console.log(`analyzed (${name}): ${out.length} output columns: ${out.map((c) => c.name).join(', ')}`);
      } catch (e) {
        failed++;
        console.error(`analysis failed (${name}): ${(e as Error).message}`);
      }
    }

    // 2. The reference evaluator on generated rosters, against the add-on.
    const team = defaultSettings();
    team.weights = { influence: 30, engagement: 10, activity: 5, content: 20, conversion: 0, brandFit: 25, potential: 10 };
    team.evidence = { ...team.evidence, unknownScore: 40, minDimensions: 3 };
    for (const [label, settings] of [['default Settings', defaultSettings()], ["a team's Settings", team]] as [string, Settings][]) {
      const roster = generateRoster(ROWS, AS_OF_DAY, label.length);
      const rows = roster.map((r) => ({ cell: KOCS_TABLE.map((c, i) => cell(r.table[i] as number | string | null, c.sqlType)) }));
      const sql = kocsQuery(settings, { dialect: 'bigquery', table: 'kocs', asOf: AS_OF });
      const evaluate = z.ZetaSQLClient.API.evaluateQuery.bind(z.ZetaSQLClient.API);
      const result = (await client.promisify({ sql, simpleCatalog, options, tableContent: { kocs: { tableData: { row: rows } } } }, evaluate as never)) as {
        content: { tableData: { row: { cell: Record<string, unknown>[] }[] } };
        prepared?: { columns?: { name: string }[] };
      };
      const names = result.prepared?.columns?.map((c) => c.name) ?? ['koc_id', 'as_of', 'score', 'tier', 'tier_effective', 'stage'];
      const at = (name: string) => names.indexOf(name);
      const got = new Map(result.content.tableData.row.map((r) => [String(plain(r.cell[at('koc_id')])), r.cell]));
      const want = addonResults(SHEET_HEADER, roster.map((r) => r.sheet), settings, AS_OF_DAY);
      const differ: string[] = [];
      for (const a of want) {
        const r = got.get(a.id);
        if (!r) {
          differ.push(`${a.id}: missing`);
          continue;
        }
        const score = plain(r[at('score')]) as number | null;
        if ((score === null) !== (a.score === null) || (score !== null && Math.abs(score - a.score!) > 0.01)) differ.push(`${a.id} score ${a.score} vs ${score}`);
        if (plain(r[at('tier')]) !== a.tier) differ.push(`${a.id} tier ${a.tier} vs ${plain(r[at('tier')])}`);
        if (plain(r[at('stage')]) !== a.stage) differ.push(`${a.id} stage ${a.stage} vs ${plain(r[at('stage')])}`);
      }
      if (got.size !== want.length) differ.push(`${got.size} rows from ZetaSQL, ${want.length} KOCs in the add-on`);
      if (differ.length) {
        failed++;
        console.error(`reference evaluator, ${label}: ${differ.length} differences\n  ${differ.slice(0, 10).join('\n  ')}`);
      } else console.log(`reference evaluator, ${label}: ${want.length} KOCs agree with the add-on (score within 0.01, tier, stage)`);
    }
    return failed ? 1 : 0;
  } finally {
    z.terminateServer();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

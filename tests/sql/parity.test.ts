/**
 * Parity: the value model rendered for DuckDB and run on a generated roster of 12,000 rows gives
 * every KOC the score (within 0.01), tier and stage the add-on gives the same rows read from a
 * sheet — with the default Settings and with a team's own.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/core/settings';
import { kocsQuery } from '../../src/core/kocs-query';
import { KOCS_TABLE, sqlTypeName } from '../../src/core/roster-sql';
import { duckdb, loadTable, queryRows, type SqlType } from '../helpers/duckdb';
import { generateRoster, SHEET_HEADER } from '../helpers/roster-gen';
import { addonResults, type AddonResult } from '../helpers/addon-results';

const AS_OF = '2026-12-01';
const AS_OF_DAY = Date.UTC(2026, 11, 1) / 86_400_000;
const ROWS = 12_000;
const roster = generateRoster(ROWS, AS_OF_DAY);

let con: DuckDBConnection;

beforeAll(async () => {
  con = await duckdb();
  await loadTable(
    con,
    'kocs',
    KOCS_TABLE.map((c) => [c.name, sqlTypeName(c.sqlType, 'duckdb') as SqlType]),
    roster.map((r) => r.table),
  );
});

afterAll(() => con?.closeSync());

/** A team's own Settings: other weights, a calibration for a large platform, stricter floors. */
function teamSettings(): Settings {
  const s = defaultSettings();
  s.weights = { influence: 30, engagement: 10, activity: 5, content: 20, conversion: 0, brandFit: 25, potential: 10 };
  s.engagementWeights = { likes: 1, collects: 2, comments: 5, shares: 3 };
  s.calibration = { ...s.calibration, followersFull: 1_000_000, interactionsFull: 20_000, gmvFull: 200_000, recencyZero: 60, recencyFull: 3, relativeZero: 0.1, relativeFull: 50 };
  s.evidence = { unknownScore: 40, minDimensions: 3 };
  s.tierThresholds = { core: 70, potential: 50, regular: 30 };
  s.tierFloors = { coreContribution: 40, coreInfluence: 55, coreActivity: 30, potential: 50 };
  s.stageRules = { ...s.stageRules, sproutDays: 14, matureDays: 120, transitionSilentDays: 45, activePosts30d: 3, transitionWindowDays: 90 };
  return s;
}

async function compare(settings: Settings): Promise<{ rows: number; mismatches: string[]; tiers: Set<string>; stages: Set<string> }> {
  const sql = await queryRows(con, kocsQuery(settings, { dialect: 'duckdb', asOf: AS_OF }));
  const bySql = new Map(sql.map((r) => [String(r.koc_id), r]));
  const addon: AddonResult[] = addonResults(SHEET_HEADER, roster.map((r) => r.sheet), settings, AS_OF_DAY);
  const mismatches: string[] = [];
  const tiers = new Set<string>();
  const stages = new Set<string>();
  for (const a of addon) {
    const s = bySql.get(a.id);
    if (!s) {
      mismatches.push(`${a.id}: missing from SQL`);
      continue;
    }
    const score = s.score === null ? null : Number(s.score);
    if ((score === null) !== (a.score === null) || (score !== null && Math.abs(score - a.score!) > 0.01)) mismatches.push(`${a.id} score: add-on ${a.score}, SQL ${score}`);
    if (s.tier !== a.tier) mismatches.push(`${a.id} tier: add-on ${a.tier}, SQL ${s.tier}`);
    if (s.stage !== a.stage) mismatches.push(`${a.id} stage: add-on ${a.stage}, SQL ${s.stage}`);
    if (s.tier_effective !== a.tierEffective) mismatches.push(`${a.id} tier_effective: add-on ${a.tierEffective}, SQL ${s.tier_effective}`);
    tiers.add(String(a.tier));
    stages.add(a.stage);
  }
  if (sql.length !== addon.length) mismatches.push(`SQL gives ${sql.length} rows, the add-on ${addon.length} KOCs`);
  return { rows: addon.length, mismatches, tiers, stages };
}

describe('DuckDB parity with the add-on', () => {
  it(`default Settings: ${ROWS} generated rows agree on score, tier and stage`, async () => {
    const r = await compare(defaultSettings());
    expect(r.mismatches.slice(0, 20)).toEqual([]);
    expect(r.rows).toBeGreaterThanOrEqual(10_000);
    // The roster reaches every outcome, so agreeing means something.
    expect([...r.tiers].sort()).toEqual(['candidate', 'core', 'null', 'potential', 'regular']);
    expect([...r.stages].sort()).toEqual(['active', 'alumni', 'mature', 'sprout', 'transition']);
  });

  it(`a team's own Settings: ${ROWS} rows agree`, async () => {
    const r = await compare(teamSettings());
    expect(r.mismatches.slice(0, 20)).toEqual([]);
    expect(r.tiers.size).toBe(5);
  });
});

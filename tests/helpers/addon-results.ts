/**
 * What the add-on gives each roster row — score, tier (none for a KOC out of assessment or with
 * nothing to score), stage, tier after Tier override — through the same functions KOC_SCORE,
 * KOC_TIER, KOC_STAGE and the recompute use. The reference the SQL renderings are compared with.
 */
import { scoreContextOf, scoreScratch } from '../../src/core/score';
import type { Settings } from '../../src/core/settings';
import { isAssessed, stageFor } from '../../src/core/stage';
import { tierFacts, tierOf } from '../../src/core/tier';
import { kocReader, readKocRow } from '../../src/core/record';
import { mapHeaders } from '../../src/sheets/headers';
import { sheetDef } from '../../src/sheets/schema';

export interface AddonResult {
  id: string;
  score: number | null;
  tier: string | null;
  tierEffective: string | null;
  stage: string;
}

export function addonResults(header: readonly unknown[], rows: readonly (readonly unknown[])[], settings: Settings, asOfDay: number): AddonResult[] {
  const reader = kocReader(mapHeaders(sheetDef('kocs'), header));
  const ctx = scoreContextOf(settings, asOfDay);
  const scratch = scoreScratch();
  const tierSettings = { tierThresholds: settings.tierThresholds, tierFloors: settings.tierFloors, evidence: settings.evidence };
  const out: AddonResult[] = [];
  for (const row of rows) {
    const { koc } = readKocRow(reader, row);
    if (koc.id === '') continue;
    const facts = tierFacts(koc, ctx, scratch);
    const stage = stageFor(koc, asOfDay, settings.stageRules);
    const tier = facts.score === undefined || !isAssessed(koc, asOfDay, settings.stageRules) ? null : tierOf(facts, tierSettings);
    out.push({ id: koc.id, score: facts.score ?? null, tier, tierEffective: koc.tierOverride ?? tier, stage });
  }
  return out;
}

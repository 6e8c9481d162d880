/**
 * axe-core scans for browser tests: the serious and critical violations, each with where it is.
 * - One axe.run in the page (same-origin frames included; our pages have no others), not the
 *   runner's per-frame partial runs finished in a blank page of their own: a third of the time.
 * - A long list or grid is scanned on its first rows only (`repeated`): every row is drawn by the
 *   same component, and axe's contrast checks cost time in proportion to the elements scanned.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Rows scanned of each long list or grid. */
const ROWS_SCANNED = 15;

export async function seriousViolations(page: Page, opts: { include?: string; repeated?: readonly string[] } = {}): Promise<string[]> {
  let axe = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  if (opts.include) axe = axe.include(opts.include);
  for (const row of opts.repeated ?? []) axe = axe.exclude(`${row}:nth-child(n+${ROWS_SCANNED + 1})`);
  const result = await axe.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

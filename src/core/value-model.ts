/**
 * The value model as one table of expressions (expr.ts), built from the model's data (model.ts:
 * measures, parts and their curves, evidence, tier rules; the stage rules) and a team's Settings.
 * The TypeScript evaluator runs this table for KOC_SCORE, KOC_TIER, KOC_STAGE and the recompute,
 * and sql.ts renders the same table for BigQuery and DuckDB — so a rule is written once.
 *
 * Names are the SQL output's columns: measures and parts first, then the dimensions
 * (`influence_raw` … unrounded, `influence_score` … to one decimal), `evidence`, `score`, the groups the
 * tier rules read, the stage facts, `stage`, `assessed`, `tier` and `tier_effective`. Pure.
 */
import {
  DEFAULT_CALIBRATION,
  DEFAULT_ENGAGEMENT_WEIGHTS,
  DEFAULT_EVIDENCE,
  DEFAULT_HYSTERESIS,
  DEFAULT_STAGE_RULES,
  DEFAULT_TIER_FLOORS,
  DEFAULT_TIER_THRESHOLDS,
  DEFAULT_WEIGHTS,
  DIMENSIONS,
  type Dimension,
} from './defaults';
import {
  add,
  and,
  bool,
  caseOf,
  clamp,
  cmp,
  coalesce,
  col,
  curve,
  daysSince,
  type ColumnTypes,
  type Definition,
  div,
  type Expr,
  greatest,
  isNull,
  type Model,
  mul,
  not,
  nul,
  num,
  or,
  ref,
  round,
  sqrt,
  str,
  type Value,
  wmean,
} from './expr';
import {
  type Calibration,
  type Curve,
  DIMENSION_GROUP,
  GROUPS,
  type Group,
  MEASURE_KEYS,
  MEASURES,
  type MeasureKey,
  PARTS,
  type Ref,
  STAGE_RULES,
  type StageCondition,
  TIER_RULES,
  UNASSESSED,
} from './model';
import { KOCS_TABLE, snakeName, tableColumn } from './roster-sql';
import { type ColumnReader, type CompiledModel, compileModel } from './expr-compile';
import { dayNumber } from './dates';
import type { Settings } from './settings';
import type { KocField } from './record';

/** The Settings the value model reads. */
export type ModelSettings = Pick<Settings, 'weights' | 'engagementWeights' | 'calibration' | 'evidence' | 'tierThresholds' | 'tierFloors' | 'stageRules' | 'hysteresis'>;

/** The default Settings of the model (Settings sheet defaults). */
export function defaultModelSettings(): ModelSettings {
  return {
    weights: DEFAULT_WEIGHTS,
    engagementWeights: DEFAULT_ENGAGEMENT_WEIGHTS,
    calibration: DEFAULT_CALIBRATION,
    evidence: DEFAULT_EVIDENCE,
    tierThresholds: DEFAULT_TIER_THRESHOLDS,
    tierFloors: DEFAULT_TIER_FLOORS,
    stageRules: DEFAULT_STAGE_RULES,
    hysteresis: DEFAULT_HYSTERESIS,
  };
}

/** A roster field as the table column the expressions read. */
const field = (f: KocField): Expr => col(tableColumn(f).name);

export const dimensionName = (d: Dimension): string => snakeName(d.replace(/[A-Z]/g, (c) => ` ${c}`));
export const measureName = (m: MeasureKey): string => `m_${dimensionName(m as Dimension)}`;
export const partName = (i: number): string => `part_${dimensionName(PARTS[i].dimension as Dimension)}_${dimensionName(PARTS[i].key as Dimension)}`;
export const rawName = (d: Dimension): string => `${dimensionName(d)}_raw`;
/** A dimension's sub-score to one decimal (brand_fit is the rating column, so brand_fit_score). */
export const scoreName = (d: Dimension): string => `${dimensionName(d)}_score`;
export const groupName = (g: Group): string => `group_${g}`;

function measureExpr(key: MeasureKey, s: ModelSettings): Expr {
  const m = MEASURES[key];
  switch (m.kind) {
    case 'field':
      return field(m.field);
    case 'daysSince':
      return daysSince(field(m.field));
    case 'weightedSum': {
      // Unknown only when every field is blank; otherwise a blank counts 0.
      const sum = m.fields.map((f) => mul(coalesce(field(f), 0), s.engagementWeights[f])).reduce((a, b) => add(a, b));
      return caseOf([[and(...m.fields.map((f) => isNull(field(f)))), nul('number')]], sum);
    }
    case 'perSqrt':
      return div(measureRef(m.measure), sqrt(clamp(field(m.field), refValue(m.lo, s.calibration), refValue(m.hi, s.calibration))));
  }
}

/** A measure as the parts read it: the column itself for a plain field, else its definition. */
function measureRef(key: MeasureKey): Expr {
  const m = MEASURES[key];
  return m.kind === 'field' ? field(m.field) : ref(measureName(key));
}

const refValue = (r: Ref, c: Calibration): number => (typeof r === 'number' ? r : c[r]);

/** 0 at `zero`, 100 at `full` on the curve's scale, flat outside (full below zero: a falling curve). */
function curveExpr(x: Expr, c: Curve, cal: Calibration): Expr {
  const zero = refValue(c.zero, cal);
  const full = refValue(c.full, cal);
  if (zero === full) return caseOf([[cmp('>', x, zero), num(100)]], caseOf([[isNull(x), nul('number')]], num(0)));
  return curve(c.scale, x, zero < full ? [[zero, 0], [full, 100]] : [[full, 100], [zero, 0]]);
}

/** The weighted dimensions (weight > 0), in display order. */
function weighted(s: ModelSettings): Dimension[] {
  return DIMENSIONS.filter((d) => s.weights[d] > 0);
}

function stageCondition(c: StageCondition, s: ModelSettings): Expr {
  if (c.fact === 'status') return c.is === 'blank' ? isNull(ref('status_key')) : cmp('=', ref('status_key'), str(c.is));
  if (c.fact === 'active') return ref('active');
  const fact = ref(c.fact === 'posts30d' ? 'posts' : c.fact);
  if ('known' in c) return isNull(fact);
  return 'atLeast' in c ? cmp('>=', fact, s.stageRules[c.atLeast]) : cmp('<', fact, s.stageRules[c.below]);
}

const allOf = (conds: Expr[]): Expr => (conds.length === 0 ? bool(true) : conds.length === 1 ? conds[0] : and(...conds));

/**
 * The tier the rules give, every threshold and floor moved by `offset` (evidence has no margin):
 * the first rule that holds, from Core down, else Candidate.
 */
function tierRules(s: ModelSettings, offset: number): Expr {
  const rules = TIER_RULES.map((r) => {
    const floors = r.floors.map((f) => cmp('>=', ref(groupName(f.group)), s.tierFloors[f.floor] + offset));
    const groups = floors.length === 0 ? [] : [r.need === 'all' ? allOf(floors) : floors.length === 1 ? floors[0] : or(...floors)];
    return [allOf([cmp('>=', ref('evidence'), s.evidence.minDimensions), cmp('>=', ref('score'), s.tierThresholds[r.score] + offset), ...groups]), str(r.tier)] as const;
  });
  return caseOf(rules, str('candidate'));
}

/** The value model for these Settings, as definitions in evaluation order. */
export function valueModel(s: ModelSettings): Model {
  const defs: Definition[] = [];
  const def = (name: string, expr: Expr): void => {
    defs.push({ name, expr });
  };

  // Measures and parts.
  for (const key of MEASURE_KEYS) if (MEASURES[key].kind !== 'field') def(measureName(key), measureExpr(key, s));
  PARTS.forEach((p, i) => {
    def(partName(i), curveExpr(measureRef(p.measure), p.curve, s.calibration));
  });

  // Dimensions: the weighted mean of their parts with data.
  for (const d of DIMENSIONS) {
    const parts = PARTS.map((p, i) => [p, i] as const).filter(([p]) => p.dimension === d);
    def(rawName(d), parts.length ? wmean(parts.map(([p, i]) => [ref(partName(i)), p.weight])) : nul('number'));
    def(scoreName(d), round(ref(rawName(d)), 1));
  }

  // Evidence and the total: an unknown weighted dimension counts as the prior; none known, no score.
  const dims = weighted(s);
  def('evidence', dims.length ? dims.map((d): Expr => caseOf([[isNull(ref(rawName(d))), num(0)]], num(1))).reduce((a, b) => add(a, b)) : num(0));
  def('score_raw', dims.length ? caseOf([[cmp('=', ref('evidence'), 0), nul('number')]], wmean(dims.map((d) => [coalesce(ref(rawName(d)), s.evidence.unknownScore), s.weights[d]]))) : nul('number'));
  def('score', round(ref('score_raw'), 1));

  // The groups the tier rules read: the weighted mean of their weighted dimensions with data.
  for (const g of GROUPS) {
    const members = dims.filter((d) => DIMENSION_GROUP[d] === g);
    def(groupName(g), members.length ? wmean(members.map((d) => [ref(rawName(d)), s.weights[d]])) : nul('number'));
  }

  // Stage facts: status, tenure (a join date after the as-of day is unknown), days silent, posts, active.
  def('status_key', field('status'));
  def('joined_ago', daysSince(field('joined')));
  def('tenure', caseOf([[cmp('>=', ref('joined_ago'), 0), ref('joined_ago')]], nul('number')));
  def('silent', greatest(0, daysSince(field('lastPost'))));
  def('posts', field('posts30d'));
  def(
    'active',
    caseOf(
      [
        [isNull(ref('posts')), caseOf([[isNull(ref('silent')), nul('bool')]], cmp('<=', ref('silent'), 30))],
      ],
      cmp('>=', ref('posts'), s.stageRules.activePosts30d),
    ),
  );
  // The stage: the first rule whose conditions all hold (its index says why), else the last.
  const last = STAGE_RULES.length - 1;
  def('stage_rule', caseOf(STAGE_RULES.slice(0, -1).map((r, i) => [allOf(r.when.map((c) => stageCondition(c, s))), num(i)] as const), num(last)));
  def('stage', caseOf(STAGE_RULES.slice(0, -1).map((r, i) => [cmp('=', ref('stage_rule'), i), str(r.stage)] as const), str(STAGE_RULES[last].stage)));
  def('assessed', caseOf(UNASSESSED.map((u) => [allOf([cmp('=', ref('stage'), str(u.stage)), ...u.when.map((c) => stageCondition(c, s))]), bool(false)] as const), bool(true)));

  // Tiers: by the rules, and none for a KOC out of assessment or with nothing to score. The
  // recompute's hysteresis also needs the rules' tier with every threshold and floor raised (to
  // move up) and lowered (to stay) by the Tier margin.
  def('tier_rules', tierRules(s, 0));
  def('tier_raised', tierRules(s, s.hysteresis));
  def('tier_lowered', tierRules(s, -s.hysteresis));
  def('tier', caseOf([[or(isNull(ref('score')), not(ref('assessed'))), nul('text')]], ref('tier_rules')));
  def('tier_effective', coalesce(field('tierOverride'), ref('tier')));

  return {
    definitions: defs,
    outputs: ['score', 'tier', 'tier_effective', 'stage', 'evidence', ...DIMENSIONS.map(scoreName)],
  };
}

// ── The model compiled for the add-on ─────────────────────────────────────────────────────────

/** The table's columns with their types, for the evaluator. */
export const MODEL_COLUMNS: ColumnTypes = Object.fromEntries(KOCS_TABLE.map((c) => [c.name, c.type]));

/** How the evaluator reads a roster record: a blank is null, a date its day number. */
export function readRecordColumn(name: string): ColumnReader<ScoreRow> {
  const c = KOCS_TABLE.find((t) => t.name === name);
  if (!c) throw new Error(`no roster column ${name}`);
  const field = c.field;
  if (c.type === 'date')
    return (r) => {
      const d = r[field] as Date | undefined;
      return d === undefined ? null : dayNumber(d);
    };
  return (r) => {
    const v = r[field] as Value | undefined;
    return v === undefined ? null : v;
  };
}

/** A roster record as the evaluator reads it (any subset of the fields the model reads). */
export type ScoreRow = Partial<Record<KocField, unknown>>;

const compiled = new Map<string, CompiledModel<never>>();
const COMPILED_LIMIT = 16;

/**
 * The value model for these Settings compiled into one function, `wanted` its results (only
 * what they need is computed); `given` definitions come from the row through `read` instead
 * (tier rules over a known score). Kept for the next call with the same Settings: a KOC_SCORE
 * call or a recompute compiles once.
 */
export function compileValueModel<R = ScoreRow>(
  s: ModelSettings,
  wanted: readonly string[],
  opts: { given?: readonly string[]; read?: (name: string) => ColumnReader<R> } = {},
): CompiledModel<R> {
  const key = JSON.stringify([s.weights, s.engagementWeights, s.calibration, s.evidence, s.tierThresholds, s.tierFloors, s.stageRules, s.hysteresis, wanted, opts.given ?? [], opts.read ? 'own' : 'record']);
  let hit = compiled.get(key) as CompiledModel<R> | undefined;
  if (!hit) {
    const read = opts.read ?? (readRecordColumn as unknown as (name: string) => ColumnReader<R>);
    hit = compileModel<R>(valueModel(s), MODEL_COLUMNS, read, wanted, opts.given ?? []);
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    compiled.set(key, hit as CompiledModel<never>);
  }
  return hit;
}

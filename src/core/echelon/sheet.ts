/**
 * The Echelon sheet's layout: the cells of each line, the block one setValues writes (only what
 * changed gets a new Updated time), the Mentor cell's format, the previous run as read back, and
 * the History rows.
 */
import { dateOfDay, isDate } from '../dates';
import { DIMENSIONS } from '../defaults';
import { carriedFirstContact } from '../follow-up';
import { firstRowOfEachId } from '../ids';
import { memoized } from '../memo';
import { trimmedText } from '../numbers';
import { enumKey } from '../record';
import type { StageKey } from '../stage';
import { problemText } from '../text';
import type { TierKey } from '../tier';
import type { HeaderMap } from '../../sheets/headers';
import { columnLabel, type EnumValue, FOLLOWUP_STATUSES, label, type Lang, SEVERITIES, sheetDef, SOURCES, STAGES, TIER_SOURCES, TIERS } from '../../sheets/schema';
import type { EchelonEntry, HistoryEntry, PreviousLine, ProblemRow, SheetRows, TierSource } from './types';

const { round: mathRound } = Math;
const ArrayCtor = Array;

/** A row of `width` blank cells. */
export const blankRow = (width: number): unknown[] => new ArrayCtor<unknown>(width).fill('');

const MAX_PROBLEMS_SHOWN = 5;

export const cell = (map: HeaderMap, row: readonly unknown[], key: string): unknown => {
  const i = map.index[key];
  return i === undefined ? '' : row[i];
};
/** A column's position, or -1 (reads undefined) when the sheet lacks it. */
export const colIndex = (map: HeaderMap, key: string): number => map.index[key] ?? -1;
export const enumOf = <K extends string>(values: readonly EnumValue<K>[], v: unknown): K | undefined =>
  v === '' || v === null || v === undefined ? undefined : (enumKey<K>(values, v) ?? undefined);


/** The KOC ID in a Mentor cell: `Name (ID)` as written, or the whole cell. */
export function mentorIdOf(cellValue: unknown): string | undefined {
  const s = trimmedText(cellValue);
  if (!s) return undefined;
  const m = /\(([^()]+)\)\s*$/.exec(s);
  return (m ? m[1] : s).trim() || undefined;
}

/** A Mentor cell: the mentor's name with their ID, so both people and the next run can read it. */
export function mentorCell(id: string, name: string): string {
  return name ? `${name} (${id})` : id;
}

/** Previous Echelon rows by KOC ID (the first row of an ID wins). */
export function readPrevious(prev: SheetRows | undefined): Map<string, PreviousLine> {
  const out = new Map<string, PreviousLine>();
  if (!prev) return out;
  const { map } = prev;
  for (const [id, index] of firstRowOfEachId(prev.rows, map.index.kocId)) {
    const row = prev.rows[index];
    out.set(id, {
      index,
      tier: enumOf<TierKey>(TIERS, cell(map, row, 'tier')),
      tierSource: enumOf<TierSource>(TIER_SOURCES, cell(map, row, 'tierSource')),
      stage: enumOf<StageKey>(STAGES, cell(map, row, 'stage')),
      mentorId: mentorIdOf(cell(map, row, 'mentor')),
      firstContactDay: carriedFirstContact(cell(map, row, 'followUpStatus'), cell(map, row, 'nextFollowUp')),
    });
  }
  return out;
}


// ── Laying out the Echelon sheet ───────────────────────────────────────────────────────────────

const ECHELON = sheetDef('echelon');
/** Echelon's columns this module writes, in schema order. */
export const ECHELON_KEYS: readonly string[] = ECHELON.columns.map((c) => c.key);

/** Schema position of each Echelon column key. */
const COL: Readonly<Record<string, number>> = Object.fromEntries(ECHELON.columns.map((c, i) => [c.key, i]));
const IDENTITY: readonly number[] = ECHELON.columns.map((_, i) => i);
const DIM_COLS: readonly number[] = DIMENSIONS.map((d) => COL[d]);

type LabelTable = Readonly<Record<string, string>>;

/** The enum labels an Echelon row shows, in one language. */
interface EchelonLabels {
  tiers: LabelTable;
  tierSources: LabelTable;
  stages: LabelTable;
  sources: LabelTable;
  followUps: LabelTable;
  severities: LabelTable;
}

const labelSets: Partial<Record<Lang, EchelonLabels>> = {};
/** key → label tables for a language, built once (looked up once per row, not once per cell). */
function echelonLabels(lang: Lang): EchelonLabels {
  const table = (values: readonly EnumValue[]): LabelTable => Object.fromEntries(values.map((v) => [v.key, label(v, lang)]));
  let set = labelSets[lang];
  if (!set) {
    set = {
      tiers: table(TIERS),
      tierSources: table(TIER_SOURCES),
      stages: table(STAGES),
      sources: table(SOURCES),
      followUps: table(FOLLOWUP_STATUSES),
      severities: table(SEVERITIES),
    };
    labelSets[lang] = set;
  }
  return set;
}


/**
 * One line's cells (before safeCell) in Echelon schema order, put at `at[j]` of `out` for schema
 * column j. Updated is left to the layout. Problem rows fill only ID, Name and Problems.
 */
export function echelonCells(
  line: EchelonEntry | ProblemRow,
  lang: Lang,
  dateOf: (day: number) => Date = dateOfDay,
  out: unknown[] = blankRow(ECHELON.columns.length),
  at: readonly number[] = IDENTITY,
): unknown[] {
  // Direct stores, no helper closure: this runs for every row of a 50k-row sheet.
  out[at[COL.kocId]] = line.id;
  out[at[COL.name]] = line.name;
  out[at[COL.problems]] = problemText(line.problems, lang, MAX_PROBLEMS_SHOWN);
  if (!('koc' in line)) return out;
  const e = line;
  const L = echelonLabels(lang);
  out[at[COL.score]] = e.score ?? '';
  for (let d = 0; d < DIMENSIONS.length; d++) out[at[DIM_COLS[d]]] = e.dims[DIMENSIONS[d]] ?? '';
  const shown = e.assessed || e.tierSource === 'override';
  out[at[COL.tier]] = shown ? L.tiers[e.tier] : '';
  out[at[COL.tierSource]] = shown ? L.tierSources[e.tierSource] : '';
  out[at[COL.stage]] = L.stages[e.stage];
  out[at[COL.source]] = e.source ? L.sources[e.source] : '';
  out[at[COL.roi]] = e.roi === undefined ? '' : mathRound(e.roi * 100) / 100;
  out[at[COL.workload]] = e.workload;
  out[at[COL.lastContact]] = e.lastContactDay === undefined ? '' : dateOf(e.lastContactDay);
  out[at[COL.followUpStatus]] = L.followUps[e.followUpStatus];
  out[at[COL.nextFollowUp]] = e.nextFollowUpDay === undefined ? '' : dateOf(e.nextFollowUpDay);
  out[at[COL.openIncidents]] = e.openIncidents;
  out[at[COL.highestSeverity]] = e.highestSeverity ? L.severities[e.highestSeverity] : '';
  out[at[COL.nextAction]] = e.nextAction;
  out[at[COL.mentor]] = e.mentorId ? mentorCell(e.mentorId, e.mentorName ?? '') : '';
  return out;
}

/** Two cell values are the same when Sheets would show the same thing (Dates by time). */
export function sameCell(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  const blankA = a === '' || a === null || a === undefined;
  const blankB = b === '' || b === null || b === undefined;
  return blankA && blankB;
}

export interface SheetBlock {
  /** 0-based first column of the block. */
  column: number;
  /** Rows from the header row (row 1) down, each `width` wide. */
  values: unknown[][];
  width: number;
  /** Any cell differs from the sheet as read. */
  changed: boolean;
}

/**
 * The Echelon block to write in one setValues: the header row, then one row per line, then blank
 * rows over any stale rows left from a longer previous run. It spans the columns recompute owns
 * (a column the team inserted between them keeps its values, carried with the KOC ID; columns
 * outside the span are never touched). A row whose cells are all as before keeps its Updated
 * time, so a run with unchanged data changes no cell.
 */
export function echelonBlock(opts: {
  /** The Echelon sheet's values as read, header row first ([] when empty). */
  sheet: readonly (readonly unknown[])[];
  lines: readonly (EchelonEntry | ProblemRow)[];
  lang: Lang;
  now: Date;
  /** Header map of the sheet's first row (use mapHeaders(ECHELON, row 1)). */
  map: HeaderMap;
}): SheetBlock {
  const { sheet, lang, now } = opts;
  const oldHeader = sheet[0] ?? [];
  const headerIsBlank = oldHeader.every((v) => trimmedText(v) === '');
  // Where each owned column goes: as found by header; missing ones appended on the right.
  const index: Record<string, number> = {};
  const header: unknown[] = headerIsBlank ? [] : oldHeader.slice();
  while (header.length > 0 && trimmedText(header[header.length - 1]) === '') header.pop();
  for (const col of ECHELON.columns) {
    const at = headerIsBlank ? undefined : opts.map.index[col.key];
    if (at !== undefined) {
      index[col.key] = at;
      // Our own name for the column follows the workbook's language; a name the team gave it stays.
      const name = trimmedText(header[at]);
      if (name === col.en || name === col.zh) header[at] = label(col, lang);
    } else {
      index[col.key] = header.length;
      header.push(label(col, lang));
    }
  }
  const owned = ECHELON.columns.map((c) => index[c.key]);
  const lo = Math.min(...owned);
  const hi = Math.max(...owned);
  const width = hi - lo + 1;
  const ownedSet = new Set(owned);
  const extras: number[] = [];
  for (let c = lo; c <= hi; c++) if (!ownedSet.has(c)) extras.push(c);

  const oldRows = Math.max(sheet.length - 1, 0);
  const previousByRow = new Map<string, readonly unknown[]>();
  const idAt = opts.map.index.kocId;
  if (!headerIsBlank) for (const [id, r] of firstRowOfEachId(sheet, idAt, 1)) previousByRow.set(id, sheet[r]);

  const updatedAt = index.updated - lo;
  // Block position of each schema column, and the owned positions compared for "unchanged".
  const at = ECHELON.columns.map((c) => index[c.key] - lo);
  const compared = at.filter((_, j) => ECHELON.columns[j].key !== 'updated');
  const values: unknown[][] = [];
  values.push(Array.from({ length: width }, (_, i) => header[lo + i] ?? ''));
  // Each day's Date made once: a roster repeats a few hundred days.
  const dateOf = memoized(dateOfDay);
  const lines = opts.lines;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const out = blankRow(width);
    echelonCells(line, lang, dateOf, out, at);
    const id = 'koc' in line ? line.id : '';
    const before = id ? previousByRow.get(id) : undefined;
    if (before) for (let x = 0; x < extras.length; x++) out[extras[x] - lo] = before[extras[x]] ?? '';
    let same = before !== undefined;
    if (before)
      for (let x = 0; x < compared.length; x++)
        if (!sameCell(out[compared[x]], before[compared[x] + lo])) {
          same = false;
          break;
        }
    // Problem rows have no Updated time: they are re-reported each run, so it would never settle.
    out[updatedAt] = 'koc' in line ? (same ? before![updatedAt + lo] : now) : '';
    values.push(out);
  }
  const rowsNeeded = Math.max(oldRows, opts.lines.length);
  while (values.length < rowsNeeded + 1) values.push(blankRow(width));

  let changed = false;
  for (let r = 0; r < values.length && !changed; r++) {
    const was = sheet[r];
    const row = values[r];
    for (let c = 0; c < width; c++) if (!sameCell(row[c], was?.[lo + c])) {
      changed = true;
      break;
    }
  }
  return { column: lo, values, width, changed };
}

/** History rows by History column key. */
export function historyRecords(history: readonly HistoryEntry[], now: Date, lang: Lang): Record<string, unknown>[] {
  const fieldLabel = (f: 'tier' | 'stage') => columnLabel(ECHELON, f, lang);
  return history.map((h) => ({ when: now, kocId: h.kocId, name: h.name, field: fieldLabel(h.field), from: h.from, to: h.to, reason: h.reason }));
}

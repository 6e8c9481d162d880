/**
 * The value model as one SQL statement over the `kocs` table (roster-sql.ts): one row per KOC
 * with its score, tier, stage and sub-scores, the same as KOC_SCORE, KOC_TIER and KOC_STAGE give
 * for the same roster, Settings and as-of day. `npm run sql` and the add-on's BigQuery dialog
 * both print this. Pure.
 */
import { type Dialect, columnsOf, currentDateSql, dateSql, modelSql } from './sql';
import { KOCS_TABLE, readColumnSql, tableColumn, tableSql } from './roster-sql';
import { type ModelSettings, valueModel } from './value-model';

export interface KocsQueryOptions {
  dialect: Dialect;
  /** The table to read (BigQuery: project.dataset.table). Default `kocs`. */
  table?: string;
  /** The as-of day, YYYY-MM-DD; default today (BigQuery: in `timeZone`). */
  asOf?: string;
  /** IANA time zone of "today" in BigQuery (the spreadsheet's); default UTC. */
  timeZone?: string;
}

/** The roster columns the statement reads (a table needs only these). */
export function kocsQueryColumns(settings: ModelSettings): string[] {
  return ['koc_id', ...columnsOf(valueModel(settings))];
}

export function kocsQuery(settings: ModelSettings, opts: KocsQueryOptions): string {
  const model = valueModel(settings);
  const d = opts.dialect;
  const id = tableColumn('id').name;
  const read = columnsOf(model).map((name) => {
    const column = KOCS_TABLE.find((c) => c.name === name)!;
    return [name, readColumnSql(column, d)] as const;
  });
  const asOf = opts.asOf ? dateSql(opts.asOf) : currentDateSql(d, opts.timeZone);
  return modelSql(model, {
    dialect: d,
    header: [
      'KOC Ops value model: score, tier and stage of every KOC in the roster table.',
      `Reads ${tableSqlName(opts.table)}: ${KOCS_TABLE.filter((c) => c.name === id || read.some(([n]) => n === c.name))
        .map((c) => c.name)
        .join(', ')}.`,
      opts.asOf ? `As of ${opts.asOf}.` : `As of the day it runs${opts.timeZone ? ` (${opts.timeZone})` : ''}.`,
    ],
    input: {
      columns: [[id, `TRIM(${id})`], ['as_of', asOf], ...read],
      from: tableSql(opts.table ?? 'kocs', d),
      where: `${id} IS NOT NULL AND TRIM(${id}) <> ''`,
    },
    keep: [id, 'as_of'],
  });
}

function tableSqlName(table: string | undefined): string {
  return table ?? 'kocs';
}

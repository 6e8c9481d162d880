/**
 * A KOC ID on several rows of a sheet: the first row is the KOC, rows below it are duplicates (the
 * recompute names them in Echelon's Problems). Every reader that looks a KOC up by ID — the
 * recompute, the sidebar, Echelon's diff — finds the same row through here.
 */
import { trimmedText } from './numbers';

/** Each ID's first row index in `rows[start..end)`, by the ID in `column` (trimmed; blank IDs skipped). */
export function firstRowOfEachId(rows: readonly (readonly unknown[])[], column: number | undefined, start = 0, end = rows.length): Map<string, number> {
  const index = new Map<string, number>();
  if (column === undefined) return index;
  for (let i = start; i < end; i++) {
    const id = trimmedText(rows[i][column]);
    if (id && !index.has(id)) index.set(id, i);
  }
  return index;
}

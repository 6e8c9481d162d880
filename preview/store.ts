/**
 * The workbook file: read at start-up, written after every change. A write goes to a temporary
 * file beside the workbook and is renamed over it, so a stopped process leaves either the old or
 * the new workbook, never half of one. A file that cannot be read is moved aside (never
 * overwritten) and the user is told where it went.
 */
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';

export type LoadResult =
  | { kind: 'missing' }
  | { kind: 'ok'; json: unknown }
  /** The file was unreadable; it now lives at `keptAs`. */
  | { kind: 'bad'; message: string; keptAs: string };

/** A timestamp safe in file names on every OS: 2025-01-31T09-05-07-123Z. */
export function fileStamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Read and parse the workbook file. `accept` runs on the parsed JSON (the emulator's load, which
 * throws a clear Error on a malformed workbook); whatever it throws moves the file aside.
 */
export function loadWorkbookFile(path: string, accept: (json: unknown) => void): LoadResult {
  if (!existsSync(path)) return { kind: 'missing' };
  let message: string;
  try {
    const text = readFileSync(path, 'utf8');
    const json: unknown = JSON.parse(text);
    accept(json);
    return { kind: 'ok', json };
  } catch (err) {
    message = err instanceof Error ? err.message : String(err);
  }
  const keptAs = `${path}.bad-${fileStamp()}`;
  renameSync(path, keptAs);
  return { kind: 'bad', message, keptAs };
}

/** Write `json` to `path` atomically: a temporary file in the same folder, then a rename. */
export function saveWorkbookFile(path: string, json: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, `${JSON.stringify(json)}\n`);
    renameSync(tmp, path);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw err;
  }
}

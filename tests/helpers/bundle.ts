/**
 * The built bundle as Apps Script runs it: dist/Code.js evaluated in a bare V8 context (node:vm)
 * holding only standard JavaScript and the emulated Apps Script globals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, type Emulator, type EmulatorOptions, type ExecutionOptions } from '../../emulator/index';
import { loadBundle, type LoadedBundle } from '../../emulator/vm';

export const DIST = join(__dirname, '../../dist');

export function builtCode(): string {
  return readFileSync(join(DIST, 'Code.js'), 'utf8');
}

export interface BundleRun extends LoadedBundle {
  emulator: Emulator;
}

/** A fresh emulator (or the given one) with the built bundle loaded for one execution. */
export function runBundle(opts: { emulator?: Emulator; emulatorOptions?: EmulatorOptions; exec?: ExecutionOptions; now?: Date } = {}): BundleRun {
  const emulator = opts.emulator ?? createEmulator(opts.emulatorOptions);
  const loaded = loadBundle(builtCode(), emulator.globals(opts.exec), { now: opts.now, filename: 'Code.js' });
  return { ...loaded, emulator };
}

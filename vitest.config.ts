import { setFlagsFromString } from 'node:v8';
import { defineConfig } from 'vitest/config';

// A larger young generation for the worker threads started after this (V8 flags are per process):
// bundle tests make thousands of short-lived executions, and scavenges were a third of their time.
setFlagsFromString('--max-semi-space-size=64');

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ once and serves one Chromium to every browser test file.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two worker threads (cheaper than processes). Each file keeps its own module
    // state: server code run in-process sets module-level state (src/core/dates.ts's reading
    // day), as an Apps Script execution does in its own fresh global.
    pool: 'threads',
    isolate: true,
    fileParallelism: true,
    maxWorkers: 2,
  },
});

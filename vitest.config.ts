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
    // A browser test polls the page for what a server round trip and a render bring; on two busy
    // cores that can take more than expect.poll's default second. A passing poll returns at once.
    expect: { poll: { timeout: 10_000 } },
    setupFiles: ['tests/setup-file.ts'],
    // Two cores: two worker threads (cheaper than processes), each running its files in one module
    // graph: without isolation a file does not import and evaluate src, vitest and playwright
    // again (a fifth of the run). The state an Apps Script execution starts afresh is reset before
    // each file (tests/setup-file.ts); bundle tests get a fresh V8 context per execution anyway.
    pool: 'threads',
    // Transformed sources kept in node_modules/.experimental-vitest-cache between runs: the
    // edit–test loop transforms only what changed.
    experimental: { fsModuleCache: true },
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
  },
});

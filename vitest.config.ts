import { defineConfig } from 'vitest/config';

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

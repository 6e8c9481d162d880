import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ once and serves one Chromium to every browser test file.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two worker threads, each loading the sources once for all its files (no test
    // file changes module state another reads; each makes its own emulators, pages and servers).
    pool: 'threads',
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

// Browser journeys: one file at a time (each starts the app, a database and Chromium), with time to spare
// for PGlite's start-up and a cold browser.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    env: { TZ: 'Europe/Copenhagen' },
    setupFiles: ['src/test/setup.ts'],
  },
});

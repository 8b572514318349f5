import { defineConfig } from 'vitest/config';

// One suite, three ways: pure unit tests once; every server/API test on PGlite and again on
// PostgreSQL (same files, TEST_DB decides); browser journeys against a real server.
const serverTests = ['src/server/**/*.test.ts'];
export default defineConfig({
  test: {
    reporters: ['default', './test/summaryReporter.ts'],
    globalSetup: ['./test/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'unit', include: ['src/contracts/**/*.test.ts', 'src/web/**/*.test.ts'] } },
      { test: { name: 'pglite', include: serverTests, env: { TEST_DB: 'pglite' } } },
      { test: { name: 'postgres', include: serverTests, env: { TEST_DB: 'postgres' } } },
      { test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 60_000, fileParallelism: false } },
    ],
  },
});

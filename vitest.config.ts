import { defineConfig } from 'vitest/config';

// One suite: pure unit tests (*.unit.test.ts) once; every server/API test on PGlite and again on
// PostgreSQL (same files, TEST_DB decides) — but *.pg.test.ts (several app instances on one
// PostgreSQL server) only on PostgreSQL; browser journeys against a real server.
const serverTests = ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts'];
const unitTests = ['src/**/*.unit.test.ts'];
export default defineConfig({
  test: {
    reporters: ['default', './test/summaryReporter.ts'],
    globalSetup: ['./test/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: unitTests } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: serverTests,
          exclude: [...unitTests, 'src/**/*.pg.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      {
        extends: true,
        test: { name: 'postgres', include: serverTests, exclude: unitTests, env: { TEST_DB: 'postgres' } },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});

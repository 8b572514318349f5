import { mkdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate } from '../src/server/db/pgliteTemplate.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    runId: string;
  }
}

/**
 * Once per run: a migrated PGlite image that every test file loads (initdb in WASM takes
 * seconds; loading an image takes a fraction), and a run id that prefixes the PostgreSQL
 * databases the test files create, so parallel runs never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const dir = 'node_modules/.cache/phoihop-test';
  mkdirSync(dir, { recursive: true });
  const template = await buildPgliteTemplate(`${dir}/pglite-${runId}.tar`);
  project.provide('pgliteTemplate', template);
  project.provide('runId', runId);

  return async () => {
    rmSync(template, { force: true });
    // Drop whatever PostgreSQL databases this run's files left behind (e.g. after a crash).
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    try {
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`phoihop_t_${runId}_%`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } catch {
      // PostgreSQL absent: nothing was created there.
    } finally {
      await admin.end().catch(() => {});
    }
  };
}

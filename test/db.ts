import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { TEST_DATABASE_URL } from './globalSetup.ts';

export type Engine = 'pglite' | 'postgres';
export const engine: Engine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

let counter = 0;

/**
 * A fresh, migrated database of the engine this project runs on. PGlite: loaded from the
 * run's template image. PostgreSQL: a new database on the test server, dropped on close.
 */
export async function createTestDatabase(): Promise<Database> {
  if (engine === 'pglite') {
    return openDatabase({
      dataDir: 'memory://',
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    });
  }
  const created = await createPostgresDatabaseUrl();
  const database = await openDatabase({ url: created.url, poolSize: 5 });
  await migrate(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}

/** PostgreSQL only: a fresh empty database's URL (for child processes such as the CLI). */
export async function createPostgresDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `phoihop_t_${inject('runId')}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

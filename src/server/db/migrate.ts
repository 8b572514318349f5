import { fileURLToPath } from 'node:url';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the generated SQL migrations in order; already-applied ones are skipped. */
export async function migrate(database: Database): Promise<void> {
  // Both migrators take the same config; the cast only bridges the two drizzle driver types.
  const run = (database.kind === 'pglite' ? migratePglite : migratePg) as (
    db: unknown,
    config: { migrationsFolder: string },
  ) => Promise<void>;
  await run(database.db, { migrationsFolder });
}

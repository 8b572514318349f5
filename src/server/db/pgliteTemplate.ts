import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

// Creating a PGlite cluster (initdb in WASM) takes seconds; loading a ready image takes a
// fraction of that. `npm install` builds a migrated image once, and the first start on an
// empty data directory loads it (migrations then apply anything newer as usual).
export const PGLITE_TEMPLATE = fileURLToPath(
  new URL('../../../node_modules/.cache/phoihop/pglite-template.tar', import.meta.url),
);

export async function buildPgliteTemplate(path: string = PGLITE_TEMPLATE): Promise<string> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database);
    const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    return path;
  } finally {
    await database.close();
  }
}

/** The template image, when the data directory holds no cluster yet and an image exists. */
export function templateForFreshDir(dataDir: string): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(PGLITE_TEMPLATE)) return undefined;
  return new Blob([readFileSync(PGLITE_TEMPLATE)]);
}

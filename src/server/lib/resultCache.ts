import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client.ts';
import type { Actor } from './context.ts';
import { perDatabase } from './perDatabase.ts';
import { currentRevisions } from './revisions.ts';
import { todayInVietnam } from './time.ts';

interface Entry {
  stamp: string;
  value: { items: unknown[] };
}

// Pages of the agreement and task lists, per database. Sized by rows so a few 500-task
// pages cannot crowd out everything else.
const caches = perDatabase(
  () =>
    new LRUCache<string, Entry>({
      max: 2_000,
      maxSize: 50_000,
      sizeCalculation: (e) => e.value.items.length + 1,
    }),
);

let enabled = true;
/** PHOIHOP_LIST_CACHE=0 turns the page cache off (to measure the uncached path). */
export function setListCache(on: boolean) {
  enabled = on;
}
/** Whether answers may come from memory (other caches follow the same switch). */
export const listCacheEnabled = () => enabled;

/**
 * A list page answered from memory while nothing it shows has changed: the entry is stamped
 * with the database's change counters ('plans' for agreements and tasks, 'units' for unit
 * names and paths) and today's date in Vietnam (overdue is derived from it), and is used only
 * while the stamp still matches — so a write by any instance, the CLI or plain SQL is seen by
 * the next request. Everything a page shows depends on the actor only through their grants,
 * which are part of the key.
 */
export async function cachedPage<T extends { items: unknown[] }>(
  db: Db,
  actor: Actor,
  name: string,
  query: object,
  compute: () => Promise<T>,
): Promise<T> {
  if (!enabled) return compute();
  const revisions = await currentRevisions(db);
  const stamp = `${revisions.plans}:${revisions.units}:${todayInVietnam()}`;
  const grants = actor.grants.map((g) => `${g.role}@${g.path ?? '*'}`).sort();
  const key = JSON.stringify([name, grants, query]);
  const cache = caches(db);
  const hit = cache.get(key);
  if (hit?.stamp === stamp) return hit.value as T;
  const value = await compute();
  cache.set(key, { stamp, value });
  return value;
}

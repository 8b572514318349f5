import { LRUCache } from 'lru-cache';
import type { Db, Queryable } from '../../db/client.ts';
import { perDatabase } from '../../lib/perDatabase.ts';
import { listCacheEnabled } from '../../lib/resultCache.ts';
import { currentRevisions } from '../../lib/revisions.ts';

// Yearly roll-ups and national totals kept in memory, per database, while nothing they read
// has changed: each entry is stamped with the 'rollup' change counter (triggers on the yearly
// rows, targets, indicators, links, forms and unit successions — migration 0009) and the
// 'units' one (unit paths), and used only while both still match — so an approval by any
// instance, the CLI or plain SQL is seen by the next request. Access is checked on every
// request before the cache is asked; the key holds everything else the answer depends on
// (the view's roots, hence the actor's scope where it matters). PHOIHOP_LIST_CACHE=0 turns
// it off, like the list-page cache.

interface Entry {
  stamp: string;
  value: unknown;
  size: number;
}

const caches = perDatabase(
  () =>
    new LRUCache<string, Entry>({
      max: 500,
      // Sized by figures held (nodes × indicators) so a few national trees cannot crowd out all.
      maxSize: 5_000_000,
      sizeCalculation: (e) => Math.max(1, e.size),
    }),
);

export async function cached<T>(
  db: Queryable,
  key: unknown,
  compute: () => Promise<T>,
  sizeOf: (value: T) => number = () => 1,
): Promise<T> {
  if (!listCacheEnabled()) return compute();
  const handle = db as Db;
  const revisions = await currentRevisions(handle);
  const stamp = `${revisions.rollup}:${revisions.units}`;
  const cache = caches(handle);
  const k = JSON.stringify(key);
  const hit = cache.get(k);
  if (hit?.stamp === stamp) return hit.value as T;
  const value = await compute();
  cache.set(k, { stamp, value, size: sizeOf(value) });
  return value;
}

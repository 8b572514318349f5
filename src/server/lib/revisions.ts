import type { Db } from '../db/client.ts';
import { cacheRevisions } from '../db/schema/index.ts';
import { currentContext } from './context.ts';
import { perDatabase } from './perDatabase.ts';

export interface Revisions {
  units: number;
  auth: number;
  /** Agreements, parties, sections, tasks and their units (migration 0006). */
  plans: number;
  /** Yearly roll-up rows, targets, indicators, links, forms, unit successions (migration 0009). */
  rollup: number;
}

const statement = perDatabase((db) => db.select().from(cacheRevisions).prepare('phoihop_cache_revisions'));

async function fetchRevisions(db: Db): Promise<Revisions> {
  const rows = await statement(db).execute();
  const get = (name: string) => rows.find((r) => r.name === name)?.revision ?? -1;
  return { units: get('units'), auth: get('auth'), plans: get('plans'), rollup: get('rollup') };
}

const perRequest = new WeakMap<object, Promise<Revisions>>();

/**
 * The database's change counters (schema/system.ts), read at most once per read-only
 * request: every in-memory cache compares its copy with them before answering.
 */
export function currentRevisions(db: Db): Promise<Revisions> {
  const ctx = currentContext();
  // A request that writes reads fresh counters each time, so it sees its own changes.
  if (!ctx.readOnly) return fetchRevisions(db);
  let revisions = perRequest.get(ctx);
  if (!revisions) {
    revisions = fetchRevisions(db);
    perRequest.set(ctx, revisions);
  }
  return revisions;
}

import type { Db } from '../db/client.ts';

/**
 * One value per database handle, created on first use: prepared statements and caches
 * belong to a database, and tests open many databases in one process.
 */
export function perDatabase<T>(create: (db: Db) => T): (db: Db) => T {
  const values = new WeakMap<Db, T>();
  return (db) => {
    let value = values.get(db);
    if (value === undefined) {
      value = create(db);
      values.set(db, value);
    }
    return value;
  };
}

import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { units } from '../../db/schema/index.ts';
import { perDatabase } from '../../lib/perDatabase.ts';
import { currentRevisions } from '../../lib/revisions.ts';

export type DirectoryUnit = typeof units.$inferSelect & { childCount: number };

// The unit tree is read on almost every screen and changes rarely, and even a national
// tree (~10,000 units) fits in memory. Each app instance keeps it, in path order, and
// reloads it when the 'units' change counter moves (any writer, any instance).
const directory = perDatabase((): { revision: number; units: DirectoryUnit[] } => ({
  revision: -1,
  units: [],
}));

export async function unitDirectory(db: Db): Promise<DirectoryUnit[]> {
  // The counter is read before the rows: a change in between only causes another reload.
  const { units: revision } = await currentRevisions(db);
  const cached = directory(db);
  if (cached.revision === revision) return cached.units;
  const rows = await db
    .select({
      unit: units,
      // Drizzle leaves single-table column references unqualified, which inside this
      // subquery would bind to the inner alias; the outer table is named explicitly.
      childCount: sql<number>`(select count(*)::int from ${units} c where c.parent_id = "units"."id")`,
    })
    .from(units)
    .orderBy(asc(units.path));
  cached.units = rows.map((r) => ({ ...r.unit, childCount: r.childCount }));
  cached.revision = revision;
  return cached.units;
}

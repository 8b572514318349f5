import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';
import * as schema from './schema/index.ts';

// A portable dump: one JSON document holding every table's rows, restorable into PGlite
// or PostgreSQL alike (the two engines share migrations, so columns match by name).
export interface Dump {
  format: 'phoihop-dump';
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  tables: Array<{ name: string; rows: Array<Record<string, unknown>> }>;
}

// Sessions are not worth restoring (everyone signs in again); cache counters belong to the
// target database's own migrations.
const SKIP = new Set(['sessions', 'cache_revisions']);

/** Tables in an order where every referenced table comes before the tables referencing it. */
export function tablesInDependencyOrder(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter(
    (v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
  );
  const byName = new Map(tables.map((t) => [getTableConfig(t).name, t]));
  const ordered: PgTable[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const table = byName.get(name)!;
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = getTableConfig(fk.reference().foreignTable).name;
      if (target !== name) visit(target);
    }
    ordered.push(table);
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return ordered.filter((t) => !SKIP.has(getTableConfig(t).name));
}

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Array<Record<string, unknown>>;
}

export async function backup(database: Database, appVersion: string): Promise<Dump> {
  const tables: Dump['tables'] = [];
  for (const table of tablesInDependencyOrder()) {
    const { name } = getTableConfig(table);
    // Self-references (units.parent_id) restore in id order: parents were created first.
    const result = await database.db.execute(sql`select * from ${sql.identifier(name)} order by 1`);
    tables.push({ name, rows: rowsOf(result) });
  }
  return {
    format: 'phoihop-dump',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    appVersion,
    tables,
  };
}

// json/jsonb objects go in as JSON text; arrays (text[]) and scalars as they are: the
// database casts each parameter to its column's type.
function toParam(v: unknown): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : v;
}

/** Restores a dump into a migrated, empty database, in one transaction. */
export async function restore(database: Database, dump: Dump): Promise<Record<string, number>> {
  if (dump.format !== 'phoihop-dump' || dump.formatVersion !== 1)
    throw new Error('Tệp sao lưu không đúng định dạng PhốiHợp.');
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    for (const table of tablesInDependencyOrder()) {
      const { name } = getTableConfig(table);
      const [existing] = rowsOf(
        await tx.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`),
      );
      if (Number(existing?.n ?? 0) > 0)
        throw new Error(
          `Cơ sở dữ liệu đích không trống (bảng ${name}); chỉ khôi phục vào cơ sở dữ liệu mới.`,
        );
    }
    const known = new Map(tablesInDependencyOrder().map((t) => [getTableConfig(t).name, t]));
    for (const { name, rows } of dump.tables) {
      const table = known.get(name);
      if (!table) throw new Error(`Tệp sao lưu có bảng không xác định: ${name}`);
      counts[name] = rows.length;
      // Multi-row inserts, 200 rows a statement: a restore of a large database stays quick.
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        const cols = Object.keys(chunk[0]!);
        const tuples = chunk.map(
          (row) =>
            sql`(${sql.join(
              // sql.param: an array (api_tokens.scopes text[]) must stay one parameter;
              // interpolated bare, drizzle spreads it into "($1, $2)" and the insert fails.
              cols.map((c) => sql`${sql.param(toParam(row[c]))}`),
              sql`, `,
            )})`,
        );
        await tx.execute(
          sql`insert into ${sql.identifier(name)} (${sql.join(
            cols.map((c) => sql.identifier(c)),
            sql`, `,
          )}) overriding system value values ${sql.join(tuples, sql`, `)}`,
        );
      }
      // Identity sequences continue after the restored ids.
      if (getTableConfig(table).columns.some((c) => c.name === 'id')) {
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${sql.identifier(name)}), 0) + 1, false)`,
        );
      }
    }
  });
  return counts;
}

import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { storedPath } from '../modules/attachments/storage.ts';
import { type Database, rowsOf } from './client.ts';
import * as schema from './schema/index.ts';

// A portable dump: one JSON document holding every table's rows, restorable into PGlite
// or PostgreSQL alike (the two engines share migrations, so columns match by name).
export interface Dump {
  format: 'phoihop-dump';
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  tables: Array<{ name: string; rows: Array<Record<string, unknown>> }>;
  /** Attached files (scans, DOCX, images) by storage key, base64; absent in older dumps. */
  files?: Array<{ key: string; sha256: string; base64: string }>;
}

export interface FileOptions {
  /** The attachments folder (`<data dir>/attachments`): its files go into the dump and back. */
  attachmentRoot?: string;
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

export async function backup(
  database: Database,
  appVersion: string,
  options: FileOptions = {},
): Promise<Dump> {
  const tables: Dump['tables'] = [];
  for (const table of tablesInDependencyOrder()) {
    const { name } = getTableConfig(table);
    // Self-references (units.parent_id) restore in id order: parents were created first.
    const result = await database.db.execute(sql`select * from ${sql.identifier(name)} order by 1`);
    tables.push({ name, rows: rowsOf<Record<string, unknown>>(result) });
  }
  const dump: Dump = {
    format: 'phoihop-dump',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    appVersion,
    tables,
  };
  const root = options.attachmentRoot;
  if (root) {
    const rows = tables.find((t) => t.name === 'attachments')?.rows ?? [];
    dump.files = [];
    for (const row of rows) {
      const key = String(row.storage_key);
      const data = await readFile(storedPath(root, key));
      dump.files.push({ key, sha256: String(row.sha256), base64: data.toString('base64') });
    }
  }
  return dump;
}

/** Writes the dump's files; a file whose content does not match its recorded hash is refused. */
async function restoreFiles(dump: Dump, root: string, written: string[]) {
  for (const file of dump.files ?? []) {
    const data = Buffer.from(file.base64, 'base64');
    if (createHash('sha256').update(data).digest('hex') !== file.sha256)
      throw new Error(`Tệp đính kèm ${file.key} trong bản sao lưu bị hỏng (sai mã băm).`);
    const path = storedPath(root, file.key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data, { flag: 'wx' });
    written.push(path);
  }
}

// json/jsonb values (objects, and arrays such as report_forms.approval_chain) go in as JSON
// text; other arrays (text[]) and scalars as they are: the database casts each parameter to
// its column's type.
function toParam(v: unknown, json: boolean): unknown {
  if (v === null || v === undefined) return v;
  if (json) return JSON.stringify(v);
  return typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : v;
}

/**
 * Restores a dump into a migrated, empty database, in one transaction; with an attachment
 * folder, its files too — written before the commit and removed again if anything fails.
 */
export async function restore(
  database: Database,
  dump: Dump,
  options: FileOptions = {},
): Promise<Record<string, number>> {
  if (dump.format !== 'phoihop-dump' || dump.formatVersion !== 1)
    throw new Error('Tệp sao lưu không đúng định dạng PhốiHợp.');
  const counts: Record<string, number> = {};
  const written: string[] = [];
  try {
    await database.db.transaction(async (tx) => {
      for (const table of tablesInDependencyOrder()) {
        const { name } = getTableConfig(table);
        const [existing] = rowsOf<{ n: number }>(
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
        const jsonCols = new Set(
          getTableConfig(table)
            .columns.filter((c) => c.getSQLType().startsWith('json'))
            .map((c) => c.name),
        );
        // Multi-row inserts, 200 rows a statement: a restore of a large database stays quick.
        for (let i = 0; i < rows.length; i += 200) {
          const chunk = rows.slice(i, i + 200);
          const cols = Object.keys(chunk[0]!);
          const tuples = chunk.map(
            (row) =>
              sql`(${sql.join(
                // sql.param: an array (api_tokens.scopes text[]) must stay one parameter;
                // interpolated bare, drizzle spreads it into "($1, $2)" and the insert fails.
                cols.map((c) => sql`${sql.param(toParam(row[c], jsonCols.has(c)))}`),
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
      if (options.attachmentRoot) await restoreFiles(dump, options.attachmentRoot, written);
    });
  } catch (error) {
    for (const path of written) await rm(path, { force: true });
    throw error;
  }
  return counts;
}

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from '../../../test/app.ts';
import { createTestDatabase, engine } from '../../../test/db.ts';
import { TEST_DATABASE_URL } from '../../../test/globalSetup.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { backup, type Dump, restore } from './backup.ts';
import { type Database, openDatabase } from './client.ts';
import { migrate } from './migrate.ts';
import {
  agreements,
  apiTokens,
  attachments,
  auditLog,
  grants,
  tasks,
  unitParentHistory,
  unitSuccessors,
  units,
  users,
} from './schema/index.ts';

const PASSWORD = 'Demo-sao-luu-2026';
const opened: Database[] = [];
let source: Database;
let dump: Dump;

/** As the CLI does it: the dump travels through a JSON file. */
const viaFile = (d: Dump): Dump => JSON.parse(JSON.stringify(d));

async function fresh(): Promise<Database> {
  const database = await createTestDatabase();
  opened.push(database);
  return database;
}

/** A migrated, empty database of the *other* engine than the one this project runs on. */
let otherCounter = 0;
async function otherEngine(): Promise<Database> {
  let database: Database;
  if (engine === 'postgres') {
    database = await openDatabase({ dataDir: 'memory://' });
  } else {
    // Named like test/db.ts names them, so the run's teardown drops it even after a crash.
    const name = `phoihop_t_${inject('runId')}_${process.pid}_x${++otherCounter}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const inner = await openDatabase({ url: url.toString(), poolSize: 2 });
    database = {
      ...inner,
      close: async () => {
        await inner.close();
        const drop = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await drop.connect();
        await drop.query(`drop database if exists "${name}" with (force)`);
        await drop.end();
      },
    };
  }
  await migrate(database);
  opened.push(database);
  return database;
}

async function rowCounts(database: Database) {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries({
    units,
    unitSuccessors,
    unitParentHistory,
    users,
    grants,
    apiTokens,
    auditLog,
    agreements,
    tasks,
    attachments,
  })) {
    const [r] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table);
    out[name] = r!.n;
  }
  return out;
}

/** Typed reads through drizzle, so both engines present values alike. */
async function sample(database: Database) {
  const db = database.db;
  return {
    units: await db.select().from(units).orderBy(asc(units.id)),
    successors: await db.select().from(unitSuccessors).orderBy(asc(unitSuccessors.unitId)),
    history: await db.select().from(unitParentHistory).orderBy(asc(unitParentHistory.id)),
    users: await db.select().from(users).orderBy(asc(users.id)),
    grants: await db.select().from(grants).orderBy(asc(grants.id)),
    tokens: await db.select().from(apiTokens).orderBy(asc(apiTokens.id)),
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
  };
}

async function seedSource(database: Database) {
  await seedDemo(database.db, PASSWORD);
  const [admin] = await database.db.select().from(users).where(eq(users.username, 'admin'));
  // a text[] column and timestamps with and without values
  await database.db.insert(apiTokens).values({
    userId: admin!.id,
    name: 'Đồng bộ',
    prefix: 'phk_abcdef',
    tokenHash: 'a'.repeat(64),
    scopes: ['read', 'write'],
    expiresAt: new Date('2030-01-01T00:00:00Z'),
  });
}

beforeAll(async () => {
  source = await fresh();
  await seedSource(source);
  dump = await backup(source, '0.1.0');
}, 60_000);

afterAll(async () => {
  for (const d of opened.reverse()) await d.close().catch(() => {});
});

describe('backup and restore', () => {
  it('the dump holds every table but sessions, in dependency order', () => {
    const names = dump.tables.map((t) => t.name);
    expect(names).not.toContain('sessions');
    expect(names.indexOf('units')).toBeLessThan(names.indexOf('users'));
    expect(names.indexOf('users')).toBeLessThan(names.indexOf('grants'));
    expect(names.indexOf('units')).toBeLessThan(names.indexOf('unit_successors'));
    expect(dump.format).toBe('phoihop-dump');
    expect(dump.tables.find((t) => t.name === 'units')!.rows.length).toBeGreaterThan(30);
  });

  it('restores into a fresh database of the same engine with the same rows', async () => {
    const target = await fresh();
    const counts = await restore(target, viaFile(dump));
    expect(counts.units).toBeGreaterThan(30);
    expect(await rowCounts(target)).toEqual(await rowCounts(source));
    expect(await sample(target)).toEqual(await sample(source));
    const [lc] = await target.db
      .select()
      .from(units)
      .where(eq(units.name, 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu'));
    expect(lc!.path).toMatch(/^\/\d+\/\d+\/$/);
  }, 60_000);

  it('restores the dump object directly as well (dates not yet turned into strings)', async () => {
    const target = await fresh();
    await restore(target, dump);
    expect(await sample(target)).toEqual(await sample(source));
  }, 60_000);

  it('after restore, new rows get fresh ids and the restored accounts sign in', async () => {
    const target = await fresh();
    await restore(target, viaFile(dump));
    const maxId = Math.max(...(await target.db.select({ id: units.id }).from(units)).map((u) => u.id));
    const [created] = await target.db
      .insert(units)
      .values({ kind: 'other', name: 'Đơn vị sau khôi phục', path: '/', searchText: 'don vi' })
      .returning();
    expect(created!.id).toBe(maxId + 1);
    const [hist] = await target.db.insert(unitParentHistory).values({ unitId: created!.id }).returning();
    expect(hist!.id).toBeGreaterThan(0);

    const app = await buildApp(target, loadConfig({ LOG_LEVEL: 'silent', PHOIHOP_DEMO: '0' }), {
      logger: false,
      serveWeb: false,
    });
    try {
      const c = await signIn(app, 'quantri.bdbp.laichau', PASSWORD);
      const res = await c.post('/api/units', {
        kind: 'other',
        name: 'Tạo qua API sau khôi phục',
        parentId: (
          await target.db
            .select()
            .from(units)
            .where(eq(units.name, 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu'))
        )[0]!.id,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().id).toBe(maxId + 2);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('refuses to restore into a database that is not empty, changing nothing', async () => {
    const before = await rowCounts(source);
    await expect(restore(source, viaFile(dump))).rejects.toThrow(/không trống/);
    expect(await rowCounts(source)).toEqual(before);
  });

  it('refuses a file that is not a PhốiHợp dump, or names an unknown table', async () => {
    const target = await fresh();
    await expect(restore(target, { ...viaFile(dump), format: 'other' } as unknown as Dump)).rejects.toThrow(
      /định dạng/,
    );
    const bad = viaFile(dump);
    bad.tables.push({ name: 'bang_la', rows: [] });
    await expect(restore(target, bad)).rejects.toThrow(/bang_la/);
    // all in one transaction: nothing of the good tables stayed behind
    expect((await rowCounts(target)).units).toBe(0);
  }, 60_000);
});

describe('attached files', () => {
  it('travel in the dump and come back byte for byte; a corrupted file restores nothing', async () => {
    const original = await fresh();
    await seedSource(original);
    const [agreement] = await original.db.select({ id: agreements.id }).from(agreements).limit(1);
    const bytes = Buffer.from('%PDF-1.4\nBiên bản ký kết chương trình phối hợp\n%%EOF\n');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${randomUUID()}`;
    const sourceRoot = mkdtempSync(join(tmpdir(), 'phoihop-files-'));
    mkdirSync(join(sourceRoot, key.slice(0, 2)), { recursive: true });
    writeFileSync(join(sourceRoot, key), bytes);
    await original.db.insert(attachments).values({
      ownerType: 'agreement',
      ownerId: agreement!.id,
      fileName: 'bien-ban-ky-ket.pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
      sha256,
      storageKey: key,
    });
    const withFiles = viaFile(await backup(original, '0.1.0', { attachmentRoot: sourceRoot }));
    expect(withFiles.files).toHaveLength(1);

    const targetRoot = mkdtempSync(join(tmpdir(), 'phoihop-files-'));
    const corrupted = viaFile(withFiles);
    corrupted.files![0]!.base64 = Buffer.from('something else').toString('base64');
    const refused = await fresh();
    await expect(restore(refused, corrupted, { attachmentRoot: targetRoot })).rejects.toThrow(/hỏng/);
    expect((await rowCounts(refused)).attachments).toBe(0);
    expect(existsSync(join(targetRoot, key))).toBe(false);

    const target = await fresh();
    await restore(target, withFiles, { attachmentRoot: targetRoot });
    expect(readFileSync(join(targetRoot, key)).equals(bytes)).toBe(true);
    expect((await rowCounts(target)).attachments).toBe(1);
  }, 60_000);
});

describe('cross-engine restore', () => {
  it(`restores a dump from the other engine into ${engine}, and back`, async () => {
    // other engine → this engine
    const other = await otherEngine();
    await seedSource(other);
    const fromOther = viaFile(await backup(other, '0.1.0'));
    const here = await fresh();
    await restore(here, fromOther);
    expect(await rowCounts(here)).toEqual(await rowCounts(other));
    expect(await sample(here)).toEqual(await sample(other));

    // this engine → other engine
    const otherTarget = await otherEngine();
    await restore(otherTarget, viaFile(dump));
    expect(await rowCounts(otherTarget)).toEqual(await rowCounts(source));
    expect(await sample(otherTarget)).toEqual(await sample(source));
    const [created] = await otherTarget.db
      .insert(units)
      .values({ kind: 'other', name: 'Mới', path: '/', searchText: 'moi' })
      .returning();
    expect(created!.id).toBe(Math.max(...(await sample(source)).units.map((u) => u.id)) + 1);
  }, 120_000);
});

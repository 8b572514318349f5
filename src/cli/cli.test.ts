import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabaseUrl, engine } from '../../test/db.ts';
import { openDatabase } from '../server/db/client.ts';
import { grants, units, users } from '../server/db/schema/index.ts';
import { verifyPassword } from '../server/modules/auth/password.ts';

const run = promisify(execFile);
const NODE = join(process.cwd(), 'node_modules/.bin/node');

interface Target {
  env: Record<string, string>;
  open(): ReturnType<typeof openDatabase>;
  cleanup(): Promise<void>;
}

/** A fresh database of either engine, as the CLI sees it (environment variables). */
async function target(kind: 'pglite' | 'postgres'): Promise<Target> {
  if (kind === 'postgres') {
    const pg = await createPostgresDatabaseUrl();
    return { env: { DATABASE_URL: pg.url }, open: () => openDatabase({ url: pg.url }), cleanup: pg.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'phoihop-cli-'));
  return {
    env: { PHOIHOP_DATA_DIR: dir, DATABASE_URL: '' },
    open: () => openDatabase({ dataDir: join(dir, 'pglite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function cli(args: string[], env: Record<string, string>) {
  return run(NODE, ['bin/phoihop.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 60_000,
  }).catch((e: { code: number; stdout: string; stderr: string }) => ({ ...e, failed: true }));
}

// Each command is a separate process opening its own database (PGlite initdb takes seconds).
describe(`phoihop command line (${engine})`, { timeout: 90_000 }, () => {
  let source: Target;
  let other: Target;
  const dumpFile = join(tmpdir(), `phoihop-dump-${process.pid}-${engine}.json`);

  beforeAll(async () => {
    source = await target(engine);
    other = await target(engine === 'pglite' ? 'postgres' : 'pglite');
  });
  afterAll(async () => {
    await source?.cleanup();
    await other?.cleanup();
    rmSync(dumpFile, { force: true });
  });

  it('lists its commands in --help', async () => {
    const { stdout } = await cli(['--help'], {});
    for (const cmd of ['serve', 'migrate', 'create-admin', 'seed-demo', 'backup', 'restore'])
      expect(stdout).toContain(cmd);
  });

  it('creates an administrator non-interactively', async () => {
    const res = await cli(
      ['create-admin', '--username', 'quantri', '--password', 'Quan-tri-2026'],
      source.env,
    );
    expect(res.stdout).toContain('Đã tạo quản trị viên "quantri"');
    const database = await source.open();
    try {
      const [user] = await database.db.select().from(users).where(eq(users.username, 'quantri'));
      expect(await verifyPassword(user!.passwordHash, 'Quan-tri-2026')).toBe(true);
      const [grant] = await database.db.select().from(grants).where(eq(grants.userId, user!.id));
      expect(grant).toMatchObject({ unitId: null, role: 'admin' });
    } finally {
      await database.close();
    }
  });

  it('refuses a duplicate or weak administrator, and a missing flag without a terminal', async () => {
    const dup = await cli(
      ['create-admin', '--username', 'quantri', '--password', 'Quan-tri-2026'],
      source.env,
    );
    expect(dup).toMatchObject({ failed: true, code: 1 });
    expect(dup.stderr).toContain('Tên đăng nhập đã tồn tại');
    const weak = await cli(['create-admin', '--username', 'khac', '--password', 'ngan'], source.env);
    expect(weak.stderr).toContain('Mật khẩu');
    const missing = await cli(['create-admin', '--username', 'khac'], {
      ...source.env,
      PHOIHOP_ADMIN_PASSWORD: '',
    });
    expect(missing).toMatchObject({ failed: true, code: 1 });
    expect(missing.stderr).toContain('Thiếu tham số');
  });

  it('seeds demo data, backs it up and restores it into the other engine', async () => {
    const seeded = await cli(['seed-demo', '--password', 'Du-lieu-mau-2026'], source.env);
    expect(seeded.stdout).toContain('Mật khẩu chung: Du-lieu-mau-2026');
    const backedUp = await cli(['backup', '-o', dumpFile], source.env);
    expect(backedUp.stdout).toContain('Đã sao lưu');
    const dump = JSON.parse(readFileSync(dumpFile, 'utf8'));
    const unitRows = dump.tables.find((t: { name: string }) => t.name === 'units').rows;
    expect(unitRows.map((u: { name: string }) => u.name)).toContain('Đồn Biên phòng Tả Gia Khâu');

    const restored = await cli(['restore', '-i', dumpFile], other.env);
    expect(restored.stdout).toContain('Đã khôi phục');
    const database = await other.open();
    try {
      const rows = await database.db.select().from(units);
      expect(rows.length).toBe(unitRows.length);
      const [tgk] = rows.filter((u) => u.name === 'Đồn Biên phòng Tả Gia Khâu');
      expect(tgk?.path).toBe(
        unitRows.find((u: { name: string }) => u.name === 'Đồn Biên phòng Tả Gia Khâu').path,
      );
      const [admin] = await database.db.select().from(users).where(eq(users.username, 'quantri'));
      expect(await verifyPassword(admin!.passwordHash, 'Quan-tri-2026')).toBe(true);
    } finally {
      await database.close();
    }
    const again = await cli(['restore', '-i', dumpFile], other.env);
    expect(again).toMatchObject({ failed: true, code: 1 });
    expect(again.stderr).toContain('không trống');
  });
});

// PostgreSQL only (several processes and pools on one database server).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabaseUrl } from '../../../../test/db.ts';
import { NOW, SETTINGS, seedReminders } from '../../../../test/reminderFixtures.ts';
import { type Database, openDatabase, rowsOf } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { jobs, notifications } from '../../db/schema/index.ts';
import { reminderHandlers } from './handlers.ts';
import { type JobHandlers, runDueJobs } from './jobs.ts';
import { scanReminders } from './scan.ts';

const handlers = reminderHandlers(SETTINGS);
/** Recipients of the fixture's 9 reminders (see reminders.test.ts): 4+4+8+1+1+4+5+4. */
const FIXTURE_NOTIFICATIONS = 31;

async function freshDatabase() {
  const created = await createPostgresDatabaseUrl();
  const database = await openDatabase({ url: created.url, poolSize: 4 });
  await migrate(database);
  return { created, database };
}

const countOf = async (db: Database['db'], query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number | string }>(await db.execute(query))[0]!.n);

describe('the app killed while a reminder is being sent', () => {
  let url: string;
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const f = await freshDatabase();
    url = f.created.url;
    drop = f.created.drop;
    database = f.database;
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('SIGKILL mid-job: nothing of that job is kept, and after restart every reminder is sent exactly once', async () => {
    await seedReminders(database.db);
    expect(await scanReminders(database.db, NOW, SETTINGS)).toBe(9);

    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, '../../../../test/reminderCrashWorker.ts'), url, NOW.toISOString()],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    const jobId = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = /IN_JOB (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`the worker ended before its job: ${stderr}`)));
    });
    // The child has written the job's notifications in its open transaction: none is visible.
    expect(await database.db.select().from(notifications)).toHaveLength(0);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Restart: run until no job is pending (the server releases the dead session's lock as
    // soon as it sees the connection gone; until then that row is skipped, not waited for).
    for (let i = 0; i < 200; i++) {
      await runDueJobs(database.db, handlers, { workerId: 'sau-khoi-dong', now: NOW });
      const pending = await countOf(
        database.db,
        sql`select count(*) as n from jobs where status = 'pending'`,
      );
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const all = await database.db.select().from(jobs);
    expect(all).toHaveLength(9);
    expect(all.every((j) => j.status === 'done' && j.doneBy === 'sau-khoi-dong' && j.attempts === 0)).toBe(
      true,
    );
    const [killed] = all.filter((j) => j.id === jobId);
    const ofKilled = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupKey, killed!.dedupKey));
    expect(ofKilled.length).toBeGreaterThan(0);
    expect(new Set(ofKilled.map((n) => n.userId)).size).toBe(ofKilled.length);
    expect(await database.db.select().from(notifications)).toHaveLength(FIXTURE_NOTIFICATIONS);
  });
});

describe('two app instances running the scheduler at once', () => {
  let url: string;
  let first: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const f = await freshDatabase();
    url = f.created.url;
    drop = f.created.drop;
    first = f.database;
  });
  afterAll(async () => {
    await first.close();
    await drop();
  });

  it('200 due reminders: each notified exactly once, and both instances did some', async () => {
    const s = await seedReminders(first.db);
    // 200 more bulletins to the post that nobody acknowledged (sent two days before NOW).
    await first.db.execute(sql`
      with b as (
        insert into bulletins (sender_unit_id, kind, subject, body, search_text, created_at)
        select ${s.units.ethnic.id}, 'tip_off', 'Nguồn tin số ' || g, 'Nội dung', 'nguon tin', ${'2026-06-13T01:00:00Z'}::timestamptz
        from generate_series(1, 200) g returning id)
      insert into bulletin_recipients (bulletin_id, unit_id) select id, ${s.units.post.id} from b`);
    const second = await openDatabase({ url, poolSize: 4 });
    try {
      // Slowed a little so both instances are busy at the same time.
      const slowed: JobHandlers = Object.fromEntries(
        Object.entries(handlers).map(([kind, h]) => [
          kind,
          async (tx, job) => {
            await h(tx, job);
            await new Promise((r) => setTimeout(r, 5));
          },
        ]),
      );
      const instance = async (db: Database['db'], workerId: string) => {
        await scanReminders(db, NOW, SETTINGS);
        return runDueJobs(db, slowed, { workerId, now: NOW, limit: 1000 });
      };
      const [a, b] = await Promise.all([instance(first.db, 'may-1'), instance(second.db, 'may-2')]);
      expect(a.done + b.done).toBe(209);
      expect(a.failed + b.failed + a.retried + b.retried).toBe(0);

      const byWorker = rowsOf<{ done_by: string; n: number | string }>(
        await first.db.execute(
          sql`select done_by, count(*) as n from jobs where status = 'done' group by done_by`,
        ),
      );
      expect(byWorker.map((r) => r.done_by).sort()).toEqual(['may-1', 'may-2']);
      expect(await countOf(first.db, sql`select count(*) as n from jobs`)).toBe(209);
      // The post has 4 users who act for it: 200 × 4 notifications, plus the fixture's.
      expect(await countOf(first.db, sql`select count(*) as n from notifications`)).toBe(
        200 * 4 + FIXTURE_NOTIFICATIONS,
      );
      expect(
        await countOf(
          first.db,
          sql`select count(*) as n from (select 1 from notifications group by user_id, dedup_key having count(*) > 1) d`,
        ),
      ).toBe(0);
      expect(
        await countOf(
          first.db,
          sql`select count(*) as n from jobs j where j.kind = 'bulletin_unacknowledged'
            and (select count(*) from notifications n where n.dedup_key = j.dedup_key) <> 4`,
        ),
      ).toBe(0);
    } finally {
      await second.close();
    }
  });
});

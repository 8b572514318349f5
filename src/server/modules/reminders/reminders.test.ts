import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabaseUrl, createTestDatabase, engine } from '../../../../test/db.ts';
import { buildUser } from '../../../../test/factories.ts';
import { NOW, SETTINGS, seedReminders } from '../../../../test/reminderFixtures.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { jobs, notifications, reports } from '../../db/schema/index.ts';
import { notify } from '../notifications/service.ts';
import { nearestLeaders, reminderHandlers } from './handlers.ts';
import { enqueueJobs, MAX_ATTEMPTS, runDueJobs } from './jobs.ts';
import { scanReminders } from './scan.ts';
import { startScheduler } from './scheduler.ts';

type Seed = Awaited<ReturnType<typeof seedReminders>>;
const handlers = reminderHandlers(SETTINGS);

async function notificationsOf(db: Database['db'], kind: string) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.kind, kind as never));
}

const usersOf = (list: Array<{ userId: number }>) => list.map((n) => n.userId).sort((a, b) => a - b);
const sorted = (...ids: number[]) => [...ids].sort((a, b) => a - b);

describe('reminders: each kind to the right users, once', () => {
  let database: Database;
  let s: Seed;
  let actingForPost: number[];

  beforeAll(async () => {
    database = await createTestDatabase();
    s = await seedReminders(database.db);
    const u = s.users;
    actingForPost = sorted(u.postOfficer, u.postLeader, u.commandLeader, u.provinceLeader);
    expect(await scanReminders(database.db, NOW, SETTINGS)).toBe(9);
    const ran = await runDueJobs(database.db, handlers, { workerId: 'thu', now: NOW });
    expect(ran).toEqual({ done: 9, failed: 0, retried: 0 });
  });
  afterAll(() => database.close());

  it('report due in 2 days: the post’s officers and the leaders above, with the deadline', async () => {
    const list = await notificationsOf(database.db, 'report_due');
    expect(usersOf(list)).toEqual(actingForPost);
    expect(list[0]!.title).toBe('Báo cáo sắp đến hạn: Báo cáo tháng công tác biên giới – Tháng 6/2026');
    expect(list[0]!.body).toBe(
      'Đồn Biên phòng Tả Gia Khâu cần gửi báo cáo «Báo cáo tháng công tác biên giới» (Tháng 6/2026) chậm nhất ngày 17/06/2026 (còn 2 ngày).',
    );
    expect(list[0]!.link).toBe(`/reports/${s.postJune.id}`);
  });

  it('report overdue (May, never created): the same users, linked to the form’s status', async () => {
    const list = await notificationsOf(database.db, 'report_overdue');
    expect(usersOf(list)).toEqual(actingForPost);
    expect(list[0]!.body).toContain(
      '(Tháng 5/2026) của Đồn Biên phòng Tả Gia Khâu đã quá hạn nộp ngày 17/05/2026',
    );
    expect(list[0]!.link).toBe(`/forms/${s.form.id}/status`);
  });

  it('overdue task and overdue occurrence of a recurring task: the lead unit', async () => {
    const list = await notificationsOf(database.db, 'task_overdue');
    expect(list).toHaveLength(actingForPost.length * 2);
    const late = list.filter((n) => n.link === `/tasks/${s.lateTask.id}`);
    expect(usersOf(late)).toEqual(actingForPost);
    expect(late[0]!.body).toBe(
      'Nhiệm vụ «Tuần tra song phương đoạn biên giới mốc 145» do Đồn Biên phòng Tả Gia Khâu chủ trì đã quá hạn hoàn thành ngày 10/06/2026. Đề nghị cập nhật tiến độ hoặc kết quả thực hiện.',
    );
    const occ = list.filter((n) => n.link === `/tasks/${s.recurring.id}`);
    expect(occ[0]!.body).toContain('«Giao ban hằng tháng» (Tháng 6/2026)');
    expect(occ[0]!.body).toContain('14/06/2026');
  });

  it('approval waiting 14 days: the approving unit’s leader; escalated: the leader above', async () => {
    const waiting = await notificationsOf(database.db, 'approval_waiting');
    expect(usersOf(waiting)).toEqual([s.users.commandLeader]);
    expect(waiting[0]!.body).toBe(
      'Báo cáo «Báo cáo tháng công tác biên giới» (Tháng 5/2026) của Ban Dân tộc tỉnh Lào Cai đã chờ Bộ Chỉ huy BĐBP tỉnh Lào Cai duyệt 14 ngày, từ ngày 01/06/2026. Đề nghị xem xét duyệt hoặc trả lại.',
    );
    expect(waiting[0]!.link).toBe(`/reports/${s.waiting.id}`);
    const escalated = await notificationsOf(database.db, 'approval_escalated');
    expect(usersOf(escalated)).toEqual([s.users.provinceLeader]);
    expect(escalated[0]!.body).toContain('vượt thời hạn 7 ngày. Đề nghị đồng chí đôn đốc.');
  });

  it('bulletin not acknowledged after 24 hours: the recipient unit; not the fresh or acknowledged ones', async () => {
    const list = await notificationsOf(database.db, 'bulletin_unacknowledged');
    expect(usersOf(list)).toEqual(actingForPost);
    expect(new Set(list.map((n) => n.link))).toEqual(new Set([`/bulletins/${s.unacked.id}`]));
    expect(list[0]!.body).toBe(
      'Ban Dân tộc tỉnh Lào Cai gửi bản tin «Tình hình an ninh tháng 6» cho Đồn Biên phòng Tả Gia Khâu ngày 13/06/2026, đến nay đơn vị chưa xác nhận đã nhận.',
    );
  });

  it('request past its response date: the sender and the recipients', async () => {
    const list = await notificationsOf(database.db, 'request_overdue');
    expect(usersOf(list)).toEqual(sorted(...actingForPost, s.users.ethnicOfficer));
    expect(list[0]!.title).toBe('Đề nghị phối hợp quá hạn trả lời: Đề nghị cung cấp danh sách hộ nghèo');
    expect(list[0]!.body).toContain('có hạn trả lời ngày 12/06/2026');
  });

  it('meeting tomorrow: the host and attending units; not the one after tomorrow or the cancelled one', async () => {
    const list = await notificationsOf(database.db, 'meeting_tomorrow');
    const u = s.users;
    expect(usersOf(list)).toEqual(
      sorted(u.commandOfficer, u.commandLeader, u.provinceLeader, u.ethnicOfficer),
    );
    expect(new Set(list.map((n) => n.link))).toEqual(new Set([`/meetings/${s.meeting.id}`]));
    expect(list[0]!.body).toBe(
      '«Hội nghị giao ban quý II» do Bộ Chỉ huy BĐBP tỉnh Lào Cai tổ chức, bắt đầu lúc 08:30 ngày 16/06/2026 tại Hội trường Bộ Chỉ huy.',
    );
  });

  it('viewers, officers above and unrelated units get nothing', async () => {
    const all = await database.db.select().from(notifications);
    const ids = new Set(all.map((n) => n.userId));
    expect(ids.has(s.users.postViewer)).toBe(false);
    expect(ids.has(s.users.outsider)).toBe(false);
    // The command's officer hears of its own meeting only.
    expect(all.filter((n) => n.userId === s.users.commandOfficer).map((n) => n.kind)).toEqual([
      'meeting_tomorrow',
    ]);
  });

  it('scanning and running again (a second tick, an hour later) adds no job and no notification', async () => {
    const before = (await database.db.select().from(notifications)).length;
    const later = new Date(NOW.getTime() + 3_600_000);
    expect(await scanReminders(database.db, later, SETTINGS)).toBe(0);
    expect((await runDueJobs(database.db, handlers, { workerId: 'thu', now: later })).done).toBe(0);
    expect((await database.db.select().from(notifications)).length).toBe(before);
    const dup = await database.db.execute(
      sql`select user_id, dedup_key from notifications group by 1, 2 having count(*) > 1`,
    );
    expect((dup as { rows?: unknown[] }).rows ?? dup).toHaveLength(0);
    const jobRows = await database.db.select().from(jobs);
    expect(jobRows.every((j) => j.status === 'done' && j.doneBy === 'thu')).toBe(true);
  });
});

describe('a reminder that no longer applies when its job runs', () => {
  let database: Database;
  afterAll(() => database.close());

  it('the report submitted between scan and run: no “due” notification, the job is done', async () => {
    database = await createTestDatabase();
    const s = await seedReminders(database.db);
    await scanReminders(database.db, NOW, SETTINGS);
    await database.db
      .update(reports)
      .set({ status: 'submitted', submittedAt: NOW })
      .where(eq(reports.id, s.postJune.id));
    await runDueJobs(database.db, handlers, { workerId: 'thu', now: NOW });
    expect(await notificationsOf(database.db, 'report_due')).toHaveLength(0);
    const [job] = await database.db.select().from(jobs).where(sql`${jobs.kind} = 'report_due'`);
    expect(job!.status).toBe('done');
    expect(await notificationsOf(database.db, 'report_overdue')).not.toHaveLength(0);
  });
});

describe('a failing job', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('is rolled back, retried with back-off, and failed after 5 attempts', async () => {
    const s = await seedReminders(database.db);
    let calls = 0;
    const failing = {
      boom: async (tx: Parameters<(typeof handlers)['report_due']>[0]) => {
        calls += 1;
        // Written, then the handler fails: the notification must not survive.
        await notify(tx, [s.users.postOfficer], {
          kind: 'task_overdue',
          title: 'Không được còn lại',
          body: 'x',
          dedupKey: `boom:${calls}`,
        });
        throw new Error('Máy chủ thư không phản hồi');
      },
    };
    await database.db.transaction((tx) =>
      enqueueJobs(tx, [{ kind: 'boom', dedupKey: 'boom:1', runAt: NOW }]),
    );
    let now = NOW;
    const first = await runDueJobs(database.db, failing, { workerId: 'thu', now });
    expect(first).toEqual({ done: 0, failed: 0, retried: 1 });
    let [job] = await database.db.select().from(jobs).where(eq(jobs.dedupKey, 'boom:1'));
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Máy chủ thư không phản hồi' });
    expect(job!.runAt.getTime()).toBe(NOW.getTime() + 60_000);
    // Not again before its back-off is over.
    expect((await runDueJobs(database.db, failing, { workerId: 'thu', now })).retried).toBe(0);
    expect(calls).toBe(1);
    const delays: number[] = [];
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      now = job!.runAt;
      await runDueJobs(database.db, failing, { workerId: 'thu', now });
      const before = job!.runAt.getTime();
      [job] = await database.db.select().from(jobs).where(eq(jobs.dedupKey, 'boom:1'));
      delays.push((job!.runAt.getTime() - before) / 60_000);
    }
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(job).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, doneBy: null });
    expect(delays.slice(0, 3)).toEqual([2, 4, 8]);
    // A failed job is never picked again.
    await runDueJobs(database.db, failing, { workerId: 'thu', now: new Date(now.getTime() + 86_400_000) });
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(await database.db.select().from(notifications)).toHaveLength(0);
  });
});

describe('the app stopped while reminders are due', () => {
  it('after restart every due reminder is sent once (database closed and reopened)', async () => {
    // PGlite: a data folder on disk; PostgreSQL: a second pool on the same database.
    let open: () => Promise<Database>;
    let cleanup: () => Promise<void>;
    if (engine === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'phoihop-reminders-'));
      let first = true;
      open = () => {
        const template = first ? new Blob([readFileSync(inject('pgliteTemplate'))]) : undefined;
        first = false;
        return openDatabase({ dataDir: dir, ...(template ? { loadDataDir: template } : {}) });
      };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const created = await createPostgresDatabaseUrl();
      open = () => openDatabase({ url: created.url, poolSize: 3 });
      cleanup = () => created.drop();
      const d = await open();
      await migrate(d);
      await d.close();
    }
    try {
      // First life: data is there, reminders became due, the app stops before its tick.
      let d = await open();
      await seedReminders(d.db);
      await d.close();
      // Second life: the scheduler's first tick runs right after start.
      d = await open();
      const log = { info: () => {}, error: (o: object) => console.error(o) };
      const scheduler = startScheduler({
        db: d.db,
        config: { scheduler: { ...SETTINGS, enabled: true, intervalSeconds: 3600, digestHour: 7 } },
        log,
        workerId: 'sau-khoi-dong',
        now: () => NOW,
        firstDelayMs: 0,
        mailTick: null,
      });
      await scheduler.tickNow();
      await scheduler.stop();
      const after = await d.db.select().from(notifications);
      expect(new Set(after.map((n) => n.kind)).size).toBe(8);
      await d.close();
      // Third life: nothing is sent twice.
      d = await open();
      const again = startScheduler({
        db: d.db,
        config: { scheduler: { ...SETTINGS, enabled: true, intervalSeconds: 3600, digestHour: 7 } },
        log,
        now: () => new Date(NOW.getTime() + 60_000),
        firstDelayMs: 3_600_000,
        mailTick: null,
      });
      await again.tickNow();
      await again.stop();
      expect(await d.db.select().from(notifications)).toHaveLength(after.length);
      const done = await d.db.select().from(jobs);
      expect(done).toHaveLength(9);
      expect(done.every((j) => j.status === 'done' && j.doneBy === 'sau-khoi-dong')).toBe(true);
      await d.close();
    } finally {
      await cleanup();
    }
  });
});

describe('who decides', () => {
  let database: Database;
  afterAll(() => database.close());

  it('the nearest leaders at or above a unit; with nobody above, the system-wide administrators', async () => {
    database = await createTestDatabase();
    const s = await seedReminders(database.db);
    const admin = await buildUser(database.db, {
      username: 'quantri',
      grants: [{ unitId: null, role: 'admin' }],
    });
    expect(await nearestLeaders(database.db, s.units.command.id)).toEqual([s.users.commandLeader]);
    expect(await nearestLeaders(database.db, s.units.post.id)).toEqual([s.users.postLeader]);
    expect(await nearestLeaders(database.db, s.units.command.id, true)).toEqual([s.users.provinceLeader]);
    expect(await nearestLeaders(database.db, s.units.province.id, true)).toEqual([admin.id]);
    expect(await nearestLeaders(database.db, s.units.ethnic.id)).toEqual([admin.id]);
  });
});

describe('the scheduler', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());
  const config = { scheduler: { ...SETTINGS, enabled: true, intervalSeconds: 3600, digestHour: 7 } };

  it('never runs two ticks at once, calls the mail tick with the digest hour, and logs errors instead of throwing', async () => {
    let active = 0;
    let maxActive = 0;
    const hours: number[] = [];
    const errors: string[] = [];
    let failMail = false;
    const scheduler = startScheduler({
      db: database.db,
      config,
      log: { info: () => {}, error: (_o, msg) => errors.push(msg ?? '') },
      now: () => NOW,
      firstDelayMs: 3_600_000,
      mailTick: async (_db, _now, digestHour) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        hours.push(digestHour);
        await new Promise((r) => setTimeout(r, 20));
        active -= 1;
        if (failMail) throw new Error('SMTP không kết nối được');
      },
    });
    await Promise.all([scheduler.tickNow(), scheduler.tickNow(), scheduler.tickNow()]);
    expect(hours).toEqual([7, 7, 7]);
    expect(maxActive).toBe(1);
    failMail = true;
    await expect(scheduler.tickNow()).resolves.toBeUndefined();
    expect(errors).toEqual(['Gửi thư: lượt gửi lỗi, sẽ thử lại ở lượt sau']);
    await scheduler.stop();
    // Stopped: no more ticks.
    await scheduler.tickNow();
    expect(hours).toHaveLength(4);
  });

  it('a tick whose database fails is logged, and the mail tick still runs', async () => {
    const broken = await createTestDatabase();
    await broken.close();
    const errors: string[] = [];
    let mailed = 0;
    const scheduler = startScheduler({
      db: broken.db,
      config,
      log: { info: () => {}, error: (_o, msg) => errors.push(msg ?? '') },
      firstDelayMs: 3_600_000,
      mailTick: async () => {
        mailed += 1;
      },
    });
    await expect(scheduler.tickNow()).resolves.toBeUndefined();
    await scheduler.stop();
    expect(errors).toEqual(['Nhắc việc: lượt quét lỗi, sẽ thử lại ở lượt sau']);
    expect(mailed).toBe(1);
  });

  it('starts its first tick by itself shortly after start', async () => {
    await seedReminders(database.db);
    const scheduler = startScheduler({
      db: database.db,
      config,
      log: { info: () => {}, error: () => {} },
      now: () => NOW,
      firstDelayMs: 10,
      mailTick: null,
    });
    // Polls the outcome (no timing asserted): the jobs appear and get done without tickNow.
    for (let i = 0; i < 400; i++) {
      const done = await database.db.select().from(jobs).where(eq(jobs.status, 'done'));
      if (done.length === 9) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await scheduler.stop();
    expect(await database.db.select().from(jobs).where(eq(jobs.status, 'done'))).toHaveLength(9);
  });
});

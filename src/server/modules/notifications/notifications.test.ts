import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { auditLog, emailOutbox, notificationPrefs, notifications, users } from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { closeMailTransport, deliverOutbox, runMailTick, sendDigests } from './mail.ts';
import { notify } from './service.ts';

// A real SMTP server in the test: every message is parsed (MIME, encoded-word subjects) and kept.
interface Received {
  to: string[];
  subject: string;
  text: string;
  from: string;
}
const inbox: Received[] = [];
/** When set, the server keeps the next message waiting until `release` resolves. */
let hold: { arrived: () => void; release: Promise<void> } | null = null;
let smtp: SMTPServer;
let smtpPort = 0;

function startSmtp(port: number): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (hold) {
            hold.arrived();
            await hold.release;
          }
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            from: mail.from?.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  return new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(port, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port));
  });
}
const stopSmtp = () => new Promise<void>((resolve) => smtp.close(() => resolve()));

// setupTestApp reads `env` in its own beforeAll, registered after this one: the port is known.
const env: Record<string, string> = {
  PHOIHOP_SCHEDULER: '0',
  PHOIHOP_PUBLIC_URL: 'https://phoihop.laocai.gov.vn/',
  MAIL_FROM: 'PhốiHợp Lào Cai <phoihop@laocai.gov.vn>',
};
beforeAll(async () => {
  smtpPort = await startSmtp(0);
  env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
});
const t = setupTestApp(env);
afterAll(async () => {
  closeMailTransport();
  await stopSmtp();
});

let postOfficer: Client; // Đồn Biên phòng Tả Gia Khâu
let ethnicOfficer: Client; // Ban Dân tộc tỉnh Lào Cai
let ethnicOfficer2: Client; // a second officer of Ban Dân tộc (daily digest)
let leaderAbove: Client; // lãnh đạo UBND tỉnh (above Ban Dân tộc)
let commandOfficer: Client; // officer of the border command above the post (not a leader)
let outsider: Client; // Sở Y tế tỉnh Quảng Bình
const uid: Record<string, number> = {};
let post: { id: number };
let ethnic: { id: number };
let agreementId: number;

const addr = {
  tgk: 'cv.tgk@bienphong.laocai.gov.vn',
  bdt: 'cv.bdt@bdt.laocai.gov.vn',
  bdt2: 'cv2.bdt@bdt.laocai.gov.vn',
  yte: 'cv.yte@syt.quangbinh.gov.vn',
};

beforeAll(async () => {
  const province = await buildUnit(t.db, { name: 'Ủy ban nhân dân tỉnh Lào Cai', shortName: 'UBND' });
  const command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai', parentId: province.id });
  const health = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  const user = async (username: string, unitId: number, role: 'officer' | 'leader', email?: string) => {
    const u = await buildUser(t.db, { username, unitId, grants: [{ unitId, role }] });
    if (email) await t.db.update(users).set({ email }).where(eq(users.id, u.id));
    uid[username] = u.id;
  };
  await user('cv.tgk', post.id, 'officer', addr.tgk);
  await user('cv.bdt', ethnic.id, 'officer', addr.bdt);
  await user('cv2.bdt', ethnic.id, 'officer', addr.bdt2);
  await user('ld.ubnd', province.id, 'leader'); // no e-mail address
  await user('cv.bchbp', command.id, 'officer');
  await user('cv.yte', health.id, 'officer', addr.yte);
  await user('cv.nghi', ethnic.id, 'officer', 'nghi@bdt.laocai.gov.vn');
  await t.db.update(users).set({ disabled: true }).where(eq(users.id, uid['cv.nghi']!));
  postOfficer = await signIn(t.app, 'cv.tgk');
  ethnicOfficer = await signIn(t.app, 'cv.bdt');
  ethnicOfficer2 = await signIn(t.app, 'cv2.bdt');
  leaderAbove = await signIn(t.app, 'ld.ubnd');
  commandOfficer = await signIn(t.app, 'cv.bchbp');
  outsider = await signIn(t.app, 'cv.yte');
  agreementId = (
    await buildAgreement(t.db, {
      kind: 'program',
      status: 'in_effect',
      subject: 'Chương trình phối hợp công tác dân tộc vùng biên giới',
      parties: [command.id, ethnic.id],
    })
  ).id;
});

let seq = 0;
async function sendTip(over: Record<string, unknown> = {}) {
  seq++;
  const res = await postOfficer.post('/api/bulletins', {
    agreementId,
    recipientUnitIds: [ethnic.id],
    kind: 'tip_off',
    subject: `Nguồn tin số ${seq} về hoạt động tuyên truyền trái phép`,
    body: 'Phát hiện đối tượng lạ tuyên truyền tại thôn Tả Gia Khâu, đề nghị phối hợp nắm tình hình.',
    sensitivity: 'Hạn chế',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; subject: string };
}

const mailsTo = (address: string) => inbox.filter((m) => m.to.includes(address));
const outboxOf = (userId: number) => t.db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId));
const notesOf = (userId: number) => t.db.select().from(notifications).where(eq(notifications.userId, userId));

describe('notification centre and e-mail', () => {
  let tip: { id: number; subject: string };

  it('a bulletin notifies the officers of the recipient unit and its leaders above, nobody else', async () => {
    tip = await sendTip();
    const title = `Thông tin mới từ Đồn Biên phòng Tả Gia Khâu: ${tip.subject}`;

    const list = await ethnicOfficer.get('/api/notifications');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.total).toBe(1);
    expect(body.unread).toBe(1);
    expect(body.items[0]).toMatchObject({
      kind: 'bulletin_received',
      title,
      link: `/bulletins/${tip.id}`,
      readAt: null,
    });
    // A Hạn chế bulletin's content does not go into the notification (nor its e-mail).
    expect(body.items[0].body).toContain('Độ mật: Hạn chế');
    expect(body.items[0].body).not.toContain('đối tượng lạ');
    expect((await ethnicOfficer.get('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });

    // The leader above Ban Dân tộc acts for it: notified too.
    expect(
      (await leaderAbove.get('/api/notifications')).json().items.map((n: { title: string }) => n.title),
    ).toEqual([title]);
    // The sender, an officer above the sender (not a leader), an outsider: nothing.
    for (const c of [postOfficer, commandOfficer, outsider]) {
      expect((await c.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    }
    // A disabled account is not notified.
    expect(await notesOf(uid['cv.nghi']!)).toHaveLength(0);

    // E-mail: queued for the recipients with an address, in the transaction of the send.
    const [queued] = await outboxOf(uid['cv.bdt']!);
    expect(queued).toMatchObject({ status: 'pending', toAddress: addr.bdt, attempts: 0 });
    expect(await outboxOf(uid['ld.ubnd']!)).toHaveLength(0); // no address
    expect(await outboxOf(uid['cv.tgk']!)).toHaveLength(0);
  });

  it('the outbox is delivered through the SMTP server: Vietnamese subject, absolute link, footer', async () => {
    const result = await deliverOutbox(t.db);
    expect(result).toMatchObject({ sent: 2, retried: 0, failed: 0 }); // cv.bdt and cv2.bdt
    const [mail, ...more] = mailsTo(addr.bdt);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe(`[PhốiHợp] Thông tin mới từ Đồn Biên phòng Tả Gia Khâu: ${tip.subject}`);
    expect(mail!.from).toContain('phoihop@laocai.gov.vn');
    expect(mail!.text).toContain(`Xem chi tiết: https://phoihop.laocai.gov.vn/bulletins/${tip.id}`);
    expect(mail!.text).toContain('Để đổi cách nhận thông báo');
    expect(mail!.text).not.toContain('đối tượng lạ');
    const [row] = await outboxOf(uid['cv.bdt']!);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row!.sentAt).not.toBeNull();
    // Nothing left: a second run sends nothing.
    expect((await deliverOutbox(t.db)).sent).toBe(0);
    expect(mailsTo(addr.bdt)).toHaveLength(1);
  });

  it('mark read: one, then all; another user’s notification cannot be touched', async () => {
    await sendTip();
    const before = (await ethnicOfficer.get('/api/notifications')).json();
    expect(before.unread).toBe(2);
    const [newest, older] = before.items as Array<{ id: number; createdAt: string }>;
    expect(newest!.id).toBeGreaterThan(older!.id); // newest first

    // The leader tries to mark the officer's notification: ignored, nothing leaks.
    const foreign = await leaderAbove.post('/api/notifications/read', { ids: [newest!.id] });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json().updated).toBe(0);

    const one = await ethnicOfficer.post('/api/notifications/read', { ids: [newest!.id] });
    expect(one.json()).toEqual({ updated: 1, unread: 1 });
    const unreadOnly = (await ethnicOfficer.get('/api/notifications?unread=true')).json();
    expect(unreadOnly.items.map((n: { id: number }) => n.id)).toEqual([older!.id]);
    expect(unreadOnly.total).toBe(1);

    // The leader's own notifications are still unread.
    expect((await leaderAbove.get('/api/notifications/unread-count')).json().unread).toBe(2);

    const all = await ethnicOfficer.post('/api/notifications/read', {});
    expect(all.json()).toEqual({ updated: 1, unread: 0 });
    const after = (await ethnicOfficer.get('/api/notifications')).json();
    expect(after.total).toBe(2);
    expect(after.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    expect((await leaderAbove.get('/api/notifications/unread-count')).json().unread).toBe(2);

    expectError(await ethnicOfficer.post('/api/notifications/read', { ids: ['x'] }), 'VALIDATION_FAILED');
    expectError(await ethnicOfficer.get('/api/notifications?limit=0'), 'VALIDATION_FAILED');
    await deliverOutbox(t.db);
  });

  it('preferences: defaults, validation, audited change; a muted kind creates nothing', async () => {
    const prefs = await outsider.get('/api/notifications/preferences');
    expect(prefs.json()).toEqual({
      email: 'immediate',
      muted: [],
      emailAddress: addr.yte,
      emailAvailable: true,
    });
    expectError(
      await ethnicOfficer.put('/api/notifications/preferences', { email: 'weekly' }),
      'VALIDATION_FAILED',
    );
    expectError(
      await ethnicOfficer.put('/api/notifications/preferences', { muted: ['bulletin_sent_to_all'] }),
      'VALIDATION_FAILED',
    );

    const put = await ethnicOfficer.put('/api/notifications/preferences', { muted: ['bulletin_received'] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ email: 'immediate', muted: ['bulletin_received'] });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'notification_prefs.update'), eq(auditLog.entityId, String(uid['cv.bdt']))),
      );
    expect(audit!.before).toEqual({ email: 'immediate', muted: [] });
    expect(audit!.after).toEqual({ email: 'immediate', muted: ['bulletin_received'] });

    const notesBefore = (await notesOf(uid['cv.bdt']!)).length;
    const outboxBefore = (await outboxOf(uid['cv.bdt']!)).length;
    await sendTip();
    expect(await notesOf(uid['cv.bdt']!)).toHaveLength(notesBefore);
    expect(await outboxOf(uid['cv.bdt']!)).toHaveLength(outboxBefore);
    // The leader above, who did not mute it, got all three.
    expect((await notesOf(uid['ld.ubnd']!)).length).toBe(3);

    await ethnicOfficer.put('/api/notifications/preferences', { muted: [] });
    await deliverOutbox(t.db);
  });

  it('acknowledgement notifies the sender; a reply notifies the other side as bulletin_replied', async () => {
    const b = await sendTip();
    expect((await ethnicOfficer.post(`/api/bulletins/${b.id}/ack`)).statusCode).toBe(200);
    const mine = (await postOfficer.get('/api/notifications')).json();
    expect(mine.items[0]).toMatchObject({
      kind: 'bulletin_acknowledged',
      title: `Ban Dân tộc tỉnh Lào Cai đã xác nhận nhận thông tin: ${b.subject}`,
      link: `/bulletins/${b.id}`,
    });
    // Acknowledging again changes nothing, notifies nobody.
    await ethnicOfficer.post(`/api/bulletins/${b.id}/ack`);
    const acks = (await notesOf(uid['cv.tgk']!)).filter((n) => n.kind === 'bulletin_acknowledged');
    expect(acks).toHaveLength(1);
    expect(acks[0]!.body).toMatch(
      new RegExp(
        `^Ban Dân tộc tỉnh Lào Cai đã xác nhận đã nhận thông tin “${b.subject}” lúc \\d{2}:\\d{2} ngày \\d{2}/\\d{2}/\\d{4}\\.$`,
      ),
    );
    // Only the sender user: not the leader above the recipient, not the acknowledging officer.
    expect((await notesOf(uid['ld.ubnd']!)).some((n) => n.kind === 'bulletin_acknowledged')).toBe(false);
    expect((await notesOf(uid['cv.bdt']!)).some((n) => n.kind === 'bulletin_acknowledged')).toBe(false);

    const reply = await ethnicOfficer.post(`/api/bulletins/${b.id}/replies`, {
      body: 'Ban Dân tộc đã cử cán bộ phối hợp nắm tình hình.',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const replied = (await notesOf(uid['cv.tgk']!)).find((n) => n.kind === 'bulletin_replied');
    expect(replied).toMatchObject({
      title: `Ban Dân tộc tỉnh Lào Cai đã trả lời: ${b.subject}`,
      link: `/bulletins/${reply.json().id}`,
    });
    // The replying officer is not notified of their own reply.
    expect((await notesOf(uid['cv.bdt']!)).some((n) => n.kind === 'bulletin_replied')).toBe(false);

    await deliverOutbox(t.db);
    const ackMail = mailsTo(addr.tgk).find((m) => m.subject.includes('đã xác nhận nhận thông tin'));
    expect(ackMail!.subject).toBe(
      `[PhốiHợp] Ban Dân tộc tỉnh Lào Cai đã xác nhận nhận thông tin: ${b.subject}`,
    );
  });

  it('notify(): a repeat of the same dedupKey is a no-op; duplicate ids notify once', async () => {
    const n = {
      kind: 'report_due' as const,
      title: 'Báo cáo quý IV sắp đến hạn',
      body: 'Còn 3 ngày.',
      dedupKey: 'r:1',
    };
    const first = await t.db.transaction((tx) => notify(tx, [uid['cv.yte']!, uid['cv.yte']!], n));
    expect(first).toHaveLength(1);
    const again = await t.db.transaction((tx) => notify(tx, [uid['cv.yte']!], n));
    expect(again).toEqual([]);
    expect((await notesOf(uid['cv.yte']!)).filter((x) => x.dedupKey === 'r:1')).toHaveLength(1);
    expect((await outboxOf(uid['cv.yte']!)).length).toBe(1);
    // A rolled-back transaction leaves neither the notification nor its e-mail.
    await expect(
      t.db.transaction(async (tx) => {
        await notify(tx, [uid['cv.yte']!], { ...n, dedupKey: 'r:2' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await outboxOf(uid['cv.yte']!)).length).toBe(1);
  });

  it('two deliveries at once (two instances) send each e-mail exactly once', async () => {
    await deliverOutbox(t.db);
    const before = inbox.length;
    for (let i = 0; i < 6; i++) {
      await t.db.transaction((tx) =>
        notify(tx, [uid['cv.yte']!], {
          kind: 'task_overdue',
          title: `Nhiệm vụ ${i} quá hạn`,
          body: 'Quá hạn 1 ngày.',
        }),
      );
    }
    const [a, b] = await Promise.all([deliverOutbox(t.db), deliverOutbox(t.db)]);
    expect(a.sent + b.sent).toBe(6);
    const got = inbox.slice(before).map((m) => m.subject);
    expect(got).toHaveLength(6);
    expect(new Set(got).size).toBe(6);
  });

  it('SMTP server down: the send still succeeds, the e-mail waits with back-off and is delivered once later', async () => {
    await stopSmtp();
    const b = await sendTip(); // 201 inside sendTip: the user action does not wait for e-mail
    const now = new Date();
    const down = await deliverOutbox(t.db, now);
    expect(down.sent).toBe(0);
    expect(down.retried).toBeGreaterThanOrEqual(1);
    const [row] = (await outboxOf(uid['cv.bdt']!)).filter((r) => r.subject.includes(b.subject));
    expect(row!.status).toBe('pending');
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(row!.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000); // first retry after 1 minute

    await startSmtp(smtpPort);
    // Back, but the retry is not due yet.
    expect((await deliverOutbox(t.db, new Date(now.getTime() + 30_000))).sent).toBe(0);
    expect(mailsTo(addr.bdt).filter((m) => m.subject.includes(b.subject))).toHaveLength(0);
    // Past next_attempt_at: delivered, then never again.
    const later = new Date(now.getTime() + 2 * 60_000);
    expect((await deliverOutbox(t.db, later)).sent).toBeGreaterThanOrEqual(1);
    expect((await deliverOutbox(t.db, new Date(later.getTime() + 60 * 60_000))).sent).toBe(0);
    expect(mailsTo(addr.bdt).filter((m) => m.subject.includes(b.subject))).toHaveLength(1);
    const [sent] = (await outboxOf(uid['cv.bdt']!)).filter((r) => r.subject.includes(b.subject));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('after 8 failed attempts an e-mail is given up (failed)', async () => {
    await stopSmtp();
    const [id] = await t.db.transaction((tx) =>
      notify(tx, [uid['cv.yte']!], {
        kind: 'meeting_tomorrow',
        title: 'Họp giao ban ngày mai',
        body: '8 giờ.',
      }),
    );
    expect(id).toBeDefined();
    let at = new Date();
    for (let i = 0; i < 8; i++) {
      await deliverOutbox(t.db, at);
      at = new Date(at.getTime() + 9 * 60 * 60_000); // past the longest back-off
    }
    const [row] = (await outboxOf(uid['cv.yte']!)).filter((r) => r.subject.includes('Họp giao ban'));
    expect(row).toMatchObject({ status: 'failed', attempts: 8 });
    await startSmtp(smtpPort);
    expect((await deliverOutbox(t.db, new Date(at.getTime() + 24 * 60 * 60_000))).sent).toBe(0);
  });

  it('while the SMTP server is slow to answer, the app keeps serving requests (no transaction held on PGlite)', async () => {
    await deliverOutbox(t.db);
    let arrived!: () => void;
    let release!: () => void;
    const atServer = new Promise<void>((r) => {
      arrived = r;
    });
    hold = { arrived, release: new Promise<void>((r) => (release = r)) };
    try {
      await t.db.transaction((tx) =>
        notify(tx, [uid['cv.yte']!], {
          kind: 'report_overdue',
          title: 'Báo cáo tháng quá hạn',
          body: '2 ngày.',
        }),
      );
      const delivering = deliverOutbox(t.db);
      await atServer; // the message is at the server, which has not answered yet
      // Reads and writes of the app go on meanwhile (on PGlite a held transaction would block them).
      expect((await outsider.get('/api/notifications/unread-count')).statusCode).toBe(200);
      expect((await outsider.post('/api/notifications/read', {})).statusCode).toBe(200);
      release();
      expect((await delivering).sent).toBe(1);
    } finally {
      hold = null;
      release?.();
    }
    expect(mailsTo(addr.yte).filter((m) => m.subject.includes('Báo cáo tháng quá hạn'))).toHaveLength(1);
  });

  it('daily mode: no immediate e-mail; one digest at the digest hour listing both; none again that day', async () => {
    const put = await ethnicOfficer2.put('/api/notifications/preferences', { email: 'daily' });
    expect(put.json().email).toBe('daily');
    await deliverOutbox(t.db);
    const mailsBefore = mailsTo(addr.bdt2).length;
    const rowsBefore = (await outboxOf(uid['cv2.bdt']!)).length;
    const one = await sendTip();
    const two = await sendTip({ kind: 'security_situation' });
    expect(await outboxOf(uid['cv2.bdt']!)).toHaveLength(rowsBefore); // nothing immediate

    // Tomorrow in Vietnam, 06:59 and then 07:00 local with digestHour 7.
    const today = new Date(`${todayInVietnam()}T12:00:00+07:00`);
    const tomorrow = todayInVietnam(new Date(today.getTime() + 24 * 60 * 60_000));
    const early = new Date(`${tomorrow}T06:59:00+07:00`);
    const atHour = new Date(`${tomorrow}T07:00:00+07:00`);
    expect(await sendDigests(t.db, early, 7)).toBe(0);
    // Two instances ticking at the same moment: one digest.
    const ticks = await Promise.all([runMailTick(t.db, atHour, 7), runMailTick(t.db, atHour, 7)]);
    expect(ticks[0].digests + ticks[1].digests).toBe(1);
    const digests = mailsTo(addr.bdt2).slice(mailsBefore);
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest!.subject).toBe(
      `[PhốiHợp] Tóm tắt thông báo ngày ${tomorrow.split('-').reverse().join('/')} (2)`,
    );
    expect(digest!.text).toContain(one.subject);
    expect(digest!.text).toContain(two.subject);
    expect(digest!.text).toContain(`https://phoihop.laocai.gov.vn/bulletins/${two.id}`);
    // Immediate-mode colleagues got their own e-mails, not a digest.
    expect(mailsTo(addr.bdt).some((m) => m.subject.includes('Tóm tắt'))).toBe(false);
    const [prefs] = await t.db
      .select()
      .from(notificationPrefs)
      .where(eq(notificationPrefs.userId, uid['cv2.bdt']!));
    expect(prefs!.lastDigestAt!.getTime()).toBe(atHour.getTime());

    // Later the same Vietnamese day: nothing, even with something new (created that evening).
    const three = await sendTip();
    await t.db
      .update(notifications)
      .set({ createdAt: new Date(`${tomorrow}T20:00:00+07:00`) })
      .where(and(eq(notifications.userId, uid['cv2.bdt']!), eq(notifications.entityId, String(three.id))));
    const evening = new Date(`${tomorrow}T21:00:00+07:00`);
    expect(await sendDigests(t.db, evening, 7)).toBe(0);
    // The day after: only what came after the last digest.
    const dayAfter = new Date(atHour.getTime() + 24 * 60 * 60_000);
    expect(await sendDigests(t.db, dayAfter, 7)).toBe(1);
    // And the day after that, nothing new: no e-mail.
    expect(await sendDigests(t.db, new Date(dayAfter.getTime() + 24 * 60 * 60_000), 7)).toBe(0);
    const rows = (await outboxOf(uid['cv2.bdt']!)).filter((r) => r.subject.includes('Tóm tắt'));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.subject)).toContainEqual(expect.stringMatching(/\(1\)$/));
  });

  it('sent e-mails are forgotten after 30 days; pending and failed ones stay', async () => {
    const before = await t.db.select().from(emailOutbox);
    const sent = before.filter((r) => r.status === 'sent').length;
    expect(sent).toBeGreaterThan(0);
    const in31days = new Date(Date.now() + 31 * 86_400_000);
    const tick = await runMailTick(t.db, in31days, 7);
    expect(tick.purged).toBeGreaterThanOrEqual(sent);
    const after = await t.db.select().from(emailOutbox);
    expect(
      after.filter((r) => r.status === 'sent' && r.sentAt!.getTime() < in31days.getTime() - 30 * 86_400_000),
    ).toEqual([]);
    expect(after.some((r) => r.status === 'failed')).toBe(true);
  });
});

// Test data for the reminder tests (not used by the app): a small tree of units, users with
// known roles, and one item of every reminder kind that is due at NOW — plus items that must
// not be reminded (submitted, approved, done, acknowledged, cancelled, too early).

import { searchIndexText } from '../src/contracts/text.ts';
import type { Db } from '../src/server/db/client.ts';
import {
  bulletinRecipients,
  bulletins,
  reportEvents,
  taskOccurrences,
  tasks,
  taskUnits,
} from '../src/server/db/schema/index.ts';
import { buildAgreement, buildUnit, buildUser } from './factories.ts';
import { buildMeeting } from './meetingFactories.ts';
import { buildForm, buildIndicator, buildReport } from './reportFactories.ts';

/** 10:00 on 15/06/2026 in Vietnam. */
export const NOW = new Date('2026-06-15T03:00:00Z');
export const SETTINGS = { dueDays: 3, approvalDays: 3, escalateDays: 7, ackHours: 24 };

export async function seedReminders(db: Db) {
  const province = await buildUnit(db, { name: 'Ủy ban nhân dân tỉnh Lào Cai' });
  const command = await buildUnit(db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', parentId: province.id });
  const post = await buildUnit(db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  const ethnic = await buildUnit(db, { name: 'Ban Dân tộc tỉnh Lào Cai' });
  const other = await buildUnit(db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  const u = async (username: string, unitId: number, role: 'viewer' | 'officer' | 'leader') =>
    (await buildUser(db, { username, unitId, grants: [{ unitId, role }] })).id;
  const users = {
    postOfficer: await u('cv.tgk', post.id, 'officer'),
    postLeader: await u('ld.tgk', post.id, 'leader'),
    postViewer: await u('xem.tgk', post.id, 'viewer'),
    commandOfficer: await u('cv.bch', command.id, 'officer'),
    commandLeader: await u('ld.bch', command.id, 'leader'),
    provinceLeader: await u('ld.ubnd', province.id, 'leader'),
    ethnicOfficer: await u('cv.bdt', ethnic.id, 'officer'),
    outsider: await u('cv.yte', other.id, 'officer'),
  };
  const agreement = await buildAgreement(db, {
    status: 'in_effect',
    year: 2026,
    subject: 'Kế hoạch phối hợp năm 2026',
    parties: [command.id, ethnic.id],
  });
  const indicator = await buildIndicator(db);
  // Monthly, due on the 17th: June (17/06) is due in 2 days, May (17/05) is overdue.
  const form = await buildForm(db, {
    agreementId: agreement.id,
    indicators: [indicator.id],
    unitIds: [post.id, ethnic.id],
    approvalChain: [command.id],
    name: 'Báo cáo tháng công tác biên giới',
    frequency: 'month',
    deadlineDay: 17,
  });
  // The post's June report is a draft (still due); Ban Dân tộc's June report is approved and
  // its May report waits for the command's approval since 01/06 (14 days).
  const postJune = await buildReport(db, { formId: form.id, unitId: post.id, period: '2026-06' });
  await buildReport(db, {
    formId: form.id,
    unitId: ethnic.id,
    period: '2026-06',
    status: 'approved',
    refresh: false,
  });
  const waiting = await buildReport(db, {
    formId: form.id,
    unitId: ethnic.id,
    period: '2026-05',
    status: 'submitted',
    submittedAt: new Date('2026-06-01T02:00:00Z'),
    submittedById: users.ethnicOfficer,
  });
  await db.insert(reportEvents).values({
    reportId: waiting.id,
    action: 'submit',
    actorUserId: users.ethnicOfficer,
    createdAt: new Date('2026-06-01T02:00:00Z'),
  });

  const task = async (title: string, dueDate: string, status: 'in_progress' | 'done', lead: number) => {
    const [row] = await db
      .insert(tasks)
      .values({
        agreementId: agreement.id,
        title,
        timeframeKind: 'date',
        dueDate,
        status,
        searchText: searchIndexText(title),
      })
      .returning();
    await db.insert(taskUnits).values([
      { taskId: row!.id, unitId: lead, role: 'lead' },
      { taskId: row!.id, unitId: ethnic.id, role: 'cooperating' },
    ]);
    return row!;
  };
  const lateTask = await task(
    'Tuần tra song phương đoạn biên giới mốc 145',
    '2026-06-10',
    'in_progress',
    post.id,
  );
  await task('Tuyên truyền Luật Biên phòng', '2026-06-05', 'done', post.id);
  await task('Tập huấn nghiệp vụ', '2026-06-30', 'in_progress', post.id);
  const recurring = await task('Giao ban hằng tháng', '2026-12-31', 'in_progress', post.id);
  await db.insert(taskOccurrences).values([
    { taskId: recurring.id, periodLabel: 'Tháng 5/2026', dueDate: '2026-05-31', completedOn: '2026-05-30' },
    { taskId: recurring.id, periodLabel: 'Tháng 6/2026', dueDate: '2026-06-14' },
  ]);

  const bulletin = async (
    subject: string,
    from: number,
    to: number,
    createdAt: Date,
    extra: Partial<typeof bulletins.$inferInsert> = {},
    acknowledged = false,
  ) => {
    const [row] = await db
      .insert(bulletins)
      .values({
        senderUnitId: from,
        agreementId: agreement.id,
        kind: 'security_situation',
        subject,
        body: 'Nội dung bản tin',
        searchText: searchIndexText(subject),
        createdAt,
        ...extra,
      })
      .returning();
    await db.insert(bulletinRecipients).values({
      bulletinId: row!.id,
      unitId: to,
      ...(acknowledged ? { acknowledgedAt: NOW } : {}),
    });
    return row!;
  };
  const unacked = await bulletin(
    'Tình hình an ninh tháng 6',
    ethnic.id,
    post.id,
    new Date('2026-06-13T01:00:00Z'),
  );
  await bulletin('Đã nhận', ethnic.id, post.id, new Date('2026-06-13T01:00:00Z'), {}, true);
  await bulletin('Mới gửi', ethnic.id, post.id, new Date('2026-06-15T01:00:00Z'));
  const request = await bulletin(
    'Đề nghị cung cấp danh sách hộ nghèo',
    post.id,
    ethnic.id,
    new Date('2026-06-08T01:00:00Z'),
    { kind: 'coordination_request', respondBy: '2026-06-12' },
    true,
  );

  // Tomorrow 16/06 at 08:30 in Vietnam; one the day after, one cancelled.
  const meeting = await buildMeeting(db, {
    hostUnitId: command.id,
    unitIds: [ethnic.id],
    title: 'Hội nghị giao ban quý II',
    place: 'Hội trường Bộ Chỉ huy',
    startsAt: new Date('2026-06-16T01:30:00Z'),
  });
  await buildMeeting(db, { hostUnitId: command.id, startsAt: new Date('2026-06-17T01:30:00Z') });
  await buildMeeting(db, {
    hostUnitId: command.id,
    startsAt: new Date('2026-06-16T02:00:00Z'),
    status: 'cancelled',
  });

  return {
    units: { province, command, post, ethnic, other },
    users,
    form,
    postJune,
    waiting,
    lateTask,
    recurring,
    unacked,
    request,
    meeting,
  };
}

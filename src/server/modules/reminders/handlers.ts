import { sql } from 'drizzle-orm';
import { periodLabel } from '../../../contracts/periods.ts';
import { type Queryable, rowsOf, type Tx } from '../../db/client.ts';
import { todayInVietnam, viDate } from '../../lib/time.ts';
import { usersActingFor } from '../notifications/audience.ts';
import { notify } from '../notifications/service.ts';
import type { JobHandlers, JobRow } from './jobs.ts';
import type { ReminderSettings } from './scan.ts';

// One handler per reminder kind. Each looks at the item again (the job may run later than
// the scan: after a restart, a retry), raises nothing when the reminder no longer applies
// (submitted, done, acknowledged, cancelled…), and otherwise notifies the responsible users
// inside the job's transaction with the job's dedup key.

/** 2024-05-20 → 20/05/2024 */

const vnDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const unitName = async (tx: Queryable, id: number) =>
  rowsOf<{ name: string }>(await tx.execute(sql`select name from units where id = ${id}`))[0]?.name ??
  `#${id}`;

/**
 * The leaders who decide for a unit: users with a leader or admin grant on the nearest unit
 * at or above it that has any (the unit's own leaders; none → the next level up; none on
 * the tree → the system-wide leaders and administrators). With `above`, the search starts at
 * the parent: "the leader above".
 */
export async function nearestLeaders(tx: Queryable, unitId: number, above = false): Promise<number[]> {
  const found = rowsOf<{ user_id: number; depth: number }>(
    await tx.execute(sql`
      select g.user_id, a.depth from units u
      join units a on u.path like a.path || '%' ${above ? sql`and a.id <> u.id` : sql``}
      join grants g on g.unit_id = a.id and g.role in ('leader', 'admin')
      join users us on us.id = g.user_id and not us.disabled
      where u.id = ${unitId}
      order by a.depth desc, g.user_id`),
  );
  if (!found.length) {
    // Nobody on the tree: the system-wide leaders and administrators (they may approve anything).
    return rowsOf<{ user_id: number }>(
      await tx.execute(sql`select distinct g.user_id from grants g join users us on us.id = g.user_id and not us.disabled
        where g.unit_id is null and g.role in ('leader', 'admin') order by g.user_id`),
    ).map((r) => Number(r.user_id));
  }
  const depth = Number(found[0]!.depth);
  return [...new Set(found.filter((r) => Number(r.depth) === depth).map((r) => Number(r.user_id)))];
}

const num = (v: unknown) => Number(v);
const str = (v: unknown) => String(v);

type Payload = Record<string, unknown>;

async function reportReminder(tx: Tx, job: JobRow, overdue: boolean) {
  const p = job.payload as Payload;
  const formId = num(p.formId);
  const unitId = num(p.unitId);
  const periodKey = str(p.periodKey);
  const [form] = rowsOf<{ name: string; active: boolean }>(
    await tx.execute(sql`select name, active from report_forms where id = ${formId}`),
  );
  if (!form?.active) return;
  const [report] = rowsOf<{ id: number; status: string; due_date: string }>(
    await tx.execute(sql`select id, status, due_date::text as due_date from reports
      where form_id = ${formId} and unit_id = ${unitId} and period_key = ${periodKey}`),
  );
  if (report && report.status !== 'draft' && report.status !== 'returned') return;
  const due = report?.due_date ?? str(p.dueDate);
  const unit = await unitName(tx, unitId);
  const label = periodLabel(periodKey);
  const users = await usersActingFor(tx, [unitId]);
  const today = todayInVietnam(job.runAt);
  const daysLeft = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
  const link = report ? `/reports/${report.id}` : `/forms/${formId}/status`;
  const common = {
    link,
    entityType: report ? 'report' : 'report_form',
    entityId: report ? report.id : formId,
    dedupKey: job.dedupKey,
  };
  if (overdue) {
    await notify(tx, users, {
      kind: 'report_overdue',
      title: `Báo cáo quá hạn: ${form.name} – ${label}`,
      body: `Báo cáo «${form.name}» (${label}) của ${unit} đã quá hạn nộp ngày ${viDate(due)} mà chưa được gửi. Đề nghị hoàn thành và gửi báo cáo ngay.`,
      ...common,
    });
  } else {
    const left = daysLeft <= 0 ? 'hạn là hôm nay' : `còn ${daysLeft} ngày`;
    await notify(tx, users, {
      kind: 'report_due',
      title: `Báo cáo sắp đến hạn: ${form.name} – ${label}`,
      body: `${unit} cần gửi báo cáo «${form.name}» (${label}) chậm nhất ngày ${viDate(due)} (${left}).`,
      ...common,
    });
  }
}

async function taskOverdue(tx: Tx, job: JobRow) {
  const p = job.payload as Payload;
  const taskId = num(p.taskId);
  const dueDate = str(p.dueDate);
  const occurrence = p.occurrence === null || p.occurrence === undefined ? null : str(p.occurrence);
  const [task] = rowsOf<{ title: string; status: string; lead: number | null }>(
    await tx.execute(sql`select t.title, t.status,
      (select tu.unit_id from task_units tu where tu.task_id = t.id and tu.role = 'lead') as lead
      from tasks t where t.id = ${taskId}`),
  );
  if (!task || (task.status !== 'not_started' && task.status !== 'in_progress') || task.lead === null) return;
  if (occurrence !== null) {
    const [occ] = rowsOf<{ completed_on: string | null }>(
      await tx.execute(
        sql`select completed_on from task_occurrences where task_id = ${taskId} and due_date = ${dueDate}::date`,
      ),
    );
    if (!occ || occ.completed_on !== null) return;
  }
  const leadId = num(task.lead);
  const unit = await unitName(tx, leadId);
  const what = occurrence ? `«${task.title}» (${occurrence})` : `«${task.title}»`;
  await notify(tx, await usersActingFor(tx, [leadId]), {
    kind: 'task_overdue',
    title: `Nhiệm vụ quá hạn: ${task.title}`,
    body: `Nhiệm vụ ${what} do ${unit} chủ trì đã quá hạn hoàn thành ngày ${viDate(dueDate)}. Đề nghị cập nhật tiến độ hoặc kết quả thực hiện.`,
    link: `/tasks/${taskId}`,
    entityType: 'task',
    entityId: taskId,
    dedupKey: job.dedupKey,
  });
}

async function approvalReminder(tx: Tx, job: JobRow, escalate: boolean, s: ReminderSettings) {
  const p = job.payload as Payload;
  const reportId = num(p.reportId);
  const step = num(p.step);
  const [r] = rowsOf<{
    status: string;
    approval_step: number;
    period_key: string;
    unit_id: number;
    form_name: string;
    approver: number | null;
    submitted_by_id: number | null;
    allow_self: boolean;
  }>(
    await tx.execute(sql`select r.status, r.approval_step, r.period_key, r.unit_id, f.name as form_name,
        (f.approval_chain ->> r.approval_step)::int as approver, r.submitted_by_id, f.allow_self_approval as allow_self
      from reports r join report_forms f on f.id = r.form_id where r.id = ${reportId}`),
  );
  if (r?.status !== 'submitted' || num(r.approval_step) !== step || r.approver === null) return;
  const approverId = num(r.approver);
  const [unit, approvingUnit] = [await unitName(tx, num(r.unit_id)), await unitName(tx, approverId)];
  const since = new Date(num(p.since) * 1000);
  const sinceDate = viDate(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(since));
  const days = Math.floor((job.runAt.getTime() - since.getTime()) / 86_400_000);
  const label = periodLabel(r.period_key);
  const approvers = (await nearestLeaders(tx, approverId)).filter(
    (u) => r.allow_self || r.submitted_by_id === null || u !== num(r.submitted_by_id),
  );
  const common = {
    link: `/reports/${reportId}`,
    entityType: 'report',
    entityId: reportId,
    dedupKey: job.dedupKey,
  };
  if (!escalate) {
    await notify(tx, approvers, {
      kind: 'approval_waiting',
      title: `Báo cáo chờ duyệt quá ${s.approvalDays} ngày: ${r.form_name} – ${label}`,
      body: `Báo cáo «${r.form_name}» (${label}) của ${unit} đã chờ ${approvingUnit} duyệt ${days} ngày, từ ngày ${sinceDate}. Đề nghị xem xét duyệt hoặc trả lại.`,
      ...common,
    });
    return;
  }
  const leadersAbove = (await nearestLeaders(tx, approverId, true)).filter((u) => !approvers.includes(u));
  await notify(tx, leadersAbove, {
    kind: 'approval_escalated',
    title: `Báo cáo chờ duyệt quá lâu: ${r.form_name} – ${label}`,
    body: `Báo cáo «${r.form_name}» (${label}) của ${unit} đã chờ ${approvingUnit} duyệt ${days} ngày, từ ngày ${sinceDate}, vượt thời hạn ${s.escalateDays} ngày. Đề nghị đồng chí đôn đốc.`,
    ...common,
  });
}

async function bulletinUnacknowledged(tx: Tx, job: JobRow) {
  const p = job.payload as Payload;
  const bulletinId = num(p.bulletinId);
  const unitId = num(p.unitId);
  const [b] = rowsOf<{ subject: string; sender: string; sent: string; acked: string | null }>(
    await tx.execute(sql`select b.subject, su.name as sender,
        ((b.created_at at time zone 'Asia/Ho_Chi_Minh')::date)::text as sent, br.acknowledged_at as acked
      from bulletins b join units su on su.id = b.sender_unit_id
      join bulletin_recipients br on br.bulletin_id = b.id and br.unit_id = ${unitId}
      where b.id = ${bulletinId}`),
  );
  if (!b || b.acked !== null) return;
  const unit = await unitName(tx, unitId);
  await notify(tx, await usersActingFor(tx, [unitId]), {
    kind: 'bulletin_unacknowledged',
    title: `Bản tin chưa xác nhận đã nhận: ${b.subject}`,
    body: `${b.sender} gửi bản tin «${b.subject}» cho ${unit} ngày ${viDate(b.sent)}, đến nay đơn vị chưa xác nhận đã nhận.`,
    link: `/bulletins/${bulletinId}`,
    entityType: 'bulletin',
    entityId: bulletinId,
    dedupKey: job.dedupKey,
  });
}

async function requestOverdue(tx: Tx, job: JobRow) {
  const bulletinId = num((job.payload as Payload).bulletinId);
  const [b] = rowsOf<{
    subject: string;
    sender: string;
    sender_id: number;
    respond_by: string | null;
    answered: string | null;
  }>(
    await tx.execute(sql`select b.subject, su.name as sender, b.sender_unit_id as sender_id,
        b.respond_by::text as respond_by, b.answered_at as answered
      from bulletins b join units su on su.id = b.sender_unit_id where b.id = ${bulletinId}`),
  );
  if (!b || b.answered !== null || b.respond_by === null) return;
  const recipients = rowsOf<{ unit_id: number }>(
    await tx.execute(sql`select unit_id from bulletin_recipients where bulletin_id = ${bulletinId}`),
  ).map((r) => num(r.unit_id));
  await notify(tx, await usersActingFor(tx, [num(b.sender_id), ...recipients]), {
    kind: 'request_overdue',
    title: `Đề nghị phối hợp quá hạn trả lời: ${b.subject}`,
    body: `Đề nghị phối hợp «${b.subject}» của ${b.sender} có hạn trả lời ngày ${viDate(b.respond_by)} nhưng đến nay chưa được trả lời.`,
    link: `/bulletins/${bulletinId}`,
    entityType: 'bulletin',
    entityId: bulletinId,
    dedupKey: job.dedupKey,
  });
}

async function meetingTomorrow(tx: Tx, job: JobRow) {
  const p = job.payload as Payload;
  const meetingId = num(p.meetingId);
  const date = str(p.date);
  const [m] = rowsOf<{
    title: string;
    status: string;
    starts_at: string | Date;
    place: string | null;
    host_id: number;
    host: string;
    day: string;
  }>(
    await tx.execute(sql`select m.title, m.status, m.starts_at, m.place, m.host_unit_id as host_id, hu.name as host,
        ((m.starts_at at time zone 'Asia/Ho_Chi_Minh')::date)::text as day
      from meetings m join units hu on hu.id = m.host_unit_id where m.id = ${meetingId}`),
  );
  if (m?.status !== 'planned' || m.day !== date) return;
  const unitIds = rowsOf<{ unit_id: number }>(
    await tx.execute(sql`select unit_id from meeting_units where meeting_id = ${meetingId}
      union select unit_id from meeting_attendees where meeting_id = ${meetingId} and unit_id is not null`),
  ).map((r) => num(r.unit_id));
  const time = vnDateTime.format(new Date(m.starts_at));
  const place = m.place ? ` tại ${m.place}` : '';
  await notify(tx, await usersActingFor(tx, [num(m.host_id), ...unitIds]), {
    kind: 'meeting_tomorrow',
    title: `Hội nghị ngày mai: ${m.title}`,
    body: `«${m.title}» do ${m.host} tổ chức, bắt đầu lúc ${time} ngày ${viDate(date)}${place}.`,
    link: `/meetings/${meetingId}`,
    entityType: 'meeting',
    entityId: meetingId,
    dedupKey: job.dedupKey,
  });
}

/** The handlers of every reminder kind (job kind = notification kind). */
export function reminderHandlers(settings: ReminderSettings): JobHandlers {
  return {
    report_due: (tx, job) => reportReminder(tx, job, false),
    report_overdue: (tx, job) => reportReminder(tx, job, true),
    task_overdue: taskOverdue,
    approval_waiting: (tx, job) => approvalReminder(tx, job, false, settings),
    approval_escalated: (tx, job) => approvalReminder(tx, job, true, settings),
    bulletin_unacknowledged: bulletinUnacknowledged,
    request_overdue: requestOverdue,
    meeting_tomorrow: meetingTomorrow,
  };
}

import { and, inArray, sql } from 'drizzle-orm';
import { deadlineOf, type Period, parsePeriod } from '../../../contracts/periods.ts';
import type { Config } from '../../config.ts';
import { type Db, type Queryable, rowsOf } from '../../db/client.ts';
import { reports } from '../../db/schema/index.ts';
import { addDays, todayInVietnam } from '../../lib/time.ts';
import { activeFormUnits, agreementValidity, expected, formPeriodKeys } from '../rollup/matrix.ts';
import { enqueueJobs, type NewJob } from './jobs.ts';

// What is due now, as jobs with deterministic dedup keys: however often the scan runs, on
// however many instances, each reminder is one job (the key is unique) and so one
// notification per user. The job's handler checks the item again when it runs.

export type ReminderSettings = Pick<
  Config['scheduler'],
  'dueDays' | 'approvalDays' | 'escalateDays' | 'ackHours'
>;

/**
 * Overdue items and unacknowledged bulletins are reminded once, for deadlines (or sendings)
 * of the last 30 days: the first start after an upgrade does not flood everyone with every
 * old item, and a restart after some days of downtime still catches up.
 */
export const LOOKBACK_DAYS = 30;

/** Report reminders: expected reports (status matrix rules) not submitted near or past their deadline. */
async function reportJobs(db: Queryable, today: string, s: ReminderSettings): Promise<NewJob[]> {
  const pairs = await activeFormUnits(db);
  if (!pairs.length) return [];
  const year = Number(today.slice(0, 4));
  const earliest = addDays(today, -LOOKBACK_DAYS);
  const latest = addDays(today, s.dueDays);
  // The periods of each form whose deadline falls in [today − lookback, today + dueDays].
  const formPeriods = new Map<number, Array<{ period: Period; due: string }>>();
  for (const p of pairs) {
    if (formPeriods.has(p.formId)) continue;
    const validity = agreementValidity({ validFrom: p.validFrom, validTo: p.validTo, year: p.agreementYear });
    const keys = formPeriodKeys(p.frequency, validity, year - 1, year);
    const list: Array<{ period: Period; due: string }> = [];
    for (const key of keys) {
      const due = deadlineOf(key, { day: p.deadlineDay, monthOffset: p.deadlineMonthOffset });
      if (due && due >= earliest && due <= latest) list.push({ period: parsePeriod(key)!, due });
    }
    formPeriods.set(p.formId, list);
  }
  const formIds = [...formPeriods.entries()].filter(([, l]) => l.length).map(([id]) => id);
  if (!formIds.length) return [];
  const keys = [...new Set([...formPeriods.values()].flat().map((x) => x.period.key))];
  const found = await db
    .select({
      id: reports.id,
      formId: reports.formId,
      unitId: reports.unitId,
      periodKey: reports.periodKey,
      status: reports.status,
      dueDate: reports.dueDate,
    })
    .from(reports)
    .where(and(inArray(reports.formId, formIds), inArray(reports.periodKey, keys)));
  const byCell = new Map(found.map((r) => [`${r.formId}:${r.unitId}:${r.periodKey}`, r]));
  const out: NewJob[] = [];
  for (const p of pairs) {
    const validity = agreementValidity({ validFrom: p.validFrom, validTo: p.validTo, year: p.agreementYear });
    for (const { period, due: ruleDue } of formPeriods.get(p.formId) ?? []) {
      const report = byCell.get(`${p.formId}:${p.unitId}:${period.key}`);
      if (!report && !expected(period, validity, { from: p.unitFrom, to: p.unitTo })) continue;
      // Submitted or approved: nothing to remind. A draft or a returned report still is.
      if (report && report.status !== 'draft' && report.status !== 'returned') continue;
      const due = report?.dueDate ?? ruleDue;
      const payload = {
        formId: p.formId,
        unitId: p.unitId,
        periodKey: period.key,
        dueDate: due,
        reportId: report?.id ?? null,
      };
      const cell = `${p.formId}:${p.unitId}:${period.key}`;
      if (due < today && due >= earliest) {
        out.push({ kind: 'report_overdue', dedupKey: `report_overdue:${cell}`, payload });
      } else if (due >= today && due <= latest && today >= period.start) {
        out.push({ kind: 'report_due', dedupKey: `report_due:${cell}`, payload });
      }
    }
  }
  return out;
}

/** Open tasks (or open occurrences of a recurring task) of plans in force whose due date passed. */
async function taskJobs(db: Queryable, today: string): Promise<NewJob[]> {
  const earliest = addDays(today, -LOOKBACK_DAYS);
  const found = rowsOf<{ task_id: number; due_date: string; occurrence: string | null }>(
    await db.execute(sql`
      select t.id as task_id, t.due_date::text as due_date, null as occurrence from tasks t
      join agreements a on a.id = t.agreement_id and a.status in ('signed', 'in_effect')
      where t.status in ('not_started', 'in_progress') and t.due_date < ${today}::date and t.due_date >= ${earliest}::date
      union all
      select t.id, o.due_date::text, o.period_label from tasks t join task_occurrences o on o.task_id = t.id
      join agreements a on a.id = t.agreement_id and a.status in ('signed', 'in_effect')
      where t.status in ('not_started', 'in_progress') and o.completed_on is null
        and o.due_date < ${today}::date and o.due_date >= ${earliest}::date`),
  );
  return found.map((r) => ({
    kind: 'task_overdue',
    dedupKey: `task_overdue:${r.task_id}:${r.due_date}`,
    payload: { taskId: Number(r.task_id), dueDate: r.due_date, occurrence: r.occurrence },
  }));
}

/**
 * Submitted reports waiting at their current approval step for more than approvalDays
 * (reminder to the approvers) and escalateDays (to the leaders above). Waiting since: the
 * last submission or approval that brought the report to this step.
 */
async function approvalJobs(db: Queryable, now: Date, s: ReminderSettings): Promise<NewJob[]> {
  const found = rowsOf<{ id: number; step: number; since: number | string }>(
    await db.execute(sql`
      select r.id, r.approval_step as step, extract(epoch from coalesce(
        (select max(e.created_at) from report_events e where e.report_id = r.id and e.action in ('submit', 'approve')),
        r.submitted_at))::bigint as since
      from reports r where r.status = 'submitted'`),
  );
  const out: NewJob[] = [];
  const nowSec = now.getTime() / 1000;
  for (const r of found) {
    if (r.since === null) continue;
    const since = Number(r.since);
    const waited = (nowSec - since) / 86_400;
    const payload = { reportId: Number(r.id), step: Number(r.step), since };
    const key = `${r.id}:${r.step}:${since}`;
    if (waited >= s.approvalDays) {
      out.push({ kind: 'approval_waiting', dedupKey: `approval_waiting:${key}`, payload });
    }
    if (waited >= s.escalateDays) {
      out.push({ kind: 'approval_escalated', dedupKey: `approval_escalated:${key}`, payload });
    }
  }
  return out;
}

/** Bulletins a recipient has not acknowledged after ackHours; requests past their response date. */
async function bulletinJobs(db: Queryable, now: Date, today: string, s: ReminderSettings): Promise<NewJob[]> {
  const ackBefore = new Date(now.getTime() - s.ackHours * 3_600_000).toISOString();
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000).toISOString();
  const unack = rowsOf<{ bulletin_id: number; unit_id: number }>(
    await db.execute(sql`
      select br.bulletin_id, br.unit_id from bulletin_recipients br join bulletins b on b.id = br.bulletin_id
      where br.acknowledged_at is null and b.created_at <= ${ackBefore}::timestamptz
        and b.created_at >= ${since}::timestamptz`),
  );
  const overdue = rowsOf<{ id: number; respond_by: string }>(
    await db.execute(sql`
      select b.id, b.respond_by::text as respond_by from bulletins b
      where b.kind = 'coordination_request' and b.answered_at is null
        and b.respond_by < ${today}::date and b.respond_by >= ${addDays(today, -LOOKBACK_DAYS)}::date`),
  );
  return [
    ...unack.map((r) => ({
      kind: 'bulletin_unacknowledged',
      dedupKey: `bulletin_unack:${r.bulletin_id}:${r.unit_id}`,
      payload: { bulletinId: Number(r.bulletin_id), unitId: Number(r.unit_id) },
    })),
    ...overdue.map((r) => ({
      kind: 'request_overdue',
      dedupKey: `request_overdue:${r.id}`,
      payload: { bulletinId: Number(r.id), respondBy: r.respond_by },
    })),
  ];
}

/** Planned meetings that start tomorrow (Vietnam date). */
async function meetingJobs(db: Queryable, today: string): Promise<NewJob[]> {
  const tomorrow = addDays(today, 1);
  const found = rowsOf<{ id: number }>(
    await db.execute(sql`
      select m.id from meetings m where m.status = 'planned'
        and (m.starts_at at time zone 'Asia/Ho_Chi_Minh')::date = ${tomorrow}::date`),
  );
  return found.map((r) => ({
    kind: 'meeting_tomorrow',
    dedupKey: `meeting_tomorrow:${r.id}:${tomorrow}`,
    payload: { meetingId: Number(r.id), date: tomorrow },
  }));
}

/** Everything due at `now`, as jobs; returns how many jobs were new. */
export async function findReminders(db: Queryable, now: Date, settings: ReminderSettings): Promise<NewJob[]> {
  const today = todayInVietnam(now);
  const lists = [
    await reportJobs(db, today, settings),
    await taskJobs(db, today),
    await approvalJobs(db, now, settings),
    await bulletinJobs(db, now, today, settings),
    await meetingJobs(db, today),
  ];
  // In key order: two instances enqueueing at once lock the same keys in the same order (no deadlock).
  return lists
    .flat()
    .map((j) => ({ ...j, runAt: now }))
    .sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0));
}

/** Scans and enqueues (idempotent: known dedup keys are skipped); returns how many jobs were new. */
export async function scanReminders(db: Db, now: Date, settings: ReminderSettings): Promise<number> {
  const found = await findReminders(db, now, settings);
  if (!found.length) return 0;
  return db.transaction((tx) => enqueueJobs(tx, found));
}

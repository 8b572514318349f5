import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { periodLabel } from '../../../contracts/periods.ts';
import type { reportListItem, reportListQuery } from '../../../contracts/reports.ts';
import type { Queryable } from '../../db/client.ts';
import { reportForms, reports, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { currentContext } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { awaitingActor, reportVisible } from './policy.ts';

type ListQuery = z.infer<typeof reportListQuery>;
type Item = z.infer<typeof reportListItem>;

/** Overdue, derived in Asia/Ho_Chi_Minh: still a draft or returned after its due date. */
export const reportOverdue = (today: string): SQL =>
  sql`(${reports.status} in ('draft', 'returned') and ${reports.dueDate} < ${today}::date)`;

/** Due: a draft (never submitted, or reopened) whose due date has not passed yet. */
export const reportDue = (today: string): SQL =>
  sql`(${reports.status} = 'draft' and ${reports.dueDate} >= ${today}::date)`;

/**
 * Reports the actor may see, filtered (form, agreement, unit and its subtree, period, status,
 * overdue, due, "waiting for me"), one page with the total, in one query. Waiting-for-me lists the oldest
 * submission first; otherwise overdue first, then the latest periods.
 */
export async function listReports(
  db: Queryable,
  actor: Actor,
  q: ListQuery,
): Promise<{ items: Item[]; total: number }> {
  const today = todayInVietnam();
  const awaiting = awaitingActor(actor);
  const conds: SQL[] = [reportVisible(actor)];
  if (q.formId) conds.push(eq(reports.formId, q.formId));
  if (q.agreementId) conds.push(eq(reports.agreementId, q.agreementId));
  if (q.unitId) {
    conds.push(sql`${reports.unitId} in (select su.id from ${units} su
      where su.path like (select pu.path from ${units} pu where pu.id = ${q.unitId}) || '%')`);
  }
  if (q.period) conds.push(eq(reports.periodKey, q.period));
  if (q.status) conds.push(eq(reports.status, q.status));
  if (q.awaitingMe === 'true') conds.push(awaiting);
  if (q.awaitingMe === 'false') conds.push(sql`not ${awaiting}`);
  if (q.overdue === 'true') conds.push(reportOverdue(today));
  if (q.overdue === 'false') conds.push(sql`not ${reportOverdue(today)}`);
  if (q.due === 'true') conds.push(reportDue(today));
  if (q.due === 'false') conds.push(sql`not ${reportDue(today)}`);
  const order =
    q.awaitingMe === 'true'
      ? [sql`${reports.submittedAt} asc nulls last`, sql`${reports.id} asc`]
      : [
          sql`${reportOverdue(today)} desc`,
          desc(reports.periodStart),
          sql`${units.name} asc`,
          desc(reports.id),
        ];
  const rows = await db
    .select({
      id: reports.id,
      formId: reports.formId,
      formName: reportForms.name,
      agreementId: reports.agreementId,
      unitId: units.id,
      unitName: units.name,
      unitShort: units.shortName,
      period: reports.periodKey,
      dueDate: reports.dueDate,
      status: reports.status,
      approvalStep: reports.approvalStep,
      overdue: sql<boolean>`${reportOverdue(today)}`,
      sample: reports.sample,
      submittedAt: reports.submittedAt,
      awaitingMe: sql<boolean>`${awaiting}`,
      version: reports.version,
      total: sql<number>`count(*) over ()`,
    })
    .from(reports)
    .innerJoin(reportForms, eq(reportForms.id, reports.formId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(and(...conds))
    .orderBy(...order)
    .limit(q.limit)
    .offset(q.offset);
  const locale = currentContext().locale;
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      formId: r.formId,
      formName: r.formName,
      agreementId: r.agreementId,
      unit: { id: r.unitId, name: r.unitName, shortName: r.unitShort },
      period: r.period,
      periodLabel: periodLabel(r.period, locale),
      dueDate: r.dueDate,
      status: r.status,
      approvalStep: r.approvalStep,
      overdue: r.overdue,
      sample: r.sample,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
      awaitingMe: r.awaitingMe,
      version: r.version,
    })),
  };
}

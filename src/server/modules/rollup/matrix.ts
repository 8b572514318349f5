import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { deadlineOf, type Period, parsePeriod, periodsBetween } from '../../../contracts/periods.ts';
import type { MatrixState, matrixQuery, matrixSchema, ReportStatus } from '../../../contracts/reports.ts';
import type { Queryable } from '../../db/client.ts';
import {
  agreements,
  reportEvents,
  reportForms,
  reportFormUnits,
  reports,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { roleOn } from '../access/scope.ts';
import { agreementAccess } from './view.ts';

// Reporting status (tình hình báo cáo): every unit a form asks to report × every period,
// with dates in Asia/Ho_Chi_Minh. A cell is
// - the report's status when there is one: draft, submitted, returned, approved — except a
//   draft still not submitted after its deadline, which is `overdue` (nothing submitted);
// - without a report: `overdue` once the deadline has passed, `due` from the period's first
//   day until its deadline (the report is expected: deadlines such as "the 20th of the last
//   month" fall inside the period), `not_due` before the period begins — and also for a
//   period outside the agreement's validity or when the unit did not exist then (nothing
//   is expected of it).
// Completeness of a unit = periods with a submitted or approved report ÷ periods due (the
// deadline has passed, or a report is already submitted/approved); timeliness = reports
// whose FIRST submission came by the deadline ÷ reports ever submitted (a report returned
// and resubmitted keeps the date of its first submission).

type Matrix = z.infer<typeof matrixSchema>;

export interface Validity {
  from: string | null;
  to: string | null;
}

/** Whether anything is expected for this period from a unit valid over `unit`, under `agreement`. */
export function expected(p: Pick<Period, 'start' | 'end'>, agreement: Validity, unit: Validity): boolean {
  const overlaps = (v: Validity) =>
    (v.from === null || v.from <= p.end) && (v.to === null || v.to >= p.start);
  return overlaps(agreement) && overlaps(unit);
}

export interface CellReport {
  id: number;
  status: ReportStatus;
  dueDate: string;
  /** Date (Vietnam) of the first submission, null if never submitted. */
  firstSubmitted: string | null;
}

export function cellState(
  today: string,
  period: Pick<Period, 'start'>,
  dueDate: string,
  report: CellReport | undefined,
  isExpected = true,
): { state: MatrixState; reportId: number | null; onTime: boolean | null } {
  if (report) {
    const onTime = report.firstSubmitted === null ? null : report.firstSubmitted <= report.dueDate;
    const state: MatrixState =
      report.status === 'draft' && today > report.dueDate ? 'overdue' : report.status;
    return { state, reportId: report.id, onTime };
  }
  if (!isExpected) return { state: 'not_due', reportId: null, onTime: null };
  const state: MatrixState = today > dueDate ? 'overdue' : today >= period.start ? 'due' : 'not_due';
  return { state, reportId: null, onTime: null };
}

/** Completeness and timeliness of one row of cells (see the header). */
export function rates(
  today: string,
  cells: Array<{ state: MatrixState; onTime: boolean | null; dueDate: string; expected: boolean }>,
) {
  let due = 0;
  let done = 0;
  let submitted = 0;
  let onTime = 0;
  for (const c of cells) {
    const isDone = c.state === 'submitted' || c.state === 'approved';
    if (isDone) done += 1;
    if (isDone || (c.expected && today > c.dueDate)) due += 1;
    if (c.onTime !== null) {
      submitted += 1;
      if (c.onTime) onTime += 1;
    }
  }
  return {
    completeness: due ? Math.round((done / due) * 1000) / 1000 : null,
    timeliness: submitted ? Math.round((onTime / submitted) * 1000) / 1000 : null,
  };
}

/** The date in Vietnam of a moment given in seconds since the epoch. */
export const vnDate = (seconds: number | string | null) =>
  seconds === null ? null : todayInVietnam(new Date(Number(seconds) * 1000));

/** Reports with the date of their first submission (event), or submittedAt without events. */
export function reportsWithFirstSubmission(db: Queryable, where: SQL | undefined) {
  return db
    .select({
      id: reports.id,
      formId: reports.formId,
      unitId: reports.unitId,
      periodKey: reports.periodKey,
      status: reports.status,
      dueDate: reports.dueDate,
      // Seconds since the epoch: the drivers hand raw timestamps back in different shapes.
      // Qualified by hand: Drizzle leaves select-list columns of a one-table query unqualified,
      // which inside the subquery would name report_events' own id.
      firstSubmittedAt: sql<
        number | null
      >`extract(epoch from coalesce((select min(e.created_at) from ${reportEvents} e
        where e.report_id = "reports"."id" and e.action = 'submit'), "reports"."submitted_at"))::float8`,
    })
    .from(reports)
    .where(where);
}

/** The periods of the matrix: the query's range, or a year (default: this year in Vietnam). */
function matrixPeriods(
  frequency: (typeof reportForms.$inferSelect)['frequency'],
  agreement: typeof agreements.$inferSelect,
  q: z.infer<typeof matrixQuery>,
): Period[] {
  if (q.from || q.to) {
    const from = parsePeriod(q.from ?? q.to!);
    const to = parsePeriod(q.to ?? q.from!);
    if (!from) throw invalidField('from', 'Kỳ bắt đầu không hợp lệ');
    if (!to) throw invalidField('to', 'Kỳ kết thúc không hợp lệ');
    if (to.end < from.start) throw invalidField('to', 'Kỳ kết thúc phải sau kỳ bắt đầu');
    const keys =
      frequency === 'phase'
        ? periodsBetween('phase', from.year, Number(to.end.slice(0, 4)))
        : periodsBetween(frequency, from.year, Number(to.end.slice(0, 4)));
    const list = keys.map((k) => parsePeriod(k)!).filter((p) => p.start >= from.start && p.end <= to.end);
    if (list.length > 240) throw invalidField('to', 'Tối đa 240 kỳ; hãy thu hẹp khoảng thời gian.');
    return list;
  }
  const year = q.year ?? Number(todayInVietnam().slice(0, 4));
  if (frequency === 'phase') {
    const a = agreement.validFrom ? Number(agreement.validFrom.slice(0, 4)) : (agreement.year ?? year);
    const b = agreement.validTo ? Number(agreement.validTo.slice(0, 4)) : (agreement.year ?? year);
    return [parsePeriod(`${a}-${Math.max(a, b)}`)!];
  }
  return periodsBetween(frequency, year, year).map((k) => parsePeriod(k)!);
}

/** The agreement's validity, a plan without dates: its year. */
export function agreementValidity(a: {
  validFrom: string | null;
  validTo: string | null;
  year: number | null;
}): Validity {
  if (a.validFrom || a.validTo) return { from: a.validFrom, to: a.validTo };
  if (a.year) return { from: `${a.year}-01-01`, to: `${a.year}-12-31` };
  return { from: null, to: null };
}

/**
 * Who reports what: every (form, reporting unit) pair of the active forms of signed or in-force
 * agreements, with what the deadline and "expected" rules need (home dashboard, reminders).
 */
export function activeFormUnits(db: Queryable, where?: SQL) {
  return db
    .select({
      formId: reportForms.id,
      frequency: reportForms.frequency,
      deadlineDay: reportForms.deadlineDay,
      deadlineMonthOffset: reportForms.deadlineMonthOffset,
      validFrom: agreements.validFrom,
      validTo: agreements.validTo,
      agreementYear: agreements.year,
      unitId: units.id,
      unitFrom: units.validFrom,
      unitTo: units.validTo,
    })
    .from(reportFormUnits)
    .innerJoin(reportForms, eq(reportForms.id, reportFormUnits.formId))
    .innerJoin(agreements, eq(agreements.id, reportForms.agreementId))
    .innerJoin(units, eq(units.id, reportFormUnits.unitId))
    .where(and(eq(reportForms.active, true), inArray(agreements.status, ['signed', 'in_effect']), where));
}

/** The period keys a form reports for over some years; a phase form: the agreement's phase. */
export function formPeriodKeys(
  frequency: (typeof reportForms.$inferSelect)['frequency'],
  validity: Validity,
  fromYear: number,
  toYear: number,
): string[] {
  if (frequency !== 'phase') return periodsBetween(frequency, fromYear, toYear);
  return validity.from && validity.to ? [`${validity.from.slice(0, 4)}-${validity.to.slice(0, 4)}`] : [];
}

export interface MatrixResult {
  matrix: Matrix;
  formName: string;
  agreementSubject: string;
}

/**
 * GET /api/forms/:id/status-matrix. Everyone who sees the agreement sees the form's matrix;
 * an actor with a limited view of the agreement (below a party, or through tasks) sees the
 * rows of the units in their scope only.
 */
export async function statusMatrix(
  db: Queryable,
  actor: Actor,
  formId: number,
  q: z.infer<typeof matrixQuery>,
): Promise<MatrixResult> {
  const [form] = await db.select().from(reportForms).where(eq(reportForms.id, formId));
  if (!form) throw notFound();
  const access = await agreementAccess(db, actor, form.agreementId);
  const periods = matrixPeriods(form.frequency, access.row, q);
  const keys = periods.map((p) => p.key);
  const rule = { day: form.deadlineDay, monthOffset: form.deadlineMonthOffset };

  const [reportRows, unitRows] = await Promise.all([
    keys.length
      ? reportsWithFirstSubmission(db, and(eq(reports.formId, formId), inArray(reports.periodKey, keys)))
      : Promise.resolve([]),
    db
      .select({
        id: units.id,
        name: units.name,
        shortName: units.shortName,
        path: units.path,
        validFrom: units.validFrom,
        validTo: units.validTo,
      })
      .from(units)
      .where(
        sql`${units.id} in (select ${reportFormUnits.unitId} from ${reportFormUnits} where ${reportFormUnits.formId} = ${formId}
          union select ${reports.unitId} from ${reports} where ${reports.formId} = ${formId}
            and ${keys.length ? inArray(reports.periodKey, keys) : sql`false`})`,
      ),
  ]);
  const visibleUnits = (
    access.limited ? unitRows.filter((u) => roleOn(actor, u.path) !== null) : unitRows
  ).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const byCell = new Map<string, CellReport>();
  for (const r of reportRows) {
    byCell.set(`${r.unitId}:${r.periodKey}`, {
      id: r.id,
      status: r.status,
      dueDate: r.dueDate,
      firstSubmitted: vnDate(r.firstSubmittedAt),
    });
  }
  const today = todayInVietnam();
  const validity = agreementValidity(access.row);
  const dueDates = periods.map((p) => deadlineOf(p.key, rule)!);
  const rows = visibleUnits.map((u) => {
    const cells = periods.map((p, i) => {
      const report = byCell.get(`${u.id}:${p.key}`);
      const isExpected = expected(p, validity, { from: u.validFrom, to: u.validTo });
      const dueDate = report?.dueDate ?? dueDates[i]!;
      return { ...cellState(today, p, dueDate, report, isExpected), dueDate, expected: isExpected };
    });
    return {
      unit: { id: u.id, name: u.name, shortName: u.shortName },
      cells: cells.map(({ state, reportId, onTime }) => ({ state, reportId, onTime })),
      ...rates(today, cells),
    };
  });
  return {
    matrix: {
      formId,
      periods: periods.map((p, i) => ({ key: p.key, label: p.label, dueDate: dueDates[i]! })),
      rows,
    },
    formName: form.name,
    agreementSubject: access.row.subject,
  };
}

import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { deadlineOf, type Period, parsePeriod } from '../../../contracts/periods.ts';
import type { ReportStatus } from '../../../contracts/reports.ts';
import type { IndicatorFigure, UnitDashboard, UserDashboard } from '../../../contracts/rollup.ts';
import type { Queryable } from '../../db/client.ts';
import {
  agreements,
  reportForms,
  reportFormUnits,
  reports,
  reportValueYears,
  tasks,
  taskUnits,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { pathInScope, pathLikeAny, roleOn } from '../access/scope.ts';
import { seenThroughTasks } from '../agreements/list.ts';
import { agreementVisible } from '../agreements/policy.ts';
import { listMeetings } from '../meetings/service.ts';
import { awaitingActor } from '../reports/policy.ts';
import { taskOverdue, taskVisible } from '../tasks/list.ts';
import { textRows } from './data.ts';
import {
  activeFormUnits,
  agreementValidity,
  type CellReport,
  cellState,
  expected,
  formPeriodKeys,
} from './matrix.ts';
import { computeRollup, figureAt, resolvePeriod } from './service.ts';
import { agreementAccess, agreementView, scopeView, successionPrefixes, type View } from './view.ts';

// Dashboards: per unit (its subtree, with the units it succeeded) and for the signed-in user.

const thisYear = () => Number(todayInVietnam().slice(0, 4));

/**
 * Report chores of the year over the units matching `unitScope` (a condition on units.path):
 * every active form of an agreement in force (signed or in effect) × its units × the
 * year's periods in which the agreement and the unit existed — due (expected now, not
 * submitted: no report or a draft), overdue, returned. Same states as the status matrix.
 */
export async function reportChores(db: Queryable, unitScope: SQL, year: number) {
  const pairs = await activeFormUnits(db, unitScope);
  const counts = { due: 0, overdue: 0, returned: 0 };
  if (pairs.length === 0) return counts;
  const formIds = [...new Set(pairs.map((p) => p.formId))];
  // Only what the states need (no first submission: timeliness is not counted here).
  const found = await textRows(
    db,
    [sql`r.form_id`, sql`r.unit_id`, sql`r.period_key`, sql`r.status`, sql`r.due_date`],
    sql`${reports} r where ${inArray(sql`r.form_id`, formIds)}
      and r.period_start <= ${`${year}-12-31`} and r.period_end >= ${`${year}-01-01`}
      and r.unit_id in (select ${units.id} from ${units} where ${unitScope})`,
  );
  const byCell = new Map<string, CellReport>();
  for (const [formId, unitId, key, status, dueDate] of found) {
    byCell.set(`${formId}:${unitId}:${key}`, {
      id: 0,
      status: status as ReportStatus,
      dueDate: dueDate!,
      firstSubmitted: null,
    });
  }
  const today = todayInVietnam();
  // The periods of each form, with their deadlines, worked out once per form.
  const formPeriods = new Map<number, Array<{ key: string; period: Period; due: string }>>();
  for (const p of pairs) {
    const validity = agreementValidity({ validFrom: p.validFrom, validTo: p.validTo, year: p.agreementYear });
    let periods = formPeriods.get(p.formId);
    if (!periods) {
      periods = formPeriodKeys(p.frequency, validity, year, year).map((key) => ({
        key,
        period: parsePeriod(key)!,
        due: deadlineOf(key, { day: p.deadlineDay, monthOffset: p.deadlineMonthOffset })!,
      }));
      formPeriods.set(p.formId, periods);
    }
    for (const { key, period, due } of periods) {
      const report = byCell.get(`${p.formId}:${p.unitId}:${key}`);
      const isExpected = expected(period, validity, { from: p.unitFrom, to: p.unitTo });
      if (!report && !isExpected) continue;
      const { state } = cellState(today, period, report?.dueDate ?? due, report, isExpected);
      if (state === 'due' || state === 'draft') counts.due += 1;
      else if (state === 'overdue') counts.overdue += 1;
      else if (state === 'returned') counts.returned += 1;
    }
  }
  return counts;
}

/** The first `limit` indicators of a roll-up with a figure or a target, at the view's total. */
async function headline(
  db: Queryable,
  agreementId: number,
  view: View,
  year: number,
  limit: number,
): Promise<{ figures: IndicatorFigure[]; sample: boolean }> {
  const r = await computeRollup(db, agreementId, view, resolvePeriod(year));
  const figures: IndicatorFigure[] = [];
  let sample = false;
  for (const ind of r.indicators) {
    const f = figureAt(r, ind.indicatorId, -1);
    if (f.value === null && f.target === null && f.previousYear === null) continue;
    sample ||= f.sample;
    figures.push({
      indicatorId: ind.indicatorId,
      code: ind.code,
      name: ind.name,
      uom: ind.uom,
      value: f.value,
      target: f.target,
      achievedPct: f.achievedPct,
      previousYear: f.previousYear,
      reports: f.reports,
    });
    if (figures.length >= limit) break;
  }
  return { figures, sample };
}

const MAX_AGREEMENTS = 12;

/**
 * GET /api/units/:id/dashboard: for a unit in the actor's scope, the agreements its subtree
 * takes part in or reports for (visible to the actor), each with the subtree's totals for the
 * year — the tree of the year, with the units it succeeded hanging under it — plus open and
 * overdue tasks naming a unit of the subtree and the report chores of its units.
 */
export async function unitDashboard(
  db: Queryable,
  actor: Actor,
  unitId: number,
  yearParam?: number,
): Promise<UnitDashboard> {
  const year = yearParam ?? thisYear();
  const [unit] = await db
    .select({
      id: units.id,
      name: units.name,
      shortName: units.shortName,
      path: units.path,
      validTo: units.validTo,
    })
    .from(units)
    .where(eq(units.id, unitId));
  if (!unit || roleOn(actor, unit.path) === null) throw notFound();
  const prefixes = await successionPrefixes(db, unitId);
  const view: View = { prefixes, fallbackToUnit: false };
  // The subtree now and those of the units it succeeded (their figures are shown under it).
  const predecessorPaths =
    prefixes.size > 1
      ? (
          await db
            .select({ path: units.path })
            .from(units)
            .where(
              inArray(
                units.id,
                [...prefixes.keys()].filter((id) => id !== unitId),
              ),
            )
        ).map((u) => `${u.path}%`)
      : [];
  const subtree = (col: SQL | typeof units.path) => pathLikeAny(col, [`${unit.path}%`, ...predecessorPaths]);

  const list = await db
    .select({
      id: agreements.id,
      subject: agreements.subject,
      kind: agreements.kind,
      status: agreements.status,
    })
    .from(agreements)
    .where(
      and(
        sql`(${agreementVisible(actor, agreements.id)} or ${seenThroughTasks(actor, agreements.id)})`,
        sql`(${agreements.id} in (select ap.agreement_id from agreement_parties ap join ${units} u on u.id = ap.unit_id
              where ${subtree(sql`u.path`)})
          or ${agreements.id} in (select f.agreement_id from ${reportForms} f join ${reportFormUnits} fu on fu.form_id = f.id
              join ${units} u on u.id = fu.unit_id where ${subtree(sql`u.path`)})
          or ${agreements.id} in (select y.agreement_id from ${reportValueYears} y where y.year = ${year}
              and y.unit_id in (select u.id from ${units} u where ${subtree(sql`u.path`)})))`,
      ),
    )
    .orderBy(desc(agreements.updatedAt))
    .limit(MAX_AGREEMENTS);

  const [cards, taskCounts, chores, awaiting] = await Promise.all([
    Promise.all(list.map((a) => headline(db, a.id, view, year, 50))),
    db
      .select({
        open: sql<number>`count(*) filter (where ${tasks.status} in ('not_started', 'in_progress'))::int`,
        // Qualified by hand (see matrix.ts#reportsWithFirstSubmission).
        overdue: sql<number>`count(*) filter (where ${taskOverdue(todayInVietnam(), {
          id: sql`"tasks"."id"`,
          status: sql`"tasks"."status"`,
          dueDate: sql`"tasks"."due_date"`,
        })})::int`,
      })
      .from(tasks)
      .where(
        and(
          sql`${tasks.id} in (select tu.task_id from ${taskUnits} tu join ${units} u on u.id = tu.unit_id
            where ${subtree(sql`u.path`)})`,
          taskVisible(actor),
        ),
      ),
    reportChores(db, subtree(units.path), year),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(reports)
      .where(
        and(
          eq(reports.status, 'submitted'),
          sql`${reports.unitId} in (select u.id from ${units} u where ${subtree(sql`u.path`)})`,
        ),
      ),
  ]);
  const today = todayInVietnam();
  return {
    unit: {
      id: unit.id,
      name: unit.name,
      shortName: unit.shortName,
      closed: unit.validTo !== null && unit.validTo < today,
    },
    year,
    agreements: list.map((a, i) => ({ ...a, scope: 'mine' as const, indicators: cards[i]!.figures })),
    tasks: { open: taskCounts[0]?.open ?? 0, overdue: taskCounts[0]?.overdue ?? 0 },
    reports: { ...chores, awaitingApproval: awaiting[0]?.n ?? 0 },
    sample: cards.some((c) => c.sample),
  };
}

/**
 * GET /api/dashboard: the signed-in user's chores (reports of the units where they are an
 * officer or more, approvals waiting for them, overdue tasks naming their units) and the
 * agreements they see with headline totals of the year: the agreement's totals for an actor
 * over a party, the totals of their own units otherwise.
 */
export async function userDashboard(db: Queryable, actor: Actor, yearParam?: number): Promise<UserDashboard> {
  const year = yearParam ?? thisYear();
  const today = todayInVietnam();
  const visible = sql`(${agreementVisible(actor, agreements.id)} or ${seenThroughTasks(actor, agreements.id)})`;
  const hasData = sql`exists (select 1 from ${reportValueYears} y where y.agreement_id = ${agreements.id} and y.year = ${year})`;
  const [list, chores, awaiting, overdue] = await Promise.all([
    db
      .select({
        id: agreements.id,
        subject: agreements.subject,
        kind: agreements.kind,
        status: agreements.status,
      })
      .from(agreements)
      .where(visible)
      .orderBy(
        sql`${hasData} desc`,
        sql`${agreements.status} in ('signed', 'in_effect') desc`,
        desc(agreements.updatedAt),
      )
      .limit(MAX_AGREEMENTS),
    reportChores(db, pathInScope(actor, units.path, 'officer'), year),
    db.select({ n: sql<number>`count(*)::int` }).from(reports).where(awaitingActor(actor)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(tasks)
      .where(
        and(
          sql`${tasks.id} in (select tu.task_id from ${taskUnits} tu join ${units} u on u.id = tu.unit_id
            where ${pathInScope(actor, sql`u.path`)})`,
          taskOverdue(today),
        ),
      ),
  ]);
  const upcoming = await listMeetings(db, actor, { upcoming: 'true', limit: 5, offset: 0 });
  const cards = await Promise.all(
    list.map(async (a) => {
      const access = await agreementAccess(db, actor, a.id);
      const view = access.limited ? scopeView(actor) : await agreementView(db, actor, access);
      const h = await headline(db, a.id, view, year, 4);
      return {
        ...a,
        scope: access.limited ? ('mine' as const) : ('agreement' as const),
        indicators: h.figures,
        sample: h.sample,
      };
    }),
  );
  return {
    year,
    reports: chores,
    awaitingMyApproval: awaiting[0]?.n ?? 0,
    overdueTasks: overdue[0]?.n ?? 0,
    agreements: cards.map(({ sample: _s, ...c }) => c),
    upcomingMeetings: upcoming.items,
    sample: cards.some((c) => c.sample),
  };
}

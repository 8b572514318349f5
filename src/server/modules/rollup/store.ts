import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../../db/client.ts';
import { indicators, reports, reportValues, reportValueYears } from '../../db/schema/index.ts';
import { foldRawValues } from './compute.ts';
import { addCounts, countsInWindow, exchangeMonthCounts } from './exchange.ts';

// report_value_years: approved values folded over each year per agreement, unit (at each of
// its positions in the tree that year), indicator, category and location — the few rows the
// yearly roll-ups, dashboards and national totals read instead of every monthly value.
// Rules of the fold: compute.ts (nested periods: the longest wins the span it covers).
// Locations are stored as their comparison key (locationKey), as the roll-up compares them.
// Program-phase reports ("2022-2025") span several years and are not folded into any year.
// Indicators counted from the information exchange (exchange.ts) get the unit's count of the
// year added to its typed total, so any refresh (an approval, a reopening, a bulletin) keeps it.

const CHUNK = 2_000;

/**
 * Recomputes the report_value_years rows of the report's agreement, unit and year from all
 * APPROVED reports of that agreement, unit and year. Call it inside the transaction that
 * approves (last step) or reopens the report, after its status has changed.
 */
export async function refreshValueYears(tx: Queryable, reportId: number): Promise<void> {
  const [r] = await tx
    .select({ agreementId: reports.agreementId, unitId: reports.unitId, year: reports.year })
    .from(reports)
    .where(eq(reports.id, reportId));
  if (r) await refreshUnitYear(tx, r.agreementId, r.unitId, r.year);
}

/** Recomputes the yearly rows of one agreement, unit and year (typed figures + exchange counts). */
export async function refreshUnitYear(tx: Queryable, agreementId: number, unitId: number, year: number) {
  // One refresh of these rows at a time (two bulletins of a unit sent at once, an approval
  // meanwhile): the second waits for the first to commit, then reads what it wrote — without
  // the lock both would read the old state and the second insert would collide with the first.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`report_value_years:${agreementId}:${unitId}:${year}`}))`,
  );
  const rows = await tx
    .select({
      reportId: reports.id,
      unitId: reports.unitId,
      start: reports.periodStart,
      end: reports.periodEnd,
      path: reports.unitPath,
      sample: reports.sample,
      indicatorId: reportValues.indicatorId,
      category: reportValues.category,
      location: reportValues.location,
      value: sql<number>`${reportValues.value}`,
      aggTime: indicators.aggTime,
      dedupByLocation: indicators.dedupByLocation,
    })
    .from(reportValues)
    .innerJoin(reports, eq(reports.id, reportValues.reportId))
    .innerJoin(indicators, eq(indicators.id, reportValues.indicatorId))
    .where(
      and(
        eq(reports.agreementId, agreementId),
        eq(reports.unitId, unitId),
        eq(reports.year, year),
        eq(reports.status, 'approved'),
        ne(reports.periodKind, 'phase'),
        isNotNull(reportValues.value),
      ),
    );
  const rules = new Map(rows.map((r) => [r.indicatorId, r]));
  const yearWindow = { start: `${year}-01-01`, end: `${year}-12-31` };
  const counts = await exchangeMonthCounts(tx, agreementId, [yearWindow], { unitId });
  const folded = addCounts(
    foldRawValues(rows, yearWindow, (id) => rules.get(id)),
    countsInWindow(counts, yearWindow),
  );
  const out = folded.map((f): typeof reportValueYears.$inferInsert => ({
    agreementId,
    indicatorId: f.indicatorId,
    unitId,
    unitPath: f.path,
    year,
    category: f.category,
    location: f.location,
    value: f.value,
    reports: f.reports,
    sample: f.sample,
    asOf: f.asOf,
  }));
  await tx
    .delete(reportValueYears)
    .where(
      and(
        eq(reportValueYears.agreementId, agreementId),
        eq(reportValueYears.unitId, unitId),
        eq(reportValueYears.year, year),
      ),
    );
  for (let i = 0; i < out.length; i += CHUNK)
    await tx.insert(reportValueYears).values(out.slice(i, i + CHUNK));
}

/**
 * Recomputes every yearly row an indicator's approved values feed — for when its rule over
 * time (aggTime) changes, since the rows were folded by the old rule.
 */
export async function refreshIndicatorValueYears(tx: Queryable, indicatorId: number) {
  const groups = await tx
    .selectDistinct({ agreementId: reports.agreementId, unitId: reports.unitId, year: reports.year })
    .from(reports)
    .where(
      and(
        eq(reports.status, 'approved'),
        sql`exists (select 1 from ${reportValues} rv where rv.report_id = ${reports.id} and rv.indicator_id = ${indicatorId})`,
      ),
    );
  for (const g of groups) await refreshUnitYear(tx, g.agreementId, g.unitId, g.year);
}

/**
 * Recomputes the yearly rows an exchange-counted indicator touches, after its source changed
 * or it was linked to or unlinked from an agreement (`agreementId`: only that agreement):
 * the rows it has, and every unit and year with bulletins under its agreements or their
 * programs' agreements.
 */
export async function refreshExchangeIndicatorYears(
  tx: Queryable,
  indicatorId: number,
  agreementId?: number,
) {
  const only = agreementId === undefined ? sql`` : sql`and x.agreement_id = ${agreementId}`;
  const result = await tx.execute(sql`
    select distinct x.agreement_id, x.unit_id, x.year from (
      select y.agreement_id, y.unit_id, y.year from ${reportValueYears} y where y.indicator_id = ${indicatorId}
      union
      select l.agreement_id, b.sender_unit_id, extract(year from b.occurred_on)::int
        from indicator_links l
        join bulletins b on b.agreement_id = l.agreement_id
          or b.agreement_id in (select a.id from agreements a where a.program_id = l.agreement_id)
        where l.indicator_id = ${indicatorId}
      union
      select l.agreement_id, b.answered_by_unit_id,
          extract(year from (b.answered_at at time zone 'Asia/Ho_Chi_Minh'))::int
        from indicator_links l
        join bulletins b on b.agreement_id = l.agreement_id
          or b.agreement_id in (select a.id from agreements a where a.program_id = l.agreement_id)
        where l.indicator_id = ${indicatorId} and b.answered_by_unit_id is not null
    ) x where true ${only}`);
  const groups = rowsOf<{ agreement_id: number; unit_id: number; year: number }>(result);
  for (const g of groups)
    await refreshUnitYear(tx, Number(g.agreement_id), Number(g.unit_id), Number(g.year));
}

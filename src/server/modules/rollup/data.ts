import { and, asc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Aggregation, ValueType } from '../../../contracts/indicators.ts';
import type { Queryable } from '../../db/client.ts';
import {
  indicatorLinks,
  indicators,
  indicatorTargets,
  reportFormIndicators,
  reportForms,
  reports,
  reportValues,
  reportValueYears,
  units,
} from '../../db/schema/index.ts';
import type { RawValue } from './compute.ts';

// The roll-up's reads: each one query, whatever the size of the tree.

export interface IndicatorInfo {
  indicatorId: number;
  code: string;
  name: string;
  uom: string;
  valueType: ValueType;
  aggUnits: Aggregation;
  aggTime: Aggregation;
  dedupByLocation: boolean;
  minValue: number | null;
  maxValue: number | null;
}

const indicatorColumns = {
  indicatorId: indicators.id,
  code: indicators.code,
  name: indicators.name,
  uom: indicators.uom,
  valueType: indicators.valueType,
  aggUnits: indicators.aggUnits,
  aggTime: indicators.aggTime,
  dedupByLocation: indicators.dedupByLocation,
  minValue: indicators.minValue,
  maxValue: indicators.maxValue,
};

/**
 * The indicators of an agreement: those on its report forms (in the forms' order), then
 * those linked to it (by code), then any of `extraIds` (values of an indicator since removed).
 */
export async function agreementIndicators(
  db: Queryable,
  agreementId: number,
  extraIds: number[] = [],
): Promise<IndicatorInfo[]> {
  const onForms = sql`(select min(f.id::bigint * 100000 + rfi.position) from ${reportFormIndicators} rfi
    join ${reportForms} f on f.id = rfi.form_id
    where f.agreement_id = ${agreementId} and rfi.indicator_id = ${indicators.id})`;
  const linked = sql`${indicators.id} in (select l.indicator_id from ${indicatorLinks} l where l.agreement_id = ${agreementId})`;
  const rows = await db
    .select(indicatorColumns)
    .from(indicators)
    .where(
      sql`(${onForms} is not null or ${linked}${
        extraIds.length ? sql` or ${inArray(indicators.id, extraIds)}` : sql``
      })`,
    )
    .orderBy(sql`${onForms} asc nulls last`, asc(indicators.code));
  return rows;
}

export async function indicatorById(db: Queryable, id: number): Promise<IndicatorInfo | undefined> {
  const [row] = await db.select(indicatorColumns).from(indicators).where(eq(indicators.id, id));
  return row;
}

/** A yearly value of a unit (report_value_years, totals only: category ''). */
export interface YearRow {
  agreementId: number;
  year: number;
  indicatorId: number;
  unitId: number;
  path: string;
  location: string;
  value: number;
  reports: number;
  sample: boolean;
  asOf: string;
}

const yearColumns = {
  agreementId: reportValueYears.agreementId,
  year: reportValueYears.year,
  indicatorId: reportValueYears.indicatorId,
  unitId: reportValueYears.unitId,
  path: reportValueYears.unitPath,
  location: reportValueYears.location,
  value: sql<number>`${reportValueYears.value}`,
  reports: reportValueYears.reports,
  sample: reportValueYears.sample,
  asOf: sql<string>`coalesce(${reportValueYears.asOf}, make_date(${reportValueYears.year}, 12, 31))::text`,
};

/** Yearly rows of an agreement (primary-key range: agreement, year[, indicator]). */
export function agreementYearRows(
  db: Queryable,
  agreementId: number | number[],
  years: number[],
  indicatorIds?: number[],
  extra?: SQL,
): Promise<YearRow[]> {
  return db
    .select(yearColumns)
    .from(reportValueYears)
    .where(
      and(
        Array.isArray(agreementId)
          ? inArray(reportValueYears.agreementId, agreementId)
          : eq(reportValueYears.agreementId, agreementId),
        inArray(reportValueYears.year, years),
        indicatorIds ? inArray(reportValueYears.indicatorId, indicatorIds) : undefined,
        eq(reportValueYears.category, ''),
        isNotNull(reportValueYears.value),
        extra,
      ),
    );
}

/** Yearly rows of one indicator in every agreement (index: indicator, year), optionally filtered. */
export function indicatorYearRows(
  db: Queryable,
  indicatorId: number,
  years: number[],
  extra?: SQL,
): Promise<YearRow[]> {
  return db
    .select(yearColumns)
    .from(reportValueYears)
    .where(
      and(
        eq(reportValueYears.indicatorId, indicatorId),
        inArray(reportValueYears.year, years),
        eq(reportValueYears.category, ''),
        isNotNull(reportValueYears.value),
        extra,
      ),
    );
}

/**
 * Approved values (totals: category '') of an agreement's reports whose period lies inside
 * one of the windows, for the sub-year roll-ups and trends.
 */
export function rawApprovedValues(
  db: Queryable,
  agreementId: number,
  windows: Array<{ start: string; end: string }>,
  indicatorId?: number,
): Promise<RawValue[]> {
  const years = windows.flatMap((w) => [Number(w.start.slice(0, 4)), Number(w.end.slice(0, 4))]);
  const inside = windows.map(
    (w) => sql`(${reports.periodStart} >= ${w.start} and ${reports.periodEnd} <= ${w.end})`,
  );
  return db
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
    })
    .from(reports)
    .innerJoin(reportValues, eq(reportValues.reportId, reports.id))
    .where(
      and(
        eq(reports.agreementId, agreementId),
        sql`${reports.year} between ${Math.min(...years)} and ${Math.max(...years)}`,
        eq(reports.status, 'approved'),
        sql`(${sql.join(inside, sql` or `)})`,
        eq(reportValues.category, ''),
        isNotNull(reportValues.value),
        indicatorId ? eq(reportValues.indicatorId, indicatorId) : undefined,
      ),
    );
}

export interface TargetRow {
  indicatorId: number;
  unitId: number;
  path: string;
  value: number;
}

/** Targets of an agreement over the years (summed per unit and indicator). */
export function agreementTargets(
  db: Queryable,
  agreementId: number | number[],
  fromYear: number,
  toYear: number,
  indicatorIds?: number[],
): Promise<Array<TargetRow & { agreementId: number }>> {
  return db
    .select({
      agreementId: indicatorTargets.agreementId,
      indicatorId: indicatorTargets.indicatorId,
      unitId: indicatorTargets.unitId,
      path: units.path,
      value: sql<number>`sum(${indicatorTargets.value})::float8`,
    })
    .from(indicatorTargets)
    .innerJoin(units, eq(units.id, indicatorTargets.unitId))
    .where(
      and(
        Array.isArray(agreementId)
          ? inArray(indicatorTargets.agreementId, agreementId)
          : eq(indicatorTargets.agreementId, agreementId),
        sql`${indicatorTargets.year} between ${fromYear} and ${toYear}`,
        indicatorIds ? inArray(indicatorTargets.indicatorId, indicatorIds) : undefined,
      ),
    )
    .groupBy(indicatorTargets.agreementId, indicatorTargets.indicatorId, indicatorTargets.unitId, units.path);
}

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

const FIELD = '\x1f';
const RECORD = '\x1e';

/**
 * Big reads come back as one text: PostgreSQL joins the rows with separator characters in a
 * few milliseconds and splitting it is far cheaper than the drivers' conversion of thousands
 * of rows field by field (a province's 17,000 yearly rows: ~25 ms instead of ~90 ms, and
 * ~150 ms through the ORM's row mapping). Columns must not be null.
 */
export async function textRows(db: Queryable, columns: SQL[], from: SQL): Promise<string[][]> {
  const result = (await db.execute(
    sql`select string_agg(concat_ws(${FIELD}, ${sql.join(
      columns.map((c) => sql`(${c})::text`),
      sql`, `,
    )}), ${RECORD}) as t from ${from}`,
  )) as unknown as { rows: Array<{ t: string | null }> } | Array<{ t: string | null }>;
  const rows = Array.isArray(result) ? result : result.rows;
  const text = rows[0]?.t;
  if (!text) return [];
  return text.split(RECORD).map((r) => r.split(FIELD));
}

const yearColumns = [
  sql`agreement_id`,
  sql`year`,
  sql`indicator_id`,
  sql`unit_id`,
  sql`unit_path`,
  sql`location`,
  sql`value`,
  sql`reports`,
  sql`sample::int`,
  sql`coalesce(as_of, make_date(year, 12, 31))`,
];
const toYearRow = (r: string[]): YearRow => ({
  agreementId: Number(r[0]),
  year: Number(r[1]),
  indicatorId: Number(r[2]),
  unitId: Number(r[3]),
  path: r[4]!,
  location: r[5]!,
  value: Number(r[6]),
  reports: Number(r[7]),
  sample: r[8] === '1',
  asOf: r[9]!,
});

/** Yearly rows of an agreement (primary-key range: agreement, year[, indicator]). */
export async function agreementYearRows(
  db: Queryable,
  agreementId: number | number[],
  years: number[],
  indicatorIds?: number[],
  extra?: SQL,
): Promise<YearRow[]> {
  const where = and(
    Array.isArray(agreementId)
      ? inArray(reportValueYears.agreementId, agreementId)
      : eq(reportValueYears.agreementId, agreementId),
    inArray(reportValueYears.year, years),
    indicatorIds ? inArray(reportValueYears.indicatorId, indicatorIds) : undefined,
    eq(reportValueYears.category, ''),
    isNotNull(reportValueYears.value),
    extra,
  );
  return (await textRows(db, yearColumns, sql`${reportValueYears} where ${where}`)).map(toYearRow);
}

/** Yearly rows of one indicator in every agreement (index: indicator, year), optionally filtered. */
export async function indicatorYearRows(
  db: Queryable,
  indicatorId: number,
  years: number[],
  extra?: SQL,
): Promise<YearRow[]> {
  const where = and(
    eq(reportValueYears.indicatorId, indicatorId),
    inArray(reportValueYears.year, years),
    eq(reportValueYears.category, ''),
    isNotNull(reportValueYears.value),
    extra,
  );
  return (await textRows(db, yearColumns, sql`${reportValueYears} where ${where}`)).map(toYearRow);
}

/**
 * Approved values (totals: category '') of an agreement's reports whose period lies inside
 * one of the windows, for the sub-year roll-ups and trends.
 */
export async function rawApprovedValues(
  db: Queryable,
  agreementId: number,
  windows: Array<{ start: string; end: string }>,
  indicatorId?: number,
): Promise<RawValue[]> {
  const years = windows.flatMap((w) => [Number(w.start.slice(0, 4)), Number(w.end.slice(0, 4))]);
  const inside = windows.map((w) => sql`(r.period_start >= ${w.start} and r.period_end <= ${w.end})`);
  const rows = await textRows(
    db,
    [
      sql`r.id`,
      sql`r.unit_id`,
      sql`r.period_start`,
      sql`r.period_end`,
      sql`r.unit_path`,
      sql`r.sample::int`,
      sql`v.indicator_id`,
      sql`v.category`,
      sql`translate(v.location, ${`${FIELD}${RECORD}`}, '')`,
      sql`v.value`,
    ],
    sql`${reports} r join ${reportValues} v on v.report_id = r.id
      where r.agreement_id = ${agreementId}
        and r.year between ${Math.min(...years)} and ${Math.max(...years)}
        and r.status = 'approved' and (${sql.join(inside, sql` or `)})
        and v.category = '' and v.value is not null
        ${indicatorId ? sql`and v.indicator_id = ${indicatorId}` : sql``}`,
  );
  return rows.map((r) => ({
    reportId: Number(r[0]),
    unitId: Number(r[1]),
    start: r[2]!,
    end: r[3]!,
    path: r[4]!,
    sample: r[5] === '1',
    indicatorId: Number(r[6]),
    category: r[7]!,
    location: r[8]!,
    value: Number(r[9]),
  }));
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

import { and, asc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Aggregation, ValueType } from '../../../contracts/indicators.ts';
import { type Queryable, rowsOf } from '../../db/client.ts';
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
  const result = await db.execute(
    sql`select string_agg(concat_ws(${FIELD}, ${sql.join(
      columns.map((c) => sql`(${c})::text`),
      sql`, `,
    )}), ${RECORD}) as t from ${from}`,
  );
  const text = rowsOf<{ t: string | null }>(result)[0]?.t;
  if (!text) return [];
  return text.split(RECORD).map((r) => r.split(FIELD));
}

const yearRowColumns = [
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
  return (await textRows(db, yearRowColumns, sql`${reportValueYears} where ${where}`)).map(toYearRow);
}

/**
 * Yearly rows column by column, for the roll-ups that read tens of thousands of them (a
 * province's tree over two years: ~35,000): typed arrays instead of an object per row, paths and
 * locations interned (each distinct text once), the end of the latest period as a day number.
 */
export interface YearColumns {
  length: number;
  /** Only when read with `withAgreement`. */
  agreementId: Int32Array;
  year: Int32Array;
  indicatorId: Int32Array;
  /** Index into `paths` (the unit's path during the year; its last segment is the unit). */
  path: Int32Array;
  paths: string[];
  /** Index into `locations`; 0 is no location (locations[0] === ''). */
  location: Int32Array;
  /** locationKey texts. */
  locations: string[];
  value: Float64Array;
  reports: Int32Array;
  sample: Uint8Array;
  /** End of the latest period behind the value, in days since 1970-01-01 (UTC). */
  asOf: Int32Array;
}

const FIELD_CODE = FIELD.charCodeAt(0);

/**
 * Ids of the distinct texts of a field (paths, locations), found without cutting the text out
 * of the big string: a hash of its characters names a candidate, compared in place.
 */
class Interner {
  private readonly byHash = new Map<number, number>();
  private readonly byText = new Map<string, number>();
  /** Where the field after the last one read starts. */
  next = 0;

  readonly list: string[];

  constructor(list: string[]) {
    this.list = list;
    list.forEach((s, i) => {
      this.byText.set(s, i);
      this.byHash.set(Interner.hash(s, 0, s.length), i);
    });
  }

  private static hash(text: string, from: number, to: number) {
    let h = 0;
    for (let i = from; i < to; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    return h;
  }

  /** The id of the field starting at `pos` (up to the next field separator). */
  field(text: string, pos: number): number {
    let h = 0;
    let end = pos;
    for (let c = text.charCodeAt(end); c !== FIELD_CODE && end < text.length; c = text.charCodeAt(++end)) {
      h = (Math.imul(h, 31) + c) | 0;
    }
    this.next = end + 1;
    const candidate = this.byHash.get(h);
    if (candidate !== undefined) {
      const s = this.list[candidate]!;
      if (s.length === end - pos && text.startsWith(s, pos)) return candidate;
    }
    const s = text.slice(pos, end);
    let id = this.byText.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(s);
      this.byText.set(s, id);
      if (candidate === undefined) this.byHash.set(h, id);
    }
    return id;
  }
}

/**
 * The yearly rows matching `where` (totals only: category '', with a value), read as one text
 * (see textRows) and scanned in place: integers digit by digit, a path or location cut out only
 * when the scan meets a new one.
 */
export async function yearColumns(db: Queryable, where: SQL, withAgreement = false): Promise<YearColumns> {
  const columns = [
    ...(withAgreement ? [sql`agreement_id`] : []),
    sql`year`,
    sql`indicator_id`,
    sql`unit_path`,
    sql`translate(location, ${`${FIELD}${RECORD}`}, '')`,
    sql`value`,
    sql`reports`,
    sql`sample::int`,
    sql`coalesce(as_of, make_date(year, 12, 31)) - date '1970-01-01'`,
  ];
  const result = await db.execute(
    sql`select count(*)::int as n, string_agg(concat_ws(${FIELD}, ${sql.join(columns, sql`, `)}), ${RECORD}) as t
      from ${reportValueYears}
      where ${and(eq(reportValueYears.category, ''), isNotNull(reportValueYears.value), where)}`,
  );
  const row = rowsOf<{ n: number; t: string | null }>(result)[0];
  return parseYearColumns(row?.t ?? '', row?.t ? Number(row.n) : 0, withAgreement);
}

/**
 * Reads `n` records of yearColumns' text: fields (agreement id when `withAgreement`, year,
 * indicator id, path, location, value, reports, sample 0/1, day number) separated by \x1f,
 * records by \x1e.
 */
export function parseYearColumns(text: string, n: number, withAgreement = false): YearColumns {
  const cols: YearColumns = {
    length: n,
    agreementId: new Int32Array(withAgreement ? n : 0),
    year: new Int32Array(n),
    indicatorId: new Int32Array(n),
    path: new Int32Array(n),
    paths: [],
    location: new Int32Array(n),
    locations: [''],
    value: new Float64Array(n),
    reports: new Int32Array(n),
    sample: new Uint8Array(n),
    asOf: new Int32Array(n),
  };
  const pathIds = new Interner(cols.paths);
  const locationIds = new Interner(cols.locations);
  let pos = 0;
  /** An integer field, and the separator after it. */
  const int = () => {
    let c = text.charCodeAt(pos);
    const negative = c === 45; // '-'
    if (negative) c = text.charCodeAt(++pos);
    let v = 0;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = text.charCodeAt(++pos);
    }
    pos++;
    return negative ? -v : v;
  };
  /** A number field: digit by digit when a small integer, else as JavaScript reads it. */
  const number = () => {
    const start = pos;
    let c = text.charCodeAt(pos);
    const negative = c === 45;
    if (negative) c = text.charCodeAt(++pos);
    let v = 0;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = text.charCodeAt(++pos);
      digits++;
    }
    if (c === FIELD_CODE && digits > 0 && digits < 16) {
      pos++;
      return negative ? -v : v;
    }
    const end = text.indexOf(FIELD, start);
    pos = end + 1;
    return Number(text.slice(start, end)); // 12.5, 1e+21, NaN…
  };
  for (let i = 0; i < n; i++) {
    if (withAgreement) cols.agreementId[i] = int();
    cols.year[i] = int();
    cols.indicatorId[i] = int();
    cols.path[i] = pathIds.field(text, pos);
    pos = pathIds.next;
    if (text.charCodeAt(pos) === FIELD_CODE)
      pos++; // most values have no location
    else {
      cols.location[i] = locationIds.field(text, pos);
      pos = locationIds.next;
    }
    cols.value[i] = number();
    cols.reports[i] = int();
    cols.sample[i] = text.charCodeAt(pos) === 49 ? 1 : 0; // '1'
    pos += 2;
    cols.asOf[i] = int();
  }
  // Each record ends with its separator (the last one with the end of the text).
  if (n > 0 && pos !== text.length + 1) {
    throw new Error('yearColumns: the rows could not be read');
  }
  return cols;
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

// The roll-ups of the issue-4 benchmark computed NAIVELY, the way one would without the
// app's yearly roll-up rows (report_value_years) and materialised paths: a recursive query
// over units.parent_id for the agreement's tree, and GROUP BY over the raw monthly
// report_values joined to their approved reports of the year. The figures are the app's
// (modules/rollup/compute.ts) for the shapes of the generated dataset — monthly reports of
// one form per agreement, category '' only, aggUnits sum/avg/max/min, de-duplication by
// location with the larger figure per commune — so both sides do the same job.
import { percentile } from './load.ts';

/** Folds one unit's monthly values over a year by the indicator's aggTime. */
const FOLD_TIME = `case i.agg_time
      when 'sum' then sum(v.value)
      when 'avg' then avg(v.value)
      when 'max' then max(v.value)
      when 'min' then min(v.value)
      when 'last' then (array_agg(v.value order by r.period_end desc) filter (where i.agg_time = 'last' and v.value is not null))[1]
    end`;

/**
 * A location's comparison key, as contracts/text.ts#locationKey: the words with their
 * diacritics (NFC), lowercased, inner runs of spaces made one, trimmed.
 */
const locationKey = (column: string) =>
  `btrim(regexp_replace(normalize(lower(${column}), NFC), '\\s+', ' ', 'g'))`;

/** Combines values over units (or communes) by the indicator's aggUnits. */
const FOLD_UNITS = `case i.agg_units
      when 'sum' then sum(k.value)
      when 'avg' then avg(k.value)
      when 'max' then max(k.value)
      when 'min' then min(k.value)
    end`;

/**
 * One agreement, one year and the year before: every node of the parties' subtrees with its
 * subtree's value per indicator, plus the agreement total (node 0, de-duplicated across the
 * whole agreement). $1 = agreement id, $2 = year.
 */
export const NAIVE_AGREEMENT_ROLLUP = `
with recursive tree(id) as (
  select p.unit_id from agreement_parties p where p.agreement_id = $1
  union all
  select c.id from units c join tree t on c.parent_id = t.id
), closure(node, unit_id) as (
  select id, id from tree
  union all
  select cl.node, c.id from closure cl join units c on c.parent_id = cl.unit_id
), nodes(node, unit_id) as (
  select node, unit_id from closure
  union all
  select 0, id from tree
), unit_year as (
  select r.unit_id, r.year, v.indicator_id, v.location, ${FOLD_TIME} as value, count(*) as reports
    from reports r
    join report_values v on v.report_id = r.id
    join indicators i on i.id = v.indicator_id
   where r.agreement_id = $1 and r.year in ($2 - 1, $2) and r.status = 'approved' and v.category = ''
   group by r.unit_id, r.year, v.indicator_id, v.location, i.agg_time
), keyed as (
  select n.node, y.year, y.indicator_id,
         case when i.dedup_by_location and y.location <> '' then 'l:' || ${locationKey('y.location')}
              else 'u:' || y.unit_id || ':' || y.location end as k,
         max(y.value) as value, max(y.reports) as reports
    from nodes n
    join unit_year y on y.unit_id = n.unit_id
    join indicators i on i.id = y.indicator_id
   group by 1, 2, 3, 4
)
select k.node, k.year, k.indicator_id, ${FOLD_UNITS} as value, sum(k.reports)::int as reports
  from keyed k join indicators i on i.id = k.indicator_id
 group by k.node, k.year, k.indicator_id, i.agg_units`;

/**
 * The national total of one indicator for one year: every approved monthly value of every
 * agreement, folded over time per unit, de-duplicated by location within each agreement (two
 * parties of one agreement counting one commune), then combined over all of them by the
 * indicator's aggUnits (sum: the agreements' totals added). $1 = indicator id, $2 = year.
 */
export const NAIVE_NATIONAL_TOTAL = `
with unit_year as (
  select r.agreement_id, r.unit_id, v.location, ${FOLD_TIME} as value
    from reports r
    join report_values v on v.report_id = r.id
    join indicators i on i.id = v.indicator_id
   where v.indicator_id = $1 and r.year = $2 and r.status = 'approved' and v.category = ''
   group by r.agreement_id, r.unit_id, v.location, i.agg_time
), keyed as (
  select y.agreement_id,
         case when i.dedup_by_location and y.location <> '' then 'l:' || ${locationKey('y.location')}
              else 'u:' || y.unit_id || ':' || y.location end as k,
         max(y.value) as value
    from unit_year y join indicators i on i.id = $1
   group by y.agreement_id, 2
)
select ${FOLD_UNITS} as value, count(distinct k.agreement_id)::int as agreements
  from keyed k join indicators i on i.id = $1
 group by i.agg_units`;

export interface Timed {
  runs: number;
  ms: number[];
  p50: number;
  p95: number;
}

/** Runs `fn` `runs` times one after the other (after one unmeasured run) and times each. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<Timed> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const sorted = Float64Array.from(ms).sort();
  return { runs, ms, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { FoldedRow } from './compute.ts';
import { textRows } from './data.ts';

// Exchange counts as results (README "Số liệu tự động từ trao đổi thông tin"): an indicator
// with indicators.exchange_source, linked to agreement A, gets for each unit the number of
// bulletins under A or under an agreement of program A —
//   bulletins_sent     bulletins the unit sent, replies excluded,
//   tip_offs_sent      tip-offs (kind 'tip_off') the unit sent,
//   requests_answered  coordination requests the unit answered (answered_by_unit_id),
// in the period of the day the information was received (occurred_on; for an answer, the
// Vietnam date of answered_at). The count is added to the figures typed in approved reports
// (information received outside the system), as a total (category '', no location) at the
// unit's current path, never sample data.

/** Counts of one unit and indicator in one calendar month. */
export interface MonthCount {
  unitId: number;
  /** units.path now. */
  path: string;
  indicatorId: number;
  /** First day of the month (ISO). */
  month: string;
  count: number;
  /** The latest day counted (ISO). */
  last: string;
}

interface Window {
  start: string;
  end: string;
}

/**
 * The exchange counts of an agreement's linked exchange indicators, per unit, indicator and
 * month, for the days inside any of the windows — one query returning a few rows (grouped by
 * month). Options narrow to one unit or one indicator.
 */
export async function exchangeMonthCounts(
  db: Queryable,
  agreementId: number,
  windows: Window[],
  opts: { unitId?: number; indicatorId?: number } = {},
): Promise<MonthCount[]> {
  if (windows.length === 0) return [];
  const inWindows = sql.join(
    windows.map((w) => sql`(e.day between ${w.start}::date and ${w.end}::date)`),
    sql` or `,
  );
  const days = windows.flatMap((w) => [w.start, w.end]).sort();
  const from = days[0]!;
  const to = days.at(-1)!;
  const underAgreement = sql`(b.agreement_id = ${agreementId}
    or b.agreement_id in (select a.id from agreements a where a.program_id = ${agreementId}))`;
  const rows = await textRows(
    db,
    [sql`g.unit_id`, sql`g.path`, sql`g.indicator_id`, sql`g.month`, sql`g.n`, sql`g.last`],
    sql`(select e.unit_id, u.path, ind.id as indicator_id, date_trunc('month', e.day)::date as month,
        count(*) as n, max(e.day) as last
      from (
        select 'sent' as src, b.sender_unit_id as unit_id, b.occurred_on as day, b.kind
          from bulletins b
          where ${underAgreement} and b.kind <> 'reply'
            and b.occurred_on between ${from}::date and ${to}::date
            ${opts.unitId ? sql`and b.sender_unit_id = ${opts.unitId}` : sql``}
        union all
        select 'answered', b.answered_by_unit_id, (b.answered_at at time zone 'Asia/Ho_Chi_Minh')::date, b.kind
          from bulletins b
          where ${underAgreement} and b.kind = 'coordination_request' and b.answered_by_unit_id is not null
            and b.answered_at >= (${from}::date - 1)::timestamp and b.answered_at < (${to}::date + 2)::timestamp
            ${opts.unitId ? sql`and b.answered_by_unit_id = ${opts.unitId}` : sql``}
      ) e
      join (
        select i.id, i.exchange_source from indicators i
          where i.exchange_source is not null
            and i.id in (select l.indicator_id from indicator_links l where l.agreement_id = ${agreementId})
            ${opts.indicatorId ? sql`and i.id = ${opts.indicatorId}` : sql``}
      ) ind on (ind.exchange_source = 'bulletins_sent' and e.src = 'sent')
        or (ind.exchange_source = 'tip_offs_sent' and e.src = 'sent' and e.kind = 'tip_off')
        or (ind.exchange_source = 'requests_answered' and e.src = 'answered')
      join units u on u.id = e.unit_id
      where ${inWindows}
      group by e.unit_id, u.path, ind.id, date_trunc('month', e.day)) g`,
  );
  return rows.map((r) => ({
    unitId: Number(r[0]),
    path: r[1]!,
    indicatorId: Number(r[2]),
    month: r[3]!,
    count: Number(r[4]),
    last: r[5]!,
  }));
}

/** The counts of the months inside a window, per unit and indicator, as folded totals. */
export function countsInWindow(counts: MonthCount[], window: Window): FoldedRow[] {
  const out = new Map<string, FoldedRow>();
  for (const c of counts) {
    if (c.month.slice(0, 7) < window.start.slice(0, 7) || c.month > window.end) continue;
    const key = `${c.unitId}|${c.indicatorId}`;
    const row = out.get(key);
    if (row) {
      row.value += c.count;
      if (c.last > row.asOf) row.asOf = c.last;
    } else {
      out.set(key, {
        unitId: c.unitId,
        indicatorId: c.indicatorId,
        path: c.path,
        category: '',
        location: '',
        value: c.count,
        reports: 0,
        sample: false,
        asOf: c.last,
      });
    }
  }
  return [...out.values()];
}

/**
 * Adds counts to folded values (after folding over time, so the rule "the longest period
 * wins" never drops them): to the unit's total (category '', no location) at the same path,
 * or as a row of its own. Returns the list (the folded rows are changed in place).
 */
export function addCounts<T extends FoldedRow>(folded: T[], counts: FoldedRow[]): Array<T | FoldedRow> {
  if (counts.length === 0) return folded;
  const totals = new Map<string, FoldedRow>();
  for (const f of folded) {
    if (f.category === '' && f.location === '') totals.set(`${f.unitId}|${f.indicatorId}|${f.path}`, f);
  }
  const out: Array<T | FoldedRow> = folded;
  for (const c of counts) {
    const f = totals.get(`${c.unitId}|${c.indicatorId}|${c.path}`);
    if (f) {
      f.value += c.value;
      if (c.asOf > f.asOf) f.asOf = c.asOf;
    } else out.push({ ...c });
  }
  return out;
}

import { and, eq, inArray } from 'drizzle-orm';
import type { FormIndicator, ReportOut } from '../../../contracts/reports.ts';
import type { Queryable } from '../../db/client.ts';
import { indicatorLinks } from '../../db/schema/index.ts';
import { countsInWindow, exchangeMonthCounts } from '../rollup/exchange.ts';

/**
 * What the system adds to the figures typed in a report (README "Số liệu tự động từ trao đổi
 * thông tin"), so the person filling it types only what was learnt outside the system: for
 * each exchange indicator of the form linked to the report's agreement, the count of the
 * report's unit over its period [start, end] — 0 when nothing was counted. Indicators the
 * system does not count (typed ones, or exchange ones not linked to the agreement) get no entry.
 */
export async function reportExchangeCounts(
  db: Queryable,
  report: { agreementId: number; unitId: number; periodStart: string; periodEnd: string },
  indicators: FormIndicator[],
): Promise<ReportOut['exchangeCounts']> {
  const auto = indicators.filter((i) => i.exchangeSource !== null).map((i) => i.indicatorId);
  if (auto.length === 0) return [];
  const linked = await db
    .select({ indicatorId: indicatorLinks.indicatorId })
    .from(indicatorLinks)
    .where(
      and(eq(indicatorLinks.agreementId, report.agreementId), inArray(indicatorLinks.indicatorId, auto)),
    );
  if (linked.length === 0) return [];
  const window = { start: report.periodStart, end: report.periodEnd };
  // One query for all the report's indicators: the unit's counts in the period, by month.
  const months = await exchangeMonthCounts(db, report.agreementId, [window], { unitId: report.unitId });
  const counted = new Map(countsInWindow(months, window).map((c) => [c.indicatorId, c.value]));
  const on = new Set(linked.map((l) => l.indicatorId));
  return auto
    .filter((id) => on.has(id))
    .map((indicatorId) => ({ indicatorId, value: counted.get(indicatorId) ?? 0 }));
}

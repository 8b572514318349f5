import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../../db/client.ts';
import { refreshUnitYear } from '../rollup/store.ts';

/**
 * Exchange counts as results: recomputes the yearly roll-up rows (report_value_years) of one
 * unit for the year of `occurredOn`, under the bulletin's agreement and under its program —
 * only those of them that have an exchange-counted indicator linked (one query otherwise).
 * The counting itself: rollup/exchange.ts. Called in the transaction of the send/reply.
 */
export async function refreshExchangeCounts(
  tx: Queryable,
  agreementId: number | null,
  unitId: number,
  occurredOn: string,
): Promise<void> {
  if (agreementId === null) return;
  const result = await tx.execute(sql`
    select distinct l.agreement_id as id
      from indicator_links l
      join indicators i on i.id = l.indicator_id
      where i.exchange_source is not null
        and (l.agreement_id = ${agreementId}
          or l.agreement_id = (select a.program_id from agreements a where a.id = ${agreementId}))
      order by 1`);
  const rows = rowsOf<{ id: number }>(result);
  const year = Number(occurredOn.slice(0, 4));
  for (const r of rows) await refreshUnitYear(tx, Number(r.id), unitId, year);
}

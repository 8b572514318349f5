import type { Queryable } from '../../db/client.ts';

/**
 * Exchange counts as results: recomputes the yearly roll-up rows of the indicators counted
 * from the exchange (indicators.exchange_source) for one unit and the year of `occurredOn`,
 * under the bulletin's agreement and its program. Called in the transaction of the send/reply.
 * TODO(issue 6, counts): implement.
 */
export async function refreshExchangeCounts(
  _tx: Queryable,
  _agreementId: number | null,
  _unitId: number,
  _occurredOn: string,
): Promise<void> {}

import type { Queryable } from '../../db/client.ts';

/**
 * Recomputes the report_value_years rows of the report's agreement, unit and year from its
 * approved reports. Called inside the transaction of every final approval and reopening.
 */
export async function refreshValueYears(_tx: Queryable, _reportId: number): Promise<void> {
  // Filled in by the roll-up module.
}

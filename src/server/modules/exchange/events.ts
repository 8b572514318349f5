import type { Queryable } from '../../db/client.ts';
import type { bulletins } from '../../db/schema/index.ts';

type Row = typeof bulletins.$inferSelect;
interface UnitRef {
  id: number;
  name: string;
  shortName: string | null;
  path: string;
}

/**
 * After a bulletin (or a reply) is written, in the same transaction: notifications for the
 * recipient units' officers and a live event. TODO(issue 6, notifications): implement.
 */
export async function bulletinSent(_tx: Queryable, _row: Row, _sender: UnitRef, _recipients: UnitRef[]) {}

/** After recipient units acknowledged: notification to the sender, live event. TODO. */
export async function bulletinAcknowledged(_tx: Queryable, _row: Row, _unitIds: number[]) {}

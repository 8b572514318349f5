import type { Queryable } from '../../db/client.ts';

/** Events the live stream (GET /api/live) carries; small, so they fit a NOTIFY payload. */
export type LiveEvent =
  | { type: 'notification'; userId: number; id: number }
  | {
      type: 'bulletin';
      id: number;
      action: 'sent' | 'acknowledged' | 'replied';
      /** Paths of the sender and recipient units: who may see it (bulletin policy). */
      unitPaths: string[];
    };

export const LIVE_CHANNEL = 'phoihop_live';

/**
 * Publishes an event to every app instance, inside the writer's transaction: NOTIFY is
 * delivered when (and only if) the transaction commits. TODO(issue 6, live): implement.
 */
export async function publishLive(_tx: Queryable, _event: LiveEvent): Promise<void> {}

import { sql } from 'drizzle-orm';
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

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7900;

/**
 * Publishes an event to every app instance, inside the writer's transaction: NOTIFY is
 * delivered when (and only if) the transaction commits, so a rolled-back write announces
 * nothing and a listener that reads after the event sees the committed rows. Call it with
 * the transaction (`tx`), not the database, or the event goes out before the commit.
 */
export async function publishLive(tx: Queryable, event: LiveEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${encodeLiveEvent(event)})`);
}

/**
 * Several events in one statement (one round trip instead of one per event): for a writer
 * that notifies many users at once. Same delivery rules as publishLive, same order.
 */
export async function publishLiveMany(tx: Queryable, events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (events.length === 1) return publishLive(tx, events[0]!);
  const payloads = events.map(encodeLiveEvent);
  await tx.execute(
    sql`select pg_notify(${LIVE_CHANNEL}, p) from unnest(${sql.param(payloads)}::text[]) as p`,
  );
}

/**
 * The NOTIFY payload. A bulletin to so many units that their paths do not fit goes without
 * them (`unitPaths: null`): each instance then looks the units up once (see hub.ts).
 */
export function encodeLiveEvent(event: LiveEvent): string {
  const text = JSON.stringify(event);
  if (Buffer.byteLength(text) <= MAX_PAYLOAD_BYTES || event.type !== 'bulletin') return text;
  return JSON.stringify({ ...event, unitPaths: null });
}

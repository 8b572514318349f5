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
 * Several events at once (a writer that notifies many users): packed into as few NOTIFY
 * payloads as fit under the limit (`{"batch":[…]}`), sent in one statement. Same delivery
 * rules as publishLive, same order; 200 notifications cost one round trip and a few NOTIFYs
 * instead of 200 of each.
 */
export async function publishLiveMany(tx: Queryable, events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (events.length === 1) return publishLive(tx, events[0]!);
  const payloads = packLiveEvents(events);
  await tx.execute(
    sql`select pg_notify(${LIVE_CHANNEL}, p) from unnest(${sql.param(payloads)}::text[]) as p`,
  );
}

/** Events → NOTIFY payloads: single events, or batches of them that fit the limit. */
export function packLiveEvents(events: LiveEvent[]): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length === 1) out.push(batch[0]!);
    else if (batch.length > 1) out.push(`{"batch":[${batch.join(',')}]}`);
    batch = [];
    bytes = 0;
  };
  for (const event of events) {
    const text = encodeLiveEvent(event);
    const size = Buffer.byteLength(text) + 1;
    if (bytes + size + 12 > MAX_PAYLOAD_BYTES) flush();
    batch.push(text);
    bytes += size;
  }
  flush();
  return out;
}

/** A NOTIFY payload → its events (one, or a batch). Throws on text that is not JSON. */
export function decodeLivePayload(payload: string): LiveEvent[] {
  const parsed = JSON.parse(payload) as LiveEvent | { batch: LiveEvent[] };
  return 'batch' in parsed ? parsed.batch : [parsed];
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

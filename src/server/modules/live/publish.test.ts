import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../db/client.ts';
import {
  decodeLivePayload,
  encodeLiveEvent,
  LIVE_CHANNEL,
  type LiveEvent,
  MAX_PAYLOAD_BYTES,
  packLiveEvents,
  publishLive,
  publishLiveMany,
} from './publish.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Collects payloads on the live channel; `next()` waits for the next one. */
async function collect() {
  const got: LiveEvent[] = [];
  const payloads: string[] = [];
  const waiters: Array<() => void> = [];
  const unlisten = await database.listen(LIVE_CHANNEL, (payload) => {
    payloads.push(payload);
    got.push(...decodeLivePayload(payload));
    for (const w of waiters.splice(0)) w();
  });
  const next = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${count} events`)), 5_000);
      const check = () => {
        if (got.length >= count) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { got, payloads, next, unlisten };
}

describe('publishLive and Database.listen', () => {
  it('delivers an event when the transaction commits, never for a rolled-back one', async () => {
    const sub = await collect();
    const committed: LiveEvent = { type: 'notification', userId: 7, id: 1 };
    const rolledBack: LiveEvent = { type: 'notification', userId: 7, id: 2 };
    const after: LiveEvent = { type: 'bulletin', id: 3, action: 'sent', unitPaths: ['/1/2/', '/1/5/'] };

    let seenInside = -1;
    await database.db.transaction(async (tx) => {
      await publishLive(tx, committed);
      // Still inside the transaction: nothing is delivered before the commit.
      await tx.execute(sql`select 1`);
      seenInside = sub.got.length;
    });
    await expect(
      database.db.transaction(async (tx) => {
        await publishLive(tx, rolledBack);
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    await database.db.transaction(async (tx) => publishLive(tx, after));
    await sub.next(2);

    expect(seenInside).toBe(0);
    // The event after the rolled-back one arrived, the rolled-back one never did.
    expect(sub.got).toEqual([committed, after]);
    await sub.unlisten();
  });

  it('publishLiveMany: many events in one statement, in order, at commit only', async () => {
    const sub = await collect();
    const events: LiveEvent[] = Array.from({ length: 50 }, (_, i) => ({
      type: 'notification',
      userId: 100 + i,
      id: 1000 + i,
    }));
    await expect(
      database.db.transaction(async (tx) => {
        await publishLiveMany(tx, [{ type: 'notification', userId: 1, id: 999 }, ...events]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await database.db.transaction((tx) => publishLiveMany(tx, events));
    await sub.next(50);
    expect(sub.got).toEqual(events);
    // Packed: 50 small events fit one NOTIFY payload.
    expect(sub.payloads).toHaveLength(1);
    await sub.unlisten();
  });

  it('unsubscribing stops delivery to that subscriber only', async () => {
    const a = await collect();
    const b = await collect();
    await publishLive(database.db, { type: 'notification', userId: 1, id: 10 });
    await Promise.all([a.next(1), b.next(1)]);
    await a.unlisten();
    await publishLive(database.db, { type: 'notification', userId: 1, id: 11 });
    await b.next(2);
    expect(b.got.map((e) => e.id)).toEqual([10, 11]);
    expect(a.got.map((e) => e.id)).toEqual([10]);
    await b.unlisten();
  });

  it('packs many events into batches that each stay under the NOTIFY limit, order kept', () => {
    const events: LiveEvent[] = Array.from({ length: 1000 }, (_, i) =>
      i % 10 === 0
        ? { type: 'bulletin', id: i, action: 'sent', unitPaths: ['/1/20/300/', '/4/50/'] }
        : { type: 'notification', userId: 10_000 + i, id: 1_000_000 + i },
    );
    const payloads = packLiveEvents(events);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(20);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(payloads.flatMap(decodeLivePayload)).toEqual(events);
  });

  it('keeps payloads under the NOTIFY limit: a bulletin to very many units goes without paths', () => {
    const paths = Array.from({ length: 1000 }, (_, i) => `/1/${100 + i}/${2000 + i}/`);
    const big = encodeLiveEvent({ type: 'bulletin', id: 5, action: 'sent', unitPaths: paths });
    expect(Buffer.byteLength(big)).toBeLessThan(MAX_PAYLOAD_BYTES);
    expect(JSON.parse(big)).toEqual({ type: 'bulletin', id: 5, action: 'sent', unitPaths: null });
    const small = encodeLiveEvent({ type: 'bulletin', id: 6, action: 'sent', unitPaths: paths.slice(0, 3) });
    expect(JSON.parse(small).unitPaths).toEqual(paths.slice(0, 3));
  });
});

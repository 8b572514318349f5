import { and, eq, gt, inArray, or } from 'drizzle-orm';
import type { Database, Unlisten } from '../../db/client.ts';
import { bulletinRecipients, bulletins, sessions, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { canActFor } from '../exchange/policy.ts';
import { decodeLivePayload, LIVE_CHANNEL, type LiveEvent } from './publish.ts';

/** Where a stream's bytes go (an HTTP response in routes.ts; anything in tests). */
export interface LiveSink {
  write(chunk: string): void;
  end(): void;
  /** Bytes written but not yet taken by the client: a stuck client is dropped. */
  backlog?(): number;
}

export interface LiveHubOptions {
  /** Comment line sent to every stream so proxies and browsers keep it open (25 s). */
  heartbeatMs?: number;
  /** A client that has not taken this many bytes is dropped (it reconnects and catches up). */
  maxBacklogBytes?: number;
  log?: { warn(obj: object, msg: string): void };
}

interface Connection {
  actor: Actor;
  sink: LiveSink;
}

type Received = Omit<Extract<LiveEvent, { type: 'bulletin' }>, 'unitPaths'> & { unitPaths: string[] | null };

/**
 * One per app instance: a single LISTEN on the live channel, fanned out to the instance's
 * open streams. A notification goes to its user's streams only; a bulletin to the streams
 * whose user may see it — acting for the sender or a recipient unit (officer of that unit,
 * leader of it or above), the same rule as exchange/policy.ts, checked in memory from the
 * event's unit paths and the grants read when the stream opened.
 */
export class LiveHub {
  private readonly byUser = new Map<number, Set<Connection>>();
  private unlisten: Unlisten | null = null;
  private starting: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly database: Database;
  private readonly heartbeatMs: number;
  private readonly maxBacklog: number;
  private readonly log: LiveHubOptions['log'];

  constructor(database: Database, options: LiveHubOptions = {}) {
    this.database = database;
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    this.maxBacklog = options.maxBacklogBytes ?? 1_048_576;
    this.log = options.log;
  }

  /** Number of open streams (for tests and the bench). */
  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** LISTENs once, on the first stream; resolves when events will reach it. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('live hub closed'));
    this.starting ??= (async () => {
      this.unlisten = await this.database.listen(LIVE_CHANNEL, (payload) => this.dispatch(payload), {
        // Events committed while the LISTEN connection was down are gone: tell the browsers
        // to refetch what they show.
        onReconnect: () => this.broadcast('resync', {}),
      });
      if (this.closed) return;
      this.heartbeat = setInterval(() => void this.tick(), this.heartbeatMs);
      this.heartbeat.unref();
    })().catch((err) => {
      this.starting = null;
      throw err;
    });
    return this.starting;
  }

  /** Adds a stream (after `start()` resolved); the returned function removes it (client gone). */
  add(actor: Actor, sink: LiveSink): () => void {
    if (this.closed) {
      sink.end();
      return () => {};
    }
    const conn: Connection = { actor, sink };
    let set = this.byUser.get(actor.userId);
    if (!set) {
      set = new Set();
      this.byUser.set(actor.userId, set);
    }
    set.add(conn);
    return () => this.remove(conn);
  }

  private remove(conn: Connection) {
    const set = this.byUser.get(conn.actor.userId);
    if (!set?.delete(conn)) return;
    if (set.size === 0) this.byUser.delete(conn.actor.userId);
  }

  private drop(conn: Connection) {
    this.remove(conn);
    try {
      conn.sink.end();
    } catch {
      // Already gone.
    }
  }

  private send(conn: Connection, chunk: string) {
    if ((conn.sink.backlog?.() ?? 0) > this.maxBacklog) {
      this.log?.warn({ userId: conn.actor.userId }, 'live stream dropped: client not reading');
      this.drop(conn);
      return;
    }
    try {
      conn.sink.write(chunk);
    } catch {
      this.drop(conn);
    }
  }

  private dispatch(payload: string) {
    let events: Array<LiveEvent | Received>;
    try {
      events = decodeLivePayload(payload);
    } catch {
      this.log?.warn({ payload: payload.slice(0, 200) }, 'live event not JSON');
      return;
    }
    for (const event of events) this.dispatchOne(event);
  }

  private dispatchOne(event: LiveEvent | Received) {
    if (event.type === 'notification') {
      const set = this.byUser.get(event.userId);
      if (!set) return;
      const chunk = frame('notification', { ...event, sentAt: new Date().toISOString() });
      for (const conn of [...set]) this.send(conn, chunk);
      return;
    }
    if (event.type === 'bulletin') {
      if (Array.isArray(event.unitPaths)) this.fanOutBulletin(event as LiveEvent & { type: 'bulletin' });
      else void this.resolvePaths(event);
    }
  }

  private fanOutBulletin(event: Extract<LiveEvent, { type: 'bulletin' }>) {
    if (this.byUser.size === 0) return;
    const chunk = frame('bulletin', { ...event, sentAt: new Date().toISOString() });
    for (const set of [...this.byUser.values()]) {
      // Every stream of a user has the same grants: decide once per user.
      const first = set.values().next().value;
      if (!first || !event.unitPaths.some((path) => canActFor(first.actor, path))) continue;
      for (const conn of [...set]) this.send(conn, chunk);
    }
  }

  /** A bulletin announced without its units (too many for NOTIFY): read them once here. */
  private async resolvePaths(event: Received) {
    if (this.byUser.size === 0) return;
    try {
      const rows = await this.database.db
        .selectDistinct({ path: units.path })
        .from(bulletins)
        .leftJoin(bulletinRecipients, eq(bulletinRecipients.bulletinId, bulletins.id))
        .innerJoin(units, or(eq(units.id, bulletins.senderUnitId), eq(units.id, bulletinRecipients.unitId)))
        .where(eq(bulletins.id, event.id));
      this.fanOutBulletin({ ...event, unitPaths: rows.map((r) => r.path) });
    } catch (err) {
      this.log?.warn({ err, bulletinId: event.id }, 'live event: bulletin units not read');
    }
  }

  private broadcast(event: string, data: object) {
    const chunk = frame(event, { ...data, sentAt: new Date().toISOString() });
    for (const set of [...this.byUser.values()]) for (const conn of [...set]) this.send(conn, chunk);
  }

  /**
   * Every heartbeat: a comment line to every stream, and streams whose session ended (signed
   * out, expired, revoked) are closed — the browser's reconnect then gets 401 and stops.
   * One query for all the instance's streams; it reads the session without extending it, so
   * an open tab does not keep an idle session alive.
   */
  async tick(): Promise<void> {
    const all = [...this.byUser.values()].flatMap((set) => [...set]);
    for (const conn of all) this.send(conn, ': ping\n\n');
    const ids = [...new Set(all.flatMap((c) => (c.actor.sessionId ? [c.actor.sessionId] : [])))];
    if (!ids.length) return;
    try {
      const alive = await this.database.db
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(inArray(sessions.id, ids), gt(sessions.expiresAt, new Date())));
      const keep = new Set(alive.map((r) => r.id));
      for (const conn of all) if (conn.actor.sessionId && !keep.has(conn.actor.sessionId)) this.drop(conn);
    } catch (err) {
      this.log?.warn({ err }, 'live streams: session check failed');
    }
  }

  /** Ends every stream and the LISTEN (app shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const set of [...this.byUser.values()]) for (const conn of [...set]) this.drop(conn);
    await this.starting?.catch(() => {});
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.().catch(() => {});
  }
}

/** One Server-Sent Events message. */
export function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

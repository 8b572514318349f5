import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type every service uses, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database or an open transaction: services accept either. */
export type Queryable = Db | Tx;

export type DbKind = 'pglite' | 'postgres';

/** Rows of a raw `db.execute(sql…)`: node-postgres returns { rows }, PGlite an array or { rows }. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as T[];
}

export interface Database {
  db: Db;
  kind: DbKind;
  /** Runs raw SQL text (used by backup/restore and test setup). */
  exec(sql: string): Promise<void>;
  /**
   * LISTEN on a channel: `onPayload` gets every NOTIFY payload committed on it, by any
   * connection (other app instances included). PostgreSQL: one dedicated connection (not from
   * the pool) for all channels, reconnected with back-off when it drops — notifications sent
   * while it was down are lost, so `onReconnect` tells the caller to resynchronise. PGlite:
   * the embedded engine's own LISTEN. Resolves once listening; returns the unsubscribe.
   */
  listen(channel: string, onPayload: (payload: string) => void, options?: ListenOptions): Promise<Unlisten>;
  /** Ends the pool (or PGlite) and the LISTEN connection. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Called after the LISTEN connection was lost and is back (events in between are lost). */
  onReconnect?: () => void;
}
export type Unlisten = () => Promise<void>;

export interface DatabaseOptions {
  /** postgres://… ; unset → embedded PGlite */
  url?: string | undefined;
  /** PGlite data folder; 'memory://' for an in-memory database (tests). */
  dataDir?: string;
  poolSize?: number;
  /** PGlite only: start from this data-directory image (tests load a migrated template). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    // Every session reads and writes timestamps in UTC; dates are plain calendar dates.
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: '-c TimeZone=UTC',
    });
    // An idle connection the server drops (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', () => {});
    await pool.query('select 1');
    const listener = new PgListener(options.url);
    return {
      db: drizzlePg({ client: pool, schema }) as unknown as Db,
      kind: 'postgres',
      exec: async (sql) => {
        await pool.query(sql);
      },
      listen: (channel, onPayload, opts) => listener.listen(channel, onPayload, opts),
      close: async () => {
        await listener.close();
        await pool.end();
      },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir,
    extensions: { pg_trgm, unaccent },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await client.exec("SET TIME ZONE 'UTC'");
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    kind: 'pglite',
    exec: async (sql) => {
      await client.exec(sql);
    },
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    close: () => client.close(),
  };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The PostgreSQL side of Database.listen: one connection outside the pool (a pooled one
 * would lose its LISTEN when returned), shared by every channel and subscriber, re-opened
 * with exponential back-off (0.25 s … 30 s) and re-LISTENed when the server drops it.
 */
class PgListener {
  private readonly subscribers = new Map<string, Set<{ onPayload: (p: string) => void } & ListenOptions>>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private everConnected = false;
  private closed = false;
  private readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async listen(channel: string, onPayload: (payload: string) => void, options: ListenOptions = {}) {
    if (this.closed) throw new Error('database closed');
    const sub = { onPayload, ...options };
    let set = this.subscribers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.subscribers.set(channel, set);
    }
    set.add(sub);
    try {
      const client = await this.ensure();
      // A connection opened by ensure() already listens to every channel; LISTEN twice is a no-op.
      if (first) await client.query(`listen ${quoteIdent(channel)}`);
    } catch (err) {
      if (!this.everConnected) {
        this.remove(channel, sub);
        throw err;
      }
      // Down for now: the channel is LISTENed when the connection comes back.
      this.scheduleReconnect();
    }
    return async () => {
      if (!this.remove(channel, sub)) return;
      await this.client?.query(`unlisten ${quoteIdent(channel)}`).catch(() => {});
    };
  }

  /** Removes a subscriber; true when it was the channel's last one. */
  private remove(channel: string, sub: object): boolean {
    const set = this.subscribers.get(channel);
    if (!set?.delete(sub as never) || set.size > 0) return false;
    this.subscribers.delete(channel);
    return true;
  }

  private ensure(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      application_name: 'phoihop_listen',
    });
    let ended = false;
    // 'error' is always followed by 'end', where the reconnection is decided.
    client.on('error', () => {});
    client.on('end', () => {
      ended = true;
      if (this.client !== client) return;
      this.client = null;
      this.scheduleReconnect();
    });
    client.on('notification', (msg) => {
      for (const sub of this.subscribers.get(msg.channel) ?? []) {
        try {
          sub.onPayload(msg.payload ?? '');
        } catch {
          // A subscriber's failure must not stop the others.
        }
      }
    });
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await client.query(`listen ${quoteIdent(channel)}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed || ended) {
      await client.end().catch(() => {});
      throw new Error(this.closed ? 'database closed' : 'LISTEN connection lost');
    }
    const reconnected = this.everConnected;
    this.client = client;
    this.attempt = 0;
    this.everConnected = true;
    if (reconnected) for (const set of this.subscribers.values()) for (const sub of set) sub.onReconnect?.();
    return client;
  }

  private scheduleReconnect() {
    if (this.closed || this.retryTimer || this.connecting) return;
    const delay = Math.min(30_000, 250 * 2 ** this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ensure().catch(() => this.scheduleReconnect());
    }, delay);
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    this.subscribers.clear();
    await client?.end().catch(() => {});
  }
}

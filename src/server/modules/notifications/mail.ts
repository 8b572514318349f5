import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { type Db, type Queryable, rowsOf } from '../../db/client.ts';
import { todayInVietnam, viDateTime } from '../../lib/time.ts';
import { absoluteLink, mailFooter, mailSubject } from './service.ts';
import { mailSettings } from './settings.ts';

// E-mail delivery from the outbox (rows written by notify() and sendDigests() in the
// transaction of their event), and the daily digest. Called by the scheduler every tick.

/** Rows claimed per call: small, because the claim's transaction lasts while they are sent. */
export const OUTBOX_BATCH = 20;
/** After this many failed attempts a row is given up ('failed'). */
export const MAX_ATTEMPTS = 8;
/** Wait before attempt n+1 after the n-th failure, in minutes (the last value repeats). */
export const BACKOFF_MINUTES = [1, 5, 15, 60, 120, 240, 480] as const;

export function retryDelayMs(attempts: number): number {
  const i = Math.min(Math.max(attempts, 1), BACKOFF_MINUTES.length) - 1;
  return BACKOFF_MINUTES[i]! * 60_000;
}

// One transport per SMTP URL, created on first use. Not pooled: each message opens its own
// connection, so a server that went down and came back needs no reconnect logic. Short
// timeouts: a dead server fails the attempt in seconds (the claim's transaction is open).
let cached: { url: string; from: string; transport: Transporter } | null = null;

function transport(): Transporter | null {
  const { smtpUrl, from } = mailSettings();
  if (!smtpUrl) return null;
  if (cached?.url !== smtpUrl || cached.from !== from) {
    cached?.transport.close();
    cached = {
      url: smtpUrl,
      from,
      transport: nodemailer.createTransport(
        { url: smtpUrl, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 20_000 },
        { from },
      ),
    };
  }
  return cached.transport;
}

/** Closes the cached SMTP transport (tests, shutdown). */
export function closeMailTransport() {
  cached?.transport.close();
  cached = null;
}

/** Errors that say the server is unreachable: the rest of the batch waits for the next tick. */
function serverDown(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'EGREETING'].includes(code);
}

function errorText(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const parts = [e.code, e.responseCode, e.message ?? String(err)].filter((p) => p !== undefined);
  return parts.join(' ').slice(0, 1000);
}

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

interface OutboxRow {
  id: number;
  to_address: string;
  subject: string;
  text_body: string;
  attempts: number;
}

/** A claim on the embedded database: the rows are not due again for this long. */
export const PGLITE_LEASE_MS = 10 * 60_000;

const isEmbedded = (db: Db) => (db as unknown as { $client?: unknown }).$client instanceof PGlite;

/**
 * Sends the due pending e-mails, at most OUTBOX_BATCH per call.
 *
 * PostgreSQL (several instances may share it): the rows are claimed with FOR UPDATE SKIP
 * LOCKED and marked sent (or failed, with back-off) in the same transaction, which holds the
 * row locks while the messages are sent; another instance skips locked rows, and after the
 * commit they are no longer due. Two instances never send the same row twice.
 *
 * PGlite (embedded, one process only): a transaction there blocks every other query of the
 * app, so it must not last while the SMTP server answers. The claim is a short transaction that
 * moves the rows' next_attempt_at PGLITE_LEASE_MS ahead (a concurrent call in the process does
 * not see them as due); they are sent outside it and each marked on its own.
 *
 * The at-least-once window (both engines): if the process dies after the SMTP server accepted a
 * message and before it is marked sent, the row is still pending and is sent again later — a
 * duplicate e-mail, never a lost one.
 *
 * A refusal (4xx/5xx) and an unreachable server count alike as one failed attempt; after the
 * first "server unreachable" error the rest of the batch gets the same failed attempt untried.
 */
export async function deliverOutbox(db: Db, now: Date = new Date()): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  const mailer = transport();
  if (!mailer) return result;
  const at = now.toISOString();

  const sendAll = async (q: Queryable, rows: OutboxRow[]) => {
    const fail = async (row: OutboxRow, error: string) => {
      const attempts = Number(row.attempts) + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      const next = new Date(now.getTime() + retryDelayMs(attempts));
      await q.execute(sql`
        update email_outbox set attempts = ${attempts}, last_error = ${error},
          status = ${giveUp ? 'failed' : 'pending'}, next_attempt_at = ${next.toISOString()}::timestamptz
        where id = ${row.id}`);
      if (giveUp) result.failed++;
      else result.retried++;
    };
    let unreachable: string | null = null;
    for (const row of rows) {
      // Once the server proved unreachable, the rest of the batch counts the same failed
      // attempt without waiting for more connection timeouts.
      if (unreachable) {
        await fail(row, unreachable);
        continue;
      }
      try {
        await mailer.sendMail({ to: row.to_address, subject: row.subject, text: row.text_body });
        await q.execute(sql`
          update email_outbox set status = 'sent', sent_at = ${at}::timestamptz,
            attempts = attempts + 1, last_error = null
          where id = ${row.id}`);
        result.sent++;
      } catch (err) {
        await fail(row, errorText(err));
        if (serverDown(err)) unreachable = errorText(err);
      }
    }
  };

  if (isEmbedded(db)) {
    const lease = new Date(now.getTime() + PGLITE_LEASE_MS).toISOString();
    const claimed = await db.transaction(async (tx) =>
      rowsOf<OutboxRow>(
        await tx.execute(sql`
          update email_outbox set next_attempt_at = ${lease}::timestamptz
          where id in (select id from email_outbox
            where status = 'pending' and next_attempt_at <= ${at}::timestamptz
            order by next_attempt_at, id limit ${OUTBOX_BATCH} for update skip locked)
          returning id, to_address, subject, text_body, attempts`),
      ),
    );
    await sendAll(
      db,
      claimed.sort((a, b) => Number(a.id) - Number(b.id)),
    );
  } else {
    await db.transaction(async (tx) => {
      const rows = rowsOf<OutboxRow>(
        await tx.execute(sql`
          select id, to_address, subject, text_body, attempts from email_outbox
          where status = 'pending' and next_attempt_at <= ${at}::timestamptz
          order by next_attempt_at, id limit ${OUTBOX_BATCH}
          for update skip locked`),
      );
      await sendAll(tx, rows);
    });
  }
  return result;
}

/** Items listed in one digest; the rest are counted. */
const DIGEST_ITEMS = 100;

/** The Vietnamese hour (0–23) of an instant. */
function vietnamHour(now: Date): number {
  return (now.getUTCHours() + 7) % 24;
}

/**
 * The daily digest: for each user in 'daily' mode (with an address, account active), once per
 * Vietnamese day at or after `digestHour`, one e-mail listing the notifications created since
 * the last digest (the last 24 hours the first time). Nothing is sent when nothing is new. The
 * prefs rows are claimed with FOR UPDATE SKIP LOCKED and last_digest_at moves in the same
 * transaction that queues the e-mail (the outbox sends it): one digest per user and day, however
 * many instances run. Returns how many digests were queued.
 */
export async function sendDigests(db: Db, now: Date, digestHour: number): Promise<number> {
  if (!mailSettings().smtpUrl) return 0;
  if (vietnamHour(now) < digestHour) return 0;
  const today = todayInVietnam(now);
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const users = rowsOf<{ user_id: number; address: string; since: string | Date }>(
      await tx.execute(sql`
        select p.user_id, btrim(u.email) as address,
               coalesce(p.last_digest_at, ${at}::timestamptz - interval '24 hours') as since
        from notification_prefs p join users u on u.id = p.user_id
        where p.email = 'daily' and not u.disabled and nullif(btrim(u.email), '') is not null
          and (p.last_digest_at is null
               or (p.last_digest_at at time zone 'Asia/Ho_Chi_Minh')::date < ${today}::date)
        order by p.user_id
        limit 500
        for update of p skip locked`),
    );
    if (!users.length) return 0;
    const ids = users.map((u) => Number(u.user_id));
    const items = rowsOf<{ user_id: number; title: string; link: string | null; created_at: string | Date }>(
      await tx.execute(sql`
        select n.user_id, n.title, n.link, n.created_at
        from notifications n
        join notification_prefs p on p.user_id = n.user_id
        where n.user_id = any(${sql.param(ids)}::int[])
          and n.created_at > coalesce(p.last_digest_at, ${at}::timestamptz - interval '24 hours')
          and n.created_at <= ${at}::timestamptz
        order by n.user_id, n.created_at desc, n.id desc`),
    );
    const byUser = new Map<number, typeof items>();
    for (const it of items) {
      const uid = Number(it.user_id);
      byUser.set(uid, [...(byUser.get(uid) ?? []), it]);
    }
    const mails: Array<{ userId: number; to: string; subject: string; text: string }> = [];
    for (const u of users) {
      const list = byUser.get(Number(u.user_id)) ?? [];
      if (!list.length) continue;
      const lines = list.slice(0, DIGEST_ITEMS).flatMap((n, i) => {
        const link = absoluteLink(n.link);
        return [
          `${i + 1}. ${n.title}`,
          `   ${viDateTime(new Date(n.created_at))}${link ? ` — ${link}` : ''}`,
        ];
      });
      const more = list.length - DIGEST_ITEMS;
      mails.push({
        userId: Number(u.user_id),
        to: u.address,
        subject: mailSubject(
          `Tóm tắt thông báo ngày ${today.split('-').reverse().join('/')} (${list.length})`,
        ),
        text: [
          `Từ ${viDateTime(new Date(u.since))} đến nay bạn có ${list.length} thông báo mới:`,
          '',
          ...lines,
          ...(more > 0 ? ['', `… và ${more} thông báo khác.`] : []),
          '',
          `Xem tất cả thông báo: ${absoluteLink('/notifications')}`,
          '',
          mailFooter(),
        ].join('\n'),
      });
    }
    if (mails.length) {
      await tx.execute(sql`
        insert into email_outbox (user_id, to_address, subject, text_body, next_attempt_at)
        select * , ${at}::timestamptz from unnest(
          ${sql.param(mails.map((m) => m.userId))}::int[], ${sql.param(mails.map((m) => m.to))}::text[],
          ${sql.param(mails.map((m) => m.subject))}::text[], ${sql.param(mails.map((m) => m.text))}::text[])`);
    }
    // Every user checked today moves on, with or without news: tomorrow covers what comes next.
    await tx.execute(sql`
      update notification_prefs set last_digest_at = ${at}::timestamptz
      where user_id = any(${sql.param(ids)}::int[])`);
    return mails.length;
  });
}

/** Sent e-mails are kept this long (for "was it sent?" questions), then deleted. */
export const KEEP_SENT_DAYS = 30;

/** Deletes sent outbox rows older than KEEP_SENT_DAYS (failed ones stay for the administrator). */
export async function purgeSentMail(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - KEEP_SENT_DAYS * 86_400_000).toISOString();
  const deleted = rowsOf<{ id: number }>(
    await db.execute(sql`
      delete from email_outbox where id in (
        select id from email_outbox where status = 'sent' and sent_at < ${cutoff}::timestamptz limit 1000)
      returning id`),
  );
  return deleted.length;
}

/**
 * One scheduler tick of e-mail: queue the digests that are due, send what is due, forget old
 * sent rows. Nothing at all when SMTP is not configured.
 */
export async function runMailTick(db: Db, now: Date, digestHour: number) {
  if (!mailSettings().smtpUrl) return { digests: 0, sent: 0, retried: 0, failed: 0, purged: 0 };
  const digests = await sendDigests(db, now, digestHour);
  const delivery = await deliverOutbox(db, now);
  const purged = await purgeSentMail(db, now);
  return { digests, ...delivery, purged };
}

import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationOut,
  type notificationListQuery,
  type notificationPrefsInput,
  type notificationPrefsSchema,
} from '../../../contracts/notifications.ts';
import { type Db, type Queryable, rowsOf } from '../../db/client.ts';
import { notificationPrefs, notifications, users } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { recordAudit } from '../audit/service.ts';
import { publishLiveMany } from '../live/publish.ts';
import { mailSettings } from './settings.ts';

type NotificationPrefsOut = z.infer<typeof notificationPrefsSchema>;

export interface NewNotification {
  kind: NotificationKind;
  /** Vietnamese, short: the line in the centre and the e-mail subject. */
  title: string;
  body: string;
  /** Web app path, e.g. /bulletins/12. */
  link?: string | null;
  entityType?: string;
  entityId?: string | number;
  /** Same key for the same user → one notification (reminders raised twice). */
  dedupKey?: string;
}

/** Where users change how they are notified (web app path). */
export const PREFERENCES_PATH = '/notifications';

/** The absolute address of a web app path, for e-mails. */
export function absoluteLink(link: string | null | undefined): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return `${mailSettings().publicUrl}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** The footer of every e-mail: why it came and where to change that. */
export function mailFooter(): string {
  return [
    '—',
    'Thư này được gửi tự động từ hệ thống PhốiHợp, vui lòng không trả lời thư.',
    `Để đổi cách nhận thông báo (tắt e-mail, nhận từng thông báo hoặc tóm tắt hằng ngày, bỏ loại thông báo không cần), mở: ${absoluteLink(PREFERENCES_PATH)}`,
  ].join('\n');
}

export function mailSubject(title: string): string {
  return `[PhốiHợp] ${title}`.replace(/\s+/g, ' ').slice(0, 250);
}

/** Plain-text e-mail for one notification. */
export function immediateMailText(n: Pick<NewNotification, 'title' | 'body' | 'link'>): string {
  const link = absoluteLink(n.link);
  return [n.title, '', n.body, ...(link ? ['', `Xem chi tiết: ${link}`] : []), '', mailFooter()].join('\n');
}

/**
 * Notifies users inside the caller's transaction, in one statement for all of them: skips
 * disabled accounts and users who muted the kind, ignores a repeat of the same dedupKey (the
 * unique (user_id, dedup_key) index), queues an e-mail for users in 'immediate' mode with an
 * address when SMTP is configured ('daily' users get the digest instead), and publishes a live
 * event per notification (one statement; delivered when the transaction commits). Returns
 * the created ids.
 *
 * A temporarily locked account (too many failed logins, users.locked_until) is still notified:
 * the lock throttles sign-in, it does not retire the person.
 */
export async function notify(tx: Queryable, userIds: number[], n: NewNotification): Promise<number[]> {
  const ids = [...new Set(userIds)].filter((id) => Number.isInteger(id) && id > 0);
  if (!ids.length) return [];
  const mailOn = Boolean(mailSettings().smtpUrl);
  const entityId = n.entityId === undefined ? null : String(n.entityId);
  const queueMail: SQL = mailOn
    ? sql`, queued as (
        insert into email_outbox (user_id, to_address, subject, text_body)
        select c.user_id, c.address, ${mailSubject(n.title)}, ${immediateMailText(n)}
        from ins join cand c on c.user_id = ins.user_id
        where c.mode = 'immediate' and c.address is not null
        returning id)`
    : sql``;
  const result = await tx.execute(sql`
    with cand as (
      select u.id as user_id, nullif(btrim(u.email), '') as address,
             coalesce(p.email, 'immediate') as mode
      from users u left join notification_prefs p on p.user_id = u.id
      where u.id = any(${sql.param(ids)}::int[]) and not u.disabled
        and not coalesce(p.muted, '[]'::jsonb) @> jsonb_build_array(${n.kind}::text)
    ), ins as (
      insert into notifications (user_id, kind, title, body, link, entity_type, entity_id, dedup_key)
      select c.user_id, ${n.kind}, ${n.title}, ${n.body}, ${n.link ?? null}, ${n.entityType ?? null},
             ${entityId}, ${n.dedupKey ?? null}
      from cand c
      order by c.user_id -- the same order in every transaction: concurrent repeats wait, never deadlock
      on conflict (user_id, dedup_key) do nothing
      returning id, user_id
    )${queueMail}
    select id, user_id from ins order by id`);
  const created = rowsOf<{ id: number | string; user_id: number }>(result).map((r) => ({
    id: Number(r.id),
    userId: Number(r.user_id),
  }));
  await publishLiveMany(
    tx,
    created.map((c) => ({ type: 'notification', userId: c.userId, id: c.id })),
  );
  return created.map((c) => c.id);
}

// ——— The notification centre (only ever the actor's own rows) ———

type ListQuery = z.infer<typeof notificationListQuery>;

const present = (r: typeof notifications.$inferSelect): NotificationOut => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt ? r.readAt.toISOString() : null,
});

/** Unread notifications of the actor: an index-only count on the partial unread index. */
export async function unreadCount(db: Queryable, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** The actor's notifications, newest first; `unread=true` keeps only the unread ones. */
export async function listNotifications(db: Queryable, actor: Actor, q: ListQuery) {
  const mine = eq(notifications.userId, actor.userId);
  const where = q.unread === 'true' ? and(mine, isNull(notifications.readAt)) : mine;
  const [items, [totals]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({
        total: count(),
        unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`,
      })
      .from(notifications)
      .where(mine),
  ]);
  const unread = Number(totals?.unread ?? 0);
  return {
    total: q.unread === 'true' ? unread : Number(totals?.total ?? 0),
    unread,
    items: items.map(present),
  };
}

/**
 * Marks the given notifications (or, without ids, all of them) read. Only the actor's own
 * rows change; ids of other users' notifications are ignored, not reported (no 404 that
 * would tell which ids exist). Already-read rows keep their first read time.
 */
export async function markRead(db: Queryable, actor: Actor, ids?: number[]) {
  const conds = [eq(notifications.userId, actor.userId), isNull(notifications.readAt)];
  if (ids) {
    if (!ids.length) return { updated: 0, unread: await unreadCount(db, actor) };
    conds.push(inArray(notifications.id, [...new Set(ids)]));
  }
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(...conds))
    .returning({ id: notifications.id });
  return { updated: updated.length, unread: await unreadCount(db, actor) };
}

// ——— Preferences ———

export async function getPreferences(db: Queryable, actor: Actor): Promise<NotificationPrefsOut> {
  const [row] = await db
    .select({ email: users.email, mode: notificationPrefs.email, muted: notificationPrefs.muted })
    .from(users)
    .leftJoin(notificationPrefs, eq(notificationPrefs.userId, users.id))
    .where(eq(users.id, actor.userId));
  return {
    email: row?.mode ?? 'immediate',
    muted: (row?.muted ?? []).filter((k): k is NotificationKind =>
      (NOTIFICATION_KINDS as readonly string[]).includes(k),
    ),
    emailAddress: row?.email?.trim() || null,
    emailAvailable: Boolean(mailSettings().smtpUrl),
  };
}

/** Changes the actor's e-mail mode and muted kinds (audited, in one transaction). */
export async function updatePreferences(
  db: Db,
  actor: Actor,
  input: z.infer<typeof notificationPrefsInput>,
): Promise<NotificationPrefsOut> {
  return db.transaction(async (tx) => {
    const before = await getPreferences(tx, actor);
    const email = input.email ?? before.email;
    const muted = input.muted ? [...new Set(input.muted)].sort() : before.muted;
    const now = new Date();
    // Switching to the digest: the first one starts from now, not from notifications that
    // were already e-mailed one by one.
    const digestFrom = email === 'daily' && before.email !== 'daily' ? { lastDigestAt: now } : {};
    await tx
      .insert(notificationPrefs)
      .values({ userId: actor.userId, email, muted, ...digestFrom })
      .onConflictDoUpdate({
        target: notificationPrefs.userId,
        set: { email, muted, updatedAt: now, ...digestFrom },
      });
    await recordAudit(tx, {
      action: 'notification_prefs.update',
      entityType: 'user',
      entityId: actor.userId,
      scopeUnitId: actor.unitId,
      before: { email: before.email, muted: before.muted },
      after: { email, muted },
    });
    return getPreferences(tx, actor);
  });
}

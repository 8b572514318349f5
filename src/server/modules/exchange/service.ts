import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type BULLETIN_KINDS,
  type bulletinInput,
  type bulletinListQuery,
  type bulletinReplyInput,
  type bulletinSchema,
  SENSITIVITIES,
  type Sensitivity,
  STATE_SECRET_LABELS,
} from '../../../contracts/exchange.ts';
import { foldVietnamese, searchIndexText, searchTokens } from '../../../contracts/text.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  agreementParties,
  agreements,
  auditLog,
  bulletinRecipients,
  bulletins,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { agreementVisible } from '../agreements/policy.ts';
import { listOwnerAttachments } from '../attachments/list.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshExchangeCounts } from './counts.ts';
import { bulletinAcknowledged, bulletinSent } from './events.ts';
import { bulletinVisible, canActFor, receivedByActor, sentByActor } from './policy.ts';

type Row = typeof bulletins.$inferSelect;
type Kind = (typeof BULLETIN_KINDS)[number];
export type BulletinOut = z.infer<typeof bulletinSchema>;
type CreateBody = z.infer<typeof bulletinInput>;
type ReplyBody = z.infer<typeof bulletinReplyInput>;
type ListQuery = z.infer<typeof bulletinListQuery>;
type UnitRef = { id: number; name: string; shortName: string | null; path: string };

const unitCols = { id: units.id, name: units.name, shortName: units.shortName, path: units.path };

async function unitsById(db: Queryable, ids: number[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await db.select(unitCols).from(units).where(inArray(units.id, unique)) : [];
  return new Map<number, UnitRef>(rows.map((r) => [r.id, r]));
}

const unitOut = (u: UnitRef | undefined, id: number) =>
  u ? { id: u.id, name: u.name, shortName: u.shortName } : { id, name: `#${id}`, shortName: null };

/**
 * The sensitivity label: Thường / Nội bộ / Hạn chế (any spelling, with or without diacritics).
 * State-secret labels are refused with their own code: they belong to the classified channel.
 */
export function parseSensitivity(input: string | undefined): Sensitivity {
  if (input === undefined || input.trim() === '') return 'thuong';
  const folded = foldVietnamese(input)
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');
  if ((STATE_SECRET_LABELS as readonly string[]).includes(folded)) {
    throw invalidField(
      'sensitivity',
      'Mức độ phổ biến chỉ được là Thường, Nội bộ hoặc Hạn chế.',
      'STATE_SECRET_NOT_ALLOWED',
    );
  }
  if ((SENSITIVITIES as readonly string[]).includes(folded)) return folded as Sensitivity;
  throw invalidField('sensitivity', 'Mức độ phổ biến phải là Thường, Nội bộ hoặc Hạn chế.');
}

function requireBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw invalidField('body', 'Nội dung thông tin không được để trống.');
  return trimmed;
}

/** Rows as the API shows them: units and people named, acknowledgement status, abilities. */
async function present(db: Queryable, actor: Actor, rows: Row[]): Promise<BulletinOut[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const recipients = await db
    .select({
      bulletinId: bulletinRecipients.bulletinId,
      unitId: bulletinRecipients.unitId,
      acknowledgedAt: bulletinRecipients.acknowledgedAt,
      ackUserId: users.id,
      ackUserName: users.fullName,
    })
    .from(bulletinRecipients)
    .leftJoin(users, eq(users.id, bulletinRecipients.acknowledgedById))
    .where(inArray(bulletinRecipients.bulletinId, ids))
    .orderBy(asc(bulletinRecipients.unitId));
  const creatorIds = rows.flatMap((r) => (r.createdById ? [r.createdById] : []));
  const creators = creatorIds.length
    ? await db
        .select({ id: users.id, fullName: users.fullName })
        .from(users)
        .where(inArray(users.id, [...new Set(creatorIds)]))
    : [];
  const creatorMap = new Map(creators.map((c) => [c.id, c]));
  const unitMap = await unitsById(db, [
    ...rows.map((r) => r.senderUnitId),
    ...recipients.map((r) => r.unitId),
  ]);
  return rows.map((r) => {
    const mine = recipients.filter((x) => x.bulletinId === r.id);
    const sender = unitMap.get(r.senderUnitId);
    const actsForRecipient = mine.some((x) => {
      const u = unitMap.get(x.unitId);
      return u !== undefined && canActFor(actor, u.path);
    });
    const pendingHere = mine.some((x) => {
      const u = unitMap.get(x.unitId);
      return x.acknowledgedAt === null && u !== undefined && canActFor(actor, u.path);
    });
    return {
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      body: r.body,
      sensitivity: r.sensitivity,
      senderUnit: unitOut(sender, r.senderUnitId),
      agreementId: r.agreementId,
      recipients: mine.map((x) => ({
        unit: unitOut(unitMap.get(x.unitId), x.unitId),
        acknowledgedAt: x.acknowledgedAt ? x.acknowledgedAt.toISOString() : null,
        acknowledgedBy: x.ackUserId ? { id: x.ackUserId, fullName: x.ackUserName ?? '' } : null,
      })),
      notAcknowledged: mine
        .filter((x) => x.acknowledgedAt === null)
        .map((x) => unitOut(unitMap.get(x.unitId), x.unitId)),
      respondBy: r.respondBy,
      occurredOn: r.occurredOn,
      answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
      open: r.kind === 'coordination_request' && r.answeredAt === null,
      replyToId: r.replyToId,
      threadId: r.threadId ?? r.id,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdById ? (creatorMap.get(r.createdById) ?? null) : null,
      abilities: {
        acknowledge: pendingHere,
        reply: actsForRecipient || (sender !== undefined && canActFor(actor, sender.path)),
      },
    };
  });
}

async function loadVisible(db: Queryable, actor: Actor, id: number): Promise<Row> {
  const [row] = await db
    .select()
    .from(bulletins)
    .where(and(eq(bulletins.id, id), bulletinVisible(actor, bulletins.id)));
  if (!row) throw notFound();
  return row;
}

/**
 * A bulletin the actor can see (404 otherwise), for its attachments: the sender unit keeps
 * them, and only those acting for the sender unit may attach.
 */
export async function bulletinForAttachment(db: Queryable, actor: Actor, id: number) {
  const row = await loadVisible(db, actor, id);
  const sender = (await unitsById(db, [row.senderUnitId])).get(row.senderUnitId);
  if (!sender) throw notFound();
  return {
    id: row.id,
    senderUnitId: sender.id,
    senderPath: sender.path,
    attach: canActFor(actor, sender.path),
  };
}

export async function listBulletins(db: Queryable, actor: Actor, q: ListQuery) {
  const unack = q.unacknowledged === 'true';
  const conds: SQL[] = [];
  if (q.box === 'inbox') conds.push(receivedByActor(actor, bulletins.id, unack));
  else if (q.box === 'sent') conds.push(sentByActor(actor, bulletins.id));
  else conds.push(bulletinVisible(actor, bulletins.id));
  if (unack && q.box !== 'inbox') {
    conds.push(sql`exists (select 1 from ${bulletinRecipients} ur
      where ur.bulletin_id = ${bulletins.id} and ur.acknowledged_at is null)`);
  }
  if (q.kind) conds.push(eq(bulletins.kind, q.kind));
  for (const token of searchTokens(q.q ?? '')) conds.push(sql`${bulletins.searchText} like ${`%${token}%`}`);
  const where = and(...conds);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(bulletins).where(where);
  const rows = await db
    .select()
    .from(bulletins)
    .where(where)
    .orderBy(desc(bulletins.createdAt), desc(bulletins.id))
    .limit(q.limit)
    .offset(q.offset);
  return { total: counted?.total ?? 0, items: await present(db, actor, rows) };
}

/**
 * One bulletin with its recipients' acknowledgements and its thread. A reader acting for a
 * recipient unit is recorded once (`bulletin.read`), in the same transaction as the read.
 */
export async function getBulletin(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    const [asRecipient] = await tx
      .select({ id: bulletins.id })
      .from(bulletins)
      .where(and(eq(bulletins.id, id), receivedByActor(actor, bulletins.id)));
    if (asRecipient) {
      const [seen] = await tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, 'bulletin.read'),
            eq(auditLog.entityType, 'bulletin'),
            eq(auditLog.entityId, String(id)),
            eq(auditLog.actorUserId, actor.userId),
          ),
        )
        .limit(1);
      if (!seen) {
        await recordAudit(tx, {
          action: 'bulletin.read',
          entityType: 'bulletin',
          entityId: id,
          scopeUnitId: row.senderUnitId,
        });
      }
    }
    const threadRows = await tx
      .select()
      .from(bulletins)
      .where(and(eq(bulletins.threadId, row.threadId ?? row.id), bulletinVisible(actor, bulletins.id)))
      .orderBy(asc(bulletins.createdAt), asc(bulletins.id));
    const files = await listOwnerAttachments(tx, 'bulletin', id);
    const [out] = await present(tx, actor, [row]);
    return {
      ...out!,
      thread: await present(tx, actor, threadRows),
      attachments: files,
    };
  });
}

interface Draft {
  senderUnitId?: number | undefined;
  agreementId: number | null;
  recipientUnitIds: number[];
  kind: Kind;
  subject: string;
  body: string;
  sensitivity: string | undefined;
  respondBy: string | null;
  occurredOn: string | undefined;
  replyTo: Row | null;
}

/** The unit the actor sends for: the one named, else the actor's own unit; officer+ there. */
async function senderUnit(tx: Queryable, actor: Actor, requested: number | undefined): Promise<UnitRef> {
  const unitId = requested ?? actor.unitId;
  if (!unitId) throw invalidField('senderUnitId', 'Chọn đơn vị gửi (tài khoản chưa gắn với đơn vị nào).');
  const unit = (await unitsById(tx, [unitId])).get(unitId);
  if (!unit) throw invalidField('senderUnitId', 'Không tìm thấy đơn vị gửi.');
  if (!canActFor(actor, unit.path)) throw forbidden();
  return unit;
}

async function insertBulletin(db: Db, actor: Actor, d: Draft): Promise<BulletinOut> {
  const sensitivity = parseSensitivity(d.sensitivity);
  const body = requireBody(d.body);
  if (d.kind === 'coordination_request' && !d.respondBy) {
    throw invalidField('respondBy', 'Yêu cầu phối hợp cần hạn trả lời.');
  }
  const today = todayInVietnam();
  const occurredOn = d.occurredOn ?? today;
  if (occurredOn > today) {
    throw invalidField('occurredOn', 'Ngày nắm được thông tin không được sau ngày hôm nay.');
  }
  return db.transaction(async (tx) => {
    const sender = await senderUnit(tx, actor, d.senderUnitId);
    const recipientIds = [...new Set(d.recipientUnitIds)].filter((u) => u !== sender.id);
    if (!recipientIds.length) {
      throw invalidField('recipientUnitIds', 'Chọn ít nhất một đơn vị nhận (khác đơn vị gửi).');
    }
    const recipientUnits = await unitsById(tx, recipientIds);
    const missing = recipientIds.filter((u) => !recipientUnits.has(u));
    if (missing.length) throw invalidField('recipientUnitIds', 'Không tìm thấy đơn vị nhận.');
    if (d.agreementId) {
      const parties = await tx
        .select({ path: units.path })
        .from(agreementParties)
        .innerJoin(units, eq(units.id, agreementParties.unitId))
        .where(eq(agreementParties.agreementId, d.agreementId));
      const outside = [...recipientUnits.values()].filter(
        (u) => !parties.some((p) => u.path.startsWith(p.path)),
      );
      if (outside.length) {
        throw invalidField(
          'recipientUnitIds',
          `Đơn vị nhận không phải bên tham gia văn bản phối hợp (hoặc đơn vị trực thuộc): ${outside.map((u) => u.name).join(', ')}.`,
        );
      }
    }
    const [row] = await tx
      .insert(bulletins)
      .values({
        senderUnitId: sender.id,
        agreementId: d.agreementId,
        kind: d.kind,
        subject: d.subject,
        body,
        sensitivity,
        respondBy: d.kind === 'coordination_request' ? d.respondBy : null,
        occurredOn,
        replyToId: d.replyTo?.id ?? null,
        threadId: d.replyTo ? (d.replyTo.threadId ?? d.replyTo.id) : null,
        searchText: searchIndexText(d.subject, body),
        createdById: actor.userId,
      })
      .returning();
    let inserted = row!;
    if (!d.replyTo) {
      [inserted] = (await tx
        .update(bulletins)
        .set({ threadId: inserted.id })
        .where(eq(bulletins.id, inserted.id))
        .returning()) as [Row];
    }
    await tx
      .insert(bulletinRecipients)
      .values(recipientIds.map((unitId) => ({ bulletinId: inserted.id, unitId })));
    // A reply from a recipient answers an open coordination request.
    const original = d.replyTo;
    if (original && original.kind === 'coordination_request' && original.answeredAt === null) {
      const [wasRecipient] = await tx
        .select({ unitId: bulletinRecipients.unitId })
        .from(bulletinRecipients)
        .where(and(eq(bulletinRecipients.bulletinId, original.id), eq(bulletinRecipients.unitId, sender.id)));
      if (wasRecipient) {
        await tx
          .update(bulletins)
          .set({ answeredAt: new Date(), answeredByUnitId: sender.id })
          .where(and(eq(bulletins.id, original.id), isNull(bulletins.answeredAt)));
        await refreshExchangeCounts(tx, original.agreementId, sender.id, occurredOn);
        await recordAudit(tx, {
          action: 'bulletin.answered',
          entityType: 'bulletin',
          entityId: original.id,
          scopeUnitId: original.senderUnitId,
          after: { replyId: inserted.id, answeredByUnitId: sender.id },
        });
      }
    }
    await recordAudit(tx, {
      action: 'bulletin.send',
      entityType: 'bulletin',
      entityId: inserted.id,
      scopeUnitId: sender.id,
      after: {
        kind: inserted.kind,
        subject: inserted.subject,
        sensitivity: inserted.sensitivity,
        agreementId: inserted.agreementId,
        recipientUnitIds: recipientIds,
        replyToId: inserted.replyToId,
      },
    });
    await refreshExchangeCounts(tx, inserted.agreementId, sender.id, inserted.occurredOn);
    await bulletinSent(tx, inserted, sender, [...recipientUnits.values()]);
    const [out] = await present(tx, actor, [inserted]);
    return out!;
  });
}

/** Sends a bulletin (or, with replyToId, a reply in a thread). */
export async function createBulletin(db: Db, actor: Actor, body: CreateBody): Promise<BulletinOut> {
  if (body.replyToId) {
    return replyToBulletin(db, actor, body.replyToId, {
      senderUnitId: body.senderUnitId,
      subject: body.subject,
      body: body.body,
      sensitivity: body.sensitivity,
    });
  }
  if (body.kind === 'reply') {
    throw invalidField('replyToId', 'Thông tin trả lời cần chọn thông tin được trả lời.');
  }
  const agreementId = body.agreementId ?? null;
  let recipientUnitIds = body.recipientUnitIds ?? [];
  if (agreementId) {
    const [a] = await db
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.id, agreementId), agreementVisible(actor, agreements.id)));
    if (!a) throw invalidField('agreementId', 'Không tìm thấy văn bản phối hợp trong phạm vi bạn được xem.');
  }
  if (body.allParties) {
    if (!agreementId) {
      throw invalidField('allParties', 'Gửi cho tất cả các bên cần chọn văn bản phối hợp.');
    }
    const parties = await db
      .select({ unitId: agreementParties.unitId })
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, agreementId));
    recipientUnitIds = [...recipientUnitIds, ...parties.map((p) => p.unitId)];
  }
  return insertBulletin(db, actor, {
    senderUnitId: body.senderUnitId,
    agreementId,
    recipientUnitIds,
    kind: body.kind,
    subject: body.subject,
    body: body.body,
    sensitivity: body.sensitivity,
    respondBy: body.respondBy ?? null,
    occurredOn: body.occurredOn,
    replyTo: null,
  });
}

/**
 * A reply goes to the sender of the original; a reply by the original's sender goes back to
 * its recipients. The replying unit is the one named, else one the actor acts for in the thread.
 */
export async function replyToBulletin(
  db: Db,
  actor: Actor,
  id: number,
  body: ReplyBody,
): Promise<BulletinOut> {
  const original = await loadVisible(db, actor, id);
  const recipients = await db
    .select({ unitId: bulletinRecipients.unitId })
    .from(bulletinRecipients)
    .where(eq(bulletinRecipients.bulletinId, id));
  const involved = await unitsById(db, [original.senderUnitId, ...recipients.map((r) => r.unitId)]);
  let senderUnitId = body.senderUnitId;
  if (senderUnitId === undefined) {
    const own = actor.unitId !== null ? involved.get(actor.unitId) : undefined;
    const candidates = [
      ...(own ? [own] : []),
      ...recipients.flatMap((r) => {
        const u = involved.get(r.unitId);
        return u ? [u] : [];
      }),
      ...(involved.get(original.senderUnitId) ? [involved.get(original.senderUnitId)!] : []),
    ];
    senderUnitId = candidates.find((u) => canActFor(actor, u.path))?.id;
    if (senderUnitId === undefined) throw forbidden();
  }
  if (!involved.has(senderUnitId)) {
    throw invalidField('senderUnitId', 'Chỉ đơn vị gửi hoặc đơn vị nhận thông tin mới trả lời được.');
  }
  const toIds =
    senderUnitId === original.senderUnitId ? recipients.map((r) => r.unitId) : [original.senderUnitId];
  return insertBulletin(db, actor, {
    senderUnitId,
    agreementId: original.agreementId,
    recipientUnitIds: toIds,
    kind: 'reply',
    subject: body.subject ?? `Trả lời: ${original.subject}`.slice(0, 500),
    body: body.body,
    sensitivity: body.sensitivity,
    respondBy: null,
    occurredOn: undefined,
    replyTo: original,
  });
}

/**
 * Acknowledges receipt (đã nhận) for every recipient unit the actor acts for; a unit that has
 * already acknowledged keeps its first acknowledgement (idempotent).
 */
export async function acknowledgeBulletin(db: Db, actor: Actor, id: number): Promise<BulletinOut> {
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    const recipients = await tx
      .select({
        unitId: bulletinRecipients.unitId,
        acknowledgedAt: bulletinRecipients.acknowledgedAt,
        path: units.path,
      })
      .from(bulletinRecipients)
      .innerJoin(units, eq(units.id, bulletinRecipients.unitId))
      .where(eq(bulletinRecipients.bulletinId, id));
    const mine = recipients.filter((r) => canActFor(actor, r.path));
    if (!mine.length) throw forbidden();
    const pending = mine.filter((r) => r.acknowledgedAt === null).map((r) => r.unitId);
    if (pending.length) {
      const now = new Date();
      await tx
        .update(bulletinRecipients)
        .set({ acknowledgedAt: now, acknowledgedById: actor.userId })
        .where(
          and(
            eq(bulletinRecipients.bulletinId, id),
            inArray(bulletinRecipients.unitId, pending),
            isNull(bulletinRecipients.acknowledgedAt),
          ),
        );
      for (const unitId of pending) {
        await recordAudit(tx, {
          action: 'bulletin.ack',
          entityType: 'bulletin',
          entityId: id,
          scopeUnitId: row.senderUnitId,
          after: { unitId, acknowledgedAt: now },
        });
      }
      await bulletinAcknowledged(tx, row, pending);
    }
    const [out] = await present(tx, actor, [row]);
    return out!;
  });
}

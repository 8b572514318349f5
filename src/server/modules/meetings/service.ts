import { and, asc, desc, eq, gte, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type {
  meetingCreateBody,
  meetingListItem,
  meetingListQuery,
  meetingUpdateBody,
} from '../../../contracts/meetings.ts';
import { parsePeriod } from '../../../contracts/periods.ts';
import { searchTokens } from '../../../contracts/text.ts';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import {
  agreements,
  meetingAgendaItems,
  meetingAttendees,
  meetingConclusions,
  meetings,
  meetingUnits,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { viDate } from '../../lib/time.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { agreementWindow, periodInWindow } from '../reports/forms.ts';
import { getMeeting, loadMeeting } from './load.ts';
import { mayCreateMeeting, meetingVisible } from './policy.ts';
import { lockedUnitRefs, meetingSearchTextOf } from './search.ts';

type CreateBody = z.infer<typeof meetingCreateBody>;
type UpdateBody = z.infer<typeof meetingUpdateBody>;
type ListItem = z.infer<typeof meetingListItem>;

/** The search text a save writes (see meetingSearchTextOf), with the units' current names. */
async function meetingSearchText(tx: Queryable, m: CreateBody) {
  return meetingSearchTextOf(m, await lockedUnitRefs(tx, [m.hostUnitId, ...m.unitIds]));
}

/**
 * The rules a meeting must satisfy, each a Vietnamese message naming the field; returns the
 * party paths of the linked agreement (for the create/edit permission).
 */
async function validateMeeting(tx: Queryable, actor: Actor, m: CreateBody) {
  if (m.endsAt && new Date(m.endsAt) < new Date(m.startsAt)) {
    throw invalidField('endsAt', 'Thời gian kết thúc phải sau hoặc bằng thời gian bắt đầu hội nghị.');
  }
  const [host] = await tx.select({ path: units.path }).from(units).where(eq(units.id, m.hostUnitId));
  if (!host) throw invalidField('hostUnitId', 'Đơn vị chủ trì hội nghị không tồn tại.');
  let partyPaths: string[] = [];
  if (m.agreementId != null) {
    let a: Awaited<ReturnType<typeof loadAgreement>>;
    try {
      a = await loadAgreement(tx, actor, m.agreementId);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') {
        throw invalidField('agreementId', 'Không tìm thấy văn bản phối hợp trong phạm vi của bạn.');
      }
      throw e;
    }
    partyPaths = a.parties.map((p) => p.path);
    if (m.reviewPeriod) {
      const period = parsePeriod(m.reviewPeriod);
      const w = agreementWindow(a.row);
      if (!period || !periodInWindow(period, w)) {
        const span = `${w.from ? viDate(w.from) : '…'} – ${w.to ? viDate(w.to) : '…'}`;
        throw invalidField(
          'reviewPeriod',
          `Kỳ sơ kết, tổng kết phải nằm trong thời gian của văn bản phối hợp (${span}).`,
        );
      }
    }
  }
  await assertUnits(tx, 'unitIds', m.unitIds, 'Có đơn vị dự hội nghị không tồn tại.');
  for (const [i, a] of m.attendees.entries()) {
    if (a.unitId)
      await assertUnits(tx, `attendees.${i}.unitId`, [a.unitId], 'Đơn vị của đại biểu không tồn tại.');
  }
  for (const [i, c] of m.conclusions.entries()) {
    if (c.leadUnitId) {
      await assertUnits(tx, `conclusions.${i}.leadUnitId`, [c.leadUnitId], 'Đơn vị chủ trì không tồn tại.');
    }
    await assertUnits(
      tx,
      `conclusions.${i}.cooperatingUnitIds`,
      c.cooperatingUnitIds,
      'Có đơn vị phối hợp không tồn tại.',
    );
  }
  return { hostPath: host.path, partyPaths };
}

async function assertUnits(tx: Queryable, field: string, ids: number[], message: string) {
  const set = [...new Set(ids)];
  if (set.length === 0) return;
  const rows = await tx.select({ id: units.id }).from(units).where(inArray(units.id, set));
  if (rows.length !== set.length) throw invalidField(field, message);
}

async function writeLists(tx: Tx, meetingId: number, m: Partial<CreateBody>) {
  if (m.unitIds) {
    await tx.delete(meetingUnits).where(eq(meetingUnits.meetingId, meetingId));
    const ids = [...new Set(m.unitIds)];
    if (ids.length) await tx.insert(meetingUnits).values(ids.map((unitId) => ({ meetingId, unitId })));
  }
  if (m.attendees) {
    await tx.delete(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));
    if (m.attendees.length) {
      await tx.insert(meetingAttendees).values(
        m.attendees.map((a, position) => ({
          meetingId,
          position,
          role: a.role,
          name: a.name,
          title: a.title ?? null,
          unitId: a.unitId ?? null,
        })),
      );
    }
  }
  if (m.agenda) {
    await tx.delete(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId));
    if (m.agenda.length) {
      await tx.insert(meetingAgendaItems).values(
        m.agenda.map((a, position) => ({
          meetingId,
          position,
          title: a.title,
          presenter: a.presenter ?? null,
        })),
      );
    }
  }
  if (m.conclusions) {
    // Conclusions sent with their id are kept (with their link to a task); the rest are new;
    // those left out are removed.
    const existing = await tx
      .select({ id: meetingConclusions.id })
      .from(meetingConclusions)
      .where(eq(meetingConclusions.meetingId, meetingId));
    const known = new Set(existing.map((c) => c.id));
    for (const [i, c] of m.conclusions.entries()) {
      if (c.id !== undefined && !known.has(c.id)) {
        throw invalidField(`conclusions.${i}.id`, 'Kết luận không thuộc hội nghị này.');
      }
    }
    const kept = m.conclusions.flatMap((c) => (c.id !== undefined ? [c.id] : []));
    await tx
      .delete(meetingConclusions)
      .where(
        and(
          eq(meetingConclusions.meetingId, meetingId),
          kept.length ? notInArray(meetingConclusions.id, kept) : undefined,
        ),
      );
    for (const [position, c] of m.conclusions.entries()) {
      const values = {
        position,
        text: c.text,
        leadUnitId: c.leadUnitId ?? null,
        cooperatingUnitIds: [...new Set(c.cooperatingUnitIds)].filter((u) => u !== c.leadUnitId),
        dueDate: c.dueDate ?? null,
      };
      if (c.id !== undefined) {
        await tx.update(meetingConclusions).set(values).where(eq(meetingConclusions.id, c.id));
      } else {
        await tx.insert(meetingConclusions).values({ meetingId, ...values });
      }
    }
  }
}

export async function createMeeting(db: Db, actor: Actor, body: CreateBody) {
  return db.transaction(async (tx) => {
    const { hostPath, partyPaths } = await validateMeeting(tx, actor, body);
    if (!mayCreateMeeting(actor, hostPath, partyPaths)) throw forbidden();
    const [row] = await tx
      .insert(meetings)
      .values({
        agreementId: body.agreementId ?? null,
        kind: body.kind,
        title: body.title,
        reviewPeriod: body.reviewPeriod ?? null,
        startsAt: new Date(body.startsAt),
        endsAt: body.endsAt ? new Date(body.endsAt) : null,
        place: body.place ?? null,
        hostUnitId: body.hostUnitId,
        minutes: body.minutes ?? null,
        searchText: await meetingSearchText(tx, body),
        createdById: actor.userId,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await writeLists(tx, row.id, body);
    const after = await getMeeting(tx, actor, row.id);
    await recordAudit(tx, {
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: row.id,
      scopeUnitId: row.hostUnitId,
      after: { ...after, abilities: undefined },
    });
    return after;
  });
}

/** Edits a meeting; the lists sent (units, attendees, agenda, conclusions) replace the old ones. */
export async function updateMeeting(db: Db, actor: Actor, id: number, body: UpdateBody) {
  return db.transaction(async (tx) => {
    const { abilities } = await loadMeeting(tx, actor, id);
    if (!abilities.update) throw forbidden();
    const before = await getMeeting(tx, actor, id);
    if (before.version !== body.version) throw conflict();
    const { version, status, ...changes } = body;
    const next: CreateBody = {
      agreementId: before.agreementId,
      kind: before.kind,
      title: before.title,
      reviewPeriod: before.reviewPeriod,
      startsAt: before.startsAt,
      endsAt: before.endsAt,
      place: before.place,
      hostUnitId: before.hostUnit.id,
      minutes: before.minutes,
      unitIds: before.units.map((u) => u.id),
      attendees: before.attendees.map((a) => ({
        role: a.role,
        name: a.name,
        title: a.title,
        unitId: a.unit?.id ?? null,
      })),
      agenda: before.agenda.map((a) => ({ title: a.title, presenter: a.presenter })),
      conclusions: before.conclusions.map((c) => ({
        id: c.id,
        text: c.text,
        leadUnitId: c.leadUnit?.id ?? null,
        cooperatingUnitIds: c.cooperatingUnits.map((u) => u.id),
        dueDate: c.dueDate,
      })),
    };
    for (const [k, v] of Object.entries(changes)) if (v !== undefined) Object.assign(next, { [k]: v });
    const { hostPath, partyPaths } = await validateMeeting(tx, actor, next);
    // Moving the meeting to another host or agreement needs the right there as well.
    if (!mayCreateMeeting(actor, hostPath, partyPaths)) throw forbidden();
    const [after] = await tx
      .update(meetings)
      .set({
        agreementId: next.agreementId ?? null,
        kind: next.kind,
        title: next.title,
        reviewPeriod: next.reviewPeriod ?? null,
        startsAt: new Date(next.startsAt),
        endsAt: next.endsAt ? new Date(next.endsAt) : null,
        place: next.place ?? null,
        hostUnitId: next.hostUnitId,
        minutes: next.minutes ?? null,
        ...(status ? { status } : {}),
        searchText: await meetingSearchText(tx, next),
        version: sql`${meetings.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(meetings.id, id), eq(meetings.version, version)))
      .returning();
    if (!after) throw conflict();
    await writeLists(tx, id, changes);
    const out = await getMeeting(tx, actor, id);
    await recordAudit(tx, {
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      scopeUnitId: after.hostUnitId,
      before: { ...before, abilities: undefined },
      after: { ...out, abilities: undefined },
    });
    return out;
  });
}

/** Deletes a planned meeting (its people, agenda and conclusions go with it). */
export async function deleteMeeting(db: Db, actor: Actor, id: number, version?: number) {
  await db.transaction(async (tx) => {
    const { row, abilities } = await loadMeeting(tx, actor, id);
    if (!abilities.delete) throw forbidden();
    if (version !== undefined && row.version !== version) throw conflict();
    const before = await getMeeting(tx, actor, id);
    await tx.delete(meetings).where(eq(meetings.id, id));
    await recordAudit(tx, {
      action: 'meeting.delete',
      entityType: 'meeting',
      entityId: id,
      scopeUnitId: before.hostUnit.id,
      before: { ...before, abilities: undefined },
    });
  });
}

const hostUnit = alias(units, 'host_unit');

/**
 * Meetings the actor may see: newest first, or with `upcoming=true` those from now on in date
 * order; search ignores diacritics ("so ket" finds "Hội nghị sơ kết").
 */
export async function listMeetings(
  db: Queryable,
  actor: Actor,
  q: z.infer<typeof meetingListQuery>,
  now: Date = new Date(),
): Promise<{ items: ListItem[]; total: number }> {
  const conds: SQL[] = [meetingVisible(actor)];
  if (q.agreementId) conds.push(eq(meetings.agreementId, q.agreementId));
  if (q.kind) conds.push(eq(meetings.kind, q.kind));
  const upcoming = q.upcoming === 'true';
  if (upcoming) {
    conds.push(gte(sql`coalesce(${meetings.endsAt}, ${meetings.startsAt})`, now));
    conds.push(sql`${meetings.status} <> 'cancelled'`);
  }
  for (const token of searchTokens(q.q ?? '')) conds.push(sql`${meetings.searchText} like ${`%${token}%`}`);
  const rows = await db
    .select({
      id: meetings.id,
      agreementId: meetings.agreementId,
      agreementSubject: agreements.subject,
      kind: meetings.kind,
      title: meetings.title,
      startsAt: meetings.startsAt,
      place: meetings.place,
      hostUnit: { id: hostUnit.id, name: hostUnit.name, shortName: hostUnit.shortName },
      status: meetings.status,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(meetings)
    .innerJoin(hostUnit, eq(hostUnit.id, meetings.hostUnitId))
    .leftJoin(agreements, eq(agreements.id, meetings.agreementId))
    .where(and(...conds))
    .orderBy(
      ...(upcoming
        ? [asc(meetings.startsAt), asc(meetings.id)]
        : [desc(meetings.startsAt), desc(meetings.id)]),
    )
    .limit(q.limit)
    .offset(q.offset);
  return {
    items: rows.map(({ total: _t, startsAt, agreementSubject, ...r }) => ({
      ...r,
      agreementSubject: agreementSubject ?? null,
      startsAt: startsAt.toISOString(),
    })),
    total: rows[0]?.total ?? 0,
  };
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { MeetingOut } from '../../../contracts/meetings.ts';
import type { Queryable } from '../../db/client.ts';
import {
  agreementParties,
  agreements,
  meetingAgendaItems,
  meetingAttendees,
  meetingConclusions,
  meetings,
  meetingUnits,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { listOwnerAttachments } from '../attachments/list.ts';
import { meetingAbilities, meetingVisible } from './policy.ts';

export type MeetingRow = typeof meetings.$inferSelect;
export type UnitRef = { id: number; name: string; shortName: string | null };

/**
 * A visible meeting (404 otherwise): its row, the host's path, the linked agreement's party
 * paths and the actor's abilities — what every read and write checks first.
 */
export async function loadMeeting(db: Queryable, actor: Actor, id: number) {
  const [found] = await db
    .select({ row: meetings, hostPath: units.path })
    .from(meetings)
    .innerJoin(units, eq(units.id, meetings.hostUnitId))
    .where(and(eq(meetings.id, id), meetingVisible(actor)));
  if (!found) throw notFound();
  const partyPaths = found.row.agreementId ? await partyPathsOf(db, found.row.agreementId) : [];
  const abilities = meetingAbilities(actor, {
    status: found.row.status,
    hostPath: found.hostPath,
    partyPaths,
  });
  return { row: found.row, hostPath: found.hostPath, partyPaths, abilities };
}

export async function partyPathsOf(db: Queryable, agreementId: number) {
  const rows = await db
    .select({ path: units.path })
    .from(agreementParties)
    .innerJoin(units, eq(units.id, agreementParties.unitId))
    .where(eq(agreementParties.agreementId, agreementId));
  return rows.map((r) => r.path);
}

/** Names of these units by id (missing ids are left out). */
export async function unitRefs(db: Queryable, ids: Iterable<number>): Promise<Map<number, UnitRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(inArray(units.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The meeting as the API shows it: units, people, agenda, conclusions, abilities. */
export async function getMeeting(db: Queryable, actor: Actor, id: number): Promise<MeetingOut> {
  const { row, abilities } = await loadMeeting(db, actor, id);
  const unitRows = await db
    .select({ unitId: meetingUnits.unitId })
    .from(meetingUnits)
    .where(eq(meetingUnits.meetingId, id));
  const attendees = await db
    .select()
    .from(meetingAttendees)
    .where(eq(meetingAttendees.meetingId, id))
    .orderBy(asc(meetingAttendees.position), asc(meetingAttendees.id));
  const agenda = await db
    .select()
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, id))
    .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.id));
  const conclusions = await db
    .select()
    .from(meetingConclusions)
    .where(eq(meetingConclusions.meetingId, id))
    .orderBy(asc(meetingConclusions.position), asc(meetingConclusions.id));
  const refs = await unitRefs(db, [
    row.hostUnitId,
    ...unitRows.map((u) => u.unitId),
    ...attendees.flatMap((a) => (a.unitId ? [a.unitId] : [])),
    ...conclusions.flatMap((c) => [...(c.leadUnitId ? [c.leadUnitId] : []), ...c.cooperatingUnitIds]),
  ]);
  const ref = (unitId: number | null) => (unitId ? (refs.get(unitId) ?? null) : null);
  let agreementSubject: string | null = null;
  if (row.agreementId) {
    const [a] = await db
      .select({ subject: agreements.subject })
      .from(agreements)
      .where(eq(agreements.id, row.agreementId));
    agreementSubject = a?.subject ?? null;
  }
  const files = await listOwnerAttachments(db, 'meeting', id);
  return {
    id: row.id,
    agreementId: row.agreementId,
    agreementSubject,
    kind: row.kind,
    title: row.title,
    reviewPeriod: row.reviewPeriod,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    place: row.place,
    hostUnit: ref(row.hostUnitId) ?? { id: row.hostUnitId, name: '', shortName: null },
    status: row.status,
    units: unitRows
      .map((u) => refs.get(u.unitId))
      .filter((u): u is UnitRef => !!u)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    attendees: attendees.map((a) => ({
      id: a.id,
      role: a.role,
      name: a.name,
      title: a.title,
      unit: ref(a.unitId),
    })),
    agenda: agenda.map((a) => ({ id: a.id, title: a.title, presenter: a.presenter })),
    minutes: row.minutes,
    conclusions: conclusions.map((c) => ({
      id: c.id,
      text: c.text,
      leadUnit: ref(c.leadUnitId),
      cooperatingUnits: c.cooperatingUnitIds.map((u) => refs.get(u)).filter((u): u is UnitRef => !!u),
      dueDate: c.dueDate,
      taskId: c.taskId,
    })),
    attachments: files,
    version: row.version,
    abilities,
  };
}

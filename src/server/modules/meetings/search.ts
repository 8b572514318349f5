import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import { parsePeriod } from '../../../contracts/periods.ts';
import { searchIndexText } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import {
  meetingAgendaItems,
  meetingAttendees,
  meetingConclusions,
  meetings,
  meetingUnits,
  units,
} from '../../db/schema/index.ts';
import type { UnitRef } from './load.ts';

/** What a meeting's search text is made of (a create/update body carries at least this). */
export type MeetingSearchSource = {
  title: string;
  place?: string | null;
  reviewPeriod?: string | null;
  hostUnitId: number;
  unitIds: number[];
  attendees: Array<{ name: string; title?: string | null }>;
  agenda: Array<{ title: string }>;
  conclusions: Array<{ text: string }>;
};

/**
 * What search finds a meeting by: title, place, review period, host and attending units (name
 * and short name), people, agenda, conclusions. Units in a fixed order (host, then by id) so a
 * refresh after a unit is renamed writes exactly what saving the meeting would.
 */
export function meetingSearchTextOf(m: MeetingSearchSource, refs: Map<number, UnitRef>) {
  const unitIds = [...new Set([m.hostUnitId, ...[...m.unitIds].sort((a, b) => a - b)])];
  return searchIndexText(
    m.title,
    m.place,
    m.reviewPeriod ? parsePeriod(m.reviewPeriod)?.label : null,
    ...unitIds.flatMap((id) => {
      const u = refs.get(id);
      return u ? [u.name, u.shortName] : [];
    }),
    ...m.attendees.flatMap((a) => [a.name, a.title]),
    ...m.agenda.map((a) => a.title),
    ...m.conclusions.map((c) => c.text),
  );
}

/**
 * Names of these units for a save's search text, share-locked: a rename of one of them that is
 * in flight finishes first, and this save then sees the new name (read committed re-reads the
 * locked row) — otherwise the save could write the old name after the rename refreshed.
 */
export async function lockedUnitRefs(db: Queryable, ids: Iterable<number>): Promise<Map<number, UnitRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(inArray(units.id, list))
    .orderBy(asc(units.id))
    .for('share');
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * After a unit's name or short name changed (same transaction): rebuilds the search text of
 * every meeting that names it as host or attending unit — and only those — with the builder a
 * save uses, then writes them in one statement. The meetings are locked first, so an edit of one
 * of them in flight finishes before its content is read; version and updatedAt stay as they
 * were (nobody edited the meeting, and an open edit form must not get a 409 for it).
 */
export async function refreshMeetingSearchTextForUnit(tx: Queryable, unitId: number) {
  const mentioning = or(
    eq(meetings.hostUnitId, unitId),
    sql`${meetings.id} in (select mu.meeting_id from ${meetingUnits} mu where mu.unit_id = ${unitId})`,
  );
  const rows = await tx
    .select({
      id: meetings.id,
      title: meetings.title,
      place: meetings.place,
      reviewPeriod: meetings.reviewPeriod,
      hostUnitId: meetings.hostUnitId,
    })
    .from(meetings)
    .where(mentioning)
    .orderBy(asc(meetings.id))
    .for('update');
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  const unitRows = await tx
    .select({ meetingId: meetingUnits.meetingId, unitId: meetingUnits.unitId })
    .from(meetingUnits)
    .where(inArray(meetingUnits.meetingId, ids));
  const attendees = await tx
    .select({
      meetingId: meetingAttendees.meetingId,
      name: meetingAttendees.name,
      title: meetingAttendees.title,
    })
    .from(meetingAttendees)
    .where(inArray(meetingAttendees.meetingId, ids))
    .orderBy(asc(meetingAttendees.position), asc(meetingAttendees.id));
  const agenda = await tx
    .select({ meetingId: meetingAgendaItems.meetingId, title: meetingAgendaItems.title })
    .from(meetingAgendaItems)
    .where(inArray(meetingAgendaItems.meetingId, ids))
    .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.id));
  const conclusions = await tx
    .select({ meetingId: meetingConclusions.meetingId, text: meetingConclusions.text })
    .from(meetingConclusions)
    .where(inArray(meetingConclusions.meetingId, ids))
    .orderBy(asc(meetingConclusions.position), asc(meetingConclusions.id));
  const group = <T extends { meetingId: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of list) m.set(r.meetingId, [...(m.get(r.meetingId) ?? []), r]);
    return (id: number) => m.get(id) ?? [];
  };
  const [unitsOf, attendeesOf, agendaOf, conclusionsOf] = [
    group(unitRows),
    group(attendees),
    group(agenda),
    group(conclusions),
  ];
  const refRows = await tx
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(
      inArray(units.id, [...new Set([...rows.map((r) => r.hostUnitId), ...unitRows.map((u) => u.unitId)])]),
    );
  const refs = new Map(refRows.map((r) => [r.id, r]));
  const texts = rows.map((r) => ({
    id: r.id,
    t: meetingSearchTextOf(
      {
        ...r,
        unitIds: unitsOf(r.id).map((u) => u.unitId),
        attendees: attendeesOf(r.id),
        agenda: agendaOf(r.id),
        conclusions: conclusionsOf(r.id),
      },
      refs,
    ),
  }));
  await tx.execute(sql`update ${meetings} set search_text = v.t
    from jsonb_to_recordset(${JSON.stringify(texts)}::jsonb) as v(id int, t text)
    where ${meetings.id} = v.id`);
  return texts.length;
}

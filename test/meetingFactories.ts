import { searchIndexText } from '../src/contracts/text.ts';
import type { Db } from '../src/server/db/client.ts';
import {
  meetingAttendees,
  meetingConclusions,
  meetings,
  meetingUnits,
} from '../src/server/db/schema/index.ts';

/**
 * Inserts a meeting directly (factories skip policies on purpose): a planned briefing tomorrow
 * unless told otherwise, with its attending units, people and conclusions.
 */
export async function buildMeeting(
  db: Db,
  over: Partial<typeof meetings.$inferInsert> & {
    hostUnitId: number;
    unitIds?: number[];
    attendees?: Array<{ role: 'chair' | 'delegate' | 'guest' | 'secretary'; name: string; title?: string }>;
    conclusions?: Array<{
      text: string;
      leadUnitId?: number;
      cooperatingUnitIds?: number[];
      dueDate?: string;
    }>;
  },
) {
  const { unitIds = [], attendees = [], conclusions = [], ...fields } = over;
  const title = fields.title ?? 'Hội nghị giao ban công tác phối hợp';
  const [row] = await db
    .insert(meetings)
    .values({
      kind: 'briefing',
      startsAt: new Date(Date.now() + 24 * 3600 * 1000),
      searchText: searchIndexText(title, fields.place),
      ...fields,
      title,
    })
    .returning();
  const meetingId = row!.id;
  if (unitIds.length) await db.insert(meetingUnits).values(unitIds.map((unitId) => ({ meetingId, unitId })));
  if (attendees.length) {
    await db
      .insert(meetingAttendees)
      .values(attendees.map((a, position) => ({ meetingId, position, ...a, title: a.title ?? null })));
  }
  if (conclusions.length) {
    await db.insert(meetingConclusions).values(
      conclusions.map((c, position) => ({
        meetingId,
        position,
        text: c.text,
        leadUnitId: c.leadUnitId ?? null,
        cooperatingUnitIds: c.cooperatingUnitIds ?? [],
        dueDate: c.dueDate ?? null,
      })),
    );
  }
  return row!;
}

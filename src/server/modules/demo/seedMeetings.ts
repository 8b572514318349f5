import { and, eq, inArray } from 'drizzle-orm';
import { parsePeriod } from '../../../contracts/periods.ts';
import { searchIndexText } from '../../../contracts/text.ts';
import type { Db } from '../../db/client.ts';
import {
  agreements,
  meetingAgendaItems,
  meetingAttendees,
  meetingConclusions,
  meetings,
  meetingUnits,
  reviewReports,
  reviewReportVersions,
  users,
} from '../../db/schema/index.ts';
import { DEMO_AGREEMENTS } from './agreements.ts';
import { DEMO_MEETINGS, DEMO_REVIEW_REPORTS, type DemoMeeting } from './meetings.ts';
import { DEMO_UNITS } from './units.ts';

/** The same words the meetings service indexes: title, place, period, units, people, agenda, conclusions. */
function meetingSearchText(m: DemoMeeting) {
  const refs = [m.host, ...m.units].map((key) => DEMO_UNITS.find((u) => u.key === key)!);
  return searchIndexText(
    m.title,
    m.place,
    m.reviewPeriod ? parsePeriod(m.reviewPeriod)?.label : null,
    ...refs.flatMap((u) => [u.name, u.shortName]),
    ...m.attendees.flatMap((a) => [a.name, a.title]),
    ...m.agenda.map((a) => a.title),
    ...m.conclusions,
  );
}

/**
 * Enters the conferences of seeds 001 and 002 (meetings with their units, attendees, agenda,
 * conclusions and minutes) and the draft 2023 review report of the Lào Cai program — rows
 * written directly, in one transaction, after seedIndicators. No award rows: the seeds name no
 * recipient (see ./meetings.ts). Runs once: when a demo meeting already exists it writes nothing.
 */
export async function seedMeetings(db: Db, unitIds: ReadonlyMap<string, number>) {
  const unit = (key: string) => {
    const id = unitIds.get(key);
    if (id === undefined) throw new Error(`demo unit ${key} missing`);
    return id;
  };
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        inArray(
          meetings.title,
          DEMO_MEETINGS.map((m) => m.title),
        ),
      )
      .limit(1);
    if (existing.length) return { skipped: true, meetings: 0, reviewReports: 0 };

    const agreementIds = new Map<string, number>();
    for (const a of DEMO_AGREEMENTS) {
      const [row] = await tx
        .select({ id: agreements.id })
        .from(agreements)
        .where(and(eq(agreements.subject, a.subject), eq(agreements.ownerUnitId, unit(a.owner))));
      if (row) agreementIds.set(a.key, row.id);
    }
    const agreement = (key: string) => {
      const id = agreementIds.get(key);
      if (id === undefined) throw new Error(`demo agreement ${key} missing`);
      return id;
    };
    const userRows = await tx.select({ id: users.id, username: users.username }).from(users);
    const userIds = new Map(userRows.map((u) => [u.username, u.id]));
    const user = (name: string) => {
      const id = userIds.get(name);
      if (id === undefined) throw new Error(`demo user ${name} missing`);
      return id;
    };

    const meetingIds = new Map<string, number>();
    for (const m of DEMO_MEETINGS) {
      const startsAt = new Date(m.startsAt);
      const [row] = await tx
        .insert(meetings)
        .values({
          agreementId: agreement(m.agreement),
          kind: m.kind,
          title: m.title,
          reviewPeriod: m.reviewPeriod,
          startsAt,
          place: m.place,
          hostUnitId: unit(m.host),
          status: m.status,
          minutes: m.minutes,
          searchText: meetingSearchText(m),
          createdById: user(m.createdBy),
          // Recorded as if entered the day after the meeting.
          createdAt: new Date(startsAt.getTime() + 24 * 3600_000),
          updatedAt: new Date(startsAt.getTime() + 24 * 3600_000),
        })
        .returning({ id: meetings.id });
      const meetingId = row!.id;
      meetingIds.set(m.key, meetingId);
      await tx.insert(meetingUnits).values(m.units.map((u) => ({ meetingId, unitId: unit(u) })));
      if (m.attendees.length)
        await tx.insert(meetingAttendees).values(
          m.attendees.map((a, position) => ({
            meetingId,
            position,
            role: a.role,
            name: a.name,
            title: a.title ?? null,
            unitId: a.unit ? unit(a.unit) : null,
          })),
        );
      await tx.insert(meetingAgendaItems).values(
        m.agenda.map((a, position) => ({
          meetingId,
          position,
          title: a.title,
          presenter: a.presenter ?? null,
        })),
      );
      // The seeds give no lead unit or deadline for a conclusion: left for the user to assign.
      await tx
        .insert(meetingConclusions)
        .values(m.conclusions.map((text, position) => ({ meetingId, position, text })));
    }

    for (const r of DEMO_REVIEW_REPORTS) {
      const meetingId = meetingIds.get(r.meeting);
      if (meetingId === undefined) throw new Error(`demo meeting ${r.meeting} missing`);
      const meeting = DEMO_MEETINGS.find((m) => m.key === r.meeting)!;
      const at = new Date(new Date(meeting.startsAt).getTime() - 7 * 24 * 3600_000);
      const authorId = user(r.createdBy);
      const [row] = await tx
        .insert(reviewReports)
        .values({
          agreementId: agreement(r.agreement),
          period: r.period,
          title: r.title,
          issuingUnitId: unit(r.issuingUnit),
          meetingId,
          sections: r.sections,
          createdById: authorId,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: reviewReports.id });
      await tx.insert(reviewReportVersions).values({
        reviewReportId: row!.id,
        version: 1,
        sections: r.sections,
        frozen: false,
        authorId,
        createdAt: at,
      });
    }
    return { skipped: false, meetings: DEMO_MEETINGS.length, reviewReports: DEMO_REVIEW_REPORTS.length };
  });
}

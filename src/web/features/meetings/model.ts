import dayjs from 'dayjs';
import type { ATTENDEE_ROLES, MEETING_KINDS, MEETING_STATUSES } from '../../../contracts/meetings.ts';
import type { Meeting, MeetingItem } from './queries.ts';

// Pure helpers of the meeting screens (unit-tested in model.unit.test.ts).

/** The file name of a Content-Disposition header (the exact UTF-8 name first). */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** The same route as PDF (every .docx route takes ?format=pdf). */
export function pdfUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}format=pdf`;
}

/** "03/01/2024, 14:00" (dd/mm/yyyy and 24-hour time, in either language). */
export function meetingWhen(startsAt: string, endsAt?: string | null): string {
  const s = dayjs(startsAt);
  const base = `${s.format('DD/MM/YYYY')}, ${s.format('HH:mm')}`;
  if (!endsAt) return base;
  const e = dayjs(endsAt);
  return e.isSame(s, 'day') ? `${base} – ${e.format('HH:mm')}` : `${base} – ${e.format('DD/MM/YYYY, HH:mm')}`;
}

/** Upcoming first (soonest on top), then past meetings (latest on top). */
export function upcomingFirst(items: MeetingItem[], now = Date.now()): MeetingItem[] {
  const time = (m: MeetingItem) => new Date(m.startsAt).getTime();
  const next = items.filter((m) => time(m) >= now).sort((a, b) => time(a) - time(b));
  const past = items.filter((m) => time(m) < now).sort((a, b) => time(b) - time(a));
  return [...next, ...past];
}

type Role = (typeof ATTENDEE_ROLES)[number];
interface AttendeeRow {
  key: string;
  role: Role;
  name: string;
  title: string;
  unitId: number | null;
}
interface AgendaRow {
  key: string;
  title: string;
  presenter: string;
}
interface ConclusionRow {
  key: string;
  id?: number;
  text: string;
  leadUnitId: number | null;
  cooperatingUnitIds: number[];
  dueDate: string | null;
}
export interface MeetingValues {
  kind: (typeof MEETING_KINDS)[number];
  title: string;
  agreementId: string | null;
  reviewPeriod: string;
  startDate: string | null;
  startTime: string;
  endTime: string;
  place: string;
  hostUnitId: number | null;
  unitIds: number[];
  status: (typeof MEETING_STATUSES)[number];
  attendees: AttendeeRow[];
  agenda: AgendaRow[];
  minutes: string;
  conclusions: ConclusionRow[];
  version: number;
}

export function valuesOf(
  m: Meeting | null,
  defaults: { agreementId?: number | null; hostUnitId?: number | null },
): MeetingValues {
  const start = m ? dayjs(m.startsAt) : null;
  return {
    kind: m?.kind ?? 'briefing',
    title: m?.title ?? '',
    agreementId: m?.agreementId
      ? String(m.agreementId)
      : defaults.agreementId
        ? String(defaults.agreementId)
        : null,
    reviewPeriod: m?.reviewPeriod ?? '',
    startDate: start ? start.format('YYYY-MM-DD') : null,
    startTime: start ? start.format('HH:mm') : '08:00',
    endTime: m?.endsAt ? dayjs(m.endsAt).format('HH:mm') : '',
    place: m?.place ?? '',
    hostUnitId: m?.hostUnit.id ?? defaults.hostUnitId ?? null,
    unitIds: m?.units.map((u) => u.id) ?? [],
    status: m?.status ?? 'planned',
    attendees:
      m?.attendees.map((a) => ({
        key: `a${a.id}`,
        role: a.role,
        name: a.name,
        title: a.title ?? '',
        unitId: a.unit?.id ?? null,
      })) ?? [],
    agenda: m?.agenda.map((a) => ({ key: `g${a.id}`, title: a.title, presenter: a.presenter ?? '' })) ?? [],
    minutes: m?.minutes ?? '',
    conclusions:
      m?.conclusions.map((c) => ({
        key: `c${c.id}`,
        id: c.id,
        text: c.text,
        leadUnitId: c.leadUnit?.id ?? null,
        cooperatingUnitIds: c.cooperatingUnits.map((u) => u.id),
        dueDate: c.dueDate,
      })) ?? [],
    version: m?.version ?? 0,
  };
}

/** The request body (create and update share it). */
export function bodyOf(v: MeetingValues) {
  const startsAt = dayjs(`${v.startDate}T${v.startTime || '00:00'}`);
  const endsAt = v.endTime ? dayjs(`${v.startDate}T${v.endTime}`) : null;
  return {
    kind: v.kind,
    title: v.title,
    agreementId: v.agreementId ? Number(v.agreementId) : null,
    reviewPeriod: v.reviewPeriod.trim() || null,
    startsAt: startsAt.format(),
    endsAt: endsAt ? endsAt.format() : null,
    place: v.place,
    hostUnitId: v.hostUnitId,
    unitIds: v.unitIds,
    attendees: v.attendees.map((a) => ({ role: a.role, name: a.name, title: a.title, unitId: a.unitId })),
    agenda: v.agenda.map((a) => ({ title: a.title, presenter: a.presenter })),
    minutes: v.minutes,
    conclusions: v.conclusions.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      text: c.text,
      leadUnitId: c.leadUnitId,
      cooperatingUnitIds: c.cooperatingUnitIds,
      dueDate: c.dueDate || null,
    })),
  };
}

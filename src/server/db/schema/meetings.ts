import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import {
  AWARD_RECIPIENTS,
  AWARD_STAGES,
  MEETING_KINDS,
  MEETING_STATUSES,
} from '../../../contracts/meetings.ts';
import { agreements } from './agreements.ts';
import { tasks } from './tasks.ts';
import { units } from './units.ts';
import { users } from './users.ts';

// Hội nghị: signing, briefing (giao ban), interim review (sơ kết), final review (tổng kết).
export const meetings = pgTable(
  'meetings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer('agreement_id').references(() => agreements.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    title: text('title').notNull(),
    /** The period the meeting reviews ("2023", "2024-H1"), for review meetings. */
    reviewPeriod: text('review_period'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    place: text('place'),
    /** The unit that convenes it and issues the invitation. */
    hostUnitId: integer('host_unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
    minutes: text('minutes'),
    searchText: text('search_text').notNull(),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_agreement_idx').on(t.agreementId),
    index('meetings_starts_idx').on(t.startsAt),
    index('meetings_host_idx').on(t.hostUnitId),
  ],
);

export const meetingUnits = pgTable(
  'meeting_units',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.unitId] }), index('meeting_units_unit_idx').on(t.unitId)],
);

// People: chairs (chủ trì), delegates and guests, with their titles as printed.
export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    role: text('role', { enum: ['chair', 'delegate', 'guest', 'secretary'] }).notNull(),
    name: text('name').notNull(),
    title: text('title'),
    unitId: integer('unit_id').references(() => units.id),
  },
  (t) => [index('meeting_attendees_meeting_idx').on(t.meetingId)],
);

export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenter: text('presenter'),
  },
  (t) => [index('meeting_agenda_meeting_idx').on(t.meetingId)],
);

// Kết luận: each can become a task of the next plan (taskId), with its lead and cooperating units.
export const meetingConclusions = pgTable(
  'meeting_conclusions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    leadUnitId: integer('lead_unit_id').references(() => units.id),
    cooperatingUnitIds: jsonb('cooperating_unit_ids').$type<number[]>().notNull().default([]),
    dueDate: date('due_date', { mode: 'string' }),
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'set null' }),
  },
  (t) => [index('meeting_conclusions_meeting_idx').on(t.meetingId)],
);

// Báo cáo sơ kết / tổng kết drafted from approved data: editable sections, figures kept live
// until the author freezes them (frozen holds the figures as they were).
export const reviewReports = pgTable(
  'review_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    title: text('title').notNull(),
    issuingUnitId: integer('issuing_unit_id')
      .notNull()
      .references(() => units.id),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    /** The editable texts, by section key (situation, shortcomings, lessons, directions, proposals…). */
    sections: jsonb('sections').$type<Record<string, string>>().notNull().default({}),
    frozen: boolean('frozen').notNull().default(false),
    /** The assembled figures at the moment of freezing. */
    frozenData: jsonb('frozen_data'),
    docNumber: text('doc_number'),
    signerName: text('signer_name'),
    signerTitle: text('signer_title'),
    recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_reports_agreement_idx').on(t.agreementId, t.period)],
);

/** Every saved version of a review report's texts (and figures when frozen). */
export const reviewReportVersions = pgTable(
  'review_report_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reviewReportId: integer('review_report_id')
      .notNull()
      .references(() => reviewReports.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    sections: jsonb('sections').$type<Record<string, string>>().notNull(),
    frozen: boolean('frozen').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_report_versions_report_idx').on(t.reviewReportId, t.version)],
);

// Khen thưởng: proposals and decisions for collectives (a unit) and individuals.
export const awards = pgTable(
  'awards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    stage: text('stage', { enum: AWARD_STAGES }).notNull().default('proposal'),
    recipientKind: text('recipient_kind', { enum: AWARD_RECIPIENTS }).notNull(),
    /** The collective, or the individual's unit. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    personName: text('person_name'),
    personTitle: text('person_title'),
    /** "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Giấy khen của Bộ Chỉ huy BĐBP tỉnh"… */
    form: text('form').notNull(),
    achievement: text('achievement').notNull(),
    /** Links to what in the system proves it: tasks, reports, indicators. */
    evidence: jsonb('evidence')
      .$type<Array<{ type: 'task' | 'report' | 'indicator'; id: number }>>()
      .notNull()
      .default([]),
    agreementId: integer('agreement_id').references(() => agreements.id, { onDelete: 'set null' }),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    proposingUnitId: integer('proposing_unit_id').references(() => units.id),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date', { mode: 'string' }),
    decidingBody: text('deciding_body'),
    year: integer('year').notNull(),
    searchText: text('search_text').notNull(),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('awards_unit_idx').on(t.unitId),
    index('awards_meeting_idx').on(t.meetingId),
    index('awards_agreement_idx').on(t.agreementId),
  ],
);

import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { RECURRENCES, TASK_STATUSES, TASK_UNIT_ROLES, TIMEFRAME_KINDS } from '../../../contracts/tasks.ts';
import { agreements } from './agreements.ts';
import { units } from './units.ts';
import { users } from './users.ts';

// Nội dung phối hợp: the numbered content areas of a plan or regulation
// ("1. Về công tác tham mưu", "2. Phối hợp trong công tác tuyên truyền, vận động"…).
export const sections = pgTable(
  'sections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('sections_agreement_idx').on(t.agreementId, t.position)],
);

// Nhiệm vụ. Its time frame is stored as kind + the dates it resolves to (start, due), so
// "Quý II/2024" and "6 tháng đầu năm" compare like any date; overdue is derived, not stored.
export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    sectionId: integer('section_id').references(() => sections.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    title: text('title').notNull(),
    description: text('description'),
    expectedOutput: text('expected_output'),
    timeframeKind: text('timeframe_kind', { enum: TIMEFRAME_KINDS }).notNull(),
    recurrence: text('recurrence', { enum: RECURRENCES }),
    startDate: date('start_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('not_started'),
    cancelReason: text('cancel_reason'),
    progress: integer('progress').notNull().default(0),
    completedOn: date('completed_on', { mode: 'string' }),
    // Roll-over: the task of last year's plan this one continues.
    carriedFromId: integer('carried_from_id').references((): AnyPgColumn => tasks.id, {
      onDelete: 'set null',
    }),
    searchText: text('search_text').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tasks_agreement_idx').on(t.agreementId, t.position),
    index('tasks_section_idx').on(t.sectionId),
    index('tasks_due_idx').on(t.dueDate),
    index('tasks_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check('tasks_progress_range', sql`${t.progress} between 0 and 100`),
    check(
      'tasks_dates_order',
      sql`${t.dueDate} is null or ${t.startDate} is null or ${t.dueDate} >= ${t.startDate}`,
    ),
  ],
);

// Who does the task: exactly one lead (chủ trì), any cooperating (phối hợp) and implementing
// (thực hiện) units.
export const taskUnits = pgTable(
  'task_units',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role', { enum: TASK_UNIT_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.unitId, t.role] }),
    uniqueIndex('task_units_one_lead').on(t.taskId).where(sql`${t.role} = 'lead'`),
    // Scope lookups ("tasks naming units in this subtree") read task ids from the index alone.
    index('task_units_unit_idx').on(t.unitId, t.role, t.taskId),
  ],
);

// Occurrences of a recurring task ("hằng tháng", "hằng quý"), each with its own due date.
export const taskOccurrences = pgTable(
  'task_occurrences',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    periodLabel: text('period_label').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
  },
  (t) => [uniqueIndex('task_occurrences_due').on(t.taskId, t.dueDate)],
);

// Progress updates posted by any participating unit; comments are free discussion.
export const taskUpdates = pgTable(
  'task_updates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    progress: integer('progress'),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_updates_task_idx').on(t.taskId)],
);

export const taskComments = pgTable(
  'task_comments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    unitId: integer('unit_id').references(() => units.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_comments_task_idx').on(t.taskId)],
);

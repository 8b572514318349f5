import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { PERIOD_KINDS } from '../../../contracts/periods.ts';
import { REPORT_ACTIONS, REPORT_STATUSES } from '../../../contracts/reports.ts';
import { agreements } from './agreements.ts';
import { indicators } from './indicators.ts';
import { units } from './units.ts';
import { users } from './users.ts';

// Biểu mẫu báo cáo: for an agreement, which indicators and narrative sections, which units
// report, how often, by when, and whose leaders approve (in order).
export const reportForms = pgTable(
  'report_forms',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    frequency: text('frequency', { enum: PERIOD_KINDS }).notNull(),
    deadlineDay: integer('deadline_day').notNull(),
    deadlineMonthOffset: integer('deadline_month_offset').notNull().default(0),
    narrativeSections: jsonb('narrative_sections').$type<{ key: string; title: string }[]>().notNull(),
    approvalChain: jsonb('approval_chain').$type<number[]>().notNull(),
    allowSelfApproval: boolean('allow_self_approval').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_forms_agreement_idx').on(t.agreementId)],
);

export const reportFormIndicators = pgTable(
  'report_form_indicators',
  {
    formId: integer('form_id')
      .notNull()
      .references(() => reportForms.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    position: integer('position').notNull(),
    required: boolean('required').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.formId, t.indicatorId] })],
);

export const reportFormUnits = pgTable(
  'report_form_units',
  {
    formId: integer('form_id')
      .notNull()
      .references(() => reportForms.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.formId, t.unitId] }), index('report_form_units_unit_idx').on(t.unitId)],
);

// Báo cáo định kỳ: one per form, unit and period. `unitPath` is the unit's place in the tree
// as it was at the end of the period (unit_parent_history), so roll-ups of past periods keep
// the tree of their time even after the unit moves or is dissolved.
export const reports = pgTable(
  'reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    formId: integer('form_id')
      .notNull()
      .references(() => reportForms.id, { onDelete: 'cascade' }),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitPath: text('unit_path').notNull(),
    periodKind: text('period_kind', { enum: PERIOD_KINDS }).notNull(),
    periodKey: text('period_key').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    year: integer('year').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
    /** Approvals done along the form's chain. */
    approvalStep: integer('approval_step').notNull().default(0),
    narrative: jsonb('narrative').$type<Record<string, string>>().notNull().default({}),
    /** Generated example data for the dashboards (shown as such in the UI). */
    sample: boolean('sample').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedById: integer('submitted_by_id').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_key').on(t.formId, t.unitId, t.periodKey),
    index('reports_agreement_year_idx').on(t.agreementId, t.year, t.status),
    index('reports_unit_idx').on(t.unitId),
    index('reports_path_idx').on(t.unitPath.op('text_pattern_ops')),
  ],
);

// One value per indicator, category ('' = total) and location ('' = none) of a report.
export const reportValues = pgTable(
  'report_values',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    category: text('category').notNull().default(''),
    location: text('location').notNull().default(''),
    value: doublePrecision('value'),
    textValue: text('text_value'),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.indicatorId, t.category, t.location] }),
    index('report_values_indicator_idx').on(t.indicatorId),
  ],
);

// The report's history: every save, submission, approval, return and reopening, with the
// values and narrative as they stood (snapshot), so no update within a period is lost.
export const reportEvents = pgTable(
  'report_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    action: text('action', { enum: REPORT_ACTIONS }).notNull(),
    step: integer('step').notNull().default(0),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorUnitId: integer('actor_unit_id').references(() => units.id),
    comment: text('comment'),
    snapshot: jsonb('snapshot'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.id)],
);

// Approved values folded over time per unit and year (by each indicator's aggTime), kept in
// the same transaction as every approval or reopening (rollup/store.ts). Dashboards
// and yearly roll-ups read these few rows instead of every monthly value; `unitPath` is the
// path of the period (historic tree), so a unit that moved mid-year has a row per position.
export const reportValueYears = pgTable(
  'report_value_years',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitPath: text('unit_path').notNull(),
    year: integer('year').notNull(),
    category: text('category').notNull().default(''),
    location: text('location').notNull().default(''),
    value: doublePrecision('value'),
    reports: integer('reports').notNull().default(0),
    sample: boolean('sample').notNull().default(false),
    /** End of the latest period behind the value (for the 'last' rule across units). */
    asOf: date('as_of', { mode: 'string' }),
  },
  (t) => [
    primaryKey({
      columns: [t.agreementId, t.year, t.indicatorId, t.unitId, t.unitPath, t.category, t.location],
    }),
    index('report_value_years_indicator_idx').on(t.indicatorId, t.year),
    // A unit's dashboard: the rows of the units of its subtree for a year.
    index('report_value_years_unit_idx').on(t.unitId, t.year),
  ],
);

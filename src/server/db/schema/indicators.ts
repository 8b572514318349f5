import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  AGGREGATIONS,
  type Disaggregation,
  EXCHANGE_SOURCES,
  RULE_OPS,
  VALUE_TYPES,
} from '../../../contracts/indicators.ts';
import { agreements } from './agreements.ts';
import { sections, tasks } from './tasks.ts';
import { units } from './units.ts';

// Danh mục chỉ tiêu: what is counted, its unit of measure, value type, and how values add up
// over the unit tree (aggUnits) and over time (aggTime).
export const indicators = pgTable(
  'indicators',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    uom: text('uom').notNull(),
    valueType: text('value_type', { enum: VALUE_TYPES }).notNull(),
    aggUnits: text('agg_units', { enum: AGGREGATIONS }).notNull(),
    aggTime: text('agg_time', { enum: AGGREGATIONS }).notNull(),
    // Two parties counting the same commune: the agreement total takes each location once.
    dedupByLocation: boolean('dedup_by_location').notNull().default(false),
    minValue: doublePrecision('min_value'),
    maxValue: doublePrecision('max_value'),
    required: boolean('required').notNull().default(false),
    disaggregation: jsonb('disaggregation').$type<Disaggregation | null>(),
    description: text('description'),
    // Counted from the information exchange (bulletins) instead of typed: exchange/counts.ts.
    exchangeSource: text('exchange_source', { enum: EXCHANGE_SOURCES }),
    active: boolean('active').notNull().default(true),
    searchText: text('search_text').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicators_code_idx').on(t.code),
    index('indicators_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check(
      'indicators_range',
      sql`${t.minValue} is null or ${t.maxValue} is null or ${t.maxValue} >= ${t.minValue}`,
    ),
  ],
);

// Cross-field rules: indicator `op` other indicator (members ≥ teams), checked per report.
export const indicatorRules = pgTable(
  'indicator_rules',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    op: text('op', { enum: RULE_OPS }).notNull(),
    otherIndicatorId: integer('other_indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    message: text('message'),
  },
  (t) => [index('indicator_rules_indicator_idx').on(t.indicatorId)],
);

// Which agreements (and optionally which of their sections or tasks) an indicator measures.
export const indicatorLinks = pgTable(
  'indicator_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    sectionId: integer('section_id').references(() => sections.id, { onDelete: 'cascade' }),
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('indicator_links_agreement_idx').on(t.agreementId),
    index('indicator_links_indicator_idx').on(t.indicatorId),
  ],
);

// Chỉ tiêu kế hoạch: a target per agreement, unit and year.
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [uniqueIndex('indicator_targets_key').on(t.agreementId, t.indicatorId, t.unitId, t.year)],
);

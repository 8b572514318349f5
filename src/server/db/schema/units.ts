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
} from 'drizzle-orm/pg-core';
import { UNIT_KINDS } from '../../../contracts/units.ts';

export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    // Materialised path of ids including this unit ("/3/17/42/"): subtree = LIKE '/3/17/%'.
    path: text('path').notNull(),
    depth: integer('depth').notNull().default(0),
    provinceName: text('province_name'),
    provinceCode: text('province_code'),
    communeName: text('commune_name'),
    communeCode: text('commune_code'),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    closedReason: text('closed_reason'),
    // Diacritic-folded name, abbreviation and expansions (contracts/text.ts), trigram-indexed.
    searchText: text('search_text').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path.op('text_pattern_ops')),
    index('units_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check(
      'units_valid_interval',
      sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

// Dissolved or merged units name their successors (the 2025 reform: Huyện ủy → Đảng ủy xã…).
export const unitSuccessors = pgTable(
  'unit_successors',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    successorId: integer('successor_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.successorId] }),
    index('unit_successors_succ_idx').on(t.successorId),
  ],
);

// Where a unit sat in the tree over time, so a report for a past period can use the tree as
// it was then. The open row (valid_to null) mirrors units.parent_id.
export const unitParentHistory = pgTable(
  'unit_parent_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    parentId: integer('parent_id').references(() => units.id),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    index('unit_parent_history_unit_idx').on(t.unitId),
    index('unit_parent_history_parent_idx').on(t.parentId),
  ],
);

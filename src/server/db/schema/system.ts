import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

// Change counters kept by statement-level triggers (migrations 0003, 0006): 'units' moves on
// any write to units, 'auth' on any change to users, grants, sessions, API tokens or units,
// 'plans' on any write to agreements, their parties, sections, tasks or task units; 'rollup'
// (migration 0009) on any write to the yearly roll-up rows, targets, indicators, their links,
// report forms and their indicators, or unit successions.
// Every app instance compares them with the copy it cached, so an in-memory cache is never
// stale, whoever wrote to the database (another instance, the CLI, a test factory).
export const cacheRevisions = pgTable('cache_revisions', {
  name: text('name').primaryKey(),
  revision: bigint('revision', { mode: 'number' }).notNull().default(0),
});

import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { BULLETIN_KINDS, SENSITIVITIES } from '../../../contracts/exchange.ts';
import { agreements } from './agreements.ts';
import { units } from './units.ts';
import { users } from './users.ts';

// Bulletins (thông tin trao đổi) from one unit to partner units; never state secrets.
export const bulletins = pgTable(
  'bulletins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    senderUnitId: integer('sender_unit_id')
      .notNull()
      .references(() => units.id),
    agreementId: integer('agreement_id').references(() => agreements.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: BULLETIN_KINDS }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITIES }).notNull().default('thuong'),
    /** The day the information was received or the event happened: the period it counts in. */
    occurredOn: date('occurred_on', { mode: 'string' })
      .notNull()
      .default(sql`(now() at time zone 'Asia/Ho_Chi_Minh')::date`),
    /** Response deadline of a coordination request. */
    respondBy: date('respond_by', { mode: 'string' }),
    /** When a recipient first replied to a request. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The recipient unit whose reply answered the request (counted as its answered request). */
    answeredByUnitId: integer('answered_by_unit_id').references((): AnyPgColumn => units.id),
    replyToId: integer('reply_to_id').references((): AnyPgColumn => bulletins.id),
    /** The first bulletin of the thread (its own id for a new bulletin). */
    threadId: integer('thread_id'),
    searchText: text('search_text').notNull(),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bulletins_sender_idx').on(t.senderUnitId),
    index('bulletins_thread_idx').on(t.threadId),
    index('bulletins_created_idx').on(t.createdAt),
    index('bulletins_counts_idx').on(t.agreementId, t.senderUnitId, t.occurredOn),
  ],
);

export const bulletinRecipients = pgTable(
  'bulletin_recipients',
  {
    bulletinId: integer('bulletin_id')
      .notNull()
      .references(() => bulletins.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedById: integer('acknowledged_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.bulletinId, t.unitId] }),
    index('bulletin_recipients_unit_idx').on(t.unitId),
  ],
);

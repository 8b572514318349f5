import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
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
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, LEGAL_DOC_TYPES } from '../../../contracts/agreements.ts';
import { units } from './units.ts';
import { users } from './users.ts';

// Văn bản căn cứ: the legal documents agreements rest on ("Kết luận số 65-KL/TW ngày
// 30/10/2019 của Bộ Chính trị"), kept once and reused by every agreement.
export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    docType: text('doc_type', { enum: LEGAL_DOC_TYPES }).notNull(),
    // As written officially ("65-KL/TW", "120/2020/QH14"); numberKey is its normalised form
    // (case, spaces, dashes, "số") so the same document typed twice is found, not duplicated.
    number: text('number').notNull(),
    numberKey: text('number_key').notNull(),
    issuer: text('issuer'),
    issuedOn: date('issued_on', { mode: 'string' }),
    subject: text('subject').notNull(),
    searchText: text('search_text').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('legal_documents_number_key').on(t.numberKey),
    index('legal_documents_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
  ],
);

// Văn bản phối hợp: a program (phase of years), a regulation (open-ended) or a plan
// (usually a year, optionally under a program). Its text is versioned in agreement_versions.
export const agreements = pgTable(
  'agreements',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: AGREEMENT_KINDS }).notNull(),
    // A yearly plan belongs to its program.
    programId: integer('program_id').references((): AnyPgColumn => agreements.id),
    subject: text('subject').notNull(),
    docNumber: text('doc_number'),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull().default('draft'),
    signedOn: date('signed_on', { mode: 'string' }),
    signedPlace: text('signed_place'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    year: integer('year'),
    purpose: text('purpose'),
    requirements: text('requirements'),
    body: text('body'),
    currentVersion: integer('current_version').notNull().default(1),
    // The unit that drafts and keeps the agreement (one of the parties).
    ownerUnitId: integer('owner_unit_id')
      .notNull()
      .references(() => units.id),
    supersededById: integer('superseded_by_id').references((): AnyPgColumn => agreements.id),
    searchText: text('search_text').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agreements_program_idx').on(t.programId),
    index('agreements_owner_idx').on(t.ownerUnitId),
    index('agreements_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check(
      'agreements_valid_interval',
      sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

// The parties (two or more units) and who signs for each.
export const agreementParties = pgTable(
  'agreement_parties',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    position: integer('position').notNull().default(0),
    signatoryName: text('signatory_name'),
    signatoryTitle: text('signatory_title'),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.unitId] }),
    index('agreement_parties_unit_idx').on(t.unitId),
  ],
);

export const agreementLegalBases = pgTable(
  'agreement_legal_bases',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    legalDocumentId: integer('legal_document_id')
      .notNull()
      .references(() => legalDocuments.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.legalDocumentId] })],
);

// Every draft circulated for comment, and every amendment (bổ sung) after signing, is a
// numbered version; the agreement row holds the latest.
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['draft', 'amendment'] }).notNull(),
    subject: text('subject').notNull(),
    purpose: text('purpose'),
    requirements: text('requirements'),
    body: text('body'),
    note: text('note'),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agreement_versions_number').on(t.agreementId, t.number)],
);

// Parties' comments on a draft version during consultation.
export const agreementComments = pgTable(
  'agreement_comments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreement_comments_agreement_idx').on(t.agreementId)],
);

// Files (scans, DOCX, images) stored under the data directory, behind the permission checks
// of what they are attached to.
export const attachments = pgTable(
  'attachments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ownerType: text('owner_type', {
      enum: ['agreement', 'task_update', 'report', 'meeting', 'bulletin'],
    }).notNull(),
    ownerId: integer('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId)],
);

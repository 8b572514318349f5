import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  LegalDocument,
  legalDocumentInput,
  legalDocumentListQuery,
  legalDocumentUpdate,
} from '../../../contracts/agreements.ts';
import { searchIndexText, searchTokens } from '../../../contracts/text.ts';
import type { Db, Queryable } from '../../db/client.ts';
import { agreementLegalBases, legalDocuments } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { holdsAnywhere } from '../access/scope.ts';
import { recordAudit } from '../audit/service.ts';
import { LEGAL_DOC_TYPE_NAMES, legalCitation, normalizeDocNumber } from './number.ts';

type Row = typeof legalDocuments.$inferSelect;

export function presentLegalDocument(row: Row) {
  return {
    id: row.id,
    docType: row.docType,
    number: row.number,
    issuer: row.issuer,
    issuedOn: row.issuedOn,
    subject: row.subject,
    version: row.version,
    citation: legalCitation(row),
  };
}

/** What the register is searched by: type ("Kết luận"), number, issuer and subject. */
export const legalDocumentSearchText = (r: {
  docType: LegalDocument['docType'];
  number: string;
  issuer?: string | null;
  subject: string;
}) => searchIndexText(LEGAL_DOC_TYPE_NAMES[r.docType], r.number, r.issuer, r.subject);

async function load(db: Queryable, id: number): Promise<Row> {
  const [row] = await db.select().from(legalDocuments).where(eq(legalDocuments.id, id));
  if (!row) throw notFound();
  return row;
}

async function assertNoDuplicate(db: Queryable, key: string, exceptId?: number) {
  const [existing] = await db
    .select({ id: legalDocuments.id })
    .from(legalDocuments)
    .where(eq(legalDocuments.numberKey, key));
  if (existing && existing.id !== exceptId) {
    throw new AppError('LEGAL_DOC_EXISTS', {
      fields: [{ path: 'number', message: `Số hiệu văn bản đã có trong danh mục (văn bản #${existing.id})` }],
      detail: String(existing.id),
    });
  }
}

export async function listLegalDocuments(db: Db, q: z.infer<typeof legalDocumentListQuery>) {
  const conds = searchTokens(q.q ?? '').map((t) => like(legalDocuments.searchText, `%${t}%`));
  if (q.docType) conds.push(eq(legalDocuments.docType, q.docType));
  if (q.number) conds.push(eq(legalDocuments.numberKey, normalizeDocNumber(q.number).key));
  const where = and(...conds);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(legalDocuments).where(where);
  const rows = await db
    .select()
    .from(legalDocuments)
    .where(where)
    .orderBy(asc(legalDocuments.issuedOn), asc(legalDocuments.id))
    .limit(q.limit)
    .offset(q.offset);
  return { total: counted?.total ?? 0, items: rows.map(presentLegalDocument) };
}

export async function getLegalDocument(db: Db, id: number) {
  return presentLegalDocument(await load(db, id));
}

export async function createLegalDocument(db: Db, actor: Actor, body: z.infer<typeof legalDocumentInput>) {
  if (!holdsAnywhere(actor, 'officer')) throw forbidden();
  const { number, key } = normalizeDocNumber(body.number);
  return db.transaction(async (tx) => {
    await assertNoDuplicate(tx, key);
    const values = {
      ...body,
      number,
      numberKey: key,
      issuedOn: body.issuedOn ?? null,
      issuer: body.issuer ?? null,
    };
    const [row] = await tx
      .insert(legalDocuments)
      .values({ ...values, searchText: legalDocumentSearchText(values) })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, {
      action: 'legal_document.create',
      entityType: 'legal_document',
      entityId: row.id,
      after: row,
    });
    return presentLegalDocument(row);
  });
}

export async function updateLegalDocument(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof legalDocumentUpdate>,
) {
  if (!holdsAnywhere(actor, 'officer')) throw forbidden();
  return db.transaction(async (tx) => {
    const before = await load(tx, id);
    if (before.version !== body.version) throw conflict();
    const { version, ...changes } = body;
    const next = { ...before, ...changes };
    if (changes.number !== undefined) {
      const n = normalizeDocNumber(changes.number);
      next.number = n.number;
      next.numberKey = n.key;
      await assertNoDuplicate(tx, n.key, id);
    }
    const [after] = await tx
      .update(legalDocuments)
      .set({
        docType: next.docType,
        number: next.number,
        numberKey: next.numberKey,
        issuer: next.issuer ?? null,
        issuedOn: next.issuedOn ?? null,
        subject: next.subject,
        searchText: legalDocumentSearchText(next),
        version: sql`${legalDocuments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(legalDocuments.id, id), eq(legalDocuments.version, version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, {
      action: 'legal_document.update',
      entityType: 'legal_document',
      entityId: id,
      before,
      after,
    });
    return presentLegalDocument(after);
  });
}

export async function deleteLegalDocument(db: Db, actor: Actor, id: number, version: number) {
  if (!holdsAnywhere(actor, 'officer')) throw forbidden();
  await db.transaction(async (tx) => {
    const before = await load(tx, id);
    if (before.version !== version) throw conflict();
    const [used] = await tx
      .select({ n: sql<number>`1` })
      .from(agreementLegalBases)
      .where(eq(agreementLegalBases.legalDocumentId, id))
      .limit(1);
    if (used) throw new AppError('IN_USE');
    await tx.delete(legalDocuments).where(eq(legalDocuments.id, id));
    await recordAudit(tx, {
      action: 'legal_document.delete',
      entityType: 'legal_document',
      entityId: id,
      before,
    });
  });
}

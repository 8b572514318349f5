import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { ATTACHMENT_OWNER_TYPES, Attachment } from '../../../contracts/attachments.ts';
import type { Queryable } from '../../db/client.ts';
import { attachments, users } from '../../db/schema/index.ts';

// Reading attached files, apart from the upload and access logic in service.ts, so the owners'
// modules (reports, meetings, bulletins) list their files without importing that service back.

/** Attachment rows matching `where`, oldest first, with the uploader's name. */
export async function listAttachmentsWhere(db: Queryable, where: SQL | undefined): Promise<Attachment[]> {
  const rows = await db
    .select({ row: attachments, createdBy: users.fullName })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.createdById))
    .where(where)
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.map(({ row, createdBy }) => ({
    id: row.id,
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
    createdBy,
  }));
}

/** The files of one owner (the caller has checked the actor may see the owner). */
export function listOwnerAttachments(
  db: Queryable,
  ownerType: (typeof ATTACHMENT_OWNER_TYPES)[number],
  ownerId: number,
): Promise<Attachment[]> {
  return listAttachmentsWhere(
    db,
    and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)),
  );
}

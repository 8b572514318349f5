import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Attachment } from '../../../contracts/attachments.ts';
import type { Db, Queryable } from '../../db/client.ts';
import { attachments, taskUpdates, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { atLeast, roleOn } from '../access/scope.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { bulletinForAttachment } from '../exchange/service.ts';
import { loadMeeting } from '../meetings/load.ts';
import { reportForAttachment } from '../reports/service.ts';
import { getTask } from '../tasks/service.ts';
import { acceptedMimeType } from './fileType.ts';
import { listAttachmentsWhere, listOwnerAttachments } from './list.ts';
import { moveIntoPlace, newStorageKey, openStored, removeQuietly, storedPath, writeTemp } from './storage.ts';

/** What a file is attached to. */
export type Owner =
  | { type: 'agreement'; id: number }
  | { type: 'task_update'; taskId: number; updateId: number }
  | { type: 'report'; id: number }
  | { type: 'meeting'; id: number }
  | { type: 'bulletin'; id: number };

/** Where the actor may attach (agreement: abilities.attach; update: may post updates on its task). */
async function authorizeAttach(db: Queryable, actor: Actor, owner: Owner) {
  if (owner.type === 'agreement') {
    const a = await loadAgreement(db, actor, owner.id);
    if (!a.abilities.attach) throw forbidden();
    return { ownerId: owner.id, scopeUnitId: a.row.ownerUnitId };
  }
  if (owner.type === 'meeting') {
    // A meeting's documents: those who may edit the meeting attach them.
    const m = await loadMeeting(db, actor, owner.id);
    if (!m.abilities.update) throw forbidden();
    return { ownerId: owner.id, scopeUnitId: m.row.hostUnitId };
  }
  if (owner.type === 'bulletin') {
    // A bulletin's files: those acting for the sender unit attach them; recipients only read.
    const b = await bulletinForAttachment(db, actor, owner.id);
    if (!b.attach) throw forbidden();
    return { ownerId: b.id, scopeUnitId: b.senderUnitId };
  }
  if (owner.type === 'report') {
    const r = await reportForAttachment(db, actor, owner.id);
    assertReportOpen(r.status);
    if (!r.attach) throw forbidden();
    return { ownerId: r.id, scopeUnitId: r.unitId };
  }
  const task = await getTask(db, actor, owner.taskId);
  const [update] = await db
    .select({ id: taskUpdates.id })
    .from(taskUpdates)
    .where(and(eq(taskUpdates.id, owner.updateId), eq(taskUpdates.taskId, owner.taskId)));
  if (!update) throw notFound();
  if (!task.abilities.postUpdate) throw forbidden();
  return { ownerId: update.id, scopeUnitId: task.lead.id };
}

/** Evidence of an approved report is locked with it; a submitted one waits for its decision. */
function assertReportOpen(status: string) {
  if (status === 'approved') throw new AppError('REPORT_LOCKED');
  if (status === 'submitted') throw new AppError('REPORT_WRONG_STATE');
}

/** Fails early (before the upload is read) when the actor may not attach here. */
export async function assertMayAttach(db: Queryable, actor: Actor, owner: Owner): Promise<void> {
  await authorizeAttach(db, actor, owner);
}

/**
 * Stores an uploaded file: type by content (415), bytes to a temporary file, then in one
 * transaction the row, the audit entry and the rename into place. Whatever fails, neither a
 * row nor a file is left behind.
 */
export async function storeAttachment(
  db: Db,
  root: string,
  actor: Actor,
  owner: Owner,
  file: { fileName: string; data: Buffer },
): Promise<Attachment> {
  const mimeType = await acceptedMimeType(file.fileName, file.data);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const storageKey = newStorageKey(sha256);
  const temp = await writeTemp(root, file.data);
  try {
    const id = await db.transaction(async (tx) => {
      const { ownerId, scopeUnitId } = await authorizeAttach(tx, actor, owner);
      const [row] = await tx
        .insert(attachments)
        .values({
          ownerType: owner.type,
          ownerId,
          fileName: file.fileName,
          mimeType,
          size: file.data.length,
          sha256,
          storageKey,
          createdById: actor.userId,
        })
        .returning();
      if (!row) throw new AppError('INTERNAL');
      await recordAudit(tx, {
        action: 'attachment.create',
        entityType: owner.type === 'task_update' ? 'task' : owner.type,
        entityId: owner.type === 'task_update' ? owner.taskId : owner.id,
        scopeUnitId,
        after: row,
      });
      await moveIntoPlace(root, temp, storageKey);
      return row.id;
    });
    const [created] = await listAttachmentsWhere(db, eq(attachments.id, id));
    if (!created) throw new AppError('INTERNAL');
    return created;
  } catch (err) {
    await removeQuietly(temp);
    await removeQuietly(storedPath(root, storageKey));
    throw err;
  }
}

/** The files attached to an agreement the actor can see. */
export async function listAgreementAttachments(db: Queryable, actor: Actor, agreementId: number) {
  await loadAgreement(db, actor, agreementId);
  return listOwnerAttachments(db, 'agreement', agreementId);
}

/**
 * The attachment if the actor can see what it is attached to (404 otherwise), with the unit
 * that keeps the owner: the agreement's owner unit, or the unit that posted the update.
 */
async function loadVisible(db: Queryable, actor: Actor, id: number) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw notFound();
  if (row.ownerType === 'agreement') {
    const a = await loadAgreement(db, actor, row.ownerId);
    return {
      row,
      keeperPath: a.ownerPath,
      scopeUnitId: a.row.ownerUnitId,
      entityType: 'agreement',
      entityId: row.ownerId,
      reportStatus: null,
    };
  }
  if (row.ownerType === 'meeting') {
    const m = await loadMeeting(db, actor, row.ownerId);
    return {
      row,
      keeperPath: m.hostPath,
      scopeUnitId: m.row.hostUnitId,
      entityType: 'meeting',
      entityId: row.ownerId,
      reportStatus: null,
    };
  }
  if (row.ownerType === 'bulletin') {
    const b = await bulletinForAttachment(db, actor, row.ownerId);
    return {
      row,
      keeperPath: b.senderPath,
      scopeUnitId: b.senderUnitId,
      entityType: 'bulletin',
      entityId: b.id,
      reportStatus: null,
    };
  }
  if (row.ownerType === 'report') {
    const r = await reportForAttachment(db, actor, row.ownerId);
    return {
      row,
      keeperPath: r.unitPath,
      scopeUnitId: r.unitId,
      entityType: 'report',
      entityId: r.id,
      reportStatus: r.status as string | null,
    };
  }
  const [update] = await db
    .select({ taskId: taskUpdates.taskId, unitPath: units.path })
    .from(taskUpdates)
    .innerJoin(units, eq(units.id, taskUpdates.unitId))
    .where(eq(taskUpdates.id, row.ownerId));
  if (!update) throw notFound();
  const task = await getTask(db, actor, update.taskId);
  return {
    row,
    keeperPath: update.unitPath,
    scopeUnitId: task.lead.id,
    entityType: 'task',
    entityId: update.taskId,
    reportStatus: null,
  };
}

/** An open handle on the stored bytes, with what the response needs to describe them. */
export async function openAttachment(db: Queryable, root: string, actor: Actor, id: number) {
  const { row } = await loadVisible(db, actor, id);
  const handle = await openStored(root, row.storageKey);
  if (!handle) throw notFound();
  return { handle, fileName: row.fileName, mimeType: row.mimeType, size: row.size };
}

/** Deletes by the uploader or an officer of the keeping unit; the file goes after the commit. */
export async function deleteAttachment(db: Db, root: string, actor: Actor, id: number): Promise<void> {
  const row = await db.transaction(async (tx) => {
    const { row, keeperPath, scopeUnitId, entityType, entityId, reportStatus } = await loadVisible(
      tx,
      actor,
      id,
    );
    if (reportStatus !== null) assertReportOpen(reportStatus);
    const uploader = row.createdById !== null && row.createdById === actor.userId;
    if (!uploader && !atLeast(roleOn(actor, keeperPath), 'officer')) throw forbidden();
    await tx.delete(attachments).where(eq(attachments.id, id));
    await recordAudit(tx, {
      action: 'attachment.delete',
      entityType,
      entityId,
      scopeUnitId,
      before: row,
    });
    return row;
  });
  await removeQuietly(storedPath(root, row.storageKey));
}

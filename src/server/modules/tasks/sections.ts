import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { reorderBody, sectionInput, sectionUpdate } from '../../../contracts/tasks.ts';
import type { Db, Queryable } from '../../db/client.ts';
import { sections, tasks } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';

export async function listSections(db: Db, actor: Actor, agreementId: number) {
  await loadAgreement(db, actor, agreementId);
  return db
    .select({
      id: sections.id,
      agreementId: sections.agreementId,
      position: sections.position,
      title: sections.title,
      version: sections.version,
    })
    .from(sections)
    .where(eq(sections.agreementId, agreementId))
    .orderBy(asc(sections.position), asc(sections.id));
}

export async function createSection(
  db: Db,
  actor: Actor,
  agreementId: number,
  body: z.infer<typeof sectionInput>,
) {
  return db.transaction(async (tx) => {
    const a = await loadAgreement(tx, actor, agreementId);
    if (!a.abilities.manageTasks) throw forbidden();
    const [{ max }] = (await tx
      .select({ max: sql<number>`coalesce(max(${sections.position}), 0)::int` })
      .from(sections)
      .where(eq(sections.agreementId, agreementId))) as [{ max: number }];
    const [row] = await tx
      .insert(sections)
      .values({ agreementId, title: body.title, position: body.position ?? max + 1 })
      .returning();
    await recordAudit(tx, {
      action: 'section.create',
      entityType: 'section',
      entityId: row?.id,
      scopeUnitId: a.row.ownerUnitId,
      after: row,
    });
    return row as NonNullable<typeof row>;
  });
}

async function loadSection(tx: Queryable, actor: Actor, id: number) {
  const [s] = await tx.select().from(sections).where(eq(sections.id, id));
  if (!s) throw notFound();
  const a = await loadAgreement(tx, actor, s.agreementId);
  if (!a.abilities.manageTasks) throw forbidden();
  return { s, a };
}

export async function updateSection(db: Db, actor: Actor, id: number, body: z.infer<typeof sectionUpdate>) {
  return db.transaction(async (tx) => {
    const { s, a } = await loadSection(tx, actor, id);
    if (s.version !== body.version) throw conflict();
    const [after] = await tx
      .update(sections)
      .set({
        ...(body.title !== undefined && { title: body.title }),
        ...(body.position !== undefined && { position: body.position }),
        version: sql`${sections.version} + 1`,
      })
      .where(and(eq(sections.id, id), eq(sections.version, body.version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, {
      action: 'section.update',
      entityType: 'section',
      entityId: id,
      scopeUnitId: a.row.ownerUnitId,
      before: s,
      after,
    });
    return after;
  });
}

/** Deleting a section keeps its tasks (they become unsectioned). */
export async function deleteSection(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const { s, a } = await loadSection(tx, actor, id);
    await tx.update(tasks).set({ sectionId: null }).where(eq(tasks.sectionId, id));
    await tx.delete(sections).where(eq(sections.id, id));
    await recordAudit(tx, {
      action: 'section.delete',
      entityType: 'section',
      entityId: id,
      scopeUnitId: a.row.ownerUnitId,
      before: s,
    });
  });
}

/** Renumbers the sections 1..n in the given order; the ids must be exactly the agreement's sections. */
export async function reorderSections(
  db: Db,
  actor: Actor,
  agreementId: number,
  body: z.infer<typeof reorderBody>,
) {
  await db.transaction(async (tx) => {
    const a = await loadAgreement(tx, actor, agreementId);
    if (!a.abilities.manageTasks) throw forbidden();
    const current = await tx
      .select({ id: sections.id })
      .from(sections)
      .where(eq(sections.agreementId, agreementId));
    const have = new Set(current.map((r) => r.id));
    if (
      body.ids.length !== have.size ||
      new Set(body.ids).size !== have.size ||
      body.ids.some((i) => !have.has(i))
    ) {
      throw invalidField('ids', 'Danh sách phải gồm đúng các nội dung của văn bản, mỗi nội dung một lần.');
    }
    for (const [i, sid] of body.ids.entries()) {
      await tx
        .update(sections)
        .set({ position: i + 1, version: sql`${sections.version} + 1` })
        .where(eq(sections.id, sid));
    }
    await recordAudit(tx, {
      action: 'section.reorder',
      entityType: 'agreement',
      entityId: agreementId,
      scopeUnitId: a.row.ownerUnitId,
      after: { ids: body.ids },
    });
  });
}

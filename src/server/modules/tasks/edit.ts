import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { id } from '../../../contracts/common.ts';
import {
  reorderBody,
  type Timeframe,
  type taskReassignBody,
  type taskUpdateBody,
} from '../../../contracts/tasks.ts';
import type { Db, Queryable } from '../../db/client.ts';
import { sections, taskOccurrences, tasks, taskUnits } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { assertLeadAllowed, assertUnitsExist, normaliseTaskUnits } from './leadRule.ts';
import { getTask } from './service.ts';
import { taskSearchText, timeframeColumns } from './stored.ts';
import { timeframeOccurrences } from './timeframes.ts';

// Editing, reassigning, deleting and reordering tasks. Every change checks the task's
// `version` (a stale one is 409 VERSION_CONFLICT and nothing changes) and writes its audit
// row in the same transaction.

type PatchBody = z.infer<typeof taskUpdateBody>;

/**
 * Reorder body: `ids` in their new order. Without `sectionId` they must be exactly the
 * agreement's tasks (positions 1..n across the plan). With `sectionId` (a section of the
 * agreement, or null for "no section") they are the complete new content of that section:
 * listed tasks from elsewhere in the agreement move into it, and every task already in it
 * must be listed; they are numbered 1..n (tasks are shown by section, then position).
 */
export const taskReorderBody = reorderBody.extend({ sectionId: id.nullable().optional() });

export const deleteQuery = z.strictObject({ version: z.coerce.number().int().positive() });

/** The stored columns of a time frame (kind, recurrence and the dates it resolves to). */
type Detail = Awaited<ReturnType<typeof getTask>>;

const unitImage = (t: Pick<Detail, 'lead' | 'cooperating' | 'implementing'>) => ({
  leadUnitId: t.lead.id,
  cooperatingUnitIds: t.cooperating.map((u) => u.id),
  implementingUnitIds: t.implementing.map((u) => u.id),
});

const FIELD_KEYS = [
  'sectionId',
  'title',
  'description',
  'expectedOutput',
  'timeframe',
  'cooperatingUnitIds',
  'implementingUnitIds',
] as const;

/** Recurring occurrences for the new time frame; those with an unchanged due date keep their completion. */
async function regenerateOccurrences(tx: Queryable, taskId: number, tf: Timeframe) {
  const next = timeframeOccurrences(tf);
  const existing = await tx
    .select({ id: taskOccurrences.id, dueDate: taskOccurrences.dueDate })
    .from(taskOccurrences)
    .where(eq(taskOccurrences.taskId, taskId));
  const nextDue = new Map(next.map((o) => [o.dueDate, o]));
  const gone = existing.filter((o) => !nextDue.has(o.dueDate)).map((o) => o.id);
  if (gone.length) await tx.delete(taskOccurrences).where(inArray(taskOccurrences.id, gone));
  for (const o of existing) {
    const same = nextDue.get(o.dueDate);
    if (same)
      await tx
        .update(taskOccurrences)
        .set({ periodLabel: same.periodLabel })
        .where(eq(taskOccurrences.id, o.id));
  }
  const have = new Set(existing.map((o) => o.dueDate));
  const added = next.filter((o) => !have.has(o.dueDate));
  if (added.length) await tx.insert(taskOccurrences).values(added.map((o) => ({ taskId, ...o })));
}

async function applyEdit(
  tx: Queryable,
  actor: Actor,
  before: Detail,
  body: PatchBody & { reason?: string | null | undefined },
  action: 'task.update' | 'task.reassign',
) {
  const taskId = before.id;
  const leadChange = body.leadUnitId !== undefined && body.leadUnitId !== before.lead.id;
  const fieldChange = FIELD_KEYS.some((k) => body[k] !== undefined);
  if (fieldChange && !before.abilities.update) throw forbidden();
  if (leadChange && !before.abilities.reassign) throw forbidden();
  if (!fieldChange && !leadChange && !before.abilities.update && !before.abilities.reassign)
    throw forbidden();
  if (before.version !== body.version) throw conflict();
  const agreement = await loadAgreement(tx, actor, before.agreementId);

  const set: Partial<typeof tasks.$inferInsert> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.description !== undefined) set.description = body.description;
  if (body.expectedOutput !== undefined) set.expectedOutput = body.expectedOutput;
  if (body.sectionId !== undefined) {
    if (body.sectionId !== null) {
      const [s] = await tx
        .select({ id: sections.id })
        .from(sections)
        .where(and(eq(sections.id, body.sectionId), eq(sections.agreementId, before.agreementId)));
      if (!s) throw invalidField('sectionId', 'Nội dung phối hợp không thuộc văn bản của nhiệm vụ này.');
    }
    set.sectionId = body.sectionId;
  }
  if (body.timeframe) Object.assign(set, timeframeColumns(body.timeframe));
  set.searchText = taskSearchText({
    title: set.title ?? before.title,
    description: set.description === undefined ? before.description : set.description,
    expectedOutput: set.expectedOutput === undefined ? before.expectedOutput : set.expectedOutput,
  });

  const unitsChange =
    leadChange || body.cooperatingUnitIds !== undefined || body.implementingUnitIds !== undefined;
  const old = unitImage(before);
  let leadUnitId = old.leadUnitId;
  if (leadChange && body.leadUnitId !== undefined) {
    leadUnitId = (await assertLeadAllowed(tx, agreement.parties, body.leadUnitId, body.confirmDelegatedLead))
      .id;
  }
  const { coop, impl } = normaliseTaskUnits(
    leadUnitId,
    body.cooperatingUnitIds ?? old.cooperatingUnitIds,
    body.implementingUnitIds ?? old.implementingUnitIds,
  );
  if (body.cooperatingUnitIds) await assertUnitsExist(tx, 'cooperatingUnitIds', coop);
  if (body.implementingUnitIds) await assertUnitsExist(tx, 'implementingUnitIds', impl);

  const [after] = await tx
    .update(tasks)
    .set({ ...set, version: sql`${tasks.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(tasks.id, taskId), eq(tasks.version, body.version)))
    .returning();
  if (!after) throw conflict();
  if (unitsChange) {
    await tx.delete(taskUnits).where(eq(taskUnits.taskId, taskId));
    await tx
      .insert(taskUnits)
      .values([
        { taskId, unitId: leadUnitId, role: 'lead' as const },
        ...coop.map((unitId) => ({ taskId, unitId, role: 'cooperating' as const })),
        ...impl.map((unitId) => ({ taskId, unitId, role: 'implementing' as const })),
      ]);
  }
  if (body.timeframe) await regenerateOccurrences(tx, taskId, body.timeframe);
  const { occurrences: _o, updates: _u, comments: _c, abilities: _a, myRoles: _m, ...beforeRow } = before;
  await recordAudit(tx, {
    action,
    entityType: 'task',
    entityId: taskId,
    scopeUnitId: leadUnitId,
    before: { ...beforeRow, ...old },
    after: {
      ...after,
      leadUnitId,
      cooperatingUnitIds: coop,
      implementingUnitIds: impl,
      ...(body.reason ? { reason: body.reason } : {}),
    },
  });
}

/**
 * Edits a task's fields (needs abilities.update, the agreement's manageTasks). Changing the
 * lead is a reassignment (needs abilities.reassign: a leader of a party) under the same lead
 * rule as creating. A lead also listed as cooperating/implementing is dropped from those.
 */
export async function updateTask(db: Db, actor: Actor, taskId: number, body: PatchBody) {
  await db.transaction(async (tx) =>
    applyEdit(tx, actor, await getTask(tx, actor, taskId), body, 'task.update'),
  );
}

/** Gives the task to another lead unit (leaders of a party), with an optional reason. */
export async function reassignTask(
  db: Db,
  actor: Actor,
  taskId: number,
  body: z.infer<typeof taskReassignBody>,
) {
  await db.transaction(async (tx) => {
    const before = await getTask(tx, actor, taskId);
    if (!before.abilities.reassign) throw forbidden();
    if (before.lead.id === body.leadUnitId) {
      throw invalidField('leadUnitId', 'Đơn vị này đã là đơn vị chủ trì của nhiệm vụ.');
    }
    await applyEdit(tx, actor, before, body, 'task.reassign');
  });
}

/** Deletes a task (abilities.delete), its units, occurrences, updates and comments; audited with the before-image. */
export async function deleteTask(db: Db, actor: Actor, taskId: number, version: number) {
  await db.transaction(async (tx) => {
    const before = await getTask(tx, actor, taskId);
    if (!before.abilities.delete) throw forbidden();
    if (before.version !== version) throw conflict();
    const gone = await tx
      .delete(tasks)
      .where(and(eq(tasks.id, taskId), eq(tasks.version, version)))
      .returning({ id: tasks.id });
    if (gone.length === 0) throw conflict();
    const { abilities: _a, myRoles: _m, ...image } = before;
    await recordAudit(tx, {
      action: 'task.delete',
      entityType: 'task',
      entityId: taskId,
      scopeUnitId: before.lead.id,
      before: { ...image, ...unitImage(before) },
    });
  });
}

/** Renumbers tasks 1..n in the given order (see taskReorderBody); manageTasks on the agreement. */
export async function reorderTasks(
  db: Db,
  actor: Actor,
  agreementId: number,
  body: z.infer<typeof taskReorderBody>,
) {
  await db.transaction(async (tx) => {
    const a = await loadAgreement(tx, actor, agreementId);
    if (!a.abilities.manageTasks) throw forbidden();
    const current = await tx
      .select({ id: tasks.id, sectionId: tasks.sectionId, position: tasks.position })
      .from(tasks)
      .where(eq(tasks.agreementId, agreementId));
    const byId = new Map(current.map((t) => [t.id, t]));
    const moving = body.sectionId !== undefined;
    if (body.sectionId != null) {
      const [s] = await tx
        .select({ id: sections.id })
        .from(sections)
        .where(and(eq(sections.id, body.sectionId), eq(sections.agreementId, agreementId)));
      if (!s) throw invalidField('sectionId', 'Nội dung phối hợp không thuộc văn bản này.');
    }
    const required = moving ? current.filter((t) => t.sectionId === body.sectionId) : current;
    if (
      new Set(body.ids).size !== body.ids.length ||
      body.ids.some((i) => !byId.has(i)) ||
      required.some((t) => !body.ids.includes(t.id)) ||
      (!moving && body.ids.length !== current.length)
    ) {
      throw invalidField(
        'ids',
        moving
          ? 'Danh sách phải gồm các nhiệm vụ của văn bản này, mỗi nhiệm vụ một lần, và đủ mọi nhiệm vụ đang thuộc nội dung đó.'
          : 'Danh sách phải gồm đúng các nhiệm vụ của văn bản, mỗi nhiệm vụ một lần.',
      );
    }
    const changed: number[] = [];
    for (const [i, taskId] of body.ids.entries()) {
      const t = byId.get(taskId);
      const sectionId = moving ? (body.sectionId ?? null) : (t?.sectionId ?? null);
      if (t?.position === i + 1 && t.sectionId === sectionId) continue;
      changed.push(taskId);
      await tx
        .update(tasks)
        .set({ position: i + 1, sectionId, version: sql`${tasks.version} + 1`, updatedAt: sql`now()` })
        .where(eq(tasks.id, taskId));
    }
    await recordAudit(tx, {
      action: 'task.reorder',
      entityType: 'agreement',
      entityId: agreementId,
      scopeUnitId: a.row.ownerUnitId,
      before: { tasks: current.filter((t) => changed.includes(t.id)) },
      after: { ids: body.ids, ...(moving ? { sectionId: body.sectionId } : {}) },
    });
  });
}

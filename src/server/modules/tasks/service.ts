import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { taskCreateBody } from '../../../contracts/tasks.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  attachments,
  sections,
  taskComments,
  taskOccurrences,
  tasks,
  taskUnits,
  taskUpdates,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { atLeast, roleOn } from '../access/scope.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { assertLeadAllowed, assertUnitsExist, normaliseTaskUnits } from './leadRule.ts';
import { findTask } from './list.ts';
import { taskSearchText, timeframeColumns } from './stored.ts';
import { timeframeOccurrences } from './timeframes.ts';

type TaskRow = typeof tasks.$inferSelect;

/**
 * Creates a task with exactly one lead unit (chủ trì); the lead rule is in leadRule.ts.
 */
export async function createTask(
  db: Db,
  actor: Actor,
  agreementId: number,
  body: z.infer<typeof taskCreateBody>,
) {
  return db.transaction(async (tx) => {
    const a = await loadAgreement(tx, actor, agreementId);
    if (!a.abilities.manageTasks) throw forbidden();
    const lead = await assertLeadAllowed(tx, a.parties, body.leadUnitId, body.confirmDelegatedLead);
    const { coop, impl } = normaliseTaskUnits(lead.id, body.cooperatingUnitIds, body.implementingUnitIds);
    await assertUnitsExist(tx, 'cooperatingUnitIds', coop);
    await assertUnitsExist(tx, 'implementingUnitIds', impl);
    if (body.sectionId != null) {
      const [section] = await tx
        .select({ id: sections.id })
        .from(sections)
        .where(and(eq(sections.id, body.sectionId), eq(sections.agreementId, agreementId)));
      if (!section) throw invalidField('sectionId', 'Nội dung không thuộc văn bản này.');
    }
    const columns = timeframeColumns(body.timeframe);
    const [{ pos }] = (await tx
      .select({ pos: max(tasks.position) })
      .from(tasks)
      .where(eq(tasks.agreementId, agreementId))) as [{ pos: number | null }];
    const [row] = await tx
      .insert(tasks)
      .values({
        agreementId,
        sectionId: body.sectionId ?? null,
        position: (pos ?? 0) + 1,
        title: body.title,
        description: body.description ?? null,
        expectedOutput: body.expectedOutput ?? null,
        ...columns,
        searchText: taskSearchText({
          title: body.title,
          description: body.description ?? null,
          expectedOutput: body.expectedOutput ?? null,
        }),
      })
      .returning();
    const task = row as TaskRow;
    await tx
      .insert(taskUnits)
      .values([
        { taskId: task.id, unitId: lead.id, role: 'lead' as const },
        ...coop.map((unitId) => ({ taskId: task.id, unitId, role: 'cooperating' as const })),
        ...impl.map((unitId) => ({ taskId: task.id, unitId, role: 'implementing' as const })),
      ]);
    const occ = timeframeOccurrences(body.timeframe);
    if (occ.length) await tx.insert(taskOccurrences).values(occ.map((o) => ({ taskId: task.id, ...o })));
    await recordAudit(tx, {
      action: 'task.create',
      entityType: 'task',
      entityId: task.id,
      scopeUnitId: lead.id,
      after: { ...task, leadUnitId: lead.id, cooperatingUnitIds: coop, implementingUnitIds: impl },
    });
    return task.id;
  });
}

/** The task with its occurrences, progress updates and comments, if the actor may see it. */
export async function getTask(db: Queryable, actor: Actor, id: number) {
  const task = await findTask(db, actor, id);
  if (!task) throw notFound();
  const occurrences = await db
    .select({
      id: taskOccurrences.id,
      periodLabel: taskOccurrences.periodLabel,
      dueDate: taskOccurrences.dueDate,
      completedOn: taskOccurrences.completedOn,
    })
    .from(taskOccurrences)
    .where(eq(taskOccurrences.taskId, id))
    .orderBy(asc(taskOccurrences.dueDate));
  const updates = await db
    .select({
      id: taskUpdates.id,
      unitId: units.id,
      unitName: units.name,
      unitShort: units.shortName,
      author: users.fullName,
      body: taskUpdates.body,
      progress: taskUpdates.progress,
      occurredOn: taskUpdates.occurredOn,
      createdAt: taskUpdates.createdAt,
    })
    .from(taskUpdates)
    .innerJoin(units, eq(units.id, taskUpdates.unitId))
    .leftJoin(users, eq(users.id, taskUpdates.authorId))
    .where(eq(taskUpdates.taskId, id))
    .orderBy(asc(taskUpdates.createdAt), asc(taskUpdates.id));
  const files = updates.length
    ? await db
        .select({
          id: attachments.id,
          ownerId: attachments.ownerId,
          fileName: attachments.fileName,
          size: attachments.size,
        })
        .from(attachments)
        .where(
          and(
            eq(attachments.ownerType, 'task_update'),
            inArray(
              attachments.ownerId,
              updates.map((u) => u.id),
            ),
          ),
        )
        .orderBy(asc(attachments.id))
    : [];
  const filesOf = Map.groupBy(files, (f) => f.ownerId);
  const comments = await db
    .select({
      id: taskComments.id,
      author: users.fullName,
      body: taskComments.body,
      createdAt: taskComments.createdAt,
    })
    .from(taskComments)
    .leftJoin(users, eq(users.id, taskComments.authorId))
    .where(eq(taskComments.taskId, id))
    .orderBy(asc(taskComments.createdAt), asc(taskComments.id));
  return {
    ...task,
    occurrences,
    updates: updates.map((u) => ({
      id: u.id,
      unit: { id: u.unitId, name: u.unitName, shortName: u.unitShort },
      author: u.author,
      body: u.body,
      progress: u.progress,
      occurredOn: u.occurredOn,
      createdAt: u.createdAt.toISOString(),
      attachments: (filesOf.get(u.id) ?? []).map(({ id, fileName, size }) => ({ id, fileName, size })),
    })),
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
  };
}

const NEXT_STATUS: Record<string, string[]> = {
  not_started: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  done_late: [],
  cancelled: [],
};

/**
 * Status by the lead unit: not_started → in_progress → done (stored as done_late when
 * finished after the due date); cancelled needs a reason; anything else is ILLEGAL_TRANSITION.
 */
export async function setTaskStatus(
  db: Db,
  actor: Actor,
  id: number,
  body: { status: TaskRow['status']; cancelReason?: string | null; progress?: number; version: number },
) {
  await db.transaction(async (tx) => {
    const before = await getTask(tx, actor, id);
    if (!before.abilities.setStatus) throw forbidden();
    if (before.version !== body.version) throw conflict();
    if (!NEXT_STATUS[before.status]?.includes(body.status)) throw new AppError('ILLEGAL_TRANSITION');
    if (body.status === 'cancelled' && !body.cancelReason) {
      throw invalidField('cancelReason', 'Vui lòng nêu lý do hủy nhiệm vụ.');
    }
    const today = todayInVietnam();
    const finished = body.status === 'done';
    const status = finished && before.dueDate !== null && today > before.dueDate ? 'done_late' : body.status;
    const [after] = await tx
      .update(tasks)
      .set({
        status,
        cancelReason: body.status === 'cancelled' ? (body.cancelReason ?? null) : null,
        completedOn: finished ? today : null,
        progress: finished ? 100 : (body.progress ?? before.progress),
        version: sql`${tasks.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(tasks.id, id), eq(tasks.version, body.version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, {
      action: 'task.status',
      entityType: 'task',
      entityId: id,
      scopeUnitId: before.lead.id,
      before: { status: before.status, progress: before.progress },
      after: { status: after.status, progress: after.progress, cancelReason: after.cancelReason },
    });
  });
}

/** A progress update by a unit named on the task; its progress moves the task's only when posted by the lead. */
export async function postTaskUpdate(
  db: Db,
  actor: Actor,
  id: number,
  body: { unitId: number; body: string; progress?: number; occurredOn?: string },
) {
  await db.transaction(async (tx) => {
    const task = await getTask(tx, actor, id);
    const [unit] = await tx
      .select({ path: units.path, role: taskUnits.role })
      .from(taskUnits)
      .innerJoin(units, eq(units.id, taskUnits.unitId))
      .where(and(eq(taskUnits.taskId, id), eq(taskUnits.unitId, body.unitId)));
    if (!unit) throw invalidField('unitId', 'Đơn vị không có tên trong nhiệm vụ này.');
    if (!atLeast(roleOn(actor, unit.path), 'officer')) throw forbidden();
    const [row] = await tx
      .insert(taskUpdates)
      .values({
        taskId: id,
        unitId: body.unitId,
        authorId: actor.userId,
        body: body.body,
        progress: body.progress ?? null,
        occurredOn: body.occurredOn ?? todayInVietnam(),
      })
      .returning();
    if (unit.role === 'lead' && body.progress !== undefined) {
      await tx
        .update(tasks)
        .set({ progress: body.progress, version: sql`${tasks.version} + 1`, updatedAt: sql`now()` })
        .where(eq(tasks.id, id));
    }
    await recordAudit(tx, {
      action: 'task.update_progress',
      entityType: 'task',
      entityId: id,
      scopeUnitId: task.lead.id,
      after: row,
    });
  });
}

/** A comment by any officer who can see the task. */
export async function commentOnTask(db: Db, actor: Actor, id: number, body: { body: string }) {
  await db.transaction(async (tx) => {
    const task = await getTask(tx, actor, id);
    if (!task.abilities.comment) throw forbidden();
    const [row] = await tx
      .insert(taskComments)
      .values({ taskId: id, authorId: actor.userId, body: body.body })
      .returning();
    await recordAudit(tx, {
      action: 'task.comment',
      entityType: 'task',
      entityId: id,
      scopeUnitId: task.lead.id,
      after: row,
    });
  });
}

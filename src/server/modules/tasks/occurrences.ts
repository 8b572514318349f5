import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { occurrenceBody } from '../../../contracts/tasks.ts';
import type { Db } from '../../db/client.ts';
import { taskOccurrences, tasks } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { recordAudit } from '../audit/service.ts';
import { getTask } from './service.ts';

/**
 * The lead unit marks one period of a recurring task ("Tháng 5/2024") done or not done. The
 * task's version moves, so two people ticking the same list see each other's change (409).
 */
export async function setOccurrence(
  db: Db,
  actor: Actor,
  taskId: number,
  occurrenceId: number,
  body: z.infer<typeof occurrenceBody>,
) {
  await db.transaction(async (tx) => {
    const task = await getTask(tx, actor, taskId);
    if (!task.abilities.setStatus) throw forbidden();
    if (task.version !== body.version) throw conflict();
    const occurrence = task.occurrences.find((o) => o.id === occurrenceId);
    if (!occurrence) throw notFound();
    const completedOn = body.done ? (body.completedOn ?? todayInVietnam()) : null;
    if (completedOn && completedOn > todayInVietnam()) {
      throw invalidField('completedOn', 'Ngày hoàn thành không được sau hôm nay.');
    }
    await tx.update(taskOccurrences).set({ completedOn }).where(eq(taskOccurrences.id, occurrenceId));
    const [bumped] = await tx
      .update(tasks)
      .set({ version: sql`${tasks.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(tasks.id, taskId), eq(tasks.version, body.version)))
      .returning({ id: tasks.id });
    if (!bumped) throw conflict();
    await recordAudit(tx, {
      action: 'task.occurrence',
      entityType: 'task',
      entityId: taskId,
      scopeUnitId: task.lead.id,
      before: { periodLabel: occurrence.periodLabel, completedOn: occurrence.completedOn },
      after: { periodLabel: occurrence.periodLabel, completedOn },
    });
  });
}

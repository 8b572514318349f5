import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { conclusionsToTasksBody } from '../../../contracts/meetings.ts';
import type { Timeframe } from '../../../contracts/tasks.ts';
import type { Db } from '../../db/client.ts';
import { meetingConclusions, meetings, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { viDate } from '../../lib/time.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { createTask } from '../tasks/service.ts';
import { loadMeeting } from './load.ts';

/**
 * Turns conclusions (kết luận) into tasks of a plan — usually next year's plan of the same
 * program — with the conclusion's lead and cooperating units and due date, and links each
 * conclusion to its task. One transaction: the tasks are created by the tasks module's own
 * createTask (a savepoint inside this transaction), so the lead rule holds as everywhere:
 * the lead is a party of the plan, or a unit under a party (a delegated subordinate, which
 * this conversion confirms on the user's behalf). A conclusion already converted → 409.
 */
export async function conclusionsToTasks(
  db: Db,
  actor: Actor,
  meetingId: number,
  body: z.infer<typeof conclusionsToTasksBody>,
) {
  return db.transaction(async (tx) => {
    const { row, abilities } = await loadMeeting(tx, actor, meetingId);
    if (!abilities.convertConclusions) throw forbidden();
    if (row.version !== body.version) throw conflict();
    let plan: Awaited<ReturnType<typeof loadAgreement>>;
    try {
      plan = await loadAgreement(tx, actor, body.planId);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') {
        throw invalidField('planId', 'Không tìm thấy kế hoạch phối hợp trong phạm vi của bạn.');
      }
      throw e;
    }
    if (plan.row.kind !== 'plan') {
      throw invalidField('planId', 'Kết luận chỉ chuyển được thành nhiệm vụ của một kế hoạch phối hợp.');
    }
    if (!plan.abilities.manageTasks) throw forbidden();
    const ids = [...new Set(body.conclusionIds)];
    const rows = await tx
      .select()
      .from(meetingConclusions)
      .where(and(eq(meetingConclusions.meetingId, meetingId), inArray(meetingConclusions.id, ids)))
      .orderBy(asc(meetingConclusions.position));
    if (rows.length !== ids.length) {
      throw invalidField('conclusionIds', 'Có kết luận không thuộc hội nghị này.');
    }
    const converted = rows.filter((c) => c.taskId !== null);
    if (converted.length) {
      throw new AppError('CONCLUSION_CONVERTED', {
        fields: converted.map((c) => ({
          path: 'conclusionIds',
          message: `Kết luận số ${c.position + 1} đã được chuyển thành nhiệm vụ (mã ${c.taskId}).`,
        })),
      });
    }
    const partyIds = new Set(plan.parties.map((p) => p.unitId));
    const created: Array<{ conclusionId: number; taskId: number }> = [];
    for (const c of rows) {
      const label = `Kết luận số ${c.position + 1}`;
      if (!c.leadUnitId) {
        throw invalidField(
          'conclusionIds',
          `${label} chưa có đơn vị chủ trì; hãy chọn đơn vị chủ trì trước.`,
        );
      }
      const timeframe: Timeframe = c.dueDate
        ? { kind: 'date', due: c.dueDate }
        : { kind: 'year', year: plan.row.year ?? Number(row.startsAt.toISOString().slice(0, 4)) };
      const title = c.text.length > 1000 ? `${c.text.slice(0, 999)}…` : c.text;
      let taskId: number;
      try {
        taskId = await createTask(tx as unknown as Db, actor, plan.row.id, {
          sectionId: body.sectionId ?? null,
          title,
          description: `${c.text}\n\n(Theo kết luận của ${row.title}, ngày ${viDate(row.startsAt.toISOString().slice(0, 10))}.)`,
          expectedOutput: null,
          timeframe,
          leadUnitId: c.leadUnitId,
          cooperatingUnitIds: c.cooperatingUnitIds,
          implementingUnitIds: [],
          confirmDelegatedLead: !partyIds.has(c.leadUnitId),
        });
      } catch (e) {
        // Name the conclusion in the task rules' messages ("Kết luận số 2: Đơn vị chủ trì…").
        if (e instanceof AppError && e.fields?.length) {
          throw new AppError(e.code, {
            fields: e.fields.map((f) => ({
              path: f.path === 'sectionId' ? 'sectionId' : 'conclusionIds',
              message: f.path === 'sectionId' ? f.message : `${label}: ${f.message}`,
            })),
          });
        }
        throw e;
      }
      await tx.update(meetingConclusions).set({ taskId }).where(eq(meetingConclusions.id, c.id));
      created.push({ conclusionId: c.id, taskId });
    }
    const [after] = await tx
      .update(meetings)
      .set({ version: sql`${meetings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(meetings.id, meetingId), eq(meetings.version, body.version)))
      .returning({ version: meetings.version, hostUnitId: meetings.hostUnitId });
    if (!after) throw conflict();
    const [planOwner] = await tx
      .select({ name: units.name })
      .from(units)
      .where(eq(units.id, plan.row.ownerUnitId));
    await recordAudit(tx, {
      action: 'meeting.conclusions_to_tasks',
      entityType: 'meeting',
      entityId: meetingId,
      scopeUnitId: after.hostUnitId,
      after: { planId: plan.row.id, planOwner: planOwner?.name ?? null, tasks: created },
    });
    return { tasks: created, version: after.version };
  });
}

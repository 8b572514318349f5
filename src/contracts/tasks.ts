import { z } from 'zod';
import { id, isoDate, optionalText, pageQuery, text, version } from './common.ts';
import { unitRef } from './units.ts';

export const TIMEFRAME_KINDS = ['date', 'range', 'quarter', 'half', 'year', 'recurring'] as const;
export const RECURRENCES = ['monthly', 'quarterly', 'ongoing'] as const;
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'done_late', 'cancelled'] as const;
export const TASK_UNIT_ROLES = ['lead', 'cooperating', 'implementing'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);

// A time frame as people write it in a plan: a date ("trước 30/6/2022"), a range, a quarter
// ("Quý II"), a half ("6 tháng đầu năm"), the whole year, or recurring ("thường xuyên",
// hằng tháng, hằng quý). The server resolves it to start/due dates in Asia/Ho_Chi_Minh.
export const timeframeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), due: isoDate }),
  z.strictObject({ kind: z.literal('range'), start: isoDate, due: isoDate }),
  z.strictObject({
    kind: z.literal('quarter'),
    year: z.number().int().min(1990).max(2100),
    quarter: z.number().int().min(1).max(4),
  }),
  z.strictObject({
    kind: z.literal('half'),
    year: z.number().int().min(1990).max(2100),
    half: z.number().int().min(1).max(2),
  }),
  z.strictObject({ kind: z.literal('year'), year: z.number().int().min(1990).max(2100) }),
  z.strictObject({
    kind: z.literal('recurring'),
    year: z.number().int().min(1990).max(2100),
    recurrence: z.enum(RECURRENCES),
  }),
]);
export type Timeframe = z.infer<typeof timeframeSchema>;

export const sectionInput = z.strictObject({
  title: text(500),
  position: z.number().int().min(0).max(1000).optional(),
});
export const sectionUpdate = sectionInput.partial().extend({ version });
export const reorderBody = z.strictObject({ ids: z.array(id).min(1).max(1000) });

const taskFields = {
  sectionId: id.nullable().optional(),
  title: text(1000),
  description: optionalText(20_000),
  expectedOutput: optionalText(5000),
  timeframe: timeframeSchema,
  leadUnitId: id,
  cooperatingUnitIds: z.array(id).max(100).default([]),
  implementingUnitIds: z.array(id).max(500).default([]),
  /** A lead that is not a party is allowed only when confirmed as a delegated subordinate. */
  confirmDelegatedLead: z.boolean().optional(),
};
export const taskCreateBody = z.strictObject(taskFields);
/** Fields left out keep their value (the unit lists too: no default that would clear them). */
export const taskUpdateBody = z
  .strictObject(taskFields)
  .partial()
  .extend({
    cooperatingUnitIds: z.array(id).max(100).optional(),
    implementingUnitIds: z.array(id).max(500).optional(),
    version,
  });
export const taskReassignBody = z.strictObject({
  leadUnitId: id,
  confirmDelegatedLead: z.boolean().optional(),
  version,
  reason: optionalText(2000),
});
export const taskStatusBody = z.strictObject({
  status: taskStatusSchema,
  cancelReason: optionalText(2000),
  progress: z.number().int().min(0).max(100).optional(),
  version,
});
export const taskProgressUpdateBody = z.strictObject({
  unitId: id,
  body: text(20_000),
  progress: z.number().int().min(0).max(100).optional(),
  occurredOn: isoDate.optional(),
});
/** Marks one period of a recurring task done (on a date, today by default) or not done. */
export const occurrenceBody = z.strictObject({
  done: z.boolean(),
  completedOn: isoDate.optional(),
  version,
});
export const occurrenceParams = z.strictObject({ id, occurrenceId: id });
export const taskCommentBody = z.strictObject({ body: text(10_000) });
export const rolloverBody = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  subject: text(1000).optional(),
  /** The tasks the user chose to carry over (unfinished and recurring ones are proposed). */
  taskIds: z.array(id).max(5000),
});

export const taskListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  /** Only tasks naming a unit inside the actor's scope ("Việc của đơn vị tôi"). */
  mine: z.stringbool().optional(),
  agreementId: id.optional(),
  sectionId: id.optional(),
  unitId: id.optional(),
  role: z.enum(TASK_UNIT_ROLES).optional(),
  status: z.enum([...TASK_STATUSES, 'overdue', 'open']).optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  ...pageQuery,
  // A whole plan fits on one page (the plan table and its export).
  limit: z.coerce.number().int().min(1).max(2000).default(50),
});

export const taskAbilities = z.object({
  update: z.boolean(),
  setStatus: z.boolean(),
  postUpdate: z.boolean(),
  comment: z.boolean(),
  reassign: z.boolean(),
  delete: z.boolean(),
});

export const taskSchema = z.object({
  id: z.number(),
  agreementId: z.number(),
  agreementSubject: z.string(),
  sectionId: z.number().nullable(),
  sectionTitle: z.string().nullable(),
  position: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  expectedOutput: z.string().nullable(),
  timeframe: timeframeSchema,
  /** "Quý II/2022", "6 tháng đầu năm 2022", "Thường xuyên", "Trước 30/06/2022" */
  timeframeLabel: z.string(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: taskStatusSchema,
  overdue: z.boolean(),
  cancelReason: z.string().nullable(),
  progress: z.number(),
  lead: unitRef,
  cooperating: z.array(unitRef),
  implementing: z.array(unitRef),
  /** The actor's units' roles on this task (for "Việc của đơn vị tôi"). */
  myRoles: z.array(z.enum(TASK_UNIT_ROLES)),
  version: z.number(),
  updatedAt: z.string(),
  abilities: taskAbilities,
});
export type Task = z.infer<typeof taskSchema>;

export const taskDetailSchema = taskSchema.extend({
  occurrences: z.array(
    z.object({
      id: z.number(),
      periodLabel: z.string(),
      dueDate: z.string(),
      completedOn: z.string().nullable(),
    }),
  ),
  updates: z.array(
    z.object({
      id: z.number(),
      unit: unitRef,
      author: z.string().nullable(),
      body: z.string(),
      progress: z.number().nullable(),
      occurredOn: z.string(),
      createdAt: z.string(),
      attachments: z.array(z.object({ id: z.number(), fileName: z.string(), size: z.number() })),
    }),
  ),
  comments: z.array(
    z.object({ id: z.number(), author: z.string().nullable(), body: z.string(), createdAt: z.string() }),
  ),
});

export const sectionSchema = z.object({
  id: z.number(),
  agreementId: z.number(),
  position: z.number(),
  title: z.string(),
  version: z.number(),
});

import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agreementKindSchema } from '../../../contracts/agreements.ts';
import { type rolloverBody, taskStatusSchema, timeframeSchema } from '../../../contracts/tasks.ts';
import { searchIndexText } from '../../../contracts/text.ts';
import { unitRef } from '../../../contracts/units.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  agreementLegalBases,
  agreementParties,
  agreements,
  agreementVersions,
  sections,
  taskOccurrences,
  tasks,
  taskUnits,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, forbidden, invalidField } from '../../lib/errors.ts';
import { viDate } from '../../lib/time.ts';
import { atLeast, roleOn } from '../access/scope.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { storedTimeframe, taskSearchText, timeframeColumns } from './stored.ts';
import { shiftTimeframe, timeframeLabel, timeframeOccurrences } from './timeframes.ts';

// Roll-over (chuyển kế hoạch sang năm sau): from a plan, propose what to carry into next
// year's plan — unfinished tasks (not_started, in_progress) and recurring ones whatever their
// status — with their time frames moved to the new year; then create that plan as a draft
// from the tasks the user chose.

export const rolloverQuery = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100).optional() });

export const rolloverProposalSchema = z.object({
  source: z.object({
    id: z.number(),
    kind: agreementKindSchema,
    subject: z.string(),
    year: z.number().nullable(),
    programId: z.number().nullable(),
  }),
  year: z.number(),
  /** The suggested subject of the new plan. */
  subject: z.string(),
  /** manageTasks on the source and officer on its owner unit. */
  canCreate: z.boolean(),
  sections: z.array(
    z.object({ id: z.number(), position: z.number(), title: z.string(), taskCount: z.number() }),
  ),
  tasks: z.array(
    z.object({
      id: z.number(),
      sectionId: z.number().nullable(),
      title: z.string(),
      status: taskStatusSchema,
      progress: z.number(),
      /** recurring wins when a task is both. */
      reason: z.enum(['unfinished', 'recurring']),
      lead: unitRef,
      /** Shifted to the new year. */
      timeframe: timeframeSchema,
      timeframeLabel: z.string(),
      startDate: z.string().nullable(),
      dueDate: z.string(),
    }),
  ),
});

export const rolloverCreated = z.object({
  id: z.number(),
  status: z.literal('draft'),
  version: z.number(),
});

type TaskRow = typeof tasks.$inferSelect;

/** Years to add to a task of the source: from the plan's year, else from the task's own dates. */
function yearsToShift(sourceYear: number | null, t: TaskRow, year: number) {
  const from = sourceYear ?? Number((t.startDate ?? t.dueDate ?? String(year)).slice(0, 4));
  return year - from;
}

function shifted(sourceYear: number | null, t: TaskRow, year: number) {
  return shiftTimeframe(storedTimeframe(t), yearsToShift(sourceYear, t, year));
}

/** "Kế hoạch … năm 2024" → "Kế hoạch … năm 2025"; a program or regulation gets a plan title. */
function suggestedSubject(src: { kind: string; subject: string; year: number | null }, year: number) {
  if (src.year && src.subject.includes(String(src.year)))
    return src.subject.replaceAll(String(src.year), String(year));
  if (src.kind === 'plan') return `${src.subject} năm ${year}`;
  return `Kế hoạch năm ${year} thực hiện ${src.subject}`;
}

async function loadSource(tx: Queryable, actor: Actor, id: number) {
  const a = await loadAgreement(tx, actor, id);
  const { row } = a;
  const canCreate = a.abilities.manageTasks && atLeast(roleOn(actor, a.ownerPath), 'officer');
  return { a, row, canCreate };
}

const proposedReason = (t: TaskRow) =>
  t.timeframeKind === 'recurring'
    ? ('recurring' as const)
    : t.status === 'not_started' || t.status === 'in_progress'
      ? ('unfinished' as const)
      : null;

/** GET: what would be carried over into the plan of `year` (default: the year after the source's). */
export async function rolloverProposal(db: Db, actor: Actor, id: number, year?: number) {
  const { row, canCreate } = await loadSource(db, actor, id);
  const target = year ?? (row.year ?? Number(new Date().getFullYear())) + 1;
  const all = await db
    .select()
    .from(tasks)
    .leftJoin(sections, eq(sections.id, tasks.sectionId))
    .where(eq(tasks.agreementId, id))
    .orderBy(sql`${sections.position} asc nulls first`, asc(tasks.position), asc(tasks.id));
  const secs = await db
    .select({ id: sections.id, position: sections.position, title: sections.title })
    .from(sections)
    .where(eq(sections.agreementId, id))
    .orderBy(asc(sections.position), asc(sections.id));
  const proposed = all.map((r) => r.tasks).filter((t) => proposedReason(t) !== null);
  const leads = proposed.length
    ? await db
        .select({ taskId: taskUnits.taskId, id: units.id, name: units.name, shortName: units.shortName })
        .from(taskUnits)
        .innerJoin(units, eq(units.id, taskUnits.unitId))
        .where(
          and(
            inArray(
              taskUnits.taskId,
              proposed.map((t) => t.id),
            ),
            eq(taskUnits.role, 'lead'),
          ),
        )
    : [];
  const leadOf = new Map(leads.map((l) => [l.taskId, { id: l.id, name: l.name, shortName: l.shortName }]));
  return {
    source: { id: row.id, kind: row.kind, subject: row.subject, year: row.year, programId: row.programId },
    year: target,
    subject: suggestedSubject(row, target),
    canCreate,
    sections: secs.map((s) => ({ ...s, taskCount: all.filter((r) => r.tasks.sectionId === s.id).length })),
    tasks: proposed.map((t) => {
      const tf = shifted(row.year, t, target);
      const cols = timeframeColumns(tf);
      return {
        id: t.id,
        sectionId: t.sectionId,
        title: t.title,
        status: t.status,
        progress: t.progress,
        reason: proposedReason(t) ?? 'unfinished',
        lead: leadOf.get(t.id) ?? { id: 0, name: '', shortName: null },
        timeframe: tf,
        timeframeLabel: timeframeLabel(tf),
        startDate: cols.startDate,
        dueDate: cols.dueDate,
      };
    }),
  };
}

/**
 * POST: creates next year's plan from the chosen tasks, in one transaction — a draft plan with
 * the same parties, owner, legal bases, purpose and requirements (same program when the source
 * is a plan under one; the program itself when the source is a program), version 1, the
 * sections used by the chosen tasks plus the source's empty ones, and the chosen tasks
 * (carried_from_id, same units, shifted time frame, not started, progress 0).
 */
export async function createRollover(db: Db, actor: Actor, id: number, body: z.infer<typeof rolloverBody>) {
  return db.transaction(async (tx) => {
    const { row: src, canCreate } = await loadSource(tx, actor, id);
    if (!canCreate) throw forbidden();
    const year = body.year;
    if (src.year !== null && year <= src.year) {
      throw invalidField('year', `Năm của kế hoạch mới phải sau năm ${src.year} của kế hoạch gốc.`);
    }
    const programId = src.kind === 'plan' ? src.programId : src.kind === 'program' ? src.id : null;
    if (programId !== null) {
      const [program] = await tx.select().from(agreements).where(eq(agreements.id, programId));
      const lo = program?.validFrom ? Number(program.validFrom.slice(0, 4)) : -Infinity;
      const hi = program?.validTo ? Number(program.validTo.slice(0, 4)) : Infinity;
      if (year < lo || year > hi) {
        const phase = `${program?.validFrom ? viDate(program.validFrom) : '…'} – ${program?.validTo ? viDate(program.validTo) : '…'}`;
        throw invalidField('year', `Năm ${year} nằm ngoài giai đoạn của chương trình (${phase}).`);
      }
    }
    // One plan per year, program and owner: serialise concurrent roll-overs of the same key.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`plan-year:${src.ownerUnitId}:${programId}:${year}`}))`,
    );
    const [existing] = await tx
      .select({ id: agreements.id, subject: agreements.subject })
      .from(agreements)
      .where(
        and(
          eq(agreements.kind, 'plan'),
          eq(agreements.year, year),
          eq(agreements.ownerUnitId, src.ownerUnitId),
          programId === null ? isNull(agreements.programId) : eq(agreements.programId, programId),
        ),
      );
    if (existing) {
      throw new AppError('PLAN_YEAR_EXISTS', {
        fields: [{ path: 'year', message: `Đã có kế hoạch năm ${year}: "${existing.subject}".` }],
      });
    }

    const taskIds = [...new Set(body.taskIds)];
    const chosen = taskIds.length
      ? await tx
          .select()
          .from(tasks)
          .leftJoin(sections, eq(sections.id, tasks.sectionId))
          .where(and(eq(tasks.agreementId, id), inArray(tasks.id, taskIds)))
          .orderBy(sql`${sections.position} asc nulls first`, asc(tasks.position), asc(tasks.id))
          .then((rows) => rows.map((r) => r.tasks))
      : [];
    if (chosen.length !== taskIds.length) {
      throw invalidField('taskIds', 'Có nhiệm vụ không thuộc văn bản này.');
    }

    const subject = body.subject ?? suggestedSubject(src, year);
    const [plan] = await tx
      .insert(agreements)
      .values({
        kind: 'plan',
        programId,
        subject,
        status: 'draft',
        year,
        purpose: src.purpose,
        requirements: src.requirements,
        ownerUnitId: src.ownerUnitId,
        searchText: searchIndexText(subject),
      })
      .returning();
    if (!plan) throw new AppError('INTERNAL');
    const parties = await tx.select().from(agreementParties).where(eq(agreementParties.agreementId, id));
    await tx.insert(agreementParties).values(parties.map((p) => ({ ...p, agreementId: plan.id })));
    const bases = await tx.select().from(agreementLegalBases).where(eq(agreementLegalBases.agreementId, id));
    if (bases.length)
      await tx.insert(agreementLegalBases).values(bases.map((b) => ({ ...b, agreementId: plan.id })));
    await tx.insert(agreementVersions).values({
      agreementId: plan.id,
      number: 1,
      kind: 'draft',
      subject: plan.subject,
      purpose: plan.purpose,
      requirements: plan.requirements,
      body: null,
      note: `Chuyển từ "${src.subject}"`,
      createdById: actor.userId,
    });

    // Sections: those the chosen tasks use, plus the source's empty ones, in the source order.
    const srcSections = await tx
      .select()
      .from(sections)
      .where(eq(sections.agreementId, id))
      .orderBy(asc(sections.position), asc(sections.id));
    const usedBy = await tx
      .selectDistinct({ sectionId: tasks.sectionId })
      .from(tasks)
      .where(eq(tasks.agreementId, id));
    const nonEmpty = new Set(usedBy.map((u) => u.sectionId));
    const chosenSections = new Set(chosen.map((t) => t.sectionId));
    const keep = srcSections.filter((s) => chosenSections.has(s.id) || !nonEmpty.has(s.id));
    const sectionMap = new Map<number, number>();
    for (const [i, s] of keep.entries()) {
      const [created] = await tx
        .insert(sections)
        .values({ agreementId: plan.id, position: i + 1, title: s.title })
        .returning({ id: sections.id });
      if (created) sectionMap.set(s.id, created.id);
    }

    const taskMap = new Map<number, number>();
    for (const [i, t] of chosen.entries()) {
      const tf = shifted(src.year, t, year);
      const [created] = await tx
        .insert(tasks)
        .values({
          agreementId: plan.id,
          sectionId: t.sectionId === null ? null : (sectionMap.get(t.sectionId) ?? null),
          position: i + 1,
          title: t.title,
          description: t.description,
          expectedOutput: t.expectedOutput,
          ...timeframeColumns(tf),
          status: 'not_started',
          progress: 0,
          carriedFromId: t.id,
          searchText: taskSearchText(t),
        })
        .returning({ id: tasks.id });
      if (!created) throw new AppError('INTERNAL');
      taskMap.set(t.id, created.id);
      const occ = timeframeOccurrences(tf);
      if (occ.length) await tx.insert(taskOccurrences).values(occ.map((o) => ({ taskId: created.id, ...o })));
    }
    if (chosen.length) {
      const named = await tx.select().from(taskUnits).where(inArray(taskUnits.taskId, taskIds));
      await tx
        .insert(taskUnits)
        .values(named.map((u) => ({ ...u, taskId: taskMap.get(u.taskId) as number })));
    }

    await recordAudit(tx, {
      action: 'agreement.rollover',
      entityType: 'agreement',
      entityId: plan.id,
      scopeUnitId: plan.ownerUnitId,
      after: {
        ...plan,
        sourceId: id,
        parties: parties.map((p) => p.unitId),
        legalBasisIds: bases.map((b) => b.legalDocumentId),
        sections: [...sectionMap.entries()].map(([from, to]) => ({ from, to })),
        tasks: [...taskMap.entries()].map(([from, to]) => ({ from, to })),
      },
    });
    return { id: plan.id, status: 'draft' as const, version: plan.version };
  });
}

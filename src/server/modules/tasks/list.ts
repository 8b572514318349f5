import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Task, taskListQuery } from '../../../contracts/tasks.ts';
import { searchTokens } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import { agreementParties, agreements, sections, tasks, taskUnits, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { pathInScope } from '../access/scope.ts';
import { agreementAbilities, agreementVisible, taskNamesActorUnit } from '../agreements/policy.ts';
import { myRoles, taskAbilities } from './policy.ts';
import { storedTimeframe } from './stored.ts';
import { isOverdue, timeframeLabel } from './timeframes.ts';

type TaskRow = typeof tasks.$inferSelect;
type ListQuery = z.infer<typeof taskListQuery>;

const OPEN = sql`${tasks.status} in ('not_started', 'in_progress')`;

/** A task the actor may see: its agreement is visible, or it names a unit in the actor's scope. */
export const taskVisible = (actor: Actor): SQL =>
  sql`(${agreementVisible(actor, tasks.agreementId)} or ${taskNamesActorUnit(actor, tasks.id)})`;

/** Tasks naming a unit in `unitScope` (optionally with one role), driven from task_units. */
const namesUnit = (unitScope: SQL, role?: string): SQL =>
  sql`${tasks.id} in (select tu.task_id from ${taskUnits} tu join ${units} u on u.id = tu.unit_id
    where ${unitScope} ${role ? sql`and tu.role = ${role}` : sql``})`;

function filters(actor: Actor, q: ListQuery, today: string): SQL[] {
  const conds: SQL[] = [taskVisible(actor)];
  if (q.agreementId) conds.push(eq(tasks.agreementId, q.agreementId));
  if (q.sectionId) conds.push(eq(tasks.sectionId, q.sectionId));
  if (q.unitId) conds.push(namesUnit(sql`u.id = ${q.unitId}`, q.role));
  else if (q.role) conds.push(namesUnit(pathInScope(actor, sql`u.path`), q.role));
  if (q.status === 'open') conds.push(OPEN);
  else if (q.status === 'overdue') conds.push(sql`${OPEN} and ${tasks.dueDate} < ${today}`);
  else if (q.status) conds.push(eq(tasks.status, q.status));
  if (q.dueFrom) conds.push(sql`${tasks.dueDate} >= ${q.dueFrom}`);
  if (q.dueTo) conds.push(sql`${tasks.dueDate} <= ${q.dueTo}`);
  for (const token of searchTokens(q.q ?? '')) conds.push(sql`${tasks.searchText} like ${`%${token}%`}`);
  return conds;
}

/**
 * Task list with filters and diacritic-insensitive search. Within one agreement the plan's
 * order (section, then position); across agreements overdue first, then by due date.
 */
export async function listTasks(db: Queryable, actor: Actor, q: ListQuery) {
  const today = todayInVietnam();
  const order = q.agreementId
    ? [sql`${sections.position} asc nulls first`, asc(tasks.position), asc(tasks.id)]
    : [
        sql`(${OPEN} and ${tasks.dueDate} < ${today}) desc`,
        sql`${tasks.dueDate} asc nulls last`,
        asc(tasks.id),
      ];
  const rows = await db
    .select({ task: tasks, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(tasks)
    .leftJoin(sections, eq(sections.id, tasks.sectionId))
    .where(and(...filters(actor, q, today)))
    .orderBy(...order)
    .limit(q.limit)
    .offset(q.offset);
  return {
    items: await presentTasks(
      db,
      actor,
      rows.map((r) => r.task),
    ),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * "Việc của đơn vị tôi": what the actor's units lead, cooperate on and implement — overdue
 * first, then by due date. One query for the rows, three for everything shown with them.
 */
export async function myTasks(db: Queryable, actor: Actor) {
  const today = todayInVietnam();
  const rows = await db
    .select()
    .from(tasks)
    .where(and(namesUnit(pathInScope(actor, sql`u.path`)), sql`${tasks.status} <> 'cancelled'`))
    .orderBy(
      sql`(${OPEN} and ${tasks.dueDate} < ${today}) desc`,
      sql`(${OPEN}) desc`,
      sql`${tasks.dueDate} asc nulls last`,
      asc(tasks.id),
    )
    .limit(500);
  return presentTasks(db, actor, rows);
}

/**
 * Turns task rows into what the API shows: units by role, agreement and section names, the
 * derived overdue flag and the actor's abilities — with a fixed number of queries whatever
 * the number of rows (no permission query per task).
 */
export async function presentTasks(db: Queryable, actor: Actor, rows: TaskRow[]): Promise<Task[]> {
  if (rows.length === 0) return [];
  const taskIds = rows.map((t) => t.id);
  const agreementIds = [...new Set(rows.map((t) => t.agreementId))];
  const sectionIds = [...new Set(rows.flatMap((t) => (t.sectionId ? [t.sectionId] : [])))];
  const named = await db
    .select({
      taskId: taskUnits.taskId,
      role: taskUnits.role,
      id: units.id,
      name: units.name,
      shortName: units.shortName,
      path: units.path,
    })
    .from(taskUnits)
    .innerJoin(units, eq(units.id, taskUnits.unitId))
    .where(inArray(taskUnits.taskId, taskIds))
    .orderBy(asc(units.name));
  const agrs = await db
    .select({
      id: agreements.id,
      subject: agreements.subject,
      status: agreements.status,
      ownerPath: units.path,
      visible: sql<boolean>`${agreementVisible(actor, agreements.id)}`,
    })
    .from(agreements)
    .innerJoin(units, eq(units.id, agreements.ownerUnitId))
    .where(inArray(agreements.id, agreementIds));
  const parties = await db
    .select({ agreementId: agreementParties.agreementId, path: units.path })
    .from(agreementParties)
    .innerJoin(units, eq(units.id, agreementParties.unitId))
    .where(inArray(agreementParties.agreementId, agreementIds));
  const sects = sectionIds.length
    ? await db
        .select({ id: sections.id, title: sections.title })
        .from(sections)
        .where(inArray(sections.id, sectionIds))
    : [];
  const today = todayInVietnam();
  const unitsOf = Map.groupBy(named, (u) => u.taskId);
  const partyPathsOf = Map.groupBy(parties, (p) => p.agreementId);
  const sectionTitle = new Map(sects.map((s) => [s.id, s.title]));
  const agreementInfo = new Map(
    agrs.map((a) => {
      const partyPaths = (partyPathsOf.get(a.id) ?? []).map((p) => p.path);
      // Seen only through a unit named on the task: no agreement-level abilities.
      const manageTasks =
        a.visible &&
        agreementAbilities(actor, { status: a.status, ownerPath: a.ownerPath, partyPaths }).manageTasks;
      return [a.id, { subject: a.subject, partyPaths: a.visible ? partyPaths : [], manageTasks }];
    }),
  );
  return rows.map((t) => {
    const onTask = unitsOf.get(t.id) ?? [];
    const agr = agreementInfo.get(t.agreementId);
    const ref = (u: (typeof onTask)[number]) => ({ id: u.id, name: u.name, shortName: u.shortName });
    const lead = onTask.find((u) => u.role === 'lead');
    const policyInput = {
      status: t.status,
      units: onTask,
      partyPaths: agr?.partyPaths ?? [],
      manageTasks: agr?.manageTasks ?? false,
    };
    const timeframe = storedTimeframe(t);
    return {
      id: t.id,
      agreementId: t.agreementId,
      agreementSubject: agr?.subject ?? '',
      sectionId: t.sectionId,
      sectionTitle: t.sectionId ? (sectionTitle.get(t.sectionId) ?? null) : null,
      position: t.position,
      title: t.title,
      description: t.description,
      expectedOutput: t.expectedOutput,
      timeframe,
      timeframeLabel: timeframeLabel(timeframe),
      startDate: t.startDate,
      dueDate: t.dueDate,
      status: t.status,
      overdue: isOverdue(t.status, t.dueDate, today),
      cancelReason: t.cancelReason,
      progress: t.progress,
      lead: lead ? ref(lead) : { id: 0, name: '', shortName: null },
      cooperating: onTask.filter((u) => u.role === 'cooperating').map(ref),
      implementing: onTask.filter((u) => u.role === 'implementing').map(ref),
      myRoles: myRoles(actor, policyInput),
      version: t.version,
      updatedAt: t.updatedAt.toISOString(),
      abilities: taskAbilities(actor, policyInput),
    };
  });
}

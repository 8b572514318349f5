import { type AnyColumn, and, asc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { TASK_UNIT_ROLES, Task, taskListQuery } from '../../../contracts/tasks.ts';
import { searchTokens } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import {
  agreementParties,
  agreements,
  sections,
  taskOccurrences,
  tasks,
  taskUnits,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { pathInScope } from '../access/scope.ts';
import { agreementAbilities, agreementVisible, taskNamesActorUnit } from '../agreements/policy.ts';
import { myRoles, taskAbilities } from './policy.ts';
import { storedTimeframe } from './stored.ts';
import { timeframeLabel } from './timeframes.ts';

type ListQuery = z.infer<typeof taskListQuery>;

const OPEN = sql`${tasks.status} in ('not_started', 'in_progress')`;

type Col = AnyColumn | SQL;

/**
 * Overdue, derived in Asia/Ho_Chi_Minh: an open task past its due date, or a recurring one
 * with a period ("Tháng 5/2024") past due and not ticked off.
 */
export function taskOverdue(
  today: string,
  t: { id: Col; status: Col; dueDate: Col } = { id: tasks.id, status: tasks.status, dueDate: tasks.dueDate },
): SQL {
  return sql`(${t.status} in ('not_started', 'in_progress') and (${t.dueDate} < ${today} or exists (
    select 1 from ${taskOccurrences} o where o.task_id = ${t.id} and o.completed_on is null and o.due_date < ${today})))`;
}

/** A task the actor may see: its agreement is visible, or it names a unit in the actor's scope. */
export const taskVisible = (actor: Actor): SQL =>
  sql`(${agreementVisible(actor, tasks.agreementId)} or ${taskNamesActorUnit(actor, tasks.id)})`;

/** Tasks naming a unit in `unitScope` (optionally with one role), driven from task_units. */
const namesUnit = (unitScope: SQL, role?: string): SQL =>
  sql`${tasks.id} in (select tu.task_id from ${taskUnits} tu join ${units} u on u.id = tu.unit_id
    where ${unitScope} ${role ? sql`and tu.role = ${role}` : sql``})`;

function filters(actor: Actor, q: ListQuery, today: string): SQL[] {
  const conds: SQL[] = [];
  // "Mine" (and a role without a unit): a unit inside the actor's scope is named on the task,
  // which already makes it visible — no second visibility test to scan for.
  if (!q.unitId && (q.mine || q.role)) conds.push(namesUnit(pathInScope(actor, sql`u.path`), q.role));
  else conds.push(taskVisible(actor));
  if (q.unitId) conds.push(namesUnit(sql`u.id = ${q.unitId}`, q.role));
  if (q.agreementId) conds.push(eq(tasks.agreementId, q.agreementId));
  if (q.sectionId) conds.push(eq(tasks.sectionId, q.sectionId));
  if (q.status === 'open') conds.push(OPEN);
  else if (q.status === 'overdue') conds.push(taskOverdue(today));
  else if (q.status) conds.push(eq(tasks.status, q.status));
  if (q.dueFrom) conds.push(sql`${tasks.dueDate} >= ${q.dueFrom}`);
  if (q.dueTo) conds.push(sql`${tasks.dueDate} <= ${q.dueTo}`);
  for (const token of searchTokens(q.q ?? '')) conds.push(sql`${tasks.searchText} like ${`%${token}%`}`);
  return conds;
}

/**
 * Task list with filters and diacritic-insensitive search. Within one agreement the plan's
 * order (section, then position); otherwise overdue first, then open, then by due date —
 * the order of "Việc của đơn vị tôi" (`mine`).
 */
export function listTasks(db: Queryable, actor: Actor, q: ListQuery) {
  const today = todayInVietnam();
  const order = q.agreementId
    ? [sql`${sections.position} asc nulls first`, asc(tasks.position), asc(tasks.id)]
    : [
        sql`${taskOverdue(today)} desc`,
        sql`(${OPEN}) desc`,
        sql`${tasks.dueDate} asc nulls last`,
        asc(tasks.id),
      ];
  return queryTasks(db, actor, {
    where: and(...filters(actor, q, today)),
    order,
    limit: q.limit,
    offset: q.offset,
  });
}

/** One task as the lists show it, if the actor may see it. */
export async function findTask(db: Queryable, actor: Actor, id: number): Promise<Task | undefined> {
  const { items } = await queryTasks(db, actor, {
    where: and(eq(tasks.id, id), taskVisible(actor)),
    order: [asc(tasks.id)],
    limit: 1,
    offset: 0,
  });
  return items[0];
}

// Every column but the search index, which nobody reads back.
const { searchText: _searchText, ...taskColumns } = getTableColumns(tasks);
const ownerUnit = alias(units, 'owner_unit');

interface NamedUnit {
  role: (typeof TASK_UNIT_ROLES)[number];
  id: number;
  name: string;
  shortName: string | null;
  path: string;
}

/**
 * One round trip for a page of tasks with everything shown with them: the page's ids and
 * total come from an inner query (filters, order, limit), and the outer query adds the named
 * units (JSON), the agreement's status, owner and party paths and whether the actor sees the
 * agreement — what the policy needs for abilities, without a permission query per task.
 */
async function queryTasks(
  db: Queryable,
  actor: Actor,
  p: { where: SQL | undefined; order: SQL[]; limit: number; offset: number },
): Promise<{ items: Task[]; total: number }> {
  const page = db
    .select({
      id: sql<number>`${tasks.id}`.as('page_id'),
      total: sql<number>`count(*) over ()`.as('page_total'),
      rn: sql<number>`row_number() over (order by ${sql.join(p.order, sql`, `)})`.as('page_rn'),
    })
    .from(tasks)
    .leftJoin(sections, eq(sections.id, tasks.sectionId))
    .where(p.where)
    .orderBy(...p.order)
    .limit(p.limit)
    .offset(p.offset)
    .as('page');
  const rows = await db
    .select({
      ...taskColumns,
      total: page.total,
      agreementSubject: agreements.subject,
      agreementStatus: agreements.status,
      ownerPath: ownerUnit.path,
      sectionTitle: sections.title,
      agreementVisible: sql<boolean>`${agreementVisible(actor, tasks.agreementId)}`,
      overdue: sql<boolean>`${taskOverdue(todayInVietnam())}`,
      units: sql<NamedUnit[]>`(select coalesce(json_agg(json_build_object('role', tu.role, 'id', u.id,
        'name', u.name, 'shortName', u.short_name, 'path', u.path) order by u.name), '[]')
        from ${taskUnits} tu join ${units} u on u.id = tu.unit_id where tu.task_id = ${tasks.id})`,
      partyPaths: sql<string[]>`(select coalesce(array_agg(pu.path), '{}')
        from ${agreementParties} ap join ${units} pu on pu.id = ap.unit_id where ap.agreement_id = ${tasks.agreementId})`,
    })
    .from(page)
    .innerJoin(tasks, eq(tasks.id, page.id))
    .innerJoin(agreements, eq(agreements.id, tasks.agreementId))
    .innerJoin(ownerUnit, eq(ownerUnit.id, agreements.ownerUnitId))
    .leftJoin(sections, eq(sections.id, tasks.sectionId))
    .orderBy(page.rn);
  const items = rows.map((t): Task => {
    const partyPaths = t.agreementVisible ? t.partyPaths : [];
    // Seen only through a unit named on the task: no agreement-level abilities.
    const manageTasks =
      t.agreementVisible &&
      agreementAbilities(actor, { status: t.agreementStatus, ownerPath: t.ownerPath, partyPaths })
        .manageTasks;
    const policyInput = { status: t.status, units: t.units, partyPaths, manageTasks };
    const ref = (u: NamedUnit) => ({ id: u.id, name: u.name, shortName: u.shortName });
    const lead = t.units.find((u) => u.role === 'lead');
    const timeframe = storedTimeframe(t);
    return {
      id: t.id,
      agreementId: t.agreementId,
      agreementSubject: t.agreementSubject,
      sectionId: t.sectionId,
      sectionTitle: t.sectionTitle,
      position: t.position,
      title: t.title,
      description: t.description,
      expectedOutput: t.expectedOutput,
      timeframe,
      timeframeLabel: timeframeLabel(timeframe),
      startDate: t.startDate,
      dueDate: t.dueDate,
      status: t.status,
      overdue: t.overdue,
      cancelReason: t.cancelReason,
      progress: t.progress,
      lead: lead ? ref(lead) : { id: 0, name: '', shortName: null },
      cooperating: t.units.filter((u) => u.role === 'cooperating').map(ref),
      implementing: t.units.filter((u) => u.role === 'implementing').map(ref),
      myRoles: myRoles(actor, policyInput),
      version: t.version,
      updatedAt: t.updatedAt.toISOString(),
      abilities: taskAbilities(actor, policyInput),
    };
  });
  return { items, total: Number(rows[0]?.total ?? 0) };
}

import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { AgreementSummary, agreementListQuery } from '../../../contracts/agreements.ts';
import { searchIndexText, searchTokens } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import { agreementParties, agreements, tasks, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { taskOverdue } from '../tasks/list.ts';
import { agreementVisible, taskNamesActorUnit } from './policy.ts';

/** What search finds an agreement by: its subject, number and the names of its parties. */
export const agreementSearchText = (
  subject: string,
  docNumber: string | null | undefined,
  partyNames: string[],
) => searchIndexText(subject, docNumber, ...partyNames);

/** Recomputes the search text after the subject, number or parties changed. */
export async function refreshAgreementSearchText(tx: Queryable, id: number) {
  const [a] = await tx
    .select({ subject: agreements.subject, docNumber: agreements.docNumber })
    .from(agreements)
    .where(eq(agreements.id, id));
  if (!a) return;
  const parties = await tx
    .select({ name: units.name })
    .from(agreementParties)
    .innerJoin(units, eq(units.id, agreementParties.unitId))
    .where(eq(agreementParties.agreementId, id));
  await tx
    .update(agreements)
    .set({
      searchText: agreementSearchText(
        a.subject,
        a.docNumber,
        parties.map((p) => p.name),
      ),
    })
    .where(eq(agreements.id, id));
}

/** After a unit was renamed: the agreements it is a party to. */
export async function refreshAgreementSearchTextForUnit(tx: Queryable, unitId: number) {
  const rows = await tx
    .select({ id: agreementParties.agreementId })
    .from(agreementParties)
    .where(eq(agreementParties.unitId, unitId));
  for (const r of rows) await refreshAgreementSearchText(tx, r.id);
}

/** Seen only through tasks naming the actor's units (for those tasks). */
export const seenThroughTasks = (actor: Actor, agreementId: SQL | typeof agreements.id): SQL =>
  sql`${agreementId} in (select t.agreement_id from ${tasks} t where ${taskNamesActorUnit(actor, sql`t.id`)})`;

/**
 * Agreements the actor may see, newest first — or, with a query, best match first. Search
 * ignores diacritics and case; every word must appear in the subject, number or a party name.
 */
export function listAgreements(db: Queryable, actor: Actor, q: z.infer<typeof agreementListQuery>) {
  const conds: SQL[] = [
    sql`(${agreementVisible(actor, agreements.id)} or ${seenThroughTasks(actor, agreements.id)})`,
  ];
  if (q.kind) conds.push(eq(agreements.kind, q.kind));
  if (q.status) conds.push(eq(agreements.status, q.status));
  if (q.programId) conds.push(eq(agreements.programId, q.programId));
  if (q.unitId) {
    conds.push(
      sql`exists (select 1 from ${agreementParties} p where p.agreement_id = ${agreements.id} and p.unit_id = ${q.unitId})`,
    );
  }
  const tokens = searchTokens(q.q ?? '');
  for (const token of tokens) conds.push(sql`${agreements.searchText} like ${`%${token}%`}`);
  // Cheap relevance: the words typed together first, then the shortest (most specific) text.
  const rank = tokens.length
    ? [
        sql`strpos(${agreements.searchText}, ${tokens.join(' ')}) > 0 desc`,
        sql`length(${agreements.searchText}) asc`,
      ]
    : [];
  return queryAgreements(db, actor, {
    where: and(...conds),
    order: [...rank, desc(agreements.updatedAt), desc(agreements.id)],
    limit: q.limit,
    offset: q.offset,
  });
}

const ownerUnit = alias(units, 'owner_unit');
type UnitRef = { id: number; name: string; shortName: string | null };

/**
 * A page of agreement summaries in one round trip: parties as JSON and task counts over the
 * tasks the actor can see (all of them, or only those naming their units).
 */
export async function queryAgreements(
  db: Queryable,
  actor: Actor,
  p: { where: SQL | undefined; order: SQL[]; limit: number; offset: number },
): Promise<{ items: AgreementSummary[]; total: number }> {
  const today = todayInVietnam();
  const rows = await db
    .select({
      id: agreements.id,
      kind: agreements.kind,
      programId: agreements.programId,
      subject: agreements.subject,
      docNumber: agreements.docNumber,
      status: agreements.status,
      signedOn: agreements.signedOn,
      validFrom: agreements.validFrom,
      validTo: agreements.validTo,
      year: agreements.year,
      version: agreements.version,
      updatedAt: agreements.updatedAt,
      ownerUnit: { id: ownerUnit.id, name: ownerUnit.name, shortName: ownerUnit.shortName },
      parties: sql<UnitRef[]>`(select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name,
        'shortName', u.short_name) order by ap.position), '[]')
        from ${agreementParties} ap join ${units} u on u.id = ap.unit_id where ap.agreement_id = ${agreements.id})`,
      counts: sql<{ total: number; done: number; overdue: number }>`(select json_build_object(
        'total', count(*),
        'done', count(*) filter (where t.status in ('done', 'done_late')),
        'overdue', count(*) filter (where ${taskOverdue(today, { id: sql`t.id`, status: sql`t.status`, dueDate: sql`t.due_date` })}))
        from ${tasks} t where t.agreement_id = ${agreements.id}
          and (${agreementVisible(actor, agreements.id)} or ${taskNamesActorUnit(actor, sql`t.id`)}))`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(agreements)
    .innerJoin(ownerUnit, eq(ownerUnit.id, agreements.ownerUnitId))
    .where(p.where)
    .orderBy(...p.order)
    .limit(p.limit)
    .offset(p.offset);
  const items = rows.map(({ counts, total: _total, updatedAt, ...r }) => ({
    ...r,
    taskCount: counts.total,
    doneCount: counts.done,
    overdueCount: counts.overdue,
    updatedAt: updatedAt.toISOString(),
  }));
  return { items, total: rows[0]?.total ?? 0 };
}

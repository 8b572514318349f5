import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AgreementSummary, agreementListQuery } from '../../../contracts/agreements.ts';
import { foldVietnamese, searchIndexText, searchTokens } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import { agreementParties, agreements, tasks, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { agreementVisible, taskNamesActorUnit } from './policy.ts';

type AgreementRow = typeof agreements.$inferSelect;

/** What search finds an agreement by: its subject, number and the names of its parties. */
export const agreementSearchText = (
  subject: string,
  docNumber: string | null | undefined,
  partyNames: string[],
) => searchIndexText(subject, docNumber, ...partyNames);

/** Seen only through tasks naming the actor's units (for those tasks). */
export const seenThroughTasks = (actor: Actor, agreementId: SQL | typeof agreements.id): SQL =>
  sql`${agreementId} in (select t.agreement_id from ${tasks} t where ${taskNamesActorUnit(actor, sql`t.id`)})`;

/**
 * Agreements the actor may see, newest first — or, with a query, best match first. Search
 * ignores diacritics and case; every word must appear in the subject, number or a party name.
 */
export async function listAgreements(db: Queryable, actor: Actor, q: z.infer<typeof agreementListQuery>) {
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
  const rank = tokens.length
    ? [sql`word_similarity(${foldVietnamese(q.q ?? '')}, ${agreements.searchText}) desc`]
    : [];
  const rows = await db
    .select({ agreement: agreements, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(agreements)
    .where(and(...conds))
    .orderBy(...rank, desc(agreements.updatedAt), desc(agreements.id))
    .limit(q.limit)
    .offset(q.offset);
  return {
    items: await presentAgreements(
      db,
      actor,
      rows.map((r) => r.agreement),
    ),
    total: rows[0]?.total ?? 0,
  };
}

/** Summaries with parties and task counts, in a fixed number of queries for the whole page. */
export async function presentAgreements(
  db: Queryable,
  actor: Actor,
  rows: AgreementRow[],
): Promise<AgreementSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const today = todayInVietnam();
  const [parties, owners, counts] = await Promise.all([
    db
      .select({
        agreementId: agreementParties.agreementId,
        id: units.id,
        name: units.name,
        shortName: units.shortName,
      })
      .from(agreementParties)
      .innerJoin(units, eq(units.id, agreementParties.unitId))
      .where(inArray(agreementParties.agreementId, ids))
      .orderBy(asc(agreementParties.position)),
    db
      .select({ id: units.id, name: units.name, shortName: units.shortName })
      .from(units)
      .where(inArray(units.id, [...new Set(rows.map((r) => r.ownerUnitId))])),
    // Counts cover the tasks the actor can see: all of them, or only those naming their units.
    db
      .select({
        agreementId: tasks.agreementId,
        total: sql<number>`count(*)`.mapWith(Number),
        done: sql<number>`count(*) filter (where ${tasks.status} in ('done', 'done_late'))`.mapWith(Number),
        overdue:
          sql<number>`count(*) filter (where ${tasks.status} in ('not_started', 'in_progress') and ${tasks.dueDate} < ${today})`.mapWith(
            Number,
          ),
      })
      .from(tasks)
      .where(
        and(
          inArray(tasks.agreementId, ids),
          sql`(${agreementVisible(actor, tasks.agreementId)} or ${taskNamesActorUnit(actor, tasks.id)})`,
        ),
      )
      .groupBy(tasks.agreementId),
  ]);
  const partiesOf = Map.groupBy(parties, (p) => p.agreementId);
  const owner = new Map(owners.map((u) => [u.id, u]));
  const count = new Map(counts.map((c) => [c.agreementId, c]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    programId: r.programId,
    subject: r.subject,
    docNumber: r.docNumber,
    status: r.status,
    signedOn: r.signedOn,
    validFrom: r.validFrom,
    validTo: r.validTo,
    year: r.year,
    ownerUnit: owner.get(r.ownerUnitId) ?? { id: r.ownerUnitId, name: '', shortName: null },
    parties: (partiesOf.get(r.id) ?? []).map(({ id, name, shortName }) => ({ id, name, shortName })),
    taskCount: count.get(r.id)?.total ?? 0,
    doneCount: count.get(r.id)?.done ?? 0,
    overdueCount: count.get(r.id)?.overdue ?? 0,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

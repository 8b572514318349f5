import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { agreementParties, agreements, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { agreementAbilities, agreementVisible } from './policy.ts';

/**
 * A visible agreement (404 otherwise): its row, the owner's and parties' paths and the
 * actor's abilities on it — what every agreement, section, task and attachment operation
 * checks before it writes.
 */
export async function loadAgreement(db: Queryable, actor: Actor, id: number) {
  const [found] = await db
    .select({ row: agreements, ownerPath: units.path })
    .from(agreements)
    .innerJoin(units, eq(units.id, agreements.ownerUnitId))
    .where(and(eq(agreements.id, id), agreementVisible(actor, agreements.id)));
  if (!found) throw notFound();
  const parties = await db
    .select({ unitId: agreementParties.unitId, path: units.path })
    .from(agreementParties)
    .innerJoin(units, eq(units.id, agreementParties.unitId))
    .where(eq(agreementParties.agreementId, id))
    .orderBy(asc(agreementParties.position));
  const abilities = agreementAbilities(actor, {
    status: found.row.status,
    ownerPath: found.ownerPath,
    partyPaths: parties.map((p) => p.path),
  });
  return { row: found.row, ownerPath: found.ownerPath, parties, abilities };
}

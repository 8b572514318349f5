import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { agreementParties, agreements, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { roleOn } from '../access/scope.ts';
import { seenThroughTasks } from '../agreements/list.ts';
import { agreementVisible } from '../agreements/policy.ts';

// Who sees which part of an agreement's roll-up, and how stored paths (the tree of each
// period) are cut into the tree of the view.
//
// - An actor standing over one of the agreement's parties (a grant at or above a party, or a
//   system-wide one) sees the agreement's totals and every node, rooted at the parties.
// - An actor who sees the agreement only from below a party (a border post's officer) or
//   through its tasks (limitedToTasks) sees the nodes of their own units — rooted at the
//   units of their grants — and no agreement totals (`limited`).
// - `unitId` roots the view at that unit (an actor with a limited view only inside their
//   scope, otherwise 404). Units it succeeded (unit_successors, recursively) hang under it
//   with their whole subtrees, so the figures of a dissolved district office are found under
//   the commune authority that took over its work.

export interface AgreementAccess {
  row: typeof agreements.$inferSelect;
  parties: Array<{ unitId: number; path: string }>;
  limited: boolean;
}

/** The agreement if the actor may see it at all (404 otherwise), and how much of it. */
export async function agreementAccess(db: Queryable, actor: Actor, id: number): Promise<AgreementAccess> {
  const [row] = await db
    .select()
    .from(agreements)
    .where(
      and(
        eq(agreements.id, id),
        sql`(${agreementVisible(actor, agreements.id)} or ${seenThroughTasks(actor, agreements.id)})`,
      ),
    );
  if (!row) throw notFound();
  const parties = await db
    .select({ unitId: agreementParties.unitId, path: units.path })
    .from(agreementParties)
    .innerJoin(units, eq(units.id, agreementParties.unitId))
    .where(eq(agreementParties.agreementId, id))
    .orderBy(asc(agreementParties.position));
  const limited = !parties.some((p) => roleOn(actor, p.path) !== null);
  return { row, parties, limited };
}

type Rows<T> = { rows: T[] } | T[];
/** db.execute answers { rows } (pg, PGlite) or an array, depending on the driver. */
export const rowsOf = <T>(r: Rows<T>): T[] => (Array.isArray(r) ? r : r.rows);

export interface View {
  /** Unit id → the display path it starts (see compute.ts#viewPath). */
  prefixes: Map<number, string>;
  /** Paths naming none of the prefixes are shown rooted at their own unit (agreement view). */
  fallbackToUnit: boolean;
}

/** Display prefixes of a unit and, under it, of the units it succeeded (recursively). */
export async function successionPrefixes(db: Queryable, unitId: number): Promise<Map<number, string>> {
  const prefixes = new Map<number, string>([[unitId, `/${unitId}/`]]);
  const rows = (await db.execute(sql`
    with recursive pred(id, successor, level) as (
      select unit_id, successor_id, 1 from unit_successors where successor_id = ${unitId}
      union all
      select us.unit_id, us.successor_id, pred.level + 1
      from unit_successors us join pred on us.successor_id = pred.id
      where pred.level < 10
    )
    select id, successor from pred order by level`)) as unknown as Rows<{ id: number; successor: number }>;
  for (const r of rowsOf(rows)) {
    const parent = prefixes.get(Number(r.successor));
    if (parent && !prefixes.has(Number(r.id))) prefixes.set(Number(r.id), `${parent}${r.id}/`);
  }
  return prefixes;
}

/** The view of an agreement's roll-up for the actor (optionally rooted at one unit). */
export async function agreementView(
  db: Queryable,
  actor: Actor,
  access: AgreementAccess,
  unitId?: number,
): Promise<View> {
  if (unitId) {
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
    if (!unit || (access.limited && roleOn(actor, unit.path) === null)) throw notFound();
    return { prefixes: await successionPrefixes(db, unitId), fallbackToUnit: false };
  }
  if (!access.limited) {
    return {
      prefixes: new Map(access.parties.map((p) => [p.unitId, `/${p.unitId}/`])),
      fallbackToUnit: true,
    };
  }
  return scopeView(actor);
}

/** Rooted at the units of the actor's grants. */
export function scopeView(actor: Actor): View {
  const prefixes = new Map<number, string>();
  for (const g of actor.grants)
    if (g.unitId !== null && g.path !== null) prefixes.set(g.unitId, `/${g.unitId}/`);
  return { prefixes, fallbackToUnit: false };
}

export interface UnitInfo {
  id: number;
  name: string;
  shortName: string | null;
  closed: boolean;
}

/** Names of units; closed = dissolved or merged before today. */
export async function unitInfo(db: Queryable, ids: number[]): Promise<Map<number, UnitInfo>> {
  if (ids.length === 0) return new Map();
  const today = todayInVietnam();
  const rows = await db
    .select({ id: units.id, name: units.name, shortName: units.shortName, validTo: units.validTo })
    .from(units)
    .where(inArray(units.id, ids));
  return new Map(
    rows.map((u) => [
      u.id,
      { id: u.id, name: u.name, shortName: u.shortName, closed: u.validTo !== null && u.validTo < today },
    ]),
  );
}

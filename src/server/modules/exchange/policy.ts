import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { bulletinRecipients, bulletins, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { atLeast, pathLikeAny } from '../access/scope.ts';

/**
 * Who may act for (and read the mail of) a unit: an officer or better granted on that very
 * unit, or a leader or better granted on the unit or any unit above it (system-wide grants
 * included). An officer of a provincial command does not read its border posts' mail.
 */
function actingGrants(actor: Actor): { all: boolean; exact: string[]; leaderPatterns: string[] } {
  const exact: string[] = [];
  const leaderPatterns: string[] = [];
  for (const g of actor.grants) {
    if (g.path === null) {
      if (atLeast(g.role, 'leader')) return { all: true, exact: [], leaderPatterns: [] };
      continue;
    }
    if (atLeast(g.role, 'leader')) leaderPatterns.push(`${g.path}%`);
    else if (atLeast(g.role, 'officer')) exact.push(g.path);
  }
  return { all: false, exact, leaderPatterns };
}

/** True when the actor may send, acknowledge and read for the unit with this path. */
export function canActFor(actor: Actor, unitPath: string): boolean {
  const { all, exact, leaderPatterns } = actingGrants(actor);
  if (all) return true;
  return exact.includes(unitPath) || leaderPatterns.some((p) => unitPath.startsWith(p.slice(0, -1)));
}

/** SQL condition: the unit path column is a unit the actor acts for (set-based). */
export function actsForPath(actor: Actor, pathColumn: AnyColumn | SQL): SQL {
  const { all, exact, leaderPatterns } = actingGrants(actor);
  if (all) return sql`true`;
  const conds: SQL[] = [];
  if (exact.length) conds.push(sql`${pathColumn} = any(${sql.param(exact)}::text[])`);
  if (leaderPatterns.length) conds.push(pathLikeAny(pathColumn, leaderPatterns));
  if (!conds.length) return sql`false`;
  return sql`(${sql.join(conds, sql` or `)})`;
}

/** Bulletins sent by a unit the actor acts for. */
export function sentByActor(actor: Actor, bulletinId: AnyColumn | SQL): SQL {
  return sql`${bulletinId} in (select sb.id from ${bulletins} sb join ${units} su on su.id = sb.sender_unit_id
    where ${actsForPath(actor, sql`su.path`)})`;
}

/** Bulletins addressed to a unit the actor acts for (optionally: still unacknowledged there). */
export function receivedByActor(actor: Actor, bulletinId: AnyColumn | SQL, unacknowledged = false): SQL {
  const pending = unacknowledged ? sql`and rr.acknowledged_at is null` : sql``;
  return sql`${bulletinId} in (select rr.bulletin_id from ${bulletinRecipients} rr join ${units} ru on ru.id = rr.unit_id
    where ${actsForPath(actor, sql`ru.path`)} ${pending})`;
}

/**
 * A bulletin is visible to its sender unit and its recipient units and their leaders up the
 * tree; nobody else (404).
 */
export function bulletinVisible(actor: Actor, bulletinId: AnyColumn | SQL): SQL {
  return sql`(${sentByActor(actor, bulletinId)} or ${receivedByActor(actor, bulletinId)})`;
}

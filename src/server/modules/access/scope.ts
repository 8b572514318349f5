import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/common.ts';
import type { Actor } from '../../lib/context.ts';

// Roles are ordered: a higher role can do everything a lower one can.
const RANK: Record<Role, number> = { viewer: 1, officer: 2, leader: 3, admin: 4 };

/** The strongest role the actor holds on a unit with this materialised path (null: none). */
export function roleOn(actor: Actor, unitPath: string): Role | null {
  let best: Role | null = null;
  for (const g of actor.grants) {
    if (g.path !== null && !unitPath.startsWith(g.path)) continue;
    if (best === null || RANK[g.role] > RANK[best]) best = g.role;
  }
  return best;
}

export function atLeast(role: Role | null, min: Role): boolean {
  return role !== null && RANK[role] >= RANK[min];
}

/** Role held system-wide (a grant with no unit). */
export function systemRole(actor: Actor): Role | null {
  let best: Role | null = null;
  for (const g of actor.grants) {
    if (g.path === null && (best === null || RANK[g.role] > RANK[best])) best = g.role;
  }
  return best;
}

export function isSystemAdmin(actor: Actor): boolean {
  return systemRole(actor) === 'admin';
}

/** True when the actor holds `min` or better somewhere (used for menus). */
export function holdsAnywhere(actor: Actor, min: Role): boolean {
  return actor.grants.some((g) => RANK[g.role] >= RANK[min]);
}

/** The actor's scope as data: everything, or the LIKE patterns of the granted subtrees. */
export function scopePatterns(actor: Actor, min: Role = 'viewer'): { all: boolean; paths: string[] } {
  const paths: string[] = [];
  for (const g of actor.grants) {
    if (RANK[g.role] < RANK[min]) continue;
    if (g.path === null) return { all: true, paths: [] };
    paths.push(`${g.path}%`);
  }
  return { all: false, paths };
}

/**
 * SQL condition "this path column lies inside a subtree where the actor holds `min` or
 * better": one set-based filter instead of a permission query per row.
 */
export function pathInScope(actor: Actor, pathColumn: AnyColumn | SQL, min: Role = 'viewer'): SQL {
  const { all, paths } = scopePatterns(actor, min);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return pathLikeAny(pathColumn, paths);
}

/**
 * `path LIKE p1 OR path LIKE p2 …`: unlike `LIKE ANY(array)`, each prefix pattern can use the
 * text_pattern_ops index on units.path, so a subtree is an index range, not a table scan.
 */
export function pathLikeAny(pathColumn: AnyColumn | SQL, patterns: string[]): SQL {
  if (patterns.length === 0) return sql`false`;
  return sql`(${sql.join(
    patterns.map((p) => sql`${pathColumn} like ${p}`),
    sql` or `,
  )})`;
}

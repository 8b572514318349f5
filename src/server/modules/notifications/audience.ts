import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../../db/client.ts';

/**
 * The users who act for any of these units, by the bulletin rule (exchange/policy.ts
 * canActFor): an officer or better granted on that very unit, or a leader or admin granted on
 * the unit or on a unit above it, or system-wide. One query for all units; disabled accounts
 * left out. Viewers are not included: they read, they do not act.
 */
export async function usersActingFor(tx: Queryable, unitIds: number[]): Promise<number[]> {
  const ids = [...new Set(unitIds)].filter((id) => Number.isInteger(id) && id > 0);
  if (!ids.length) return [];
  const result = await tx.execute(sql`
    select distinct g.user_id
    from grants g
    join users u on u.id = g.user_id and not u.disabled
    left join units gu on gu.id = g.unit_id
    where (g.unit_id = any(${sql.param(ids)}::int[]) and g.role in ('officer', 'leader', 'admin'))
       or (g.unit_id is null and g.role in ('leader', 'admin'))
       or (g.role in ('leader', 'admin') and exists (
             select 1 from units t
             where t.id = any(${sql.param(ids)}::int[]) and t.path like gu.path || '%'))
    order by g.user_id`);
  return rowsOf<{ user_id: number }>(result).map((r) => Number(r.user_id));
}

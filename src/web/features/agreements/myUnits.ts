import { useMemo } from 'react';
import type { Me } from '../../../contracts/auth.ts';
import type { Role } from '../../../contracts/common.ts';
import { useSignedInMe } from '../../auth.ts';
import { useUnitTree } from '../units/queries.ts';

// The same order as on the server: a higher role can do everything a lower one can.
const RANK: Record<Role, number> = { viewer: 1, officer: 2, leader: 3, admin: 4 };

/** Officer or above somewhere: may draft agreements and keep the legal register. */
export function holdsOfficer(me: Me): boolean {
  return me.grants.some((g) => RANK[g.role] >= RANK.officer);
}

/**
 * Whether the user is an officer (or above) of a unit: a grant on it, on a unit above it in
 * the user's tree, or system-wide. Decides which parties the user may act for (owner unit,
 * commenting party); the server checks again.
 */
export function useActsFor(): (unitId: number) => boolean {
  const me = useSignedInMe();
  const { data: tree } = useUnitTree();
  return useMemo(() => {
    const granted = new Set<number>();
    let everywhere = false;
    for (const g of me.grants) {
      if (RANK[g.role] < RANK.officer) continue;
      if (g.unit) granted.add(g.unit.id);
      else everywhere = true;
    }
    const parentOf = new Map((tree ?? []).map((u) => [u.id, u.parentId]));
    return (unitId: number) => {
      if (everywhere) return true;
      for (let cur: number | null = unitId; cur !== null; cur = parentOf.get(cur) ?? null) {
        if (granted.has(cur)) return true;
      }
      return false;
    };
  }, [me, tree]);
}

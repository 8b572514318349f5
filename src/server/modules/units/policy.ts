import type { Actor } from '../../lib/context.ts';
import { atLeast, isSystemAdmin, roleOn } from '../access/scope.ts';

export interface UnitLike {
  path: string;
  parentId: number | null;
  validTo: string | null;
}

// Reading needs any role in the unit's subtree scope; changing the tree needs admin there.
export function canReadUnit(actor: Actor, unit: Pick<UnitLike, 'path'>): boolean {
  return roleOn(actor, unit.path) !== null;
}

export function unitAbilities(actor: Actor, unit: UnitLike) {
  const admin = atLeast(roleOn(actor, unit.path), 'admin');
  const open = unit.validTo === null;
  // Moving or deleting a top-level unit re-shapes the whole tree: system admins only.
  const structural = unit.parentId === null ? isSystemAdmin(actor) : admin;
  return {
    update: admin,
    move: structural && open,
    close: admin && open,
    delete: structural,
    createChild: admin && open,
  };
}

export function canCreateRootUnit(actor: Actor): boolean {
  return isSystemAdmin(actor);
}

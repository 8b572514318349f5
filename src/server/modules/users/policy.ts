import type { Role } from '../../../contracts/common.ts';
import type { Actor } from '../../lib/context.ts';
import { atLeast, roleOn, systemRole } from '../access/scope.ts';

/** The role the actor holds over a user, decided by the user's home unit. */
function roleOverUser(actor: Actor, unitPath: string | null): Role | null {
  return unitPath === null ? systemRole(actor) : roleOn(actor, unitPath);
}

// Leaders see the people of their subtree; admins manage them. Everyone sees themself.
export function canReadUser(actor: Actor, user: { id: number; unitPath: string | null }): boolean {
  return user.id === actor.userId || atLeast(roleOverUser(actor, user.unitPath), 'leader');
}

export function userAbilities(actor: Actor, user: { id: number; unitPath: string | null }) {
  const admin = atLeast(roleOverUser(actor, user.unitPath), 'admin');
  return {
    update: admin,
    resetPassword: admin && user.id !== actor.userId,
    manageGrants: admin,
    delete: admin && user.id !== actor.userId,
  };
}

/** May the actor hand out (or take back) a role on this unit (null path: system-wide)? */
export function canGrantOn(actor: Actor, unitPath: string | null): boolean {
  return atLeast(roleOverUser(actor, unitPath), 'admin');
}

/** May the actor place a user in this home unit? Same rule as granting there. */
export const canAssignHomeUnit = canGrantOn;

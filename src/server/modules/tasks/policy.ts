import type { TASK_UNIT_ROLES } from '../../../contracts/tasks.ts';
import type { Actor } from '../../lib/context.ts';
import { atLeast, roleOn } from '../access/scope.ts';

type UnitRole = (typeof TASK_UNIT_ROLES)[number];

export interface TaskForPolicy {
  status: string;
  /** Materialised paths of the units named on the task, with their role. */
  units: { path: string; role: UnitRole }[];
  /** Materialised paths of the agreement's parties. */
  partyPaths: string[];
  /** The agreement's manageTasks ability for this actor (agreementAbilities). */
  manageTasks: boolean;
}

const officerOn = (actor: Actor, paths: string[]) => paths.some((p) => atLeast(roleOn(actor, p), 'officer'));
const leaderOn = (actor: Actor, paths: string[]) => paths.some((p) => atLeast(roleOn(actor, p), 'leader'));

/** The roles the actor's units hold on the task (a unit inside the actor's scope). */
export function myRoles(actor: Actor, t: Pick<TaskForPolicy, 'units'>): UnitRole[] {
  const roles = new Set<UnitRole>();
  for (const u of t.units) if (roleOn(actor, u.path) !== null) roles.add(u.role);
  return [...roles];
}

// Who may do what on a task (the actor can already see it):
// - the lead unit's officers and above set status and progress;
// - cooperating and implementing units' officers (and the lead's) post progress updates;
// - any officer who can see the task comments;
// - leaders of a party reassign the lead;
// - editing the task's fields and deleting it follow the agreement's manageTasks.
export function taskAbilities(actor: Actor, t: TaskForPolicy, canSee = true) {
  const lead = t.units.filter((u) => u.role === 'lead').map((u) => u.path);
  const all = t.units.map((u) => u.path);
  const anyOfficer = actor.grants.some((g) => atLeast(g.role, 'officer'));
  return {
    update: t.manageTasks,
    setStatus: officerOn(actor, lead),
    postUpdate: officerOn(actor, all),
    comment: canSee && anyOfficer,
    reassign: leaderOn(actor, t.partyPaths),
    delete: t.manageTasks,
  };
}

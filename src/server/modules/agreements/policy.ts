import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { AGREEMENT_STATUSES } from '../../../contracts/agreements.ts';
import { agreementParties, taskUnits, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { atLeast, pathLikeAny, roleOn, scopePatterns } from '../access/scope.ts';

type Status = (typeof AGREEMENT_STATUSES)[number];

/**
 * Agreements the actor may see, as a SQL condition on an agreement id column: a party unit
 * lies inside the actor's scope (a grant at or above it), or the actor works inside a party's
 * subtree (a border post under the provincial command that signed). Set-based: the ids form
 * one uncorrelated subquery the planner hashes once, not a permission query per row.
 */
export function agreementVisible(actor: Actor, agreementId: AnyColumn | SQL): SQL {
  const { all, paths } = scopePatterns(actor);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  const grantPaths = paths.map((p) => p.slice(0, -1));
  return sql`${agreementId} in (
    select ap.agreement_id from ${agreementParties} ap join ${units} pu on pu.id = ap.unit_id
    where ${pathLikeAny(sql`pu.path`, paths)}
      or pu.path = any(${sql.param(ancestorPaths(grantPaths))}::text[]))`;
}

/** Every ancestor path of the granted units ("/1/4/9/" → "/1/", "/1/4/", "/1/4/9/"). */
function ancestorPaths(paths: string[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const ids = path.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

/**
 * Tasks the actor may see without seeing the whole agreement: a unit named on the task
 * (lead, cooperating or implementing) lies inside the actor's scope.
 */
export function taskNamesActorUnit(actor: Actor, taskId: AnyColumn | SQL): SQL {
  const { all, paths } = scopePatterns(actor);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`${taskId} in (
    select tu.task_id from ${taskUnits} tu join ${units} tuu on tuu.id = tu.unit_id
    where ${pathLikeAny(sql`tuu.path`, paths)})`;
}

export interface AgreementForPolicy {
  status: Status;
  ownerPath: string;
  partyPaths: string[];
}

const strongestOn = (actor: Actor, paths: string[]) => {
  const roles = paths.map((p) => roleOn(actor, p));
  return {
    officer: roles.some((r) => atLeast(r, 'officer')),
    leader: roles.some((r) => atLeast(r, 'leader')),
  };
};

// Lifecycle: draft ⇄ consultation → signed → in_effect → ended | superseded. Drafting is
// the owner's officers' work; signing and every later step belong to party leaders.
const NEXT: Record<Status, Status[]> = {
  draft: ['consultation'],
  consultation: ['draft', 'signed'],
  signed: ['in_effect', 'superseded'],
  in_effect: ['ended', 'superseded'],
  ended: [],
  superseded: [],
};

export function allowedTransitions(from: Status): Status[] {
  return NEXT[from];
}

export function agreementAbilities(actor: Actor, a: AgreementForPolicy) {
  const owner = strongestOn(actor, [a.ownerPath]);
  const party = strongestOn(actor, a.partyPaths);
  const drafting = a.status === 'draft' || a.status === 'consultation';
  const live = a.status === 'signed' || a.status === 'in_effect';
  const transition = NEXT[a.status].filter((to) =>
    to === 'consultation' || to === 'draft' ? owner.officer : party.leader,
  );
  return {
    // A signed text is locked: after signing, changes are amendments by party leaders.
    update: drafting && owner.officer,
    revise: (drafting && owner.officer) || (live && party.leader),
    comment: a.status === 'consultation' && party.officer,
    transition,
    sign: a.status === 'consultation' && party.leader,
    delete: a.status === 'draft' && owner.officer,
    manageTasks: a.status !== 'ended' && a.status !== 'superseded' && (owner.officer || party.officer),
    attach: party.officer,
  };
}

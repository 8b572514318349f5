import { type SQL, sql } from 'drizzle-orm';
import { meetings, meetingUnits, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { atLeast, pathLikeAny, roleOn, scopePatterns } from '../access/scope.ts';
import { agreementVisible } from '../agreements/policy.ts';

/** Every ancestor path of the granted units ("/1/4/9/" → "/1/", "/1/4/", "/1/4/9/"). */
function ancestorPaths(patterns: string[]): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const ids = pattern.slice(0, -1).split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

/** A unit path "related" to the actor: inside a granted subtree, or an ancestor of a granted unit. */
function pathRelated(pathSql: SQL, patterns: string[]): SQL {
  return sql`(${pathLikeAny(pathSql, patterns)} or ${pathSql} = any(${sql.param(ancestorPaths(patterns))}::text[]))`;
}

/**
 * Meetings the actor may see, as one set-based SQL condition on the meetings table: the host
 * unit or an attending unit lies in the actor's scope or above the actor's unit (a border post
 * sees the conference its command convenes), or the actor sees the linked agreement as a party.
 */
export function meetingVisible(actor: Actor): SQL {
  const { all, paths } = scopePatterns(actor);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`(
    ${meetings.hostUnitId} in (select hu.id from ${units} hu where ${pathRelated(sql`hu.path`, paths)})
    or ${meetings.id} in (select mu.meeting_id from ${meetingUnits} mu join ${units} muu on muu.id = mu.unit_id
      where ${pathRelated(sql`muu.path`, paths)})
    or (${meetings.agreementId} is not null and ${agreementVisible(actor, meetings.agreementId)}))`;
}

export interface MeetingForPolicy {
  status: string;
  hostPath: string;
  /** Paths of the linked agreement's parties (empty without an agreement). */
  partyPaths: string[];
}

const officerOn = (actor: Actor, paths: string[]) => paths.some((p) => atLeast(roleOn(actor, p), 'officer'));

// Who may do what on a meeting the actor can see:
// - officers (and above) of the host unit, or of a party of the linked agreement, edit it and
//   turn its conclusions into tasks (the plan's own manageTasks is checked then) and attach
//   its documents;
// - officers of the host unit delete it while it is still planned.
export function meetingAbilities(actor: Actor, m: MeetingForPolicy) {
  const edit = officerOn(actor, [m.hostPath, ...m.partyPaths]);
  return {
    update: edit,
    delete: m.status === 'planned' && officerOn(actor, [m.hostPath]),
    convertConclusions: edit,
    attach: edit,
  };
}

/** Whether the actor may create a meeting hosted by this unit (for this agreement's parties). */
export function mayCreateMeeting(actor: Actor, hostPath: string, partyPaths: string[]) {
  return officerOn(actor, [hostPath, ...partyPaths]);
}

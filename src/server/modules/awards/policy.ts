import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { awards, meetings, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { atLeast, pathLikeAny, roleOn, scopePatterns } from '../access/scope.ts';
import { agreementVisible } from '../agreements/policy.ts';
import { meetingVisible } from '../meetings/policy.ts';

// Who sees and changes a commendation (khen thưởng):
// - it is visible to the recipient unit's subtree (the border post and its people), to the
//   units above the recipient (its command, the province), to the proposing unit (grants at or
//   above it; a sibling post under the proposer does not see it through that), and to whoever sees the linked agreement or meeting as a party;
//   anyone else gets 404;
// - a proposal (đề nghị) is drafted, edited and deleted by officers (or better) of the
//   proposing unit — by default the actor's own unit;
// - deciding (stage 'decision', with the decision's number, date and body) belongs to leaders
//   of the proposing unit or of a party of the linked agreement/meeting (the host and the
//   attending units of a meeting); once decided, an award is edited or deleted only by them.

/** Every ancestor path of the given paths ("/1/4/9/" → "/1/", "/1/4/", "/1/4/9/"). */
export function ancestorPaths(paths: string[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const ids = path.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

/**
 * A unit "related" to the actor, as SQL on a units alias: inside the actor's scope (a grant at
 * or above it) or above one of the actor's granted units (the actor works inside its subtree).
 */
function unitRelated(unitPath: SQL, patterns: string[]): SQL {
  const grantPaths = patterns.map((p) => p.slice(0, -1));
  return sql`(${pathLikeAny(unitPath, patterns)} or ${unitPath} = any(${sql.param(ancestorPaths(grantPaths))}::text[]))`;
}

/** Meetings the actor may see (the meetings module's rule, meetings/policy.ts), on an id column. */
export function meetingVisibleToActor(actor: Actor, meetingId: AnyColumn | SQL): SQL {
  const { all, paths } = scopePatterns(actor);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`${meetingId} in (select ${meetings.id} from ${meetings} where ${meetingVisible(actor)})`;
}

/** Awards the actor may see, as one set-based SQL condition on the `awards` table. */
export function awardVisible(actor: Actor): SQL {
  const { all, paths } = scopePatterns(actor);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`(${awards.unitId} in (select ru.id from ${units} ru where ${unitRelated(sql`ru.path`, paths)})
    or ${awards.proposingUnitId} in (select pu.id from ${units} pu where ${pathLikeAny(sql`pu.path`, paths)})
    or coalesce(${agreementVisible(actor, awards.agreementId)}, false)
    or coalesce(${meetingVisibleToActor(actor, awards.meetingId)}, false))`;
}

export interface AwardForPolicy {
  stage: 'proposal' | 'decision';
  /** Path of the proposing unit (null for an award without one: only party leaders act). */
  proposerPath: string | null;
  /** Paths of the parties of the linked agreement and of the linked meeting's units. */
  partyPaths: string[];
}

export const canPropose = (actor: Actor, proposerPath: string | null) =>
  proposerPath !== null && atLeast(roleOn(actor, proposerPath), 'officer');

export const canDecide = (actor: Actor, a: Pick<AwardForPolicy, 'proposerPath' | 'partyPaths'>) =>
  [...(a.proposerPath ? [a.proposerPath] : []), ...a.partyPaths].some((p) =>
    atLeast(roleOn(actor, p), 'leader'),
  );

export function awardAbilities(actor: Actor, a: AwardForPolicy) {
  const decide = canDecide(actor, a);
  const edit = a.stage === 'decision' ? decide : decide || canPropose(actor, a.proposerPath);
  return { update: edit, delete: edit, decide };
}

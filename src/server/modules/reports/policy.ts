import { type SQL, sql } from 'drizzle-orm';
import type { ReportStatus } from '../../../contracts/reports.ts';
import { agreementParties, reportForms, reports, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { atLeast, pathLikeAny, roleOn, scopePatterns } from '../access/scope.ts';

/**
 * Reports the actor may see, as one set-based SQL condition on the `reports` table: the
 * reporting unit lies in the actor's scope (where it sits now, or where it sat in the
 * period), or a unit of the form's approval chain does, or a party of the agreement does
 * (the provincial command and its partner agency see every report of their program). A
 * border post does not see a sibling post's reports. Anything else answers 404.
 */
export function reportVisible(actor: Actor): SQL {
  const { all, paths } = scopePatterns(actor);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`(${pathLikeAny(reports.unitPath, paths)}
    or ${reports.unitId} in (select su.id from ${units} su where ${pathLikeAny(sql`su.path`, paths)})
    or ${reports.formId} in (select cf.id from ${reportForms} cf
      cross join lateral jsonb_array_elements_text(cf.approval_chain) as ch(unit_id)
      join ${units} cu on cu.id = ch.unit_id::int where ${pathLikeAny(sql`cu.path`, paths)})
    or ${reports.agreementId} in (select ap.agreement_id from ${agreementParties} ap
      join ${units} pu on pu.id = ap.unit_id where ${pathLikeAny(sql`pu.path`, paths)}))`;
}

/**
 * Submitted reports whose next approval step is a unit where the actor is a leader (and that
 * the actor did not submit, unless the form allows it): the "waiting for me" list.
 */
export function awaitingActor(actor: Actor): SQL {
  const { all, paths } = scopePatterns(actor, 'leader');
  if (!all && paths.length === 0) return sql`false`;
  const inScope = all ? sql`true` : pathLikeAny(sql`nu.path`, paths);
  return sql`(${reports.status} = 'submitted' and exists (
    select 1 from ${reportForms} nf join ${units} nu on nu.id = (nf.approval_chain ->> ${reports.approvalStep})::int
    where nf.id = ${reports.formId} and ${inScope}
      and (nf.allow_self_approval or ${reports.submittedById} is distinct from ${actor.userId}::int)))`;
}

export interface ReportForPolicy {
  status: ReportStatus;
  /** The reporting unit's current path. */
  unitPath: string;
  approvalStep: number;
  /** Paths of the approval chain's units, in order. */
  chainPaths: string[];
  submittedById: number | null;
  allowSelfApproval: boolean;
}

const officerOn = (actor: Actor, path: string) => atLeast(roleOn(actor, path), 'officer');
const leaderOn = (actor: Actor, path: string | undefined) =>
  path !== undefined && atLeast(roleOn(actor, path), 'leader');

/** Whether the actor is the submitter and the chain forbids approving one's own report. */
export const isSelfApproval = (actor: Actor, r: ReportForPolicy) =>
  !r.allowSelfApproval && r.submittedById !== null && r.submittedById === actor.userId;

// Who may do what on a report the actor can see:
// - officers (and above) of the reporting unit edit, attach files and submit a draft or a
//   returned report;
// - a leader of the chain's current unit approves (moving to the next unit, or approving
//   finally on the last) or returns it with a comment; the submitter may not approve their
//   own report unless the form allows it;
// - a leader of the chain's last unit reopens an approved (locked) report.
export function reportAbilities(actor: Actor, r: ReportForPolicy) {
  const editable = r.status === 'draft' || r.status === 'returned';
  const current = r.chainPaths[r.approvalStep];
  const decide = r.status === 'submitted' && leaderOn(actor, current);
  return {
    edit: editable && officerOn(actor, r.unitPath),
    submit: editable && officerOn(actor, r.unitPath),
    approve: decide && !isSelfApproval(actor, r),
    return: decide,
    reopen: r.status === 'approved' && leaderOn(actor, r.chainPaths.at(-1)),
    attach: editable && officerOn(actor, r.unitPath),
  };
}

export { leaderOn, officerOn };

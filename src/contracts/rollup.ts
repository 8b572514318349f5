import { z } from 'zod';
import { AGGREGATIONS } from './indicators.ts';
import { meetingListItem } from './meetings.ts';

// Dashboards and national totals (the roll-up and status matrix are in reports.ts).

const year = z.coerce.number().int().min(1990).max(2100);
const int = z.number().int();

export const yearQuery = z.strictObject({ year });
/** The year defaults to the current year in Vietnam. */
export const dashboardQuery = z.strictObject({ year: year.optional() });

/** One indicator's figure on a card: actual, target, % achieved, same period last year. */
export const indicatorFigure = z.object({
  indicatorId: int,
  code: z.string(),
  name: z.string(),
  uom: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  achievedPct: z.number().nullable(),
  previousYear: z.number().nullable(),
  reports: int,
});
export type IndicatorFigure = z.infer<typeof indicatorFigure>;

/** Report chores counted over the expected reports of the year (forms × units × periods). */
export const reportCounts = z.object({
  /** Expected now, deadline not passed, not submitted yet (no report or a draft). */
  due: int,
  /** Deadline passed and nothing submitted. */
  overdue: int,
  /** Sent back by a leader, to correct and resubmit. */
  returned: int,
  /** Submitted, waiting for an approval step. */
  awaitingApproval: int,
});

const dashboardAgreement = z.object({
  id: int,
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  /** 'agreement': the agreement's totals; 'mine': only the actor's (or the unit's) units. */
  scope: z.enum(['agreement', 'mine']),
  indicators: z.array(indicatorFigure),
});

export const unitDashboardSchema = z.object({
  unit: z.object({ id: int, name: z.string(), shortName: z.string().nullable(), closed: z.boolean() }),
  year: int,
  /** Agreements the unit's subtree takes part in or reports for, with its subtree's totals. */
  agreements: z.array(dashboardAgreement),
  /** Open and overdue tasks naming a unit of the subtree (as lead, cooperating or implementing). */
  tasks: z.object({ open: int, overdue: int }),
  reports: reportCounts,
  sample: z.boolean(),
});
export type UnitDashboard = z.infer<typeof unitDashboardSchema>;

export const userDashboardSchema = z.object({
  year: int,
  /** Reports of the units where the actor is an officer or more. */
  reports: reportCounts.omit({ awaitingApproval: true }),
  /** Submitted reports whose next approval step is the actor's (leader of the approving unit). */
  awaitingMyApproval: int,
  /** Overdue tasks naming a unit in the actor's scope. */
  overdueTasks: int,
  /** Agreements the actor sees, with headline indicator totals of the year (at most 12). */
  agreements: z.array(dashboardAgreement),
  /** The next meetings (from now, in date order, cancelled left out) the actor sees, at most 5. */
  upcomingMeetings: z.array(meetingListItem),
  sample: z.boolean(),
});
export type UserDashboard = z.infer<typeof userDashboardSchema>;

export const indicatorTotalSchema = z.object({
  indicatorId: int,
  code: z.string(),
  name: z.string(),
  uom: z.string(),
  aggUnits: z.enum(AGGREGATIONS),
  year: int,
  /** 'national' for a system-wide scope, otherwise the units of the actor's grants. */
  scope: z.enum(['national', 'mine']),
  value: z.number().nullable(),
  previousYear: z.number().nullable(),
  /** Approved reports and units behind the value. */
  reports: int,
  units: int,
  agreements: int,
  sample: z.boolean(),
});
export type IndicatorTotal = z.infer<typeof indicatorTotalSchema>;

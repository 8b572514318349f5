import { z } from 'zod';
import { attachmentSchema } from './attachments.ts';
import { id, optionalText, pageQuery, text, version } from './common.ts';
import { AGGREGATIONS, EXCHANGE_SOURCES, VALUE_TYPES } from './indicators.ts';
import { PERIOD_KINDS } from './periods.ts';

// Biểu mẫu báo cáo (report forms) and báo cáo định kỳ (periodic reports).

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** A cell of the reporting-status matrix: the report's status, or what is due of a missing one. */
export const MATRIX_STATES = [
  'not_due',
  'due',
  'overdue',
  'draft',
  'submitted',
  'returned',
  'approved',
] as const;
export type MatrixState = (typeof MATRIX_STATES)[number];
export const REPORT_ACTIONS = ['create', 'save', 'submit', 'approve', 'return', 'reopen', 'import'] as const;

export const periodKey = z
  .string()
  .trim()
  .regex(/^\d{4}(-(\d{2}|Q[1-4]|H[12]|\d{4}))?$/, {
    error: 'Kỳ báo cáo không hợp lệ (ví dụ: 2024-05, 2024-Q2, 2024-H1, 2024, 2022-2025)',
  });

export const narrativeSectionSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_]+$/),
  title: text(300),
});
/** The narrative sections a form asks for when it names none. */
export const DEFAULT_NARRATIVE_SECTIONS = [
  { key: 'ket_qua', title: 'Kết quả thực hiện' },
  { key: 'han_che', title: 'Hạn chế, nguyên nhân' },
  { key: 'de_xuat', title: 'Đề xuất, kiến nghị' },
];

const formFields = {
  name: text(500),
  frequency: z.enum(PERIOD_KINDS),
  /** Deadline: this day of the period's last month (+ monthOffset months). */
  deadlineDay: z.number().int().min(1).max(31),
  deadlineMonthOffset: z.number().int().min(0).max(3).default(0),
  narrativeSections: z.array(narrativeSectionSchema).max(20).default(DEFAULT_NARRATIVE_SECTIONS),
  /** Units whose leaders approve, in order (e.g. [Bộ Chỉ huy BĐBP tỉnh]). */
  approvalChain: z.array(id).min(1).max(5),
  /** Whether the leader who submitted may also approve. */
  allowSelfApproval: z.boolean().default(false),
  indicators: z
    .array(z.strictObject({ indicatorId: id, required: z.boolean().default(false) }))
    .min(1)
    .max(500),
  unitIds: z.array(id).min(1).max(20_000),
};
export const formCreateBody = z.strictObject(formFields);
export const formUpdateBody = z
  .strictObject(formFields)
  .partial()
  .extend({ active: z.boolean().optional(), version });

export const formIndicatorSchema = z.object({
  indicatorId: z.number().int(),
  code: z.string(),
  name: z.string(),
  uom: z.string(),
  valueType: z.enum(VALUE_TYPES),
  aggUnits: z.enum(AGGREGATIONS),
  aggTime: z.enum(AGGREGATIONS),
  dedupByLocation: z.boolean(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  required: z.boolean(),
  categories: z.array(z.object({ code: z.string(), name: z.string() })).nullable(),
  position: z.number().int(),
  /** Counted by the system from the information exchange (indicators.exchange_source). */
  exchangeSource: z.enum(EXCHANGE_SOURCES).nullable(),
});
export type FormIndicator = z.infer<typeof formIndicatorSchema>;

const unitName = z.object({ id: z.number().int(), name: z.string(), shortName: z.string().nullable() });

export const formSchema = z.object({
  id: z.number().int(),
  agreementId: z.number().int(),
  agreementSubject: z.string(),
  name: z.string(),
  frequency: z.enum(PERIOD_KINDS),
  deadlineDay: z.number().int(),
  deadlineMonthOffset: z.number().int(),
  narrativeSections: z.array(narrativeSectionSchema),
  approvalChain: z.array(unitName),
  allowSelfApproval: z.boolean(),
  active: z.boolean(),
  indicators: z.array(formIndicatorSchema),
  units: z.array(unitName),
  version: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
export type FormOut = z.infer<typeof formSchema>;

/** One value of a report: total (category '') or a category; optionally for a location (xã). */
export const valueInput = z.strictObject({
  indicatorId: id,
  category: z.string().trim().max(40).default(''),
  location: z.string().trim().max(200).default(''),
  /** A number for numeric types, true/false for yes/no, text for text; null clears it. */
  value: z.union([z.number(), z.boolean(), z.string().max(5000), z.null()]),
});
export type ValueInput = z.infer<typeof valueInput>;

export const reportOpenBody = z.strictObject({ formId: id, unitId: id, period: periodKey });

export const reportSaveBody = z.strictObject({
  values: z.array(valueInput).max(20_000).default([]),
  narrative: z.record(z.string(), z.string().max(50_000)).default({}),
  version,
});
export const reportActionBody = z.strictObject({ version, comment: optionalText(5000) });
export const reportReturnBody = z.strictObject({ version, comment: text(5000) });
export const reportReopenBody = z.strictObject({ version, reason: text(2000) });

export const valueSchema = z.object({
  indicatorId: z.number().int(),
  category: z.string(),
  location: z.string(),
  value: z.union([z.number(), z.boolean(), z.string(), z.null()]),
});
/** A value that breaks a rule: saved (a warning) unless `blocking` (wrong type: refused). */
export const valueIssueSchema = z.object({
  indicatorId: z.number().int(),
  category: z.string(),
  location: z.string(),
  path: z.string(),
  message: z.string(),
  blocking: z.boolean(),
});
export type ValueIssue = z.infer<typeof valueIssueSchema>;

export const reportEventSchema = z.object({
  id: z.number().int(),
  action: z.enum(REPORT_ACTIONS),
  step: z.number().int(),
  actorName: z.string().nullable(),
  unitName: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
  /** Values and narrative as they were after this event (save, submit, import). */
  hasSnapshot: z.boolean(),
});

export const reportSchema = z.object({
  id: z.number().int(),
  formId: z.number().int(),
  formName: z.string(),
  agreementId: z.number().int(),
  agreementSubject: z.string(),
  unit: unitName,
  period: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: z.enum(REPORT_STATUSES),
  /** Approvals done so far along the chain; the next approver is approvalChain[approvalStep]. */
  approvalStep: z.number().int(),
  approvalChain: z.array(unitName),
  locked: z.boolean(),
  overdue: z.boolean(),
  sample: z.boolean(),
  narrativeSections: z.array(narrativeSectionSchema),
  narrative: z.record(z.string(), z.string()),
  indicators: z.array(formIndicatorSchema),
  values: z.array(valueSchema),
  issues: z.array(valueIssueSchema),
  /**
   * What the system adds to the typed figures of this report's unit and period (README "Số
   * liệu tự động từ trao đổi thông tin"): one entry per exchange indicator of the form linked
   * to the agreement, 0 when nothing was counted; none for the other indicators.
   */
  exchangeCounts: z.array(z.object({ indicatorId: z.number().int(), value: z.number().int() })),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    reopen: z.boolean(),
    /** Upload evidence files (officers of the unit while the report is editable). */
    attach: z.boolean(),
  }),
  events: z.array(reportEventSchema),
  /** Evidence files attached to the report (POST /api/reports/:id/attachments). */
  attachments: z.array(attachmentSchema),
});
export type ReportOut = z.infer<typeof reportSchema>;

/** One history entry with the values and narrative as they stood after it. */
export const reportEventDetailSchema = reportEventSchema.extend({
  snapshot: z
    .object({ values: z.array(valueSchema), narrative: z.record(z.string(), z.string()) })
    .nullable(),
});

/** Approve many submitted reports at once; each is approved (or fails) on its own. */
export const bulkApproveBody = z.strictObject({
  items: z.array(z.strictObject({ id, version })).min(1).max(500),
  comment: optionalText(5000),
});
export const bulkApproveResult = z.object({
  approved: z.array(z.number().int()),
  failed: z.array(z.object({ id: z.number().int(), code: z.string(), message: z.string() })),
});

export const reportListItem = z.object({
  id: z.number().int(),
  formId: z.number().int(),
  formName: z.string(),
  agreementId: z.number().int(),
  unit: unitName,
  period: z.string(),
  periodLabel: z.string(),
  dueDate: z.string(),
  status: z.enum(REPORT_STATUSES),
  approvalStep: z.number().int(),
  overdue: z.boolean(),
  sample: z.boolean(),
  submittedAt: z.string().nullable(),
  /** The actor may approve or return it now (the "waiting for me" list). */
  awaitingMe: z.boolean(),
  /** The row's version, for approving from the list (POST /api/reports/bulk-approve). */
  version: z.number().int(),
});
export const reportListQuery = z.strictObject({
  formId: id.optional(),
  agreementId: id.optional(),
  unitId: id.optional(),
  period: periodKey.optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  /** Reports the actor may approve or return now. */
  awaitingMe: z.enum(['true', 'false']).optional(),
  /** Overdue (the list item's `overdue`): a draft or returned report past its due date. */
  overdue: z.enum(['true', 'false']).optional(),
  /**
   * Due: a draft not yet submitted whose due date has not passed (the dashboards' "đến hạn",
   * less the periods without a report yet, which have no row to list).
   */
  due: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});

// Reporting status matrix: units × periods of one form.
export const matrixQuery = z.strictObject({
  from: periodKey.optional(),
  to: periodKey.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});
export const matrixSchema = z.object({
  formId: z.number().int(),
  periods: z.array(z.object({ key: z.string(), label: z.string(), dueDate: z.string() })),
  rows: z.array(
    z.object({
      unit: unitName,
      cells: z.array(
        z.object({
          state: z.enum(MATRIX_STATES),
          reportId: z.number().int().nullable(),
          onTime: z.boolean().nullable(),
        }),
      ),
      /** Share of due periods with a submitted or approved report (0–1), null when nothing is due. */
      completeness: z.number().nullable(),
      /** Share of submitted reports that came in by the deadline (0–1). */
      timeliness: z.number().nullable(),
    }),
  ),
});

// Roll-up and dashboards.
export const rollupQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100),
  /** A period inside the year (quarter, month…); default: the whole year. */
  period: periodKey.optional(),
  /** Root of the tree to show (default: the agreement's parties). */
  unitId: id.optional(),
  indicatorId: id.optional(),
  /** Levels of the tree listed below the root(s) (every level is still counted in the values). */
  depth: z.coerce.number().int().min(0).max(12).default(1),
});
export const rollupValue = z.object({
  indicatorId: z.number().int(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  /** actual / target × 100, one decimal; null without a target. */
  achievedPct: z.number().nullable(),
  previousYear: z.number().nullable(),
  /** Number of approved reports behind the value. */
  reports: z.number().int(),
});
export const rollupNode = z.object({
  unit: unitName.extend({ parentId: z.number().int().nullable(), closed: z.boolean() }),
  /** 0 for a root of the view. */
  depth: z.number().int(),
  /** The node has units below it (listed, or deeper than `depth`: drill down with unitId). */
  hasChildren: z.boolean(),
  /** The indicators the node has a figure, a target or a previous-year figure for. */
  values: z.array(rollupValue),
});
export const rollupSchema = z.object({
  agreementId: z.number().int(),
  period: z.string(),
  periodLabel: z.string(),
  indicators: z.array(
    formIndicatorSchema.omit({ required: true, position: true, categories: true, exchangeSource: true }),
  ),
  /** The agreement's totals (de-duplicated by location where the indicator says so). */
  totals: z.array(rollupValue),
  /** The unit tree as it was in the period, each node with its subtree's values. */
  nodes: z.array(rollupNode),
  /** Whether any value comes from generated sample data. */
  sample: z.boolean(),
  /**
   * The actor sees the agreement without standing over one of its parties (a subordinate
   * unit, or a unit named on its tasks): only the nodes of their own units, no agreement totals.
   */
  limited: z.boolean(),
});
export type RollupOut = z.infer<typeof rollupSchema>;

export const trendQuery = z.strictObject({
  indicatorId: id,
  frequency: z.enum(['month', 'quarter', 'half', 'year']).default('quarter'),
  fromYear: z.coerce.number().int().min(1990).max(2100),
  toYear: z.coerce.number().int().min(1990).max(2100),
  unitId: id.optional(),
});
export const trendSchema = z.object({
  indicatorId: z.number().int(),
  points: z.array(z.object({ period: z.string(), label: z.string(), value: z.number().nullable() })),
});

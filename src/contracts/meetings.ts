import { z } from 'zod';
import { attachmentSchema } from './attachments.ts';
import { id, isoDate, optionalText, pageQuery, text, version } from './common.ts';
import { periodKey } from './reports.ts';

// Hội nghị (signing, briefing, interim and final review), review reports drafted from approved
// data, and commendations (khen thưởng).

export const MEETING_KINDS = ['signing', 'briefing', 'interim_review', 'final_review', 'other'] as const;
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const ATTENDEE_ROLES = ['chair', 'delegate', 'guest', 'secretary'] as const;
export const AWARD_STAGES = ['proposal', 'decision'] as const;
export const AWARD_RECIPIENTS = ['collective', 'individual'] as const;

const unitName = z.object({ id: z.number().int(), name: z.string(), shortName: z.string().nullable() });

export const attendeeInput = z.strictObject({
  role: z.enum(ATTENDEE_ROLES),
  name: text(200),
  title: optionalText(300),
  unitId: id.nullable().optional(),
});
export const agendaInput = z.strictObject({ title: text(1000), presenter: optionalText(300) });
export const conclusionInput = z.strictObject({
  /** An existing conclusion's id keeps it (and its link to a task) when the list is replaced. */
  id: id.optional(),
  text: text(5000),
  leadUnitId: id.nullable().optional(),
  cooperatingUnitIds: z.array(id).max(100).default([]),
  dueDate: isoDate.nullable().optional(),
});

const meetingFields = {
  agreementId: id.nullable().optional(),
  kind: z.enum(MEETING_KINDS),
  title: text(1000),
  reviewPeriod: periodKey.nullable().optional(),
  /** ISO date-time with offset ("2024-01-03T14:00:00+07:00"). */
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  place: optionalText(500),
  hostUnitId: id,
  unitIds: z.array(id).max(500).default([]),
  attendees: z.array(attendeeInput).max(500).default([]),
  agenda: z.array(agendaInput).max(100).default([]),
  minutes: optionalText(100_000),
  conclusions: z.array(conclusionInput).max(200).default([]),
};
export const meetingCreateBody = z.strictObject(meetingFields);
export const meetingUpdateBody = z
  .strictObject(meetingFields)
  .partial()
  .extend({
    // Lists left out keep their value (no default that would clear them); sent, they replace it.
    unitIds: z.array(id).max(500).optional(),
    attendees: z.array(attendeeInput).max(500).optional(),
    agenda: z.array(agendaInput).max(100).optional(),
    conclusions: z.array(conclusionInput).max(200).optional(),
    status: z.enum(MEETING_STATUSES).optional(),
    version,
  });

export const meetingSchema = z.object({
  id: z.number().int(),
  agreementId: z.number().int().nullable(),
  agreementSubject: z.string().nullable(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  reviewPeriod: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string().nullable(),
  hostUnit: unitName,
  status: z.enum(MEETING_STATUSES),
  units: z.array(unitName),
  attendees: z.array(
    z.object({
      id: z.number().int(),
      role: z.enum(ATTENDEE_ROLES),
      name: z.string(),
      title: z.string().nullable(),
      unit: unitName.nullable(),
    }),
  ),
  agenda: z.array(z.object({ id: z.number().int(), title: z.string(), presenter: z.string().nullable() })),
  minutes: z.string().nullable(),
  conclusions: z.array(
    z.object({
      id: z.number().int(),
      text: z.string(),
      leadUnit: unitName.nullable(),
      cooperatingUnits: z.array(unitName),
      dueDate: z.string().nullable(),
      taskId: z.number().int().nullable(),
    }),
  ),
  /** The meeting's documents (attachments with ownerType 'meeting'). */
  attachments: z.array(attachmentSchema),
  version: z.number().int(),
  abilities: z.object({
    update: z.boolean(),
    delete: z.boolean(),
    convertConclusions: z.boolean(),
    attach: z.boolean(),
  }),
});
export type MeetingOut = z.infer<typeof meetingSchema>;

export const meetingListItem = meetingSchema.pick({
  id: true,
  agreementId: true,
  agreementSubject: true,
  kind: true,
  title: true,
  startsAt: true,
  place: true,
  hostUnit: true,
  status: true,
});
export const meetingListQuery = z.strictObject({
  agreementId: id.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  /** Only meetings from now on (upcoming), in date order. */
  upcoming: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(200).optional(),
  ...pageQuery,
});

/** Turn conclusions into tasks of a plan (the next year's plan of the agreement). */
export const conclusionsToTasksBody = z.strictObject({
  planId: id,
  conclusionIds: z.array(id).min(1).max(200),
  sectionId: id.nullable().optional(),
  version,
});

// Review report (báo cáo sơ kết / tổng kết).
export const REVIEW_SECTION_KEYS = [
  'situation', // I. Đặc điểm tình hình
  'leadership', // Công tác lãnh đạo, chỉ đạo, triển khai
  'shortcomings', // III. Hạn chế, nguyên nhân
  'lessons', // IV. Bài học kinh nghiệm
  'directions', // V. Phương hướng, nhiệm vụ kỳ tới
  'proposals', // VI. Đề xuất, kiến nghị
] as const;
export const reviewCreateBody = z.strictObject({
  period: periodKey,
  title: optionalText(500),
  issuingUnitId: id,
  meetingId: id.nullable().optional(),
});
export const reviewUpdateBody = z.strictObject({
  title: text(500).optional(),
  /** Only the sections sent change (a partial record: zod 4's record of an enum wants every key). */
  sections: z.partialRecord(z.enum(REVIEW_SECTION_KEYS), z.string().max(100_000)).optional(),
  docNumber: optionalText(50),
  signerName: optionalText(200),
  signerTitle: optionalText(300),
  recipients: z.array(text(300)).max(50).optional(),
  /** true: keep the figures as they are now; false: back to live figures. */
  frozen: z.boolean().optional(),
  version,
});

export const awardInput = z.strictObject({
  stage: z.enum(AWARD_STAGES).default('proposal'),
  recipientKind: z.enum(AWARD_RECIPIENTS),
  unitId: id,
  personName: optionalText(200),
  personTitle: optionalText(300),
  form: text(500),
  achievement: text(10_000),
  evidence: z
    .array(z.strictObject({ type: z.enum(['task', 'report', 'indicator']), id }))
    .max(50)
    .default([]),
  agreementId: id.nullable().optional(),
  meetingId: id.nullable().optional(),
  proposingUnitId: id.nullable().optional(),
  decisionNumber: optionalText(50),
  decisionDate: isoDate.nullable().optional(),
  decidingBody: optionalText(300),
  year: z.number().int().min(1990).max(2100),
});
// No defaults on update: a field left out keeps its value (awardInput's defaults — stage
// 'proposal', evidence [] — would otherwise turn a decision back into a proposal on any edit).
export const awardUpdateBody = awardInput
  .extend({
    stage: z.enum(AWARD_STAGES),
    evidence: awardInput.shape.evidence.unwrap(),
  })
  .partial()
  .extend({ version });
export const awardListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  stage: z.enum(AWARD_STAGES).optional(),
  recipientKind: z.enum(AWARD_RECIPIENTS).optional(),
  agreementId: id.optional(),
  meetingId: id.optional(),
  unitId: id.optional(),
  ...pageQuery,
});
export const awardSchema = z.object({
  id: z.number().int(),
  stage: z.enum(AWARD_STAGES),
  recipientKind: z.enum(AWARD_RECIPIENTS),
  unit: unitName,
  personName: z.string().nullable(),
  personTitle: z.string().nullable(),
  form: z.string(),
  achievement: z.string(),
  evidence: z.array(
    z.object({ type: z.enum(['task', 'report', 'indicator']), id: z.number().int(), label: z.string() }),
  ),
  agreementId: z.number().int().nullable(),
  meetingId: z.number().int().nullable(),
  proposingUnit: unitName.nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decidingBody: z.string().nullable(),
  year: z.number().int(),
  version: z.number().int(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});

// The assembled draft of a review report (GET /api/reviews/:id): figures from approved data,
// live until frozen. A figure without an approved value is null ("chưa có số liệu"), never 0.
const reviewTaskItem = z.object({
  id: z.number().int(),
  title: z.string(),
  leadUnit: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.string(),
});
export const reviewFigureSchema = z.object({
  indicatorId: z.number().int(),
  code: z.string(),
  name: z.string(),
  uom: z.string(),
  /** 'boolean' figures print as Có / Không. */
  valueType: z.string().optional(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  achievedPct: z.number().nullable(),
  /** The same period one year earlier (none for a phase). */
  previous: z.number().nullable(),
  /** value − previous, when both are known. */
  change: z.number().nullable(),
  reports: z.number().int(),
});
export const reviewAttributedText = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  period: z.string(),
  text: z.string(),
});
export const reviewResultSection = z.object({
  key: z.string(),
  title: z.string(),
  tasks: z.object({
    total: z.number().int(),
    done: z.array(reviewTaskItem),
    inProgress: z.array(reviewTaskItem),
    notStarted: z.array(reviewTaskItem),
    overdue: z.array(reviewTaskItem),
    cancelled: z.number().int(),
  }),
  figures: z.array(reviewFigureSchema),
});
export const reviewDraftSchema = z.object({
  period: z.string(),
  periodLabel: z.string(),
  /** 'so_ket' for a year or half inside the phase, 'tong_ket' for the whole phase. */
  reviewKind: z.enum(['so_ket', 'tong_ket']),
  /** The day the figures were read (today when live, the freezing day when frozen). */
  asOf: z.string(),
  hasApprovedData: z.boolean(),
  /** "Chưa có số liệu được duyệt cho kỳ này…" when nothing approved lies in the period. */
  notice: z.string().nullable(),
  approvedReports: z.number().int(),
  /** Some figures come from generated sample reports (demo data marked "Dữ liệu mẫu"). */
  sample: z.boolean().optional(),
  results: z.array(reviewResultSection),
  narratives: z.array(reviewAttributedText),
  /** The texts of sections I, III–VI: the author's edits, or the prefilled draft. */
  texts: z.record(z.enum(REVIEW_SECTION_KEYS), z.string()),
  /** The prefilled texts (what an empty section starts from). */
  prefill: z.record(z.enum(REVIEW_SECTION_KEYS), z.string()),
});
export type ReviewDraft = z.infer<typeof reviewDraftSchema>;
export type ReviewFigure = z.infer<typeof reviewFigureSchema>;

export const reviewListItem = z.object({
  id: z.number().int(),
  agreementId: z.number().int(),
  period: z.string(),
  periodLabel: z.string(),
  title: z.string(),
  issuingUnit: unitName,
  meetingId: z.number().int().nullable(),
  frozen: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const reviewSchema = reviewListItem.extend({
  agreementSubject: z.string(),
  sections: z.record(z.string(), z.string()),
  docNumber: z.string().nullable(),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  recipients: z.array(z.string()),
  draft: reviewDraftSchema,
  abilities: z.object({ update: z.boolean() }),
});
export type ReviewOut = z.infer<typeof reviewSchema>;
export const reviewVersionSchema = z.object({
  version: z.number().int(),
  sections: z.record(z.string(), z.string()),
  frozen: z.boolean(),
  author: z.string().nullable(),
  createdAt: z.string(),
});

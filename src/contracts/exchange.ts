import { z } from 'zod';
import { attachmentSchema } from './attachments.ts';
import { id, isoDate, optionalText, pageQuery, text } from './common.ts';

// Bulletins (thông tin trao đổi) between partner units.
export const BULLETIN_KINDS = [
  'security_situation',
  'ethnic_affairs',
  'disaster',
  'tip_off',
  'coordination_request',
  'reply',
] as const;
export const bulletinKind = z.enum(BULLETIN_KINDS);

/** Labels this system may hold (Thường / Nội bộ / Hạn chế). State secrets never are. */
export const SENSITIVITIES = ['thuong', 'noi_bo', 'han_che'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
/** Vietnamese names, for the server's messages and the web's Vietnamese locale alike. */
export const BULLETIN_KIND_VI: Record<(typeof BULLETIN_KINDS)[number], string> = {
  security_situation: 'An ninh trật tự',
  ethnic_affairs: 'Dân tộc',
  disaster: 'Thiên tai',
  tip_off: 'Tin báo (nguồn tin)',
  coordination_request: 'Yêu cầu phối hợp',
  reply: 'Trả lời',
};
export const SENSITIVITY_VI: Record<Sensitivity, string> = {
  thuong: 'Thường',
  noi_bo: 'Nội bộ',
  han_che: 'Hạn chế',
};
/** State-secret labels (Mật, Tối mật, Tuyệt mật), folded: refused with STATE_SECRET_NOT_ALLOWED. */
export const STATE_SECRET_LABELS = ['mat', 'toi_mat', 'tuyet_mat'] as const;

// The label is a free string in input so that a secret label gets its own error, not "invalid".
const sensitivityInput = z.string().trim().max(40).optional();

export const bulletinInput = z.strictObject({
  senderUnitId: id.optional(),
  agreementId: id.nullable().optional(),
  recipientUnitIds: z.array(id).max(200).optional(),
  allParties: z.boolean().optional(),
  kind: bulletinKind,
  subject: text(500),
  body: z.string().max(50_000),
  sensitivity: sensitivityInput,
  respondBy: isoDate.nullable().optional(),
  /** When the information was received or the event happened (default: today); not future. */
  occurredOn: isoDate.optional(),
  replyToId: id.nullable().optional(),
});

export const bulletinReplyInput = z.strictObject({
  senderUnitId: id.optional(),
  subject: optionalText(500),
  body: z.string().max(50_000),
  sensitivity: sensitivityInput,
});

export const bulletinListQuery = z.strictObject({
  box: z.enum(['inbox', 'sent', 'all']).default('all'),
  kind: bulletinKind.optional(),
  unacknowledged: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(200).optional(),
  ...pageQuery,
});

const unitRef = z.object({ id: z.number().int(), name: z.string(), shortName: z.string().nullable() });
const userRef = z.object({ id: z.number().int(), fullName: z.string() });

export const bulletinRecipientSchema = z.object({
  unit: unitRef,
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: userRef.nullable(),
});

export const bulletinSchema = z.object({
  id: z.number().int(),
  kind: bulletinKind,
  subject: z.string(),
  body: z.string(),
  sensitivity: z.enum(SENSITIVITIES),
  senderUnit: unitRef,
  agreementId: z.number().int().nullable(),
  recipients: z.array(bulletinRecipientSchema),
  /** Recipient units that have not acknowledged yet. */
  notAcknowledged: z.array(unitRef),
  respondBy: z.string().nullable(),
  occurredOn: z.string(),
  answeredAt: z.string().nullable(),
  /** A coordination request still waiting for a reply from a recipient. */
  open: z.boolean(),
  replyToId: z.number().int().nullable(),
  threadId: z.number().int(),
  createdAt: z.string(),
  createdBy: userRef.nullable(),
  abilities: z.object({ acknowledge: z.boolean(), reply: z.boolean() }),
});

export const bulletinDetailSchema = bulletinSchema.extend({
  thread: z.array(bulletinSchema),
  /** Files the sender unit attached (POST /api/bulletins/:id/attachments). */
  attachments: z.array(attachmentSchema),
});

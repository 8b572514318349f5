import { z } from 'zod';

// Files attached to an agreement (scans, DOCX, images) or to a task's progress update.
export const ATTACHMENT_OWNER_TYPES = ['agreement', 'task_update', 'report', 'meeting'] as const;

export const attachmentSchema = z.object({
  id: z.number(),
  ownerType: z.enum(ATTACHMENT_OWNER_TYPES),
  ownerId: z.number(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

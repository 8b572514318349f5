import { z } from 'zod';

// Files attached to an agreement (scans, DOCX, images), a task's progress update, a report,
// a meeting or a bulletin.
export const ATTACHMENT_OWNER_TYPES = ['agreement', 'task_update', 'report', 'meeting', 'bulletin'] as const;

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

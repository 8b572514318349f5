import { z } from 'zod';
import { pageQuery } from './common.ts';

// Notifications: the in-app centre, e-mail (immediately or in a daily digest) and the
// reminders the scheduler raises. Texts are written in Vietnamese when they are created.
export const NOTIFICATION_KINDS = [
  'bulletin_received',
  'bulletin_acknowledged',
  'bulletin_replied',
  'bulletin_unacknowledged',
  'request_overdue',
  'report_due',
  'report_overdue',
  'task_overdue',
  'approval_waiting',
  'approval_escalated',
  'meeting_tomorrow',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** off: no e-mail; immediate: one e-mail per notification; daily: one digest a day. */
export const EMAIL_MODES = ['off', 'immediate', 'daily'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  /** Where the item opens in the web app, e.g. /bulletins/12. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationOut = z.infer<typeof notificationSchema>;

export const notificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});

export const notificationListSchema = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  items: z.array(notificationSchema),
});

export const markReadInput = z.strictObject({
  /** Omitted: every notification of the user. */
  ids: z.array(z.number().int().positive()).max(500).optional(),
});

export const notificationPrefsSchema = z.object({
  email: z.enum(EMAIL_MODES),
  /** Kinds the user does not want (neither in the centre nor by e-mail). */
  muted: z.array(z.enum(NOTIFICATION_KINDS)),
  /** The address e-mails go to (the user's profile e-mail). */
  emailAddress: z.string().nullable(),
  /** Whether the server can send e-mail at all (SMTP configured). */
  emailAvailable: z.boolean(),
});
export const notificationPrefsInput = z.strictObject({
  email: z.enum(EMAIL_MODES).optional(),
  muted: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length).optional(),
});

/**
 * What the live stream (GET /api/live, Server-Sent Events) sends; 'resync' after the server's
 * LISTEN connection came back (events may have been missed: reload).
 */
export const LIVE_EVENT_TYPES = ['notification', 'bulletin', 'resync'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

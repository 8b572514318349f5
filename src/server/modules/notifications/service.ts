import type { NotificationKind } from '../../../contracts/notifications.ts';
import type { Queryable } from '../../db/client.ts';

export interface NewNotification {
  kind: NotificationKind;
  /** Vietnamese, short: the line in the centre and the e-mail subject. */
  title: string;
  body: string;
  /** Web app path, e.g. /bulletins/12. */
  link?: string | null;
  entityType?: string;
  entityId?: string | number;
  /** Same key for the same user → one notification (reminders raised twice). */
  dedupKey?: string;
}

/**
 * Notifies users inside the caller's transaction: skips kinds a user muted, ignores a repeat
 * of the same dedupKey, queues e-mail (immediate mode, SMTP configured, address known) and
 * publishes a live event. Returns the ids of the notifications created.
 * TODO(issue 6, notifications): implement.
 */
export async function notify(_tx: Queryable, _userIds: number[], _n: NewNotification): Promise<number[]> {
  return [];
}

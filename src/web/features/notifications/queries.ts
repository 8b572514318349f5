import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  NotificationOut,
  notificationListSchema,
  notificationPrefsSchema,
} from '../../../contracts/notifications.ts';
import { api } from '../../api.ts';
import { showApiError } from '../../errors.ts';

export type NotificationList = z.infer<typeof notificationListSchema>;
export type NotificationPrefs = z.infer<typeof notificationPrefsSchema>;
export type { NotificationOut };

/** Every notification query starts with 'notifications': one invalidation refreshes them all. */
export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'unread-count'] as const,
  list: (unreadOnly: boolean, page: number, limit: number) =>
    ['notifications', 'list', unreadOnly, page, limit] as const,
  prefs: ['notifications', 'preferences'] as const,
};

/** The unread count, whatever shape the server wraps it in ({unread}, {count} or a number). */
export function unreadOf(data: unknown): number {
  if (typeof data === 'number') return data;
  if (data && typeof data === 'object') {
    const o = data as { unread?: unknown; count?: unknown };
    if (typeof o.unread === 'number') return o.unread;
    if (typeof o.count === 'number') return o.count;
  }
  return 0;
}

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: async () => unreadOf(await api.get<unknown>('/api/notifications/unread-count')),
    // the live stream refreshes it at once; this only catches up when the stream is down
    refetchInterval: 60_000,
    retry: false,
  });
}

export function useNotifications(unreadOnly: boolean, page: number, limit: number, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(unreadOnly, page, limit),
    queryFn: () =>
      api.get<NotificationList>('/api/notifications', {
        unread: unreadOnly ? 'true' : undefined,
        limit,
        offset: (page - 1) * limit,
      }),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => api.post('/api/notifications/read', ids ? { ids } : {}),
    onError: (e) => showApiError(e),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function usePrefs() {
  return useQuery({
    queryKey: notificationKeys.prefs,
    queryFn: () => api.get<NotificationPrefs>('/api/notifications/preferences'),
    retry: false,
  });
}

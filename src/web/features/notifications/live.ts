// The live stream (GET /api/live, Server-Sent Events), opened once by the shell: a new
// notification refreshes the centre and the bell and shows a toast; a bulletin event refreshes
// the bulletin lists and the open detail, so screens update without reloading.
import { notifications } from '@mantine/notifications';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../api.ts';
import { i18n } from '../../i18n/index.ts';
import { bulletinKeys } from '../exchange/queries.ts';
import { type NotificationList, notificationKeys } from './queries.ts';

interface NotificationEvent {
  type: 'notification';
  id: number;
}

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/** The first lines of a notification's text, short enough for a toast. */
function excerpt(body: string): string {
  const text = body.split('\n').filter(Boolean).slice(0, 2).join('\n');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** Shows the new notification's title (the event carries only its id). */
async function toast(id: number | undefined) {
  const list = await api.get<NotificationList>('/api/notifications', { limit: 10 }).catch(() => null);
  const item = list?.items.find((n) => n.id === id) ?? (id === undefined ? list?.items[0] : undefined);
  if (!item || item.readAt) return;
  notifications.show({
    id: `notification-${item.id}`,
    color: 'brand',
    title: item.title,
    message: excerpt(item.body) || i18n.t('notifications.title'),
    autoClose: 8000,
    // the default dimmed description is too pale under a title (WCAG AA)
    styles: { description: { color: 'var(--mantine-color-dark-7)', whiteSpace: 'pre-line' } },
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}

export function handleLiveEvent(qc: QueryClient, type: string, data: string) {
  if (type === 'notification') {
    void qc.invalidateQueries({ queryKey: notificationKeys.all });
    void toast(parse<NotificationEvent>(data)?.id);
  } else if (type === 'bulletin') {
    void qc.invalidateQueries({ queryKey: bulletinKeys.all });
  } else if (type === 'resync') {
    // The server lost its LISTEN connection for a while: events may have been missed.
    void qc.invalidateQueries({ queryKey: notificationKeys.all });
    void qc.invalidateQueries({ queryKey: bulletinKeys.all });
  }
}

/**
 * Opens the stream while the user is signed in. EventSource reconnects by itself after a
 * dropped connection; when the server refuses the stream (e.g. not there yet), it closes, and
 * this tries again later, backing off up to five minutes. After a reconnection the queries are
 * refreshed, since events sent meanwhile were missed.
 */
export function useLiveUpdates(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = 15_000;
    let dropped = false;
    let stopped = false;
    const open = () => {
      source = new EventSource('/api/live', { withCredentials: true });
      source.addEventListener('open', () => {
        delay = 15_000;
        if (dropped) {
          dropped = false;
          void qc.invalidateQueries({ queryKey: notificationKeys.all });
          void qc.invalidateQueries({ queryKey: bulletinKeys.all });
        }
      });
      source.addEventListener('notification', (e) => handleLiveEvent(qc, 'notification', e.data));
      source.addEventListener('bulletin', (e) => handleLiveEvent(qc, 'bulletin', e.data));
      source.addEventListener('resync', (e) => handleLiveEvent(qc, 'resync', e.data));
      source.addEventListener('error', () => {
        dropped = true;
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          timer = setTimeout(open, delay);
          delay = Math.min(delay * 2, 300_000);
        }
      });
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [enabled, qc]);
}

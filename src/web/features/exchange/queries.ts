import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import type { Bulletin, BulletinDetail } from './model.ts';

export type Box = 'inbox' | 'sent' | 'all';

export interface BulletinFilters {
  box: Box;
  kind?: string | null;
  unacknowledged?: boolean;
  q?: string;
}

/** Every bulletin query starts with 'bulletins': the live stream invalidates them all at once. */
export const bulletinKeys = {
  all: ['bulletins'] as const,
  list: (f: BulletinFilters, page: number) => ['bulletins', 'list', f, page] as const,
  detail: (id: number) => ['bulletins', 'detail', id] as const,
};

export const PAGE_SIZE = 20;

export function useBulletins(f: BulletinFilters, page: number) {
  return useQuery({
    queryKey: bulletinKeys.list(f, page),
    queryFn: () =>
      api.get<{ items: Bulletin[]; total: number }>('/api/bulletins', {
        box: f.box,
        kind: f.kind,
        unacknowledged: f.unacknowledged ? 'true' : undefined,
        q: f.q?.trim() || undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useBulletin(id: number) {
  return useQuery({
    queryKey: bulletinKeys.detail(id),
    queryFn: () => api.get<BulletinDetail>(`/api/bulletins/${id}`),
  });
}

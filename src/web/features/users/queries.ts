import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { User } from '../../../contracts/users.ts';
import { api } from '../../api.ts';

export const userKeys = {
  all: ['users'] as const,
  list: (q: string, unitId: number | null, offset: number) => ['users', 'list', q, unitId, offset] as const,
  detail: (id: number) => ['users', 'detail', id] as const,
};

export const PAGE_SIZE = 50;

export function useUsers(q: string, unitId: number | null, offset: number) {
  return useQuery({
    queryKey: userKeys.list(q, unitId, offset),
    queryFn: () =>
      api.get<{ items: User[]; total: number }>('/api/users', {
        q,
        unitId: unitId ?? undefined,
        limit: PAGE_SIZE,
        offset,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: number | null) {
  return useQuery({
    queryKey: userKeys.detail(id ?? 0),
    queryFn: () => api.get<User>(`/api/users/${id}`),
    enabled: id !== null,
  });
}

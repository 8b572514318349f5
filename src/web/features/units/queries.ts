import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Unit, UnitDetail, UnitKind } from '../../../contracts/units.ts';
import { api } from '../../api.ts';

export interface TreeNode {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  validTo: string | null;
}

export const unitKeys = {
  all: ['units'] as const,
  tree: ['units', 'tree'] as const,
  detail: (id: number) => ['units', 'detail', id] as const,
  search: (q: string) => ['units', 'search', q] as const,
};

export function useUnitTree(enabled = true) {
  return useQuery({
    queryKey: unitKeys.tree,
    queryFn: () => api.get<TreeNode[]>('/api/units/tree'),
    staleTime: 60_000,
    enabled,
  });
}

export interface DirectoryEntry {
  id: number;
  name: string;
  shortName: string | null;
  provinceName: string | null;
}

/** Every unit in operation, by name: for picking partner agencies outside one's scope. */
export function useUnitDirectory(enabled = true) {
  return useQuery({
    queryKey: ['units', 'directory'],
    queryFn: () => api.get<DirectoryEntry[]>('/api/units/directory'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useUnit(id: number | null) {
  return useQuery({
    queryKey: unitKeys.detail(id ?? 0),
    queryFn: () => api.get<UnitDetail>(`/api/units/${id}`),
    enabled: id !== null,
  });
}

export function useUnitSearch(q: string) {
  return useQuery({
    queryKey: unitKeys.search(q),
    queryFn: () => api.get<{ items: Unit[]; total: number }>('/api/units', { q, limit: 50 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Whether a unit is closed as of today (validTo in the past). */
export function isClosed(validTo: string | null): boolean {
  if (!validTo) return false;
  return validTo < new Date().toISOString().slice(0, 10);
}

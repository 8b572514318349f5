import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AgreementDetail, AgreementSummary } from '../../../contracts/agreements.ts';
import type { sectionSchema, Task, taskDetailSchema } from '../../../contracts/tasks.ts';
import { api } from '../../api.ts';

export type Section = z.infer<typeof sectionSchema>;
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export interface AgreementFilters {
  q?: string;
  kind?: string;
  status?: string;
}

export const agrKeys = {
  all: ['agreements'] as const,
  list: (f: AgreementFilters) => ['agreements', 'list', f] as const,
  detail: (id: number) => ['agreements', 'detail', id] as const,
  sections: (id: number) => ['agreements', 'sections', id] as const,
  tasks: (id: number) => ['tasks', 'agreement', id] as const,
  myTasks: ['tasks', 'mine'] as const,
  task: (id: number) => ['tasks', 'detail', id] as const,
};

export function useAgreements(f: AgreementFilters) {
  return useQuery({
    queryKey: agrKeys.list(f),
    queryFn: () =>
      api.get<{ items: AgreementSummary[]; total: number }>('/api/agreements', { ...f, limit: 100 }),
    placeholderData: keepPreviousData,
  });
}

export function useAgreement(id: number) {
  return useQuery({
    queryKey: agrKeys.detail(id),
    queryFn: () => api.get<AgreementDetail>(`/api/agreements/${id}`),
  });
}

export function useSections(id: number) {
  return useQuery({
    queryKey: agrKeys.sections(id),
    queryFn: () => api.get<Section[] | { items: Section[] }>(`/api/agreements/${id}/sections`),
    select: (d) => (Array.isArray(d) ? d : d.items),
  });
}

export function useAgreementTasks(id: number) {
  return useQuery({
    queryKey: agrKeys.tasks(id),
    queryFn: () => api.get<{ items: Task[]; total: number }>('/api/tasks', { agreementId: id, limit: 2000 }),
  });
}

export function useTask(id: number) {
  return useQuery({
    queryKey: agrKeys.task(id),
    queryFn: () => api.get<TaskDetail>(`/api/tasks/${id}`),
  });
}

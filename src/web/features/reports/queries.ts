import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FormOut, ReportOut, ReportStatus, reportListItem } from '../../../contracts/reports.ts';
import { api } from '../../api.ts';

export type ReportListItem = z.infer<typeof reportListItem>;
export type { FormOut, ReportOut };

export type ReportDetail = ReportOut;

export interface ReportFilters {
  formId?: number;
  agreementId?: number;
  unitId?: number;
  period?: string;
  status?: ReportStatus;
  overdue?: 'true';
  due?: 'true';
  awaitingMe?: 'true';
}

export const repKeys = {
  all: ['reports'] as const,
  list: (f: ReportFilters) => ['reports', 'list', f] as const,
  detail: (id: number) => ['reports', 'detail', id] as const,
  forms: (agreementId: number) => ['reports', 'forms', agreementId] as const,
  form: (id: number) => ['reports', 'form', id] as const,
};

const listOf = <T>(d: T[] | { items: T[] }): T[] => (Array.isArray(d) ? d : d.items);

/** One page large enough for a unit's reports of several years. */
export function useReports(f: ReportFilters) {
  return useQuery({
    queryKey: repKeys.list(f),
    queryFn: () => api.get<{ items: ReportListItem[]; total: number }>('/api/reports', { ...f, limit: 500 }),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: number) {
  return useQuery({
    queryKey: repKeys.detail(id),
    queryFn: () => api.get<ReportDetail>(`/api/reports/${id}`),
  });
}

export function useForms(agreementId: number | null) {
  return useQuery({
    queryKey: repKeys.forms(agreementId ?? 0),
    queryFn: () => api.get<FormOut[] | { items: FormOut[] }>(`/api/agreements/${agreementId}/forms`),
    select: listOf,
    enabled: agreementId !== null,
  });
}

import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FormOut, matrixSchema, RollupOut, trendSchema } from '../../../contracts/reports.ts';
import type { UnitDashboard, UserDashboard } from '../../../contracts/rollup.ts';
import type { Task } from '../../../contracts/tasks.ts';
import { api, withQuery } from '../../api.ts';

export type MatrixOut = z.infer<typeof matrixSchema>;
export type TrendOut = z.infer<typeof trendSchema>;
export type RollupNode = RollupOut['nodes'][number];
export type RollupValue = RollupOut['totals'][number];
export type RollupIndicator = RollupOut['indicators'][number];
export type TrendFrequency = 'month' | 'quarter' | 'half' | 'year';

export interface RollupParams {
  year: number;
  /** A period inside the year; undefined: the whole year. */
  period?: string;
  /** Root of the subtree shown; undefined: the agreement's parties. */
  unitId?: number;
}

export const dashKeys = {
  all: ['dashboards'] as const,
  rollup: (agreementId: number, p: RollupParams) => ['dashboards', 'rollup', agreementId, p] as const,
  trend: (agreementId: number, q: object) => ['dashboards', 'trend', agreementId, q] as const,
  forms: (agreementId: number) => ['dashboards', 'forms', agreementId] as const,
  matrix: (formId: number, year: number) => ['dashboards', 'matrix', formId, year] as const,
  overdueTasks: (agreementId: number) => ['tasks', 'agreement', agreementId, 'overdue'] as const,
  unit: (unitId: number, year: number) => ['dashboards', 'unit', unitId, year] as const,
  home: ['dashboards', 'home'] as const,
};

export function rollupQuery(p: RollupParams) {
  return { year: p.year, period: p.period, unitId: p.unitId };
}

export function rollupXlsxHref(agreementId: number, p: RollupParams): string {
  return withQuery(`/api/agreements/${agreementId}/rollup.xlsx`, rollupQuery(p));
}

export function matrixXlsxHref(formId: number, year: number): string {
  return withQuery(`/api/forms/${formId}/status-matrix.xlsx`, { year });
}

export function useRollup(agreementId: number, p: RollupParams, enabled = true) {
  return useQuery({
    queryKey: dashKeys.rollup(agreementId, p),
    queryFn: () => api.get<RollupOut>(`/api/agreements/${agreementId}/rollup`, rollupQuery(p)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface TrendParams {
  indicatorId: number;
  frequency: TrendFrequency;
  fromYear: number;
  toYear: number;
  unitId?: number;
}

export function trendXlsxHref(agreementId: number, q: TrendParams): string {
  return withQuery(`/api/agreements/${agreementId}/trend.xlsx`, { ...q });
}

export function useTrend(agreementId: number, q: TrendParams | null) {
  return useQuery({
    queryKey: dashKeys.trend(agreementId, q ?? {}),
    queryFn: () => api.get<TrendOut>(`/api/agreements/${agreementId}/trend`, { ...q }),
    placeholderData: keepPreviousData,
    enabled: q !== null,
  });
}

/** The report forms of an agreement (a list, or a page of one). */
export function useAgreementForms(agreementId: number) {
  return useQuery({
    queryKey: dashKeys.forms(agreementId),
    queryFn: () => api.get<FormOut[] | { items: FormOut[] }>(`/api/agreements/${agreementId}/forms`),
    select: (d) => (Array.isArray(d) ? d : d.items),
  });
}

export function useMatrix(formId: number, year: number) {
  return useQuery({
    queryKey: dashKeys.matrix(formId, year),
    queryFn: () => api.get<MatrixOut>(`/api/forms/${formId}/status-matrix`, { year }),
    placeholderData: keepPreviousData,
  });
}

/** The matrices of several forms for one year (the overdue reports of an agreement). */
export function useMatrices(formIds: number[], year: number) {
  return useQueries({
    queries: formIds.map((formId) => ({
      queryKey: dashKeys.matrix(formId, year),
      queryFn: () => api.get<MatrixOut>(`/api/forms/${formId}/status-matrix`, { year }),
    })),
  });
}

export function useOverdueTasks(agreementId: number) {
  return useQuery({
    queryKey: dashKeys.overdueTasks(agreementId),
    queryFn: () =>
      api.get<{ items: Task[]; total: number }>('/api/tasks', {
        agreementId,
        status: 'overdue',
        limit: 50,
      }),
  });
}

/** The signed-in user's overview: report chores, approvals, overdue tasks, headline figures. */
export function useHomeDashboard(year?: number, enabled = true) {
  return useQuery({
    queryKey: [...dashKeys.home, year ?? null],
    queryFn: () => api.get<UserDashboard>('/api/dashboard', { year }),
    enabled,
  });
}

export function useUnitDashboard(unitId: number, year: number) {
  return useQuery({
    queryKey: dashKeys.unit(unitId, year),
    queryFn: () => api.get<UnitDashboard>(`/api/units/${unitId}/dashboard`, { year }),
    placeholderData: keepPreviousData,
  });
}

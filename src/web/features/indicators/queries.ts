import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  agreementIndicatorSchema,
  IndicatorOut,
  indicatorListSchema,
  targetDetailSchema,
} from '../../../contracts/indicators.ts';
import { api } from '../../api.ts';

export type IndicatorList = z.infer<typeof indicatorListSchema>;
export type AgreementIndicator = z.infer<typeof agreementIndicatorSchema>;
export type TargetRow = z.infer<typeof targetDetailSchema>;
export type { IndicatorOut };

export interface IndicatorFilters {
  q?: string;
  active?: 'true' | 'false' | 'all';
}

export const indKeys = {
  all: ['indicators'] as const,
  list: (f: IndicatorFilters) => ['indicators', 'list', f] as const,
  agreement: (id: number) => ['indicators', 'agreement', id] as const,
  targets: (id: number, year: number) => ['indicators', 'targets', id, year] as const,
};

/** The catalogue (at most 500 rows: a national catalogue has a few dozen indicators). */
export function useIndicators(f: IndicatorFilters, enabled = true) {
  return useQuery({
    queryKey: indKeys.list(f),
    queryFn: () => api.get<IndicatorList>('/api/indicators', { ...f, limit: 500 }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

export function useAgreementIndicators(agreementId: number) {
  return useQuery({
    queryKey: indKeys.agreement(agreementId),
    queryFn: () => api.get<AgreementIndicator[]>(`/api/agreements/${agreementId}/indicators`),
  });
}

export function useTargets(agreementId: number, year: number) {
  return useQuery({
    queryKey: indKeys.targets(agreementId, year),
    queryFn: () => api.get<TargetRow[]>(`/api/agreements/${agreementId}/targets`, { year }),
    placeholderData: keepPreviousData,
  });
}

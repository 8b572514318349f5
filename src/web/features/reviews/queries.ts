import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import type { ReviewDetail, ReviewListItem, ReviewVersion } from './types.ts';

export const reviewKeys = {
  all: ['reviews'] as const,
  list: (agreementId: number) => ['reviews', 'list', agreementId] as const,
  detail: (id: number) => ['reviews', 'detail', id] as const,
  versions: (id: number) => ['reviews', 'versions', id] as const,
};

const listOf = <T>(d: T[] | { items: T[] }): T[] => (Array.isArray(d) ? d : d.items);

/** The review reports (báo cáo sơ kết / tổng kết) of an agreement. */
export function useAgreementReviews(agreementId: number) {
  return useQuery({
    queryKey: reviewKeys.list(agreementId),
    queryFn: async () =>
      listOf(
        await api.get<ReviewListItem[] | { items: ReviewListItem[] }>(
          `/api/agreements/${agreementId}/reviews`,
        ),
      ),
  });
}

export function useReview(id: number) {
  return useQuery({
    queryKey: reviewKeys.detail(id),
    queryFn: () => api.get<ReviewDetail>(`/api/reviews/${id}`),
    enabled: Number.isFinite(id),
  });
}

export function useReviewVersions(id: number) {
  return useQuery({
    queryKey: reviewKeys.versions(id),
    queryFn: async () =>
      listOf(await api.get<ReviewVersion[] | { items: ReviewVersion[] }>(`/api/reviews/${id}/versions`)),
  });
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { awardSchema, MeetingOut, meetingListItem } from '../../../contracts/meetings.ts';
import { api } from '../../api.ts';

/** A meeting as the server sends it; attachments once the meetings module lists them. */
export type Meeting = MeetingOut & {
  attachments?: Array<{ id: number; fileName: string; size: number; createdAt: string }>;
  abilities: MeetingOut['abilities'] & { attach?: boolean };
};
export type MeetingItem = z.infer<typeof meetingListItem>;
export type Award = z.infer<typeof awardSchema>;

export interface MeetingFilters {
  kind?: string | null;
  agreementId?: number | null;
  q?: string;
  upcoming?: boolean;
}

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (f: MeetingFilters) => ['meetings', 'list', f] as const,
  detail: (id: number) => ['meetings', 'detail', id] as const,
};
export const awardKeys = {
  all: ['awards'] as const,
  list: (f: Record<string, unknown>) => ['awards', 'list', f] as const,
};

export function useMeetings(f: MeetingFilters, limit = 200, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...meetingKeys.list(f), limit],
    queryFn: () =>
      api.get<{ items: MeetingItem[]; total: number }>('/api/meetings', {
        kind: f.kind,
        agreementId: f.agreementId,
        q: f.q?.trim() || undefined,
        upcoming: f.upcoming ? 'true' : undefined,
        limit,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: () => api.get<Meeting>(`/api/meetings/${id}`),
  });
}

export interface AwardFilters {
  q?: string;
  year?: number | null;
  stage?: string | null;
  recipientKind?: string | null;
  agreementId?: number | null;
  meetingId?: number | null;
}

export function useAwards(f: AwardFilters, enabled = true) {
  return useQuery({
    queryKey: awardKeys.list({ ...f }),
    queryFn: () =>
      api.get<{ items: Award[]; total: number }>('/api/awards', {
        ...f,
        q: f.q?.trim() || undefined,
        limit: 500,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The query string of the awards exports: the same filters as the list. */
export function awardQuery(f: AwardFilters): Record<string, string | number | null | undefined> {
  return { ...f, q: f.q?.trim() || undefined };
}

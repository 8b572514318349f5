import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LegalDocument } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';

export interface LegalFilters {
  q?: string;
  docType?: string;
  limit?: number;
  offset?: number;
}

export const legalKeys = {
  all: ['legal-documents'] as const,
  list: (f: LegalFilters) => ['legal-documents', 'list', f] as const,
};

/** The register, searched on the server (diacritic-insensitive). */
export function useLegalDocuments(f: LegalFilters, enabled = true) {
  return useQuery({
    queryKey: legalKeys.list(f),
    queryFn: () => api.get<{ items: LegalDocument[]; total: number }>('/api/legal-documents', { ...f }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The registered document with this number however typed ("65-kl/tw" finds "65-KL/TW"). */
export async function findByNumber(number: string): Promise<LegalDocument | null> {
  const found = await api.get<{ items: LegalDocument[] }>('/api/legal-documents', { number, limit: 1 });
  return found.items[0] ?? null;
}

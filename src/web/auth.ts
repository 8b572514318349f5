import { useQuery } from '@tanstack/react-query';
import type { Me } from '../contracts/auth.ts';
import { ApiError, api, setCsrfToken } from './api.ts';
import { applyLocale } from './i18n/index.ts';
import { queryClient } from './queryClient.ts';

export const meKey = ['me'] as const;

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The user is known: every screen inside the app shell can rely on it. */
export function useSignedInMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe outside the signed-in shell');
  return data;
}

export function signedIn(me: Me) {
  setCsrfToken(me.csrfToken);
  applyLocale(me.user.locale);
  queryClient.setQueryData(meKey, me);
}

export async function signOut() {
  try {
    await api.post('/api/auth/logout');
  } finally {
    setCsrfToken('');
    queryClient.clear();
    queryClient.setQueryData(meKey, null);
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../contracts/common.ts';

export interface Actor {
  userId: number;
  username: string;
  unitId: number | null;
  /** Grants with the unit's materialised path (null unit → system-wide). */
  grants: ReadonlyArray<{ unitId: number | null; path: string | null; role: Role }>;
  /** Set when the request is authenticated by an API token. */
  tokenScopes?: readonly string[];
  sessionId?: string;
}

export interface RequestContext {
  requestId: string;
  ip: string | null;
  locale: 'vi' | 'en';
  actor: Actor | null;
  /** GET/HEAD: nothing in the request writes, so cache counters may be read once for it. */
  readOnly?: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a request context (also used by the CLI and seeders, with actor null). */
export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext {
  return storage.getStore() ?? { requestId: 'system', ip: null, locale: 'vi', actor: null };
}

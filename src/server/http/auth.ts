import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { type Actor, currentContext } from '../lib/context.ts';
import { AppError } from '../lib/errors.ts';
import { resolveApiToken, resolveSession, SESSION_COOKIE, safeEqual } from '../modules/auth/session.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answers without authentication (health, login, docs). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieOptions(config: Config, expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure, path: '/', expires };
}

/** The actor of an authenticated request; routes call it instead of checking by hand. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

/**
 * Authenticates every API request (session cookie or `Authorization: Bearer` API token)
 * and enforces CSRF on state-changing cookie requests: the session's token must come
 * back in the `x-csrf-token` header. Public routes skip the requirement, not the lookup.
 */
export function registerAuth(app: FastifyInstance, db: Db, config: Config) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const isPublic = req.routeOptions.config?.public === true;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(db, authz.slice(7).trim());
      if (!actor) throw new AppError('INVALID_TOKEN');
      if (!SAFE_METHODS.has(req.method) && !actor.tokenScopes?.includes('write'))
        throw new AppError('TOKEN_SCOPE');
      req.actor = actor;
      currentContext().actor = actor;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) {
      if (isPublic) return;
      throw new AppError('UNAUTHENTICATED');
    }
    const found = await resolveSession(db, token, config.session);
    if (found.status !== 'ok') {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (isPublic) return;
      throw new AppError(found.status === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    if (found.refreshed)
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config, found.expiresAt));
    req.actor = found.actor;
    req.csrfToken = found.csrfToken;
    currentContext().actor = found.actor;
    if (!isPublic && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, found.csrfToken)) throw new AppError('CSRF_INVALID');
    }
  });
}

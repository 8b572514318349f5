import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { ERRORS, type ErrorBody, type ErrorCode } from '../src/contracts/errors.ts';
import { type App, buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Database, Db } from '../src/server/db/client.ts';
import { createTestDatabase } from './db.ts';
import { TEST_PASSWORD } from './factories.ts';

export interface TestContext {
  app: App;
  database: Database;
  db: Db;
}

/**
 * Registers beforeAll/afterAll that give the file its own database and app instance.
 * `env` overrides configuration (e.g. a low login rate limit).
 */
export function setupTestApp(env: Record<string, string> = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.database = await createTestDatabase();
    ctx.db = ctx.database.db;
    const config = loadConfig({ LOG_LEVEL: 'silent', PHOIHOP_DEMO: '0', ...env });
    ctx.app = await buildApp(ctx.database, config, { logger: false, serveWeb: false });
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.close();
  });
  return ctx;
}

/** A signed-in client: session cookie plus CSRF header on every request. */
export interface Client {
  cookie: string;
  csrf: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'phoihop_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `phoihop_session=${c.value}`;
}

export async function signIn(app: App, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const csrf = res.json().csrfToken as string;
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    cookie,
    csrf,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as never }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as never }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as never }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** Asserts an error response from the catalogue: status, code, Vietnamese message, request id. */
export function expectError(res: LightMyRequestResponse, code: ErrorCode): ErrorBody {
  expect(res.statusCode).toBe(ERRORS[code].status);
  const body = res.json() as ErrorBody;
  expect(body.code).toBe(code);
  expect(body.message.startsWith(ERRORS[code].vi)).toBe(true);
  expect(body.requestId).toBe(res.headers['x-request-id']);
  return body;
}

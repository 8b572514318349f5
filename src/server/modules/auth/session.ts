import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { apiTokens, grants, sessions, units, users } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { perDatabase } from '../../lib/perDatabase.ts';
import { currentRevisions } from '../../lib/revisions.ts';

export const SESSION_COOKIE = 'phoihop_session';
export const API_TOKEN_PREFIX = 'phk_';

/** Opaque random token for cookies and API tokens; only its SHA-256 is stored. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export interface SessionPolicy {
  /** Session ends after this long without a request. */
  idleMinutes: number;
  /** …and in any case this long after sign-in. */
  absoluteHours: number;
}

export async function createSession(
  db: Db,
  userId: number,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
) {
  const token = newToken();
  const csrfToken = newToken();
  const now = Date.now();
  const expiresAt = new Date(now + Math.min(policy.idleMinutes * 60_000, policy.absoluteHours * 3_600_000));
  await db.insert(sessions).values({
    id: sha256(token),
    userId,
    csrfToken,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function deleteUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptSessionId}`)
        : eq(sessions.userId, userId),
    );
}

// A user's grants with each unit's path, as one JSON column: authentication is then a
// single round trip (session or token row + user + grants) on every request.
const grantsOfUser = sql<Array<{ unitId: number | null; role: Role; path: string | null }>>`coalesce((
  select json_agg(json_build_object('unitId', g.unit_id, 'role', g.role, 'path', gu.path))
  from ${grants} g left join ${units} gu on gu.id = g.unit_id
  where g.user_id = ${users.id}), '[]'::json)`;

const actorColumns = {
  userId: users.id,
  username: users.username,
  unitId: users.unitId,
  disabled: users.disabled,
  grants: grantsOfUser,
};

function toActor(row: {
  userId: number;
  username: string;
  unitId: number | null;
  disabled: boolean;
  grants: Array<{ unitId: number | null; role: Role; path: string | null }>;
}): Actor | null {
  if (row.disabled) return null;
  return {
    userId: row.userId,
    username: row.username,
    unitId: row.unitId,
    // A grant whose unit row vanished matches nothing rather than everything.
    grants: row.grants.map((g) => ({
      unitId: g.unitId,
      role: g.role,
      path: g.unitId === null ? null : (g.path ?? '/-/'),
    })),
  };
}

// Runs on every request: built once per database as a prepared statement, which spares
// the query builder (most of the cost) and lets PostgreSQL reuse the plan.
const sessionLookup = perDatabase((db) =>
  db
    .select({ session: sessions, ...actorColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('phoihop_session_lookup'),
);

export type SessionLookup =
  | { status: 'ok'; actor: Actor; csrfToken: string; sessionId: string; expiresAt: Date; refreshed: boolean }
  | { status: 'expired' }
  | { status: 'unknown' };

type SessionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof sessionLookup>['execute']>>[number]>;

// Sessions seen recently, per database, valid while the 'auth' change counter is unchanged
// (lib/revisions.ts): a request then costs no authentication query at all.
const sessionCache = perDatabase(() => new Map<string, { row: SessionRow; revision: number }>());
const SESSION_CACHE_MAX = 10_000;

async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  // The counter is read before the row: a change in between only makes the cache refetch.
  const { auth } = await currentRevisions(db);
  const cache = sessionCache(db);
  const hit = cache.get(id);
  if (hit && hit.revision === auth) return hit.row;
  const [row] = await sessionLookup(db).execute({ id });
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  if (row) cache.set(id, { row, revision: auth });
  else cache.delete(id);
  return row;
}

/**
 * Resolves a session cookie. Sliding expiry: each request pushes the idle deadline out,
 * written at most once a minute to keep reads cheap, never past the absolute limit.
 */
export async function resolveSession(db: Db, token: string, policy: SessionPolicy): Promise<SessionLookup> {
  const id = sha256(token);
  const row = await findSession(db, id);
  if (!row) return { status: 'unknown' };
  const now = Date.now();
  if (row.session.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { status: 'expired' };
  }
  const actor = toActor(row);
  if (!actor) return { status: 'unknown' };
  let refreshed = false;
  if (now - row.session.lastSeenAt.getTime() > 60_000) {
    const absolute = row.session.createdAt.getTime() + policy.absoluteHours * 3_600_000;
    const expiresAt = new Date(Math.min(now + policy.idleMinutes * 60_000, absolute));
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt })
      .where(eq(sessions.id, id));
    // The cached row follows (a later deadline does not move the change counter).
    row.session = { ...row.session, lastSeenAt: new Date(now), expiresAt };
    refreshed = true;
  }
  return {
    status: 'ok',
    actor: { ...actor, sessionId: id },
    csrfToken: row.session.csrfToken,
    sessionId: id,
    expiresAt: row.session.expiresAt,
    refreshed,
  };
}

/** Resolves an `Authorization: Bearer phk_…` API token. */
export async function resolveApiToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ token: apiTokens, ...actorColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      ),
    );
  if (!row) return null;
  const actor = toActor(row);
  if (!actor) return null;
  // Last use is informative; recorded at most once a minute.
  const { lastUsedAt } = row.token;
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
  }
  return { ...actor, tokenScopes: row.token.scopes };
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { apiTokenCreateBody, changePasswordBody, loginBody } from '../../../contracts/auth.ts';
import type { Db } from '../../db/client.ts';
import { apiTokens, units, users } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { currentContext, runWithContext } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { holdsAnywhere, isSystemAdmin } from '../access/scope.ts';
import { mayReadAudit, recordAudit } from '../audit/service.ts';
import { assertStrongPassword, hashPassword, verifyAgainstDummy, verifyPassword } from './password.ts';
import {
  API_TOKEN_PREFIX,
  createSession,
  deleteUserSessions,
  newToken,
  type SessionPolicy,
  sha256,
} from './session.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/**
 * Checks credentials and opens a session. Repeated failures lock the account for a while
 * (counted in the database, so the lock holds across app instances).
 */
export async function login(
  db: Db,
  body: z.infer<typeof loginBody>,
  policy: SessionPolicy & LockoutPolicy,
  meta: { ip: string | null; userAgent: string | null },
) {
  const [user] = await db.select().from(users).where(eq(users.username, body.username));
  if (!user) {
    await verifyAgainstDummy(body.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const actorCtx = {
    ...currentContext(),
    actor: { userId: user.id, username: user.username, unitId: user.unitId, grants: [] },
  };
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw new AppError('ACCOUNT_LOCKED');
  const ok = await verifyPassword(user.passwordHash, body.password);
  if (!ok) {
    const failures = user.failedLogins + 1;
    const lock = failures >= policy.maxFailures;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(Date.now() + policy.lockMinutes * 60_000) : user.lockedUntil,
        })
        .where(eq(users.id, user.id));
      await runWithContext(actorCtx, () =>
        recordAudit(tx, {
          action: lock ? 'auth.lockout' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          scopeUnitId: user.unitId,
        }),
      );
    });
    throw new AppError(lock ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
  if (user.totpEnabled && user.totpSecret) {
    if (!body.totp) throw new AppError('TOTP_REQUIRED');
    if (!(await checkTotp(user.totpSecret, body.totp))) throw new AppError('TOTP_INVALID');
  }
  const session = await createSession(db, user.id, policy, meta);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(eq(users.id, user.id));
    await runWithContext(actorCtx, () =>
      recordAudit(tx, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        scopeUnitId: user.unitId,
      }),
    );
  });
  return session;
}

export async function me(db: Db, actor: Actor, csrfToken: string) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  const ids = [user.unitId, ...actor.grants.map((g) => g.unitId)].filter((x): x is number => x !== null);
  const refs = ids.length
    ? await db
        .select({ id: units.id, name: units.name, shortName: units.shortName })
        .from(units)
        .where(sql`${units.id} = any(${sql.param(ids)}::int[])`)
    : [];
  const ref = (id: number | null) => (id === null ? null : (refs.find((r) => r.id === id) ?? null));
  const anyAdmin = holdsAnywhere(actor, 'admin');
  return {
    user: {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      title: user.title,
      unit: ref(user.unitId),
      locale: user.locale,
      totpEnabled: user.totpEnabled,
      mustChangePassword: user.mustChangePassword,
    },
    grants: actor.grants.map((g) => ({ unit: ref(g.unitId), role: g.role })),
    abilities: {
      units: { read: actor.grants.length > 0, createRoot: isSystemAdmin(actor), createAny: anyAdmin },
      users: { read: holdsAnywhere(actor, 'leader'), create: anyAdmin },
      audit: { read: mayReadAudit(actor) },
    },
    csrfToken,
  };
}

export async function changePassword(db: Db, actor: Actor, body: z.infer<typeof changePasswordBody>) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', {
      fields: [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' }],
    });
  }
  assertStrongPassword(body.newPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAudit(tx, {
      action: 'user.change_password',
      entityType: 'user',
      entityId: user.id,
      scopeUnitId: user.unitId,
    });
  });
  // Other devices signed in with the old password are signed out.
  await deleteUserSessions(db, user.id, actor.sessionId);
}

export async function setLocale(db: Db, actor: Actor, locale: 'vi' | 'en') {
  await db.update(users).set({ locale }).where(eq(users.id, actor.userId));
}

// TOTP enrolment: a secret is proposed, and only switched on once the user proves that
// their authenticator app produces the right code.
export async function beginTotp(db: Db, actor: Actor) {
  const secret = newTotpSecret();
  await db.update(users).set({ totpSecret: secret, totpEnabled: false }).where(eq(users.id, actor.userId));
  return { secret, uri: totpUri(secret, actor.username) };
}

export async function confirmTotp(db: Db, actor: Actor, code: string) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.totpSecret) throw new AppError('TOTP_INVALID');
  if (!(await checkTotp(user.totpSecret, code)))
    throw new AppError('TOTP_INVALID', { fields: [{ path: 'code', message: 'Mã không đúng' }] });
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      action: 'user.totp_enable',
      entityType: 'user',
      entityId: user.id,
      scopeUnitId: user.unitId,
    });
  });
}

export async function disableTotp(db: Db, actor: Actor, currentPassword: string) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('WRONG_PASSWORD', {
      fields: [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' }],
    });
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      action: 'user.totp_disable',
      entityType: 'user',
      entityId: user.id,
      scopeUnitId: user.unitId,
    });
  });
}

function presentToken(t: typeof apiTokens.$inferSelect) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes as Array<'read' | 'write'>,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(db: Db, actor: Actor) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.userId))
    .orderBy(apiTokens.id);
  return rows.map(presentToken);
}

/** Creates an API token acting as the user; the secret is returned once and never again. */
export async function createApiToken(db: Db, actor: Actor, body: z.infer<typeof apiTokenCreateBody>) {
  if (actor.tokenScopes) throw new AppError('FORBIDDEN');
  const secret = `${API_TOKEN_PREFIX}${newToken()}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId,
        name: body.name,
        prefix: secret.slice(0, 10),
        tokenHash: sha256(secret),
        scopes: [...new Set(body.scopes)],
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: row.id,
      scopeUnitId: actor.unitId,
      after: presentToken(row),
    });
    return { ...presentToken(row), token: secret };
  });
}

export async function revokeApiToken(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: id,
      scopeUnitId: actor.unitId,
    });
  });
}

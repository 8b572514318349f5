import { and, asc, eq, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { searchIndexText, searchTokens } from '../../../contracts/text.ts';
import type {
  grantInput,
  resetPasswordBody,
  userCreateBody,
  userListQuery,
  userUpdateBody,
} from '../../../contracts/users.ts';
import type { Db, Queryable } from '../../db/client.ts';
import { grants, sessions, units, users } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { pathInScope, systemRole } from '../access/scope.ts';
import { recordAudit } from '../audit/service.ts';
import { assertStrongPassword, hashPassword } from '../auth/password.ts';
import { deleteUserSessions } from '../auth/session.ts';
import { canAssignHomeUnit, canGrantOn, canReadUser, userAbilities } from './policy.ts';

type UserRow = typeof users.$inferSelect;

const unitRef = { id: units.id, name: units.name, shortName: units.shortName };

async function unitPathOf(db: Queryable, unitId: number | null, field: string): Promise<string | null> {
  if (unitId === null) return null;
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u) throw invalidField(field, 'Không tìm thấy đơn vị');
  return u.path;
}

async function loadUser(db: Queryable, actor: Actor, id: number) {
  const [row] = await db
    .select({ user: users, unitPath: units.path })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id));
  if (!row || !canReadUser(actor, { id, unitPath: row.unitPath })) throw notFound();
  return row;
}

async function present(db: Queryable, actor: Actor, rows: Array<{ user: UserRow; unitPath: string | null }>) {
  const userIds = rows.map((r) => r.user.id);
  const unitIds = rows.map((r) => r.user.unitId).filter((x): x is number => x !== null);
  const [grantRows, unitRows] = await Promise.all([
    userIds.length
      ? db
          .select({
            id: grants.id,
            userId: grants.userId,
            role: grants.role,
            unitId: grants.unitId,
            name: units.name,
            shortName: units.shortName,
          })
          .from(grants)
          .leftJoin(units, eq(units.id, grants.unitId))
          .where(inArray(grants.userId, userIds))
          .orderBy(asc(grants.id))
      : [],
    unitIds.length ? db.select(unitRef).from(units).where(inArray(units.id, unitIds)) : [],
  ]);
  return rows.map(({ user, unitPath }) => ({
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    title: user.title,
    unit: unitRows.find((u) => u.id === user.unitId) ?? null,
    email: user.email,
    phone: user.phone,
    disabled: user.disabled,
    totpEnabled: user.totpEnabled,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    grants: grantRows
      .filter((g) => g.userId === user.id)
      .map((g) => ({
        id: g.id,
        role: g.role,
        unit: g.unitId === null ? null : { id: g.unitId, name: g.name ?? '', shortName: g.shortName },
      })),
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    abilities: userAbilities(actor, { id: user.id, unitPath }),
  }));
}

export async function listUsers(db: Db, actor: Actor, q: z.infer<typeof userListQuery>) {
  const sys = systemRole(actor);
  const seesAll = sys === 'admin' || sys === 'leader';
  const conds: SQL[] = [];
  if (!seesAll) {
    conds.push(or(eq(users.id, actor.userId), pathInScope(actor, units.path, 'leader')) as SQL);
  }
  for (const token of searchTokens(q.q ?? '')) conds.push(like(users.searchText, `%${token}%`));
  if (q.unitId) conds.push(eq(users.unitId, q.unitId));
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({ user: users, unitPath: units.path })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(where)
      .orderBy(asc(users.username))
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(where),
  ]);
  return { total: count?.n ?? 0, items: await present(db, actor, rows) };
}

export async function getUser(db: Db, actor: Actor, id: number) {
  const row = await loadUser(db, actor, id);
  const [presented] = await present(db, actor, [row]);
  return presented!;
}

async function assertGrantable(
  db: Queryable,
  actor: Actor,
  grant: z.infer<typeof grantInput>,
  field: string,
) {
  const path = await unitPathOf(db, grant.unitId, `${field}.unitId`);
  if (!canGrantOn(actor, path)) throw forbidden();
}

function userSearchText(u: { username: string; fullName: string; title?: string | null }) {
  return searchIndexText(u.username, u.fullName, u.title);
}

export async function createUser(db: Db, actor: Actor, body: z.infer<typeof userCreateBody>) {
  assertStrongPassword(body.password, body.username);
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    if (!canAssignHomeUnit(actor, await unitPathOf(tx, body.unitId, 'unitId'))) throw forbidden();
    for (const [i, g] of body.grants.entries()) await assertGrantable(tx, actor, g, `grants.${i}`);
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.username, body.username));
    if (exists)
      throw new AppError('USERNAME_TAKEN', {
        fields: [{ path: 'username', message: 'Tên đăng nhập đã tồn tại' }],
      });
    const { password: _p, grants: grantList, ...fields } = body;
    const [user] = await tx
      .insert(users)
      .values({ ...fields, passwordHash, mustChangePassword: true, searchText: userSearchText(body) })
      .returning();
    if (!user) throw new AppError('INTERNAL');
    const unique = new Map(grantList.map((g) => [`${g.unitId}:${g.role}`, g]));
    if (unique.size)
      await tx.insert(grants).values([...unique.values()].map((g) => ({ ...g, userId: user.id })));
    await recordAudit(tx, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      scopeUnitId: user.unitId,
      after: { ...user, grants: [...unique.values()] },
    });
    return user.id;
  });
}

export async function updateUser(db: Db, actor: Actor, id: number, body: z.infer<typeof userUpdateBody>) {
  await db.transaction(async (tx) => {
    const { user: before, unitPath } = await loadUser(tx, actor, id);
    if (!userAbilities(actor, { id, unitPath }).update) throw forbidden();
    if (before.version !== body.version) throw conflict();
    if (body.unitId !== undefined && body.unitId !== before.unitId) {
      if (!canAssignHomeUnit(actor, await unitPathOf(tx, body.unitId, 'unitId'))) throw forbidden();
    }
    if (body.disabled === true && id === actor.userId)
      throw invalidField('disabled', 'Không thể tự khóa tài khoản của chính mình');
    const { version, ...changes } = body;
    const merged = { ...before, ...changes };
    const [after] = await tx
      .update(users)
      .set({ ...changes, searchText: userSearchText(merged), version: version + 1, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      scopeUnitId: after.unitId,
      before,
      after,
    });
    // A disabled account is signed out everywhere at once.
    if (after.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
  });
}

export async function resetPassword(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof resetPasswordBody>,
) {
  const { user, unitPath } = await loadUser(db, actor, id);
  if (!userAbilities(actor, { id, unitPath }).resetPassword) throw forbidden();
  assertStrongPassword(body.newPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        version: user.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id));
    await recordAudit(tx, {
      action: 'user.reset_password',
      entityType: 'user',
      entityId: id,
      scopeUnitId: user.unitId,
    });
  });
  await deleteUserSessions(db, id);
}

export async function deleteUser(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const { user, unitPath } = await loadUser(tx, actor, id);
    if (!userAbilities(actor, { id, unitPath }).delete) throw forbidden();
    await assertNotLastSystemAdmin(tx, { userId: id });
    await tx.delete(users).where(eq(users.id, id));
    await recordAudit(tx, {
      action: 'user.delete',
      entityType: 'user',
      entityId: id,
      scopeUnitId: user.unitId,
      before: user,
    });
  });
}

/** The system must keep at least one system-wide administrator. */
async function assertNotLastSystemAdmin(tx: Queryable, removing: { userId?: number; grantId?: number }) {
  const admins = await tx
    .select({ id: grants.id, userId: grants.userId })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(and(isNull(grants.unitId), eq(grants.role, 'admin'), eq(users.disabled, false)));
  const remaining = admins.filter((g) => g.userId !== removing.userId && g.id !== removing.grantId);
  if (admins.length > 0 && remaining.length === 0) throw new AppError('CANNOT_REMOVE_LAST_ADMIN');
}

export async function addGrant(db: Db, actor: Actor, userId: number, body: z.infer<typeof grantInput>) {
  return db.transaction(async (tx) => {
    const { user, unitPath } = await loadUser(tx, actor, userId);
    if (!userAbilities(actor, { id: userId, unitPath }).manageGrants) throw forbidden();
    await assertGrantable(tx, actor, body, 'grant');
    const [dup] = await tx
      .select({ id: grants.id })
      .from(grants)
      .where(
        and(
          eq(grants.userId, userId),
          body.unitId === null ? isNull(grants.unitId) : eq(grants.unitId, body.unitId),
          eq(grants.role, body.role),
        ),
      );
    if (dup) throw new AppError('GRANT_EXISTS');
    const [row] = await tx
      .insert(grants)
      .values({ ...body, userId })
      .returning();
    await recordAudit(tx, {
      action: 'grant.create',
      entityType: 'user',
      entityId: userId,
      scopeUnitId: user.unitId,
      after: row,
    });
    return row!.id;
  });
}

export async function removeGrant(db: Db, actor: Actor, userId: number, grantId: number) {
  await db.transaction(async (tx) => {
    const { user, unitPath } = await loadUser(tx, actor, userId);
    if (!userAbilities(actor, { id: userId, unitPath }).manageGrants) throw forbidden();
    const [row] = await tx
      .select()
      .from(grants)
      .where(and(eq(grants.id, grantId), eq(grants.userId, userId)));
    if (!row) throw notFound();
    await assertGrantable(tx, actor, row, 'grant');
    await assertNotLastSystemAdmin(tx, { grantId });
    await tx.delete(grants).where(eq(grants.id, grantId));
    await recordAudit(tx, {
      action: 'grant.delete',
      entityType: 'user',
      entityId: userId,
      scopeUnitId: user.unitId,
      before: row,
    });
  });
}

import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { auditLog, grants, users } from '../../db/schema/index.ts';

const t = setupTestApp({ PHOIHOP_LOGIN_MAX_PER_MINUTE: '1000' });
let sysadmin: Client;
let adminA: Client;
let leaderA: Client;
let officerA: Client;
let provinceA: { id: number };
let postA: { id: number };
let provinceB: { id: number };
let userB: { id: number };
let sysadminId: number;

beforeAll(async () => {
  const root = await buildUnit(t.db, { name: 'Bộ Tư lệnh Bộ đội Biên phòng', kind: 'border_command' });
  provinceA = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', parentId: root.id });
  postA = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Pa Tần',
    kind: 'border_post',
    parentId: provinceA.id,
  });
  provinceB = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', parentId: root.id });
  sysadminId = (await buildUser(t.db, { username: 'sysadmin', grants: [{ unitId: null, role: 'admin' }] }))
    .id;
  await buildUser(t.db, {
    username: 'qt.laichau',
    unitId: provinceA.id,
    grants: [{ unitId: provinceA.id, role: 'admin' }],
  });
  await buildUser(t.db, {
    username: 'ld.laichau',
    unitId: provinceA.id,
    grants: [{ unitId: provinceA.id, role: 'leader' }],
  });
  await buildUser(t.db, {
    username: 'cb.patan',
    unitId: postA.id,
    grants: [{ unitId: postA.id, role: 'officer' }],
  });
  userB = await buildUser(t.db, {
    username: 'cb.laocai',
    unitId: provinceB.id,
    grants: [{ unitId: provinceB.id, role: 'officer' }],
  });
  sysadmin = await signIn(t.app, 'sysadmin');
  adminA = await signIn(t.app, 'qt.laichau');
  leaderA = await signIn(t.app, 'ld.laichau');
  officerA = await signIn(t.app, 'cb.patan');
});

async function snapshot() {
  const [u] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [g] = await t.db.select({ n: sql<number>`count(*)::int` }).from(grants);
  const [a] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return { users: u!.n, grants: g!.n, audit: a!.n };
}

let seq = 0;
const newUser = (over: Record<string, unknown> = {}) => ({
  username: `moi.${++seq}`,
  fullName: 'Nguyễn Văn Mới',
  unitId: postA.id,
  password: 'Mat-khau-ban-dau-2026',
  grants: [{ unitId: postA.id, role: 'officer' }],
  ...over,
});

describe('creating users', () => {
  it('an admin of the subtree creates a user: hashed password, must change it, audited without secrets', async () => {
    const body = newUser({ username: 'Nguyen.Van.A', title: 'Trợ lý' });
    const res = await adminA.post('/api/users', body);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.username).toBe('nguyen.van.a');
    expect(created.mustChangePassword).toBe(true);
    expect(created.unit.id).toBe(postA.id);
    expect(created.grants).toEqual([
      { id: expect.any(Number), role: 'officer', unit: expect.objectContaining({ id: postA.id }) },
    ]);
    expect(res.body).not.toContain('argon2');
    expect(res.body).not.toContain(body.password);
    const [row] = await t.db.select().from(users).where(eq(users.id, created.id));
    expect(row!.passwordHash.startsWith('$argon2id$')).toBe(true);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, String(created.id))));
    expect(audits.map((a) => a.action)).toEqual(['user.create']);
    expect(audits[0]!.actorUsername).toBe('qt.laichau');
    expect(audits[0]!.scopeUnitId).toBe(postA.id);
    const dumped = JSON.stringify([audits[0]!.before, audits[0]!.after]);
    expect(dumped).not.toContain('argon2');
    expect(dumped).not.toContain('passwordHash');
    expect(dumped).not.toContain(body.password);
    expect((audits[0]!.after as { username: string }).username).toBe('nguyen.van.a');
    // and the new user can sign in with the initial password
    const me = await (await signIn(t.app, 'nguyen.van.a', body.password)).get('/api/me');
    expect(me.json().user.mustChangePassword).toBe(true);
  });

  it('refuses a duplicate username with 409 USERNAME_TAKEN', async () => {
    const before = await snapshot();
    const res = await adminA.post('/api/users', newUser({ username: 'CB.PATAN' }));
    const body = expectError(res, 'USERNAME_TAKEN');
    expect(body.fields?.map((f) => f.path)).toEqual(['username']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a weak password with 422 WEAK_PASSWORD on password', async () => {
    const before = await snapshot();
    const res = await adminA.post('/api/users', newUser({ password: '12345678' }));
    const body = expectError(res, 'WEAK_PASSWORD');
    expect(body.fields?.map((f) => f.path)).toEqual(['password']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an invalid username with the field named', async () => {
    const res = await adminA.post('/api/users', newUser({ username: 'Nguyễn Văn B' }));
    const body = expectError(res, 'VALIDATION_FAILED');
    expect(body.fields?.map((f) => f.path)).toContain('username');
    expect(body.message).toContain('Tên đăng nhập');
  });

  it('officers and leaders cannot create users (403)', async () => {
    const before = await snapshot();
    expectError(await officerA.post('/api/users', newUser()), 'FORBIDDEN');
    expectError(await leaderA.post('/api/users', newUser()), 'FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('an admin of province A cannot place users or grant roles outside the subtree (403)', async () => {
    const before = await snapshot();
    expectError(await adminA.post('/api/users', newUser({ unitId: provinceB.id, grants: [] })), 'FORBIDDEN');
    expectError(
      await adminA.post('/api/users', newUser({ grants: [{ unitId: provinceB.id, role: 'officer' }] })),
      'FORBIDDEN',
    );
    expectError(
      await adminA.post('/api/users', newUser({ grants: [{ unitId: null, role: 'viewer' }] })),
      'FORBIDDEN',
    );
    expectError(await adminA.post('/api/users', newUser({ unitId: null, grants: [] })), 'FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });
});

describe('reading users', () => {
  it('an admin of province A cannot see users of province B (404) nor list them', async () => {
    expectError(await adminA.get(`/api/users/${userB.id}`), 'NOT_FOUND');
    expectError(await adminA.get(`/api/users/${sysadminId}`), 'NOT_FOUND');
    const list = (await adminA.get('/api/users?limit=500')).json();
    const names = list.items.map((u: { username: string }) => u.username);
    expect(names).toContain('cb.patan');
    expect(names).not.toContain('cb.laocai');
    expect(names).not.toContain('sysadmin');
    expect(list.total).toBe(list.items.length);
  });

  it('a leader sees the subtree but may not change it; an officer sees only themself', async () => {
    const res = await leaderA.get('/api/users?limit=500');
    expect(res.json().items.map((u: { username: string }) => u.username)).toContain('cb.patan');
    const patan = res.json().items.find((u: { username: string }) => u.username === 'cb.patan');
    expect(patan.abilities).toEqual({
      update: false,
      resetPassword: false,
      manageGrants: false,
      delete: false,
    });
    const own = (await officerA.get('/api/users')).json();
    expect(own.items.map((u: { username: string }) => u.username)).toEqual(['cb.patan']);
    const [leader] = await t.db.select().from(users).where(eq(users.username, 'ld.laichau'));
    expectError(await officerA.get(`/api/users/${leader!.id}`), 'NOT_FOUND');
  });

  it('GET /api/me reports abilities matching the role', async () => {
    const officer = (await officerA.get('/api/me')).json().abilities;
    expect(officer.users).toEqual({ read: false, create: false });
    expect(officer.audit.read).toBe(false);
    expect(officer.units.createRoot).toBe(false);
    const leader = (await leaderA.get('/api/me')).json().abilities;
    expect(leader.users).toEqual({ read: true, create: false });
    expect(leader.audit.read).toBe(true);
    const admin = (await adminA.get('/api/me')).json().abilities;
    expect(admin.users).toEqual({ read: true, create: true });
    expect(admin.units).toEqual({ read: true, createRoot: false, createAny: true });
    const sys = (await sysadmin.get('/api/me')).json().abilities;
    expect(sys.units.createRoot).toBe(true);
    // and the abilities are honoured by the API
    expectError(await officerA.get('/api/audit'), 'FORBIDDEN');
    expect((await leaderA.get('/api/audit')).statusCode).toBe(200);
  });
});

describe('changing users', () => {
  it('detects a stale version (409) without overwriting', async () => {
    const created = (await adminA.post('/api/users', newUser())).json();
    const first = await adminA.patch(`/api/users/${created.id}`, { fullName: 'Tên thứ nhất', version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const before = await snapshot();
    const stale = await adminA.patch(`/api/users/${created.id}`, { fullName: 'Tên thứ hai', version: 1 });
    expectError(stale, 'VERSION_CONFLICT');
    const [row] = await t.db.select().from(users).where(eq(users.id, created.id));
    expect(row!.fullName).toBe('Tên thứ nhất');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses moving a user out of the subtree, and changes by non-admins', async () => {
    const created = (await adminA.post('/api/users', newUser())).json();
    const before = await snapshot();
    expectError(
      await adminA.patch(`/api/users/${created.id}`, { unitId: provinceB.id, version: 1 }),
      'FORBIDDEN',
    );
    expectError(await leaderA.patch(`/api/users/${created.id}`, { fullName: 'X', version: 1 }), 'FORBIDDEN');
    expectError(await adminA.patch(`/api/users/${userB.id}`, { fullName: 'X', version: 1 }), 'NOT_FOUND');
    const [row] = await t.db.select().from(users).where(eq(users.id, created.id));
    expect(row!.unitId).toBe(postA.id);
    expect(await snapshot()).toEqual(before);
  });

  it('an admin resets a password: the user must change it and is signed out', async () => {
    const created = (await adminA.post('/api/users', newUser())).json();
    const session = await signIn(t.app, created.username, 'Mat-khau-ban-dau-2026');
    const weak = await adminA.post(`/api/users/${created.id}/reset-password`, { newPassword: 'abc' });
    expect(expectError(weak, 'WEAK_PASSWORD').fields?.map((f) => f.path)).toEqual(['newPassword']);
    expectError(
      await leaderA.post(`/api/users/${created.id}/reset-password`, { newPassword: 'Mat-khau-dat-lai-77' }),
      'FORBIDDEN',
    );
    expect((await session.get('/api/me')).statusCode).toBe(200);
    const res = await adminA.post(`/api/users/${created.id}/reset-password`, {
      newPassword: 'Mat-khau-dat-lai-77',
    });
    expect(res.statusCode).toBe(200);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    const again = await signIn(t.app, created.username, 'Mat-khau-dat-lai-77');
    expect((await again.get('/api/me')).json().user.mustChangePassword).toBe(true);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.reset_password'), eq(auditLog.entityId, String(created.id))));
    expect(audit!.actorUsername).toBe('qt.laichau');
    expect(JSON.stringify(audit)).not.toContain('Mat-khau-dat-lai-77');
  });

  it('admins cannot reset their own password through the admin route', async () => {
    const [me] = await t.db.select().from(users).where(eq(users.username, 'qt.laichau'));
    expectError(
      await adminA.post(`/api/users/${me!.id}/reset-password`, { newPassword: 'Mat-khau-dat-lai-77' }),
      'FORBIDDEN',
    );
  });
});

describe('grants', () => {
  it('adds and removes a grant within the subtree, audited', async () => {
    const created = (await adminA.post('/api/users', newUser({ grants: [] }))).json();
    const add = await adminA.post(`/api/users/${created.id}/grants`, {
      unitId: provinceA.id,
      role: 'leader',
    });
    expect(add.statusCode).toBe(201);
    const grant = add.json().grants.find((g: { role: string }) => g.role === 'leader');
    expect(grant.unit.id).toBe(provinceA.id);
    // the new role takes effect on the user's next request
    const session = await signIn(t.app, created.username, 'Mat-khau-ban-dau-2026');
    expect((await session.get('/api/me')).json().abilities.audit.read).toBe(true);

    expectError(
      await adminA.post(`/api/users/${created.id}/grants`, { unitId: provinceA.id, role: 'leader' }),
      'GRANT_EXISTS',
    );
    const del = await adminA.delete(`/api/users/${created.id}/grants/${grant.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json().grants).toEqual([]);
    expect((await session.get('/api/me')).json().abilities.audit.read).toBe(false);
    const actions = (
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, String(created.id))))
    ).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('grant.'))).toEqual(['grant.create', 'grant.delete']);
  });

  it('refuses grants on units outside the subtree or system-wide (403), writing nothing', async () => {
    const created = (await adminA.post('/api/users', newUser({ grants: [] }))).json();
    const before = await snapshot();
    expectError(
      await adminA.post(`/api/users/${created.id}/grants`, { unitId: provinceB.id, role: 'viewer' }),
      'FORBIDDEN',
    );
    expectError(
      await adminA.post(`/api/users/${created.id}/grants`, { unitId: null, role: 'admin' }),
      'FORBIDDEN',
    );
    expect(await snapshot()).toEqual(before);
    // nor take away a grant that lies outside the subtree
    const both = await sysadmin.post(`/api/users/${created.id}/grants`, {
      unitId: provinceB.id,
      role: 'viewer',
    });
    const outside = both
      .json()
      .grants.find((g: { unit: { id: number } | null }) => g.unit?.id === provinceB.id);
    const mid = await snapshot();
    expectError(await adminA.delete(`/api/users/${created.id}/grants/${outside.id}`), 'FORBIDDEN');
    expect(await snapshot()).toEqual(mid);
  });

  it('refuses a grant on a unit that does not exist, naming the field', async () => {
    const created = (await adminA.post('/api/users', newUser({ grants: [] }))).json();
    const res = await sysadmin.post(`/api/users/${created.id}/grants`, { unitId: 999_999, role: 'viewer' });
    const body = expectError(res, 'VALIDATION_FAILED');
    expect(body.fields?.map((f) => f.path)).toEqual(['grant.unitId']);
  });

  it('the last system-wide admin grant cannot be removed (409), the user cannot be deleted', async () => {
    const [g] = await t.db
      .select()
      .from(grants)
      .where(and(eq(grants.userId, sysadminId), eq(grants.role, 'admin')));
    const before = await snapshot();
    expectError(
      await sysadmin.delete(`/api/users/${sysadminId}/grants/${g!.id}`),
      'CANNOT_REMOVE_LAST_ADMIN',
    );
    expect(await snapshot()).toEqual(before);

    // with a second system admin, removing one is allowed…
    const second = await buildUser(t.db, {
      username: 'sysadmin2',
      grants: [{ unitId: null, role: 'admin' }],
    });
    const [g2] = await t.db.select().from(grants).where(eq(grants.userId, second.id));
    const removed = await sysadmin.delete(`/api/users/${second.id}/grants/${g2!.id}`);
    expect(removed.statusCode).toBe(200);
    // …and then the first is the last one again
    expectError(
      await sysadmin.delete(`/api/users/${sysadminId}/grants/${g!.id}`),
      'CANNOT_REMOVE_LAST_ADMIN',
    );
    expect((await t.db.select().from(grants).where(eq(grants.id, g!.id))).length).toBe(1);
  });

  it('a disabled system admin does not count as the remaining admin', async () => {
    const other = await buildUser(t.db, { username: 'sysadmin3', grants: [{ unitId: null, role: 'admin' }] });
    const patched = await sysadmin.patch(`/api/users/${other.id}`, { disabled: true, version: 1 });
    expect(patched.statusCode).toBe(200);
    const [g] = await t.db
      .select()
      .from(grants)
      .where(and(eq(grants.userId, sysadminId), eq(grants.role, 'admin')));
    expectError(
      await sysadmin.delete(`/api/users/${sysadminId}/grants/${g!.id}`),
      'CANNOT_REMOVE_LAST_ADMIN',
    );
  });
});

describe('deleting users', () => {
  it('an admin deletes a user of the subtree; the user can no longer sign in', async () => {
    const created = (await adminA.post('/api/users', newUser())).json();
    const res = await adminA.delete(`/api/users/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect((await t.db.select().from(users).where(eq(users.id, created.id))).length).toBe(0);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: created.username, password: 'Mat-khau-ban-dau-2026' },
    });
    expect(login.statusCode).toBe(401);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.delete'), eq(auditLog.entityId, String(created.id))));
    expect((audit!.before as { username: string }).username).toBe(created.username);
    expect(JSON.stringify(audit!.before)).not.toContain('argon2');
  });

  it('refuses deleting oneself and users outside the subtree', async () => {
    const [me] = await t.db.select().from(users).where(eq(users.username, 'qt.laichau'));
    const before = await snapshot();
    expectError(await adminA.delete(`/api/users/${me!.id}`), 'FORBIDDEN');
    expectError(await adminA.delete(`/api/users/${userB.id}`), 'NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });
});

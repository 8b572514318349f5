import { and, eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, sessionCookie, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../../../../test/factories.ts';
import { apiTokens, auditLog, sessions, units, users } from '../../db/schema/index.ts';

// Many sign-ins from one address in this file: the per-IP limit has its own file.
const t = setupTestApp({ PHOIHOP_LOGIN_MAX_PER_MINUTE: '1000' });
let province: { id: number };

beforeAll(async () => {
  province = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', kind: 'border_command' });
  await buildUser(t.db, { username: 'sysadmin', grants: [{ unitId: null, role: 'admin' }] });
});

const login = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers });

const withCookie = (cookie: string, url = '/api/me') =>
  t.app.inject({ method: 'GET', url, headers: { cookie } });

/** A fresh officer of the province, so tests do not share sessions or passwords. */
let n = 0;
async function officer(over: { username?: string } = {}) {
  return buildUser(t.db, {
    username: over.username ?? `canbo${++n}`,
    unitId: province.id,
    grants: [{ unitId: province.id, role: 'officer' }],
  });
}

const countRows = async (table: typeof units | typeof auditLog | typeof sessions) => {
  const [r] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return r!.n;
};

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Lax session cookie and returns the CSRF token', async () => {
    const user = await officer();
    const res = await login({ username: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'phoihop_session')!;
    expect(cookie).toBeDefined();
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('lax');
    expect(cookie.path).toBe('/');
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(res.json().user.username).toBe(user.username);
    // only the token's hash is stored
    const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row!.id).not.toBe(cookie.value);
    expect(row!.id).toMatch(/^[0-9a-f]{64}$/);
    expect((await withCookie(sessionCookie(res))).statusCode).toBe(200);
  });

  it('accepts a username in a different case (usernames are lower-cased)', async () => {
    const user = await officer();
    const res = await login({ username: user.username.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown user with the same 401 INVALID_CREDENTIALS', async () => {
    const user = await officer();
    const sessionsBefore = await countRows(sessions);
    const wrong = await login({ username: user.username, password: 'Sai-mat-khau-123' });
    const unknown = await login({ username: 'khong.ton.tai', password: 'Sai-mat-khau-123' });
    expectError(wrong, 'INVALID_CREDENTIALS');
    expectError(unknown, 'INVALID_CREDENTIALS');
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.cookies.find((c) => c.name === 'phoihop_session')).toBeUndefined();
    expect(await countRows(sessions)).toBe(sessionsBefore);
  });

  it('stores password hashes as argon2id', async () => {
    const rows = await t.db.select({ h: users.passwordHash }).from(users);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.h.startsWith('$argon2id$')).toBe(true);
  });

  it('rotates the session: signing in while holding a cookie invalidates the old one', async () => {
    const user = await officer();
    const first = await login({ username: user.username, password: TEST_PASSWORD });
    const oldCookie = sessionCookie(first);
    const second = await login({ username: user.username, password: TEST_PASSWORD }, { cookie: oldCookie });
    expect(second.statusCode).toBe(200);
    const newCookie = sessionCookie(second);
    expect(newCookie).not.toBe(oldCookie);
    expectError(await withCookie(oldCookie), 'UNAUTHENTICATED');
    expect((await withCookie(newCookie)).statusCode).toBe(200);
  });

  it('refuses sign-in from a foreign Origin with 403 and opens no session', async () => {
    const user = await officer();
    const before = await countRows(sessions);
    const res = await login(
      { username: user.username, password: TEST_PASSWORD },
      { origin: 'https://evil.example', host: 'phoihop.local' },
    );
    expectError(res, 'CSRF_INVALID');
    expect(await countRows(sessions)).toBe(before);
    const same = await login(
      { username: user.username, password: TEST_PASSWORD },
      { origin: 'https://phoihop.local', host: 'phoihop.local' },
    );
    expect(same.statusCode).toBe(200);
  });

  it('refuses an opaque "null" Origin with 403, not a server error', async () => {
    const user = await officer();
    const res = await login({ username: user.username, password: TEST_PASSWORD }, { origin: 'null' });
    expectError(res, 'CSRF_INVALID');
  });
});

describe('sessions', () => {
  it('logout ends the session', async () => {
    const user = await officer();
    const c = await signIn(t.app, user.username);
    const res = await c.post('/api/auth/logout');
    expect(res.statusCode).toBe(200);
    expectError(await withCookie(c.cookie), 'UNAUTHENTICATED');
    expect((await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(0);
  });

  it('answers a forged cookie with 401', async () => {
    expectError(await withCookie('phoihop_session=forged-token-value-abcdefghijklmnop'), 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'GET', url: '/api/me' }), 'UNAUTHENTICATED');
  });

  it('answers an expired session with 401 SESSION_EXPIRED and clears it', async () => {
    const user = await officer();
    const c = await signIn(t.app, user.username);
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(sessions.userId, user.id));
    const res = await withCookie(c.cookie);
    expectError(res, 'SESSION_EXPIRED');
    const cleared = res.cookies.find((x) => x.name === 'phoihop_session');
    expect(cleared?.value ?? '').toBe('');
    expect((await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(0);
    // and it stays dead
    expectError(await withCookie(c.cookie), 'UNAUTHENTICATED');
  });
});

describe('sliding session expiry', () => {
  it('a request after a minute of quiet pushes the idle deadline out and refreshes the cookie', async () => {
    const user = await officer();
    const c = await signIn(t.app, user.username);
    const soon = new Date(Date.now() + 5 * 60_000);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 2 * 60_000), expiresAt: soon })
      .where(eq(sessions.userId, user.id));
    const res = await c.get('/api/me');
    expect(res.statusCode).toBe(200);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    // default idle limit: 8 hours
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * 3_600_000);
    const refreshed = res.cookies.find((x) => x.name === 'phoihop_session');
    expect(refreshed?.value).toBe(c.cookie.split('=')[1]);
    expect(refreshed?.httpOnly).toBe(true);
  });
});

describe('CSRF', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = await signIn(t.app, 'sysadmin');
  });

  const variants = [
    ['missing', {}],
    ['wrong', { 'x-csrf-token': 'not-the-token' }],
  ] as const;

  for (const [label, headers] of variants) {
    it(`refuses POST, PATCH and DELETE with a ${label} CSRF header and writes nothing`, async () => {
      const target = await buildUnit(t.db, { name: `Đơn vị CSRF ${label}`, parentId: province.id });
      const unitsBefore = await countRows(units);
      const auditBefore = await countRows(auditLog);
      const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
        t.app.inject({
          method,
          url,
          payload: payload as never,
          headers: { cookie: admin.cookie, ...headers },
        });
      expectError(
        await send('POST', '/api/units', { kind: 'other', name: 'Giả mạo', parentId: province.id }),
        'CSRF_INVALID',
      );
      expectError(
        await send('PATCH', `/api/units/${target.id}`, { name: 'Giả mạo', version: 1 }),
        'CSRF_INVALID',
      );
      expectError(await send('DELETE', `/api/units/${target.id}?version=1`), 'CSRF_INVALID');
      expect(await countRows(units)).toBe(unitsBefore);
      expect(await countRows(auditLog)).toBe(auditBefore);
      const [row] = await t.db.select().from(units).where(eq(units.id, target.id));
      expect(row!.name).toBe(`Đơn vị CSRF ${label}`);
      // the same request with the token goes through
      const ok = await admin.patch(`/api/units/${target.id}`, { name: 'Đã sửa', version: 1 });
      expect(ok.statusCode).toBe(200);
    });
  }

  it("refuses another session's CSRF token", async () => {
    const other = await signIn(t.app, (await officer()).username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      payload: { kind: 'other', name: 'Giả mạo', parentId: province.id },
      headers: { cookie: admin.cookie, 'x-csrf-token': other.csrf },
    });
    expectError(res, 'CSRF_INVALID');
  });
});

describe('password change', () => {
  it('refuses a wrong current password with 422 WRONG_PASSWORD and keeps the old hash', async () => {
    const user = await officer();
    const c = await signIn(t.app, user.username);
    const res = await c.post('/api/me/password', {
      currentPassword: 'Khong-dung-123',
      newPassword: 'Mat-khau-moi-2026',
    });
    const body = expectError(res, 'WRONG_PASSWORD');
    expect(body.fields?.map((f) => f.path)).toEqual(['currentPassword']);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBe(user.passwordHash);
  });

  it('refuses a weak new password with 422 WEAK_PASSWORD on newPassword', async () => {
    const user = await officer();
    const c = await signIn(t.app, user.username);
    for (const weak of ['ngan1', 'chicochukhongso', `${user.username}123456`, 'Matkhau12345']) {
      const res = await c.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: weak });
      const body = expectError(res, 'WEAK_PASSWORD');
      expect(body.fields?.map((f) => f.path)).toEqual(['newPassword']);
      expect(body.fields![0]!.message).toMatch(/Mật khẩu/);
    }
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBe(user.passwordHash);
  });

  it('changes the password, signs out the other sessions and keeps this one', async () => {
    const user = await officer();
    const here = await signIn(t.app, user.username);
    const elsewhere = await signIn(t.app, user.username);
    const res = await here.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Mat-khau-moi-2026',
    });
    expect(res.statusCode).toBe(200);
    expect((await here.get('/api/me')).statusCode).toBe(200);
    expectError(await elsewhere.get('/api/me'), 'UNAUTHENTICATED');
    expectError(await login({ username: user.username, password: TEST_PASSWORD }), 'INVALID_CREDENTIALS');
    expect((await login({ username: user.username, password: 'Mat-khau-moi-2026' })).statusCode).toBe(200);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row!.mustChangePassword).toBe(false);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('enrols with a confirmed code, then requires the code at sign-in', async () => {
    const user = await officer();
    const c = await signIn(t.app, user.username);
    const begin = await c.post('/api/me/totp');
    expect(begin.statusCode).toBe(200);
    const { secret, uri } = begin.json();
    expect(uri).toContain('otpauth://totp/');
    // not on until confirmed
    expect((await login({ username: user.username, password: TEST_PASSWORD })).statusCode).toBe(200);

    const wrongConfirm = await c.post('/api/me/totp/confirm', { code: '000000' });
    expectError(wrongConfirm, 'TOTP_INVALID');
    const confirm = await c.post('/api/me/totp/confirm', { code: await generate({ secret }) });
    expect(confirm.statusCode).toBe(200);
    expect((await c.get('/api/me')).json().user.totpEnabled).toBe(true);

    expectError(await login({ username: user.username, password: TEST_PASSWORD }), 'TOTP_REQUIRED');
    const good = await generate({ secret });
    const wrong = good === '123456' ? '654321' : '123456';
    expectError(
      await login({ username: user.username, password: TEST_PASSWORD, totp: wrong }),
      'TOTP_INVALID',
    );
    // a right code with a wrong password reveals nothing about the code
    expectError(
      await login({ username: user.username, password: 'Sai-mat-khau-1', totp: good }),
      'INVALID_CREDENTIALS',
    );
    const ok = await login({
      username: user.username,
      password: TEST_PASSWORD,
      totp: await generate({ secret }),
    });
    expect(ok.statusCode).toBe(200);
    // the secret never reaches the audit log
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(user.id)));
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe('API tokens', () => {
  let owner: { username: string; id: number };
  let c: Client;
  beforeAll(async () => {
    owner = await buildUser(t.db, {
      username: 'tichhop',
      unitId: province.id,
      grants: [{ unitId: province.id, role: 'admin' }],
    });
    c = await signIn(t.app, owner.username);
  });

  const bearer = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: { authorization: `Bearer ${token}` } });

  it('shows the secret once; listings never show it and only its hash is stored', async () => {
    const res = await c.post('/api/me/tokens', { name: 'Đồng bộ', scopes: ['read'] });
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created.token).toMatch(/^phk_[\w-]{20,}$/);
    const list = await c.get('/api/me/tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token);
    expect(list.json().map((x: { id: number }) => x.id)).toContain(created.id);
    for (const item of list.json()) expect(item).not.toHaveProperty('token');
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).not.toContain(created.token);
    expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain(created.token);
  });

  it('a read token may GET but not POST (403 TOKEN_SCOPE), and nothing is written', async () => {
    const { token } = (await c.post('/api/me/tokens', { name: 'Chỉ đọc', scopes: ['read'] })).json();
    const list = await bearer(token, 'GET', '/api/units');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { id: number }) => u.id)).toContain(province.id);
    const before = await countRows(units);
    const res = await bearer(token, 'POST', '/api/units', {
      kind: 'other',
      name: 'Qua API',
      parentId: province.id,
    });
    expectError(res, 'TOKEN_SCOPE');
    expect(await countRows(units)).toBe(before);
  });

  it('a write token may POST without a CSRF header, acting as its owner', async () => {
    const { token } = (await c.post('/api/me/tokens', { name: 'Ghi', scopes: ['read', 'write'] })).json();
    const res = await bearer(token, 'POST', '/api/units', {
      kind: 'other',
      name: 'Tạo qua API',
      parentId: province.id,
    });
    expect(res.statusCode).toBe(201);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'unit'), eq(auditLog.entityId, String(res.json().id))));
    expect(audit!.actorUsername).toBe(owner.username);
    // a token cannot mint further tokens
    expectError(
      await bearer(token, 'POST', '/api/me/tokens', { name: 'Con', scopes: ['read'] }),
      'FORBIDDEN',
    );
  });

  it('a revoked, expired or unknown token gets 401 INVALID_TOKEN', async () => {
    const created = (await c.post('/api/me/tokens', { name: 'Thu hồi', scopes: ['read'] })).json();
    expect((await bearer(created.token, 'GET', '/api/units')).statusCode).toBe(200);
    expect((await c.delete(`/api/me/tokens/${created.id}`)).statusCode).toBe(200);
    expectError(await bearer(created.token, 'GET', '/api/units'), 'INVALID_TOKEN');
    const listed = (await c.get('/api/me/tokens')).json().find((x: { id: number }) => x.id === created.id);
    expect(listed.revokedAt).not.toBeNull();

    const expiring = (await c.post('/api/me/tokens', { name: 'Hết hạn', scopes: ['read'] })).json();
    await t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expiring.id));
    expectError(await bearer(expiring.token, 'GET', '/api/units'), 'INVALID_TOKEN');
    expectError(await bearer('phk_khongtontai', 'GET', '/api/units'), 'INVALID_TOKEN');
    expectError(await bearer('abc', 'GET', '/api/units'), 'INVALID_TOKEN');
  });

  it("cannot revoke someone else's token (404)", async () => {
    const created = (await c.post('/api/me/tokens', { name: 'Của tôi', scopes: ['read'] })).json();
    const other = await signIn(t.app, (await officer()).username);
    expectError(await other.delete(`/api/me/tokens/${created.id}`), 'NOT_FOUND');
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.revokedAt).toBeNull();
  });
});

describe('disabled accounts', () => {
  it('cannot sign in (403 ACCOUNT_DISABLED), and their sessions and tokens stop working', async () => {
    const user = await officer();
    const session = await signIn(t.app, user.username);
    const { token } = (await session.post('/api/me/tokens', { name: 'T', scopes: ['read'] })).json();
    const admin = await signIn(t.app, 'sysadmin');
    const res = await admin.patch(`/api/users/${user.id}`, { disabled: true, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expectError(await session.get('/api/me'), 'UNAUTHENTICATED');
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/units', headers: { authorization: `Bearer ${token}` } }),
      'INVALID_TOKEN',
    );
    expectError(await login({ username: user.username, password: TEST_PASSWORD }), 'ACCOUNT_DISABLED');
    // a wrong password still says only "wrong credentials"
    expectError(await login({ username: user.username, password: 'Sai-mat-khau-1' }), 'INVALID_CREDENTIALS');
  });
});

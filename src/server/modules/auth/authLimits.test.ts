import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, setupTestApp } from '../../../../test/app.ts';
import { buildUser, TEST_PASSWORD } from '../../../../test/factories.ts';
import { auditLog, sessions, users } from '../../db/schema/index.ts';

// Brute-force protection: a per-IP request limit and a per-account lockout. Each test signs
// in from its own address so the two limits do not interfere.
const t = setupTestApp({
  PHOIHOP_LOCKOUT_FAILURES: '3',
  PHOIHOP_LOCKOUT_MINUTES: '15',
  PHOIHOP_LOGIN_MAX_PER_MINUTE: '5',
});

beforeAll(async () => {
  await buildUser(t.db, { username: 'nannhan' });
  await buildUser(t.db, { username: 'nguoikhac' });
  await buildUser(t.db, { username: 'dungmatkhau' });
});

const login = (username: string, password: string, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('account lockout', () => {
  it('locks the account after 3 wrong passwords, even against the right one', async () => {
    expectError(await login('nannhan', 'Sai-mat-khau-1', '10.0.0.1'), 'INVALID_CREDENTIALS');
    expectError(await login('nannhan', 'Sai-mat-khau-2', '10.0.0.1'), 'INVALID_CREDENTIALS');
    expectError(await login('nannhan', 'Sai-mat-khau-3', '10.0.0.2'), 'ACCOUNT_LOCKED');
    expectError(await login('nannhan', TEST_PASSWORD, '10.0.0.3'), 'ACCOUNT_LOCKED');
    const [row] = await t.db.select().from(users).where(eq(users.username, 'nannhan'));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await t.db.select().from(sessions).where(eq(sessions.userId, row!.id))).length).toBe(0);
    const actions = (
      await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(row!.id)))
    ).map((r) => r.action);
    expect(actions).toEqual(['auth.login_failed', 'auth.login_failed', 'auth.lockout']);
  });

  it('locks only that account; others sign in normally', async () => {
    expect((await login('nguoikhac', TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(200);
  });

  it('lifts the lock when it expires, and a success resets the failure count', async () => {
    await t.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.username, 'nannhan'));
    expect((await login('nannhan', TEST_PASSWORD, '10.0.0.5')).statusCode).toBe(200);
    const [row] = await t.db.select().from(users).where(eq(users.username, 'nannhan'));
    expect(row!.failedLogins).toBe(0);
    expect(row!.lockedUntil).toBeNull();
  });

  it('counts failures across successes: two failures then a success start over', async () => {
    expectError(await login('dungmatkhau', 'Sai-mat-khau-1', '10.0.0.6'), 'INVALID_CREDENTIALS');
    expectError(await login('dungmatkhau', 'Sai-mat-khau-2', '10.0.0.6'), 'INVALID_CREDENTIALS');
    expect((await login('dungmatkhau', TEST_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
    expectError(await login('dungmatkhau', 'Sai-mat-khau-3', '10.0.0.7'), 'INVALID_CREDENTIALS');
  });
});

describe('sign-in rate limit', () => {
  it('answers the 6th attempt within a minute from one address with 429 RATE_LIMITED', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 5; i++) {
      const res = await login('khong.ton.tai', `Sai-mat-khau-${i}`, ip);
      expectError(res, 'INVALID_CREDENTIALS');
    }
    const blocked = await login('nguoikhac', TEST_PASSWORD, ip);
    expectError(blocked, 'RATE_LIMITED');
    expect(blocked.json().requestId).toBe(blocked.headers['x-request-id']);
    expect(blocked.cookies.find((c) => c.name === 'phoihop_session')).toBeUndefined();
    // another address is not affected
    expect((await login('nguoikhac', TEST_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });
});

import { eq, sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { auditLog } from '../../db/schema/index.ts';

const t = setupTestApp();
let admin: Client;
let leaderA: Client;
let officerA: Client;
let root: { id: number };
let provinceA: { id: number };
let provinceB: { id: number };

beforeAll(async () => {
  root = await buildUnit(t.db, { name: 'Bộ Tư lệnh Bộ đội Biên phòng', kind: 'border_command' });
  provinceA = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', parentId: root.id });
  provinceB = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', parentId: root.id });
  await buildUser(t.db, { username: 'sysadmin', grants: [{ unitId: null, role: 'admin' }] });
  await buildUser(t.db, {
    username: 'ld.laichau',
    unitId: provinceA.id,
    grants: [{ unitId: provinceA.id, role: 'leader' }],
  });
  await buildUser(t.db, {
    username: 'cb.laichau',
    unitId: provinceA.id,
    grants: [{ unitId: provinceA.id, role: 'officer' }],
  });
  admin = await signIn(t.app, 'sysadmin');
  leaderA = await signIn(t.app, 'ld.laichau');
  officerA = await signIn(t.app, 'cb.laichau');
});

const IP = '203.0.113.7';
let reqSeq = 0;

/** Sends a request from a known address and returns it with the audit rows it produced. */
async function audited(client: Client, opts: InjectOptions) {
  const res = await client.request({ ...opts, remoteAddress: IP });
  const requestId = res.headers['x-request-id'] as string;
  expect(requestId).toBeTruthy();
  const rows = await t.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
  return { res, rows };
}

const auditCount = async () => {
  const [r] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return r!.n;
};

describe('audit rows', () => {
  let unitId: number;

  it('unit create: one row with actor, entity, after, request id and IP', async () => {
    const { res, rows } = await audited(admin, {
      method: 'POST',
      url: '/api/units',
      payload: { kind: 'border_post', name: 'Đồn Biên phòng Dào San', parentId: provinceA.id },
      headers: { 'x-request-id': `kiem-tra-${++reqSeq}-create` },
    });
    expect(res.statusCode).toBe(201);
    unitId = res.json().id;
    expect(res.headers['x-request-id']).toBe(`kiem-tra-${reqSeq}-create`);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      action: 'unit.create',
      entityType: 'unit',
      entityId: String(unitId),
      actorUsername: 'sysadmin',
      scopeUnitId: unitId,
      ip: IP,
      before: null,
    });
    expect(row.actorUserId).toEqual(expect.any(Number));
    expect((row.after as { name: string }).name).toBe('Đồn Biên phòng Dào San');
    expect(row.after).not.toHaveProperty('searchText');
    expect(Date.now() - row.at.getTime()).toBeLessThan(60_000);
  });

  it('unit update: before and after', async () => {
    const { res, rows } = await audited(admin, {
      method: 'PATCH',
      url: `/api/units/${unitId}`,
      payload: { name: 'Đồn Biên phòng Dào San (mới)', version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'unit.update', entityId: String(unitId), ip: IP });
    expect((rows[0]!.before as { name: string }).name).toBe('Đồn Biên phòng Dào San');
    expect((rows[0]!.after as { name: string; version: number }).name).toBe('Đồn Biên phòng Dào San (mới)');
    expect((rows[0]!.after as { version: number }).version).toBe(2);
  });

  it('unit move: old and new parent with the effective date', async () => {
    const { res, rows } = await audited(admin, {
      method: 'POST',
      url: `/api/units/${unitId}/move`,
      payload: { parentId: provinceB.id, effectiveDate: '2025-07-01', version: 2 },
    });
    expect(res.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'unit.move',
      entityId: String(unitId),
      before: { parentId: provinceA.id },
      after: { parentId: provinceB.id, effectiveDate: '2025-07-01' },
    });
  });

  it('unit close: after carries the successors', async () => {
    const successor = await buildUnit(t.db, { name: 'Đồn kế thừa', parentId: provinceB.id });
    const { res, rows } = await audited(admin, {
      method: 'POST',
      url: `/api/units/${unitId}/close`,
      payload: { validTo: '2025-12-31', successorIds: [successor.id], reason: 'Sáp nhập', version: 3 },
    });
    expect(res.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'unit.close',
      after: { validTo: '2025-12-31', successorIds: [successor.id], closedReason: 'Sáp nhập' },
    });
    expect((rows[0]!.before as { validTo: string | null }).validTo).toBeNull();
  });

  it('user create: one row, no password material', async () => {
    const { res, rows } = await audited(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'nguoi.moi',
        fullName: 'Người Mới',
        unitId: provinceA.id,
        password: 'Mat-khau-ban-dau-2026',
        grants: [{ unitId: provinceA.id, role: 'viewer' }],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.create',
      entityType: 'user',
      entityId: String(res.json().id),
      scopeUnitId: provinceA.id,
      actorUsername: 'sysadmin',
      ip: IP,
    });
    expect(JSON.stringify(rows[0]!.after)).not.toMatch(/argon2|passwordHash|Mat-khau-ban-dau-2026/);
  });

  it('a refused change writes no audit row', async () => {
    const before = await auditCount();
    // stale version
    const stale = await audited(admin, {
      method: 'PATCH',
      url: `/api/units/${provinceA.id}`,
      payload: { name: 'Không lưu', version: 99 },
    });
    expectError(stale.res, 'VERSION_CONFLICT');
    expect(stale.rows).toHaveLength(0);
    // role lacks the action
    const forbidden = await audited(officerA, {
      method: 'POST',
      url: '/api/units',
      payload: { kind: 'other', name: 'Không được', parentId: provinceA.id },
    });
    expectError(forbidden.res, 'FORBIDDEN');
    expect(forbidden.rows).toHaveLength(0);
    // a structural rule (cycle)
    const cycle = await audited(admin, {
      method: 'POST',
      url: `/api/units/${root.id}/move`,
      payload: { parentId: provinceA.id, version: 1 },
    });
    expectError(cycle.res, 'UNIT_CYCLE');
    expect(cycle.rows).toHaveLength(0);
    expect(await auditCount()).toBe(before);
  });
});

describe('reading the audit log', () => {
  it('leaders see rows of their subtree only', async () => {
    const inA = (
      await admin.post('/api/units', { kind: 'other', name: 'Phòng thuộc Lai Châu', parentId: provinceA.id })
    ).json();
    const inB = (
      await admin.post('/api/units', { kind: 'other', name: 'Phòng thuộc Lào Cai', parentId: provinceB.id })
    ).json();
    const res = await leaderA.get('/api/audit?entityType=unit&limit=500');
    expect(res.statusCode).toBe(200);
    const entityIds = res.json().items.map((r: { entityId: string }) => r.entityId);
    expect(entityIds).toContain(String(inA.id));
    expect(entityIds).not.toContain(String(inB.id));
    const all = (await leaderA.get('/api/audit?limit=500')).json();
    expect(all.total).toBe(all.items.length);
    for (const item of all.items) expect(item.scopeUnitId).not.toBeNull();
    // the system admin sees both
    const sys = (await admin.get('/api/audit?entityType=unit&limit=500')).json();
    const sysIds = sys.items.map((r: { entityId: string }) => r.entityId);
    expect(sysIds).toEqual(expect.arrayContaining([String(inA.id), String(inB.id)]));
    // asking for a unit of another subtree by filter does not widen the scope
    const filtered = (await leaderA.get(`/api/audit?unitId=${inB.id}`)).json();
    expect(filtered.items).toEqual([]);
  });

  it('entries carry actor, request id and IP', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/units',
      payload: { kind: 'other', name: 'Phòng có mã yêu cầu', parentId: provinceA.id },
      remoteAddress: IP,
    });
    const list = (await leaderA.get(`/api/audit?entityType=unit&entityId=${res.json().id}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      action: 'unit.create',
      actor: { username: 'sysadmin' },
      requestId: res.headers['x-request-id'],
      ip: IP,
    });
  });

  it('officers get 403', async () => {
    expectError(await officerA.get('/api/audit'), 'FORBIDDEN');
  });
});

describe('append-only', () => {
  const rawCount = async (id: number) => {
    const [r] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.id, id));
    return r!.n;
  };

  it('UPDATE, DELETE and TRUNCATE on audit_log fail in the database and the row stays', async () => {
    const [row] = await t.db.select().from(auditLog).orderBy(auditLog.id).limit(1);
    expect(row).toBeDefined();
    await expect(
      t.database.exec(`update audit_log set action = 'gia.mao' where id = ${row!.id}`),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.exec(`delete from audit_log where id = ${row!.id}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.exec('truncate audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.delete(auditLog)).rejects.toThrow();
    const [after] = await t.db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(after).toEqual(row);
    expect(await rawCount(row!.id)).toBe(1);
  });

  it('no HTTP route modifies audit rows', async () => {
    const before = await auditCount();
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST'] as const) {
      const res = await admin.request({ method, url: '/api/audit/1', payload: {} });
      expectError(res, 'ROUTE_NOT_FOUND');
    }
    expectError(await admin.request({ method: 'DELETE', url: '/api/audit' }), 'ROUTE_NOT_FOUND');
    expect(await auditCount()).toBe(before);
  });
});

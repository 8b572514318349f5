import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { auditLog, units } from '../../db/schema/index.ts';

const t = setupTestApp();
let admin: Client;
let provinceAdmin: Client;
let postOfficer: Client;
let province: { id: number };
let post: { id: number };
let otherProvince: { id: number };

beforeAll(async () => {
  const root = await buildUnit(t.db, { name: 'Bộ Tư lệnh Bộ đội Biên phòng', kind: 'border_command' });
  province = await buildUnit(t.db, {
    name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu',
    shortName: 'BĐBP',
    kind: 'border_command',
    parentId: root.id,
  });
  post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Ma Lù Thàng',
    kind: 'border_post',
    parentId: province.id,
  });
  otherProvince = await buildUnit(t.db, {
    name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai',
    kind: 'border_command',
    parentId: root.id,
  });
  await buildUser(t.db, { username: 'sysadmin', grants: [{ unitId: null, role: 'admin' }] });
  await buildUser(t.db, {
    username: 'qt.laichau',
    unitId: province.id,
    grants: [{ unitId: province.id, role: 'admin' }],
  });
  await buildUser(t.db, {
    username: 'cb.malu',
    unitId: post.id,
    grants: [{ unitId: post.id, role: 'officer' }],
  });
  admin = await signIn(t.app, 'sysadmin');
  provinceAdmin = await signIn(t.app, 'qt.laichau');
  postOfficer = await signIn(t.app, 'cb.malu');
});

describe('units', () => {
  it('offers every unit in operation by name in the directory, to pick partners outside one’s scope', async () => {
    const closed = await buildUnit(t.db, { name: 'Huyện ủy Mường Tè' });
    await t.db.update(units).set({ validTo: '2025-06-30' }).where(eq(units.id, closed.id));
    const res = await postOfficer.get('/api/units/directory');
    expect(res.statusCode).toBe(200);
    const entries = res.json() as { id: number; name: string }[];
    expect(entries.map((u) => u.name)).toContain('Bộ Chỉ huy BĐBP tỉnh Lào Cai');
    expect(entries.map((u) => u.id)).not.toContain(closed.id);
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(['id', 'name', 'provinceName', 'shortName']);
    // The scoped list still shows the post officer nothing beyond the post.
    const scoped = (await postOfficer.get('/api/units?limit=500')).json().items as { name: string }[];
    expect(scoped.map((u) => u.name)).not.toContain('Bộ Chỉ huy BĐBP tỉnh Lào Cai');
    expect((await t.app.inject({ method: 'GET', url: '/api/units/directory' })).statusCode).toBe(401);
  });

  it('finds units ignoring diacritics and expanding abbreviations', async () => {
    const res = await admin.get(`/api/units?q=${encodeURIComponent('bien phong lai chau')}`);
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((u: { name: string }) => u.name);
    expect(names).toContain('Bộ Chỉ huy BĐBP tỉnh Lai Châu');
    expect(names).not.toContain('Bộ Chỉ huy BĐBP tỉnh Lào Cai');
  });

  it("counts each unit's direct children in the list and the detail", async () => {
    const list = (await admin.get('/api/units?limit=500')).json().items as Array<{
      id: number;
      childCount: number;
    }>;
    expect(list.find((u) => u.id === province.id)?.childCount).toBe(1);
    expect(list.find((u) => u.id === post.id)?.childCount).toBe(0);
    expect((await admin.get(`/api/units/${province.id}`)).json().childCount).toBe(1);
  });

  it('creates a unit under a parent, audits it in the same transaction', async () => {
    const res = await provinceAdmin.post('/api/units', {
      kind: 'border_post',
      name: '  Đồn Biên phòng Dào San ',
      parentId: province.id,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.name).toBe('Đồn Biên phòng Dào San');
    expect(created.ancestors.map((a: { id: number }) => a.id)).toContain(province.id);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(created.id)));
    expect(rows.map((r) => r.action)).toContain('unit.create');
    expect(rows[0]!.actorUsername).toBe('qt.laichau');
  });

  it('hides units outside the scope as not found (404), refuses actions the role lacks (403)', async () => {
    expect((await postOfficer.get(`/api/units/${otherProvince.id}`)).statusCode).toBe(404);
    expect((await postOfficer.get(`/api/units/${post.id}`)).statusCode).toBe(200);
    const list = (await postOfficer.get('/api/units')).json();
    expect(list.items.map((u: { id: number }) => u.id)).toEqual([post.id]);
    const res = await postOfficer.patch(`/api/units/${post.id}`, { name: 'Đổi tên', version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('refuses a move that would create a cycle and leaves the tree as it was', async () => {
    const before = await t.db.select().from(units).where(eq(units.id, province.id));
    const res = await admin.post(`/api/units/${province.id}/move`, {
      parentId: post.id,
      version: before[0]!.version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('UNIT_CYCLE');
    const after = await t.db.select().from(units).where(eq(units.id, province.id));
    expect(after[0]!.parentId).toBe(before[0]!.parentId);
    expect(after[0]!.path).toBe(before[0]!.path);
  });

  it('detects a stale version on update (409) without overwriting', async () => {
    const unit = await buildUnit(t.db, { name: 'Phòng thử nghiệm', parentId: province.id });
    const first = await provinceAdmin.patch(`/api/units/${unit.id}`, { name: 'Tên mới 1', version: 1 });
    expect(first.statusCode).toBe(200);
    const second = await provinceAdmin.patch(`/api/units/${unit.id}`, { name: 'Tên mới 2', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('VERSION_CONFLICT');
    const [row] = await t.db.select().from(units).where(eq(units.id, unit.id));
    expect(row!.name).toBe('Tên mới 1');
  });

  it('refuses to delete a unit that still has children or users', async () => {
    const withChild = await admin.request({ method: 'DELETE', url: `/api/units/${province.id}?version=1` });
    expect(withChild.statusCode).toBe(409);
    expect(withChild.json().code).toBe('UNIT_HAS_CHILDREN');
    const withUsers = await admin.request({ method: 'DELETE', url: `/api/units/${post.id}?version=1` });
    expect(withUsers.statusCode).toBe(409);
    expect(withUsers.json().code).toBe('UNIT_HAS_USERS');
    expect((await t.db.select().from(units).where(eq(units.id, post.id))).length).toBe(1);
  });
});

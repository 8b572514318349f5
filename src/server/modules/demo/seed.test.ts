import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/app.ts';
import { ERRORS } from '../../../contracts/errors.ts';
import { auditLog, unitSuccessors, units, users } from '../../db/schema/index.ts';
import { isEmpty, seedDemo } from './seed.ts';
import { DEMO_UNITS, DEMO_USERS } from './units.ts';

const PASSWORD = 'Demo-mat-khau-2026';
const t = setupTestApp({ PHOIHOP_LOGIN_MAX_PER_MINUTE: '1000' });

beforeAll(async () => {
  expect(await isEmpty(t.db)).toBe(true);
  const seeded = await seedDemo(t.db, PASSWORD);
  expect(seeded.units).toBe(DEMO_UNITS.length);
}, 60_000);

const byName = async (name: string) => {
  const rows = await t.db.select().from(units).where(eq(units.name, name));
  expect(rows, name).toHaveLength(1);
  return rows[0]!;
};

describe('demo seed', () => {
  it('creates the units named in the seed texts, in their hierarchy', async () => {
    expect(await isEmpty(t.db)).toBe(false);
    const lc = await byName('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu');
    const btl = await byName('Bộ Tư lệnh Bộ đội Biên phòng');
    expect(lc.parentId).toBe(btl.id);
    expect(lc.provinceCode).toBe('12');
    const tgk = await byName('Đồn Biên phòng Tả Gia Khâu');
    const lca = await byName('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai');
    expect(tgk.parentId).toBe(lca.id);
    expect(tgk.path).toBe(`/${btl.id}/${lca.id}/${tgk.id}/`);
    expect(tgk.kind).toBe('border_post');
    const doan = await byName('Đoàn Kinh tế - Quốc phòng 379');
    expect(doan.parentId).toBe((await byName('Bộ Tư lệnh Quân khu 2')).id);
    const bdv = await byName('Ban Dân vận Tỉnh ủy Quảng Nam');
    expect(bdv.parentId).toBe((await byName('Tỉnh ủy Quảng Nam')).id);
    expect(bdv.validTo).toBe('2025-06-30');
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(units);
    expect(n!.n).toBe(DEMO_UNITS.length);
  });

  it('closes "Huyện ủy Phong Thổ" with "Đảng ủy xã Phong Thổ" as successor', async () => {
    const hu = await byName('Huyện ủy Phong Thổ');
    const du = await byName('Đảng ủy xã Phong Thổ');
    expect(hu.validTo).toBe('2025-06-30');
    expect(hu.closedReason).toContain('72/2025/QH15');
    expect(du.validTo).toBeNull();
    expect(du.validFrom).toBe('2025-07-01');
    const links = await t.db.select().from(unitSuccessors).where(eq(unitSuccessors.unitId, hu.id));
    expect(links.map((l) => l.successorId)).toEqual([du.id]);
    const admin = await signIn(t.app, 'admin', PASSWORD);
    const detail = (await admin.get(`/api/units/${du.id}`)).json();
    expect(detail.predecessors.map((p: { name: string }) => p.name)).toContain('Huyện ủy Phong Thổ');
  });

  it('goes through the services: every unit has an audit row from the seeder', async () => {
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'unit.create'));
    expect(rows).toHaveLength(DEMO_UNITS.length);
    for (const r of rows) expect(r.requestId).toBe('seed-demo');
  });

  it('every demo account signs in with the shared password', async () => {
    for (const u of DEMO_USERS) {
      const c = await signIn(t.app, u.username, PASSWORD);
      const me = (await c.get('/api/me')).json();
      expect(me.user.username).toBe(u.username);
      expect(me.grants).toHaveLength(u.grants.length);
    }
    const hashes = await t.db.select({ h: users.passwordHash }).from(users);
    expect(hashes).toHaveLength(DEMO_USERS.length);
    for (const { h } of hashes) expect(h.startsWith('$argon2id$')).toBe(true);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'Sai-mat-khau-123' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('the Tả Gia Khâu border-post officer sees only its own post; Lai Châu is not found', async () => {
    const officer = await signIn(t.app, 'canbo.dbp.tagiakhau', PASSWORD);
    const tgk = await byName('Đồn Biên phòng Tả Gia Khâu');
    const list = (await officer.get('/api/units')).json();
    expect(list.items.map((u: { name: string }) => u.name)).toEqual(['Đồn Biên phòng Tả Gia Khâu']);
    expect(list.total).toBe(1);
    const tree = (await officer.get('/api/units/tree')).json();
    expect(tree).toEqual([expect.objectContaining({ id: tgk.id, parentId: null })]);
    for (const name of [
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
    ]) {
      const res = await officer.get(`/api/units/${(await byName(name)).id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      expect(res.json().message).toBe(ERRORS.NOT_FOUND.vi);
    }
    const own = await officer.get(`/api/units/${tgk.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().abilities).toMatchObject({ update: false, createChild: false });
  });

  it('the Lai Châu border-guard leader sees the province subtree but not Lào Cai', async () => {
    const leader = await signIn(t.app, 'lanhdao.bdbp.laichau', PASSWORD);
    const names = (await leader.get('/api/units?limit=500'))
      .json()
      .items.map((u: { name: string }) => u.name);
    expect(names).toContain('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu');
    expect(names).toContain('Đồn Biên phòng Ma Lù Thàng');
    expect(names).not.toContain('Đồn Biên phòng Tả Gia Khâu');
    expect(names).not.toContain('Bộ Tư lệnh Bộ đội Biên phòng');
  });
});

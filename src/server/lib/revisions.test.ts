import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../test/app.ts';
import { buildUnit, buildUser } from '../../../test/factories.ts';
import { cacheRevisions, grants, sessions, units } from '../db/schema/index.ts';

// The unit directory and the session cache live in memory; these tests change the database
// behind the app's back (as another instance or the CLI would) and expect the next request
// to see it.
const t = setupTestApp();

const revision = async (name: string) =>
  (await t.db.select().from(cacheRevisions).where(eq(cacheRevisions.name, name)))[0]!.revision;

describe('in-memory caches follow the database', () => {
  it('moves the change counters on writes', async () => {
    const before = { units: await revision('units'), auth: await revision('auth') };
    await buildUnit(t.db, { name: 'Đơn vị đếm' });
    expect(await revision('units')).toBeGreaterThan(before.units);
    expect(await revision('auth')).toBeGreaterThan(before.auth);
  });

  it('lists a unit written directly to the database after the list was cached', async () => {
    const root = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Điện Biên' });
    await buildUser(t.db, { username: 'qt.dienbien', grants: [{ unitId: root.id, role: 'admin' }] });
    const c = await signIn(t.app, 'qt.dienbien');
    expect((await c.get('/api/units')).json().total).toBe(1);
    await buildUnit(t.db, { name: 'Đồn Biên phòng A Pa Chải', parentId: root.id });
    const names = (await c.get('/api/units')).json().items.map((u: { name: string }) => u.name);
    expect(names).toContain('Đồn Biên phòng A Pa Chải');
    await t.db.update(units).set({ name: 'Đồn Biên phòng Sín Thầu' }).where(eq(units.parentId, root.id));
    const renamed = (await c.get('/api/units/tree')).json().map((u: { name: string }) => u.name);
    expect(renamed).toContain('Đồn Biên phòng Sín Thầu');
  });

  it('refuses a session deleted or a grant revoked behind the app’s back', async () => {
    const unit = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Điện Biên' });
    const user = await buildUser(t.db, {
      username: 'cv.dienbien',
      grants: [{ unitId: unit.id, role: 'officer' }],
    });
    const c = await signIn(t.app, 'cv.dienbien');
    expect((await c.get('/api/units')).json().total).toBe(1);
    await t.db.delete(grants).where(eq(grants.userId, user.id));
    expect((await c.get('/api/units')).json().total).toBe(0);
    await t.db.delete(sessions).where(eq(sessions.userId, user.id));
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});

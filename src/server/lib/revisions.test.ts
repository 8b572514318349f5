import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../test/factories.ts';
import { cacheRevisions, grants, sessions, tasks, taskUnits, units } from '../db/schema/index.ts';

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

  it('shows a task list changed behind the app’s back (title, units, a new task)', async () => {
    const border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Hà Giang' });
    const ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Hà Giang' });
    const post = await buildUnit(t.db, { name: 'Đồn Biên phòng Lũng Cú', parentId: border.id });
    await buildUser(t.db, { username: 'cb.lungcu', grants: [{ unitId: post.id, role: 'officer' }] });
    const c = await signIn(t.app, 'cb.lungcu');
    const agreement = await buildAgreement(t.db, { parties: [border.id, ethnic.id] });
    const addTask = async (title: string) => {
      const [task] = await t.db
        .insert(tasks)
        .values({
          agreementId: agreement!.id,
          title,
          timeframeKind: 'year',
          dueDate: '2026-12-31',
          searchText: 'x',
        })
        .returning();
      await t.db.insert(taskUnits).values([
        { taskId: task!.id, unitId: border.id, role: 'lead' },
        { taskId: task!.id, unitId: post.id, role: 'implementing' },
      ]);
      return task!;
    };
    const first = await addTask('Tuyên truyền Luật Biên phòng Việt Nam');
    const titles = async () =>
      ((await c.get('/api/tasks/mine')).json().items as { title: string }[]).map((x) => x.title);
    expect(await titles()).toEqual(['Tuyên truyền Luật Biên phòng Việt Nam']);
    expect(await titles()).toEqual(['Tuyên truyền Luật Biên phòng Việt Nam']);
    await t.db
      .update(tasks)
      .set({ title: 'Tuyên truyền pháp luật về biên giới' })
      .where(eq(tasks.id, first.id));
    expect(await titles()).toEqual(['Tuyên truyền pháp luật về biên giới']);
    await addTask('Nâng bước em tới trường');
    expect(await titles()).toHaveLength(2);
    await t.db.delete(taskUnits).where(eq(taskUnits.unitId, post.id));
    expect(await titles()).toEqual([]);
    await t.db
      .update(units)
      .set({ name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang' })
      .where(eq(units.id, border.id));
    const list = (await c.get(`/api/agreements?limit=5`)).json();
    expect(list.items[0].ownerUnit.name).toBe('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang');
  });
});

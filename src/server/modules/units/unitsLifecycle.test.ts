import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { auditLog, unitParentHistory, unitSuccessors, units } from '../../db/schema/index.ts';

const t = setupTestApp();
let admin: Client;
let provinceAdmin: Client;
let root: { id: number };
let province: { id: number };
let otherProvince: { id: number };

beforeAll(async () => {
  root = await buildUnit(t.db, { name: 'Bộ Tư lệnh Bộ đội Biên phòng', kind: 'border_command' });
  province = await buildUnit(t.db, {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
    kind: 'border_command',
    parentId: root.id,
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
  admin = await signIn(t.app, 'sysadmin');
  provinceAdmin = await signIn(t.app, 'qt.laichau');
});

const unitRow = async (id: number) => (await t.db.select().from(units).where(eq(units.id, id)))[0]!;
const tableCounts = async () => {
  const n = async (
    table: typeof units | typeof auditLog | typeof unitSuccessors | typeof unitParentHistory,
  ) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    units: await n(units),
    audit: await n(auditLog),
    successors: await n(unitSuccessors),
    history: await n(unitParentHistory),
  };
};

describe('moving a unit with descendants', () => {
  it('re-roots the subtree (paths and depths follow) and records the parent history', async () => {
    const group = await buildUnit(t.db, { name: 'Cụm đồn phía Tây', parentId: province.id });
    const post = await buildUnit(t.db, {
      name: 'Đồn Biên phòng Mù Cả',
      kind: 'border_post',
      parentId: group.id,
    });
    const team = await buildUnit(t.db, { name: 'Tổ công tác Mù Cả', parentId: post.id });

    const res = await admin.post(`/api/units/${group.id}/move`, {
      parentId: otherProvince.id,
      effectiveDate: '2025-07-01',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.parentId).toBe(otherProvince.id);
    expect(detail.version).toBe(2);
    expect(detail.ancestors.map((a: { id: number }) => a.id)).toEqual([root.id, otherProvince.id]);

    const g = await unitRow(group.id);
    const p = await unitRow(post.id);
    const tm = await unitRow(team.id);
    expect(g.path).toBe(`/${root.id}/${otherProvince.id}/${group.id}/`);
    expect(p.path).toBe(`${g.path}${post.id}/`);
    expect(tm.path).toBe(`${p.path}${team.id}/`);
    expect([g.depth, p.depth, tm.depth]).toEqual([2, 3, 4]);
    // the descendants' own parents did not change
    expect(p.parentId).toBe(group.id);
    expect(tm.parentId).toBe(post.id);

    // history: the old placement closed on the effective date, a new open row
    expect(detail.history).toEqual([
      { parent: expect.objectContaining({ id: province.id }), validFrom: null, validTo: '2025-07-01' },
      { parent: expect.objectContaining({ id: otherProvince.id }), validFrom: '2025-07-01', validTo: null },
    ]);
    const rows = await t.db
      .select()
      .from(unitParentHistory)
      .where(eq(unitParentHistory.unitId, group.id))
      .orderBy(asc(unitParentHistory.id));
    expect(rows.filter((r) => r.validTo === null)).toHaveLength(1);

    // the moved subtree leaves the province admin's scope…
    expectError(await provinceAdmin.get(`/api/units/${team.id}`), 'NOT_FOUND');
    // …and appears under the new parent in the deep ancestors of a descendant
    const teamDetail = (await admin.get(`/api/units/${team.id}`)).json();
    expect(teamDetail.ancestors.map((a: { id: number }) => a.id)).toEqual([
      root.id,
      otherProvince.id,
      group.id,
      post.id,
    ]);
  });

  it('moving to the current parent changes nothing', async () => {
    const leaf = await buildUnit(t.db, { name: 'Đơn vị đứng yên', parentId: province.id });
    const before = await tableCounts();
    const res = await admin.post(`/api/units/${leaf.id}/move`, { parentId: province.id, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(await tableCounts()).toEqual(before);
  });

  it('a province admin cannot move a unit out of the province (parent not in scope)', async () => {
    const leaf = await buildUnit(t.db, { name: 'Đơn vị không được chuyển', parentId: province.id });
    const before = await tableCounts();
    const res = await provinceAdmin.post(`/api/units/${leaf.id}/move`, {
      parentId: otherProvince.id,
      version: 1,
    });
    const body = expectError(res, 'VALIDATION_FAILED');
    expect(body.fields?.map((f) => f.path)).toEqual(['parentId']);
    expect((await unitRow(leaf.id)).parentId).toBe(province.id);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a stale version on move without touching the subtree', async () => {
    const parent = await buildUnit(t.db, { name: 'Đơn vị có con', parentId: province.id });
    const child = await buildUnit(t.db, { name: 'Con của đơn vị', parentId: parent.id });
    const before = await tableCounts();
    expectError(
      await admin.post(`/api/units/${parent.id}/move`, { parentId: otherProvince.id, version: 7 }),
      'VERSION_CONFLICT',
    );
    expect((await unitRow(child.id)).path).toBe(`${(await unitRow(parent.id)).path}${child.id}/`);
    expect((await unitRow(parent.id)).parentId).toBe(province.id);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('closing a unit', () => {
  it('records successors visible from both sides; closing again is 409 UNIT_CLOSED', async () => {
    const district = await buildUnit(t.db, {
      name: 'Huyện ủy Phong Thổ',
      kind: 'party_committee',
      parentId: province.id,
    });
    const commune = await buildUnit(t.db, {
      name: 'Đảng ủy xã Phong Thổ',
      kind: 'party_committee',
      parentId: province.id,
    });
    const res = await provinceAdmin.post(`/api/units/${district.id}/close`, {
      validTo: '2025-06-30',
      successorIds: [commune.id, commune.id],
      reason: 'Kết thúc hoạt động cấp huyện',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    const closed = res.json();
    expect(closed.validTo).toBe('2025-06-30');
    expect(closed.closedReason).toBe('Kết thúc hoạt động cấp huyện');
    expect(closed.successors.map((s: { id: number }) => s.id)).toEqual([commune.id]);
    expect(closed.abilities).toMatchObject({ update: true, move: false, close: false, createChild: false });
    expect(closed.history.at(-1).validTo).toBe('2025-06-30');
    const succ = (await provinceAdmin.get(`/api/units/${commune.id}`)).json();
    expect(succ.predecessors.map((s: { id: number }) => s.id)).toEqual([district.id]);

    const before = await tableCounts();
    expectError(
      await provinceAdmin.post(`/api/units/${district.id}/close`, { validTo: '2025-07-31', version: 2 }),
      'UNIT_CLOSED',
    );
    expectError(
      await provinceAdmin.post(`/api/units/${district.id}/move`, { parentId: province.id, version: 2 }),
      'UNIT_CLOSED',
    );
    expect(await tableCounts()).toEqual(before);
    expect((await unitRow(district.id)).validTo).toBe('2025-06-30');

    // closed units are listed by status
    const closedList = (await provinceAdmin.get('/api/units?status=closed')).json();
    expect(closedList.items.map((u: { id: number }) => u.id)).toEqual([district.id]);
    const activeList = (await provinceAdmin.get('/api/units?status=active&limit=500')).json();
    expect(activeList.items.map((u: { id: number }) => u.id)).not.toContain(district.id);
  });

  it('refuses a unit as its own successor, an out-of-scope successor, and a date before validFrom', async () => {
    const unit = (
      await provinceAdmin.post('/api/units', {
        kind: 'other',
        name: 'Ban sắp giải thể',
        parentId: province.id,
        validFrom: '2024-01-01',
      })
    ).json();
    const before = await tableCounts();
    const self = await provinceAdmin.post(`/api/units/${unit.id}/close`, {
      validTo: '2025-06-30',
      successorIds: [unit.id],
      version: 1,
    });
    expect(expectError(self, 'VALIDATION_FAILED').fields?.map((f) => f.path)).toEqual(['successorIds']);
    const outside = await provinceAdmin.post(`/api/units/${unit.id}/close`, {
      validTo: '2025-06-30',
      successorIds: [otherProvince.id],
      version: 1,
    });
    expect(expectError(outside, 'VALIDATION_FAILED').fields?.map((f) => f.path)).toEqual(['successorIds']);
    const early = await provinceAdmin.post(`/api/units/${unit.id}/close`, {
      validTo: '2023-12-31',
      version: 1,
    });
    expect(expectError(early, 'VALIDATION_FAILED').fields?.map((f) => f.path)).toEqual(['validTo']);
    const badDate = await provinceAdmin.post(`/api/units/${unit.id}/close`, {
      validTo: '30/06/2025',
      version: 1,
    });
    expect(expectError(badDate, 'VALIDATION_FAILED').fields?.map((f) => f.path)).toEqual(['validTo']);
    expect(await tableCounts()).toEqual(before);
    expect((await unitRow(unit.id)).validTo).toBeNull();
  });

  it('refuses creating a child under a closed unit (409 UNIT_CLOSED), writing nothing', async () => {
    const closed = await buildUnit(t.db, { name: 'Phòng Dân tộc huyện Bát Xát', parentId: province.id });
    expect(
      (await provinceAdmin.post(`/api/units/${closed.id}/close`, { validTo: '2025-06-30', version: 1 }))
        .statusCode,
    ).toBe(200);
    const before = await tableCounts();
    const res = await provinceAdmin.post('/api/units', {
      kind: 'other',
      name: 'Con mới',
      parentId: closed.id,
    });
    expectError(res, 'UNIT_CLOSED');
    const moveInto = await admin.post(`/api/units/${otherProvince.id}/move`, {
      parentId: closed.id,
      version: 1,
    });
    expectError(moveInto, 'UNIT_CLOSED');
    expect(await tableCounts()).toEqual(before);
  });
});

describe('deleting a unit', () => {
  it('deletes an unused leaf, with its history, and audits it', async () => {
    const leaf = (
      await provinceAdmin.post('/api/units', {
        kind: 'other',
        name: 'Đơn vị tạo nhầm',
        parentId: province.id,
      })
    ).json();
    const res = await provinceAdmin.delete(`/api/units/${leaf.id}?version=1`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await t.db.select().from(units).where(eq(units.id, leaf.id))).toEqual([]);
    expect(await t.db.select().from(unitParentHistory).where(eq(unitParentHistory.unitId, leaf.id))).toEqual(
      [],
    );
    expectError(await provinceAdmin.get(`/api/units/${leaf.id}`), 'NOT_FOUND');
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'unit'), eq(auditLog.entityId, String(leaf.id))));
    expect(rows.map((r) => r.action)).toEqual(['unit.create', 'unit.delete']);
    const del = rows[1]!;
    expect(del.actorUsername).toBe('qt.laichau');
    expect(del.scopeUnitId).toBe(province.id);
    expect((del.before as { name: string }).name).toBe('Đơn vị tạo nhầm');
    expect(del.requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses a stale version and a successor still named by another unit', async () => {
    const oldUnit = await buildUnit(t.db, { name: 'Ban cũ', parentId: province.id });
    const newUnit = await buildUnit(t.db, { name: 'Ban mới', parentId: province.id });
    expectError(await provinceAdmin.delete(`/api/units/${newUnit.id}?version=3`), 'VERSION_CONFLICT');
    await provinceAdmin.post(`/api/units/${oldUnit.id}/close`, {
      validTo: '2025-06-30',
      successorIds: [newUnit.id],
      version: 1,
    });
    const before = await tableCounts();
    expectError(await provinceAdmin.delete(`/api/units/${newUnit.id}?version=1`), 'UNIT_IN_USE');
    expect(await tableCounts()).toEqual(before);
  });

  it('only a system admin may delete a top-level unit', async () => {
    const top = await buildUnit(t.db, { name: 'Đơn vị gốc tạm' });
    await buildUser(t.db, { username: 'qt.goc', grants: [{ unitId: top.id, role: 'admin' }] });
    const topAdmin = await signIn(t.app, 'qt.goc');
    expectError(await topAdmin.delete(`/api/units/${top.id}?version=1`), 'FORBIDDEN');
    expect(await unitRow(top.id)).toBeDefined();
  });
});

describe('tree and search', () => {
  it('the tree holds only visible units, re-rooting those whose parent is out of scope', async () => {
    const tree = (await provinceAdmin.get('/api/units/tree')).json() as Array<{
      id: number;
      parentId: number | null;
    }>;
    const ids = tree.map((n) => n.id);
    expect(ids).toContain(province.id);
    expect(ids).not.toContain(root.id);
    expect(ids).not.toContain(otherProvince.id);
    const roots = tree.filter((n) => n.parentId === null).map((n) => n.id);
    expect(roots).toEqual([province.id]);
    // every other node hangs off a visible node
    for (const n of tree) if (n.parentId !== null) expect(ids).toContain(n.parentId);
    // …and matches the flat listing
    const list = (await provinceAdmin.get('/api/units?limit=500')).json();
    expect(new Set(ids)).toEqual(new Set(list.items.map((u: { id: number }) => u.id)));

    const full = (await admin.get('/api/units/tree')).json() as Array<{
      id: number;
      parentId: number | null;
    }>;
    expect(full.find((n) => n.id === province.id)!.parentId).toBe(root.id);
  });

  it('"bdbp" finds names spelled "Bộ đội Biên phòng"; "dan toc" finds "Dân tộc"', async () => {
    await buildUnit(t.db, {
      name: 'Ban Dân tộc tỉnh Lai Châu',
      kind: 'ethnic_affairs',
      parentId: province.id,
    });
    await buildUnit(t.db, { name: 'Phòng Tài chính', kind: 'department', parentId: province.id });
    const names = async (q: string) =>
      (await admin.get(`/api/units?limit=500&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((u: { name: string }) => u.name) as string[];
    const bdbp = await names('bdbp');
    expect(bdbp).toContain('Bộ Tư lệnh Bộ đội Biên phòng');
    expect(bdbp).toContain('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu');
    expect(bdbp).toContain('Bộ Chỉ huy BĐBP tỉnh Lào Cai');
    expect(bdbp).not.toContain('Phòng Tài chính');
    expect(await names('BĐBP lai chau')).toEqual(['Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu']);
    const danToc = await names('dan toc');
    expect(danToc).toContain('Ban Dân tộc tỉnh Lai Châu');
    expect(danToc).toContain('Phòng Dân tộc huyện Bát Xát');
    expect(danToc).not.toContain('Phòng Tài chính');
    expect(await names('DÂN TỘC lai chau')).toEqual(['Ban Dân tộc tỉnh Lai Châu']);
    expect(await names('khong co don vi nao')).toEqual([]);
    // search respects the scope
    const scoped = (await provinceAdmin.get(`/api/units?q=${encodeURIComponent('lao cai')}`)).json();
    expect(scoped.items).toEqual([]);
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { awards } from '../../db/schema/index.ts';
import type { AwardOut } from './service.ts';

// An award's search text holds the recipient unit's name; renaming the unit must not leave the
// old name findable and the new one not.
const t = setupTestApp();
let admin: Client;
let officer: Client;
let command: { id: number };
let post: { id: number };
let sibling: { id: number };

beforeAll(async () => {
  command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Điện Biên', kind: 'border_command' });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Si Pa Phìn', parentId: command.id });
  sibling = await buildUnit(t.db, { name: 'Đồn Biên phòng Nậm Kè', parentId: command.id });
  await buildUser(t.db, { username: 'qt.tq', grants: [{ unitId: null, role: 'admin' }] });
  await buildUser(t.db, {
    username: 'cv.dienbien',
    unitId: command.id,
    grants: [{ unitId: command.id, role: 'officer' }],
  });
  admin = await signIn(t.app, 'qt.tq');
  officer = await signIn(t.app, 'cv.dienbien');
});

async function propose(unitId: number, achievement: string) {
  const res = await officer.post('/api/awards', {
    recipientKind: 'collective',
    unitId,
    form: 'Giấy khen của Bộ Chỉ huy BĐBP tỉnh',
    achievement,
    year: 2024,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as AwardOut;
}

const found = async (q: string) =>
  (await officer.get(`/api/awards?q=${encodeURIComponent(q)}`))
    .json()
    .items.map((a: AwardOut) => a.achievement)
    .sort();

const stored = async (id: number) =>
  (await t.db.select({ s: awards.searchText, v: awards.version }).from(awards).where(eq(awards.id, id)))[0]!;

describe('renaming a unit refreshes the search text of its awards', () => {
  it('found by the new name without diacritics, no longer by the old; other awards untouched', async () => {
    const a = await propose(post.id, 'Xuất sắc trong phòng, chống ma túy năm 2024');
    const other = await propose(sibling.id, 'Xuất sắc trong tuần tra biên giới năm 2024');
    const otherBefore = await stored(other.id);
    expect(await found('si pa phin')).toEqual([a.achievement]);
    expect(await found('muong nhe')).toEqual([]);

    const version = (await admin.get(`/api/units/${post.id}`)).json().version;
    const res = await admin.patch(`/api/units/${post.id}`, { name: 'Đồn Biên phòng Mường Nhé', version });
    expect(res.statusCode, res.body).toBe(200);

    expect(await found('muong nhe')).toEqual([a.achievement]);
    expect(await found('Mường Nhé ma túy')).toEqual([a.achievement]);
    expect(await found('si pa phin')).toEqual([]);
    expect(await stored(other.id)).toEqual(otherBefore);
    const refreshed = await stored(a.id);
    expect(refreshed.v).toBe(a.version);
    // The list shows the new name as well (it is read from the unit).
    expect((await officer.get(`/api/awards/${a.id}`)).json().unit.name).toBe('Đồn Biên phòng Mường Nhé');

    // The refreshed text is exactly what saving the award writes.
    const saved = await officer.patch(`/api/awards/${a.id}`, {
      achievement: a.achievement,
      version: a.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await stored(a.id)).s).toBe(refreshed.s);
  });
});

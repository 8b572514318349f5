import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { refreshAgreementSearchText } from './list.ts';

// An agreement is found by its parties' names; renaming a party must move the search with it.
const t = setupTestApp();
let admin: Client;
let post: { id: number };

beforeAll(async () => {
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Si Pa Phìn' });
  const district = await buildUnit(t.db, { name: 'Ủy ban nhân dân huyện Nậm Pồ' });
  await buildUser(t.db, { username: 'qt.tq', grants: [{ unitId: null, role: 'admin' }] });
  admin = await signIn(t.app, 'qt.tq');
  const a = await buildAgreement(t.db, {
    kind: 'program',
    subject: 'Chương trình phối hợp bảo vệ biên giới',
    parties: [post.id, district.id],
  });
  const other = await buildAgreement(t.db, {
    kind: 'program',
    subject: 'Quy chế khác',
    parties: [district.id],
  });
  await refreshAgreementSearchText(t.db, a.id);
  await refreshAgreementSearchText(t.db, other.id);
});

const found = async (q: string) =>
  (await admin.get(`/api/agreements?q=${encodeURIComponent(q)}`))
    .json()
    .items.map((a: { subject: string }) => a.subject);

describe('renaming a party refreshes the search text of its agreements', () => {
  it('found by the new name without diacritics, no longer by the old', async () => {
    expect(await found('si pa phin')).toEqual(['Chương trình phối hợp bảo vệ biên giới']);
    const version = (await admin.get(`/api/units/${post.id}`)).json().version;
    const res = await admin.patch(`/api/units/${post.id}`, { name: 'Đồn Biên phòng Mường Nhé', version });
    expect(res.statusCode, res.body).toBe(200);
    expect(await found('muong nhe')).toEqual(['Chương trình phối hợp bảo vệ biên giới']);
    expect(await found('si pa phin')).toEqual([]);
    expect(await found('nam po')).toHaveLength(2);
  });
});

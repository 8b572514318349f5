import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';

const t = setupTestApp();
let officer: Client;
let outsider: Client;
let agreementId: number;

beforeAll(async () => {
  const border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', kind: 'border_command' });
  const ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lai Châu' });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Lào Cai' });
  await buildUser(t.db, {
    username: 'cv.bdbp',
    unitId: border.id,
    grants: [{ unitId: border.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.khac',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  agreementId = (await buildAgreement(t.db, { parties: [border.id, ethnic.id] })).id;
  officer = await signIn(t.app, 'cv.bdbp');
  outsider = await signIn(t.app, 'cv.khac');
});

describe('sections', () => {
  it('adds numbered sections, reorders them 1..n and detects concurrent edits', async () => {
    const s1 = await officer.post(`/api/agreements/${agreementId}/sections`, {
      title: 'Về công tác tham mưu',
    });
    expect(s1.statusCode).toBe(201);
    const s2 = await officer.post(`/api/agreements/${agreementId}/sections`, {
      title: 'Phối hợp trong công tác tuyên truyền, vận động',
    });
    expect(s2.json().position).toBe(2);
    const reorder = await officer.post(`/api/agreements/${agreementId}/sections/reorder`, {
      ids: [s2.json().id, s1.json().id],
    });
    expect(reorder.statusCode).toBe(200);
    const list = (await officer.get(`/api/agreements/${agreementId}/sections`)).json();
    expect(list.map((s: { title: string; position: number }) => [s.position, s.title])).toEqual([
      [1, 'Phối hợp trong công tác tuyên truyền, vận động'],
      [2, 'Về công tác tham mưu'],
    ]);
    const id = s1.json().id;
    const version = list[1].version;
    expect(
      (await officer.patch(`/api/sections/${id}`, { title: 'Về công tác tham mưu, đề xuất', version }))
        .statusCode,
    ).toBe(200);
    expectError(await officer.patch(`/api/sections/${id}`, { title: 'Ghi đè', version }), 'VERSION_CONFLICT');
    const after = (await officer.get(`/api/agreements/${agreementId}/sections`)).json();
    expect(after[1].title).toBe('Về công tác tham mưu, đề xuất');
    expect((await officer.delete(`/api/sections/${id}`)).statusCode).toBe(200);
  });

  it('refuses an incomplete reorder with a field error', async () => {
    const res = await officer.post(`/api/agreements/${agreementId}/sections/reorder`, { ids: [999999] });
    expect(expectError(res, 'VALIDATION_FAILED')).toBeTruthy();
  });

  it('hides the agreement from an uninvolved unit (404)', async () => {
    expectError(await outsider.get(`/api/agreements/${agreementId}/sections`), 'NOT_FOUND');
    expectError(await outsider.post(`/api/agreements/${agreementId}/sections`, { title: 'X' }), 'NOT_FOUND');
  });
});

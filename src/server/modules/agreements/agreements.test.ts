import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { agreements, auditLog } from '../../db/schema/index.ts';

const t = setupTestApp();
let bdbp: { id: number };
let police: { id: number };
let officerBdbp: Client;
let leaderBdbp: Client;
let outsider: Client;
let postOfficer: Client;

beforeAll(async () => {
  bdbp = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', kind: 'border_command' });
  const post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Ma Lù Thàng',
    kind: 'border_post',
    parentId: bdbp.id,
  });
  police = await buildUnit(t.db, { name: 'Công an tỉnh Lai Châu' });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Lào Cai' });
  await buildUser(t.db, {
    username: 'cb.bdbp',
    unitId: bdbp.id,
    grants: [{ unitId: bdbp.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'ld.bdbp',
    unitId: bdbp.id,
    grants: [{ unitId: bdbp.id, role: 'leader' }],
  });
  await buildUser(t.db, {
    username: 'cb.yte',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cb.don',
    unitId: post.id,
    grants: [{ unitId: post.id, role: 'officer' }],
  });
  officerBdbp = await signIn(t.app, 'cb.bdbp');
  leaderBdbp = await signIn(t.app, 'ld.bdbp');
  outsider = await signIn(t.app, 'cb.yte');
  postOfficer = await signIn(t.app, 'cb.don');
});

const program = () => ({
  kind: 'program',
  subject: 'Chương trình phối hợp bảo vệ chủ quyền, an ninh biên giới giai đoạn 2021-2025',
  ownerUnitId: bdbp.id,
  validFrom: '2021-01-01',
  validTo: '2025-12-31',
  parties: [{ unitId: bdbp.id }, { unitId: police.id }],
});

describe('agreements', () => {
  it('goes draft → consultation → signed; only a party leader signs', async () => {
    const created = await officerBdbp.post('/api/agreements', program());
    expect(created.statusCode).toBe(201);
    const { id } = created.json();

    const early = await leaderBdbp.post(`/api/agreements/${id}/transitions`, { to: 'signed', version: 1 });
    const err = expectError(early, 'ILLEGAL_TRANSITION');
    expect(err.message).toContain('Dự thảo');
    expect(err.message).toContain('Đã ký');

    const consult = await officerBdbp.post(`/api/agreements/${id}/transitions`, {
      to: 'consultation',
      version: 1,
    });
    expect(consult.json().status).toBe('consultation');
    expectError(
      await officerBdbp.post(`/api/agreements/${id}/transitions`, { to: 'signed', version: 2 }),
      'FORBIDDEN',
    );
    expectError(
      await outsider.post(`/api/agreements/${id}/transitions`, { to: 'signed', version: 2 }),
      'NOT_FOUND',
    );
    expectError(
      await postOfficer.post(`/api/agreements/${id}/transitions`, { to: 'signed', version: 2 }),
      'FORBIDDEN',
    );

    const signed = await leaderBdbp.post(`/api/agreements/${id}/transitions`, {
      to: 'signed',
      version: 2,
      signedOn: '2021-03-15',
    });
    expect(signed.statusCode).toBe(200);
    const [row] = await t.db.select().from(agreements).where(eq(agreements.id, id));
    expect(row?.status).toBe('signed');
    expect(row?.signedOn).toBe('2021-03-15');
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'agreement.transition'));
    expect(audits.every((a) => a.scopeUnitId === bdbp.id)).toBe(true);

    const locked = await officerBdbp.patch(`/api/agreements/${id}`, {
      version: 3,
      subject: 'Sửa sau khi ký',
    });
    expectError(locked, 'AGREEMENT_LOCKED');
    const [still] = await t.db.select().from(agreements).where(eq(agreements.id, id));
    expect(still?.subject).toBe(program().subject);

    const stale = await leaderBdbp.post(`/api/agreements/${id}/transitions`, { to: 'in_effect', version: 2 });
    expectError(stale, 'VERSION_CONFLICT');
  });

  it('keeps the first edit when two people save the same draft', async () => {
    const { id } = (await officerBdbp.post('/api/agreements', program())).json();
    const first = await officerBdbp.patch(`/api/agreements/${id}`, { version: 1, purpose: 'Mục đích A' });
    expect(first.statusCode).toBe(200);
    expectError(
      await leaderBdbp.patch(`/api/agreements/${id}`, { version: 1, purpose: 'Mục đích B' }),
      'VERSION_CONFLICT',
    );
    const [row] = await t.db.select().from(agreements).where(eq(agreements.id, id));
    expect(row?.purpose).toBe('Mục đích A');
    expect(row?.version).toBe(2);
  });

  it('refuses a plan outside its program phase, end before start, and fewer than two parties', async () => {
    const { id: programId } = (await officerBdbp.post('/api/agreements', program())).json();
    const before = (await t.db.select().from(agreements)).length;
    const plan = {
      ...program(),
      kind: 'plan',
      programId,
      subject: 'Kế hoạch năm 2026',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    };
    const outside = expectError(await officerBdbp.post('/api/agreements', plan), 'VALIDATION_FAILED');
    expect(outside.fields).toEqual([
      {
        path: 'validFrom',
        message: 'Kế hoạch phải nằm trong giai đoạn của chương trình (01/01/2021 – 31/12/2025)',
      },
    ]);
    const reversed = expectError(
      await officerBdbp.post('/api/agreements', { ...plan, validFrom: '2024-12-31', validTo: '2024-01-01' }),
      'VALIDATION_FAILED',
    );
    expect(reversed.fields?.[0]?.path).toBe('validTo');
    const single = expectError(
      await officerBdbp.post('/api/agreements', {
        ...program(),
        parties: [{ unitId: bdbp.id }, { unitId: bdbp.id }],
      }),
      'VALIDATION_FAILED',
    );
    expect(single.fields?.[0]?.path).toBe('parties');
    expect((await t.db.select().from(agreements)).length).toBe(before);

    const ok = await officerBdbp.post('/api/agreements', {
      ...plan,
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
    });
    expect(ok.statusCode).toBe(201);
  });
});

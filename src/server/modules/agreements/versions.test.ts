import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import {
  agreementComments,
  agreementLegalBases,
  agreementParties,
  agreements,
  agreementVersions,
  auditLog,
} from '../../db/schema/index.ts';

const t = setupTestApp();
let bdbp: { id: number };
let police: { id: number };
let ethnic: { id: number };
let officerBdbp: Client;
let leaderBdbp: Client;
let officerPolice: Client;
let outsider: Client;

beforeAll(async () => {
  bdbp = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', kind: 'border_command' });
  police = await buildUnit(t.db, { name: 'Công an tỉnh Lai Châu' });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lai Châu' });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Lào Cai' });
  const users: Array<[string, number, 'officer' | 'leader']> = [
    ['cb.bdbp', bdbp.id, 'officer'],
    ['ld.bdbp', bdbp.id, 'leader'],
    ['cb.ca', police.id, 'officer'],
    ['cb.yte', other.id, 'officer'],
  ];
  for (const [username, unitId, role] of users) {
    await buildUser(t.db, { username, unitId, grants: [{ unitId, role }] });
  }
  officerBdbp = await signIn(t.app, 'cb.bdbp');
  leaderBdbp = await signIn(t.app, 'ld.bdbp');
  officerPolice = await signIn(t.app, 'cb.ca');
  outsider = await signIn(t.app, 'cb.yte');
});

const BODY_V1 =
  'Điều 1. Trao đổi thông tin hằng tháng.\nĐiều 2. Tuần tra chung mỗi quý.\nĐiều 3. Sơ kết hằng năm.';
const BODY_V2 =
  'Điều 1. Trao đổi thông tin hằng tháng.\nĐiều 2. Tuần tra chung mỗi tháng.\nĐiều 3. Sơ kết hằng năm.\nĐiều 4. Tổng kết sau 5 năm.';

async function createAgreement() {
  const res = await officerBdbp.post('/api/agreements', {
    kind: 'regulation',
    subject: 'Quy chế phối hợp bảo vệ an ninh biên giới',
    ownerUnitId: bdbp.id,
    body: BODY_V1,
    parties: [{ unitId: bdbp.id }, { unitId: police.id }],
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

const row = async (id: number) => (await t.db.select().from(agreements).where(eq(agreements.id, id)))[0];
const versionsOf = (id: number) =>
  t.db
    .select()
    .from(agreementVersions)
    .where(eq(agreementVersions.agreementId, id))
    .orderBy(asc(agreementVersions.number));

describe('agreement versions, diff and consultation comments', () => {
  it('revises a draft, diffs it, takes comments in consultation, and amends after signing', async () => {
    const id = await createAgreement();

    const v2 = await officerBdbp.post(`/api/agreements/${id}/versions`, {
      body: BODY_V2,
      note: 'Tăng tần suất tuần tra',
      version: 1,
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toEqual({ id, status: 'draft', version: 2, currentVersion: 2 });
    expect((await row(id))?.body).toBe(BODY_V2);

    const first = (await officerBdbp.get(`/api/agreements/${id}/versions/1`)).json();
    expect(first).toMatchObject({ number: 1, kind: 'draft', body: BODY_V1, note: null });
    const second = (await officerPolice.get(`/api/agreements/${id}/versions/2`)).json();
    expect(second).toMatchObject({
      number: 2,
      kind: 'draft',
      body: BODY_V2,
      note: 'Tăng tần suất tuần tra',
      createdBy: 'Người dùng cb.bdbp',
    });

    const diff = await officerBdbp.get(`/api/agreements/${id}/diff?from=1&to=2`);
    expect(diff.statusCode).toBe(200);
    const fields = diff.json().fields as Array<{ field: string; lines: unknown[] }>;
    expect(fields.map((f) => f.field)).toEqual(['subject', 'purpose', 'requirements', 'body']);
    expect(fields.find((f) => f.field === 'body')?.lines).toEqual([
      { op: 'same', text: 'Điều 1. Trao đổi thông tin hằng tháng.' },
      { op: 'del', text: 'Điều 2. Tuần tra chung mỗi quý.' },
      { op: 'add', text: 'Điều 2. Tuần tra chung mỗi tháng.' },
      { op: 'same', text: 'Điều 3. Sơ kết hằng năm.' },
      { op: 'add', text: 'Điều 4. Tổng kết sau 5 năm.' },
    ]);
    expect(fields.find((f) => f.field === 'subject')?.lines).toEqual([
      { op: 'same', text: 'Quy chế phối hợp bảo vệ an ninh biên giới' },
    ]);
    // Without from/to: the current version against the one before it.
    expect((await officerBdbp.get(`/api/agreements/${id}/diff`)).json()).toEqual(diff.json());
    const missing = expectError(
      await officerBdbp.get(`/api/agreements/${id}/diff?from=1&to=9`),
      'VALIDATION_FAILED',
    );
    expect(missing.fields).toEqual([{ path: 'to', message: 'Văn bản không có phiên bản số 9.' }]);
    expectError(await officerBdbp.get(`/api/agreements/${id}/versions/9`), 'NOT_FOUND');

    const early = await officerPolice.post(`/api/agreements/${id}/comments`, {
      unitId: police.id,
      body: 'Đề nghị bổ sung cơ chế họp đột xuất.',
    });
    expectError(early, 'NOT_IN_CONSULTATION');

    const consult = await officerBdbp.post(`/api/agreements/${id}/transitions`, {
      to: 'consultation',
      version: 2,
    });
    expect(consult.json().version).toBe(3);

    const comment = await officerPolice.post(`/api/agreements/${id}/comments`, {
      unitId: police.id,
      body: 'Đề nghị bổ sung cơ chế họp đột xuất.',
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({
      versionNumber: 2,
      unit: { id: police.id, name: 'Công an tỉnh Lai Châu' },
      author: 'Người dùng cb.ca',
      body: 'Đề nghị bổ sung cơ chế họp đột xuất.',
    });
    // Speaking for another party, or for a unit that is no party at all.
    expectError(
      await officerPolice.post(`/api/agreements/${id}/comments`, { unitId: bdbp.id, body: 'Thay mặt BĐBP' }),
      'FORBIDDEN',
    );
    const notParty = expectError(
      await officerBdbp.post(`/api/agreements/${id}/comments`, { unitId: ethnic.id, body: 'Ý kiến' }),
      'VALIDATION_FAILED',
    );
    expect(notParty.fields?.[0]?.path).toBe('unitId');
    const listed = (await officerBdbp.get(`/api/agreements/${id}/comments`)).json();
    expect(listed).toHaveLength(1);
    expect(listed[0].id).toBe(comment.json().id);

    const signed = await leaderBdbp.post(`/api/agreements/${id}/transitions`, {
      to: 'signed',
      version: 3,
      signedOn: '2024-05-10',
    });
    expect(signed.json().version).toBe(4);
    expectError(
      await officerPolice.post(`/api/agreements/${id}/comments`, { unitId: police.id, body: 'Muộn' }),
      'NOT_IN_CONSULTATION',
    );

    const amendedBody = `${BODY_V2}\nĐiều 5. Phối hợp phòng, chống ma túy.`;
    // After signing only a party leader amends; an officer of the owner cannot.
    expectError(
      await officerBdbp.post(`/api/agreements/${id}/versions`, { body: amendedBody, version: 4 }),
      'FORBIDDEN',
    );
    const amend = await leaderBdbp.post(`/api/agreements/${id}/versions`, {
      body: amendedBody,
      note: 'Bổ sung Điều 5',
      version: 4,
    });
    expect(amend.statusCode).toBe(201);
    expect(amend.json()).toEqual({ id, status: 'signed', version: 5, currentVersion: 3 });
    const v3 = (await officerPolice.get(`/api/agreements/${id}/versions/3`)).json();
    expect(v3).toMatchObject({ number: 3, kind: 'amendment', note: 'Bổ sung Điều 5', body: amendedBody });
    const amendDiff = (await officerPolice.get(`/api/agreements/${id}/diff?from=2&to=3`)).json();
    expect(amendDiff.fields.find((f: { field: string }) => f.field === 'body').lines.at(-1)).toEqual({
      op: 'add',
      text: 'Điều 5. Phối hợp phòng, chống ma túy.',
    });

    expect((await versionsOf(id)).map((v) => [v.number, v.kind])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [3, 'amendment'],
    ]);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['agreement.revise', 'agreement.comment', 'agreement.amend']),
    );
    expect(audits.every((a) => a.scopeUnitId === bdbp.id)).toBe(true);
  });

  it('refuses to revise an ended agreement and a text that did not change', async () => {
    const id = await createAgreement();
    const unchanged = expectError(
      await officerBdbp.post(`/api/agreements/${id}/versions`, { body: BODY_V1, version: 1 }),
      'VALIDATION_FAILED',
    );
    expect(unchanged.fields?.[0]?.path).toBe('body');
    await t.db.update(agreements).set({ status: 'ended' }).where(eq(agreements.id, id));
    const before = await row(id);
    const locked = expectError(
      await leaderBdbp.post(`/api/agreements/${id}/versions`, { body: BODY_V2, version: 1 }),
      'AGREEMENT_LOCKED',
    );
    expect(locked.fields?.[0]?.path).toBe('status');
    expect(await row(id)).toEqual(before);
    expect(await versionsOf(id)).toHaveLength(1);
  });

  it('keeps the first of two revisions made from the same version', async () => {
    const id = await createAgreement();
    const first = await officerBdbp.post(`/api/agreements/${id}/versions`, { body: BODY_V2, version: 1 });
    expect(first.statusCode).toBe(201);
    expectError(
      await leaderBdbp.post(`/api/agreements/${id}/versions`, { body: 'Bản khác', version: 1 }),
      'VERSION_CONFLICT',
    );
    const after = await row(id);
    expect(after?.body).toBe(BODY_V2);
    expect(after?.currentVersion).toBe(2);
    expect(after?.version).toBe(2);
    expect((await versionsOf(id)).map((v) => v.body)).toEqual([BODY_V1, BODY_V2]);
  });

  it('changes parties and legal bases while drafting, and not after signing', async () => {
    const id = await createAgreement();
    const parties = [
      { unitId: bdbp.id },
      { unitId: police.id },
      { unitId: ethnic.id, signatoryName: 'Lò Văn A' },
    ];
    const ok = await officerBdbp.patch(`/api/agreements/${id}/parties`, { parties, version: 1 });
    expect(ok.json()).toEqual({ id, status: 'draft', version: 2 });
    const stored = await t.db
      .select()
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, id))
      .orderBy(asc(agreementParties.position));
    expect(stored.map((p) => p.unitId)).toEqual([bdbp.id, police.id, ethnic.id]);
    expect(stored[2]?.signatoryName).toBe('Lò Văn A');

    const noOwner = expectError(
      await officerBdbp.patch(`/api/agreements/${id}/parties`, {
        parties: [{ unitId: police.id }, { unitId: ethnic.id }],
        version: 2,
      }),
      'VALIDATION_FAILED',
    );
    expect(noOwner.fields?.[0]).toEqual({
      path: 'parties',
      message: 'Đơn vị chủ trì phải còn là một trong các bên tham gia.',
    });
    expectError(
      await officerBdbp.patch(`/api/agreements/${id}/parties`, {
        parties: [{ unitId: bdbp.id }, { unitId: bdbp.id }],
        version: 2,
      }),
      'VALIDATION_FAILED',
    );
    expectError(
      await officerPolice.patch(`/api/agreements/${id}/parties`, { parties, version: 2 }),
      'FORBIDDEN',
    );
    expectError(
      await officerBdbp.patch(`/api/agreements/${id}/parties`, { parties: parties.slice(0, 2), version: 1 }),
      'VERSION_CONFLICT',
    );
    expect(
      (await t.db.select().from(agreementParties).where(eq(agreementParties.agreementId, id))).length,
    ).toBe(3);

    const docs: number[] = [];
    for (const number of ['65-KL/TW', '120/2020/QH14']) {
      const res = await officerBdbp.post('/api/legal-documents', {
        docType: number.includes('QH') ? 'luat' : 'ket_luan',
        number,
        subject: `Văn bản ${number}`,
      });
      docs.push(res.json().id);
    }
    const bases = await officerBdbp.put(`/api/agreements/${id}/legal-bases`, {
      legalDocumentIds: [docs[1], docs[0]],
      version: 2,
    });
    expect(bases.json().version).toBe(3);
    const basesStored = await t.db
      .select()
      .from(agreementLegalBases)
      .where(eq(agreementLegalBases.agreementId, id))
      .orderBy(asc(agreementLegalBases.position));
    expect(basesStored.map((b) => b.legalDocumentId)).toEqual([docs[1], docs[0]]);
    const unknown = expectError(
      await officerBdbp.put(`/api/agreements/${id}/legal-bases`, { legalDocumentIds: [999_999], version: 3 }),
      'VALIDATION_FAILED',
    );
    expect(unknown.fields?.[0]?.path).toBe('legalDocumentIds');

    await officerBdbp.post(`/api/agreements/${id}/transitions`, { to: 'consultation', version: 3 });
    await leaderBdbp.post(`/api/agreements/${id}/transitions`, { to: 'signed', version: 4 });
    const before = await row(id);
    expect(before?.status).toBe('signed');
    expectError(
      await officerBdbp.patch(`/api/agreements/${id}/parties`, { parties: parties.slice(0, 2), version: 5 }),
      'AGREEMENT_LOCKED',
    );
    expectError(
      await officerBdbp.put(`/api/agreements/${id}/legal-bases`, { legalDocumentIds: [], version: 5 }),
      'AGREEMENT_LOCKED',
    );
    expect(await row(id)).toEqual(before);
    expect(
      (await t.db.select().from(agreementParties).where(eq(agreementParties.agreementId, id))).length,
    ).toBe(3);
    expect(
      (await t.db.select().from(agreementLegalBases).where(eq(agreementLegalBases.agreementId, id))).length,
    ).toBe(2);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['agreement.parties', 'agreement.legal_bases']),
    );
  });

  it('answers 404 to a unit outside the agreement, and changes nothing', async () => {
    const id = await createAgreement();
    for (const url of [
      `/api/agreements/${id}/versions/1`,
      `/api/agreements/${id}/diff`,
      `/api/agreements/${id}/comments`,
    ]) {
      expectError(await outsider.get(url), 'NOT_FOUND');
    }
    expectError(
      await outsider.post(`/api/agreements/${id}/versions`, { body: BODY_V2, version: 1 }),
      'NOT_FOUND',
    );
    expectError(
      await outsider.post(`/api/agreements/${id}/comments`, { unitId: police.id, body: 'Ý kiến' }),
      'NOT_FOUND',
    );
    expectError(
      await outsider.patch(`/api/agreements/${id}/parties`, {
        parties: [{ unitId: bdbp.id }, { unitId: ethnic.id }],
        version: 1,
      }),
      'NOT_FOUND',
    );
    expectError(
      await outsider.put(`/api/agreements/${id}/legal-bases`, { legalDocumentIds: [], version: 1 }),
      'NOT_FOUND',
    );
    expect((await row(id))?.version).toBe(1);
    expect(await versionsOf(id)).toHaveLength(1);
    expect(
      await t.db.select().from(agreementComments).where(eq(agreementComments.agreementId, id)),
    ).toHaveLength(0);
  });

  it('stays findable by its parties’ names after a new version and after the parties change', async () => {
    const id = await createAgreement();
    const found = async (q: string) =>
      (
        (await officerBdbp.get(`/api/agreements?q=${encodeURIComponent(q)}`)).json().items as { id: number }[]
      ).map((a) => a.id);
    expect(await found('cong an lai chau')).toContain(id);
    const revised = await officerBdbp.post(`/api/agreements/${id}/versions`, { body: BODY_V2, version: 1 });
    expect(revised.statusCode, revised.body).toBe(201);
    expect(await found('cong an lai chau')).toContain(id);
    const parties = [{ unitId: bdbp.id }, { unitId: ethnic.id }];
    const changed = await officerBdbp.patch(`/api/agreements/${id}/parties`, {
      parties,
      version: revised.json().version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await found('ban dan toc lai chau')).toContain(id);
    expect(await found('cong an lai chau')).not.toContain(id);
  });
});

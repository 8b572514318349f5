import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { auditLog, legalDocuments } from '../../db/schema/index.ts';

const t = setupTestApp();
let officer: Client;
let viewer: Client;

beforeAll(async () => {
  const unit = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', kind: 'border_command' });
  await buildUser(t.db, {
    username: 'cb.lc',
    unitId: unit.id,
    grants: [{ unitId: unit.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'xem.lc',
    unitId: unit.id,
    grants: [{ unitId: unit.id, role: 'viewer' }],
  });
  officer = await signIn(t.app, 'cb.lc');
  viewer = await signIn(t.app, 'xem.lc');
});

describe('legal document register', () => {
  it('stores a document once, tidies its number and cites it in Vietnamese', async () => {
    const res = await officer.post('/api/legal-documents', {
      docType: 'ket_luan',
      number: 'số 65 - kl/tw',
      issuer: 'Bộ Chính trị',
      issuedOn: '2019-10-30',
      subject: 'Về tiếp tục thực hiện Nghị quyết số 24-NQ/TW về công tác dân tộc',
    });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc.number).toBe('65-KL/TW');
    expect(doc.citation).toBe('Kết luận số 65-KL/TW ngày 30/10/2019 của Bộ Chính trị');

    const again = await officer.post('/api/legal-documents', {
      docType: 'ket_luan',
      number: '65–KL/TW',
      subject: 'Gõ lại lần nữa',
    });
    const err = expectError(again, 'LEGAL_DOC_EXISTS');
    expect(err.fields?.[0]?.path).toBe('number');
    expect(
      (await t.db.select().from(legalDocuments).where(eq(legalDocuments.numberKey, '65-KL/TW'))).length,
    ).toBe(1);

    const lookup = (await viewer.get(`/api/legal-documents?number=${encodeURIComponent('65-kl/tw')}`)).json();
    expect(lookup.items.map((d: { id: number }) => d.id)).toEqual([doc.id]);
    const search = (
      await viewer.get(`/api/legal-documents?q=${encodeURIComponent('cong tac dan toc')}`)
    ).json();
    expect(search.items.map((d: { id: number }) => d.id)).toContain(doc.id);
    // By its type as people say it: "kết luận 65".
    const byType = (await officer.get(`/api/legal-documents?q=${encodeURIComponent('ket luan 65')}`)).json();
    expect(byType.items.map((d: { id: number }) => d.id)).toContain(doc.id);

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'legal_document.create'));
    expect(audits.length).toBe(1);
  });

  it('lets only officers add documents and detects concurrent edits', async () => {
    const denied = await viewer.post('/api/legal-documents', {
      docType: 'luat',
      number: '120/2020/QH14',
      subject: 'x',
    });
    expectError(denied, 'FORBIDDEN');

    const created = (
      await officer.post('/api/legal-documents', {
        docType: 'quyet_dinh',
        number: '12/2018/QĐ- TTg',
        issuer: 'Thủ tướng Chính phủ',
        subject: 'Quyết định thử',
      })
    ).json();
    expect(created.number).toBe('12/2018/QĐ-TTg');
    const first = await officer.patch(`/api/legal-documents/${created.id}`, {
      version: 1,
      subject: 'Sửa lần một',
    });
    expect(first.statusCode).toBe(200);
    const second = await officer.patch(`/api/legal-documents/${created.id}`, {
      version: 1,
      subject: 'Sửa lần hai',
    });
    expectError(second, 'VERSION_CONFLICT');
    const [row] = await t.db.select().from(legalDocuments).where(eq(legalDocuments.id, created.id));
    expect(row?.subject).toBe('Sửa lần một');

    const del = await officer.delete(`/api/legal-documents/${created.id}?version=2`);
    expect(del.statusCode).toBe(200);
  });
});

import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import { auditLog, reportForms } from '../../db/schema/index.ts';

const t = setupTestApp();
let officer: Client;
let postOfficer: Client;
let outsider: Client;
let agreementId: number;
let command: { id: number };
let ethnic: { id: number };
let post: { id: number };
let other: { id: number };
let households: { id: number };
let teams: { id: number };
let retired: { id: number };

beforeAll(async () => {
  command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai' });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Y Tý', kind: 'border_post', parentId: command.id });
  other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Cao Bằng' });
  await buildUser(t.db, {
    username: 'cv.bdbp',
    unitId: command.id,
    grants: [{ unitId: command.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.yty',
    unitId: post.id,
    grants: [{ unitId: post.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.cb',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  agreementId = (
    await buildAgreement(t.db, {
      kind: 'program',
      year: null,
      status: 'in_effect',
      validFrom: '2022-03-01',
      validTo: '2025-12-31',
      subject: 'Chương trình phối hợp giai đoạn 2022–2025',
      parties: [command.id, ethnic.id],
    })
  ).id;
  households = await buildIndicator(t.db, { code: 'F_HO', name: 'Hộ gia đình được giúp đỡ' });
  teams = await buildIndicator(t.db, {
    code: 'F_TO',
    name: 'Tổ tự quản đường biên',
    uom: 'tổ',
    required: true,
  });
  retired = await buildIndicator(t.db, { code: 'F_CU', name: 'Chỉ tiêu cũ', active: false });
  officer = await signIn(t.app, 'cv.bdbp');
  postOfficer = await signIn(t.app, 'cv.yty');
  outsider = await signIn(t.app, 'cv.cb');
});

const body = (over: Record<string, unknown> = {}) => ({
  name: 'Báo cáo quý kết quả giúp đỡ hộ gia đình',
  frequency: 'quarter',
  deadlineDay: 20,
  approvalChain: [command.id],
  indicators: [{ indicatorId: households.id }, { indicatorId: teams.id }],
  unitIds: [post.id, command.id],
  ...over,
});
const paths = (b: { fields?: { path: string }[] }) => (b.fields ?? []).map((f) => f.path);

describe('report forms', () => {
  it('creates a form with indicators, units, sections and chain, audited', async () => {
    const res = await officer.post(`/api/agreements/${agreementId}/forms`, body());
    expect(res.statusCode).toBe(201);
    const form = res.json();
    expect(form).toMatchObject({
      agreementId,
      agreementSubject: 'Chương trình phối hợp giai đoạn 2022–2025',
      frequency: 'quarter',
      deadlineDay: 20,
      deadlineMonthOffset: 0,
      allowSelfApproval: false,
      active: true,
      version: 1,
      abilities: { update: true },
      approvalChain: [{ id: command.id, name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai' }],
    });
    expect(form.narrativeSections.map((s: { key: string }) => s.key)).toEqual([
      'ket_qua',
      'han_che',
      'de_xuat',
    ]);
    expect(form.indicators.map((i: { code: string }) => i.code)).toEqual(['F_HO', 'F_TO']);
    // Required in the catalogue → required on the form.
    expect(form.indicators[1].required).toBe(true);
    expect(form.units.map((u: { id: number }) => u.id).sort()).toEqual([command.id, post.id].sort());
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report_form.create'), eq(auditLog.entityId, String(form.id))));
    expect(audit).toHaveLength(1);

    const list = await officer.get(`/api/agreements/${agreementId}/forms`);
    expect(list.json().map((f: { id: number }) => f.id)).toContain(form.id);
  });

  it('validates indicators, units, chain and section keys, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ indicators: [{ indicatorId: 999_999 }] }, 'indicators[0].indicatorId'],
      [
        { indicators: [{ indicatorId: households.id }, { indicatorId: retired.id }] },
        'indicators[1].indicatorId',
      ],
      [
        { indicators: [{ indicatorId: households.id }, { indicatorId: households.id }] },
        'indicators[1].indicatorId',
      ],
      [{ unitIds: [post.id, 999_999] }, 'unitIds[1]'],
      [{ approvalChain: [999_999] }, 'approvalChain[0]'],
      [{ approvalChain: [command.id, command.id] }, 'approvalChain[1]'],
      [
        {
          narrativeSections: [
            { key: 'ket_qua', title: 'Kết quả' },
            { key: 'ket_qua', title: 'Kết quả khác' },
          ],
        },
        'narrativeSections[1].key',
      ],
    ];
    for (const [over, path] of cases) {
      const res = await officer.post(`/api/agreements/${agreementId}/forms`, body(over));
      const err = expectError(res, 'VALIDATION_FAILED');
      expect(paths(err)).toEqual([path]);
    }
    const inactive = expectError(
      await officer.post(
        `/api/agreements/${agreementId}/forms`,
        body({ indicators: [{ indicatorId: retired.id }] }),
      ),
      'VALIDATION_FAILED',
    );
    expect(inactive.fields?.[0]?.message).toContain('ngừng sử dụng');
  });

  it('needs the agreement’s manageTasks ability; out of scope answers 404', async () => {
    expectError(await outsider.post(`/api/agreements/${agreementId}/forms`, body()), 'NOT_FOUND');
    expectError(await outsider.get(`/api/agreements/${agreementId}/forms`), 'NOT_FOUND');
    const form = (await officer.post(`/api/agreements/${agreementId}/forms`, body())).json();
    expectError(await outsider.get(`/api/forms/${form.id}`), 'NOT_FOUND');
    // A reporting border post sees the form (read only).
    const seen = await postOfficer.get(`/api/forms/${form.id}`);
    expect(seen.statusCode).toBe(200);
    const ended = await buildAgreement(t.db, { status: 'ended', parties: [command.id, ethnic.id] });
    expectError(await officer.post(`/api/agreements/${ended.id}/forms`, body()), 'FORBIDDEN');
  });

  it('edits with the version; a stale version changes nothing', async () => {
    const form = (await officer.post(`/api/agreements/${agreementId}/forms`, body())).json();
    const res = await officer.patch(`/api/forms/${form.id}`, {
      version: 1,
      name: 'Báo cáo quý (sửa)',
      approvalChain: [post.id, command.id],
      indicators: [{ indicatorId: teams.id }, { indicatorId: households.id, required: true }],
      allowSelfApproval: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Báo cáo quý (sửa)',
      version: 2,
      allowSelfApproval: true,
      approvalChain: [{ id: post.id }, { id: command.id }],
    });
    expect(
      res.json().indicators.map((i: { code: string; required: boolean }) => [i.code, i.required]),
    ).toEqual([
      ['F_TO', true],
      ['F_HO', true],
    ]);
    expectError(await officer.patch(`/api/forms/${form.id}`, { version: 1, name: 'Cũ' }), 'VERSION_CONFLICT');
    const [row] = await t.db.select().from(reportForms).where(eq(reportForms.id, form.id));
    expect(row!.name).toBe('Báo cáo quý (sửa)');
    expectError(await postOfficer.patch(`/api/forms/${form.id}`, { version: 2, name: 'X' }), 'FORBIDDEN');
  });

  it('deletes an unused form; a form with reports is kept (409 IN_USE) and can be deactivated', async () => {
    const unused = (await officer.post(`/api/agreements/${agreementId}/forms`, body())).json();
    expect((await officer.delete(`/api/forms/${unused.id}?version=1`)).statusCode).toBe(200);
    expectError(await officer.get(`/api/forms/${unused.id}`), 'NOT_FOUND');

    const used = await buildForm(t.db, {
      agreementId,
      indicators: [households.id],
      unitIds: [post.id],
      approvalChain: [command.id],
    });
    await buildReport(t.db, { formId: used.id, unitId: post.id, period: '2024-Q1' });
    const err = expectError(await officer.delete(`/api/forms/${used.id}?version=1`), 'IN_USE');
    expect(err.message).toContain('ngừng sử dụng');
    const off = await officer.patch(`/api/forms/${used.id}`, { version: 1, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    // Changing the frequency of a form in use would orphan its reports.
    const freq = expectError(
      await officer.patch(`/api/forms/${used.id}`, { version: 2, frequency: 'month' }),
      'IN_USE',
    );
    expect(paths(freq)).toEqual(['frequency']);
  });

  it('lists the periods of a year with labels and due dates, inside the agreement', async () => {
    const form = (
      await officer.post(
        `/api/agreements/${agreementId}/forms`,
        body({ deadlineDay: 31, deadlineMonthOffset: 1 }),
      )
    ).json();
    const res = await postOfficer.get(`/api/forms/${form.id}/periods?year=2024`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { key: '2024-Q1', label: 'Quý I/2024', start: '2024-01-01', end: '2024-03-31', dueDate: '2024-04-30' },
      { key: '2024-Q2', label: 'Quý II/2024', start: '2024-04-01', end: '2024-06-30', dueDate: '2024-07-31' },
      {
        key: '2024-Q3',
        label: 'Quý III/2024',
        start: '2024-07-01',
        end: '2024-09-30',
        dueDate: '2024-10-31',
      },
      { key: '2024-Q4', label: 'Quý IV/2024', start: '2024-10-01', end: '2024-12-31', dueDate: '2025-01-31' },
    ]);
    // The program runs from March 2022: Q1 2022 overlaps it, nothing in 2026 does.
    expect((await officer.get(`/api/forms/${form.id}/periods?year=2022`)).json()).toHaveLength(4);
    expect((await officer.get(`/api/forms/${form.id}/periods?year=2026`)).json()).toEqual([]);
    const monthly = (
      await officer.post(`/api/agreements/${agreementId}/forms`, body({ frequency: 'month' }))
    ).json();
    const months = (await officer.get(`/api/forms/${monthly.id}/periods?year=2022`)).json();
    expect(months.map((p: { key: string }) => p.key)[0]).toBe('2022-03');
    expect(months[0].label).toBe('Tháng 3/2022');
    const phase = (
      await officer.post(`/api/agreements/${agreementId}/forms`, body({ frequency: 'phase' }))
    ).json();
    expect((await officer.get(`/api/forms/${phase.id}/periods?year=2023`)).json()).toMatchObject([
      { key: '2022-2025', label: 'Giai đoạn 2022–2025', dueDate: '2025-12-20' },
    ]);
  });
});

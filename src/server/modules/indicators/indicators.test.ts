import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import {
  auditLog,
  indicatorLinks,
  indicatorRules,
  indicators,
  indicatorTargets,
} from '../../db/schema/index.ts';

const t = setupTestApp();
let leader: Client;
let officer: Client;
let viewer: Client;
let outsiderLeader: Client;
let border: { id: number };
let post: { id: number };
let ethnic: { id: number };
let agreementId: number;
let otherAgreementId: number;
let sectionId: number;
let taskId: number;

const HEADERS = [
  'Mã',
  'Tên chỉ tiêu',
  'Đơn vị tính',
  'Kiểu giá trị',
  'Tổng hợp theo đơn vị',
  'Tổng hợp theo thời gian',
  'Khử trùng theo địa bàn',
  'Giới hạn',
  'Phân tổ',
  'Quy tắc',
  'Nguồn số liệu',
];

const body = (over: Record<string, unknown> = {}) => ({
  code: 'HGD-01',
  name: 'Số hộ gia đình được cán bộ, đảng viên giúp đỡ',
  uom: 'hộ',
  valueType: 'integer',
  aggUnits: 'sum',
  aggTime: 'sum',
  ...over,
});

const fieldPaths = (res: { json(): unknown }) =>
  ((res.json() as { fields?: { path: string }[] }).fields ?? []).map((f) => f.path);

const audits = async (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action));

beforeAll(async () => {
  border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Tả Gia Khâu',
    kind: 'border_post',
    parentId: border.id,
  });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai' });
  const health = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Hà Giang' });
  const users: Array<[string, number, 'leader' | 'officer' | 'viewer']> = [
    ['ld.bdbp', border.id, 'leader'],
    ['cv.bdbp', border.id, 'officer'],
    ['xem.bdbp', border.id, 'viewer'],
    ['ld.yte', health.id, 'leader'],
  ];
  for (const [username, unitId, role] of users) {
    await buildUser(t.db, { username, unitId, grants: [{ unitId, role }] });
  }
  leader = await signIn(t.app, 'ld.bdbp');
  officer = await signIn(t.app, 'cv.bdbp');
  viewer = await signIn(t.app, 'xem.bdbp');
  outsiderLeader = await signIn(t.app, 'ld.yte');
  agreementId = (
    await buildAgreement(t.db, {
      subject: 'Chương trình phối hợp giai đoạn 2022–2025',
      parties: [border.id, ethnic.id],
    })
  ).id;
  otherAgreementId = (await buildAgreement(t.db, { subject: 'Kế hoạch khác', parties: [border.id] })).id;
  const section = await officer.post(`/api/agreements/${agreementId}/sections`, {
    title: 'Về giúp đỡ hộ gia đình',
  });
  sectionId = section.json().id;
  const task = await officer.post(`/api/agreements/${agreementId}/tasks`, {
    title: 'Giúp đỡ hộ nghèo vùng biên giới',
    sectionId,
    timeframe: { kind: 'year', year: 2024 },
    leadUnitId: border.id,
  });
  expect(task.statusCode).toBe(201);
  taskId = task.json().id;
});

describe('indicator catalogue', () => {
  it('creates an indicator, refuses the same code in any case and writes the audit', async () => {
    const res = await leader.post(
      '/api/indicators',
      body({
        disaggregation: {
          code: 'GIOI_TINH',
          name: 'Giới tính chủ hộ',
          categories: [
            { code: 'NAM', name: 'Nam' },
            { code: 'NU', name: 'Nữ' },
          ],
        },
        description: 'Theo báo cáo của các đồn Biên phòng',
      }),
    );
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      code: 'HGD-01',
      valueType: 'integer',
      minValue: null,
      active: true,
      rules: [],
      version: 1,
      abilities: { update: true, delete: true },
    });

    const again = await leader.post('/api/indicators', body({ code: 'hgd-01', name: 'Trùng mã' }));
    const err = expectError(again, 'INDICATOR_CODE_EXISTS');
    expect(err.fields?.[0]?.path).toBe('code');
    expect(err.message).toContain('Số hộ gia đình');
    expect(await t.db.select().from(indicators).where(eq(indicators.code, 'HGD-01'))).toHaveLength(1);
    expect((await audits('indicator.create')).map((a) => a.entityId)).toContain(String(created.id));

    const got = (await viewer.get(`/api/indicators/${created.id}`)).json();
    expect(got.disaggregation.categories.map((c: { name: string }) => c.name)).toEqual(['Nam', 'Nữ']);
    expect(got.abilities).toEqual({ update: false, delete: false });
  });

  it('keeps the exchange source (counted from bulletins), refuses it for a non-number or a non-summed indicator', async () => {
    const res = await leader.post(
      '/api/indicators',
      body({ code: 'NTG-01', name: 'Nguồn tin đã gửi', uom: 'nguồn tin', exchangeSource: 'tip_offs_sent' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().exchangeSource).toBe('tip_offs_sent');
    expect((await viewer.get(`/api/indicators/${res.json().id}`)).json().exchangeSource).toBe(
      'tip_offs_sent',
    );

    const text = await leader.post(
      '/api/indicators',
      body({ code: 'NTG-02', valueType: 'text', exchangeSource: 'bulletins_sent' }),
    );
    expect(expectError(text, 'VALIDATION_FAILED').fields?.[0]).toMatchObject({ path: 'exchangeSource' });
    const last = await leader.post(
      '/api/indicators',
      body({ code: 'NTG-03', aggTime: 'last', exchangeSource: 'bulletins_sent' }),
    );
    expect(expectError(last, 'VALIDATION_FAILED').fields?.[0]?.message).toContain('cộng tổng');
    expect(await t.db.select().from(indicators).where(eq(indicators.code, 'NTG-02'))).toHaveLength(0);

    const changed = await leader.patch(`/api/indicators/${res.json().id}`, {
      version: 1,
      exchangeSource: 'requests_answered',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().exchangeSource).toBe('requests_answered');
    const cleared = await leader.patch(`/api/indicators/${res.json().id}`, {
      version: 2,
      exchangeSource: null,
    });
    expect(cleared.json().exchangeSource).toBeNull();
    // Changing the rule over time of a counted indicator is refused too.
    const counted = await leader.patch(`/api/indicators/${res.json().id}`, {
      version: 3,
      exchangeSource: 'tip_offs_sent',
    });
    expect(counted.statusCode).toBe(200);
    const toLast = await leader.patch(`/api/indicators/${res.json().id}`, { version: 4, aggTime: 'last' });
    expect(expectError(toLast, 'VALIDATION_FAILED').fields?.[0]?.path).toBe('exchangeSource');
  });

  it('finds indicators without diacritics, by code, by linked agreement and by active state', async () => {
    const found = await buildIndicator(t.db, {
      code: 'TTQ-01',
      name: 'Tổ tự quản đường biên, mốc giới',
      uom: 'tổ',
    });
    await buildIndicator(t.db, { code: 'OLD-01', name: 'Hộ gia đình cũ (ngừng dùng)', active: false });
    const search = async (q: string, extra = '') =>
      (await viewer.get(`/api/indicators?q=${encodeURIComponent(q)}${extra}`)).json();

    const hgd = await search('ho gia dinh');
    expect(hgd.items.map((i: { code: string }) => i.code)).toEqual(['HGD-01']);
    expect(hgd.items[0].name).toBe('Số hộ gia đình được cán bộ, đảng viên giúp đỡ');
    expect(hgd.abilities).toEqual({ create: false });
    expect((await search('HO GIA DINH', '&active=all')).items.map((i: { code: string }) => i.code)).toEqual([
      'HGD-01',
      'OLD-01',
    ]);
    expect((await search('gia dinh', '&active=false')).items.map((i: { code: string }) => i.code)).toEqual([
      'OLD-01',
    ]);
    expect((await search('moc gioi')).items.map((i: { id: number }) => i.id)).toEqual([found.id]);
    expect((await search('ttq 01')).items.map((i: { id: number }) => i.id)).toEqual([found.id]);

    const page = (await viewer.get('/api/indicators?active=all&limit=1&offset=1')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect((await leader.get('/api/indicators')).json().abilities).toEqual({ create: true });
  });

  it('refuses bad definitions with the field named, and saves nothing', async () => {
    const before = (await t.db.select().from(indicators)).length;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [
        { minValue: 10, maxValue: 5 },
        'maxValue',
        /Giá trị lớn nhất phải lớn hơn hoặc bằng giá trị nhỏ nhất \(10\)/,
      ],
      [{ valueType: 'percentage', maxValue: 150 }, 'maxValue', /0–100/],
      [{ valueType: 'text', minValue: 0 }, 'minValue', /kiểu văn bản không có giới hạn/],
      [{ valueType: 'boolean', maxValue: 1 }, 'maxValue', /kiểu có\/không/],
      [
        { rules: [{ op: '>=', otherIndicatorId: 999_999 }] },
        'rules.0.otherIndicatorId',
        /không có chỉ tiêu #999999/,
      ],
      [
        { valueType: 'text', rules: [{ op: '>=', otherIndicatorId: 1 }] },
        'rules',
        /không có quy tắc so sánh/,
      ],
      [
        {
          disaggregation: {
            code: 'DT',
            name: 'Dân tộc',
            categories: [
              { code: 'MONG', name: 'Mông' },
              { code: 'mong', name: 'H’Mông' },
            ],
          },
        },
        'disaggregation.categories.1.code',
        /trùng/,
      ],
    ];
    for (const [over, path, message] of cases) {
      const res = await leader.post('/api/indicators', body({ code: 'BAD-01', ...over }));
      const err = expectError(res, 'VALIDATION_FAILED');
      expect(fieldPaths(res), JSON.stringify(over)).toContain(path);
      expect(err.message).toMatch(message);
    }
    // The schema itself: a code with spaces, text where a number is expected.
    const badCode = expectError(
      await leader.post('/api/indicators', body({ code: 'mã có dấu' })),
      'VALIDATION_FAILED',
    );
    expect(badCode.fields?.[0]?.message).toMatch(/^Mã: /);
    expectError(
      await leader.post('/api/indicators', body({ code: 'X-2', minValue: 'mười' })),
      'VALIDATION_FAILED',
    );
    expect((await t.db.select().from(indicators)).length).toBe(before);
  });

  it('keeps cross-field rules with the other indicator named, replaces them as a set, and refuses a rule to itself', async () => {
    const teams = await buildIndicator(t.db, { code: 'TO-01', name: 'Số tổ tự quản', uom: 'tổ' });
    const note = await buildIndicator(t.db, { code: 'GHI-01', name: 'Ghi chú', valueType: 'text' });
    const res = await leader.post(
      '/api/indicators',
      body({
        code: 'TV-01',
        name: 'Số thành viên tổ tự quản',
        uom: 'thành viên',
        rules: [{ op: '>=', otherIndicatorId: teams.id, message: 'Số thành viên không ít hơn số tổ' }],
      }),
    );
    expect(res.statusCode).toBe(201);
    const members = res.json();
    expect(members.rules).toEqual([
      {
        id: expect.any(Number),
        op: '>=',
        otherIndicatorId: teams.id,
        otherCode: 'TO-01',
        otherName: 'Số tổ tự quản',
        message: 'Số thành viên không ít hơn số tổ',
      },
    ]);

    const self = await leader.patch(`/api/indicators/${members.id}`, {
      version: 1,
      rules: [{ op: '>', otherIndicatorId: members.id }],
    });
    expectError(self, 'VALIDATION_FAILED');
    expect(fieldPaths(self)).toEqual(['rules.0.otherIndicatorId']);
    const textOther = await leader.patch(`/api/indicators/${members.id}`, {
      version: 1,
      rules: [{ op: '>', otherIndicatorId: note.id }],
    });
    expect(fieldPaths(textOther)).toEqual(['rules.0.otherIndicatorId']);

    // A change without `rules` keeps them.
    const renamed = await leader.patch(`/api/indicators/${members.id}`, {
      version: 1,
      name: 'Số thành viên các tổ',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Số thành viên các tổ', version: 2 });
    expect(renamed.json().rules).toHaveLength(1);
    // `rules` replaces the set.
    const replaced = await leader.patch(`/api/indicators/${members.id}`, {
      version: 2,
      rules: [{ op: '<=', otherIndicatorId: teams.id }],
    });
    expect(replaced.json().rules.map((r: { op: string }) => r.op)).toEqual(['<=']);
    expect(
      await t.db.select().from(indicatorRules).where(eq(indicatorRules.indicatorId, members.id)),
    ).toHaveLength(1);
    const cleared = await leader.patch(`/api/indicators/${members.id}`, { version: 3, rules: [] });
    expect(cleared.json().rules).toEqual([]);

    // TO-01 is compared with by nobody now; a rule on it pointing to TV-01, then TV-01 → text is refused.
    await leader.patch(`/api/indicators/${teams.id}`, {
      version: 1,
      rules: [{ op: '<=', otherIndicatorId: members.id }],
    });
    const toText = await leader.patch(`/api/indicators/${members.id}`, { version: 4, valueType: 'text' });
    expect(fieldPaths(toText)).toEqual(['valueType']);
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const ind = await buildIndicator(t.db, { code: 'NT-01', name: 'Nguồn tin', uom: 'nguồn tin' });
    const first = await leader.patch(`/api/indicators/${ind.id}`, {
      version: 1,
      name: 'Số nguồn tin cung cấp',
    });
    expect(first.json().version).toBe(2);
    const auditCount = (await audits('indicator.update')).length;
    const stale = await leader.patch(`/api/indicators/${ind.id}`, {
      version: 1,
      name: 'Ghi đè',
      maxValue: 10,
      rules: [],
    });
    expectError(stale, 'VERSION_CONFLICT');
    const [row] = await t.db.select().from(indicators).where(eq(indicators.id, ind.id));
    expect(row).toMatchObject({ name: 'Số nguồn tin cung cấp', maxValue: null, version: 2 });
    expect((await audits('indicator.update')).length).toBe(auditCount);
    expectError(await leader.delete(`/api/indicators/${ind.id}?version=1`), 'VERSION_CONFLICT');
    // Renaming to a code already taken (in another case) is refused the same way as creating it.
    const taken = await leader.patch(`/api/indicators/${ind.id}`, { version: 2, code: 'hgd-01' });
    expect(expectError(taken, 'INDICATOR_CODE_EXISTS').fields?.[0]?.path).toBe('code');
    expect((await t.db.select().from(indicators).where(eq(indicators.id, ind.id)))[0]?.code).toBe('NT-01');
  });

  it('lets only leaders or admins change the catalogue (403 for an officer or viewer)', async () => {
    const ind = await buildIndicator(t.db, { code: 'QR-01', name: 'Quyền' });
    for (const client of [officer, viewer]) {
      expectError(await client.post('/api/indicators', body({ code: 'NEW-9' })), 'FORBIDDEN');
      expectError(await client.patch(`/api/indicators/${ind.id}`, { version: 1, name: 'x' }), 'FORBIDDEN');
      expectError(await client.delete(`/api/indicators/${ind.id}?version=1`), 'FORBIDDEN');
      expect((await client.get(`/api/indicators/${ind.id}`)).statusCode).toBe(200);
    }
    expect((await t.db.select().from(indicators).where(eq(indicators.id, ind.id)))[0]?.name).toBe('Quyền');
    expectError(await viewer.get('/api/indicators/999999'), 'NOT_FOUND');
  });

  it('deletes an unused indicator, and refuses one with a target, a form or report values (deactivate instead)', async () => {
    const unused = await buildIndicator(t.db, { code: 'DEL-01' });
    const del = await leader.delete(`/api/indicators/${unused.id}?version=1`);
    expect(del.statusCode).toBe(200);
    expect(await t.db.select().from(indicators).where(eq(indicators.id, unused.id))).toHaveLength(0);
    expect((await audits('indicator.delete')).map((a) => a.entityId)).toContain(String(unused.id));

    const targeted = await buildIndicator(t.db, { code: 'DEL-02' });
    await t.db
      .insert(indicatorTargets)
      .values({ indicatorId: targeted.id, agreementId, unitId: border.id, year: 2024, value: 10 });
    const inForm = await buildIndicator(t.db, { code: 'DEL-03' });
    const form = await buildForm(t.db, {
      agreementId,
      indicators: [inForm.id],
      unitIds: [post.id],
      approvalChain: [border.id],
    });
    const reported = await buildIndicator(t.db, { code: 'DEL-04' });
    const form2 = await buildForm(t.db, {
      agreementId: otherAgreementId,
      indicators: [inForm.id],
      unitIds: [post.id],
      approvalChain: [border.id],
    });
    await buildReport(t.db, {
      formId: form2.id,
      unitId: post.id,
      period: '2024-Q1',
      values: [{ indicatorId: reported.id, value: 3 }],
    });
    for (const [ind, words] of [
      [targeted, 'chỉ tiêu kế hoạch'],
      [inForm, 'biểu mẫu'],
      [reported, 'số liệu báo cáo'],
    ] as const) {
      const err = expectError(await leader.delete(`/api/indicators/${ind.id}?version=1`), 'IN_USE');
      expect(err.fields?.[0]?.path).toBe('active');
      expect(err.message).toContain(words);
      expect(err.message).toContain('ngừng sử dụng');
      expect(await t.db.select().from(indicators).where(eq(indicators.id, ind.id))).toHaveLength(1);
    }
    expect(form.id).toBeGreaterThan(0);
    // Deactivating is the way out; it leaves the default list.
    const off = await leader.patch(`/api/indicators/${targeted.id}`, { version: 1, active: false });
    expect(off.json().active).toBe(false);
    const list = (await viewer.get('/api/indicators?q=del')).json();
    expect(list.items.map((i: { code: string }) => i.code)).not.toContain('DEL-02');
    // The value type of an indicator with report values stays.
    const retype = await leader.patch(`/api/indicators/${reported.id}`, { version: 1, valueType: 'decimal' });
    expect(fieldPaths(retype)).toEqual(['valueType']);
  });
});

describe('links to agreements, sections and tasks', () => {
  it('links an indicator to a visible agreement, its section and task, and lists them', async () => {
    const ind = await buildIndicator(t.db, { code: 'LK-01', name: 'Hộ được giúp đỡ (gắn)' });
    const whole = await officer.post(`/api/indicators/${ind.id}/links`, { agreementId });
    expect(whole.statusCode).toBe(201);
    expect(whole.json()).toMatchObject({ indicatorId: ind.id, agreementId, sectionId: null, taskId: null });
    const again = await officer.post(`/api/indicators/${ind.id}/links`, { agreementId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(whole.json().id);
    const toTask = await officer.post(`/api/indicators/${ind.id}/links`, { agreementId, sectionId, taskId });
    expect(toTask.statusCode).toBe(201);

    const links = (await viewer.get(`/api/indicators/${ind.id}/links`)).json();
    expect(links.map((l: { taskId: number | null }) => l.taskId)).toEqual([null, taskId]);
    const linked = (await viewer.get(`/api/agreements/${agreementId}/indicators`)).json();
    const entry = linked.find((i: { id: number }) => i.id === ind.id);
    expect(entry.code).toBe('LK-01');
    expect(entry.links).toHaveLength(2);
    const filtered = (await viewer.get(`/api/indicators?agreementId=${agreementId}`)).json();
    expect(filtered.items.map((i: { id: number }) => i.id)).toContain(ind.id);
    expect((await viewer.get(`/api/indicators?agreementId=${otherAgreementId}`)).json().items).toEqual([]);
    expect((await audits('indicator_link.create')).length).toBeGreaterThanOrEqual(2);

    // Someone who cannot see the agreement sees no links and gets nothing filtered by it.
    expect((await outsiderLeader.get(`/api/indicators/${ind.id}/links`)).json()).toEqual([]);
    expect((await outsiderLeader.get(`/api/indicators?agreementId=${agreementId}`)).json().items).toEqual([]);

    const removed = await officer.delete(`/api/indicator-links/${toTask.json().id}`);
    expect(removed.statusCode).toBe(200);
    expect(
      await t.db.select().from(indicatorLinks).where(eq(indicatorLinks.indicatorId, ind.id)),
    ).toHaveLength(1);
    expect((await audits('indicator_link.delete')).map((a) => a.entityId)).toContain(
      String(toTask.json().id),
    );
  });

  it('answers 404 for an agreement the user cannot see, 403 without planning rights, 400 for a foreign section or task', async () => {
    const ind = await buildIndicator(t.db, { code: 'LK-02' });
    expectError(await outsiderLeader.post(`/api/indicators/${ind.id}/links`, { agreementId }), 'NOT_FOUND');
    expectError(await outsiderLeader.get(`/api/agreements/${agreementId}/indicators`), 'NOT_FOUND');
    expectError(await viewer.post(`/api/indicators/${ind.id}/links`, { agreementId }), 'FORBIDDEN');
    expectError(await officer.post('/api/indicators/999999/links', { agreementId }), 'NOT_FOUND');

    const foreignSection = await officer.post(`/api/indicators/${ind.id}/links`, {
      agreementId: otherAgreementId,
      sectionId,
    });
    const err = expectError(foreignSection, 'VALIDATION_FAILED');
    expect(err.fields?.[0]).toMatchObject({ path: 'sectionId' });
    expect(err.message).toContain('Nội dung phối hợp không thuộc văn bản');
    const foreignTask = await officer.post(`/api/indicators/${ind.id}/links`, {
      agreementId: otherAgreementId,
      taskId,
    });
    expect(fieldPaths(foreignTask)).toEqual(['taskId']);
    expect(
      await t.db.select().from(indicatorLinks).where(eq(indicatorLinks.indicatorId, ind.id)),
    ).toHaveLength(0);

    const link = (await officer.post(`/api/indicators/${ind.id}/links`, { agreementId })).json();
    expectError(await outsiderLeader.delete(`/api/indicator-links/${link.id}`), 'NOT_FOUND');
    expectError(await viewer.delete(`/api/indicator-links/${link.id}`), 'FORBIDDEN');
    expect(await t.db.select().from(indicatorLinks).where(eq(indicatorLinks.id, link.id))).toHaveLength(1);
  });
});

describe('targets', () => {
  it('upserts targets by indicator, unit and year, reads them back and removes one', async () => {
    const households = await buildIndicator(t.db, { code: 'KH-01', name: 'Hộ được giúp đỡ (kế hoạch)' });
    const rate = await buildIndicator(t.db, {
      code: 'KH-02',
      name: 'Tỷ lệ hộ thoát nghèo',
      valueType: 'percentage',
      uom: '%',
    });
    const put = await officer.put(`/api/agreements/${agreementId}/targets`, {
      targets: [
        { indicatorId: households.id, unitId: border.id, year: 2024, value: 1700 },
        { indicatorId: households.id, unitId: post.id, year: 2024, value: 120 },
        { indicatorId: rate.id, unitId: border.id, year: 2025, value: 12.5 },
      ],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().map((x: { unitName: string; value: number }) => [x.unitName, x.value])).toEqual([
      ['Bộ Chỉ huy BĐBP tỉnh Lào Cai', 1700],
      ['Đồn Biên phòng Tả Gia Khâu', 120],
      ['Bộ Chỉ huy BĐBP tỉnh Lào Cai', 12.5],
    ]);

    // Same key again: the value changes, no second row.
    const again = await officer.put(`/api/agreements/${agreementId}/targets`, {
      targets: [{ indicatorId: households.id, unitId: border.id, year: 2024, value: 1734 }],
    });
    expect(again.json()[0]).toMatchObject({
      id: put.json()[0].id,
      value: 1734,
      indicatorCode: 'KH-01',
      uom: 'hộ',
    });
    const rows = await t.db
      .select()
      .from(indicatorTargets)
      .where(
        and(eq(indicatorTargets.agreementId, agreementId), eq(indicatorTargets.indicatorId, households.id)),
      );
    expect(rows).toHaveLength(2);

    const y2024 = (await viewer.get(`/api/agreements/${agreementId}/targets?year=2024`)).json();
    const mine = y2024.filter((x: { indicatorId: number }) => x.indicatorId === households.id);
    expect(
      mine.map((x: { unitId: number; value: number; year: number }) => [x.unitId, x.value, x.year]),
    ).toEqual([
      [border.id, 1734, 2024],
      [post.id, 120, 2024],
    ]);
    const all = (await viewer.get(`/api/agreements/${agreementId}/targets`)).json();
    expect(
      all.some((x: { indicatorId: number; year: number }) => x.indicatorId === rate.id && x.year === 2025),
    ).toBe(true);
    expect((await audits('indicator_target.put')).length).toBeGreaterThanOrEqual(2);

    const del = await officer.delete(`/api/agreements/${agreementId}/targets/${put.json()[1].id}`);
    expect(del.statusCode).toBe(200);
    expect((await viewer.get(`/api/agreements/${agreementId}/targets?year=2024`)).json()).toHaveLength(
      y2024.length - 1,
    );
    expectError(
      await officer.delete(`/api/agreements/${otherAgreementId}/targets/${put.json()[0].id}`),
      'NOT_FOUND',
    );
    expect((await audits('indicator_target.delete')).length).toBe(1);
  });

  it('refuses bad targets all or nothing, and needs visibility and planning rights', async () => {
    const ind = await buildIndicator(t.db, { code: 'KH-03', maxValue: 500 });
    const text = await buildIndicator(t.db, { code: 'KH-04', valueType: 'text' });
    const bad = await officer.put(`/api/agreements/${agreementId}/targets`, {
      targets: [
        { indicatorId: ind.id, unitId: border.id, year: 2024, value: 10 },
        { indicatorId: ind.id, unitId: 999_999, year: 2024, value: 10 },
        { indicatorId: 999_999, unitId: border.id, year: 2024, value: 10 },
        { indicatorId: ind.id, unitId: post.id, year: 2024, value: 2.5 },
        { indicatorId: ind.id, unitId: ethnic.id, year: 2024, value: 600 },
        { indicatorId: text.id, unitId: border.id, year: 2024, value: 1 },
        { indicatorId: ind.id, unitId: border.id, year: 2024, value: 11 },
      ],
    });
    expectError(bad, 'VALIDATION_FAILED');
    expect(fieldPaths(bad)).toEqual([
      'targets.1.unitId',
      'targets.2.indicatorId',
      'targets.3.value',
      'targets.4.value',
      'targets.5.indicatorId',
      'targets.6.indicatorId',
    ]);
    expect(
      await t.db.select().from(indicatorTargets).where(eq(indicatorTargets.indicatorId, ind.id)),
    ).toHaveLength(0);

    const one = { targets: [{ indicatorId: ind.id, unitId: border.id, year: 2024, value: 10 }] };
    expectError(await outsiderLeader.put(`/api/agreements/${agreementId}/targets`, one), 'NOT_FOUND');
    expectError(await outsiderLeader.get(`/api/agreements/${agreementId}/targets`), 'NOT_FOUND');
    expectError(await viewer.put(`/api/agreements/${agreementId}/targets`, one), 'FORBIDDEN');
    expectError(
      await officer.put(`/api/agreements/${agreementId}/targets`, {
        targets: [{ indicatorId: ind.id, unitId: border.id, year: 2024, value: -1 }],
      }),
      'VALIDATION_FAILED',
    );
    expect(
      await t.db.select().from(indicatorTargets).where(eq(indicatorTargets.indicatorId, ind.id)),
    ).toHaveLength(0);
  });
});

describe('XLSX export of the catalogue', () => {
  it('exports readable Vietnamese rows with a frozen, filtered header', async () => {
    const teams = await buildIndicator(t.db, { code: 'XL-01', name: 'Tổ tự quản (xuất)', uom: 'tổ' });
    const res = await leader.post('/api/indicators', {
      code: 'XL-02',
      name: 'Tỷ lệ thành viên là người dân tộc thiểu số',
      uom: '%',
      valueType: 'percentage',
      aggUnits: 'avg',
      aggTime: 'last',
      dedupByLocation: true,
      minValue: 0,
      maxValue: 100,
      required: true,
      disaggregation: {
        code: 'GT',
        name: 'Giới tính',
        categories: [
          { code: 'NAM', name: 'Nam' },
          { code: 'NU', name: 'Nữ' },
        ],
      },
      rules: [{ op: '>=', otherIndicatorId: teams.id }],
    });
    expect(res.statusCode).toBe(201);

    const file = await viewer.get('/api/indicators/export.xlsx?q=xuat');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename="danh-muc-chi-tieu-/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Danh mục chỉ tiêu');
    if (!ws) throw new Error('no sheet');
    const header = ws.getRow(1);
    expect(HEADERS.map((_, i) => header.getCell(i + 1).value)).toEqual(HEADERS);
    expect(header.font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();

    // The list's filters apply: "xuat" matches XL-01 only.
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('XL-01');

    const full = await viewer.get('/api/indicators/export.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    const sheet = wb2.getWorksheet('Danh mục chỉ tiêu')!;
    const total = (await viewer.get('/api/indicators?limit=500')).json().total;
    expect(sheet.rowCount - 1).toBe(total);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const row = rows.find((r) => r.getCell(1).value === 'XL-02');
    if (!row) throw new Error('XL-02 not exported');
    expect(HEADERS.map((_, i) => row.getCell(i + 1).value)).toEqual([
      'XL-02',
      'Tỷ lệ thành viên là người dân tộc thiểu số',
      '%',
      'Tỷ lệ (%)',
      'Trung bình',
      'Giá trị kỳ cuối',
      'Có',
      '0 – 100; bắt buộc nhập',
      'Giới tính: Nam (NAM); Nữ (NU)',
      'XL-02 ≥ XL-01 – Tổ tự quản (xuất)',
      'Nhập trong báo cáo',
    ]);
    const hgd = rows.find((r) => r.getCell(1).value === 'HGD-01');
    expect(hgd?.getCell(4).value).toBe('Số nguyên');
    expect(hgd?.getCell(5).value).toBe('Cộng tổng');
    expect(hgd?.getCell(7).value).toBe('Không');
    const counted = rows.find((r) => r.getCell(1).value === 'NTG-01');
    expect(counted?.getCell(HEADERS.length).value).toBe(
      'Tự động: tin báo (nguồn tin) đã gửi (cộng thêm số liệu nhập trong báo cáo)',
    );
  });
});

import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { findParagraph, readDocx } from '../../../../test/docx.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import { periodLabel } from '../../../contracts/periods.ts';
import { auditLog, awards, meetings, tasks, taskUnits } from '../../db/schema/index.ts';
import { findSoffice } from '../documents/pdf.ts';
import type { AwardOut } from './service.ts';

const t = setupTestApp();
let officer: Client; // cán bộ Bộ Chỉ huy BĐBP tỉnh (đơn vị đề nghị)
let leader: Client; // lãnh đạo Bộ Chỉ huy BĐBP tỉnh
let postOfficer: Client; // Đồn Biên phòng Bát Xát (đơn vị được khen)
let siblingOfficer: Client; // Đồn Biên phòng Mường Khương
let outsider: Client; // Sở Y tế tỉnh Quảng Bình
let border: { id: number };
let post: { id: number };
let ethnic: { id: number };
let agreementId: number;
let meetingId: number;
let otherMeetingId: number;
let taskId: number;
let hiddenTaskId: number;
let reportId: number;
let indicatorId: number;

const FORM = 'Bằng khen của Chủ tịch UBND tỉnh';
const GIAY_KHEN = 'Giấy khen của Bộ Chỉ huy BĐBP tỉnh';

async function insertTask(agreement: number, title: string, lead: number) {
  const [row] = await t.db
    .insert(tasks)
    .values({
      agreementId: agreement,
      title,
      timeframeKind: 'year',
      startDate: '2023-01-01',
      dueDate: '2023-12-31',
      searchText: title,
    })
    .returning({ id: tasks.id });
  await t.db.insert(taskUnits).values({ taskId: row!.id, unitId: lead, role: 'lead' });
  return row!.id;
}

async function insertMeeting(hostUnitId: number, agreement: number | null, title: string) {
  const [row] = await t.db
    .insert(meetings)
    .values({
      agreementId: agreement,
      kind: 'final_review',
      title,
      startsAt: new Date('2024-01-03T01:00:00Z'),
      hostUnitId,
      searchText: title,
    })
    .returning({ id: meetings.id });
  return row!.id;
}

beforeAll(async () => {
  border = await buildUnit(t.db, {
    name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai',
    kind: 'border_command',
    shortName: 'BĐBP',
    provinceName: 'Lào Cai',
  });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Bát Xát', parentId: border.id });
  const sibling = await buildUnit(t.db, { name: 'Đồn Biên phòng Mường Khương', parentId: border.id });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai', shortName: 'BDT' });
  const health = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  const user = (username: string, unitId: number, role: 'officer' | 'leader') =>
    buildUser(t.db, { username, unitId, grants: [{ unitId, role }] });
  await user('cv.bdbp.lc', border.id, 'officer');
  await user('ld.bdbp.lc', border.id, 'leader');
  await user('cv.bx', post.id, 'officer');
  await user('cv.mk', sibling.id, 'officer');
  await user('cv.yte.qb', health.id, 'officer');
  officer = await signIn(t.app, 'cv.bdbp.lc');
  leader = await signIn(t.app, 'ld.bdbp.lc');
  postOfficer = await signIn(t.app, 'cv.bx');
  siblingOfficer = await signIn(t.app, 'cv.mk');
  outsider = await signIn(t.app, 'cv.yte.qb');

  agreementId = (
    await buildAgreement(t.db, {
      kind: 'program',
      status: 'in_effect',
      subject: 'Chương trình phối hợp giai đoạn 2022–2025',
      parties: [ethnic.id, border.id],
    })
  ).id;
  const hidden = await buildAgreement(t.db, { subject: 'Kế hoạch y tế', parties: [health.id] });
  taskId = await insertTask(agreementId, 'Tuyên truyền, vận động đồng bào dân tộc thiểu số', border.id);
  hiddenTaskId = await insertTask(hidden.id, 'Khám bệnh miễn phí', health.id);
  indicatorId = (await buildIndicator(t.db, { code: 'HGD', name: 'Số hộ được giúp đỡ' })).id;
  const form = await buildForm(t.db, {
    agreementId,
    name: 'Báo cáo kết quả phối hợp',
    frequency: 'year',
    indicators: [indicatorId],
    unitIds: [post.id],
    approvalChain: [border.id],
  });
  reportId = (
    await buildReport(t.db, {
      formId: form.id,
      unitId: post.id,
      period: '2023',
      status: 'approved',
      values: [{ indicatorId, value: 1734 }],
    })
  ).id;
  meetingId = await insertMeeting(border.id, agreementId, 'Hội nghị tổng kết năm 2023');
  otherMeetingId = await insertMeeting(health.id, null, 'Hội nghị ngành y tế');
});

const proposal = (over: Record<string, unknown> = {}) => ({
  recipientKind: 'collective',
  unitId: post.id,
  form: FORM,
  achievement: 'Có thành tích xuất sắc trong thực hiện Chương trình phối hợp năm 2023',
  year: 2023,
  ...over,
});

async function create(client: Client, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/awards', proposal(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as AwardOut;
}

describe('proposals and decisions', () => {
  it('creates a proposal with labelled evidence, the meeting’s agreement and the actor’s unit as proposer', async () => {
    const a = await create(officer, {
      meetingId,
      evidence: [
        { type: 'task', id: taskId },
        { type: 'report', id: reportId },
        { type: 'indicator', id: indicatorId },
      ],
    });
    expect(a.stage).toBe('proposal');
    expect(a.unit.name).toBe('Đồn Biên phòng Bát Xát');
    expect(a.proposingUnit?.id).toBe(border.id);
    expect(a.agreementId).toBe(agreementId);
    expect(a.evidence.map((e) => e.label)).toEqual([
      'Nhiệm vụ: Tuyên truyền, vận động đồng bào dân tộc thiểu số',
      `Báo cáo: Báo cáo kết quả phối hợp — Đồn Biên phòng Bát Xát — ${periodLabel('2023')}`,
      'Chỉ tiêu: HGD – Số hộ được giúp đỡ',
    ]);
    expect(a.abilities).toEqual({ update: true, delete: true });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'award'), eq(auditLog.entityId, String(a.id))));
    expect(audit?.action).toBe('award.create');
  });

  it('an individual needs a name, a collective has none', async () => {
    const noName = expectError(
      await officer.post('/api/awards', proposal({ recipientKind: 'individual' })),
      'VALIDATION_FAILED',
    );
    expect(noName.fields?.map((f) => f.path)).toEqual(['personName']);
    const named = expectError(
      await officer.post('/api/awards', proposal({ personName: 'Nguyễn Văn Đức' })),
      'VALIDATION_FAILED',
    );
    expect(named.fields?.map((f) => f.path)).toEqual(['personName']);
  });

  it('a leader turns a proposal into a decision; missing decision fields are named', async () => {
    const a = await create(officer, {
      recipientKind: 'individual',
      personName: 'Lò Văn Páo',
      personTitle: 'Trưởng bản',
    });
    const decide = {
      stage: 'decision',
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2024-01-02',
      decidingBody: 'UBND tỉnh Lào Cai',
    };
    // An officer proposes but does not decide.
    expectError(await officer.patch(`/api/awards/${a.id}`, { ...decide, version: a.version }), 'FORBIDDEN');
    const missing = expectError(
      await leader.patch(`/api/awards/${a.id}`, {
        stage: 'decision',
        decisionNumber: '125/QĐ-UBND',
        version: a.version,
      }),
      'VALIDATION_FAILED',
    );
    expect(missing.fields?.map((f) => f.path).sort()).toEqual(['decidingBody', 'decisionDate']);
    expect(missing.message).toContain('Ngày quyết định');
    const res = await leader.patch(`/api/awards/${a.id}`, { ...decide, version: a.version });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as AwardOut;
    expect(d).toMatchObject({
      stage: 'decision',
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2024-01-02',
      version: a.version + 1,
    });
    // An edit that leaves the stage out keeps the decision.
    const edited = await leader.patch(`/api/awards/${a.id}`, {
      achievement: 'Thành tích đã sửa',
      version: d.version,
    });
    expect(edited.json()).toMatchObject({
      stage: 'decision',
      decisionNumber: '125/QĐ-UBND',
      achievement: 'Thành tích đã sửa',
    });
    d.version += 1;
    // Once decided, the proposer's officer can no longer change or delete it; the leader can.
    expect((await (await officer.get(`/api/awards/${a.id}`)).json()).abilities).toEqual({
      update: false,
      delete: false,
    });
    expectError(await officer.delete(`/api/awards/${a.id}?version=${d.version}`), 'FORBIDDEN');
    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'award'), eq(auditLog.entityId, String(a.id))));
    expect(actions.map((x) => x.action)).toContain('award.decide');
    expect((await leader.delete(`/api/awards/${a.id}?version=${d.version}`)).statusCode).toBe(200);
    expectError(await leader.get(`/api/awards/${a.id}`), 'NOT_FOUND');
  });

  it('a decision entered directly needs a leader and the three decision fields', async () => {
    const body = proposal({ stage: 'decision', unitId: ethnic.id, agreementId });
    const missing = expectError(await leader.post('/api/awards', body), 'VALIDATION_FAILED');
    expect(missing.fields?.map((f) => f.path)).toEqual(['decisionNumber', 'decisionDate', 'decidingBody']);
    const full = {
      ...body,
      decisionNumber: '12/QĐ-BĐBP',
      decisionDate: '2024-01-03',
      decidingBody: 'Bộ Chỉ huy BĐBP tỉnh',
    };
    expectError(await officer.post('/api/awards', full), 'FORBIDDEN');
    expect((await leader.post('/api/awards', full)).statusCode).toBe(201);
  });

  it('a stale version answers 409 and changes nothing', async () => {
    const a = await create(officer, { achievement: 'Thành tích ban đầu' });
    const ok = await officer.patch(`/api/awards/${a.id}`, {
      achievement: 'Thành tích đã sửa',
      version: a.version,
    });
    expect(ok.statusCode).toBe(200);
    const before = (await officer.get(`/api/awards/${a.id}`)).json();
    expectError(
      await officer.patch(`/api/awards/${a.id}`, { achievement: 'Ghi đè', version: a.version }),
      'VERSION_CONFLICT',
    );
    expectError(await officer.delete(`/api/awards/${a.id}?version=${a.version}`), 'VERSION_CONFLICT');
    expect((await officer.get(`/api/awards/${a.id}`)).json()).toEqual(before);
    expect((await officer.delete(`/api/awards/${a.id}?version=${before.version}`)).statusCode).toBe(200);
  });
});

describe('access and links', () => {
  it('the recipient’s subtree and the proposer see it; a sibling post and an outsider get 404', async () => {
    const a = await create(officer, { achievement: 'Khen riêng cho đồn Bát Xát' });
    expect((await postOfficer.get(`/api/awards/${a.id}`)).statusCode).toBe(200);
    expectError(await siblingOfficer.get(`/api/awards/${a.id}`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/awards/${a.id}`), 'NOT_FOUND');
    expectError(
      await outsider.patch(`/api/awards/${a.id}`, { achievement: 'x', version: a.version }),
      'NOT_FOUND',
    );
    expectError(await outsider.delete(`/api/awards/${a.id}?version=${a.version}`), 'NOT_FOUND');
    const list = (await outsider.get('/api/awards')).json();
    expect(list.items.map((x: AwardOut) => x.id)).not.toContain(a.id);
    // The recipient post's officer sees it but cannot edit the command's proposal.
    expectError(
      await postOfficer.patch(`/api/awards/${a.id}`, { achievement: 'x', version: a.version }),
      'FORBIDDEN',
    );
  });

  it('a party leader decides on a proposal citing a task only the proposer sees; the label says so', async () => {
    // A task of another agreement that names the command as cooperating unit: the command sees it,
    // the partner agency does not.
    const other = await buildAgreement(t.db, { subject: 'Kế hoạch riêng', parties: [post.id] });
    const [row] = await t.db
      .insert(tasks)
      .values({
        agreementId: other.id,
        title: 'Tuần tra song phương',
        timeframeKind: 'year',
        searchText: 'tuan tra',
      })
      .returning({ id: tasks.id });
    await t.db.insert(taskUnits).values({ taskId: row!.id, unitId: border.id, role: 'cooperating' });
    const a = await create(officer, { agreementId, evidence: [{ type: 'task', id: row!.id }] });
    expect(a.evidence[0]?.label).toBe('Nhiệm vụ: Tuần tra song phương');
    await buildUser(t.db, {
      username: 'ld.bdt.lc',
      unitId: ethnic.id,
      grants: [{ unitId: ethnic.id, role: 'leader' }],
    });
    const partner = await signIn(t.app, 'ld.bdt.lc');
    const seen = (await partner.get(`/api/awards/${a.id}`)).json() as AwardOut;
    expect(seen.evidence[0]?.label).toContain('không xem được');
    expect(seen.evidence[0]?.label).not.toContain('Tuần tra');
    const res = await partner.patch(`/api/awards/${a.id}`, {
      stage: 'decision',
      decisionNumber: '9/QĐ-BDT',
      decisionDate: '2024-01-05',
      decidingBody: 'Ban Dân tộc tỉnh Lào Cai',
      version: a.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as AwardOut).evidence).toEqual([
      { type: 'task', id: row!.id, label: seen.evidence[0]!.label },
    ]);
    // Adding a task the partner cannot see is refused, naming the new link only.
    const added = expectError(
      await partner.patch(`/api/awards/${a.id}`, {
        evidence: [
          { type: 'task', id: row!.id },
          { type: 'task', id: hiddenTaskId },
        ],
        version: a.version + 1,
      }),
      'VALIDATION_FAILED',
    );
    expect(added.fields?.map((f) => f.path)).toEqual(['evidence[1]']);
  });

  it('evidence that does not exist or is not visible is refused, naming evidence[i]', async () => {
    const res = expectError(
      await officer.post(
        '/api/awards',
        proposal({
          evidence: [
            { type: 'task', id: taskId },
            { type: 'task', id: hiddenTaskId },
            { type: 'report', id: 999_999 },
          ],
        }),
      ),
      'VALIDATION_FAILED',
    );
    expect(res.fields?.map((f) => f.path)).toEqual(['evidence[1]', 'evidence[2]']);
    expect(res.fields?.[0]?.message).toContain('nhiệm vụ');
  });

  it('a meeting or agreement the actor cannot see is refused; a proposer outside the scope is forbidden', async () => {
    expect(
      expectError(
        await officer.post('/api/awards', proposal({ meetingId: otherMeetingId })),
        'VALIDATION_FAILED',
      ).fields?.[0]?.path,
    ).toBe('meetingId');
    const hidden = await buildAgreement(t.db, { subject: 'Văn bản khác', parties: [ethnic.id] });
    expect(
      expectError(
        await postOfficer.post('/api/awards', proposal({ agreementId: hidden.id })),
        'VALIDATION_FAILED',
      ).fields?.[0]?.path,
    ).toBe('agreementId');
    expectError(await postOfficer.post('/api/awards', proposal({ proposingUnitId: border.id })), 'FORBIDDEN');
  });
});

describe('register, filters and export', () => {
  let ids: number[] = [];
  beforeAll(async () => {
    const a = await create(officer, {
      recipientKind: 'individual',
      personName: 'Nguyễn Văn Đức',
      personTitle: 'Đồn trưởng',
      form: GIAY_KHEN,
      year: 2022,
      achievement: 'Hoàn thành xuất sắc nhiệm vụ tuần tra biên giới',
    });
    const b = await create(leader, {
      stage: 'decision',
      unitId: ethnic.id,
      form: GIAY_KHEN,
      year: 2022,
      agreementId,
      achievement: 'Phối hợp tốt trong công tác dân tộc',
      decisionNumber: '77/QĐ-BĐBP',
      decisionDate: '2022-12-30',
      decidingBody: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai',
    });
    ids = [a.id, b.id];
  });

  const list = async (client: Client, query: string) => {
    const res = await client.get(`/api/awards?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: AwardOut[]; total: number };
  };

  it('filters by year, stage, recipient kind, unit subtree and searches without diacritics', async () => {
    const y = await list(officer, 'year=2022');
    expect(y.items.map((a) => a.id).sort()).toEqual([...ids].sort());
    expect((await list(officer, 'year=2022&stage=decision')).items.map((a) => a.id)).toEqual([ids[1]]);
    expect((await list(officer, 'year=2022&recipientKind=individual')).items.map((a) => a.id)).toEqual([
      ids[0],
    ]);
    // The command's subtree includes its border post.
    expect((await list(officer, `year=2022&unitId=${border.id}`)).items.map((a) => a.id)).toEqual([ids[0]]);
    expect((await list(officer, 'q=nguyen van duc')).items.map((a) => a.id)).toEqual([ids[0]]);
    expect((await list(officer, 'q=DON TRUONG')).items.map((a) => a.id)).toEqual([ids[0]]);
    expect((await list(officer, 'q=77/QĐ-BĐBP')).items.map((a) => a.id)).toEqual([ids[1]]);
    expect((await list(officer, 'q=giay khen&year=2022')).total).toBe(2);
    expect((await list(officer, 'q=cong tac dan toc')).items.map((a) => a.id)).toEqual([ids[1]]);
    expect(
      (await list(officer, `meetingId=${meetingId}`)).items.every((a) => a.meetingId === meetingId),
    ).toBe(true);
    const byAgreement = await list(officer, `agreementId=${agreementId}`);
    expect(byAgreement.items.map((a) => a.id)).toContain(ids[1]);
    expect(byAgreement.items.every((a) => a.agreementId === agreementId)).toBe(true);
    const paged = await list(officer, 'year=2022&limit=1&offset=1');
    expect(paged.total).toBe(2);
    expect(paged.items).toHaveLength(1);
    // The sibling post sees neither: not its unit, proposals of the command, the agreement not its.
    expect((await list(outsider, 'year=2022')).total).toBe(0);
  });

  it('exports the register to XLSX with Vietnamese headers, equal to the JSON list', async () => {
    const res = await officer.get('/api/awards/export.xlsx?year=2022');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('khen-thuong-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Khen thưởng')!;
    const rows = ws.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual([
      'STT',
      'Hình thức',
      'Tập thể/Cá nhân',
      'Họ và tên',
      'Chức vụ',
      'Đơn vị',
      'Thành tích',
      'Số quyết định',
      'Ngày quyết định',
      'Cơ quan quyết định',
      'Năm',
    ]);
    const json = (await list(officer, 'year=2022')).items;
    const body = rows.slice(1).map((r) => r.slice(1));
    expect(body).toHaveLength(json.length);
    const cell = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? ''));
    expect(body.map((r) => Array.from({ length: 11 }, (_, i) => cell(r[i])))).toEqual(
      json.map((a, i) => [
        i + 1,
        a.form,
        a.recipientKind === 'collective' ? 'Tập thể' : 'Cá nhân',
        a.personName ?? '',
        a.personTitle ?? '',
        a.unit.name,
        a.achievement,
        a.decisionNumber ?? '',
        a.decisionDate ?? '',
        a.decidingBody ?? '',
        a.year,
      ]),
    );
    expect(body.some((r) => r[3] === 'Nguyễn Văn Đức')).toBe(true);
    const outsiderFile = await outsider.get('/api/awards/export.xlsx?year=2022');
    const owb = new ExcelJS.Workbook();
    await owb.xlsx.load(outsiderFile.rawPayload as unknown as ArrayBuffer);
    expect(owb.getWorksheet('Khen thưởng')!.rowCount).toBe(1);
  });
});

describe('stored row', () => {
  it('keeps the person only for individuals and the search text folded', async () => {
    const a = await create(officer, {
      recipientKind: 'individual',
      personName: 'Hoàng Thị Mỷ',
      personTitle: 'Già làng',
    });
    const res = await officer.patch(`/api/awards/${a.id}`, {
      recipientKind: 'collective',
      version: a.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.db.select().from(awards).where(eq(awards.id, a.id));
    expect(row).toMatchObject({ recipientKind: 'collective', personName: null, personTitle: null });
    expect(row!.searchText).toContain('don bien phong bat xat');
  });
});

describe('commendation list (DOCX)', () => {
  let listMeetingId: number;
  const decision = {
    stage: 'decision',
    decisionNumber: '125/QĐ-UBND',
    decisionDate: '2024-01-02',
    decidingBody: 'UBND tỉnh Lào Cai',
  };
  beforeAll(async () => {
    listMeetingId = await insertMeeting(
      border.id,
      agreementId,
      'Hội nghị tổng kết Chương trình phối hợp năm 2023',
    );
    const add = (over: Record<string, unknown>) =>
      create(leader, { meetingId: listMeetingId, ...decision, ...over });
    await add({ unitId: post.id, achievement: 'Tập thể Đồn Bát Xát: giúp đỡ 1.734 hộ' });
    await add({ unitId: ethnic.id, achievement: 'Phối hợp tuyên truyền ở 80 tổ tự quản' });
    await add({
      recipientKind: 'individual',
      personName: 'Nguyễn Thị Hường',
      personTitle: 'Trưởng phòng',
      unitId: ethnic.id,
      achievement: 'Tham mưu xuất sắc',
    });
    await add({
      recipientKind: 'individual',
      personName: 'Lò Văn Páo',
      personTitle: 'Già làng',
      unitId: post.id,
      form: GIAY_KHEN,
      achievement: 'Người có uy tín tiêu biểu',
    });
  });

  it('groups by form, then collectives and individuals, one table row per award, diacritics intact', async () => {
    const res = await officer.get(`/api/awards/list.docx?meetingId=${listMeetingId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const doc = await readDocx(res.rawPayload);
    expect(findParagraph(doc, 'DANH SÁCH')).toBeDefined();
    expect(doc.text).toContain(
      'Tập thể, cá nhân được khen thưởng tại Hội nghị tổng kết Chương trình phối hợp năm 2023',
    );
    expect(doc.text).toContain('(Kèm theo Quyết định số 125/QĐ-UBND ngày 02/01/2024 của UBND tỉnh Lào Cai)');
    expect(doc.text).toContain('Lào Cai, ngày 03 tháng 01 năm 2024');
    expect(doc.text).toContain('/DS-BĐBP');
    const headings = doc.paragraphs
      .filter((p) => /^(I|II)\. |^\d\. (Tập thể|Cá nhân)$/.test(p.text))
      .map((p) => p.text);
    expect(headings).toEqual([
      'I. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH',
      '1. Tập thể',
      '2. Cá nhân',
      'II. GIẤY KHEN CỦA BỘ CHỈ HUY BĐBP TỈNH',
      '1. Cá nhân',
    ]);
    expect(findParagraph(doc, 'I. BẰNG KHEN')?.style).toBe('Heading1');
    expect(findParagraph(doc, '1. Tập thể')?.style).toBe('Heading2');
    const json = (await (await officer.get(`/api/awards?meetingId=${listMeetingId}`)).json()) as {
      items: AwardOut[];
    };
    const bodyTables = doc.tables.filter((tb) => tb.rows[0]?.[2] === 'Thành tích');
    expect(bodyTables.map((tb) => tb.rows[0]![1])).toEqual([
      'Tên tập thể',
      'Họ và tên, chức vụ, đơn vị',
      'Họ và tên, chức vụ, đơn vị',
    ]);
    const rows = bodyTables.flatMap((tb) => tb.rows.slice(1));
    expect(rows).toHaveLength(json.items.length);
    expect(rows.map((r) => r[2]).sort()).toEqual(json.items.map((a) => a.achievement).sort());
    expect(bodyTables[0]!.rows.slice(1)).toEqual([
      ['1', 'Đồn Biên phòng Bát Xát', 'Tập thể Đồn Bát Xát: giúp đỡ 1.734 hộ'],
      ['2', 'Ban Dân tộc tỉnh Lào Cai', 'Phối hợp tuyên truyền ở 80 tổ tự quản'],
    ]);
    expect(bodyTables[1]!.rows[1]).toEqual([
      '1',
      'Nguyễn Thị Hường, Trưởng phòng, Ban Dân tộc tỉnh Lào Cai',
      'Tham mưu xuất sắc',
    ]);
    expect(bodyTables[2]!.rows[1]).toEqual([
      '1',
      'Lò Văn Páo, Già làng, Đồn Biên phòng Bát Xát',
      'Người có uy tín tiêu biểu',
    ]);
  });

  it('?format=pdf converts through LibreOffice, or says plainly that it is not installed', async () => {
    const res = await officer.get(`/api/awards/list.docx?meetingId=${listMeetingId}&format=pdf`);
    if (await findSoffice()) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expectError(res, 'PDF_UNAVAILABLE');
    }
  });

  it('asks for the subject, the abbreviation, and hides what the actor cannot see', async () => {
    expect(
      expectError(await officer.get('/api/awards/list.docx?year=2023'), 'VALIDATION_FAILED').fields?.[0]
        ?.path,
    ).toBe('meetingId');
    const noAbbr = expectError(
      await officer.get(`/api/awards/list.docx?meetingId=${listMeetingId}&issuingUnitId=${post.id}`),
      'UNIT_ABBREVIATION_MISSING',
    );
    expect(noAbbr.message).toContain('Đồn Biên phòng Bát Xát');
    expectError(await outsider.get(`/api/awards/list.docx?meetingId=${listMeetingId}`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/awards/list.docx?agreementId=${agreementId}`), 'NOT_FOUND');
  });
});

import dayjs from 'dayjs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { agreementParties, taskOccurrences, taskUnits } from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';

const t = setupTestApp();
let officer: Client;
let postOfficer: Client;
let outsider: Client;
let ethnicOfficer: Client;
let agreementId: number;
let border: { id: number };
let ethnic: { id: number };
let post: { id: number };
let other: { id: number };

beforeAll(async () => {
  border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', kind: 'border_command' });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lai Châu' });
  post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Ma Lù Thàng',
    kind: 'border_post',
    parentId: border.id,
  });
  other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Lào Cai' });
  await buildUser(t.db, {
    username: 'cv.bdbp',
    unitId: border.id,
    grants: [{ unitId: border.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cb.malu',
    unitId: post.id,
    grants: [{ unitId: post.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.khac',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  agreementId = (await buildAgreement(t.db, { ownerUnitId: ethnic.id, parties: [border.id, ethnic.id] })).id;
  officer = await signIn(t.app, 'cv.bdbp');
  postOfficer = await signIn(t.app, 'cb.malu');
  await buildUser(t.db, {
    username: 'cv.bdt',
    unitId: ethnic.id,
    grants: [{ unitId: ethnic.id, role: 'officer' }],
  });
  outsider = await signIn(t.app, 'cv.khac');
  ethnicOfficer = await signIn(t.app, 'cv.bdt');
});

const base = () => ({
  title: 'Tuyên truyền, vận động đồng bào dân tộc thiểu số',
  timeframe: { kind: 'quarter', year: 2024, quarter: 2 },
  leadUnitId: ethnic.id,
  cooperatingUnitIds: [border.id],
  implementingUnitIds: [post.id],
});

describe('tasks', () => {
  it('creates a task with resolved time frame, label and units; the implementing post sees it, an outsider gets 404', async () => {
    const res = await officer.post(`/api/agreements/${agreementId}/tasks`, base());
    expect(res.statusCode).toBe(201);
    const task = res.json();
    expect(task).toMatchObject({
      timeframeLabel: 'Quý II/2024',
      startDate: '2024-04-01',
      dueDate: '2024-06-30',
      status: 'not_started',
      overdue: true,
      lead: { id: ethnic.id },
    });
    expect(task.implementing.map((u: { id: number }) => u.id)).toEqual([post.id]);
    const seen = await postOfficer.get(`/api/tasks/${task.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().myRoles).toEqual(['implementing']);
    expect(seen.json().abilities).toMatchObject({ postUpdate: true, setStatus: false, update: false });
    expectError(await outsider.get(`/api/tasks/${task.id}`), 'NOT_FOUND');
    const mine = (await postOfficer.get('/api/tasks/mine')).json();
    expect(mine.items.map((m: { id: number }) => m.id)).toContain(task.id);
    expect((await outsider.get('/api/tasks/mine')).json()).toEqual({ items: [], total: 0 });
  });

  it('lists the months of a monthly recurring task', async () => {
    const res = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      timeframe: { kind: 'recurring', year: 2024, recurrence: 'monthly' },
    });
    expect(res.json().timeframeLabel).toBe('Hằng tháng');
    expect(res.json().occurrences).toHaveLength(12);
    expect(res.json().occurrences[4].periodLabel).toBe('Tháng 5/2024');
  });

  it('refuses a non-party lead unless confirmed as a delegated subordinate of a party', async () => {
    const res = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      leadUnitId: post.id,
    });
    expect(JSON.stringify(expectError(res, 'VALIDATION_FAILED'))).toContain('leadUnitId');
    const stranger = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      leadUnitId: other.id,
      confirmDelegatedLead: true,
    });
    expect(JSON.stringify(expectError(stranger, 'VALIDATION_FAILED'))).toContain('leadUnitId');
    const ok = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      leadUnitId: post.id,
      confirmDelegatedLead: true,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a missing lead and an end before the start', async () => {
    const { leadUnitId: _l, ...noLead } = base();
    expect(
      JSON.stringify(
        expectError(await officer.post(`/api/agreements/${agreementId}/tasks`, noLead), 'VALIDATION_FAILED'),
      ),
    ).toContain('leadUnitId');
    const res = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      timeframe: { kind: 'range', start: '2024-06-30', due: '2024-03-01' },
    });
    expect(JSON.stringify(expectError(res, 'VALIDATION_FAILED'))).toContain('timeframe.due');
    const foreignSection = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      sectionId: 2_000_000,
    });
    expect(expectError(foreignSection, 'VALIDATION_FAILED').fields?.[0]?.path).toBe('sectionId');
  });

  it('does not let an uninvolved unit add tasks (404)', async () => {
    expectError(await outsider.post(`/api/agreements/${agreementId}/tasks`, base()), 'NOT_FOUND');
  });

  it('lets the implementing border post report progress that the lead unit then reads', async () => {
    const task = (await officer.post(`/api/agreements/${agreementId}/tasks`, base())).json();
    const res = await postOfficer.post(`/api/tasks/${task.id}/updates`, {
      unitId: post.id,
      body: 'Đã tổ chức 1 hội nghị tìm hiểu pháp luật cho 120 hộ.',
      progress: 40,
    });
    expect(res.statusCode).toBe(201);
    const seen = (await ethnicOfficer.get(`/api/tasks/${task.id}`)).json();
    expect(seen.updates).toHaveLength(1);
    expect(seen.updates[0]).toMatchObject({
      unit: { id: post.id },
      body: 'Đã tổ chức 1 hội nghị tìm hiểu pháp luật cho 120 hộ.',
    });
    const commented = await ethnicOfficer.post(`/api/tasks/${task.id}/comments`, {
      body: 'Đề nghị gửi kèm danh sách hộ.',
    });
    expect(commented.json().comments[0].body).toBe('Đề nghị gửi kèm danh sách hộ.');
    expect(seen.progress).toBe(0); // only the lead's report moves the task's progress
    expectError(
      await postOfficer.post(`/api/tasks/${task.id}/status`, {
        status: 'in_progress',
        version: seen.version,
      }),
      'FORBIDDEN',
    );
  });

  it('moves status by the lead only along legal transitions; done after the due date is done_late', async () => {
    const task = (await officer.post(`/api/agreements/${agreementId}/tasks`, base())).json();
    const started = await ethnicOfficer.post(`/api/tasks/${task.id}/status`, {
      status: 'in_progress',
      version: task.version,
    });
    expect(started.json().status).toBe('in_progress');
    expectError(
      await ethnicOfficer.post(`/api/tasks/${task.id}/status`, {
        status: 'in_progress',
        version: task.version,
      }),
      'VERSION_CONFLICT',
    );
    expectError(
      await ethnicOfficer.post(`/api/tasks/${task.id}/status`, {
        status: 'not_started',
        version: started.json().version,
      }),
      'ILLEGAL_TRANSITION',
    );
    expect(
      JSON.stringify(
        expectError(
          await ethnicOfficer.post(`/api/tasks/${task.id}/status`, {
            status: 'cancelled',
            version: started.json().version,
          }),
          'VALIDATION_FAILED',
        ),
      ),
    ).toContain('cancelReason');
    const done = await ethnicOfficer.post(`/api/tasks/${task.id}/status`, {
      status: 'done',
      version: started.json().version,
    });
    expect(done.json()).toMatchObject({ status: 'done_late', progress: 100, overdue: false });
  });
});

describe('recurring tasks', () => {
  it('is overdue while a past period is not ticked off; the lead unit ticks it, others may not', async () => {
    const year = Number(todayInVietnam().slice(0, 4)) + 1;
    const created = (
      await ethnicOfficer.post(`/api/agreements/${agreementId}/tasks`, {
        ...base(),
        title: 'Báo cáo tình hình an ninh trật tự khu vực biên giới hằng tháng',
        timeframe: { kind: 'recurring', year, recurrence: 'monthly' },
      })
    ).json();
    expect(created.overdue).toBe(false);
    // The first period falls due yesterday (as it will once its month is over).
    const first = created.occurrences[0];
    await t.db
      .update(taskOccurrences)
      .set({ dueDate: dayjs(todayInVietnam()).subtract(1, 'day').format('YYYY-MM-DD') })
      .where(eq(taskOccurrences.id, first.id));
    const late = (await ethnicOfficer.get(`/api/tasks/${created.id}`)).json();
    expect(late.overdue).toBe(true);
    const overdueList = (
      await ethnicOfficer.get(`/api/tasks?agreementId=${agreementId}&status=overdue&limit=500`)
    ).json();
    expect(overdueList.items.map((x: { id: number }) => x.id)).toContain(created.id);

    const url = `/api/tasks/${created.id}/occurrences/${first.id}`;
    expectError(await postOfficer.post(url, { done: true, version: late.version }), 'FORBIDDEN');
    expectError(await ethnicOfficer.post(url, { done: true, version: late.version + 5 }), 'VERSION_CONFLICT');
    const ticked = await ethnicOfficer.post(url, { done: true, version: late.version });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.json().occurrences[0].completedOn).toBe(todayInVietnam());
    expect(ticked.json().overdue).toBe(false);
    const undone = await ethnicOfficer.post(url, { done: false, version: ticked.json().version });
    expect(undone.json().overdue).toBe(true);
  });
});

describe('bad input and faults', () => {
  it('refuses two leads: the API takes one lead unit and the database keeps at most one', async () => {
    const res = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      leadUnitId: [ethnic.id, border.id],
    });
    expect(JSON.stringify(expectError(res, 'VALIDATION_FAILED'))).toContain('leadUnitId');
    const created = (await officer.post(`/api/agreements/${agreementId}/tasks`, base())).json();
    await expect(
      t.db.insert(taskUnits).values({ taskId: created.id, unitId: border.id, role: 'lead' }),
    ).rejects.toThrow();
    const after = (await officer.get(`/api/tasks/${created.id}`)).json();
    expect(after.lead.id).toBe(ethnic.id);
  });

  it('keeps a unit that is named on tasks or is a party (409 naming where), data unchanged', async () => {
    await buildUser(t.db, {
      username: 'qt.he.thong',
      unitId: null,
      grants: [{ unitId: null, role: 'admin' }],
    });
    const admin = await signIn(t.app, 'qt.he.thong');
    const office = await buildUnit(t.db, { name: 'Phòng Dân tộc huyện Phong Thổ' });
    const task = await officer.post(`/api/agreements/${agreementId}/tasks`, {
      ...base(),
      cooperatingUnitIds: [office.id],
    });
    expect(task.statusCode).toBe(201);
    const version = (await admin.get(`/api/units/${office.id}`)).json().version;
    const body = expectError(await admin.delete(`/api/units/${office.id}?version=${version}`), 'UNIT_IN_USE');
    expect(body.fields?.[0]?.message).toBe('Đơn vị có tên trong 1 nhiệm vụ.');
    expect((await admin.get(`/api/units/${office.id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/tasks/${task.json().id}`)).json().cooperating).toEqual([
      expect.objectContaining({ id: office.id }),
    ]);

    const partyOnly = await buildUnit(t.db, { name: 'Hội Liên hiệp Phụ nữ tỉnh Lai Châu' });
    await t.db.insert(agreementParties).values({ agreementId, unitId: partyOnly.id, position: 9 });
    const partyVersion = (await admin.get(`/api/units/${partyOnly.id}`)).json().version;
    const party = expectError(
      await admin.delete(`/api/units/${partyOnly.id}?version=${partyVersion}`),
      'UNIT_IN_USE',
    );
    expect(party.fields?.[0]?.message).toBe('Đơn vị là bên tham gia của 1 văn bản phối hợp.');
  });
});

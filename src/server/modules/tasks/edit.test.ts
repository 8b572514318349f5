import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import {
  agreementParties,
  agreements,
  auditLog,
  taskOccurrences,
  tasks,
  taskUnits,
} from '../../db/schema/index.ts';

const t = setupTestApp();
let officer: Client;
let leader: Client;
let outsider: Client;
let agreementId: number;
let border: { id: number };
let ethnic: { id: number };
let post: { id: number };
let other: { id: number };

beforeAll(async () => {
  border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Hà Giang', kind: 'border_command' });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Hà Giang' });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Lũng Cú', kind: 'border_post', parentId: border.id });
  other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Cao Bằng' });
  await buildUser(t.db, {
    username: 'cv.hg',
    unitId: ethnic.id,
    grants: [{ unitId: ethnic.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'ld.hg',
    unitId: border.id,
    grants: [{ unitId: border.id, role: 'leader' }],
  });
  await buildUser(t.db, {
    username: 'cv.cb',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  agreementId = (await buildAgreement(t.db, { ownerUnitId: ethnic.id, parties: [border.id, ethnic.id] })).id;
  officer = await signIn(t.app, 'cv.hg');
  leader = await signIn(t.app, 'ld.hg');
  outsider = await signIn(t.app, 'cv.cb');
});

const newTask = async (over: Record<string, unknown> = {}) => {
  const res = await officer.post(`/api/agreements/${agreementId}/tasks`, {
    title: 'Tuyên truyền pháp luật cho đồng bào vùng biên',
    timeframe: { kind: 'quarter', year: 2024, quarter: 2 },
    leadUnitId: ethnic.id,
    cooperatingUnitIds: [border.id],
    implementingUnitIds: [post.id],
    ...over,
  });
  expect(res.statusCode).toBe(201);
  return res.json();
};

const fieldsOf = (body: { fields?: { path: string }[] }) => (body.fields ?? []).map((f) => f.path);

describe('editing tasks', () => {
  it('edits fields, keeps the units not mentioned, re-resolves the time frame and audits', async () => {
    const task = await newTask();
    const sec = (
      await officer.post(`/api/agreements/${agreementId}/sections`, { title: 'Về tuyên truyền' })
    ).json();
    const res = await officer.patch(`/api/tasks/${task.id}`, {
      version: task.version,
      title: 'Tuyên truyền, phổ biến pháp luật về biên giới quốc gia',
      expectedOutput: 'Báo cáo kết quả',
      sectionId: sec.id,
      timeframe: { kind: 'half', year: 2024, half: 2 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Tuyên truyền, phổ biến pháp luật về biên giới quốc gia',
      expectedOutput: 'Báo cáo kết quả',
      sectionId: sec.id,
      sectionTitle: 'Về tuyên truyền',
      timeframeLabel: '6 tháng cuối năm 2024',
      startDate: '2024-07-01',
      dueDate: '2024-12-31',
      version: task.version + 1,
      lead: { id: ethnic.id },
    });
    expect(res.json().cooperating.map((u: { id: number }) => u.id)).toEqual([border.id]);
    expect(res.json().implementing.map((u: { id: number }) => u.id)).toEqual([post.id]);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.update'), eq(auditLog.entityId, String(task.id))));
    expect(audit?.before).toMatchObject({ title: task.title });
    expect(audit?.after).toMatchObject({ title: 'Tuyên truyền, phổ biến pháp luật về biên giới quốc gia' });
  });

  it('refuses a section of another agreement and an end before the start, naming the field', async () => {
    const task = await newTask();
    const bad = await officer.patch(`/api/tasks/${task.id}`, {
      version: task.version,
      timeframe: { kind: 'range', start: '2024-06-30', due: '2024-03-01' },
    });
    expect(fieldsOf(expectError(bad, 'VALIDATION_FAILED'))).toContain('timeframe.due');
    const [otherPlan] = await t.db
      .insert(agreements)
      .values({ kind: 'plan', subject: 'Kế hoạch khác', ownerUnitId: ethnic.id, searchText: 'ke hoach khac' })
      .returning();
    await t.db.insert(agreementParties).values([
      { agreementId: otherPlan!.id, unitId: ethnic.id },
      { agreementId: otherPlan!.id, unitId: border.id },
    ]);
    const foreign = (
      await officer.post(`/api/agreements/${otherPlan!.id}/sections`, { title: 'Khác' })
    ).json();
    const res = await officer.patch(`/api/tasks/${task.id}`, {
      version: task.version,
      sectionId: foreign.id,
    });
    expect(fieldsOf(expectError(res, 'VALIDATION_FAILED'))).toContain('sectionId');
    expect((await officer.get(`/api/tasks/${task.id}`)).json().version).toBe(task.version);
  });

  it('regenerates occurrences, keeping the completion of those whose due date stays', async () => {
    const task = await newTask({ timeframe: { kind: 'recurring', year: 2024, recurrence: 'monthly' } });
    await t.db
      .update(taskOccurrences)
      .set({ completedOn: '2024-03-30' })
      .where(and(eq(taskOccurrences.taskId, task.id), eq(taskOccurrences.dueDate, '2024-03-31')));
    const res = await officer.patch(`/api/tasks/${task.id}`, {
      version: task.version,
      timeframe: { kind: 'recurring', year: 2024, recurrence: 'quarterly' },
    });
    expect(res.statusCode).toBe(200);
    const occ = res.json().occurrences;
    expect(occ.map((o: { dueDate: string }) => o.dueDate)).toEqual([
      '2024-03-31',
      '2024-06-30',
      '2024-09-30',
      '2024-12-31',
    ]);
    expect(occ[0]).toMatchObject({ periodLabel: 'Quý I/2024', completedOn: '2024-03-30' });
  });

  it('lets a party leader reassign the lead; an officer gets 403; there is never a second lead', async () => {
    const task = await newTask();
    expectError(
      await officer.patch(`/api/tasks/${task.id}`, { version: task.version, leadUnitId: border.id }),
      'FORBIDDEN',
    );
    expectError(
      await officer.post(`/api/tasks/${task.id}/reassign`, { version: task.version, leadUnitId: border.id }),
      'FORBIDDEN',
    );
    const res = await leader.patch(`/api/tasks/${task.id}`, {
      version: task.version,
      leadUnitId: border.id,
      cooperatingUnitIds: [border.id, ethnic.id],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().lead.id).toBe(border.id);
    expect(res.json().cooperating.map((u: { id: number }) => u.id)).toEqual([ethnic.id]);
    const leads = await t.db
      .select()
      .from(taskUnits)
      .where(and(eq(taskUnits.taskId, task.id), eq(taskUnits.role, 'lead')));
    expect(leads).toHaveLength(1);

    // Same lead rule as creating: a subordinate of a party only when confirmed.
    const v = res.json().version;
    const unconfirmed = await leader.post(`/api/tasks/${task.id}/reassign`, {
      version: v,
      leadUnitId: post.id,
    });
    expect(fieldsOf(expectError(unconfirmed, 'VALIDATION_FAILED'))).toContain('leadUnitId');
    const stranger = await leader.post(`/api/tasks/${task.id}/reassign`, {
      version: v,
      leadUnitId: other.id,
      confirmDelegatedLead: true,
    });
    expect(fieldsOf(expectError(stranger, 'VALIDATION_FAILED'))).toContain('leadUnitId');
    const ok = await leader.post(`/api/tasks/${task.id}/reassign`, {
      version: v,
      leadUnitId: post.id,
      confirmDelegatedLead: true,
      reason: 'Giao đồn biên phòng trực tiếp thực hiện',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().lead.id).toBe(post.id);
    expect(ok.json().implementing).toEqual([]);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.reassign'), eq(auditLog.entityId, String(task.id))));
    expect(audit?.before).toMatchObject({ leadUnitId: border.id });
    expect(audit?.after).toMatchObject({
      leadUnitId: post.id,
      reason: 'Giao đồn biên phòng trực tiếp thực hiện',
    });
  });

  it('keeps the first of two concurrent edits: the second gets 409 and changes nothing', async () => {
    const task = await newTask();
    const loadedA = (await officer.get(`/api/tasks/${task.id}`)).json();
    const loadedB = (await leader.get(`/api/tasks/${task.id}`)).json();
    expect(loadedA.version).toBe(loadedB.version);
    const first = await officer.patch(`/api/tasks/${task.id}`, {
      version: loadedA.version,
      title: 'Bản sửa của người thứ nhất',
    });
    expect(first.statusCode).toBe(200);
    const second = await leader.patch(`/api/tasks/${task.id}`, {
      version: loadedB.version,
      title: 'Bản sửa của người thứ hai',
      leadUnitId: border.id,
    });
    expectError(second, 'VERSION_CONFLICT');
    const now = (await officer.get(`/api/tasks/${task.id}`)).json();
    expect(now).toMatchObject({
      title: 'Bản sửa của người thứ nhất',
      version: loadedA.version + 1,
      lead: { id: ethnic.id },
    });
  });

  it('hides the task from outsiders (404) and refuses edits by a unit only named on it (403)', async () => {
    const task = await newTask();
    expectError(
      await outsider.patch(`/api/tasks/${task.id}`, { version: task.version, title: 'X' }),
      'NOT_FOUND',
    );
    await buildUser(t.db, {
      username: 'cb.lungcu',
      unitId: post.id,
      grants: [{ unitId: post.id, role: 'officer' }],
    });
    const postOfficer = await signIn(t.app, 'cb.lungcu');
    expectError(
      await postOfficer.patch(`/api/tasks/${task.id}`, { version: task.version, title: 'X' }),
      'FORBIDDEN',
    );
  });

  it('deletes with the current version only, auditing the before-image', async () => {
    const task = await newTask();
    expectError(
      await officer.delete(`/api/tasks/${task.id}?version=${task.version + 5}`),
      'VERSION_CONFLICT',
    );
    expectError(await outsider.delete(`/api/tasks/${task.id}?version=${task.version}`), 'NOT_FOUND');
    const res = await officer.delete(`/api/tasks/${task.id}?version=${task.version}`);
    expect(res.statusCode).toBe(200);
    expectError(await officer.get(`/api/tasks/${task.id}`), 'NOT_FOUND');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.delete'), eq(auditLog.entityId, String(task.id))));
    expect(audit?.before).toMatchObject({
      title: task.title,
      leadUnitId: ethnic.id,
      implementingUnitIds: [post.id],
    });
  });

  it('reorders the tasks of the agreement 1..n, and moves tasks into a section', async () => {
    const [a] = await t.db
      .insert(agreements)
      .values({ kind: 'plan', subject: 'Kế hoạch sắp xếp', ownerUnitId: ethnic.id, searchText: 'sap xep' })
      .returning();
    const aid = a!.id;
    await t.db.insert(agreementParties).values([
      { agreementId: aid, unitId: ethnic.id },
      { agreementId: aid, unitId: border.id },
    ]);
    const mk = async (title: string) =>
      (
        await officer.post(`/api/agreements/${aid}/tasks`, {
          title,
          timeframe: { kind: 'year', year: 2024 },
          leadUnitId: ethnic.id,
        })
      ).json().id as number;
    const [t1, t2, t3] = [await mk('Một'), await mk('Hai'), await mk('Ba')];
    const res = await officer.post(`/api/agreements/${aid}/tasks/reorder`, { ids: [t3, t1, t2] });
    expect(res.statusCode).toBe(200);
    const rows = await t.db
      .select({ id: tasks.id, position: tasks.position })
      .from(tasks)
      .where(eq(tasks.agreementId, aid));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.position]))).toEqual({ [t3!]: 1, [t1!]: 2, [t2!]: 3 });

    // Missing, repeated or foreign ids → 400 naming ids.
    const missing = await officer.post(`/api/agreements/${aid}/tasks/reorder`, { ids: [t1, t2] });
    expect(fieldsOf(expectError(missing, 'VALIDATION_FAILED'))).toContain('ids');
    const foreign = await newTask();
    const bad = await officer.post(`/api/agreements/${aid}/tasks/reorder`, { ids: [t1, t2, t3, foreign.id] });
    expect(fieldsOf(expectError(bad, 'VALIDATION_FAILED'))).toContain('ids');
    expectError(
      await outsider.post(`/api/agreements/${aid}/tasks/reorder`, { ids: [t1, t2, t3] }),
      'NOT_FOUND',
    );

    // Move t2 and t1 (in that order) into a section.
    const sec = (await officer.post(`/api/agreements/${aid}/sections`, { title: 'Nội dung 1' })).json();
    const moved = await officer.post(`/api/agreements/${aid}/tasks/reorder`, {
      ids: [t2, t1],
      sectionId: sec.id,
    });
    expect(moved.statusCode).toBe(200);
    const after = await t.db
      .select({ id: tasks.id, sectionId: tasks.sectionId, position: tasks.position })
      .from(tasks)
      .where(eq(tasks.agreementId, aid));
    expect(after.find((r) => r.id === t2)).toMatchObject({ sectionId: sec.id, position: 1 });
    expect(after.find((r) => r.id === t1)).toMatchObject({ sectionId: sec.id, position: 2 });
    expect(after.find((r) => r.id === t3)).toMatchObject({ sectionId: null, position: 1 });
    // A section's full content must be listed.
    const partial = await officer.post(`/api/agreements/${aid}/tasks/reorder`, {
      ids: [t1],
      sectionId: sec.id,
    });
    expect(fieldsOf(expectError(partial, 'VALIDATION_FAILED'))).toContain('ids');
  });
});

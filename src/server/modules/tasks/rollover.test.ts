import { and, asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import {
  agreementParties,
  agreements,
  agreementVersions,
  auditLog,
  sections,
  taskOccurrences,
  tasks,
  taskUnits,
} from '../../db/schema/index.ts';

const t = setupTestApp();
let officer: Client;
let partyOfficer: Client;
let outsider: Client;
let border: { id: number };
let ethnic: { id: number };
let post: { id: number };
let programId: number;
let planId: number;
const ids = {} as Record<'unfinished' | 'started' | 'done' | 'recurringDone' | 'cancelled' | 'dated', number>;
const secs = {} as Record<'used' | 'empty' | 'finished', number>;

beforeAll(async () => {
  border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Điện Biên', kind: 'border_command' });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Điện Biên' });
  post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng A Pa Chải',
    kind: 'border_post',
    parentId: border.id,
  });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Sơn La' });
  await buildUser(t.db, {
    username: 'cv.bdt.db',
    unitId: ethnic.id,
    grants: [{ unitId: ethnic.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.bdbp.db',
    unitId: border.id,
    grants: [{ unitId: border.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.yte.sl',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  officer = await signIn(t.app, 'cv.bdt.db');
  partyOfficer = await signIn(t.app, 'cv.bdbp.db');
  outsider = await signIn(t.app, 'cv.yte.sl');

  const parties = [ethnic.id, { unitId: border.id, signatoryName: 'Nguyễn Văn A' }];
  programId = (
    await buildAgreement(t.db, {
      kind: 'program',
      subject: 'Chương trình phối hợp giai đoạn 2021-2025',
      status: 'in_effect',
      validFrom: '2021-01-01',
      validTo: '2025-12-31',
      parties,
    })
  ).id;
  planId = (
    await buildAgreement(t.db, {
      programId,
      status: 'in_effect',
      purpose: 'Nâng cao hiệu quả phối hợp',
      parties,
    })
  ).id;
  const section = async (title: string) =>
    (await officer.post(`/api/agreements/${planId}/sections`, { title })).json().id as number;
  secs.used = await section('Về tuyên truyền, vận động');
  secs.empty = await section('Về xây dựng lực lượng');
  secs.finished = await section('Về khám chữa bệnh');
  const task = async (title: string, over: Record<string, unknown>) => {
    const res = await officer.post(`/api/agreements/${planId}/tasks`, {
      title,
      leadUnitId: ethnic.id,
      cooperatingUnitIds: [border.id],
      implementingUnitIds: [post.id],
      sectionId: secs.used,
      timeframe: { kind: 'quarter', year: 2024, quarter: 2 },
      ...over,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  };
  ids.unfinished = await task('Tuyên truyền về đường biên, mốc quốc giới', {});
  ids.started = await task('Vận động đồng bào không di cư tự do', {
    timeframe: { kind: 'date', due: '2024-02-29' },
  });
  ids.done = await task('Tổng kết công tác năm', { sectionId: secs.finished });
  ids.recurringDone = await task('Giao ban định kỳ hằng quý', {
    timeframe: { kind: 'recurring', year: 2024, recurrence: 'quarterly' },
  });
  ids.cancelled = await task('Hội thảo đã hủy', {});
  ids.dated = await task('Kiểm tra liên ngành', {
    timeframe: { kind: 'range', start: '2024-03-01', due: '2024-04-15' },
  });
  await t.db.update(tasks).set({ status: 'in_progress', progress: 40 }).where(eq(tasks.id, ids.started));
  await t.db
    .update(tasks)
    .set({ status: 'done', progress: 100 })
    .where(inArray(tasks.id, [ids.done, ids.recurringDone, ids.dated]));
  await t.db
    .update(tasks)
    .set({ status: 'cancelled', cancelReason: 'Không bố trí được kinh phí' })
    .where(eq(tasks.id, ids.cancelled));
});

describe('roll-over to next year', () => {
  it('proposes the unfinished and recurring tasks with time frames shifted to the new year', async () => {
    const res = await officer.get(`/api/agreements/${planId}/rollover?year=2025`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ year: 2025, subject: 'Kế hoạch phối hợp năm 2025', canCreate: true });
    expect(p.source).toMatchObject({ id: planId, year: 2024, programId });
    const byId = Object.fromEntries(p.tasks.map((x: { id: number }) => [x.id, x]));
    expect(Object.keys(byId).map(Number).sort()).toEqual(
      [ids.unfinished, ids.started, ids.recurringDone].sort(),
    );
    expect(byId[ids.unfinished]).toMatchObject({
      reason: 'unfinished',
      timeframeLabel: 'Quý II/2025',
      startDate: '2025-04-01',
      dueDate: '2025-06-30',
      lead: { id: ethnic.id, name: 'Ban Dân tộc tỉnh Điện Biên' },
    });
    expect(byId[ids.started]).toMatchObject({
      reason: 'unfinished',
      dueDate: '2025-02-28',
      status: 'in_progress',
    });
    expect(byId[ids.recurringDone]).toMatchObject({
      reason: 'recurring',
      timeframeLabel: 'Hằng quý',
      status: 'done',
    });
    expect(p.sections.map((s: { id: number }) => s.id)).toEqual([secs.used, secs.empty, secs.finished]);
    // Default year: the one after the plan's.
    expect((await officer.get(`/api/agreements/${planId}/rollover`)).json().year).toBe(2025);
    expect((await partyOfficer.get(`/api/agreements/${planId}/rollover`)).json().canCreate).toBe(false);
    expectError(await outsider.get(`/api/agreements/${planId}/rollover`), 'NOT_FOUND');
  });

  it('refuses a year outside the program phase (400 naming year) and a user who is not an officer of the owner', async () => {
    const body = { year: 2026, taskIds: [ids.unfinished] };
    const res = await officer.post(`/api/agreements/${planId}/rollover`, body);
    expect(expectError(res, 'VALIDATION_FAILED').fields?.map((f) => f.path)).toContain('year');
    expectError(
      await partyOfficer.post(`/api/agreements/${planId}/rollover`, { ...body, year: 2025 }),
      'FORBIDDEN',
    );
    expectError(
      await outsider.post(`/api/agreements/${planId}/rollover`, { ...body, year: 2025 }),
      'NOT_FOUND',
    );
    const foreign = await officer.post(`/api/agreements/${planId}/rollover`, {
      year: 2025,
      taskIds: [999_999],
    });
    expect(expectError(foreign, 'VALIDATION_FAILED').fields?.map((f) => f.path)).toContain('taskIds');
    const plans = await t.db
      .select()
      .from(agreements)
      .where(and(eq(agreements.programId, programId), eq(agreements.year, 2025)));
    expect(plans).toEqual([]);
  });

  it('creates the draft plan of the new year with the chosen tasks, then refuses a second one (409)', async () => {
    const chosen = [ids.unfinished, ids.started, ids.recurringDone];
    const res = await officer.post(`/api/agreements/${planId}/rollover`, { year: 2025, taskIds: chosen });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ status: 'draft', version: 1 });

    const [plan] = await t.db.select().from(agreements).where(eq(agreements.id, created.id));
    expect(plan).toMatchObject({
      kind: 'plan',
      programId,
      year: 2025,
      status: 'draft',
      subject: 'Kế hoạch phối hợp năm 2025',
      ownerUnitId: ethnic.id,
      purpose: 'Nâng cao hiệu quả phối hợp',
    });
    const parties = await t.db
      .select()
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, created.id))
      .orderBy(asc(agreementParties.position));
    expect(parties.map((p) => p.unitId)).toEqual([ethnic.id, border.id]);
    const versions = await t.db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.agreementId, created.id));
    expect(versions).toMatchObject([{ number: 1, kind: 'draft', subject: 'Kế hoạch phối hợp năm 2025' }]);

    // Sections used by the chosen tasks plus the empty ones; not the one whose tasks were all left behind.
    const newSections = await t.db
      .select()
      .from(sections)
      .where(eq(sections.agreementId, created.id))
      .orderBy(asc(sections.position));
    expect(newSections.map((s) => [s.position, s.title])).toEqual([
      [1, 'Về tuyên truyền, vận động'],
      [2, 'Về xây dựng lực lượng'],
    ]);

    const copied = await t.db
      .select()
      .from(tasks)
      .where(eq(tasks.agreementId, created.id))
      .orderBy(asc(tasks.position));
    expect(copied.map((c) => c.carriedFromId)).toEqual(chosen);
    for (const c of copied) {
      expect(c).toMatchObject({
        status: 'not_started',
        progress: 0,
        sectionId: newSections[0]!.id,
        completedOn: null,
      });
    }
    expect(copied[0]).toMatchObject({
      timeframeKind: 'quarter',
      startDate: '2025-04-01',
      dueDate: '2025-06-30',
    });
    expect(copied[1]).toMatchObject({ timeframeKind: 'date', dueDate: '2025-02-28' });
    expect(copied[2]).toMatchObject({
      timeframeKind: 'recurring',
      recurrence: 'quarterly',
      dueDate: '2025-12-31',
    });
    const occ = await t.db.select().from(taskOccurrences).where(eq(taskOccurrences.taskId, copied[2]!.id));
    expect(occ.map((o) => o.periodLabel).sort()).toEqual([
      'Quý I/2025',
      'Quý II/2025',
      'Quý III/2025',
      'Quý IV/2025',
    ]);
    const named = await t.db.select().from(taskUnits).where(eq(taskUnits.taskId, copied[0]!.id));
    expect(Object.fromEntries(named.map((u) => [u.role, u.unitId]))).toEqual({
      lead: ethnic.id,
      cooperating: border.id,
      implementing: post.id,
    });
    // The new plan is readable through the API like any other task.
    const detail = (await officer.get(`/api/tasks/${copied[0]!.id}`)).json();
    expect(detail).toMatchObject({
      timeframeLabel: 'Quý II/2025',
      agreementSubject: 'Kế hoạch phối hợp năm 2025',
    });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'agreement.rollover'), eq(auditLog.entityId, String(created.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ sourceId: planId, year: 2025 });

    const again = await officer.post(`/api/agreements/${planId}/rollover`, {
      year: 2025,
      subject: 'Kế hoạch khác năm 2025',
      taskIds: [ids.unfinished],
    });
    const err = expectError(again, 'PLAN_YEAR_EXISTS');
    expect(err.fields?.[0]?.message).toContain('Kế hoạch phối hợp năm 2025');
    const count = await t.db
      .select()
      .from(agreements)
      .where(and(eq(agreements.programId, programId), eq(agreements.year, 2025)));
    expect(count).toHaveLength(1);
  });
});

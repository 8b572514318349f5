import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import {
  buildForm,
  buildIndicator,
  buildReport,
  type FactoryValue,
} from '../../../../test/reportFactories.ts';
import type { RollupOut } from '../../../contracts/reports.ts';
import {
  indicatorTargets,
  reportEvents,
  reports,
  reportValueYears,
  tasks,
  taskUnits,
  unitParentHistory,
  unitSuccessors,
  units,
} from '../../db/schema/index.ts';
import { refreshValueYears } from './store.ts';
import {
  MATRIX_HEADER_ROW,
  ROLLUP_HEADER_ROW,
  ROLLUP_HEADERS,
  TOTAL_LABEL,
  TREND_HEADER_ROW,
  TREND_HEADERS,
} from './xlsx.ts';

// A small program with hand-computed totals. Bộ Chỉ huy BĐBP tỉnh (command) with border
// posts Tả Gia Khâu (A) and Y Tý (B); a work team (T) under A moves to B on 1 July 2024.
// Ban Dân tộc tỉnh (ethnic) with the district ethnic-affairs office (O), dissolved on
// 30 June 2025 and succeeded by a commune office (S). A and O both report households helped
// in Xã Tả Gia Khâu.
const t = setupTestApp();
type U = { id: number; path: string };
let command: U, postA: U, postB: U, team: U, ethnic: U, office: U, successor: U, outsiderUnit: U;
let admin: Client, leader: Client, officerA: Client, outsider: Client, ethnicLeader: Client;
let programId: number, plan2Id: number, quarterlyFormId: number, monthlyFormId: number;
const ind = {} as Record<'HO' | 'NT' | 'TO' | 'TL', number>;
const report = {} as Record<string, number>;

const at = (iso: string) => new Date(`${iso}T03:00:00Z`); // 10:00 in Vietnam

beforeAll(async () => {
  command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  postA = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Tả Gia Khâu',
    kind: 'border_post',
    parentId: command.id,
  });
  postB = await buildUnit(t.db, { name: 'Đồn Biên phòng Y Tý', kind: 'border_post', parentId: command.id });
  team = await buildUnit(t.db, { name: 'Tổ công tác 1', parentId: postA.id });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai', kind: 'ethnic_affairs' });
  office = await buildUnit(t.db, {
    name: 'Phòng Dân tộc huyện Mường Khương',
    kind: 'ethnic_affairs',
    parentId: ethnic.id,
  });
  successor = await buildUnit(t.db, { name: 'Phòng Văn hóa - Xã hội xã Mường Khương', parentId: ethnic.id });
  outsiderUnit = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Quảng Bình' });

  await buildUser(t.db, { username: 'qt.rollup', grants: [{ unitId: null, role: 'admin' }] });
  await buildUser(t.db, {
    username: 'ld.bdbp.lc',
    unitId: command.id,
    grants: [{ unitId: command.id, role: 'leader' }],
  });
  await buildUser(t.db, {
    username: 'cb.tgk',
    unitId: postA.id,
    grants: [{ unitId: postA.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.yte',
    unitId: outsiderUnit.id,
    grants: [{ unitId: outsiderUnit.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'ld.bdt.lc',
    unitId: ethnic.id,
    grants: [{ unitId: ethnic.id, role: 'leader' }],
  });
  [admin, leader, officerA, outsider, ethnicLeader] = (await Promise.all(
    ['qt.rollup', 'ld.bdbp.lc', 'cb.tgk', 'cv.yte', 'ld.bdt.lc'].map((u) => signIn(t.app, u)),
  )) as [Client, Client, Client, Client, Client];

  ind.HO = (
    await buildIndicator(t.db, {
      code: 'HO_GIUP_DO',
      name: 'Hộ gia đình được giúp đỡ',
      dedupByLocation: true,
    })
  ).id;
  ind.NT = (await buildIndicator(t.db, { code: 'NGUON_TIN', name: 'Nguồn tin', uom: 'nguồn tin' })).id;
  ind.TO = (
    await buildIndicator(t.db, {
      code: 'TO_TU_QUAN',
      name: 'Tổ tự quản đường biên',
      uom: 'tổ',
      aggTime: 'last',
    })
  ).id;
  ind.TL = (
    await buildIndicator(t.db, {
      code: 'TY_LE',
      name: 'Tỷ lệ hộ được tuyên truyền',
      uom: '%',
      valueType: 'percentage',
      aggUnits: 'avg',
      aggTime: 'avg',
    })
  ).id;

  const program = await buildAgreement(t.db, {
    kind: 'program',
    subject: 'Chương trình phối hợp BĐBP – Ban Dân tộc tỉnh Lào Cai',
    status: 'in_effect',
    year: null,
    validFrom: '2022-01-01',
    validTo: '2025-12-31',
    parties: [command.id, ethnic.id],
  });
  programId = program.id;
  const quarterly = await buildForm(t.db, {
    agreementId: programId,
    name: 'Báo cáo quý',
    indicators: [ind.HO, ind.NT, ind.TO, ind.TL],
    unitIds: [postA.id, postB.id, team.id, office.id],
    approvalChain: [command.id],
  });
  quarterlyFormId = quarterly.id;
  const annual = await buildForm(t.db, {
    agreementId: programId,
    name: 'Báo cáo năm',
    frequency: 'year',
    deadlineDay: 15,
    deadlineMonthOffset: 1,
    indicators: [ind.HO, ind.NT],
    unitIds: [postB.id],
    approvalChain: [command.id],
  });

  const approve = async (
    formId: number,
    unitId: number,
    period: string,
    values: FactoryValue[],
    submitted?: string,
  ) =>
    (
      await buildReport(t.db, {
        formId,
        unitId,
        period,
        status: 'approved',
        values,
        ...(submitted ? { submittedAt: at(submitted) } : {}),
      })
    ).id;
  const TGK = 'Xã Tả Gia Khâu';
  // 2023: A and B in the last quarter.
  await approve(quarterly.id, postA.id, '2023-Q4', [{ indicatorId: ind.HO, value: 20, location: TGK }]);
  await approve(quarterly.id, postB.id, '2023-Q4', [{ indicatorId: ind.HO, value: 15, location: 'Xã Y Tý' }]);
  // 2024.
  report.A1 = await approve(
    quarterly.id,
    postA.id,
    '2024-Q1',
    [
      { indicatorId: ind.HO, value: 30, location: TGK },
      { indicatorId: ind.NT, value: 5 },
      { indicatorId: ind.TO, value: 3 },
      { indicatorId: ind.TL, value: 60 },
    ],
    '2024-03-15',
  );
  report.A2 = await approve(
    quarterly.id,
    postA.id,
    '2024-Q2',
    [
      { indicatorId: ind.HO, value: 20, location: 'xã tả gia khâu' },
      { indicatorId: ind.NT, value: 7 },
      { indicatorId: ind.TO, value: 4 },
      { indicatorId: ind.TL, value: 80 },
    ],
    '2024-06-25',
  );
  report.A3 = (
    await buildReport(t.db, {
      formId: quarterly.id,
      unitId: postA.id,
      period: '2024-Q3',
      status: 'submitted',
      submittedAt: at('2024-09-19'),
      values: [{ indicatorId: ind.HO, value: 999, location: TGK }],
    })
  ).id;
  report.B1 = await approve(
    quarterly.id,
    postB.id,
    '2024-Q1',
    [
      { indicatorId: ind.HO, value: 10, location: 'Xã Y Tý' },
      { indicatorId: ind.NT, value: 3 },
      { indicatorId: ind.TO, value: 2 },
      { indicatorId: ind.TL, value: 50 },
    ],
    '2024-03-25',
  );
  // First submitted on 10 June (on time), returned, resubmitted on 1 July.
  report.B2 = await approve(quarterly.id, postB.id, '2024-Q2', [], '2024-07-01');
  await t.db.insert(reportEvents).values([
    { reportId: report.B2, action: 'submit', createdAt: at('2024-06-10') },
    { reportId: report.B2, action: 'return', comment: 'Bổ sung số liệu', createdAt: at('2024-06-12') },
    { reportId: report.B2, action: 'submit', createdAt: at('2024-07-01') },
  ]);
  report.B3 = (
    await buildReport(t.db, {
      formId: quarterly.id,
      unitId: postB.id,
      period: '2024-Q3',
      status: 'returned',
      submittedAt: at('2024-09-30'),
    })
  ).id;
  report.B4 = (await buildReport(t.db, { formId: quarterly.id, unitId: postB.id, period: '2024-Q4' })).id;
  // B's annual report covers its quarters: HO 100 and NT 20 replace Q1's 10 and 3.
  await approve(annual.id, postB.id, '2024', [
    { indicatorId: ind.HO, value: 100, location: 'Xã Y Tý' },
    { indicatorId: ind.NT, value: 20 },
  ]);
  // The team reports Q1 under A, then moves to B on 1 July and reports Q3 there.
  report.T1 = await approve(quarterly.id, team.id, '2024-Q1', [
    { indicatorId: ind.HO, value: 6 },
    { indicatorId: ind.NT, value: 1 },
  ]);
  const movedPath = `${postB.path}${team.id}/`;
  await t.db.update(units).set({ parentId: postB.id, path: movedPath }).where(eq(units.id, team.id));
  await t.db
    .update(unitParentHistory)
    .set({ validTo: '2024-07-01' })
    .where(eq(unitParentHistory.unitId, team.id));
  await t.db
    .insert(unitParentHistory)
    .values({ unitId: team.id, parentId: postB.id, validFrom: '2024-07-01' });
  team = { ...team, path: movedPath };
  report.T3 = await approve(quarterly.id, team.id, '2024-Q3', [
    { indicatorId: ind.HO, value: 4 },
    { indicatorId: ind.NT, value: 2 },
  ]);
  // The office reports the same commune (40 < A's 50 for the year) and 8 households elsewhere.
  report.O2 = await approve(quarterly.id, office.id, '2024-Q2', [
    { indicatorId: ind.HO, value: 40, location: ' XÃ  TẢ GIA KHÂU '.normalize('NFD') },
    { indicatorId: ind.HO, value: 8 },
    { indicatorId: ind.NT, value: 9 },
  ]);
  await t.db
    .update(units)
    .set({ validTo: '2025-06-30', closedReason: 'Sắp xếp đơn vị hành chính' })
    .where(eq(units.id, office.id));
  await t.db.insert(unitSuccessors).values({ unitId: office.id, successorId: successor.id });

  await t.db.insert(indicatorTargets).values([
    { agreementId: programId, indicatorId: ind.HO, unitId: postA.id, year: 2024, value: 100 },
    { agreementId: programId, indicatorId: ind.HO, unitId: postB.id, year: 2024, value: 100 },
    { agreementId: programId, indicatorId: ind.HO, unitId: ethnic.id, year: 2024, value: 50 },
  ]);

  // A second agreement (a draft plan running to 2030): a monthly form for A, and an annual
  // report of A counting 100 tip-offs there.
  const plan2 = await buildAgreement(t.db, {
    subject: 'Kế hoạch phối hợp tuần tra',
    status: 'draft',
    validFrom: '2024-01-01',
    validTo: '2030-12-31',
    parties: [command.id],
  });
  plan2Id = plan2.id;
  const plan2Annual = await buildForm(t.db, {
    agreementId: plan2Id,
    frequency: 'year',
    indicators: [ind.NT],
    unitIds: [postA.id],
    approvalChain: [command.id],
  });
  await approve(plan2Annual.id, postA.id, '2024', [{ indicatorId: ind.NT, value: 100 }]);
  monthlyFormId = (
    await buildForm(t.db, {
      agreementId: plan2Id,
      frequency: 'month',
      deadlineDay: 20,
      deadlineMonthOffset: 1,
      indicators: [ind.NT],
      unitIds: [postA.id],
      approvalChain: [command.id],
    })
  ).id;

  // An overdue task led by post A.
  const [task] = await t.db
    .insert(tasks)
    .values({
      agreementId: programId,
      title: 'Tuyên truyền pháp luật biên giới',
      timeframeKind: 'date',
      dueDate: '2024-03-01',
      status: 'in_progress',
      searchText: 'tuyen truyen',
    })
    .returning();
  await t.db.insert(taskUnits).values({ taskId: task!.id, unitId: postA.id, role: 'lead' });
});

const rollup = async (c: Client, query: string) => {
  const res = await c.get(`/api/agreements/${programId}/rollup?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RollupOut;
};
const total = (r: RollupOut, indicatorId: number) => r.totals.find((v) => v.indicatorId === indicatorId);
const nodeOf = (r: RollupOut, unitId: number, parentId?: number) =>
  r.nodes.find((n) => n.unit.id === unitId && (parentId === undefined || n.unit.parentId === parentId));
const valueAt = (r: RollupOut, unitId: number, indicatorId: number, parentId?: number) =>
  nodeOf(r, unitId, parentId)?.values.find((v) => v.indicatorId === indicatorId)?.value ?? null;

describe('yearly roll-up of an agreement', () => {
  it('keeps yearly rows folded from approved reports only (annual wins over quarters)', async () => {
    const rows = await t.db
      .select()
      .from(reportValueYears)
      .where(and(eq(reportValueYears.agreementId, programId), eq(reportValueYears.year, 2024)));
    const of = (unitId: number, indicatorId: number) =>
      rows
        .filter((r) => r.unitId === unitId && r.indicatorId === indicatorId)
        .map((r) => [r.unitPath, r.value, r.reports]);
    expect(of(postA.id, ind.HO)).toEqual([[postA.path, 50, 2]]); // 30 + 20; the submitted Q3 (999) is left out
    expect(of(postA.id, ind.TO)).toEqual([[postA.path, 4, 2]]); // last
    expect(of(postA.id, ind.TL)).toEqual([[postA.path, 70, 2]]); // avg
    expect(of(postB.id, ind.HO)).toEqual([[postB.path, 100, 1]]); // annual 100, not 100 + 10
    expect(of(postB.id, ind.NT)).toEqual([[postB.path, 20, 1]]);
    expect(of(team.id, ind.HO)).toEqual([
      [`${postA.path}${team.id}/`, 6, 1],
      [team.path, 4, 1],
    ]);
    expect(rows.find((r) => r.unitId === postA.id && r.indicatorId === ind.HO)?.location).toBe(
      'xã tả gia khâu',
    );
  });

  it('adds up the tree: de-duplicated by commune where the indicator says so, summed otherwise', async () => {
    const r = await rollup(leader, 'year=2024&depth=2');
    expect(r.limited).toBe(false);
    expect(r.period).toBe('2024');
    expect(r.periodLabel).toBe('Năm 2024');
    expect(r.indicators.map((i) => i.code)).toEqual(['HO_GIUP_DO', 'NGUON_TIN', 'TO_TU_QUAN', 'TY_LE']);
    // Households: A 50 (Tả Gia Khâu) + team's Q1 6 under A = 56; B 100 + team's Q3 4 = 104;
    // command 160; office 40 (Tả Gia Khâu) + 8 = 48; agreement: Tả Gia Khâu once max(50, 40)
    // + Y Tý 100 + team 10 + office's 8 = 168 (208 if counted twice).
    expect(valueAt(r, postA.id, ind.HO)).toBe(56);
    expect(valueAt(r, postB.id, ind.HO)).toBe(104);
    expect(valueAt(r, command.id, ind.HO)).toBe(160);
    expect(valueAt(r, ethnic.id, ind.HO)).toBe(48);
    expect(total(r, ind.HO)?.value).toBe(168);
    // Tip-offs (no de-duplication): A 12 + team 1 = 13; B 20 + team 2 = 22; office 9 → 44.
    expect(valueAt(r, postA.id, ind.NT)).toBe(13);
    expect(valueAt(r, command.id, ind.NT)).toBe(35);
    expect(total(r, ind.NT)?.value).toBe(44);
    // Teams (last over time, summed over units): A 4 + B 2.
    expect(total(r, ind.TO)?.value).toBe(6);
    // Percentage (average of the units' yearly averages): A (60+80)/2 = 70, B 50 → 60.
    expect(valueAt(r, postA.id, ind.TL)).toBe(70);
    expect(total(r, ind.TL)?.value).toBe(60);
    expect(total(r, ind.HO)?.reports).toBe(6);
    expect(r.sample).toBe(false);
  });

  it('compares with targets and the previous year', async () => {
    const r = await rollup(leader, 'year=2024');
    // Targets: A 100 + B 100 under the command, 50 for Ban Dân tộc → 250.
    expect(total(r, ind.HO)).toMatchObject({ value: 168, target: 250, achievedPct: 67.2, previousYear: 35 });
    expect(nodeOf(r, command.id)?.values.find((v) => v.indicatorId === ind.HO)).toMatchObject({
      value: 160,
      target: 200,
      achievedPct: 80,
      previousYear: 35,
    });
    expect(total(r, ind.NT)).toMatchObject({ target: null, achievedPct: null, previousYear: null });
  });

  it('lists the tree of the period: the moved team under each parent it had, parents first', async () => {
    const r = await rollup(leader, 'year=2024&depth=2');
    expect(r.nodes.map((n) => [n.unit.name, n.depth])).toEqual([
      ['Ban Dân tộc tỉnh Lào Cai', 0],
      ['Phòng Dân tộc huyện Mường Khương', 1],
      ['Bộ Chỉ huy BĐBP tỉnh Lào Cai', 0],
      ['Đồn Biên phòng Tả Gia Khâu', 1],
      ['Tổ công tác 1', 2],
      ['Đồn Biên phòng Y Tý', 1],
      ['Tổ công tác 1', 2],
    ]);
    expect(valueAt(r, team.id, ind.HO, postA.id)).toBe(6);
    expect(valueAt(r, team.id, ind.HO, postB.id)).toBe(4);
    expect(nodeOf(r, office.id)?.unit.closed).toBe(true);
    const shallow = await rollup(leader, 'year=2024');
    expect(shallow.nodes.map((n) => n.unit.id)).toEqual([
      ethnic.id,
      office.id,
      command.id,
      postA.id,
      postB.id,
    ]);
    expect(nodeOf(shallow, postA.id)?.hasChildren).toBe(true);
    expect(total(shallow, ind.HO)?.value).toBe(168);
  });

  it('keeps a past quarter on the tree of its time after the unit moved', async () => {
    const q1 = await rollup(leader, 'year=2024&period=2024-Q1&depth=2');
    expect(q1.periodLabel).toBe('Quý I/2024');
    // Q1: A 30 + team 6 (still under A) = 36; B 10 (the annual report does not fit in Q1).
    expect(valueAt(q1, team.id, ind.HO, postA.id)).toBe(6);
    expect(nodeOf(q1, team.id, postB.id)).toBeUndefined();
    expect(valueAt(q1, postA.id, ind.HO)).toBe(36);
    expect(valueAt(q1, postB.id, ind.HO)).toBe(10);
    expect(total(q1, ind.HO)).toMatchObject({
      value: 46,
      target: 250,
      achievedPct: 18.4,
      previousYear: null,
    });
    const q3 = await rollup(leader, 'year=2024&period=2024-Q3&depth=2');
    expect(valueAt(q3, team.id, ind.HO, postB.id)).toBe(4);
    expect(valueAt(q3, postA.id, ind.HO)).toBeNull(); // A's Q3 is submitted, not approved
    expect(total(q3, ind.HO)?.value).toBe(4);
  });

  it('compares a quarter with the same quarter last year', async () => {
    const q4 = await rollup(leader, 'year=2024&period=2024-Q4');
    expect(total(q4, ind.HO)).toMatchObject({ value: null, previousYear: 35 });
  });

  it('shows a dissolved unit’s figures under its successor', async () => {
    const r = await rollup(leader, `year=2024&unitId=${successor.id}`);
    expect(r.nodes.map((n) => [n.unit.id, n.unit.parentId])).toEqual([
      [successor.id, null],
      [office.id, successor.id],
    ]);
    expect(valueAt(r, successor.id, ind.HO)).toBe(48);
    expect(total(r, ind.HO)?.value).toBe(48);
    expect(valueAt(r, office.id, ind.NT)).toBe(9);
  });

  it('filters one indicator', async () => {
    const r = await rollup(ethnicLeader, `year=2024&indicatorId=${ind.NT}`);
    expect(r.indicators.map((i) => i.indicatorId)).toEqual([ind.NT]);
    expect(r.totals).toHaveLength(1);
    expect(total(r, ind.NT)?.value).toBe(44);
  });

  it('gives a subordinate unit its own nodes only, without agreement totals', async () => {
    const r = await rollup(officerA, 'year=2024&depth=2');
    expect(r.limited).toBe(true);
    expect(r.totals).toEqual([]);
    expect(r.nodes.map((n) => n.unit.id)).toEqual([postA.id, team.id]);
    expect(valueAt(r, postA.id, ind.HO)).toBe(56);
    expect(
      (await officerA.get(`/api/agreements/${programId}/rollup?year=2024&unitId=${postB.id}`)).statusCode,
    ).toBe(404);
  });

  it('answers 404 to a unit that does not see the agreement, 400 for a period outside the year', async () => {
    expectError(await outsider.get(`/api/agreements/${programId}/rollup?year=2024`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/agreements/${programId}/rollup.xlsx?year=2024`), 'NOT_FOUND');
    expectError(
      await outsider.get(
        `/api/agreements/${programId}/trend?indicatorId=${ind.HO}&fromYear=2024&toYear=2024`,
      ),
      'NOT_FOUND',
    );
    expectError(await outsider.get(`/api/forms/${quarterlyFormId}/status-matrix?year=2024`), 'NOT_FOUND');
    const body = expectError(
      await leader.get(`/api/agreements/${programId}/rollup?year=2024&period=2023-Q1`),
      'VALIDATION_FAILED',
    );
    expect(body.fields?.[0]?.path).toBe('period');
  });

  it('recomputes the yearly rows when a report is reopened', async () => {
    await t.db.transaction(async (tx) => {
      await tx.update(reports).set({ status: 'returned' }).where(eq(reports.id, report.O2!));
      await refreshValueYears(tx, report.O2!);
    });
    const r = await rollup(leader, 'year=2024');
    expect(total(r, ind.HO)?.value).toBe(160); // the office's figures are gone
    await t.db.transaction(async (tx) => {
      await tx.update(reports).set({ status: 'approved' }).where(eq(reports.id, report.O2!));
      await refreshValueYears(tx, report.O2!);
    });
    expect(total(await rollup(leader, 'year=2024'), ind.HO)?.value).toBe(168);
  });
});

describe('a change of an indicator’s rule over time', () => {
  it('refolds its yearly rows when the indicator is edited through the API', async () => {
    const setAggTime = async (aggTime: 'sum' | 'last') => {
      const current = (await admin.get(`/api/indicators/${ind.TO}`)).json();
      const res = await admin.patch(`/api/indicators/${ind.TO}`, { aggTime, version: current.version });
      expect(res.statusCode).toBe(200);
    };
    await setAggTime('sum');
    // Teams summed over the quarters: A 3 + 4, B 2.
    expect(total(await rollup(leader, 'year=2024'), ind.TO)?.value).toBe(9);
    await setAggTime('last');
    expect(total(await rollup(leader, 'year=2024'), ind.TO)?.value).toBe(6);
  });
});

describe('answers kept in memory', () => {
  it('follow every change to targets, indicators and unit names', async () => {
    const before = await rollup(leader, 'year=2024');
    expect(total(before, ind.HO)?.target).toBe(250);
    const [row] = await t.db
      .insert(indicatorTargets)
      .values({ agreementId: programId, indicatorId: ind.HO, unitId: office.id, year: 2024, value: 30 })
      .returning();
    expect(total(await rollup(leader, 'year=2024'), ind.HO)?.target).toBe(280);
    await t.db.delete(indicatorTargets).where(eq(indicatorTargets.id, row!.id));
    expect(total(await rollup(leader, 'year=2024'), ind.HO)?.target).toBe(250);
    await t.db.update(units).set({ name: 'Đồn Biên phòng Tả Gia Khâu (mới)' }).where(eq(units.id, postA.id));
    expect(nodeOf(await rollup(leader, 'year=2024'), postA.id)?.unit.name).toBe(
      'Đồn Biên phòng Tả Gia Khâu (mới)',
    );
    await t.db.update(units).set({ name: 'Đồn Biên phòng Tả Gia Khâu' }).where(eq(units.id, postA.id));
  });
});

describe('roll-up XLSX', () => {
  it('has the JSON figures: totals, units indented by depth, target, actual, % and last year', async () => {
    const json = await rollup(leader, 'year=2024&depth=2');
    const res = await leader.get(`/api/agreements/${programId}/rollup.xlsx?year=2024&depth=2`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(String(ws.getCell('A1').value)).toBe('Tổng hợp số liệu – Năm 2024');
    expect((ws.getRow(ROLLUP_HEADER_ROW).values as unknown[]).slice(1)).toEqual([...ROLLUP_HEADERS]);
    const rows: Array<{
      unit: string;
      indent: number;
      code: string;
      target: unknown;
      value: unknown;
      pct: unknown;
      prev: unknown;
    }> = [];
    ws.eachRow((row, n) => {
      if (n <= ROLLUP_HEADER_ROW) return;
      rows.push({
        unit: String(row.getCell(1).value),
        indent: row.getCell(1).alignment?.indent ?? 0,
        code: String(row.getCell(2).value),
        target: row.getCell(5).value,
        value: row.getCell(6).value,
        pct: row.getCell(7).value,
        prev: row.getCell(8).value,
      });
    });
    const totalHo = rows.find((r) => r.unit === TOTAL_LABEL && r.code === 'HO_GIUP_DO');
    const jsonHo = total(json, ind.HO)!;
    expect(totalHo).toMatchObject({
      target: jsonHo.target,
      value: jsonHo.value,
      pct: jsonHo.achievedPct,
      prev: jsonHo.previousYear,
    });
    expect(totalHo?.value).toBe(168);
    // Every node value of the JSON is a row, with the unit indented by its depth.
    const nodeRows = rows.filter((r) => r.unit !== TOTAL_LABEL);
    expect(nodeRows).toHaveLength(json.nodes.reduce((n, node) => n + node.values.length, 0));
    const a = rows.find((r) => r.unit === 'Đồn Biên phòng Tả Gia Khâu' && r.code === 'HO_GIUP_DO');
    expect(a).toMatchObject({ indent: 2, value: 56, target: 100, pct: 56 });
    const teamRows = rows.filter((r) => r.unit === 'Tổ công tác 1' && r.code === 'HO_GIUP_DO');
    expect(teamRows.map((r) => [r.indent, r.value])).toEqual([
      [3, 6],
      [3, 4],
    ]);
    expect(
      rows.find((r) => r.unit.startsWith('Phòng Dân tộc huyện') && r.code === 'NGUON_TIN')?.unit,
    ).toContain('đã giải thể');
  });
});

describe('trend over periods', () => {
  it('gives the agreement total per quarter and per year', async () => {
    const res = await leader.get(
      `/api/agreements/${programId}/trend?indicatorId=${ind.HO}&frequency=quarter&fromYear=2024&toYear=2024`,
    );
    expect(res.statusCode, res.body).toBe(200);
    // Q1: Tả Gia Khâu 30 + Y Tý 10 + team 6; Q2: Tả Gia Khâu max(20, 40) + office 8; Q3: team 4.
    expect(res.json().points).toEqual([
      { period: '2024-Q1', label: 'Quý I/2024', value: 46 },
      { period: '2024-Q2', label: 'Quý II/2024', value: 48 },
      { period: '2024-Q3', label: 'Quý III/2024', value: 4 },
      { period: '2024-Q4', label: 'Quý IV/2024', value: null },
    ]);
    const years = await leader.get(
      `/api/agreements/${programId}/trend?indicatorId=${ind.HO}&frequency=year&fromYear=2023&toYear=2024`,
    );
    expect(years.json().points.map((p: { value: number }) => p.value)).toEqual([35, 168]);
    const mine = await officerA.get(
      `/api/agreements/${programId}/trend?indicatorId=${ind.HO}&frequency=half&fromYear=2024&toYear=2024`,
    );
    expect(mine.json().points.map((p: { value: number }) => p.value)).toEqual([56, null]);
  });

  /** The trend.xlsx of a query, read back: title lines, header and the rows below it. */
  const trendSheet = async (c: Client, query: string) => {
    const res = await c.get(`/api/agreements/${programId}/trend.xlsx?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Diễn biến')!;
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > TREND_HEADER_ROW) rows.push([row.getCell(1).value, row.getCell(2).value]);
    });
    return { res, ws, rows };
  };
  const trendPoints = async (c: Client, query: string) => {
    const res = await c.get(`/api/agreements/${programId}/trend?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { points: Array<{ label: string; value: number | null }> }).points;
  };

  it('exports the same points to XLSX: Vietnamese period labels, numbers as numbers, empty when none', async () => {
    const query = `indicatorId=${ind.HO}&frequency=quarter&fromYear=2023&toYear=2024`;
    const json = await trendPoints(leader, query);
    const { res, ws, rows } = await trendSheet(leader, query);
    expect(res.headers['content-disposition']).toContain('filename="dien-bien-ho_giup_do-2023-2024.xlsx"');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Diễn biến HO_GIUP_DO 2023-2024.xlsx')}`,
    );
    expect(String(ws.getCell('A1').value)).toBe(
      'Diễn biến chỉ tiêu HO_GIUP_DO – Hộ gia đình được giúp đỡ (đơn vị tính: hộ)',
    );
    expect(String(ws.getCell('A2').value)).toBe(
      'Văn bản: Chương trình phối hợp BĐBP – Ban Dân tộc tỉnh Lào Cai',
    );
    expect(String(ws.getCell('A3').value)).toBe(
      'Số liệu của toàn văn bản, theo quý, từ năm 2023 đến năm 2024.',
    );
    expect((ws.getRow(TREND_HEADER_ROW).values as unknown[]).slice(1)).toEqual([...TREND_HEADERS]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: TREND_HEADER_ROW });
    expect(rows).toHaveLength(8);
    // A missing value is an empty cell (exceljs reads it back as null), not 0 or text.
    expect(rows).toEqual(json.map((p) => [p.label, p.value]));
    expect(rows.slice(4)).toEqual([
      ['Quý I/2024', 46],
      ['Quý II/2024', 48],
      ['Quý III/2024', 4],
      ['Quý IV/2024', null],
    ]);
    expect(ws.getRow(TREND_HEADER_ROW + 5).getCell(2).numFmt).toBe('#,##0.##');
  });

  it('exports a unit’s own trend and a subordinate unit’s scope alike; 404 where /trend is 404', async () => {
    const yearly = `indicatorId=${ind.HO}&frequency=year&fromYear=2023&toYear=2024&unitId=${postA.id}`;
    const unitJson = await trendPoints(leader, yearly);
    const unitSheet = await trendSheet(leader, yearly);
    expect(unitSheet.rows).toEqual(unitJson.map((p) => [p.label, p.value]));
    expect(String(unitSheet.ws.getCell('A3').value)).toBe(
      'Số liệu của Đồn Biên phòng Tả Gia Khâu, theo năm, từ năm 2023 đến năm 2024.',
    );
    const half = `indicatorId=${ind.HO}&frequency=half&fromYear=2024&toYear=2024`;
    const mine = await trendSheet(officerA, half);
    expect(mine.rows).toEqual([
      ['6 tháng đầu năm 2024', 56],
      ['6 tháng cuối năm 2024', null],
    ]);
    expect(String(mine.ws.getCell('A3').value)).toBe(
      'Số liệu của các đơn vị trong phạm vi của bạn, theo 6 tháng, năm 2024.',
    );
    expectError(await outsider.get(`/api/agreements/${programId}/trend.xlsx?${half}`), 'NOT_FOUND');
    expectError(
      await officerA.get(`/api/agreements/${programId}/trend.xlsx?${half}&unitId=${postB.id}`),
      'NOT_FOUND',
    );
    expectError(
      await leader.get(
        `/api/agreements/${programId}/trend.xlsx?indicatorId=999999&fromYear=2024&toYear=2024`,
      ),
      'NOT_FOUND',
    );
    expectError(
      await leader.get(
        `/api/agreements/${programId}/trend.xlsx?indicatorId=${ind.HO}&fromYear=2024&toYear=2023`,
      ),
      'VALIDATION_FAILED',
    );
  });
});

describe('national total of an indicator', () => {
  it('adds every agreement over the actor’s scope', async () => {
    const national = await admin.get(`/api/indicators/${ind.NT}/total?year=2024`);
    expect(national.statusCode, national.body).toBe(200);
    // 44 in the program + 100 in the plan.
    expect(national.json()).toMatchObject({
      scope: 'national',
      value: 144,
      agreements: 2,
      previousYear: null,
    });
    const mine = await officerA.get(`/api/indicators/${ind.NT}/total?year=2024`);
    // A 12 + the team's 1 while under A, + 100 in the plan.
    expect(mine.json()).toMatchObject({ scope: 'mine', value: 113, units: 2 });
    const ho = await admin.get(`/api/indicators/${ind.HO}/total?year=2024`);
    expect(ho.json()).toMatchObject({ value: 168, previousYear: 35 });
    expectError(await admin.get('/api/indicators/999999/total?year=2024'), 'NOT_FOUND');
  });

  it('de-duplicates by location within each agreement, never across agreements', async () => {
    // Another province's program, whose border post and district office both report a
    // commune also named Tả Gia Khâu: once in that program (max(30, 25)), but a different
    // place from Lào Cai's Tả Gia Khâu, so the national total adds both programs' totals.
    const command2 = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Hà Giang', kind: 'border_command' });
    const post2 = await buildUnit(t.db, {
      name: 'Đồn Biên phòng Thanh Thủy',
      kind: 'border_post',
      parentId: command2.id,
    });
    const office2 = await buildUnit(t.db, {
      name: 'Phòng Dân tộc huyện Vị Xuyên',
      kind: 'ethnic_affairs',
      parentId: command2.id,
    });
    const program2 = await buildAgreement(t.db, {
      kind: 'program',
      subject: 'Chương trình phối hợp BĐBP tỉnh Hà Giang',
      status: 'in_effect',
      year: null,
      validFrom: '2024-01-01',
      validTo: '2025-12-31',
      parties: [command2.id],
    });
    const form2 = await buildForm(t.db, {
      agreementId: program2.id,
      indicators: [ind.HO],
      unitIds: [post2.id, office2.id],
      approvalChain: [command2.id],
    });
    for (const [unitId, value] of [
      [post2.id, 30],
      [office2.id, 25],
    ] as const) {
      await buildReport(t.db, {
        formId: form2.id,
        unitId,
        period: '2024-Q2',
        status: 'approved',
        values: [{ indicatorId: ind.HO, value, location: 'Xã Tả Gia Khâu' }],
      });
    }
    const own = await admin.get(`/api/agreements/${program2.id}/rollup?year=2024`);
    expect(total(own.json() as RollupOut, ind.HO)?.value).toBe(30);
    const ho = await admin.get(`/api/indicators/${ind.HO}/total?year=2024`);
    // Lào Cai 168 + Hà Giang 30 (168 if the two communes were merged).
    expect(ho.json()).toMatchObject({ value: 198, agreements: 2, previousYear: 35 });
  });
});

describe('reporting-status matrix', () => {
  const matrixOf = async (c: Client, formId: number, query: string) => {
    const res = await c.get(`/api/forms/${formId}/status-matrix?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      periods: Array<{ key: string; dueDate: string }>;
      rows: Array<{
        unit: { id: number };
        cells: Array<{ state: string; reportId: number | null; onTime: boolean | null }>;
        completeness: number | null;
        timeliness: number | null;
      }>;
    };
  };

  it('shows each unit × quarter with completeness and timeliness', async () => {
    const m = await matrixOf(leader, quarterlyFormId, 'year=2024');
    expect(m.periods.map((p) => [p.key, p.dueDate])).toEqual([
      ['2024-Q1', '2024-03-20'],
      ['2024-Q2', '2024-06-20'],
      ['2024-Q3', '2024-09-20'],
      ['2024-Q4', '2024-12-20'],
    ]);
    const row = (u: U) => m.rows.find((r) => r.unit.id === u.id)!;
    expect(row(postA).cells).toEqual([
      { state: 'approved', reportId: report.A1, onTime: true },
      { state: 'approved', reportId: report.A2, onTime: false },
      { state: 'submitted', reportId: report.A3, onTime: true },
      { state: 'overdue', reportId: null, onTime: null },
    ]);
    expect(row(postA)).toMatchObject({ completeness: 0.75, timeliness: 0.667 });
    // B: Q2 first submitted on 10 June (on time) although resubmitted on 1 July; Q4 a draft
    // past its deadline.
    expect(row(postB).cells.map((c) => [c.state, c.onTime])).toEqual([
      ['approved', false],
      ['approved', true],
      ['returned', false],
      ['overdue', null],
    ]);
    expect(row(postB).cells[3]!.reportId).toBe(report.B4);
    expect(row(postB)).toMatchObject({ completeness: 0.5, timeliness: 0.333 });
    expect(row(team).cells.map((c) => c.state)).toEqual(['approved', 'overdue', 'approved', 'overdue']);
    expect(row(office).cells.map((c) => c.state)).toEqual(['overdue', 'approved', 'overdue', 'overdue']);
    // The office's report was submitted (by the factory) today, long after its deadline.
    expect(row(office)).toMatchObject({ completeness: 0.25, timeliness: 0 });
  });

  it('marks the current month due and next year not due', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const month = today.slice(0, 7);
    const m = await matrixOf(leader, monthlyFormId, `year=${year}`);
    const i = m.periods.findIndex((p) => p.key === month);
    expect(m.rows[0]!.cells[i]!.state).toBe('due');
    if (i > 0) expect(m.rows[0]!.cells[i - 1]!.state).toMatch(/^(due|overdue)$/);
    const next = await matrixOf(leader, monthlyFormId, `year=${year + 1}`);
    expect(new Set(next.rows[0]!.cells.map((c) => c.state))).toEqual(new Set(['not_due']));
    expect(next.rows[0]!.completeness).toBeNull();
  });

  it('shows a subordinate unit its own row only', async () => {
    const m = await matrixOf(officerA, quarterlyFormId, 'year=2024');
    expect(m.rows.map((r) => r.unit.id)).toEqual([postA.id]);
  });

  it('exports the matrix to XLSX with the same states and rates', async () => {
    const json = await matrixOf(leader, quarterlyFormId, 'year=2024');
    const res = await leader.get(`/api/forms/${quarterlyFormId}/status-matrix.xlsx?year=2024`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tình hình báo cáo')!;
    expect((ws.getRow(MATRIX_HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      'Đơn vị',
      'Quý I/2024',
      'Quý II/2024',
      'Quý III/2024',
      'Quý IV/2024',
      'Đầy đủ',
      'Đúng hạn',
    ]);
    const dueCell = ws.getRow(MATRIX_HEADER_ROW + 1).getCell(2).value as Date;
    expect(dueCell.toISOString().slice(0, 10)).toBe('2024-03-20');
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > MATRIX_HEADER_ROW + 1)
        rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(2));
    });
    expect(rows.get('Đồn Biên phòng Tả Gia Khâu')).toEqual([
      'Đã duyệt',
      'Đã duyệt',
      'Đã gửi',
      'Quá hạn',
      0.75,
      0.667,
    ]);
    expect(rows.get('Đồn Biên phòng Y Tý')).toEqual([
      'Đã duyệt',
      'Đã duyệt',
      'Bị trả lại',
      'Quá hạn',
      0.5,
      0.333,
    ]);
    expect(rows.size).toBe(json.rows.length);
  });
});

describe('dashboards', () => {
  it('shows a unit its subtree’s totals, tasks and report chores', async () => {
    const res = await leader.get(`/api/units/${command.id}/dashboard?year=2024`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const program = d.agreements.find((a: { id: number }) => a.id === programId);
    expect(program.scope).toBe('mine');
    expect(program.indicators.find((i: { code: string }) => i.code === 'HO_GIUP_DO')).toMatchObject({
      value: 160,
      target: 200,
      achievedPct: 80,
      previousYear: 35,
    });
    expect(d.tasks).toEqual({ open: 1, overdue: 1 });
    // A: Q4 overdue; B: Q3 returned, Q4 draft overdue; team: Q2 and Q4 overdue. A's Q3 waits.
    expect(d.reports).toEqual({ due: 0, overdue: 4, returned: 1, awaitingApproval: 1 });
    expect(d.unit).toMatchObject({ id: command.id, closed: false });
  });

  it('shows a successor its dissolved predecessor’s figures', async () => {
    const d = (await ethnicLeader.get(`/api/units/${successor.id}/dashboard?year=2024`)).json();
    const program = d.agreements.find((a: { id: number }) => a.id === programId);
    expect(program.indicators.find((i: { code: string }) => i.code === 'HO_GIUP_DO')?.value).toBe(48);
  });

  it('answers 404 for a unit outside the actor’s scope', async () => {
    expectError(await officerA.get(`/api/units/${postB.id}/dashboard?year=2024`), 'NOT_FOUND');
  });

  it('gives the user their chores and agreements', async () => {
    const mine = (await officerA.get('/api/dashboard?year=2024')).json();
    expect(mine.reports).toEqual({ due: 0, overdue: 1, returned: 0 });
    expect(mine.overdueTasks).toBe(1);
    expect(mine.awaitingMyApproval).toBe(0);
    const program = mine.agreements.find((a: { id: number }) => a.id === programId);
    expect(program.scope).toBe('mine');
    expect(program.indicators[0]).toMatchObject({ code: 'HO_GIUP_DO', value: 56 });
    const lead = (await leader.get('/api/dashboard?year=2024')).json();
    expect(lead.awaitingMyApproval).toBe(1);
    const agreement = lead.agreements.find((a: { id: number }) => a.id === programId);
    expect(agreement.scope).toBe('agreement');
    expect(agreement.indicators.map((i: { code: string; value: number }) => [i.code, i.value])).toEqual([
      ['HO_GIUP_DO', 168],
      ['NGUON_TIN', 44],
      ['TO_TU_QUAN', 6],
      ['TY_LE', 60],
    ]);
    expect(lead.agreements.some((a: { id: number }) => a.id === plan2Id)).toBe(true);
    const none = (await outsider.get('/api/dashboard?year=2024')).json();
    expect(none.agreements).toEqual([]);
  });
});

import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/app.ts';
import { deadlineOf, periodKeyOf } from '../../../contracts/periods.ts';
import {
  agreements,
  indicatorLinks,
  indicatorRules,
  indicators,
  indicatorTargets,
  reportEvents,
  reportFormIndicators,
  reportForms,
  reportFormUnits,
  reports,
  reportValues,
  reportValueYears,
  tasks,
  units,
  users,
} from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { DEMO_AGREEMENTS } from './agreements.ts';
import { DEMO_INDICATORS, SEED_001_FIGURES, sampleReports } from './indicators.ts';
import { seedDemo } from './seed.ts';
import { seedIndicators } from './seedIndicators.ts';
import { DEMO_UNITS } from './units.ts';

const PASSWORD = 'Demo-mat-khau-2026';
const TODAY = todayInVietnam();
const CURRENT_QUARTER = periodKeyOf('quarter', TODAY);
const t = setupTestApp({ PHOIHOP_LOGIN_MAX_PER_MINUTE: '1000' });

beforeAll(async () => {
  await seedDemo(t.db, PASSWORD);
}, 60_000);

const unitId = async (name: string) => {
  const [row] = await t.db.select({ id: units.id }).from(units).where(eq(units.name, name));
  return row!.id;
};
const agreementId = async (key: string) => {
  const subject = DEMO_AGREEMENTS.find((a) => a.key === key)!.subject;
  const [row] = await t.db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.subject, subject));
  return row!.id;
};
const BDBP_LCA = 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai';

/** Values of a report by indicator code. */
const valuesOf = async (reportId: number) => {
  const rows = await t.db
    .select({ code: indicators.code, value: reportValues.value, location: reportValues.location })
    .from(reportValues)
    .innerJoin(indicators, eq(indicators.id, reportValues.indicatorId))
    .where(eq(reportValues.reportId, reportId));
  return Object.fromEntries(rows.map((r) => [r.code, r.value]));
};

const count = async (table: PgTable) => {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
};

describe('demo indicator catalogue (the seeds)', () => {
  it('holds seed 001’s indicators with their units of measure, codes in UPPER_SNAKE', async () => {
    const rows = await t.db.select().from(indicators);
    expect(rows).toHaveLength(DEMO_INDICATORS.length);
    const uom = Object.fromEntries(rows.map((r) => [r.code, r.uom]));
    expect(uom).toMatchObject({
      CAN_BO_PHU_TRACH_HO: 'người',
      HO_DUOC_GIUP_DO: 'hộ',
      TO_TU_QUAN_DUONG_BIEN: 'tổ',
      HO_TU_QUAN_DUONG_BIEN: 'hộ',
      TO_TU_QUAN_ANTT: 'tổ',
      THANH_VIEN_TU_QUAN_ANTT: 'thành viên',
      NGUON_TIN: 'nguồn tin',
      HOI_NGHI_TIM_HIEU_PHAP_LUAT: 'hội nghị',
      BUOI_TUYEN_TRUYEN: 'buổi',
      LUOT_NGUOI_TUYEN_TRUYEN: 'lượt người',
      MO_HINH_DAN_VAN_KHEO: 'mô hình',
    });
    for (const r of rows) {
      expect(r.code).toMatch(/^[A-Z0-9_]+$/);
      expect(r.searchText.length).toBeGreaterThan(0);
    }
    const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
    // Stocks take the last value over time, flows add up; joint activities de-duplicate.
    expect(byCode.TO_TU_QUAN_ANTT).toMatchObject({ aggUnits: 'sum', aggTime: 'last', minValue: 0 });
    expect(byCode.NGUON_TIN).toMatchObject({ aggUnits: 'sum', aggTime: 'sum', dedupByLocation: false });
    expect(byCode.HOI_NGHI_TIM_HIEU_PHAP_LUAT!.dedupByLocation).toBe(true);
    expect(byCode.HOI_NGHI_SO_KET!.valueType).toBe('boolean');
  });

  it('counts tip-offs, bulletins sent and requests answered from the exchange (seed 001)', async () => {
    const rows = await t.db.select().from(indicators);
    const source = Object.fromEntries(rows.map((r) => [r.code, r.exchangeSource]));
    expect(source).toMatchObject({
      NGUON_TIN: 'tip_offs_sent',
      THONG_TIN_TRAO_DOI: 'bulletins_sent',
      YEU_CAU_PHOI_HOP_DA_TRA_LOI: 'requests_answered',
      BUOI_TUYEN_TRUYEN: null,
    });
    const linked = (
      await t.db
        .select({ code: indicators.code })
        .from(indicatorLinks)
        .innerJoin(indicators, eq(indicators.id, indicatorLinks.indicatorId))
        .where(eq(indicatorLinks.agreementId, await agreementId('lca-ctr')))
    ).map((r) => r.code);
    expect(linked).toEqual(
      expect.arrayContaining(['NGUON_TIN', 'THONG_TIN_TRAO_DOI', 'YEU_CAU_PHOI_HOP_DA_TRA_LOI']),
    );
  });

  it('has the cross-field rules members ≥ teams and households ≥ teams, ≥ officers', async () => {
    const other = sql<string>`(select code from indicators o where o.id = ${indicatorRules.otherIndicatorId})`;
    const rows = await t.db
      .select({ code: indicators.code, op: indicatorRules.op, other, message: indicatorRules.message })
      .from(indicatorRules)
      .innerJoin(indicators, eq(indicators.id, indicatorRules.indicatorId));
    const rules = rows.map((r) => `${r.code} ${r.op} ${r.other}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'THANH_VIEN_TU_QUAN_ANTT >= TO_TU_QUAN_ANTT',
        'HO_TU_QUAN_DUONG_BIEN >= TO_TU_QUAN_DUONG_BIEN',
        'HO_DUOC_GIUP_DO >= CAN_BO_PHU_TRACH_HO',
      ]),
    );
    for (const r of rows) expect(r.message).toMatch(/[ốộổ]/);
  });

  it('links the Lào Cai program and its 2023 plan to seed 001’s indicators, the other programs to theirs', async () => {
    const linked = async (key: string) =>
      (
        await t.db
          .select({ code: indicators.code, taskId: indicatorLinks.taskId })
          .from(indicatorLinks)
          .innerJoin(indicators, eq(indicators.id, indicatorLinks.indicatorId))
          .where(eq(indicatorLinks.agreementId, await agreementId(key)))
      ).map((r) => r.code);
    const seed001 = Object.keys(SEED_001_FIGURES);
    expect(await linked('lca-ctr')).toEqual(expect.arrayContaining(seed001));
    expect(await linked('lca-kh-2023')).toEqual(expect.arrayContaining(seed001));
    expect(await linked('lc-kh-2022')).toContain('MO_HINH_DAN_VAN_KHEO');
    expect(await linked('qn-kh-2022')).toContain('BUOI_TUYEN_TRUYEN_TAO_HON');
    expect(await linked('ktqp379-qc')).toContain('LUOT_KHAM_CHUA_BENH');
    expect(await linked('lc-qc-du-hu')).toContain('DOT_CAO_DIEM_TAN_CONG_TOI_PHAM');
    // Plan links name the task: households helped → the task that assigns officers to them.
    const [link] = await t.db
      .select({ title: tasks.title })
      .from(indicatorLinks)
      .innerJoin(indicators, eq(indicators.id, indicatorLinks.indicatorId))
      .innerJoin(tasks, eq(tasks.id, indicatorLinks.taskId))
      .where(
        and(
          eq(indicators.code, 'HO_DUOC_GIUP_DO'),
          eq(indicatorLinks.agreementId, await agreementId('lca-kh-2023')),
        ),
      );
    expect(link!.title).toMatch(/^Phân công cán bộ, đảng viên đồn biên phòng/);
  });

  it('keeps the target seed 000 states (3 mô hình "Dân vận khéo" in 2022) and 2024 targets of the posts', async () => {
    const rows = await t.db
      .select({
        code: indicators.code,
        unit: units.name,
        year: indicatorTargets.year,
        value: indicatorTargets.value,
      })
      .from(indicatorTargets)
      .innerJoin(indicators, eq(indicators.id, indicatorTargets.indicatorId))
      .innerJoin(units, eq(units.id, indicatorTargets.unitId));
    expect(rows).toContainEqual({
      code: 'MO_HINH_DAN_VAN_KHEO',
      unit: 'Ban Dân tộc tỉnh Lai Châu',
      year: 2022,
      value: 3,
    });
    const tgk = rows.filter((r) => r.unit === 'Đồn Biên phòng Tả Gia Khâu' && r.year === 2024);
    expect(tgk.map((r) => r.code).sort()).toEqual(
      ['CAN_BO_PHU_TRACH_HO', 'HO_DUOC_GIUP_DO', 'NGUON_TIN', 'TO_TU_QUAN_DUONG_BIEN'].sort(),
    );
  });
});

describe('Lào Cai report forms and seed 001 as the approved 2023 report', () => {
  it('has the annual form of the command and the quarterly form of the posts, approved by the command', async () => {
    const program = await agreementId('lca-ctr');
    const forms = await t.db.select().from(reportForms).where(eq(reportForms.agreementId, program));
    const command = await unitId(BDBP_LCA);
    const annual = forms.find((f) => f.frequency === 'year')!;
    expect(annual.name).toBe('Báo cáo kết quả thực hiện chương trình phối hợp năm');
    expect(annual.approvalChain).toEqual([command]);
    expect(annual.deadlineDay).toBe(20);
    const quarterly = forms.find((f) => f.frequency === 'quarter')!;
    expect(quarterly.approvalChain).toEqual([command]);
    expect(quarterly.allowSelfApproval).toBe(false);
    const posts = await t.db
      .select({ name: units.name })
      .from(reportFormUnits)
      .innerJoin(units, eq(units.id, reportFormUnits.unitId))
      .where(eq(reportFormUnits.formId, quarterly.id));
    expect(posts.map((p) => p.name).sort()).toEqual(
      ['Đồn Biên phòng Cửa khẩu Quốc tế Lào Cai', 'Đồn Biên phòng Tả Gia Khâu', 'Đồn Biên phòng Y Tý'].sort(),
    );
    const annualIndicators = await t.db
      .select({ code: indicators.code })
      .from(reportFormIndicators)
      .innerJoin(indicators, eq(indicators.id, reportFormIndicators.indicatorId))
      .where(eq(reportFormIndicators.formId, annual.id))
      .orderBy(asc(reportFormIndicators.position));
    expect(annualIndicators.map((i) => i.code)).toEqual(Object.keys(SEED_001_FIGURES));
  });

  it('holds exactly 357, 1734, 80, 1117, 317, 3276, 150, 1 — approved, not sample, province level only', async () => {
    const command = await unitId(BDBP_LCA);
    const [report] = await t.db
      .select()
      .from(reports)
      .where(and(eq(reports.unitId, command), eq(reports.periodKey, '2023')));
    expect(report).toMatchObject({
      status: 'approved',
      sample: false,
      approvalStep: 1,
      periodKind: 'year',
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      dueDate: '2023-12-20',
      year: 2023,
    });
    expect(report!.unitPath).toMatch(new RegExp(`/${command}/$`));
    expect(await valuesOf(report!.id)).toEqual({
      CAN_BO_PHU_TRACH_HO: 357,
      HO_DUOC_GIUP_DO: 1734,
      TO_TU_QUAN_DUONG_BIEN: 80,
      HO_TU_QUAN_DUONG_BIEN: 1117,
      TO_TU_QUAN_ANTT: 317,
      THANH_VIEN_TU_QUAN_ANTT: 3276,
      NGUON_TIN: 150,
      HOI_NGHI_TIM_HIEU_PHAP_LUAT: 1,
    });
    // The seed's own sentences; no shortcomings or proposals invented.
    expect(report!.narrative.ket_qua).toContain('phân công 357 cán bộ, đảng viên đồn biên phòng');
    expect(report!.narrative.ket_qua).toContain('150 nguồn tin');
    expect(report!.narrative.han_che).toBeUndefined();
    expect(report!.narrative.de_xuat).toBeUndefined();
    // No 2023 figure is split by post: the posts have no 2023 report.
    const posts2023 = await t.db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.year, 2023), sql`${reports.unitId} <> ${command}`));
    expect(posts2023).toHaveLength(0);
  });

  it('reads truthfully: sent and approved by the command’s leader before the 3 January 2024 conference', async () => {
    const command = await unitId(BDBP_LCA);
    const [report] = await t.db
      .select()
      .from(reports)
      .where(and(eq(reports.unitId, command), eq(reports.periodKey, '2023')));
    const events = await t.db
      .select({ action: reportEvents.action, who: users.username, at: reportEvents.createdAt })
      .from(reportEvents)
      .leftJoin(users, eq(users.id, reportEvents.actorUserId))
      .where(eq(reportEvents.reportId, report!.id))
      .orderBy(asc(reportEvents.id));
    expect(events.map((e) => [e.action, e.who])).toEqual([
      ['submit', 'lanhdao.bdbp.laocai'],
      ['approve', 'lanhdao.bdbp.laocai'],
    ]);
    const conference = new Date('2024-01-03T00:00:00+07:00');
    expect(events[1]!.at.getTime()).toBeLessThan(conference.getTime());
    expect(events[0]!.at.getTime()).toBeLessThan(events[1]!.at.getTime());
    expect(report!.approvedAt!.getTime()).toBe(events[1]!.at.getTime());
  });

  it('enters the roll-up rows of 2023 with seed 001’s figures (refreshValueYears)', async () => {
    const rows = await t.db
      .select({ code: indicators.code, value: reportValueYears.value, sample: reportValueYears.sample })
      .from(reportValueYears)
      .innerJoin(indicators, eq(indicators.id, reportValueYears.indicatorId))
      .where(eq(reportValueYears.year, 2023));
    expect(Object.fromEntries(rows.map((r) => [r.code, r.value]))).toEqual(SEED_001_FIGURES);
    expect(rows.every((r) => !r.sample)).toBe(true);
  });
});

describe('generated sample reports (2024)', () => {
  it('are all flagged sample; the only real report is seed 001’s', async () => {
    const rows = await t.db
      .select({ unit: units.name, period: reports.periodKey, status: reports.status, sample: reports.sample })
      .from(reports)
      .innerJoin(units, eq(units.id, reports.unitId));
    const real = rows.filter((r) => !r.sample);
    expect(real).toEqual([{ unit: BDBP_LCA, period: '2023', status: 'approved', sample: false }]);
    const sample = rows.filter((r) => r.sample);
    expect(sample.length).toBe(sampleReports(TODAY).length);
    // 2024, and the draft of the quarter the demo was seeded in.
    for (const r of sample) expect(r.period === CURRENT_QUARTER || /^2024-Q[1-4]$/.test(r.period)).toBe(true);
    // Every state of the status matrix: approved, submitted, returned, draft, and a missing one.
    expect(new Set(sample.map((r) => r.status))).toEqual(
      new Set(['approved', 'submitted', 'returned', 'draft']),
    );
    expect(sample.find((r) => r.unit === 'Đồn Biên phòng Y Tý' && r.period === '2024-Q4')).toBeUndefined();
    const yearly = await t.db.select().from(reportValueYears).where(eq(reportValueYears.year, 2024));
    expect(yearly.length).toBeGreaterThan(0);
    for (const r of yearly) expect(r.sample).toBe(true);
  });

  it('keep the cross-field rules and stay near the posts’ share of the 2023 figures', async () => {
    const rows = await t.db.select({ id: reports.id }).from(reports).where(eq(reports.sample, true));
    for (const { id } of rows) {
      const v = await valuesOf(id);
      if (v.TO_TU_QUAN_ANTT != null && v.THANH_VIEN_TU_QUAN_ANTT != null)
        expect(v.THANH_VIEN_TU_QUAN_ANTT).toBeGreaterThanOrEqual(v.TO_TU_QUAN_ANTT);
      if (v.CAN_BO_PHU_TRACH_HO != null) {
        expect(v.HO_DUOC_GIUP_DO!).toBeGreaterThanOrEqual(v.CAN_BO_PHU_TRACH_HO);
        expect(v.CAN_BO_PHU_TRACH_HO).toBeLessThan(SEED_001_FIGURES.CAN_BO_PHU_TRACH_HO * 0.2);
      }
    }
  });

  it('are generated deterministically (seeded PRNG)', () => {
    expect(sampleReports('2026-11-30')).toEqual(sampleReports('2026-11-30'));
    // The seeding date only adds the current quarter's draft; 2024 does not depend on it.
    const in2024 = (d: string) => sampleReports(d).filter((r) => r.period.startsWith('2024'));
    expect(in2024('2027-05-02')).toEqual(in2024('2026-11-30'));
    expect(sampleReports('2026-11-30').find((r) => r.period === '2026-Q4')).toMatchObject({
      unit: 'dbp-yty',
      status: 'draft',
      sample: true,
    });
  });

  it('the returned report carries the leader’s comment; the submitted one waits for the command', async () => {
    const [returned] = await t.db
      .select({ comment: reportEvents.comment, who: users.username })
      .from(reportEvents)
      .innerJoin(reports, eq(reports.id, reportEvents.reportId))
      .leftJoin(users, eq(users.id, reportEvents.actorUserId))
      .where(and(eq(reports.status, 'returned'), eq(reportEvents.action, 'return')));
    expect(returned!.who).toBe('lanhdao.bdbp.laocai');
    expect(returned!.comment).toMatch(/tổ tự quản an ninh trật tự/);
    const [submitted] = await t.db
      .select({ unit: units.name, by: users.username })
      .from(reports)
      .innerJoin(units, eq(units.id, reports.unitId))
      .leftJoin(users, eq(users.id, reports.submittedById))
      .where(eq(reports.status, 'submitted'));
    expect(submitted).toEqual({ unit: 'Đồn Biên phòng Tả Gia Khâu', by: 'canbo.dbp.tagiakhau' });
  });
});

describe('the demo data through the roll-up API', () => {
  it('GET /api/agreements/:id/rollup?year=2023 totals exactly seed 001’s figures, not sample', async () => {
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const res = await leader.get(`/api/agreements/${await agreementId('lca-ctr')}/rollup?year=2023`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      indicators: { indicatorId: number; code: string }[];
      totals: { indicatorId: number; value: number | null }[];
      sample: boolean;
    };
    const code = new Map(body.indicators.map((i) => [i.indicatorId, i.code]));
    const totals = Object.fromEntries(
      body.totals
        .map((v) => [code.get(v.indicatorId)!, v.value] as const)
        .filter(([c]) => c in SEED_001_FIGURES),
    );
    expect(totals).toEqual(SEED_001_FIGURES);
    expect(body.sample).toBe(false);
    const sample = (
      await leader.get(`/api/agreements/${await agreementId('lca-ctr')}/rollup?year=2024`)
    ).json();
    expect(sample.sample).toBe(true);
  });

  it('the status matrices of the posts’ quarterly form show approved, submitted, returned, overdue and draft', async () => {
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const [form] = await t.db
      .select({ id: reportForms.id })
      .from(reportForms)
      .where(
        and(eq(reportForms.agreementId, await agreementId('lca-ctr')), eq(reportForms.frequency, 'quarter')),
      );
    type Matrix = { rows: { unit: { name: string }; cells: { state: string }[] }[] };
    const matrixOf = async (year: number) => {
      const res = await leader.get(`/api/forms/${form!.id}/status-matrix?year=${year}`);
      expect(res.statusCode).toBe(200);
      return res.json() as Matrix;
    };
    const row = (m: Matrix, name: string) =>
      m.rows.find((r) => r.unit.name === name)!.cells.map((c) => c.state);
    const m2024 = await matrixOf(2024);
    expect(row(m2024, 'Đồn Biên phòng Tả Gia Khâu')).toEqual([
      'approved',
      'approved',
      'approved',
      'submitted',
    ]);
    expect(row(m2024, 'Đồn Biên phòng Cửa khẩu Quốc tế Lào Cai')).toEqual([
      'approved',
      'approved',
      'approved',
      'returned',
    ]);
    // A draft past its deadline counts as overdue, like the missing Q4 report.
    expect(row(m2024, 'Đồn Biên phòng Y Tý')).toEqual(['approved', 'approved', 'overdue', 'overdue']);
    // This year: Y Tý's draft of the current quarter (overdue only once past the 20th).
    const now = await matrixOf(Number(TODAY.slice(0, 4)));
    const q = Number(CURRENT_QUARTER.slice(-1)) - 1;
    const due = deadlineOf(CURRENT_QUARTER, { day: 20, monthOffset: 0 })!;
    expect(row(now, 'Đồn Biên phòng Y Tý')[q]).toBe(TODAY > due ? 'overdue' : 'draft');
  });
});

describe('the demo reports through the reports API', () => {
  it('the 2023 report reads as approved and locked, with its history and the submitted snapshot', async () => {
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const command = await unitId(BDBP_LCA);
    const [row] = await t.db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.unitId, command), eq(reports.periodKey, '2023')));
    const res = await leader.get(`/api/reports/${row!.id}`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      status: 'approved',
      locked: true,
      sample: false,
      period: '2023',
      periodLabel: 'Năm 2023',
      dueDate: '2023-12-20',
      unit: { name: BDBP_LCA },
    });
    expect(report.events.map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ['submit', 'Lãnh đạo BĐBP tỉnh Lào Cai'],
      ['approve', 'Lãnh đạo BĐBP tỉnh Lào Cai'],
    ]);
    const submit = report.events[0];
    expect(submit.hasSnapshot).toBe(true);
    const detail = (await leader.get(`/api/reports/${row!.id}/events/${submit.id}`)).json();
    expect(detail.snapshot.values).toHaveLength(8);
    expect(detail.snapshot.narrative.ket_qua).toContain('1.734 hộ gia đình');
  });

  it('the Tả Gia Khâu officer sees the post’s reports, all marked sample; the leader has Q4 awaiting approval', async () => {
    const officer = await signIn(t.app, 'canbo.dbp.tagiakhau', PASSWORD);
    const mine = (await officer.get('/api/reports?limit=50')).json() as {
      items: { unit: { name: string }; period: string; sample: boolean }[];
    };
    expect(mine.items.length).toBeGreaterThanOrEqual(4);
    for (const r of mine.items) {
      expect(r.unit.name).toBe('Đồn Biên phòng Tả Gia Khâu');
      expect(r.sample).toBe(true);
    }
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const waiting = (await leader.get('/api/reports?awaitingMe=true')).json() as {
      items: { unit: { name: string }; period: string }[];
    };
    expect(waiting.items.map((r) => [r.unit.name, r.period])).toEqual([
      ['Đồn Biên phòng Tả Gia Khâu', '2024-Q4'],
    ]);
  });
});

describe('seeding twice', () => {
  it('writes nothing the second time', async () => {
    const ids = new Map<string, number>();
    for (const u of DEMO_UNITS) ids.set(u.key, await unitId(u.name));
    const tables = [
      indicators,
      indicatorLinks,
      indicatorTargets,
      reportForms,
      reports,
      reportValues,
      reportEvents,
    ];
    const before = await Promise.all(tables.map(count));
    const again = await seedIndicators(t.db, ids);
    expect(again.skipped).toBe(true);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });
});

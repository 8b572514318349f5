import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { tasks, taskUnits } from '../../db/schema/index.ts';

const t = setupTestApp();
let officer: Client;
let outsider: Client;
let agreementId: number;
let bigPlanId: number;
let border: { id: number };
let ethnic: { id: number };

const HEADERS = [
  'STT',
  'Nội dung',
  'Nhiệm vụ',
  'Đơn vị chủ trì',
  'Đơn vị phối hợp',
  'Đơn vị thực hiện',
  'Thời gian',
  'Hạn',
  'Trạng thái',
  'Tiến độ (%)',
];

const plan = async (subject: string) =>
  (await buildAgreement(t.db, { subject, parties: [ethnic.id, border.id] })).id;

beforeAll(async () => {
  border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Quảng Trị', kind: 'border_command' });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Quảng Trị' });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  await buildUser(t.db, {
    username: 'cv.bdt.qt',
    unitId: ethnic.id,
    grants: [{ unitId: ethnic.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.yte.qb',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  officer = await signIn(t.app, 'cv.bdt.qt');
  outsider = await signIn(t.app, 'cv.yte.qb');
  agreementId = await plan('Kế hoạch phối hợp năm 2024 (xuất Excel)');
  const section = (
    await officer.post(`/api/agreements/${agreementId}/sections`, { title: 'Về tuyên truyền' })
  ).json();
  const add = async (title: string, over: Record<string, unknown> = {}) =>
    (
      await officer.post(`/api/agreements/${agreementId}/tasks`, {
        title,
        sectionId: section.id,
        timeframe: { kind: 'quarter', year: 2024, quarter: 2 },
        leadUnitId: ethnic.id,
        cooperatingUnitIds: [border.id],
        ...over,
      })
    ).json();
  await add('Tuyên truyền, vận động đồng bào dân tộc thiểu số chấp hành pháp luật');
  const done = await add('Tổng kết, đánh giá kết quả phối hợp', {
    timeframe: { kind: 'date', due: '2099-12-15' },
  });
  await add('Giao ban định kỳ', { timeframe: { kind: 'recurring', year: 2024, recurrence: 'quarterly' } });
  await t.db.update(tasks).set({ status: 'done', progress: 100 }).where(eq(tasks.id, done.id));

  // A plan larger than one page of the list.
  bigPlanId = await plan('Kế hoạch lớn');
  const rows = await t.db
    .insert(tasks)
    .values(
      Array.from({ length: 520 }, (_, i) => ({
        agreementId: bigPlanId,
        position: i + 1,
        title: `Nhiệm vụ số ${i + 1}`,
        timeframeKind: 'year' as const,
        startDate: '2024-01-01',
        dueDate: '2024-12-31',
        searchText: `nhiem vu so ${i + 1}`,
      })),
    )
    .returning({ id: tasks.id });
  await t.db
    .insert(taskUnits)
    .values(rows.map((r) => ({ taskId: r.id, unitId: ethnic.id, role: 'lead' as const })));
});

async function workbook(res: { rawPayload: Buffer }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Nhiệm vụ');
  if (!ws) throw new Error('no sheet "Nhiệm vụ"');
  return ws;
}

describe('XLSX export', () => {
  it('exports every task of the filter with Vietnamese headers, labels and real dates', async () => {
    const list = (await officer.get(`/api/tasks?agreementId=${agreementId}`)).json();
    const res = await officer.get(`/api/tasks/export.xlsx?agreementId=${agreementId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(
      /^attachment; filename="nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(/^Nhiệm vụ /);

    const ws = await workbook(res);
    const header = ws.getRow(1);
    expect(HEADERS.map((_, i) => header.getCell(i + 1).value)).toEqual(HEADERS);
    expect(header.font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(3).width).toBeGreaterThan(30);
    expect(ws.rowCount - 1).toBe(list.total);
    expect(list.total).toBe(3);

    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const byTitle = new Map(rows.map((r) => [r.getCell(3).value, r]));
    const first = byTitle.get('Tuyên truyền, vận động đồng bào dân tộc thiểu số chấp hành pháp luật');
    expect(first).toBeDefined();
    expect(first!.getCell(2).value).toBe('Về tuyên truyền');
    expect(first!.getCell(4).value).toBe('Ban Dân tộc tỉnh Quảng Trị');
    expect(first!.getCell(5).value).toBe('Bộ Chỉ huy BĐBP tỉnh Quảng Trị');
    expect(first!.getCell(7).value).toBe('Quý II/2024');
    const due = first!.getCell(8).value;
    expect(due).toBeInstanceOf(Date);
    expect((due as Date).toISOString().slice(0, 10)).toBe('2024-06-30');
    expect(first!.getCell(8).numFmt).toBe('dd/mm/yyyy');
    expect(first!.getCell(9).value).toBe('Chưa thực hiện – Quá hạn');
    expect(first!.getCell(10).value).toBe(0);
    expect(first!.alignment?.wrapText).toBe(true);
    const done = byTitle.get('Tổng kết, đánh giá kết quả phối hợp');
    expect(done!.getCell(9).value).toBe('Hoàn thành');
    expect(done!.getCell(10).value).toBe(100);
    expect(byTitle.get('Giao ban định kỳ')!.getCell(7).value).toBe('Hằng quý');
    expect(rows.map((r) => r.getCell(1).value)).toEqual([1, 2, 3]);
  });

  it('applies the list filters and exports past one page of the list', async () => {
    const done = await workbook(
      await officer.get(`/api/tasks/export.xlsx?agreementId=${agreementId}&status=done`),
    );
    expect(done.rowCount).toBe(2);
    const big = await officer.get(`/api/tasks/export.xlsx?agreementId=${bigPlanId}&limit=10`);
    const listTotal = (await officer.get(`/api/tasks?agreementId=${bigPlanId}&limit=1`)).json().total;
    expect(listTotal).toBe(520);
    const ws = await workbook(big);
    expect(ws.rowCount - 1).toBe(listTotal);
    expect(ws.getRow(521).getCell(3).value).toBe('Nhiệm vụ số 520');
  });

  it('shows an outsider nothing, and refuses a bad filter like the list does', async () => {
    const ws = await workbook(await outsider.get(`/api/tasks/export.xlsx?agreementId=${agreementId}`));
    expect(ws.rowCount).toBe(1);
    expectError(await officer.get('/api/tasks/export.xlsx?status=nope'), 'VALIDATION_FAILED');
  });
});

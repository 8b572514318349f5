import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { and, asc, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import {
  auditLog,
  reportEvents,
  reportFormUnits,
  reports,
  reportValues,
  units,
} from '../../db/schema/index.ts';
import { BULK_HEADERS, REPORT_HEADERS } from './xlsxTemplate.ts';

// The Excel round trip of periodic reports on both databases: templates, upload of one
// report, many-unit upload, and every fault answering in Vietnamese by row and column with
// nothing changed in the database.

const t = setupTestApp();
let post1Officer: Client;
let commandOfficer: Client;
let outsider: Client;
let post1: { id: number; name: string };
let post2: { id: number; name: string };
let command: { id: number };
let formId: number;
let reportId: number;
let approvedId: number;
const ind = {} as Record<'HO' | 'TO' | 'TV' | 'TL' | 'MH' | 'DT', { id: number; code: string }>;

beforeAll(async () => {
  command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  post1 = await buildUnit(t.db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  post2 = await buildUnit(t.db, { name: 'Đồn Biên phòng Bản Lầu', parentId: command.id });
  const ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai' });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  await buildUser(t.db, {
    username: 'cv.tgk',
    unitId: post1.id,
    grants: [{ unitId: post1.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.bch',
    unitId: command.id,
    grants: [{ unitId: command.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.yte',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  post1Officer = await signIn(t.app, 'cv.tgk');
  commandOfficer = await signIn(t.app, 'cv.bch');
  outsider = await signIn(t.app, 'cv.yte');

  const agreement = await buildAgreement(t.db, {
    subject: 'Chương trình phối hợp BĐBP – Ban Dân tộc Lào Cai',
    parties: [command.id, ethnic.id],
  });
  ind.HO = await buildIndicator(t.db, { code: 'HO_GIUP_DO', name: 'Hộ gia đình được giúp đỡ', uom: 'hộ' });
  ind.TO = await buildIndicator(t.db, { code: 'TO_TU_QUAN', name: 'Tổ tự quản đường biên', uom: 'tổ' });
  ind.TV = await buildIndicator(t.db, {
    code: 'THANH_VIEN',
    name: 'Thành viên tổ tự quản',
    uom: 'người',
    rules: [{ op: '>=', otherIndicatorId: ind.TO.id }],
  });
  ind.TL = await buildIndicator(t.db, {
    code: 'TY_LE_HO_NGHEO',
    name: 'Tỷ lệ hộ nghèo',
    uom: '%',
    valueType: 'percentage',
    aggUnits: 'avg',
    aggTime: 'last',
  });
  ind.MH = await buildIndicator(t.db, {
    code: 'CO_MO_HINH',
    name: 'Có mô hình dân vận khéo',
    uom: 'mô hình',
    valueType: 'boolean',
    aggUnits: 'none',
    aggTime: 'last',
  });
  ind.DT = await buildIndicator(t.db, {
    code: 'NGUOI_UY_TIN',
    name: 'Người có uy tín được bồi dưỡng',
    uom: 'người',
    disaggregation: {
      code: 'dan_toc',
      name: 'Dân tộc',
      categories: [
        { code: 'MONG', name: 'Mông' },
        { code: 'DAO', name: 'Dao' },
      ],
    },
  });
  const form = await buildForm(t.db, {
    agreementId: agreement.id,
    name: 'Báo cáo quý kết quả phối hợp',
    indicators: [ind.HO.id, ind.TO.id, ind.TV.id, ind.TL.id, ind.MH.id, ind.DT.id],
    unitIds: [post1.id, post2.id],
    approvalChain: [command.id],
  });
  formId = form.id;
  reportId = (
    await buildReport(t.db, {
      formId,
      unitId: post1.id,
      period: '2024-Q2',
      values: [
        { indicatorId: ind.HO.id, value: 120 },
        { indicatorId: ind.TO.id, value: 8 },
        { indicatorId: ind.TV.id, value: 40 },
      ],
      narrative: { ket_qua: 'Giúp đỡ 120 hộ.' },
    })
  ).id;
  approvedId = (
    await buildReport(t.db, {
      formId,
      unitId: post1.id,
      period: '2024-Q1',
      status: 'approved',
      values: [{ indicatorId: ind.HO.id, value: 90 }],
    })
  ).id;
});

function upload(
  client: Client,
  url: string,
  fileName: string,
  data: Buffer,
  fields: Record<string, string> = {},
) {
  const boundary = `----phoihop${randomUUID()}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return client.request({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(parts.join('') + head),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

async function download(client: Client, url: string) {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const template = () => download(post1Officer, `/api/reports/${reportId}/template.xlsx`);
const importUrl = () => `/api/reports/${reportId}/import`;

/** Row number of an indicator (and category) on the template's "Số liệu" sheet. */
function rowOf(ws: ExcelJS.Worksheet, code: string, category = '') {
  for (let r = 7; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === code && (row.getCell(4).value ?? '') === category && !row.getCell(5).value) {
      return r;
    }
  }
  throw new Error(`no row ${code} ${category}`);
}

/** Everything an import could change, to compare before and after a refused file. */
async function dbState() {
  const values = await t.db
    .select()
    .from(reportValues)
    .orderBy(asc(reportValues.reportId), asc(reportValues.indicatorId), asc(reportValues.category));
  const rows = await t.db.select().from(reports).orderBy(asc(reports.id));
  const [events] = await t.db.select({ n: count() }).from(reportEvents);
  const [audits] = await t.db.select({ n: count() }).from(auditLog);
  return {
    values,
    reports: rows.map((r) => ({ id: r.id, version: r.version, narrative: r.narrative, status: r.status })),
    events: events!.n,
    audits: audits!.n,
  };
}

/** Uploads a file that must be refused: the error, and nothing changed. */
async function refused(
  res: Promise<Awaited<ReturnType<typeof upload>>>,
  before: unknown,
  code = 'XLSX_INVALID',
) {
  const r = await res;
  const body = expectError(r, code as 'XLSX_INVALID');
  expect(await dbState()).toEqual(before);
  return body;
}

describe('report template', () => {
  it('has the sheets, header, validation on the value column, locked keys and current values', async () => {
    const wb = await template();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Thuyết minh', 'Hướng dẫn']);
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getCell('A1').value).toBe('Báo cáo quý kết quả phối hợp');
    expect(ws.getCell('B2').value).toBe('Đồn Biên phòng Tả Gia Khâu');
    expect(ws.getCell('B3').value).toBe('Quý II/2024 (2024-Q2)');
    expect(String(ws.getCell('B4').value)).toMatch(/^20\/06\/2024/);
    expect(ws.getCell('B5').value).toBe(reportId);
    expect((ws.getRow(6).values as unknown[]).slice(1)).toEqual([...REPORT_HEADERS]);
    const ho = rowOf(ws, 'HO_GIUP_DO');
    expect(ws.getRow(ho).getCell(2).value).toBe('Hộ gia đình được giúp đỡ');
    expect(ws.getRow(ho).getCell(3).value).toBe('hộ');
    expect(ws.getRow(ho).getCell(6).value).toBe(120);
    expect(ws.getRow(rowOf(ws, 'THANH_VIEN')).getCell(6).value).toBe(40);
    expect(ws.getRow(ho).getCell(6).dataValidation).toMatchObject({ type: 'whole', formulae: [0] });
    expect(ws.getRow(rowOf(ws, 'TY_LE_HO_NGHEO')).getCell(6).dataValidation).toMatchObject({
      type: 'decimal',
      formulae: [0, 100],
    });
    expect(ws.getRow(rowOf(ws, 'CO_MO_HINH')).getCell(6).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Có,Không"'],
    });
    expect(ws.getRow(rowOf(ws, 'NGUOI_UY_TIN', 'Mông')).getCell(6).dataValidation?.type).toBe('whole');
    expect(ws.getRow(ho).getCell(6).protection?.locked).toBe(false);
    expect(ws.getRow(ho).getCell(1).protection?.locked).not.toBe(false);
    const nar = wb.getWorksheet('Thuyết minh')!;
    expect(nar.getRow(2).values).toEqual([undefined, 'ket_qua', 'Kết quả thực hiện', 'Giúp đỡ 120 hộ.']);
  });

  it('is served only to those who see the report', async () => {
    expectError(await outsider.get(`/api/reports/${reportId}/template.xlsx`), 'NOT_FOUND');
  });
});

describe('report import', () => {
  it('round trip: fill the template, upload, the report shows the values and an import event', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('Số liệu')!;
    ws.getCell(`F${rowOf(ws, 'HO_GIUP_DO')}`).value = 1734;
    ws.getCell(`F${rowOf(ws, 'TO_TU_QUAN')}`).value = 80;
    ws.getCell(`F${rowOf(ws, 'THANH_VIEN')}`).value = '1.117';
    ws.getCell(`F${rowOf(ws, 'TY_LE_HO_NGHEO')}`).value = '12,5';
    ws.getCell(`F${rowOf(ws, 'CO_MO_HINH')}`).value = 'Có';
    ws.getCell(`F${rowOf(ws, 'NGUOI_UY_TIN', 'Tổng số')}`).value = 30;
    ws.getCell(`F${rowOf(ws, 'NGUOI_UY_TIN', 'Mông')}`).value = 18;
    ws.getCell(`F${rowOf(ws, 'NGUOI_UY_TIN', 'Dao')}`).value = 12;
    const extra = rowOf(ws, 'NGUOI_UY_TIN', 'Dao') + 1;
    ws.getRow(extra).values = ['HO_GIUP_DO', null, null, null, 'Xã Tả Gia Khâu', 200];
    // Two communes whose names differ only by a diacritic are two places, not a duplicate row.
    ws.getRow(extra + 1).values = ['HO_GIUP_DO', null, null, null, 'Xã Kỳ Quảng', 5];
    ws.getRow(extra + 2).values = ['HO_GIUP_DO', null, null, null, 'Xã Kỳ Quang', 7];
    wb.getWorksheet('Thuyết minh')!.getCell('C3').value = 'Một số tổ hoạt động chưa đều.';

    const before = (await post1Officer.get(`/api/reports/${reportId}`)).json();
    const res = await upload(post1Officer, importUrl(), 'bao-cao-quy-2.xlsx', await bytes(wb), {
      version: String(before.version),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ narrative: true, values: 11 });

    const report = (await post1Officer.get(`/api/reports/${reportId}`)).json();
    const v = (id: number, category = '', location = '') =>
      report.values.find(
        (x: { indicatorId: number; category: string; location: string }) =>
          x.indicatorId === id && x.category === category && x.location === location,
      )?.value;
    expect(v(ind.HO.id)).toBe(1734);
    expect(v(ind.TO.id)).toBe(80);
    expect(v(ind.TV.id)).toBe(1117);
    expect(v(ind.TL.id)).toBe(12.5);
    expect(v(ind.MH.id)).toBe(true);
    expect(v(ind.DT.id, 'MONG')).toBe(18);
    expect(v(ind.HO.id, '', 'Xã Tả Gia Khâu')).toBe(200);
    expect(v(ind.HO.id, '', 'Xã Kỳ Quảng')).toBe(5);
    expect(v(ind.HO.id, '', 'Xã Kỳ Quang')).toBe(7);
    expect(report.narrative).toEqual({
      ket_qua: 'Giúp đỡ 120 hộ.',
      han_che: 'Một số tổ hoạt động chưa đều.',
    });
    expect(report.version).toBe(before.version + 1);
    expect(report.events.at(-1)).toMatchObject({ action: 'import', hasSnapshot: true });

    // The template now carries the imported values, the commune row included.
    const again = (await template()).getWorksheet('Số liệu')!;
    expect(again.getCell(`F${rowOf(again, 'HO_GIUP_DO')}`).value).toBe(1734);
    const located = (again.getColumn(5).values as unknown[]).indexOf('Xã Tả Gia Khâu');
    expect(again.getRow(located).getCell(6).value).toBe(200);
  });

  it('lists every bad row by row and column in Vietnamese and changes nothing', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('Số liệu')!;
    const ho = rowOf(ws, 'HO_GIUP_DO');
    const to = rowOf(ws, 'TO_TU_QUAN');
    ws.getCell(`F${ho}`).value = 'N/A';
    ws.getCell(`F${to}`).value = -3;
    ws.getCell(`F${rowOf(ws, 'TY_LE_HO_NGHEO')}`).value = 'mười';
    const free = ws.rowCount + 1;
    ws.getRow(free).values = ['KHONG_CO_MA', null, null, null, null, 5];
    ws.getRow(free + 1).values = ['TO_TU_QUAN', null, null, null, null, 4];
    ws.getRow(free + 2).values = ['NGUOI_UY_TIN', null, null, 'Kinh', null, 4];
    const before = await dbState();
    const body = await refused(upload(post1Officer, importUrl(), 'loi.xlsx', await bytes(wb)), before);
    // Every problem at once, in sheet order: the file's own checks and the value rules of a save.
    expect(body.fields).toEqual([
      { path: `Dòng ${ho}, cột F`, message: 'Giá trị "N/A" không phải là số (Chỉ tiêu HO_GIUP_DO)' },
      { path: `Dòng ${to}, cột F`, message: 'TO_TU_QUAN – Tổ tự quản đường biên: số tổ không thể âm (-3).' },
      {
        path: `Dòng ${rowOf(ws, 'TY_LE_HO_NGHEO')}, cột F`,
        message: 'Giá trị "mười" không phải là số (Chỉ tiêu TY_LE_HO_NGHEO)',
      },
      {
        path: `Dòng ${free}, cột A`,
        message: 'Mã chỉ tiêu "KHONG_CO_MA" không có trong biểu mẫu của báo cáo này.',
      },
      {
        path: `Dòng ${free + 1}, cột A`,
        message: `Trùng với dòng ${to}: cùng mã chỉ tiêu TO_TU_QUAN; mỗi chỉ tiêu chỉ nhập một dòng.`,
      },
      {
        path: `Dòng ${free + 2}, cột D`,
        message: 'Phân tổ "Kinh" không có trong chỉ tiêu NGUOI_UY_TIN (các nhóm: Tổng số, Mông, Dao).',
      },
    ]);
    expect(body.message).toContain('chưa có số liệu nào được cập nhật');
  });

  it('refuses a workbook without the "Số liệu" sheet', async () => {
    const wb = await template();
    wb.getWorksheet('Số liệu')!.name = 'Sheet1';
    const body = await refused(
      upload(post1Officer, importUrl(), 'sai-trang.xlsx', await bytes(wb)),
      await dbState(),
    );
    expect(body.fields?.[0]).toEqual({
      path: 'file',
      message: expect.stringContaining(
        'Không có trang (sheet) "Số liệu". Các trang trong tệp: "Sheet1", "Thuyết minh", "Hướng dẫn"',
      ),
    });
  });

  it('refuses shifted columns, naming the expected header and column', async () => {
    const wb = await template();
    wb.getWorksheet('Số liệu')!.spliceColumns(1, 0, []);
    const body = await refused(
      upload(post1Officer, importUrl(), 'lech-cot.xlsx', await bytes(wb)),
      await dbState(),
    );
    expect(body.fields?.[0]).toEqual({
      path: 'Dòng 6, cột A',
      message:
        'Cột A phải có tiêu đề "Mã chỉ tiêu" nhưng đang trống — "Mã chỉ tiêu" đang nằm ở cột B: các cột đã bị chèn, xóa hoặc đổi chỗ. Hãy giữ nguyên các cột như tệp mẫu tải về.',
    });
  });

  it('refuses formulas, asking for values', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('Số liệu')!;
    const tv = rowOf(ws, 'THANH_VIEN');
    ws.getCell(`F${tv}`).value = { formula: `F${tv - 1}*10`, result: 800 } as ExcelJS.CellValue;
    const body = await refused(
      upload(post1Officer, importUrl(), 'cong-thuc.xlsx', await bytes(wb)),
      await dbState(),
    );
    expect(body.fields).toEqual([
      {
        path: `Dòng ${tv}, cột F`,
        message: `Ô có công thức (=F${tv - 1}*10); hãy dán giá trị thay cho công thức (sao chép, rồi Dán đặc biệt → Giá trị / Paste Special → Values).`,
      },
    ]);
  });

  it('refuses merged cells in the data area', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('Số liệu')!;
    const ho = rowOf(ws, 'HO_GIUP_DO');
    ws.unMergeCells('A1:G1');
    ws.mergeCells(`F${ho}:F${ho + 1}`);
    const body = await refused(
      upload(post1Officer, importUrl(), 'gop-o.xlsx', await bytes(wb)),
      await dbState(),
    );
    expect(body.fields?.[0]).toEqual({
      path: `Dòng ${ho}, cột F`,
      message: `Ô gộp F${ho}:F${ho + 1} trong vùng số liệu; hãy bỏ gộp ô (Merge & Center → Unmerge Cells) và nhập giá trị vào từng ô.`,
    });
  });

  it('refuses 100,000 rows with a clear message', async () => {
    const body = await refused(
      upload(post1Officer, importUrl(), 'qua-lon.xlsx', await hugeWorkbook(100_000)),
      await dbState(),
    );
    expect(body.fields).toEqual([
      {
        path: 'file',
        message: expect.stringContaining(
          'Tệp có trang hơn 5.000 dòng; tệp nhập số liệu của một báo cáo chỉ được tối đa 5.000 dòng',
        ),
      },
    ]);
  });

  it('refuses a file that is not XLSX (PDF or text renamed) and an empty file', async () => {
    const before = await dbState();
    const pdf = await refused(
      upload(
        post1Officer,
        importUrl(),
        'so-lieu.xlsx',
        Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n'),
      ),
      before,
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(pdf.fields?.[0]?.message).toBe(
      'Tệp "so-lieu.xlsx" không phải tệp Excel .xlsx (nội dung là tệp PDF). Hãy dùng tệp mẫu tải về từ PhốiHợp.',
    );
    const csv = await refused(
      upload(post1Officer, importUrl(), 'so-lieu.xlsx', Buffer.from('Mã chỉ tiêu;Giá trị\nHO_GIUP_DO;12\n')),
      before,
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(csv.fields?.[0]?.message).toContain('có thể là tệp văn bản hoặc CSV đã đổi đuôi');
    const empty = await refused(upload(post1Officer, importUrl(), 'rong.xlsx', Buffer.alloc(0)), before);
    expect(empty.fields?.[0]?.message).toBe(
      'Tệp "rong.xlsx" rỗng (0 byte); hãy chọn tệp Excel đã nhập số liệu.',
    );
  });

  it('refuses another report’s template', async () => {
    const wb = await download(post1Officer, `/api/reports/${approvedId}/template.xlsx`);
    const body = await refused(
      upload(post1Officer, importUrl(), 'quy-1.xlsx', await bytes(wb)),
      await dbState(),
    );
    expect(body.fields?.[0]).toMatchObject({
      path: 'Dòng 5, cột B',
      message: expect.stringContaining(`số ${approvedId}`),
    });
  });

  it('follows the rules of a save: stale version 409, locked report 409, outsider 404', async () => {
    const file = await bytes(await template());
    const before = await dbState();
    const report = (await post1Officer.get(`/api/reports/${reportId}`)).json();
    await refused(
      upload(post1Officer, importUrl(), 'cu.xlsx', file, { version: String(report.version - 1) }),
      before,
      'VERSION_CONFLICT',
    );
    const locked = await bytes(await download(post1Officer, `/api/reports/${approvedId}/template.xlsx`));
    await refused(
      upload(post1Officer, `/api/reports/${approvedId}/import`, 'khoa.xlsx', locked),
      before,
      'REPORT_LOCKED',
    );
    await refused(upload(outsider, importUrl(), 'x.xlsx', file), before, 'NOT_FOUND');
    expectError(await post1Officer.post(importUrl(), {}), 'VALIDATION_FAILED');
  });
});

/** A workbook of `n` rows under the template header, written by the streaming writer. */
async function hugeWorkbook(n: number) {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => stream.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
  const ws = wb.addWorksheet('Số liệu');
  ws.getRow(6).values = [...REPORT_HEADERS];
  ws.getRow(6).commit();
  for (let i = 0; i < n; i++) ws.addRow(['HO_GIUP_DO', 'Hộ', 'hộ', '', `Xã số ${i}`, i]).commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

describe('many-unit template and import', () => {
  const bulkUrl = () => `/api/forms/${formId}/import`;

  it('offers the units the actor may edit × indicators, and imports them in one go', async () => {
    const wb = await download(commandOfficer, `/api/forms/${formId}/template.xlsx?period=2024-Q3`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Hướng dẫn']);
    const ws = wb.getWorksheet('Số liệu')!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Kỳ',
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Đơn vị tính',
      'Phân tổ',
      'Địa bàn',
      'Giá trị',
    ]);
    // 2 units × (5 indicators + 1 with total and 2 categories)
    expect(ws.rowCount).toBe(3 + 2 * 8);
    expect(ws.getCell('A4').value).toBe(post1.id);
    expect(ws.getCell('C4').value).toBe('2024-Q3');
    expect(ws.getCell('I4').dataValidation?.type).toBe('whole');
    for (let r = 4; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const code = row.getCell(4).value;
      const unit = row.getCell(1).value === post1.id ? 1 : 2;
      if (code === 'HO_GIUP_DO') row.getCell(9).value = 100 * unit;
      if (code === 'TO_TU_QUAN') row.getCell(9).value = 10 * unit;
      if (code === 'THANH_VIEN') row.getCell(9).value = 50 * unit;
      if (code === 'CO_MO_HINH') row.getCell(9).value = unit === 1 ? 'Có' : 'Không';
    }
    // The post's officer gets only their own unit.
    const own = (
      await download(post1Officer, `/api/forms/${formId}/template.xlsx?period=2024-Q3`)
    ).getWorksheet('Số liệu')!;
    expect(new Set((own.getColumn(1).values as unknown[]).slice(4))).toEqual(new Set([post1.id]));

    const res = await upload(commandOfficer, bulkUrl(), 'quy-3.xlsx', await bytes(wb));
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.values).toBe(8);
    expect(out.reports).toHaveLength(2);
    expect(out.reports.every((r: { created: boolean }) => r.created)).toBe(true);
    const second = out.reports.find((r: { unitId: number }) => r.unitId === post2.id);
    const report = (await commandOfficer.get(`/api/reports/${second.id}`)).json();
    expect(report).toMatchObject({ status: 'draft', period: '2024-Q3', unit: { id: post2.id } });
    expect(report.values).toEqual(
      expect.arrayContaining([
        { indicatorId: ind.HO.id, category: '', location: '', value: 200 },
        { indicatorId: ind.MH.id, category: '', location: '', value: false },
      ]),
    );
    expect(report.events.map((e: { action: string }) => e.action)).toEqual(['create', 'import']);

    // Imported again with a change: the same reports, updated, one more import event each.
    ws.getCell('I4').value = 111;
    const again = await upload(commandOfficer, bulkUrl(), 'quy-3.xlsx', await bytes(wb));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().reports.every((r: { created: boolean }) => !r.created)).toBe(true);
    const [cell] = await t.db
      .select()
      .from(reportValues)
      .where(and(eq(reportValues.reportId, out.reports[0].id), eq(reportValues.indicatorId, ind.HO.id)));
    expect(cell!.value).toBe(111);
  });

  it('applies nothing when one row is bad, and lists row errors for locked reports and foreign units', async () => {
    const wb = await download(commandOfficer, `/api/forms/${formId}/template.xlsx?period=2024-Q4`);
    const ws = wb.getWorksheet('Số liệu')!;
    for (let r = 4; r <= ws.rowCount; r++) {
      if (ws.getRow(r).getCell(4).value === 'HO_GIUP_DO') ws.getRow(r).getCell(9).value = 5;
    }
    ws.getCell('I5').value = 'N/A';
    const before = await dbState();
    const body = await refused(upload(commandOfficer, bulkUrl(), 'quy-4.xlsx', await bytes(wb)), before);
    expect(body.fields).toEqual([
      { path: 'Dòng 5, cột I', message: 'Giá trị "N/A" không phải là số (Chỉ tiêu TO_TU_QUAN)' },
    ]);

    // A row for the approved Q1 report, and the post's officer writing for the other post.
    ws.getCell('I5').value = null;
    const locked = ws.rowCount + 1;
    ws.getRow(locked).values = [post1.id, null, '2024-Q1', 'HO_GIUP_DO', null, null, null, null, 1];
    const bad = await refused(upload(commandOfficer, bulkUrl(), 'quy-4.xlsx', await bytes(wb)), before);
    expect(bad.fields).toEqual([
      {
        path: `Dòng ${locked}, cột A`,
        message: expect.stringContaining('Quý I/2024 của "Đồn Biên phòng Tả Gia Khâu" đã được duyệt'),
      },
    ]);
    const foreign = await refused(upload(post1Officer, bulkUrl(), 'quy-4.xlsx', await bytes(wb)), before);
    expect(foreign.fields).toContainEqual({
      path: expect.stringMatching(/^Dòng \d+, cột A$/),
      message: 'Bạn không có quyền nhập số liệu cho đơn vị "Đồn Biên phòng Bản Lầu".',
    });
  });

  it('leaves out a unit dissolved before the period, and refuses its rows', async () => {
    const merged = await buildUnit(t.db, { name: 'Đồn Biên phòng Pha Long', parentId: command.id });
    await t.db.update(units).set({ validTo: '2024-06-30' }).where(eq(units.id, merged.id));
    await t.db.insert(reportFormUnits).values({ formId, unitId: merged.id });
    const unitsIn = async (period: string) =>
      new Set(
        (
          (await download(commandOfficer, `/api/forms/${formId}/template.xlsx?period=${period}`))
            .getWorksheet('Số liệu')!
            .getColumn(1).values as unknown[]
        ).slice(4),
      );
    expect((await unitsIn('2024-Q2')).has(merged.id)).toBe(true);
    expect((await unitsIn('2024-Q4')).has(merged.id)).toBe(false);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.getRow(1).values = [...BULK_HEADERS];
    ws.getRow(2).values = [merged.id, null, '2024-Q4', 'HO_GIUP_DO', null, null, null, null, 3];
    const body = await refused(
      upload(commandOfficer, bulkUrl(), 'giai-the.xlsx', await bytes(wb)),
      await dbState(),
    );
    expect(body.fields).toEqual([
      {
        path: 'Dòng 2, cột A',
        message:
          '"Đồn Biên phòng Pha Long" đã giải thể/sáp nhập từ ngày 30/06/2024, không báo cáo cho kỳ Quý IV/2024.',
      },
    ]);
  });

  it('imports about 2,000 values across units and quarters in one transaction', async () => {
    const many = await Promise.all(
      Array.from({ length: 25 }, (_, i) => buildIndicator(t.db, { code: `BULK_${i}`, uom: 'lượt' })),
    );
    const posts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        buildUnit(t.db, { name: `Đồn Biên phòng số ${i + 1}`, parentId: command.id }),
      ),
    );
    const agreement = await buildAgreement(t.db, {
      subject: 'Kế hoạch 2024 (nhiều đơn vị)',
      parties: [command.id],
    });
    const form = await buildForm(t.db, {
      agreementId: agreement.id,
      indicators: many.map((i) => i.id),
      unitIds: posts.map((p) => p.id),
      approvalChain: [command.id],
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.getRow(3).values = [
      'Mã đơn vị',
      'Đơn vị',
      'Kỳ',
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Đơn vị tính',
      'Phân tổ',
      'Địa bàn',
      'Giá trị',
    ];
    let n = 0;
    for (const p of posts) {
      for (const q of ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']) {
        for (const i of many) ws.addRow([p.id, p.name, q, i.code, null, null, null, null, ++n]);
      }
    }
    const res = await upload(commandOfficer, `/api/forms/${form.id}/import`, 'ca-nam.xlsx', await bytes(wb));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().values).toBe(2000);
    expect(res.json().reports).toHaveLength(80);
    const [stored] = await t.db
      .select({ n: count() })
      .from(reportValues)
      .innerJoin(reports, eq(reports.id, reportValues.reportId))
      .where(eq(reports.formId, form.id));
    expect(stored!.n).toBe(2000);
    const [imports] = await t.db
      .select({ n: count() })
      .from(reportEvents)
      .innerJoin(reports, eq(reports.id, reportEvents.reportId))
      .where(and(eq(reports.formId, form.id), eq(reportEvents.action, 'import')));
    expect(imports!.n).toBe(80);
  });
});

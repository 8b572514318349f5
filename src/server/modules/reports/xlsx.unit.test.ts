import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formIndicator } from '../../../../test/formIndicators.ts';
import type { FormIndicator } from '../../../contracts/reports.ts';
import { AppError } from '../../lib/errors.ts';
import { parseReportFile } from './xlsxParse.ts';
import { columnLetter, Problems, parseValue, parseVietnameseNumber, readCell } from './xlsxRead.ts';
import { buildReportTemplate, REPORT_HEADERS } from './xlsxTemplate.ts';

const ind = (
  indicatorId: number,
  code: string,
  valueType: FormIndicator['valueType'],
  over: Partial<FormIndicator> = {},
): FormIndicator => formIndicator({ indicatorId, code, valueType, ...over });

const INDICATORS = [
  ind(1, 'HO_GIUP_DO', 'integer'),
  ind(2, 'TY_LE', 'percentage'),
  ind(3, 'CO_MO_HINH', 'boolean'),
  ind(4, 'DAN_TOC', 'integer', {
    categories: [
      { code: 'KINH', name: 'Kinh' },
      { code: 'MONG', name: 'Mông' },
    ],
  }),
  ind(5, 'GHI_CHU', 'text'),
];
const SECTIONS = [
  { key: 'ket_qua', title: 'Kết quả thực hiện' },
  { key: 'de_xuat', title: 'Đề xuất, kiến nghị' },
];
const target = { reportId: 5, indicators: INDICATORS, narrativeSections: SECTIONS };

const template = () =>
  buildReportTemplate({
    id: 5,
    formName: 'Báo cáo quý',
    agreementSubject: 'Chương trình phối hợp 2022–2025',
    unitName: 'Đồn Biên phòng Tả Gia Khâu',
    period: '2024-Q2',
    periodLabel: 'Quý II/2024',
    dueDate: '2024-06-20',
    statusLabel: 'Nháp',
    version: 3,
    indicators: INDICATORS,
    values: [
      { indicatorId: 1, category: '', location: '', value: 12 },
      { indicatorId: 1, category: '', location: 'Xã Mường Khương', value: 4 },
      { indicatorId: 3, category: '', location: '', value: true },
    ],
    narrativeSections: SECTIONS,
    narrative: { ket_qua: 'Đã giúp đỡ 12 hộ.' },
  });

async function edit(buf: Buffer, fn: (wb: ExcelJS.Workbook) => void | Promise<void>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  await fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Parses like the import does: row problems collected, then thrown together. */
async function parse(buf: Buffer) {
  const problems = new Problems();
  const parsed = await parseReportFile('mau.xlsx', buf, target, problems);
  problems.throwIfAny();
  return parsed;
}

async function problemsOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('cells and numbers', () => {
  it('reads Vietnamese notation and refuses the ambiguous', () => {
    expect(parseVietnameseNumber('1.734')).toBe(1734);
    expect(parseVietnameseNumber('12,5')).toBe(12.5);
    expect(parseVietnameseNumber('1.734,25')).toBe(1734.25);
    expect(parseVietnameseNumber(' 3 276 ')).toBe(3276);
    expect(parseVietnameseNumber('12.5')).toBe('ambiguous');
    expect(parseVietnameseNumber('50%', true)).toBe(50);
    expect(parseVietnameseNumber('N/A')).toBeNull();
  });

  it('parses a value by the indicator type, with a Vietnamese reason when it cannot', () => {
    expect(parseValue(readCell(1734), 'integer')).toEqual({ ok: true, value: 1734 });
    expect(parseValue(readCell('1.734'), 'integer')).toEqual({ ok: true, value: 1734 });
    expect(parseValue(readCell(null), 'integer')).toEqual({ ok: true, value: null });
    expect(parseValue(readCell('N/A'), 'integer')).toEqual({
      ok: false,
      message: 'Giá trị "N/A" không phải là số',
    });
    expect(parseValue(readCell(0.5, '0%'), 'percentage')).toEqual({ ok: true, value: 50 });
    expect(parseValue(readCell('Có'), 'boolean')).toEqual({ ok: true, value: true });
    expect(parseValue(readCell('không'), 'boolean')).toEqual({ ok: true, value: false });
    expect(parseValue(readCell('yes please'), 'boolean').ok).toBe(false);
    expect(parseValue(readCell(new Date('2024-05-01T00:00:00Z')), 'integer')).toEqual({
      ok: false,
      message: 'Giá trị "01/05/2024" là ngày tháng, không phải là số',
    });
    const formula = parseValue(
      readCell({ formula: 'SUM(F7:F8)', result: 3 } as ExcelJS.CellValue),
      'integer',
    );
    expect(formula.ok).toBe(false);
    expect(!formula.ok && formula.message).toContain('dán giá trị');
    expect(parseValue(readCell(1234), 'text')).toEqual({ ok: true, value: '1234' });
    expect(parseValue(readCell('x'.repeat(5001)), 'text')).toEqual({
      ok: false,
      message: 'Nội dung dài 5.001 ký tự, quá 5.000 ký tự.',
    });
    expect(columnLetter(6)).toBe('F');
    expect(columnLetter(28)).toBe('AB');
  });
});

describe('report template', () => {
  it('has the sheets, title block, header, locked keys, validation and current values', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Thuyết minh', 'Hướng dẫn']);
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getCell('A1').value).toBe('Báo cáo quý');
    expect(ws.getCell('B2').value).toBe('Đồn Biên phòng Tả Gia Khâu');
    expect(ws.getCell('B3').value).toBe('Quý II/2024 (2024-Q2)');
    expect(String(ws.getCell('B4').value)).toContain('20/06/2024');
    expect(ws.getCell('B5').value).toBe(5);
    expect(ws.getRow(6).values).toEqual([undefined, ...REPORT_HEADERS]);
    const rows = [7, 8, 9, 10, 11, 12, 13, 14].map((r) => ws.getRow(r).values as unknown[]);
    expect(rows.map((r) => [r[1], r[4], r[5], r[6]])).toEqual([
      ['HO_GIUP_DO', '', '', 12],
      ['HO_GIUP_DO', '', 'Xã Mường Khương', 4],
      ['TY_LE', '', '', undefined],
      ['CO_MO_HINH', '', '', 'Có'],
      ['DAN_TOC', 'Tổng số', '', undefined],
      ['DAN_TOC', 'Kinh', '', undefined],
      ['DAN_TOC', 'Mông', '', undefined],
      ['GHI_CHU', '', '', undefined],
    ]);
    expect(ws.getCell('F7').dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
    expect(ws.getCell('F9').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(ws.getCell('F10').dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(ws.getCell('F7').protection?.locked).toBe(false);
    expect(ws.getCell('A7').protection?.locked).not.toBe(false);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const nar = wb.getWorksheet('Thuyết minh')!;
    expect(nar.getRow(2).values).toEqual([undefined, 'ket_qua', 'Kết quả thực hiện', 'Đã giúp đỡ 12 hộ.']);
    expect(String(wb.getWorksheet('Hướng dẫn')!.getCell('A1').value)).toContain('Tệp mẫu nhập số liệu');
  });

  it('reads back unchanged', async () => {
    const parsed = await parse(await template());
    expect(parsed.values.filter((v) => v.value !== null)).toEqual([
      { row: 7, indicatorId: 1, category: '', location: '', value: 12 },
      { row: 8, indicatorId: 1, category: '', location: 'Xã Mường Khương', value: 4 },
      { row: 10, indicatorId: 3, category: '', location: '', value: true },
    ]);
    expect(parsed.values).toHaveLength(8);
    expect(parsed.narrative).toEqual({ ket_qua: 'Đã giúp đỡ 12 hộ.', de_xuat: '' });
  });

  it('matches categories by name or code and adds rows by commune', async () => {
    const buf = await edit(await template(), (wb) => {
      const ws = wb.getWorksheet('Số liệu')!;
      ws.getCell('F12').value = 30;
      ws.getCell('F13').value = '1.200';
      ws.getRow(15).values = ['DAN_TOC', null, null, 'mong', 'Xã Tả Gia Khâu', 7];
    });
    const parsed = await parse(buf);
    expect(parsed.values.filter((v) => v.indicatorId === 4 && v.value !== null)).toEqual([
      { row: 12, indicatorId: 4, category: 'KINH', location: '', value: 30 },
      { row: 13, indicatorId: 4, category: 'MONG', location: '', value: 1200 },
      { row: 15, indicatorId: 4, category: 'MONG', location: 'Xã Tả Gia Khâu', value: 7 },
    ]);
  });

  it('lists every row problem at once, by row and column', async () => {
    const buf = await edit(await template(), (wb) => {
      const ws = wb.getWorksheet('Số liệu')!;
      ws.getCell('F7').value = 'N/A';
      ws.getCell('F9').value = { formula: 'F7*2', result: 24 } as ExcelJS.CellValue;
      ws.getCell('F10').value = 'có lẽ';
      ws.getRow(15).values = ['KHONG_CO', null, null, null, null, 3];
      ws.getRow(16).values = ['HO_GIUP_DO', null, null, null, 'Xã Mường Khương', 5];
      ws.getRow(17).values = ['DAN_TOC', null, null, 'Tày', null, 5];
      ws.getRow(18).values = [null, null, null, null, null, 5];
    });
    const err = await problemsOf(parse(buf));
    expect(err.code).toBe('XLSX_INVALID');
    expect(err.fields).toEqual([
      { path: 'Dòng 7, cột F', message: 'Giá trị "N/A" không phải là số (Chỉ tiêu HO_GIUP_DO)' },
      { path: 'Dòng 9, cột F', message: expect.stringContaining('Ô có công thức (=F7*2)') },
      { path: 'Dòng 10, cột F', message: expect.stringContaining('chỉ nhận "Có" hoặc "Không"') },
      { path: 'Dòng 15, cột A', message: 'Mã chỉ tiêu "KHONG_CO" không có trong biểu mẫu của báo cáo này.' },
      { path: 'Dòng 16, cột A', message: expect.stringContaining('Trùng với dòng 8') },
      { path: 'Dòng 17, cột D', message: expect.stringContaining('Phân tổ "Tày" không có') },
      { path: 'Dòng 18, cột A', message: expect.stringContaining('Thiếu mã chỉ tiêu') },
    ]);
  });

  it('refuses another report’s file, merged cells, shifted columns and a missing sheet', async () => {
    const other = await buildReportTemplate({ ...(await templateInput()), id: 6 });
    const e1 = await problemsOf(parse(other));
    expect(e1.fields?.[0]).toMatchObject({ path: 'Dòng 5, cột B', message: expect.stringContaining('số 6') });

    const merged = await edit(await template(), (wb) => wb.getWorksheet('Số liệu')!.mergeCells('F11:F13'));
    const e2 = await problemsOf(parse(merged));
    expect(e2.fields).toEqual([
      { path: 'Dòng 11, cột F', message: expect.stringContaining('Ô gộp F11:F13') },
    ]);

    const shifted = await edit(await template(), (wb) => wb.getWorksheet('Số liệu')!.spliceColumns(2, 0, []));
    const e3 = await problemsOf(parse(shifted));
    expect(e3.fields?.[0]).toEqual({
      path: 'Dòng 6, cột B',
      message:
        'Cột B phải có tiêu đề "Tên chỉ tiêu" nhưng đang trống — "Tên chỉ tiêu" đang nằm ở cột C: các cột đã bị chèn, xóa hoặc đổi chỗ. Hãy giữ nguyên các cột như tệp mẫu tải về.',
    });

    const renamed = await edit(await template(), (wb) => {
      wb.getWorksheet('Số liệu')!.name = 'Sheet1';
    });
    const e4 = await problemsOf(parse(renamed));
    expect(e4.fields?.[0]?.message).toContain(
      'Không có trang (sheet) "Số liệu". Các trang trong tệp: "Sheet1"',
    );
  });
});

async function templateInput() {
  return {
    id: 5,
    formName: 'Báo cáo quý',
    agreementSubject: 'Chương trình',
    unitName: 'Đồn',
    period: '2024-Q2',
    periodLabel: 'Quý II/2024',
    dueDate: '2024-06-20',
    statusLabel: 'Nháp',
    version: 1,
    indicators: INDICATORS,
    values: [],
    narrativeSections: SECTIONS,
    narrative: {},
  };
}

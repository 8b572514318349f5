import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FormIndicator } from '../../../contracts/reports.ts';
import { viDate } from '../../lib/time.ts';
import { DATA_SHEET, GUIDE_SHEET, MAX_BULK_ROWS, MAX_REPORT_ROWS, NARRATIVE_SHEET } from './xlsxRead.ts';

// Data-entry templates (XLSX) of periodic reports: one report (unit, form, period) with its
// narrative, or many units of a form at once. Key columns are locked (sheet protection without
// a password), the value column carries Excel data validation per indicator type, and current
// values are pre-filled, so a downloaded file uploaded back unchanged changes nothing.

export const REPORT_HEADERS = [
  'Mã chỉ tiêu',
  'Tên chỉ tiêu',
  'Đơn vị tính',
  'Phân tổ',
  'Địa bàn (xã)',
  'Giá trị',
  'Ghi chú',
] as const;
/** Column numbers of the one-report sheet. */
export const COL = { code: 1, name: 2, uom: 3, category: 4, location: 5, value: 6, note: 7 } as const;
/** The header sits below the title block; data starts on the next row. */
export const REPORT_HEADER_ROW = 6;

export const NARRATIVE_HEADERS = ['Khóa', 'Mục', 'Nội dung'] as const;

export const BULK_HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Kỳ',
  'Mã chỉ tiêu',
  'Tên chỉ tiêu',
  'Đơn vị tính',
  'Phân tổ',
  'Địa bàn',
  'Giá trị',
] as const;
export const BCOL = {
  unitId: 1,
  unitName: 2,
  period: 3,
  code: 4,
  name: 5,
  uom: 6,
  category: 7,
  location: 8,
  value: 9,
} as const;
export const BULK_HEADER_ROW = 3;

/** The row of an indicator's total when it has categories. */
export const TOTAL_LABEL = 'Tổng số';
/** Blank editable rows under the indicators, for values by commune (Địa bàn). */
export const EXTRA_ROWS = 20;
/** Title-block label whose column-B cell names the report the file was made for. */
export const REPORT_ID_LABEL = 'Mã báo cáo';

type Value = number | boolean | string | null;
export interface TemplateValue {
  indicatorId: number;
  category: string;
  location: string;
  value: Value;
}

export interface ReportTemplateInput {
  id: number;
  formName: string;
  agreementSubject: string;
  unitName: string;
  period: string;
  periodLabel: string;
  dueDate: string;
  statusLabel: string;
  version: number;
  indicators: FormIndicator[];
  values: TemplateValue[];
  narrativeSections: Array<{ key: string; title: string }>;
  narrative: Record<string, string>;
}

const GREY = 'FFF2F2F2';
const YELLOW = 'FFFFF2CC';
const HEADER_FILL = 'FFDDEBF7';
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

const key = (indicatorId: number, category: string, location: string) =>
  `${indicatorId}\u0001${category}\u0001${location}`;

/** A stored value as the cell shows it ("Có"/"Không" for yes/no). */
function cellValue(v: Value): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  return v;
}

const fmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });

/** Excel data validation of an indicator's value cell, by its type and range. */
export function validationFor(ind: FormIndicator): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    showInputMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Giá trị không hợp lệ',
    promptTitle: ind.code,
  };
  const range = (min: number | null, max: number | null) =>
    min !== null && max !== null
      ? {
          operator: 'between' as const,
          formulae: [min, max],
          text: `từ ${fmt.format(min)} đến ${fmt.format(max)}`,
        }
      : min !== null
        ? { operator: 'greaterThanOrEqual' as const, formulae: [min], text: `từ ${fmt.format(min)} trở lên` }
        : max !== null
          ? { operator: 'lessThanOrEqual' as const, formulae: [max], text: `không quá ${fmt.format(max)}` }
          : { operator: 'between' as const, formulae: [-1e15, 1e15], text: '' };
  switch (ind.valueType) {
    case 'integer': {
      const r = range(ind.minValue ?? 0, ind.maxValue);
      const msg = `Nhập số nguyên ${r.text} (${ind.uom}).`;
      return {
        ...common,
        type: 'whole',
        operator: r.operator,
        formulae: r.formulae,
        error: msg,
        prompt: msg,
      };
    }
    case 'decimal': {
      const r = range(ind.minValue, ind.maxValue);
      const msg = `Nhập số ${r.text} (${ind.uom}); phần thập phân sau dấu phẩy.`.replace('  ', ' ');
      return {
        ...common,
        type: 'decimal',
        operator: r.operator,
        formulae: r.formulae,
        error: msg,
        prompt: msg,
      };
    }
    case 'percentage': {
      const r = range(Math.max(0, ind.minValue ?? 0), Math.min(100, ind.maxValue ?? 100));
      const msg = `Nhập tỷ lệ phần trăm ${r.text} (không gõ dấu %).`;
      return {
        ...common,
        type: 'decimal',
        operator: r.operator,
        formulae: r.formulae,
        error: msg,
        prompt: msg,
      };
    }
    case 'boolean':
      return {
        ...common,
        type: 'list',
        formulae: ['"Có,Không"'],
        error: 'Chọn "Có" hoặc "Không".',
        prompt: 'Chọn "Có" hoặc "Không".',
      };
    case 'text':
      return {
        ...common,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [5000],
        error: 'Tối đa 5.000 ký tự.',
        prompt: 'Nhập nội dung (tối đa 5.000 ký tự).',
      };
  }
}

const NUM_FMT: Partial<Record<FormIndicator['valueType'], string>> = { integer: '#,##0' };

interface Line {
  ind: FormIndicator;
  category: string;
  categoryLabel: string;
  location: string;
}

/** The rows of one report: each indicator, its total and categories, then its values by commune. */
export function templateLines(indicators: FormIndicator[], values: TemplateValue[]): Line[] {
  const lines: Line[] = [];
  const sorted = [...indicators].sort((a, b) => a.position - b.position);
  for (const ind of sorted) {
    const cats = [
      { code: '', label: ind.categories?.length ? TOTAL_LABEL : '' },
      ...(ind.categories ?? []).map((c) => ({ code: c.code, label: c.name })),
    ];
    for (const c of cats) lines.push({ ind, category: c.code, categoryLabel: c.label, location: '' });
    const located = values
      .filter((v) => v.indicatorId === ind.indicatorId && v.location !== '')
      .sort((a, b) => a.location.localeCompare(b.location, 'vi') || a.category.localeCompare(b.category));
    for (const v of located) {
      const cat = cats.find((c) => c.code === v.category);
      lines.push({
        ind,
        category: v.category,
        categoryLabel: cat?.label ?? v.category,
        location: v.location,
      });
    }
  }
  return lines;
}

function styleHeader(row: ExcelJS.Row, count: number) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.height = 30;
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
  }
}

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  autoFilter: true,
  sort: false,
  insertRows: false,
  deleteRows: false,
};

/** The workbook of one report: "Số liệu", "Thuyết minh" and "Hướng dẫn". */
export async function buildReportTemplate(input: ReportTemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  wb.title = `${input.formName} — ${input.unitName} — ${input.periodLabel}`;

  const ws = wb.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', ySplit: REPORT_HEADER_ROW, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = [18, 52, 12, 18, 22, 16, 32];
  ws.columns = widths.map((width) => ({ width }));

  ws.getCell('A1').value = input.formName;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells('A1:G1');
  const meta: Array<[string, ExcelJS.CellValue]> = [
    ['Đơn vị báo cáo', input.unitName],
    ['Kỳ báo cáo', `${input.periodLabel} (${input.period})`],
    ['Hạn nộp', `${viDate(input.dueDate)} — trạng thái: ${input.statusLabel}`],
    [REPORT_ID_LABEL, input.id],
  ];
  for (const [i, [label, value]] of meta.entries()) {
    const row = ws.getRow(i + 2);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  ws.getCell('C5').value = `Văn bản: ${input.agreementSubject}`;
  ws.getCell('C5').font = { italic: true, color: { argb: 'FF595959' } };

  const header = ws.getRow(REPORT_HEADER_ROW);
  header.values = [...REPORT_HEADERS];
  styleHeader(header, REPORT_HEADERS.length);

  const current = new Map(input.values.map((v) => [key(v.indicatorId, v.category, v.location), v.value]));
  let r = REPORT_HEADER_ROW;
  for (const line of templateLines(input.indicators, input.values)) {
    const row = ws.getRow(++r);
    const { ind } = line;
    row.values = [
      ind.code,
      line.category ? `   ${ind.name} — ${line.categoryLabel}` : ind.name,
      ind.uom,
      line.categoryLabel,
      line.location,
      cellValue(current.get(key(ind.indicatorId, line.category, line.location)) ?? null),
      null,
    ];
    for (let c = 1; c <= REPORT_HEADERS.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      const editable = c === COL.value || c === COL.note;
      cell.fill = solid(editable ? YELLOW : GREY);
      if (editable) cell.protection = { locked: false };
    }
    row.getCell(COL.name).alignment = { wrapText: true, vertical: 'top' };
    const value = row.getCell(COL.value);
    value.dataValidation = validationFor(ind);
    const numFmt = NUM_FMT[ind.valueType];
    if (numFmt) value.numFmt = numFmt;
    if (ind.valueType === 'text') value.alignment = { wrapText: true, vertical: 'top' };
    if (ind.required && !line.category && !line.location) row.getCell(COL.name).font = { bold: true };
  }
  // Blank rows anyone may fill, for values by commune (code, category, commune, value).
  for (let i = 0; i < EXTRA_ROWS && r < MAX_REPORT_ROWS; i++) {
    const row = ws.getRow(++r);
    for (let c = 1; c <= REPORT_HEADERS.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      const editable = c !== COL.name && c !== COL.uom;
      if (editable) cell.protection = { locked: false };
    }
  }
  await ws.protect('', PROTECTION);

  const nar = wb.addWorksheet(NARRATIVE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  nar.columns = [{ width: 14 }, { width: 36 }, { width: 100 }];
  nar.getRow(1).values = [...NARRATIVE_HEADERS];
  styleHeader(nar.getRow(1), NARRATIVE_HEADERS.length);
  for (const [i, s] of input.narrativeSections.entries()) {
    const row = nar.getRow(i + 2);
    row.values = [s.key, s.title, input.narrative[s.key] ?? ''];
    row.getCell(1).fill = solid(GREY);
    row.getCell(2).fill = solid(GREY);
    row.getCell(2).font = { bold: true };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    row.getCell(3).fill = solid(YELLOW);
    row.getCell(3).alignment = { vertical: 'top', wrapText: true };
    row.getCell(3).protection = { locked: false };
    row.height = 120;
    for (let c = 1; c <= 3; c++) row.getCell(c).border = BORDER;
  }
  await nar.protect('', PROTECTION);

  addGuide(wb, [
    `Tệp mẫu nhập số liệu: ${input.formName}`,
    `Đơn vị: ${input.unitName}. Kỳ: ${input.periodLabel}. Hạn nộp: ${viDate(input.dueDate)}.`,
    '',
    'Cách nhập',
    `1. Trang "${DATA_SHEET}": chỉ gõ vào cột "Giá trị" (ô nền vàng); có thể ghi chú ở cột "Ghi chú" (không được lưu vào báo cáo). Các cột mã, tên, đơn vị tính đã khóa.`,
    '2. Số nguyên, số thập phân: gõ số; phần thập phân sau dấu phẩy (12,5), dấu chấm ngăn cách hàng nghìn (1.734). Không gõ chữ như "N/A", "chưa có": bỏ trống ô nếu chưa có số liệu.',
    '3. Tỷ lệ (%): số từ 0 đến 100. Có/Không: chọn trong danh sách.',
    '4. Chỉ tiêu có phân tổ (ví dụ theo dân tộc, giới tính): dòng "Tổng số" và một dòng cho mỗi nhóm.',
    '5. Số liệu theo địa bàn (xã): dùng các dòng trống cuối bảng — gõ mã chỉ tiêu, phân tổ (nếu có), tên xã và giá trị.',
    `6. Trang "${NARRATIVE_SHEET}": gõ nội dung thuyết minh vào cột "Nội dung" của từng mục.`,
    '7. Không dùng công thức, không gộp ô, không chèn hay xóa cột, không đổi tên các trang: nếu tính bằng công thức, hãy sao chép rồi Dán đặc biệt → Giá trị.',
    '',
    'Tải lên',
    '8. Trên trang báo cáo, chọn "Nhập từ Excel" và chọn tệp này. Số liệu được ghép theo Mã chỉ tiêu + Phân tổ + Địa bàn.',
    '9. Toàn bộ tệp được kiểm tra trước: nếu có lỗi, PhốiHợp liệt kê từng lỗi theo dòng, cột và KHÔNG cập nhật gì; sửa hết rồi tải lên lại.',
    '10. Ô để trống nghĩa là chưa có số liệu (xóa giá trị đang có). Dòng không có trong tệp giữ nguyên giá trị cũ.',
    '11. Nếu trong lúc bạn nhập có người khác đã lưu báo cáo, số liệu trong tệp sẽ ghi đè phần tương ứng; lịch sử báo cáo lưu lại mọi lần cập nhật.',
    `12. Mỗi tệp tối đa ${fmt.format(MAX_REPORT_ROWS)} dòng.`,
  ]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addGuide(wb: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter, lines: string[]) {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 120 }];
  for (const [i, line] of lines.entries()) {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = line;
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) row.getCell(1).font = { bold: true, size: 14 };
    else if (line && !/^\d/.test(line) && !line.includes(':')) row.getCell(1).font = { bold: true };
    row.commit?.();
  }
  return ws;
}

// ——— many units ———

export interface BulkTemplateInput {
  formName: string;
  agreementSubject: string;
  period: string;
  periodLabel: string;
  dueDate: string;
  units: Array<{ id: number; name: string }>;
  indicators: FormIndicator[];
  /** Current values by unit id. */
  values: Map<number, TemplateValue[]>;
  /** Units left out because their report is submitted or approved. */
  lockedUnits: Array<{ name: string; status: string }>;
}

/**
 * One sheet of units × indicators (× categories) for a period, written with exceljs's
 * streaming writer so a province of a few hundred units stays quick.
 */
export async function buildBulkTemplate(input: BulkTemplateInput): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'PhốiHợp';
  wb.created = new Date();

  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: BULK_HEADER_ROW }] });
  ws.columns = [10, 40, 12, 16, 44, 12, 16, 20, 14].map((width) => ({ width }));
  const title = ws.getRow(1);
  title.getCell(1).value =
    `${input.formName} — ${input.periodLabel} (${input.period}) — hạn nộp ${viDate(input.dueDate)}`;
  title.getCell(1).font = { bold: true, size: 13 };
  title.commit();
  const sub = ws.getRow(2);
  sub.getCell(1).value =
    `Nhập số liệu nhiều đơn vị. Văn bản: ${input.agreementSubject}. Chỉ gõ vào cột "Giá trị"; ô để trống được bỏ qua.`;
  sub.getCell(1).font = { italic: true, color: { argb: 'FF595959' } };
  sub.commit();
  const header = ws.getRow(BULK_HEADER_ROW);
  header.values = [...BULK_HEADERS];
  styleHeader(header, BULK_HEADERS.length);
  header.commit();

  const validations = new Map(input.indicators.map((i) => [i.indicatorId, validationFor(i)]));
  const sorted = [...input.indicators].sort((a, b) => a.position - b.position);
  let r = BULK_HEADER_ROW;
  for (const unit of input.units) {
    const current = new Map(
      (input.values.get(unit.id) ?? []).map((v) => [key(v.indicatorId, v.category, v.location), v.value]),
    );
    for (const line of templateLines(sorted, input.values.get(unit.id) ?? [])) {
      if (r >= MAX_BULK_ROWS + BULK_HEADER_ROW) break;
      const row = ws.getRow(++r);
      const { ind } = line;
      row.values = [
        unit.id,
        unit.name,
        input.period,
        ind.code,
        ind.name,
        ind.uom,
        line.categoryLabel,
        line.location,
        cellValue(current.get(key(ind.indicatorId, line.category, line.location)) ?? null),
      ];
      // Only the value cell is styled: per-cell styles are most of the writing time at 100,000 rows.
      const value = row.getCell(BCOL.value);
      value.fill = solid(YELLOW);
      value.protection = { locked: false };
      value.dataValidation = validations.get(ind.indicatorId)!;
      const numFmt = NUM_FMT[ind.valueType];
      if (numFmt) value.numFmt = numFmt;
      row.commit();
    }
  }
  ws.autoFilter = { from: { row: BULK_HEADER_ROW, column: 1 }, to: { row: BULK_HEADER_ROW, column: 9 } };
  await ws.protect('', PROTECTION);
  ws.commit();

  const locked = input.lockedUnits.length
    ? [
        '',
        'Không có trong tệp (báo cáo đã nộp hoặc đã duyệt, không nhập được):',
        ...input.lockedUnits.map((u) => `   • ${u.name} — ${u.status}`),
      ]
    : [];
  addGuide(wb, [
    `Tệp mẫu nhập số liệu nhiều đơn vị: ${input.formName}`,
    `Kỳ: ${input.periodLabel} (${input.period}). Hạn nộp: ${viDate(input.dueDate)}.`,
    '',
    'Cách nhập',
    `1. Trang "${DATA_SHEET}": mỗi dòng là một chỉ tiêu (và một nhóm phân tổ) của một đơn vị; chỉ gõ vào cột "Giá trị" (ô nền vàng).`,
    '2. Số: phần thập phân sau dấu phẩy (12,5), dấu chấm ngăn cách hàng nghìn (1.734). Tỷ lệ (%): 0–100. Có/Không: chọn trong danh sách.',
    '3. Ô "Giá trị" để trống được bỏ qua (giữ nguyên số liệu đã có); đơn vị không có giá trị nào thì không tạo báo cáo.',
    '4. Có thể nhập nhiều kỳ trong một tệp: thêm dòng với mã đơn vị, kỳ (ví dụ 2024-Q3), mã chỉ tiêu, phân tổ, địa bàn và giá trị (bỏ bảo vệ trang: Review → Unprotect Sheet).',
    '5. Không dùng công thức, không gộp ô, không chèn hay xóa cột, không đổi tên trang.',
    '',
    'Tải lên',
    '6. Trên trang biểu mẫu, chọn "Nhập Excel nhiều đơn vị". Dòng được ghép theo Mã đơn vị + Kỳ + Mã chỉ tiêu + Phân tổ + Địa bàn; báo cáo chưa có được tạo dưới dạng nháp.',
    '7. Toàn bộ tệp được kiểm tra trước: nếu có lỗi, PhốiHợp liệt kê từng lỗi theo dòng, cột và KHÔNG cập nhật gì.',
    `8. Mỗi tệp tối đa ${fmt.format(MAX_BULK_ROWS)} dòng.`,
    ...locked,
  ]);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

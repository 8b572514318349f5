import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { MatrixState, RollupOut, trendQuery } from '../../../contracts/reports.ts';
import type { Queryable } from '../../db/client.ts';
import { agreements, units } from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';
import type { MatrixResult } from './matrix.ts';
import type { TrendWithContext } from './service.ts';

// XLSX exports of the roll-up table, the trend and the reporting-status matrix: Vietnamese headers,
// real numbers (not text) so the figures can be summed again in Excel.

type TrendQuery = z.infer<typeof trendQuery>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with an ASCII fallback and the Vietnamese name as filename*. */
export function xlsxDisposition(ascii: string, vi: string, suffix: string) {
  const tail = suffix ? `-${suffix}` : `-${todayInVietnam()}`;
  return `attachment; filename="${ascii}${tail}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${vi}${tail.replace('-', ' ')}.xlsx`)}`;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const NUMBER = '#,##0.##';

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
}

export const ROLLUP_HEADERS = [
  'Đơn vị',
  'Mã chỉ tiêu',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kế hoạch',
  'Thực hiện',
  '% đạt',
  'Cùng kỳ năm trước',
  'Số báo cáo',
] as const;
/** Row of the roll-up table's header (title lines above it). */
export const ROLLUP_HEADER_ROW = 5;
export const TOTAL_LABEL = 'Tổng cộng toàn văn bản';

/** The roll-up as a table: the agreement's totals, then each unit (indented by depth) × indicator. */
export async function rollupXlsx(db: Queryable, r: RollupOut): Promise<Buffer> {
  const [a] = await db
    .select({ subject: agreements.subject })
    .from(agreements)
    .where(eq(agreements.id, r.agreementId));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Tổng hợp', { views: [{ state: 'frozen', ySplit: ROLLUP_HEADER_ROW }] });
  ws.getCell('A1').value = `Tổng hợp số liệu – ${r.periodLabel}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = `Văn bản: ${a?.subject ?? ''}`;
  if (r.sample) {
    ws.getCell('A3').value = 'Có số liệu mẫu (dữ liệu minh họa, không phải số liệu thật).';
    ws.getCell('A3').font = { italic: true, color: { argb: 'FFC00000' } };
  } else if (r.limited) {
    ws.getCell('A3').value = 'Chỉ gồm các đơn vị trong phạm vi của bạn.';
  }
  const widths = [44, 14, 50, 12, 14, 14, 10, 18, 11];
  ws.columns = widths.map((width) => ({ width }));
  const header = ws.getRow(ROLLUP_HEADER_ROW);
  header.values = [...ROLLUP_HEADERS];
  styleHeader(header);
  ws.autoFilter = {
    from: { row: ROLLUP_HEADER_ROW, column: 1 },
    to: { row: ROLLUP_HEADER_ROW, column: ROLLUP_HEADERS.length },
  };

  const indicators = new Map(r.indicators.map((i) => [i.indicatorId, i]));
  const add = (unitName: string, indent: number, v: RollupOut['totals'][number], bold: boolean) => {
    const ind = indicators.get(v.indicatorId);
    const row = ws.addRow([
      unitName,
      ind?.code ?? '',
      ind?.name ?? '',
      ind?.uom ?? '',
      v.target,
      v.value,
      v.achievedPct,
      v.previousYear,
      v.reports,
    ]);
    row.getCell(1).alignment = { indent, wrapText: true, vertical: 'top' };
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    for (const c of [5, 6, 8]) row.getCell(c).numFmt = NUMBER;
    row.getCell(7).numFmt = '0.0';
    if (bold) row.font = { bold: true };
  };
  for (const v of r.totals) add(TOTAL_LABEL, 0, v, true);
  for (const node of r.nodes) {
    for (const v of node.values)
      add(node.unit.name + (node.unit.closed ? ' (đã giải thể)' : ''), node.depth + 1, v, node.depth === 0);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const STATE_LABELS: Record<MatrixState, string> = {
  not_due: 'Chưa đến kỳ',
  due: 'Đến hạn',
  overdue: 'Quá hạn',
  draft: 'Đang soạn',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};
const STATE_FILLS: Partial<Record<MatrixState, string>> = {
  due: 'FFFFF2CC',
  overdue: 'FFF8CBAD',
  draft: 'FFEDEDED',
  submitted: 'FFDDEBF7',
  returned: 'FFFCE4D6',
  approved: 'FFC6EFCE',
};
export const MATRIX_HEADER_ROW = 4;

/** The matrix: a row per unit, a column per period (state in words, coloured), then the rates. */
export async function matrixXlsx(result: MatrixResult): Promise<Buffer> {
  const { matrix } = result;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Tình hình báo cáo', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: MATRIX_HEADER_ROW + 1 }],
  });
  ws.getCell('A1').value = `Tình hình báo cáo – ${result.formName}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = `Văn bản: ${result.agreementSubject}`;
  const n = matrix.periods.length;
  ws.columns = [{ width: 44 }, ...matrix.periods.map(() => ({ width: 16 })), { width: 12 }, { width: 12 }];
  const header = ws.getRow(MATRIX_HEADER_ROW);
  header.values = ['Đơn vị', ...matrix.periods.map((p) => p.label), 'Đầy đủ', 'Đúng hạn'];
  styleHeader(header);
  const due = ws.getRow(MATRIX_HEADER_ROW + 1);
  due.values = ['Hạn nộp', ...matrix.periods.map((p) => new Date(`${p.dueDate}T00:00:00Z`))];
  due.font = { italic: true };
  for (let c = 2; c <= n + 1; c++) due.getCell(c).numFmt = 'dd/mm/yyyy';
  for (const r of matrix.rows) {
    const row = ws.addRow([
      r.unit.name,
      ...r.cells.map((c) => STATE_LABELS[c.state]),
      r.completeness,
      r.timeliness,
    ]);
    r.cells.forEach((c, i) => {
      const fill = STATE_FILLS[c.state];
      const cell = row.getCell(i + 2);
      cell.alignment = { horizontal: 'center' };
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    });
    row.getCell(n + 2).numFmt = '0.0%';
    row.getCell(n + 3).numFmt = '0.0%';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const TREND_HEADERS = ['Kỳ', 'Giá trị'] as const;
/** Row of the trend's header (title lines above it). */
export const TREND_HEADER_ROW = 5;
const FREQUENCY_LABELS: Record<TrendQuery['frequency'], string> = {
  month: 'theo tháng',
  quarter: 'theo quý',
  half: 'theo 6 tháng',
  year: 'theo năm',
};

/** The trend of one indicator: a row per period (its Vietnamese label, the value or empty). */
export async function trendXlsx(db: Queryable, t: TrendWithContext, q: TrendQuery): Promise<Buffer> {
  const [unit] = q.unitId
    ? await db.select({ name: units.name }).from(units).where(eq(units.id, q.unitId))
    : [];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Diễn biến', { views: [{ state: 'frozen', ySplit: TREND_HEADER_ROW }] });
  const { indicator } = t;
  ws.getCell('A1').value =
    `Diễn biến chỉ tiêu ${indicator.code} – ${indicator.name} (đơn vị tính: ${indicator.uom})`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = `Văn bản: ${t.agreementSubject}`;
  const scope = unit ? unit.name : t.limited ? 'các đơn vị trong phạm vi của bạn' : 'toàn văn bản';
  const years = q.fromYear === q.toYear ? `năm ${q.fromYear}` : `từ năm ${q.fromYear} đến năm ${q.toYear}`;
  ws.getCell('A3').value = `Số liệu của ${scope}, ${FREQUENCY_LABELS[q.frequency]}, ${years}.`;
  if (t.sample) {
    ws.getCell('A4').value = 'Có số liệu mẫu (dữ liệu minh họa, không phải số liệu thật).';
    ws.getCell('A4').font = { italic: true, color: { argb: 'FFC00000' } };
  }
  ws.columns = [{ width: 24 }, { width: 18 }];
  const header = ws.getRow(TREND_HEADER_ROW);
  header.values = [...TREND_HEADERS];
  styleHeader(header);
  for (const p of t.trend.points) {
    const row = ws.addRow([p.label, p.value]);
    row.getCell(2).numFmt = NUMBER;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

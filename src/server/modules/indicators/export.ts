import { asc } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { IndicatorOut, indicatorListQuery } from '../../../contracts/indicators.ts';
import type { Queryable } from '../../db/client.ts';
import { indicators } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import {
  AGGREGATION_LABELS,
  EXCHANGE_SOURCE_LABELS,
  formatNumberVi,
  RULE_OP_LABELS,
  TYPED_SOURCE_LABEL,
  VALUE_TYPE_LABELS,
} from './labels.ts';
import { listConditions, presentIndicators } from './service.ts';

// Excel export of the indicator catalogue ("Danh mục chỉ tiêu"): the list's filters, every
// matching indicator, readable Vietnamese labels instead of codes, frozen header with a filter.

type Filter = Omit<z.infer<typeof indicatorListQuery>, 'limit' | 'offset'>;

/** "0 – 100", "≥ 0", "≤ 1.000", plus "bắt buộc nhập" when required. */
export function limitsLabel(i: Pick<IndicatorOut, 'minValue' | 'maxValue' | 'required'>): string {
  const parts: string[] = [];
  if (i.minValue !== null && i.maxValue !== null)
    parts.push(`${formatNumberVi(i.minValue)} – ${formatNumberVi(i.maxValue)}`);
  else if (i.minValue !== null) parts.push(`≥ ${formatNumberVi(i.minValue)}`);
  else if (i.maxValue !== null) parts.push(`≤ ${formatNumberVi(i.maxValue)}`);
  if (i.required) parts.push('bắt buộc nhập');
  return parts.join('; ');
}

/** "Giới tính: Nam (NAM); Nữ (NU)". */
const disaggregationLabel = (d: IndicatorOut['disaggregation']) =>
  d ? `${d.name}: ${d.categories.map((c) => `${c.name} (${c.code})`).join('; ')}` : '';

/** One line per rule: "≥ TO-01 – Số tổ tự quản (thông báo)". */
const rulesLabel = (i: IndicatorOut) =>
  i.rules
    .map(
      (r) =>
        `${i.code} ${RULE_OP_LABELS[r.op]} ${r.otherCode} – ${r.otherName}${r.message ? ` (${r.message})` : ''}`,
    )
    .join('\n');

const COLUMNS: Array<{ header: string; width: number; value: (i: IndicatorOut) => ExcelJS.CellValue }> = [
  { header: 'Mã', width: 14, value: (i) => i.code },
  { header: 'Tên chỉ tiêu', width: 50, value: (i) => i.name },
  { header: 'Đơn vị tính', width: 14, value: (i) => i.uom },
  { header: 'Kiểu giá trị', width: 14, value: (i) => VALUE_TYPE_LABELS[i.valueType] },
  { header: 'Tổng hợp theo đơn vị', width: 18, value: (i) => AGGREGATION_LABELS[i.aggUnits] },
  { header: 'Tổng hợp theo thời gian', width: 18, value: (i) => AGGREGATION_LABELS[i.aggTime] },
  { header: 'Khử trùng theo địa bàn', width: 14, value: (i) => (i.dedupByLocation ? 'Có' : 'Không') },
  { header: 'Giới hạn', width: 22, value: (i) => limitsLabel(i) },
  { header: 'Phân tổ', width: 36, value: (i) => disaggregationLabel(i.disaggregation) },
  { header: 'Quy tắc', width: 44, value: (i) => rulesLabel(i) },
  {
    header: 'Nguồn số liệu',
    width: 30,
    value: (i) =>
      i.exchangeSource
        ? `${EXCHANGE_SOURCE_LABELS[i.exchangeSource]} (cộng thêm số liệu nhập trong báo cáo)`
        : TYPED_SOURCE_LABEL,
  },
];
export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

export async function exportIndicatorsXlsx(db: Queryable, actor: Actor, filter: Filter) {
  const rows = await db
    .select()
    .from(indicators)
    .where(listConditions(actor, filter))
    .orderBy(asc(indicators.code), asc(indicators.id));
  const items = await presentIndicators(db, rows);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Danh mục chỉ tiêu', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  for (const i of items) ws.addRow(COLUMNS.map((c) => c.value(i)));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  for (let r = 2; r <= items.length + 1; r++) {
    ws.getRow(r).alignment = { vertical: 'top', wrapText: true };
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: items.length };
}

/** Content-Disposition with an ASCII fallback and the Vietnamese name as filename*. */
export function catalogueDisposition(today = todayInVietnam()) {
  const ascii = `danh-muc-chi-tieu-${today}.xlsx`;
  const utf8 = encodeURIComponent(`Danh mục chỉ tiêu ${today}.xlsx`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

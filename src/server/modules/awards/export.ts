import ExcelJS from 'exceljs';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { type AwardListQuery, type AwardOut, allAwards } from './service.ts';

// Excel register of commendations (sổ khen thưởng): the same filters as GET /api/awards, every
// matching row, Vietnamese headers, decision dates as real dates shown dd/mm/yyyy.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const RECIPIENT_LABELS: Record<AwardOut['recipientKind'], string> = {
  collective: 'Tập thể',
  individual: 'Cá nhân',
};

const excelDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export const AWARD_COLUMNS: Array<{
  header: string;
  width: number;
  value: (a: AwardOut, i: number) => ExcelJS.CellValue;
}> = [
  { header: 'STT', width: 6, value: (_a, i) => i + 1 },
  { header: 'Hình thức', width: 36, value: (a) => a.form },
  { header: 'Tập thể/Cá nhân', width: 14, value: (a) => RECIPIENT_LABELS[a.recipientKind] },
  { header: 'Họ và tên', width: 24, value: (a) => a.personName ?? '' },
  { header: 'Chức vụ', width: 24, value: (a) => a.personTitle ?? '' },
  { header: 'Đơn vị', width: 32, value: (a) => a.unit.name },
  { header: 'Thành tích', width: 60, value: (a) => a.achievement },
  { header: 'Số quyết định', width: 16, value: (a) => a.decisionNumber ?? '' },
  { header: 'Ngày quyết định', width: 14, value: (a) => excelDate(a.decisionDate) },
  { header: 'Cơ quan quyết định', width: 30, value: (a) => a.decidingBody ?? '' },
  { header: 'Năm', width: 8, value: (a) => a.year },
];

export async function exportAwardsXlsx(
  db: Queryable,
  actor: Actor,
  query: Omit<AwardListQuery, 'limit' | 'offset'>,
) {
  const items = await allAwards(db, actor, query);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Khen thưởng', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = AWARD_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  for (const [i, a] of items.entries()) ws.addRow(AWARD_COLUMNS.map((c) => c.value(a, i)));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: AWARD_COLUMNS.length } };
  for (let r = 2; r <= items.length + 1; r++) {
    const row = ws.getRow(r);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
    row.getCell(9).numFmt = 'dd/mm/yyyy';
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: items.length };
}

/** Content-Disposition with an ASCII fallback and the Vietnamese name as filename*. */
export function awardsDisposition(today = todayInVietnam()) {
  const ascii = `khen-thuong-${today}.xlsx`;
  const utf8 = encodeURIComponent(`Khen thưởng ${today}.xlsx`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

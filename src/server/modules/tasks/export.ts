import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Task, taskListQuery } from '../../../contracts/tasks.ts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../lib/context.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { listTasks } from './list.ts';

// Excel export of the task list ("Nhiệm vụ"): the same filters as GET /api/tasks, every
// matching row (not only one page), with Vietnamese headers and labels.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const STATUS_LABELS: Record<Task['status'], string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  done_late: 'Hoàn thành muộn',
  cancelled: 'Đã hủy',
};

/** "Đang thực hiện – Quá hạn" when overdue. */
export const statusLabel = (t: Pick<Task, 'status' | 'overdue'>) =>
  t.overdue ? `${STATUS_LABELS[t.status]} – Quá hạn` : STATUS_LABELS[t.status];

const PAGE = 500;
/** A safety bound on one export. */
const MAX_ROWS = 50_000;

async function allTasks(db: Queryable, actor: Actor, query: z.infer<typeof taskListQuery>) {
  const items: Task[] = [];
  for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
    const page = await listTasks(db, actor, { ...query, limit: PAGE, offset });
    items.push(...page.items);
    if (page.items.length < PAGE || items.length >= page.total) break;
  }
  return items;
}

/** An ISO date as an Excel date (UTC midnight, so the cell shows the same calendar day). */
const excelDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
const names = (units: Task['cooperating']) => units.map((u) => u.name).join('; ');

const COLUMNS: Array<{ header: string; width: number; value: (t: Task, i: number) => ExcelJS.CellValue }> = [
  { header: 'STT', width: 6, value: (_t, i) => i + 1 },
  { header: 'Nội dung', width: 30, value: (t) => t.sectionTitle ?? '' },
  { header: 'Nhiệm vụ', width: 60, value: (t) => t.title },
  { header: 'Đơn vị chủ trì', width: 28, value: (t) => t.lead.name },
  { header: 'Đơn vị phối hợp', width: 32, value: (t) => names(t.cooperating) },
  { header: 'Đơn vị thực hiện', width: 32, value: (t) => names(t.implementing) },
  { header: 'Thời gian', width: 22, value: (t) => t.timeframeLabel },
  { header: 'Hạn', width: 12, value: (t) => excelDate(t.dueDate) },
  { header: 'Trạng thái', width: 26, value: (t) => statusLabel(t) },
  { header: 'Tiến độ (%)', width: 11, value: (t) => t.progress },
];

/** The workbook as bytes: sheet "Nhiệm vụ", bold frozen header with a filter, wrapped text, real dates. */
export async function exportTasksXlsx(db: Queryable, actor: Actor, query: z.infer<typeof taskListQuery>) {
  const items = await allTasks(db, actor, query);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  for (const [i, t] of items.entries()) ws.addRow(COLUMNS.map((c) => c.value(t, i)));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  for (let r = 2; r <= items.length + 1; r++) {
    const row = ws.getRow(r);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
    row.getCell(8).numFmt = 'dd/mm/yyyy';
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: items.length };
}

/** Content-Disposition with an ASCII fallback and the Vietnamese name as filename*. */
export function xlsxDisposition(today = todayInVietnam()) {
  const ascii = `nhiem-vu-${today}.xlsx`;
  const utf8 = encodeURIComponent(`Nhiệm vụ ${today}.xlsx`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

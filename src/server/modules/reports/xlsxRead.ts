import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import type { FieldError } from '../../../contracts/errors.ts';
import type { ValueType } from '../../../contracts/indicators.ts';
import { foldVietnamese } from '../../../contracts/text.ts';
import { AppError } from '../../lib/errors.ts';

// Reading an uploaded data-entry workbook (the Excel round trip of periodic reports): what the
// file is, its rows, and every problem in Vietnamese by row and column. Parsing is exceljs's;
// this module only interprets cells. Nothing here touches the database.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DATA_SHEET = 'Số liệu';
export const GUIDE_SHEET = 'Hướng dẫn';
export const NARRATIVE_SHEET = 'Thuyết minh';

/** Rows of one report's file (a form has at most 500 indicators; categories and locations add some). */
export const MAX_REPORT_ROWS = 5_000;
/** Rows of a many-unit file. */
export const MAX_BULK_ROWS = 200_000;
/** Problems listed in one answer; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** Where the header row is looked for. */
const HEADER_SCAN_ROWS = 20;

const vnNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });
export const formatCount = (n: number) => vnNumber.format(n);

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "Dòng 7, cột F" on the data sheet; 'Trang "Thuyết minh", dòng 3, cột C' elsewhere. */
export function cellPath(row: number, col: number | null, sheet: string = DATA_SHEET): string {
  const where = col === null ? `dòng ${row}` : `dòng ${row}, cột ${columnLetter(col)}`;
  return sheet === DATA_SHEET ? where[0]!.toUpperCase() + where.slice(1) : `Trang "${sheet}", ${where}`;
}

/** Problems kept in memory before only counting (then sorted and listed up to MAX_LISTED_PROBLEMS). */
const KEPT_PROBLEMS = 20_000;

/**
 * Every problem found in a file, answered at once as 422 XLSX_INVALID: file-level problems
 * first, then by sheet, row and column, listed up to a bound with the count of the rest.
 */
export class Problems {
  private readonly kept: Array<FieldError & { order: number }> = [];
  total = 0;

  add(path: string, message: string, order = -1) {
    this.total++;
    if (this.kept.length < KEPT_PROBLEMS) this.kept.push({ path, message, order });
  }

  at(row: number, col: number | null, message: string, sheet: string = DATA_SHEET) {
    const order = (sheet === DATA_SHEET ? 0 : 1e12) + row * 1000 + (col ?? 0);
    this.add(cellPath(row, col, sheet), message, order);
  }

  get any() {
    return this.total > 0;
  }

  /** The error to throw: the problems in sheet order, and how many more there are. */
  error(): AppError {
    const sorted = [...this.kept].sort((a, b) => a.order - b.order).slice(0, MAX_LISTED_PROBLEMS);
    const fields: FieldError[] = sorted.map(({ path, message }) => ({ path, message }));
    if (this.total > fields.length) {
      fields.push({
        path: 'file',
        message: `Còn ${formatCount(this.total - fields.length)} lỗi khác chưa liệt kê; hãy sửa các lỗi trên rồi tải tệp lên lại.`,
      });
    }
    return new AppError('XLSX_INVALID', { fields });
  }

  throwIfAny() {
    if (this.any) throw this.error();
  }
}

/** A file-level refusal (no row or column to name). */
export const fileInvalid = (message: string) =>
  new AppError('XLSX_INVALID', { fields: [{ path: 'file', message }] });

const notXlsx = (message: string) =>
  new AppError('FILE_TYPE_NOT_ALLOWED', { fields: [{ path: 'file', message }] });

/**
 * Checks that the bytes are an XLSX workbook (magic bytes, never the name): empty → 422,
 * anything else → 415 with what it looks like instead.
 */
export async function assertXlsx(fileName: string, data: Uint8Array): Promise<void> {
  if (data.length === 0) {
    throw fileInvalid(`Tệp "${fileName}" rỗng (0 byte); hãy chọn tệp Excel đã nhập số liệu.`);
  }
  const detected = await fileTypeFromBuffer(data);
  if (detected?.ext === 'xlsx') return;
  const base = `Tệp "${fileName}" không phải tệp Excel .xlsx`;
  if (!detected) {
    throw notXlsx(
      `${base} (có thể là tệp văn bản hoặc CSV đã đổi đuôi). Hãy dùng tệp mẫu tải về từ PhốiHợp.`,
    );
  }
  if (detected.ext === 'cfb' || detected.ext === 'xls') {
    throw notXlsx(
      `${base} mà là tệp Excel 97–2003 (.xls). Hãy mở bằng Excel, chọn "Lưu thành" (Save As) kiểu "Excel Workbook (*.xlsx)" rồi tải lên lại.`,
    );
  }
  throw notXlsx(
    `${base} (nội dung là tệp ${detected.ext.toUpperCase()}). Hãy dùng tệp mẫu tải về từ PhốiHợp.`,
  );
}

/** Sheet names are compared without case, diacritics or spacing ("so lieu" is "Số liệu"). */
export const sameName = (a: string, b: string) => foldVietnamese(a) === foldVietnamese(b);

const quoteList = (names: string[]) => (names.length ? names.map((n) => `"${n}"`).join(', ') : 'không có');

export const missingSheet = (sheet: string, present: string[]) =>
  fileInvalid(
    `Không có trang (sheet) "${sheet}". Các trang trong tệp: ${quoteList(present)}. Hãy dùng tệp mẫu tải về từ PhốiHợp, hoặc đổi tên trang chứa số liệu thành "${sheet}".`,
  );

const unreadable = (err: unknown) =>
  fileInvalid(
    `Không đọc được nội dung tệp Excel (tệp hỏng hoặc không đúng định dạng .xlsx${err instanceof Error && err.message ? `: ${err.message.slice(0, 200)}` : ''}). Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.`,
  );

/** Rows a sheet may have beyond its data rows (title block, header). */
const HEADER_SLACK = 20;
/** Cells a row may have (the templates have 7 or 9 columns; formatting may add some). */
const MAX_COLUMNS = 100;
/** Parts of a sheet the importer never reads: skipped while loading. */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'hyperlinks',
  'drawing',
  'picture',
  'tableParts',
  'headerFooter',
  'rowBreaks',
  'pageSetup',
  'printOptions',
  'pageMargins',
];

/**
 * The workbook in memory, bounded: exceljs stops parsing a sheet as soon as it passes
 * `maxRows` rows (its `maxRows` load option), so a file of 100,000 rows for one report is
 * refused after reading a few thousand, without holding it all. (exceljs's streaming
 * WorkbookReader is not used: it loses zip entries at random on Node ≥ 18, exceljs#3064.)
 */
export async function loadWorkbook(
  data: Uint8Array,
  maxRows: number,
  rowsHint: string,
): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const options = { maxRows: maxRows + HEADER_SLACK, maxCols: MAX_COLUMNS, ignoreNodes: IGNORED_NODES };
  try {
    await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer, options as { ignoreNodes: string[] });
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/^Max row count/.test(message)) {
      throw fileInvalid(
        `Tệp có trang hơn ${formatCount(maxRows)} dòng; ${rowsHint} chỉ được tối đa ${formatCount(maxRows)} dòng. Hãy xóa các dòng thừa hoặc chia tệp.`,
      );
    }
    if (/^Max c count/.test(message)) {
      throw fileInvalid(
        `Tệp có dòng nhiều hơn ${MAX_COLUMNS} ô; hãy dùng tệp mẫu tải về từ PhốiHợp (chỉ các cột của mẫu).`,
      );
    }
    throw unreadable(err);
  }
  return wb;
}

/** The sheet with this name (or the same name without diacritics and case), else 422 naming the sheets present. */
export function requireSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name === name) ?? wb.worksheets.find((w) => sameName(w.name, name));
  if (!ws)
    throw missingSheet(
      name,
      wb.worksheets.map((w) => w.name),
    );
  return ws;
}

export function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((w) => w.name === name) ?? wb.worksheets.find((w) => sameName(w.name, name));
}

// ——— cells ———

export type Cell =
  | { t: 'empty' }
  | { t: 'number'; n: number; percent: boolean }
  | { t: 'text'; s: string }
  | { t: 'bool'; b: boolean }
  | { t: 'date'; d: Date }
  | { t: 'formula'; f: string }
  | { t: 'error'; e: string };

export const EMPTY: Cell = { t: 'empty' };

/** What a cell holds, from exceljs's value (and number format, to read "50%" as 50). */
export function readCell(value: ExcelJS.CellValue | undefined, numFmt?: string): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { t: 'number', n: value, percent: !!numFmt?.includes('%') } : EMPTY;
  }
  if (typeof value === 'string') {
    const s = value.replace(/[\s\u00a0]+/g, ' ').trim();
    return s ? { t: 'text', s } : EMPTY;
  }
  if (typeof value === 'boolean') return { t: 'bool', b: value };
  if (value instanceof Date) return { t: 'date', d: value };
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      return { t: 'formula', f: String(v.formula ?? v.sharedFormula ?? '') };
    }
    if ('error' in v) return { t: 'error', e: String(v.error) };
    if (Array.isArray(v.richText)) {
      return readCell((v.richText as Array<{ text: string }>).map((r) => r.text).join(''));
    }
    if ('text' in v) return readCell(typeof v.text === 'string' ? v.text : String(v.text ?? ''));
  }
  return EMPTY;
}

export const isEmpty = (c: Cell | undefined) => !c || c.t === 'empty';

/** How a cell looks to the user, for messages. */
export function shown(c: Cell): string {
  switch (c.t) {
    case 'empty':
      return '';
    case 'number':
      return vnNumber.format(c.percent ? c.n * 100 : c.n) + (c.percent ? '%' : '');
    case 'text':
      return c.s.length > 60 ? `${c.s.slice(0, 60)}…` : c.s;
    case 'bool':
      return c.b ? 'TRUE' : 'FALSE';
    case 'date':
      return c.d.toISOString().slice(0, 10).split('-').reverse().join('/');
    case 'formula':
      return `=${c.f}`;
    case 'error':
      return c.e;
  }
}

/**
 * A formula or an error value is refused wherever the importer reads a cell: the file must
 * carry the figures themselves. Returns the message, or null when the cell is plain.
 */
export function cellTrouble(c: Cell): string | null {
  if (c.t === 'formula') {
    return `Ô có công thức (=${c.f.slice(0, 80)}); hãy dán giá trị thay cho công thức (sao chép, rồi Dán đặc biệt → Giá trị / Paste Special → Values).`;
  }
  if (c.t === 'error') return `Ô có lỗi Excel ${c.e}; hãy nhập giá trị.`;
  return null;
}

/** A key cell (code, category, location, unit id, period) as text; numbers as typed. */
export function keyText(c: Cell | undefined): string {
  if (!c) return '';
  switch (c.t) {
    case 'text':
      return c.s;
    case 'number':
      return String(c.n);
    case 'bool':
      return c.b ? 'TRUE' : 'FALSE';
    case 'date':
      return shown(c);
    default:
      return '';
  }
}

// ——— headers ———

export interface HeaderCheck {
  /** The row of the header, or null when none was found. */
  row: number | null;
}

/**
 * Whether a row is the header row: its first expected title appears in some column. The
 * header may sit lower (rows inserted above), but its columns must be exactly the template's.
 */
export function looksLikeHeader(cells: Cell[], expected: readonly string[]): boolean {
  return cells.some((c) => c && c.t === 'text' && sameName(c.s, expected[0]!));
}

/** Problems of a header row: every column whose title is not the expected one. */
export function checkHeader(
  row: number,
  cells: Cell[],
  expected: readonly string[],
  problems: Problems,
  sheet: string = DATA_SHEET,
): boolean {
  let ok = true;
  for (const [i, title] of expected.entries()) {
    const cell = cells[i + 1] ?? EMPTY;
    const actual = keyText(cell);
    if (sameName(actual, title)) continue;
    ok = false;
    const where = actual ? `đang là "${actual}"` : 'đang trống';
    const moved = cells.findIndex((c, j) => j !== i + 1 && c && c.t === 'text' && sameName(c.s, title));
    const hint =
      moved > 0
        ? ` — "${title}" đang nằm ở cột ${columnLetter(moved)}: các cột đã bị chèn, xóa hoặc đổi chỗ`
        : '';
    problems.at(
      row,
      i + 1,
      `Cột ${columnLetter(i + 1)} phải có tiêu đề "${title}" nhưng ${where}${hint}. Hãy giữ nguyên các cột như tệp mẫu tải về.`,
      sheet,
    );
  }
  return ok;
}

/** The header row among the first rows of a loaded sheet, or a file-level problem. */
export function locateHeader(
  ws: ExcelJS.Worksheet,
  expected: readonly string[],
  problems: Problems,
): number | null {
  const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const cells = rowCells(ws, r, expected.length + 3);
    if (looksLikeHeader(cells, expected)) {
      return checkHeader(r, cells, expected, problems, ws.name === DATA_SHEET ? DATA_SHEET : ws.name)
        ? r
        : null;
    }
  }
  problems.add(
    'file',
    `Trang "${ws.name}" không có hàng tiêu đề (ô "${expected[0]}" ở cột A) trong ${HEADER_SCAN_ROWS} dòng đầu. Các cột phải là: ${expected.map((h, i) => `${columnLetter(i + 1)} "${h}"`).join(', ')}.`,
  );
  return null;
}

/** Cells 1..count of a loaded row (index = column number). */
export function rowCells(ws: ExcelJS.Worksheet, r: number, count: number): Cell[] {
  const row = ws.getRow(r);
  const cells: Cell[] = [];
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c);
    cells[c] = readCell(cell.value, cell.numFmt);
  }
  return cells;
}

/** Merged ranges that reach into rows from `fromRow` on ("A7:B7"), with their first row and column. */
export function mergesFrom(ws: ExcelJS.Worksheet, fromRow: number) {
  const out: Array<{ range: string; row: number; col: number }> = [];
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b = a] = range.split(':');
    const first = ws.getCell(a!);
    const last = ws.getCell(b!);
    const top = Number(first.row);
    const bottom = Number(last.row);
    if (bottom >= fromRow) out.push({ range, row: Math.max(top, fromRow), col: Number(first.col) });
  }
  return out;
}

export const mergedMessage = (range: string) =>
  `Ô gộp ${range} trong vùng số liệu; hãy bỏ gộp ô (Merge & Center → Unmerge Cells) và nhập giá trị vào từng ô.`;

// ——— values ———

export type Parsed = { ok: true; value: number | boolean | string | null } | { ok: false; message: string };

const TRUE_WORDS = new Set(['co', 'x', 'yes', 'true', 'dung', 'dat']);
const FALSE_WORDS = new Set(['khong', 'no', 'false', 'sai', 'chua']);

/**
 * A number typed as text, in Vietnamese notation: "1.734" (thousands), "12,5" (decimal),
 * "1.734,5"; a plain "1734". "12.5" is refused as ambiguous rather than guessed.
 */
export function parseVietnameseNumber(raw: string, allowPercent = false): number | 'ambiguous' | null {
  let s = raw.replace(/[\s\u00a0]/g, '');
  if (allowPercent && s.endsWith('%')) s = s.slice(0, -1);
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^[+-]?\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
  if (/^[+-]?\d*\.\d+$/.test(s)) return 'ambiguous';
  return null;
}

const notANumber = (c: Cell) => `Giá trị "${shown(c)}" không phải là số`;

/** A value cell as the report value of an indicator of this type (null: empty, clears it). */
export function parseValue(c: Cell, type: ValueType): Parsed {
  if (c.t === 'empty') return { ok: true, value: null };
  const trouble = cellTrouble(c);
  if (trouble) return { ok: false, message: trouble };
  if (type === 'text') {
    if (c.t === 'bool') return { ok: true, value: c.b ? 'Có' : 'Không' };
    // A number in a text field keeps its digits (a code "1234" must not become "1.234").
    const s = c.t === 'number' ? String(c.n).replace('.', ',') : c.t === 'text' ? c.s : shown(c);
    return s.length > 5000
      ? { ok: false, message: `Nội dung dài ${formatCount(s.length)} ký tự, quá 5.000 ký tự.` }
      : { ok: true, value: s };
  }
  if (type === 'boolean') {
    if (c.t === 'bool') return { ok: true, value: c.b };
    if (c.t === 'number' && (c.n === 0 || c.n === 1)) return { ok: true, value: c.n === 1 };
    if (c.t === 'text') {
      const w = foldVietnamese(c.s);
      if (TRUE_WORDS.has(w)) return { ok: true, value: true };
      if (FALSE_WORDS.has(w)) return { ok: true, value: false };
    }
    return { ok: false, message: `Giá trị "${shown(c)}" không hợp lệ: chỉ nhận "Có" hoặc "Không"` };
  }
  // integer, decimal, percentage
  if (c.t === 'number') {
    const n = type === 'percentage' && c.percent ? Number((c.n * 100).toPrecision(12)) : c.n;
    return { ok: true, value: n };
  }
  if (c.t === 'text') {
    const n = parseVietnameseNumber(c.s, type === 'percentage');
    if (n === 'ambiguous') {
      return {
        ok: false,
        message: `Giá trị "${shown(c)}" không rõ là số nào: dùng dấu phẩy cho phần thập phân (12,5) và dấu chấm ngăn cách hàng nghìn (1.734)`,
      };
    }
    if (n !== null && Number.isFinite(n)) return { ok: true, value: n };
  }
  if (c.t === 'date') {
    return { ok: false, message: `Giá trị "${shown(c)}" là ngày tháng, không phải là số` };
  }
  return { ok: false, message: notANumber(c) };
}

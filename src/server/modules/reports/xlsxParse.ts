import type ExcelJS from 'exceljs';
import type { FormIndicator, ValueIssue } from '../../../contracts/reports.ts';
import { foldVietnamese, locationKey } from '../../../contracts/text.ts';
import {
  assertXlsx,
  type Cell,
  cellTrouble,
  DATA_SHEET,
  EMPTY,
  findSheet,
  isEmpty,
  keyText,
  loadWorkbook,
  locateHeader,
  MAX_REPORT_ROWS,
  mergedMessage,
  mergesFrom,
  NARRATIVE_SHEET,
  type Problems,
  parseValue,
  requireSheet,
  rowCells,
} from './xlsxRead.ts';
import { COL, NARRATIVE_HEADERS, REPORT_HEADERS, REPORT_ID_LABEL, TOTAL_LABEL } from './xlsxTemplate.ts';

// Reading one report's data-entry file (xlsxTemplate.ts#buildReportTemplate) back: rows matched
// by indicator code + category + commune, every problem collected with its row and column.

export interface ParsedValue {
  /** The sheet row it came from. */
  row: number;
  indicatorId: number;
  category: string;
  location: string;
  value: number | boolean | string | null;
}

export interface ReportFileTarget {
  reportId: number;
  indicators: FormIndicator[];
  narrativeSections: Array<{ key: string; title: string }>;
}

export interface ParsedReportFile {
  values: ParsedValue[];
  /** The narrative sections found on "Thuyết minh" (null: no such sheet, keep the report's). */
  narrative: Record<string, string> | null;
}

const TOTAL_WORDS = new Set(['', foldVietnamese(TOTAL_LABEL), 'tong', 'tong cong', 'cong']);

/** Category cell → category code: '' (total), or a category by its code or name. */
export function categoryResolver(ind: FormIndicator) {
  const byWord = new Map<string, string>();
  for (const c of ind.categories ?? []) {
    byWord.set(foldVietnamese(c.code), c.code);
    byWord.set(foldVietnamese(c.name), c.code);
  }
  const seen = new Map<string, { code: string } | { error: string }>();
  return (text: string): { code: string } | { error: string } => {
    let out = seen.get(text);
    if (!out) {
      out = resolve(text);
      seen.set(text, out);
    }
    return out;
  };
  function resolve(text: string): { code: string } | { error: string } {
    const w = foldVietnamese(text);
    if (TOTAL_WORDS.has(w)) return { code: '' };
    const code = byWord.get(w);
    if (code !== undefined) return { code };
    if (!ind.categories?.length) {
      return {
        error: `Chỉ tiêu ${ind.code} không có phân tổ; hãy để trống cột "Phân tổ" (đang là "${text}").`,
      };
    }
    return {
      error: `Phân tổ "${text}" không có trong chỉ tiêu ${ind.code} (các nhóm: ${[TOTAL_LABEL, ...ind.categories.map((c) => c.name)].join(', ')}).`,
    };
  }
}

const LOCATION_MAX = 200;

/**
 * Parses and checks the file against the report's form: everything short of the value rules
 * (checkValues does those). Throws 415 for a file that is not XLSX and 422 XLSX_INVALID when
 * the file cannot be read as a template (no sheet, no header); row problems are added to
 * `problems` for the caller to answer together with the value rules.
 */
export async function parseReportFile(
  fileName: string,
  data: Uint8Array,
  target: ReportFileTarget,
  problems: Problems,
): Promise<ParsedReportFile> {
  await assertXlsx(fileName, data);
  const wb = await loadWorkbook(data, MAX_REPORT_ROWS, 'tệp nhập số liệu của một báo cáo');
  const ws = requireSheet(wb, DATA_SHEET);
  const headerRow = locateHeader(ws, REPORT_HEADERS, problems);
  if (headerRow === null) throw problems.error();
  checkReportId(ws, headerRow, target.reportId, problems);

  for (const m of mergesFrom(ws, headerRow + 1)) problems.at(m.row, m.col, mergedMessage(m.range));

  const byCode = new Map(target.indicators.map((i) => [foldVietnamese(i.code), i]));
  const resolvers = new Map(target.indicators.map((i) => [i.indicatorId, categoryResolver(i)]));
  const seen = new Map<string, number>();
  const values: ParsedValue[] = [];
  let dataRows = 0;
  const width = REPORT_HEADERS.length;

  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = rowCells(ws, r, width);
    const cell = (c: number): Cell => cells[c] ?? EMPTY;
    const keyCols = [COL.code, COL.category, COL.location, COL.value];
    if (keyCols.every((c) => isEmpty(cells[c]))) continue;
    dataRows++;
    let bad = false;
    for (const c of keyCols) {
      const trouble = cellTrouble(cell(c));
      if (trouble) {
        problems.at(r, c, trouble);
        bad = true;
      }
    }
    if (bad) continue;

    const code = keyText(cell(COL.code));
    if (!code) {
      problems.at(r, COL.code, 'Thiếu mã chỉ tiêu; mỗi dòng có giá trị phải ghi mã chỉ tiêu ở cột A.');
      continue;
    }
    const ind = byCode.get(foldVietnamese(code));
    if (!ind) {
      problems.at(r, COL.code, `Mã chỉ tiêu "${code}" không có trong biểu mẫu của báo cáo này.`);
      continue;
    }
    const cat = resolvers.get(ind.indicatorId)!(keyText(cell(COL.category)));
    if ('error' in cat) {
      problems.at(r, COL.category, cat.error);
      continue;
    }
    const location = keyText(cell(COL.location));
    if (location.length > LOCATION_MAX) {
      problems.at(r, COL.location, `Tên địa bàn dài quá ${LOCATION_MAX} ký tự.`);
      continue;
    }
    const k = `${ind.indicatorId}\u0001${cat.code}\u0001${locationKey(location)}`;
    const first = seen.get(k);
    if (first !== undefined) {
      problems.at(
        r,
        COL.code,
        `Trùng với dòng ${first}: cùng mã chỉ tiêu ${ind.code}${cat.code ? `, phân tổ "${keyText(cell(COL.category))}"` : ''}${location ? `, địa bàn "${location}"` : ''}; mỗi chỉ tiêu chỉ nhập một dòng.`,
      );
      continue;
    }
    seen.set(k, r);
    const parsed = parseValue(cell(COL.value), ind.valueType);
    if (!parsed.ok) {
      problems.at(r, COL.value, `${parsed.message} (Chỉ tiêu ${ind.code})`);
      continue;
    }
    values.push({ row: r, indicatorId: ind.indicatorId, category: cat.code, location, value: parsed.value });
  }
  if (dataRows === 0 && !problems.any) {
    problems.add(
      'file',
      `Trang "${DATA_SHEET}" không có dòng số liệu nào dưới hàng tiêu đề (dòng ${headerRow}).`,
    );
  }

  const narrative = readNarrative(wb, target, problems);
  return { values, narrative };
}

/** The title block names the report the file was made for: another report's file is refused. */
function checkReportId(ws: ExcelJS.Worksheet, headerRow: number, reportId: number, problems: Problems) {
  for (let r = 1; r < headerRow; r++) {
    const cells = rowCells(ws, r, 2);
    if (keyText(cells[1]) !== REPORT_ID_LABEL) continue;
    const id = Number(keyText(cells[2]));
    if (Number.isInteger(id) && id > 0 && id !== reportId) {
      problems.at(
        r,
        2,
        `Tệp này là tệp mẫu của báo cáo số ${id}, không phải báo cáo đang nhập (số ${reportId}). Hãy tải tệp mẫu của đúng báo cáo (đơn vị, kỳ) này.`,
      );
    }
    return;
  }
}

function readNarrative(wb: ExcelJS.Workbook, target: ReportFileTarget, problems: Problems) {
  const ws = findSheet(wb, NARRATIVE_SHEET);
  if (!ws) return null;
  const headerRow = locateHeader(ws, NARRATIVE_HEADERS, problems);
  if (headerRow === null) return null;
  for (const m of mergesFrom(ws, headerRow + 1)) {
    problems.at(m.row, m.col, mergedMessage(m.range), ws.name);
  }
  const sections = new Map(target.narrativeSections.map((s) => [foldVietnamese(s.key), s.key]));
  const out: Record<string, string> = {};
  const rowOf = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = rowCells(ws, r, 3);
    if (isEmpty(cells[1]) && isEmpty(cells[3])) continue;
    let bad = false;
    for (const c of [1, 3]) {
      const trouble = cellTrouble(cells[c] ?? EMPTY);
      if (trouble) {
        problems.at(r, c, trouble, ws.name);
        bad = true;
      }
    }
    if (bad) continue;
    const raw = keyText(cells[1]);
    const key = sections.get(foldVietnamese(raw));
    if (!key) {
      const known = target.narrativeSections.map((s) => s.key).join(', ');
      problems.at(
        r,
        1,
        raw
          ? `Mục thuyết minh "${raw}" không có trong biểu mẫu (các mục: ${known}).`
          : `Thiếu khóa của mục thuyết minh (các mục: ${known}).`,
        ws.name,
      );
      continue;
    }
    const first = rowOf.get(key);
    if (first !== undefined) {
      problems.at(r, 1, `Mục "${key}" đã có ở dòng ${first}; mỗi mục chỉ một dòng.`, ws.name);
      continue;
    }
    rowOf.set(key, r);
    const text = richText(ws.getRow(r).getCell(3).value);
    if (text.length > 50_000) {
      problems.at(r, 3, 'Nội dung thuyết minh dài quá 50.000 ký tự.', ws.name);
      continue;
    }
    out[key] = text;
  }
  return out;
}

/** A narrative cell's text with its line breaks (readCell collapses spacing, which keys want). */
function richText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return '';
}

/**
 * checkValues' issues on the merged set (file values first, then the report's other values)
 * as row/column problems: `values[i].…` of a file value names its row.
 */
export function issuesToProblems(issues: ValueIssue[], rows: ParsedValue[], problems: Problems) {
  for (const issue of issues) {
    const m = /^values\[(\d+)\]\.(\w+)/.exec(issue.path);
    const i = m ? Number(m[1]) : -1;
    const row = rows[i];
    if (row) {
      const col = m![2] === 'category' ? COL.category : m![2] === 'indicatorId' ? COL.code : COL.value;
      problems.at(row.row, col, issue.message);
    } else {
      problems.add('file', issue.message);
    }
  }
}

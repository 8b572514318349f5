import { and, eq, sql } from 'drizzle-orm';
import type { FormIndicator, ValueIssue } from '../../../contracts/reports.ts';
import {
  ABSURD_LIMIT,
  findValueProblems,
  isBlocking,
  normaliseValue,
  OP_SYMBOL,
  type ValueIn,
  type ValueProblem,
  type ValueRule,
  valueKey,
} from '../../../contracts/reportValues.ts';
import type { Queryable } from '../../db/client.ts';
import { reportValues } from '../../db/schema/index.ts';

// Values of a report: the shared value rules (contracts/reportValues.ts) worded for the API
// and the Excel import (checkValues), and the writer that upserts them by (indicator,
// category, location).

export type { ValueIn, ValueRule };

const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });
export const formatVi = (n: number) => numberVi.format(n);

/** One problem of a value in words, after "<indicator> (nhóm …) tại …: ". */
function problemText(p: ValueProblem, uom: string): string {
  switch (p.code) {
    case 'notBoolean':
      return 'chỉ nhận Có hoặc Không.';
    case 'notText':
      return 'cần nhập nội dung bằng chữ.';
    case 'notNumber': {
      const g = p.given;
      const shown = typeof g === 'string' ? `"${g.length > 40 ? `${g.slice(0, 40)}…` : g}"` : 'Có/Không';
      return `phải nhập số (${uom}), không nhận ${shown}.`;
    }
    case 'notInteger':
      return `phải là số nguyên (${uom}), không nhận ${formatVi(p.value)}.`;
    case 'tooLarge':
      return `số ${formatVi(p.value)} quá lớn, hãy kiểm tra lại (tối đa ${formatVi(ABSURD_LIMIT)}).`;
    case 'percentRange':
      return `tỷ lệ phải từ 0 đến 100%, không nhận ${formatVi(p.value)}.`;
    case 'negative':
      return `số ${uom} không thể âm (${formatVi(p.value)}).`;
    case 'belowMin':
      return `${formatVi(p.value)} nhỏ hơn mức tối thiểu ${formatVi(p.min)}.`;
    case 'aboveMax':
      return `${formatVi(p.value)} lớn hơn mức tối đa ${formatVi(p.max)}.`;
  }
}

/**
 * Checks values against the form's indicators and rules (the shared rules of
 * contracts/reportValues.ts) and words each finding in Vietnamese, naming the indicator.
 * `values` is the full set the report would hold (paths `values[i]…` index into it). An
 * issue is `blocking` when refused even as a draft, or in `submit` mode when it blocks
 * submission; out-of-range warnings never block.
 */
export function checkValues(
  indicators: FormIndicator[],
  rules: ValueRule[],
  values: ValueIn[],
  mode: 'save' | 'submit',
): ValueIssue[] {
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  const label = (i: FormIndicator) => `${i.code} – ${i.name}`;
  return findValueProblems(indicators, rules, values).map((f) => {
    const cell = { indicatorId: f.indicatorId, category: f.category, location: f.location };
    const valuePath = f.index === null ? `indicators.${f.indicatorId}` : `values[${f.index}].value`;
    const issue = (path: string, message: string): ValueIssue => ({
      ...cell,
      path,
      message,
      blocking: isBlocking(f.blocks, mode),
    });
    const ind = byId.get(f.indicatorId);
    if (f.code === 'unknownIndicator' || !ind) {
      return issue(
        `values[${f.index}].indicatorId`,
        `Chỉ tiêu mã số ${f.indicatorId} không có trong biểu mẫu này.`,
      );
    }
    const at = f.location ? ` tại ${f.location}` : '';
    const where = `${label(ind)}${f.category ? ` (nhóm ${f.category})` : ''}${at}`;
    switch (f.code) {
      case 'unknownCategory':
        return issue(
          `values[${f.index}].category`,
          f.known.length
            ? `${label(ind)}: nhóm "${f.category}" không có trong phân tổ (${f.known.join(', ')}).`
            : `${label(ind)}: chỉ tiêu này không phân tổ theo nhóm, không nhận nhóm "${f.category}".`,
        );
      case 'duplicate':
        return issue(valuePath, `${where}: giá trị được nhập hai lần.`);
      case 'value':
        return issue(valuePath, `${where}: ${problemText(f.problem, ind.uom)}`);
      case 'rule': {
        const other = byId.get(f.rule.otherIndicatorId);
        const op = OP_SYMBOL[f.rule.op];
        return issue(
          valuePath,
          f.rule.message
            ? `${label(ind)}${at}: ${f.rule.message} (${formatVi(f.left)} ${op} ${formatVi(f.right)} không đúng).`
            : `${label(ind)}${at} (${formatVi(f.left)}) phải ${op} ${other ? label(other) : f.rule.otherIndicatorId} (${formatVi(f.right)}).`,
        );
      }
      case 'totalMissing':
        return issue(
          valuePath,
          `${label(ind)}${at}: có số theo nhóm (cộng ${formatVi(f.sum)}) nhưng chưa nhập tổng số.`,
        );
      case 'sumMismatch':
        return issue(
          valuePath,
          `${label(ind)}${at}: cộng các nhóm được ${formatVi(f.sum)}, khác tổng số ${formatVi(f.total)}.`,
        );
      default: // 'required'
        return issue(`indicators.${f.indicatorId}`, `${label(ind)}: chỉ tiêu bắt buộc, chưa nhập số liệu.`);
    }
  });
}

/** How a value is stored: numbers (and yes/no as 1/0) in `value`, text in `text_value`. */
export function encodeValue(v: ValueIn['value']): { value: number | null; textValue: string | null } {
  const value = normaliseValue(v);
  if (value === null) return { value: null, textValue: null };
  if (typeof value === 'boolean') return { value: value ? 1 : 0, textValue: null };
  if (typeof value === 'number') return { value, textValue: null };
  return { value: null, textValue: value };
}

export function decodeValue(
  valueType: FormIndicator['valueType'] | undefined,
  row: { value: number | null; textValue: string | null },
): number | boolean | string | null {
  if (valueType === 'text') return row.textValue;
  if (valueType === 'boolean') return row.value === null ? null : row.value !== 0;
  if (row.value === null) return row.textValue;
  return row.value;
}

const CHUNK = 5000;

/**
 * Upserts values by (indicator, category, location); a null (or empty) value removes the
 * cell; cells not named are left as they are. Values must have passed checkValues without
 * blocking issues. Returns how many cells were written and removed.
 */
export async function writeValues(
  tx: Queryable,
  reportId: number,
  values: ValueIn[],
): Promise<{ written: number; removed: number }> {
  const byKey = new Map<string, ValueIn>();
  for (const v of values) byKey.set(valueKey(v.indicatorId, v.category ?? '', v.location ?? ''), v);
  const upserts: (typeof reportValues.$inferInsert)[] = [];
  const clears: { indicatorId: number; category: string; location: string }[] = [];
  for (const v of byKey.values()) {
    const cell = { indicatorId: v.indicatorId, category: v.category ?? '', location: v.location ?? '' };
    const encoded = encodeValue(v.value);
    if (encoded.value === null && encoded.textValue === null) clears.push(cell);
    else upserts.push({ reportId, ...cell, ...encoded });
  }
  let removed = 0;
  for (let i = 0; i < clears.length; i += CHUNK) {
    const tuples = clears
      .slice(i, i + CHUNK)
      .map((c) => sql`(${c.indicatorId}::int, ${c.category}::text, ${c.location}::text)`);
    const gone = await tx
      .delete(reportValues)
      .where(
        and(
          eq(reportValues.reportId, reportId),
          sql`(${reportValues.indicatorId}, ${reportValues.category}, ${reportValues.location}) in (${sql.join(tuples, sql`, `)})`,
        ),
      )
      .returning({ id: reportValues.indicatorId });
    removed += gone.length;
  }
  // Chunks keep each statement under PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < upserts.length; i += CHUNK) {
    await tx
      .insert(reportValues)
      .values(upserts.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: [
          reportValues.reportId,
          reportValues.indicatorId,
          reportValues.category,
          reportValues.location,
        ],
        set: { value: sql`excluded.value`, textValue: sql`excluded.text_value` },
      });
  }
  return { written: upserts.length, removed };
}

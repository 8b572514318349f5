import { and, eq, sql } from 'drizzle-orm';
import type { RuleOp } from '../../../contracts/indicators.ts';
import type { FormIndicator, ValueIssue } from '../../../contracts/reports.ts';
import type { Queryable } from '../../db/client.ts';
import { reportValues } from '../../db/schema/index.ts';

// Values of a report: pure validation (checkValues, also used by the Excel import) and the
// writer that upserts them by (indicator, category, location).

/** A value as given by the API or an imported sheet (category/location '' when absent). */
export interface ValueIn {
  indicatorId: number;
  category?: string | undefined;
  location?: string | undefined;
  value: number | boolean | string | null;
}

/** A cross-field rule: indicator `op` other indicator ("thành viên ≥ số tổ"). */
export interface ValueRule {
  indicatorId: number;
  op: RuleOp;
  otherIndicatorId: number;
  message: string | null;
}

/** Beyond this a figure is a typing slip, not a count (no unit of ours reaches a billion). */
export const ABSURD_LIMIT = 1e9;

const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });
export const formatVi = (n: number) => numberVi.format(n);

/** Empty text is no value: '' and '   ' clear the cell like null. */
export function normaliseValue(v: ValueIn['value']): ValueIn['value'] {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  return v;
}

const keyOf = (indicatorId: number, category: string, location: string) =>
  `${indicatorId}\u0000${category}\u0000${location}`;

const OP_TEXT: Record<RuleOp, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
const compare = (a: number, op: RuleOp, b: number) =>
  op === '>=' ? a >= b : op === '<=' ? a <= b : op === '>' ? a > b : op === '<' ? a < b : a === b;

/**
 * Checks values against the form's indicators and rules. `values` is the full set the
 * report would hold (paths `values[i]…` index into it; null means "no value").
 * - blocking (refused even as a draft): wrong type (text or "N/A" in a number field, a
 *   fraction in an integer field, yes/no not given as yes/no), a negative count, a
 *   percentage outside 0–100, a figure beyond 1 billion, an unknown indicator or category,
 *   the same cell twice;
 * - warnings that block submission (saved as a draft and shown; in `submit` mode they block):
 *   a cross-field rule broken, categories that do not add up to the total, a required
 *   indicator missing;
 * - plausibility warnings (never block, not even on submission): a value outside the
 *   indicator's min/max — a real figure may fall outside the expected range, so the report
 *   goes on and the approver sees the warning among the submitted report's `issues`.
 */
export function checkValues(
  indicators: FormIndicator[],
  rules: ValueRule[],
  values: ValueIn[],
  mode: 'save' | 'submit',
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  const label = (i: FormIndicator) => `${i.code} – ${i.name}`;
  /** `always`: refused even as a draft; `submit`: blocks submission only; `never`: a warning. */
  const push = (
    v: { indicatorId: number; category: string; location: string },
    path: string,
    message: string,
    blocks: 'always' | 'submit' | 'never',
  ) =>
    issues.push({
      ...v,
      path,
      message,
      blocking: blocks === 'always' || (blocks === 'submit' && mode === 'submit'),
    });

  // Numeric cells that passed the type checks, for the rules below.
  const numbers = new Map<string, number>();
  const present = new Set<number>();
  const seen = new Set<string>();

  values.forEach((raw, i) => {
    const v = { indicatorId: raw.indicatorId, category: raw.category ?? '', location: raw.location ?? '' };
    const value = normaliseValue(raw.value);
    const path = `values[${i}].value`;
    const ind = byId.get(v.indicatorId);
    if (!ind) {
      push(
        v,
        `values[${i}].indicatorId`,
        `Chỉ tiêu mã số ${v.indicatorId} không có trong biểu mẫu này.`,
        'always',
      );
      return;
    }
    const where = `${label(ind)}${v.category ? ` (nhóm ${v.category})` : ''}${v.location ? ` tại ${v.location}` : ''}`;
    if (v.category !== '' && !ind.categories?.some((c) => c.code === v.category)) {
      const known = ind.categories?.map((c) => c.code).join(', ');
      push(
        v,
        `values[${i}].category`,
        known
          ? `${label(ind)}: nhóm "${v.category}" không có trong phân tổ (${known}).`
          : `${label(ind)}: chỉ tiêu này không phân tổ theo nhóm, không nhận nhóm "${v.category}".`,
        'always',
      );
      return;
    }
    const key = keyOf(v.indicatorId, v.category, v.location);
    if (seen.has(key)) {
      push(v, path, `${where}: giá trị được nhập hai lần.`, 'always');
      return;
    }
    seen.add(key);
    if (value === null) return;

    if (ind.valueType === 'boolean') {
      if (typeof value !== 'boolean') push(v, path, `${where}: chỉ nhận Có hoặc Không.`, 'always');
      else present.add(v.indicatorId);
      return;
    }
    if (ind.valueType === 'text') {
      if (typeof value !== 'string') push(v, path, `${where}: cần nhập nội dung bằng chữ.`, 'always');
      else present.add(v.indicatorId);
      return;
    }
    // integer, decimal, percentage
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const shown =
        typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : 'Có/Không';
      push(v, path, `${where}: phải nhập số (${ind.uom}), không nhận ${shown}.`, 'always');
      return;
    }
    if (ind.valueType === 'integer' && !Number.isInteger(value)) {
      push(v, path, `${where}: phải là số nguyên (${ind.uom}), không nhận ${formatVi(value)}.`, 'always');
      return;
    }
    if (Math.abs(value) > ABSURD_LIMIT) {
      push(
        v,
        path,
        `${where}: số ${formatVi(value)} quá lớn, hãy kiểm tra lại (tối đa ${formatVi(ABSURD_LIMIT)}).`,
        'always',
      );
      return;
    }
    if (ind.valueType === 'percentage' && (value < 0 || value > 100)) {
      push(v, path, `${where}: tỷ lệ phải từ 0 đến 100%, không nhận ${formatVi(value)}.`, 'always');
      return;
    }
    if (ind.valueType !== 'percentage' && value < 0 && (ind.minValue === null || ind.minValue >= 0)) {
      push(v, path, `${where}: số ${ind.uom} không thể âm (${formatVi(value)}).`, 'always');
      return;
    }
    present.add(v.indicatorId);
    numbers.set(key, value);
    if (ind.minValue !== null && value < ind.minValue) {
      push(v, path, `${where}: ${formatVi(value)} nhỏ hơn mức tối thiểu ${formatVi(ind.minValue)}.`, 'never');
    }
    if (ind.maxValue !== null && value > ind.maxValue) {
      push(v, path, `${where}: ${formatVi(value)} lớn hơn mức tối đa ${formatVi(ind.maxValue)}.`, 'never');
    }
  });

  const indexOf = new Map<string, number>();
  values.forEach((raw, i) => {
    const key = keyOf(raw.indicatorId, raw.category ?? '', raw.location ?? '');
    if (!indexOf.has(key)) indexOf.set(key, i);
  });
  const pathOf = (key: string, fallback: string) => {
    const i = indexOf.get(key);
    return i === undefined ? fallback : `values[${i}].value`;
  };

  // Cross-field rules compare totals (category '') at the same location.
  for (const rule of rules) {
    const a = byId.get(rule.indicatorId);
    const b = byId.get(rule.otherIndicatorId);
    if (!a || !b) continue;
    for (const [key, left] of numbers) {
      const [id, category, location] = key.split('\u0000') as [string, string, string];
      if (Number(id) !== a.indicatorId || category !== '') continue;
      const right = numbers.get(keyOf(b.indicatorId, '', location));
      if (right === undefined || compare(left, rule.op, right)) continue;
      const at = location ? ` tại ${location}` : '';
      push(
        { indicatorId: a.indicatorId, category: '', location },
        pathOf(key, `indicators.${a.indicatorId}`),
        rule.message
          ? `${label(a)}${at}: ${rule.message} (${formatVi(left)} ${OP_TEXT[rule.op]} ${formatVi(right)} không đúng).`
          : `${label(a)}${at} (${formatVi(left)}) phải ${OP_TEXT[rule.op]} ${label(b)} (${formatVi(right)}).`,
        'submit',
      );
    }
  }

  // A breakdown by category must add up to the total.
  for (const ind of indicators) {
    if (!ind.categories?.length || (ind.valueType !== 'integer' && ind.valueType !== 'decimal')) continue;
    const sums = new Map<string, number>();
    for (const [key, n] of numbers) {
      const [id, category, location] = key.split('\u0000') as [string, string, string];
      if (Number(id) !== ind.indicatorId || category === '') continue;
      sums.set(location, (sums.get(location) ?? 0) + n);
    }
    for (const [location, sum] of sums) {
      const totalKey = keyOf(ind.indicatorId, '', location);
      const total = numbers.get(totalKey);
      const at = location ? ` tại ${location}` : '';
      const cell = { indicatorId: ind.indicatorId, category: '', location };
      if (total === undefined) {
        push(
          cell,
          pathOf(totalKey, `indicators.${ind.indicatorId}`),
          `${label(ind)}${at}: có số theo nhóm (cộng ${formatVi(sum)}) nhưng chưa nhập tổng số.`,
          'submit',
        );
      } else if (Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total))) {
        push(
          cell,
          pathOf(totalKey, `indicators.${ind.indicatorId}`),
          `${label(ind)}${at}: cộng các nhóm được ${formatVi(sum)}, khác tổng số ${formatVi(total)}.`,
          'submit',
        );
      }
    }
  }

  // Required indicators (of the form or the catalogue) need a value.
  for (const ind of indicators) {
    if (!ind.required || present.has(ind.indicatorId)) continue;
    push(
      { indicatorId: ind.indicatorId, category: '', location: '' },
      `indicators.${ind.indicatorId}`,
      `${label(ind)}: chỉ tiêu bắt buộc, chưa nhập số liệu.`,
      'submit',
    );
  }
  return issues;
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
  for (const v of values) byKey.set(keyOf(v.indicatorId, v.category ?? '', v.location ?? ''), v);
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

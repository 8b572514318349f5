import type { RuleOp } from './indicators.ts';
import type { FormIndicator } from './reports.ts';

// The value rules of a report, shared by the API (and the Excel import) and the data-entry
// grid so the two cannot drift: what one value may be, and what the whole set must satisfy
// (cross-field rules, categories adding up to the total, required indicators). The findings
// carry codes and figures, not text: the server words them in Vietnamese for the API, the
// grid through its i18n keys.
//
// Severity (`blocks`):
// - `always`: refused even as a draft — wrong type (text or "N/A" in a number field, a
//   fraction in an integer field, yes/no not given as yes/no), a negative count, a percentage
//   outside 0–100, a figure beyond 1 billion, an unknown indicator or category, the same cell
//   twice;
// - `submit`: saved as a draft and shown, but blocks submission — a cross-field rule broken,
//   categories that do not add up to the total, a required indicator missing;
// - `never`: a plausibility warning — a value outside the indicator's min/max (a real figure
//   may fall outside the expected range, so the report goes on and the approver sees it).

/** A value as given by the API, an imported sheet or the grid (category/location '' when absent). */
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

/** The sign of a rule as printed: "≥". */
export const OP_SYMBOL: Record<RuleOp, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

/** Whether `a op b` holds. */
export function holds(op: RuleOp, a: number, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '=':
      return a === b;
  }
}

/** Empty text is no value: '' and '   ' clear the cell like null. */
export function normaliseValue(v: ValueIn['value']): ValueIn['value'] {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  return v;
}

/** One cell of a report: indicator, category ('' is the total) and location. */
export const valueKey = (indicatorId: number, category: string, location: string) =>
  `${indicatorId}\u0000${category}\u0000${location}`;

/** What is wrong with one value, in the order it is checked. */
export type ValueProblem =
  | { code: 'notBoolean' | 'notText' }
  | { code: 'notNumber'; given: number | boolean | string }
  | { code: 'notInteger' | 'tooLarge' | 'percentRange' | 'negative'; value: number }
  | { code: 'belowMin'; value: number; min: number }
  | { code: 'aboveMax'; value: number; max: number };

/** Out of range is a plausibility warning; every other problem of a value is refused. */
export const isRangeWarning = (p: ValueProblem) => p.code === 'belowMin' || p.code === 'aboveMax';

type Checked = Pick<FormIndicator, 'valueType' | 'minValue' | 'maxValue'>;

/**
 * The problems of one (non-empty, normalised) value of an indicator: at most one that is
 * refused (`isRangeWarning` false), or the out-of-range warnings. No problem, or only
 * warnings, means the value is accepted.
 */
export function checkValue(ind: Checked, value: number | boolean | string): ValueProblem[] {
  if (ind.valueType === 'boolean') return typeof value === 'boolean' ? [] : [{ code: 'notBoolean' }];
  if (ind.valueType === 'text') return typeof value === 'string' ? [] : [{ code: 'notText' }];
  // integer, decimal, percentage
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return [{ code: 'notNumber', given: value }];
  }
  if (ind.valueType === 'integer' && !Number.isInteger(value)) return [{ code: 'notInteger', value }];
  if (Math.abs(value) > ABSURD_LIMIT) return [{ code: 'tooLarge', value }];
  if (ind.valueType === 'percentage' && (value < 0 || value > 100)) return [{ code: 'percentRange', value }];
  if (ind.valueType !== 'percentage' && value < 0 && (ind.minValue === null || ind.minValue >= 0)) {
    return [{ code: 'negative', value }];
  }
  const out: ValueProblem[] = [];
  if (ind.minValue !== null && value < ind.minValue) out.push({ code: 'belowMin', value, min: ind.minValue });
  if (ind.maxValue !== null && value > ind.maxValue) out.push({ code: 'aboveMax', value, max: ind.maxValue });
  return out;
}

/** A finding's severity: refused always, blocks submission only, or a warning only. */
export type Blocks = 'always' | 'submit' | 'never';

/** Whether a finding of this severity blocks in this mode (saving a draft or submitting). */
export const isBlocking = (blocks: Blocks, mode: 'save' | 'submit') =>
  blocks === 'always' || (blocks === 'submit' && mode === 'submit');

/**
 * A finding over a set of values: the cell it concerns, the value it comes from (`index` into
 * the set, null when no value of the set names the cell) and its severity.
 */
export type ValueFinding = {
  indicatorId: number;
  category: string;
  location: string;
  index: number | null;
  blocks: Blocks;
} & (
  | { code: 'unknownIndicator' }
  | { code: 'unknownCategory'; known: string[] }
  | { code: 'duplicate' }
  | { code: 'value'; problem: ValueProblem }
  | { code: 'rule'; rule: ValueRule; left: number; right: number }
  | { code: 'totalMissing'; sum: number }
  | { code: 'sumMismatch'; sum: number; total: number }
  | { code: 'required' }
);

/**
 * Checks values against the form's indicators and rules. `values` is the full set the report
 * would hold (null means "no value"). Cross-field rules compare totals (category '') at the
 * same location; a breakdown by category must add up to its total at each location; required
 * indicators need an accepted value. Only values accepted by `checkValue` take part in them.
 */
export function findValueProblems(
  indicators: readonly FormIndicator[],
  rules: readonly ValueRule[],
  values: readonly ValueIn[],
): ValueFinding[] {
  const out: ValueFinding[] = [];
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  // Numeric cells that were accepted, for the rules below.
  const numbers = new Map<string, number>();
  const present = new Set<number>();
  const seen = new Set<string>();

  values.forEach((raw, index) => {
    const cell = { indicatorId: raw.indicatorId, category: raw.category ?? '', location: raw.location ?? '' };
    const value = normaliseValue(raw.value);
    const ind = byId.get(cell.indicatorId);
    if (!ind) {
      out.push({ ...cell, index, blocks: 'always', code: 'unknownIndicator' });
      return;
    }
    if (cell.category !== '' && !ind.categories?.some((c) => c.code === cell.category)) {
      const known = (ind.categories ?? []).map((c) => c.code);
      out.push({ ...cell, index, blocks: 'always', code: 'unknownCategory', known });
      return;
    }
    const key = valueKey(cell.indicatorId, cell.category, cell.location);
    if (seen.has(key)) {
      out.push({ ...cell, index, blocks: 'always', code: 'duplicate' });
      return;
    }
    seen.add(key);
    if (value === null) return;
    const problems = checkValue(ind, value);
    for (const problem of problems) {
      out.push({
        ...cell,
        index,
        blocks: isRangeWarning(problem) ? 'never' : 'always',
        code: 'value',
        problem,
      });
    }
    if (problems.some((p) => !isRangeWarning(p))) return;
    present.add(cell.indicatorId);
    if (typeof value === 'number') numbers.set(key, value);
  });

  const indexOf = new Map<string, number>();
  values.forEach((raw, i) => {
    const key = valueKey(raw.indicatorId, raw.category ?? '', raw.location ?? '');
    if (!indexOf.has(key)) indexOf.set(key, i);
  });

  for (const rule of rules) {
    const a = byId.get(rule.indicatorId);
    const b = byId.get(rule.otherIndicatorId);
    if (!a || !b) continue;
    for (const [key, left] of numbers) {
      const [id, category, location] = key.split('\u0000') as [string, string, string];
      if (Number(id) !== a.indicatorId || category !== '') continue;
      const right = numbers.get(valueKey(b.indicatorId, '', location));
      if (right === undefined || holds(rule.op, left, right)) continue;
      out.push({
        indicatorId: a.indicatorId,
        category: '',
        location,
        index: indexOf.get(key) ?? null,
        blocks: 'submit',
        code: 'rule',
        rule,
        left,
        right,
      });
    }
  }

  for (const ind of indicators) {
    if (!ind.categories?.length || (ind.valueType !== 'integer' && ind.valueType !== 'decimal')) continue;
    const sums = new Map<string, number>();
    for (const [key, n] of numbers) {
      const [id, category, location] = key.split('\u0000') as [string, string, string];
      if (Number(id) !== ind.indicatorId || category === '') continue;
      sums.set(location, (sums.get(location) ?? 0) + n);
    }
    for (const [location, sum] of sums) {
      const totalKey = valueKey(ind.indicatorId, '', location);
      const total = numbers.get(totalKey);
      const cell = {
        indicatorId: ind.indicatorId,
        category: '',
        location,
        index: indexOf.get(totalKey) ?? null,
      };
      if (total === undefined) out.push({ ...cell, blocks: 'submit', code: 'totalMissing', sum });
      else if (Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total))) {
        out.push({ ...cell, blocks: 'submit', code: 'sumMismatch', sum, total });
      }
    }
  }

  for (const ind of indicators) {
    if (!ind.required || present.has(ind.indicatorId)) continue;
    out.push({
      indicatorId: ind.indicatorId,
      category: '',
      location: '',
      index: null,
      blocks: 'submit',
      code: 'required',
    });
  }
  return out;
}

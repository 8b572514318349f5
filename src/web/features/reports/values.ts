// The data-entry grid's pure logic: Vietnamese numbers typed as text ("1.734", "12,5"), the
// checks run while the user types (type, range, cross-field rules, required), and the grid's
// rows built from a report and turned back into the values the API takes.
//
// The rules themselves are the server's (contracts/reportValues.ts): errors are refused even in
// a draft; broken cross-field rules, categories not adding up and missing required values are
// saved but block submission; a figure outside the indicator's range is only a warning —
// saved, submitted, and shown to the approver. Here they are run on the typed text and their
// findings put under the grid's cells, worded through the i18n keys.
import type { ValueType } from '../../../contracts/indicators.ts';
import type { FormIndicator } from '../../../contracts/reports.ts';
import {
  checkValue,
  findValueProblems,
  OP_SYMBOL,
  type ValueIn,
  type ValueRule,
  valueKey,
} from '../../../contracts/reportValues.ts';

export { OP_SYMBOL };

export type Parsed = { ok: true; value: number | null } | { ok: false };

const GROUPED = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
const COMMA_DECIMAL = /^\d+(,\d+)?$/;
const DOT_DECIMAL = /^\d+\.\d+$/;

/**
 * A number as Vietnamese users type it: "1.734" (dot groups thousands), "12,5" (comma is the
 * decimal mark), "1 734", "-3"; "12.5" is read as 12,5 (a dot not grouping thousands).
 * Empty → null; anything else ("N/A", "có", "12a") → not a number.
 */
export function parseVietnameseNumber(raw: string, allowPercent = false): Parsed {
  let s = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return { ok: true, value: null };
  if (allowPercent && s.endsWith('%')) s = s.slice(0, -1);
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  let normal: string;
  if (GROUPED.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
  else if (COMMA_DECIMAL.test(s)) normal = s.replace(',', '.');
  else if (DOT_DECIMAL.test(s)) normal = s;
  else return { ok: false };
  const value = sign * Number(normal);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

const inputFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

/** A stored value as the grid shows it for editing ("1.734", "12,5", "true"). */
export function toRaw(value: number | boolean | string | null | undefined, type: ValueType): string {
  if (value === null || value === undefined) return '';
  if (type === 'boolean') return value === true ? 'true' : value === false ? 'false' : '';
  if (typeof value === 'number') return type === 'text' ? String(value) : inputFormat.format(value);
  return String(value);
}

/**
 * What is wrong with one typed cell: `error` blocks saving; `warning` (outside the indicator's
 * range) is saved and flagged but does not block submission: the approver sees it.
 */
export type CellIssue =
  | {
      level: 'error';
      code: 'notNumber' | 'notInteger' | 'notBoolean' | 'tooLong' | 'negative' | 'percentRange' | 'tooLarge';
    }
  | { level: 'warning'; code: 'belowMin'; min: number }
  | { level: 'warning'; code: 'aboveMax'; max: number };

type Checked = Pick<FormIndicator, 'valueType' | 'minValue' | 'maxValue'>;

/** The typed text as the API value (number, boolean, text or null), or the type error. */
export function toValue(
  indicator: Pick<FormIndicator, 'valueType'>,
  raw: string,
): { ok: true; value: number | boolean | string | null } | { ok: false; code: 'notNumber' | 'notBoolean' } {
  const type = indicator.valueType;
  if (type === 'text') return { ok: true, value: raw.trim() === '' ? null : raw.trim() };
  if (type === 'boolean') {
    if (raw === '') return { ok: true, value: null };
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
    return { ok: false, code: 'notBoolean' };
  }
  const parsed = parseVietnameseNumber(raw, type === 'percentage');
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, code: 'notNumber' };
}

/**
 * Checks one cell as the user types it, with the server's rules (`checkValue`): errors are
 * refused even in a draft (text in a number field, a fraction in a count, a negative count, a
 * percentage outside 0–100, an absurd figure); values outside the indicator's range are
 * warnings, which block neither saving nor submission.
 */
export function checkCell(indicator: Checked, raw: string): CellIssue | null {
  if (indicator.valueType === 'text') return raw.length > 5000 ? { level: 'error', code: 'tooLong' } : null;
  const converted = toValue(indicator, raw);
  if (!converted.ok) return { level: 'error', code: converted.code };
  if (converted.value === null) return null;
  const [problem] = checkValue(indicator, converted.value);
  if (!problem) return null;
  switch (problem.code) {
    case 'belowMin':
      return { level: 'warning', code: 'belowMin', min: problem.min };
    case 'aboveMax':
      return { level: 'warning', code: 'aboveMax', max: problem.max };
    case 'notText':
      return null; // not reached: text is handled above
    default:
      return { level: 'error', code: problem.code };
  }
}

/**
 * What the grid shows under one cell: an error (the value cannot be saved), or a warning —
 * `blocksSubmit` when it must be fixed before submitting (a broken cross-field rule,
 * categories not adding up to the total), otherwise a plausibility warning (outside the
 * indicator's range) that goes with the report to the approver.
 */
export interface CellNote {
  error?: string;
  warning?: string;
  blocksSubmit?: boolean;
}

/** Adds a warning to a cell's note; it blocks submission if either part does. */
export function withWarning(note: CellNote | undefined, text: string, blocksSubmit: boolean): CellNote {
  const n = note ?? {};
  return {
    ...n,
    warning: n.warning ? `${n.warning} ${text}` : text,
    ...(blocksSubmit || n.blocksSubmit ? { blocksSubmit: true } : {}),
  };
}

/**
 * The counts above the grid: cells in error, cells whose warning must be fixed before
 * submitting, and cells with a plausibility warning only (submitted as they are).
 */
export function countNotes(notes: Record<string, CellNote>): {
  errors: number;
  toFix: number;
  warnings: number;
} {
  const out = { errors: 0, toFix: 0, warnings: 0 };
  for (const n of Object.values(notes)) {
    if (n.error) out.errors++;
    else if (n.warning && n.blocksSubmit) out.toFix++;
    else if (n.warning) out.warnings++;
  }
  return out;
}

export interface Rule {
  op: ValueRule['op'];
  otherIndicatorId: number;
  otherName: string;
  message: string | null;
}

// ---------------------------------------------------------------------------------------------
// The grid: groups of rows (an indicator, or one location of a de-duplicated indicator) and the
// typed text of each cell, keyed `${groupId}|${category}` (category '' is the total).

export interface Group {
  gid: string;
  indicatorId: number;
  location: string;
}

export interface GridState {
  groups: Group[];
  cells: Record<string, string>;
}

export const cellKey = (gid: string, category: string) => `${gid}|${category}`;

interface ReportLike {
  indicators: FormIndicator[];
  values: Array<{ indicatorId: number; category: string; location: string; value: unknown }>;
}

export const categoriesOf = (ind: Pick<FormIndicator, 'categories'>) => [
  '',
  ...(ind.categories ?? []).map((c) => c.code),
];

/** The grid of a report: one group per indicator, one per location already reported for de-duplicated ones. */
export function gridFromReport(report: ReportLike): GridState {
  const groups: Group[] = [];
  const cells: Record<string, string> = {};
  const sorted = [...report.indicators].sort((a, b) => a.position - b.position);
  for (const ind of sorted) {
    const mine = report.values.filter((v) => v.indicatorId === ind.indicatorId);
    const locations = [...new Set(mine.map((v) => v.location))];
    if (!locations.includes('') && (locations.length === 0 || !ind.dedupByLocation)) locations.unshift('');
    locations.forEach((location, n) => {
      const gid = `${ind.indicatorId}#${n}`;
      groups.push({ gid, indicatorId: ind.indicatorId, location });
      for (const v of mine.filter((x) => x.location === location)) {
        cells[cellKey(gid, v.category)] = toRaw(v.value as number | boolean | string | null, ind.valueType);
      }
    });
  }
  return { groups, cells };
}

/** A new, empty location row group for a de-duplicated indicator. */
export function addGroup(state: GridState, indicatorId: number): GridState {
  const taken = state.groups
    .filter((g) => g.indicatorId === indicatorId)
    .map((g) => Number(g.gid.split('#')[1] ?? 0));
  const gid = `${indicatorId}#${Math.max(-1, ...taken) + 1}`;
  const at = state.groups.findLastIndex((g) => g.indicatorId === indicatorId);
  const groups = [...state.groups];
  groups.splice(at + 1, 0, { gid, indicatorId, location: '' });
  return { ...state, groups };
}

export function removeGroup(state: GridState, gid: string): GridState {
  const cells = Object.fromEntries(Object.entries(state.cells).filter(([k]) => !k.startsWith(`${gid}|`)));
  return { groups: state.groups.filter((g) => g.gid !== gid), cells };
}

export interface SentValue {
  indicatorId: number;
  category: string;
  location: string;
  value: number | boolean | string | null;
}

/**
 * The values to save: every filled cell, and null for a value the report had that is now
 * empty (cleared, or its location renamed or removed). `keys[i]` is the cell of `values[i]`
 * (to put a server error `values[i].value` back under its cell); cells that cannot be sent
 * (type errors) are listed in `invalid`.
 */
export function valuesToSave(
  state: GridState,
  indicators: FormIndicator[],
  before: ReportLike['values'],
): { values: SentValue[]; keys: Array<string | null>; invalid: string[] } {
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  const values: SentValue[] = [];
  const keys: Array<string | null> = [];
  const invalid: string[] = [];
  const sent = new Set<string>();
  for (const g of state.groups) {
    const ind = byId.get(g.indicatorId);
    if (!ind) continue;
    const location = g.location.trim();
    for (const category of categoriesOf(ind)) {
      const key = cellKey(g.gid, category);
      const raw = state.cells[key] ?? '';
      if (raw.trim() === '') continue;
      const issue = checkCell(ind, raw);
      const converted = toValue(ind, raw);
      if ((issue && issue.level === 'error') || !converted.ok) {
        invalid.push(key);
        continue;
      }
      const id = valueKey(g.indicatorId, category, location);
      if (sent.has(id)) continue;
      sent.add(id);
      values.push({ indicatorId: g.indicatorId, category, location, value: converted.value });
      keys.push(key);
    }
  }
  for (const v of before) {
    const id = valueKey(v.indicatorId, v.category, v.location);
    if (sent.has(id) || v.value === null) continue;
    sent.add(id);
    values.push({ indicatorId: v.indicatorId, category: v.category, location: v.location, value: null });
    keys.push(null);
  }
  return { values, keys, invalid };
}

/**
 * The filled cells as the values the server would check (the first group of a location wins,
 * as in `valuesToSave`); text that is not a value of the indicator's type is passed as typed,
 * so the shared rules refuse it and leave it out of rules and sums, as the server does.
 * `keys[i]` is the cell of `values[i]`; `totals` the total cell of each (indicator, location).
 */
function gridValues(state: GridState, indicators: FormIndicator[]) {
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  const values: ValueIn[] = [];
  const keys: string[] = [];
  const totals = new Map<string, string>();
  for (const g of state.groups) {
    const ind = byId.get(g.indicatorId);
    if (!ind) continue;
    const location = g.location.trim();
    const totalId = valueKey(g.indicatorId, '', location);
    if (!totals.has(totalId)) totals.set(totalId, cellKey(g.gid, ''));
    for (const category of categoriesOf(ind)) {
      const key = cellKey(g.gid, category);
      const raw = state.cells[key] ?? '';
      if (raw.trim() === '') continue;
      const converted = toValue(ind, raw);
      values.push({
        indicatorId: g.indicatorId,
        category,
        location,
        value: converted.ok ? converted.value : raw,
      });
      keys.push(key);
    }
  }
  return { values, keys, totals };
}

/** The total cell a finding names: the cell of its value, else the location's total cell. */
const findingCell = (
  grid: ReturnType<typeof gridValues>,
  f: { index: number | null; indicatorId: number; location: string },
) => (f.index === null ? grid.totals.get(valueKey(f.indicatorId, '', f.location)) : grid.keys[f.index]);

/**
 * The cross-field rules broken by the typed values, per total cell: as on the server, the
 * totals of both indicators at the same location are compared (both must be filled and valid).
 */
export function brokenRules(
  state: GridState,
  indicators: FormIndicator[],
  rulesOf: ReadonlyMap<number, readonly Rule[]>,
): Map<string, Rule[]> {
  const origin = new Map<ValueRule, Rule>();
  for (const [indicatorId, rules] of rulesOf) {
    for (const r of rules)
      origin.set({ indicatorId, op: r.op, otherIndicatorId: r.otherIndicatorId, message: r.message }, r);
  }
  const grid = gridValues(state, indicators);
  const out = new Map<string, Rule[]>();
  for (const f of findValueProblems(indicators, [...origin.keys()], grid.values)) {
    if (f.code !== 'rule') continue;
    const key = findingCell(grid, f);
    const rule = origin.get(f.rule);
    if (key && rule) out.set(key, [...(out.get(key) ?? []), rule]);
  }
  return out;
}

/**
 * Per total cell of a disaggregated count, the sum of its categories when it differs from the
 * total (or the total is empty): the breakdown must add up, as the server checks it.
 */
export function categoryMismatches(
  state: GridState,
  indicators: FormIndicator[],
): Map<string, { sum: number; total: number | null }> {
  const grid = gridValues(state, indicators);
  const out = new Map<string, { sum: number; total: number | null }>();
  for (const f of findValueProblems(indicators, [], grid.values)) {
    if (f.code !== 'totalMissing' && f.code !== 'sumMismatch') continue;
    const key = findingCell(grid, f);
    if (key) out.set(key, { sum: f.sum, total: f.code === 'sumMismatch' ? f.total : null });
  }
  return out;
}

/**
 * Required indicators with nothing filled (neither the total nor a category). The server's
 * rule (an accepted value) is the same once the grid can be saved: typed text that is not a
 * value is an error of its cell, which blocks saving and is shown rather than "required".
 */
export function missingRequired(state: GridState, indicators: FormIndicator[]): number[] {
  return indicators
    .filter((ind) => ind.required)
    .filter(
      (ind) =>
        !state.groups.some(
          (g) =>
            g.indicatorId === ind.indicatorId &&
            categoriesOf(ind).some((c) => (state.cells[cellKey(g.gid, c)] ?? '').trim() !== ''),
        ),
    )
    .map((ind) => ind.indicatorId);
}

/** Locations typed twice for one indicator (the second one is the duplicate). */
export function duplicateLocations(state: GridState): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const g of state.groups) {
    const id = `${g.indicatorId}\u0000${g.location.trim().toLocaleLowerCase('vi')}`;
    if (seen.has(id)) dup.add(g.gid);
    seen.add(id);
  }
  return dup;
}

/** The cell a server issue or value names, found by indicator, category and location. */
export function cellOf(state: GridState, v: { indicatorId: number; category: string; location: string }) {
  const g = state.groups.find((x) => x.indicatorId === v.indicatorId && x.location.trim() === v.location);
  return g ? cellKey(g.gid, v.category) : null;
}

/**
 * After a conflict: the latest report's grid with the cells the user changed laid over it
 * (matched by indicator, location and category; a location only the user has is added), and
 * the changed cells' keys in the new grid.
 */
export function mergeTouched(
  latest: GridState,
  mine: GridState,
  touched: ReadonlySet<string>,
): { grid: GridState; touched: Set<string> } {
  let out: GridState = { groups: [...latest.groups], cells: { ...latest.cells } };
  const keys = new Set<string>();
  for (const key of touched) {
    const [gid, category = ''] = key.split('|');
    const group = mine.groups.find((g) => g.gid === gid);
    if (!group) continue;
    let target = out.groups.find(
      (g) => g.indicatorId === group.indicatorId && g.location.trim() === group.location.trim(),
    );
    if (!target) {
      out = addGroup(out, group.indicatorId);
      const at = out.groups.findLastIndex((g) => g.indicatorId === group.indicatorId);
      target = { ...(out.groups[at] as Group), location: group.location };
      out.groups[at] = target;
    }
    const next = cellKey(target.gid, category);
    out.cells[next] = mine.cells[key] ?? '';
    keys.add(next);
  }
  return { grid: out, touched: keys };
}

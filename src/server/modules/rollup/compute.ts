import type { Aggregation } from '../../../contracts/indicators.ts';
import { locationKey } from '../../../contracts/text.ts';

// The roll-up arithmetic, pure (no database): folding one unit's approved values over time
// (by the indicator's aggTime) and adding them up the unit tree (by its aggUnits), with
// de-duplication by location. The rules, stated once (README "Tổng hợp số liệu"):
//
// Over time (one unit, one indicator / category / location, one window such as a year):
// - Only periods lying wholly inside the window count (a quarter inside its year…).
// - Nested periods never double count: the longest period wins the span it covers. A unit
//   with an approved annual report and quarterly reports for the same indicator counts the
//   annual figure; quarterly figures count only for quarters no longer period covers (a
//   half-year report covers its two quarters, the other half's quarters still count).
//   Two reports of the same period (two forms of one agreement): the later one counts.
// - sum adds the chosen periods; avg is their mean weighted by months (four quarters: the
//   plain mean); max / min; last = the value of the latest period; none = a value only when
//   one report covers exactly the window (an annual report for the year), otherwise nothing.
// - sum keeps the figures of each position in the tree apart (a unit moved mid-year adds
//   Q1–Q2 under its old parent, Q3–Q4 under the new one); the other rules describe the unit
//   over the whole window and are placed where the unit stood at its latest period.
//
// Over the unit tree (a node's value describes its whole subtree):
// - Without de-duplication, each unit first combines its own values (several locations) by
//   the rule, then: sum adds the units' values; avg is the mean of the units' values (every
//   reporting unit of the subtree counts once, not a mean of means); max / min; last = the
//   value with the latest period, ties → the unit nearest the node, then the larger value;
//   none = the node's own value only, and no agreement total.
// - With de-duplication by location (`dedupByLocation`), values carrying a location (xã,
//   compared by contracts/text.ts#locationKey) count once per location in every node and in
//   the agreement total: when a border post and an ethnic-affairs office both report the same
//   commune, the larger of their two figures counts. Values without a location are always
//   added (as their unit's value).

export interface TimeRule {
  aggTime: Aggregation;
}
export interface UnitRule {
  aggUnits: Aggregation;
  dedupByLocation: boolean;
}

// ---------------------------------------------------------------------------------------
// Over time

/** One approved value of a unit for one period. */
export interface PeriodValue {
  reportId: number;
  /** ISO dates of the report's period. */
  start: string;
  end: string;
  /** The unit's path in the tree during that period. */
  path: string;
  value: number;
  sample: boolean;
}

export interface FoldedValue {
  path: string;
  value: number;
  /** Reports whose figures make up the value. */
  reports: number;
  sample: boolean;
  /** End of the latest period behind the value. */
  asOf: string;
}

/** Calendar months a period spans ("2024-Q2": 3, "2024": 12, "2022-2025": 48). */
export function monthsOf(start: string, end: string): number {
  const m = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return m(end) - m(start) + 1;
}

const later = (a: PeriodValue, b: PeriodValue) =>
  b.end > a.end || (b.end === a.end && b.reportId > a.reportId);

/**
 * The periods that count when several overlap: longest first, then the later report; a
 * period overlapping one already chosen is dropped. Returned in time order.
 */
export function choosePeriods(values: PeriodValue[]): PeriodValue[] {
  const sorted = [...values].sort(
    (a, b) =>
      monthsOf(b.start, b.end) - monthsOf(a.start, a.end) ||
      b.end.localeCompare(a.end) ||
      b.reportId - a.reportId,
  );
  const chosen: PeriodValue[] = [];
  for (const v of sorted) {
    if (!chosen.some((c) => c.start <= v.end && v.start <= c.end)) chosen.push(v);
  }
  return chosen.sort((a, b) => a.start.localeCompare(b.start) || a.reportId - b.reportId);
}

/** One unit's values of one series folded over a window (none, one, or one per path for sum). */
export function foldOverTime(
  values: PeriodValue[],
  aggTime: Aggregation,
  window: { start: string; end: string },
): FoldedValue[] {
  const inside = values.filter((v) => v.start >= window.start && v.end <= window.end);
  if (inside.length === 0) return [];
  const chosen = choosePeriods(inside);
  if (aggTime === 'sum') {
    const byPath = new Map<string, FoldedValue>();
    for (const v of chosen) {
      const f = byPath.get(v.path);
      if (!f) byPath.set(v.path, { path: v.path, value: v.value, reports: 1, sample: v.sample, asOf: v.end });
      else {
        f.value += v.value;
        f.reports += 1;
        f.sample ||= v.sample;
        if (v.end > f.asOf) f.asOf = v.end;
      }
    }
    return [...byPath.values()];
  }
  const latest = chosen.reduce((a, b) => (later(a, b) ? b : a));
  let value: number | null;
  switch (aggTime) {
    case 'avg': {
      let weighted = 0;
      let months = 0;
      for (const v of chosen) {
        const m = monthsOf(v.start, v.end);
        weighted += v.value * m;
        months += m;
      }
      value = weighted / months;
      break;
    }
    case 'max':
      value = Math.max(...chosen.map((v) => v.value));
      break;
    case 'min':
      value = Math.min(...chosen.map((v) => v.value));
      break;
    case 'last':
      value = latest.value;
      break;
    default: {
      const only = chosen.length === 1 ? chosen[0] : undefined;
      value = only && only.start === window.start && only.end === window.end ? only.value : null;
    }
  }
  if (value === null) return [];
  return [
    {
      path: latest.path,
      value,
      reports: chosen.length,
      sample: chosen.some((v) => v.sample),
      asOf: latest.end,
    },
  ];
}

/** A raw approved value as read from report_values joined with its report. */
export interface RawValue {
  reportId: number;
  unitId: number;
  start: string;
  end: string;
  path: string;
  sample: boolean;
  indicatorId: number;
  category: string;
  location: string;
  value: number;
}

export interface FoldedRow extends FoldedValue {
  unitId: number;
  indicatorId: number;
  category: string;
  /** locationKey of the location. */
  location: string;
}

/**
 * Raw approved values of any units folded over a window, per unit, indicator, category and
 * location key. Within one report, two spellings of one location are one value (added, or
 * the larger when the indicator de-duplicates by location).
 */
export function foldRawValues(
  rows: RawValue[],
  window: { start: string; end: string },
  rules: (indicatorId: number) => { aggTime: Aggregation; dedupByLocation: boolean } | undefined,
): FoldedRow[] {
  const series = new Map<
    string,
    { unitId: number; indicatorId: number; category: string; location: string; values: PeriodValue[] }
  >();
  const inReport = new Map<string, PeriodValue>();
  for (const row of rows) {
    if (row.start < window.start || row.end > window.end) continue;
    const rule = rules(row.indicatorId);
    if (!rule) continue;
    const location = locationKey(row.location);
    const key = `${row.unitId}\u0000${row.indicatorId}\u0000${row.category}\u0000${location}`;
    let s = series.get(key);
    if (!s) {
      s = { unitId: row.unitId, indicatorId: row.indicatorId, category: row.category, location, values: [] };
      series.set(key, s);
    }
    const cell = `${key}\u0000${row.reportId}`;
    const same = inReport.get(cell);
    if (same) {
      same.value = rule.dedupByLocation ? Math.max(same.value, row.value) : same.value + row.value;
      continue;
    }
    const pv: PeriodValue = {
      reportId: row.reportId,
      start: row.start,
      end: row.end,
      path: row.path,
      value: row.value,
      sample: row.sample,
    };
    inReport.set(cell, pv);
    s.values.push(pv);
  }
  const out: FoldedRow[] = [];
  for (const s of series.values()) {
    const aggTime = rules(s.indicatorId)!.aggTime;
    for (const f of foldOverTime(s.values, aggTime, window)) {
      out.push({
        ...f,
        unitId: s.unitId,
        indicatorId: s.indicatorId,
        category: s.category,
        location: s.location,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Over the unit tree

export interface TreeNode {
  /** "/3/17/42/" (a display path: the tree of the period, re-rooted for the view). */
  path: string;
  unitId: number;
  /** Index of the parent node, -1 for a root. */
  parent: number;
  /** 0 for a root. */
  depth: number;
  children: number[];
}

export interface Tree {
  /** Parents always come before their children. */
  nodes: TreeNode[];
  index: Map<string, number>;
  roots: number[];
}

const segments = (path: string) => path.split('/').filter(Boolean);

/** The tree made of the given paths and every prefix of them. */
export function buildTree(paths: Iterable<string>): Tree {
  const tree: Tree = { nodes: [], index: new Map(), roots: [] };
  for (const path of paths) addPath(tree, path);
  return tree;
}

/** Adds a path (and its missing ancestors) to the tree; returns its node index. */
export function addPath(tree: Tree, path: string): number {
  const known = tree.index.get(path);
  if (known !== undefined) return known;
  const segs = segments(path);
  let parent = -1;
  let prefix = '/';
  for (let i = 0; i < segs.length; i++) {
    prefix += `${segs[i]}/`;
    let at = tree.index.get(prefix);
    if (at === undefined) {
      at = tree.nodes.length;
      tree.nodes.push({ path: prefix, unitId: Number(segs[i]), parent, depth: i, children: [] });
      tree.index.set(prefix, at);
      if (parent === -1) tree.roots.push(at);
      else tree.nodes[parent]!.children.push(at);
    }
    parent = at;
  }
  return parent;
}

/** A unit's folded value placed on a node of the tree. */
export interface NodeEntry {
  node: number;
  /** locationKey of the value's location, '' for none. */
  location: string;
  value: number;
  asOf: string;
  reports: number;
  sample: boolean;
}

export interface Aggregate {
  value: number | null;
  reports: number;
  sample: boolean;
}

interface Contribution {
  value: number;
  asOf: string;
  depth: number;
}

/** Values that carry a location, one per location (the larger, or the later for `last`). */
interface LocSet {
  map: Map<string, Contribution>;
  sum: number;
}

interface Acc {
  n: number;
  sum: number;
  max: number;
  min: number;
  last: Contribution | null;
  loc: LocSet | null;
  reports: number;
  sample: boolean;
}

const emptyAcc = (): Acc => ({
  n: 0,
  sum: 0,
  max: Number.NEGATIVE_INFINITY,
  min: Number.POSITIVE_INFINITY,
  last: null,
  loc: null,
  reports: 0,
  sample: false,
});

/** Whether `b` is the later value for `last` (then nearer the node, then larger). */
const laterContribution = (a: Contribution, b: Contribution) =>
  b.asOf > a.asOf || (b.asOf === a.asOf && (b.depth < a.depth || (b.depth === a.depth && b.value > a.value)));

function addContribution(acc: Acc, c: Contribution) {
  acc.n += 1;
  acc.sum += c.value;
  if (c.value > acc.max) acc.max = c.value;
  if (c.value < acc.min) acc.min = c.value;
  if (!acc.last || laterContribution(acc.last, c)) acc.last = c;
}

function putLocation(set: LocSet, key: string, c: Contribution, agg: Aggregation) {
  const old = set.map.get(key);
  if (!old) {
    set.map.set(key, c);
    set.sum += c.value;
  } else if (agg === 'last' ? laterContribution(old, c) : c.value > old.value) {
    set.map.set(key, c);
    set.sum += c.value - old.value;
  }
}

function mergeInto(parent: Acc, child: Acc, agg: Aggregation) {
  parent.n += child.n;
  parent.sum += child.sum;
  if (child.max > parent.max) parent.max = child.max;
  if (child.min < parent.min) parent.min = child.min;
  if (child.last && (!parent.last || laterContribution(parent.last, child.last))) parent.last = child.last;
  parent.reports += child.reports;
  parent.sample ||= child.sample;
  if (child.loc) {
    if (!parent.loc) parent.loc = child.loc;
    else {
      // Small into large: each location moves O(log n) times however deep the tree.
      let [big, small] = [parent.loc, child.loc];
      if (small.map.size > big.map.size) [big, small] = [small, big];
      for (const [k, c] of small.map) putLocation(big, k, c, agg);
      parent.loc = big;
    }
  }
}

function finalValue(acc: Acc, agg: Aggregation): number | null {
  const loc = acc.loc;
  const n = acc.n + (loc?.map.size ?? 0);
  if (n === 0) return null;
  switch (agg) {
    case 'sum':
      return acc.sum + (loc?.sum ?? 0);
    case 'avg':
      return (acc.sum + (loc?.sum ?? 0)) / n;
    case 'max': {
      let m = acc.max;
      if (loc) for (const c of loc.map.values()) if (c.value > m) m = c.value;
      return m;
    }
    case 'min': {
      let m = acc.min;
      if (loc) for (const c of loc.map.values()) if (c.value < m) m = c.value;
      return m;
    }
    case 'last': {
      let best = acc.last;
      if (loc) for (const c of loc.map.values()) if (!best || laterContribution(best, c)) best = c;
      return best ? best.value : null;
    }
    default:
      return null;
  }
}

/** One unit's own values (several locations) combined into the unit's value. */
function combineOwn(values: Contribution[], agg: Aggregation): Contribution | null {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0]!;
  const acc = emptyAcc();
  for (const c of values) addContribution(acc, c);
  const value = agg === 'none' ? null : finalValue(acc, agg);
  if (value === null) return null;
  let asOf = '';
  for (const c of values) if (c.asOf > asOf) asOf = c.asOf;
  return { value, asOf, depth: values[0]!.depth };
}

export interface TreeAggregate {
  /** Per node (same index as tree.nodes): its subtree's value, null when nothing reported. */
  nodes: Array<Aggregate | null>;
  /**
   * All roots together (the agreement's total), de-duplicated like any node — or, with
   * `separateRoots`, each root's de-duplicated values side by side (a location counted once
   * per root).
   */
  total: Aggregate | null;
}

export interface AggregateOptions {
  /**
   * The roots are independent (the agreements of a national total): locations are
   * de-duplicated within each root's subtree, never between roots, so the total of a sum is
   * the sum of the roots' values.
   */
  separateRoots?: boolean;
}

/** A root's de-duplicated locations become plain contributions (no merging with other roots). */
function settleLocations(acc: Acc) {
  if (!acc.loc) return;
  for (const c of acc.loc.map.values()) addContribution(acc, c);
  acc.loc = null;
}

/** Adds one indicator's entries up the tree by its rule. */
export function aggregateTree(
  tree: Tree,
  entries: NodeEntry[],
  rule: UnitRule,
  options: AggregateOptions = {},
): TreeAggregate {
  const agg = rule.aggUnits;
  const own = new Map<number, NodeEntry[]>();
  for (const e of entries) {
    const list = own.get(e.node);
    if (list) list.push(e);
    else own.set(e.node, [e]);
  }
  const out: Array<Aggregate | null> = new Array(tree.nodes.length).fill(null);
  const accs: Array<Acc | undefined> = new Array(tree.nodes.length);
  const total = emptyAcc();

  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    const node = tree.nodes[i]!;
    const mine = own.get(i) ?? [];
    let acc = accs[i];
    if (mine.length) {
      acc ??= emptyAcc();
      const loose: Contribution[] = [];
      let reports = 0;
      for (const e of mine) {
        const c = { value: e.value, asOf: e.asOf, depth: node.depth };
        if (rule.dedupByLocation && e.location !== '' && agg !== 'none') {
          acc.loc ??= { map: new Map(), sum: 0 };
          putLocation(acc.loc, e.location, c, agg);
        } else loose.push(c);
        if (e.reports > reports) reports = e.reports;
        acc.sample ||= e.sample;
      }
      // A unit's values for one indicator come from the same reports: count them once.
      acc.reports += reports;
      const unit = combineOwn(loose, agg);
      if (agg === 'none') {
        out[i] = unit ? { value: unit.value, reports, sample: acc.sample } : null;
        continue;
      }
      if (unit) addContribution(acc, unit);
    }
    if (agg === 'none' || !acc) continue;
    out[i] = { value: finalValue(acc, agg), reports: acc.reports, sample: acc.sample };
    if (node.parent >= 0) {
      const parentAcc = accs[node.parent];
      if (parentAcc) mergeInto(parentAcc, acc, agg);
      else accs[node.parent] = acc;
    } else {
      if (options.separateRoots) settleLocations(acc);
      mergeInto(total, acc, agg);
    }
    accs[i] = undefined;
  }
  const totalValue = agg === 'none' ? null : finalValue(total, agg);
  return {
    nodes: out,
    total:
      totalValue === null && total.reports === 0
        ? null
        : { value: totalValue, reports: total.reports, sample: total.sample },
  };
}

/**
 * Targets of the nodes: for an indicator summed over units, a node's target is the sum of
 * the targets set in its subtree (the agreement's: of every root); otherwise only a target
 * set on the node itself counts (the agreement's: the one root that has a target).
 */
export function treeTargets(
  tree: Tree,
  own: Map<number, number>,
  agg: Aggregation,
): { nodes: Array<number | null>; total: number | null } {
  const nodes: Array<number | null> = tree.nodes.map((_, i) => own.get(i) ?? null);
  if (agg !== 'sum') {
    const rootTargets = tree.roots.map((r) => nodes[r]).filter((t): t is number => t != null);
    return { nodes, total: rootTargets.length === 1 ? rootTargets[0]! : null };
  }
  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    const t = nodes[i] ?? null;
    const parent = tree.nodes[i]!.parent;
    if (t === null || parent < 0) continue;
    nodes[parent] = (nodes[parent] ?? 0) + t;
  }
  const rootTargets = tree.roots.map((r) => nodes[r]).filter((t): t is number => t != null);
  return { nodes, total: rootTargets.length ? rootTargets.reduce((a, b) => a + b, 0) : null };
}

/** actual / target × 100 with one decimal; null without a target (or a zero one). */
export function achievedPct(value: number | null, target: number | null): number | null {
  if (value === null || target === null || target === 0) return null;
  return Math.round((value / target) * 1000) / 10;
}

/**
 * Re-roots stored paths for a view: `prefixes` maps a unit id to the display path it starts
 * ("/5/" for a root; "/5/9/" to hang predecessor 9 under its successor 5). A stored path is
 * cut at its highest unit named in `prefixes` ("/1/5/17/" → "/5/17/"); a path naming none of
 * them is left out (null).
 */
export function viewPath(stored: string, prefixes: Map<number, string>): string | null {
  const segs = segments(stored);
  for (let i = 0; i < segs.length; i++) {
    const prefix = prefixes.get(Number(segs[i]));
    if (prefix === undefined) continue;
    const rest = segs.slice(i + 1);
    return rest.length ? `${prefix}${rest.join('/')}/` : prefix;
  }
  return null;
}

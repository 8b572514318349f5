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

/**
 * Values placed on a tree, column by column (index e is one value): the roll-up of a
 * province reads some 35,000 of them, so no object per value.
 */
export interface EntryColumns {
  /** Node of the tree (-1: not in the view, left out). */
  node: Int32Array;
  /** Location id (any integer naming one locationKey), 0 for none. */
  location: Int32Array;
  value: Float64Array;
  /** End of the latest period behind the value, any increasing day number. */
  asOf: Float64Array | Int32Array;
  reports: Int32Array;
  sample: Uint8Array;
}

/** Per node (same index as tree.nodes): its subtree's figures. */
export interface TreeFigures {
  /** NaN when the node has no value (nothing reported in its subtree, or `none` rules). */
  value: Float64Array;
  reports: Float64Array;
  /** 1 when sample data is behind the figure. */
  sample: Float64Array;
  /** All roots together (the agreement's total), de-duplicated like any node — see options. */
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

/** One value taking part in a node's figure: a unit's value, or a location's. */
interface Contribution {
  value: number;
  asOf: number;
  depth: number;
}

/** Values that carry a location, one per location (the larger, or the later for `last`). */
interface LocSet {
  map: Map<number, Contribution>;
  sum: number;
}

/** Whether `b` is the later value for `last` (then nearer the node, then larger). */
const laterContribution = (a: Contribution, b: Contribution) =>
  b.asOf > a.asOf || (b.asOf === a.asOf && (b.depth < a.depth || (b.depth === a.depth && b.value > a.value)));

function putLocation(set: LocSet, key: number, c: Contribution, agg: Aggregation) {
  const old = set.map.get(key);
  if (!old) {
    set.map.set(key, c);
    set.sum += c.value;
  } else if (agg === 'last' ? laterContribution(old, c) : c.value > old.value) {
    set.map.set(key, c);
    set.sum += c.value - old.value;
  }
}

/** Parent index and depth of each node, as typed arrays (recomputed when the tree grew). */
const shapes = new WeakMap<Tree, { parent: Int32Array; depth: Int32Array }>();
function shapeOf(tree: Tree) {
  let shape = shapes.get(tree);
  if (shape?.parent.length !== tree.nodes.length) {
    const n = tree.nodes.length;
    shape = { parent: new Int32Array(n), depth: new Int32Array(n) };
    for (let i = 0; i < n; i++) {
      const node = tree.nodes[i]!;
      shape.parent[i] = node.parent;
      shape.depth[i] = node.depth;
    }
    shapes.set(tree, shape);
  }
  return shape;
}

/**
 * A running aggregate of contributions per node (index n; index `size` is the total): count,
 * sum, max, min, the latest (for `last`), reports, sample, and the locations it counts once.
 */
class Accumulators {
  has: Uint8Array;
  n: Float64Array;
  sum: Float64Array;
  max: Float64Array;
  min: Float64Array;
  lastAsOf: Float64Array;
  lastDepth: Int32Array;
  lastValue: Float64Array;
  reports: Int32Array;
  sample: Uint8Array;
  loc: Array<LocSet | undefined>;

  constructor(capacity: number) {
    this.has = new Uint8Array(capacity);
    this.n = new Float64Array(capacity);
    this.sum = new Float64Array(capacity);
    this.max = new Float64Array(capacity);
    this.min = new Float64Array(capacity);
    this.lastAsOf = new Float64Array(capacity);
    this.lastDepth = new Int32Array(capacity);
    this.lastValue = new Float64Array(capacity);
    this.reports = new Int32Array(capacity);
    this.sample = new Uint8Array(capacity);
    this.loc = [];
  }

  /** Empties the first `size` accumulators for a new indicator. */
  reset(size: number) {
    this.has.fill(0, 0, size);
    this.n.fill(0, 0, size);
    this.sum.fill(0, 0, size);
    this.max.fill(Number.NEGATIVE_INFINITY, 0, size);
    this.min.fill(Number.POSITIVE_INFINITY, 0, size);
    this.lastAsOf.fill(Number.NEGATIVE_INFINITY, 0, size);
    this.lastDepth.fill(0, 0, size);
    this.lastValue.fill(0, 0, size);
    this.reports.fill(0, 0, size);
    this.sample.fill(0, 0, size);
    this.loc.length = 0;
    this.loc.length = size;
    return this;
  }

  add(i: number, value: number, asOf: number, depth: number) {
    this.n[i]! += 1;
    this.sum[i]! += value;
    if (value > this.max[i]!) this.max[i] = value;
    if (value < this.min[i]!) this.min[i] = value;
    this.offerLast(i, value, asOf, depth);
  }

  /** Keeps the value as the node's latest if it is later (then nearer the node, then larger). */
  offerLast(i: number, value: number, asOf: number, depth: number) {
    const la = this.lastAsOf[i]!;
    if (
      asOf > la ||
      (asOf === la &&
        (depth < this.lastDepth[i]! || (depth === this.lastDepth[i]! && value > this.lastValue[i]!)))
    ) {
      this.lastAsOf[i] = asOf;
      this.lastDepth[i] = depth;
      this.lastValue[i] = value;
    }
  }

  /** Adds everything of `from` into `to` (a child into its parent, a root into the total). */
  merge(to: number, from: number, agg: Aggregation, settleLocations: boolean) {
    this.has[to] = 1;
    this.n[to]! += this.n[from]!;
    this.sum[to]! += this.sum[from]!;
    if (this.max[from]! > this.max[to]!) this.max[to] = this.max[from]!;
    if (this.min[from]! < this.min[to]!) this.min[to] = this.min[from]!;
    if (this.lastAsOf[from]! > Number.NEGATIVE_INFINITY) {
      this.offerLast(to, this.lastValue[from]!, this.lastAsOf[from]!, this.lastDepth[from]!);
    }
    this.reports[to]! += this.reports[from]!;
    this.sample[to]! |= this.sample[from]!;
    const child = this.loc[from];
    if (!child) return;
    if (settleLocations) {
      for (const c of child.map.values()) this.add(to, c.value, c.asOf, c.depth);
      return;
    }
    const mine = this.loc[to];
    if (!mine) this.loc[to] = child;
    else {
      // Small into large: each location moves O(log n) times however deep the tree.
      let [big, small] = [mine, child];
      if (small.map.size > big.map.size) [big, small] = [small, big];
      for (const [k, c] of small.map) putLocation(big, k, c, agg);
      this.loc[to] = big;
    }
    this.loc[from] = undefined;
  }

  /** The node's figure by the rule over units (NaN: none). */
  value(i: number, agg: Aggregation): number {
    const loc = this.loc[i];
    const count = this.n[i]! + (loc?.map.size ?? 0);
    if (count === 0) return Number.NaN;
    switch (agg) {
      case 'sum':
        return this.sum[i]! + (loc?.sum ?? 0);
      case 'avg':
        return (this.sum[i]! + (loc?.sum ?? 0)) / count;
      case 'max': {
        let m = this.max[i]!;
        if (loc) for (const c of loc.map.values()) if (c.value > m) m = c.value;
        return m;
      }
      case 'min': {
        let m = this.min[i]!;
        if (loc) for (const c of loc.map.values()) if (c.value < m) m = c.value;
        return m;
      }
      case 'last': {
        let best: Contribution | null =
          this.lastAsOf[i]! > Number.NEGATIVE_INFINITY
            ? { value: this.lastValue[i]!, asOf: this.lastAsOf[i]!, depth: this.lastDepth[i]! }
            : null;
        if (loc) for (const c of loc.map.values()) if (!best || laterContribution(best, c)) best = c;
        return best ? best.value : Number.NaN;
      }
      default:
        return Number.NaN;
    }
  }
}

/**
 * Two sets of accumulators reused by every call (aggregateColumns runs to its end without
 * awaiting, so calls never overlap): a province's roll-up adds up 120 indicator-years, and
 * fresh arrays for each were most of its garbage.
 */
const workspaces: Accumulators[] = [];
function workspace(k: number, size: number): Accumulators {
  let w = workspaces[k];
  if (!w || w.has.length < size) {
    w = new Accumulators(Math.max(size, 2 * (w?.has.length ?? 0), 1024));
    workspaces[k] = w;
  }
  return w.reset(size);
}

/**
 * Adds one indicator's values up the tree by its rule over units: `entries` are indexes into
 * `cols` (the indicator's values). Each unit (node) first combines its own values without a
 * location (several locations of an indicator not de-duplicated) into the unit's value; values
 * with a location, when the indicator de-duplicates by location, count once per location in
 * every node. One pass over the values, one over the nodes (children before parents).
 */
export function aggregateColumns(
  tree: Tree,
  cols: EntryColumns,
  entries: ArrayLike<number>,
  rule: UnitRule,
  options: AggregateOptions = {},
): TreeFigures {
  const agg = rule.aggUnits;
  const dedup = rule.dedupByLocation && agg !== 'none';
  const size = tree.nodes.length;
  const { parent, depth } = shapeOf(tree);
  // The units' own values (without a location, or all of them when not de-duplicating).
  const own = workspace(0, size);
  // The nodes' subtrees, the total at index `size`.
  const acc = workspace(1, size + 1);
  const TOTAL = size;

  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    const i = cols.node[e]!;
    if (i < 0) continue;
    own.has[i] = 1;
    // A unit's values of one indicator come from the same reports: count them once.
    if (cols.reports[e]! > own.reports[i]!) own.reports[i] = cols.reports[e]!;
    own.sample[i]! |= cols.sample[e]!;
    const location = cols.location[e]!;
    if (dedup && location !== 0) {
      let set = acc.loc[i];
      if (!set) {
        set = { map: new Map(), sum: 0 };
        acc.loc[i] = set;
      }
      putLocation(set, location, { value: cols.value[e]!, asOf: cols.asOf[e]!, depth: depth[i]! }, agg);
      acc.has[i] = 1;
      continue;
    }
    // Same depth for all of a unit's values: the latest, then the larger, is its `last`.
    own.add(i, cols.value[e]!, cols.asOf[e]!, 0);
  }

  // The figures: one buffer, three views (value, reports, sample).
  const buffer = new Float64Array(3 * size);
  const value = buffer.subarray(0, size).fill(Number.NaN);
  const reports = buffer.subarray(size, 2 * size);
  const sample = buffer.subarray(2 * size);
  for (let i = size - 1; i >= 0; i--) {
    if (own.has[i]) {
      const count = own.n[i]!;
      if (agg === 'none') {
        // No adding up: a node shows its own single value only.
        if (count === 1) {
          value[i] = own.sum[i]!;
          reports[i] = own.reports[i]!;
          sample[i] = own.sample[i]!;
        }
        continue;
      }
      acc.has[i] = 1;
      acc.reports[i]! += own.reports[i]!;
      acc.sample[i]! |= own.sample[i]!;
      if (count > 0) {
        const unit = count === 1 ? own.sum[i]! : own.value(i, agg);
        acc.add(i, unit, own.lastAsOf[i]!, depth[i]!);
      }
    }
    if (agg === 'none' || !acc.has[i]) continue;
    value[i] = acc.value(i, agg);
    reports[i] = acc.reports[i]!;
    sample[i] = acc.sample[i]!;
    const p = parent[i]!;
    if (p >= 0) acc.merge(p, i, agg, false);
    else acc.merge(TOTAL, i, agg, options.separateRoots === true);
  }
  let total: Aggregate | null = null;
  if (agg !== 'none' && acc.has[TOTAL]) {
    const v = acc.value(TOTAL, agg);
    total = {
      value: Number.isNaN(v) ? null : v,
      reports: acc.reports[TOTAL]!,
      sample: acc.sample[TOTAL] === 1,
    };
  }
  return { value, reports, sample, total };
}

/** A node's figure as an object (null: no value). */
export function figureOf(f: TreeFigures, node: number): Aggregate | null {
  const v = f.value[node]!;
  return Number.isNaN(v) ? null : { value: v, reports: f.reports[node]!, sample: f.sample[node] === 1 };
}

/** Day number of an ISO date ("2024-12-31"), for comparing ends of periods. */
export const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

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

/** Adds one indicator's entries up the tree by its rule (aggregateColumns, with objects). */
export function aggregateTree(
  tree: Tree,
  entries: NodeEntry[],
  rule: UnitRule,
  options: AggregateOptions = {},
): TreeAggregate {
  const n = entries.length;
  const cols: EntryColumns = {
    node: new Int32Array(n),
    location: new Int32Array(n),
    value: new Float64Array(n),
    asOf: new Float64Array(n),
    reports: new Int32Array(n),
    sample: new Uint8Array(n),
  };
  const locations = new Map<string, number>([['', 0]]);
  const index = new Int32Array(n);
  entries.forEach((e, i) => {
    let location = locations.get(e.location);
    if (location === undefined) {
      location = locations.size;
      locations.set(e.location, location);
    }
    cols.node[i] = e.node;
    cols.location[i] = location;
    cols.value[i] = e.value;
    cols.asOf[i] = dayNumber(e.asOf);
    cols.reports[i] = e.reports;
    cols.sample[i] = e.sample ? 1 : 0;
    index[i] = i;
  });
  const f = aggregateColumns(tree, cols, index, rule, options);
  return { nodes: tree.nodes.map((_, i) => figureOf(f, i)), total: f.total };
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

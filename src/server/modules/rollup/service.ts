import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Period,
  parsePeriod,
  periodKeyOf,
  periodsBetween,
  samePeriodLastYear,
} from '../../../contracts/periods.ts';
import type { RollupOut, rollupQuery, trendQuery, trendSchema } from '../../../contracts/reports.ts';
import type { IndicatorTotal } from '../../../contracts/rollup.ts';
import type { Queryable } from '../../db/client.ts';
import { reportValueYears } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { pathInScope, scopePatterns } from '../access/scope.ts';
import { cached } from './cache.ts';
import {
  achievedPct,
  addPath,
  aggregateColumns,
  aggregateTree,
  buildTree,
  dayNumber,
  type EntryColumns,
  type FoldedRow,
  figureOf,
  foldRawValues,
  type NodeEntry,
  type Tree,
  type TreeFigures,
  treeTargets,
  viewPath,
} from './compute.ts';
import {
  agreementIndicators,
  agreementTargets,
  agreementYearRows,
  type IndicatorInfo,
  indicatorById,
  rawApprovedValues,
  type YearRow,
  yearColumns,
} from './data.ts';
import { addCounts, countsInWindow, exchangeMonthCounts } from './exchange.ts';
import { agreementAccess, agreementView, type UnitInfo, unitInfo, type View } from './view.ts';

// Roll-up of an agreement over the unit tree of a period (rules: compute.ts), its trend over
// periods, and the yearly total of one indicator over the actor's scope.

/** A unit's value of one indicator, folded over the period (a yearly row or a fold of raw values). */
type Entry = Pick<
  YearRow,
  'indicatorId' | 'unitId' | 'path' | 'location' | 'value' | 'reports' | 'sample' | 'asOf'
>;

export interface ResolvedPeriod extends Period {
  previous: Period | null;
}

/** The period of a roll-up: `period` (which must lie in `year`, unless a program phase) or the year. */
export function resolvePeriod(year: number, key?: string): ResolvedPeriod {
  const p = parsePeriod(key ?? String(year));
  if (!p) throw invalidField('period', 'Kỳ báo cáo không hợp lệ (ví dụ: 2024-05, 2024-Q2, 2024-H1, 2024)');
  if (p.kind !== 'phase' && p.year !== year) {
    throw invalidField('period', `${p.label} không thuộc năm ${year}.`);
  }
  const prevKey = samePeriodLastYear(p.key);
  return { ...p, previous: prevKey ? parsePeriod(prevKey) : null };
}

const window = (p: Period) => ({ start: p.start, end: p.end });
const lastYearOf = (p: Period) => Number(p.end.slice(0, 4));

/**
 * The values of a roll-up, column by column: each value's indicator, whether it belongs to the
 * period (1) or to the same period last year (0), its stored path (an index into `paths`) and
 * its figures.
 */
interface Loaded {
  indicators: IndicatorInfo[];
  length: number;
  indicatorId: Int32Array;
  current: Uint8Array;
  path: Int32Array;
  paths: string[];
  cols: Omit<EntryColumns, 'node'>;
}

/** The unit of a stored path: its last segment ("/3/17/42/" → 42). */
const unitOfPath = (path: string) => Number(path.slice(path.lastIndexOf('/', path.length - 2) + 1, -1));

/** Folded values (objects, from raw values) as columns. */
function columnsOf(current: Entry[], previous: Entry[]): Omit<Loaded, 'indicators'> {
  const n = current.length + previous.length;
  const out: Omit<Loaded, 'indicators'> = {
    length: n,
    indicatorId: new Int32Array(n),
    current: new Uint8Array(n),
    path: new Int32Array(n),
    paths: [],
    cols: {
      location: new Int32Array(n),
      value: new Float64Array(n),
      asOf: new Int32Array(n),
      reports: new Int32Array(n),
      sample: new Uint8Array(n),
    },
  };
  const paths = new Map<string, number>();
  const locations = new Map<string, number>([['', 0]]);
  const id = (ids: Map<string, number>, key: string, list?: string[]) => {
    let v = ids.get(key);
    if (v === undefined) {
      v = ids.size;
      ids.set(key, v);
      list?.push(key);
    }
    return v;
  };
  let i = 0;
  for (const [rows, isCurrent] of [
    [current, 1],
    [previous, 0],
  ] as const) {
    for (const r of rows) {
      out.indicatorId[i] = r.indicatorId;
      out.current[i] = isCurrent;
      out.path[i] = id(paths, r.path, out.paths);
      out.cols.location[i] = id(locations, r.location);
      out.cols.value[i] = r.value;
      out.cols.asOf[i] = dayNumber(r.asOf);
      out.cols.reports[i] = r.reports;
      out.cols.sample[i] = r.sample ? 1 : 0;
      i++;
    }
  }
  return out;
}

/** Values of the period (and of the same period last year) with the agreement's indicators. */
async function loadEntries(
  db: Queryable,
  agreementId: number,
  period: ResolvedPeriod,
  indicatorIds?: number[],
): Promise<Loaded> {
  const pick = (list: IndicatorInfo[]) =>
    indicatorIds ? list.filter((i) => indicatorIds.includes(i.indicatorId)) : list;
  if (period.kind === 'year') {
    // The fast path: the yearly rows kept at each approval (one primary-key range).
    const years = period.previous ? [period.year, period.previous.year] : [period.year];
    let [rows, indicators] = await Promise.all([
      yearColumns(
        db,
        and(
          eq(reportValueYears.agreementId, agreementId),
          inArray(reportValueYears.year, years),
          indicatorIds ? inArray(reportValueYears.indicatorId, indicatorIds) : undefined,
        )!,
      ),
      agreementIndicators(db, agreementId),
    ]);
    const known = new Set(indicators.map((i) => i.indicatorId));
    const extra = new Set<number>();
    for (const id of rows.indicatorId) if (!known.has(id)) extra.add(id);
    if (extra.size) indicators = await agreementIndicators(db, agreementId, [...extra]);
    const current = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) current[i] = rows.year[i] === period.year ? 1 : 0;
    return {
      indicators: pick(indicators),
      length: rows.length,
      indicatorId: rows.indicatorId,
      current,
      path: rows.path,
      paths: rows.paths,
      cols: rows,
    };
  }
  const windows = period.previous ? [window(period), window(period.previous)] : [window(period)];
  const one = indicatorIds?.length === 1 ? indicatorIds[0] : undefined;
  const [raw, counts] = await Promise.all([
    rawApprovedValues(db, agreementId, windows, one),
    exchangeMonthCounts(db, agreementId, windows, { indicatorId: one }),
  ]);
  const indicators = await agreementIndicators(db, agreementId, [...new Set(raw.map((r) => r.indicatorId))]);
  const rules = new Map(indicators.map((i) => [i.indicatorId, i]));
  // Exchange counts are added after folding: the longest period's rule never drops them.
  const fold = (w: { start: string; end: string }) =>
    addCounts(
      foldRawValues(raw, w, (id) => rules.get(id)),
      countsInWindow(counts, w),
    );
  return {
    indicators: pick(indicators),
    ...columnsOf(fold(windows[0]!), period.previous ? fold(windows[1]!) : []),
  };
}

export interface RollupResult {
  indicators: IndicatorInfo[];
  tree: Tree;
  current: Map<number, TreeFigures>;
  previous: Map<number, TreeFigures>;
  targets: Map<number, { nodes: Array<number | null>; total: number | null }>;
}

/**
 * Places every value on the tree of the view and adds it up, per indicator. Yearly roll-ups
 * are kept in memory until a change (cache.ts); `db` must then be the database, not a
 * transaction. The result is shared: read it, never change it.
 */
export function computeRollup(
  db: Queryable,
  agreementId: number,
  view: View,
  period: ResolvedPeriod,
  indicatorIds?: number[],
): Promise<RollupResult> {
  const compute = () => computeRollupNow(db, agreementId, view, period, indicatorIds);
  if (period.kind !== 'year') return compute();
  const key = [
    'rollup',
    agreementId,
    period.key,
    [...view.prefixes].sort((a, b) => a[0] - b[0]),
    view.fallbackToUnit,
    indicatorIds ?? null,
  ];
  return cached(db, key, compute, (r) => r.tree.nodes.length * Math.max(1, r.indicators.length));
}

async function computeRollupNow(
  db: Queryable,
  agreementId: number,
  view: View,
  period: ResolvedPeriod,
  indicatorIds?: number[],
): Promise<RollupResult> {
  const fromYear = period.year;
  const toYear = lastYearOf(period);
  const [loaded, targetRows] = await Promise.all([
    loadEntries(db, agreementId, period, indicatorIds),
    agreementTargets(db, agreementId, fromYear, toYear, indicatorIds),
  ]);
  const { indicators } = loaded;
  const tree = buildTree([]);
  const placed = new Map<string, number>();
  const place = (path: string, unitId: number) => {
    const known = placed.get(path);
    if (known !== undefined) return known;
    let p = viewPath(path, view.prefixes);
    if (p === null && view.fallbackToUnit) p = `/${unitId}/`;
    const node = p === null ? -1 : addPath(tree, p);
    placed.set(path, node);
    return node;
  };
  // Many values share a stored path (every indicator of a unit): place each path once.
  const pathNode = Int32Array.from(loaded.paths, (p) => place(p, unitOfPath(p)));
  const n = loaded.length;
  const cols: EntryColumns = { ...loaded.cols, node: new Int32Array(n) };
  for (let i = 0; i < n; i++) cols.node[i] = pathNode[loaded.path[i]!]!;

  // The values of each indicator and year, as runs of one index array (a counting sort).
  const slot = new Map(indicators.map((ind, k) => [ind.indicatorId, k]));
  const groupOf = new Int32Array(n);
  const starts = new Int32Array(2 * indicators.length + 1);
  for (let i = 0; i < n; i++) {
    const k = slot.get(loaded.indicatorId[i]!);
    const g = k === undefined ? -1 : 2 * k + (loaded.current[i] ? 0 : 1);
    groupOf[i] = g;
    if (g >= 0) starts[g + 1]! += 1;
  }
  for (let g = 1; g < starts.length; g++) starts[g]! += starts[g - 1]!;
  const order = new Int32Array(starts[starts.length - 1]!);
  const fill = starts.slice(0, -1);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    if (g >= 0) order[fill[g]!++] = i;
  }

  // A target belongs to the unit's node in this tree (where it reported; if it moved within
  // the period, the node of its present position when it has one), or to a node added at the
  // unit's present position when it reported nothing.
  const unitNodes = new Map<number, number[]>();
  tree.nodes.forEach((node, i) => {
    const list = unitNodes.get(node.unitId);
    if (list) list.push(i);
    else unitNodes.set(node.unitId, [i]);
  });
  const rules = new Map(indicators.map((i) => [i.indicatorId, i]));
  const ownTargets = new Map<number, Map<number, number>>();
  for (const t of targetRows) {
    const rule = rules.get(t.indicatorId);
    // Several years (a program phase) add up only for values added up over time.
    if (!rule || (toYear > fromYear && rule.aggTime !== 'sum')) continue;
    const existing = unitNodes.get(t.unitId);
    let node: number;
    if (existing?.length) {
      const present = viewPath(t.path, view.prefixes);
      node = existing.find((i) => tree.nodes[i]!.path === present) ?? existing[0]!;
    } else node = place(t.path, t.unitId);
    if (node < 0) continue;
    let m = ownTargets.get(t.indicatorId);
    if (!m) {
      m = new Map();
      ownTargets.set(t.indicatorId, m);
    }
    m.set(node, (m.get(node) ?? 0) + t.value);
  }

  const result: RollupResult = {
    indicators,
    tree,
    current: new Map(),
    previous: new Map(),
    targets: new Map(),
  };
  indicators.forEach((ind, k) => {
    const id = ind.indicatorId;
    const run = (g: number) => order.subarray(starts[g]!, starts[g + 1]!);
    result.current.set(id, aggregateColumns(tree, cols, run(2 * k), ind));
    result.previous.set(id, aggregateColumns(tree, cols, run(2 * k + 1), ind));
    result.targets.set(id, treeTargets(tree, ownTargets.get(id) ?? new Map(), ind.aggUnits));
  });
  return result;
}

/** The roll-up's figures of one indicator at a node (-1: the view's total). */
export function figureAt(r: RollupResult, indicatorId: number, node: number) {
  const cur = r.current.get(indicatorId);
  const prev = r.previous.get(indicatorId);
  const tgt = r.targets.get(indicatorId);
  const a = !cur ? null : node < 0 ? cur.total : figureOf(cur, node);
  const p = !prev ? null : node < 0 ? prev.total : figureOf(prev, node);
  const value = a?.value ?? null;
  const target = (node < 0 ? tgt?.total : tgt?.nodes[node]) ?? null;
  return {
    indicatorId,
    value,
    target,
    achievedPct: achievedPct(value, target),
    previousYear: p?.value ?? null,
    reports: a?.reports ?? 0,
    sample: a?.sample ?? false,
  };
}

const strip = ({ sample: _s, ...f }: ReturnType<typeof figureAt>) => f;

/** Nodes of the tree down to `depth`, parents first, siblings by name (Vietnamese order). */
export function listedNodes(tree: Tree, depth: number, names: Map<number, UnitInfo>): number[] {
  const order: number[] = [];
  const byName = (a: number, b: number) =>
    (names.get(tree.nodes[a]!.unitId)?.name ?? '').localeCompare(
      names.get(tree.nodes[b]!.unitId)?.name ?? '',
      'vi',
    );
  const stack = [...tree.roots].sort(byName).reverse();
  while (stack.length) {
    const i = stack.pop()!;
    order.push(i);
    const node = tree.nodes[i]!;
    if (node.depth < depth) stack.push(...[...node.children].sort(byName).reverse());
  }
  return order;
}

type RollupQuery = z.infer<typeof rollupQuery>;

/** GET /api/agreements/:id/rollup */
export async function agreementRollup(
  db: Queryable,
  actor: Actor,
  agreementId: number,
  q: RollupQuery,
): Promise<RollupOut> {
  const access = await agreementAccess(db, actor, agreementId);
  const period = resolvePeriod(q.year, q.period);
  const view = await agreementView(db, actor, access, q.unitId);
  const computed = await computeRollup(
    db,
    agreementId,
    view,
    period,
    q.indicatorId ? [q.indicatorId] : undefined,
  );
  let r = computed;
  if (q.indicatorId && r.indicators.length === 0) {
    const ind = await indicatorById(db, q.indicatorId);
    if (!ind) throw notFound();
    r = { ...computed, indicators: [ind] };
  }
  const shown = r.tree.nodes.filter((n) => n.depth <= q.depth).map((n) => n.unitId);
  const names = await unitInfo(db, [...new Set(shown)]);
  let sample = false;
  const nodes = listedNodes(r.tree, q.depth, names).map((i) => {
    const node = r.tree.nodes[i]!;
    const unit = names.get(node.unitId) ?? { id: node.unitId, name: '', shortName: null, closed: false };
    const values = r.indicators
      .map((ind) => figureAt(r, ind.indicatorId, i))
      .filter((f) => f.value !== null || f.target !== null || f.previousYear !== null);
    sample ||= values.some((f) => f.sample);
    return {
      unit: {
        ...unit,
        parentId: node.parent >= 0 ? r.tree.nodes[node.parent]!.unitId : null,
      },
      depth: node.depth,
      hasChildren: node.children.length > 0,
      values: values.map(strip),
    };
  });
  const totals = access.limited ? [] : r.indicators.map((ind) => figureAt(r, ind.indicatorId, -1));
  sample ||= totals.some((f) => f.sample);
  return {
    agreementId,
    period: period.key,
    periodLabel: period.label,
    indicators: r.indicators,
    totals: totals.map(strip),
    nodes,
    sample,
    limited: access.limited,
  };
}

const MAX_TREND_POINTS = 240;

/** GET /api/agreements/:id/trend: the view's total of one indicator period by period. */
export async function agreementTrend(
  db: Queryable,
  actor: Actor,
  agreementId: number,
  q: z.infer<typeof trendQuery>,
): Promise<z.infer<typeof trendSchema>> {
  return (await trendWithContext(db, actor, agreementId, q)).trend;
}

/** The trend with what its XLSX names: the indicator, the agreement, whether sample data is in. */
export interface TrendWithContext {
  trend: z.infer<typeof trendSchema>;
  indicator: IndicatorInfo;
  agreementSubject: string;
  /** No unit picked and the actor sees only the units of their scope. */
  limited: boolean;
  sample: boolean;
}

/** The trend (same access and answer as GET /trend) and its context, for trend.xlsx. */
export async function trendWithContext(
  db: Queryable,
  actor: Actor,
  agreementId: number,
  q: z.infer<typeof trendQuery>,
): Promise<TrendWithContext> {
  const access = await agreementAccess(db, actor, agreementId);
  if (q.toYear < q.fromYear) throw invalidField('toYear', 'Năm cuối phải từ năm đầu trở đi.');
  const keys = periodsBetween(q.frequency, q.fromYear, q.toYear);
  if (keys.length > MAX_TREND_POINTS) {
    throw invalidField('toYear', `Tối đa ${MAX_TREND_POINTS} kỳ trên một biểu đồ; hãy thu hẹp khoảng năm.`);
  }
  const view = await agreementView(db, actor, access, q.unitId);
  const indicator = (await agreementIndicators(db, agreementId, [q.indicatorId])).find(
    (i) => i.indicatorId === q.indicatorId,
  );
  if (!indicator) throw notFound();
  const periods = keys.map((k) => parsePeriod(k)!);

  // Each period's values: the yearly rows, or the raw values of the reports inside it.
  const perPeriod = new Map<string, Entry[]>(keys.map((k) => [k, []]));
  if (q.frequency === 'year') {
    const rows = await agreementYearRows(db, agreementId, keys.map(Number), [q.indicatorId]);
    for (const r of rows) perPeriod.get(String(r.year))?.push(r);
  } else {
    const range = [{ start: periods[0]!.start, end: periods.at(-1)!.end }];
    const [raw, counts] = await Promise.all([
      rawApprovedValues(db, agreementId, range, q.indicatorId),
      exchangeMonthCounts(db, agreementId, range, { indicatorId: q.indicatorId }),
    ]);
    const buckets = new Map<string, typeof raw>();
    for (const row of raw) {
      const key = periodKeyOf(q.frequency, row.start);
      const p = parsePeriod(key);
      if (!p || row.end > p.end) continue; // a longer period does not fit in one point
      const list = buckets.get(key);
      if (list) list.push(row);
      else buckets.set(key, [row]);
    }
    for (const p of periods) {
      const rows = buckets.get(p.key);
      const added = countsInWindow(counts, window(p));
      if (!rows && added.length === 0) continue;
      const folded: FoldedRow[] = addCounts(
        foldRawValues(rows ?? [], window(p), () => indicator),
        added,
      );
      perPeriod.set(p.key, folded);
    }
  }
  let sample = false;
  const points = periods.map((p) => {
    const tree = buildTree([]);
    const entries: NodeEntry[] = [];
    for (const r of perPeriod.get(p.key) ?? []) {
      let path = viewPath(r.path, view.prefixes);
      if (path === null && view.fallbackToUnit) path = `/${r.unitId}/`;
      if (path === null) continue;
      entries.push({
        node: addPath(tree, path),
        location: r.location,
        value: r.value,
        asOf: r.asOf,
        reports: r.reports,
        sample: r.sample,
      });
    }
    const agg = aggregateTree(tree, entries, indicator);
    sample ||= agg.total?.sample ?? false;
    return { period: p.key, label: p.label, value: agg.total?.value ?? null };
  });
  return {
    trend: { indicatorId: q.indicatorId, points },
    indicator,
    agreementSubject: access.row.subject,
    limited: access.limited && !q.unitId,
    sample,
  };
}

/**
 * GET /api/indicators/:id/total: the yearly total of one indicator over every agreement, for
 * the units in the actor's scope (system-wide: national). De-duplication by location applies
 * within one agreement (its parties counting the same commune); the agreements are then put
 * side by side: for a sum, the total is the sum of the agreements' own totals (two communes
 * of the same name in two provinces both count; a unit reporting under two agreements counts
 * in each); avg / max / min / last take the agreements' unit contributions by the indicator's
 * rule over units.
 */
export async function indicatorTotal(
  db: Queryable,
  actor: Actor,
  indicatorId: number,
  year: number,
): Promise<IndicatorTotal> {
  const { all, paths } = scopePatterns(actor);
  return cached(db, ['total', indicatorId, year, all ? null : [...paths].sort()], () =>
    indicatorTotalNow(db, actor, indicatorId, year),
  );
}

async function indicatorTotalNow(
  db: Queryable,
  actor: Actor,
  indicatorId: number,
  year: number,
): Promise<IndicatorTotal> {
  const indicator = await indicatorById(db, indicatorId);
  if (!indicator) throw notFound();
  const { all } = scopePatterns(actor);
  const rows = await yearColumns(
    db,
    and(
      eq(reportValueYears.indicatorId, indicatorId),
      inArray(reportValueYears.year, [year, year - 1]),
      all ? undefined : pathInScope(actor, reportValueYears.unitPath),
    )!,
    true,
  );
  const unitOf = rows.paths.map(unitOfPath);
  // A flat tree: one root per agreement, each unit position of it one child (one contribution).
  const totalOf = (y: number) => {
    const tree = buildTree([]);
    const nodeOf = new Map<number, number>();
    const rootOf = new Map<number, number>();
    const unitIds = new Set<number>();
    const entries: number[] = [];
    const node = new Int32Array(rows.length).fill(-1);
    for (let i = 0; i < rows.length; i++) {
      if (rows.year[i] !== y) continue;
      const agreementId = rows.agreementId[i]!;
      const key = agreementId * rows.paths.length + rows.path[i]!;
      let at = nodeOf.get(key);
      if (at === undefined) {
        let root = rootOf.get(agreementId);
        if (root === undefined) {
          root = tree.nodes.length;
          tree.nodes.push({ path: `${agreementId}|`, unitId: 0, parent: -1, depth: 0, children: [] });
          tree.roots.push(root);
          rootOf.set(agreementId, root);
        }
        at = tree.nodes.length;
        const unitId = unitOf[rows.path[i]!]!;
        tree.nodes.push({ path: `${key}`, unitId, parent: root, depth: 1, children: [] });
        tree.nodes[root]!.children.push(at);
        nodeOf.set(key, at);
        unitIds.add(unitId);
      }
      node[i] = at;
      entries.push(i);
    }
    const agg = aggregateColumns(tree, { ...rows, node }, entries, indicator, { separateRoots: true });
    return {
      value: agg.total?.value ?? null,
      sample: agg.total?.sample ?? false,
      reports: agg.total?.reports ?? 0,
      units: unitIds.size,
      agreements: rootOf.size,
    };
  };
  const current = totalOf(year);
  const previous = totalOf(year - 1);
  return {
    indicatorId,
    code: indicator.code,
    name: indicator.name,
    uom: indicator.uom,
    aggUnits: indicator.aggUnits,
    year,
    scope: all ? 'national' : 'mine',
    value: current.value,
    previousYear: previous.value,
    reports: current.reports,
    units: current.units,
    agreements: current.agreements,
    sample: current.sample,
  };
}

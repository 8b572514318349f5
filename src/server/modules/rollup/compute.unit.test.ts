import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../contracts/periods.ts';
import { locationKey } from '../../../contracts/text.ts';
import {
  achievedPct,
  aggregateColumns,
  aggregateTree,
  buildTree,
  choosePeriods,
  type EntryColumns,
  figureOf,
  foldOverTime,
  monthsOf,
  type NodeEntry,
  type PeriodValue,
  treeTargets,
  viewPath,
} from './compute.ts';

let nextId = 1;
/** A value of a period key ("2024-Q1") at a path. */
const pv = (period: string, value: number, path = '/1/2/', over: Partial<PeriodValue> = {}): PeriodValue => {
  const p = parsePeriod(period)!;
  return { reportId: nextId++, start: p.start, end: p.end, path, value, sample: false, ...over };
};
const YEAR_2024 = { start: '2024-01-01', end: '2024-12-31' };
const values = (folded: { value: number }[]) => folded.map((f) => f.value);

describe('folding a unit’s values over time', () => {
  it('counts months of a period', () => {
    expect(monthsOf('2024-04-01', '2024-06-30')).toBe(3);
    expect(monthsOf('2024-01-01', '2024-12-31')).toBe(12);
    expect(monthsOf('2022-01-01', '2025-12-31')).toBe(48);
  });

  it('adds four quarters into the year (sum)', () => {
    const f = foldOverTime(
      [pv('2024-Q1', 10), pv('2024-Q2', 20), pv('2024-Q3', 30), pv('2024-Q4', 40)],
      'sum',
      YEAR_2024,
    );
    expect(f).toEqual([{ path: '/1/2/', value: 100, reports: 4, sample: false, asOf: '2024-12-31' }]);
  });

  it('leaves out periods outside the window', () => {
    const f = foldOverTime([pv('2023-Q4', 99), pv('2024-Q1', 10), pv('2025-01', 7)], 'sum', YEAR_2024);
    expect(values(f)).toEqual([10]);
  });

  it('lets the annual report win over quarters it covers (no double count)', () => {
    const f = foldOverTime([pv('2024-Q1', 10), pv('2024', 120), pv('2024-Q2', 20)], 'sum', YEAR_2024);
    expect(f).toEqual([{ path: '/1/2/', value: 120, reports: 1, sample: false, asOf: '2024-12-31' }]);
  });

  it('counts a half-year for its quarters and the other quarters still count', () => {
    // H1 50 covers Q1 and Q2; Q3 30 is outside it: 50 + 30.
    const f = foldOverTime(
      [pv('2024-Q1', 10), pv('2024-Q2', 20), pv('2024-H1', 50), pv('2024-Q3', 30)],
      'sum',
      YEAR_2024,
    );
    expect(values(f)).toEqual([80]);
  });

  it('lets a quarter win over its months; other months still count', () => {
    const f = foldOverTime(
      [pv('2024-01', 5), pv('2024-02', 6), pv('2024-Q1', 20), pv('2024-04', 7)],
      'sum',
      YEAR_2024,
    );
    expect(values(f)).toEqual([27]);
    expect(choosePeriods([pv('2024-01', 5), pv('2024-Q1', 20)]).map((v) => v.value)).toEqual([20]);
  });

  it('takes the later of two reports for the same period', () => {
    const first = pv('2024-Q1', 10);
    const second = pv('2024-Q1', 12);
    expect(values(foldOverTime([second, first], 'sum', YEAR_2024))).toEqual([12]);
  });

  it('averages periods weighted by months (avg)', () => {
    expect(
      values(
        foldOverTime(
          [pv('2024-Q1', 10), pv('2024-Q2', 20), pv('2024-Q3', 30), pv('2024-Q4', 40)],
          'avg',
          YEAR_2024,
        ),
      ),
    ).toEqual([25]);
    // (10×3 + 20×3 + 60×6) / 12 = 37.5
    expect(
      values(foldOverTime([pv('2024-Q1', 10), pv('2024-Q2', 20), pv('2024-H2', 60)], 'avg', YEAR_2024)),
    ).toEqual([37.5]);
  });

  it('takes max, min and the latest period (last)', () => {
    const qs = () => [pv('2024-Q1', 17), pv('2024-Q3', 12), pv('2024-Q2', 25)];
    expect(values(foldOverTime(qs(), 'max', YEAR_2024))).toEqual([25]);
    expect(values(foldOverTime(qs(), 'min', YEAR_2024))).toEqual([12]);
    expect(foldOverTime(qs(), 'last', YEAR_2024)).toEqual([
      { path: '/1/2/', value: 12, reports: 3, sample: false, asOf: '2024-09-30' },
    ]);
  });

  it('gives no yearly value for "none" unless one report covers the whole year', () => {
    expect(foldOverTime([pv('2024-Q1', 1), pv('2024-Q2', 2)], 'none', YEAR_2024)).toEqual([]);
    expect(values(foldOverTime([pv('2024', 9)], 'none', YEAR_2024))).toEqual([9]);
    expect(
      values(foldOverTime([pv('2024-Q2', 2)], 'none', { start: '2024-04-01', end: '2024-06-30' })),
    ).toEqual([2]);
  });

  it('keeps a moved unit’s sums apart by position; other rules go where it stood last', () => {
    const moved = () => [
      pv('2024-Q1', 10, '/1/2/9/'),
      pv('2024-Q2', 20, '/1/2/9/'),
      pv('2024-Q3', 30, '/1/3/9/'),
    ];
    expect(foldOverTime(moved(), 'sum', YEAR_2024)).toEqual([
      { path: '/1/2/9/', value: 30, reports: 2, sample: false, asOf: '2024-06-30' },
      { path: '/1/3/9/', value: 30, reports: 1, sample: false, asOf: '2024-09-30' },
    ]);
    expect(foldOverTime(moved(), 'last', YEAR_2024)).toEqual([
      { path: '/1/3/9/', value: 30, reports: 3, sample: false, asOf: '2024-09-30' },
    ]);
  });

  it('marks the result sample when any period behind it is sample data', () => {
    const f = foldOverTime([pv('2024-Q1', 1), pv('2024-Q2', 2, '/1/2/', { sample: true })], 'sum', YEAR_2024);
    expect(f[0]!.sample).toBe(true);
  });
});

// The tree of the tests: Bộ Chỉ huy BĐBP tỉnh (1) with border posts 2 and 3; Ban Dân tộc
// tỉnh (4), the other party, with its office 5.
const tree = () => buildTree(['/1/2/', '/1/3/', '/4/5/']);
const at = (t: ReturnType<typeof tree>, path: string) => t.index.get(path)!;

function entries(t: ReturnType<typeof tree>, list: Array<[string, number, string?, string?]>): NodeEntry[] {
  return list.map(([path, value, location = '', asOf = '2024-12-31']) => ({
    node: at(t, path),
    location: locationKey(location),
    value,
    asOf,
    reports: 1,
    sample: false,
  }));
}
const valueAt = (r: ReturnType<typeof aggregateTree>, t: ReturnType<typeof tree>, path: string) =>
  r.nodes[at(t, path)]?.value ?? null;

describe('adding up the unit tree', () => {
  it('builds parents before children, with depth and roots', () => {
    const t = tree();
    expect(t.nodes.map((n) => n.path)).toEqual(['/1/', '/1/2/', '/1/3/', '/4/', '/4/5/']);
    expect(t.roots.map((r) => t.nodes[r]!.unitId)).toEqual([1, 4]);
    expect(t.nodes[at(t, '/4/5/')]!).toMatchObject({ unitId: 5, depth: 1, parent: at(t, '/4/') });
  });

  // Post 2 and office 5 both report Xã Tả Gia Khâu; post 3 reports Xã Y Tý; office 5 also
  // has a figure without a location.
  const commune = (t: ReturnType<typeof tree>, officeFigure: number) =>
    entries(t, [
      ['/1/2/', 30, 'Xã Tả Gia Khâu'],
      ['/1/3/', 20, 'Xã Y Tý'],
      ['/4/5/', officeFigure, ' XÃ  TẢ GIA KHÂU '],
      ['/4/5/', 5],
    ]);

  it('counts a commune reported by two parties once (the larger figure) when de-duplicating', () => {
    const t = tree();
    const r = aggregateTree(t, commune(t, 25), { aggUnits: 'sum', dedupByLocation: true });
    expect(valueAt(r, t, '/1/')).toBe(50); // 30 + 20
    expect(valueAt(r, t, '/4/')).toBe(30); // 25 + 5
    expect(r.total?.value).toBe(55); // Tả Gia Khâu max(30, 25) + Y Tý 20 + 5 without location
    const larger = aggregateTree(t, commune(t, 40), { aggUnits: 'sum', dedupByLocation: true });
    expect(larger.total?.value).toBe(65); // max(30, 40) + 20 + 5
  });

  it('de-duplicates within each root only when the roots are independent (a national total)', () => {
    // Two agreements (roots 1 and 4) each count a commune named Tả Gia Khâu: two places.
    const t = tree();
    const e = entries(t, [
      ['/1/2/', 30, 'Xã Tả Gia Khâu'],
      ['/1/3/', 10, 'Xã Tả Gia Khâu'],
      ['/4/5/', 25, 'Xã Tả Gia Khâu'],
    ]);
    const rule = { aggUnits: 'sum', dedupByLocation: true } as const;
    expect(aggregateTree(t, e, rule).total?.value).toBe(30);
    const separate = aggregateTree(t, e, rule, { separateRoots: true });
    expect(separate.total?.value).toBe(55); // 30 (max within root 1) + 25
    expect(valueAt(separate, t, '/1/')).toBe(30);
    const avg = aggregateTree(t, e, { aggUnits: 'avg', dedupByLocation: true }, { separateRoots: true });
    expect(avg.total?.value).toBe(27.5);
  });

  it('keeps two communes whose names differ only by diacritics apart', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/2/', 12, 'Xã Kỳ Quảng'],
      ['/4/5/', 7, 'xã kỳ quang'],
      ['/4/5/', 9, 'XÃ KỲ QUẢNG'],
    ]);
    const r = aggregateTree(t, e, { aggUnits: 'sum', dedupByLocation: true });
    expect(r.total?.value).toBe(19); // Kỳ Quảng max(12, 9) + Kỳ Quang 7
  });

  it('adds every figure when the indicator does not de-duplicate', () => {
    const t = tree();
    const r = aggregateTree(t, commune(t, 25), { aggUnits: 'sum', dedupByLocation: false });
    expect(valueAt(r, t, '/1/')).toBe(50);
    expect(valueAt(r, t, '/4/5/')).toBe(30);
    expect(r.total?.value).toBe(80); // 30 + 20 + 25 + 5
  });

  it('de-duplicates within one party too (two posts reporting the same commune)', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/2/', 12, 'Bản Lầu'],
      ['/1/3/', 8, 'BẢN LẦU'],
      ['/1/3/', 4, 'Mường Khương'],
    ]);
    const r = aggregateTree(t, e, { aggUnits: 'sum', dedupByLocation: true });
    expect(valueAt(r, t, '/1/3/')).toBe(12);
    expect(valueAt(r, t, '/1/')).toBe(16); // 12 + 4
  });

  it('averages the units’ values of the subtree (not a mean of means)', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/', 30],
      ['/1/2/', 10],
      ['/1/3/', 20],
      ['/4/5/', 40],
    ]);
    const r = aggregateTree(t, e, { aggUnits: 'avg', dedupByLocation: false });
    expect(valueAt(r, t, '/1/')).toBe(20); // (30 + 10 + 20) / 3
    expect(valueAt(r, t, '/4/')).toBe(40);
    expect(r.total?.value).toBe(25); // (30 + 10 + 20 + 40) / 4
  });

  it('first combines a unit’s own locations, then averages units', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/2/', 10, 'A'],
      ['/1/2/', 30, 'B'],
      ['/1/3/', 50],
    ]);
    const r = aggregateTree(t, e, { aggUnits: 'avg', dedupByLocation: false });
    expect(valueAt(r, t, '/1/2/')).toBe(20);
    expect(valueAt(r, t, '/1/')).toBe(35); // (20 + 50) / 2
  });

  it('takes max and min over the subtree', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/2/', 10],
      ['/1/3/', 20],
      ['/4/5/', 5],
    ]);
    expect(aggregateTree(t, e, { aggUnits: 'max', dedupByLocation: false }).total?.value).toBe(20);
    const min = aggregateTree(t, e, { aggUnits: 'min', dedupByLocation: false });
    expect(valueAt(min, t, '/1/')).toBe(10);
    expect(min.total?.value).toBe(5);
  });

  it('takes the latest value (last), nearest the node on a tie', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/2/', 7, '', '2024-12-31'],
      ['/1/3/', 9, '', '2024-09-30'],
      ['/4/', 3, '', '2024-06-30'],
    ]);
    const r = aggregateTree(t, e, { aggUnits: 'last', dedupByLocation: false });
    expect(valueAt(r, t, '/1/')).toBe(7);
    expect(r.total?.value).toBe(7);
    const tie = entries(t, [
      ['/1/', 4, '', '2024-12-31'],
      ['/1/2/', 7, '', '2024-12-31'],
    ]);
    expect(
      aggregateTree(t, tie, { aggUnits: 'last', dedupByLocation: false }).nodes[at(t, '/1/')]?.value,
    ).toBe(4);
  });

  it('does not add up "none" indicators: each node keeps its own value, no total', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/', 5],
      ['/1/2/', 3],
    ]);
    const r = aggregateTree(t, e, { aggUnits: 'none', dedupByLocation: false });
    expect(valueAt(r, t, '/1/')).toBe(5);
    expect(valueAt(r, t, '/1/2/')).toBe(3);
    expect(valueAt(r, t, '/1/3/')).toBeNull();
    expect(r.total).toBeNull();
  });

  it('counts a unit’s reports once however many locations it reports', () => {
    const t = tree();
    const e = entries(t, [
      ['/1/2/', 1, 'A'],
      ['/1/2/', 2, 'B'],
      ['/1/2/', 3, 'C'],
      ['/1/3/', 4],
    ]).map((x) => ({ ...x, reports: 2 }));
    const r = aggregateTree(t, e, { aggUnits: 'sum', dedupByLocation: true });
    expect(r.nodes[at(t, '/1/')]).toEqual({ value: 10, reports: 4, sample: false });
    expect(r.nodes[at(t, '/4/')]).toBeNull();
  });

  it('adds up only the given values of the columns, leaving out values off the view', () => {
    const t = tree();
    const cols: EntryColumns = {
      node: Int32Array.from([at(t, '/1/2/'), at(t, '/1/3/'), -1, at(t, '/4/5/'), at(t, '/1/3/')]),
      location: Int32Array.from([0, 0, 0, 0, 0]),
      value: Float64Array.from([10, 20, 99, 40, 1000]),
      asOf: Int32Array.from([1, 1, 1, 1, 1]),
      reports: Int32Array.from([1, 2, 1, 3, 1]),
      sample: Uint8Array.from([0, 0, 0, 1, 0]),
    };
    // The last value belongs to another indicator: not among the indexes.
    const r = aggregateColumns(t, cols, [0, 1, 2, 3], { aggUnits: 'sum', dedupByLocation: false });
    expect(figureOf(r, at(t, '/1/'))).toEqual({ value: 30, reports: 3, sample: false });
    expect(figureOf(r, at(t, '/4/'))).toEqual({ value: 40, reports: 3, sample: true });
    expect(r.total).toEqual({ value: 70, reports: 6, sample: true });
    // The same columns again (the working arrays are reused): nothing left over.
    const again = aggregateColumns(t, cols, [4], { aggUnits: 'sum', dedupByLocation: false });
    expect(figureOf(again, at(t, '/1/2/'))).toBeNull();
    expect(again.total?.value).toBe(1000);
  });

  it('handles a deep national tree without recursion limits', () => {
    const paths: string[] = [];
    for (let p = 1; p <= 30; p++) for (let u = 1; u <= 50; u++) paths.push(`/0/${p}/${p * 1000 + u}/`);
    const t = buildTree(paths);
    const e: NodeEntry[] = paths.map((path, i) => ({
      node: t.index.get(path)!,
      location: `xa ${i % 700}`,
      value: 1 + (i % 3),
      asOf: '2024-12-31',
      reports: 1,
      sample: false,
    }));
    const plain = aggregateTree(t, e, { aggUnits: 'sum', dedupByLocation: false });
    expect(plain.total?.value).toBe(e.reduce((s, x) => s + x.value, 0));
    const dedup = aggregateTree(t, e, { aggUnits: 'sum', dedupByLocation: true });
    // 1,500 values over 700 locations: each location keeps its largest value.
    const best = new Map<string, number>();
    for (const x of e) best.set(x.location, Math.max(best.get(x.location) ?? 0, x.value));
    expect(dedup.total?.value).toBe([...best.values()].reduce((s, v) => s + v, 0));
  });
});

describe('targets and % achieved', () => {
  it('adds the subtree’s targets for summed indicators', () => {
    const t = tree();
    const own = new Map([
      [at(t, '/1/2/'), 100],
      [at(t, '/1/3/'), 50],
      [at(t, '/4/'), 40],
    ]);
    const r = treeTargets(t, own, 'sum');
    expect(r.nodes[at(t, '/1/')]).toBe(150);
    expect(r.nodes[at(t, '/4/5/')]).toBeNull();
    expect(r.total).toBe(190);
  });

  it('uses only a node’s own target otherwise', () => {
    const t = tree();
    const r = treeTargets(
      t,
      new Map([
        [at(t, '/1/'), 80],
        [at(t, '/1/2/'), 90],
      ]),
      'avg',
    );
    expect(r.nodes[at(t, '/1/')]).toBe(80);
    expect(r.nodes[at(t, '/1/3/')]).toBeNull();
    expect(r.total).toBe(80);
  });

  it('rounds % achieved to one decimal; none without a target', () => {
    expect(achievedPct(55, 190)).toBe(28.9);
    expect(achievedPct(1734, 1500)).toBe(115.6);
    expect(achievedPct(5, null)).toBeNull();
    expect(achievedPct(5, 0)).toBeNull();
    expect(achievedPct(null, 10)).toBeNull();
  });
});

describe('paths of a view', () => {
  it('cuts a stored path at the highest root of the view', () => {
    const roots = new Map([
      [5, '/5/'],
      [9, '/5/9/'],
    ]);
    expect(viewPath('/1/5/17/', roots)).toBe('/5/17/');
    expect(viewPath('/1/5/', roots)).toBe('/5/');
    // A dissolved predecessor (9) hangs under its successor (5).
    expect(viewPath('/1/2/9/30/', roots)).toBe('/5/9/30/');
    expect(viewPath('/1/2/', roots)).toBeNull();
    // "/15/" is not "/5/".
    expect(viewPath('/1/15/', roots)).toBeNull();
  });

  it('compares location names with their diacritics, ignoring case and extra spaces', () => {
    expect(locationKey('Xã Tả Gia Khâu')).toBe(locationKey('  XÃ  TẢ GIA\u00a0KHÂU '));
    expect(locationKey('Xã Đồng Văn')).toBe('xã đồng văn');
    // A decomposed spelling (base letter + combining marks) is the same text.
    expect(locationKey('Xã Tả Gia Khâu'.normalize('NFD'))).toBe(locationKey('Xã Tả Gia Khâu'));
    // Diacritics tell two communes apart; a spelling without them is another name.
    expect(locationKey('Kỳ Quảng')).not.toBe(locationKey('Kỳ Quang'));
    expect(locationKey('Xã Tả Gia Khâu')).not.toBe(locationKey('xa ta gia khau'));
    expect(locationKey('Thị trấn Mường Khương')).not.toBe(locationKey('Xã Mường Khương'));
    expect(locationKey('')).toBe('');
    expect(locationKey(null)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import type { FoldedRow } from './compute.ts';
import { addCounts, countsInWindow, type MonthCount } from './exchange.ts';

const month = (unitId: number, m: string, count: number, last = `${m.slice(0, 8)}15`): MonthCount => ({
  unitId,
  path: `/1/${unitId}/`,
  indicatorId: 9,
  month: m,
  count,
  last,
});

const folded = (over: Partial<FoldedRow>): FoldedRow => ({
  unitId: 2,
  indicatorId: 9,
  path: '/1/2/',
  category: '',
  location: '',
  value: 10,
  reports: 1,
  sample: false,
  asOf: '2024-06-30',
  ...over,
});

describe('exchange counts', () => {
  it('sums the months inside a window per unit and indicator', () => {
    const counts = [
      month(2, '2024-04-01', 2),
      month(2, '2024-06-01', 1, '2024-06-20'),
      month(2, '2024-07-01', 5),
    ];
    const q2 = countsInWindow(counts, { start: '2024-04-01', end: '2024-06-30' });
    expect(q2).toEqual([
      expect.objectContaining({
        unitId: 2,
        value: 3,
        asOf: '2024-06-20',
        reports: 0,
        sample: false,
        category: '',
      }),
    ]);
    expect(countsInWindow(counts, { start: '2024-01-01', end: '2024-12-31' })[0]!.value).toBe(8);
    expect(countsInWindow(counts, { start: '2025-01-01', end: '2025-12-31' })).toEqual([]);
  });

  it('adds to the total at the same path, else as a row of its own; categories and locations untouched', () => {
    const rows = [
      folded({}),
      folded({ category: 'NU', value: 4 }),
      folded({ location: 'ta gia khau', value: 3 }),
    ];
    const counts = countsInWindow([month(2, '2024-05-01', 2), month(3, '2024-05-01', 1)], {
      start: '2024-01-01',
      end: '2024-12-31',
    });
    const out = addCounts(rows, counts);
    expect(out.map((r) => [r.unitId, r.category, r.location, r.value])).toEqual([
      [2, '', '', 12],
      [2, 'NU', '', 4],
      [2, '', 'ta gia khau', 3],
      [3, '', '', 1],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { changeOf, fmtPct, fmtRate, fmtValue } from './format.ts';
import {
  agreementYears,
  axisUnitLabel,
  defaultYear,
  drillView,
  isEmptyRollup,
  overdueReports,
  yearRange,
} from './model.ts';
import type { MatrixOut, RollupNode } from './queries.ts';

const NB = '\u00a0';

describe('figures in the Vietnamese convention', () => {
  it('groups thousands with a dot and uses a decimal comma', () => {
    expect(fmtValue(1734)).toBe('1.734');
    expect(fmtValue(12.5)).toBe('12,5');
    expect(fmtValue(3276.456)).toBe('3.276,46');
    expect(fmtValue(0)).toBe('0');
    expect(fmtValue(null)).toBe('—');
    expect(fmtValue(Number.NaN)).toBe('—');
    expect(fmtValue(85.3, 'percentage')).toBe(`85,3${NB}%`);
  });

  it('writes percentages with one decimal and a non-breaking space', () => {
    expect(fmtPct(85.3)).toBe(`85,3${NB}%`);
    expect(fmtPct(100)).toBe(`100${NB}%`);
    expect(fmtPct(null)).toBe('—');
    expect(fmtRate(0.8533)).toBe(`85,3${NB}%`);
    expect(fmtRate(1)).toBe(`100${NB}%`);
    expect(fmtRate(null)).toBe('—');
  });

  it('computes the change on the same period last year', () => {
    expect(changeOf(1734, 1541)).toEqual({ direction: 'up', delta: 193, pct: 12.5 });
    expect(changeOf(80, 100)).toEqual({ direction: 'down', delta: -20, pct: -20 });
    expect(changeOf(5, 5)).toEqual({ direction: 'same', delta: 0, pct: 0 });
    expect(changeOf(5, 0)).toEqual({ direction: 'up', delta: 5, pct: null });
    expect(changeOf(null, 5)).toBeNull();
    expect(changeOf(5, null)).toBeNull();
  });
});

describe('years offered', () => {
  it('covers a program phase newest first, a plan its year, an open-ended one the last five years', () => {
    expect(agreementYears({ year: null, validFrom: '2022-01-01', validTo: '2025-12-31' }, 2026)).toEqual([
      2025, 2024, 2023, 2022,
    ]);
    expect(agreementYears({ year: 2022, validFrom: null, validTo: null }, 2026)).toEqual([2022]);
    expect(agreementYears({ year: null, validFrom: null, validTo: null }, 2026)).toEqual([
      2026, 2025, 2024, 2023, 2022,
    ]);
    expect(yearRange(2024, null, 2026)).toEqual([2026, 2025, 2024]);
  });

  it('starts on this year when offered, else on the nearest end', () => {
    expect(defaultYear([2025, 2024, 2023], 2024)).toBe(2024);
    expect(defaultYear([2025, 2024, 2023], 2026)).toBe(2025);
    expect(defaultYear([2025, 2024, 2023], 2020)).toBe(2023);
  });
});

const node = (id: number, parentId: number | null, v: number, closed = false): RollupNode => ({
  unit: { id, name: `Đơn vị ${id}`, shortName: null, parentId, closed },
  depth: 0,
  hasChildren: false,
  values: [value(7, v)],
});
const value = (indicatorId: number, v: number) => ({
  indicatorId,
  value: v,
  target: null,
  achievedPct: null,
  previousYear: null,
  reports: 1,
});

describe('drill-down of the roll-up tree', () => {
  // Two parties (1, 2); party 1 has posts 3 and 4; post 4 has a team 5.
  const nodes: RollupNode[] = [
    node(1, 100, 30),
    node(2, null, 5),
    node(3, 1, 10),
    node(4, 1, 20, true),
    node(5, 4, 20),
  ];
  const totals = [value(7, 35)];

  it('shows the totals and the parties at the top (a parent outside the tree counts as the top)', () => {
    const v = drillView(nodes, totals, undefined);
    expect(v.values).toBe(totals);
    expect(v.children.map((n) => n.unit.id)).toEqual([1, 2]);
  });

  it("shows a node's own figures and its children when drilled into", () => {
    const v = drillView(nodes, totals, 1);
    expect(v.values).toEqual([value(7, 30)]);
    expect(v.children.map((n) => n.unit.id)).toEqual([3, 4]);
    const post = drillView(nodes, totals, 3);
    expect(post.values).toEqual([value(7, 10)]);
    expect(post.children).toEqual([]);
    expect(drillView(nodes, totals, 99)).toEqual({ values: [], children: [], found: false });
  });

  it('gives a limited viewer (no agreement totals) the figures of their single unit at the top', () => {
    const own = [node(3, 1, 10), node(6, 3, 4)];
    expect(drillView(own, [], undefined, true)).toEqual({
      values: [value(7, 10)],
      children: [node(6, 3, 4)],
      found: true,
    });
    const v = drillView(nodes, totals, undefined, true);
    expect(v.values).toEqual([]);
    expect(v.children.map((n) => n.unit.id)).toEqual([1, 2]);
  });
});

describe('overdue reports from the status matrices', () => {
  const matrix: MatrixOut = {
    formId: 9,
    periods: [
      { key: '2024-Q1', label: 'Quý I/2024', dueDate: '2024-03-20' },
      { key: '2024-Q2', label: 'Quý II/2024', dueDate: '2024-06-20' },
      { key: '2024-Q3', label: 'Quý III/2024', dueDate: '2024-09-20' },
    ],
    rows: [
      {
        unit: { id: 1, name: 'Đồn Biên phòng Tả Gia Khâu', shortName: null },
        cells: [
          { state: 'approved', reportId: 11, onTime: true },
          { state: 'returned', reportId: 12, onTime: null },
          { state: 'draft', reportId: 13, onTime: null },
        ],
        completeness: 0.5,
        timeliness: 1,
      },
      {
        unit: { id: 2, name: 'Đồn Biên phòng Cửa khẩu Quốc tế Lào Cai', shortName: null },
        cells: [
          { state: 'overdue', reportId: null, onTime: null },
          { state: 'submitted', reportId: 21, onTime: false },
          { state: 'due', reportId: null, onTime: null },
        ],
        completeness: 0.5,
        timeliness: 0,
      },
    ],
  };

  it('lists missing reports past due and drafts or returned ones past their deadline, oldest first', () => {
    const list = overdueReports([{ formName: 'Báo cáo quý', matrix }], '2024-07-01');
    expect(list.map((r) => [r.unitName, r.periodLabel, r.state, r.reportId])).toEqual([
      ['Đồn Biên phòng Cửa khẩu Quốc tế Lào Cai', 'Quý I/2024', 'overdue', null],
      ['Đồn Biên phòng Tả Gia Khâu', 'Quý II/2024', 'returned', 12],
    ]);
  });
});

describe('chart axis labels and empty years', () => {
  it('shortens unit names the way officials write them, and cuts what is still too long', () => {
    expect(axisUnitLabel('Đồn Biên phòng Tả Gia Khâu')).toBe('Đồn BP Tả Gia Khâu');
    expect(axisUnitLabel('Đồn Biên phòng Cửa khẩu Quốc tế Lào Cai')).toBe('Đồn BP CKQT Lào Cai');
    expect(axisUnitLabel('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai')).toBe('BCH BĐBP tỉnh Lào Cai');
    expect(axisUnitLabel('Ban Dân tộc tỉnh Lào Cai')).toBe('Ban Dân tộc tỉnh Lào Cai');
    expect(axisUnitLabel('Phòng Dân tộc huyện Bát Xát, tỉnh Lào Cai (cũ)', 20)).toBe('Phòng Dân tộc huyện…');
  });

  it('tells a year without any approved figure', () => {
    const empty = { ...value(7, 0), value: null, previousYear: 12 };
    expect(isEmptyRollup({ totals: [empty], nodes: [] })).toBe(true);
    expect(isEmptyRollup({ totals: [empty], nodes: [node(1, null, 3)] })).toBe(false);
    expect(isEmptyRollup({ totals: [value(7, 0)], nodes: [] })).toBe(false);
  });
});

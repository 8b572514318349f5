import { describe, expect, it } from 'vitest';
import { formIndicator } from '../../../../test/formIndicators.ts';
import type { FormIndicator } from '../../../contracts/reports.ts';
import {
  addGroup,
  brokenRules,
  categoryMismatches,
  cellKey,
  cellOf,
  checkCell,
  countNotes,
  duplicateLocations,
  gridFromReport,
  mergeTouched,
  missingRequired,
  parseVietnameseNumber,
  toRaw,
  valuesToSave,
  withWarning,
} from './values.ts';

const ind = formIndicator;

describe('Vietnamese numbers typed as text', () => {
  it('reads dots as thousands and the comma as the decimal mark', () => {
    expect(parseVietnameseNumber('1.734')).toEqual({ ok: true, value: 1734 });
    expect(parseVietnameseNumber('3.276')).toEqual({ ok: true, value: 3276 });
    expect(parseVietnameseNumber('1.234.567,25')).toEqual({ ok: true, value: 1234567.25 });
    expect(parseVietnameseNumber('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(parseVietnameseNumber(' 1 117 ')).toEqual({ ok: true, value: 1117 });
    expect(parseVietnameseNumber('12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseVietnameseNumber('-3')).toEqual({ ok: true, value: -3 });
    expect(parseVietnameseNumber('')).toEqual({ ok: true, value: null });
    expect(parseVietnameseNumber('45%', true)).toEqual({ ok: true, value: 45 });
  });

  it('refuses text, units and odd separators', () => {
    for (const raw of ['N/A', 'có', 'yes', '12a', '1,2,3', '1..7', '--1', '80 tổ', '45%', '1e5']) {
      expect(parseVietnameseNumber(raw), raw).toEqual({ ok: false });
    }
  });

  it('shows stored values back in the Vietnamese format', () => {
    expect(toRaw(1734, 'integer')).toBe('1.734');
    expect(toRaw(12.5, 'decimal')).toBe('12,5');
    expect(toRaw(true, 'boolean')).toBe('true');
    expect(toRaw(null, 'integer')).toBe('');
    expect(parseVietnameseNumber(toRaw(1234567.25, 'decimal'))).toEqual({ ok: true, value: 1234567.25 });
  });
});

describe('live checks of a cell', () => {
  it('blocks text in a number field and fractions in a count', () => {
    expect(checkCell(ind({ indicatorId: 1 }), 'mười')).toEqual({ level: 'error', code: 'notNumber' });
    expect(checkCell(ind({ indicatorId: 1 }), '2,5')).toEqual({ level: 'error', code: 'notInteger' });
    expect(checkCell(ind({ indicatorId: 1, valueType: 'decimal' }), '2,5')).toBeNull();
    expect(checkCell(ind({ indicatorId: 1 }), '1.734')).toBeNull();
    expect(checkCell(ind({ indicatorId: 1, valueType: 'text' }), 'mười')).toBeNull();
  });

  it('flags values outside the range as warnings, sent with the report like any value', () => {
    const ranged = ind({ indicatorId: 1, minValue: 10, maxValue: 1000 });
    expect(checkCell(ranged, '1.001')).toEqual({ level: 'warning', code: 'aboveMax', max: 1000 });
    expect(checkCell(ranged, '9')).toEqual({ level: 'warning', code: 'belowMin', min: 10 });
    expect(checkCell(ranged, '500')).toBeNull();
    const grid = gridFromReport({ indicators: [ranged], values: [] });
    grid.cells[cellKey('1#0', '')] = '1.001';
    expect(valuesToSave(grid, [ranged], [])).toEqual({
      values: [{ indicatorId: 1, category: '', location: '', value: 1001 }],
      keys: [cellKey('1#0', '')],
      invalid: [],
    });
  });

  it('counts errors, warnings that block submission and out-of-range warnings apart', () => {
    const range = { warning: 'Vượt mức tối đa 1.000 hộ' };
    const rule = withWarning(undefined, 'Phải ≥ "Số tổ".', true);
    expect(rule).toEqual({ warning: 'Phải ≥ "Số tổ".', blocksSubmit: true });
    // A rule broken on a cell that is also out of range: the cell must be fixed to submit.
    const both = withWarning(range, 'Phải ≥ "Số tổ".', true);
    expect(both).toEqual({ warning: 'Vượt mức tối đa 1.000 hộ Phải ≥ "Số tổ".', blocksSubmit: true });
    expect(withWarning(rule, 'Vượt mức tối đa 1.000 hộ', false).blocksSubmit).toBe(true);
    expect(withWarning(range, 'Ghi chú', false)).toEqual({ warning: 'Vượt mức tối đa 1.000 hộ Ghi chú' });
    expect(
      countNotes({
        a: range,
        b: { warning: 'Nhỏ hơn mức tối thiểu 10 hộ' },
        c: rule,
        d: { error: 'Phải là số', warning: 'x' },
        e: {},
      }),
    ).toEqual({ errors: 1, toFix: 1, warnings: 2 });
  });

  it("gives the shared rules' refusals and warnings their codes, which the grid words through i18n", () => {
    expect(checkCell(ind({ indicatorId: 1 }), '-5')).toEqual({ level: 'error', code: 'negative' });
    expect(checkCell(ind({ indicatorId: 1, valueType: 'percentage' }), '120')).toEqual({
      level: 'error',
      code: 'percentRange',
    });
    expect(checkCell(ind({ indicatorId: 1, valueType: 'percentage' }), '45%')).toBeNull();
    expect(checkCell(ind({ indicatorId: 1 }), '2.000.000.000')).toEqual({ level: 'error', code: 'tooLarge' });
    expect(checkCell(ind({ indicatorId: 1, valueType: 'boolean' }), 'có')).toEqual({
      level: 'error',
      code: 'notBoolean',
    });
    expect(checkCell(ind({ indicatorId: 1, valueType: 'boolean' }), 'false')).toBeNull();
    expect(checkCell(ind({ indicatorId: 1, valueType: 'text' }), 'x'.repeat(5001))).toEqual({
      level: 'error',
      code: 'tooLong',
    });
    expect(checkCell(ind({ indicatorId: 1 }), '')).toBeNull();
  });

  it('finds broken cross-field rules on the totals at each location, under the total that breaks them', () => {
    const indicators = [
      ind({ indicatorId: 1, dedupByLocation: true }),
      ind({ indicatorId: 2, dedupByLocation: true }),
    ];
    const rule = { op: '>=' as const, otherIndicatorId: 1, otherName: 'Số tổ', message: null };
    const rules = new Map([[2, [rule]]]);
    const grid = gridFromReport({
      indicators,
      values: [
        { indicatorId: 1, category: '', location: 'Xã A', value: 317 },
        { indicatorId: 1, category: '', location: 'Xã B', value: 5 },
        { indicatorId: 2, category: '', location: 'Xã A', value: 3276 },
        { indicatorId: 2, category: '', location: 'Xã B', value: 4 },
      ],
    });
    expect(brokenRules(grid, indicators, rules)).toEqual(new Map([[cellKey('2#1', ''), [rule]]]));
    grid.cells[cellKey('2#1', '')] = '5';
    expect(brokenRules(grid, indicators, rules).size).toBe(0);
    // Only filled, valid totals are compared: a fraction in a count is an error of its own.
    grid.cells[cellKey('2#1', '')] = '4,5';
    expect(brokenRules(grid, indicators, rules).size).toBe(0);
    grid.cells[cellKey('2#1', '')] = '';
    expect(brokenRules(grid, indicators, rules).size).toBe(0);
  });
});

describe('the grid of a report', () => {
  const indicators = [
    ind({ indicatorId: 1, required: true }),
    ind({ indicatorId: 2, dedupByLocation: true }),
    ind({
      indicatorId: 3,
      categories: [
        { code: 'nam', name: 'Nam' },
        { code: 'nu', name: 'Nữ' },
      ],
    }),
  ];
  const report = {
    indicators,
    values: [
      { indicatorId: 2, category: '', location: 'Tả Gia Khâu', value: 12 },
      { indicatorId: 2, category: '', location: 'Dìn Chin', value: 8 },
      { indicatorId: 3, category: 'nu', location: '', value: 1734 },
    ],
  };

  it('has a group per indicator and per reported location, cells in the Vietnamese format', () => {
    const grid = gridFromReport(report);
    expect(grid.groups.map((g) => [g.indicatorId, g.location])).toEqual([
      [1, ''],
      [2, 'Tả Gia Khâu'],
      [2, 'Dìn Chin'],
      [3, ''],
    ]);
    expect(grid.cells[cellKey('3#0', 'nu')]).toBe('1.734');
    expect(missingRequired(grid, indicators)).toEqual([1]);
    expect(cellOf(grid, { indicatorId: 2, category: '', location: 'Dìn Chin' })).toBe(cellKey('2#1', ''));
    expect(cellOf(grid, { indicatorId: 2, category: '', location: 'Pha Long' })).toBeNull();
  });

  it('sends filled cells, clears removed ones, and keeps type errors out', () => {
    let grid = gridFromReport(report);
    grid = addGroup(grid, 2);
    const added = grid.groups.find((g) => g.gid === '2#2');
    expect(added).toBeDefined();
    grid.groups = grid.groups.map((g) =>
      g.gid === '2#2'
        ? { ...g, location: 'Mường Khương' }
        : g.gid === '2#1'
          ? { ...g, location: 'Pha Long' }
          : g,
    );
    grid.cells[cellKey('1#0', '')] = '1.734';
    grid.cells[cellKey('2#2', '')] = 'nhiều';
    const out = valuesToSave(grid, indicators, report.values);
    expect(out.values).toEqual([
      { indicatorId: 1, category: '', location: '', value: 1734 },
      { indicatorId: 2, category: '', location: 'Tả Gia Khâu', value: 12 },
      { indicatorId: 2, category: '', location: 'Pha Long', value: 8 },
      { indicatorId: 3, category: 'nu', location: '', value: 1734 },
      { indicatorId: 2, category: '', location: 'Dìn Chin', value: null },
    ]);
    expect(out.keys[2]).toBe(cellKey('2#1', ''));
    expect(out.keys[4]).toBeNull();
    expect(out.invalid).toEqual([cellKey('2#2', '')]);
  });

  it('notices categories that do not add up to the total', () => {
    const grid = gridFromReport(report);
    expect(categoryMismatches(grid, indicators).get(cellKey('3#0', ''))).toEqual({ sum: 1734, total: null });
    grid.cells[cellKey('3#0', '')] = '1.734';
    expect(categoryMismatches(grid, indicators).size).toBe(0);
    grid.cells[cellKey('3#0', 'nam')] = '10';
    expect(categoryMismatches(grid, indicators).get(cellKey('3#0', ''))).toEqual({ sum: 1744, total: 1734 });
    // A category in error is left out of the sum, as the server does.
    grid.cells[cellKey('3#0', 'nam')] = '-10';
    expect(categoryMismatches(grid, indicators).size).toBe(0);
    // Per location: the mismatch is under the total of the location's group.
    const byPlace = [ind({ ...(indicators[2] as FormIndicator), dedupByLocation: true })];
    const places = gridFromReport({
      indicators: byPlace,
      values: [
        { indicatorId: 3, category: '', location: 'Xã A', value: 5 },
        { indicatorId: 3, category: 'nam', location: 'Xã A', value: 5 },
        { indicatorId: 3, category: 'nu', location: 'Xã B', value: 2 },
      ],
    });
    expect(categoryMismatches(places, byPlace)).toEqual(
      new Map([[cellKey('3#1', ''), { sum: 2, total: null }]]),
    );
  });

  it('notices a location typed twice', () => {
    let grid = gridFromReport(report);
    grid = addGroup(grid, 2);
    grid.groups = grid.groups.map((g) => (g.gid === '2#2' ? { ...g, location: 'tả gia khâu' } : g));
    expect([...duplicateLocations(grid)]).toEqual(['2#2']);
  });

  it('after a conflict keeps what the user typed over the latest values', () => {
    const mine = gridFromReport(report);
    mine.cells[cellKey('1#0', '')] = '80';
    const latest = gridFromReport({
      indicators,
      values: [
        { indicatorId: 1, category: '', location: '', value: 75 },
        { indicatorId: 2, category: '', location: 'Tả Gia Khâu', value: 13 },
      ],
    });
    const merged = mergeTouched(latest, mine, new Set([cellKey('1#0', ''), cellKey('2#1', '')]));
    expect(merged.grid.cells[cellKey('1#0', '')]).toBe('80');
    expect(merged.grid.cells[cellKey('2#0', '')]).toBe('13');
    // Dìn Chin is only in the user's grid: added back with the typed value
    const added = merged.grid.groups.find((g) => g.location === 'Dìn Chin');
    expect(added && merged.grid.cells[cellKey(added.gid, '')]).toBe('8');
    expect(merged.touched).toEqual(new Set([cellKey('1#0', ''), cellKey(added?.gid ?? '', '')]));
  });
});

import { describe, expect, it } from 'vitest';
import { resolveTimeframe, shiftTimeframe, timeframeLabel, timeframeOccurrences } from './timeframes.ts';

describe('timeframes', () => {
  it('resolves quarters, halves and years to Vietnamese calendar dates', () => {
    expect(resolveTimeframe({ kind: 'quarter', year: 2024, quarter: 2 })).toEqual({
      startDate: '2024-04-01',
      dueDate: '2024-06-30',
    });
    expect(resolveTimeframe({ kind: 'half', year: 2024, half: 1 })).toEqual({
      startDate: '2024-01-01',
      dueDate: '2024-06-30',
    });
    expect(resolveTimeframe({ kind: 'half', year: 2024, half: 2 }).dueDate).toBe('2024-12-31');
    expect(resolveTimeframe({ kind: 'year', year: 2024 })).toEqual({
      startDate: '2024-01-01',
      dueDate: '2024-12-31',
    });
    expect(resolveTimeframe({ kind: 'recurring', year: 2024, recurrence: 'ongoing' }).dueDate).toBe(
      '2024-12-31',
    );
  });

  it('lists occurrences of recurring tasks', () => {
    const monthly = timeframeOccurrences({ kind: 'recurring', year: 2024, recurrence: 'monthly' });
    expect(monthly).toHaveLength(12);
    expect(monthly[1]).toEqual({ periodLabel: 'Tháng 2/2024', dueDate: '2024-02-29' });
    expect(monthly[4]?.periodLabel).toBe('Tháng 5/2024');
    const quarterly = timeframeOccurrences({ kind: 'recurring', year: 2024, recurrence: 'quarterly' });
    expect(quarterly.map((o) => o.periodLabel)).toEqual([
      'Quý I/2024',
      'Quý II/2024',
      'Quý III/2024',
      'Quý IV/2024',
    ]);
    expect(quarterly[1]?.dueDate).toBe('2024-06-30');
    expect(timeframeOccurrences({ kind: 'recurring', year: 2024, recurrence: 'ongoing' })).toEqual([]);
  });

  it('labels time frames in Vietnamese', () => {
    expect(timeframeLabel({ kind: 'quarter', year: 2024, quarter: 2 })).toBe('Quý II/2024');
    expect(timeframeLabel({ kind: 'half', year: 2024, half: 1 })).toBe('6 tháng đầu năm 2024');
    expect(timeframeLabel({ kind: 'year', year: 2024 })).toBe('Năm 2024');
    expect(timeframeLabel({ kind: 'recurring', year: 2024, recurrence: 'ongoing' })).toBe('Thường xuyên');
    expect(timeframeLabel({ kind: 'recurring', year: 2024, recurrence: 'monthly' })).toBe('Hằng tháng');
    expect(timeframeLabel({ kind: 'date', due: '2024-06-30' })).toBe('Trước 30/06/2024');
    expect(timeframeLabel({ kind: 'range', start: '2024-03-01', due: '2024-06-30' })).toBe(
      '01/03/2024 – 30/06/2024',
    );
  });

  it('shifts time frames to the next year', () => {
    expect(shiftTimeframe({ kind: 'quarter', year: 2024, quarter: 2 }, 1)).toEqual({
      kind: 'quarter',
      year: 2025,
      quarter: 2,
    });
    expect(shiftTimeframe({ kind: 'date', due: '2024-02-29' }, 1)).toEqual({
      kind: 'date',
      due: '2025-02-28',
    });
  });
});

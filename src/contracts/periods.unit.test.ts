import { describe, expect, it } from 'vitest';
import {
  deadlineOf,
  parsePeriod,
  periodContains,
  periodKeyOf,
  periodLabel,
  periodsBetween,
  previousPeriod,
  samePeriodLastYear,
} from './periods.ts';

describe('reporting periods', () => {
  it('labels every kind as Vietnamese documents write it', () => {
    expect(periodLabel('2024-05')).toBe('Tháng 5/2024');
    expect(periodLabel('2024-Q2')).toBe('Quý II/2024');
    expect(periodLabel('2024-H1')).toBe('6 tháng đầu năm 2024');
    expect(periodLabel('2024-H2')).toBe('6 tháng cuối năm 2024');
    expect(periodLabel('2023')).toBe('Năm 2023');
    expect(periodLabel('2022-2025')).toBe('Giai đoạn 2022–2025');
    expect(periodLabel('2024-Q2', 'en')).toBe('Q2 2024');
  });

  it('resolves first and last days, including leap February and a phase', () => {
    expect(parsePeriod('2024-02')).toMatchObject({ kind: 'month', start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2023-Q4')).toMatchObject({ kind: 'quarter', start: '2023-10-01', end: '2023-12-31' });
    expect(parsePeriod('2024-H2')).toMatchObject({ start: '2024-07-01', end: '2024-12-31', year: 2024 });
    expect(parsePeriod('2022-2025')).toMatchObject({ kind: 'phase', start: '2022-01-01', end: '2025-12-31' });
  });

  it('refuses keys that name no period', () => {
    for (const bad of ['2024-13', '2024-Q5', '2024-H3', '2025-2022', '24', '2024-00', 'năm 2024'])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it('finds the period of a date, the previous one and the same one last year', () => {
    expect(periodKeyOf('quarter', '2024-05-17')).toBe('2024-Q2');
    expect(periodKeyOf('half', '2024-07-01')).toBe('2024-H2');
    expect(previousPeriod('2024-Q1')).toBe('2023-Q4');
    expect(previousPeriod('2024-01')).toBe('2023-12');
    expect(samePeriodLastYear('2024-H1')).toBe('2023-H1');
    expect(samePeriodLastYear('2022-2025')).toBeNull();
  });

  it('lists the periods of a kind and tells containment', () => {
    expect(periodsBetween('quarter', 2023, 2024)).toHaveLength(8);
    expect(periodsBetween('month', 2024, 2024).at(-1)).toBe('2024-12');
    expect(periodContains('2024', '2024-Q3')).toBe(true);
    expect(periodContains('2024-H1', '2024-Q3')).toBe(false);
    expect(periodContains('2022-2025', '2023-05')).toBe(true);
  });

  it('computes deadlines from the day rule, clamped to the month', () => {
    expect(deadlineOf('2024-Q2', { day: 20, monthOffset: 0 })).toBe('2024-06-20');
    expect(deadlineOf('2024-Q4', { day: 10, monthOffset: 1 })).toBe('2025-01-10');
    expect(deadlineOf('2024-Q1', { day: 31, monthOffset: 1 })).toBe('2024-04-30');
    expect(deadlineOf('2023', { day: 15, monthOffset: 0 })).toBe('2023-12-15');
  });
});

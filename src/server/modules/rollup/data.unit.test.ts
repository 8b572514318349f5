import { describe, expect, it } from 'vitest';
import { parseYearColumns } from './data.ts';

// yearColumns' text: agreement id (optional), year, indicator, path, location, value,
// reports, sample, day number; fields separated by \x1f, records by \x1e.
const record = (...fields: Array<string | number>) => fields.join('\x1f');
const text = (...records: string[]) => records.join('\x1e');

describe('reading yearly rows from one text', () => {
  it('reads every column, interning paths and locations', () => {
    const t = text(
      record(2024, 7, '/1/3/5/', '', 12, 4, 0, 20088),
      record(2024, 8, '/1/3/5/', 'xã tả gia khâu', 40, 1, 1, 20000),
      record(2023, 7, '/1/3/6/', 'xã tả gia khâu', 3, 12, 0, 19722),
      record(2023, 9, '/1/3/5/', 'xã y tý', 0, 2, 0, 19722),
    );
    const c = parseYearColumns(t, 4);
    expect(c.length).toBe(4);
    expect([...c.year]).toEqual([2024, 2024, 2023, 2023]);
    expect([...c.indicatorId]).toEqual([7, 8, 7, 9]);
    expect(c.paths).toEqual(['/1/3/5/', '/1/3/6/']);
    expect([...c.path]).toEqual([0, 0, 1, 0]);
    expect(c.locations).toEqual(['', 'xã tả gia khâu', 'xã y tý']);
    expect([...c.location]).toEqual([0, 1, 1, 2]);
    expect([...c.value]).toEqual([12, 40, 3, 0]);
    expect([...c.reports]).toEqual([4, 1, 12, 2]);
    expect([...c.sample]).toEqual([0, 1, 0, 0]);
    expect([...c.asOf]).toEqual([20088, 20000, 19722, 19722]);
    expect(c.agreementId).toHaveLength(0);
  });

  it('reads decimals, negatives, large and non-finite values as numbers', () => {
    const values = ['12.5', '-3', '-0.25', '1e+21', '123456789012345678', 'NaN', 'Infinity', '0.1'];
    const t = text(...values.map((v) => record(5, 2024, 1, '/9/', '', v, 1, 0, 20088)));
    const c = parseYearColumns(t, values.length, true);
    expect([...c.agreementId]).toEqual(values.map(() => 5));
    expect([...c.value]).toEqual(values.map(Number));
  });

  it('tells apart texts whose hashes collide', () => {
    // "Aa" and "BB" have the same 31-based hash.
    const t = text(record(2024, 1, 'Aa', 'Aa', 1, 1, 0, 1), record(2024, 1, 'BB', 'BB', 2, 1, 0, 1));
    const c = parseYearColumns(t, 2);
    expect(c.paths).toEqual(['Aa', 'BB']);
    expect([...c.path]).toEqual([0, 1]);
    expect(c.locations).toEqual(['', 'Aa', 'BB']);
    expect([...c.location]).toEqual([1, 2]);
  });

  it('reads nothing from an empty text and refuses a text that does not fit the count', () => {
    expect(parseYearColumns('', 0).length).toBe(0);
    const t = text(record(2024, 1, '/1/', '', 1, 1, 0, 1), record(2024, 1, '/1/', '', 1, 1, 0, 1));
    expect(() => parseYearColumns(t, 1)).toThrow();
    expect(() => parseYearColumns(record(2024, 1, '/1/', '', 1, 1, 0), 1)).toThrow();
  });
});

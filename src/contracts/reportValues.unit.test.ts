import { describe, expect, it } from 'vitest';
import { ALL, CO, formIndicator, GHI, HO, KP, NHIETDO, RULES, TO, TYLE } from '../../test/formIndicators.ts';
import {
  checkValue,
  findValueProblems,
  holds,
  isBlocking,
  normaliseValue,
  type ValueFinding,
  type ValueRule,
} from './reportValues.ts';

const find = (values: Parameters<typeof findValueProblems>[2], rules = RULES) =>
  findValueProblems(ALL, rules, values);
/** The findings without the cell, for short expectations. */
const brief = (fs: ValueFinding[]) =>
  fs.map(({ code, index, blocks, ...f }) =>
    'problem' in f ? { ...f.problem, problem: f.problem.code, code, index, blocks } : { code, index, blocks },
  );

describe('checkValue: one value of an indicator', () => {
  it('refuses text, "N/A" and yes/no in a number field', () => {
    for (const given of ['N/A', 'yes', 'mười hai', true]) {
      expect(checkValue(HO, given)).toEqual([{ code: 'notNumber', given }]);
    }
    expect(checkValue(HO, Number.NaN)[0]?.code).toBe('notNumber');
  });

  it('refuses fractions in an integer field, negatives where a count is expected and absurd figures', () => {
    expect(checkValue(HO, 12.5)).toEqual([{ code: 'notInteger', value: 12.5 }]);
    expect(checkValue(KP, 12.5)).toEqual([]);
    expect(checkValue(TO, -3)).toEqual([{ code: 'negative', value: -3 }]);
    expect(checkValue(KP, -1.5)).toEqual([{ code: 'negative', value: -1.5 }]);
    expect(checkValue({ ...HO, minValue: 0 }, -1)).toEqual([{ code: 'negative', value: -1 }]);
    expect(checkValue(HO, 5e9)).toEqual([{ code: 'tooLarge', value: 5e9 }]);
    expect(checkValue(HO, -2e9)).toEqual([{ code: 'tooLarge', value: -2e9 }]);
    expect(checkValue(HO, 1e9)).toEqual([]);
    // A negative minimum allows negatives (a temperature is not a count).
    expect(checkValue(NHIETDO, -4.5)).toEqual([]);
  });

  it('keeps percentages within 0–100, yes/no as yes/no and text as text', () => {
    expect(checkValue(TYLE, 120)).toEqual([{ code: 'percentRange', value: 120 }]);
    expect(checkValue(TYLE, -1)).toEqual([{ code: 'percentRange', value: -1 }]);
    expect(checkValue(TYLE, 12.5)).toEqual([]);
    expect(checkValue(CO, 'yes')).toEqual([{ code: 'notBoolean' }]);
    expect(checkValue(CO, 1)).toEqual([{ code: 'notBoolean' }]);
    expect(checkValue(CO, false)).toEqual([]);
    expect(checkValue(GHI, 'Đã triển khai')).toEqual([]);
    expect(checkValue(GHI, 3)).toEqual([{ code: 'notText' }]);
  });

  it('gives values outside min/max as range warnings, checked after the refusals', () => {
    expect(checkValue(KP, 612.5)).toEqual([{ code: 'aboveMax', value: 612.5, max: 500 }]);
    const ranged = { valueType: 'integer' as const, minValue: 10, maxValue: 1000 };
    expect(checkValue(ranged, 9)).toEqual([{ code: 'belowMin', value: 9, min: 10 }]);
    expect(checkValue(ranged, 500)).toEqual([]);
    expect(checkValue(ranged, 2.5)).toEqual([{ code: 'notInteger', value: 2.5 }]);
  });
});

describe('findValueProblems: the cells of a set', () => {
  it('refuses an unknown indicator or category and the same cell twice', () => {
    expect(brief(find([{ indicatorId: 99, value: 1 }]))).toEqual([
      { code: 'unknownIndicator', index: 0, blocks: 'always' },
    ]);
    const [cat] = find([{ indicatorId: 8, category: 'KHAC', value: 1 }]);
    expect(cat).toMatchObject({ code: 'unknownCategory', known: ['NAM', 'NU'], index: 0, blocks: 'always' });
    expect(find([{ indicatorId: 1, category: 'NAM', value: 1 }])[0]).toMatchObject({
      code: 'unknownCategory',
      known: [],
    });
    expect(
      brief(
        find([
          { indicatorId: 1, value: 1 },
          { indicatorId: 1, value: 2 },
        ]),
      ),
    ).toEqual([{ code: 'duplicate', index: 1, blocks: 'always' }]);
    // Different locations are different cells.
    expect(
      find([
        { indicatorId: 1, location: 'Xã A Mú Sung', value: 1 },
        { indicatorId: 1, location: 'Xã Y Tý', value: 2 },
      ]),
    ).toEqual([]);
  });

  it('treats null and empty text as no value', () => {
    expect(find([{ indicatorId: 1, value: null }])).toEqual([]);
    expect(find([{ indicatorId: 1, value: '   ' }])).toEqual([]);
    expect(normaliseValue('  Ghi chú ')).toBe('Ghi chú');
    expect(normaliseValue(0)).toBe(0);
  });

  it('refuses a wrong value always and warns of one out of range, naming its cell', () => {
    const fs = find([
      { indicatorId: 7, value: 612.5 },
      { indicatorId: 1, location: 'Xã Y Tý', value: 'N/A' },
    ]);
    expect(brief(fs)).toEqual([
      { code: 'value', index: 0, blocks: 'never', problem: 'aboveMax', value: 612.5, max: 500 },
      { code: 'value', index: 1, blocks: 'always', problem: 'notNumber', given: 'N/A' },
    ]);
    expect(fs[1]).toMatchObject({ indicatorId: 1, category: '', location: 'Xã Y Tý' });
  });

  it('flags a broken cross-field rule (members ≥ teams) with both figures, at the same location', () => {
    const broken = find([
      { indicatorId: 2, value: 317 },
      { indicatorId: 3, value: 300 },
    ]);
    expect(broken).toEqual([
      {
        indicatorId: 3,
        category: '',
        location: '',
        index: 1,
        blocks: 'submit',
        code: 'rule',
        rule: RULES[0],
        left: 300,
        right: 317,
      },
    ]);
    expect(
      find([
        { indicatorId: 2, value: 317 },
        { indicatorId: 3, value: 3276 },
      ]),
    ).toEqual([]);
    // Only filled, accepted totals at the same location are compared.
    expect(find([{ indicatorId: 3, value: 300 }])).toEqual([]);
    expect(
      find([
        { indicatorId: 2, location: 'Xã A', value: 317 },
        { indicatorId: 3, location: 'Xã B', value: 300 },
      ]),
    ).toEqual([]);
    expect(
      brief(
        find([
          { indicatorId: 2, value: 317 },
          { indicatorId: 3, value: 300.5 },
        ]),
      ).map((f) => f.code),
    ).toEqual(['value']);
    const [atB] = find([
      { indicatorId: 2, location: 'Xã A', value: 1 },
      { indicatorId: 2, location: 'Xã B', value: 50 },
      { indicatorId: 3, location: 'Xã A', value: 10 },
      { indicatorId: 3, location: 'Xã B', value: 20 },
    ]);
    expect(atB).toMatchObject({ code: 'rule', location: 'Xã B', index: 3, left: 20, right: 50 });
    // A rule naming an indicator not on the form is not checked.
    expect(
      find([{ indicatorId: 3, value: 1 }], [{ ...(RULES[0] as ValueRule), otherIndicatorId: 99 }]),
    ).toEqual([]);
  });

  it('compares with each operator', () => {
    expect([
      holds('>=', 2, 2),
      holds('<=', 3, 2),
      holds('>', 2, 2),
      holds('<', 1, 2),
      holds('=', 2, 2),
    ]).toEqual([true, false, false, true, true]);
  });

  it('flags a breakdown that does not add up to the total, and a breakdown without a total', () => {
    expect(
      find([
        { indicatorId: 8, value: 1734 },
        { indicatorId: 8, category: 'NAM', value: 900 },
        { indicatorId: 8, category: 'NU', value: 800 },
      ]),
    ).toEqual([
      {
        indicatorId: 8,
        category: '',
        location: '',
        index: 0,
        blocks: 'submit',
        code: 'sumMismatch',
        sum: 1700,
        total: 1734,
      },
    ]);
    expect(
      find([
        { indicatorId: 8, value: 1734 },
        { indicatorId: 8, category: 'NAM', value: 934 },
        { indicatorId: 8, category: 'NU', value: 800 },
      ]),
    ).toEqual([]);
    expect(find([{ indicatorId: 8, category: 'NU', value: 800 }])).toEqual([
      {
        indicatorId: 8,
        category: '',
        location: '',
        index: null,
        blocks: 'submit',
        code: 'totalMissing',
        sum: 800,
      },
    ]);
    // A refused category is left out of the sum; sums are per location.
    expect(
      find([
        { indicatorId: 8, value: 5 },
        { indicatorId: 8, category: 'NAM', value: -1 },
        { indicatorId: 8, category: 'NU', value: 6 },
      ]).map((f) => (f.code === 'sumMismatch' ? [f.sum, f.total] : f.code)),
    ).toEqual(['value', [6, 5]]);
    expect(
      find([
        { indicatorId: 8, location: 'Xã A', value: 10 },
        { indicatorId: 8, location: 'Xã A', category: 'NAM', value: 10 },
        { indicatorId: 8, location: 'Xã B', category: 'NU', value: 3 },
      ]),
    ).toMatchObject([{ code: 'totalMissing', location: 'Xã B', sum: 3, index: null }]);
  });

  it('flags a required indicator with no accepted value', () => {
    const required = [formIndicator({ ...HO, required: true }), TO];
    expect(findValueProblems(required, [], [{ indicatorId: 2, value: 5 }])).toEqual([
      { indicatorId: 1, category: '', location: '', index: null, blocks: 'submit', code: 'required' },
    ]);
    expect(findValueProblems(required, [], [{ indicatorId: 1, value: 0 }])).toEqual([]);
    expect(findValueProblems(required, [], [{ indicatorId: 1, value: 'N/A' }]).map((f) => f.code)).toEqual([
      'value',
      'required',
    ]);
    // Out of range is still a value.
    const ranged = [formIndicator({ ...HO, required: true, maxValue: 10 })];
    expect(findValueProblems(ranged, [], [{ indicatorId: 1, value: 11 }]).map((f) => f.blocks)).toEqual([
      'never',
    ]);
  });

  it('blocks by severity: always, on submission only, never', () => {
    expect([isBlocking('always', 'save'), isBlocking('submit', 'save'), isBlocking('never', 'save')]).toEqual(
      [true, false, false],
    );
    expect([
      isBlocking('always', 'submit'),
      isBlocking('submit', 'submit'),
      isBlocking('never', 'submit'),
    ]).toEqual([true, true, false]);
  });
});

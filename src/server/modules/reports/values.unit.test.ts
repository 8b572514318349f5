import { describe, expect, it } from 'vitest';
import type { FormIndicator } from '../../../contracts/reports.ts';
import { checkValues, encodeValue, type ValueRule } from './values.ts';

const ind = (over: Partial<FormIndicator> & { indicatorId: number; code: string }): FormIndicator => ({
  name: `Chỉ tiêu ${over.code}`,
  uom: 'hộ',
  valueType: 'integer',
  aggUnits: 'sum',
  aggTime: 'sum',
  dedupByLocation: false,
  minValue: null,
  maxValue: null,
  required: false,
  categories: null,
  position: over.indicatorId,
  exchangeSource: null,
  ...over,
});

const HO = ind({ indicatorId: 1, code: 'HO', name: 'Hộ gia đình được giúp đỡ' });
const TO = ind({ indicatorId: 2, code: 'TO', name: 'Tổ tự quản', uom: 'tổ' });
const TV = ind({ indicatorId: 3, code: 'TV', name: 'Thành viên tổ tự quản', uom: 'thành viên' });
const TYLE = ind({ indicatorId: 4, code: 'TYLE', name: 'Tỷ lệ hộ nghèo', valueType: 'percentage', uom: '%' });
const CO = ind({ indicatorId: 5, code: 'CO', name: 'Có quy chế', valueType: 'boolean', uom: '' });
const GHI = ind({ indicatorId: 6, code: 'GHI', name: 'Ghi chú', valueType: 'text', uom: '' });
const KP = ind({
  indicatorId: 7,
  code: 'KP',
  name: 'Kinh phí',
  valueType: 'decimal',
  uom: 'triệu đồng',
  maxValue: 500,
});
const NGUOI = ind({
  indicatorId: 8,
  code: 'NGUOI',
  name: 'Người được tuyên truyền',
  uom: 'người',
  categories: [
    { code: 'NAM', name: 'Nam' },
    { code: 'NU', name: 'Nữ' },
  ],
});
const NHIETDO = ind({
  indicatorId: 9,
  code: 'ND',
  name: 'Nhiệt độ thấp nhất',
  valueType: 'decimal',
  minValue: -10,
});
const ALL = [HO, TO, TV, TYLE, CO, GHI, KP, NGUOI, NHIETDO];
const RULES: ValueRule[] = [{ indicatorId: 3, op: '>=', otherIndicatorId: 2, message: null }];

const check = (values: Parameters<typeof checkValues>[2], mode: 'save' | 'submit' = 'save') =>
  checkValues(ALL, RULES, values, mode);

describe('checkValues: blocking problems', () => {
  it('refuses text, "N/A" and "yes" in a number field, naming the indicator', () => {
    for (const value of ['N/A', 'yes', 'mười hai']) {
      const [issue, ...rest] = check([{ indicatorId: 1, value }]);
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ indicatorId: 1, path: 'values[0].value', blocking: true });
      expect(issue!.message).toContain('HO – Hộ gia đình được giúp đỡ');
      expect(issue!.message).toContain('phải nhập số');
      expect(issue!.message).toContain(value);
    }
    expect(check([{ indicatorId: 1, value: true }])[0]?.blocking).toBe(true);
  });

  it('refuses fractions in an integer field, negatives where a count is expected and absurd figures', () => {
    const [frac] = check([{ indicatorId: 1, value: 12.5 }]);
    expect(frac?.message).toContain('số nguyên');
    expect(frac?.message).toContain('12,5');
    const [neg] = check([{ indicatorId: 2, value: -3 }]);
    expect(neg?.message).toContain('không thể âm');
    expect(neg?.blocking).toBe(true);
    expect(check([{ indicatorId: 7, value: -1.5 }])[0]?.blocking).toBe(true);
    const [huge] = check([{ indicatorId: 1, value: 5e9 }]);
    expect(huge?.message).toContain('quá lớn');
    expect(huge?.blocking).toBe(true);
    // A negative minimum allows negatives (a temperature is not a count).
    expect(check([{ indicatorId: 9, value: -4.5 }])).toEqual([]);
  });

  it('keeps percentages within 0–100 and yes/no as yes/no', () => {
    expect(check([{ indicatorId: 4, value: 120 }])[0]?.message).toContain('từ 0 đến 100');
    expect(check([{ indicatorId: 4, value: -1 }])[0]?.blocking).toBe(true);
    expect(check([{ indicatorId: 4, value: 12.5 }])).toEqual([]);
    expect(check([{ indicatorId: 5, value: 'yes' }])[0]?.message).toContain('Có hoặc Không');
    expect(check([{ indicatorId: 5, value: false }])).toEqual([]);
    expect(check([{ indicatorId: 6, value: 'Đã triển khai' }])).toEqual([]);
    expect(check([{ indicatorId: 6, value: 3 }])[0]?.blocking).toBe(true);
  });

  it('refuses an unknown indicator or category and the same cell twice', () => {
    const [unknown] = check([{ indicatorId: 99, value: 1 }]);
    expect(unknown).toMatchObject({ path: 'values[0].indicatorId', blocking: true });
    const [cat] = check([{ indicatorId: 8, category: 'KHAC', value: 1 }]);
    expect(cat).toMatchObject({ path: 'values[0].category', blocking: true });
    expect(cat?.message).toContain('NAM, NU');
    expect(check([{ indicatorId: 1, category: 'NAM', value: 1 }])[0]?.path).toBe('values[0].category');
    const twice = check([
      { indicatorId: 1, value: 1 },
      { indicatorId: 1, value: 2 },
    ]);
    expect(twice).toHaveLength(1);
    expect(twice[0]).toMatchObject({ path: 'values[1].value', blocking: true });
    // Different locations are different cells.
    expect(
      check([
        { indicatorId: 1, location: 'Xã A Mú Sung', value: 1 },
        { indicatorId: 1, location: 'Xã Y Tý', value: 2 },
      ]),
    ).toEqual([]);
  });

  it('treats null and empty text as no value', () => {
    expect(check([{ indicatorId: 1, value: null }])).toEqual([]);
    expect(check([{ indicatorId: 1, value: '   ' }])).toEqual([]);
    expect(encodeValue('  ')).toEqual({ value: null, textValue: null });
    expect(encodeValue(true)).toEqual({ value: 1, textValue: null });
    expect(encodeValue('Ghi chú')).toEqual({ value: null, textValue: 'Ghi chú' });
  });
});

describe('checkValues: warnings', () => {
  it('flags values outside min/max as a warning that blocks neither the draft nor the submission', () => {
    const [issue] = check([{ indicatorId: 7, value: 612.5 }]);
    expect(issue).toMatchObject({ blocking: false, path: 'values[0].value' });
    expect(issue?.message).toContain('612,5');
    expect(issue?.message).toContain('500');
    const onSubmit = check([{ indicatorId: 7, value: 612.5 }], 'submit');
    expect(onSubmit).toHaveLength(1);
    expect(onSubmit[0]).toMatchObject({ blocking: false, path: 'values[0].value' });
    expect(onSubmit[0]?.message).toContain('lớn hơn mức tối đa 500');
    const below = ind({ indicatorId: 10, code: 'TAU', name: 'Tàu thuyền kiểm soát', minValue: 5 });
    const [low] = checkValues([below], [], [{ indicatorId: 10, value: 2 }], 'submit');
    expect(low).toMatchObject({ blocking: false });
    expect(low?.message).toContain('nhỏ hơn mức tối thiểu 5');
  });

  it('on submission still blocks type errors, next to an out-of-range warning that does not', () => {
    const issues = check(
      [
        { indicatorId: 7, value: 612.5 },
        { indicatorId: 1, value: 'N/A' },
      ],
      'submit',
    );
    expect(issues.map((i) => [i.path, i.blocking])).toEqual([
      ['values[0].value', false],
      ['values[1].value', true],
    ]);
  });

  it('flags a broken cross-field rule (members ≥ teams) with both figures; on submission it blocks', () => {
    const issues = check([
      { indicatorId: 2, value: 317 },
      { indicatorId: 3, value: 300 },
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ indicatorId: 3, path: 'values[1].value', blocking: false });
    expect(issues[0]?.message).toContain('≥');
    expect(issues[0]?.message).toContain('317');
    expect(
      check([
        { indicatorId: 2, value: 317 },
        { indicatorId: 3, value: 3276 },
      ]),
    ).toEqual([]);
    expect(
      check(
        [
          { indicatorId: 2, value: 317 },
          { indicatorId: 3, value: 300 },
        ],
        'submit',
      )[0]?.blocking,
    ).toBe(true);
  });

  it('flags a breakdown that does not add up to the total, and a breakdown without a total; on submission they block', () => {
    const off = check([
      { indicatorId: 8, value: 1734 },
      { indicatorId: 8, category: 'NAM', value: 900 },
      { indicatorId: 8, category: 'NU', value: 800 },
    ]);
    expect(off).toHaveLength(1);
    expect(off[0]?.message).toContain('1.700');
    expect(off[0]?.message).toContain('1.734');
    expect(off[0]).toMatchObject({ path: 'values[0].value', blocking: false });
    expect(
      check([
        { indicatorId: 8, value: 1734 },
        { indicatorId: 8, category: 'NAM', value: 934 },
        { indicatorId: 8, category: 'NU', value: 800 },
      ]),
    ).toEqual([]);
    expect(check([{ indicatorId: 8, category: 'NU', value: 800 }])[0]?.message).toContain(
      'chưa nhập tổng số',
    );
    expect(
      check(
        [
          { indicatorId: 8, value: 1734 },
          { indicatorId: 8, category: 'NAM', value: 900 },
          { indicatorId: 8, category: 'NU', value: 800 },
        ],
        'submit',
      )[0]?.blocking,
    ).toBe(true);
    expect(check([{ indicatorId: 8, category: 'NU', value: 800 }], 'submit')[0]?.blocking).toBe(true);
  });

  it('flags a required indicator with no value; on submission it blocks', () => {
    const required = [ind({ ...HO, required: true }), TO];
    const [issue] = checkValues(required, [], [{ indicatorId: 2, value: 5 }], 'save');
    expect(issue).toMatchObject({ indicatorId: 1, blocking: false, path: 'indicators.1' });
    expect(issue?.message).toContain('bắt buộc');
    expect(checkValues(required, [], [], 'submit')[0]?.blocking).toBe(true);
    expect(checkValues(required, [], [{ indicatorId: 1, value: 0 }], 'submit')).toEqual([]);
  });
});

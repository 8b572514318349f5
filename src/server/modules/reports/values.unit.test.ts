import { describe, expect, it } from 'vitest';
import { ALL, formIndicator, HO, RULES, TO } from '../../../../test/formIndicators.ts';
import { checkValues, decodeValue, encodeValue, type ValueRule } from './values.ts';

const check = (values: Parameters<typeof checkValues>[2], mode: 'save' | 'submit' = 'save') =>
  checkValues(ALL, RULES, values, mode);

describe('checkValues: the shared rules worded for the API', () => {
  it('words each refused value naming the indicator, its group and location, under values[i].value', () => {
    const cases: Array<[Parameters<typeof check>[0][number], string]> = [
      [
        { indicatorId: 1, value: 'N/A' },
        'HO – Hộ gia đình được giúp đỡ: phải nhập số (hộ), không nhận "N/A".',
      ],
      [{ indicatorId: 1, value: 'x'.repeat(45) }, `phải nhập số (hộ), không nhận "${'x'.repeat(40)}…".`],
      [
        { indicatorId: 1, value: true },
        'HO – Hộ gia đình được giúp đỡ: phải nhập số (hộ), không nhận Có/Không.',
      ],
      [{ indicatorId: 1, value: 12.5 }, 'phải là số nguyên (hộ), không nhận 12,5.'],
      [{ indicatorId: 2, value: -3 }, 'TO – Tổ tự quản: số tổ không thể âm (-3).'],
      [{ indicatorId: 1, value: 5e9 }, 'số 5.000.000.000 quá lớn, hãy kiểm tra lại (tối đa 1.000.000.000).'],
      [{ indicatorId: 4, value: 120 }, 'Tỷ lệ hộ nghèo: tỷ lệ phải từ 0 đến 100%, không nhận 120.'],
      [{ indicatorId: 5, value: 'yes' }, 'CO – Có quy chế: chỉ nhận Có hoặc Không.'],
      [{ indicatorId: 6, value: 3 }, 'GHI – Ghi chú: cần nhập nội dung bằng chữ.'],
      [
        { indicatorId: 8, category: 'NAM', location: 'Xã Y Tý', value: 'nhiều' },
        'NGUOI – Người được tuyên truyền (nhóm NAM) tại Xã Y Tý: phải nhập số (người)',
      ],
    ];
    for (const [value, message] of cases) {
      const issues = check([value]);
      expect(issues, message).toHaveLength(1);
      expect(issues[0]).toMatchObject({
        indicatorId: value.indicatorId,
        path: 'values[0].value',
        blocking: true,
      });
      expect(issues[0]?.message).toContain(message);
    }
  });

  it('words an unknown indicator or category (under its own path) and the same cell twice', () => {
    expect(check([{ indicatorId: 99, value: 1 }])).toEqual([
      {
        indicatorId: 99,
        category: '',
        location: '',
        path: 'values[0].indicatorId',
        message: 'Chỉ tiêu mã số 99 không có trong biểu mẫu này.',
        blocking: true,
      },
    ]);
    const [cat] = check([{ indicatorId: 8, category: 'KHAC', value: 1 }]);
    expect(cat).toMatchObject({ path: 'values[0].category', blocking: true });
    expect(cat?.message).toBe(
      'NGUOI – Người được tuyên truyền: nhóm "KHAC" không có trong phân tổ (NAM, NU).',
    );
    expect(check([{ indicatorId: 1, category: 'NAM', value: 1 }])[0]?.message).toBe(
      'HO – Hộ gia đình được giúp đỡ: chỉ tiêu này không phân tổ theo nhóm, không nhận nhóm "NAM".',
    );
    const twice = check([
      { indicatorId: 1, value: 1 },
      { indicatorId: 1, value: 2 },
    ]);
    expect(twice).toMatchObject([
      {
        path: 'values[1].value',
        blocking: true,
        message: 'HO – Hộ gia đình được giúp đỡ: giá trị được nhập hai lần.',
      },
    ]);
  });

  it('words out-of-range values as warnings that block neither the draft nor the submission', () => {
    for (const mode of ['save', 'submit'] as const) {
      expect(check([{ indicatorId: 7, value: 612.5 }], mode)).toMatchObject([
        { blocking: false, path: 'values[0].value', message: 'KP – Kinh phí: 612,5 lớn hơn mức tối đa 500.' },
      ]);
    }
    const below = formIndicator({ indicatorId: 10, code: 'TAU', name: 'Tàu thuyền kiểm soát', minValue: 5 });
    const [low] = checkValues([below], [], [{ indicatorId: 10, value: 2 }], 'submit');
    expect(low).toMatchObject({
      blocking: false,
      message: 'TAU – Tàu thuyền kiểm soát: 2 nhỏ hơn mức tối thiểu 5.',
    });
  });

  it('words a broken cross-field rule with both figures, with and without its own message; on submission it blocks', () => {
    const values = [
      { indicatorId: 2, location: 'Xã Y Tý', value: 317 },
      { indicatorId: 3, location: 'Xã Y Tý', value: 300 },
    ];
    const [issue, ...rest] = check(values);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      indicatorId: 3,
      location: 'Xã Y Tý',
      path: 'values[1].value',
      blocking: false,
    });
    expect(issue?.message).toBe('TV – Thành viên tổ tự quản tại Xã Y Tý (300) phải ≥ TO – Tổ tự quản (317).');
    expect(check(values, 'submit')[0]?.blocking).toBe(true);
    const own: ValueRule[] = [{ ...(RULES[0] as ValueRule), message: 'mỗi tổ có ít nhất một thành viên' }];
    expect(checkValues(ALL, own, values, 'save')[0]?.message).toBe(
      'TV – Thành viên tổ tự quản tại Xã Y Tý: mỗi tổ có ít nhất một thành viên (300 ≥ 317 không đúng).',
    );
  });

  it('words a breakdown that does not add up, or has no total, under the total; on submission they block', () => {
    const off = [
      { indicatorId: 8, value: 1734 },
      { indicatorId: 8, category: 'NAM', value: 900 },
      { indicatorId: 8, category: 'NU', value: 800 },
    ];
    expect(check(off)).toMatchObject([
      {
        path: 'values[0].value',
        blocking: false,
        message: 'NGUOI – Người được tuyên truyền: cộng các nhóm được 1.700, khác tổng số 1.734.',
      },
    ]);
    expect(check(off, 'submit')[0]?.blocking).toBe(true);
    const noTotal = [{ indicatorId: 8, category: 'NU', location: 'Xã A', value: 800 }];
    expect(check(noTotal, 'submit')).toMatchObject([
      {
        path: 'indicators.8',
        blocking: true,
        message:
          'NGUOI – Người được tuyên truyền tại Xã A: có số theo nhóm (cộng 800) nhưng chưa nhập tổng số.',
      },
    ]);
    // A total sent empty is named by its value.
    expect(
      check([{ indicatorId: 8, value: null }, ...noTotal.map((v) => ({ ...v, location: '' }))])[0]?.path,
    ).toBe('values[0].value');
  });

  it('words a required indicator with no value under indicators.<id>; on submission it blocks', () => {
    const required = [formIndicator({ ...HO, required: true }), TO];
    expect(checkValues(required, [], [{ indicatorId: 2, value: 5 }], 'save')).toEqual([
      {
        indicatorId: 1,
        category: '',
        location: '',
        path: 'indicators.1',
        message: 'HO – Hộ gia đình được giúp đỡ: chỉ tiêu bắt buộc, chưa nhập số liệu.',
        blocking: false,
      },
    ]);
    expect(checkValues(required, [], [], 'submit')[0]?.blocking).toBe(true);
  });

  it('stores empty text as no value, yes/no as 1/0 and text apart', () => {
    expect(encodeValue('  ')).toEqual({ value: null, textValue: null });
    expect(encodeValue(true)).toEqual({ value: 1, textValue: null });
    expect(encodeValue('Ghi chú')).toEqual({ value: null, textValue: 'Ghi chú' });
    expect(decodeValue('boolean', { value: 0, textValue: null })).toBe(false);
    expect(decodeValue('text', { value: null, textValue: 'Ghi chú' })).toBe('Ghi chú');
    expect(decodeValue('integer', { value: 12, textValue: null })).toBe(12);
  });
});

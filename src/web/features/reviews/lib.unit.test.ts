import { describe, expect, it } from 'vitest';
import { fileNameOf, reviewPeriods, reviewPhrase, signed, yearsOf } from './lib.ts';

const agreement = (over: Partial<Parameters<typeof yearsOf>[0]> = {}) => ({
  validFrom: null,
  validTo: null,
  year: null,
  signedOn: null,
  plans: [],
  ...over,
});

describe('review periods offered', () => {
  it('a 2022–2025 program: the phase, then each year to this year with its first half, newest first', () => {
    const a = agreement({ validFrom: '2022-01-01', validTo: '2025-12-31' });
    expect(reviewPeriods(a, 2024)).toEqual([
      '2022-2025',
      '2024',
      '2024-H1',
      '2023',
      '2023-H1',
      '2022',
      '2022-H1',
    ]);
  });

  it('a yearly plan: its year only, no phase', () => {
    expect(reviewPeriods(agreement({ year: 2023 }), 2026)).toEqual(['2023', '2023-H1']);
  });

  it('an open-ended program (the Lào Cai demo): from its first plan, at least five years back', () => {
    const years = yearsOf(agreement({ plans: [{ year: 2023 }, { year: 2024 }] }), 2026);
    expect(years).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    expect(yearsOf(agreement({ plans: [{ year: 2015 }] }), 2026).at(-1)).toBe(2015);
  });
});

describe('review names', () => {
  it('sơ kết for a year or a half, tổng kết for the phase, the period as inside a sentence', () => {
    expect(reviewPhrase('2023', 'vi')).toEqual({ kind: 'interim', phrase: 'năm 2023' });
    expect(reviewPhrase('2024-H1', 'vi')).toEqual({ kind: 'interim', phrase: '6 tháng đầu năm 2024' });
    expect(reviewPhrase('2022-2025', 'vi')).toEqual({ kind: 'final', phrase: 'giai đoạn 2022–2025' });
    expect(reviewPhrase('2023', 'en')).toEqual({ kind: 'interim', phrase: 'Year 2023' });
  });
});

describe('downloads and figures', () => {
  it('reads the UTF-8 file name of a Content-Disposition header, else the plain one, else the fallback', () => {
    expect(
      fileNameOf(
        `attachment; filename="bao-cao.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20s%C6%A1%20k%E1%BA%BFt.docx`,
        'x',
      ),
    ).toBe('Báo cáo sơ kết.docx');
    expect(fileNameOf('attachment; filename="bao-cao.xlsx"', 'x')).toBe('bao-cao.xlsx');
    expect(fileNameOf(null, 'bao-cao-2023.pdf')).toBe('bao-cao-2023.pdf');
  });

  it('signs a change on the previous period', () => {
    const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
    expect(signed(1734, vi)).toBe('+1.734');
    expect(signed(-12.5, vi)).toBe('−12,5');
    expect(signed(0, vi)).toBe('0');
  });
});

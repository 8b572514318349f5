import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../contracts/periods.ts';
import {
  assembleDraft,
  defaultTitle,
  draftTexts,
  type ReviewInput,
  reviewKindOf,
  sectionKeyOf,
} from './assemble.ts';
import { changeText, figureRow, formatNumber } from './document.ts';

const program = {
  subject: 'chương trình phối hợp giữa Bộ Chỉ huy BĐBP tỉnh và Ban Dân tộc tỉnh',
  validFrom: '2022-01-01',
  validTo: '2025-12-31',
};
const figure = (indicatorId: number, value: number | null) => ({
  indicatorId,
  code: `C${indicatorId}`,
  name: `Chỉ tiêu ${indicatorId}`,
  uom: 'hộ',
  value,
  target: null,
  achievedPct: null,
  previous: null,
  change: null,
  reports: value === null ? 0 : 1,
});
const input = (over: Partial<ReviewInput> = {}): ReviewInput => ({
  period: parsePeriod('2024-H1')!,
  reviewKind: 'so_ket',
  asOf: '2024-07-10',
  sections: [
    { id: 1, agreementId: 10, title: '1. Về công tác tham mưu' },
    { id: 2, agreementId: 11, title: 'Về  công tác THAM MƯU' },
    { id: 3, agreementId: 11, title: '2. Tuyên truyền' },
  ],
  tasks: [
    {
      id: 1,
      agreementId: 10,
      sectionId: 1,
      title: 'A',
      status: 'done',
      dueDate: null,
      overdue: false,
      leadUnit: 'Đồn X',
    },
    {
      id: 2,
      agreementId: 11,
      sectionId: 2,
      title: 'B',
      status: 'in_progress',
      dueDate: null,
      overdue: true,
      leadUnit: null,
    },
    {
      id: 3,
      agreementId: 11,
      sectionId: null,
      title: 'C',
      status: 'not_started',
      dueDate: null,
      overdue: false,
      leadUnit: null,
    },
  ],
  figures: [figure(7, 1734), figure(8, null)],
  indicatorSections: new Map([[7, new Set([2])]]),
  reports: [],
  conclusions: [],
  ...over,
});

describe('review assembler', () => {
  it('merges sections of the same title across the program and its plans', () => {
    expect(sectionKeyOf('1. Về công tác tham mưu')).toBe(sectionKeyOf('Về  công tác THAM MƯU'));
    const d = assembleDraft(input());
    expect(d.results.map((r) => r.title)).toEqual([
      'Về công tác tham mưu',
      'Tuyên truyền',
      'Các nhiệm vụ, chỉ tiêu chung',
    ]);
    expect(d.results[0]!.tasks.done.map((t) => t.id)).toEqual([1]);
    expect(d.results[0]!.tasks.overdue.map((t) => t.id)).toEqual([2]);
    expect(d.results[0]!.figures.map((f) => f.indicatorId)).toEqual([7]);
    expect(d.results[2]!.tasks.notStarted.map((t) => t.id)).toEqual([3]);
    expect(d.results[2]!.figures.map((f) => f.indicatorId)).toEqual([8]);
  });

  it('says plainly when nothing approved lies in the period', () => {
    const d = assembleDraft(input());
    expect(d.hasApprovedData).toBe(false);
    expect(d.sample).toBe(false);
    expect(assembleDraft(input({ sample: true })).sample).toBe(true);
    expect(d.notice).toContain('Chưa có số liệu được duyệt cho kỳ này (6 tháng đầu năm 2024)');
    const withReport = assembleDraft(
      input({
        reports: [
          {
            unitId: 1,
            unitName: 'Đồn Y Tý',
            period: '2024-Q1',
            periodStart: '2024-01-01',
            narrative: { han_che: 'Thiếu kinh phí' },
          },
        ],
      }),
    );
    expect(withReport.notice).toBeNull();
    expect(withReport.prefill.shortcomings).toBe('- Đồn Y Tý (Quý I/2024): Thiếu kinh phí');
  });

  it('keeps the author’s text over the prefill', () => {
    const d = assembleDraft(input());
    const texts = draftTexts(d, { lessons: 'Bài học riêng' });
    expect(texts.lessons).toBe('Bài học riêng');
    expect(texts.directions).toContain('Tiếp tục thực hiện: B — đã quá hạn.');
  });

  it('titles and kinds: sơ kết for a year or half, tổng kết for the phase', () => {
    expect(defaultTitle(parsePeriod('2023')!, program)).toBe(
      'Báo cáo sơ kết năm 2023 thực hiện Chương trình phối hợp giữa Bộ Chỉ huy BĐBP tỉnh và Ban Dân tộc tỉnh',
    );
    expect(defaultTitle(parsePeriod('2024-H1')!, program)).toMatch(
      /^Báo cáo sơ kết 6 tháng đầu năm 2024 thực hiện/,
    );
    expect(reviewKindOf(parsePeriod('2022-2025')!, program)).toBe('tong_ket');
    expect(reviewKindOf(parsePeriod('2022')!, { validFrom: '2022-01-01', validTo: '2022-12-31' })).toBe(
      'tong_ket',
    );
  });

  it('prints numbers the Vietnamese way and never a 0 for a missing figure', () => {
    expect(formatNumber(1734)).toBe('1.734');
    expect(formatNumber(12.5)).toBe('12,5');
    expect(changeText({ value: 10, change: -3 })).toBe('-3');
    expect(changeText({ value: 10, change: 0 })).toBe('bằng');
    expect(changeText({ value: null, change: null })).toBe('—');
    expect(figureRow({ ...figure(9, 1), valueType: 'boolean' }, 1)[4]).toBe('Có');
    expect(figureRow(figure(8, null), 0)).toEqual([
      '1',
      'Chỉ tiêu 8',
      'hộ',
      '—',
      'chưa có số liệu',
      '—',
      '—',
    ]);
  });
});

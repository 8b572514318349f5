import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { bodyOf, fileNameOf, type MeetingValues, meetingWhen, pdfUrl, upcomingFirst } from './model.ts';
import type { MeetingItem } from './queries.ts';

const item = (id: number, startsAt: string): MeetingItem => ({
  id,
  agreementId: null,
  agreementSubject: null,
  kind: 'briefing',
  title: `Hội nghị ${id}`,
  startsAt,
  place: null,
  hostUnit: { id: 1, name: 'Ban Dân tộc tỉnh Lào Cai', shortName: null },
  status: 'planned',
});

const values = (over: Partial<MeetingValues> = {}): MeetingValues => ({
  kind: 'interim_review',
  title: 'Hội nghị sơ kết năm 2023',
  agreementId: '7',
  reviewPeriod: ' ',
  startDate: '2024-01-03',
  startTime: '14:00',
  endTime: '',
  place: 'Hội trường',
  hostUnitId: 3,
  unitIds: [4, 5],
  status: 'planned',
  attendees: [{ key: 'a', role: 'chair', name: 'Nguyễn Văn Bình', title: 'Phó Chỉ huy trưởng', unitId: 4 }],
  agenda: [
    { key: 'x', title: 'Báo cáo sơ kết', presenter: '' },
    { key: 'y', title: 'Phát biểu kết luận', presenter: 'Chủ trì' },
  ],
  minutes: '',
  conclusions: [
    { key: 'c1', id: 11, text: 'Giữ nguyên', leadUnitId: 4, cooperatingUnitIds: [5], dueDate: '2024-06-30' },
    { key: 'c2', text: 'Kết luận mới', leadUnitId: null, cooperatingUnitIds: [], dueDate: null },
  ],
  version: 3,
  ...over,
});

describe('meeting helpers', () => {
  it('writes dates dd/mm/yyyy and 24-hour times, the end time alone on the same day', () => {
    expect(meetingWhen('2024-01-03T14:00:00')).toBe('03/01/2024, 14:00');
    expect(meetingWhen('2024-01-03T08:00:00', '2024-01-03T16:30:00')).toBe('03/01/2024, 08:00 – 16:30');
    expect(meetingWhen('2024-01-03T08:00:00', '2024-01-04T11:00:00')).toBe(
      '03/01/2024, 08:00 – 04/01/2024, 11:00',
    );
  });

  it('lists upcoming meetings soonest first, then past ones latest first', () => {
    const now = new Date('2024-05-01T00:00:00Z').getTime();
    const sorted = upcomingFirst(
      [
        item(1, '2024-01-03T07:00:00Z'),
        item(2, '2024-06-01T07:00:00Z'),
        item(3, '2024-05-28T07:00:00Z'),
        item(4, '2024-03-01T07:00:00Z'),
      ],
      now,
    );
    expect(sorted.map((m) => m.id)).toEqual([3, 2, 4, 1]);
  });

  it('builds the request: date-time with offset, ordered agenda, kept conclusion ids, blanks as null', () => {
    const body = bodyOf(values());
    expect(dayjs(body.startsAt).format('YYYY-MM-DD HH:mm')).toBe('2024-01-03 14:00');
    expect(body.startsAt).toMatch(/([+-]\d{2}:\d{2}|Z)$/);
    expect(body.endsAt).toBeNull();
    expect(body.reviewPeriod).toBeNull();
    expect(body.agreementId).toBe(7);
    expect(body.agenda.map((a) => a.title)).toEqual(['Báo cáo sơ kết', 'Phát biểu kết luận']);
    expect(body.attendees[0]).toEqual({
      role: 'chair',
      name: 'Nguyễn Văn Bình',
      title: 'Phó Chỉ huy trưởng',
      unitId: 4,
    });
    expect(body.conclusions).toEqual([
      { id: 11, text: 'Giữ nguyên', leadUnitId: 4, cooperatingUnitIds: [5], dueDate: '2024-06-30' },
      { text: 'Kết luận mới', leadUnitId: null, cooperatingUnitIds: [], dueDate: null },
    ]);
    const withEnd = bodyOf(values({ endTime: '16:30', reviewPeriod: '2023' }));
    expect(dayjs(withEnd.endsAt).format('YYYY-MM-DD HH:mm')).toBe('2024-01-03 16:30');
    expect(withEnd.reviewPeriod).toBe('2023');
  });

  it('reads the Vietnamese file name of a download and builds the PDF address', () => {
    const header = `attachment; filename="Giay moi.docx"; filename*=UTF-8''${encodeURIComponent('Giấy mời hội nghị.docx')}`;
    expect(fileNameOf(header, 'x.docx')).toBe('Giấy mời hội nghị.docx');
    expect(fileNameOf('attachment; filename="ke-hoach.xlsx"', 'x.xlsx')).toBe('ke-hoach.xlsx');
    expect(fileNameOf(null, 'x.docx')).toBe('x.docx');
    expect(pdfUrl('/api/meetings/3/invitation.docx')).toBe('/api/meetings/3/invitation.docx?format=pdf');
    expect(pdfUrl('/api/awards/list.docx?meetingId=3')).toBe('/api/awards/list.docx?meetingId=3&format=pdf');
  });
});

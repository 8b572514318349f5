import { describe, expect, it } from 'vitest';
import { ackSummary, composeBody, emptyCompose, isoToday, recipientGroups, requestState } from './model.ts';

const unit = (id: number, name: string) => ({ id, name, shortName: null });

describe('exchange model', () => {
  it('counts the recipient units that acknowledged', () => {
    const r = (acknowledgedAt: string | null) => ({
      unit: unit(1, 'A'),
      acknowledgedAt,
      acknowledgedBy: null,
    });
    expect(
      ackSummary({ recipients: [r('2024-10-15T01:00:00Z'), r(null), r('2024-10-16T01:00:00Z')] }),
    ).toEqual({
      acked: 2,
      total: 3,
    });
    expect(ackSummary({ recipients: [] })).toEqual({ acked: 0, total: 0 });
  });

  it('formats the local day as yyyy-mm-dd', () => {
    expect(isoToday(new Date(2024, 9, 5, 23, 30))).toBe('2024-10-05');
  });

  it('tells open, overdue and answered coordination requests apart', () => {
    const req = {
      kind: 'coordination_request' as const,
      open: true,
      respondBy: '2024-10-20',
      answeredAt: null,
    };
    expect(requestState(req, '2024-10-20')).toBe('open');
    expect(requestState(req, '2024-10-21')).toBe('overdue');
    expect(requestState({ ...req, open: false, answeredAt: '2024-10-18T02:00:00Z' }, '2024-10-21')).toBe(
      'answered',
    );
    expect(requestState({ ...req, kind: 'tip_off' }, '2024-10-21')).toBe('none');
  });

  it('builds the request body: agreement as a number, no deadline unless a request, trimmed subject', () => {
    const v = {
      ...emptyCompose({ senderUnitId: 7, agreementId: 3, today: '2024-10-15' }),
      kind: 'tip_off' as const,
      subject: '  Tin báo  ',
      body: 'Nội dung',
      recipientUnitIds: [9],
      respondBy: '2024-10-30',
    };
    expect(composeBody(v)).toEqual({
      senderUnitId: 7,
      agreementId: 3,
      recipientUnitIds: [9],
      allParties: false,
      kind: 'tip_off',
      subject: 'Tin báo',
      body: 'Nội dung',
      sensitivity: 'thuong',
      occurredOn: '2024-10-15',
      respondBy: null,
    });
    expect(composeBody({ ...v, kind: 'coordination_request' }).respondBy).toBe('2024-10-30');
    // "all parties" needs an agreement
    expect(composeBody({ ...v, agreementId: null, allParties: true })).toMatchObject({
      agreementId: null,
      allParties: false,
    });
  });

  it('offers the parties first, then the other units, never the sender', () => {
    const labels = { parties: 'P', others: 'O' };
    const parties = [unit(2, 'Ban Dân tộc tỉnh Lào Cai'), unit(1, 'Bộ Chỉ huy BĐBP tỉnh Lào Cai')];
    const directory = [
      unit(1, 'Bộ Chỉ huy BĐBP tỉnh Lào Cai'),
      unit(5, 'Đồn Biên phòng Tả Gia Khâu'),
      unit(6, 'Ấp'),
    ];
    expect(recipientGroups(parties, directory, 5, labels)).toEqual([
      {
        group: 'P',
        items: [
          { value: '2', label: 'Ban Dân tộc tỉnh Lào Cai' },
          { value: '1', label: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai' },
        ],
      },
      { group: 'O', items: [{ value: '6', label: 'Ấp' }] },
    ]);
    // without an agreement: the whole directory, ungrouped
    expect(recipientGroups([], directory, 5, labels)).toEqual([
      { value: '6', label: 'Ấp' },
      { value: '1', label: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Issuer } from '../documents/issuer.ts';
import { awardListBody, awardListDocument, awardListFileName, individualCell } from './document.ts';
import type { AwardOut } from './service.ts';

const issuer: Issuer = {
  unitId: 1,
  kind: 'border_command',
  profile: 'state',
  issuer: { parentName: null, name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', abbreviation: 'BĐBP' },
  place: 'Lào Cai',
};

let seq = 0;
const award = (over: Partial<AwardOut> = {}): AwardOut => ({
  id: ++seq,
  stage: 'proposal',
  recipientKind: 'collective',
  unit: { id: 2, name: 'Đồn Biên phòng Y Tý', shortName: null },
  personName: null,
  personTitle: null,
  form: 'Bằng khen của Chủ tịch UBND tỉnh',
  achievement: 'Thành tích xuất sắc',
  evidence: [],
  agreementId: null,
  meetingId: null,
  proposingUnit: null,
  decisionNumber: null,
  decisionDate: null,
  decidingBody: null,
  year: 2023,
  version: 1,
  abilities: { update: true, delete: true },
  ...over,
});

describe('awardListDocument', () => {
  it('says plainly when there is nobody on the list (no empty tables)', () => {
    const body = awardListBody([]);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ kind: 'paragraph' });
    expect(JSON.stringify(body)).toContain('Chưa có tập thể, cá nhân nào');
  });

  it('a list of proposals is titled as proposals, with the agreement and year, and no annex line', () => {
    const doc = awardListDocument({
      issuer,
      items: [award(), award({ stage: 'decision', decisionNumber: '1/QĐ', decisionDate: '2024-01-02' })],
      meeting: null,
      agreementSubject: 'Chương trình phối hợp giai đoạn 2022–2025',
      year: 2023,
    });
    expect(doc.type).toBe('DS');
    expect(doc.subject).toBe(
      'Tập thể, cá nhân đề nghị khen thưởng trong thực hiện Chương trình phối hợp giai đoạn 2022–2025 năm 2023',
    );
    expect(doc.date).toBeNull();
    expect(JSON.stringify(doc.body)).not.toContain('Kèm theo');
  });

  it('keeps forms apart, collectives before individuals, NFC text and Vietnamese capitals', () => {
    const decomposed = 'Giấy khen của Đồn Biên phòng'.normalize('NFD');
    const body = awardListBody([
      award({ form: decomposed, recipientKind: 'individual', personName: 'Vàng A Dình'.normalize('NFD') }),
      award({ form: decomposed }),
    ]);
    expect(body.map((b) => (b.kind === 'heading' ? b.text : b.kind))).toEqual([
      'I. GIẤY KHEN CỦA ĐỒN BIÊN PHÒNG',
      '1. Tập thể',
      'table',
      '2. Cá nhân',
      'table',
    ]);
    const individuals = body[4];
    expect(individuals?.kind === 'table' && individuals.rows[0]?.[1]).toBe(
      'Vàng A Dình, Đồn Biên phòng Y Tý',
    );
  });

  it('an individual cell joins name, title and unit; the file name drops characters file systems refuse', () => {
    expect(individualCell(award({ personName: 'Lò Văn Páo', personTitle: 'Già làng' }))).toBe(
      'Lò Văn Páo, Già làng, Đồn Biên phòng Y Tý',
    );
    expect(
      awardListFileName({
        meeting: { title: 'Hội nghị 6/2024: giao ban', date: '2024-06-28' },
        agreementSubject: null,
        year: null,
      }),
    ).toBe('Danh sách khen thưởng Hội nghị 6 2024 giao ban');
  });
});

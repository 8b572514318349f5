import { describe, expect, it } from 'vitest';
import { legalCitation, normalizeDocNumber } from './number.ts';

describe('legal document numbers', () => {
  it('reads the same Party conclusion however it is typed', () => {
    for (const raw of ['số 65 - KL/TW', '65-kl/tw', '65–KL/TW', 'Số 65-KL/TW', ' 65 —KL / TW ']) {
      expect(normalizeDocNumber(raw)).toEqual({ number: '65-KL/TW', key: '65-KL/TW' });
    }
  });

  it('keeps law and decision numbers, with Vietnamese capitals and mixed case', () => {
    expect(normalizeDocNumber('120/2020/QH14').number).toBe('120/2020/QH14');
    expect(normalizeDocNumber('12/2018/QĐ- TTg')).toEqual({
      number: '12/2018/QĐ-TTg',
      key: '12/2018/QĐ-TTG',
    });
    expect(normalizeDocNumber('12/2018/qđ-ttg').key).toBe('12/2018/QĐ-TTG');
  });

  it('writes the citation in Vietnamese', () => {
    expect(
      legalCitation({
        docType: 'ket_luan',
        number: '65-KL/TW',
        issuedOn: '2019-10-30',
        issuer: 'Bộ Chính trị',
      }),
    ).toBe('Kết luận số 65-KL/TW ngày 30/10/2019 của Bộ Chính trị');
    expect(legalCitation({ docType: 'luat', number: '120/2020/QH14' })).toBe('Luật số 120/2020/QH14');
  });
});

import { describe, expect, it } from 'vitest';
import { fieldLabel } from './fieldLabels.ts';
import { foldVietnamese, searchIndexText, searchTokens } from './text.ts';

describe('Vietnamese search folding', () => {
  it('drops diacritics and folds đ/Đ to d', () => {
    expect(foldVietnamese('Đồn Biên phòng Tả Gia Khâu')).toBe('don bien phong ta gia khau');
    expect(foldVietnamese('Ban Dân tộc tỉnh Lào Cai')).toBe('ban dan toc tinh lao cai');
    expect(foldVietnamese('Đoàn KT-QP 379')).toBe('doan kt qp 379');
  });

  it('indexes both an abbreviation and its expansion', () => {
    const text = searchIndexText('Bộ Chỉ huy BĐBP tỉnh Lai Châu');
    for (const token of searchTokens('bien phong lai chau')) expect(text).toContain(token);
    expect(searchIndexText('Bộ đội Biên phòng tỉnh Lai Châu')).toContain('bdbp');
    expect(searchIndexText('Ủy ban nhân dân huyện Mường Tè')).toContain('ubnd');
  });

  it('does not expand an abbreviation found inside another word', () => {
    expect(searchIndexText('Tổ tự quản')).not.toContain('thanh pho');
  });

  it('splits a query into folded tokens', () => {
    expect(searchTokens('  Dân   tộc, LAI-châu ')).toEqual(['dan', 'toc', 'lai', 'chau']);
    expect(searchTokens('')).toEqual([]);
  });
});

describe('field labels', () => {
  it('names the last named segment of a path in Vietnamese or English', () => {
    expect(fieldLabel(['name'])).toBe('Tên');
    expect(fieldLabel(['grants', 0, 'unitId'])).toBe('Đơn vị');
    expect(fieldLabel(['grants', 0, 'unitId'], 'en')).toBe('Unit');
    expect(fieldLabel(['unknownField'])).toBe('unknownField');
  });
});

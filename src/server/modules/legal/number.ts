import type { LegalDocument } from '../../../contracts/agreements.ts';

// Legal document numbers as people type them: "số 65 - KL/TW", "65-kl/tw", "65–KL/TW",
// "12/2018/QĐ- TTg". `number` is the tidy official form; `key` is what makes two spellings of
// the same document equal (upper case, no spaces), stored unique in legal_documents.number_key.
export interface DocNumber {
  number: string;
  key: string;
}

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const LEADING_SO = /^(?:s[oốồổỗộơớờởỡợ]|so)\.?\s*(?:[:.]\s*)?(?=\d)/iu;

export function normalizeDocNumber(raw: string): DocNumber {
  let s = raw.normalize('NFC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
  s = s.replace(LEADING_SO, '').trim();
  s = s.replace(/\s*([-/])\s*/g, '$1');
  // Typed all in lower case ("65-kl/tw"): the official form is in capitals. Mixed case such
  // as "QĐ-TTg" (Thủ tướng) is kept as written.
  const hasUpper = s !== s.toLocaleLowerCase('vi');
  const number = hasUpper ? s : s.toLocaleUpperCase('vi');
  const key = number.toLocaleUpperCase('vi').replace(/\s+/g, '');
  return { number, key };
}

export const LEGAL_DOC_TYPE_NAMES: Record<LegalDocument['docType'], string> = {
  nghi_quyet: 'Nghị quyết',
  ket_luan: 'Kết luận',
  chi_thi: 'Chỉ thị',
  quyet_dinh: 'Quyết định',
  thong_tri: 'Thông tri',
  luat: 'Luật',
  nghi_dinh: 'Nghị định',
  thong_tu: 'Thông tư',
  huong_dan: 'Hướng dẫn',
  quy_dinh: 'Quy định',
  chuong_trinh: 'Chương trình',
  ke_hoach: 'Kế hoạch',
  cong_van: 'Công văn',
  khac: 'Văn bản',
};

/** "Kết luận số 65-KL/TW ngày 30/10/2019 của Bộ Chính trị" */
export function legalCitation(doc: {
  docType: LegalDocument['docType'];
  number: string;
  issuedOn?: string | null;
  issuer?: string | null;
}): string {
  const parts = [`${LEGAL_DOC_TYPE_NAMES[doc.docType]} số ${doc.number}`];
  if (doc.issuedOn) {
    const [y, m, d] = doc.issuedOn.split('-');
    parts.push(`ngày ${d}/${m}/${y}`);
  }
  if (doc.issuer) parts.push(`của ${doc.issuer}`);
  return parts.join(' ');
}

// Format profiles of official documents, as data: a change in the rules is a change here,
// not in the renderer. Sizes in points, lengths in millimetres (the renderer converts them).
//
// state: Nghị định 30/2020/NĐ-CP, Phụ lục I "Thể thức, kỹ thuật trình bày văn bản hành chính"
//   (Phần I, mục II "Kỹ thuật trình bày văn bản" — khổ giấy, lề, phông, cỡ chữ; mục III the
//   elements one by one). Ranges in the rule are noted; the value chosen is the usual one.
// party: Hướng dẫn 36-HD/VPTW (03/4/2018) "thể thức và kỹ thuật trình bày văn bản của Đảng".
//   Reported to be replaced in 2026 (Quy định 399-QĐ/TW, Hướng dẫn 05-HD/VPTW): write a new
//   profile object and point PROFILES.party at it — nothing else changes.

import type { DocProfile, DocTypeCode } from '../../../contracts/documents.ts';
import type { UnitKind } from '../../../contracts/units.ts';

export interface TextStyle {
  /** Points. */
  size: number;
  bold: boolean;
  italic: boolean;
  /** Written in capitals by the renderer. */
  caps: boolean;
  underline?: boolean;
}

export interface FormatProfile {
  id: DocProfile;
  rule: string;
  page: {
    /** mm, portrait. */
    width: number;
    height: number;
    margins: { top: number; bottom: number; left: number; right: number };
  };
  font: string;
  /** Share of the text width taken by the header block's left column (issuing body). */
  headerLeftShare: number;
  /** The national motto (state) or the Party's name (party), top right. */
  motto: {
    lines: Array<{ text: string; style: TextStyle }>;
    /** A solid line under the last line (as long as the text, state; short, party). */
    lineBelow: boolean;
  };
  parentBody: TextStyle;
  issuingBody: TextStyle;
  /** What goes under the issuing body: a short line (state) or an asterisk (party). */
  issuingBodyMark: 'line' | 'asterisk';
  numberLine: TextStyle & {
    /** "Số: 15/BC-UBND" (state) vs "Số 15-BC/TU" (party). */
    format: (number: string, type: DocTypeCode, abbreviation: string) => string;
  };
  dateLine: TextStyle;
  docType: TextStyle;
  subject: TextStyle & { lineBelow: boolean };
  legalBases: TextStyle;
  body: TextStyle & {
    /** cm. */
    firstLineIndent: number;
    /** Points before/after a paragraph. */
    spacingAfter: number;
    /** 1 = single, 1.5 … */
    lineSpacing: number;
  };
  headings: Record<1 | 2 | 3, TextStyle>;
  table: { size: number; headerBold: boolean };
  signer: {
    authority: TextStyle;
    title: TextStyle;
    name: TextStyle;
    /** Blank lines left for the signature and seal. */
    blankLines: number;
  };
  recipientsLabel: TextStyle & { text: string };
  recipients: TextStyle;
  /** The last recipient line, "- Lưu: VT, BDT." (state). */
  fileCopy: (unit: string | null | undefined) => string;
  pageNumber: TextStyle & { showOnFirstPage: boolean };
  /** Blank number in a draft ("Số:      /BC-BĐBP"). */
  blankNumber: string;
}

const t = (size: number, bold = false, italic = false, caps = false, underline = false): TextStyle => ({
  size,
  bold,
  italic,
  caps,
  underline,
});

export const STATE_PROFILE: FormatProfile = {
  id: 'state',
  rule: 'Nghị định 30/2020/NĐ-CP, Phụ lục I',
  // Phụ lục I, Phần I, mục II.1: khổ A4 (210 mm x 297 mm), trình bày theo chiều dài.
  page: {
    width: 210,
    height: 297,
    // mục II.3: lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm.
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
  },
  // mục II.4: phông chữ tiếng Việt Times New Roman, bộ mã Unicode (TCVN 6909:2001), màu đen.
  font: 'Times New Roman',
  headerLeftShare: 0.42,
  motto: {
    lines: [
      // mục III.1 (ô số 1): Quốc hiệu in hoa, cỡ 12–13, đứng, đậm.
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: t(12, true, false, true) },
      // mục III.1: Tiêu ngữ in thường (chữ đầu các cụm từ hoa), cỡ 13–14, đứng, đậm; gạch nối
      // có cách chữ; đường kẻ liền dưới, dài bằng độ dài dòng chữ.
      { text: 'Độc lập - Tự do - Hạnh phúc', style: t(13, true) },
    ],
    lineBelow: true,
  },
  // mục III.2 (ô số 2): tên cơ quan chủ quản in hoa, cỡ 12–13, đứng.
  parentBody: t(12, false, false, true),
  // mục III.2: tên cơ quan ban hành in hoa, cỡ 12–13, đứng, đậm; đường kẻ ngang 1/3–1/2 độ
  // dài dòng chữ, đặt cân đối.
  issuingBody: t(12, true, false, true),
  issuingBodyMark: 'line',
  // mục III.3 (ô số 3): "Số" chữ thường, ký hiệu in hoa, cỡ 13, đứng; sau "Số" có dấu hai chấm;
  // số dưới 10 ghi thêm số 0 phía trước; giữa số và ký hiệu có dấu "/", giữa các nhóm chữ
  // viết tắt của ký hiệu có dấu "-" không cách chữ (Phụ lục I, Phần I, mục I.3).
  numberLine: {
    ...t(13),
    format: (number, type, abbreviation) => `Số: ${number}/${type}-${abbreviation}`,
  },
  // mục III.4 (ô số 4): địa danh và thời gian chữ thường, cỡ 13–14, nghiêng; ngày dưới 10 và
  // tháng 1, 2 ghi thêm số 0 phía trước (Phần I, mục I.4).
  dateLine: t(14, false, true),
  // mục III.5 (ô số 5a): tên loại văn bản in hoa, cỡ 13–14, đứng, đậm, căn giữa.
  docType: t(14, true, false, true),
  // mục III.5: trích yếu chữ thường, cỡ 13–14, đứng, đậm, căn giữa; đường kẻ 1/3–1/2 dưới.
  subject: { ...t(14, true), lineBelow: true },
  // mục III.6 (ô số 6) and Phần I mục I.6: căn cứ ban hành chữ thường, nghiêng, cỡ 13–14;
  // sau mỗi căn cứ xuống dòng, cuối dòng có dấu ";", dòng cuối kết thúc bằng dấu ".".
  legalBases: t(14, false, true),
  // mục III.6: nội dung chữ thường, cỡ 13–14, căn đều hai lề; lùi đầu dòng 1 cm hoặc 1,27 cm;
  // khoảng cách giữa các đoạn tối thiểu 6 pt; giãn dòng từ đơn (single) đến 1,5 lines.
  body: { ...t(14), firstLineIndent: 1, spacingAfter: 6, lineSpacing: 1.15 },
  // Phần I, mục I.6: bố cục phần, mục, khoản, điểm — "I." (in hoa, đậm), "1." (đậm), "a)".
  headings: {
    1: t(14, true, false, true),
    2: t(14, true),
    3: t(14, false, true),
  },
  table: { size: 13, headerBold: true },
  signer: {
    // mục III.7 (ô số 7a, 7b): quyền hạn (TM., Q., KT., TL., TUQ.) và chức vụ in hoa, cỡ 13–14,
    // đứng, đậm.
    authority: t(14, true, false, true),
    title: t(14, true, false, true),
    // mục III.7 (ô số 7c): họ tên chữ thường, cỡ 13–14, đứng, đậm; không ghi học hàm, học vị.
    name: t(14, true),
    blankLines: 4,
  },
  // mục III.9 (ô số 9a): "Nơi nhận:" chữ thường, cỡ 12, nghiêng, đậm.
  recipientsLabel: { ...t(12, true, true), text: 'Nơi nhận:' },
  // mục III.9 (ô số 9b): tên cơ quan nhận chữ thường, cỡ 11, đứng; dòng cuối "- Lưu: VT, …".
  recipients: t(11),
  fileCopy: (unit) => (unit ? `- Lưu: VT, ${unit}.` : '- Lưu: VT.'),
  // mục II.7: số trang bằng chữ số Ả Rập, cỡ 13–14, đứng, căn giữa lề trên; không hiển thị trang 1.
  pageNumber: { ...t(14), showOnFirstPage: false },
  blankNumber: '      ',
};

export const PARTY_PROFILE_36: FormatProfile = {
  id: 'party',
  rule: 'Hướng dẫn 36-HD/VPTW ngày 03/4/2018',
  // HD 36, mục "Kỹ thuật trình bày": khổ A4; lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm.
  page: { width: 210, height: 297, margins: { top: 20, bottom: 20, left: 30, right: 15 } },
  // HD 36: phông Times New Roman, bộ mã Unicode TCVN 6909:2001.
  font: 'Times New Roman',
  headerLeftShare: 0.45,
  motto: {
    // HD 36 (tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM"): chữ in hoa, cỡ 15, đứng, đậm; dưới có đường kẻ.
    lines: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', style: t(15, true, false, true) }],
    lineBelow: true,
  },
  // HD 36 (tên cơ quan ban hành): tên cấp trên trực tiếp in hoa, cỡ 14, đứng.
  parentBody: t(14, false, false, true),
  // HD 36: tên cơ quan ban hành in hoa, cỡ 14, đứng, đậm; dưới có dấu sao (*).
  issuingBody: t(14, true, false, true),
  issuingBodyMark: 'asterisk',
  // HD 36 (số và ký hiệu): "Số" không có dấu hai chấm; giữa số và tên loại có gạch nối,
  // giữa tên loại và cơ quan ban hành có gạch chéo: "Số 36-HD/VPTW"; cỡ 14, đứng.
  numberLine: { ...t(14), format: (number, type, abbreviation) => `Số ${number}-${type}/${abbreviation}` },
  // HD 36 (địa điểm, ngày tháng): chữ thường, cỡ 14, nghiêng.
  dateLine: t(14, false, true),
  // HD 36 (tên loại văn bản): in hoa, cỡ 15–16, đứng, đậm.
  docType: t(16, true, false, true),
  // HD 36 (trích yếu): chữ thường, cỡ 14–15, đứng, đậm; dưới có gạch ngang "-----".
  subject: { ...t(14, true), lineBelow: true },
  legalBases: t(14, false, true),
  // HD 36 (phần nội dung): cỡ 14–15, căn đều, lùi đầu dòng 1–1,27 cm, cách đoạn ≥ 6 pt.
  body: { ...t(14), firstLineIndent: 1, spacingAfter: 6, lineSpacing: 1.15 },
  headings: {
    1: t(14, true, false, true),
    2: t(14, true),
    3: t(14, false, true),
  },
  table: { size: 13, headerBold: true },
  signer: {
    // HD 36 (thể thức đề ký): "T/M", "K/T", "T/L" và chức vụ in hoa, cỡ 14, đậm.
    authority: t(14, true, false, true),
    title: t(14, true, false, true),
    name: t(14, true),
    blankLines: 4,
  },
  // HD 36 (nơi nhận): "Nơi nhận" chữ thường, cỡ 14, đứng, gạch chân; tên nơi nhận cỡ 12.
  recipientsLabel: { ...t(14, false, false, false, true), text: 'Nơi nhận:' },
  recipients: t(12),
  fileCopy: (unit) => (unit ? `- Lưu Văn phòng, ${unit}.` : '- Lưu Văn phòng.'),
  // HD 36 (số trang): chữ số Ả Rập, cỡ 14, căn giữa lề trên, không đánh số trang 1.
  pageNumber: { ...t(14), showOnFirstPage: false },
  blankNumber: '      ',
};

/** The profile in force per family. Swap `party` when the 2026 guidance is confirmed. */
export const PROFILES: Record<DocProfile, FormatProfile> = {
  state: STATE_PROFILE,
  party: PARTY_PROFILE_36,
};

const PARTY_KINDS: readonly UnitKind[] = ['party_committee', 'party_board'];

/** Party committees and their boards issue Party documents; every other unit, state ones. */
export function profileForUnit(unit: { kind: UnitKind }): DocProfile {
  return PARTY_KINDS.includes(unit.kind) ? 'party' : 'state';
}

/** mm → twips (1/20 pt; 1 mm = 1440 / 25.4 twips). */
export const mmToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
/** cm → twips. */
export const cmToTwip = (cm: number) => mmToTwip(cm * 10);

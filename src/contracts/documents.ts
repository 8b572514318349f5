// An official document as data (văn bản hành chính): what every generator (plan, review
// report, invitation, minutes, commendation list, agreement text) produces and the renderer
// (modules/documents/render.ts) lays out as DOCX by the format profile of the issuing body:
// Nghị định 30/2020/NĐ-CP Phụ lục I for state bodies, Hướng dẫn 36-HD/VPTW for Party bodies.

export const DOC_PROFILES = ['state', 'party'] as const;
export type DocProfile = (typeof DOC_PROFILES)[number];

/** Type abbreviations (Nghị định 30/2020/NĐ-CP, Phụ lục III). */
export const DOC_TYPES = {
  KH: 'KẾ HOẠCH',
  BC: 'BÁO CÁO',
  GM: 'GIẤY MỜI',
  BB: 'BIÊN BẢN',
  QĐ: 'QUYẾT ĐỊNH',
  CTr: 'CHƯƠNG TRÌNH',
  QC: 'QUY CHẾ',
  TB: 'THÔNG BÁO',
  DS: 'DANH SÁCH',
} as const;
export type DocTypeCode = keyof typeof DOC_TYPES;

export interface DocRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type DocBlock =
  /** "I. KẾT QUẢ…" (level 1), "1. …" (level 2), "a) …" (level 3): real Word headings. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; runs: DocRun[]; align?: 'justify' | 'center' | 'left' | 'right'; indent?: boolean }
  /** A bulleted ("- ") or numbered list. */
  | { kind: 'list'; ordered: boolean; items: string[] }
  | {
      kind: 'table';
      columns: Array<{ title: string; width?: number; align?: 'left' | 'center' | 'right' }>;
      rows: string[][];
      /** Rows that are group headings (bold, spanning all columns). */
      groupRows?: number[];
      caption?: string;
    };

export interface DocSigner {
  /** "TM.", "KT.", "Q.", "TL.", "TUQ." (state) / "T/M", "K/T", "T/L" (party), or none. */
  authority?: string | null;
  /** The body the signer acts for ("BAN THƯỜNG VỤ", "ỦY BAN NHÂN DÂN"), after the authority. */
  onBehalfOf?: string | null;
  title: string;
  name?: string | null;
}

export interface OfficialDocument {
  profile: DocProfile;
  issuer: {
    /** Cơ quan chủ quản (optional line above the issuing body). */
    parentName?: string | null;
    name: string;
    /** The issuing body's abbreviation for the number line ("BĐBP", "BDT"). */
    abbreviation: string;
  };
  type: DocTypeCode;
  /** The number given at issuance; blank in a draft ("Số:      /BC-BĐBP"). */
  number?: string | null;
  /** Place name of the date line ("Lào Cai"). */
  place: string;
  /** ISO date of the date line; null leaves "ngày … tháng … năm …" blank for a draft. */
  date: string | null;
  subject: string;
  legalBases?: string[];
  body: DocBlock[];
  /** One or more signature blocks (a joint program has one per party). */
  signers: DocSigner[];
  recipients: string[];
  /** "Lưu: VT, <unit>." — the drafting unit kept on file. */
  fileCopyUnit?: string | null;
  /** Landscape pages (a plan's wide task table). */
  landscape?: boolean;
}

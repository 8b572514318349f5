import ExcelJS from 'exceljs';
import type { DocBlock, DocProfile, OfficialDocument } from '../../../contracts/documents.ts';
import type { ReviewDraft, ReviewFigure } from '../../../contracts/meetings.ts';
import { periodLabel } from '../../../contracts/periods.ts';
import { NO_FIGURE } from './assemble.ts';

// The review report as an official document (type BC, báo cáo) for the one renderer
// (modules/documents/render.ts), and its indicator table as XLSX.

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
/** Vietnamese separators: 1.734; 12,5. */
export const formatNumber = (n: number) => viNumber.format(n);

export const FIGURE_COLUMNS = [
  'STT',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kế hoạch',
  'Thực hiện',
  '% đạt',
  'So với kỳ trước',
] as const;

/** "+12", "-5", "bằng", or "—" without a previous figure. */
export function changeText(f: Pick<ReviewFigure, 'value' | 'change' | 'valueType'>): string {
  if (f.value === null || f.change === null || f.valueType === 'boolean') return '—';
  if (f.change === 0) return 'bằng';
  return f.change > 0 ? `+${formatNumber(f.change)}` : `-${formatNumber(-f.change)}`;
}

/** One row of the indicator table, as printed. */
export function figureRow(f: ReviewFigure, i: number): string[] {
  return [
    String(i + 1),
    f.name,
    f.uom,
    f.target === null ? '—' : formatNumber(f.target),
    f.value === null
      ? NO_FIGURE
      : f.valueType === 'boolean'
        ? f.value
          ? 'Có'
          : 'Không'
        : formatNumber(f.value),
    f.achievedPct === null ? '—' : `${formatNumber(f.achievedPct)}%`,
    changeText(f),
  ];
}

export const SAMPLE_NOTE =
  'Lưu ý: một phần số liệu là dữ liệu mẫu sinh tự động để minh họa, không phải số liệu thật.';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** Paragraphs of an editable text (one per line, blank lines dropped). */
function textBlocks(text: string): DocBlock[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => ({ kind: 'paragraph', runs: [{ text: l }], align: 'justify', indent: true }) as DocBlock);
}

const taskLine = (t: { title: string; leadUnit: string | null }) =>
  t.leadUnit ? `${t.title} (chủ trì: ${t.leadUnit})` : t.title;

/** The body: I–VI, with "1. <section>" subheadings and the indicator tables under II. */
export function reviewBody(draft: ReviewDraft): DocBlock[] {
  const body: DocBlock[] = [];
  const h1 = (n: number, text: string) =>
    body.push({ kind: 'heading', level: 1, text: `${ROMAN[n]}. ${text}` });
  h1(0, 'ĐẶC ĐIỂM TÌNH HÌNH');
  body.push(...textBlocks(draft.texts.situation));

  h1(1, 'KẾT QUẢ THỰC HIỆN');
  if (draft.notice)
    body.push({ kind: 'paragraph', runs: [{ text: draft.notice, italic: true }], indent: true });
  if (draft.sample)
    body.push({ kind: 'paragraph', runs: [{ text: SAMPLE_NOTE, italic: true }], indent: true });
  let n = 0;
  if (draft.texts.leadership.trim()) {
    body.push({
      kind: 'heading',
      level: 2,
      text: `${++n}. Công tác lãnh đạo, chỉ đạo, triển khai thực hiện`,
    });
    body.push(...textBlocks(draft.texts.leadership));
  }
  for (const s of draft.results) {
    body.push({ kind: 'heading', level: 2, text: `${++n}. ${s.title}` });
    const t = s.tasks;
    if (t.total > 0) {
      const parts = [
        `hoàn thành ${formatNumber(t.done.length)}`,
        `đang thực hiện ${formatNumber(t.inProgress.length)}`,
        `chưa triển khai ${formatNumber(t.notStarted.length)}`,
        `quá hạn ${formatNumber(t.overdue.length)}`,
      ];
      if (t.cancelled) parts.push(`hủy ${formatNumber(t.cancelled)}`);
      body.push({
        kind: 'paragraph',
        runs: [{ text: `Tổng số ${formatNumber(t.total)} nhiệm vụ: ${parts.join('; ')}.` }],
        align: 'justify',
        indent: true,
      });
      const lists: Array<[string, typeof t.done]> = [
        ['Đã hoàn thành', t.done],
        ['Đang thực hiện', t.inProgress],
        ['Chưa triển khai', t.notStarted],
        ['Quá hạn', t.overdue],
      ];
      for (const [label, items] of lists) {
        if (!items.length) continue;
        body.push({ kind: 'paragraph', runs: [{ text: `${label}:`, italic: true }], indent: true });
        body.push({ kind: 'list', ordered: false, items: items.map(taskLine) });
      }
    }
    if (s.figures.length) {
      body.push({
        kind: 'table',
        caption: `Chỉ tiêu ${draft.periodLabel.charAt(0).toLocaleLowerCase('vi')}${draft.periodLabel.slice(1)}`,
        columns: [
          { title: 'STT', width: 6, align: 'center' },
          { title: 'Chỉ tiêu', width: 34 },
          { title: 'Đơn vị tính', width: 11, align: 'center' },
          { title: 'Kế hoạch', width: 11, align: 'right' },
          { title: 'Thực hiện', width: 13, align: 'right' },
          { title: '% đạt', width: 10, align: 'right' },
          { title: 'So với kỳ trước', width: 15, align: 'right' },
        ],
        rows: s.figures.map(figureRow),
      });
    }
  }
  if (draft.narratives.length) {
    body.push({ kind: 'heading', level: 2, text: `${++n}. Kết quả do các đơn vị báo cáo` });
    for (const x of draft.narratives) {
      const who = x.period === draft.period ? x.unitName : `${x.unitName} (${periodLabel(x.period)})`;
      body.push({
        kind: 'paragraph',
        runs: [{ text: `${who}: `, bold: true }, { text: x.text }],
        align: 'justify',
        indent: true,
      });
    }
  }
  h1(2, 'HẠN CHẾ, NGUYÊN NHÂN');
  body.push(...textBlocks(draft.texts.shortcomings));
  h1(3, 'BÀI HỌC KINH NGHIỆM');
  body.push(...textBlocks(draft.texts.lessons));
  h1(4, 'PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI');
  body.push(...textBlocks(draft.texts.directions));
  h1(5, 'ĐỀ XUẤT, KIẾN NGHỊ');
  body.push(...textBlocks(draft.texts.proposals));
  return body;
}

export interface ReviewForDocument {
  title: string;
  docNumber: string | null;
  signerName: string | null;
  signerTitle: string | null;
  recipients: string[];
  draft: ReviewDraft;
}

/** The OfficialDocument of a review report (a draft: no date until it is issued). */
export function reviewDocument(
  review: ReviewForDocument,
  issuer: {
    profile: DocProfile;
    name: string;
    parentName?: string | null;
    abbreviation: string;
    place: string;
  },
): OfficialDocument {
  const subject = review.title.replace(/^\s*báo cáo\s+/i, '');
  return {
    profile: issuer.profile,
    issuer: { name: issuer.name, parentName: issuer.parentName ?? null, abbreviation: issuer.abbreviation },
    type: 'BC',
    number: review.docNumber,
    place: issuer.place,
    date: null,
    subject: subject.charAt(0).toLocaleUpperCase('vi') + subject.slice(1),
    body: reviewBody(review.draft),
    signers: [{ title: review.signerTitle ?? 'THỦ TRƯỞNG ĐƠN VỊ', name: review.signerName }],
    recipients: review.recipients.length ? review.recipients : ['Các bên tham gia chương trình phối hợp'],
    fileCopyUnit: issuer.abbreviation,
  };
}

/** The indicator table of the report (every section), numbers as numbers, empty without a figure. */
export async function figuresXlsx(review: ReviewForDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Chỉ tiêu');
  ws.addRow([review.title]).font = { bold: true };
  ws.addRow([
    review.draft.notice ?? `Số liệu đã duyệt, ${review.draft.periodLabel}; tính đến ${review.draft.asOf}`,
  ]);
  ws.addRow([]);
  const header = ws.addRow(['Nội dung', 'Mã chỉ tiêu', ...FIGURE_COLUMNS.slice(1), 'Kỳ trước']);
  header.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  for (const s of review.draft.results) {
    for (const f of s.figures) {
      ws.addRow([
        s.title,
        f.code,
        f.name,
        f.uom,
        f.target,
        f.value ?? NO_FIGURE,
        f.achievedPct,
        f.change,
        f.previous,
      ]);
    }
  }
  ws.columns.forEach((c, i) => {
    c.width = [30, 14, 40, 12, 12, 14, 10, 14, 12][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

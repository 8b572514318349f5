// The one DOCX renderer of official documents: lays out an OfficialDocument by the format
// profile of its issuing body (profiles.ts: Nghị định 30/2020/NĐ-CP Phụ lục I for state
// bodies, Hướng dẫn 36-HD/VPTW for Party bodies). Generators build the data; nothing here
// knows about agreements, meetings or reports.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  type ISectionOptions,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { DocBlock, DocRun, DocSigner, OfficialDocument } from '../../../contracts/documents.ts';
import { DOC_TYPES } from '../../../contracts/documents.ts';
import { cmToTwip, type FormatProfile, mmToTwip, PROFILES, type TextStyle } from './profiles.ts';

const nfc = (s: string) => s.normalize('NFC');
const upper = (s: string) => nfc(s).toLocaleUpperCase('vi');
const pt = (size: number) => size * 2; // half-points

/** A number below 10 takes a leading zero (Nghị định 30/2020, Phụ lục I, Phần I, mục I.3). */
export function formatDocNumber(number: string): string {
  const trimmed = number.trim();
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/**
 * "Lào Cai, ngày 03 tháng 01 năm 2024": days below 10 and months 1 and 2 take a leading zero
 * (Nghị định 30/2020, Phụ lục I, Phần I, mục I.4); a draft without a date leaves the blanks.
 */
export function formatDateLine(place: string, isoDate: string | null): string {
  if (!isoDate) return `${nfc(place)}, ngày … tháng … năm …`;
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${nfc(place)}, ngày ${day} tháng ${month} năm ${y}`;
}

/** The number line of the profile; a draft leaves the number blank. */
export function numberLine(doc: OfficialDocument, profile: FormatProfile = PROFILES[doc.profile]): string {
  const number = doc.number ? formatDocNumber(doc.number) : profile.blankNumber;
  return profile.numberLine.format(number, doc.type, nfc(doc.issuer.abbreviation));
}

function run(text: string, style: TextStyle, extra: { bold?: boolean; italic?: boolean } = {}) {
  return new TextRun({
    text: style.caps ? upper(text) : nfc(text),
    size: pt(style.size),
    bold: extra.bold ?? style.bold,
    italics: extra.italic ?? style.italic,
    ...(style.underline ? { underline: {} } : {}),
  });
}

/** Rough width of a line of text in twips (Times New Roman averages about half an em). */
function textWidth(text: string, style: TextStyle) {
  return Math.round(text.length * style.size * 20 * (style.bold ? 0.5 : 0.46));
}

/** An empty paragraph carrying a short centred rule of `width` twips inside `cellWidth`. */
function rule(width: number, cellWidth: number) {
  const side = Math.max(0, Math.round((cellWidth - width) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 0, after: 160, line: 240, lineRule: LineRuleType.AUTO },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 10 },
    children: [new TextRun({ text: '', size: 10 })],
  });
}

function centred(text: string, style: TextStyle, after = 0) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after, line: 240, lineRule: LineRuleType.AUTO },
    indent: { firstLine: 0 },
    children: [run(text, style)],
  });
}

const NO_BORDERS = TableBorders.NONE;

function cell(children: Paragraph[], width: number, extra: { columnSpan?: number } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: {
      top: { style: BorderStyle.NONE, size: 0, color: 'auto' },
      bottom: { style: BorderStyle.NONE, size: 0, color: 'auto' },
      left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
      right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
    },
    children: children.length ? children : [new Paragraph('')],
    ...extra,
  });
}

/** Header block: issuing body | Quốc hiệu–Tiêu ngữ (or the Party's name); number | date. */
function headerBlock(doc: OfficialDocument, p: FormatProfile, contentWidth: number) {
  const left = Math.round(contentWidth * p.headerLeftShare);
  const right = contentWidth - left;
  const leftTop: Paragraph[] = [];
  if (doc.issuer.parentName) leftTop.push(centred(doc.issuer.parentName, p.parentBody));
  leftTop.push(centred(doc.issuer.name, p.issuingBody));
  if (p.issuingBodyMark === 'line') {
    // Line under the issuing body, 1/3–1/2 of the text (Phụ lục I, Phần I, mục III.2).
    const w = Math.min(textWidth(upper(doc.issuer.name), p.issuingBody), left) / 2.5;
    leftTop.push(rule(Math.max(w, 600), left));
  } else {
    // An asterisk under the issuing body (Hướng dẫn 36-HD/VPTW).
    leftTop.push(centred('*', { ...p.issuingBody, bold: false }));
  }
  const rightTop: Paragraph[] = p.motto.lines.map((l) => centred(l.text, l.style));
  if (p.motto.lineBelow) {
    const last = p.motto.lines.at(-1);
    const w = last ? textWidth(last.text, last.style) : 2000;
    rightTop.push(rule(p.id === 'state' ? Math.min(w, right) : Math.min(w * 0.6, right), right));
  }
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({ children: [cell(leftTop, left), cell(rightTop, right)] }),
      new TableRow({
        children: [
          cell([centred(numberLine(doc, p), p.numberLine)], left),
          cell([centred(formatDateLine(doc.place, doc.date), p.dateLine)], right),
        ],
      }),
    ],
  });
}

function titleBlock(doc: OfficialDocument, p: FormatProfile, contentWidth: number) {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      keepNext: true,
      children: [run(DOC_TYPES[doc.type], p.docType)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0 },
      keepNext: true,
      children: [run(doc.subject, p.subject)],
    }),
  ];
  // A line under the subject, 1/3–1/2 of the text (Phụ lục I, Phần I, mục III.5).
  if (p.subject.lineBelow) {
    out.push(rule(Math.round(Math.min(textWidth(doc.subject, p.subject), contentWidth) / 3), contentWidth));
  }
  const bases = doc.legalBases ?? [];
  bases.forEach((b, i) => {
    // Each legal basis ends with ";", the last with "." (Phụ lục I, Phần I, mục I.6).
    const text = `${nfc(b).replace(/[\s;.,]+$/u, '')}${i === bases.length - 1 ? '.' : ';'}`;
    out.push(new Paragraph({ style: 'BodyText', children: [run(text, p.legalBases)] }));
  });
  return out;
}

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
} as const;

function bodyRuns(runs: DocRun[], p: FormatProfile) {
  return runs.map(
    (r) =>
      new TextRun({
        text: nfc(r.text),
        size: pt(p.body.size),
        ...(r.bold ? { bold: true } : {}),
        ...(r.italic ? { italics: true } : {}),
      }),
  );
}

function tableBlock(block: Extract<DocBlock, { kind: 'table' }>, p: FormatProfile, contentWidth: number) {
  const weights = block.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => Math.floor((contentWidth * w) / total));
  const para = (text: string, align: keyof typeof ALIGN, bold: boolean) =>
    new Paragraph({
      alignment: ALIGN[align],
      spacing: { before: 40, after: 40 },
      indent: { firstLine: 0 },
      children: [new TextRun({ text: nfc(text), size: pt(p.table.size), bold })],
    });
  const groups = new Set(block.groupRows ?? []);
  const rows = [
    // Header row repeated on every page (Word "Repeat as header row").
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: block.columns.map(
        (c, i) =>
          new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            children: [para(c.title, 'center', p.table.headerBold)],
          }),
      ),
    }),
    ...block.rows.map((r, ri) =>
      groups.has(ri)
        ? new TableRow({
            cantSplit: false,
            children: [
              new TableCell({
                columnSpan: block.columns.length,
                width: { size: contentWidth, type: WidthType.DXA },
                children: [para(r.filter(Boolean).join(' '), 'left', true)],
              }),
            ],
          })
        : new TableRow({
            // A long row may break across pages; the table always does.
            cantSplit: false,
            children: block.columns.map(
              (c, i) =>
                new TableCell({
                  width: { size: widths[i] ?? 0, type: WidthType.DXA },
                  children: (r[i] ?? '').split('\n').map((line) => para(line, c.align ?? 'left', false)),
                }),
            ),
          }),
    ),
  ];
  const out: Array<Paragraph | Table> = [];
  if (block.caption) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120, after: 120 },
        children: [new TextRun({ text: nfc(block.caption), bold: true, size: pt(p.body.size) })],
      }),
    );
  }
  out.push(
    new Table({
      width: { size: contentWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows,
    }),
  );
  // Word needs a paragraph between two tables and after the last one.
  out.push(new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }));
  return out;
}

function bodyBlocks(doc: OfficialDocument, p: FormatProfile, contentWidth: number) {
  const out: Array<Paragraph | Table> = [];
  let listInstance = 0;
  for (const b of doc.body) {
    if (b.kind === 'heading') {
      const text = b.level === 1 ? upper(b.text) : nfc(b.text);
      out.push(new Paragraph({ heading: HEADING[b.level], children: [new TextRun(text)] }));
    } else if (b.kind === 'paragraph') {
      out.push(
        new Paragraph({
          style: 'BodyText',
          ...(b.align ? { alignment: ALIGN[b.align] } : {}),
          ...(b.indent === false ? { indent: { firstLine: 0 } } : {}),
          children: bodyRuns(b.runs, p),
        }),
      );
    } else if (b.kind === 'list') {
      listInstance += 1;
      for (const item of b.items) {
        out.push(
          new Paragraph({
            style: 'BodyText',
            numbering: { reference: b.ordered ? 'ordered' : 'bullet', level: 0, instance: listInstance },
            children: [new TextRun({ text: nfc(item), size: pt(p.body.size) })],
          }),
        );
      }
    } else {
      out.push(...tableBlock(b, p, contentWidth));
    }
  }
  return out;
}

function signerParagraphs(s: DocSigner, p: FormatProfile) {
  const out: Paragraph[] = [];
  if (s.authority) {
    const line = [s.authority, s.onBehalfOf].filter(Boolean).join(' ');
    out.push(centred(line, p.signer.authority));
  }
  out.push(centred(s.title, p.signer.title));
  for (let i = 0; i < p.signer.blankLines; i++) out.push(centred('', p.signer.name));
  out.push(centred(s.name ?? '', p.signer.name));
  return out;
}

function recipientParagraphs(doc: OfficialDocument, p: FormatProfile, before = 0) {
  const lines = [
    ...doc.recipients.map(
      (r) =>
        `- ${nfc(r)
          .replace(/^[-–\s]+/u, '')
          .replace(/[;.,\s]+$/u, '')};`,
    ),
  ];
  lines.push(p.fileCopy(doc.fileCopyUnit ? nfc(doc.fileCopyUnit) : null));
  const para = (children: TextRun[], spaceBefore = 0) =>
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: { before: spaceBefore, after: 0 },
      indent: { firstLine: 0 },
      children,
    });
  return [
    para(
      [
        new TextRun({
          text: p.recipientsLabel.text,
          size: pt(p.recipientsLabel.size),
          bold: p.recipientsLabel.bold,
          italics: p.recipientsLabel.italic,
          ...(p.recipientsLabel.underline ? { underline: {} } : {}),
        }),
      ],
      before,
    ),
    ...lines.map((l) => para([run(l, p.recipients)])),
  ];
}

/** Signature block(s) right, recipients left; two or more signers side by side, then recipients. */
function closingBlock(doc: OfficialDocument, p: FormatProfile, contentWidth: number) {
  const half = Math.round(contentWidth / 2);
  const widths = [contentWidth - half, half];
  const table = (rows: TableRow[]) =>
    new Table({
      width: { size: contentWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows,
    });
  const spacer = new Paragraph({ spacing: { before: 0, after: 0 }, children: [] });
  if (doc.signers.length <= 1) {
    const [signer] = doc.signers;
    return [
      spacer,
      table([
        new TableRow({
          cantSplit: true,
          children: [
            cell(recipientParagraphs(doc, p), widths[0] ?? half),
            cell(signer ? signerParagraphs(signer, p) : [], widths[1] ?? half),
          ],
        }),
      ]),
    ];
  }
  const rows: TableRow[] = [];
  for (let i = 0; i < doc.signers.length; i += 2) {
    const a = doc.signers[i];
    const b = doc.signers[i + 1];
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(a ? signerParagraphs(a, p) : [], widths[0] ?? half),
          cell(b ? signerParagraphs(b, p) : [], widths[1] ?? half),
        ],
      }),
    );
  }
  rows.push(
    new TableRow({
      children: [cell(recipientParagraphs(doc, p, 360), widths[0] ?? half), cell([], widths[1] ?? half)],
    }),
  );
  return [spacer, table(rows)];
}

/** Render an official document as DOCX (Word 2007+), by its format profile. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const p = PROFILES[doc.profile];
  const pageW = mmToTwip(p.page.width);
  const pageH = mmToTwip(p.page.height);
  const m = p.page.margins;
  const margin = {
    top: mmToTwip(m.top),
    bottom: mmToTwip(m.bottom),
    left: mmToTwip(m.left),
    right: mmToTwip(m.right),
  };
  const contentWidth = (doc.landscape ? pageH : pageW) - margin.left - margin.right;
  const bodyParagraph = {
    alignment: AlignmentType.JUSTIFIED,
    // Body: justified, first-line indent 1 cm, ≥ 6 pt between paragraphs, single to 1.5 line
    // spacing (Nghị định 30/2020, Phụ lục I, Phần I, mục III.6).
    indent: { firstLine: cmToTwip(p.body.firstLineIndent) },
    spacing: {
      before: 0,
      after: p.body.spacingAfter * 20,
      line: Math.round(240 * p.body.lineSpacing),
      lineRule: LineRuleType.AUTO,
    },
  };
  const heading = (level: 1 | 2 | 3) => {
    const s = p.headings[level];
    return {
      run: { font: p.font, size: pt(s.size), bold: s.bold, italics: s.italic, color: '000000' },
      paragraph: {
        ...bodyParagraph,
        keepNext: true,
        keepLines: true,
        spacing: { ...bodyParagraph.spacing, before: 120 },
      },
    };
  };
  const section: ISectionOptions = {
    properties: {
      // Page numbers are not shown on page 1 (Phụ lục I, Phần I, mục II.7): a different first page.
      titlePage: !p.pageNumber.showOnFirstPage,
      page: {
        // A4 (Phụ lục I, Phần I, mục II.1); landscape for a wide table (docx swaps the sides).
        size: {
          width: pageW,
          height: pageH,
          orientation: doc.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { ...margin, header: mmToTwip(10), footer: mmToTwip(10) },
      },
    },
    headers: {
      // Arabic page number, centred in the top margin (Phụ lục I, Phần I, mục II.7).
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(p.pageNumber.size) })],
          }),
        ],
      }),
      first: new Header({ children: [new Paragraph({ children: [] })] }),
    },
    children: [
      headerBlock(doc, p, contentWidth),
      ...titleBlock(doc, p, contentWidth),
      ...bodyBlocks(doc, p, contentWidth),
      ...closingBlock(doc, p, contentWidth),
    ],
  };
  const document = new Document({
    creator: 'PhốiHợp',
    title: nfc(doc.subject),
    description: `${DOC_TYPES[doc.type]} — ${p.rule}`,
    styles: {
      default: {
        document: {
          // Times New Roman, Unicode (Phụ lục I, Phần I, mục II.4), black.
          run: { font: p.font, size: pt(p.body.size), color: '000000', language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
        heading1: heading(1),
        heading2: heading(2),
        heading3: heading(3),
      },
      paragraphStyles: [
        {
          id: 'BodyText',
          name: 'Body Text',
          basedOn: 'Normal',
          quickFormat: true,
          run: { font: p.font, size: pt(p.body.size) },
          paragraph: bodyParagraph,
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullet',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '-',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: cmToTwip(1.5), hanging: cmToTwip(0.5) } } },
            },
          ],
        },
        {
          reference: 'ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: cmToTwip(1.6), hanging: cmToTwip(0.6) } } },
            },
          ],
        },
      ],
    },
    sections: [section],
  });
  return Packer.toBuffer(document);
}

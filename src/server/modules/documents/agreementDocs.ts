// The agreement's own documents: its text (chương trình / quy chế / kế hoạch phối hợp) and the
// yearly plan with a task table per content section (DOCX landscape, and the same table as
// XLSX). Data in, OfficialDocument out; render.ts lays it out.
import { and, asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DocBlock, DocSigner, DocTypeCode, OfficialDocument } from '../../../contracts/documents.ts';
import type { Queryable } from '../../db/client.ts';
import {
  agreementLegalBases,
  agreementParties,
  legalDocuments,
  sections,
  tasks,
  taskUnits,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { loadAgreement } from '../agreements/load.ts';
import { legalCitation } from '../legal/number.ts';
import { storedTimeframe } from '../tasks/stored.ts';
import { timeframeLabel } from '../tasks/timeframes.ts';
import { issuerOf } from './issuer.ts';
import { profileForUnit } from './profiles.ts';

const TYPE_OF_KIND: Record<string, DocTypeCode> = {
  program: 'CTr',
  regulation: 'QC',
  plan: 'KH',
  other: 'CTr',
};

interface PlanTask {
  title: string;
  description: string | null;
  expectedOutput: string | null;
  lead: string | null;
  cooperating: string[];
  timeframe: string;
}
interface PlanSection {
  title: string;
  tasks: PlanTask[];
}

/** Everything the agreement's documents print, read once (404 when the actor cannot see it). */
export async function agreementDocData(db: Queryable, actor: Actor, agreementId: number) {
  const { row } = await loadAgreement(db, actor, agreementId);
  const issuer = await issuerOf(db, row.ownerUnitId);
  const parties = await db
    .select({
      unitId: agreementParties.unitId,
      name: units.name,
      kind: units.kind,
      signatoryName: agreementParties.signatoryName,
      signatoryTitle: agreementParties.signatoryTitle,
    })
    .from(agreementParties)
    .innerJoin(units, eq(units.id, agreementParties.unitId))
    .where(eq(agreementParties.agreementId, agreementId))
    .orderBy(asc(agreementParties.position));
  const bases = await db
    .select({
      docType: legalDocuments.docType,
      number: legalDocuments.number,
      issuedOn: legalDocuments.issuedOn,
      issuer: legalDocuments.issuer,
      subject: legalDocuments.subject,
    })
    .from(agreementLegalBases)
    .innerJoin(legalDocuments, eq(legalDocuments.id, agreementLegalBases.legalDocumentId))
    .where(eq(agreementLegalBases.agreementId, agreementId))
    .orderBy(asc(agreementLegalBases.position));
  const sectionRows = await db
    .select({ id: sections.id, title: sections.title })
    .from(sections)
    .where(eq(sections.agreementId, agreementId))
    .orderBy(asc(sections.position), asc(sections.id));
  const taskRows = await db
    .select()
    .from(tasks)
    .where(eq(tasks.agreementId, agreementId))
    .orderBy(asc(tasks.position), asc(tasks.id));
  const taskIds = taskRows.map((t) => t.id);
  const unitRows = taskIds.length
    ? await db
        .select({ taskId: taskUnits.taskId, role: taskUnits.role, name: units.name })
        .from(taskUnits)
        .innerJoin(units, eq(units.id, taskUnits.unitId))
        .where(and(inArray(taskUnits.taskId, taskIds)))
        .orderBy(asc(units.name))
    : [];
  const byTask = new Map<number, typeof unitRows>();
  for (const u of unitRows) byTask.set(u.taskId, [...(byTask.get(u.taskId) ?? []), u]);
  const toTask = (t: (typeof taskRows)[number]): PlanTask => {
    const us = byTask.get(t.id) ?? [];
    return {
      title: t.title,
      description: t.description,
      expectedOutput: t.expectedOutput,
      lead: us.find((u) => u.role === 'lead')?.name ?? null,
      cooperating: us.filter((u) => u.role === 'cooperating').map((u) => u.name),
      timeframe: timeframeLabel(storedTimeframe(t)),
    };
  };
  const planSections: PlanSection[] = sectionRows.map((s) => ({
    title: s.title,
    tasks: taskRows.filter((t) => t.sectionId === s.id).map(toTask),
  }));
  const loose = taskRows.filter(
    (t) => t.sectionId === null || !sectionRows.some((s) => s.id === t.sectionId),
  );
  if (loose.length) planSections.push({ title: 'Nhiệm vụ khác', tasks: loose.map(toTask) });
  return {
    row,
    issuer,
    parties,
    legalBases: bases.map((b) => `Căn cứ ${legalCitation(b)} ${b.subject}`.replace(/\s+/g, ' ').trim()),
    sections: planSections,
  };
}

type DocData = Awaited<ReturnType<typeof agreementDocData>>;

/** Free text → blocks: "I. …", "1. …", "a) …" lines become headings, "- …" lines a bulleted list. */
export function textBlocks(text: string | null | undefined): DocBlock[] {
  const out: DocBlock[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length) out.push({ kind: 'list', ordered: false, items: bullets });
    bullets = [];
  };
  for (const raw of (text ?? '').normalize('NFC').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[-–•+]\s+/u.test(line)) {
      bullets.push(line.replace(/^[-–•+]\s+/u, ''));
      continue;
    }
    flush();
    if (/^[IVX]+\.\s+\S/u.test(line) && line.length < 200)
      out.push({ kind: 'heading', level: 1, text: line });
    else if (/^\d+\.\s+\S/u.test(line) && line.length < 200)
      out.push({ kind: 'heading', level: 2, text: line });
    else if (/^[a-zđ]\)\s+\S/u.test(line) && line.length < 200)
      out.push({ kind: 'heading', level: 3, text: line });
    else out.push({ kind: 'paragraph', runs: [{ text: line }] });
  }
  flush();
  return out;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The number part of a stored document number ("01/CTr-BĐBP-BDT" → "01"); the symbol is rebuilt. */
function numberPart(docNumber: string | null): string | null {
  const m = docNumber?.match(/^\s*(?:Số[:\s]*)?(\d+)/iu);
  return m?.[1] ?? null;
}

/** One signature block per party: "TM. <party>", the signatory's title and name. */
function partySigners(data: DocData): DocSigner[] {
  return data.parties.map((p) => ({
    authority: profileForUnit(p) === 'party' ? 'T/M' : 'TM.',
    onBehalfOf: p.name,
    title: p.signatoryTitle ?? 'Thủ trưởng đơn vị',
    name: p.signatoryName ?? null,
  }));
}

function recipients(data: DocData): string[] {
  return [
    ...data.parties.filter((p) => p.unitId !== data.issuer.unitId).map((p) => p.name),
    'Các đơn vị liên quan',
  ];
}

function purposeBlocks(data: DocData, n: number): DocBlock[] {
  const { purpose, requirements } = data.row;
  if (!purpose && !requirements) return [];
  return [
    { kind: 'heading', level: 1, text: `${ROMAN[n]}. Mục đích, yêu cầu` },
    ...(purpose
      ? [{ kind: 'heading', level: 2, text: '1. Mục đích' } as DocBlock, ...textBlocks(purpose)]
      : []),
    ...(requirements
      ? [
          { kind: 'heading', level: 2, text: `${purpose ? 2 : 1}. Yêu cầu` } as DocBlock,
          ...textBlocks(requirements),
        ]
      : []),
  ];
}

function base(data: DocData, type: DocTypeCode): Omit<OfficialDocument, 'body'> {
  const { row, issuer } = data;
  return {
    profile: issuer.profile,
    issuer: issuer.issuer,
    type,
    number: numberPart(row.docNumber),
    place: row.signedPlace ?? issuer.place,
    date: row.signedOn,
    subject: row.subject,
    legalBases: data.legalBases,
    signers: partySigners(data),
    recipients: recipients(data),
    fileCopyUnit: null,
  };
}

const taskLine = (t: PlanTask) => {
  const parts = [
    t.lead ? `Chủ trì: ${t.lead}` : null,
    t.cooperating.length ? `phối hợp: ${t.cooperating.join(', ')}` : null,
    `thời gian: ${t.timeframe}`,
  ];
  if (t.expectedOutput) parts.push(`sản phẩm: ${t.expectedOutput}`);
  return `${t.title.replace(/[.;\s]+$/u, '')} (${parts.filter(Boolean).join('; ')}).`;
};

/** The agreement's text: program (CTr), regulation (QC) or plan (KH), per its kind. */
export function agreementDocument(data: DocData): OfficialDocument {
  const body: DocBlock[] = [...textBlocks(data.row.body)];
  let n = 0;
  const purpose = purposeBlocks(data, n);
  if (purpose.length) n++;
  body.push(...purpose);
  if (data.sections.length) {
    body.push({ kind: 'heading', level: 1, text: `${ROMAN[n++]}. Nội dung phối hợp` });
    data.sections.forEach((s, i) => {
      body.push({ kind: 'heading', level: 2, text: `${i + 1}. ${s.title}` });
      if (s.tasks.length) body.push({ kind: 'list', ordered: true, items: s.tasks.map(taskLine) });
    });
  }
  return { ...base(data, TYPE_OF_KIND[data.row.kind] ?? 'CTr'), body };
}

export const PLAN_COLUMNS = [
  { title: 'STT', width: 1.2, align: 'center' as const },
  { title: 'Nội dung nhiệm vụ', width: 7 },
  { title: 'Đơn vị chủ trì', width: 3 },
  { title: 'Đơn vị phối hợp', width: 3.6 },
  { title: 'Thời gian thực hiện', width: 2.2, align: 'center' as const },
  { title: 'Sản phẩm', width: 2.6 },
];

const planRow = (t: PlanTask, i: number) => [
  String(i + 1),
  t.description ? `${t.title}\n${t.description}` : t.title,
  t.lead ?? '',
  t.cooperating.join(', '),
  t.timeframe,
  t.expectedOutput ?? '',
];

/** The yearly plan (KẾ HOẠCH): sections as headings, a task table under each; landscape. */
export function planDocument(data: DocData): OfficialDocument {
  const body: DocBlock[] = [];
  let n = 0;
  const purpose = purposeBlocks(data, n);
  if (purpose.length) n++;
  body.push(...purpose);
  body.push({ kind: 'heading', level: 1, text: `${ROMAN[n++]}. Nội dung, nhiệm vụ` });
  if (!data.sections.length) {
    body.push({ kind: 'paragraph', runs: [{ text: 'Kế hoạch chưa có nhiệm vụ nào.', italic: true }] });
  }
  data.sections.forEach((s, i) => {
    body.push({ kind: 'heading', level: 2, text: `${i + 1}. ${s.title}` });
    if (s.tasks.length) body.push({ kind: 'table', columns: PLAN_COLUMNS, rows: s.tasks.map(planRow) });
    else body.push({ kind: 'paragraph', runs: [{ text: 'Chưa có nhiệm vụ.', italic: true }] });
  });
  if (data.row.body) {
    body.push(
      { kind: 'heading', level: 1, text: `${ROMAN[n++]}. Tổ chức thực hiện` },
      ...textBlocks(data.row.body),
    );
  }
  return { ...base(data, 'KH'), body, landscape: true };
}

/** The plan's task table as XLSX: sheet "Kế hoạch", section rows bold and merged, frozen header. */
export async function planXlsx(data: DocData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PhốiHợp';
  wb.created = new Date();
  const ws = wb.addWorksheet('Kế hoạch', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = [6, 60, 30, 36, 20, 28];
  ws.columns = PLAN_COLUMNS.map((c, i) => ({ header: c.title, width: widths[i] ?? 20 }));
  const header = ws.getRow(1);
  header.font = { bold: true, name: 'Times New Roman' };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  ws.pageSetup.printTitlesRow = '1:1';
  for (const [si, s] of data.sections.entries()) {
    const r = ws.addRow([`${ROMAN[si] ?? si + 1}`, s.title.normalize('NFC')]);
    r.font = { bold: true, name: 'Times New Roman' };
    ws.mergeCells(r.number, 2, r.number, PLAN_COLUMNS.length);
    for (const [i, t] of s.tasks.entries()) {
      const row = ws.addRow([
        i + 1,
        ...planRow(t, i)
          .slice(1)
          .map((v) => v.normalize('NFC')),
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
      row.font = { name: 'Times New Roman' };
      row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "Kế hoạch phối hợp năm 2024" → a file name without the characters file systems refuse. */
export const documentFileName = (subject: string, prefix?: string) =>
  `${prefix ? `${prefix} ` : ''}${subject}`
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);

/** The plan's file name: its subject, with "Kế hoạch" in front unless it already says so. */
export const planFileName = (subject: string) =>
  documentFileName(/^\s*kế hoạch/iu.test(subject.normalize('NFC')) ? subject : `Kế hoạch ${subject}`);

import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { id } from '../../../contracts/common.ts';
import type { DocBlock, OfficialDocument } from '../../../contracts/documents.ts';
import { AWARD_STAGES } from '../../../contracts/meetings.ts';
import type { Queryable } from '../../db/client.ts';
import { agreements, meetings } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { todayInVietnam, viDate } from '../../lib/time.ts';
import { agreementVisible } from '../agreements/policy.ts';
import type { Issuer } from '../documents/issuer.ts';
import { meetingVisibleToActor } from './policy.ts';
import { type AwardOut, allAwards } from './service.ts';

// The commendation list (DANH SÁCH khen thưởng, type DS) of a meeting or of an agreement, as an
// official document for the one renderer (modules/documents/render.ts): grouped by form
// ("I. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH"), then "1. Tập thể" / "2. Cá nhân", a table per group.
// Headings "I." then "1." as Nghị định 30/2020/NĐ-CP Phụ lục I prescribes for the body.

export const awardListDocQuery = z.strictObject({
  meetingId: id.optional(),
  agreementId: id.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  stage: z.enum(AWARD_STAGES).optional(),
  /** The unit whose letterhead the list carries (default: the meeting's host, else the agreement's owner). */
  issuingUnitId: id.optional(),
  format: z
    .enum(['docx', 'pdf'])
    .default('docx')
    .describe('docx (mặc định) hoặc pdf (cần LibreOffice trên máy chủ, nếu không: 503 PDF_UNAVAILABLE)'),
});
export type AwardListDocQuery = z.infer<typeof awardListDocQuery>;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

const COLLECTIVE_COLUMNS = [
  { title: 'STT', width: 0.8, align: 'center' as const },
  { title: 'Tên tập thể', width: 5 },
  { title: 'Thành tích', width: 7 },
];
const INDIVIDUAL_COLUMNS = [
  { title: 'STT', width: 0.8, align: 'center' as const },
  { title: 'Họ và tên, chức vụ, đơn vị', width: 5 },
  { title: 'Thành tích', width: 7 },
];

/** "Nguyễn Văn Đức, Đồn trưởng, Đồn Biên phòng Bát Xát". */
export const individualCell = (a: AwardOut) =>
  [a.personName, a.personTitle, a.unit.name].filter(Boolean).join(', ').normalize('NFC');

/** The body: a heading per form, then collectives and individuals, each with its table. */
export function awardListBody(items: AwardOut[]): DocBlock[] {
  if (!items.length) {
    return [
      {
        kind: 'paragraph',
        indent: true,
        runs: [
          { text: 'Chưa có tập thể, cá nhân nào được đề nghị hoặc quyết định khen thưởng.', italic: true },
        ],
      },
    ];
  }
  const byForm = new Map<string, AwardOut[]>();
  for (const a of items) byForm.set(a.form, [...(byForm.get(a.form) ?? []), a]);
  const body: DocBlock[] = [];
  [...byForm.entries()].forEach(([form, group], i) => {
    body.push({
      kind: 'heading',
      level: 1,
      text: `${ROMAN[i] ?? i + 1}. ${form.normalize('NFC').toLocaleUpperCase('vi')}`,
    });
    const collectives = group.filter((a) => a.recipientKind === 'collective');
    const individuals = group.filter((a) => a.recipientKind === 'individual');
    let n = 0;
    if (collectives.length) {
      body.push({ kind: 'heading', level: 2, text: `${++n}. Tập thể` });
      body.push({
        kind: 'table',
        columns: COLLECTIVE_COLUMNS,
        rows: collectives.map((a, k) => [
          String(k + 1),
          a.unit.name.normalize('NFC'),
          a.achievement.normalize('NFC'),
        ]),
      });
    }
    if (individuals.length) {
      body.push({ kind: 'heading', level: 2, text: `${++n}. Cá nhân` });
      body.push({
        kind: 'table',
        columns: INDIVIDUAL_COLUMNS,
        rows: individuals.map((a, k) => [String(k + 1), individualCell(a), a.achievement.normalize('NFC')]),
      });
    }
  });
  return body;
}

export interface AwardListContext {
  issuer: Issuer;
  items: AwardOut[];
  meeting: { title: string; date: string } | null;
  agreementSubject: string | null;
  year: number | null;
}

/** The official document of the list (pure: data in, document out). */
export function awardListDocument(c: AwardListContext): OfficialDocument {
  const decided = c.items.length > 0 && c.items.every((a) => a.stage === 'decision');
  const where = c.meeting
    ? ` tại ${c.meeting.title}`
    : c.agreementSubject
      ? ` trong thực hiện ${c.agreementSubject}`
      : '';
  const year = c.year && !where.includes(String(c.year)) ? ` năm ${c.year}` : '';
  const subject = `Tập thể, cá nhân ${decided ? 'được khen thưởng' : 'đề nghị khen thưởng'}${where}${year}`;
  const body: DocBlock[] = [];
  // One decision for the whole list: the list is its annex ("Kèm theo Quyết định số …").
  const decisions = new Set(c.items.map((a) => `${a.decisionNumber}|${a.decisionDate}|${a.decidingBody}`));
  const first = c.items[0];
  if (decided && decisions.size === 1 && first?.decisionNumber && first.decisionDate) {
    body.push({
      kind: 'paragraph',
      align: 'center',
      runs: [
        {
          text: `(Kèm theo Quyết định số ${first.decisionNumber} ngày ${viDate(first.decisionDate)}${first.decidingBody ? ` của ${first.decidingBody}` : ''})`,
          italic: true,
        },
      ],
    });
  }
  body.push(...awardListBody(c.items));
  return {
    profile: c.issuer.profile,
    issuer: c.issuer.issuer,
    type: 'DS',
    number: null,
    place: c.issuer.place,
    date: c.meeting?.date ?? null,
    subject: subject.normalize('NFC'),
    body,
    signers: [{ authority: null, title: 'THỦ TRƯỞNG CƠ QUAN', name: null }],
    recipients: ['Các tập thể, cá nhân có tên trên'],
    fileCopyUnit: null,
  };
}

/**
 * What the list is about: the meeting or the agreement must be visible (404 otherwise), one of
 * them is required (400 naming meetingId), and the letterhead's unit defaults to the meeting's host
 * or the agreement's owner.
 */
export async function awardListScope(db: Queryable, actor: Actor, q: AwardListDocQuery) {
  if (!q.meetingId && !q.agreementId) {
    throw invalidField(
      'meetingId',
      'Chọn hội nghị (meetingId) hoặc văn bản phối hợp (agreementId) để lập danh sách.',
    );
  }
  let meeting: AwardListContext['meeting'] = null;
  let agreementSubject: string | null = null;
  let defaultIssuer: number | null = null;
  if (q.meetingId) {
    const [m] = await db
      .select({ title: meetings.title, startsAt: meetings.startsAt, hostUnitId: meetings.hostUnitId })
      .from(meetings)
      .where(and(eq(meetings.id, q.meetingId), meetingVisibleToActor(actor, meetings.id)));
    if (!m) throw notFound();
    meeting = { title: m.title, date: todayInVietnam(m.startsAt) };
    defaultIssuer = m.hostUnitId;
  }
  if (q.agreementId) {
    const [a] = await db
      .select({ subject: agreements.subject, ownerUnitId: agreements.ownerUnitId })
      .from(agreements)
      .where(and(eq(agreements.id, q.agreementId), agreementVisible(actor, agreements.id)));
    if (!a) throw notFound();
    agreementSubject = a.subject;
    defaultIssuer ??= a.ownerUnitId;
  }
  const items = await allAwards(db, actor, {
    meetingId: q.meetingId,
    agreementId: q.agreementId,
    year: q.year,
    stage: q.stage,
  });
  return { meeting, agreementSubject, items, issuingUnitId: q.issuingUnitId ?? (defaultIssuer as number) };
}

/** "Danh sách khen thưởng Hội nghị tổng kết năm 2023" (no characters file systems refuse). */
export const awardListFileName = (c: Pick<AwardListContext, 'meeting' | 'agreementSubject' | 'year'>) =>
  `Danh sách khen thưởng ${c.meeting?.title ?? c.agreementSubject ?? ''}${c.year ? ` ${c.year}` : ''}`
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);

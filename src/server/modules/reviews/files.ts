import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { profileForUnit } from '../documents/profiles.ts';
import { renderDocx } from '../documents/render.ts';
import { figuresXlsx, reviewDocument, XLSX_TYPE } from './document.ts';
import { getReview } from './service.ts';

// The review report's files: DOCX (or PDF) through the documents engine, and the figures XLSX.

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The issuing body for the header block; a unit without an abbreviation cannot be numbered. */
async function issuer(db: Db, unitId: number) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  if (!unit) throw new AppError('NOT_FOUND');
  if (!unit.shortName?.trim()) {
    throw new AppError('UNIT_ABBREVIATION_MISSING', {
      fields: [{ path: 'issuingUnitId', message: `Đơn vị "${unit.name}" chưa có tên viết tắt.` }],
    });
  }
  const [parent] = unit.parentId
    ? await db.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId))
    : [];
  return {
    profile: profileForUnit(unit),
    name: unit.name,
    parentName: parent?.name ?? null,
    abbreviation: unit.shortName.trim(),
    place: unit.provinceName ?? '',
  };
}

/** "bao-cao-so-ket-nam-2023.docx" as ASCII, with the Vietnamese name in filename*. */
function disposition(title: string, ext: string) {
  const base = title.slice(0, 120);
  const ascii = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `attachment; filename="${ascii || 'bao-cao'}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`;
}

export async function reviewDocx(
  db: Db,
  actor: Actor,
  id: number,
  format: 'docx' | 'pdf',
  reply: FastifyReply,
) {
  const review = await getReview(db, actor, id);
  const doc = reviewDocument(review, await issuer(db, review.issuingUnit.id));
  const buffer = await renderDocx(doc);
  if (format === 'pdf') throw new AppError('PDF_UNAVAILABLE');
  return reply
    .header('content-type', DOCX_TYPE)
    .header('content-disposition', disposition(review.title, 'docx'))
    .header('cache-control', 'no-store')
    .send(buffer);
}

export async function reviewFiguresXlsx(db: Db, actor: Actor, id: number, reply: FastifyReply) {
  const review = await getReview(db, actor, id);
  const buffer = await figuresXlsx(review);
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', disposition(`Chỉ tiêu - ${review.title}`, 'xlsx'))
    .header('cache-control', 'no-store')
    .send(buffer);
}

import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../lib/context.ts';
import { issuerOf } from '../documents/issuer.ts';
import { renderDocx } from '../documents/render.ts';
import { sendDocument } from '../documents/send.ts';
import { figuresXlsx, reviewDocument } from './document.ts';
import { getReview } from './service.ts';

// The review report's files: DOCX (or PDF, ?format=pdf) through the documents engine, and the
// indicator table as XLSX. Same access as GET /api/reviews/:id (404 outside the agreement).

export async function reviewDocx(
  db: Db,
  actor: Actor,
  id: number,
  format: 'docx' | 'pdf',
  reply: FastifyReply,
) {
  const review = await getReview(db, actor, id);
  const issuer = await issuerOf(db, review.issuingUnit.id);
  const doc = reviewDocument(review, { profile: issuer.profile, ...issuer.issuer, place: issuer.place });
  return sendDocument(reply, await renderDocx(doc), review.title.slice(0, 150), format);
}

export async function reviewFiguresXlsx(db: Db, actor: Actor, id: number, reply: FastifyReply) {
  const review = await getReview(db, actor, id);
  return sendDocument(reply, await figuresXlsx(review), `Chỉ tiêu - ${review.title.slice(0, 140)}`, 'xlsx');
}

import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ReviewOut,
  reviewCreateBody,
  reviewListItem,
  reviewUpdateBody,
  reviewVersionSchema,
} from '../../../contracts/meetings.ts';
import { parsePeriod } from '../../../contracts/periods.ts';
import type { Db } from '../../db/client.ts';
import {
  agreements,
  meetings,
  reviewReports,
  reviewReportVersions,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { atLeast, roleOn } from '../access/scope.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { type AssembledData, assembleDraft, defaultTitle, draftTexts, loadReviewInput } from './assemble.ts';

// Review reports (báo cáo sơ kết / tổng kết): create for an agreement and a period, read the
// assembled draft (live figures, or the frozen ones), save edits as versions.

type ReviewRow = typeof reviewReports.$inferSelect;

const REVIEW_KINDS = new Set(['half', 'year', 'phase']);

/** Officers (and above) of the issuing unit edit the report. */
export const canEditReview = (actor: Actor, issuingUnitPath: string) =>
  atLeast(roleOn(actor, issuingUnitPath), 'officer');

/** A review the actor may see (its agreement visible, else 404), with its issuing unit. */
export async function loadReview(db: Db, actor: Actor, id: number) {
  const [found] = await db
    .select({ row: reviewReports, unit: units })
    .from(reviewReports)
    .innerJoin(units, eq(units.id, reviewReports.issuingUnitId))
    .where(eq(reviewReports.id, id));
  if (!found) throw notFound();
  const agreement = await loadAgreement(db, actor, found.row.agreementId);
  return { row: found.row, unit: found.unit, agreement: agreement.row };
}

const unitRef = (u: typeof units.$inferSelect) => ({ id: u.id, name: u.name, shortName: u.shortName });

function listItem(row: ReviewRow, unit: typeof units.$inferSelect): z.infer<typeof reviewListItem> {
  return {
    id: row.id,
    agreementId: row.agreementId,
    period: row.period,
    periodLabel: parsePeriod(row.period)?.label ?? row.period,
    title: row.title,
    issuingUnit: unitRef(unit),
    meetingId: row.meetingId,
    frozen: row.frozen,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The assembled figures: frozen ones when frozen, otherwise live from approved data. */
export async function assembledFor(
  db: Db,
  row: ReviewRow,
  agreement: typeof agreements.$inferSelect,
): Promise<AssembledData> {
  if (row.frozen && row.frozenData) return row.frozenData as AssembledData;
  return assembleDraft(await loadReviewInput(db, agreement, row.period));
}

export async function getReview(db: Db, actor: Actor, id: number): Promise<ReviewOut> {
  const { row, unit, agreement } = await loadReview(db, actor, id);
  const data = await assembledFor(db, row, agreement);
  return {
    ...listItem(row, unit),
    agreementSubject: agreement.subject,
    sections: row.sections,
    docNumber: row.docNumber,
    signerName: row.signerName,
    signerTitle: row.signerTitle,
    recipients: row.recipients,
    draft: { ...data, texts: draftTexts(data, row.sections) },
    abilities: { update: canEditReview(actor, unit.path) },
  };
}

export async function listReviews(db: Db, actor: Actor, agreementId: number) {
  await loadAgreement(db, actor, agreementId);
  const rows = await db
    .select({ row: reviewReports, unit: units })
    .from(reviewReports)
    .innerJoin(units, eq(units.id, reviewReports.issuingUnitId))
    .where(eq(reviewReports.agreementId, agreementId))
    .orderBy(desc(reviewReports.period), asc(reviewReports.id));
  return rows.map((r) => listItem(r.row, r.unit));
}

export async function createReview(
  db: Db,
  actor: Actor,
  agreementId: number,
  body: z.infer<typeof reviewCreateBody>,
): Promise<number> {
  const { row: agreement, parties } = await loadAgreement(db, actor, agreementId);
  const period = parsePeriod(body.period);
  if (!period || !REVIEW_KINDS.has(period.kind)) {
    throw invalidField(
      'period',
      'Kỳ của báo cáo sơ kết, tổng kết phải là 6 tháng (2024-H1), một năm (2023) hoặc cả giai đoạn (2022-2025).',
    );
  }
  if (
    (agreement.validTo && period.start > agreement.validTo) ||
    (agreement.validFrom && period.end < agreement.validFrom)
  ) {
    throw invalidField('period', `${period.label} nằm ngoài thời gian hiệu lực của văn bản.`);
  }
  const party = parties.find((p) => p.unitId === body.issuingUnitId);
  if (!party)
    throw invalidField('issuingUnitId', 'Đơn vị ban hành báo cáo phải là một bên tham gia văn bản.');
  if (!canEditReview(actor, party.path)) throw forbidden();
  if (body.meetingId) {
    const [m] = await db
      .select({ id: meetings.id })
      .from(meetings)
      .leftJoin(agreements, eq(agreements.id, meetings.agreementId))
      .where(
        and(
          eq(meetings.id, body.meetingId),
          or(eq(meetings.agreementId, agreementId), eq(agreements.programId, agreementId)),
        ),
      );
    if (!m) throw invalidField('meetingId', 'Hội nghị không thuộc văn bản này.');
  }
  const title = body.title ?? defaultTitle(period, agreement);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reviewReports)
      .values({
        agreementId,
        period: period.key,
        title,
        issuingUnitId: body.issuingUnitId,
        meetingId: body.meetingId ?? null,
        createdById: actor.userId,
      })
      .returning();
    await tx.insert(reviewReportVersions).values({
      reviewReportId: row!.id,
      version: 1,
      sections: {},
      frozen: false,
      authorId: actor.userId,
    });
    await recordAudit(tx, {
      action: 'review.create',
      entityType: 'review_report',
      entityId: row!.id,
      scopeUnitId: body.issuingUnitId,
      after: row,
    });
    return row!.id;
  });
}

export async function updateReview(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof reviewUpdateBody>,
): Promise<void> {
  const { row, unit, agreement } = await loadReview(db, actor, id);
  if (!canEditReview(actor, unit.path)) throw forbidden();
  if (row.version !== body.version) throw conflict();
  const { version: _v, frozen, sections: edited, ...fields } = body;
  const sections = edited ? { ...row.sections, ...edited } : row.sections;
  let frozenData = row.frozenData;
  if (frozen === true && !row.frozen)
    frozenData = await assembledFor(db, { ...row, frozen: false }, agreement);
  if (frozen === false) frozenData = null;
  const nextFrozen = frozen ?? row.frozen;
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(reviewReports)
      .set({
        ...fields,
        sections,
        frozen: nextFrozen,
        frozenData,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(reviewReports.id, id), eq(reviewReports.version, body.version)))
      .returning();
    // Someone saved in between: nothing written.
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await tx.insert(reviewReportVersions).values({
      reviewReportId: id,
      version: updated.version,
      sections,
      frozen: nextFrozen,
      authorId: actor.userId,
    });
    await recordAudit(tx, {
      action:
        frozen === true && !row.frozen
          ? 'review.freeze'
          : frozen === false && row.frozen
            ? 'review.unfreeze'
            : 'review.update',
      entityType: 'review_report',
      entityId: id,
      scopeUnitId: row.issuingUnitId,
      before: { ...row, frozenData: undefined },
      after: { ...updated, frozenData: undefined },
    });
  });
}

export async function listVersions(
  db: Db,
  actor: Actor,
  id: number,
): Promise<Array<z.infer<typeof reviewVersionSchema>>> {
  await loadReview(db, actor, id);
  const rows = await db
    .select({ v: reviewReportVersions, author: users.fullName })
    .from(reviewReportVersions)
    .leftJoin(users, eq(users.id, reviewReportVersions.authorId))
    .where(eq(reviewReportVersions.reviewReportId, id))
    .orderBy(desc(reviewReportVersions.version));
  return rows.map((r) => ({
    version: r.v.version,
    sections: r.v.sections,
    frozen: r.v.frozen,
    author: r.author,
    createdAt: r.v.createdAt.toISOString(),
  }));
}

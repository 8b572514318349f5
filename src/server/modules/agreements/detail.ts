import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import type { Queryable } from '../../db/client.ts';
import {
  agreementLegalBases,
  agreementParties,
  agreements,
  agreementVersions,
  attachments,
  legalDocuments,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { presentLegalDocument } from '../legal/service.ts';
import { queryAgreements, seenThroughTasks } from './list.ts';
import { agreementAbilities, agreementVisible } from './policy.ts';

const NO_ABILITIES = {
  update: false,
  revise: false,
  comment: false,
  transition: [],
  sign: false,
  delete: false,
  manageTasks: false,
  attach: false,
};

/**
 * The agreement page: parties and signatories, legal bases, yearly plans, versions and
 * attachments, with the actor's abilities. A unit that sees the agreement only because its
 * tasks name it gets the header and nothing of the text (limitedToTasks).
 */
export async function getAgreementDetail(db: Queryable, actor: Actor, id: number): Promise<AgreementDetail> {
  const [found] = await db
    .select({ row: agreements, full: sql<boolean>`${agreementVisible(actor, agreements.id)}` })
    .from(agreements)
    .where(
      and(
        eq(agreements.id, id),
        sql`(${agreementVisible(actor, agreements.id)} or ${seenThroughTasks(actor, agreements.id)})`,
      ),
    );
  if (!found) throw notFound();
  const { row, full } = found;
  const {
    items: [summary],
  } = await queryAgreements(db, actor, { where: eq(agreements.id, id), order: [], limit: 1, offset: 0 });
  const [partyDetails, bases, plans, versions, files, owner] = await Promise.all([
    db
      .select({
        id: units.id,
        name: units.name,
        shortName: units.shortName,
        path: units.path,
        signatoryName: agreementParties.signatoryName,
        signatoryTitle: agreementParties.signatoryTitle,
      })
      .from(agreementParties)
      .innerJoin(units, eq(units.id, agreementParties.unitId))
      .where(eq(agreementParties.agreementId, id))
      .orderBy(asc(agreementParties.position)),
    full
      ? db
          .select({ doc: legalDocuments })
          .from(agreementLegalBases)
          .innerJoin(legalDocuments, eq(legalDocuments.id, agreementLegalBases.legalDocumentId))
          .where(eq(agreementLegalBases.agreementId, id))
          .orderBy(asc(agreementLegalBases.position))
      : [],
    db
      .select({
        id: agreements.id,
        subject: agreements.subject,
        year: agreements.year,
        status: agreements.status,
      })
      .from(agreements)
      .where(
        and(
          eq(agreements.programId, id),
          sql`(${agreementVisible(actor, agreements.id)} or ${seenThroughTasks(actor, agreements.id)})`,
        ),
      )
      .orderBy(asc(agreements.year), asc(agreements.id)),
    full
      ? db
          .select({
            number: agreementVersions.number,
            kind: agreementVersions.kind,
            note: agreementVersions.note,
            createdAt: agreementVersions.createdAt,
            createdBy: users.fullName,
          })
          .from(agreementVersions)
          .leftJoin(users, eq(users.id, agreementVersions.createdById))
          .where(eq(agreementVersions.agreementId, id))
          .orderBy(desc(agreementVersions.number))
      : [],
    full
      ? db
          .select({
            id: attachments.id,
            fileName: attachments.fileName,
            mimeType: attachments.mimeType,
            size: attachments.size,
            createdAt: attachments.createdAt,
          })
          .from(attachments)
          .where(and(eq(attachments.ownerType, 'agreement'), eq(attachments.ownerId, id)))
          .orderBy(asc(attachments.id))
      : [],
    db.select({ path: units.path }).from(units).where(eq(units.id, row.ownerUnitId)),
  ]);
  const abilities = full
    ? agreementAbilities(actor, {
        status: row.status,
        ownerPath: owner[0]?.path ?? '',
        partyPaths: partyDetails.map((p) => p.path),
      })
    : NO_ABILITIES;
  return {
    ...(summary as NonNullable<typeof summary>),
    signedPlace: row.signedPlace,
    purpose: full ? row.purpose : null,
    requirements: full ? row.requirements : null,
    body: full ? row.body : null,
    currentVersion: row.currentVersion,
    supersededById: row.supersededById,
    partyDetails: partyDetails.map((p) => ({
      unit: { id: p.id, name: p.name, shortName: p.shortName },
      signatoryName: p.signatoryName,
      signatoryTitle: p.signatoryTitle,
    })),
    legalBases: bases.map((b) => presentLegalDocument(b.doc)),
    plans,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    attachments: files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    limitedToTasks: !full,
    abilities,
  };
}

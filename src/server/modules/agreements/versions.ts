import { diffLines } from 'diff';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  agreementCommentBody,
  agreementLegalBasesBody,
  agreementPartiesBody,
  agreementRevisionBody,
  versionDiffQuery,
} from '../../../contracts/agreements.ts';
import type { Db, Queryable, Tx } from '../../db/client.ts';
import {
  agreementComments,
  agreementLegalBases,
  agreementParties,
  agreements,
  agreementVersions,
  legalDocuments,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { atLeast, roleOn } from '../access/scope.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshAgreementSearchText } from './list.ts';
import { loadAgreement } from './load.ts';

type AgreementRow = typeof agreements.$inferSelect;

/** The versioned text of an agreement, in the order a diff shows it. */
const TEXT_FIELDS = ['subject', 'purpose', 'requirements', 'body'] as const;

const drafting = (row: AgreementRow) => row.status === 'draft' || row.status === 'consultation';

/** Parties and legal bases change only while drafting; the signed text is locked. */
function assertDrafting(row: AgreementRow, field: string) {
  if (!drafting(row)) {
    throw new AppError('AGREEMENT_LOCKED', {
      fields: [{ path: field, message: 'Chỉ sửa được khi văn bản còn là dự thảo hoặc đang lấy ý kiến.' }],
    });
  }
}

/** Bumps the agreement's version under the optimistic check (409 if someone saved first). */
async function bumpVersion(
  tx: Tx,
  id: number,
  version: number,
  set: Partial<typeof agreements.$inferInsert>,
) {
  const [after] = await tx
    .update(agreements)
    .set({ ...set, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
    .where(and(eq(agreements.id, id), eq(agreements.version, version)))
    .returning();
  if (!after) throw conflict();
  return after;
}

/**
 * A new numbered version of the text: a draft (owner's officers, while drafting or in
 * consultation) or an amendment (bổ sung, party leaders, once signed or in effect). The
 * agreement row takes the new text; an ended or superseded agreement is locked.
 */
export async function reviseAgreement(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof agreementRevisionBody>,
) {
  return db.transaction(async (tx) => {
    const { row, abilities } = await loadAgreement(tx, actor, id);
    if (row.status === 'ended' || row.status === 'superseded') {
      throw new AppError('AGREEMENT_LOCKED', {
        fields: [
          {
            path: 'status',
            message: 'Văn bản đã hết hiệu lực hoặc đã bị thay thế, không thể sửa đổi, bổ sung.',
          },
        ],
      });
    }
    if (!abilities.revise) throw forbidden();
    if (row.version !== body.version) throw conflict();
    const next = {
      subject: body.subject ?? row.subject,
      purpose: body.purpose === undefined ? row.purpose : body.purpose,
      requirements: body.requirements === undefined ? row.requirements : body.requirements,
      body: body.body === undefined ? row.body : body.body,
    };
    if (TEXT_FIELDS.every((f) => next[f] === row[f])) {
      throw invalidField(
        'body',
        'Phiên bản mới phải khác phiên bản hiện tại ở trích yếu, mục đích, yêu cầu hoặc nội dung.',
      );
    }
    const kind = drafting(row) ? ('draft' as const) : ('amendment' as const);
    const after = await bumpVersion(tx, id, body.version, {
      ...next,
      currentVersion: row.currentVersion + 1,
    });
    await refreshAgreementSearchText(tx, id);
    await tx.insert(agreementVersions).values({
      agreementId: id,
      number: after.currentVersion,
      kind,
      ...next,
      note: body.note ?? null,
      createdById: actor.userId,
    });
    await recordAudit(tx, {
      action: kind === 'draft' ? 'agreement.revise' : 'agreement.amend',
      entityType: 'agreement',
      entityId: id,
      scopeUnitId: row.ownerUnitId,
      before: { currentVersion: row.currentVersion, ...pick(row) },
      after: { currentVersion: after.currentVersion, kind, note: body.note ?? null, ...next },
    });
    return { id, status: after.status, version: after.version, currentVersion: after.currentVersion };
  });
}

const pick = (row: AgreementRow) => Object.fromEntries(TEXT_FIELDS.map((f) => [f, row[f]]));

const versionColumns = {
  number: agreementVersions.number,
  kind: agreementVersions.kind,
  subject: agreementVersions.subject,
  purpose: agreementVersions.purpose,
  requirements: agreementVersions.requirements,
  body: agreementVersions.body,
  note: agreementVersions.note,
  createdAt: agreementVersions.createdAt,
  createdBy: users.fullName,
};

async function versionsOf(db: Queryable, id: number, numbers: number[]) {
  const rows = await db
    .select(versionColumns)
    .from(agreementVersions)
    .leftJoin(users, eq(users.id, agreementVersions.createdById))
    .where(and(eq(agreementVersions.agreementId, id), inArray(agreementVersions.number, numbers)));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** One numbered version of the text (404 when the agreement is invisible or has no such version). */
export async function getVersion(db: Queryable, actor: Actor, id: number, number: number) {
  await loadAgreement(db, actor, id);
  const [v] = await versionsOf(db, id, [number]);
  if (!v) throw notFound();
  return v;
}

/** Splits a line diff into one entry per line: same, added or removed. */
export function lineDiff(before: string | null, after: string | null) {
  const lines: { op: 'same' | 'add' | 'del'; text: string }[] = [];
  const changes = diffLines(before ?? '', after ?? '', { stripTrailingCr: true, ignoreNewlineAtEof: true });
  for (const change of changes) {
    const op = change.added ? 'add' : change.removed ? 'del' : 'same';
    for (const text of change.value.replace(/\n$/, '').split('\n')) lines.push({ op, text });
  }
  return lines;
}

/** Line diff of every text field between two versions (by default the current one and its predecessor). */
export async function diffVersions(
  db: Queryable,
  actor: Actor,
  id: number,
  q: z.infer<typeof versionDiffQuery>,
) {
  const { row } = await loadAgreement(db, actor, id);
  const to = q.to ?? row.currentVersion;
  const from = q.from ?? Math.max(1, to - 1);
  const found = await versionsOf(db, id, [from, to]);
  const a = found.find((v) => v.number === from);
  const b = found.find((v) => v.number === to);
  if (!a) throw invalidField('from', `Văn bản không có phiên bản số ${from}.`);
  if (!b) throw invalidField('to', `Văn bản không có phiên bản số ${to}.`);
  return { from, to, fields: TEXT_FIELDS.map((field) => ({ field, lines: lineDiff(a[field], b[field]) })) };
}

/**
 * A party's comment on the version under consultation: the actor must be an officer of the
 * party unit commenting; outside consultation comments are closed.
 */
export async function commentOnAgreement(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof agreementCommentBody>,
) {
  const commentId = await db.transaction(async (tx) => {
    const { row, parties } = await loadAgreement(tx, actor, id);
    if (row.status !== 'consultation') throw new AppError('NOT_IN_CONSULTATION');
    const party = parties.find((p) => p.unitId === body.unitId);
    if (!party) throw invalidField('unitId', 'Đơn vị góp ý phải là một bên tham gia văn bản.');
    if (!atLeast(roleOn(actor, party.path), 'officer')) throw forbidden();
    const [comment] = await tx
      .insert(agreementComments)
      .values({
        agreementId: id,
        versionNumber: row.currentVersion,
        unitId: body.unitId,
        authorId: actor.userId,
        body: body.body,
      })
      .returning();
    if (!comment) throw new AppError('INTERNAL');
    await recordAudit(tx, {
      action: 'agreement.comment',
      entityType: 'agreement',
      entityId: id,
      scopeUnitId: row.ownerUnitId,
      after: comment,
    });
    return comment.id;
  });
  const [created] = (await listComments(db, actor, id)).filter((c) => c.id === commentId);
  if (!created) throw notFound();
  return created;
}

/** Consultation comments, oldest first, with the commenting unit, author and version. */
export async function listComments(db: Queryable, actor: Actor, id: number) {
  await loadAgreement(db, actor, id);
  const rows = await db
    .select({
      id: agreementComments.id,
      versionNumber: agreementComments.versionNumber,
      unitId: units.id,
      unitName: units.name,
      unitShort: units.shortName,
      author: users.fullName,
      body: agreementComments.body,
      createdAt: agreementComments.createdAt,
    })
    .from(agreementComments)
    .innerJoin(units, eq(units.id, agreementComments.unitId))
    .leftJoin(users, eq(users.id, agreementComments.authorId))
    .where(eq(agreementComments.agreementId, id))
    .orderBy(asc(agreementComments.createdAt), asc(agreementComments.id));
  return rows.map(({ unitId, unitName, unitShort, createdAt, ...c }) => ({
    ...c,
    unit: { id: unitId, name: unitName, shortName: unitShort },
    createdAt: createdAt.toISOString(),
  }));
}

/** Replaces the parties while drafting: two or more distinct units, the owner among them. */
export async function setParties(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof agreementPartiesBody>,
) {
  return db.transaction(async (tx) => {
    const { row, parties: before, abilities } = await loadAgreement(tx, actor, id);
    assertDrafting(row, 'parties');
    if (!abilities.update) throw forbidden();
    if (row.version !== body.version) throw conflict();
    const ids = body.parties.map((p) => p.unitId);
    if (new Set(ids).size !== ids.length) {
      throw invalidField('parties', 'Mỗi đơn vị chỉ được nêu một lần trong các bên tham gia.');
    }
    if (ids.length < 2) {
      throw invalidField('parties', 'Văn bản phối hợp cần ít nhất hai đơn vị tham gia khác nhau.');
    }
    if (!ids.includes(row.ownerUnitId)) {
      throw invalidField('parties', 'Đơn vị chủ trì phải còn là một trong các bên tham gia.');
    }
    const existing = await tx.select({ id: units.id }).from(units).where(inArray(units.id, ids));
    if (existing.length !== ids.length) throw invalidField('parties', 'Có đơn vị tham gia không tồn tại.');
    const after = await bumpVersion(tx, id, body.version, {});
    await tx.delete(agreementParties).where(eq(agreementParties.agreementId, id));
    await tx.insert(agreementParties).values(
      body.parties.map((p, position) => ({
        agreementId: id,
        unitId: p.unitId,
        position,
        signatoryName: p.signatoryName ?? null,
        signatoryTitle: p.signatoryTitle ?? null,
      })),
    );
    await refreshAgreementSearchText(tx, id);
    await recordAudit(tx, {
      action: 'agreement.parties',
      entityType: 'agreement',
      entityId: id,
      scopeUnitId: row.ownerUnitId,
      before: { parties: before.map((p) => p.unitId) },
      after: { parties: body.parties },
    });
    return { id, status: after.status, version: after.version };
  });
}

/** Replaces the legal bases (văn bản căn cứ) while drafting, in the order given. */
export async function setLegalBases(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof agreementLegalBasesBody>,
) {
  return db.transaction(async (tx) => {
    const { row, abilities } = await loadAgreement(tx, actor, id);
    assertDrafting(row, 'legalDocumentIds');
    if (!abilities.update) throw forbidden();
    if (row.version !== body.version) throw conflict();
    const ids = [...new Set(body.legalDocumentIds)];
    if (ids.length > 0) {
      const found = await tx
        .select({ id: legalDocuments.id })
        .from(legalDocuments)
        .where(inArray(legalDocuments.id, ids));
      if (found.length !== ids.length) {
        throw invalidField('legalDocumentIds', 'Có văn bản căn cứ không tồn tại trong danh mục.');
      }
    }
    const before = await tx
      .select({ id: agreementLegalBases.legalDocumentId })
      .from(agreementLegalBases)
      .where(eq(agreementLegalBases.agreementId, id))
      .orderBy(asc(agreementLegalBases.position));
    const after = await bumpVersion(tx, id, body.version, {});
    await tx.delete(agreementLegalBases).where(eq(agreementLegalBases.agreementId, id));
    if (ids.length > 0) {
      await tx
        .insert(agreementLegalBases)
        .values(ids.map((legalDocumentId, position) => ({ agreementId: id, legalDocumentId, position })));
    }
    await recordAudit(tx, {
      action: 'agreement.legal_bases',
      entityType: 'agreement',
      entityId: id,
      scopeUnitId: row.ownerUnitId,
      before: { legalDocumentIds: before.map((b) => b.id) },
      after: { legalDocumentIds: ids },
    });
    return { id, status: after.status, version: after.version };
  });
}

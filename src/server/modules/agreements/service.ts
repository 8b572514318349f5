import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  agreementCreateBody,
  agreementTransitionBody,
  agreementUpdateBody,
} from '../../../contracts/agreements.ts';
import type { Db } from '../../db/client.ts';
import {
  agreementLegalBases,
  agreementParties,
  agreements,
  agreementVersions,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { todayInVietnam, viDate } from '../../lib/time.ts';
import { atLeast, roleOn } from '../access/scope.ts';
import { recordAudit } from '../audit/service.ts';
import { agreementSearchText, refreshAgreementSearchText } from './list.ts';
import { loadAgreement } from './load.ts';
import { agreementVisible, allowedTransitions } from './policy.ts';

const STATUS_VI: Record<string, string> = {
  draft: 'Dự thảo',
  consultation: 'Lấy ý kiến',
  signed: 'Đã ký',
  in_effect: 'Đang hiệu lực',
  ended: 'Hết hiệu lực',
  superseded: 'Bị thay thế',
};

export async function createAgreement(db: Db, actor: Actor, body: z.infer<typeof agreementCreateBody>) {
  const partyIds = [...new Set(body.parties.map((p) => p.unitId))];
  if (partyIds.length < 2)
    throw invalidField('parties', 'Văn bản phối hợp cần ít nhất hai đơn vị tham gia khác nhau');
  if (!partyIds.includes(body.ownerUnitId)) {
    throw invalidField('ownerUnitId', 'Đơn vị chủ trì phải là một trong các bên tham gia');
  }
  if (body.validFrom && body.validTo && body.validTo < body.validFrom) {
    throw invalidField('validTo', 'Ngày kết thúc phải sau ngày bắt đầu');
  }
  return db.transaction(async (tx) => {
    const partyUnits = await tx
      .select({ id: units.id, path: units.path, name: units.name })
      .from(units)
      .where(inArray(units.id, partyIds));
    if (partyUnits.length !== partyIds.length)
      throw invalidField('parties', 'Có đơn vị tham gia không tồn tại');
    const owner = partyUnits.find((u) => u.id === body.ownerUnitId);
    if (!owner || !atLeast(roleOn(actor, owner.path), 'officer')) throw forbidden();
    if (body.programId != null) {
      const [program] = await tx
        .select()
        .from(agreements)
        .where(and(eq(agreements.id, body.programId), agreementVisible(actor, agreements.id)));
      if (program?.kind !== 'program') {
        throw invalidField('programId', 'Không tìm thấy chương trình phối hợp trong phạm vi của bạn');
      }
      const lo = program.validFrom ?? '0000-01-01';
      const hi = program.validTo ?? '9999-12-31';
      const phase = `${program.validFrom ? viDate(program.validFrom) : '…'} – ${program.validTo ? viDate(program.validTo) : '…'}`;
      for (const field of ['validFrom', 'validTo'] as const) {
        const value = body[field];
        if (value && (value < lo || value > hi)) {
          throw invalidField(field, `Kế hoạch phải nằm trong giai đoạn của chương trình (${phase})`);
        }
      }
    }
    const { parties, legalBasisIds, ...fields } = body;
    const [row] = await tx
      .insert(agreements)
      .values({
        ...fields,
        searchText: agreementSearchText(
          body.subject,
          body.docNumber,
          partyUnits.map((u) => u.name),
        ),
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await tx.insert(agreementParties).values(
      parties.map((p, position) => ({
        agreementId: row.id,
        unitId: p.unitId,
        position,
        signatoryName: p.signatoryName ?? null,
        signatoryTitle: p.signatoryTitle ?? null,
      })),
    );
    if (legalBasisIds.length > 0) {
      await tx.insert(agreementLegalBases).values(
        legalBasisIds.map((legalDocumentId, position) => ({
          agreementId: row.id,
          legalDocumentId,
          position,
        })),
      );
    }
    await tx.insert(agreementVersions).values({
      agreementId: row.id,
      number: 1,
      kind: 'draft',
      subject: row.subject,
      purpose: row.purpose,
      requirements: row.requirements,
      body: row.body,
      createdById: actor.userId,
    });
    await recordAudit(tx, {
      action: 'agreement.create',
      entityType: 'agreement',
      entityId: row.id,
      scopeUnitId: row.ownerUnitId,
      after: { ...row, parties, legalBasisIds },
    });
    return { id: row.id, status: row.status, version: row.version };
  });
}

export async function transitionAgreement(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof agreementTransitionBody>,
) {
  return db.transaction(async (tx) => {
    const { row, abilities } = await loadAgreement(tx, actor, id);
    if (row.version !== body.version) throw conflict();
    const legal = allowedTransitions(row.status);
    if (!legal.includes(body.to)) {
      throw new AppError('ILLEGAL_TRANSITION', {
        fields: [
          {
            path: 'to',
            message: `Không thể chuyển từ "${STATUS_VI[row.status]}" sang "${STATUS_VI[body.to]}".`,
          },
        ],
      });
    }
    if (!abilities.transition.includes(body.to)) throw forbidden();
    const set: Partial<typeof agreements.$inferInsert> = { status: body.to };
    if (body.to === 'signed') {
      set.signedOn = body.signedOn ?? row.signedOn ?? todayInVietnam();
      if (body.signedPlace) set.signedPlace = body.signedPlace;
    }
    if (body.to === 'superseded' && body.supersededById) set.supersededById = body.supersededById;
    const [after] = await tx
      .update(agreements)
      .set({ ...set, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
      .where(and(eq(agreements.id, id), eq(agreements.version, body.version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, {
      action: 'agreement.transition',
      entityType: 'agreement',
      entityId: id,
      scopeUnitId: row.ownerUnitId,
      before: { status: row.status },
      after: { status: after.status, signedOn: after.signedOn },
    });
    return { id: after.id, status: after.status, version: after.version };
  });
}

/** Edits the current text while drafting; a signed text is locked (amend it instead). */
export async function updateAgreement(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof agreementUpdateBody>,
) {
  return db.transaction(async (tx) => {
    const { row, abilities } = await loadAgreement(tx, actor, id);
    if (row.status !== 'draft' && row.status !== 'consultation') throw new AppError('AGREEMENT_LOCKED');
    if (!abilities.update) throw forbidden();
    if (row.version !== body.version) throw conflict();
    if (
      body.parties ||
      body.legalBasisIds?.length ||
      body.ownerUnitId !== undefined ||
      body.kind ||
      body.programId !== undefined
    ) {
      throw invalidField('parties', 'Chưa hỗ trợ đổi loại, chương trình, đơn vị chủ trì hay các bên khi sửa');
    }
    const { version, parties: _p, legalBasisIds: _l, ...changes } = body;
    const next = { ...row, ...changes };
    if (next.validFrom && next.validTo && next.validTo < next.validFrom) {
      throw invalidField('validTo', 'Ngày kết thúc phải sau ngày bắt đầu');
    }
    const [after] = await tx
      .update(agreements)
      .set({
        ...changes,
        version: sql`${agreements.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(agreements.id, id), eq(agreements.version, version)))
      .returning();
    if (!after) throw conflict();
    await refreshAgreementSearchText(tx, id);
    await tx
      .update(agreementVersions)
      .set({
        subject: after.subject,
        purpose: after.purpose,
        requirements: after.requirements,
        body: after.body,
      })
      .where(and(eq(agreementVersions.agreementId, id), eq(agreementVersions.number, after.currentVersion)));
    await recordAudit(tx, {
      action: 'agreement.update',
      entityType: 'agreement',
      entityId: id,
      scopeUnitId: row.ownerUnitId,
      before: row,
      after,
    });
    return { id: after.id, status: after.status, version: after.version };
  });
}

import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldError } from '../../../contracts/errors.ts';
import type { targetInput } from '../../../contracts/indicators.ts';
import type { Db, Queryable } from '../../db/client.ts';
import { indicators, indicatorTargets, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { loadAgreement } from '../agreements/load.ts';
import { recordAudit } from '../audit/service.ts';
import { formatNumberVi, isNumericType, VALUE_TYPE_LABELS } from './labels.ts';

// Chỉ tiêu kế hoạch: one target per agreement, indicator, unit and year. Reading needs the
// agreement to be visible; setting and removing targets is planning work (manageTasks).

type TargetIn = z.infer<typeof targetInput>;

async function detailRows(db: Queryable, where: SQL | undefined) {
  return db
    .select({
      id: indicatorTargets.id,
      agreementId: indicatorTargets.agreementId,
      indicatorId: indicatorTargets.indicatorId,
      unitId: indicatorTargets.unitId,
      year: indicatorTargets.year,
      value: indicatorTargets.value,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      uom: indicators.uom,
      unitName: units.name,
    })
    .from(indicatorTargets)
    .innerJoin(indicators, eq(indicators.id, indicatorTargets.indicatorId))
    .innerJoin(units, eq(units.id, indicatorTargets.unitId))
    .where(where)
    .orderBy(asc(indicatorTargets.year), asc(indicators.code), asc(units.name), asc(indicatorTargets.id));
}

export async function listTargets(db: Db, actor: Actor, agreementId: number, year?: number) {
  await loadAgreement(db, actor, agreementId);
  return detailRows(
    db,
    and(
      eq(indicatorTargets.agreementId, agreementId),
      year === undefined ? undefined : eq(indicatorTargets.year, year),
    ),
  );
}

async function plannableAgreement(db: Queryable, actor: Actor, agreementId: number) {
  const a = await loadAgreement(db, actor, agreementId);
  if (!a.abilities.manageTasks) throw forbidden();
  return a;
}

/** Field errors of the targets sent: unknown indicator or unit, a value the indicator refuses, repeats. */
async function targetErrors(db: Queryable, targets: TargetIn[]): Promise<FieldError[]> {
  const indicatorIds = [...new Set(targets.map((t) => t.indicatorId))];
  const unitIds = [...new Set(targets.map((t) => t.unitId))];
  const found = new Map(
    (await db.select().from(indicators).where(inArray(indicators.id, indicatorIds))).map((r) => [r.id, r]),
  );
  const knownUnits = new Set(
    (await db.select({ id: units.id }).from(units).where(inArray(units.id, unitIds))).map((u) => u.id),
  );
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  for (const [i, t] of targets.entries()) {
    const at = (field: string) => `targets.${i}.${field}`;
    const key = `${t.indicatorId}|${t.unitId}|${t.year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        path: at('indicatorId'),
        message: `Chỉ tiêu kế hoạch dòng ${i + 1} trùng với dòng ${first + 1} (cùng chỉ tiêu, đơn vị, năm)`,
      });
      continue;
    }
    seen.set(key, i);
    if (!knownUnits.has(t.unitId))
      errors.push({ path: at('unitId'), message: `Đơn vị: không có đơn vị #${t.unitId}` });
    const ind = found.get(t.indicatorId);
    if (!ind) {
      errors.push({
        path: at('indicatorId'),
        message: `Chỉ tiêu: không có chỉ tiêu #${t.indicatorId} trong danh mục`,
      });
      continue;
    }
    if (!isNumericType(ind.valueType)) {
      errors.push({
        path: at('indicatorId'),
        message: `Chỉ tiêu ${ind.code} kiểu ${VALUE_TYPE_LABELS[ind.valueType].toLowerCase()} không đặt chỉ tiêu kế hoạch bằng số`,
      });
      continue;
    }
    const value = (msg: string) =>
      errors.push({ path: at('value'), message: `Giá trị (${ind.code}): ${msg}` });
    if (ind.valueType === 'integer' && !Number.isInteger(t.value)) value('cần là số nguyên');
    else if (ind.valueType === 'percentage' && t.value > 100) value('tỷ lệ không quá 100');
    else if (ind.minValue !== null && t.value < ind.minValue)
      value(`không nhỏ hơn ${formatNumberVi(ind.minValue)}`);
    else if (ind.maxValue !== null && t.value > ind.maxValue)
      value(`không lớn hơn ${formatNumberVi(ind.maxValue)}`);
  }
  return errors;
}

/** Sets targets (insert or replace the value by agreement, indicator, unit and year), all or nothing. */
export async function putTargets(db: Db, actor: Actor, agreementId: number, targets: TargetIn[]) {
  return db.transaction(async (tx) => {
    const a = await plannableAgreement(tx, actor, agreementId);
    if (targets.length === 0) return [];
    const errors = await targetErrors(tx, targets);
    if (errors.length) throw new AppError('VALIDATION_FAILED', { fields: errors });
    const keyOf = (t: { indicatorId: number; unitId: number; year: number }) =>
      `${t.indicatorId}|${t.unitId}|${t.year}`;
    const wanted = new Set(targets.map(keyOf));
    const before = (
      await tx
        .select()
        .from(indicatorTargets)
        .where(
          and(
            eq(indicatorTargets.agreementId, agreementId),
            inArray(indicatorTargets.indicatorId, [...new Set(targets.map((t) => t.indicatorId))]),
          ),
        )
    ).filter((r) => wanted.has(keyOf(r)));
    const rows = await tx
      .insert(indicatorTargets)
      .values(targets.map((t) => ({ ...t, agreementId })))
      .onConflictDoUpdate({
        target: [
          indicatorTargets.agreementId,
          indicatorTargets.indicatorId,
          indicatorTargets.unitId,
          indicatorTargets.year,
        ],
        set: { value: sql`excluded.value` },
      })
      .returning();
    await recordAudit(tx, {
      action: 'indicator_target.put',
      entityType: 'agreement',
      entityId: agreementId,
      scopeUnitId: a.row.ownerUnitId,
      before,
      after: rows,
    });
    const ids = rows.map((r) => r.id);
    const details = new Map((await detailRows(tx, inArray(indicatorTargets.id, ids))).map((d) => [d.id, d]));
    // In the order sent.
    return ids.map((id) => details.get(id)).filter((d) => d !== undefined);
  });
}

export async function deleteTarget(db: Db, actor: Actor, agreementId: number, targetId: number) {
  await db.transaction(async (tx) => {
    const a = await plannableAgreement(tx, actor, agreementId);
    const [row] = await tx
      .delete(indicatorTargets)
      .where(and(eq(indicatorTargets.id, targetId), eq(indicatorTargets.agreementId, agreementId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      action: 'indicator_target.delete',
      entityType: 'agreement',
      entityId: agreementId,
      scopeUnitId: a.row.ownerUnitId,
      before: row,
    });
  });
}

import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  deadlineOf,
  type Period,
  type PeriodKind,
  parsePeriod,
  periodsBetween,
} from '../../../contracts/periods.ts';
import type { FormIndicator, FormOut, formCreateBody, formUpdateBody } from '../../../contracts/reports.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  agreements,
  indicatorRules,
  indicators,
  reportFormIndicators,
  reportForms,
  reportFormUnits,
  reports,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { pathLikeAny, scopePatterns } from '../access/scope.ts';
import { loadAgreement } from '../agreements/load.ts';
import { agreementVisible } from '../agreements/policy.ts';
import { recordAudit } from '../audit/service.ts';
import type { ValueRule } from './values.ts';

// Biểu mẫu báo cáo: which indicators and narrative sections an agreement's units report, how
// often, by when, and whose leaders approve.

type FormRow = typeof reportForms.$inferSelect;
type CreateBody = z.infer<typeof formCreateBody>;
type UpdateBody = z.infer<typeof formUpdateBody>;

/**
 * Forms the actor may see, as a SQL condition on a form id column: the agreement is visible,
 * or a reporting unit or an approval-chain unit lies in the actor's scope (a border post that
 * is not a party still sees the form it reports on).
 */
export function formVisible(actor: Actor, formId: SQL, agreementId: SQL): SQL {
  const { all, paths } = scopePatterns(actor);
  if (all) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`(${agreementVisible(actor, agreementId)}
    or ${formId} in (select fu.form_id from ${reportFormUnits} fu join ${units} su on su.id = fu.unit_id
      where ${pathLikeAny(sql`su.path`, paths)})
    or ${formId} in (select cf.id from ${reportForms} cf
      cross join lateral jsonb_array_elements_text(cf.approval_chain) as ch(unit_id)
      join ${units} cu on cu.id = ch.unit_id::int where ${pathLikeAny(sql`cu.path`, paths)}))`;
}

/** The form's indicators in order, as reports and templates show them (required: form or catalogue). */
export async function loadFormIndicators(db: Queryable, formId: number): Promise<FormIndicator[]> {
  return (await loadIndicatorsOf(db, [formId])).get(formId) ?? [];
}

async function loadIndicatorsOf(db: Queryable, formIds: number[]): Promise<Map<number, FormIndicator[]>> {
  if (formIds.length === 0) return new Map();
  const rows = await db
    .select({ formId: reportFormIndicators.formId, fi: reportFormIndicators, ind: indicators })
    .from(reportFormIndicators)
    .innerJoin(indicators, eq(indicators.id, reportFormIndicators.indicatorId))
    .where(inArray(reportFormIndicators.formId, formIds))
    .orderBy(asc(reportFormIndicators.formId), asc(reportFormIndicators.position));
  const out = new Map<number, FormIndicator[]>();
  for (const { formId, fi, ind } of rows) {
    const list = out.get(formId) ?? [];
    list.push({
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      uom: ind.uom,
      valueType: ind.valueType,
      aggUnits: ind.aggUnits,
      aggTime: ind.aggTime,
      dedupByLocation: ind.dedupByLocation,
      minValue: ind.minValue,
      maxValue: ind.maxValue,
      required: fi.required || ind.required,
      categories: ind.disaggregation?.categories.map((c) => ({ code: c.code, name: c.name })) ?? null,
      position: fi.position,
      exchangeSource: ind.exchangeSource ?? null,
    });
    out.set(formId, list);
  }
  return out;
}

/** The cross-field rules among these indicators (both ends on the form). */
export async function loadRules(db: Queryable, indicatorIds: number[]): Promise<ValueRule[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await db
    .select({
      indicatorId: indicatorRules.indicatorId,
      op: indicatorRules.op,
      otherIndicatorId: indicatorRules.otherIndicatorId,
      message: indicatorRules.message,
    })
    .from(indicatorRules)
    .where(inArray(indicatorRules.indicatorId, indicatorIds))
    .orderBy(asc(indicatorRules.id));
  const on = new Set(indicatorIds);
  return rows.filter((r) => on.has(r.otherIndicatorId));
}

/** The window in which an agreement's periods may fall (null ends: open). */
export function agreementWindow(a: {
  validFrom: string | null;
  validTo: string | null;
  year: number | null;
}) {
  return {
    from: a.validFrom ?? (a.year ? `${a.year}-01-01` : null),
    to: a.validTo ?? (a.year ? `${a.year}-12-31` : null),
  };
}

/** A period overlaps the agreement's validity (effective dates, else its plan year). */
export function periodInWindow(
  p: Pick<Period, 'start' | 'end'>,
  w: { from: string | null; to: string | null },
) {
  return (w.from === null || p.end >= w.from) && (w.to === null || p.start <= w.to);
}

/** The form's periods in a year (a phase: the agreement's phase), with labels and due dates. */
export function formPeriodsOf(
  form: Pick<FormRow, 'frequency' | 'deadlineDay' | 'deadlineMonthOffset'>,
  window: { from: string | null; to: string | null },
  year: number,
) {
  let keys: string[];
  if (form.frequency === 'phase') {
    if (!window.from || !window.to) return [];
    keys = [`${window.from.slice(0, 4)}-${window.to.slice(0, 4)}`];
  } else {
    keys = periodsBetween(form.frequency as PeriodKind, year, year);
  }
  const rule = { day: form.deadlineDay, monthOffset: form.deadlineMonthOffset };
  return keys
    .map((k) => parsePeriod(k))
    .filter((p): p is Period => p !== null && periodInWindow(p, window))
    .filter(
      (p) =>
        form.frequency !== 'phase' || (p.start.slice(0, 4) <= `${year}` && p.end.slice(0, 4) >= `${year}`),
    )
    .map((p) => ({
      key: p.key,
      label: p.label,
      start: p.start,
      end: p.end,
      dueDate: deadlineOf(p.key, rule) ?? p.end,
    }));
}

/** A form the actor may see (404 otherwise), with its agreement's row. */
async function loadVisibleForm(db: Queryable, actor: Actor, id: number) {
  const [found] = await db
    .select({ form: reportForms, agreement: agreements })
    .from(reportForms)
    .innerJoin(agreements, eq(agreements.id, reportForms.agreementId))
    .where(
      and(
        eq(reportForms.id, id),
        formVisible(actor, sql`${reportForms.id}`, sql`${reportForms.agreementId}`),
      ),
    );
  if (!found) throw notFound();
  return found;
}

/** The actor's manageTasks ability on the agreement, false when it only sees the form. */
async function mayManage(db: Queryable, actor: Actor, agreementId: number) {
  try {
    return (await loadAgreement(db, actor, agreementId)).abilities.manageTasks;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return false;
    throw err;
  }
}

async function present(
  db: Queryable,
  rows: { form: FormRow; subject: string }[],
  update: Map<number, boolean>,
) {
  const ids = rows.map((r) => r.form.id);
  const inds = await loadIndicatorsOf(db, ids);
  const formUnits = ids.length
    ? await db
        .select({
          formId: reportFormUnits.formId,
          id: units.id,
          name: units.name,
          shortName: units.shortName,
        })
        .from(reportFormUnits)
        .innerJoin(units, eq(units.id, reportFormUnits.unitId))
        .where(inArray(reportFormUnits.formId, ids))
        .orderBy(asc(units.path))
    : [];
  const unitsOf = Map.groupBy(formUnits, (u) => u.formId);
  const chainIds = [...new Set(rows.flatMap((r) => r.form.approvalChain))];
  const chainUnits = chainIds.length
    ? await db
        .select({ id: units.id, name: units.name, shortName: units.shortName })
        .from(units)
        .where(inArray(units.id, chainIds))
    : [];
  const unitById = new Map(chainUnits.map((u) => [u.id, u]));
  return rows.map(
    ({ form, subject }): FormOut => ({
      id: form.id,
      agreementId: form.agreementId,
      agreementSubject: subject,
      name: form.name,
      frequency: form.frequency,
      deadlineDay: form.deadlineDay,
      deadlineMonthOffset: form.deadlineMonthOffset,
      narrativeSections: form.narrativeSections,
      approvalChain: form.approvalChain.map(
        (id) => unitById.get(id) ?? { id, name: `#${id}`, shortName: null },
      ),
      allowSelfApproval: form.allowSelfApproval,
      active: form.active,
      indicators: inds.get(form.id) ?? [],
      units: (unitsOf.get(form.id) ?? []).map(({ id, name, shortName }) => ({ id, name, shortName })),
      version: form.version,
      abilities: { update: update.get(form.agreementId) ?? false },
    }),
  );
}

export async function listForms(db: Queryable, actor: Actor, agreementId: number): Promise<FormOut[]> {
  const a = await loadAgreement(db, actor, agreementId);
  const rows = await db
    .select()
    .from(reportForms)
    .where(eq(reportForms.agreementId, agreementId))
    .orderBy(asc(reportForms.id));
  return present(
    db,
    rows.map((form) => ({ form, subject: a.row.subject })),
    new Map([[agreementId, a.abilities.manageTasks]]),
  );
}

export async function getForm(db: Queryable, actor: Actor, id: number): Promise<FormOut> {
  const { form, agreement } = await loadVisibleForm(db, actor, id);
  const update = await mayManage(db, actor, form.agreementId);
  const [out] = await present(
    db,
    [{ form, subject: agreement.subject }],
    new Map([[form.agreementId, update]]),
  );
  return out!;
}

/** Indicators, units and chain of a form body: each must exist (indicators: and be active). */
async function validateParts(
  tx: Queryable,
  body: Partial<Pick<CreateBody, 'indicators' | 'unitIds' | 'approvalChain' | 'narrativeSections'>>,
) {
  if (body.indicators) {
    const ids = body.indicators.map((i) => i.indicatorId);
    const found = await tx
      .select({ id: indicators.id, code: indicators.code, active: indicators.active })
      .from(indicators)
      .where(inArray(indicators.id, ids));
    const byId = new Map(found.map((f) => [f.id, f]));
    const seen = new Set<number>();
    body.indicators.forEach((i, n) => {
      const f = byId.get(i.indicatorId);
      const path = `indicators[${n}].indicatorId`;
      if (!f) throw invalidField(path, 'Chỉ tiêu không có trong danh mục.');
      if (!f.active) throw invalidField(path, `Chỉ tiêu ${f.code} đã ngừng sử dụng; hãy chọn chỉ tiêu khác.`);
      if (seen.has(i.indicatorId)) throw invalidField(path, `Chỉ tiêu ${f.code} được chọn hai lần.`);
      seen.add(i.indicatorId);
    });
  }
  const assertUnits = async (field: string, ids: number[], unique: boolean) => {
    const found = await tx.select({ id: units.id }).from(units).where(inArray(units.id, ids));
    const known = new Set(found.map((f) => f.id));
    const seen = new Set<number>();
    ids.forEach((id, n) => {
      if (!known.has(id)) throw invalidField(`${field}[${n}]`, 'Đơn vị không tồn tại.');
      if (unique && seen.has(id))
        throw invalidField(`${field}[${n}]`, 'Đơn vị có tên hai lần trong quy trình duyệt.');
      seen.add(id);
    });
  };
  if (body.unitIds) await assertUnits('unitIds', body.unitIds, false);
  if (body.approvalChain) await assertUnits('approvalChain', body.approvalChain, true);
  if (body.narrativeSections) {
    const keys = new Set<string>();
    body.narrativeSections.forEach((s, n) => {
      if (keys.has(s.key)) throw invalidField(`narrativeSections[${n}].key`, `Mã phần "${s.key}" bị trùng.`);
      keys.add(s.key);
    });
  }
}

async function writeParts(
  tx: Queryable,
  formId: number,
  body: Partial<Pick<CreateBody, 'indicators' | 'unitIds'>>,
) {
  if (body.indicators) {
    await tx.delete(reportFormIndicators).where(eq(reportFormIndicators.formId, formId));
    await tx.insert(reportFormIndicators).values(
      body.indicators.map((i, position) => ({
        formId,
        indicatorId: i.indicatorId,
        required: i.required,
        position,
      })),
    );
  }
  if (body.unitIds) {
    await tx.delete(reportFormUnits).where(eq(reportFormUnits.formId, formId));
    const ids = [...new Set(body.unitIds)];
    for (let i = 0; i < ids.length; i += 5000) {
      await tx.insert(reportFormUnits).values(ids.slice(i, i + 5000).map((unitId) => ({ formId, unitId })));
    }
  }
}

export async function createForm(db: Db, actor: Actor, agreementId: number, body: CreateBody) {
  const id = await db.transaction(async (tx) => {
    const a = await loadAgreement(tx, actor, agreementId);
    if (!a.abilities.manageTasks) throw forbidden();
    await validateParts(tx, body);
    const [form] = await tx
      .insert(reportForms)
      .values({
        agreementId,
        name: body.name,
        frequency: body.frequency,
        deadlineDay: body.deadlineDay,
        deadlineMonthOffset: body.deadlineMonthOffset,
        narrativeSections: body.narrativeSections,
        approvalChain: body.approvalChain,
        allowSelfApproval: body.allowSelfApproval,
        createdById: actor.userId,
      })
      .returning();
    await writeParts(tx, form!.id, body);
    await recordAudit(tx, {
      action: 'report_form.create',
      entityType: 'report_form',
      entityId: form!.id,
      scopeUnitId: a.row.ownerUnitId,
      after: { ...form, indicators: body.indicators, unitIds: body.unitIds },
    });
    return form!.id;
  });
  return getForm(db, actor, id);
}

async function reportCount(tx: Queryable, formId: number) {
  const [{ n }] = (await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(reports)
    .where(eq(reports.formId, formId))) as [{ n: number }];
  return n;
}

export async function updateForm(db: Db, actor: Actor, id: number, body: UpdateBody) {
  await db.transaction(async (tx) => {
    const { form: before } = await loadVisibleForm(tx, actor, id);
    const a = await loadAgreement(tx, actor, before.agreementId);
    if (!a.abilities.manageTasks) throw forbidden();
    if (before.version !== body.version) throw conflict();
    await validateParts(tx, body);
    if (body.frequency && body.frequency !== before.frequency && (await reportCount(tx, id)) > 0) {
      throw invalidField(
        'frequency',
        'Biểu mẫu đã có báo cáo nên không đổi được kỳ báo cáo; hãy ngừng dùng biểu mẫu này và tạo biểu mẫu mới.',
        'IN_USE',
      );
    }
    const { indicators: _i, unitIds: _u, version, ...fields } = body;
    const [after] = await tx
      .update(reportForms)
      .set({ ...fields, version: sql`${reportForms.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(reportForms.id, id), eq(reportForms.version, version)))
      .returning();
    if (!after) throw conflict();
    await writeParts(tx, id, body);
    await recordAudit(tx, {
      action: 'report_form.update',
      entityType: 'report_form',
      entityId: id,
      scopeUnitId: a.row.ownerUnitId,
      before,
      after: {
        ...after,
        ...(body.indicators ? { indicators: body.indicators } : {}),
        ...(body.unitIds ? { unitIds: body.unitIds } : {}),
      },
    });
  });
  return getForm(db, actor, id);
}

/** Deletes a form that no report uses yet (409 IN_USE otherwise: deactivate it instead). */
export async function deleteForm(db: Db, actor: Actor, id: number, version: number) {
  await db.transaction(async (tx) => {
    const { form } = await loadVisibleForm(tx, actor, id);
    const a = await loadAgreement(tx, actor, form.agreementId);
    if (!a.abilities.manageTasks) throw forbidden();
    if (form.version !== version) throw conflict();
    const n = await reportCount(tx, id);
    if (n > 0) {
      throw new AppError('IN_USE', {
        fields: [{ path: 'id', message: `Biểu mẫu đã có ${n} báo cáo; hãy ngừng sử dụng thay vì xóa.` }],
      });
    }
    await tx.delete(reportForms).where(eq(reportForms.id, id));
    await recordAudit(tx, {
      action: 'report_form.delete',
      entityType: 'report_form',
      entityId: id,
      scopeUnitId: a.row.ownerUnitId,
      before: form,
    });
  });
}

export async function listFormPeriods(db: Queryable, actor: Actor, id: number, year: number) {
  const { form, agreement } = await loadVisibleForm(db, actor, id);
  return formPeriodsOf(form, agreementWindow(agreement), year);
}

import { and, asc, eq, inArray, like, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { FieldError } from '../../../contracts/errors.ts';
import type {
  IndicatorOut,
  indicatorCreateBody,
  indicatorListQuery,
  indicatorUpdateBody,
  ruleInput,
  ValueType,
} from '../../../contracts/indicators.ts';
import { searchIndexText, searchTokens } from '../../../contracts/text.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  indicatorLinks,
  indicatorRules,
  indicators,
  indicatorTargets,
  reportFormIndicators,
  reportValues,
  reportValueYears,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { agreementVisible } from '../agreements/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshExchangeIndicatorYears, refreshIndicatorValueYears } from '../rollup/store.ts';
import { formatNumberVi, isNumericType, VALUE_TYPE_LABELS } from './labels.ts';
import { catalogueAbilities } from './policy.ts';

// The indicator catalogue (danh mục chỉ tiêu): definitions, their validation and cross-field
// rules. Links to agreements and targets live in links.ts and targets.ts.

type Row = typeof indicators.$inferSelect;
type RuleIn = z.infer<typeof ruleInput>;
type Rule = IndicatorOut['rules'][number];

const other = alias(indicators, 'other_indicator');

/** The rules of these indicators, with the other indicator's code and name, by indicator id. */
export async function rulesOf(db: Queryable, ids: number[]): Promise<Map<number, Rule[]>> {
  const out = new Map<number, Rule[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      indicatorId: indicatorRules.indicatorId,
      id: indicatorRules.id,
      op: indicatorRules.op,
      otherIndicatorId: indicatorRules.otherIndicatorId,
      otherCode: other.code,
      otherName: other.name,
      message: indicatorRules.message,
    })
    .from(indicatorRules)
    .innerJoin(other, eq(other.id, indicatorRules.otherIndicatorId))
    .where(inArray(indicatorRules.indicatorId, ids))
    .orderBy(asc(indicatorRules.id));
  for (const { indicatorId, ...rule } of rows) {
    const list = out.get(indicatorId) ?? [];
    list.push(rule);
    out.set(indicatorId, list);
  }
  return out;
}

export function presentIndicator(row: Row, rules: Rule[], actor?: Actor): IndicatorOut {
  const can = actor ? catalogueAbilities(actor) : null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    uom: row.uom,
    valueType: row.valueType,
    aggUnits: row.aggUnits,
    aggTime: row.aggTime,
    dedupByLocation: row.dedupByLocation,
    minValue: row.minValue,
    maxValue: row.maxValue,
    required: row.required,
    disaggregation: row.disaggregation ?? null,
    description: row.description,
    active: row.active,
    exchangeSource: row.exchangeSource,
    rules,
    version: row.version,
    ...(can ? { abilities: { update: can.update, delete: can.delete } } : {}),
  };
}

/** Present several rows with their rules (one query for all the rules). */
export async function presentIndicators(db: Queryable, rows: Row[], actor?: Actor) {
  const rules = await rulesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentIndicator(r, rules.get(r.id) ?? [], actor));
}

export async function loadIndicator(db: Queryable, id: number): Promise<Row> {
  const [row] = await db.select().from(indicators).where(eq(indicators.id, id));
  if (!row) throw notFound();
  return row;
}

const indicatorSearchText = (r: Pick<Row, 'code' | 'name' | 'uom' | 'description'>) =>
  searchIndexText(r.code, r.name, r.uom, r.description);

/** The list's conditions: diacritic-free search (trigram index), linked agreement, active. */
export function listConditions(
  actor: Actor,
  q: Omit<z.infer<typeof indicatorListQuery>, 'limit' | 'offset'>,
) {
  const conds: SQL[] = searchTokens(q.q ?? '').map((t) => like(indicators.searchText, `%${t}%`));
  if (q.active !== 'all') conds.push(eq(indicators.active, q.active === 'true'));
  if (q.agreementId) {
    // Only through an agreement the actor can see; another unit's agreement lists nothing.
    conds.push(sql`exists (select 1 from ${indicatorLinks} l where l.indicator_id = ${indicators.id}
      and l.agreement_id = ${q.agreementId} and ${agreementVisible(actor, sql`l.agreement_id`)})`);
  }
  return and(...conds);
}

export async function listIndicators(db: Db, actor: Actor, q: z.infer<typeof indicatorListQuery>) {
  const where = listConditions(actor, q);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(indicators).where(where);
  const rows = await db
    .select()
    .from(indicators)
    .where(where)
    .orderBy(asc(indicators.code), asc(indicators.id))
    .limit(q.limit)
    .offset(q.offset);
  return {
    total: counted?.total ?? 0,
    items: await presentIndicators(db, rows, actor),
    abilities: { create: catalogueAbilities(actor).create },
  };
}

/** One indicator with its rules (and the actor's abilities when an actor is given). */
export async function getIndicator(db: Queryable, actor: Actor | undefined, id: number) {
  const row = await loadIndicator(db, id);
  const rules = await rulesOf(db, [id]);
  return presentIndicator(row, rules.get(id) ?? [], actor);
}

/** A concurrent insert of the same code that got past assertCodeFree hits the unique index. */
async function uniqueCode<T>(code: string, write: PromiseLike<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    const err = e as { code?: unknown; cause?: { code?: unknown } };
    if (err.code === '23505' || err.cause?.code === '23505') {
      throw new AppError('INDICATOR_CODE_EXISTS', {
        fields: [{ path: 'code', message: `Mã ${code} vừa được dùng cho một chỉ tiêu khác` }],
      });
    }
    throw e;
  }
}

async function assertCodeFree(db: Queryable, code: string, exceptId?: number) {
  const [existing] = await db
    .select({ id: indicators.id, name: indicators.name })
    .from(indicators)
    .where(
      and(
        eq(sql`upper(${indicators.code})`, code.toUpperCase()),
        exceptId ? ne(indicators.id, exceptId) : undefined,
      ),
    );
  if (existing) {
    throw new AppError('INDICATOR_CODE_EXISTS', {
      fields: [{ path: 'code', message: `Mã ${code} đã được dùng cho chỉ tiêu "${existing.name}"` }],
      detail: String(existing.id),
    });
  }
}

interface Definition {
  valueType: ValueType;
  minValue: number | null;
  maxValue: number | null;
  disaggregation: Row['disaggregation'];
  /** Omitted: not checked (callers without it). */
  aggTime?: Row['aggTime'];
  exchangeSource?: Row['exchangeSource'];
}

const typeName = (t: ValueType) => VALUE_TYPE_LABELS[t].toLowerCase();

/** Range and disaggregation problems of a definition, as field errors. */
export function definitionErrors(d: Definition): FieldError[] {
  const errors: FieldError[] = [];
  const bounds = [
    ['minValue', d.minValue, 'Giá trị nhỏ nhất'],
    ['maxValue', d.maxValue, 'Giá trị lớn nhất'],
  ] as const;
  for (const [path, value, label] of bounds) {
    if (value === null) continue;
    if (!isNumericType(d.valueType)) {
      errors.push({
        path,
        message: `${label}: chỉ tiêu kiểu ${typeName(d.valueType)} không có giới hạn giá trị; hãy để trống`,
      });
    } else if (d.valueType === 'percentage' && (value < 0 || value > 100)) {
      errors.push({ path, message: `${label}: chỉ tiêu tỷ lệ phải nằm trong khoảng 0–100` });
    } else if (d.valueType === 'integer' && !Number.isInteger(value)) {
      errors.push({ path, message: `${label}: chỉ tiêu số nguyên cần giới hạn là số nguyên` });
    }
  }
  if (d.minValue !== null && d.maxValue !== null && d.minValue > d.maxValue) {
    errors.push({
      path: 'maxValue',
      message: `Giá trị lớn nhất phải lớn hơn hoặc bằng giá trị nhỏ nhất (${formatNumberVi(d.minValue)})`,
    });
  }
  if (d.exchangeSource) {
    // A count of bulletins: a number that adds up over time.
    if (d.valueType !== 'integer' && d.valueType !== 'decimal') {
      errors.push({
        path: 'exchangeSource',
        message: `Nguồn số liệu: chỉ tiêu đếm tự động từ trao đổi thông tin phải là số (số nguyên hoặc số thập phân), không phải kiểu ${typeName(d.valueType)}`,
      });
    } else if (d.aggTime !== undefined && d.aggTime !== 'sum') {
      errors.push({
        path: 'exchangeSource',
        message:
          'Nguồn số liệu: chỉ tiêu đếm tự động từ trao đổi thông tin phải tổng hợp theo thời gian bằng cộng tổng',
      });
    }
  }
  const seen = new Set<string>();
  for (const [i, c] of (d.disaggregation?.categories ?? []).entries()) {
    const key = c.code.toUpperCase();
    if (seen.has(key)) {
      errors.push({
        path: `disaggregation.categories.${i}.code`,
        message: `Phân tổ: mã nhóm "${c.code}" bị trùng; mỗi nhóm cần một mã riêng`,
      });
    }
    seen.add(key);
  }
  return errors;
}

/** Rule problems: only numeric indicators compare, never with themselves or an unknown one. */
async function ruleErrors(
  db: Queryable,
  valueType: ValueType,
  rules: RuleIn[],
  selfId: number | null,
): Promise<FieldError[]> {
  if (rules.length === 0) return [];
  if (!isNumericType(valueType)) {
    return [
      {
        path: 'rules',
        message: `Quy tắc: chỉ tiêu kiểu ${typeName(valueType)} không có quy tắc so sánh; chỉ chỉ tiêu dạng số mới có`,
      },
    ];
  }
  const ids = [...new Set(rules.map((r) => r.otherIndicatorId))];
  const found = new Map(
    (
      await db
        .select({ id: indicators.id, code: indicators.code, valueType: indicators.valueType })
        .from(indicators)
        .where(inArray(indicators.id, ids))
    ).map((r) => [r.id, r]),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, r] of rules.entries()) {
    const path = `rules.${i}.otherIndicatorId`;
    const target = found.get(r.otherIndicatorId);
    if (r.otherIndicatorId === selfId) {
      errors.push({ path, message: 'Quy tắc: không so sánh chỉ tiêu với chính nó; hãy chọn chỉ tiêu khác' });
    } else if (!target) {
      errors.push({ path, message: `Quy tắc: không có chỉ tiêu #${r.otherIndicatorId} trong danh mục` });
    } else if (!isNumericType(target.valueType)) {
      errors.push({
        path,
        message: `Quy tắc: chỉ tiêu ${target.code} kiểu ${typeName(target.valueType)}, không so sánh được bằng số`,
      });
    } else {
      const key = `${r.op}|${r.otherIndicatorId}`;
      if (seen.has(key)) errors.push({ path, message: 'Quy tắc: bị trùng với một quy tắc ở trên' });
      seen.add(key);
    }
  }
  return errors;
}

const throwIfAny = (errors: FieldError[]) => {
  if (errors.length) throw new AppError('VALIDATION_FAILED', { fields: errors });
};

async function insertRules(db: Queryable, indicatorId: number, rules: RuleIn[]) {
  if (rules.length === 0) return;
  await db.insert(indicatorRules).values(
    rules.map((r) => ({
      indicatorId,
      op: r.op,
      otherIndicatorId: r.otherIndicatorId,
      message: r.message ?? null,
    })),
  );
}

export async function createIndicator(db: Db, actor: Actor, body: z.infer<typeof indicatorCreateBody>) {
  if (!catalogueAbilities(actor).create) throw forbidden();
  const def = {
    code: body.code,
    name: body.name,
    uom: body.uom,
    valueType: body.valueType,
    aggUnits: body.aggUnits,
    aggTime: body.aggTime,
    dedupByLocation: body.dedupByLocation,
    minValue: body.minValue ?? null,
    maxValue: body.maxValue ?? null,
    required: body.required,
    disaggregation: body.disaggregation ?? null,
    description: body.description ?? null,
    exchangeSource: body.exchangeSource ?? null,
  };
  const rules = body.rules ?? [];
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, def.code);
    throwIfAny([...definitionErrors(def), ...(await ruleErrors(tx, def.valueType, rules, null))]);
    const [row] = await uniqueCode(
      def.code,
      tx
        .insert(indicators)
        .values({ ...def, searchText: indicatorSearchText(def) })
        .returning(),
    );
    if (!row) throw new AppError('INTERNAL');
    await insertRules(tx, row.id, rules);
    await recordAudit(tx, {
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: row.id,
      scopeUnitId: actor.unitId,
      after: await getIndicator(tx, undefined, row.id),
    });
    return getIndicator(tx, actor, row.id);
  });
}

/** Whether approved or draft report values exist for the indicator. */
async function hasValues(db: Queryable, id: number) {
  const [used] = await db
    .select({ n: sql<number>`1` })
    .from(reportValues)
    .where(eq(reportValues.indicatorId, id))
    .limit(1);
  return Boolean(used);
}

export async function updateIndicator(
  db: Db,
  actor: Actor,
  id: number,
  body: z.infer<typeof indicatorUpdateBody>,
) {
  if (!catalogueAbilities(actor).update) throw forbidden();
  return db.transaction(async (tx) => {
    const beforeRow = await loadIndicator(tx, id);
    if (beforeRow.version !== body.version) throw conflict();
    const before = presentIndicator(beforeRow, (await rulesOf(tx, [id])).get(id) ?? []);
    const { version, rules: newRules, ...sent } = body;
    const changes = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) as Partial<
      typeof sent
    >;
    const next = { ...beforeRow, ...changes };
    if (changes.code !== undefined && changes.code !== beforeRow.code)
      await assertCodeFree(tx, changes.code, id);

    const rules: RuleIn[] =
      newRules ??
      before.rules.map((r) => ({ op: r.op, otherIndicatorId: r.otherIndicatorId, message: r.message }));
    const errors = [
      ...definitionErrors({
        valueType: next.valueType,
        minValue: next.minValue ?? null,
        maxValue: next.maxValue ?? null,
        disaggregation: next.disaggregation ?? null,
        aggTime: next.aggTime,
        exchangeSource: next.exchangeSource ?? null,
      }),
      ...(await ruleErrors(tx, next.valueType, rules, id)),
    ];
    if (next.valueType !== beforeRow.valueType) {
      if (await hasValues(tx, id)) {
        errors.push({
          path: 'valueType',
          message:
            'Kiểu giá trị: chỉ tiêu đã có số liệu báo cáo nên không đổi kiểu được; hãy tạo chỉ tiêu mới và ngừng sử dụng chỉ tiêu này',
        });
      }
      if (!isNumericType(next.valueType)) {
        const [referenced] = await tx
          .select({ code: indicators.code })
          .from(indicatorRules)
          .innerJoin(indicators, eq(indicators.id, indicatorRules.indicatorId))
          .where(and(eq(indicatorRules.otherIndicatorId, id), ne(indicatorRules.indicatorId, id)))
          .limit(1);
        if (referenced) {
          errors.push({
            path: 'valueType',
            message: `Kiểu giá trị: quy tắc của chỉ tiêu ${referenced.code} so sánh với chỉ tiêu này bằng số; hãy bỏ quy tắc đó trước`,
          });
        }
      }
    }
    throwIfAny(errors);

    const [updated] = await uniqueCode(
      next.code,
      tx
        .update(indicators)
        .set({
          code: next.code,
          name: next.name,
          uom: next.uom,
          valueType: next.valueType,
          aggUnits: next.aggUnits,
          aggTime: next.aggTime,
          dedupByLocation: next.dedupByLocation,
          minValue: next.minValue ?? null,
          maxValue: next.maxValue ?? null,
          required: next.required,
          disaggregation: next.disaggregation ?? null,
          description: next.description ?? null,
          exchangeSource: next.exchangeSource ?? null,
          active: next.active,
          searchText: indicatorSearchText(next),
          version: sql`${indicators.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(indicators.id, id), eq(indicators.version, version)))
        .returning({ id: indicators.id }),
    );
    if (!updated) throw conflict();
    // Yearly roll-up rows were folded over time by the old rule: fold them again.
    if (next.aggTime !== beforeRow.aggTime) await refreshIndicatorValueYears(tx, id);
    // Counted from the exchange now, or no longer, or counting something else: recount.
    if ((next.exchangeSource ?? null) !== beforeRow.exchangeSource)
      await refreshExchangeIndicatorYears(tx, id);
    if (newRules !== undefined) {
      // Rules are a set: what is sent replaces what was there.
      await tx.delete(indicatorRules).where(eq(indicatorRules.indicatorId, id));
      await insertRules(tx, id, newRules);
    }
    await recordAudit(tx, {
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: id,
      scopeUnitId: actor.unitId,
      before,
      after: await getIndicator(tx, undefined, id),
    });
    return getIndicator(tx, actor, id);
  });
}

/** What keeps an indicator from being deleted, in words (empty: unused). */
async function usage(db: Queryable, id: number): Promise<string[]> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const probe = async (
    table:
      | typeof reportValues
      | typeof reportValueYears
      | typeof reportFormIndicators
      | typeof indicatorTargets,
  ) => (await db.select({ n: sql`1` }).from(table).where(eq(table.indicatorId, id)).limit(1)).length > 0;
  const values = await probe(reportValues);
  const years = await probe(reportValueYears);
  const forms = await probe(reportFormIndicators);
  const targets = await probe(indicatorTargets);
  const uses: string[] = [];
  if (values || years) uses.push('đã có số liệu báo cáo');
  if (forms) uses.push('đang có trong biểu mẫu báo cáo');
  if (targets) uses.push('đã có chỉ tiêu kế hoạch');
  return uses;
}

export async function deleteIndicator(db: Db, actor: Actor, id: number, version: number) {
  if (!catalogueAbilities(actor).delete) throw forbidden();
  await db.transaction(async (tx) => {
    const row = await loadIndicator(tx, id);
    if (row.version !== version) throw conflict();
    const uses = await usage(tx, id);
    if (uses.length) {
      throw new AppError('IN_USE', {
        fields: [
          {
            path: 'active',
            message: `Chỉ tiêu ${row.code} ${uses.join(', ')}; hãy ngừng sử dụng chỉ tiêu (active: false) thay vì xóa`,
          },
        ],
      });
    }
    const before = presentIndicator(row, (await rulesOf(tx, [id])).get(id) ?? []);
    // Links and rules go with it (cascade); other indicators' rules that compared with it too,
    // so they are kept in the audit entry.
    const rulesOfOthers = await tx
      .select()
      .from(indicatorRules)
      .where(and(eq(indicatorRules.otherIndicatorId, id), ne(indicatorRules.indicatorId, id)));
    const links = await tx.select().from(indicatorLinks).where(eq(indicatorLinks.indicatorId, id));
    await tx.delete(indicators).where(eq(indicators.id, id));
    await recordAudit(tx, {
      action: 'indicator.delete',
      entityType: 'indicator',
      entityId: id,
      scopeUnitId: actor.unitId,
      before: { ...before, links, rulesOfOthers },
    });
  });
}

import { eq } from 'drizzle-orm';
import type { ValueType } from '../src/contracts/indicators.ts';
import { deadlineOf, type PeriodKind, parsePeriod } from '../src/contracts/periods.ts';
import type { ReportStatus } from '../src/contracts/reports.ts';
import { DEFAULT_NARRATIVE_SECTIONS } from '../src/contracts/reports.ts';
import { searchIndexText } from '../src/contracts/text.ts';
import type { Db } from '../src/server/db/client.ts';
import {
  indicatorRules,
  indicators,
  reportFormIndicators,
  reportForms,
  reportFormUnits,
  reports,
  reportValues,
  units,
} from '../src/server/db/schema/index.ts';
import { refreshValueYears } from '../src/server/modules/rollup/store.ts';

// Factories for indicators, report forms and reports. Like test/factories.ts they insert rows
// directly and skip policies on purpose; helpers of several modules import them, so the
// signatures stay stable (new options are added as optional fields only).

let seq = 0;

/**
 * Inserts an indicator (default: integer count in "hộ", summed over units and time) with
 * optional cross-field rules (`rules: [{ op: '>=', otherIndicatorId }]`).
 */
export async function buildIndicator(
  db: Db,
  over: Partial<Omit<typeof indicators.$inferInsert, 'id' | 'searchText'>> & {
    rules?: Array<{ op: '>=' | '<=' | '>' | '<' | '='; otherIndicatorId: number; message?: string | null }>;
  } = {},
) {
  const { rules, ...fields } = over;
  const n = ++seq;
  const code = (fields.code ?? `CT${String(n).padStart(3, '0')}`).toUpperCase();
  const name = fields.name ?? `Chỉ tiêu thử ${n}`;
  const [row] = await db
    .insert(indicators)
    .values({
      uom: 'hộ',
      valueType: 'integer' as ValueType,
      aggUnits: 'sum',
      aggTime: 'sum',
      ...fields,
      code,
      name,
      searchText: searchIndexText(code, name),
    })
    .returning();
  if (rules?.length) {
    await db.insert(indicatorRules).values(
      rules.map((r) => ({
        indicatorId: row!.id,
        op: r.op,
        otherIndicatorId: r.otherIndicatorId,
        message: r.message ?? null,
      })),
    );
  }
  return row!;
}

/**
 * Inserts a report form of an agreement: its indicators (ids, or {indicatorId, required}) in
 * the given order, reporting units and approval chain. Default: quarterly, due on the 20th of
 * the period's last month, the three standard narrative sections, no self-approval.
 */
export async function buildForm(
  db: Db,
  over: {
    agreementId: number;
    indicators: Array<number | { indicatorId: number; required?: boolean }>;
    unitIds: number[];
    approvalChain: number[];
    name?: string;
    frequency?: PeriodKind;
    deadlineDay?: number;
    deadlineMonthOffset?: number;
    narrativeSections?: { key: string; title: string }[];
    allowSelfApproval?: boolean;
    active?: boolean;
    createdById?: number | null;
  },
) {
  const [form] = await db
    .insert(reportForms)
    .values({
      agreementId: over.agreementId,
      name: over.name ?? `Biểu mẫu thử ${++seq}`,
      frequency: over.frequency ?? 'quarter',
      deadlineDay: over.deadlineDay ?? 20,
      deadlineMonthOffset: over.deadlineMonthOffset ?? 0,
      narrativeSections: over.narrativeSections ?? DEFAULT_NARRATIVE_SECTIONS,
      approvalChain: over.approvalChain,
      allowSelfApproval: over.allowSelfApproval ?? false,
      active: over.active ?? true,
      createdById: over.createdById ?? null,
    })
    .returning();
  await db.insert(reportFormIndicators).values(
    over.indicators.map((i, position) => {
      const x = typeof i === 'number' ? { indicatorId: i } : i;
      return { formId: form!.id, indicatorId: x.indicatorId, required: x.required ?? false, position };
    }),
  );
  await db.insert(reportFormUnits).values(over.unitIds.map((unitId) => ({ formId: form!.id, unitId })));
  return form!;
}

export interface FactoryValue {
  indicatorId: number;
  category?: string;
  location?: string;
  /** Numbers go to `value`, yes/no to `value` as 1/0, text to `text_value`. */
  value: number | boolean | string | null;
}

/**
 * Inserts a report of a form for a unit and period (default status draft) with its values.
 * `unitPath` defaults to the unit's current path (pass an older one to model the historic
 * tree). An approved report gets its report_value_years rows refreshed (modules/rollup/store.ts)
 * unless `refresh: false`, as the approval service would.
 */
export async function buildReport(
  db: Db,
  over: {
    formId: number;
    unitId: number;
    period: string;
    status?: ReportStatus;
    approvalStep?: number;
    values?: FactoryValue[];
    narrative?: Record<string, string>;
    unitPath?: string;
    sample?: boolean;
    submittedById?: number | null;
    submittedAt?: Date | null;
    approvedAt?: Date | null;
    dueDate?: string;
    refresh?: boolean;
  },
) {
  const [form] = await db.select().from(reportForms).where(eq(reportForms.id, over.formId));
  if (!form) throw new Error(`buildReport: no form ${over.formId}`);
  const period = parsePeriod(over.period);
  if (!period) throw new Error(`buildReport: bad period ${over.period}`);
  let unitPath = over.unitPath;
  if (!unitPath) {
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, over.unitId));
    if (!unit) throw new Error(`buildReport: no unit ${over.unitId}`);
    unitPath = unit.path;
  }
  const status = over.status ?? 'draft';
  const submitted = status === 'submitted' || status === 'approved';
  const [row] = await db
    .insert(reports)
    .values({
      formId: form.id,
      agreementId: form.agreementId,
      unitId: over.unitId,
      unitPath,
      periodKind: period.kind,
      periodKey: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      year: period.year,
      dueDate:
        over.dueDate ??
        deadlineOf(period.key, { day: form.deadlineDay, monthOffset: form.deadlineMonthOffset })!,
      status,
      approvalStep: over.approvalStep ?? (status === 'approved' ? form.approvalChain.length : 0),
      narrative: over.narrative ?? {},
      sample: over.sample ?? false,
      submittedAt: over.submittedAt !== undefined ? over.submittedAt : submitted ? new Date() : null,
      submittedById: over.submittedById ?? null,
      approvedAt: over.approvedAt !== undefined ? over.approvedAt : status === 'approved' ? new Date() : null,
    })
    .returning();
  if (over.values?.length) {
    await db.insert(reportValues).values(
      over.values.map((v) => ({
        reportId: row!.id,
        indicatorId: v.indicatorId,
        category: v.category ?? '',
        location: v.location ?? '',
        value:
          typeof v.value === 'number' ? v.value : typeof v.value === 'boolean' ? (v.value ? 1 : 0) : null,
        textValue: typeof v.value === 'string' ? v.value : null,
      })),
    );
  }
  if (status === 'approved' && over.refresh !== false) await refreshValueYears(db, row!.id);
  return row!;
}

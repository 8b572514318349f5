import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ERRORS } from '../../../contracts/errors.ts';
import { deadlineOf, parsePeriod, periodLabel } from '../../../contracts/periods.ts';
import type {
  FormIndicator,
  ReportOut,
  ReportStatus,
  reportOpenBody,
  reportSaveBody,
  ValueIssue,
} from '../../../contracts/reports.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  agreements,
  reportEvents,
  reportForms,
  reportFormUnits,
  reports,
  reportValues,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { currentContext } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { todayInVietnam, viDate } from '../../lib/time.ts';
import { listOwnerAttachments } from '../attachments/list.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshValueYears } from '../rollup/store.ts';
import { reportExchangeCounts } from './exchangeCounts.ts';
import { agreementWindow, formVisible, loadFormIndicators, loadRules, periodInWindow } from './forms.ts';
import { isSelfApproval, officerOn, type ReportForPolicy, reportAbilities, reportVisible } from './policy.ts';
import { checkValues, decodeValue, type ValueIn, writeValues } from './values.ts';

// Báo cáo định kỳ: one per form, unit and period. Draft → submitted → (approved step by step
// along the form's chain) → approved and locked; returned with a comment at any step; a
// leader of the last unit reopens. Every step is a report_events row and an audit entry in
// the same transaction, checked against the row's version.

type ReportRow = typeof reports.$inferSelect;
type FormRow = typeof reportForms.$inferSelect;
type SaveBody = Pick<z.infer<typeof reportSaveBody>, 'version'> & {
  values?: ValueIn[] | undefined;
  narrative?: Record<string, string> | undefined;
};
export type SaveAction = 'save' | 'import';

/**
 * The unit's path ("/1/4/9/") as the tree stood on `date`, from unit_parent_history: each
 * step up takes the parent row valid on that day (valid_from ≤ date < valid_to), else the
 * latest row begun by then (a closed unit keeps its last place), else the first row; a unit
 * without history rows uses its current parent.
 */
export async function unitPathAt(db: Queryable, unitId: number, date: string): Promise<string> {
  const rows = (await db.execute(sql`
    with recursive up(id, lvl) as (
      select ${unitId}::int, 0
      union all
      select nxt.parent_id, up.lvl + 1
      from up cross join lateral (
        select case when exists (select 1 from unit_parent_history h0 where h0.unit_id = up.id)
          then (select h.parent_id from unit_parent_history h where h.unit_id = up.id
                order by ((h.valid_from is null or h.valid_from <= ${date}::date)
                          and (h.valid_to is null or h.valid_to > ${date}::date)) desc,
                         (h.valid_from is null or h.valid_from <= ${date}::date) desc,
                         case when h.valid_from is null or h.valid_from <= ${date}::date then h.valid_from end desc nulls last,
                         h.valid_from asc, h.id desc
                limit 1)
          else (select u.parent_id from units u where u.id = up.id) end as parent_id
      ) nxt
      where nxt.parent_id is not null and up.lvl < 64
    )
    select '/' || string_agg(id::text, '/' order by lvl desc) || '/' as path from up`)) as unknown as
    | { rows: { path: string }[] }
    | { path: string }[];
  const list = Array.isArray(rows) ? rows : rows.rows;
  return list[0]!.path;
}

/** A report the actor may see (404 otherwise), with its form, unit and chain. */
async function loadReport(db: Queryable, actor: Actor, id: number) {
  const [found] = await db
    .select({
      report: reports,
      form: reportForms,
      agreementSubject: agreements.subject,
      unit: { id: units.id, name: units.name, shortName: units.shortName, path: units.path },
    })
    .from(reports)
    .innerJoin(reportForms, eq(reportForms.id, reports.formId))
    .innerJoin(agreements, eq(agreements.id, reports.agreementId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(and(eq(reports.id, id), reportVisible(actor)));
  if (!found) throw notFound();
  const chainIds = found.form.approvalChain;
  const chainRows = chainIds.length
    ? await db
        .select({ id: units.id, name: units.name, shortName: units.shortName, path: units.path })
        .from(units)
        .where(inArray(units.id, chainIds))
    : [];
  const byId = new Map(chainRows.map((u) => [u.id, u]));
  const chain = chainIds.map(
    (cid) => byId.get(cid) ?? { id: cid, name: `#${cid}`, shortName: null, path: '/-/' },
  );
  const policy: ReportForPolicy = {
    status: found.report.status,
    unitPath: found.unit.path,
    approvalStep: found.report.approvalStep,
    chainPaths: chain.map((u) => u.path),
    submittedById: found.report.submittedById,
    allowSelfApproval: found.form.allowSelfApproval,
  };
  return { ...found, chain, policy, abilities: reportAbilities(actor, policy) };
}
type Loaded = Awaited<ReturnType<typeof loadReport>>;

interface StoredValue {
  indicatorId: number;
  category: string;
  location: string;
  value: number | boolean | string | null;
}

async function storedValues(
  db: Queryable,
  reportId: number,
  indicators: FormIndicator[],
): Promise<StoredValue[]> {
  const types = new Map(indicators.map((i) => [i.indicatorId, i.valueType]));
  const position = new Map(indicators.map((i) => [i.indicatorId, i.position]));
  const rows = await db
    .select()
    .from(reportValues)
    .where(eq(reportValues.reportId, reportId))
    .orderBy(asc(reportValues.category), asc(reportValues.location));
  return rows
    .map((r) => ({
      indicatorId: r.indicatorId,
      category: r.category,
      location: r.location,
      value: decodeValue(types.get(r.indicatorId), r),
    }))
    .sort((a, b) => (position.get(a.indicatorId) ?? 1e9) - (position.get(b.indicatorId) ?? 1e9));
}

/** Issues of the values the report holds (on the form's indicators), as the grid shows them. */
function issuesOf(
  indicators: FormIndicator[],
  rules: Awaited<ReturnType<typeof loadRules>>,
  values: StoredValue[],
  mode: 'save' | 'submit',
): ValueIssue[] {
  const on = new Set(indicators.map((i) => i.indicatorId));
  // Paths index into `values` as returned, so indicators dropped from the form keep their slot.
  const issues = checkValues(
    indicators,
    rules,
    values.map((v) => (on.has(v.indicatorId) ? v : { ...v, value: null })),
    mode,
  );
  return issues.filter((i) => on.has(i.indicatorId));
}

const isOverdue = (r: Pick<ReportRow, 'status' | 'dueDate'>, today: string) =>
  (r.status === 'draft' || r.status === 'returned') && r.dueDate < today;

async function present(db: Queryable, loaded: Loaded): Promise<ReportOut> {
  const { report: r, form, chain, abilities } = loaded;
  const indicators = await loadFormIndicators(db, form.id);
  const rules = await loadRules(
    db,
    indicators.map((i) => i.indicatorId),
  );
  const values = await storedValues(db, r.id, indicators);
  const events = await db
    .select({
      id: reportEvents.id,
      action: reportEvents.action,
      step: reportEvents.step,
      actorName: users.fullName,
      unitName: units.name,
      comment: reportEvents.comment,
      at: reportEvents.createdAt,
      hasSnapshot: sql<boolean>`${reportEvents.snapshot} is not null`,
    })
    .from(reportEvents)
    .leftJoin(users, eq(users.id, reportEvents.actorUserId))
    .leftJoin(units, eq(units.id, reportEvents.actorUnitId))
    .where(eq(reportEvents.reportId, r.id))
    .orderBy(asc(reportEvents.id));
  const files = await listOwnerAttachments(db, 'report', r.id);
  const exchangeCounts = await reportExchangeCounts(db, r, indicators);
  return {
    id: r.id,
    formId: form.id,
    formName: form.name,
    agreementId: r.agreementId,
    agreementSubject: loaded.agreementSubject,
    unit: { id: loaded.unit.id, name: loaded.unit.name, shortName: loaded.unit.shortName },
    period: r.periodKey,
    periodLabel: periodLabel(r.periodKey, currentContext().locale),
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueDate: r.dueDate,
    status: r.status,
    approvalStep: r.approvalStep,
    approvalChain: chain.map(({ id, name, shortName }) => ({ id, name, shortName })),
    locked: r.status === 'approved',
    overdue: isOverdue(r, todayInVietnam()),
    sample: r.sample,
    narrativeSections: form.narrativeSections,
    narrative: r.narrative,
    indicators,
    values,
    issues: issuesOf(indicators, rules, values, 'save'),
    exchangeCounts,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    version: r.version,
    abilities: {
      edit: abilities.edit,
      submit: abilities.submit,
      approve: abilities.approve,
      return: abilities.return,
      reopen: abilities.reopen,
      attach: abilities.attach,
    },
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    attachments: files,
  };
}

export async function getReport(db: Queryable, actor: Actor, id: number): Promise<ReportOut> {
  return present(db, await loadReport(db, actor, id));
}

/** The report's row if the actor may see it (for other modules: attachments, XLSX). */
export async function findVisibleReport(db: Queryable, actor: Actor, id: number) {
  return loadReport(db, actor, id);
}

async function addEvent(
  tx: Queryable,
  e: {
    reportId: number;
    action: (typeof reportEvents.$inferInsert)['action'];
    step: number;
    actor: Actor;
    unitId: number | null;
    comment?: string | null;
    snapshot?: unknown;
  },
) {
  await tx.insert(reportEvents).values({
    reportId: e.reportId,
    action: e.action,
    step: e.step,
    actorUserId: e.actor.userId,
    actorUnitId: e.unitId,
    comment: e.comment ?? null,
    snapshot: e.snapshot ?? null,
  });
}

/**
 * Opens the report of a unit for a period of a form, creating the draft when there is none
 * (`created`). The unit must report on the form, the period must be of the form's frequency
 * and fall within the agreement's validity. The stored unitPath is the unit's place in the
 * tree at the period's end, so roll-ups of that period keep the tree of their time.
 */
export async function openReport(
  db: Queryable,
  actor: Actor,
  body: z.infer<typeof reportOpenBody>,
): Promise<{ report: ReportOut; created: boolean }> {
  const result = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ form: reportForms, agreement: agreements })
      .from(reportForms)
      .innerJoin(agreements, eq(agreements.id, reportForms.agreementId))
      .where(
        and(
          eq(reportForms.id, body.formId),
          formVisible(actor, sql`${reportForms.id}`, sql`${reportForms.agreementId}`),
        ),
      );
    if (!found) throw invalidField('formId', 'Không tìm thấy biểu mẫu báo cáo.');
    const { form, agreement } = found;
    const [existing] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(
        and(eq(reports.formId, form.id), eq(reports.unitId, body.unitId), eq(reports.periodKey, body.period)),
      );
    if (existing) return { id: existing.id, created: false };

    const [unit] = await tx
      .select({ id: units.id, path: units.path, name: units.name, validTo: units.validTo })
      .from(units)
      .innerJoin(
        reportFormUnits,
        and(eq(reportFormUnits.unitId, units.id), eq(reportFormUnits.formId, form.id)),
      )
      .where(eq(units.id, body.unitId));
    if (!unit) {
      throw new AppError('NOT_A_REPORTING_UNIT', {
        fields: [
          {
            path: 'unitId',
            message: `Đơn vị không có tên trong danh sách báo cáo của biểu mẫu "${form.name}".`,
          },
        ],
      });
    }
    if (!officerOn(actor, unit.path)) throw forbidden();
    if (!form.active) throw invalidField('formId', `Biểu mẫu "${form.name}" đã ngừng sử dụng.`);
    const period = parsePeriod(body.period);
    if (!period || period.kind !== form.frequency) {
      throw invalidField('period', `Biểu mẫu "${form.name}" báo cáo ${FREQUENCY_VI[form.frequency]}.`);
    }
    const window = agreementWindow(agreement);
    if (!periodInWindow(period, window)) {
      throw invalidField(
        'period',
        `${period.label} nằm ngoài thời gian hiệu lực của văn bản (${rangeVi(window)}).`,
      );
    }
    if (unit.validTo !== null && unit.validTo < period.start) {
      throw invalidField(
        'period',
        `${unit.name} đã giải thể/sáp nhập từ ngày ${viDate(unit.validTo)}, không báo cáo cho kỳ ${period.label}.`,
      );
    }
    const unitPath = await unitPathAt(tx, unit.id, period.end);
    const [row] = await tx
      .insert(reports)
      .values({
        formId: form.id,
        agreementId: form.agreementId,
        unitId: unit.id,
        unitPath,
        periodKind: period.kind,
        periodKey: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        year: period.year,
        dueDate:
          deadlineOf(period.key, { day: form.deadlineDay, monthOffset: form.deadlineMonthOffset }) ??
          period.end,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // Someone opened it a moment ago: theirs is the report.
      const [again] = await tx
        .select({ id: reports.id })
        .from(reports)
        .where(
          and(eq(reports.formId, form.id), eq(reports.unitId, unit.id), eq(reports.periodKey, period.key)),
        );
      return { id: again!.id, created: false };
    }
    await addEvent(tx, { reportId: row.id, action: 'create', step: 0, actor, unitId: unit.id });
    await recordAudit(tx, {
      action: 'report.create',
      entityType: 'report',
      entityId: row.id,
      scopeUnitId: unit.id,
      after: row,
    });
    return { id: row.id, created: true };
  });
  return { report: await getReport(db, actor, result.id), created: result.created };
}

const FREQUENCY_VI: Record<FormRow['frequency'], string> = {
  month: 'hằng tháng (kỳ dạng 2024-05)',
  quarter: 'hằng quý (kỳ dạng 2024-Q2)',
  half: 'sáu tháng một lần (kỳ dạng 2024-H1)',
  year: 'hằng năm (kỳ dạng 2024)',
  phase: 'theo giai đoạn (kỳ dạng 2022-2025)',
};
const rangeVi = (w: { from: string | null; to: string | null }) =>
  w.from && w.to
    ? `${viDate(w.from)} – ${viDate(w.to)}`
    : w.from
      ? `từ ${viDate(w.from)}`
      : `đến ${viDate(w.to!)}`;

function assertEditable(loaded: Loaded) {
  if (loaded.report.status === 'approved') throw new AppError('REPORT_LOCKED');
  if (loaded.report.status === 'submitted') throw new AppError('REPORT_WRONG_STATE');
  if (!loaded.abilities.edit) throw forbidden();
}

/** Issues as the error's field list (the blocking ones of a save or a submission). */
const fieldsOf = (issues: ValueIssue[]) => issues.map((i) => ({ path: i.path, message: i.message }));

/** The snapshot kept with each save: values and narrative as they stand after it. */
async function snapshotOf(
  tx: Queryable,
  reportId: number,
  indicators: FormIndicator[],
  narrative: Record<string, string>,
) {
  return { values: await storedValues(tx, reportId, indicators), narrative };
}

/**
 * Saves a draft (or a returned report): values upserted by (indicator, category, location),
 * null clears a cell; narrative sections replaced by key (empty text clears one). Blocking
 * issues refuse the whole save (400, each value named); warnings are saved and returned in
 * `issues`. Each save keeps a snapshot in the report's history. `import` is the same save
 * coming from an Excel file. Accepts a transaction (the bulk import saves many in one).
 */
export async function saveReport(
  db: Queryable,
  actor: Actor,
  id: number,
  body: SaveBody,
  action: SaveAction = 'save',
) {
  await db.transaction(async (tx) => {
    const loaded = await loadReport(tx, actor, id);
    assertEditable(loaded);
    if (loaded.report.version !== body.version) throw conflict();
    const { report, form } = loaded;
    const keys = new Set(form.narrativeSections.map((s) => s.key));
    const narrativeIn = body.narrative ?? {};
    for (const key of Object.keys(narrativeIn)) {
      if (!keys.has(key)) {
        throw invalidField(
          `narrative.${key}`,
          `Biểu mẫu không có phần thuyết minh "${key}" (các phần: ${[...keys].join(', ') || 'không có'}).`,
        );
      }
    }
    const indicators = await loadFormIndicators(tx, form.id);
    const rules = await loadRules(
      tx,
      indicators.map((i) => i.indicatorId),
    );
    const given: ValueIn[] = (body.values ?? []).map((v) => ({
      indicatorId: v.indicatorId,
      category: v.category ?? '',
      location: v.location ?? '',
      value: v.value,
    }));
    const before = await storedValues(tx, id, indicators);
    const on = new Set(indicators.map((i) => i.indicatorId));
    const givenKeys = new Set(given.map((v) => `${v.indicatorId}|${v.category}|${v.location}`));
    const kept = before.filter(
      (v) => on.has(v.indicatorId) && !givenKeys.has(`${v.indicatorId}|${v.category}|${v.location}`),
    );
    // The body's values come first so `values[i]` in an issue is the i-th value sent.
    const issues = checkValues(indicators, rules, [...given, ...kept], 'save');
    const blocking = issues.filter((i) => i.blocking);
    if (blocking.length) throw new AppError('VALIDATION_FAILED', { fields: fieldsOf(blocking) });

    const narrative = { ...report.narrative };
    for (const [key, text] of Object.entries(narrativeIn)) {
      const t = text.trim();
      if (t === '') delete narrative[key];
      else narrative[key] = text;
    }
    const [after] = await tx
      .update(reports)
      .set({ narrative, version: sql`${reports.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(reports.id, id), eq(reports.version, body.version)))
      .returning();
    if (!after) throw conflict();
    const written = await writeValues(tx, id, given);
    const snapshot = await snapshotOf(tx, id, indicators, narrative);
    await addEvent(tx, {
      reportId: id,
      action,
      step: report.approvalStep,
      actor,
      unitId: report.unitId,
      snapshot,
    });
    const changed = given.length <= 500;
    const beforeByKey = new Map(before.map((v) => [`${v.indicatorId}|${v.category}|${v.location}`, v.value]));
    await recordAudit(tx, {
      action: `report.${action}`,
      entityType: 'report',
      entityId: id,
      scopeUnitId: report.unitId,
      before: {
        version: report.version,
        ...(changed
          ? {
              values: given.map((v) => ({
                ...v,
                value: beforeByKey.get(`${v.indicatorId}|${v.category}|${v.location}`) ?? null,
              })),
            }
          : {}),
        narrative: Object.fromEntries(Object.keys(narrativeIn).map((k) => [k, report.narrative[k] ?? null])),
      },
      after: {
        version: after.version,
        ...(changed ? { values: given } : { written: written.written, removed: written.removed }),
        narrative: Object.fromEntries(Object.keys(narrativeIn).map((k) => [k, narrative[k] ?? null])),
      },
    });
  });
  return getReport(db, actor, id);
}

/** Moves the report along the workflow after the policy allowed it; version-checked. */
async function transition(
  tx: Queryable,
  loaded: Loaded,
  version: number,
  set: Partial<typeof reports.$inferInsert>,
) {
  const [after] = await tx
    .update(reports)
    .set({ ...set, version: sql`${reports.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(reports.id, loaded.report.id), eq(reports.version, version)))
    .returning();
  if (!after) throw conflict();
  return after;
}

const stateOf = (r: ReportRow) => ({ status: r.status, approvalStep: r.approvalStep, version: r.version });

/**
 * Submits a draft or returned report. Type errors, broken cross-field rules, categories not
 * adding up to the total and missing required indicators block it (400 with all of them);
 * values outside an indicator's min/max do not: they stay warnings, kept in the submitted
 * report's `issues` for the approver to see.
 */
export async function submitReport(
  db: Queryable,
  actor: Actor,
  id: number,
  body: { version: number; comment?: string | null | undefined },
) {
  await db.transaction(async (tx) => {
    const loaded = await loadReport(tx, actor, id);
    const { report, form } = loaded;
    if (report.status === 'approved') throw new AppError('REPORT_LOCKED');
    if (report.status === 'submitted') throw new AppError('REPORT_WRONG_STATE');
    if (!loaded.abilities.submit) throw forbidden();
    if (report.version !== body.version) throw conflict();
    const indicators = await loadFormIndicators(tx, form.id);
    const rules = await loadRules(
      tx,
      indicators.map((i) => i.indicatorId),
    );
    const values = await storedValues(tx, id, indicators);
    const blocking = issuesOf(indicators, rules, values, 'submit').filter((i) => i.blocking);
    if (blocking.length) throw new AppError('VALIDATION_FAILED', { fields: fieldsOf(blocking) });
    const after = await transition(tx, loaded, body.version, {
      status: 'submitted',
      approvalStep: 0,
      submittedAt: new Date(),
      submittedById: actor.userId,
    });
    await addEvent(tx, {
      reportId: id,
      action: 'submit',
      step: 0,
      actor,
      unitId: report.unitId,
      comment: body.comment ?? null,
      snapshot: { values, narrative: report.narrative },
    });
    await recordAudit(tx, {
      action: 'report.submit',
      entityType: 'report',
      entityId: id,
      scopeUnitId: report.unitId,
      before: stateOf(report),
      after: { ...stateOf(after), comment: body.comment ?? null },
    });
  });
  return getReport(db, actor, id);
}

/** The chain unit whose leaders decide now (approve or return); 403 when the actor is not one. */
function decider(loaded: Loaded) {
  const { report } = loaded;
  if (report.status !== 'submitted') throw new AppError('REPORT_WRONG_STATE');
  const unit = loaded.chain[report.approvalStep];
  if (!unit || !loaded.abilities.return) throw forbidden();
  return unit;
}

/**
 * Approves at the current step: the next chain unit's leaders decide next, or — on the last
 * step — the report is approved, locked, and its figures enter the roll-up (same transaction).
 */
export async function approveReport(
  db: Queryable,
  actor: Actor,
  id: number,
  body: { version: number; comment?: string | null | undefined },
) {
  await approveIn(db, actor, id, body);
  return getReport(db, actor, id);
}

async function approveIn(
  db: Queryable,
  actor: Actor,
  id: number,
  body: { version: number; comment?: string | null | undefined },
) {
  await db.transaction(async (tx) => {
    const loaded = await loadReport(tx, actor, id);
    const { report } = loaded;
    const unit = decider(loaded);
    if (isSelfApproval(actor, loaded.policy)) throw new AppError('SELF_APPROVAL');
    if (report.version !== body.version) throw conflict();
    const step = report.approvalStep + 1;
    const final = step >= loaded.chain.length;
    const after = await transition(tx, loaded, body.version, {
      approvalStep: step,
      ...(final ? { status: 'approved' as ReportStatus, approvedAt: new Date() } : {}),
    });
    await addEvent(tx, {
      reportId: id,
      action: 'approve',
      step: report.approvalStep,
      actor,
      unitId: unit.id,
      comment: body.comment ?? null,
    });
    if (final) await refreshValueYears(tx, id);
    await recordAudit(tx, {
      action: 'report.approve',
      entityType: 'report',
      entityId: id,
      scopeUnitId: report.unitId,
      before: stateOf(report),
      after: { ...stateOf(after), approverUnitId: unit.id, final, comment: body.comment ?? null },
    });
  });
}

/** Returns a submitted report to its unit with a comment; the chain starts again on resubmission. */
export async function returnReport(
  db: Queryable,
  actor: Actor,
  id: number,
  body: { version: number; comment: string },
) {
  await db.transaction(async (tx) => {
    const loaded = await loadReport(tx, actor, id);
    const { report } = loaded;
    const unit = decider(loaded);
    if (report.version !== body.version) throw conflict();
    const after = await transition(tx, loaded, body.version, { status: 'returned', approvalStep: 0 });
    await addEvent(tx, {
      reportId: id,
      action: 'return',
      step: report.approvalStep,
      actor,
      unitId: unit.id,
      comment: body.comment,
    });
    await recordAudit(tx, {
      action: 'report.return',
      entityType: 'report',
      entityId: id,
      scopeUnitId: report.unitId,
      before: stateOf(report),
      after: { ...stateOf(after), returnedByUnitId: unit.id, comment: body.comment },
    });
  });
  return getReport(db, actor, id);
}

/** Reopens an approved report as a draft (a leader of the chain's last unit, with a reason). */
export async function reopenReport(
  db: Queryable,
  actor: Actor,
  id: number,
  body: { version: number; reason: string },
) {
  await db.transaction(async (tx) => {
    const loaded = await loadReport(tx, actor, id);
    const { report } = loaded;
    if (report.status !== 'approved') throw new AppError('REPORT_WRONG_STATE');
    if (!loaded.abilities.reopen) throw forbidden();
    if (report.version !== body.version) throw conflict();
    const after = await transition(tx, loaded, body.version, {
      status: 'draft',
      approvalStep: 0,
      approvedAt: null,
    });
    await addEvent(tx, {
      reportId: id,
      action: 'reopen',
      step: loaded.chain.length - 1,
      actor,
      unitId: loaded.chain.at(-1)?.id ?? null,
      comment: body.reason,
    });
    await refreshValueYears(tx, id);
    await recordAudit(tx, {
      action: 'report.reopen',
      entityType: 'report',
      entityId: id,
      scopeUnitId: report.unitId,
      before: stateOf(report),
      after: { ...stateOf(after), reason: body.reason },
    });
  });
  return getReport(db, actor, id);
}

/** Approves many reports; each in its own transaction, so one failure stops none of the others. */
export async function bulkApprove(
  db: Db,
  actor: Actor,
  body: { items: { id: number; version: number }[]; comment?: string | null | undefined },
) {
  const approved: number[] = [];
  const failed: { id: number; code: string; message: string }[] = [];
  const locale = currentContext().locale;
  for (const item of body.items) {
    try {
      await approveIn(db, actor, item.id, { version: item.version, comment: body.comment ?? null });
      approved.push(item.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ id: item.id, code: err.code, message: ERRORS[err.code][locale] });
    }
  }
  return { approved, failed };
}

/** One history entry with its snapshot (values and narrative after a save, submit or import). */
export async function getReportEvent(db: Queryable, actor: Actor, id: number, eventId: number) {
  await loadReport(db, actor, id);
  const [e] = await db
    .select({
      id: reportEvents.id,
      action: reportEvents.action,
      step: reportEvents.step,
      actorName: users.fullName,
      unitName: units.name,
      comment: reportEvents.comment,
      at: reportEvents.createdAt,
      snapshot: reportEvents.snapshot,
    })
    .from(reportEvents)
    .leftJoin(users, eq(users.id, reportEvents.actorUserId))
    .leftJoin(units, eq(units.id, reportEvents.actorUnitId))
    .where(and(eq(reportEvents.id, eventId), eq(reportEvents.reportId, id)));
  if (!e) throw notFound();
  const snapshot = e.snapshot as { values: StoredValue[]; narrative: Record<string, string> } | null;
  return { ...e, at: e.at.toISOString(), hasSnapshot: snapshot !== null, snapshot };
}

/** Whether the actor may attach files to the report now (officers of the unit while editable). */
export async function reportForAttachment(db: Queryable, actor: Actor, id: number) {
  const loaded = await loadReport(db, actor, id);
  return {
    id: loaded.report.id,
    unitId: loaded.report.unitId,
    unitPath: loaded.unit.path,
    status: loaded.report.status,
    attach: loaded.abilities.attach,
  };
}

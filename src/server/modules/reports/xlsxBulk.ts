import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  deadlineOf,
  type Period,
  type PeriodKind,
  parsePeriod,
  periodKeyOf,
} from '../../../contracts/periods.ts';
import type { FormIndicator, FormOut, ReportStatus } from '../../../contracts/reports.ts';
import { foldVietnamese, locationKey } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import {
  agreements,
  reportEvents,
  reportForms,
  reports,
  reportValues,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { recordAudit } from '../audit/service.ts';
import { agreementWindow, getForm, loadRules, periodInWindow } from './forms.ts';
import { officerOn } from './policy.ts';
import { unitPathAt } from './service.ts';
import { checkValues, decodeValue, encodeValue, type ValueIn } from './values.ts';
import { STATUS_LABELS, templateFileName } from './xlsxImport.ts';
import { categoryResolver } from './xlsxParse.ts';
import {
  assertXlsx,
  type Cell,
  cellTrouble,
  DATA_SHEET,
  EMPTY,
  formatCount,
  isEmpty,
  keyText,
  loadWorkbook,
  locateHeader,
  MAX_BULK_ROWS,
  mergedMessage,
  mergesFrom,
  Problems,
  parseValue,
  requireSheet,
  rowCells,
} from './xlsxRead.ts';
import { BCOL, BULK_HEADERS, buildBulkTemplate, type TemplateValue } from './xlsxTemplate.ts';

// Many units at once (a provincial command entering its border posts' figures): one sheet of
// units × indicators for a form, uploaded back in ONE transaction. Rows are matched by unit id,
// period, indicator code, category and commune; missing draft reports are created as
// POST /api/reports would (reporting unit, period of the form's frequency within the
// agreement, the unit's path at the period's end); a row for a submitted or approved report,
// or a unit the actor may not edit, is a row error, and any error applies nothing. Values
// are written with multi-row upserts and each report gets one 'import' event, not one per value.

const EDITABLE: ReportStatus[] = ['draft', 'returned'];
const CHUNK = 5000;
const VALUE_CHUNK = 20_000;

const FREQUENCY_HINT: Record<PeriodKind, string> = {
  month: 'hằng tháng, kỳ dạng 2024-05',
  quarter: 'hằng quý, kỳ dạng 2024-Q2',
  half: 'sáu tháng, kỳ dạng 2024-H1',
  year: 'hằng năm, kỳ dạng 2024',
  phase: 'theo giai đoạn, kỳ dạng 2022-2025',
};

/** The form (visible to the actor: 404 otherwise) with its agreement's validity window. */
async function loadForm(db: Queryable, actor: Actor, formId: number) {
  const form = await getForm(db, actor, formId);
  const [row] = await db
    .select({
      active: reportForms.active,
      deadlineDay: reportForms.deadlineDay,
      deadlineMonthOffset: reportForms.deadlineMonthOffset,
      validFrom: agreements.validFrom,
      validTo: agreements.validTo,
      year: agreements.year,
      ownerUnitId: agreements.ownerUnitId,
    })
    .from(reportForms)
    .innerJoin(agreements, eq(agreements.id, reportForms.agreementId))
    .where(eq(reportForms.id, formId));
  return { form, row: row!, window: agreementWindow(row!) };
}

/** The reporting units of the form with their paths, in tree order. */
async function formUnits(db: Queryable, form: FormOut) {
  const ids = form.units.map((u) => u.id);
  if (ids.length === 0) return [];
  return db
    .select({ id: units.id, name: units.name, path: units.path, validTo: units.validTo })
    .from(units)
    .where(inArray(units.id, ids))
    .orderBy(units.path);
}

// ——— template ———

/**
 * The many-unit template of a form for one period (default: the current one): the reporting
 * units the actor may edit whose report is not yet submitted, each × the form's indicators
 * (× categories), current values pre-filled.
 */
export async function bulkTemplate(db: Queryable, actor: Actor, formId: number, periodKey?: string) {
  const { form, row, window } = await loadForm(db, actor, formId);
  let key = periodKey;
  if (!key) {
    if (form.frequency === 'phase') {
      throw invalidField('period', 'Biểu mẫu báo cáo theo giai đoạn: hãy chọn kỳ (ví dụ 2022-2025).');
    }
    key = periodKeyOf(form.frequency, todayInVietnam());
  }
  const period = checkedPeriod(key, form, window);
  if ('error' in period) throw invalidField('period', period.error);

  const all = await formUnits(db, form);
  // A unit dissolved before the period has no report for it (as POST /api/reports says).
  const editable = all.filter(
    (u) => officerOn(actor, u.path) && (u.validTo === null || u.validTo >= period.start),
  );
  if (editable.length === 0) throw forbidden();
  const existing = editable.length
    ? await db
        .select({ id: reports.id, unitId: reports.unitId, status: reports.status })
        .from(reports)
        .where(
          and(
            eq(reports.formId, form.id),
            eq(reports.periodKey, period.key),
            inArray(
              reports.unitId,
              editable.map((u) => u.id),
            ),
          ),
        )
    : [];
  const byUnit = new Map(existing.map((r) => [r.unitId, r]));
  const open = editable.filter((u) => {
    const r = byUnit.get(u.id);
    return !r || EDITABLE.includes(r.status);
  });
  const lockedUnits = editable
    .filter((u) => !open.includes(u))
    .map((u) => ({ name: u.name, status: STATUS_LABELS[byUnit.get(u.id)!.status] }));
  const openReports = open.map((u) => byUnit.get(u.id)).filter((r) => r !== undefined);
  const values = await valuesOf(
    db,
    openReports.map((r) => r.id),
    form.indicators,
  );
  const valuesByUnit = new Map<number, TemplateValue[]>();
  for (const r of openReports) valuesByUnit.set(r.unitId, values.get(r.id) ?? []);

  const buffer = await buildBulkTemplate({
    formName: form.name,
    agreementSubject: form.agreementSubject,
    period: period.key,
    periodLabel: period.label,
    dueDate:
      deadlineOf(period.key, { day: row.deadlineDay, monthOffset: row.deadlineMonthOffset }) ?? period.end,
    units: open,
    indicators: form.indicators,
    values: valuesByUnit,
    lockedUnits,
  });
  return { buffer, fileName: templateFileName(form.name, 'nhiều đơn vị', period.key) };
}

/** Stored values of many reports at once, decoded by indicator type. */
async function valuesOf(db: Queryable, reportIds: number[], indicators: FormIndicator[]) {
  const types = new Map(indicators.map((i) => [i.indicatorId, i.valueType]));
  const out = new Map<number, TemplateValue[]>();
  for (let i = 0; i < reportIds.length; i += CHUNK) {
    const rows = await db
      .select()
      .from(reportValues)
      .where(inArray(reportValues.reportId, reportIds.slice(i, i + CHUNK)));
    for (const r of rows) {
      const list = out.get(r.reportId) ?? [];
      list.push({
        indicatorId: r.indicatorId,
        category: r.category,
        location: r.location,
        value: decodeValue(types.get(r.indicatorId), r),
      });
      out.set(r.reportId, list);
    }
  }
  return out;
}

function checkedPeriod(
  key: string,
  form: Pick<FormOut, 'frequency' | 'name'>,
  window: { from: string | null; to: string | null },
): Period | { error: string } {
  const p = parsePeriod(key.trim());
  if (!p || p.kind !== form.frequency) {
    return { error: `Kỳ "${key}" không hợp lệ: biểu mẫu báo cáo ${FREQUENCY_HINT[form.frequency]}.` };
  }
  if (!periodInWindow(p, window)) {
    return { error: `${p.label} nằm ngoài thời gian hiệu lực của văn bản.` };
  }
  return p;
}

// ——— import ———

interface BulkRow {
  row: number;
  unitId: number;
  period: string;
  indicatorId: number;
  category: string;
  location: string;
  value: number | boolean | string;
}

/**
 * Reads and checks the rows of a many-unit file; rows with a blank value are skipped. Throws
 * for a file that cannot be read as the template; row problems go to `problems`.
 */
export async function parseBulkFile(
  fileName: string,
  data: Uint8Array,
  form: Pick<FormOut, 'frequency' | 'name' | 'indicators'>,
  window: { from: string | null; to: string | null },
  problems: Problems,
): Promise<BulkRow[]> {
  await assertXlsx(fileName, data);
  const wb = await loadWorkbook(data, MAX_BULK_ROWS, 'mỗi lần nhập nhiều đơn vị');
  const ws = requireSheet(wb, DATA_SHEET);
  const headerRow = locateHeader(ws, BULK_HEADERS, problems);
  if (headerRow === null) throw problems.error();
  for (const m of mergesFrom(ws, headerRow + 1)) problems.at(m.row, m.col, mergedMessage(m.range));

  const byCode = new Map(form.indicators.map((i) => [foldVietnamese(i.code), i]));
  const resolvers = new Map(form.indicators.map((i) => [i.indicatorId, categoryResolver(i)]));
  // Codes, categories and communes repeat on thousands of rows: fold each text once.
  const folded = new Map<string, string>();
  const fold = (text: string) => {
    let f = folded.get(text);
    if (f === undefined) {
      f = foldVietnamese(text);
      folded.set(text, f);
    }
    return f;
  };
  const periods = new Map<string, Period | { error: string }>();
  const seen = new Map<string, number>();
  const out: BulkRow[] = [];
  const keyCols = [BCOL.unitId, BCOL.period, BCOL.code, BCOL.category, BCOL.location, BCOL.value];

  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = rowCells(ws, r, BULK_HEADERS.length);
    const cell = (c: number): Cell => cells[c] ?? EMPTY;
    if (isEmpty(cells[BCOL.value])) continue; // blank value: nothing to change
    let bad = false;
    for (const c of keyCols) {
      const trouble = cellTrouble(cell(c));
      if (trouble) {
        problems.at(r, c, trouble);
        bad = true;
      }
    }
    if (bad) continue;
    const unitText = keyText(cell(BCOL.unitId));
    if (!/^\d{1,9}$/.test(unitText)) {
      problems.at(
        r,
        BCOL.unitId,
        unitText
          ? `Mã đơn vị "${unitText}" không hợp lệ (phải là số, như trong tệp mẫu).`
          : 'Thiếu mã đơn vị.',
      );
      continue;
    }
    const periodText = keyText(cell(BCOL.period));
    let period = periods.get(periodText);
    if (!period) {
      period = periodText ? checkedPeriod(periodText, form, window) : { error: 'Thiếu kỳ báo cáo.' };
      periods.set(periodText, period);
    }
    if ('error' in period) {
      problems.at(r, BCOL.period, period.error);
      continue;
    }
    const code = keyText(cell(BCOL.code));
    const ind = byCode.get(fold(code));
    if (!ind) {
      problems.at(
        r,
        BCOL.code,
        code ? `Mã chỉ tiêu "${code}" không có trong biểu mẫu "${form.name}".` : 'Thiếu mã chỉ tiêu.',
      );
      continue;
    }
    const categoryText = keyText(cell(BCOL.category));
    const cat = resolvers.get(ind.indicatorId)!(categoryText);
    if ('error' in cat) {
      problems.at(r, BCOL.category, cat.error);
      continue;
    }
    const location = keyText(cell(BCOL.location));
    if (location.length > 200) {
      problems.at(r, BCOL.location, 'Tên địa bàn dài quá 200 ký tự.');
      continue;
    }
    const k = `${unitText}\u0001${period.key}\u0001${ind.indicatorId}\u0001${cat.code}\u0001${fold(location)}`;
    const first = seen.get(k);
    if (first !== undefined) {
      problems.at(
        r,
        BCOL.code,
        `Trùng với dòng ${first}: cùng đơn vị, kỳ, chỉ tiêu ${ind.code}${cat.code ? `, phân tổ "${categoryText}"` : ''}${location ? `, địa bàn "${location}"` : ''}.`,
      );
      continue;
    }
    seen.set(k, r);
    const parsed = parseValue(cell(BCOL.value), ind.valueType);
    if (!parsed.ok) {
      problems.at(r, BCOL.value, `${parsed.message} (Chỉ tiêu ${ind.code})`);
      continue;
    }
    if (parsed.value === null) continue;
    out.push({
      row: r,
      unitId: Number(unitText),
      period: period.key,
      indicatorId: ind.indicatorId,
      category: cat.code,
      location,
      value: parsed.value,
    });
  }
  return out;
}

export interface BulkImportResult {
  /** Values written (rows with a value; blank rows are skipped). */
  values: number;
  reports: Array<{
    id: number;
    unitId: number;
    unitName: string;
    period: string;
    created: boolean;
    values: number;
  }>;
}

interface Group {
  unitId: number;
  period: Period;
  rows: BulkRow[];
  report?: { id: number; status: ReportStatus; version: number; narrative: Record<string, string> };
  unit?: { id: number; name: string; path: string; validTo: string | null };
}

/**
 * Imports a many-unit file into the form's reports: everything is checked first (file, rows,
 * units, report states, value rules per report), then applied in one transaction.
 */
export function importBulkFile(
  db: Queryable,
  actor: Actor,
  formId: number,
  file: { fileName: string; data: Uint8Array },
): Promise<BulkImportResult> {
  return oneAtATime(() => importBulk(db, actor, formId, file));
}

let queue: Promise<unknown> = Promise.resolve();
/**
 * Many-unit imports run one at a time per process: each may hold a workbook of up to
 * MAX_BULK_ROWS rows in memory (about 1 GB at the bound), and two at once gain nothing on the
 * single database connection pool they would share.
 */
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

async function importBulk(
  db: Queryable,
  actor: Actor,
  formId: number,
  file: { fileName: string; data: Uint8Array },
): Promise<BulkImportResult> {
  const { form, row: formRow, window } = await loadForm(db, actor, formId);
  if (!formRow.active) throw invalidField('file', `Biểu mẫu "${form.name}" đã ngừng sử dụng.`);
  const problems = new Problems();
  const rows = await parseBulkFile(file.fileName, file.data, form, window, problems);
  if (rows.length === 0 && !problems.any) {
    throw new AppError('XLSX_INVALID', {
      fields: [{ path: 'file', message: `Trang "${DATA_SHEET}" không có dòng nào có giá trị để nhập.` }],
    });
  }

  // Group by report (unit, period).
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const k = `${r.unitId}|${r.period}`;
    let g = groups.get(k);
    if (!g) {
      g = { unitId: r.unitId, period: parsePeriod(r.period)!, rows: [] };
      groups.set(k, g);
    }
    g.rows.push(r);
  }
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const periodKeys = [...new Set(rows.map((r) => r.period))];
  const reporting = new Set(form.units.map((u) => u.id));
  const unitRows = await selectChunked(unitIds, (ids) =>
    db
      .select({ id: units.id, name: units.name, path: units.path, validTo: units.validTo })
      .from(units)
      .where(inArray(units.id, ids)),
  );
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const existing = await selectChunked(unitIds, (ids) =>
    db
      .select({
        id: reports.id,
        unitId: reports.unitId,
        periodKey: reports.periodKey,
        status: reports.status,
        version: reports.version,
        narrative: reports.narrative,
      })
      .from(reports)
      .where(
        and(
          eq(reports.formId, form.id),
          inArray(reports.periodKey, periodKeys),
          inArray(reports.unitId, ids),
        ),
      ),
  );
  for (const r of existing) {
    const g = groups.get(`${r.unitId}|${r.periodKey}`);
    if (g) g.report = r;
  }

  // Report-level refusals, listed on each row of the report.
  const refuse = (g: Group, message: string) => {
    for (const r of g.rows) problems.at(r.row, BCOL.unitId, message);
  };
  for (const g of groups.values()) {
    const unit = unitById.get(g.unitId);
    if (!unit || !reporting.has(g.unitId)) {
      refuse(
        g,
        unit
          ? `Đơn vị "${unit.name}" (mã ${g.unitId}) không có tên trong danh sách báo cáo của biểu mẫu.`
          : `Không có đơn vị mã ${g.unitId} trong danh sách báo cáo của biểu mẫu.`,
      );
      continue;
    }
    g.unit = unit;
    if (!officerOn(actor, unit.path)) {
      refuse(g, `Bạn không có quyền nhập số liệu cho đơn vị "${unit.name}".`);
      continue;
    }
    if (g.report && !EDITABLE.includes(g.report.status)) {
      refuse(
        g,
        `Báo cáo ${g.period.label} của "${unit.name}" ${g.report.status === 'approved' ? 'đã được duyệt và khóa' : 'đã nộp, đang chờ duyệt'}; không nhập được.`,
      );
    } else if (!g.report && unit.validTo !== null && unit.validTo < g.period.start) {
      refuse(
        g,
        `"${unit.name}" đã giải thể/sáp nhập từ ngày ${unit.validTo.split('-').reverse().join('/')}, không báo cáo cho kỳ ${g.period.label}.`,
      );
    }
  }

  // Value rules per report, on its values as they would stand.
  const indicators = form.indicators;
  const rules = await loadRules(
    db,
    indicators.map((i) => i.indicatorId),
  );
  const stored = await valuesOf(
    db,
    existing.map((r) => r.id),
    indicators,
  );
  const on = new Set(indicators.map((i) => i.indicatorId));
  const merged = new Map<Group, TemplateValue[]>();
  for (const g of groups.values()) {
    if (!g.unit) continue;
    const before = g.report ? (stored.get(g.report.id) ?? []) : [];
    const locations = new Map(before.map((v) => [cellKey(v, true), v.location]));
    for (const r of g.rows) r.location = locations.get(cellKey(r, true)) ?? r.location;
    const given = new Set(g.rows.map((r) => cellKey(r)));
    const kept = before.filter((v) => on.has(v.indicatorId) && !given.has(cellKey(v)));
    const all: ValueIn[] = [...g.rows, ...kept];
    for (const issue of checkValues(indicators, rules, all, 'save')) {
      if (!issue.blocking) continue;
      const m = /^values\[(\d+)\]/.exec(issue.path);
      const r = m ? g.rows[Number(m[1])] : undefined;
      if (r) problems.at(r.row, BCOL.value, `${g.unit.name}, ${g.period.key}: ${issue.message}`);
      else problems.add('file', `${g.unit.name}, ${g.period.key}: ${issue.message}`);
    }
    merged.set(g, [
      ...before.filter((v) => !given.has(cellKey(v))),
      ...g.rows.map(({ indicatorId, category, location, value }) => ({
        indicatorId,
        category,
        location,
        value,
      })),
    ]);
  }
  problems.throwIfAny();

  const list = [...groups.values()];
  const result = await db.transaction(async (tx) => {
    // Existing reports: version bumped only if still as checked (editable, same version). A
    // report saved or submitted since the checks fails the whole import (409), nothing applied.
    const toTouch = list.filter((g) => g.report).map((g) => g.report!);
    for (let i = 0; i < toTouch.length; i += CHUNK) {
      const part = toTouch.slice(i, i + CHUNK);
      const touched = (await tx.execute(sql`
        update ${reports} r set version = r.version + 1, updated_at = now()
        from unnest(${sql.param(part.map((p) => p.id))}::int[], ${sql.param(part.map((p) => p.version))}::int[]) as x(id, version)
        where r.id = x.id and r.version = x.version and r.status in ('draft', 'returned')
        returning r.id`)) as unknown as { rows?: unknown[]; length?: number };
      const count = Array.isArray(touched) ? touched.length : (touched.rows?.length ?? 0);
      if (count !== part.length) throw conflict();
    }
    // Missing reports: drafts, with the unit's path at the period's end.
    const fresh = list.filter((g) => !g.report);
    const created: Array<typeof reports.$inferInsert> = [];
    for (const g of fresh) {
      created.push({
        formId: form.id,
        agreementId: form.agreementId,
        unitId: g.unitId,
        unitPath: await unitPathAt(tx, g.unitId, g.period.end),
        periodKind: g.period.kind,
        periodKey: g.period.key,
        periodStart: g.period.start,
        periodEnd: g.period.end,
        year: g.period.year,
        dueDate:
          deadlineOf(g.period.key, { day: formRow.deadlineDay, monthOffset: formRow.deadlineMonthOffset }) ??
          g.period.end,
      });
    }
    for (let i = 0; i < created.length; i += 1000) {
      const part = fresh.slice(i, i + 1000);
      const rowsIn = await tx
        .insert(reports)
        .values(created.slice(i, i + 1000))
        .onConflictDoNothing()
        .returning({
          id: reports.id,
          unitId: reports.unitId,
          periodKey: reports.periodKey,
          version: reports.version,
        });
      // Someone opened one of these reports meanwhile: start again rather than guess.
      if (rowsIn.length !== part.length) throw conflict();
      const byKey = new Map(rowsIn.map((r) => [`${r.unitId}|${r.periodKey}`, r]));
      for (const g of part) {
        const r = byKey.get(`${g.unitId}|${g.period.key}`)!;
        g.report = { id: r.id, status: 'draft', version: r.version, narrative: {} };
      }
    }

    // Values: multi-row upserts across reports.
    const cells = list.flatMap((g) =>
      g.rows.map((r) => ({
        reportId: g.report!.id,
        indicatorId: r.indicatorId,
        category: r.category,
        location: r.location,
        ...encodeValue(r.value),
      })),
    );
    // One statement per chunk with the columns as arrays (unnest): six parameters instead of
    // six per row, so 100,000 values are a handful of round trips.
    for (let i = 0; i < cells.length; i += VALUE_CHUNK) {
      const part = cells.slice(i, i + VALUE_CHUNK);
      await tx.execute(sql`
        insert into ${reportValues} (report_id, indicator_id, category, location, value, text_value)
        select * from unnest(
          ${sql.param(part.map((c) => c.reportId))}::int[],
          ${sql.param(part.map((c) => c.indicatorId))}::int[],
          ${sql.param(part.map((c) => c.category))}::text[],
          ${sql.param(part.map((c) => c.location))}::text[],
          ${sql.param(part.map((c) => c.value))}::float8[],
          ${sql.param(part.map((c) => c.textValue))}::text[])
        on conflict (report_id, indicator_id, category, location)
        do update set value = excluded.value, text_value = excluded.text_value`);
    }

    // History: 'create' for the new reports, one 'import' per report with its snapshot.
    const position = new Map(indicators.map((i) => [i.indicatorId, i.position]));
    const events: Array<typeof reportEvents.$inferInsert> = [];
    for (const g of fresh) {
      events.push({
        reportId: g.report!.id,
        action: 'create',
        step: 0,
        actorUserId: actor.userId,
        actorUnitId: g.unitId,
      });
    }
    for (const g of list) {
      const values = merged
        .get(g)!
        .sort(
          (a, b) =>
            (position.get(a.indicatorId) ?? 1e9) - (position.get(b.indicatorId) ?? 1e9) ||
            a.category.localeCompare(b.category) ||
            a.location.localeCompare(b.location),
        );
      events.push({
        reportId: g.report!.id,
        action: 'import',
        step: 0,
        actorUserId: actor.userId,
        actorUnitId: g.unitId,
        comment: `Nhập từ tệp Excel nhiều đơn vị "${file.fileName}" (${formatCount(g.rows.length)} giá trị).`,
        snapshot: { values, narrative: g.report!.narrative },
      });
    }
    for (let i = 0; i < events.length; i += 500)
      await tx.insert(reportEvents).values(events.slice(i, i + 500));

    const summary = list.map((g) => ({
      id: g.report!.id,
      unitId: g.unitId,
      unitName: g.unit!.name,
      period: g.period.key,
      created: fresh.includes(g),
      values: g.rows.length,
    }));
    await recordAudit(tx, {
      action: 'report.import_bulk',
      entityType: 'report_form',
      entityId: form.id,
      scopeUnitId: formRow.ownerUnitId,
      after: {
        fileName: file.fileName,
        values: rows.length,
        reports: summary.map(({ id, unitId, period, created, values }) => ({
          id,
          unitId,
          period,
          created,
          values,
        })),
      },
    });
    return summary;
  });
  return { values: rows.length, reports: result };
}

/** A value's cell: indicator, category, commune (keyed as the roll-up keys communes). */
function cellKey(v: { indicatorId: number; category: string; location: string }, fold = false) {
  return `${v.indicatorId}\u0001${v.category}\u0001${fold && v.location ? locationKey(v.location) : v.location}`;
}

async function selectChunked<T>(ids: number[], run: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

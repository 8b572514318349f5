import type { ReportOut, ReportStatus } from '../../../contracts/reports.ts';
import { locationKey } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden } from '../../lib/errors.ts';
import { loadRules } from './forms.ts';
import { getReport, saveReport } from './service.ts';
import { checkValues, type ValueIn } from './values.ts';
import { issuesToProblems, type ParsedValue, parseReportFile } from './xlsxParse.ts';
import { Problems } from './xlsxRead.ts';
import { buildReportTemplate } from './xlsxTemplate.ts';

// The Excel round trip of one report: download its data-entry template, upload it back. The
// upload is all or nothing: every row is checked (the file's own checks, then the same value
// rules as a save, on the report's values as they would stand), every problem is answered at
// once by row and column, and only a clean file is saved — through saveReport, as an 'import'
// event with the same permission, state and version rules as a save from the screen.

export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Nháp',
  submitted: 'Đã nộp, chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};

/** "Mẫu nhập số liệu - Đồn Biên phòng Tả Gia Khâu - 2024-Q2.xlsx" (no characters a file system refuses). */
export function templateFileName(...parts: string[]) {
  return `${['Mẫu nhập số liệu', ...parts].join(' - ').replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')}.xlsx`;
}

/** The data-entry template of a report the actor may see (404 otherwise). */
export async function reportTemplate(db: Queryable, actor: Actor, id: number) {
  const r = await getReport(db, actor, id);
  const buffer = await buildReportTemplate({
    id: r.id,
    formName: r.formName,
    agreementSubject: r.agreementSubject,
    unitName: r.unit.name,
    period: r.period,
    periodLabel: r.periodLabel,
    dueDate: r.dueDate,
    statusLabel: STATUS_LABELS[r.status],
    version: r.version,
    indicators: r.indicators,
    values: r.values,
    narrativeSections: r.narrativeSections,
    narrative: r.narrative,
  });
  return { buffer, fileName: templateFileName(r.unit.shortName ?? r.unit.name, r.period) };
}

const keyOf = (v: { indicatorId: number; category?: string; location?: string }) =>
  `${v.indicatorId}\u0001${v.category ?? ''}\u0001${locationKey(v.location)}`;

export interface ImportResult {
  report: ReportOut;
  /** Rows read from "Số liệu". */
  rows: number;
  /** Of them, rows with a value (the others clear their cell). */
  values: number;
  narrative: boolean;
}

/**
 * Imports a filled template into the report. `version`: when given (the screen sends the
 * version it shows), a report saved by someone else since answers 409 VERSION_CONFLICT; when
 * absent, the current version is taken — the file replaces the cells it names either way.
 */
export async function importReportFile(
  db: Queryable,
  actor: Actor,
  id: number,
  file: { fileName: string; data: Uint8Array },
  version: number | undefined,
): Promise<ImportResult> {
  const report = await getReport(db, actor, id);
  // The report's state first: a locked report is refused before the file is read.
  if (report.status === 'approved') throw new AppError('REPORT_LOCKED');
  if (report.status === 'submitted') throw new AppError('REPORT_WRONG_STATE');
  if (!report.abilities.edit) throw forbidden();
  if (version !== undefined && version !== report.version) throw conflict();

  const problems = new Problems();
  const parsed = await parseReportFile(
    file.fileName,
    file.data,
    { reportId: id, indicators: report.indicators, narrativeSections: report.narrativeSections },
    problems,
  );

  // A commune typed "xã tả gia khâu" is the stored "Xã Tả Gia Khâu": keep the stored spelling.
  const stored = new Map(report.values.map((v) => [keyOf(v), v]));
  const given: ParsedValue[] = parsed.values.map((v) => {
    const same = stored.get(keyOf(v));
    return same ? { ...v, location: same.location } : v;
  });
  const givenKeys = new Set(given.map(keyOf));
  const on = new Set(report.indicators.map((i) => i.indicatorId));
  const kept: ValueIn[] = report.values.filter((v) => on.has(v.indicatorId) && !givenKeys.has(keyOf(v)));
  const rules = await loadRules(
    db,
    report.indicators.map((i) => i.indicatorId),
  );
  // The file's values first, so `values[i]` of an issue is the i-th row read.
  const issues = checkValues(report.indicators, rules, [...given, ...kept], 'save');
  issuesToProblems(
    issues.filter((i) => i.blocking),
    given,
    problems,
  );
  problems.throwIfAny();

  const saved = await saveReport(
    db,
    actor,
    id,
    {
      version: version ?? report.version,
      values: given.map(({ indicatorId, category, location, value }) => ({
        indicatorId,
        category,
        location,
        value,
      })),
      narrative: parsed.narrative ?? undefined,
    },
    'import',
  );
  return {
    report: saved,
    rows: given.length,
    values: given.filter((v) => v.value !== null).length,
    narrative: parsed.narrative !== null,
  };
}

import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { REVIEW_SECTION_KEYS, type ReviewDraft, type ReviewFigure } from '../../../contracts/meetings.ts';
import { type Period, parsePeriod, periodLabel } from '../../../contracts/periods.ts';
import type { Db } from '../../db/client.ts';
import {
  agreementParties,
  agreements,
  indicatorLinks,
  meetingConclusions,
  meetings,
  reports,
  sections,
  tasks,
  taskUnits,
  units,
} from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { computeRollup, figureAt, resolvePeriod } from '../rollup/service.ts';
import { taskOverdue } from '../tasks/list.ts';

// The review report's draft (báo cáo sơ kết / tổng kết), assembled from approved data:
//   I.   Đặc điểm tình hình — editable, a neutral placeholder to start from (no invented facts);
//   II.  Kết quả thực hiện — per content section (of the agreement and of its yearly plans in the
//        period): tasks done / in progress / not started / overdue, and the indicator figures of
//        the agreement's roll-up for the period (value, target, % achieved, change on the same
//        period a year earlier); then the "kết quả" narratives of the approved unit reports,
//        each attributed to its unit;
//   III. Hạn chế, nguyên nhân — prefilled from the approved reports' "han_che" narratives;
//   IV.  Bài học kinh nghiệm — editable;
//   V.   Phương hướng, nhiệm vụ kỳ tới — prefilled from unfinished tasks and the agreement's
//        meeting conclusions not done yet;
//   VI.  Đề xuất, kiến nghị — prefilled from the reports' "de_xuat" narratives.
// `loadReviewInput` reads (a fixed number of queries, whatever the size); `assembleDraft` is pure.

export type SectionKey = (typeof REVIEW_SECTION_KEYS)[number];

export const NO_DATA_NOTICE = (label: string) =>
  `Chưa có số liệu được duyệt cho kỳ này (${label}): chưa có báo cáo định kỳ nào của các đơn vị được duyệt trong kỳ. Các chỉ tiêu dưới đây ghi "chưa có số liệu", không phải bằng 0.`;
export const NO_FIGURE = 'chưa có số liệu';

export const PLACEHOLDERS: Record<SectionKey, string> = {
  situation:
    '[Nêu đặc điểm tình hình trong kỳ: thuận lợi, khó khăn tác động đến việc thực hiện chương trình phối hợp. Phần này do người soạn báo cáo viết.]',
  leadership: '',
  shortcomings: '[Nêu hạn chế và nguyên nhân (khách quan, chủ quan).]',
  lessons: '[Nêu bài học kinh nghiệm rút ra trong kỳ.]',
  directions: '[Nêu phương hướng, nhiệm vụ trọng tâm kỳ tới.]',
  proposals: '[Nêu đề xuất, kiến nghị.]',
};

export interface InputTask {
  id: number;
  agreementId: number;
  sectionId: number | null;
  title: string;
  status: string;
  dueDate: string | null;
  overdue: boolean;
  leadUnit: string | null;
}
export interface InputSection {
  id: number;
  agreementId: number;
  title: string;
}
export interface InputReport {
  unitId: number;
  unitName: string;
  period: string;
  periodStart: string;
  narrative: Record<string, string>;
}
export interface InputConclusion {
  text: string;
  meetingTitle: string;
  leadUnit: string | null;
  dueDate: string | null;
}
export interface ReviewInput {
  period: Period;
  /** 'tong_ket' when the period is the agreement's whole phase. */
  reviewKind: 'so_ket' | 'tong_ket';
  asOf: string;
  /** The agreement first, then its plans in the period. */
  sections: InputSection[];
  tasks: InputTask[];
  /** Figures of the agreement's roll-up, in the roll-up's order. */
  figures: ReviewFigure[];
  /** Some figures come from sample (generated demo) reports. */
  sample?: boolean;
  /** Indicator → section ids it is linked to (directly or through a task). */
  indicatorSections: Map<number, Set<number>>;
  reports: InputReport[];
  conclusions: InputConclusion[];
}

/** The assembled part of a draft: what freezing keeps (texts stay the author's). */
export type AssembledData = Omit<ReviewDraft, 'texts'>;

/** Section titles compared without numbering, case and extra spaces ("1. Về công tác tham mưu"). */
export const sectionKeyOf = (title: string) =>
  title
    .normalize('NFC')
    .replace(/^\s*(?:[0-9]+|[IVXLC]+|[a-zđ])\s*[.)]\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('vi');

const DONE = new Set(['done', 'done_late']);

const attributed = (r: InputReport, reviewPeriod: string, text: string) =>
  r.period === reviewPeriod ? `${r.unitName}: ${text}` : `${r.unitName} (${periodLabel(r.period)}): ${text}`;

export function assembleDraft(input: ReviewInput): AssembledData {
  const { period } = input;
  // Content sections: same title across the agreement and its plans → one group.
  const groups: Array<{ key: string; title: string; sectionIds: Set<number> }> = [];
  const groupOfSection = new Map<number, number>();
  const byTitle = new Map<string, number>();
  for (const s of input.sections) {
    const k = sectionKeyOf(s.title);
    let g = byTitle.get(k);
    if (g === undefined) {
      g = groups.length;
      groups.push({
        key: `s${s.id}`,
        title: s.title.replace(/^\s*[0-9]+\s*[.)]\s*/, '').trim(),
        sectionIds: new Set(),
      });
      byTitle.set(k, g);
    }
    groups[g]!.sectionIds.add(s.id);
    groupOfSection.set(s.id, g);
  }
  const otherTasks = input.tasks.filter((t) => t.sectionId === null || !groupOfSection.has(t.sectionId));
  const results: AssembledData['results'] = [];
  const placedFigures = new Set<number>();
  const taskBlock = (list: InputTask[]) => {
    const item = (t: InputTask) => ({
      id: t.id,
      title: t.title,
      leadUnit: t.leadUnit,
      dueDate: t.dueDate,
      status: t.status,
    });
    const open = list.filter((t) => !DONE.has(t.status) && t.status !== 'cancelled');
    return {
      total: list.length,
      done: list.filter((t) => DONE.has(t.status)).map(item),
      inProgress: open.filter((t) => !t.overdue && t.status === 'in_progress').map(item),
      notStarted: open.filter((t) => !t.overdue && t.status === 'not_started').map(item),
      overdue: open.filter((t) => t.overdue).map(item),
      cancelled: list.filter((t) => t.status === 'cancelled').length,
    };
  };
  groups.forEach((g, gi) => {
    const list = input.tasks.filter((t) => t.sectionId !== null && groupOfSection.get(t.sectionId) === gi);
    const figures = input.figures.filter((f) => {
      const linked = input.indicatorSections.get(f.indicatorId);
      return linked && [...linked].some((id) => groupOfSection.get(id) === gi);
    });
    for (const f of figures) placedFigures.add(f.indicatorId);
    results.push({ key: g.key, title: g.title, tasks: taskBlock(list), figures });
  });
  const rest = input.figures.filter((f) => !placedFigures.has(f.indicatorId));
  if (otherTasks.length || rest.length || results.length === 0) {
    results.push({
      key: 'general',
      title: results.length === 0 ? 'Kết quả chung' : 'Các nhiệm vụ, chỉ tiêu chung',
      tasks: taskBlock(otherTasks),
      figures: rest,
    });
  }

  const reports = [...input.reports].sort(
    (a, b) => a.unitName.localeCompare(b.unitName, 'vi') || a.periodStart.localeCompare(b.periodStart),
  );
  const narrativesOf = (key: string) =>
    reports
      .filter((r) => (r.narrative[key] ?? '').trim() !== '')
      .map((r) => ({
        unitId: r.unitId,
        unitName: r.unitName,
        period: r.period,
        text: r.narrative[key]!.trim(),
      }));
  const narratives = narrativesOf('ket_qua');
  const lines = (key: string) =>
    narrativesOf(key).map(
      (n) => `- ${attributed({ ...n, periodStart: '', narrative: {} }, period.key, n.text)}`,
    );

  const shortcomings = lines('han_che');
  const proposals = lines('de_xuat');
  const unfinished = input.tasks.filter((t) => !DONE.has(t.status) && t.status !== 'cancelled');
  const directions = [
    ...unfinished.map(
      (t) =>
        `- Tiếp tục thực hiện: ${t.title}${t.leadUnit ? ` (chủ trì: ${t.leadUnit})` : ''}${t.overdue ? ' — đã quá hạn' : ''}.`,
    ),
    ...input.conclusions.map(
      (c) => `- ${c.text}${c.leadUnit ? ` (chủ trì: ${c.leadUnit})` : ''} — theo kết luận ${c.meetingTitle}.`,
    ),
  ];
  const prefill: Record<SectionKey, string> = {
    ...PLACEHOLDERS,
    ...(shortcomings.length ? { shortcomings: shortcomings.join('\n') } : {}),
    ...(proposals.length ? { proposals: proposals.join('\n') } : {}),
    ...(directions.length ? { directions: directions.join('\n') } : {}),
  };
  const hasApprovedData = input.reports.length > 0;
  return {
    period: period.key,
    periodLabel: period.label,
    reviewKind: input.reviewKind,
    asOf: input.asOf,
    hasApprovedData,
    notice: hasApprovedData ? null : NO_DATA_NOTICE(period.label),
    approvedReports: input.reports.length,
    sample: input.sample ?? false,
    results,
    narratives,
    prefill,
  };
}

/** The section texts: the author's where saved, otherwise the prefill. */
export function draftTexts(data: AssembledData, saved: Record<string, string>): ReviewDraft['texts'] {
  const out = {} as Record<SectionKey, string>;
  for (const k of REVIEW_SECTION_KEYS) out[k] = saved[k] ?? data.prefill[k] ?? '';
  return out;
}

/** "tổng kết" when the period is the agreement's whole phase, otherwise "sơ kết". */
export function reviewKindOf(
  period: Period,
  agreement: { validFrom: string | null; validTo: string | null },
): 'so_ket' | 'tong_ket' {
  if (period.kind === 'phase') return 'tong_ket';
  if (
    agreement.validFrom &&
    agreement.validTo &&
    agreement.validFrom.slice(0, 4) === period.start.slice(0, 4) &&
    agreement.validTo.slice(0, 4) === period.end.slice(0, 4) &&
    period.kind === 'year' &&
    agreement.validFrom.slice(0, 4) === agreement.validTo.slice(0, 4)
  ) {
    return 'tong_ket';
  }
  return 'so_ket';
}

/** "Báo cáo sơ kết năm 2023 thực hiện Chương trình phối hợp …". */
export function defaultTitle(
  period: Period,
  agreement: { subject: string; validFrom: string | null; validTo: string | null },
): string {
  const kind = reviewKindOf(period, agreement) === 'tong_ket' ? 'tổng kết' : 'sơ kết';
  const when = period.label.charAt(0).toLocaleLowerCase('vi') + period.label.slice(1);
  const subject = agreement.subject.trim();
  const title = `Báo cáo ${kind} ${when} thực hiện ${subject.charAt(0).toLocaleUpperCase('vi')}${subject.slice(1)}`;
  return title.length > 500 ? `${title.slice(0, 499)}…` : title;
}

// ---------------------------------------------------------------------------------------
// Loading

/** The agreement and its yearly plans overlapping the period. */
async function agreementsInPeriod(db: Db, agreementId: number, period: Period) {
  const plans = await db
    .select({ id: agreements.id, year: agreements.year })
    .from(agreements)
    .where(
      and(
        eq(agreements.programId, agreementId),
        or(
          and(
            gte(agreements.year, Number(period.start.slice(0, 4))),
            lte(agreements.year, Number(period.end.slice(0, 4))),
          ),
          and(
            isNull(agreements.year),
            or(isNull(agreements.validFrom), lte(agreements.validFrom, period.end)),
            or(isNull(agreements.validTo), gte(agreements.validTo, period.start)),
          ),
        ),
      ),
    )
    .orderBy(asc(agreements.year), asc(agreements.id));
  return [agreementId, ...plans.map((p) => p.id)];
}

/** Everything the draft needs, read from the database (the roll-up from its cache when yearly). */
export async function loadReviewInput(
  db: Db,
  agreement: { id: number; subject: string; validFrom: string | null; validTo: string | null },
  periodKey: string,
  today = todayInVietnam(),
): Promise<ReviewInput> {
  const period = parsePeriod(periodKey)!;
  const ids = await agreementsInPeriod(db, agreement.id, period);
  const order = sql`array_position(${sql.raw(`array[${ids.join(',')}]::int[]`)}, ${sections.agreementId})`;
  const leadName = sql<string | null>`(select u.name from ${taskUnits} tu join ${units} u on u.id = tu.unit_id
    where tu.task_id = "tasks"."id" and tu.role = 'lead' limit 1)`;
  const [sectionRows, taskRows, links, reportRows, conclusionRows, parties] = await Promise.all([
    db
      .select({ id: sections.id, agreementId: sections.agreementId, title: sections.title })
      .from(sections)
      .where(inArray(sections.agreementId, ids))
      .orderBy(order, asc(sections.position), asc(sections.id)),
    db
      .select({
        id: tasks.id,
        agreementId: tasks.agreementId,
        sectionId: tasks.sectionId,
        title: tasks.title,
        status: tasks.status,
        dueDate: tasks.dueDate,
        overdue: sql<boolean>`${taskOverdue(today)}`,
        leadUnit: leadName,
      })
      .from(tasks)
      .where(
        and(
          inArray(tasks.agreementId, ids),
          or(isNull(tasks.startDate), lte(tasks.startDate, period.end)),
          or(isNull(tasks.dueDate), gte(tasks.dueDate, period.start)),
        ),
      )
      .orderBy(asc(tasks.agreementId), asc(tasks.position), asc(tasks.id)),
    db
      .select({
        indicatorId: indicatorLinks.indicatorId,
        sectionId: sql<
          number | null
        >`coalesce(${indicatorLinks.sectionId}, (select t.section_id from ${tasks} t where t.id = "indicator_links"."task_id"))`,
      })
      .from(indicatorLinks)
      .where(inArray(indicatorLinks.agreementId, ids)),
    db
      .select({
        unitId: reports.unitId,
        unitName: units.name,
        period: reports.periodKey,
        periodStart: reports.periodStart,
        narrative: reports.narrative,
      })
      .from(reports)
      .innerJoin(units, eq(units.id, reports.unitId))
      .where(
        and(
          inArray(reports.agreementId, ids),
          eq(reports.status, 'approved'),
          gte(reports.periodStart, period.start),
          lte(reports.periodEnd, period.end),
        ),
      ),
    db
      .select({
        text: meetingConclusions.text,
        meetingTitle: meetings.title,
        leadUnit: units.name,
        dueDate: meetingConclusions.dueDate,
      })
      .from(meetingConclusions)
      .innerJoin(meetings, eq(meetings.id, meetingConclusions.meetingId))
      .leftJoin(units, eq(units.id, meetingConclusions.leadUnitId))
      .where(
        and(
          inArray(meetings.agreementId, ids),
          sql`${meetings.status} <> 'cancelled'`,
          sql`(${meetingConclusions.taskId} is null or not exists (select 1 from ${tasks} t
            where t.id = ${meetingConclusions.taskId} and t.status in ('done', 'done_late', 'cancelled')))`,
        ),
      )
      .orderBy(asc(meetings.startsAt), asc(meetingConclusions.position)),
    db
      .select({ unitId: agreementParties.unitId })
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, agreement.id)),
  ]);

  // The agreement's roll-up over its parties' trees (the whole agreement, whoever reads it).
  const resolved = resolvePeriod(period.year, period.key);
  const rollup = await computeRollup(
    db,
    agreement.id,
    { prefixes: new Map(parties.map((p) => [p.unitId, `/${p.unitId}/`])), fallbackToUnit: true },
    resolved,
  );
  let sample = false;
  const figures: ReviewFigure[] = rollup.indicators.map((ind) => {
    const f = figureAt(rollup, ind.indicatorId, -1);
    sample ||= f.sample;
    const previous = resolved.previous ? f.previousYear : null;
    return {
      indicatorId: ind.indicatorId,
      code: ind.code,
      name: ind.name,
      uom: ind.uom,
      valueType: ind.valueType,
      value: f.value,
      target: f.target,
      achievedPct: f.achievedPct,
      previous,
      change: f.value !== null && previous !== null ? f.value - previous : null,
      reports: f.reports,
    };
  });
  const indicatorSections = new Map<number, Set<number>>();
  for (const l of links) {
    if (l.sectionId === null) continue;
    let s = indicatorSections.get(l.indicatorId);
    if (!s) {
      s = new Set();
      indicatorSections.set(l.indicatorId, s);
    }
    s.add(Number(l.sectionId));
  }
  return {
    period,
    reviewKind: reviewKindOf(period, agreement),
    asOf: today,
    sections: sectionRows,
    tasks: taskRows.map((t) => ({ ...t, overdue: Boolean(t.overdue) })),
    figures,
    sample,
    indicatorSections,
    reports: reportRows,
    conclusions: conclusionRows,
  };
}

import { and, eq, inArray } from 'drizzle-orm';
import { periodLabel } from '../../../contracts/periods.ts';
import type { Queryable } from '../../db/client.ts';
import { indicators, reportForms, reports, tasks, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { reportVisible } from '../reports/policy.ts';
import { taskVisible } from '../tasks/list.ts';

// Evidence of an achievement (căn cứ thành tích): tasks, periodic reports and indicators in the
// system. A link must point at something that exists AND that the actor may see (the indicator
// catalogue is readable by everyone signed in); each is shown with a readable label.

export type EvidenceType = 'task' | 'report' | 'indicator';
export interface EvidenceRef {
  type: EvidenceType;
  id: number;
}

const TYPE_LABEL: Record<EvidenceType, string> = {
  task: 'Nhiệm vụ',
  report: 'Báo cáo',
  indicator: 'Chỉ tiêu',
};

const key = (e: EvidenceRef) => `${e.type}:${e.id}`;

/** Labels of the evidence the actor can see, by "type:id" (one query per type, whatever the count). */
export async function evidenceLabels(db: Queryable, actor: Actor, refs: EvidenceRef[]) {
  const ids = (type: EvidenceType) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const out = new Map<string, string>();
  const taskIds = ids('task');
  if (taskIds.length) {
    const rows = await db
      .select({ id: tasks.id, title: tasks.title })
      .from(tasks)
      .where(and(inArray(tasks.id, taskIds), taskVisible(actor)));
    for (const r of rows) out.set(`task:${r.id}`, `Nhiệm vụ: ${r.title}`);
  }
  const reportIds = ids('report');
  if (reportIds.length) {
    const rows = await db
      .select({ id: reports.id, form: reportForms.name, unit: units.name, period: reports.periodKey })
      .from(reports)
      .innerJoin(reportForms, eq(reportForms.id, reports.formId))
      .innerJoin(units, eq(units.id, reports.unitId))
      .where(and(inArray(reports.id, reportIds), reportVisible(actor)));
    for (const r of rows)
      out.set(`report:${r.id}`, `Báo cáo: ${r.form} — ${r.unit} — ${periodLabel(r.period)}`);
  }
  const indicatorIds = ids('indicator');
  if (indicatorIds.length) {
    const rows = await db
      .select({ id: indicators.id, code: indicators.code, name: indicators.name })
      .from(indicators)
      .where(inArray(indicators.id, indicatorIds));
    for (const r of rows) out.set(`indicator:${r.id}`, `Chỉ tiêu: ${r.code} – ${r.name}`);
  }
  return out;
}

/** The evidence with labels; a link the reader cannot see (or that was deleted) says so. */
export function labelled(refs: EvidenceRef[], labels: Map<string, string>) {
  return refs.map((e) => ({
    type: e.type,
    id: e.id,
    label: labels.get(key(e)) ?? `${TYPE_LABEL[e.type]} #${e.id} (không xem được hoặc đã bị xóa)`,
  }));
}

/**
 * 400 naming `evidence[i]` for each new link that does not exist or that the actor cannot see.
 * Links already on the award (`linked`) are kept as they are: a party leader who decides need
 * not see every task the proposer cited.
 */
export async function assertEvidence(
  db: Queryable,
  actor: Actor,
  refs: EvidenceRef[],
  linked: EvidenceRef[] = [],
) {
  const kept = new Set(linked.map(key));
  const labels = await evidenceLabels(
    db,
    actor,
    refs.filter((e) => !kept.has(key(e))),
  );
  const fields = refs.flatMap((e, i) =>
    kept.has(key(e)) || labels.has(key(e))
      ? []
      : [
          {
            path: `evidence[${i}]`,
            message: `Không tìm thấy ${TYPE_LABEL[e.type].toLowerCase()} số ${e.id} trong phạm vi bạn được xem.`,
          },
        ],
  );
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
  const seen = new Set<string>();
  return refs.filter((e) => (seen.has(key(e)) ? false : seen.add(key(e))));
}

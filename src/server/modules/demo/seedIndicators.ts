import { and, eq, inArray } from 'drizzle-orm';
import { deadlineOf, parsePeriod } from '../../../contracts/periods.ts';
import { searchIndexText } from '../../../contracts/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import {
  agreements,
  indicatorLinks,
  indicatorRules,
  indicators,
  indicatorTargets,
  reportEvents,
  reportFormIndicators,
  reportForms,
  reportFormUnits,
  reports,
  reportValues,
  sections,
  tasks,
  users,
} from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { unitPathAt } from '../reports/service.ts';
import { refreshValueYears } from '../rollup/store.ts';
import { DEMO_AGREEMENTS } from './agreements.ts';
import {
  DEMO_FORMS,
  DEMO_INDICATOR_RULES,
  DEMO_INDICATORS,
  DEMO_LINKS,
  type DemoReport,
  SEED_001_REPORT,
  SEED_TARGETS,
  sampleReports,
  sampleTargets,
} from './indicators.ts';

/**
 * Enters the indicator catalogue of the seeds, its links to the seed programs, the targets,
 * the Lào Cai report forms, seed 001's approved 2023 annual report and the generated 2024
 * sample reports — rows written directly, in one transaction, after seedAgreements. Each
 * approved report's yearly roll-up rows are refreshed as the approval service would.
 * Runs once: when the catalogue already holds the demo codes it writes nothing.
 */
export async function seedIndicators(db: Db, unitIds: ReadonlyMap<string, number>) {
  const unit = (key: string) => {
    const id = unitIds.get(key);
    if (id === undefined) throw new Error(`demo unit ${key} missing`);
    return id;
  };
  return db.transaction(async (tx) => {
    const codes = DEMO_INDICATORS.map((i) => i.code);
    const existing = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(inArray(indicators.code, codes))
      .limit(1);
    if (existing.length) return { skipped: true, indicators: 0, reports: 0 };

    // Catalogue and cross-field rules.
    const inserted = await tx
      .insert(indicators)
      .values(
        DEMO_INDICATORS.map((i) => ({
          code: i.code,
          name: i.name,
          uom: i.uom,
          valueType: i.valueType,
          aggUnits: i.aggUnits,
          aggTime: i.aggTime,
          dedupByLocation: i.dedupByLocation ?? false,
          minValue: i.minValue ?? null,
          description: i.description,
          exchangeSource: i.exchangeSource ?? null,
          searchText: searchIndexText(i.code, i.name, i.uom),
        })),
      )
      .returning({ id: indicators.id, code: indicators.code });
    const indicatorIds = new Map(inserted.map((r) => [r.code, r.id]));
    const indicator = (code: string) => {
      const id = indicatorIds.get(code);
      if (id === undefined) throw new Error(`demo indicator ${code} missing`);
      return id;
    };
    await tx.insert(indicatorRules).values(
      DEMO_INDICATOR_RULES.map((r) => ({
        indicatorId: indicator(r.code),
        op: r.op,
        otherIndicatorId: indicator(r.other),
        message: r.message,
      })),
    );

    // The seed agreements (seedAgreements just wrote them; subjects are unique per owner).
    const agreementIds = new Map<string, number>();
    for (const a of DEMO_AGREEMENTS) {
      const [row] = await tx
        .select({ id: agreements.id })
        .from(agreements)
        .where(and(eq(agreements.subject, a.subject), eq(agreements.ownerUnitId, unit(a.owner))));
      if (!row) throw new Error(`demo agreement ${a.key} missing`);
      agreementIds.set(a.key, row.id);
    }
    const agreement = (key: string) => agreementIds.get(key)!;
    const ids = [...agreementIds.values()];
    const taskRows = await tx
      .select({ id: tasks.id, agreementId: tasks.agreementId, title: tasks.title })
      .from(tasks)
      .where(inArray(tasks.agreementId, ids));
    const sectionRows = await tx
      .select({ id: sections.id, agreementId: sections.agreementId, title: sections.title })
      .from(sections)
      .where(inArray(sections.agreementId, ids));
    const one = <T extends { title: string; agreementId: number }>(
      rows: T[],
      key: string,
      prefix: string,
    ) => {
      const found = rows.filter((r) => r.agreementId === agreement(key) && r.title.startsWith(prefix));
      if (found.length !== 1) throw new Error(`demo link: ${found.length} matches for "${prefix}" in ${key}`);
      return found[0]!;
    };
    await tx.insert(indicatorLinks).values(
      DEMO_LINKS.flatMap((l) => {
        const taskId = l.task ? one(taskRows, l.agreement, l.task).id : null;
        const sectionId = l.section ? one(sectionRows, l.agreement, l.section).id : null;
        return l.codes.map((code) => ({
          indicatorId: indicator(code),
          agreementId: agreement(l.agreement),
          sectionId,
          taskId,
        }));
      }),
    );
    await tx.insert(indicatorTargets).values(
      [...SEED_TARGETS, ...sampleTargets()].map((t) => ({
        indicatorId: indicator(t.code),
        agreementId: agreement(t.agreement),
        unitId: unit(t.unit),
        year: t.year,
        value: t.value,
      })),
    );

    // Demo accounts by username (actors of the forms and report histories).
    const userRows = await tx.select({ id: users.id, username: users.username }).from(users);
    const userIds = new Map(userRows.map((u) => [u.username, u.id]));
    const user = (name: string | null) => {
      if (name === null) return null;
      const id = userIds.get(name);
      if (id === undefined) throw new Error(`demo user ${name} missing`);
      return id;
    };

    const forms = new Map<string, typeof reportForms.$inferSelect>();
    for (const f of DEMO_FORMS) {
      const [row] = await tx
        .insert(reportForms)
        .values({
          agreementId: agreement(f.agreement),
          name: f.name,
          frequency: f.frequency,
          deadlineDay: f.deadlineDay,
          deadlineMonthOffset: f.deadlineMonthOffset,
          narrativeSections: f.narrativeSections,
          approvalChain: f.approvalChain.map(unit),
          allowSelfApproval: f.allowSelfApproval,
          createdById: user(f.createdBy),
        })
        .returning();
      forms.set(f.key, row!);
      await tx.insert(reportFormIndicators).values(
        f.indicators.map((i, position) => ({
          formId: row!.id,
          indicatorId: indicator(i.code),
          position,
          required: i.required,
        })),
      );
      await tx.insert(reportFormUnits).values(f.units.map((u) => ({ formId: row!.id, unitId: unit(u) })));
    }

    // Report paths are the tree at the period's end, as the reports service computes them.
    const reportList = [SEED_001_REPORT, ...sampleReports(todayInVietnam())];
    for (const r of reportList) await writeReport(tx, r, forms.get(r.form)!, unit, user, indicator);
    return { skipped: false, indicators: inserted.length, reports: reportList.length };
  });
}

async function writeReport(
  tx: Tx,
  r: DemoReport,
  form: typeof reportForms.$inferSelect,
  unit: (key: string) => number,
  user: (name: string | null) => number | null,
  indicator: (code: string) => number,
) {
  const period = parsePeriod(r.period);
  if (!period) throw new Error(`demo report: bad period ${r.period}`);
  const unitId = unit(r.unit);
  const lastOf = (action: string) => r.events.filter((e) => e.action === action).at(-1);
  const submit = lastOf('submit');
  const approve = lastOf('approve');
  const first = r.events[0];
  const last = r.events.at(-1);
  const values = r.values.map((v) => ({
    indicatorId: indicator(v.code),
    category: '',
    location: '',
    value: v.value,
  }));
  const [row] = await tx
    .insert(reports)
    .values({
      formId: form.id,
      agreementId: form.agreementId,
      unitId,
      unitPath: await unitPathAt(tx, unitId, period.end),
      periodKind: period.kind,
      periodKey: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      year: period.year,
      dueDate: deadlineOf(period.key, { day: form.deadlineDay, monthOffset: form.deadlineMonthOffset })!,
      status: r.status,
      approvalStep: r.status === 'approved' ? form.approvalChain.length : 0,
      narrative: r.narrative,
      sample: r.sample,
      submittedAt: submit ? new Date(submit.at) : null,
      submittedById: submit ? user(submit.by) : null,
      approvedAt: approve ? new Date(approve.at) : null,
      version: Math.max(1, r.events.length),
      createdAt: first ? new Date(first.at) : undefined,
      updatedAt: last ? new Date(last.at) : undefined,
    })
    .returning({ id: reports.id });
  const reportId = row!.id;
  if (values.length) await tx.insert(reportValues).values(values.map((v) => ({ reportId, ...v })));
  if (r.events.length) {
    // Saves and submissions carry the values and narrative as they stood (no later edit here).
    // `step` as the reports service writes it: the chain position the decision was taken at.
    const snapshot = { values, narrative: r.narrative };
    let step = 0;
    await tx.insert(reportEvents).values(
      r.events.map((e) => {
        const at = e.action === 'submit' ? 0 : step;
        if (e.action === 'approve') step += 1;
        if (e.action === 'return' || e.action === 'submit') step = 0;
        return {
          reportId,
          action: e.action,
          step: at,
          actorUserId: user(e.by),
          actorUnitId: unit(e.unit),
          comment: e.comment ?? null,
          snapshot: e.action === 'save' || e.action === 'submit' ? snapshot : null,
          createdAt: new Date(e.at),
        };
      }),
    );
  }
  if (r.status === 'approved') await refreshValueYears(tx, reportId);
}

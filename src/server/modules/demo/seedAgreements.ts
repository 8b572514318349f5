import { inArray } from 'drizzle-orm';
import { searchIndexText } from '../../../contracts/text.ts';
import type { Db } from '../../db/client.ts';
import {
  agreementLegalBases,
  agreementParties,
  agreements,
  agreementVersions,
  legalDocuments,
  sections,
  taskOccurrences,
  tasks,
  taskUnits,
  units,
} from '../../db/schema/index.ts';
import { agreementSearchText } from '../agreements/list.ts';
import { normalizeDocNumber } from '../legal/number.ts';
import { legalDocumentSearchText } from '../legal/service.ts';
import { resolveTimeframe, timeframeOccurrences } from '../tasks/timeframes.ts';
import { DEMO_AGREEMENTS, DEMO_LEGAL_DOCUMENTS } from './agreements.ts';

/**
 * Enters the five seed programs: legal bases, agreements with parties and signatories,
 * sections and tasks with their lead, cooperating and implementing units, in one
 * transaction. `unitIds` maps the demo unit keys to the ids just created.
 */
export async function seedAgreements(db: Db, unitIds: ReadonlyMap<string, number>) {
  const unit = (key: string) => {
    const id = unitIds.get(key);
    if (id === undefined) throw new Error(`demo unit ${key} missing`);
    return id;
  };
  await db.transaction(async (tx) => {
    const docIds = new Map<string, number>();
    for (const d of DEMO_LEGAL_DOCUMENTS) {
      const { number, key } = normalizeDocNumber(d.number);
      const [row] = await tx
        .insert(legalDocuments)
        .values({
          docType: d.docType,
          number,
          numberKey: key,
          issuer: d.issuer,
          issuedOn: d.issuedOn,
          subject: d.subject,
          searchText: legalDocumentSearchText({ ...d, number }),
        })
        .returning({ id: legalDocuments.id });
      docIds.set(d.key, row!.id);
    }

    const agreementIds = new Map<string, number>();
    for (const a of DEMO_AGREEMENTS) {
      const partyNames = (
        await tx
          .select({ name: units.name })
          .from(units)
          .where(
            inArray(
              units.id,
              a.parties.map((p) => unit(p.unit)),
            ),
          )
      ).map((u) => u.name);
      const [row] = await tx
        .insert(agreements)
        .values({
          kind: a.kind,
          programId: a.program ? agreementIds.get(a.program)! : null,
          subject: a.subject,
          status: a.status,
          signedOn: a.signedOn ?? null,
          signedPlace: a.signedPlace ?? null,
          validFrom: a.validFrom ?? null,
          validTo: a.validTo ?? null,
          year: a.year ?? null,
          purpose: a.purpose ?? null,
          ownerUnitId: unit(a.owner),
          searchText: agreementSearchText(a.subject, null, partyNames),
        })
        .returning({ id: agreements.id });
      const agreementId = row!.id;
      agreementIds.set(a.key, agreementId);
      await tx.insert(agreementParties).values(
        a.parties.map((p, position) => ({
          agreementId,
          unitId: unit(p.unit),
          position,
          signatoryName: p.signatoryName ?? null,
          signatoryTitle: p.signatoryTitle ?? null,
        })),
      );
      if (a.legalBases?.length) {
        await tx
          .insert(agreementLegalBases)
          .values(
            a.legalBases.map((k, position) => ({ agreementId, legalDocumentId: docIds.get(k)!, position })),
          );
      }
      await tx.insert(agreementVersions).values({
        agreementId,
        number: 1,
        kind: 'draft',
        subject: a.subject,
        purpose: a.purpose ?? null,
        note: `Nhập từ bài báo (tệp hạt giống ${a.source})`,
      });
      for (const [si, s] of (a.sections ?? []).entries()) {
        const [section] = await tx
          .insert(sections)
          .values({ agreementId, position: si + 1, title: s.title })
          .returning({ id: sections.id });
        for (const [ti, t] of s.tasks.entries()) {
          const { startDate, dueDate } = resolveTimeframe(t.timeframe);
          const [task] = await tx
            .insert(tasks)
            .values({
              agreementId,
              sectionId: section!.id,
              position: ti + 1,
              title: t.title,
              description: t.description ?? null,
              timeframeKind: t.timeframe.kind,
              recurrence: t.timeframe.kind === 'recurring' ? t.timeframe.recurrence : null,
              startDate,
              dueDate,
              status: t.status ?? 'not_started',
              progress: t.progress ?? 0,
              completedOn: t.status === 'done' ? dueDate : null,
              searchText: searchIndexText(t.title, t.description),
            })
            .returning({ id: tasks.id });
          const taskId = task!.id;
          await tx.insert(taskUnits).values([
            { taskId, unitId: unit(t.lead), role: 'lead' as const },
            ...(t.cooperating ?? []).map((k) => ({
              taskId,
              unitId: unit(k),
              role: 'cooperating' as const,
            })),
            ...(t.implementing ?? []).map((k) => ({
              taskId,
              unitId: unit(k),
              role: 'implementing' as const,
            })),
          ]);
          const occurrences = timeframeOccurrences(t.timeframe);
          if (occurrences.length)
            await tx.insert(taskOccurrences).values(occurrences.map((o) => ({ taskId, ...o })));
        }
      }
    }
  });
  return { agreements: DEMO_AGREEMENTS.length, legalDocuments: DEMO_LEGAL_DOCUMENTS.length };
}

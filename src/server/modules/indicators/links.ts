import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { indicatorLinkInput } from '../../../contracts/indicators.ts';
import type { Db, Queryable } from '../../db/client.ts';
import { indicatorLinks, indicators, sections, tasks } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { loadAgreement } from '../agreements/load.ts';
import { agreementVisible } from '../agreements/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshExchangeIndicatorYears } from '../rollup/store.ts';
import { loadIndicator, presentIndicators } from './service.ts';

// Which agreements (and which of their sections or tasks) an indicator measures. Linking is
// part of planning the agreement: the agreement must be visible (404) and the actor needs its
// manageTasks ability (403), the same as for adding sections and tasks.

type LinkRow = typeof indicatorLinks.$inferSelect;

const presentLink = (r: LinkRow) => ({
  id: r.id,
  indicatorId: r.indicatorId,
  agreementId: r.agreementId,
  sectionId: r.sectionId,
  taskId: r.taskId,
});

/** The indicator's links to agreements the actor can see. */
export async function listLinks(db: Db, actor: Actor, indicatorId: number) {
  await loadIndicator(db, indicatorId);
  const rows = await db
    .select()
    .from(indicatorLinks)
    .where(
      and(eq(indicatorLinks.indicatorId, indicatorId), agreementVisible(actor, indicatorLinks.agreementId)),
    )
    .orderBy(asc(indicatorLinks.agreementId), asc(indicatorLinks.id));
  return rows.map(presentLink);
}

async function writableAgreement(db: Queryable, actor: Actor, agreementId: number) {
  const a = await loadAgreement(db, actor, agreementId);
  if (!a.abilities.manageTasks) throw forbidden();
  return a;
}

/** Links an indicator; the same link twice returns the existing one (`created: false`). */
export async function createLink(
  db: Db,
  actor: Actor,
  indicatorId: number,
  body: z.infer<typeof indicatorLinkInput>,
) {
  return db.transaction(async (tx) => {
    const indicator = await loadIndicator(tx, indicatorId);
    const a = await writableAgreement(tx, actor, body.agreementId);
    if (!indicator.active) {
      throw invalidField(
        'indicatorId',
        `Chỉ tiêu ${indicator.code} đã ngừng sử dụng; hãy dùng lại chỉ tiêu trước khi gắn vào văn bản`,
      );
    }
    const sectionId = body.sectionId ?? null;
    const taskId = body.taskId ?? null;
    if (sectionId !== null) {
      const [s] = await tx
        .select({ id: sections.id })
        .from(sections)
        .where(and(eq(sections.id, sectionId), eq(sections.agreementId, a.row.id)));
      if (!s) throw invalidField('sectionId', 'Nội dung phối hợp không thuộc văn bản đã chọn');
    }
    if (taskId !== null) {
      const [t] = await tx
        .select({ id: tasks.id, sectionId: tasks.sectionId })
        .from(tasks)
        .where(and(eq(tasks.id, taskId), eq(tasks.agreementId, a.row.id)));
      if (!t) throw invalidField('taskId', 'Nhiệm vụ không thuộc văn bản đã chọn');
      if (sectionId !== null && t.sectionId !== sectionId) {
        throw invalidField('taskId', 'Nhiệm vụ không thuộc nội dung phối hợp đã chọn');
      }
    }
    const [existing] = await tx
      .select()
      .from(indicatorLinks)
      .where(
        and(
          eq(indicatorLinks.indicatorId, indicatorId),
          eq(indicatorLinks.agreementId, a.row.id),
          sectionId === null ? isNull(indicatorLinks.sectionId) : eq(indicatorLinks.sectionId, sectionId),
          taskId === null ? isNull(indicatorLinks.taskId) : eq(indicatorLinks.taskId, taskId),
        ),
      );
    if (existing) return { link: presentLink(existing), created: false };
    const [row] = await tx
      .insert(indicatorLinks)
      .values({ indicatorId, agreementId: a.row.id, sectionId, taskId })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    // An indicator counted from the exchange starts counting the agreement's bulletins.
    if (indicator.exchangeSource) await refreshExchangeIndicatorYears(tx, indicatorId, a.row.id);
    await recordAudit(tx, {
      action: 'indicator_link.create',
      entityType: 'indicator_link',
      entityId: row.id,
      scopeUnitId: a.row.ownerUnitId,
      after: { ...row, indicatorCode: indicator.code },
    });
    return { link: presentLink(row), created: true };
  });
}

export async function deleteLink(db: Db, actor: Actor, linkId: number) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(indicatorLinks).where(eq(indicatorLinks.id, linkId));
    if (!row) throw notFound();
    const a = await writableAgreement(tx, actor, row.agreementId);
    await tx.delete(indicatorLinks).where(eq(indicatorLinks.id, linkId));
    // The agreement's bulletins no longer count for it (when no other link of it remains).
    const indicator = await loadIndicator(tx, row.indicatorId);
    if (indicator.exchangeSource) await refreshExchangeIndicatorYears(tx, row.indicatorId, row.agreementId);
    await recordAudit(tx, {
      action: 'indicator_link.delete',
      entityType: 'indicator_link',
      entityId: linkId,
      scopeUnitId: a.row.ownerUnitId,
      before: row,
    });
  });
}

/** The indicators linked to a visible agreement, each with its link rows, by code. */
export async function agreementIndicators(db: Db, actor: Actor, agreementId: number) {
  await loadAgreement(db, actor, agreementId);
  const links = await db
    .select()
    .from(indicatorLinks)
    .where(eq(indicatorLinks.agreementId, agreementId))
    .orderBy(asc(indicatorLinks.id));
  const ids = [...new Set(links.map((l) => l.indicatorId))];
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(indicators)
    .where(inArray(indicators.id, ids))
    .orderBy(asc(indicators.code), asc(indicators.id));
  const presented = await presentIndicators(db, rows, actor);
  return presented.map((i) => ({
    ...i,
    links: links.filter((l) => l.indicatorId === i.id).map(presentLink),
  }));
}

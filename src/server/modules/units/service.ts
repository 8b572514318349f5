import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { searchIndexText, searchTokens } from '../../../contracts/text.ts';
import type {
  unitCloseBody,
  unitCreateBody,
  unitListQuery,
  unitMoveBody,
  unitUpdateBody,
} from '../../../contracts/units.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  agreementParties,
  agreements,
  grants,
  taskUnits,
  unitParentHistory,
  unitSuccessors,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { scopePatterns } from '../access/scope.ts';
import { refreshAgreementSearchTextForUnit } from '../agreements/list.ts';
import { recordAudit } from '../audit/service.ts';
import { refreshAwardSearchTextForUnit } from '../awards/search.ts';
import { refreshMeetingSearchTextForUnit } from '../meetings/search.ts';
import { unitDirectory } from './directory.ts';
import { canCreateRootUnit, canReadUnit, unitAbilities } from './policy.ts';

type UnitRow = typeof units.$inferSelect;

// Drizzle leaves single-table column references unqualified, which inside this subquery
// would bind to the inner alias; the outer table is therefore named explicitly.
function present(actor: Actor, row: UnitRow & { childCount: number }) {
  const { path: _path, searchText: _s, ...rest } = row;
  return {
    ...rest,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: unitAbilities(actor, row),
  };
}

/** Loads a unit the actor may see; a unit outside the actor's scope is "not found". */
async function loadVisible(db: Queryable, actor: Actor, id: number): Promise<UnitRow> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  if (!row || !canReadUnit(actor, row)) throw notFound();
  return row;
}

async function withChildCount(db: Db, id: number) {
  const unit = (await unitDirectory(db)).find((u) => u.id === id);
  if (!unit) throw notFound();
  return unit;
}

export async function listUnits(db: Db, actor: Actor, q: z.infer<typeof unitListQuery>) {
  const scope = scopePatterns(actor);
  const prefixes = scope.paths.map((p) => p.slice(0, -1));
  const tokens = searchTokens(q.q ?? '');
  // Same rules as the SQL filters elsewhere, applied to the in-memory directory.
  const matches = (await unitDirectory(db)).filter(
    (u) =>
      (scope.all || prefixes.some((p) => u.path.startsWith(p))) &&
      tokens.every((t) => u.searchText.includes(t)) &&
      (q.parentId === undefined || u.parentId === q.parentId) &&
      (q.kind === undefined || u.kind === q.kind) &&
      (q.status === 'all' || (q.status === 'active') === (u.validTo === null)),
  );
  return {
    total: matches.length,
    items: matches.slice(q.offset, q.offset + q.limit).map((u) => present(actor, u)),
  };
}

/** Every visible unit, compactly, for drawing the tree in one request. */
/**
 * Every unit still in operation, by name — the directory people pick partner agencies from
 * when they name the parties of an agreement or the units of a task. Agency names are
 * public; nothing else of a unit outside the actor's scope is shown.
 */
export async function unitDirectoryList(db: Db) {
  const today = todayInVietnam();
  return (await unitDirectory(db))
    .filter((u) => u.validTo === null || u.validTo >= today)
    .map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, provinceName: u.provinceName }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export async function unitTree(db: Db, actor: Actor) {
  const visible = (await unitDirectory(db)).filter((u) => canReadUnit(actor, u));
  const ids = new Set(visible.map((u) => u.id));
  // A unit whose parent the actor cannot see is drawn as a root of the actor's forest.
  return visible
    .map((u) => ({
      id: u.id,
      parentId: u.parentId !== null && ids.has(u.parentId) ? u.parentId : null,
      name: u.name,
      shortName: u.shortName,
      kind: u.kind,
      validTo: u.validTo,
      depth: u.depth,
    }))
    .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'vi'))
    .map(({ depth: _depth, ...node }) => node);
}

export async function getUnit(db: Db, actor: Actor, id: number) {
  const row = await loadVisible(db, actor, id);
  const ancestorIds = row.path.split('/').filter(Boolean).map(Number).slice(0, -1);
  const ref = { id: units.id, name: units.name, shortName: units.shortName };
  const [ancestors, successors, predecessors, history, full] = await Promise.all([
    ancestorIds.length
      ? db
          .select({ ...ref, depth: units.depth })
          .from(units)
          .where(inArray(units.id, ancestorIds))
      : [],
    db
      .select(ref)
      .from(unitSuccessors)
      .innerJoin(units, eq(units.id, unitSuccessors.successorId))
      .where(eq(unitSuccessors.unitId, id)),
    db
      .select(ref)
      .from(unitSuccessors)
      .innerJoin(units, eq(units.id, unitSuccessors.unitId))
      .where(eq(unitSuccessors.successorId, id)),
    db
      .select({
        parentId: unitParentHistory.parentId,
        name: units.name,
        shortName: units.shortName,
        validFrom: unitParentHistory.validFrom,
        validTo: unitParentHistory.validTo,
      })
      .from(unitParentHistory)
      .leftJoin(units, eq(units.id, unitParentHistory.parentId))
      .where(eq(unitParentHistory.unitId, id))
      .orderBy(asc(unitParentHistory.id)),
    withChildCount(db, id),
  ]);
  return {
    ...present(actor, full),
    ancestors: ancestors.sort((a, b) => a.depth - b.depth).map(({ depth: _d, ...a }) => a),
    successors,
    predecessors,
    history: history.map((h) => ({
      parent: h.parentId === null ? null : { id: h.parentId, name: h.name ?? '', shortName: h.shortName },
      validFrom: h.validFrom,
      validTo: h.validTo,
    })),
  };
}

export async function createUnit(db: Db, actor: Actor, body: z.infer<typeof unitCreateBody>) {
  return db.transaction(async (tx) => {
    let parent: UnitRow | null = null;
    if (body.parentId) {
      parent = await loadVisible(tx, actor, body.parentId).catch(() => {
        throw invalidField('parentId', 'Không tìm thấy đơn vị cấp trên trong phạm vi của bạn');
      });
      if (!unitAbilities(actor, parent).createChild) {
        if (parent.validTo !== null) throw new AppError('UNIT_CLOSED');
        throw forbidden();
      }
    } else if (!canCreateRootUnit(actor)) {
      throw forbidden();
    }
    const [inserted] = await tx
      .insert(units)
      .values({
        ...body,
        parentId: parent?.id ?? null,
        path: '/',
        depth: parent ? parent.depth + 1 : 0,
        searchText: searchIndexText(body.name, body.shortName),
      })
      .returning();
    if (!inserted) throw new AppError('INTERNAL');
    const [created] = await tx
      .update(units)
      .set({ path: `${parent?.path ?? '/'}${inserted.id}/` })
      .where(eq(units.id, inserted.id))
      .returning();
    await tx
      .insert(unitParentHistory)
      .values({ unitId: inserted.id, parentId: parent?.id ?? null, validFrom: body.validFrom ?? null });
    await recordAudit(tx, {
      action: 'unit.create',
      entityType: 'unit',
      entityId: inserted.id,
      scopeUnitId: inserted.id,
      after: created,
    });
    return inserted.id;
  });
}

/** Checks the version the client saw; a stale one means someone else saved in between. */
function assertVersion(row: { version: number }, version: number) {
  if (row.version !== version) throw conflict();
}

export async function updateUnit(db: Db, actor: Actor, id: number, body: z.infer<typeof unitUpdateBody>) {
  await db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id);
    if (!unitAbilities(actor, before).update) throw forbidden();
    assertVersion(before, body.version);
    const { version, ...changes } = body;
    const name = changes.name ?? before.name;
    const shortName = changes.shortName === undefined ? before.shortName : changes.shortName;
    const [after] = await tx
      .update(units)
      .set({
        ...changes,
        searchText: searchIndexText(name, shortName),
        version: version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(units.id, id), eq(units.version, version)))
      .returning();
    if (!after) throw conflict();
    // Agreements, meetings and awards keep the unit's names in their search text: refresh
    // those naming it.
    if (name !== before.name || shortName !== before.shortName) {
      await refreshMeetingSearchTextForUnit(tx, id);
      if (name !== before.name) {
        await refreshAwardSearchTextForUnit(tx, id);
        await refreshAgreementSearchTextForUnit(tx, id);
      }
    }
    await recordAudit(tx, {
      action: 'unit.update',
      entityType: 'unit',
      entityId: id,
      scopeUnitId: id,
      before,
      after,
    });
  });
}

export async function moveUnit(db: Db, actor: Actor, id: number, body: z.infer<typeof unitMoveBody>) {
  await db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id);
    if (!unitAbilities(actor, before).move) throw before.validTo ? new AppError('UNIT_CLOSED') : forbidden();
    assertVersion(before, body.version);
    let parent: UnitRow | null = null;
    if (body.parentId !== null) {
      parent = await loadVisible(tx, actor, body.parentId).catch(() => {
        throw invalidField('parentId', 'Không tìm thấy đơn vị cấp trên trong phạm vi của bạn');
      });
      if (parent.path.startsWith(before.path))
        throw new AppError('UNIT_CYCLE', {
          fields: [{ path: 'parentId', message: 'Đơn vị cấp trên mới nằm trong chính nhánh của đơn vị này' }],
        });
      if (!unitAbilities(actor, parent).createChild)
        throw parent.validTo ? new AppError('UNIT_CLOSED') : forbidden();
    } else if (!canCreateRootUnit(actor)) {
      throw forbidden();
    }
    if ((parent?.id ?? null) === before.parentId) return;
    const newPath = `${parent?.path ?? '/'}${id}/`;
    const depthDelta = (parent ? parent.depth + 1 : 0) - before.depth;
    // Re-root the whole subtree in one statement.
    await tx
      .update(units)
      .set({
        path: sql`${newPath} || substr(${units.path}, ${before.path.length + 1})`,
        depth: sql`${units.depth} + ${depthDelta}`,
      })
      .where(like(units.path, `${before.path}%`));
    const [after] = await tx
      .update(units)
      .set({ parentId: parent?.id ?? null, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(units.id, id), eq(units.version, body.version)))
      .returning();
    if (!after) throw conflict();
    const effective = body.effectiveDate ?? todayInVietnam();
    await tx
      .update(unitParentHistory)
      .set({ validTo: effective })
      .where(and(eq(unitParentHistory.unitId, id), isNull(unitParentHistory.validTo)));
    await tx
      .insert(unitParentHistory)
      .values({ unitId: id, parentId: parent?.id ?? null, validFrom: effective });
    await recordAudit(tx, {
      action: 'unit.move',
      entityType: 'unit',
      entityId: id,
      scopeUnitId: id,
      before: { parentId: before.parentId },
      after: { parentId: after.parentId, effectiveDate: effective },
    });
  });
}

export async function closeUnit(db: Db, actor: Actor, id: number, body: z.infer<typeof unitCloseBody>) {
  await db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id);
    if (!unitAbilities(actor, before).close) throw before.validTo ? new AppError('UNIT_CLOSED') : forbidden();
    assertVersion(before, body.version);
    if (before.validFrom && body.validTo < before.validFrom) {
      throw invalidField('validTo', 'Ngày giải thể/sáp nhập phải sau ngày bắt đầu hiệu lực');
    }
    const successorIds = [...new Set(body.successorIds)];
    if (successorIds.includes(id)) throw invalidField('successorIds', 'Đơn vị không thể kế thừa chính nó');
    if (successorIds.length) {
      const found = await tx
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(inArray(units.id, successorIds));
      const visible = found.filter((u) => canReadUnit(actor, u));
      if (visible.length !== successorIds.length) {
        throw invalidField('successorIds', 'Có đơn vị kế thừa không tồn tại hoặc nằm ngoài phạm vi của bạn');
      }
      await tx
        .insert(unitSuccessors)
        .values(successorIds.map((successorId) => ({ unitId: id, successorId })));
    }
    const [after] = await tx
      .update(units)
      .set({
        validTo: body.validTo,
        closedReason: body.reason ?? null,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(units.id, id), eq(units.version, body.version)))
      .returning();
    if (!after) throw conflict();
    await tx
      .update(unitParentHistory)
      .set({ validTo: body.validTo })
      .where(and(eq(unitParentHistory.unitId, id), isNull(unitParentHistory.validTo)));
    await recordAudit(tx, {
      action: 'unit.close',
      entityType: 'unit',
      entityId: id,
      scopeUnitId: id,
      before,
      after: { ...after, successorIds },
    });
  });
}

/** A unit that is a party to an agreement or named on a task stays: say where it is used. */
async function assertNotNamedInAgreements(tx: Queryable, id: number) {
  const [used] = await tx
    .select({
      agreements:
        sql<number>`(select count(*) from ${agreementParties} where ${agreementParties.unitId} = ${id})
        + (select count(*) from ${agreements} where ${agreements.ownerUnitId} = ${id})`.mapWith(Number),
      tasks:
        sql<number>`(select count(distinct ${taskUnits.taskId}) from ${taskUnits} where ${taskUnits.unitId} = ${id})`.mapWith(
          Number,
        ),
    })
    .from(sql`(select 1) as one`);
  if (!used || used.agreements + used.tasks === 0) return;
  const where = [
    used.agreements > 0 ? `là bên tham gia của ${used.agreements} văn bản phối hợp` : '',
    used.tasks > 0 ? `có tên trong ${used.tasks} nhiệm vụ` : '',
  ].filter(Boolean);
  throw new AppError('UNIT_IN_USE', {
    fields: [{ path: 'id', message: `Đơn vị ${where.join(' và ')}.` }],
  });
}

export async function deleteUnit(db: Db, actor: Actor, id: number, version: number) {
  await db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id);
    if (!unitAbilities(actor, before).delete) throw forbidden();
    assertVersion(before, version);
    const [children] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(units)
      .where(eq(units.parentId, id));
    if ((children?.n ?? 0) > 0) throw new AppError('UNIT_HAS_CHILDREN');
    const [members] = await tx
      .select({
        n: sql<number>`(select count(*) from ${users} where ${users.unitId} = ${id}) + (select count(*) from ${grants} where ${grants.unitId} = ${id})`,
      })
      .from(sql`(select 1) as one`);
    if (Number(members?.n ?? 0) > 0) throw new AppError('UNIT_HAS_USERS');
    const [successorLinks] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(unitSuccessors)
      .where(eq(unitSuccessors.successorId, id));
    if ((successorLinks?.n ?? 0) > 0) throw new AppError('UNIT_IN_USE');
    await assertNotNamedInAgreements(tx, id);
    await tx.delete(unitSuccessors).where(eq(unitSuccessors.unitId, id));
    await tx.delete(unitParentHistory).where(eq(unitParentHistory.unitId, id));
    // Later modules reference units with foreign keys: a unit still named anywhere fails
    // here (23503), which the error handler reports as "in use" after rolling back.
    await tx.delete(units).where(eq(units.id, id));
    await recordAudit(tx, {
      action: 'unit.delete',
      entityType: 'unit',
      entityId: id,
      scopeUnitId: before.parentId,
      before,
    });
  });
}

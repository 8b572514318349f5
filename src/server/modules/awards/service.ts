import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  awardInput,
  awardListQuery,
  awardSchema,
  awardUpdateBody,
} from '../../../contracts/meetings.ts';
import { searchTokens } from '../../../contracts/text.ts';
import type { Db, Queryable } from '../../db/client.ts';
import {
  agreementParties,
  agreements,
  awards,
  meetings,
  meetingUnits,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { agreementVisible } from '../agreements/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { assertEvidence, evidenceLabels, labelled } from './evidence.ts';
import { awardAbilities, awardVisible, canDecide, canPropose, meetingVisibleToActor } from './policy.ts';
import { awardSearchTextOf } from './search.ts';

type Row = typeof awards.$inferSelect;
export type AwardOut = z.infer<typeof awardSchema>;
type CreateBody = z.infer<typeof awardInput>;
type UpdateBody = z.infer<typeof awardUpdateBody>;
export type AwardListQuery = z.infer<typeof awardListQuery>;

const unitCols = { id: units.id, name: units.name, shortName: units.shortName, path: units.path };
type UnitRef = { id: number; name: string; shortName: string | null; path: string };

/**
 * Units by id. A save locks them (share) so a rename in flight finishes first and the search
 * text gets the new name, not the old one written after the rename refreshed the awards.
 */
async function unitsById(db: Queryable, ids: number[], lock = false) {
  const unique = [...new Set(ids)];
  const query = db.select(unitCols).from(units).where(inArray(units.id, unique)).orderBy(asc(units.id));
  const rows = unique.length ? await (lock ? query.for('share') : query) : [];
  return new Map<number, UnitRef>(rows.map((r) => [r.id, r]));
}

/** Paths of the parties of each agreement and of each meeting's host and attending units. */
async function partyPaths(db: Queryable, agreementIds: number[], meetingIds: number[]) {
  const byAgreement = new Map<number, string[]>();
  const byMeeting = new Map<number, string[]>();
  const push = (m: Map<number, string[]>, k: number, p: string) => m.set(k, [...(m.get(k) ?? []), p]);
  const aIds = [...new Set(agreementIds)];
  const mIds = [...new Set(meetingIds)];
  if (aIds.length) {
    const rows = await db
      .select({ id: agreementParties.agreementId, path: units.path })
      .from(agreementParties)
      .innerJoin(units, eq(units.id, agreementParties.unitId))
      .where(inArray(agreementParties.agreementId, aIds));
    for (const r of rows) push(byAgreement, r.id, r.path);
  }
  if (mIds.length) {
    const hosts = await db
      .select({ id: meetings.id, path: units.path })
      .from(meetings)
      .innerJoin(units, eq(units.id, meetings.hostUnitId))
      .where(inArray(meetings.id, mIds));
    for (const r of hosts) push(byMeeting, r.id, r.path);
    const attending = await db
      .select({ id: meetingUnits.meetingId, path: units.path })
      .from(meetingUnits)
      .innerJoin(units, eq(units.id, meetingUnits.unitId))
      .where(inArray(meetingUnits.meetingId, mIds));
    for (const r of attending) push(byMeeting, r.id, r.path);
  }
  return (agreementId: number | null, meetingId: number | null) => [
    ...(agreementId ? (byAgreement.get(agreementId) ?? []) : []),
    ...(meetingId ? (byMeeting.get(meetingId) ?? []) : []),
  ];
}

const unitOut = (u: UnitRef | undefined, id: number) =>
  u ? { id: u.id, name: u.name, shortName: u.shortName } : { id, name: `#${id}`, shortName: null };

/** Rows as the API shows them: units named, evidence labelled for this reader, abilities. */
export async function presentAwards(db: Queryable, actor: Actor, rows: Row[]): Promise<AwardOut[]> {
  const unitMap = await unitsById(
    db,
    rows.flatMap((r) => [r.unitId, ...(r.proposingUnitId ? [r.proposingUnitId] : [])]),
  );
  const labels = await evidenceLabels(
    db,
    actor,
    rows.flatMap((r) => r.evidence),
  );
  const parties = await partyPaths(
    db,
    rows.flatMap((r) => (r.agreementId ? [r.agreementId] : [])),
    rows.flatMap((r) => (r.meetingId ? [r.meetingId] : [])),
  );
  return rows.map((r) => {
    const proposer = r.proposingUnitId ? unitMap.get(r.proposingUnitId) : undefined;
    const abilities = awardAbilities(actor, {
      stage: r.stage,
      proposerPath: proposer?.path ?? null,
      partyPaths: parties(r.agreementId, r.meetingId),
    });
    return {
      id: r.id,
      stage: r.stage,
      recipientKind: r.recipientKind,
      unit: unitOut(unitMap.get(r.unitId), r.unitId),
      personName: r.personName,
      personTitle: r.personTitle,
      form: r.form,
      achievement: r.achievement,
      evidence: labelled(r.evidence, labels),
      agreementId: r.agreementId,
      meetingId: r.meetingId,
      proposingUnit: r.proposingUnitId ? unitOut(proposer, r.proposingUnitId) : null,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      decidingBody: r.decidingBody,
      year: r.year,
      version: r.version,
      abilities: { update: abilities.update, delete: abilities.delete },
    };
  });
}

/** A visible award's row (404 otherwise). */
async function loadAward(db: Queryable, actor: Actor, id: number): Promise<Row> {
  const [row] = await db
    .select()
    .from(awards)
    .where(and(eq(awards.id, id), awardVisible(actor)));
  if (!row) throw notFound();
  return row;
}

export async function getAward(db: Queryable, actor: Actor, id: number): Promise<AwardOut> {
  const [out] = await presentAwards(db, actor, [await loadAward(db, actor, id)]);
  return out!;
}

/** The list's conditions: visibility, filters, diacritic-free search over the search text. */
function listConditions(actor: Actor, q: Omit<AwardListQuery, 'limit' | 'offset'>): SQL | undefined {
  const conds: SQL[] = [awardVisible(actor)];
  if (q.year) conds.push(eq(awards.year, q.year));
  if (q.stage) conds.push(eq(awards.stage, q.stage));
  if (q.recipientKind) conds.push(eq(awards.recipientKind, q.recipientKind));
  if (q.agreementId) conds.push(eq(awards.agreementId, q.agreementId));
  if (q.meetingId) conds.push(eq(awards.meetingId, q.meetingId));
  // A unit and everything under it (a command's awards include its border posts').
  if (q.unitId) {
    conds.push(sql`${awards.unitId} in (select su.id from ${units} su where su.path like
      (select fu.path from ${units} fu where fu.id = ${q.unitId}) || '%')`);
  }
  for (const token of searchTokens(q.q ?? '')) conds.push(sql`${awards.searchText} like ${`%${token}%`}`);
  return and(...conds);
}

/**
 * Register order: newest year first, then by form, collectives before individuals, then in the
 * order they were entered — the order of the commendation list (danh sách).
 */
const ORDER = [desc(awards.year), asc(awards.form), asc(awards.recipientKind), asc(awards.id)];

export async function listAwardRows(db: Queryable, actor: Actor, q: AwardListQuery) {
  const where = listConditions(actor, q);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(awards).where(where);
  const rows = await db
    .select()
    .from(awards)
    .where(where)
    .orderBy(...ORDER)
    .limit(q.limit)
    .offset(q.offset);
  return { total: counted?.total ?? 0, rows };
}

export async function listAwards(db: Queryable, actor: Actor, q: AwardListQuery) {
  const { total, rows } = await listAwardRows(db, actor, q);
  return { total, items: await presentAwards(db, actor, rows) };
}

/** Every matching award (exports and the commendation list), bounded. */
export async function allAwards(db: Queryable, actor: Actor, q: Omit<AwardListQuery, 'limit' | 'offset'>) {
  const MAX = 20_000;
  const rows = await db
    .select()
    .from(awards)
    .where(listConditions(actor, q))
    .orderBy(...ORDER)
    .limit(MAX);
  return presentAwards(db, actor, rows);
}

type State = Omit<CreateBody, 'evidence'> & {
  evidence: Array<{ type: 'task' | 'report' | 'indicator'; id: number }>;
};

const DECISION_FIELDS = [
  ['decisionNumber', 'Số quyết định'],
  ['decisionDate', 'Ngày quyết định'],
  ['decidingBody', 'Cơ quan quyết định'],
] as const;

/**
 * Checks the merged state of an award and the actor's right to write it; returns the unit of
 * the recipient (for the search text) and the proposing unit's path.
 */
async function validate(tx: Queryable, actor: Actor, s: State, linked: State['evidence'] = []) {
  const fields: Array<{ path: string; message: string }> = [];
  if (s.recipientKind === 'individual' && !s.personName) {
    fields.push({ path: 'personName', message: 'Khen thưởng cá nhân cần họ và tên người được khen.' });
  }
  if (s.recipientKind === 'collective' && s.personName) {
    fields.push({
      path: 'personName',
      message: 'Khen thưởng tập thể không ghi họ và tên; chọn "Cá nhân" nếu khen một người.',
    });
  }
  if (s.stage === 'decision') {
    for (const [path, label] of DECISION_FIELDS) {
      if (!s[path]) fields.push({ path, message: `${label} là bắt buộc khi đã có quyết định khen thưởng.` });
    }
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });

  const unitMap = await unitsById(tx, [s.unitId, ...(s.proposingUnitId ? [s.proposingUnitId] : [])], true);
  const recipient = unitMap.get(s.unitId);
  if (!recipient) throw invalidField('unitId', 'Không tìm thấy đơn vị được khen thưởng.');
  if (!s.proposingUnitId) {
    throw invalidField(
      'proposingUnitId',
      'Chọn đơn vị đề nghị khen thưởng (tài khoản chưa gắn với đơn vị nào).',
    );
  }
  const proposer = unitMap.get(s.proposingUnitId);
  if (!proposer) throw invalidField('proposingUnitId', 'Không tìm thấy đơn vị đề nghị khen thưởng.');
  if (s.agreementId) {
    const [a] = await tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.id, s.agreementId), agreementVisible(actor, agreements.id)));
    if (!a) throw invalidField('agreementId', 'Không tìm thấy văn bản phối hợp trong phạm vi bạn được xem.');
  }
  if (s.meetingId) {
    const [m] = await tx
      .select({ agreementId: meetings.agreementId })
      .from(meetings)
      .where(and(eq(meetings.id, s.meetingId), meetingVisibleToActor(actor, meetings.id)));
    if (!m) throw invalidField('meetingId', 'Không tìm thấy hội nghị trong phạm vi bạn được xem.');
    if (s.agreementId && m.agreementId && m.agreementId !== s.agreementId) {
      throw invalidField('meetingId', 'Hội nghị này thuộc một văn bản phối hợp khác với văn bản đã chọn.');
    }
  }
  const evidence = await assertEvidence(tx, actor, s.evidence, linked);
  const parties = await partyPaths(
    tx,
    s.agreementId ? [s.agreementId] : [],
    s.meetingId ? [s.meetingId] : [],
  );
  const policy = {
    proposerPath: proposer.path,
    partyPaths: parties(s.agreementId ?? null, s.meetingId ?? null),
  };
  return { recipient, proposer, policy, evidence };
}

/** The meeting's agreement, when the award names a meeting but no agreement. */
async function withMeetingAgreement(tx: Queryable, s: State): Promise<State> {
  if (!s.meetingId || s.agreementId) return s;
  const [m] = await tx
    .select({ agreementId: meetings.agreementId })
    .from(meetings)
    .where(eq(meetings.id, s.meetingId));
  return { ...s, agreementId: m?.agreementId ?? null };
}

const columns = (s: State, unitName: string, evidence: State['evidence']) => ({
  stage: s.stage,
  recipientKind: s.recipientKind,
  unitId: s.unitId,
  personName: s.recipientKind === 'individual' ? (s.personName ?? null) : null,
  personTitle: s.recipientKind === 'individual' ? (s.personTitle ?? null) : null,
  form: s.form,
  achievement: s.achievement,
  evidence,
  agreementId: s.agreementId ?? null,
  meetingId: s.meetingId ?? null,
  proposingUnitId: s.proposingUnitId ?? null,
  decisionNumber: s.decisionNumber ?? null,
  decisionDate: s.decisionDate ?? null,
  decidingBody: s.decidingBody ?? null,
  year: s.year,
  searchText: awardSearchTextOf(s, unitName),
});

export async function createAward(db: Db, actor: Actor, body: CreateBody): Promise<AwardOut> {
  const id = await db.transaction(async (tx) => {
    const s = await withMeetingAgreement(tx, {
      ...body,
      proposingUnitId: body.proposingUnitId ?? actor.unitId,
    });
    const { recipient, policy, evidence } = await validate(tx, actor, s);
    const allowed =
      s.stage === 'decision' ? canDecide(actor, policy) : canPropose(actor, policy.proposerPath);
    if (!allowed) throw forbidden();
    const [row] = await tx
      .insert(awards)
      .values({ ...columns(s, recipient.name, evidence), createdById: actor.userId })
      .returning();
    await recordAudit(tx, {
      action: 'award.create',
      entityType: 'award',
      entityId: row!.id,
      scopeUnitId: row!.proposingUnitId,
      after: row,
    });
    return row!.id;
  });
  return getAward(db, actor, id);
}

export async function updateAward(db: Db, actor: Actor, id: number, body: UpdateBody): Promise<AwardOut> {
  await db.transaction(async (tx) => {
    const before = await loadAward(tx, actor, id);
    const [current] = await presentAwards(tx, actor, [before]);
    if (!current!.abilities.update) throw forbidden();
    if (before.version !== body.version) throw conflict();
    const { version, ...changes } = body;
    const merged: State = {
      stage: before.stage,
      recipientKind: before.recipientKind,
      unitId: before.unitId,
      personName: before.personName,
      personTitle: before.personTitle,
      form: before.form,
      achievement: before.achievement,
      evidence: before.evidence,
      agreementId: before.agreementId,
      meetingId: before.meetingId,
      proposingUnitId: before.proposingUnitId,
      decisionNumber: before.decisionNumber,
      decisionDate: before.decisionDate,
      decidingBody: before.decidingBody,
      year: before.year,
    };
    // Switching to a collective drops the person unless the body names one (then 400).
    if (changes.recipientKind === 'collective' && changes.personName === undefined) {
      merged.personName = null;
      merged.personTitle = null;
    }
    for (const [k, v] of Object.entries(changes))
      if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    const s = await withMeetingAgreement(tx, merged);
    const { recipient, policy, evidence } = await validate(tx, actor, s, before.evidence);
    // Deciding, or touching a decision, is a leader's act; a proposal stays the proposer's.
    const allowed =
      s.stage === 'decision' || before.stage === 'decision'
        ? canDecide(actor, policy)
        : canPropose(actor, policy.proposerPath) || canDecide(actor, policy);
    if (!allowed) throw forbidden();
    const [after] = await tx
      .update(awards)
      .set({
        ...columns(s, recipient.name, evidence),
        version: sql`${awards.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(awards.id, id), eq(awards.version, version)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, {
      action: s.stage === 'decision' && before.stage === 'proposal' ? 'award.decide' : 'award.update',
      entityType: 'award',
      entityId: id,
      scopeUnitId: after.proposingUnitId,
      before,
      after,
    });
  });
  return getAward(db, actor, id);
}

/** Deletes a proposal (its proposer's officers) or a decision (leaders who may decide only). */
export async function deleteAward(db: Db, actor: Actor, id: number, version: number) {
  await db.transaction(async (tx) => {
    const before = await loadAward(tx, actor, id);
    const [current] = await presentAwards(tx, actor, [before]);
    if (!current!.abilities.delete) throw forbidden();
    if (before.version !== version) throw conflict();
    const gone = await tx
      .delete(awards)
      .where(and(eq(awards.id, id), eq(awards.version, version)))
      .returning({ id: awards.id });
    if (!gone.length) throw conflict();
    await recordAudit(tx, {
      action: 'award.delete',
      entityType: 'award',
      entityId: id,
      scopeUnitId: before.proposingUnitId,
      before,
    });
  });
}

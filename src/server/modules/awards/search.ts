import { asc, eq, sql } from 'drizzle-orm';
import { searchIndexText } from '../../../contracts/text.ts';
import type { Queryable } from '../../db/client.ts';
import { awards, units } from '../../db/schema/index.ts';

/** What an award's search text is made of (its saved state carries at least this). */
export type AwardSearchSource = {
  personName?: string | null;
  personTitle?: string | null;
  form: string;
  achievement: string;
  decisionNumber?: string | null;
  decidingBody?: string | null;
};

/** What search finds an award by: the recipient unit's name, the person, form, achievement, decision. */
export const awardSearchTextOf = (s: AwardSearchSource, unitName: string) =>
  searchIndexText(
    unitName,
    s.personName,
    s.personTitle,
    s.form,
    s.achievement,
    s.decisionNumber,
    s.decidingBody,
  );

/**
 * After a unit was renamed (same transaction): rebuilds the search text of the awards to that
 * unit — and only those — with the builder a save uses, written in one statement. The awards
 * are locked first so an edit in flight finishes before its content is read; version and
 * updatedAt stay as they were (nobody edited the award).
 */
export async function refreshAwardSearchTextForUnit(tx: Queryable, unitId: number) {
  const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  if (!unit) return 0;
  const rows = await tx
    .select({
      id: awards.id,
      personName: awards.personName,
      personTitle: awards.personTitle,
      form: awards.form,
      achievement: awards.achievement,
      decisionNumber: awards.decisionNumber,
      decidingBody: awards.decidingBody,
    })
    .from(awards)
    .where(eq(awards.unitId, unitId))
    .orderBy(asc(awards.id))
    .for('update');
  if (rows.length === 0) return 0;
  const texts = rows.map((r) => ({ id: r.id, t: awardSearchTextOf(r, unit.name) }));
  await tx.execute(sql`update ${awards} set search_text = v.t
    from jsonb_to_recordset(${JSON.stringify(texts)}::jsonb) as v(id int, t text)
    where ${awards.id} = v.id`);
  return texts.length;
}

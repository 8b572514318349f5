import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { units } from '../../db/schema/index.ts';
import { invalidField } from '../../lib/errors.ts';

/** The units with these ids (each must exist, else a field error on `field`). */
export async function assertUnitsExist(tx: Queryable, field: string, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, ids));
  if (rows.length !== new Set(ids).size) throw invalidField(field, 'Đơn vị không tồn tại.');
  return rows;
}

/**
 * The lead rule (đơn vị chủ trì), shared by editing and reassigning: the lead must be one of
 * the agreement's parties; a unit outside the parties is accepted only when the client sends
 * `confirmDelegatedLead: true` AND the unit lies under a party (a border post under the
 * provincial command that signed). Anything else is a field error on `leadUnitId`.
 */
export async function assertLeadAllowed(
  tx: Queryable,
  parties: { unitId: number; path: string }[],
  leadUnitId: number,
  confirmDelegatedLead: boolean | undefined,
) {
  const [lead] = await assertUnitsExist(tx, 'leadUnitId', [leadUnitId]);
  if (!lead) throw invalidField('leadUnitId', 'Đơn vị chủ trì không tồn tại.');
  if (parties.some((p) => p.unitId === lead.id)) return lead;
  if (!parties.some((p) => lead.path.startsWith(p.path))) {
    throw invalidField(
      'leadUnitId',
      'Đơn vị chủ trì phải là một bên tham gia hoặc đơn vị trực thuộc một bên.',
    );
  }
  if (!confirmDelegatedLead) {
    throw invalidField(
      'leadUnitId',
      'Đơn vị chủ trì không phải là bên tham gia; hãy xác nhận giao cho đơn vị trực thuộc.',
    );
  }
  return lead;
}

/**
 * Exactly one lead: a lead also listed as cooperating or implementing is dropped from those
 * lists, and a unit listed both as cooperating and implementing stays cooperating.
 */
export function normaliseTaskUnits(leadId: number, cooperating: number[], implementing: number[]) {
  const coop = [...new Set(cooperating)].filter((id) => id !== leadId);
  const impl = [...new Set(implementing)].filter((id) => id !== leadId && !coop.includes(id));
  return { coop, impl };
}

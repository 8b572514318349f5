import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { auditListQuery } from '../../../contracts/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { auditLog, units } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { currentContext } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { pathInScope, systemRole } from '../access/scope.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  /** Unit whose subtree may read the entry (usually the unit the entity belongs to). */
  scopeUnitId?: number | null;
  before?: unknown;
  after?: unknown;
}

// Fields never written to the audit log, even hashed.
const SECRET_KEYS = new Set([
  'passwordHash',
  'totpSecret',
  'tokenHash',
  'csrfToken',
  'password',
  'searchText',
]);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_KEYS.has(k)) out[k] = redact(v);
    return out;
  }
  return value;
}

/**
 * Writes an audit row with the actor, acting unit, request id and IP of the current request.
 * Call it inside the transaction of the change, so both commit or neither does.
 */
export async function recordAudit(tx: Queryable, input: AuditInput): Promise<void> {
  const ctx = currentContext();
  await tx.insert(auditLog).values({
    actorUserId: ctx.actor?.userId ?? null,
    actorUsername: ctx.actor?.username ?? null,
    actingUnitId: ctx.actor?.unitId ?? null,
    scopeUnitId: input.scopeUnitId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    before: redact(input.before),
    after: redact(input.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}

export function mayReadAudit(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'admin' || g.role === 'leader');
}

export async function listAudit(db: Queryable, actor: Actor, q: z.infer<typeof auditListQuery>) {
  if (!mayReadAudit(actor)) throw new AppError('FORBIDDEN');
  const conds: SQL[] = [];
  // Rows about a unit are visible to leaders/admins of its subtree; system rows to system ones.
  const sys = systemRole(actor);
  if (!(sys === 'admin' || sys === 'leader')) {
    conds.push(
      sql`${auditLog.scopeUnitId} in (select ${units.id} from ${units} where ${pathInScope(actor, units.path, 'leader')})`,
    );
  }
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.actorId) conds.push(eq(auditLog.actorUserId, q.actorId));
  if (q.unitId) conds.push(eq(auditLog.scopeUnitId, q.unitId));
  if (q.from) conds.push(gte(auditLog.at, new Date(`${q.from}T00:00:00+07:00`)));
  if (q.to) conds.push(lt(auditLog.at, new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000)));
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorUserId === null ? null : { id: r.actorUserId, username: r.actorUsername ?? '' },
      actingUnitId: r.actingUnitId,
      scopeUnitId: r.scopeUnitId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: r.requestId,
      ip: r.ip,
    })),
  };
}

import { eq } from 'drizzle-orm';
import type { Role } from '../src/contracts/common.ts';
import { searchIndexText } from '../src/contracts/text.ts';
import type { UnitKind } from '../src/contracts/units.ts';
import type { Db } from '../src/server/db/client.ts';
import {
  agreementParties,
  agreements,
  grants,
  unitParentHistory,
  units,
  users,
} from '../src/server/db/schema/index.ts';
import { hashPassword } from '../src/server/modules/auth/password.ts';

export const TEST_PASSWORD = 'Mat-khau-thu-2026';
let passwordHash: Promise<string> | null = null;
let seq = 0;

/** Inserts a unit (and its path and history) directly: factories skip policies on purpose. */
export async function buildUnit(
  db: Db,
  over: {
    name?: string;
    kind?: UnitKind;
    parentId?: number | null;
    shortName?: string | null;
    provinceName?: string;
  } = {},
) {
  const name = over.name ?? `Đơn vị thử ${++seq}`;
  let parentPath = '/';
  let depth = 0;
  if (over.parentId) {
    const [p] = await db.select().from(units).where(eq(units.id, over.parentId));
    parentPath = p!.path;
    depth = p!.depth + 1;
  }
  const [row] = await db
    .insert(units)
    .values({
      name,
      kind: over.kind ?? 'other',
      shortName: over.shortName ?? null,
      parentId: over.parentId ?? null,
      provinceName: over.provinceName ?? null,
      path: '/',
      depth,
      searchText: searchIndexText(name, over.shortName),
    })
    .returning();
  const [unit] = await db
    .update(units)
    .set({ path: `${parentPath}${row!.id}/` })
    .where(eq(units.id, row!.id))
    .returning();
  await db.insert(unitParentHistory).values({ unitId: row!.id, parentId: over.parentId ?? null });
  return unit!;
}

/** Inserts a user with the given grants; the password is TEST_PASSWORD. */
export async function buildUser(
  db: Db,
  over: {
    username?: string;
    unitId?: number | null;
    grants?: Array<{ unitId: number | null; role: Role }>;
    mustChangePassword?: boolean;
  } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = over.username ?? `nguoidung${++seq}`;
  const [user] = await db
    .insert(users)
    .values({
      username,
      fullName: `Người dùng ${username}`,
      unitId: over.unitId ?? null,
      passwordHash: await passwordHash,
      mustChangePassword: over.mustChangePassword ?? false,
      searchText: searchIndexText(username),
    })
    .returning();
  if (over.grants?.length)
    await db.insert(grants).values(over.grants.map((g) => ({ ...g, userId: user!.id })));
  return user!;
}

/**
 * Inserts an agreement with its parties directly (the first party owns it unless `ownerUnitId`
 * says otherwise); defaults to a draft yearly plan for 2024.
 */
export async function buildAgreement(
  db: Db,
  over: Partial<typeof agreements.$inferInsert> & {
    parties: Array<number | { unitId: number; signatoryName?: string }>;
  },
) {
  const { parties, ...fields } = over;
  const partyRows = parties.map((p) => (typeof p === 'number' ? { unitId: p } : p));
  const subject = fields.subject ?? 'Kế hoạch phối hợp năm 2024';
  const [row] = await db
    .insert(agreements)
    .values({
      kind: 'plan',
      status: 'draft',
      year: fields.kind && fields.kind !== 'plan' ? null : 2024,
      ownerUnitId: partyRows[0]!.unitId,
      searchText: searchIndexText(subject),
      ...fields,
      subject,
    })
    .returning();
  await db
    .insert(agreementParties)
    .values(partyRows.map((p, position) => ({ agreementId: row!.id, position, ...p })));
  return row!;
}

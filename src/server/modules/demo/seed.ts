import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { searchIndexText } from '../../../contracts/text.ts';
import type { Db } from '../../db/client.ts';
import { grants, units, users } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { runWithContext } from '../../lib/context.ts';
import { hashPassword } from '../auth/password.ts';
import { closeUnit, createUnit } from '../units/service.ts';
import { seedAgreements } from './seedAgreements.ts';
import { seedIndicators } from './seedIndicators.ts';
import { seedMeetings } from './seedMeetings.ts';
import { DEMO_UNITS, DEMO_USERS } from './units.ts';

/** The seeder acts as a system-wide administrator; its audit rows carry no user. */
const SYSTEM: Actor = {
  userId: 0,
  username: 'system',
  unitId: null,
  grants: [{ unitId: null, path: null, role: 'admin' }],
};

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(units);
  return (row?.n ?? 0) === 0;
}

/** A readable random password that satisfies the strength rule. */
export function randomDemoPassword(): string {
  return `Demo-${randomBytes(6).toString('base64url')}-${Math.floor(10 + Math.random() * 89)}`;
}

/**
 * Seeds the units of the seed texts and one demo account per role, all sharing one
 * password. Runs inside the services, so paths, history and audit rows are real.
 */
export async function seedDemo(db: Db, password: string) {
  return runWithContext({ requestId: 'seed-demo', ip: null, locale: 'vi', actor: null }, async () => {
    const ids = new Map<string, number>();
    for (const u of DEMO_UNITS) {
      const id = await createUnit(db, SYSTEM, {
        kind: u.kind,
        name: u.name,
        shortName: u.shortName ?? null,
        parentId: u.parent ? ids.get(u.parent)! : null,
        provinceName: u.provinceName ?? null,
        provinceCode: u.provinceCode ?? null,
        communeName: u.communeName ?? null,
        validFrom: u.validFrom ?? null,
      });
      ids.set(u.key, id);
    }
    for (const u of DEMO_UNITS) {
      if (!u.validTo) continue;
      await closeUnit(db, SYSTEM, ids.get(u.key)!, {
        validTo: u.validTo,
        successorIds: (u.successors ?? []).map((k) => ids.get(k)!),
        reason: u.closedReason ?? null,
        version: 1,
      });
    }
    // One hash for all demo accounts: they share the password, and argon2 is slow on purpose.
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      for (const u of DEMO_USERS) {
        const [row] = await tx
          .insert(users)
          .values({
            username: u.username,
            fullName: u.fullName,
            title: u.title,
            unitId: u.unit ? ids.get(u.unit)! : null,
            passwordHash,
            searchText: searchIndexText(u.username, u.fullName, u.title),
          })
          .returning({ id: users.id });
        await tx.insert(grants).values(
          u.grants.map((g) => ({
            userId: row!.id,
            unitId: g.unit ? ids.get(g.unit)! : null,
            role: g.role,
          })),
        );
      }
    });
    await seedAgreements(db, ids);
    await seedIndicators(db, ids);
    await seedMeetings(db, ids);
    return { units: ids.size, users: DEMO_USERS.map((u) => u.username) };
  });
}

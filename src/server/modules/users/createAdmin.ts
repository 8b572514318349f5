import { eq } from 'drizzle-orm';
import { searchIndexText } from '../../../contracts/text.ts';
import { username as usernameSchema } from '../../../contracts/users.ts';
import type { Db } from '../../db/client.ts';
import { grants, users } from '../../db/schema/index.ts';
import { runWithContext } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { assertStrongPassword, hashPassword } from '../auth/password.ts';

/** Creates a system-wide administrator (command line; no session exists yet). */
export async function createAdmin(db: Db, input: { username: string; password: string; fullName?: string }) {
  const parsed = usernameSchema.safeParse(input.username);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'username', message: parsed.error.issues[0]?.message ?? '' }],
    });
  const username = parsed.data;
  assertStrongPassword(input.password, username);
  const passwordHash = await hashPassword(input.password);
  return runWithContext({ requestId: 'cli', ip: null, locale: 'vi', actor: null }, () =>
    db.transaction(async (tx) => {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (exists)
        throw new AppError('USERNAME_TAKEN', {
          fields: [{ path: 'username', message: 'Tên đăng nhập đã tồn tại' }],
        });
      const fullName = input.fullName ?? 'Quản trị hệ thống';
      const [row] = await tx
        .insert(users)
        .values({ username, fullName, passwordHash, searchText: searchIndexText(username, fullName) })
        .returning();
      await tx.insert(grants).values({ userId: row!.id, unitId: null, role: 'admin' });
      await recordAudit(tx, {
        action: 'user.create',
        entityType: 'user',
        entityId: row!.id,
        after: { ...row, grants: [{ unitId: null, role: 'admin' }] },
      });
      return row!.id;
    }),
  );
}

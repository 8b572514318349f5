import { z } from 'zod';
import { roleSchema } from './common.ts';
import { unitRef } from './units.ts';
import { password, username } from './users.ts';

export const loginBody = z.strictObject({
  username,
  password,
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'Mã gồm 6 chữ số' })
    .optional(),
});

export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword: password });
export const totpCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'Mã gồm 6 chữ số' }),
});
export const totpDisableBody = z.strictObject({ currentPassword: password });
export const localeBody = z.strictObject({ locale: z.enum(['vi', 'en']) });

export const TOKEN_SCOPES = ['read', 'write'] as const;
export const apiTokenCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(2),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

// What the UI needs to decide which menus and buttons to show.
export const globalAbilities = z.object({
  units: z.object({ read: z.boolean(), createRoot: z.boolean(), createAny: z.boolean() }),
  users: z.object({ read: z.boolean(), create: z.boolean() }),
  audit: z.object({ read: z.boolean() }),
});
export type GlobalAbilities = z.infer<typeof globalAbilities>;

export const meSchema = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    unit: unitRef.nullable(),
    locale: z.enum(['vi', 'en']),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(z.object({ unit: unitRef.nullable(), role: roleSchema })),
  abilities: globalAbilities,
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

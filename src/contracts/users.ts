import { z } from 'zod';
import { id, optionalText, pageQuery, roleSchema, text, version } from './common.ts';
import { unitRef } from './units.ts';

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9._-]+$/, { error: 'Chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới' });

export const password = z.string().min(1).max(200);

export const grantInput = z.strictObject({ unitId: id.nullable(), role: roleSchema });

export const userCreateBody = z.strictObject({
  username,
  fullName: text(200),
  title: optionalText(200),
  unitId: id.nullable(),
  email: z.email().max(200).nullable().optional(),
  phone: optionalText(40),
  password,
  grants: z.array(grantInput).max(50).default([]),
});

export const userUpdateBody = z.strictObject({
  fullName: text(200).optional(),
  title: optionalText(200),
  unitId: id.nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  phone: optionalText(40),
  disabled: z.boolean().optional(),
  version,
});

export const resetPasswordBody = z.strictObject({ newPassword: password });
export const userListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  unitId: id.optional(),
  ...pageQuery,
});

export const grantSchema = z.object({
  id: z.number(),
  unit: unitRef.nullable(),
  role: roleSchema,
});
export type Grant = z.infer<typeof grantSchema>;

export const userAbilities = z.object({
  update: z.boolean(),
  resetPassword: z.boolean(),
  manageGrants: z.boolean(),
  delete: z.boolean(),
});

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  unit: unitRef.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(grantSchema),
  version: z.number(),
  createdAt: z.string(),
  abilities: userAbilities,
});
export type User = z.infer<typeof userSchema>;

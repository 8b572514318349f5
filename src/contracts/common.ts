import { z } from 'zod';

// Strings in input are trimmed and bounded; ids are positive integers.
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const id = z.coerce.number().int().positive().max(2_147_483_647);
export const isoDate = z.iso.date();
export const version = z.number().int().positive();

export const idParams = z.strictObject({ id });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

export const okResponse = z.object({ ok: z.literal(true) });
/** A file download: the body is the file's bytes, described for OpenAPI only. */
export const fileResponse = z.unknown().describe('Nội dung tệp (nhị phân, không phải JSON)');

export const ROLES = ['admin', 'leader', 'officer', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

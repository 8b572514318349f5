import { z } from 'zod';
import { id, isoDate, optionalText, pageQuery, text, version } from './common.ts';

// Kinds of units seen in the seeds; the label lives in the web i18n files.
export const UNIT_KINDS = [
  'border_command', // Bộ Chỉ huy BĐBP tỉnh
  'border_post', // Đồn Biên phòng
  'party_committee', // Tỉnh ủy, Huyện ủy, Đảng ủy
  'party_board', // Ban Dân vận, Ban Tổ chức… of a Party committee
  'ethnic_affairs', // Ban Dân tộc / Sở Dân tộc và Tôn giáo / Phòng Dân tộc
  'peoples_committee', // UBND
  'military_unit', // Đoàn KT-QP, Bộ CHQS, Quân khu
  'department', // sở, phòng, ban chuyên môn
  'commune', // xã, phường, đặc khu (authority)
  'other',
] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

const provinceCode = z
  .string()
  .trim()
  .regex(/^\d{2}$/, { error: 'Mã tỉnh gồm 2 chữ số (Quyết định 19/2025/QĐ-TTg)' })
  .nullable()
  .optional();
const communeCode = z
  .string()
  .trim()
  .regex(/^\d{5}$/, { error: 'Mã xã gồm 5 chữ số (Quyết định 19/2025/QĐ-TTg)' })
  .nullable()
  .optional();

const unitFields = {
  kind: unitKindSchema,
  name: text(300),
  shortName: optionalText(60),
  provinceName: optionalText(100),
  provinceCode,
  communeName: optionalText(100),
  communeCode,
  address: optionalText(300),
  phone: optionalText(40),
  email: z.email().max(200).nullable().optional(),
  validFrom: isoDate.nullable().optional(),
};

export const unitCreateBody = z.strictObject({ ...unitFields, parentId: id.nullable().optional() });
export const unitUpdateBody = z.strictObject(unitFields).partial().extend({ version });
export const unitMoveBody = z.strictObject({
  parentId: id.nullable(),
  effectiveDate: isoDate.optional(),
  version,
});
export const unitCloseBody = z.strictObject({
  validTo: isoDate,
  successorIds: z.array(id).max(20).default([]),
  reason: optionalText(500),
  version,
});
export const unitListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  parentId: id.optional(),
  kind: unitKindSchema.optional(),
  status: z.enum(['active', 'closed', 'all']).default('all'),
  ...pageQuery,
});

export const unitAbilities = z.object({
  update: z.boolean(),
  move: z.boolean(),
  close: z.boolean(),
  delete: z.boolean(),
  createChild: z.boolean(),
});

export const unitRef = z.object({ id: z.number(), name: z.string(), shortName: z.string().nullable() });

export const unitSchema = z.object({
  id: z.number(),
  kind: unitKindSchema,
  name: z.string(),
  shortName: z.string().nullable(),
  parentId: z.number().nullable(),
  depth: z.number(),
  provinceName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  communeName: z.string().nullable(),
  communeCode: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  closedReason: z.string().nullable(),
  childCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: unitAbilities,
});
export type Unit = z.infer<typeof unitSchema>;

export const unitDetailSchema = unitSchema.extend({
  ancestors: z.array(unitRef),
  successors: z.array(unitRef),
  predecessors: z.array(unitRef),
  history: z.array(
    z.object({
      parent: unitRef.nullable(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
    }),
  ),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

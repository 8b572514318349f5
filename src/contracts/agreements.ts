import { z } from 'zod';
import { id, isoDate, optionalText, pageQuery, text, version } from './common.ts';
import { unitRef } from './units.ts';

// ── Legal document register (văn bản căn cứ) ────────────────────────────────────────────
export const LEGAL_DOC_TYPES = [
  'nghi_quyet', // Nghị quyết
  'ket_luan', // Kết luận
  'chi_thi', // Chỉ thị
  'quyet_dinh', // Quyết định
  'thong_tri', // Thông tri
  'luat', // Luật
  'nghi_dinh', // Nghị định
  'thong_tu', // Thông tư
  'huong_dan', // Hướng dẫn
  'quy_dinh', // Quy định
  'chuong_trinh', // Chương trình
  'ke_hoach', // Kế hoạch
  'cong_van', // Công văn
  'khac', // Khác
] as const;
export const legalDocTypeSchema = z.enum(LEGAL_DOC_TYPES);

export const legalDocumentInput = z.strictObject({
  docType: legalDocTypeSchema,
  // As usually typed: "65-KL/TW", "số 65 - KL/TW", "120/2020/QH14", "12/2018/QĐ-TTg"
  number: text(60),
  issuer: optionalText(200),
  issuedOn: isoDate.nullable().optional(),
  subject: text(1000),
});
export const legalDocumentUpdate = legalDocumentInput.partial().extend({ version });
export const legalDocumentListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  docType: legalDocTypeSchema.optional(),
  /** Exact lookup by number however typed ("65-kl/tw" finds "65-KL/TW"). */
  number: z.string().trim().max(60).optional(),
  ...pageQuery,
});
export const legalDocumentSchema = z.object({
  id: z.number(),
  docType: legalDocTypeSchema,
  number: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  subject: z.string(),
  version: z.number(),
  /** "Kết luận số 65-KL/TW ngày 30/10/2019 của Bộ Chính trị" */
  citation: z.string(),
});
export type LegalDocument = z.infer<typeof legalDocumentSchema>;

// ── Agreements (văn bản phối hợp) ────────────────────────────────────────────────────────
export const AGREEMENT_KINDS = ['program', 'regulation', 'plan', 'other'] as const;
export const agreementKindSchema = z.enum(AGREEMENT_KINDS);
export const AGREEMENT_STATUSES = [
  'draft',
  'consultation',
  'signed',
  'in_effect',
  'ended',
  'superseded',
] as const;
export const agreementStatusSchema = z.enum(AGREEMENT_STATUSES);

export const partyInput = z.strictObject({
  unitId: id,
  signatoryName: optionalText(200),
  signatoryTitle: optionalText(300),
});

const agreementFields = {
  kind: agreementKindSchema,
  programId: id.nullable().optional(),
  subject: text(1000),
  docNumber: optionalText(100),
  signedOn: isoDate.nullable().optional(),
  signedPlace: optionalText(200),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  year: z.number().int().min(1990).max(2100).nullable().optional(),
  purpose: optionalText(20_000),
  requirements: optionalText(20_000),
  body: optionalText(200_000),
  ownerUnitId: id,
  parties: z.array(partyInput).min(2).max(30),
  legalBasisIds: z.array(id).max(50).default([]),
};
export const agreementCreateBody = z.strictObject(agreementFields);
export const agreementUpdateBody = z.strictObject(agreementFields).partial().extend({ version });
export const agreementTransitionBody = z.strictObject({
  to: agreementStatusSchema,
  version,
  signedOn: isoDate.optional(),
  signedPlace: optionalText(200),
  supersededById: id.optional(),
});
/** A new draft version (before signing) or an amendment (bổ sung, after signing). */
export const agreementRevisionBody = z.strictObject({
  subject: text(1000).optional(),
  purpose: optionalText(20_000),
  requirements: optionalText(20_000),
  body: optionalText(200_000),
  note: optionalText(2000),
  version,
});
export const agreementCommentBody = z.strictObject({ body: text(10_000), unitId: id });
export const agreementListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  kind: agreementKindSchema.optional(),
  status: agreementStatusSchema.optional(),
  unitId: id.optional(),
  programId: id.optional(),
  ...pageQuery,
});

export const agreementAbilities = z.object({
  update: z.boolean(),
  revise: z.boolean(),
  comment: z.boolean(),
  transition: z.array(agreementStatusSchema),
  sign: z.boolean(),
  delete: z.boolean(),
  manageTasks: z.boolean(),
  attach: z.boolean(),
});

export const agreementSummarySchema = z.object({
  id: z.number(),
  kind: agreementKindSchema,
  programId: z.number().nullable(),
  subject: z.string(),
  docNumber: z.string().nullable(),
  status: agreementStatusSchema,
  signedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  year: z.number().nullable(),
  ownerUnit: unitRef,
  parties: z.array(unitRef),
  taskCount: z.number(),
  doneCount: z.number(),
  overdueCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type AgreementSummary = z.infer<typeof agreementSummarySchema>;

export const agreementDetailSchema = agreementSummarySchema.extend({
  signedPlace: z.string().nullable(),
  purpose: z.string().nullable(),
  requirements: z.string().nullable(),
  body: z.string().nullable(),
  currentVersion: z.number(),
  supersededById: z.number().nullable(),
  partyDetails: z.array(
    z.object({ unit: unitRef, signatoryName: z.string().nullable(), signatoryTitle: z.string().nullable() }),
  ),
  legalBases: z.array(legalDocumentSchema),
  plans: z.array(
    z.object({
      id: z.number(),
      subject: z.string(),
      year: z.number().nullable(),
      status: agreementStatusSchema,
    }),
  ),
  versions: z.array(
    z.object({
      number: z.number(),
      kind: z.enum(['draft', 'amendment']),
      note: z.string().nullable(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.number(),
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number(),
      createdAt: z.string(),
    }),
  ),
  /** Set when the actor sees the agreement only through tasks naming their units. */
  limitedToTasks: z.boolean(),
  abilities: agreementAbilities,
});
export type AgreementDetail = z.infer<typeof agreementDetailSchema>;

export const versionDiffSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** Per field, a line diff: unchanged / added / removed lines in order. */
  fields: z.array(
    z.object({
      field: z.string(),
      lines: z.array(z.object({ op: z.enum(['same', 'add', 'del']), text: z.string() })),
    }),
  ),
});

// ── Versions, consultation comments, parties and legal bases ─────────────────────────────
export const agreementRevisionRef = z.object({
  id: z.number(),
  status: agreementStatusSchema,
  version: z.number(),
  currentVersion: z.number(),
});
export const agreementVersionParams = z.strictObject({ id, number: id });
export const agreementVersionSchema = z.object({
  number: z.number(),
  kind: z.enum(['draft', 'amendment']),
  subject: z.string(),
  purpose: z.string().nullable(),
  requirements: z.string().nullable(),
  body: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
/** Both optional: `to` defaults to the current version, `from` to the one before `to`. */
export const versionDiffQuery = z.strictObject({ from: id.optional(), to: id.optional() });
export const agreementCommentSchema = z.object({
  id: z.number(),
  versionNumber: z.number(),
  unit: unitRef,
  author: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export const agreementPartiesBody = z.strictObject({ parties: agreementFields.parties, version });
export const agreementLegalBasesBody = z.strictObject({
  legalDocumentIds: z.array(id).max(50),
  version,
});

import { z } from 'zod';
import { id, optionalText, pageQuery, text, version } from './common.ts';

// Chỉ tiêu / chỉ số: what the parties count ("hộ gia đình được giúp đỡ", "tổ tự quản đường
// biên, mốc giới", "nguồn tin"), how a value is typed, and how values add up over the unit
// tree and over time.
export const VALUE_TYPES = ['integer', 'decimal', 'percentage', 'boolean', 'text'] as const;
export const AGGREGATIONS = ['sum', 'avg', 'max', 'min', 'last', 'none'] as const;
export const RULE_OPS = ['>=', '<=', '>', '<', '='] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];
export type RuleOp = (typeof RULE_OPS)[number];
/**
 * Indicators counted by the system from the information exchange (no retyping): bulletins a
 * unit sent (replies excluded), tip-offs it sent, coordination requests it answered.
 */
export const EXCHANGE_SOURCES = ['bulletins_sent', 'tip_offs_sent', 'requests_answered'] as const;
export type ExchangeSource = (typeof EXCHANGE_SOURCES)[number];

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, {
    error: 'Mã chỉ tiêu chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới',
  })
  .transform((v) => v.toUpperCase());

/** An optional breakdown of every value (e.g. by sex: Nam / Nữ; by ethnic group). */
export const disaggregationSchema = z.strictObject({
  code: z.string().trim().min(1).max(40),
  name: text(200),
  categories: z
    .array(z.strictObject({ code: z.string().trim().min(1).max(40), name: text(200) }))
    .min(2)
    .max(50),
});
export type Disaggregation = z.infer<typeof disaggregationSchema>;

/** A cross-field rule: this indicator's value `op` the other's ("thành viên ≥ số tổ"). */
export const ruleInput = z.strictObject({
  op: z.enum(RULE_OPS),
  otherIndicatorId: id,
  message: optionalText(500),
});
export const ruleSchema = z.object({
  id: z.number().int(),
  op: z.enum(RULE_OPS),
  otherIndicatorId: z.number().int(),
  otherCode: z.string(),
  otherName: z.string(),
  message: z.string().nullable(),
});

const indicatorFields = {
  code,
  name: text(500),
  uom: text(50),
  valueType: z.enum(VALUE_TYPES),
  aggUnits: z.enum(AGGREGATIONS),
  aggTime: z.enum(AGGREGATIONS),
  dedupByLocation: z.boolean().default(false),
  minValue: z.number().finite().nullable().optional(),
  maxValue: z.number().finite().nullable().optional(),
  required: z.boolean().default(false),
  disaggregation: disaggregationSchema.nullable().optional(),
  description: optionalText(5000),
  rules: z.array(ruleInput).max(20).optional(),
  exchangeSource: z.enum(EXCHANGE_SOURCES).nullable().optional(),
};
export const indicatorCreateBody = z.strictObject(indicatorFields);
export const indicatorUpdateBody = z.strictObject(indicatorFields).partial().extend({
  dedupByLocation: z.boolean().optional(),
  required: z.boolean().optional(),
  active: z.boolean().optional(),
  version,
});

export const indicatorSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  uom: z.string(),
  valueType: z.enum(VALUE_TYPES),
  aggUnits: z.enum(AGGREGATIONS),
  aggTime: z.enum(AGGREGATIONS),
  dedupByLocation: z.boolean(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  required: z.boolean(),
  disaggregation: disaggregationSchema.nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  /** Counted automatically from the information exchange (null: typed in reports). */
  exchangeSource: z.enum(EXCHANGE_SOURCES).nullable(),
  rules: z.array(ruleSchema),
  version: z.number().int(),
  /** What the signed-in user may do with this indicator (buttons hide what would be refused). */
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }).optional(),
});
export type IndicatorOut = z.infer<typeof indicatorSchema>;

export const indicatorListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  agreementId: id.optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** Links of an indicator to an agreement, optionally to one of its sections or tasks. */
export const indicatorLinkInput = z.strictObject({
  agreementId: id,
  sectionId: id.nullable().optional(),
  taskId: id.nullable().optional(),
});
export const indicatorLinkSchema = z.object({
  id: z.number().int(),
  indicatorId: z.number().int(),
  agreementId: z.number().int(),
  sectionId: z.number().int().nullable(),
  taskId: z.number().int().nullable(),
});

/** Chỉ tiêu kế hoạch: a target per agreement (plan or program), unit and year. */
export const targetInput = z.strictObject({
  indicatorId: id,
  unitId: id,
  year: z.number().int().min(1990).max(2100),
  value: z.number().finite().min(0),
});
export const targetsPutBody = z.strictObject({ targets: z.array(targetInput).max(5000) });
export const targetSchema = z.object({
  id: z.number().int(),
  agreementId: z.number().int(),
  indicatorId: z.number().int(),
  unitId: z.number().int(),
  year: z.number().int(),
  value: z.number(),
});

/** The catalogue page, with whether the signed-in user may add indicators. */
export const indicatorListSchema = z.object({
  items: z.array(indicatorSchema),
  total: z.number().int(),
  abilities: z.object({ create: z.boolean() }),
});

/** An indicator linked to an agreement, with its link rows (agreement, section or task). */
export const agreementIndicatorSchema = indicatorSchema.extend({ links: z.array(indicatorLinkSchema) });

export const targetListQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});
/** A target as listed: with the indicator's code, name and unit of measure and the unit's name. */
export const targetDetailSchema = targetSchema.extend({
  indicatorCode: z.string(),
  indicatorName: z.string(),
  uom: z.string(),
  unitName: z.string(),
});

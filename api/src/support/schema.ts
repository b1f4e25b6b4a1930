import {
  essentialSpendingKinds,
  guaranteeDimensions,
  policyValueKeyPattern,
  riskKinds,
  supportMeasureKinds,
} from '@anju/domain/enums';
import { z } from '@hono/zod-openapi';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');
const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const money = z.number().finite().min(0).max(100_000_000);
const note = z.string().trim().max(2000).nullish();

export const householdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
export const recordParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  recordId: z.string().openapi({ param: { name: 'recordId', in: 'path' } }),
});

// 帮扶措施
const measureFields = {
  personId: id.nullish(),
  kind: z.enum(supportMeasureKinds),
  startedOn: isoDate,
  endedOn: isoDate.nullish(),
  amountYuan: money.nullish(),
  responsibleUnit: z.string().trim().min(1).max(200),
  note,
};
export const measureBody = z.object(measureFields).strict().openapi('SupportMeasureInput');
export const measurePatch = z.object(measureFields).partial().strict().openapi('SupportMeasurePatch');
export const measureSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    personId: z.string().nullable(),
    personName: z.string().nullable(),
    kind: z.enum(supportMeasureKinds),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    amountYuan: z.number().nullable(),
    responsibleUnit: z.string(),
    note: z.string().nullable(),
    recordedBy: z.string(),
    recordedByName: z.string().nullable(),
  })
  .openapi('SupportMeasure');

// 风险类型
export const riskBody = z
  .object({ kind: z.enum(riskKinds), fromOn: isoDate, toOn: isoDate.nullish(), note })
  .strict()
  .openapi('HouseholdRiskInput');
export const riskPatch = z.object({ toOn: isoDate.nullable(), note }).partial().strict().openapi('HouseholdRiskPatch');
/** Voiding a risk recorded by mistake always says why (kept with the fact and in the audit log). */
export const riskVoidBody = z
  .object({ reason: z.string().trim().min(2, 'give the reason').max(500) })
  .strict()
  .openapi('HouseholdRiskVoid');
export const riskSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    kind: z.enum(riskKinds),
    fromOn: z.string(),
    toOn: z.string().nullable(),
    note: z.string().nullable(),
    recordedBy: z.string(),
  })
  .openapi('HouseholdRisk');

// 刚性支出: a month ('YYYY-MM') or a day
const spendingFields = {
  kind: z.enum(essentialSpendingKinds),
  amountYuan: z.number().finite().positive().max(100_000_000),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
    .optional(),
  spentOn: isoDate.optional(),
  note,
};
export const spendingBody = z.object(spendingFields).strict().openapi('EssentialSpendingInput');
/** A correction: any field; a new month or day (at most one of them) replaces the period. */
export const spendingPatch = z.object(spendingFields).partial().strict().openapi('EssentialSpendingPatch');
export const spendingSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    kind: z.enum(essentialSpendingKinds),
    amountYuan: z.number(),
    periodKind: z.enum(['month', 'day']),
    spentOn: z.string(),
    note: z.string().nullable(),
    recordedBy: z.string(),
  })
  .openapi('EssentialSpending');

// 三保障 + 饮水安全
export const checkBody = z
  .object({
    dimension: z.enum(guaranteeDimensions),
    checkedOn: isoDate,
    ok: z.boolean(),
    evidence: z.string().trim().min(1).max(2000),
  })
  .strict()
  .openapi('GuaranteeCheckInput');
export const checkSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    dimension: z.enum(guaranteeDimensions),
    checkedOn: z.string(),
    ok: z.boolean(),
    evidence: z.string(),
    checkedBy: z.string(),
    checkedByName: z.string().nullable(),
  })
  .openapi('GuaranteeCheck');
export const checksSchema = z
  .object({ latest: z.array(checkSchema), history: z.array(checkSchema) })
  .openapi('GuaranteeChecks');

// 政策参数
export const policyKey = z.string().regex(policyValueKeyPattern, 'unknown policy key');
export const policyValueBody = z
  .object({
    key: policyKey,
    regionCode: z
      .string()
      .regex(/^\d{2,12}$/, 'must be a region code')
      .nullable(),
    year: z.number().int().min(2000).max(2100),
    value: z.number().finite().min(0).max(1_000_000_000),
    note,
  })
  .strict()
  .openapi('PolicyValueInput');
export const policyValuePatch = z
  .object({ value: z.number().finite().min(0).max(1_000_000_000), note })
  .strict()
  .openapi('PolicyValuePatch');
export const policyValueSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    regionCode: z.string().nullable(),
    year: z.number(),
    value: z.number(),
    note: z.string().nullable(),
  })
  .openapi('PolicyValue');
export const policyResolveQuery = z.object({
  key: policyKey,
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100),
});

// 督查
export const supervisionQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/, 'must be a region code')
    .optional(),
});

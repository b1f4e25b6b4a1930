import { laborCapacities } from '@anju/domain/enums';
import { z } from '@hono/zod-openapi';
import { id, isoDate, isoMonth, text, yuan } from './schema.ts';

export const eligibilitySchema = z
  .object({
    /** Recorded capacities only: a post is never for 未登记 (unknown). */
    laborCapacities: z
      .array(z.enum(laborCapacities).exclude(['unknown']))
      .max(3)
      .optional(),
    monitoredHouseholdOnly: z.boolean().optional(),
    minAge: z.number().int().min(16).max(100).optional(),
    maxAge: z.number().int().min(16).max(100).optional(),
  })
  .strict()
  .refine((value) => value.minAge === undefined || value.maxAge === undefined || value.minAge <= value.maxAge, {
    message: 'must not be below minAge',
    path: ['maxAge'],
  })
  .openapi('WelfareEligibility');

export const postBody = z
  .object({
    siteId: id,
    title: text(100),
    duties: z.string().max(2000).nullish(),
    quota: z.number().int().min(1).max(10_000),
    monthlyPayYuan: yuan,
    eligibility: eligibilitySchema.default({}),
  })
  .strict()
  .openapi('WelfarePostInput');

export const assignmentBody = z
  .object({ personId: id, startOn: isoDate, endOn: isoDate })
  .strict()
  .refine((value) => value.endOn >= value.startOn, { message: 'must not be before startOn', path: ['endOn'] })
  .openapi('WelfareAssignmentInput');

export const endBody = z.object({ endedOn: isoDate }).strict();

/** 轮换: who takes the post next and until when; the current term ends on `endedOn` (default: its end). */
export const rotateBody = z
  .object({ personId: id, endOn: isoDate, endedOn: isoDate.optional() })
  .strict()
  .openapi('WelfareRotationInput');

export const monthBody = z
  .object({ month: isoMonth, attendanceDays: z.number().int().min(0).max(31), payYuan: yuan })
  .strict()
  .openapi('WelfareMonthInput');

export const policyBody = z.object({ householdPostLimit: z.number().int().min(1).max(10) }).strict();
export const policySchema = z.object({ householdPostLimit: z.number().int() }).openapi('WelfarePolicy');

export const postListQuery = z.object({
  siteId: id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const postSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    siteName: z.string(),
    title: z.string(),
    duties: z.string().nullable(),
    quota: z.number().int(),
    monthlyPayYuan: z.number(),
    eligibility: eligibilitySchema,
    /** Assignments whose term covers today. */
    filled: z.number().int(),
  })
  .openapi('WelfarePost');

export const assignmentSchema = z
  .object({
    id: z.string(),
    postId: z.string(),
    postTitle: z.string(),
    personId: z.string(),
    personName: z.string().nullable(),
    householdId: z.string(),
    startOn: z.string(),
    endOn: z.string(),
    endedOn: z.string().nullable(),
  })
  .openapi('WelfareAssignment');

export const postDetailSchema = postSchema
  .extend({ assignments: z.array(assignmentSchema) })
  .openapi('WelfarePostDetail');

export const monthSchema = z
  .object({ id: z.string(), month: z.string(), attendanceDays: z.number().int(), payYuan: z.number() })
  .openapi('WelfareMonth');

import { employerKinds, employmentTypes, postingStatuses, reviewStatuses } from '@anju/domain/enums';
import { z } from '@hono/zod-openapi';
import { pageQuery } from '../http/paging.ts';
import { jobSchedules, physicalFacts } from '../matching/types.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const id = z.string().regex(/^\d+$/, 'must be an id');
const level = z.number().int().min(1).max(5).openapi({ description: '1 初级工 … 5 高级技师' });

export const listQuery = z.object({
  ...pageQuery,
  status: z.enum(postingStatuses).optional(),
  employerId: id.optional(),
});
export const idParam = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });

export const employerInput = z
  .object({
    name: text(200).min(1),
    kind: z
      .enum(employerKinds)
      .openapi({ description: 'enterprise 企业, workshop 扶贫车间, cooperative 合作社, individual 个体' }),
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .nullable()
      .optional()
      .openapi({ description: '统一社会信用代码 (18 chars)' }),
    contactName: text(100).nullable().optional(),
    contactPhone: z
      .string()
      .trim()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'must be a phone number')
      .nullable()
      .optional(),
    address: text(300).nullable().optional(),
    lat: lat.nullable().optional(),
    lng: lng.nullable().optional(),
    regionId: id.nullable().optional(),
  })
  .openapi('EmployerInput');
export const employerPatch = employerInput.partial().openapi('EmployerPatch');

export const employerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(employerKinds),
    creditCode: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z
      .string()
      .nullable()
      .openapi({ description: 'Masked (138****5678) unless the reader manages this employer' }),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    regionId: z.string().nullable(),
    verified: z.boolean(),
    reviewStatus: z
      .enum(reviewStatuses)
      .openapi({ description: 'pending 待审核, verified 已认证, rejected 已驳回 (see rejectionReason)' }),
    rejectionReason: z.string().nullable().openapi({ description: '驳回理由, while rejected' }),
    rejectedAt: z.string().nullable(),
    submittedAt: z.string().nullable().openapi({ description: 'When it last asked to be reviewed' }),
  })
  .openapi('Employer');

export const employerRejection = z
  .object({
    reason: z
      .string()
      .trim()
      .min(2, 'give the reason, so the employer knows what to correct')
      .max(500)
      .openapi({ description: '驳回理由: what the employer must correct', example: '信用代码与营业执照不符' }),
  })
  .openapi('EmployerRejection');

const postingBase = {
  employerId: id
    .optional()
    .openapi({ description: 'Required for workers and admins posting on behalf of an employer' }),
  title: text(120).min(1),
  description: text(5000).default(''),
  requirements: text(2000).default(''),
  status: z.enum(postingStatuses).default('draft'),
  address: text(300).nullable().optional(),
  lat: lat.nullable().optional(),
  lng: lng.nullable().optional(),
  startDate: date.nullable().optional(),
  deadline: date.nullable().optional(),
};
const skillRequirement = z.object({ code: z.string().min(1), minLevel: level.default(1) });

export const jobInput = z
  .object({
    ...postingBase,
    occupationCode: text(20).nullable().optional(),
    requiredSkills: z.array(skillRequirement).max(20).default([]),
    optionalSkills: z.array(z.string().min(1)).max(20).default([]),
    headcount: z.number().int().min(1).max(10000).default(1),
    payMin: z.number().min(0).nullable().optional(),
    payMax: z.number().min(0).nullable().optional(),
    payUnit: z.enum(['month', 'day', 'hour', 'piece']).default('month'),
    payFrequency: z.enum(['monthly', 'semimonthly', 'weekly', 'daily', 'on_completion']).default('monthly'),
    hours: text(200).nullable().optional(),
    shifts: text(200).nullable().optional(),
    employmentType: z.enum(employmentTypes).default('full_time'),
    destination: text(200).nullable().optional().openapi({ description: 'Where a labour-export (劳务输出) job is' }),
    shuttleSiteIds: z
      .array(id)
      .max(50)
      .default([])
      .openapi({ description: 'Sites (region ids) a shuttle (班车) runs from' }),
    accommodation: z.boolean().default(false),
    ageMin: z.number().int().min(16).max(80).nullable().optional(),
    ageMax: z.number().int().min(16).max(80).nullable().optional(),
    physicalDemand: z.enum(['light', 'medium', 'heavy']).nullable().optional(),
    schedule: z
      .array(z.enum(jobSchedules))
      .max(8)
      .default([])
      .openapi({ description: '班次: any one listed is a way to do the job (两班倒 two_shifts, 夜班 night…)' }),
    hoursPerWeek: z.number().int().min(1).max(84).nullable().optional(),
    piecesPerMonth: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .nullable()
      .optional()
      .openapi({ description: 'Usual pieces a month: turns a piece rate into monthly pay' }),
    piecesPerMonthMax: z.number().int().min(1).max(1_000_000).nullable().optional(),
    materialsDelivered: z.boolean().default(false).openapi({ description: '送料上门: materials brought to the site' }),
    publicWelfare: z.boolean().default(false).openapi({ description: '公益性岗位' }),
    certificateRequired: z.boolean().default(false).openapi({ description: '持证上岗 for this job' }),
    demands: z.array(z.enum(physicalFacts)).max(4).default([]),
    shuttleMinutes: z.number().int().min(1).max(600).nullable().optional(),
  })
  .openapi('JobInput');

export const trainingInput = z
  .object({
    ...postingBase,
    skillsTaught: z
      .array(z.object({ code: z.string().min(1), level: level.default(1) }))
      .max(20)
      .default([]),
    certificate: text(200).nullable().optional(),
    schedule: text(500).nullable().optional(),
    endDate: date.nullable().optional(),
    seats: z.number().int().min(1).max(10000).default(20),
    cost: z.number().min(0).default(0),
    subsidyEligible: z.boolean().default(false),
    childcare: z.boolean().default(false),
  })
  .openapi('TrainingInput');

export const projectInput = z
  .object({
    ...postingBase,
    kind: z.enum(['planting', 'livestock', 'processing', 'tourism', 'workshop', 'pv', 'ecommerce', 'other']),
    siteIds: z.array(id).max(100).default([]),
    requiredSkills: z.array(skillRequirement).max(20).default([]),
    positions: z.number().int().min(1).max(100000).default(1),
    participationModes: z
      .array(z.enum(['wage', 'shareholding', 'contracting']))
      .max(3)
      .default([]),
    expectedIncomeMin: z.number().min(0).nullable().optional(),
    expectedIncomeMax: z.number().min(0).nullable().optional(),
    incomeUnit: z.enum(['month', 'year']).default('year'),
  })
  .openapi('ProjectInput');

/** Patches: every field optional and no defaults (an absent field stays as it is). */
function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, value]) => {
      const inner = value instanceof z.ZodDefault ? (value.def.innerType as z.ZodType) : (value as z.ZodType);
      return [key, inner.optional()];
    }),
  );
  return z.object(shape);
}
export const jobPatch = patchOf(jobInput).openapi('JobPatch');
export const trainingPatch = patchOf(trainingInput).openapi('TrainingPatch');
export const projectPatch = patchOf(projectInput).openapi('ProjectPatch');

export const postingSchema = z
  .object({
    id: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    employerVerified: z.boolean(),
    title: z.string(),
    status: z.enum(postingStatuses),
    version: z.number(),
    /** In the list, for the employer's own postings only: applications received (not withdrawn) and those still new. */
    applicationCount: z.number().int().nullable().optional(),
    newApplicationCount: z.number().int().nullable().optional(),
  })
  .catchall(z.unknown())
  .openapi('Posting');

import { z } from '@hono/zod-openapi';

export const reasonSchema = z
  .object({
    code: z.string().openapi({ example: 'skill.met' }),
    kind: z.enum(['skill', 'reach', 'fit', 'need']),
    polarity: z.enum(['plus', 'minus', 'info']),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    /** The reason in one plain line, Chinese and English, for clients that do not render codes. */
    text: z
      .object({ zh: z.string(), en: z.string() })
      .openapi({ example: { zh: '会缝纫（2级），要求1级', en: 'Has sewing (level 2); level 1 asked' } }),
  })
  .openapi('MatchReason');

export const matchKindQuery = z.object({
  kind: z.enum(['job', 'training', 'project']).default('job'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const matchItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['job', 'training', 'project']),
    title: z.string(),
    score: z.number().min(0).max(1),
    reasons: z.array(reasonSchema),
  })
  .openapi('MatchItem');

export const matchListSchema = z.object({ items: z.array(matchItemSchema) }).openapi('MatchList');

export const pathwaySchema = z
  .object({
    skill: z.string(),
    skillZh: z.string(),
    skillEn: z.string(),
    jobsUnlocked: z.number().int(),
    jobIds: z.array(z.string()),
    pay: z.object({ min: z.number(), max: z.number() }).nullable(),
    courses: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        startDate: z.string(),
        durationDays: z.number().int(),
        subsidised: z.boolean(),
        certificate: z.boolean(),
        childcare: z.boolean(),
        km: z.number().nullable(),
      }),
    ),
    text: z.object({ zh: z.string(), en: z.string() }),
  })
  .openapi('Pathway');

export const pathwayListSchema = z.object({ items: z.array(pathwaySchema) }).openapi('PathwayList');

/** An employer's view of a candidate: no ID number, no income, a masked phone. */
export const candidateSchema = z
  .object({
    personId: z.string(),
    name: z.string(),
    age: z.number().int().nullable(),
    site: z.string().nullable(),
    phone: z.string().nullable(),
    score: z.number().min(0).max(1),
    applied: z.boolean(),
    reasons: z.array(reasonSchema),
  })
  .openapi('Candidate');

export const candidateListSchema = z.object({ items: z.array(candidateSchema) }).openapi('CandidateList');

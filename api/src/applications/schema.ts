import { z } from '@hono/zod-openapi';
import { pageQuery } from '../http/paging.ts';
import { pathwaySchema, reasonSchema } from '../matching/schema.ts';
import { applicationKinds, applicationStates } from './state-machine.ts';

const numericId = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');

export const applicationBody = z
  .object({
    kind: z.enum(applicationKinds),
    opportunityId: numericId,
    /** Whom the application is for; a resident applies for themselves and may leave it out. */
    personId: numericId.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('NewApplication');

export const transitionBody = z
  .object({
    state: z.enum(applicationStates),
    note: z.string().trim().max(500).optional(),
    /** The certificate number when a course is completed with one. */
    certificate: z.string().trim().min(1).max(100).optional(),
    /** The version last read: a stale one is refused with 409. */
    version: z.number().int().min(1).optional(),
  })
  .openapi('ApplicationTransition');

export const applicationListQuery = z.object({
  personId: numericId.optional(),
  kind: z.enum(applicationKinds).optional(),
  state: z.enum(applicationStates).optional(),
  opportunityId: numericId.optional(),
  ...pageQuery,
});

export const applicationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(applicationKinds),
    opportunityId: z.string(),
    personId: z.string(),
    state: z.enum(applicationStates),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Application');

export const applicationEventSchema = z
  .object({
    fromState: z.enum(applicationStates).nullable(),
    toState: z.enum(applicationStates),
    actorRole: z.string().nullable(),
    note: z.string().nullable(),
    certificate: z.string().nullable(),
    occurredAt: z.string(),
  })
  .openapi('ApplicationEvent');

export const applicationDetailSchema = applicationSchema
  .extend({ events: z.array(applicationEventSchema) })
  .openapi('ApplicationDetail');

/** A row of a list: what it is for and whose it is, and the moves the caller may make next. */
export const applicationListItemSchema = applicationSchema
  .extend({
    title: z.string().nullable(),
    employerName: z.string().nullable(),
    personName: z.string(),
    /** For a course: the certificate it awards on completion (null when it awards none, and for jobs and projects). */
    courseCertificate: z.string().nullable(),
    nextStates: z.array(z.enum(applicationStates)),
  })
  .openapi('ApplicationListItem');

export const applicationListSchema = z
  .object({
    items: z.array(applicationListItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ApplicationList');

const skillRef = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });

/** 岗位详情 as one person sees it (GET /api/persons/{id}/jobs/{jobId}). */
export const jobViewSchema = z
  .object({
    personId: z.string(),
    job: z.object({
      id: z.string(),
      title: z.string(),
      employerName: z.string(),
      employerKind: z.string(),
      description: z.string(),
      requirements: z.string(),
      status: z.string(),
      employmentType: z.string(),
      headcount: z.number().int(),
      hours: z.string().nullable(),
      shifts: z.string().nullable(),
      startDate: z.string().nullable(),
      deadline: z.string().nullable(),
      pay: z.object({ min: z.number(), max: z.number(), unit: z.string() }).nullable(),
      monthlyPay: z.object({ min: z.number(), max: z.number() }).nullable(),
      payFrequency: z.string(),
      accommodation: z.boolean(),
      destination: z.string().nullable(),
      minAge: z.number().int().nullable(),
      maxAge: z.number().int().nullable(),
      physicalDemand: z.string().nullable(),
      requiredSkills: z.array(skillRef.extend({ minLevel: z.number().int() })),
      optionalSkills: z.array(skillRef),
    }),
    place: z.object({
      address: z.string().nullable(),
      homeSite: z.string().nullable(),
      distanceKm: z.number().nullable(),
      shuttleFromHome: z.boolean(),
      shuttleSites: z.array(z.string()),
    }),
    fit: z.object({
      excluded: z.boolean(),
      score: z.number().nullable(),
      suitable: z.boolean(),
      fits: z.array(reasonSchema),
      lacks: z.array(reasonSchema),
    }),
    pathways: z.array(pathwaySchema),
    application: z.object({ id: z.string(), state: z.enum(applicationStates), createdAt: z.string() }).nullable(),
  })
  .openapi('JobView');

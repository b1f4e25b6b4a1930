import { z } from '@hono/zod-openapi';
import { workshopStatuses } from './programmes.tables.ts';
import { id, isoDate, isoMonth, yuan } from './schema.ts';

export const workshopBody = z
  .object({
    employerId: id,
    siteId: id,
    minRelocatedEmployed: z.number().int().min(0).max(10_000),
    minRelocatedShare: z.number().min(0).max(1),
    totalEmployed: z.number().int().min(0).max(100_000),
    note: z.string().max(2000).nullish(),
  })
  .strict()
  .openapi('WorkshopInput');

export const decisionBody = z
  .object({ status: z.enum(['recognised', 'revoked']), decidedOn: isoDate, note: z.string().max(2000).nullish() })
  .strict();

export const employmentBody = z.object({ personId: id, month: isoMonth, payYuan: yuan }).strict();
export const employmentQuery = z.object({ month: isoMonth.optional() });

export const workshopSchema = z
  .object({
    id: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    siteId: z.string(),
    siteName: z.string(),
    minRelocatedEmployed: z.number().int(),
    minRelocatedShare: z.number(),
    totalEmployed: z.number().int(),
    status: z.enum(workshopStatuses),
    decidedOn: z.string().nullable(),
    note: z.string().nullable(),
    /** Relocated people employed in the latest recorded month, and their share of all employed. */
    latestMonth: z.string().nullable(),
    relocatedEmployed: z.number().int(),
    relocatedShare: z.number().nullable(),
    meetsCriteria: z.boolean(),
  })
  .openapi('Workshop');

export const employmentSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    personName: z.string().nullable(),
    month: z.string(),
    payYuan: z.number(),
  })
  .openapi('WorkshopEmployment');

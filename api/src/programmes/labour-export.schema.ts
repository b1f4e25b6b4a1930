import { z } from '@hono/zod-openapi';
import { retentionMilestones, retentionOutcomes, transports } from './programmes.tables.ts';
import { id, isoDate, text, yuan } from './schema.ts';

export const batchBody = z
  .object({
    siteId: id,
    destinationEmployer: text(200),
    /** The destination as a registered employer (optional): its account then sees these migrants. */
    destinationEmployerId: id.nullish(),
    destinationRegion: text(200),
    departureDate: isoDate,
    transport: z.enum(transports),
    organiser: text(100),
    note: z.string().max(2000).nullish(),
  })
  .strict()
  .openapi('LabourExportBatchInput');

export const memberBody = z
  .object({
    personId: id,
    workplace: z.string().trim().max(200).nullish(),
    contractStart: isoDate.nullish(),
    contractEnd: isoDate.nullish(),
    monthlyPayYuan: yuan.nullish(),
  })
  .strict()
  .refine((value) => !value.contractStart || !value.contractEnd || value.contractEnd >= value.contractStart, {
    message: 'must not be before contractStart',
    path: ['contractEnd'],
  })
  .openapi('LabourExportMemberInput');

export const followupBody = z
  .object({
    milestoneMonths: z.union([z.literal(1), z.literal(3), z.literal(6)]),
    followedUpOn: isoDate,
    outcome: z.enum(retentionOutcomes),
    reason: z.string().trim().max(1000).nullish(),
  })
  .strict()
  .refine((value) => value.outcome === 'still_there' || !!value.reason, {
    message: 'say why (换工作/返乡/未联系上 need a reason)',
    path: ['reason'],
  })
  .openapi('RetentionFollowupInput');

export const batchListQuery = z.object({
  siteId: id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const retentionQuery = z.object({ by: z.enum(['destination', 'employer']).default('employer') });

export const batchSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    siteName: z.string(),
    destinationEmployer: z.string(),
    destinationEmployerId: z.string().nullable(),
    destinationRegion: z.string(),
    departureDate: z.string(),
    transport: z.enum(transports),
    organiser: z.string(),
    note: z.string().nullable(),
    memberCount: z.number().int(),
  })
  .openapi('LabourExportBatch');

export const followupSchema = z
  .object({
    id: z.string(),
    milestoneMonths: z.number().int(),
    followedUpOn: z.string(),
    outcome: z.enum(retentionOutcomes),
    reason: z.string().nullable(),
  })
  .openapi('RetentionFollowup');

export const memberSchema = z
  .object({
    id: z.string(),
    batchId: z.string(),
    personId: z.string(),
    personName: z.string().nullable(),
    householdId: z.string(),
    workplace: z.string().nullable(),
    contractStart: z.string().nullable(),
    contractEnd: z.string().nullable(),
    monthlyPayYuan: z.number().nullable(),
    followups: z.array(followupSchema),
    /** Milestones (1, 3, 6) not yet followed up, with their due dates. */
    due: z.array(z.object({ milestoneMonths: z.number().int(), dueOn: z.string(), overdue: z.boolean() })),
  })
  .openapi('LabourExportMember');

export const batchDetailSchema = batchSchema
  .extend({ members: z.array(memberSchema) })
  .openapi('LabourExportBatchDetail');

export const memberDetailSchema = memberSchema
  .extend({ batch: batchSchema.omit({ memberCount: true }) })
  .openapi('LabourExportMemberDetail');

const milestoneFigure = z.object({
  months: z.number().int(),
  /** Members whose follow-up at this milestone is recorded. */
  followedUp: z.number().int(),
  stillThere: z.number().int(),
  changedJob: z.number().int(),
  cameHome: z.number().int(),
  unreachable: z.number().int(),
  /** Share still in work (仍在岗 + 换工作) of those followed up; null when none yet. */
  workingShare: z.number().nullable(),
  /** Share still at the same employer (仍在岗). */
  retainedShare: z.number().nullable(),
});
export const retentionRowSchema = z
  .object({ group: z.string(), members: z.number().int(), milestones: z.array(milestoneFigure) })
  .openapi('RetentionRow');

export const milestones = retentionMilestones;

import { z } from '@hono/zod-openapi';
import { assessmentFields, monthIncome, visitFields } from '../tracking/schema.ts';

const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');

/** The largest photo a record may carry, as a data URL (characters). */
export const PHOTO_MAX_CHARS = 300 * 1024;
/** Records per batch: a phone sends its queue in slices this size (and under the 1 MB body limit). */
export const BATCH_MAX_RECORDS = 50;

/** 走访 with, optionally, one month's income by source and the integration answers. */
const visitPayload = visitFields.extend({ assessment: assessmentFields.nullish() }).strict();

const baseVersion = z
  .object({
    /** `households.version` as the pack gave it. */
    householdVersion: z.number().int().min(0),
    /** The server's time of the facts the phone saw (the pack's `factsAt`). */
    factsAt: z.iso.datetime({ offset: true }),
  })
  .strict();

const location = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    accuracyM: z.number().min(0).max(100_000).nullish(),
    /** The resident agreed that the place is recorded (位置, 经同意). */
    consent: z.boolean(),
  })
  .strict();

const common = {
  clientId: z.uuid(),
  capturedAt: z.iso.datetime({ offset: true }),
  householdId: id,
  base: baseVersion,
  photo: z
    .string()
    .max(PHOTO_MAX_CHARS, 'a photo is at most 300 KB')
    .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+=*$/, 'must be a base64 image data URL')
    .nullish(),
  location: location.nullish(),
};

export const offlineRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visit'), ...common, payload: visitPayload }).strict(),
  z.object({ kind: z.literal('income'), ...common, payload: monthIncome }).strict(),
  z.object({ kind: z.literal('assessment'), ...common, payload: assessmentFields }).strict(),
]);
export type OfflineRecordInput = z.infer<typeof offlineRecord>;

export const batchBody = z
  .object({ records: z.array(offlineRecord).min(1).max(BATCH_MAX_RECORDS) })
  .strict()
  .openapi('OfflineBatch');

const problem = z.object({
  code: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const recordResult = z
  .object({
    clientId: z.string(),
    status: z.enum(['applied', 'duplicate', 'conflict', 'refused', 'discarded']),
    /** For a duplicate: what the first delivery answered. */
    original: z.enum(['applied', 'conflict', 'discarded']).optional(),
    visitId: z.string().nullable().optional(),
    assessmentId: z.string().nullable().optional(),
    incomeRecordIds: z.array(z.string()).optional(),
    /** For a conflict: the server's version and the phone's, side by side. */
    server: z.unknown().optional(),
    mine: z.unknown().optional(),
    problem: problem.optional(),
  })
  .openapi('OfflineRecordResult');

export const batchResult = z.object({ results: z.array(recordResult) }).openapi('OfflineBatchResult');

export const resolveBody = z
  .object({ clientId: z.uuid(), keep: z.enum(['mine', 'server']) })
  .strict()
  .openapi('OfflineResolve');

export const packHousehold = z
  .object({
    householdId: z.string(),
    householdNumber: z.string(),
    siteName: z.string(),
    address: z.string().nullable(),
    monitoringCategory: z.string(),
    headName: z.string().nullable(),
    members: z.number(),
    lastVisitOn: z.string().nullable(),
    dueOn: z.string(),
    overdue: z.boolean(),
    daysOverdue: z.number(),
    base: baseVersion,
  })
  .openapi('OfflinePackHousehold');

export const packSchema = z
  .object({
    generatedAt: z.string(),
    /** The phone wipes its copy after this instant (and at logout). */
    expiresAt: z.string(),
    /** Per-session secret the phone derives its store key from; useless once the session ends. */
    storeSecret: z.string(),
    households: z.array(packHousehold),
    total: z.number(),
  })
  .openapi('OfflinePack');

import { z } from '@hono/zod-openapi';

export const jobNameParam = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z-]{0,40}$/, 'must be a job name such as alerts-evaluate')
    .openapi({ param: { name: 'name', in: 'path' }, example: 'alerts-evaluate' }),
});

export const jobStatusSchema = z
  .object({
    name: z.string().openapi({ description: 'Stable job name; the portal shows it in Chinese' }),
    cron: z.string().openapi({ example: '0 2 * * *' }),
    timezone: z.string().openapi({ example: 'Asia/Shanghai' }),
    nextRunAt: z.string().openapi({ description: 'UTC, ISO 8601' }),
    lastRun: z
      .object({
        trigger: z.enum(['schedule', 'manual']),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        outcome: z.enum(['running', 'succeeded', 'failed', 'interrupted']),
        summary: z.record(z.string(), z.unknown()).nullable(),
        error: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('ScheduledJob');

export const jobListSchema = z
  .object({ items: z.array(jobStatusSchema), running: z.boolean() })
  .openapi('ScheduledJobs');

export const runQueuedSchema = z
  .object({ name: z.string(), queued: z.literal(true), alreadyWaiting: z.boolean() })
  .openapi('JobRunQueued');

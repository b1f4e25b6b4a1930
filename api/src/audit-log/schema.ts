import { z } from '@hono/zod-openapi';
import { pageOf, pageQuery } from '../http/paging.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const auditLogQuery = z
  .object({
    ...pageQuery,
    userId: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a numeric id')
      .optional(),
    action: z.string().trim().min(1).max(100).optional().openapi({ example: 'login' }),
    outcome: z.enum(['ok', 'denied', 'failed']).optional(),
    from: day.optional().openapi({ description: 'First day (UTC), inclusive' }),
    to: day.optional().openapi({ description: 'Last day (UTC), inclusive' }),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'must not be before from',
  });

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ description: 'UTC, ISO 8601' }),
    userId: z.string().nullable(),
    userName: z.string().nullable(),
    role: z.string().nullable(),
    regionPath: z.string().nullable(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    fields: z.array(z.string()).nullable(),
    outcome: z.enum(['ok', 'denied', 'failed']),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

export const auditLogSchema = pageOf(auditEntrySchema, 'AuditLogPage');

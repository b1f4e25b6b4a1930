import { z } from '@hono/zod-openapi';
import { mutableCategories } from './templates.ts';

export const idParam = z
  .object({
    id: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a numeric id')
      .openapi({ param: { name: 'id', in: 'path' } }),
  })
  .strict();

export const inboxQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    category: z.string(),
    title: z.string(),
    body: z.string(),
    en: z.object({ title: z.string(), body: z.string() }).nullable(),
    link: z.string().nullable(),
    read: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Notification');

export const inboxSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** A time of day in China time, `HH:MM`. */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00–23:59)');

export const preferencesSchema = z
  .object({
    mutedCategories: z.array(z.enum(mutableCategories as [string, ...string[]])).max(10),
    smsEnabled: z.boolean(),
    quietStart: timeOfDay,
    quietEnd: timeOfDay,
  })
  .strict()
  .openapi('NotificationPreferences');

export const consentInput = z.object({ given: z.boolean() }).strict().openapi('ConsentInput');

export const onBehalfConsentInput = z
  .object({
    given: z.boolean(),
    note: z.string().trim().min(1, 'say how the resident agreed (e.g. 电话确认)').max(500),
  })
  .strict()
  .openapi('OnBehalfConsentInput');

export const consentSchema = z
  .object({
    personId: z.string(),
    given: z.boolean(),
    dated: z.string().nullable(),
    givenBy: z.enum(['self', 'helper', 'worker', 'register']).nullable(),
    history: z.array(
      z.object({
        given: z.boolean(),
        dated: z.string(),
        givenBy: z.enum(['self', 'helper', 'worker', 'register']),
        recordedByName: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
  })
  .openapi('Consent');

import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { personInScope, requireRole } from '../access/policy.ts';
import type { AppDeps } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { createRouter } from '../http/router.ts';
import { loadConsent, recordConsent } from './consent.ts';
import { loadPreferences, savePreferences } from './preferences.ts';
import { listInbox, markAllRead, markRead, unreadCount } from './queries.ts';
import {
  consentInput,
  consentSchema,
  idParam,
  inboxQuery,
  inboxSchema,
  onBehalfConsentInput,
  preferencesSchema,
} from './schema.ts';
import type { NotificationCategory } from './templates.ts';

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** 消息: every signed-in account's own inbox and settings, mounted at /api/notifications. */
export function notificationRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags: ['notifications'],
        summary: 'My inbox (消息), newest first, with the unread count',
        request: { query: inboxQuery },
        responses: { 200: json(inboxSchema, 'Notifications') },
      }),
      async (c) => {
        const actor = requireActor(c);
        return c.json(await listInbox(db, actor.userId, c.req.valid('query')), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/unread-count',
        tags: ['notifications'],
        summary: 'How many of my notifications are unread (the bell’s badge)',
        responses: { 200: json(z.object({ unread: z.number() }), 'Unread count') },
      }),
      async (c) => {
        const actor = requireActor(c);
        return c.json({ unread: await unreadCount(db, actor.userId) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/read-all',
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        responses: { 200: json(z.object({ marked: z.number() }), 'Marked') },
      }),
      async (c) => {
        const actor = requireActor(c);
        return c.json({ marked: await markAllRead(db, actor.userId) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/read',
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        request: { params: idParam },
        responses: { 204: { description: 'Marked' } },
      }),
      async (c) => {
        const actor = requireActor(c);
        if (!(await markRead(db, actor.userId, c.req.valid('param').id)))
          throw new AppError('not-found', 'No such notification');
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/preferences',
        tags: ['notifications'],
        summary: 'My message settings (消息设置): opt-outs, SMS, quiet hours in China time',
        responses: { 200: json(preferencesSchema, 'Settings') },
      }),
      async (c) => {
        const actor = requireActor(c);
        const p = await loadPreferences(db, actor.userId);
        return c.json(
          {
            mutedCategories: p.mutedCategories,
            smsEnabled: p.smsEnabled,
            quietStart: hhmm(p.quietStartMinute),
            quietEnd: hhmm(p.quietEndMinute),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/preferences',
        tags: ['notifications'],
        summary: 'Change my message settings',
        request: { ...body(preferencesSchema) },
        responses: { 200: json(preferencesSchema, 'Settings') },
      }),
      async (c) => {
        const actor = requireActor(c);
        const input = c.req.valid('json');
        await savePreferences(db, actor.userId, {
          mutedCategories: [...new Set(input.mutedCategories)] as NotificationCategory[],
          smsEnabled: input.smsEnabled,
          quietStartMinute: minuteOf(input.quietStart),
          quietEndMinute: minuteOf(input.quietEnd),
        });
        return c.json(input, 200);
      },
    );
}

/** 授权: a resident's consent to be shown to employers; mounted at /api. */
export function consentRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/consent',
        tags: ['consent'],
        summary: 'My consent to be shown to employers as a candidate, with its history',
        responses: { 200: json(consentSchema, 'Consent') },
      }),
      async (c) => {
        const actor = requireActor(c);
        requireRole(actor, 'resident');
        if (!actor.personId) throw new AppError('not-found', 'This account is not linked to a registered person');
        return c.json(await loadConsent(db, actor.personId), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/consent',
        tags: ['consent'],
        summary: 'Give or withdraw my consent to be shown to employers (允许招聘单位看到我)',
        request: { ...body(consentInput) },
        responses: { 200: json(consentSchema, 'Consent') },
      }),
      async (c) => {
        const actor = requireActor(c);
        requireRole(actor, 'resident');
        if (!actor.personId) throw new AppError('not-found', 'This account is not linked to a registered person');
        const { given } = c.req.valid('json');
        const consent = await recordConsent(db, {
          personId: actor.personId,
          given,
          givenBy: 'self',
          recordedBy: actor.userId,
          note: null,
        });
        await writeAudit(db, c, {
          action: given ? 'consent.give' : 'consent.withdraw',
          resourceType: 'person',
          resourceId: actor.personId,
        });
        return c.json(consent, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/persons/{id}/consent',
        tags: ['consent'],
        summary: 'A person’s consent to be shown to employers, with its history',
        request: { params: idParam },
        responses: { 200: json(consentSchema, 'Consent'), 404: { description: 'No such person in scope' } },
      }),
      async (c) => {
        const actor = requireActor(c);
        const { personId } = await personInScope(db, actor, c.req.valid('param').id);
        return c.json(await loadConsent(db, personId), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/persons/{id}/consent',
        tags: ['consent'],
        summary: 'Record a resident’s consent (or its withdrawal) on their behalf, saying how they agreed',
        request: { params: idParam, ...body(onBehalfConsentInput) },
        responses: { 200: json(consentSchema, 'Consent'), 404: { description: 'No such person in scope' } },
      }),
      async (c) => {
        const actor = requireActor(c);
        requireRole(actor, 'helper', 'worker');
        const { personId } = await personInScope(db, actor, c.req.valid('param').id);
        const { given, note } = c.req.valid('json');
        const consent = await recordConsent(db, {
          personId,
          given,
          givenBy: actor.role === 'helper' ? 'helper' : 'worker',
          recordedBy: actor.userId,
          note,
        });
        await writeAudit(db, c, {
          action: given ? 'consent.give' : 'consent.withdraw',
          resourceType: 'person',
          resourceId: personId,
          detail: { onBehalf: true },
        });
        return c.json(consent, 200);
      },
    );
}

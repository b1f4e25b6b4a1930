import { createHmac } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import { SESSION_COOKIE } from '../access/sessions.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { toAppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict as conflictResponse, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { trackingRecorders } from '../tracking/scope.ts';
import { visitDueQuery } from '../tracking/visit-due.ts';
import { databaseNow, packDetails } from './queries.ts';
import { type RecordResult, receiveOfflineRecord, resolveOfflineRecord } from './receive.ts';
import { batchBody, batchResult, packSchema, resolveBody } from './schema.ts';

/** Households in one pack: today's and overdue visits first. */
const PACK_CAP = 200;
/** The phone wipes its pack and queue after this long (and at logout). */
const PACK_LIFETIME_MS = 72 * 60 * 60 * 1000;

const batchRoute = createRoute({
  method: 'post',
  path: '/batch',
  summary:
    'Records captured offline (离线采集): each applied, a duplicate of one already received, a conflict with a newer server version, or refused',
  description:
    'Idempotent on (user, clientId). Each record is checked against the scope on the day it was captured and written in its own transaction, audited as captured offline.',
  request: body(batchBody),
  responses: { 200: json(batchResult, 'One result per record, in order'), ...problems },
});
const resolveRoute = createRoute({
  method: 'post',
  path: '/resolve',
  summary: "A worker's choice for a conflicting offline record: keep mine (apply it) or keep the server's (discard it)",
  request: body(resolveBody),
  responses: { 200: json(batchResult.shape.results.element, 'The outcome'), ...problems, ...conflictResponse },
});
const packRoute = createRoute({
  method: 'get',
  path: '/pack',
  summary: "The households on the worker's worklist, with what the visit form needs, for use without signal",
  responses: { 200: json(packSchema, 'The offline pack'), ...problems },
});

export function offlineRoutes({ db, config }: AppDeps) {
  return createRouter()
    .openapi(batchRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingRecorders);
      const { records } = c.req.valid('json');
      const results: RecordResult[] = [];
      for (const [index, record] of records.entries()) {
        try {
          results.push(await receiveOfflineRecord(db, c, actor, record, index));
        } catch (error) {
          const problem = toAppError(error);
          // A server fault fails the request; the phone retries and what was applied answers duplicate.
          if (problem.status >= 500) throw error;
          await writeAudit(db, c, {
            action: 'create (captured offline)',
            resourceType: 'household',
            resourceId: record.householdId,
            outcome: 'denied',
            detail: { clientId: record.clientId, kind: record.kind, code: problem.code, reason: problem.message },
          });
          results.push({
            clientId: record.clientId,
            status: 'refused',
            problem: {
              code: problem.code,
              status: problem.status,
              detail: problem.message,
              ...(problem.extra.errors ? { errors: problem.extra.errors } : {}),
            },
          });
        }
      }
      return c.json({ results }, 200);
    })
    .openapi(resolveRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingRecorders);
      const { clientId, keep } = c.req.valid('json');
      const result = await resolveOfflineRecord(db, c, actor, clientId, keep);
      return c.json(result, 200);
    })
    .openapi(packRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingRecorders);
      const now = await databaseNow(db);
      const { items, total } = await visitDueQuery(db, actor, chinaToday(), { page: 1, pageSize: PACK_CAP });
      const details = await packDetails(
        db,
        items.map((item) => item.householdId),
      );
      const households = items.flatMap((item) => {
        const detail = details.get(String(item.householdId));
        if (!detail) return [];
        return [
          {
            householdId: String(item.householdId),
            householdNumber: item.householdNumber,
            siteName: detail.siteName,
            address: detail.address,
            monitoringCategory: item.monitoringCategory,
            headName: detail.headName,
            members: Number(detail.members),
            lastVisitOn: item.lastVisitOn,
            dueOn: item.dueOn,
            overdue: item.overdue,
            daysOverdue: item.daysOverdue,
            base: { householdVersion: Number(detail.version), factsAt: now.toISOString() },
          },
        ];
      });
      await writeAudit(db, c, {
        action: 'read',
        resourceType: 'offline_pack',
        resourceId: actor.userId,
        detail: { households: households.length },
      });
      return c.json(
        {
          generatedAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + PACK_LIFETIME_MS).toISOString(),
          storeSecret: storeSecretOf(config.sessionSecret ?? config.dataEncryptionKey ?? 'anju-dev', c),
          households,
          total,
        },
        200,
      );
    });
}

/**
 * The phone's store key is derived from this: bound to the session cookie, so once the session
 * ends (logout, expiry) nothing on the phone can be decrypted with anything the server hands out.
 */
function storeSecretOf(serverSecret: string, c: Context<AppEnv>) {
  const token = getCookie(c, SESSION_COOKIE) ?? '';
  return createHmac('sha256', serverSecret).update(`offline-store:${token}`).digest('base64url');
}

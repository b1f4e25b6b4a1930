import { createHmac } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { requireActor } from '../access/middleware.ts';
import { requireRole } from '../access/policy.ts';
import { SESSION_COOKIE } from '../access/sessions.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { AppError, outOfScope, toAppError } from '../http/problem.ts';
import { body, json } from '../http/route-parts.ts';
import { conflict as conflictResponse, problems } from '../http/route-problems.ts';
import { createRouter } from '../http/router.ts';
import { trackingRecorders } from '../tracking/scope.ts';
import { visitDueQuery } from '../tracking/visit-due.ts';
import { applyRecord, checkDates, factsOf, householdInScopeAtCapture } from './apply.ts';
import {
  claimOfflineRecord,
  databaseNow,
  findOfflineRecord,
  packDetails,
  type StoredRecord,
  serverChangesSince,
  settleOfflineRecord,
} from './queries.ts';
import {
  batchBody,
  batchResult,
  type OfflineRecordInput,
  packSchema,
  type recordResult,
  resolveBody,
} from './schema.ts';

type RecordResult = (typeof recordResult)['_output'];

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

const outcomeOf = (stored: StoredRecord): RecordResult =>
  stored.status === 'conflict'
    ? { clientId: stored.clientId, status: 'conflict', ...(stored.conflict as object) }
    : {
        clientId: stored.clientId,
        status: 'duplicate',
        original: stored.status,
        visitId: stored.visitId ? String(stored.visitId) : null,
        assessmentId: stored.assessmentId ? String(stored.assessmentId) : null,
        incomeRecordIds: stored.incomeRecordIds,
      };

export function offlineRoutes({ db, config }: AppDeps) {
  const auditCaptured = (
    trx: typeof db,
    c: Context<AppEnv>,
    record: { clientId: string; capturedAt: Date; householdId: string },
    ids: { visitId: string | null; assessmentId: string | null; incomeRecordIds: string[] },
    how: 'batch' | 'resolve',
  ) => {
    const detail = {
      via: 'captured offline',
      clientId: record.clientId,
      capturedAt: record.capturedAt.toISOString(),
      householdId: record.householdId,
      how,
    };
    const entries = [
      ...(ids.visitId ? [{ resourceType: 'visit', resourceId: ids.visitId }] : []),
      ...(ids.assessmentId ? [{ resourceType: 'integration_assessment', resourceId: ids.assessmentId }] : []),
      ...ids.incomeRecordIds.map((id) => ({ resourceType: 'income_record', resourceId: id })),
    ];
    return Promise.all(entries.map((entry) => writeAudit(trx, c, { action: 'create', ...entry, detail })));
  };

  async function receive(c: Context<AppEnv>, actor: Actor, record: OfflineRecordInput, index: number) {
    const prefix = `json.records.${index}`;
    const capturedAt = new Date(record.capturedAt);
    return db.transaction().execute(async (trx): Promise<RecordResult> => {
      const earlier = await findOfflineRecord(trx, actor.userId, record.clientId);
      if (earlier) return outcomeOf(earlier);
      checkDates(record.kind, record.payload, capturedAt, prefix);
      const household = await householdInScopeAtCapture(trx, actor, record.householdId, capturedAt);
      const base = { householdVersion: record.base.householdVersion, factsAt: new Date(record.base.factsAt) };
      const claimed = await claimOfflineRecord(trx, {
        userId: actor.userId,
        clientId: record.clientId,
        kind: record.kind,
        householdId: household.id,
        countyCode: household.countyCode,
        capturedAt,
        baseHouseholdVersion: base.householdVersion,
        baseFactsAt: base.factsAt,
        payload: record.payload,
        photoDataUrl: record.photo ?? null,
        // A place is kept only with the resident's consent.
        location: record.location?.consent ? record.location : null,
      });
      if (!claimed) {
        // A concurrent delivery of the same record committed first: answer what it did.
        const other = await findOfflineRecord(trx, actor.userId, record.clientId);
        if (other) return outcomeOf(other);
        throw new AppError('conflict', 'The same record is being received; retry');
      }
      const server = await serverChangesSince(trx, actor.userId, {
        kind: record.kind,
        householdId: household.id,
        baseHouseholdVersion: base.householdVersion,
        baseFactsAt: base.factsAt,
        ...factsOf(record.kind, record.payload),
      });
      if (server) {
        const conflict = { server, mine: record.payload };
        await settleOfflineRecord(trx, actor.userId, record.clientId, { status: 'conflict', conflict });
        if (server.income.length > 0)
          await writeAudit(trx, c, {
            action: 'read',
            resourceType: 'household',
            resourceId: household.id,
            fields: ['amountYuan'],
            detail: { via: 'offline conflict', clientId: record.clientId },
          });
        return { clientId: record.clientId, status: 'conflict', ...conflict };
      }
      const ids = await applyRecord(trx, actor, household, record.kind, record.payload);
      await settleOfflineRecord(trx, actor.userId, record.clientId, { status: 'applied', ...ids });
      await auditCaptured(trx, c, { ...record, capturedAt }, ids, 'batch');
      return { clientId: record.clientId, status: 'applied', ...ids };
    });
  }

  return createRouter()
    .openapi(batchRoute, async (c) => {
      const actor = requireActor(c);
      requireRole(actor, ...trackingRecorders);
      const { records } = c.req.valid('json');
      const results: RecordResult[] = [];
      for (const [index, record] of records.entries()) {
        try {
          results.push(await receive(c, actor, record, index));
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
      const result = await db.transaction().execute(async (trx): Promise<RecordResult> => {
        const stored = await findOfflineRecord(trx, actor.userId, clientId, true);
        if (!stored) throw outOfScope('offline record');
        if (stored.status !== 'conflict') {
          const chosen = stored.status === 'discarded' ? 'server' : 'mine';
          if (chosen !== keep)
            throw new AppError('conflict', `This record was already resolved (${stored.status})`, {
              errors: [{ path: 'json.keep', message: `already resolved as ${chosen}` }],
            });
          return { ...outcomeOf(stored), status: stored.status };
        }
        if (keep === 'server') {
          await settleOfflineRecord(trx, actor.userId, clientId, { status: 'discarded', resolved: true });
          await writeAudit(trx, c, {
            action: 'discard (captured offline)',
            resourceType: 'household',
            resourceId: stored.householdId,
            detail: { clientId, kept: 'server' },
          });
          return { clientId, status: 'discarded' };
        }
        const household = await householdInScopeAtCapture(trx, actor, stored.householdId, stored.capturedAt);
        const record = { kind: stored.kind, payload: stored.payload } as Pick<OfflineRecordInput, 'kind' | 'payload'>;
        checkDates(record.kind, record.payload, stored.capturedAt, 'json');
        const ids = await applyRecord(trx, actor, household, record.kind, record.payload);
        await settleOfflineRecord(trx, actor.userId, clientId, { status: 'applied', resolved: true, ...ids });
        await auditCaptured(trx, c, stored, ids, 'resolve');
        return { clientId, status: 'applied', ...ids };
      });
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

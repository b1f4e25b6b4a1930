import type { Context } from 'hono';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { applyRecord, checkDates, factsOf, householdInScopeAtCapture } from './apply.ts';
import {
  claimOfflineRecord,
  findOfflineRecord,
  type StoredRecord,
  serverChangesSince,
  settleOfflineRecord,
} from './queries.ts';
import type { OfflineRecordInput, recordResult } from './schema.ts';

/**
 * Receiving records captured offline (issue 22), each in its own transaction: moved verbatim out
 * of routes.ts (issue 16: routes stay thin).
 */

export type RecordResult = (typeof recordResult)['_output'];

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

function auditCaptured(
  trx: Db,
  c: Context<AppEnv>,
  record: { clientId: string; capturedAt: Date; householdId: string },
  ids: { visitId: string | null; assessmentId: string | null; incomeRecordIds: string[] },
  how: 'batch' | 'resolve',
) {
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
}

/** One record of a batch: a duplicate answers what was done, else checked, claimed, applied or a conflict. */
export async function receiveOfflineRecord(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  record: OfflineRecordInput,
  index: number,
) {
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

/** A worker's choice for a conflicting offline record, in one transaction. */
export async function resolveOfflineRecord(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  clientId: string,
  keep: 'mine' | 'server',
) {
  return db.transaction().execute(async (trx): Promise<RecordResult> => {
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
}

import type { Context } from 'hono';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import { householdVisible, staffInScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { outOfScope } from '../http/problem.ts';
import { handOverHouseholds } from './responsible.ts';

/** 结对帮扶 and 工作交接: the helper assignments' reads and their audited writes. */

async function helperInScope(db: Db, actor: Actor, helperId: string) {
  const helper = await db
    .selectFrom('users')
    .select('users.id')
    .where('users.id', '=', helperId)
    .where('users.role', '=', 'helper')
    .where('users.status', '=', 'active')
    .where(staffInScope(actor))
    .executeTakeFirst();
  if (!helper) throw outOfScope('helper');
}

/** The helper assignments on the households the actor may see (a helper: their own), at most 2000. */
export function helperAssignmentList(
  db: Db,
  actor: Actor,
  { helperId, householdId }: { helperId?: string | undefined; householdId?: string | undefined },
) {
  let query = db
    .selectFrom('helperAssignments')
    .innerJoin('households', 'households.id', 'helperAssignments.householdId')
    .innerJoin('users', 'users.id', 'helperAssignments.userId')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .where(householdVisible(actor))
    .select([
      'helperAssignments.userId as helperId',
      'users.name as helperName',
      'households.id as householdId',
      'households.householdNumber',
      'site.id as siteId',
      'site.name as siteName',
    ]);
  if (actor.role === 'helper') query = query.where('helperAssignments.userId', '=', actor.userId);
  if (helperId) query = query.where('helperAssignments.userId', '=', helperId);
  if (householdId) query = query.where('households.id', '=', householdId);
  return query.orderBy('households.householdNumber').limit(2000).execute();
}

/** Assigns households the actor may see to a helper in scope; answers how many were new. */
export function assignHelper(db: Db, c: Context<AppEnv>, actor: Actor, helperId: string, householdIds: string[]) {
  return db.transaction().execute(async (trx) => {
    await helperInScope(trx, actor, helperId);
    const wanted = [...new Set(householdIds)];
    const households = await trx
      .selectFrom('households')
      .select(['households.id', 'households.countyCode'])
      .where('households.id', 'in', wanted)
      .where(householdVisible(actor))
      .execute();
    if (households.length !== wanted.length) throw outOfScope('household');
    const inserted = await trx
      .insertInto('helperAssignments')
      .values(households.map((h) => ({ userId: helperId, householdId: h.id, countyCode: h.countyCode })))
      .onConflict((oc) => oc.columns(['userId', 'householdId']).doNothing())
      .executeTakeFirst();
    await writeAudit(trx, c, {
      action: 'helper.assign',
      resourceType: 'user',
      resourceId: helperId,
      detail: { householdIds: wanted },
    });
    return Number(inserted.numInsertedOrUpdatedRows ?? 0);
  });
}

/** Ends a helper's assignment to a household the actor may see (404 when there is none). */
export function unassignHelper(db: Db, c: Context<AppEnv>, actor: Actor, helperId: string, householdId: string) {
  return db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom('households')
      .select('households.id')
      .where('households.id', '=', householdId)
      .where(householdVisible(actor))
      .executeTakeFirst();
    if (!visible) throw outOfScope('household');
    const removed = await trx
      .deleteFrom('helperAssignments')
      .where('userId', '=', helperId)
      .where('householdId', '=', householdId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw outOfScope('assignment');
    await writeAudit(trx, c, {
      action: 'helper.unassign',
      resourceType: 'user',
      resourceId: helperId,
      detail: { householdId },
    });
  });
}

/** Hands every household of one worker over to another, with their open alerts, audited. */
export function handOver(db: Db, c: Context<AppEnv>, actor: Actor, fromWorkerId: string, toWorkerId: string) {
  return db.transaction().execute(async (trx) => {
    const result = await handOverHouseholds(trx, actor, fromWorkerId, toWorkerId);
    await writeAudit(trx, c, {
      action: 'household.hand-over',
      resourceType: 'household',
      detail: { fromWorkerId, toWorkerId, ...result },
    });
    return result;
  });
}

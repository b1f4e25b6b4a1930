import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible, siteCoveredBy, staffInScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { AppError, outOfScope } from '../http/problem.ts';

/**
 * 帮扶责任人: the community worker answering for a household. Set per household (the household
 * form, validated here) or handed over in bulk when a worker leaves.
 */

/** Whether a worker account is active and assigned a region containing the site. */
function workerCoversSite(db: Db, workerId: string, siteId: string) {
  return db
    .selectFrom('users')
    .select('users.id')
    .where('users.id', '=', workerId)
    .where('users.role', '=', 'worker')
    .where('users.status', '=', 'active')
    .where(siteCoveredBy(sql.ref('users.id'), sql`${siteId}`))
    .executeTakeFirst();
}

/** Refuses a responsible worker who is not an active worker of the household's site. */
export async function assertResponsibleWorker(db: Db, workerId: string, siteId: string, field: string) {
  if (await workerCoversSite(db, workerId, siteId)) return;
  throw new AppError('validation', 'The responsible worker does not work on this site', {
    reason: 'responsible-worker-not-on-site',
    errors: [{ path: field, message: '这位社区工作者不负责这个安置点' }],
  });
}

async function workerInScope(db: Db, actor: Actor, workerId: string) {
  const worker = await db
    .selectFrom('users')
    .select(['users.id', 'users.status'])
    .where('users.id', '=', workerId)
    .where('users.role', '=', 'worker')
    .where(staffInScope(actor))
    .executeTakeFirst();
  if (!worker) throw outOfScope('worker');
  return worker;
}

/**
 * 工作交接: every household of worker `fromId` the actor may write goes to worker `toId`, with
 * their open alerts. Refused when `toId` does not work on some of those households' sites.
 */
export async function handOverHouseholds(db: Db, actor: Actor, fromId: string, toId: string) {
  await workerInScope(db, actor, fromId);
  const to = await workerInScope(db, actor, toId);
  if (fromId === toId) {
    throw new AppError('validation', 'Hand over to another worker', {
      reason: 'hand-over-same-worker',
      errors: [{ path: 'json.toWorkerId', message: '接手的人不能是原来的工作者', code: 'same-worker' }],
    });
  }
  if (to.status !== 'active') {
    throw new AppError('validation', 'The receiving worker is disabled', {
      reason: 'hand-over-worker-disabled',
      errors: [{ path: 'json.toWorkerId', message: '接手的账号已停用', code: 'account-disabled' }],
    });
  }
  const households = await db
    .selectFrom('households')
    .select(['households.id', siteCoveredBy(sql`${toId}`, sql.ref('households.site_id')).as('covered')])
    .where('households.responsibleWorkerId', '=', fromId)
    .where(householdVisible(actor))
    .forUpdate()
    .execute();
  const uncovered = households.filter((household) => !household.covered).length;
  if (uncovered > 0) {
    throw new AppError('conflict', 'The receiving worker does not work on some of these sites', {
      reason: 'hand-over-not-on-site',
      households: uncovered,
      errors: [
        { path: 'json.toWorkerId', message: `有 ${uncovered} 户所在的安置点不归这位工作者负责`, code: 'not-on-site' },
      ],
    });
  }
  const ids = households.map((household) => household.id);
  if (ids.length === 0) return { households: 0, alerts: 0 };
  await db
    .updateTable('households')
    .set((eb) => ({ responsibleWorkerId: toId, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', 'in', ids)
    .execute();
  const alerts = await db
    .updateTable('alerts')
    .set({ responsibleWorkerId: toId })
    .where('householdId', 'in', ids)
    .where('responsibleWorkerId', '=', fromId)
    .where('state', 'in', ['open', 'acknowledged'])
    .executeTakeFirst();
  return { households: ids.length, alerts: Number(alerts.numUpdatedRows) };
}

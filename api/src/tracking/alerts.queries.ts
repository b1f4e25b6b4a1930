import type { SupportMeasure } from '@anju/domain/enums';
import type { Updateable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { type PageRequest, paged } from '../http/paging.ts';
import { AppError } from '../http/problem.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import { scopedHouseholds } from './scope.ts';
import type { AlertState, AlertTable } from './tracking.tables.ts';

function scopedAlerts(db: Db, actor: Actor) {
  return scopedHouseholds(db, actor)
    .innerJoin('alerts', 'alerts.householdId', 'households.id')
    .leftJoin('users as responsible', 'responsible.id', 'alerts.responsibleWorkerId');
}

const alertColumns = [
  'alerts.id',
  'alerts.householdId',
  'households.householdNumber',
  'alerts.ruleId',
  'alerts.state',
  'alerts.explanationZh',
  'alerts.explanationEn',
  'alerts.facts',
  'alerts.responsibleWorkerId',
  'responsible.name as responsibleWorkerName',
  'alerts.deadline',
  'alerts.openedAt',
  'alerts.measure',
  'alerts.closeNote',
  'alerts.escalatedAt',
  'alerts.escalatedTo',
] as const;

/** One alert in the actor's scope, or undefined. */
export function findAlert(db: Db, actor: Actor, id: string) {
  return scopedAlerts(db, actor).select(alertColumns).where('alerts.id', '=', id).executeTakeFirst();
}

/** A page of the alerts (预警) in the actor's scope, earliest deadline first. */
export function listAlerts(
  db: Db,
  actor: Actor,
  {
    state,
    ruleId,
    householdId,
    mine,
  }: { state: 'active' | AlertState; ruleId?: string; householdId?: string; mine?: 'true' | 'false' },
  pageRequest: PageRequest,
) {
  let query = scopedAlerts(db, actor);
  query =
    state === 'active'
      ? query.where('alerts.state', 'in', ['open', 'acknowledged'])
      : query.where('alerts.state', '=', state);
  if (ruleId) query = query.where('alerts.ruleId', '=', ruleId);
  if (householdId) query = query.where('alerts.householdId', '=', householdId);
  if (mine === 'true') query = query.where('alerts.responsibleWorkerId', '=', actor.userId);
  return paged(query, (q) => q.select(alertColumns).orderBy('alerts.deadline').orderBy('alerts.id'), pageRequest);
}

/** Moves an alert on, only from one of the `from` states (a concurrent move is left alone). */
export async function setAlertState(db: Db, id: string, from: AlertState[], set: Updateable<AlertTable>) {
  await db.updateTable('alerts').set(set).where('id', '=', id).where('state', 'in', from).execute();
}

/**
 * Resolves an alert with the measure taken: re-evaluates the household's rules and keeps the
 * measure when that closed the alert; when the condition still holds, a conflict (nothing changes).
 */
export function resolveAlert(
  db: Db,
  alert: { householdId: string; ruleId: string },
  id: string,
  { measure, note }: { measure: SupportMeasure; note?: string | null },
) {
  return db.transaction().execute(async (trx) => {
    await evaluateAlerts(trx, { householdIds: [alert.householdId] });
    const after = await trx.selectFrom('alerts').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    if (after.state === 'open' || after.state === 'acknowledged')
      throw new AppError('conflict', 'The alert’s condition still holds: it closes when the condition ends', {
        reason: 'condition-holds',
        ruleId: alert.ruleId,
      });
    await trx
      .updateTable('alerts')
      .set(note ? { measure, closeNote: note } : { measure })
      .where('id', '=', id)
      .execute();
  });
}

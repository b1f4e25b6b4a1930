import type { z } from '@hono/zod-openapi';
import type { Actor } from '../access/actor.ts';
import { requireRole } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { type PageRequest, paged } from '../http/paging.ts';
import { AppError, outOfScope } from '../http/problem.ts';
import { dibaoTransitions, insertFirstEnrolment } from './dibao.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import type { dibaoCreateBody } from './schema.ts';
import { type ScopedHousehold, scopedHouseholds, trackingReaders } from './scope.ts';
import type { DibaoState } from './tracking.tables.ts';

/** One 低保 enrolment the actor sees, or out-of-scope (an unknown id answers the same). */
export async function findEnrolment(db: Db, actor: Actor, id: string) {
  requireRole(actor, ...trackingReaders);
  if (!/^\d{1,18}$/.test(id)) throw outOfScope('dibao enrolment');
  const row = await scopedHouseholds(db, actor)
    .innerJoin('dibaoEnrolments', 'dibaoEnrolments.householdId', 'households.id')
    .selectAll('dibaoEnrolments')
    .where('dibaoEnrolments.id', '=', id)
    .executeTakeFirst();
  if (!row) throw outOfScope('dibao enrolment');
  return row;
}

export async function presentEnrolment(db: Db, row: Awaited<ReturnType<typeof findEnrolment>>, withEvents: boolean) {
  const events = withEvents
    ? await db
        .selectFrom('dibaoEvents')
        .select(['fromState', 'toState', 'onDate', 'reason', 'class', 'monthlyAmountYuan', 'validUntil'])
        .where('enrolmentId', '=', row.id)
        .orderBy('onDate')
        .orderBy('id')
        .execute()
    : undefined;
  return {
    id: row.id,
    householdId: row.householdId,
    state: row.state,
    class: row.class,
    monthlyAmountYuan: row.monthlyAmountYuan === null ? null : Number(row.monthlyAmountYuan),
    validUntil: row.validUntil,
    stateSince: row.stateSince,
    allowedNext: [...dibaoTransitions[row.state]],
    events: events?.map((e) => ({
      ...e,
      monthlyAmountYuan: e.monthlyAmountYuan === null ? null : Number(e.monthlyAmountYuan),
    })),
  };
}

/** A page of the 低保 enrolments of households in the actor's scope, oldest record first. */
export function listEnrolments(
  db: Db,
  actor: Actor,
  { householdId, state }: { householdId?: string; state?: DibaoState },
  pageRequest: PageRequest,
) {
  let query = scopedHouseholds(db, actor).innerJoin('dibaoEnrolments', 'dibaoEnrolments.householdId', 'households.id');
  if (householdId) query = query.where('dibaoEnrolments.householdId', '=', householdId);
  if (state) query = query.where('dibaoEnrolments.state', '=', state);
  return paged(query, (q) => q.selectAll('dibaoEnrolments').orderBy('dibaoEnrolments.id'), pageRequest);
}

/**
 * Starts a household's 低保 record (not applied) with its first event, and re-evaluates the
 * household's alerts, in one transaction; a household with a record already is a conflict.
 */
export function createEnrolment(
  db: Db,
  household: Pick<ScopedHousehold, 'id' | 'countyCode'>,
  recordedBy: string,
  input: z.infer<typeof dibaoCreateBody>,
) {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('dibaoEnrolments')
      .select(['id', 'state'])
      .where('householdId', '=', household.id)
      .executeTakeFirst();
    if (existing)
      throw new AppError('conflict', `The household has a 低保 record already (${existing.state}); add a transition`, {
        enrolmentId: existing.id,
      });
    const row = await insertFirstEnrolment(trx, household, {
      state: input.state,
      on: input.on,
      reason: input.reason ?? null,
      recordedBy,
    });
    await evaluateAlerts(trx, { householdIds: [household.id] });
    return row;
  });
}

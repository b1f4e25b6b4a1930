import type { MonitoringCategory } from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { type PageRequest, paged } from '../http/paging.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import { recordVisit, type VisitInput, visitColumns } from './record-visit.ts';
import { type ScopedHousehold, scopedHouseholds } from './scope.ts';

/** A page of the home visits (走访) the actor sees, newest first. */
export function listVisits(db: Db, actor: Actor, filter: { householdId?: string } & PageRequest) {
  let query = scopedHouseholds(db, actor).innerJoin('visits', 'visits.householdId', 'households.id');
  if (filter.householdId) query = query.where('visits.householdId', '=', filter.householdId);
  return paged(
    query,
    (q) => q.select(visitColumns).orderBy('visits.visitedOn', 'desc').orderBy('visits.id', 'desc'),
    filter,
  );
}

/**
 * Records a visit (with its month's income) and evaluates the household's alerts once, after the
 * visit and its income, in one transaction: an alert the income answers resolves now.
 */
export function recordVisitEvaluated(
  db: Db,
  household: Pick<ScopedHousehold, 'id' | 'countyCode'>,
  workerId: string,
  input: VisitInput,
) {
  return db.transaction().execute(async (trx) => {
    const { visit } = await recordVisit(trx, household, workerId, input);
    await evaluateAlerts(trx, { householdIds: [household.id] });
    return visit;
  });
}

/** Sets a category's visit interval; the interval in force is a policy value, everywhere from `year` on. */
export function setVisitInterval(
  db: Db,
  category: MonitoringCategory,
  intervalDays: number,
  year: number,
  updatedBy: string,
) {
  return db.transaction().execute(async (trx) => {
    await sql`insert into visit_schedules (monitoring_category, interval_days) values (${category}, ${intervalDays})
      on conflict (monitoring_category) do update set interval_days = excluded.interval_days, updated_at = now()`.execute(
      trx,
    );
    await sql`insert into policy_values (key, region_code, year, value, updated_by)
      values (${`visit_interval_days:${category}`}, null, ${year}, ${intervalDays}, ${updatedBy})
      on conflict (key, coalesce(region_code, ''), year)
      do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`.execute(trx);
  });
}

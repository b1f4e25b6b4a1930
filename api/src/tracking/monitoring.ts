import { monthStart } from '@anju/domain/dates';
import type { MonitoringCategory } from '@anju/domain/enums';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/problem.ts';
import { householdsById, incomeSeriesCte, lineInForceSql } from './income.ts';
import { measuresWithin, monitoringSince } from './measures.ts';
import type { ScopedHousehold } from './scope.ts';

/** Months of income above the line that 风险消除 requires, policy-set. */
export const ELIMINATION_MONTHS_ABOVE_LINE = 6;

export interface GuardResult {
  guard: 'income_above_line' | 'support_measure' | 'able_to_work';
  passed: boolean;
  detail: string;
}

/**
 * The guards on 风险消除 (a monitored household leaving monitoring):
 * - each of the 6 calendar months before the month of the decision has income recorded, and
 *   that month's per-capita net income, annualised (× 12 ÷ members), is above the line in force
 *   for that month's year;
 * - at least one support measure (帮扶措施 record) was in force within the monitoring period, from
 *   the day the household entered monitoring to the decision; an older measure does not count;
 * - at least one member is able to work (full or weak labour capacity): a household without
 *   labour is never eliminated, its support continues.
 */
export async function eliminationGuards(db: Db, householdId: string, on: string): Promise<GuardResult[]> {
  const from = monthStart(on, -ELIMINATION_MONTHS_ABOVE_LINE);
  const to = monthStart(on);
  const { rows } = await sql<{ month: string; perCapita: number | null; line: number | null }>`
    with ${incomeSeriesCte(householdsById([householdId]), from, to)}
    select to_char(m, 'YYYY-MM-DD') as month,
      s.net * 12 / nullif((select count(*) from persons p where p.household_id = ${householdId}::bigint), 0) as "perCapita",
      ${lineInForceSql(sql`hh.county_code`, sql`extract(year from m)::int`)} as line
    from hh cross join generate_series(${from}::date, ${to}::date - interval '1 month', interval '1 month') m
    left join series s on s.household_id = hh.id and s.month = m::date
    order by m`.execute(db);
  const failing = rows.filter(
    (row) => row.perCapita === null || row.line === null || Number(row.perCapita) <= Number(row.line),
  );
  const since = await monitoringSince(db, householdId, on);
  const measures = await measuresWithin(db, householdId, since, on);
  const able = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('householdId', '=', householdId)
    .where('laborCapacity', 'in', ['full', 'weak'])
    .executeTakeFirstOrThrow();
  return [
    {
      guard: 'income_above_line',
      passed: failing.length === 0,
      detail:
        failing.length === 0
          ? `per-capita income above the line in each month ${from.slice(0, 7)} … ${monthStart(on, -1).slice(0, 7)}`
          : `not above the line (or no income recorded) in ${failing.map((row) => row.month.slice(0, 7)).join(', ')}`,
    },
    {
      guard: 'support_measure',
      passed: measures.length > 0,
      detail: `${measures.length} support measure(s) in force since monitoring began on ${since}`,
    },
    {
      guard: 'able_to_work',
      passed: Number(able.n) > 0,
      detail: `${able.n} member(s) able to work`,
    },
  ];
}

/**
 * Moves a household into monitoring (监测户) or out of it through risk elimination (风险消除).
 * The household row changes category; the change is a dated registry_history row, so the
 * record of having been monitored stays.
 */
export async function changeMonitoringCategory(
  trx: Db,
  actor: Actor,
  household: ScopedHousehold,
  change: { category: MonitoringCategory; on: string; reason: string },
): Promise<{ guards: GuardResult[] }> {
  const from = household.monitoringCategory;
  if (from === change.category)
    throw new AppError('conflict', `The household is already in monitoring category ${from}`);
  let guards: GuardResult[] = [];
  if (change.category === 'none') {
    guards = await eliminationGuards(trx, household.id, change.on);
    const failed = guards.filter((g) => !g.passed);
    if (failed.length)
      throw new AppError('conflict', `风险消除 refused: ${failed.map((g) => g.guard).join(', ')}`, {
        code: 'guards-failed',
        failedGuards: failed.map((g) => g.guard),
        errors: failed.map((g) => ({ path: `guards.${g.guard}`, message: g.detail })),
        guards,
      });
  }
  await trx
    .updateTable('households')
    .set((eb) => ({ monitoringCategory: change.category, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', household.id)
    .execute();
  await trx
    .insertInto('registryHistory')
    .values({
      countyCode: household.countyCode,
      householdId: household.id,
      personId: null,
      attribute: 'monitoring_category',
      value: change.category,
      detail: JSON.stringify({ from, reason: change.reason, elimination: change.category === 'none' }),
      validFrom: change.on,
      recordedBy: actor.userId,
    })
    .execute();
  return { guards };
}

import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The support measures (帮扶措施) of a household in force at some time between `from` and `to`
 * (inclusive): started on or before `to`, and not ended before `from`.
 */
export function measuresWithin(db: Db, householdId: string, from: string, to: string) {
  return db
    .selectFrom('supportMeasures')
    .select(['id', 'kind', 'startedOn', 'endedOn'])
    .where('householdId', '=', householdId)
    .where('startedOn', '<=', to)
    .where((eb) => eb.or([eb('endedOn', 'is', null), eb('endedOn', '>=', from)]))
    .orderBy('startedOn')
    .execute();
}

/**
 * The day the household's current monitoring period began (it entered 监测 and has not left
 * since), as of `on`: the first move into a monitoring category after its last elimination in
 * registry history; a household registered as monitored with no such history counts from its
 * registration.
 */
export async function monitoringSince(db: Db, householdId: string, on: string): Promise<string> {
  const { rows } = await sql<{ since: string }>`
    with moves as (
      select valid_from, value from registry_history
      where household_id = ${householdId}::bigint and attribute = 'monitoring_category' and valid_from <= ${on}::date
    ), last_exit as (select max(valid_from) as d from moves where value = 'none')
    select to_char(coalesce(
      (select min(valid_from) from moves, last_exit where value <> 'none' and (last_exit.d is null or valid_from > last_exit.d)),
      (select created_at::date from households where id = ${householdId}::bigint)), 'YYYY-MM-DD') as since`.execute(db);
  return rows[0]?.since ?? on;
}

const measureColumns = [
  'm.id',
  'm.householdId',
  'm.personId',
  'p.name as personName',
  'm.kind',
  'm.startedOn',
  'm.endedOn',
  'm.amountYuan',
  'm.responsibleUnit',
  'm.note',
  'm.recordedBy',
  'u.name as recordedByName',
] as const;

/** A household's support measures (帮扶措施), newest first. */
export function listMeasures(db: Db, householdId: string, measureId?: string) {
  let query = db
    .selectFrom('supportMeasures as m')
    .leftJoin('persons as p', 'p.id', 'm.personId')
    .leftJoin('users as u', 'u.id', 'm.recordedBy')
    .select(measureColumns)
    .where('m.householdId', '=', householdId);
  if (measureId) query = query.where('m.id', '=', measureId);
  return query.orderBy('m.startedOn', 'desc').orderBy('m.id', 'desc').execute();
}

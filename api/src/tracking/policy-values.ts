import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The value of a policy key (政策参数) for a place and year, as SQL: among the rows of the key
 * whose region is the place itself or one of its ancestors (or null: everywhere), the most
 * specific region wins, then the latest year not after the one asked. Null when none applies.
 */
export function policyValueSql(
  key: RawBuilder<unknown> | string,
  regionCode: RawBuilder<unknown>,
  year: RawBuilder<unknown> | number,
) {
  return sql<number | null>`(select pv.value from policy_values pv
    left join regions pr on pr.code = pv.region_code
    where pv.key = ${key} and pv.year <= ${year}
      and (pv.region_code is null
        or pv.region_code = ${regionCode}
        or exists (select 1 from regions asked where asked.code = ${regionCode} and asked.path like pr.path || '%'))
    order by (pv.region_code is null), length(pr.path) desc nulls last, pv.year desc limit 1)`;
}

/** `policyValueSql` for one key, place and year. */
export async function policyValue(
  db: Db,
  key: string,
  regionCode: string | null,
  year: number,
): Promise<number | null> {
  const { rows } = await sql<{
    value: number | null;
  }>`select ${policyValueSql(key, sql`${regionCode}::text`, year)} as value`.execute(db);
  const value = rows[0]?.value;
  return value === null || value === undefined ? null : Number(value);
}

/**
 * The `vs` relation the visit-due SQL joins (`vs.interval_days`): the visit interval of the
 * household's monitoring category in its county that year, from the policy values.
 */
export function visitIntervalJoin(categoryRef: RawBuilder<unknown>, countyRef: RawBuilder<unknown>, year: number) {
  return sql`left join lateral (select ${policyValueSql(sql`'visit_interval_days:' || ${categoryRef}`, countyRef, year)}::int as interval_days) vs on true`;
}

/**
 * The visit interval of each (county, category) pair in `facts` (a relation with the columns
 * `county_code` and `monitoring_category`, e.g. a CTE of household summaries), as rows
 * `(county_code, monitoring_category, interval_days)`: the policy is looked up once per pair,
 * not once per household. Joined as `vs` (on both columns) it gives `summaryDueOnSql` the same
 * `vs.interval_days` as `visitIntervalJoin` does row by row (issue 23: at city scale those
 * per-household lookups were most of the worklist counts' time).
 */
export function visitIntervalsOf(facts: RawBuilder<unknown>, year: number) {
  return sql`select pairs.county_code, pairs.monitoring_category,
      ${policyValueSql(sql`'visit_interval_days:' || pairs.monitoring_category`, sql`pairs.county_code`, year)}::int as interval_days
    from (select distinct county_code, monitoring_category from ${facts}) pairs`;
}

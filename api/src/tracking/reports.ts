import { sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { employedStatuses } from '../registry/registry.tables.ts';
import { monthStart } from './dates.ts';
import { finishPerCapita, type HouseholdSet, incomeSeriesCte, perCapitaSelect, round2 } from './income.ts';
import { householdScope, underRegion } from './scope.ts';

/** The households of a region that the actor may see, as a HouseholdSet. */
export function scopedRegionHouseholds(db: Db, actor: Actor, regionPath: string): HouseholdSet {
  const query = db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select(['households.id', 'households.countyCode'])
    .where(householdScope(actor) as never)
    .where(underRegion(regionPath));
  return sql`${query}`;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round2(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
};

/**
 * A site or region dashboard for the months [from, to] ('YYYY-MM-01' each). Income figures
 * are as of the end of `to` (12 months ending with `to`); counts of people are the registry now.
 */
export async function regionReport(
  db: Db,
  actor: Actor,
  region: { code: string; name: string; level: string; path: string },
  from: string,
  to: string,
  today: string,
) {
  const households = scopedRegionHouseholds(db, actor, region.path);
  const end = monthStart(to, 1);
  const windowFrom = monthStart(end, -12);
  const lineYear = Number(to.slice(0, 4));
  const employed = sql.val([...employedStatuses]);

  const [people, perCapitaRows, trend, integration, workers] = await Promise.all([
    sql<{ households: number; able: number; employed: number; zeroEmployment: number }>`
      with hh as (${households}),
      per_household as (
        select hh.id, count(p.id) filter (where p.labor_capacity in ('full', 'weak')) as able,
          count(p.id) filter (where p.labor_capacity in ('full', 'weak') and p.employment_status = any(${employed}::text[])) as employed_able,
          count(p.id) filter (where p.employment_status = any(${employed}::text[])) as employed_any
        from hh left join persons p on p.household_id = hh.id group by hh.id
      )
      select count(*)::int as households, coalesce(sum(able), 0)::int as able, coalesce(sum(employed_able), 0)::int as employed,
        (count(*) filter (where able > 0 and employed_any = 0))::int as "zeroEmployment"
      from per_household`.execute(db),
    sql<Parameters<typeof finishPerCapita>[0] & { dibaoState: string | null }>`
      with ${incomeSeriesCte(households, windowFrom, end)},
      pc as (${perCapitaSelect(windowFrom, end, lineYear)})
      select pc.*, d.state as "dibaoState" from pc left join dibao_enrolments d on d.household_id = pc."householdId"::bigint`.execute(
      db,
    ),
    sql<{ month: string; median: number | null; households: number }>`
      with ${incomeSeriesCte(households, from, end)},
      members as (select p.household_id, count(*) as n from persons p join hh on hh.id = p.household_id group by 1)
      select to_char(s.month, 'YYYY-MM') as month, count(*)::int as households,
        percentile_cont(0.5) within group (order by s.net * 12 / m.n) as median
      from series s join members m on m.household_id = s.household_id
      group by s.month order by s.month`.execute(db),
    sql<Record<string, number | string>>`
      with hh as (${households})
      select to_char(date_trunc('month', a.assessed_on), 'YYYY-MM') as month, count(*)::int as assessments,
        round(avg(a.economic), 2) as economic, round(avg(a.social_ties), 2) as "socialTies",
        round(avg(a.daily_life_services), 2) as "dailyLifeServices",
        round(avg(a.cultural_participation), 2) as "culturalParticipation",
        round(avg(a.psychological_belonging), 2) as "psychologicalBelonging"
      from integration_assessments a join hh on hh.id = a.household_id
      where a.assessed_on >= ${from}::date and a.assessed_on < ${end}::date
      group by 1 order by 1`.execute(db),
    sql<{
      workerId: string | null;
      workerName: string | null;
      households: number;
      openAlerts: number;
      overdueAlerts: number;
      overdueVisits: number;
      visitsInRange: number;
    }>`
      with hh as (${households}),
      due as (
        select h.id, h.responsible_worker_id,
          coalesce(lv.next_visit_due, lv.visited_on + coalesce(vs.interval_days, 90),
            (h.created_at at time zone 'Asia/Shanghai')::date + coalesce(vs.interval_days, 90)) as due_on
        from hh join households h on h.id = hh.id
        left join visit_schedules vs on vs.monitoring_category = h.monitoring_category
        left join lateral (select visited_on, next_visit_due from visits where household_id = h.id
          order by visited_on desc, id desc limit 1) lv on true
      )
      select due.responsible_worker_id::text as "workerId", u.name as "workerName", count(*)::int as households,
        coalesce(sum(al.open), 0)::int as "openAlerts", coalesce(sum(al.overdue), 0)::int as "overdueAlerts",
        (count(*) filter (where due.due_on < ${today}::date))::int as "overdueVisits",
        coalesce(sum(vr.n), 0)::int as "visitsInRange"
      from due left join users u on u.id = due.responsible_worker_id
      left join (select household_id, count(*) as open, count(*) filter (where deadline < ${today}::date) as overdue
        from alerts where state in ('open', 'acknowledged') and household_id in (select id from hh)
        group by household_id) al on al.household_id = due.id
      left join (select household_id, count(*) as n from visits
        where visited_on >= ${from}::date and visited_on < ${end}::date and household_id in (select id from hh)
        group by household_id) vr on vr.household_id = due.id
      group by due.responsible_worker_id, u.name order by u.name nulls last`.execute(db),
  ]);

  const incomes = perCapitaRows.rows.map((row) => ({
    ...finishPerCapita(row, windowFrom, end),
    dibaoState: row.dibaoState,
  }));
  const withData = incomes.filter((row) => row.perCapitaNetIncome !== null);
  const comparable = withData.filter((row) => row.line !== null);
  const below = comparable.filter((row) => (row.perCapitaNetIncome as number) < (row.line as number));
  const covered = below.filter((row) => ['enrolled', 'review_due', 'renewed'].includes(row.dibaoState ?? ''));
  const counts = people.rows[0];
  return {
    region: { code: region.code, name: region.name, level: region.level },
    from: from.slice(0, 7),
    to: to.slice(0, 7),
    households: counts.households,
    peopleWithLabourCapacity: counts.able,
    employedWithLabourCapacity: counts.employed,
    employmentRate: counts.able ? round2(counts.employed / counts.able) : null,
    householdsWithNoOneEmployed: counts.zeroEmployment,
    income: {
      householdsWithData: withData.length,
      medianPerCapitaNetIncome: median(withData.map((row) => row.perCapitaNetIncome as number)),
      householdsBelowLine: below.length,
      shareBelowLine: comparable.length ? round2(below.length / comparable.length) : null,
      dibaoCoverageOfBelowLine: below.length ? round2(covered.length / below.length) : null,
      /** Per month: median of that month's net income × 12 ÷ members, among households with data. */
      trend: trend.rows.map((row) => ({
        month: row.month,
        medianPerCapitaAnnualised: row.median === null ? null : round2(Number(row.median)),
        households: row.households,
      })),
    },
    integrationTrend: integration.rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, key === 'month' ? value : Number(value)])),
    ),
    byResponsibleWorker: workers.rows,
  };
}

import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { householdVisible, regionScope } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { monthStart } from './dates.ts';
import { type HouseholdSet, lineInForceSql, round2 } from './income.ts';
import { underRegion } from './scope.ts';

/** The households of a region that the actor may see, as a HouseholdSet (the exports use it). */
export function scopedRegionHouseholds(db: Db, actor: Actor, regionPath: string): HouseholdSet {
  const query = db
    .selectFrom('households')
    .innerJoin('regions as site', 'site.id', 'households.siteId')
    .select(['households.id', 'households.countyCode'])
    .where(householdVisible(actor))
    .where(underRegion(regionPath));
  return sql`${query}`;
}

/**
 * The sites of a region the actor may see, as a SQL select of `id`. Dashboards are for workers,
 * officials and admins, whose scope is always a set of region paths, so a set of sites.
 */
export function scopedRegionSites(db: Db, actor: Actor, regionPath: string): RawBuilder<unknown> {
  const query = db
    .selectFrom('regions as site')
    .select('site.id')
    .where(regionScope(actor, 'site.path') as never)
    .where(underRegion(regionPath));
  return sql`${query}`;
}

const dibaoCovered = sql`('enrolled', 'review_due', 'renewed')`;

/**
 * A site or region dashboard for the months [from, to] ('YYYY-MM-01' each). Income figures
 * are as of the end of `to` (12 months ending with `to`); counts of people are the registry now.
 * Everything is read from the household summaries (kept on write), filtered by site, so a
 * region of any size costs a few index range scans, not a pass over the income ledger.
 */
export async function regionReport(
  db: Db,
  actor: Actor,
  region: { code: string; name: string; level: string; path: string },
  from: string,
  to: string,
  today: string,
) {
  const sites = scopedRegionSites(db, actor, region.path);
  const end = monthStart(to, 1);
  const lineYear = Number(to.slice(0, 4));
  const counties = sql`select distinct site.county_code from regions site where site.id in (${sites})`;

  const [people, income, trend, integration, workers] = await Promise.all([
    sql<{ households: number; able: number; employed: number; zeroEmployment: number }>`
      select count(*)::int as households, coalesce(sum(able), 0)::int as able,
        coalesce(sum(employed_able), 0)::int as employed,
        (count(*) filter (where able > 0 and employed_any = 0))::int as "zeroEmployment"
      from household_summary where site_id in (${sites})`.execute(db),
    sql<{
      withData: number;
      median: number | null;
      comparable: number;
      below: number;
      covered: number;
    }>`
      with lines as (select c.county_code, ${lineInForceSql(sql`c.county_code`, lineYear)} as line from (${counties}) c),
      pc as (
        select round(s.window_per_capita, 2) as per_capita, l.line, d.state as dibao_state
        from household_month_summary s
        left join lines l on l.county_code = s.county_code
        left join dibao_enrolments d on d.household_id = s.household_id
        where s.site_id in (${sites}) and s.month = ${to}::date
      )
      select (count(*) filter (where per_capita is not null))::int as "withData",
        percentile_cont(0.5) within group (order by per_capita) as median,
        (count(*) filter (where per_capita is not null and line is not null))::int as comparable,
        (count(*) filter (where per_capita < line))::int as below,
        (count(*) filter (where per_capita < line and dibao_state in ${dibaoCovered}))::int as covered
      from pc`.execute(db),
    // One month at a time (a lateral per month): each month's ~50k values are read in index
    // order and sorted alone, instead of sorting the whole range by month first (measured at
    // city scale: half the time).
    sql<{ month: string; median: number | null; households: number }>`
      select to_char(m, 'YYYY-MM') as month, s.households, s.median
      from generate_series(${from}::date, ${to}::date, interval '1 month') m
      cross join lateral (
        select count(*)::int as households, percentile_cont(0.5) within group (order by per_capita_month) as median
        from household_month_summary
        where site_id in (${sites}) and month = m::date and per_capita_month is not null
      ) s
      where s.households > 0
      order by m`.execute(db),
    sql<Record<string, number | string>>`
      select to_char(date_trunc('month', a.assessed_on), 'YYYY-MM') as month, count(*)::int as assessments,
        round(avg(a.economic), 2) as economic, round(avg(a.social_ties), 2) as "socialTies",
        round(avg(a.daily_life_services), 2) as "dailyLifeServices",
        round(avg(a.cultural_participation), 2) as "culturalParticipation",
        round(avg(a.psychological_belonging), 2) as "psychologicalBelonging"
      from integration_assessments a join household_summary hs on hs.household_id = a.household_id
      where hs.site_id in (${sites}) and a.assessed_on >= ${from}::date and a.assessed_on < ${end}::date
      group by date_trunc('month', a.assessed_on) order by date_trunc('month', a.assessed_on)`.execute(db),
    sql<{
      workerId: string | null;
      workerName: string | null;
      households: number;
      openAlerts: number;
      overdueAlerts: number;
      overdueVisits: number;
      visitsInRange: number;
    }>`
      with hh as materialized (
        select hs.household_id, hs.responsible_worker_id,
          coalesce(hs.last_next_visit_due, hs.last_visited_on + coalesce(vs.interval_days, 90),
            hs.created_on + coalesce(vs.interval_days, 90)) as due_on
        from household_summary hs left join visit_schedules vs on vs.monitoring_category = hs.monitoring_category
        where hs.site_id in (${sites})
      ),
      -- Each part is counted per responsible worker straight away (a hash of a few hundred
      -- workers), not per household and then sorted: that was most of the city dashboard's time.
      by_worker as (
        select responsible_worker_id, count(*)::int as households,
          (count(*) filter (where due_on < ${today}::date))::int as overdue_visits
        from hh group by responsible_worker_id
      ),
      alerts_by_worker as (
        select hh.responsible_worker_id, count(*)::int as open,
          (count(*) filter (where a.deadline < ${today}::date))::int as overdue
        from alerts a join hh on hh.household_id = a.household_id
        where a.state in ('open', 'acknowledged') group by hh.responsible_worker_id
      ),
      visits_by_worker as (
        select hh.responsible_worker_id, count(*)::int as n
        from visits v join hh on hh.household_id = v.household_id
        where v.visited_on >= ${from}::date and v.visited_on < ${end}::date group by hh.responsible_worker_id
      )
      select w.responsible_worker_id::text as "workerId", u.name as "workerName", w.households,
        coalesce(al.open, 0) as "openAlerts", coalesce(al.overdue, 0) as "overdueAlerts",
        w.overdue_visits as "overdueVisits", coalesce(vr.n, 0) as "visitsInRange"
      from by_worker w
      left join users u on u.id = w.responsible_worker_id
      left join alerts_by_worker al on al.responsible_worker_id is not distinct from w.responsible_worker_id
      left join visits_by_worker vr on vr.responsible_worker_id is not distinct from w.responsible_worker_id
      order by u.name nulls last, w.responsible_worker_id`.execute(db),
  ]);

  const counts = people.rows[0];
  const figures = income.rows[0];
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
      householdsWithData: figures.withData,
      medianPerCapitaNetIncome: figures.median === null ? null : round2(Number(figures.median)),
      householdsBelowLine: figures.below,
      shareBelowLine: figures.comparable ? round2(figures.below / figures.comparable) : null,
      dibaoCoverageOfBelowLine: figures.below ? round2(figures.covered / figures.below) : null,
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

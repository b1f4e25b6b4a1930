import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { regionScopeSql } from '../access/policy.ts';
import type { Db } from '../db/database.ts';
import { mapPage, type PageRequest, selfCountedPage, windowTotalSql } from '../http/paging.ts';
import { lineInForceSql } from './income.ts';
import { incomeDistribution } from './income-rollup.ts';
import { visitIntervalJoin, visitIntervalsOf } from './policy-values.ts';
import { summaryDueOnSql, visitDueYear } from './visit-due.ts';

/**
 * The SQL behind the dashboards, one function per part. Every part reads the household
 * summaries (kept on write) filtered by `sites`, a select of the site ids the actor may see
 * (`scopedRegionSites`), so a region of any size is a few index range scans.
 */
type Sites = RawBuilder<unknown>;

const dibaoCovered = sql`('enrolled', 'review_due', 'renewed')`;
const countiesOf = (sites: Sites) =>
  sql`select distinct site.county_code from regions site where site.id in (${sites})`;

/**
 * The CTE `due`: the household summaries of `sites` with each one's next visit due date
 * (`due_on`). The stored date (`household_summary.visit_due_on`, kept on write: migration
 * 2026-12-12T0200) when it is of today's policy year; else (e.g. New Year's morning before the
 * nightly job moves them) computed as the worklist does, the visit interval looked up once per
 * (county, category) pair among them (`visitIntervalsOf`), not once per household.
 */
async function dueCte(db: Db, sites: Sites, today: string) {
  const columns = sql`hs.household_id, hs.site_id, hs.county_code, hs.responsible_worker_id, hs.able, hs.employed_able`;
  if ((await visitDueYear(db)) === Number(today.slice(0, 4)))
    return sql`due as (select ${columns}, hs.visit_due_on as due_on from household_summary hs where hs.site_id in (${sites}))`;
  return sql`scoped as materialized (select * from household_summary hs where hs.site_id in (${sites})),
    vs as materialized (${visitIntervalsOf(sql`scoped`, Number(today.slice(0, 4)))}),
    due as materialized (
      select ${columns}, ${summaryDueOnSql} as due_on from scoped hs
      left join vs on vs.county_code = hs.county_code and vs.monitoring_category = hs.monitoring_category
    )`;
}

/**
 * Households, people able to work and in work, households where no one works: the registry now.
 * `zeroEmployment` is the official 零就业家庭 (a member known able, no one employed);
 * `zeroEmploymentUnverified` the households where no one works, no one is known able and someone's
 * labour capacity is 未登记 (to verify: a roster without the column), counted beside it, not in it.
 */
export async function peopleFigures(db: Db, sites: Sites) {
  const { rows } = await sql<{
    households: number;
    able: number;
    employed: number;
    zeroEmployment: number;
    zeroEmploymentUnverified: number;
  }>`
    select count(*)::int as households, coalesce(sum(able), 0)::int as able,
      coalesce(sum(employed_able), 0)::int as employed,
      (count(*) filter (where able > 0 and employed_any = 0))::int as "zeroEmployment",
      (count(*) filter (where able = 0 and labor_unknown > 0 and employed_any = 0))::int as "zeroEmploymentUnverified"
    from household_summary where site_id in (${sites})`.execute(db);
  return rows[0];
}

/**
 * Income figures as of the end of month `to` (the 12 months ending with it), rounded to fen as
 * shown: from the value buckets (`incomeDistribution`), and the households below their line that
 * are in 低保 now, read from the region's 低保 households only.
 */
export async function incomeFigures(db: Db, sites: Sites, to: string) {
  const [[month], { rows }] = await Promise.all([
    incomeDistribution(db, sites, to, to, true),
    sql<{ covered: number }>`
      with lines as materialized (
        select c.county_code, ${lineInForceSql(sql`c.county_code`, Number(to.slice(0, 4)))} as line
        from (${countiesOf(sites)}) c
      )
      select count(*)::int as covered from dibao_enrolments d
      join household_month_summary s on s.household_id = d.household_id and s.month = ${to}::date
      join lines l on l.county_code = s.county_code
      where d.state in ${dibaoCovered} and s.site_id in (${sites}) and round(s.window_per_capita, 2) < l.line`.execute(
      db,
    ),
  ]);
  return {
    withData: month.households,
    median: month.median,
    comparable: month.comparable,
    below: month.below,
    covered: rows[0].covered,
  };
}

/**
 * Month by month over [from, to]: the median of each household's rolling 12-month per-capita
 * net income (the 12 months ending with that month, annualised from the months present, as
 * `household_month_summary.window_per_capita`), the line in force that month's year (the median
 * of the households' lines when counties differ), the share of households below their line
 * (`incomeDistribution`), and the households enrolled in 低保 at the end of the month (from the
 * 低保 ledger).
 */
export async function monthlyTrend(db: Db, sites: Sites, from: string, to: string) {
  const [months, { rows }] = await Promise.all([
    incomeDistribution(db, sites, from, to, false),
    sql<{ month: string; dibao: number }>`
    with dibao as materialized (
      -- Each household's 低保 state by date: its ledger, or the record's state since when it has none.
      select e.household_id, e.to_state as state, e.on_date, e.id from dibao_events e
      join households h on h.id = e.household_id where h.site_id in (${sites})
      union all
      select d.household_id, d.state, d.state_since, 0 from dibao_enrolments d
      join households h on h.id = d.household_id
      where h.site_id in (${sites}) and not exists (select 1 from dibao_events e where e.enrolment_id = d.id)
    ),
    -- One pass over the ledger (not a sort per month): each entry holds from its date until the
    -- household's next entry; a household counts at a month's end when the entry holding then
    -- (its last before the end, the latest id on a tie) is covered.
    spans as (
      select state, on_date, lead(on_date) over (partition by household_id order by on_date, id) as until from dibao
    )
    select to_char(m, 'YYYY-MM') as month, count(s.on_date)::int as dibao
    from generate_series(${from}::date, ${to}::date, interval '1 month') m
    left join spans s on s.state in ${dibaoCovered} and s.on_date < (m + interval '1 month')::date
      and (s.until is null or s.until >= (m + interval '1 month')::date)
    group by m order by m`.execute(db),
  ]);
  const dibao = new Map(rows.map((row) => [row.month, row.dibao]));
  return months.map((month) => ({ ...month, dibao: dibao.get(month.month) ?? 0 }));
}

/**
 * 社区融入 assessments per month in [from, end): averages of each dimension, from the sums per
 * site and month (`integration_month_rollup`, kept on write: migration 2026-12-13T0200), so the
 * same quotients `avg` divides.
 */
export async function integrationByMonth(db: Db, sites: Sites, from: string, end: string) {
  const average = (column: string) => sql.raw(`round(sum(r.${column})::numeric / sum(r.assessments), 2)`);
  const { rows } = await sql<Record<string, number | string>>`
    select to_char(r.month, 'YYYY-MM') as month, sum(r.assessments)::int as assessments,
      ${average('economic')} as economic, ${average('social_ties')} as "socialTies",
      ${average('daily_life_services')} as "dailyLifeServices",
      ${average('cultural_participation')} as "culturalParticipation",
      ${average('psychological_belonging')} as "psychologicalBelonging"
    from integration_month_rollup r
    where r.site_id in (${sites}) and r.month >= ${from}::date and r.month < ${end}::date
    group by r.month order by r.month`.execute(db);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, key === 'month' ? value : Number(value)])),
  );
}

/**
 * Active alerts by kind (rule), and how many of them are past their deadline: from the stored
 * counts per site, worker, rule and deadline (`dashboard_alert_counts`, kept on write: migration
 * 2026-12-13T0200), not the alerts themselves.
 */
export async function alertsByKind(db: Db, sites: Sites, today: string) {
  const { rows } = await sql<{ ruleId: string; open: number; overdue: number }>`
    select c.rule_id as "ruleId", sum(c.n)::int as open, coalesce(sum(c.n) filter (where c.deadline < ${today}::date), 0)::int as overdue
    from dashboard_alert_counts c where c.site_id in (${sites})
    group by c.rule_id order by sum(c.n) desc, c.rule_id`.execute(db);
  return rows;
}

/**
 * Per responsible worker: households, open and overdue alerts, overdue visits, visits in [from, end).
 * Households and overdue visits from the summaries (`dueCte`), alerts and visits from the stored
 * counts per site and worker (`dashboard_alert_counts`, `visit_month_rollup`: migration 2026-12-13T0200).
 */
export async function byResponsibleWorker(db: Db, sites: Sites, from: string, end: string, today: string) {
  const { rows } = await sql<{
    workerId: string | null;
    workerName: string | null;
    households: number;
    openAlerts: number;
    overdueAlerts: number;
    overdueVisits: number;
    visitsInRange: number;
  }>`
    with ${await dueCte(db, sites, today)},
    -- Each part is counted per responsible worker straight away (a hash of a few hundred
    -- workers), not per household and then sorted.
    by_worker as (
      select responsible_worker_id, count(*)::int as households,
        (count(*) filter (where due_on < ${today}::date))::int as overdue_visits
      from due group by responsible_worker_id
    ),
    alerts_by_worker as (
      select c.worker_id as responsible_worker_id, sum(c.n)::int as open,
        coalesce(sum(c.n) filter (where c.deadline < ${today}::date), 0)::int as overdue
      from dashboard_alert_counts c where c.site_id in (${sites}) group by c.worker_id
    ),
    visits_by_worker as (
      select r.worker_id as responsible_worker_id, sum(r.n)::int as n from visit_month_rollup r
      where r.site_id in (${sites}) and r.month >= ${from}::date and r.month < ${end}::date group by r.worker_id
    )
    select w.responsible_worker_id::text as "workerId", u.name as "workerName", w.households,
      coalesce(al.open, 0) as "openAlerts", coalesce(al.overdue, 0) as "overdueAlerts",
      w.overdue_visits as "overdueVisits", coalesce(vr.n, 0) as "visitsInRange"
    from by_worker w
    left join users u on u.id = w.responsible_worker_id
    left join alerts_by_worker al on al.responsible_worker_id is not distinct from w.responsible_worker_id
    left join visits_by_worker vr on vr.responsible_worker_id is not distinct from w.responsible_worker_id
    order by u.name nulls last, w.responsible_worker_id`.execute(db);
  return rows;
}

/**
 * The next level down (县 → 乡镇 → 社区 → 安置点): each child region the actor reaches, with its
 * households, employment, share below the line as of `to`, overdue visits and active alerts.
 */
export async function childRegions(db: Db, actor: Actor, sites: Sites, parentId: string, to: string, today: string) {
  const kids = db
    .selectFrom('regions as kid')
    .select(['kid.id', 'kid.code', 'kid.name', 'kid.level', 'kid.path'])
    .where('kid.parentId', '=', parentId)
    .where('kid.retiredAt', 'is', null)
    .where(regionScopeSql(actor, 'kid.path'));
  const lineYear = Number(to.slice(0, 4));
  const { rows } = await sql<{
    code: string;
    name: string;
    level: string;
    households: number;
    able: number;
    employed: number;
    comparable: number;
    below: number;
    overdueVisits: number;
    openAlerts: number;
  }>`
    with kids as (${kids}),
    ${await dueCte(db, sites, today)},
    site_kid as materialized (
      select site.id as site_id, k.id as kid_id from regions site join kids k on site.path like k.path || '%'
      where site.id in (${sites})
    ),
    lines as (select c.county_code, ${lineInForceSql(sql`c.county_code`, lineYear)} as line from (${countiesOf(sites)}) c),
    -- Every part per site first (a few hundred rows), then summed per child region.
    people as (
      select site_id, count(*)::int as households, sum(able)::int as able, sum(employed_able)::int as employed,
        (count(*) filter (where due_on < ${today}::date))::int as overdue_visits
      from due group by site_id
    ),
    income as (
      select s.site_id, (count(*) filter (where l.line is not null))::int as comparable,
        (count(*) filter (where s.window_per_capita < l.line))::int as below
      from household_month_summary s left join lines l on l.county_code = s.county_code
      where s.month = ${to}::date and s.window_per_capita is not null and s.site_id in (${sites})
      group by s.site_id
    ),
    open_alerts as (
      select c.site_id, sum(c.n)::int as n from dashboard_alert_counts c where c.site_id in (${sites}) group by c.site_id
    )
    select k.code, k.name, k.level, sum(p.households)::int as households, sum(p.able)::int as able,
      sum(p.employed)::int as employed, coalesce(sum(i.comparable), 0)::int as comparable,
      coalesce(sum(i.below), 0)::int as below, sum(p.overdue_visits)::int as "overdueVisits",
      coalesce(sum(o.n), 0)::int as "openAlerts"
    from kids k join site_kid sk on sk.kid_id = k.id join people p on p.site_id = sk.site_id
    left join income i on i.site_id = sk.site_id
    left join open_alerts o on o.site_id = sk.site_id
    group by k.id, k.code, k.name, k.level
    order by k.code`.execute(db);
  return rows;
}

/** 户主 name, or the first member's when no one is recorded as head. */
export const headNameSql = (householdId: RawBuilder<unknown>) =>
  sql<string | null>`(select p.name from persons p where p.household_id = ${householdId}
    order by (p.relation = 'head') desc, p.id limit 1)`;

/**
 * The households under the drill-down (a region's sites, optionally one responsible worker or
 * none), with the figures the dashboard shows for each, worst first: below the line, then
 * overdue visits, then active alerts.
 */
export async function drillHouseholds(
  db: Db,
  sites: Sites,
  options: { worker?: string; to: string; today: string },
  request: PageRequest,
) {
  const lineYear = Number(options.to.slice(0, 4));
  const workerFilter =
    options.worker === undefined
      ? sql`true`
      : options.worker === 'none'
        ? sql`hs.responsible_worker_id is null`
        : sql`hs.responsible_worker_id = ${options.worker}::bigint`;
  const page = await selfCountedPage(
    async (limit, offset) =>
      (
        await sql<{
          householdId: string;
          householdNumber: string;
          headName: string | null;
          site: string;
          members: number;
          perCapita: number | null;
          line: number | null;
          dueOn: string;
          openAlerts: number;
          total: number;
        }>`
    with hh as materialized (
      select hs.household_id, hs.county_code, hs.site_id, hs.members, ${summaryDueOnSql} as due_on
      from household_summary hs ${visitIntervalJoin(sql`hs.monitoring_category`, sql`hs.county_code`, Number(options.today.slice(0, 4)))}
      where hs.site_id in (${sites}) and ${workerFilter}
    ),
    lines as (select c.county_code, ${lineInForceSql(sql`c.county_code`, lineYear)} as line
      from (select distinct county_code from hh) c),
    rows as (
      select hh.household_id, hh.site_id, hh.members, hh.due_on, round(s.window_per_capita, 2) as per_capita, l.line,
        (select count(*) from alerts a where a.household_id = hh.household_id and a.state in ('open', 'acknowledged'))::int as open_alerts
      from hh
      left join household_month_summary s on s.household_id = hh.household_id and s.month = ${options.to}::date
      left join lines l on l.county_code = hh.county_code
    )
    select r.household_id::text as "householdId", h.household_number as "householdNumber",
      ${headNameSql(sql`r.household_id`)} as "headName", site.name as site, r.members,
      r.per_capita as "perCapita", r.line, to_char(r.due_on, 'YYYY-MM-DD') as "dueOn",
      r.open_alerts as "openAlerts", ${windowTotalSql} as total
    from rows r join households h on h.id = r.household_id join regions site on site.id = r.site_id
    order by (r.per_capita < r.line) desc nulls last, (r.due_on < ${options.today}::date) desc, r.open_alerts desc,
      h.household_number, r.household_id
    limit ${limit} offset ${offset}`.execute(db)
      ).rows,
    request,
  );
  return mapPage(page, (row) => ({
    ...row,
    perCapita: row.perCapita === null ? null : Number(row.perCapita),
    line: row.line === null ? null : Number(row.line),
    belowLine: row.perCapita !== null && row.line !== null && Number(row.perCapita) < Number(row.line),
    visitOverdue: row.dueOn < options.today,
  }));
}

/**
 * The region a dashboard opens on: the widest of the actor's regions; an admin without one (or
 * whose regions are all retired) gets the root.
 */
export async function homeRegion(db: Db, actor: Actor) {
  let query = db.selectFrom('regions').select(['code', 'name', 'level']).where('retiredAt', 'is', null);
  if (!actor.allRegions) query = query.where('path', 'in', actor.regionPaths.length ? actor.regionPaths : ['-']);
  else if (actor.regionPaths.length) query = query.where('path', 'in', actor.regionPaths);
  const region = await query.orderBy(sql`length(path)`).orderBy('path').executeTakeFirst();
  if (region || !actor.allRegions) return region;
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('retiredAt', 'is', null)
    .orderBy(sql`length(path)`)
    .orderBy('path')
    .executeTakeFirst();
}

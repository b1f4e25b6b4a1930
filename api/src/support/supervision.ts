import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { visitIntervalJoin } from '../tracking/policy-values.ts';
import { summaryDueOnSql } from '../tracking/visit-due.ts';

interface FollowUpRow {
  id: string | null;
  name: string | null;
  households: number;
  overdueVisits: number;
  alertsUpTo7Days: number;
  alerts8To30Days: number;
  alertsOver30Days: number;
}

/**
 * 督查: each responsible worker's and each township's follow-up over the households of `sites`
 * as of `today` — households, visits overdue, the share visited on time (not overdue), open alerts
 * by age (≤7, 8–30, >30 days since opened) — and the late items (overdue visits, alerts past their
 * deadline) with the name of who owns each, latest first.
 */
export async function supervisionReport(db: Db, sites: RawBuilder<unknown>, today: string) {
  const year = Number(today.slice(0, 4));
  const base = sql`hh as materialized (
      select hs.household_id, hs.responsible_worker_id, hs.site_id, ${summaryDueOnSql} as due_on
      from household_summary hs ${visitIntervalJoin(sql`hs.monitoring_category`, sql`hs.county_code`, year)}
      where hs.site_id in (${sites})
    ),
    towns as (
      select site.id as site_id, town.id as town_id, town.name as town_name
      from regions site left join regions town on town.level = 'township' and site.path like town.path || '%'
      where site.id in (${sites})
    ),
    open_alerts as (
      select a.household_id, ${today}::date - (a.opened_at at time zone 'Asia/Shanghai')::date as age
      from alerts a join hh on hh.household_id = a.household_id where a.state in ('open', 'acknowledged')
    )`;
  const figures = (group: RawBuilder<unknown>, name: RawBuilder<unknown>, from: RawBuilder<unknown>) =>
    sql<FollowUpRow>`with ${base},
      per_household as (
        select hh.*, (hh.due_on < ${today}::date) as overdue,
          (select count(*) filter (where age <= 7) from open_alerts o where o.household_id = hh.household_id) as a7,
          (select count(*) filter (where age between 8 and 30) from open_alerts o where o.household_id = hh.household_id) as a30,
          (select count(*) filter (where age > 30) from open_alerts o where o.household_id = hh.household_id) as a31
        from hh
      )
      select ${group}::text as id, ${name} as name, count(*)::int as households,
        (count(*) filter (where overdue))::int as "overdueVisits",
        sum(a7)::int as "alertsUpTo7Days", sum(a30)::int as "alerts8To30Days", sum(a31)::int as "alertsOver30Days"
      ${from}
      group by 1, 2 order by 2 nulls last, 1`.execute(db);
  const [workers, townships, late] = await Promise.all([
    figures(
      sql`p.responsible_worker_id`,
      sql`u.name`,
      sql`from per_household p left join users u on u.id = p.responsible_worker_id`,
    ),
    figures(sql`t.town_id`, sql`t.town_name`, sql`from per_household p join towns t on t.site_id = p.site_id`),
    sql<{
      kind: string;
      householdId: string;
      householdNumber: string;
      ruleId: string | null;
      dueOn: string;
      daysLate: number;
      ownerId: string | null;
      ownerName: string | null;
    }>`with ${base}
      select 'visit' as kind, hh.household_id::text as "householdId", h.household_number as "householdNumber",
        null as "ruleId", to_char(hh.due_on, 'YYYY-MM-DD') as "dueOn", ${today}::date - hh.due_on as "daysLate",
        hh.responsible_worker_id::text as "ownerId", u.name as "ownerName"
      from hh join households h on h.id = hh.household_id left join users u on u.id = hh.responsible_worker_id
      where hh.due_on < ${today}::date
      union all
      select 'alert', a.household_id::text, h.household_number, a.rule_id, to_char(a.deadline, 'YYYY-MM-DD'),
        ${today}::date - a.deadline, a.responsible_worker_id::text, u.name
      from alerts a join hh on hh.household_id = a.household_id join households h on h.id = a.household_id
      left join users u on u.id = a.responsible_worker_id
      where a.state in ('open', 'acknowledged') and a.deadline < ${today}::date
      order by "daysLate" desc, "householdNumber", kind limit 500`.execute(db),
  ]);
  const withShare = (row: FollowUpRow) => ({
    ...row,
    visitsOnTimeShare: row.households
      ? Math.round(((row.households - row.overdueVisits) / row.households) * 100) / 100
      : null,
  });
  return { workers: workers.rows.map(withShare), townships: townships.rows.map(withShare), late: late.rows };
}

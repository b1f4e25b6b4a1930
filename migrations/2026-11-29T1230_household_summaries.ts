import { type Kysely, sql } from 'kysely';

/**
 * Summaries the tracking dashboards and the nightly alert pass read instead of the raw ledgers
 * (issue 7, city scale). They are derived data, maintained ON WRITE by statement-level triggers
 * (one set-based refresh per statement, for the households the statement touched, in the same
 * transaction), so every writer — tracking routes, registry edits, roster import, duplicate
 * merges, hires, seeders — keeps them current without knowing about them. The nightly job
 * rebuilds both from scratch as a safety net (`refresh_household_summaries(null)`).
 *
 * - `household_summary`: one row per household, its current facts: members, labour, employment,
 *   低保 state, last visit.
 * - `household_month_summary`: one row per household and month whose 12-month window holds
 *   income: that month's net income (yearly figures spread as 1/12 over months without monthly
 *   data), the 12-month rolling total and count of months present, and per-capita figures.
 *   Monitoring lines are NOT stored: they are joined per county at read time.
 */

// Frozen copies of the app's lists (migrations never import app code).
const employed = `('employed_local', 'labour_export', 'flexible', 'public_welfare', 'self_employed')`;
const able = `('full', 'weak')`;

/** The facts of the households in `hh` (a CTE of ids), as an insert into household_summary. */
const insertFacts = (hh: string, personFilter: string) => `
  insert into household_summary (household_id, county_code, site_id, responsible_worker_id, monitoring_category,
    created_on, members, able, employed_able, employed_any, dibao_state, last_visited_on, last_next_visit_due)
  select h.id, h.county_code, h.site_id, h.responsible_worker_id, h.monitoring_category,
    (h.created_at at time zone 'Asia/Shanghai')::date,
    coalesce(p.members, 0), coalesce(p.able, 0), coalesce(p.employed_able, 0), coalesce(p.employed_any, 0),
    d.state, v.visited_on, v.next_visit_due
  from households h
  left join (select household_id, count(*)::int as members,
      (count(*) filter (where labor_capacity in ${able}))::int as able,
      (count(*) filter (where labor_capacity in ${able} and employment_status in ${employed}))::int as employed_able,
      (count(*) filter (where employment_status in ${employed}))::int as employed_any
    from persons where ${personFilter} group by household_id) p on p.household_id = h.id
  left join dibao_enrolments d on d.household_id = h.id
  left join lateral (select visited_on, next_visit_due from visits where household_id = h.id
    order by visited_on desc, id desc limit 1) v on true
  where ${hh}`;

/** The income months of the households matching `filter` (on a column `household_id`). */
const insertMonths = (householdFilter: string, filter: string) => `
  insert into household_month_summary (household_id, month, county_code, site_id, net, per_capita_month,
    window_net, window_months, window_per_capita)
  with hh as (select id, county_code, site_id from households where ${householdFilter}),
  monthly as (
    select household_id, period_start as month, sum(amount_yuan - production_costs_yuan) as net
    from income_records where superseded_at is null and period_kind = 'month' and ${filter}
    group by 1, 2
  ),
  yearly as (
    select household_id, m::date as month, sum(amount_yuan - production_costs_yuan) / 12 as net
    from income_records
    cross join generate_series(period_start, period_start + interval '11 months', interval '1 month') m
    where superseded_at is null and period_kind = 'year' and ${filter}
    group by 1, 2
  ),
  series as (
    select household_id, month, net from monthly
    union all
    select y.household_id, y.month, y.net from yearly y
    where not exists (select 1 from monthly mo where mo.household_id = y.household_id and mo.month = y.month)
  ),
  members as (select household_id, count(*) as n from persons where ${filter} group by 1),
  grid as (
    select b.household_id, g::date as month
    from (select household_id, min(month) as first, max(month) as last from series group by 1) b
    cross join generate_series(b.first, b.last + interval '11 months', interval '1 month') g
  ),
  rolled as (
    select g.household_id, g.month, s.net, sum(s.net) over w as window_net, count(s.net) over w as window_months
    from grid g left join series s on s.household_id = g.household_id and s.month = g.month
    window w as (partition by g.household_id order by g.month rows between 11 preceding and current row)
  )
  select r.household_id, r.month, hh.county_code, hh.site_id, r.net,
    case when m.n > 0 then (r.net * 12 / m.n)::float8 end,
    r.window_net, r.window_months,
    case when m.n > 0 then r.window_net * 12 / r.window_months / m.n end
  from rolled r join hh on hh.id = r.household_id
  left join members m on m.household_id = r.household_id
  where r.window_months > 0`;

// Above this many households a statement refreshes everything: one set-based pass beats tens
// of thousands of index probes (bulk seeding, big imports).
const fullRefreshAbove = 5000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db);
  await sql`create table household_summary (
    household_id bigint primary key references households (id) on delete cascade,
    county_code text not null,
    site_id bigint not null,
    responsible_worker_id bigint,
    monitoring_category text not null,
    created_on date not null,
    members integer not null,
    able integer not null,
    employed_able integer not null,
    employed_any integer not null,
    dibao_state text,
    last_visited_on date,
    last_next_visit_due date
  )`.execute(db);
  await sql`create index household_summary_site_idx on household_summary (site_id)`.execute(db);

  await sql`create table household_month_summary (
    household_id bigint not null references households (id) on delete cascade,
    month date not null,
    county_code text not null,
    site_id bigint not null,
    net numeric,
    per_capita_month double precision,
    window_net numeric not null,
    window_months integer not null,
    window_per_capita numeric,
    primary key (household_id, month)
  )`.execute(db);
  await sql`create index household_month_summary_site_idx on household_month_summary (site_id, month)
    include (household_id, county_code, net, per_capita_month, window_months, window_per_capita)`.execute(db);
  await sql`create index household_month_summary_month_idx on household_month_summary (month)
    include (household_id, net, window_per_capita)`.execute(db);

  // ids null = every household.
  await sql
    .raw(`create function refresh_household_facts(ids bigint[]) returns void language plpgsql as $$
    begin
      if ids is null or cardinality(ids) > ${fullRefreshAbove} then
        delete from household_summary;
        ${insertFacts('true', 'true')};
      elsif cardinality(ids) > 0 then
        delete from household_summary where household_id in (select unnest(ids));
        ${insertFacts('h.id in (select unnest(ids))', 'household_id in (select unnest(ids))')};
      end if;
    end $$`)
    .execute(db);
  await sql
    .raw(`create function refresh_household_months(ids bigint[]) returns void language plpgsql as $$
    begin
      if ids is null or cardinality(ids) > ${fullRefreshAbove} then
        delete from household_month_summary;
        ${insertMonths('true', 'true')};
      elsif cardinality(ids) > 0 then
        delete from household_month_summary where household_id in (select unnest(ids));
        ${insertMonths('id in (select unnest(ids))', 'household_id in (select unnest(ids))')};
      end if;
    end $$`)
    .execute(db);
  await sql`create function refresh_household_summaries(ids bigint[]) returns void language plpgsql as $$
    begin
      perform refresh_household_facts(ids);
      perform refresh_household_months(ids);
    end $$`.execute(db);

  // Statement-level triggers: the households a statement touched, refreshed once per statement.
  // A plpgsql body only plans the branch it runs, so each branch names only the transition
  // tables its event has.
  await sql`create function household_summaries_on_write() returns trigger language plpgsql as $$
    declare
      facts bigint[];
      months bigint[];
    begin
      if tg_table_name = 'households' then
        if tg_op = 'INSERT' then
          facts := array(select id from new_rows);
        else
          facts := array(select n.id from new_rows n join old_rows o on o.id = n.id
            where (n.county_code, n.site_id, n.responsible_worker_id, n.monitoring_category, n.created_at)
              is distinct from (o.county_code, o.site_id, o.responsible_worker_id, o.monitoring_category, o.created_at));
          months := array(select n.id from new_rows n join old_rows o on o.id = n.id
            where (n.county_code, n.site_id) is distinct from (o.county_code, o.site_id));
        end if;
      elsif tg_table_name = 'persons' then
        if tg_op = 'INSERT' then
          facts := array(select distinct household_id from new_rows);
          months := facts;
        elsif tg_op = 'DELETE' then
          facts := array(select distinct household_id from old_rows);
          months := facts;
        else
          facts := array(select n.household_id from new_rows n join old_rows o on o.id = n.id
              where (n.household_id, n.labor_capacity, n.employment_status)
                is distinct from (o.household_id, o.labor_capacity, o.employment_status)
            union select o.household_id from new_rows n join old_rows o on o.id = n.id
              where n.household_id is distinct from o.household_id);
          months := array(select n.household_id from new_rows n join old_rows o on o.id = n.id
              where n.household_id is distinct from o.household_id
            union select o.household_id from new_rows n join old_rows o on o.id = n.id
              where n.household_id is distinct from o.household_id);
        end if;
      else
        -- income_records (months) or dibao_enrolments / visits (facts): every touched household.
        if tg_op = 'INSERT' then
          facts := array(select distinct household_id from new_rows);
        elsif tg_op = 'DELETE' then
          facts := array(select distinct household_id from old_rows);
        else
          facts := array(select household_id from new_rows union select household_id from old_rows);
        end if;
        if tg_table_name = 'income_records' then
          months := facts;
          facts := null;
        end if;
      end if;
      if cardinality(facts) > 0 then perform refresh_household_facts(facts); end if;
      if cardinality(months) > 0 then perform refresh_household_months(months); end if;
      return null;
    end $$`.execute(db);

  for (const table of ['households', 'persons', 'income_records', 'dibao_enrolments', 'visits']) {
    const events = table === 'households' ? ['insert', 'update'] : ['insert', 'update', 'delete'];
    for (const event of events) {
      const referencing =
        event === 'insert'
          ? 'new table as new_rows'
          : event === 'update'
            ? 'old table as old_rows new table as new_rows'
            : 'old table as old_rows';
      await sql
        .raw(`create trigger ${table}_summaries_${event} after ${event} on ${table}
          referencing ${referencing} for each statement execute function household_summaries_on_write()`)
        .execute(db);
    }
  }

  // Existing data: fill once.
  await sql`select refresh_household_summaries(null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['households', 'persons', 'income_records', 'dibao_enrolments', 'visits']) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql.raw(`drop trigger if exists ${table}_summaries_${event} on ${table}`).execute(db);
    }
  }
  await sql`drop function household_summaries_on_write()`.execute(db);
  await sql`drop function refresh_household_summaries(bigint[])`.execute(db);
  await sql`drop function refresh_household_months(bigint[])`.execute(db);
  await sql`drop function refresh_household_facts(bigint[])`.execute(db);
  await sql`drop table household_month_summary`.execute(db);
  await sql`drop table household_summary`.execute(db);
}

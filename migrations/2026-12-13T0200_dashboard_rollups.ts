import { type Kysely, sql } from 'kysely';

/**
 * Issue 23: the city dashboard read every active alert in scope (105k at city scale) three times
 * (by kind, per responsible worker, per sub-region), joined to the households one by one. Now
 * they read `dashboard_alert_counts`: active alerts (open or acknowledged) per site, responsible
 * worker of the household (null: none), rule and deadline. Deadlines are stored as dates, so
 * "overdue" stays a range sum relative to any `today`. (`worklist_alert_counts`, 2026-12-12T0200,
 * counts by the worklist's due date, which for 走访逾期 is the visit's due date, not the alert's
 * deadline, and has no worker.)
 *
 * Kept true on write by statement-level triggers, whatever the writer (routes, the nightly
 * evaluation, offline sync, imports, merges, seeds): on `alerts` (the difference the statement
 * made, added per site and worker) and on `households` (a household that changes site or
 * responsible worker takes its active alerts' counts along). Rows are counters updated in place
 * (as `worklist_alert_counts`, so the table stays one row per key); rows that reach 0 go.
 * Every change first takes the household rows' lock of the summary refreshes
 * (`lock_household_summaries`, 2026-12-05T0850): a household moving and an alert being written
 * to it serialise, and the later one sees the earlier one's rows. The full rebuild
 * (`refresh_household_summaries(null)`, the weekly job) rebuilds the counts too.
 *
 * `integration_month_rollup`: 社区融入 assessments per site and month of `assessed_on`, with the
 * sums of each of the five dimensions, so the dashboard's monthly averages are sums over the sites
 * in scope (it joined every assessment of the range to the household summaries: 100k at city
 * scale). Kept the same way: a trigger on `integration_assessments` (the difference the statement
 * made, per household and month, added to the household's site) and the one on `households` (a
 * household that changes site takes its assessments along); rebuilt by the full refresh.
 *
 * `visit_month_rollup`: visits per site, responsible worker of the household and month of
 * `visited_on` (the per-worker table's "visits in range" joined 65k visits to the household
 * summaries). Kept by a trigger on `visits` and one on `households` (site or worker changes).
 */

// Frozen copy of the app's active states.
const active = `state in ('open', 'acknowledged')`;
// The five dimensions of an assessment (integration_assessments' columns).
const dimensions = [
  'economic',
  'social_ties',
  'daily_life_services',
  'cultural_participation',
  'psychological_belonging',
];
const sums = (sign: string) => dimensions.map((d) => `${sign}sum(${d})::int as ${d}`).join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db);
  await sql`create table dashboard_alert_counts (
    site_id bigint not null,
    worker_id bigint,
    rule_id text not null,
    deadline date not null,
    n integer not null,
    constraint dashboard_alert_counts_key unique nulls not distinct (site_id, worker_id, rule_id, deadline)
  )`.execute(db);

  // Adds n (per site, worker, rule and deadline) to the stored counts; rows that reach 0 go.
  await sql`create function add_dashboard_alert_counts(sites bigint[], workers bigint[], rules text[], deadlines date[],
      ns integer[]) returns void language plpgsql as $$
    declare
      emptied bigint[];
    begin
      with added as (
        insert into dashboard_alert_counts as c (site_id, worker_id, rule_id, deadline, n)
        select site_id, worker_id, rule_id, deadline, sum(n)
        from unnest(sites, workers, rules, deadlines, ns) x(site_id, worker_id, rule_id, deadline, n)
        group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
        on conflict (site_id, worker_id, rule_id, deadline) do update set n = c.n + excluded.n
        returning c.site_id, c.n)
      select array(select distinct site_id from added where n = 0) into emptied;
      if cardinality(emptied) > 0 then
        delete from dashboard_alert_counts where site_id = any(emptied) and n = 0;
      end if;
    end $$`.execute(db);

  // What an alerts statement changed: +1 per active row after, -1 per active row before, by
  // household, rule and deadline; only differences that do not cancel out lock and count.
  await sql
    .raw(`create function dashboard_counts_on_alert_write() returns trigger language plpgsql as $$
    declare
      hs bigint[];
      rules text[];
      deadlines date[];
      ns integer[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(household_id), array_agg(rule_id), array_agg(deadline), array_agg(n) into hs, rules, deadlines, ns
        from (select household_id, rule_id, deadline, count(*)::int as n from new_rows where ${active} group by 1, 2, 3) d;
      elsif tg_op = 'DELETE' then
        select array_agg(household_id), array_agg(rule_id), array_agg(deadline), array_agg(n) into hs, rules, deadlines, ns
        from (select household_id, rule_id, deadline, -count(*)::int as n from old_rows where ${active} group by 1, 2, 3) d;
      else
        select array_agg(household_id), array_agg(rule_id), array_agg(deadline), array_agg(n) into hs, rules, deadlines, ns
        from (select household_id, rule_id, deadline, sum(n)::int as n from (
            select household_id, rule_id, deadline, 1 as n from new_rows where ${active}
            union all
            select household_id, rule_id, deadline, -1 from old_rows where ${active}) c
          group by 1, 2, 3 having sum(n) <> 0) d;
      end if;
      if coalesce(cardinality(hs), 0) = 0 then return null; end if;
      perform lock_household_summaries(array(select distinct unnest(hs)));
      -- Each household's site and worker, read after the lock: a move that committed first is seen.
      perform add_dashboard_alert_counts(array_agg(h.site_id), array_agg(h.responsible_worker_id), array_agg(x.rule_id),
          array_agg(x.deadline), array_agg(x.n))
      from unnest(hs, rules, deadlines, ns) x(household_id, rule_id, deadline, n) join households h on h.id = x.household_id;
      return null;
    end $$`)
    .execute(db);

  // A household that changes site or responsible worker takes its active alerts' counts along
  // (the households row is locked by the update itself).
  await sql
    .raw(`create function dashboard_counts_on_household_move() returns trigger language plpgsql as $$
    begin
      perform add_dashboard_alert_counts(array_agg(m.site_id), array_agg(m.worker_id), array_agg(m.rule_id),
          array_agg(m.deadline), array_agg(m.n))
      from (select o.site_id, o.responsible_worker_id as worker_id, a.rule_id, a.deadline, -1 as n
          from new_rows n join old_rows o on o.id = n.id join alerts a on a.household_id = n.id and a.${active}
          where (n.site_id, n.responsible_worker_id) is distinct from (o.site_id, o.responsible_worker_id)
        union all
        select n.site_id, n.responsible_worker_id, a.rule_id, a.deadline, 1
          from new_rows n join old_rows o on o.id = n.id join alerts a on a.household_id = n.id and a.${active}
          where (n.site_id, n.responsible_worker_id) is distinct from (o.site_id, o.responsible_worker_id)) m;
      return null;
    end $$`)
    .execute(db);

  await sql
    .raw(`create table integration_month_rollup (
    site_id bigint not null,
    month date not null,
    assessments integer not null,
    ${dimensions.map((d) => `${d} integer not null`).join(',\n    ')},
    primary key (site_id, month)
  )`)
    .execute(db);
  // Adds the rows of \`deltas\` (site_id, month, assessments, the five sums) to the rollup; rows that reach 0 go.
  const addIntegration = (deltas: string) => `
      with added as (
        insert into integration_month_rollup as r (site_id, month, assessments, ${dimensions.join(', ')})
        select site_id, month, sum(assessments), ${dimensions.map((d) => `sum(${d})`).join(', ')} from (${deltas}) d
        group by 1, 2 having sum(assessments) <> 0 or ${dimensions.map((d) => `sum(${d}) <> 0`).join(' or ')}
        order by 1, 2
        on conflict (site_id, month) do update set assessments = r.assessments + excluded.assessments,
          ${dimensions.map((d) => `${d} = r.${d} + excluded.${d}`).join(', ')}
        returning r.site_id, r.assessments)
      select array(select distinct site_id from added where assessments = 0) into emptied;
      if cardinality(emptied) > 0 then
        delete from integration_month_rollup where site_id = any(emptied) and assessments = 0;
      end if`;
  const perHousehold = (rows: string, sign: string) =>
    `select household_id, date_trunc('month', assessed_on)::date as month, ${sign}count(*)::int as assessments, ${sums(sign)}
      from ${rows} group by 1, 2`;
  // What an assessments statement changed, per household and month, added to the household's
  // site (read after the lock: a move that committed first is seen).
  const toSites = (deltas: string) =>
    addIntegration(`select h.site_id, x.month, x.assessments, ${dimensions.map((d) => `x.${d}`).join(', ')}
      from (${deltas}) x join households h on h.id = x.household_id`);
  await sql
    .raw(`create function integration_rollup_on_assessment_write() returns trigger language plpgsql as $$
    declare
      emptied bigint[];
    begin
      if tg_op = 'INSERT' then
        perform lock_household_summaries(array(select distinct household_id from new_rows));
        ${toSites(perHousehold('new_rows', ''))};
      elsif tg_op = 'DELETE' then
        perform lock_household_summaries(array(select distinct household_id from old_rows));
        ${toSites(perHousehold('old_rows', '-'))};
      else
        perform lock_household_summaries(array(select household_id from new_rows union select household_id from old_rows));
        ${toSites(`${perHousehold('new_rows', '')} union all ${perHousehold('old_rows', '-')}`)};
      end if;
      return null;
    end $$`)
    .execute(db);
  await sql
    .raw(`create function integration_rollup_on_household_move() returns trigger language plpgsql as $$
    declare
      emptied bigint[];
    begin
      ${addIntegration(`select o.site_id, date_trunc('month', a.assessed_on)::date as month, -1 as assessments,
          ${dimensions.map((d) => `-a.${d} as ${d}`).join(', ')}
          from new_rows n join old_rows o on o.id = n.id join integration_assessments a on a.household_id = n.id
          where n.site_id is distinct from o.site_id
        union all
        select n.site_id, date_trunc('month', a.assessed_on)::date, 1, ${dimensions.map((d) => `a.${d}`).join(', ')}
          from new_rows n join old_rows o on o.id = n.id join integration_assessments a on a.household_id = n.id
          where n.site_id is distinct from o.site_id`)};
      return null;
    end $$`)
    .execute(db);
  await sql
    .raw(`create function refresh_integration_month_rollup() returns void language plpgsql as $$
    begin
      perform lock_household_summaries(null);
      delete from integration_month_rollup;
      insert into integration_month_rollup (site_id, month, assessments, ${dimensions.join(', ')})
      select h.site_id, date_trunc('month', a.assessed_on)::date, count(*), ${dimensions.map((d) => `sum(a.${d})`).join(', ')}
      from integration_assessments a join households h on h.id = a.household_id
      group by 1, 2;
    end $$`)
    .execute(db);

  await sql`create table visit_month_rollup (
    site_id bigint not null,
    worker_id bigint,
    month date not null,
    n integer not null,
    constraint visit_month_rollup_key unique nulls not distinct (site_id, worker_id, month)
  )`.execute(db);
  // Adds the rows of \`deltas\` (site_id, worker_id, month, n) to the rollup; rows that reach 0 go.
  const addVisits = (deltas: string) => `
      with added as (
        insert into visit_month_rollup as r (site_id, worker_id, month, n)
        select site_id, worker_id, month, sum(n) from (${deltas}) d
        group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3
        on conflict (site_id, worker_id, month) do update set n = r.n + excluded.n
        returning r.site_id, r.n)
      select array(select distinct site_id from added where n = 0) into emptied;
      if cardinality(emptied) > 0 then
        delete from visit_month_rollup where site_id = any(emptied) and n = 0;
      end if`;
  const visitsPerHousehold = (rows: string, sign: string) =>
    `select household_id, date_trunc('month', visited_on)::date as month, ${sign}count(*)::int as n from ${rows} group by 1, 2`;
  const visitsToSites = (deltas: string) =>
    addVisits(`select h.site_id, h.responsible_worker_id as worker_id, x.month, x.n
      from (${deltas}) x join households h on h.id = x.household_id`);
  await sql
    .raw(`create function visit_rollup_on_visit_write() returns trigger language plpgsql as $$
    declare
      emptied bigint[];
    begin
      if tg_op = 'INSERT' then
        perform lock_household_summaries(array(select distinct household_id from new_rows));
        ${visitsToSites(visitsPerHousehold('new_rows', ''))};
      elsif tg_op = 'DELETE' then
        perform lock_household_summaries(array(select distinct household_id from old_rows));
        ${visitsToSites(visitsPerHousehold('old_rows', '-'))};
      else
        perform lock_household_summaries(array(select household_id from new_rows union select household_id from old_rows));
        ${visitsToSites(`${visitsPerHousehold('new_rows', '')} union all ${visitsPerHousehold('old_rows', '-')}`)};
      end if;
      return null;
    end $$`)
    .execute(db);
  await sql
    .raw(`create function visit_rollup_on_household_move() returns trigger language plpgsql as $$
    declare
      emptied bigint[];
    begin
      ${addVisits(`select o.site_id, o.responsible_worker_id as worker_id, date_trunc('month', v.visited_on)::date as month, -1 as n
          from new_rows n join old_rows o on o.id = n.id join visits v on v.household_id = n.id
          where (n.site_id, n.responsible_worker_id) is distinct from (o.site_id, o.responsible_worker_id)
        union all
        select n.site_id, n.responsible_worker_id, date_trunc('month', v.visited_on)::date, 1
          from new_rows n join old_rows o on o.id = n.id join visits v on v.household_id = n.id
          where (n.site_id, n.responsible_worker_id) is distinct from (o.site_id, o.responsible_worker_id)`)};
      return null;
    end $$`)
    .execute(db);
  await sql`create function refresh_visit_month_rollup() returns void language plpgsql as $$
    begin
      perform lock_household_summaries(null);
      delete from visit_month_rollup;
      insert into visit_month_rollup (site_id, worker_id, month, n)
      select h.site_id, h.responsible_worker_id, date_trunc('month', v.visited_on)::date, count(*)
      from visits v join households h on h.id = v.household_id
      group by 1, 2, 3;
    end $$`.execute(db);

  // The stored counts from scratch (the weekly rebuild and this migration).
  await sql
    .raw(`create function refresh_dashboard_alert_counts() returns void language plpgsql as $$
    begin
      perform lock_household_summaries(null);
      delete from dashboard_alert_counts;
      insert into dashboard_alert_counts (site_id, worker_id, rule_id, deadline, n)
      select h.site_id, h.responsible_worker_id, a.rule_id, a.deadline, count(*)
      from alerts a join households h on h.id = a.household_id
      where a.${active}
      group by 1, 2, 3, 4;
    end $$`)
    .execute(db);
  await sql`create or replace function refresh_household_summaries(ids bigint[]) returns void language plpgsql as $$
    begin
      perform refresh_household_facts(ids);
      perform refresh_household_months(ids);
      if ids is null then
        perform refresh_worklist_alert_counts();
        perform refresh_dashboard_alert_counts();
        perform refresh_integration_month_rollup();
        perform refresh_visit_month_rollup();
      end if;
    end $$`.execute(db);

  for (const event of ['insert', 'update', 'delete']) {
    const referencing =
      event === 'insert'
        ? 'new table as new_rows'
        : event === 'update'
          ? 'old table as old_rows new table as new_rows'
          : 'old table as old_rows';
    await sql
      .raw(`create trigger alerts_dashboard_counts_${event} after ${event} on alerts
        referencing ${referencing} for each statement execute function dashboard_counts_on_alert_write()`)
      .execute(db);
  }
  for (const event of ['insert', 'update', 'delete']) {
    const referencing =
      event === 'insert'
        ? 'new table as new_rows'
        : event === 'update'
          ? 'old table as old_rows new table as new_rows'
          : 'old table as old_rows';
    await sql
      .raw(`create trigger integration_assessments_rollup_${event} after ${event} on integration_assessments
        referencing ${referencing} for each statement execute function integration_rollup_on_assessment_write()`)
      .execute(db);
  }
  for (const event of ['insert', 'update', 'delete']) {
    const referencing =
      event === 'insert'
        ? 'new table as new_rows'
        : event === 'update'
          ? 'old table as old_rows new table as new_rows'
          : 'old table as old_rows';
    await sql
      .raw(`create trigger visits_rollup_${event} after ${event} on visits
        referencing ${referencing} for each statement execute function visit_rollup_on_visit_write()`)
      .execute(db);
  }
  await sql`create trigger households_visit_rollup_update after update on households
    referencing old table as old_rows new table as new_rows
    for each statement execute function visit_rollup_on_household_move()`.execute(db);
  await sql`create trigger households_integration_rollup_update after update on households
    referencing old table as old_rows new table as new_rows
    for each statement execute function integration_rollup_on_household_move()`.execute(db);
  await sql`create trigger households_dashboard_counts_update after update on households
    referencing old table as old_rows new table as new_rows
    for each statement execute function dashboard_counts_on_household_move()`.execute(db);

  // Existing data: fill once.
  await sql`select refresh_dashboard_alert_counts()`.execute(db);
  await sql`select refresh_integration_month_rollup()`.execute(db);
  await sql`select refresh_visit_month_rollup()`.execute(db);
  await sql`analyze visit_month_rollup`.execute(db);
  await sql`analyze dashboard_alert_counts`.execute(db);
  await sql`analyze integration_month_rollup`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger households_dashboard_counts_update on households`.execute(db);
  await sql`drop trigger households_integration_rollup_update on households`.execute(db);
  await sql`drop trigger households_visit_rollup_update on households`.execute(db);
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger alerts_dashboard_counts_${event} on alerts`).execute(db);
    await sql.raw(`drop trigger integration_assessments_rollup_${event} on integration_assessments`).execute(db);
    await sql.raw(`drop trigger visits_rollup_${event} on visits`).execute(db);
  }
  await sql`create or replace function refresh_household_summaries(ids bigint[]) returns void language plpgsql as $$
    begin
      perform refresh_household_facts(ids);
      perform refresh_household_months(ids);
      if ids is null then perform refresh_worklist_alert_counts(); end if;
    end $$`.execute(db);
  for (const fn of [
    'refresh_visit_month_rollup()',
    'visit_rollup_on_household_move()',
    'visit_rollup_on_visit_write()',
    'refresh_integration_month_rollup()',
    'integration_rollup_on_household_move()',
    'integration_rollup_on_assessment_write()',
    'refresh_dashboard_alert_counts()',
    'dashboard_counts_on_household_move()',
    'dashboard_counts_on_alert_write()',
    'add_dashboard_alert_counts(bigint[], bigint[], text[], date[], integer[])',
  ])
    await sql.raw(`drop function ${fn}`).execute(db);
  await sql`drop table dashboard_alert_counts`.execute(db);
  await sql`drop table integration_month_rollup`.execute(db);
  await sql`drop table visit_month_rollup`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * Issue 23: the home page's worklist counts (`GET /api/worklist/counts`) at city scale read every
 * active alert (105k) and every household in scope (50k) to count them. Now they read stored
 * counts, summed over the sites in scope, kept true on write by triggers (whatever the writer:
 * routes, the nightly evaluation, offline sync, imports, merges, seeds):
 *
 * - `worklist_alert_counts`: active alerts (open or acknowledged) per site, rule and due date
 *   (a 走访逾期 alert is due when the visit was, `facts.dueOn`, any other by its deadline). Due
 *   dates are stored as dates, so "overdue" and "within a week" stay range sums relative to any
 *   `today`. Kept by a statement-level trigger on `alerts` (the difference the statement made,
 *   added per site) and one on `households` (a household that moves site takes its alerts along).
 * - `household_summary.visit_due_on`: the household's next visit due date (the due date its last
 *   visit set, else the last visit + its category's interval in its county, else registration +
 *   the interval; the same rule as `summaryDueOnSql`), and `visit_alert_open`: whether it has an
 *   active 走访逾期 alert. Overdue visits without an alert are then a range of a small partial
 *   index per site. The summary refresh computes both (visits, category, county, site, creation);
 *   the alerts trigger keeps the flag; a change of a `visit_interval_days:*` policy value
 *   recomputes every due date (`refresh_visit_due`).
 * - `visit_due_basis`: the policy year the stored due dates were computed for (one row). The app
 *   uses the stored dates only when it is today's year, and `set_visit_due_year` moves it (the
 *   nightly job, after New Year).
 *
 * Locking: every change of stored counts first takes the household rows' lock of the summary
 * refreshes (`lock_household_summaries`, migration 2026-12-05T0850), so a household moving site
 * and an alert being written to it serialise, and the later one sees the earlier one's rows.
 * A full rebuild (`refresh_household_summaries(null)`, the weekly job) also rebuilds the counts.
 */

// Frozen copies of the app's rules (migrations never import app code).
const active = `state in ('open', 'acknowledged')`;
const alertDue = (a = '') =>
  `case when ${a}rule_id = 'visit_overdue' then coalesce((${a}facts->>'dueOn')::date, ${a}deadline) else ${a}deadline end`;
const employed = `('employed_local', 'labour_export', 'flexible', 'public_welfare', 'self_employed')`;
const able = `('full', 'weak')`;
// 2026-11-29T1230's threshold: above it a statement refreshes every household.
const fullRefreshAbove = 5000;

/**
 * 2026-11-29T1230's facts of the households in `hh` as an insert into household_summary; with
 * `visitDue`, also the visit due date and the alert flag.
 */
const insertFacts = (hh: string, personFilter: string, visitDue: boolean) => `
  insert into household_summary (household_id, county_code, site_id, responsible_worker_id, monitoring_category,
    created_on, members, able, employed_able, employed_any, dibao_state, last_visited_on, last_next_visit_due
    ${visitDue ? ', visit_due_on, visit_alert_open' : ''})
  select h.id, h.county_code, h.site_id, h.responsible_worker_id, h.monitoring_category,
    (h.created_at at time zone 'Asia/Shanghai')::date,
    coalesce(p.members, 0), coalesce(p.able, 0), coalesce(p.employed_able, 0), coalesce(p.employed_any, 0),
    d.state, v.visited_on, v.next_visit_due
    ${
      visitDue
        ? `, coalesce(v.next_visit_due, v.visited_on + coalesce(iv.interval_days, 90),
        (h.created_at at time zone 'Asia/Shanghai')::date + coalesce(iv.interval_days, 90)),
      exists (select 1 from alerts a where a.household_id = h.id and a.rule_id = 'visit_overdue' and a.${active})`
        : ''
    }
  from households h
  left join (select household_id, count(*)::int as members,
      (count(*) filter (where labor_capacity in ${able}))::int as able,
      (count(*) filter (where labor_capacity in ${able} and employment_status in ${employed}))::int as employed_able,
      (count(*) filter (where employment_status in ${employed}))::int as employed_any
    from persons where ${personFilter} group by household_id) p on p.household_id = h.id
  left join dibao_enrolments d on d.household_id = h.id
  left join lateral (select visited_on, next_visit_due from visits where household_id = h.id
    order by visited_on desc, id desc limit 1) v on true
  ${
    visitDue
      ? `left join (select pairs.county_code, pairs.monitoring_category,
      visit_interval_days(pairs.county_code, pairs.monitoring_category, (select year from visit_due_basis)) as interval_days
    from (select distinct h.county_code, h.monitoring_category from households h where ${hh}) pairs) iv
    on iv.county_code = h.county_code and iv.monitoring_category = h.monitoring_category`
      : ''
  }
  where ${hh}`;

/** refresh_household_facts_unlocked (2026-12-05T0850's name for 1230's function), with or without the visit due date. */
const refreshFacts = (visitDue: boolean) => `
  create or replace function refresh_household_facts_unlocked(ids bigint[]) returns void language plpgsql as $$
    begin
      if ids is null or cardinality(ids) > ${fullRefreshAbove} then
        delete from household_summary;
        ${insertFacts('true', 'true', visitDue)};
      elsif cardinality(ids) > 0 then
        delete from household_summary where household_id in (select unnest(ids));
        ${insertFacts('h.id in (select unnest(ids))', 'household_id in (select unnest(ids))', visitDue)};
      end if;
    end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db);

  // The app's policyValueSql for the key `visit_interval_days:<category>`: the most specific
  // region (the county itself or an ancestor, else everywhere), then the latest year not after.
  await sql`create function visit_interval_days(of_county text, of_category text, of_year integer)
    returns integer language sql stable as $$
      select pv.value::int from policy_values pv
      left join regions pr on pr.code = pv.region_code
      where pv.key = 'visit_interval_days:' || of_category and pv.year <= of_year
        and (pv.region_code is null
          or pv.region_code = of_county
          or exists (select 1 from regions asked where asked.code = of_county and asked.path like pr.path || '%'))
      order by (pv.region_code is null), length(pr.path) desc nulls last, pv.year desc limit 1
    $$`.execute(db);
  await sql`create table visit_due_basis (
    one boolean primary key default true check (one),
    year integer not null
  )`.execute(db);
  await sql`insert into visit_due_basis (year) values (extract(year from now() at time zone 'Asia/Shanghai')::int)`.execute(
    db,
  );

  await sql`alter table household_summary add column visit_due_on date,
    add column visit_alert_open boolean not null default false`.execute(db);
  await sql`create index household_summary_visit_due_idx on household_summary (site_id, visit_due_on)
    where not visit_alert_open`.execute(db);
  await sql.raw(refreshFacts(true)).execute(db);

  // Every household's due date again (a visit interval changed, or the policy year moved).
  await sql`create function refresh_visit_due() returns void language plpgsql as $$
    begin
      perform lock_household_summaries(null);
      update household_summary hs set visit_due_on = d.due
      from (select s.household_id, coalesce(s.last_next_visit_due, s.last_visited_on + coalesce(iv.interval_days, 90),
            s.created_on + coalesce(iv.interval_days, 90)) as due
          from household_summary s
          left join (select p.county_code, p.monitoring_category,
              visit_interval_days(p.county_code, p.monitoring_category, (select year from visit_due_basis)) as interval_days
            from (select distinct county_code, monitoring_category from household_summary) p) iv
            on iv.county_code = s.county_code and iv.monitoring_category = s.monitoring_category) d
      where d.household_id = hs.household_id and hs.visit_due_on is distinct from d.due;
    end $$`.execute(db);
  await sql`create function set_visit_due_year(new_year integer) returns boolean language plpgsql as $$
    begin
      if (select year from visit_due_basis) = new_year then return false; end if;
      perform lock_household_summaries(null);
      update visit_due_basis set year = new_year;
      perform refresh_visit_due();
      return true;
    end $$`.execute(db);
  await sql`create function visit_due_on_policy_write() returns trigger language plpgsql as $$
    declare
      touched boolean;
    begin
      if tg_op = 'INSERT' then
        touched := exists (select 1 from new_rows where starts_with(key, 'visit_interval_days:'));
      elsif tg_op = 'DELETE' then
        touched := exists (select 1 from old_rows where starts_with(key, 'visit_interval_days:'));
      else
        touched := exists (select 1 from new_rows where starts_with(key, 'visit_interval_days:'))
          or exists (select 1 from old_rows where starts_with(key, 'visit_interval_days:'));
      end if;
      if touched then perform refresh_visit_due(); end if;
      return null;
    end $$`.execute(db);

  await sql`create table worklist_alert_counts (
    site_id bigint not null,
    rule_id text not null,
    due_on date not null,
    n integer not null,
    primary key (site_id, rule_id, due_on)
  )`.execute(db);
  // Adds n (per site, rule and due date) to the stored counts; rows that reach 0 go.
  await sql`create function add_worklist_alert_counts(sites bigint[], rules text[], dues date[], ns integer[])
    returns void language plpgsql as $$
    declare
      emptied bigint[];
    begin
      with added as (
        insert into worklist_alert_counts as c (site_id, rule_id, due_on, n)
        select site_id, rule_id, due_on, sum(n) from unnest(sites, rules, dues, ns) x(site_id, rule_id, due_on, n)
        group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3
        on conflict (site_id, rule_id, due_on) do update set n = c.n + excluded.n
        returning c.site_id, c.n)
      select array(select distinct site_id from added where n = 0) into emptied;
      if cardinality(emptied) > 0 then
        delete from worklist_alert_counts where site_id = any(emptied) and n = 0;
      end if;
    end $$`.execute(db);
  // What an alerts statement changed: +1 per active row after, -1 per active row before, by
  // household, rule and due date; only differences that do not cancel out (an acknowledgement,
  // an escalation or a new explanation changes nothing) lock and count.
  await sql
    .raw(`create function worklist_counts_on_alert_write() returns trigger language plpgsql as $$
    declare
      hs bigint[];
      rules text[];
      dues date[];
      ns integer[];
      ids bigint[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(household_id), array_agg(rule_id), array_agg(due_on), array_agg(n) into hs, rules, dues, ns
        from (select household_id, rule_id, ${alertDue()} as due_on, count(*)::int as n
          from new_rows where ${active} group by 1, 2, 3) d;
      elsif tg_op = 'DELETE' then
        select array_agg(household_id), array_agg(rule_id), array_agg(due_on), array_agg(n) into hs, rules, dues, ns
        from (select household_id, rule_id, ${alertDue()} as due_on, -count(*)::int as n
          from old_rows where ${active} group by 1, 2, 3) d;
      else
        select array_agg(household_id), array_agg(rule_id), array_agg(due_on), array_agg(n) into hs, rules, dues, ns
        from (select household_id, rule_id, due_on, sum(n)::int as n from (
            select household_id, rule_id, ${alertDue()} as due_on, 1 as n from new_rows where ${active}
            union all
            select household_id, rule_id, ${alertDue()}, -1 from old_rows where ${active}) c
          group by 1, 2, 3 having sum(n) <> 0) d;
      end if;
      if coalesce(cardinality(hs), 0) = 0 then return null; end if;
      ids := array(select distinct unnest(hs));
      perform lock_household_summaries(ids);
      -- Each household's site, read after the lock: a move that committed first is seen.
      perform add_worklist_alert_counts(array_agg(h.site_id), array_agg(x.rule_id), array_agg(x.due_on), array_agg(x.n))
      from unnest(hs, rules, dues, ns) x(household_id, rule_id, due_on, n) join households h on h.id = x.household_id;
      update household_summary s
        set visit_alert_open = exists (select 1 from alerts a
          where a.household_id = s.household_id and a.rule_id = 'visit_overdue' and a.${active})
      where s.household_id in (select x.household_id from unnest(hs, rules) x(household_id, rule_id)
          where x.rule_id = 'visit_overdue')
        and s.visit_alert_open is distinct from exists (select 1 from alerts a
          where a.household_id = s.household_id and a.rule_id = 'visit_overdue' and a.${active});
      return null;
    end $$`)
    .execute(db);
  // A household that moves site takes its active alerts' counts along (the households row is
  // locked by the update itself).
  await sql
    .raw(`create function worklist_counts_on_household_move() returns trigger language plpgsql as $$
    begin
      perform add_worklist_alert_counts(array_agg(m.site_id), array_agg(m.rule_id), array_agg(m.due_on), array_agg(m.n))
      from (select o.site_id, a.rule_id, ${alertDue('a.')} as due_on, -1 as n
          from new_rows n join old_rows o on o.id = n.id join alerts a on a.household_id = n.id and a.${active}
          where n.site_id is distinct from o.site_id
        union all
        select n.site_id, a.rule_id, ${alertDue('a.')}, 1
          from new_rows n join old_rows o on o.id = n.id join alerts a on a.household_id = n.id and a.${active}
          where n.site_id is distinct from o.site_id) m;
      return null;
    end $$`)
    .execute(db);
  // The stored counts from scratch (the weekly rebuild and this migration).
  await sql
    .raw(`create function refresh_worklist_alert_counts() returns void language plpgsql as $$
    begin
      perform lock_household_summaries(null);
      delete from worklist_alert_counts;
      insert into worklist_alert_counts (site_id, rule_id, due_on, n)
      select h.site_id, a.rule_id, a.due_on, count(*)
      from (select household_id, rule_id, ${alertDue()} as due_on from alerts where ${active}) a
      join households h on h.id = a.household_id
      group by 1, 2, 3;
    end $$`)
    .execute(db);
  await sql`create or replace function refresh_household_summaries(ids bigint[]) returns void language plpgsql as $$
    begin
      perform refresh_household_facts(ids);
      perform refresh_household_months(ids);
      if ids is null then perform refresh_worklist_alert_counts(); end if;
    end $$`.execute(db);

  for (const event of ['insert', 'update', 'delete']) {
    const referencing =
      event === 'insert'
        ? 'new table as new_rows'
        : event === 'update'
          ? 'old table as old_rows new table as new_rows'
          : 'old table as old_rows';
    await sql
      .raw(`create trigger alerts_worklist_counts_${event} after ${event} on alerts
        referencing ${referencing} for each statement execute function worklist_counts_on_alert_write()`)
      .execute(db);
    await sql
      .raw(`create trigger policy_values_visit_due_${event} after ${event} on policy_values
        referencing ${referencing} for each statement execute function visit_due_on_policy_write()`)
      .execute(db);
  }
  await sql`create trigger households_worklist_counts_update after update on households
    referencing old table as old_rows new table as new_rows
    for each statement execute function worklist_counts_on_household_move()`.execute(db);

  // Existing data: fill once.
  await sql`select refresh_household_facts(null)`.execute(db);
  await sql`select refresh_worklist_alert_counts()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger households_worklist_counts_update on households`.execute(db);
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger alerts_worklist_counts_${event} on alerts`).execute(db);
    await sql.raw(`drop trigger policy_values_visit_due_${event} on policy_values`).execute(db);
  }
  await sql`create or replace function refresh_household_summaries(ids bigint[]) returns void language plpgsql as $$
    begin
      perform refresh_household_facts(ids);
      perform refresh_household_months(ids);
    end $$`.execute(db);
  for (const fn of [
    'refresh_worklist_alert_counts()',
    'worklist_counts_on_household_move()',
    'worklist_counts_on_alert_write()',
    'add_worklist_alert_counts(bigint[], text[], date[], integer[])',
    'visit_due_on_policy_write()',
    'set_visit_due_year(integer)',
    'refresh_visit_due()',
  ])
    await sql.raw(`drop function ${fn}`).execute(db);
  await sql`drop table worklist_alert_counts`.execute(db);
  await sql.raw(refreshFacts(false)).execute(db);
  await sql`alter table household_summary drop column visit_due_on, drop column visit_alert_open`.execute(db);
  await sql`drop table visit_due_basis`.execute(db);
  await sql`drop function visit_interval_days(text, text, integer)`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * 劳动能力未登记 in the household summaries: `household_summary.labor_unknown`, how many members'
 * labour capacity is `unknown` (2026-12-14T0100). A roster without a 劳动能力 column leaves every
 * member 未登记, so the household has no able member (`able` counts 'full' and 'weak' only) and
 * was counted nowhere as a household where no one works: matching gave it no priority and the
 * city figures lost it. Matching and the dashboard now read this count to tell such a household
 * (no one employed, no one known able, someone 未登记: to verify) from one whose members are all
 * known unable.
 *
 * Kept current by the same refresh as the other facts: `refresh_household_facts_unlocked`
 * (2026-12-12T0200's version, with the visit due date) is replaced by the same function that
 * also counts the unknown members. The persons trigger (2026-11-29T1230) already refreshes a
 * household when a member's labour capacity changes, is inserted or deleted; the full rebuild
 * (`refresh_household_summaries(null)`) calls the same function. Existing rows: filled once.
 */

// Frozen copies of the app's lists and of 2026-12-12T0200's rules (migrations never import app code).
const active = `state in ('open', 'acknowledged')`;
const employed = `('employed_local', 'labour_export', 'flexible', 'public_welfare', 'self_employed')`;
const able = `('full', 'weak')`;
// 2026-11-29T1230's threshold: above it a statement refreshes every household.
const fullRefreshAbove = 5000;

/** 2026-12-12T0200's facts of the households in `hh` (with the visit due date); with `unknown`, also labor_unknown. */
const insertFacts = (hh: string, personFilter: string, unknown: boolean) => `
  insert into household_summary (household_id, county_code, site_id, responsible_worker_id, monitoring_category,
    created_on, members, able, employed_able, employed_any, dibao_state, last_visited_on, last_next_visit_due,
    visit_due_on, visit_alert_open${unknown ? ', labor_unknown' : ''})
  select h.id, h.county_code, h.site_id, h.responsible_worker_id, h.monitoring_category,
    (h.created_at at time zone 'Asia/Shanghai')::date,
    coalesce(p.members, 0), coalesce(p.able, 0), coalesce(p.employed_able, 0), coalesce(p.employed_any, 0),
    d.state, v.visited_on, v.next_visit_due,
    coalesce(v.next_visit_due, v.visited_on + coalesce(iv.interval_days, 90),
      (h.created_at at time zone 'Asia/Shanghai')::date + coalesce(iv.interval_days, 90)),
    exists (select 1 from alerts a where a.household_id = h.id and a.rule_id = 'visit_overdue' and a.${active})
    ${unknown ? ', coalesce(p.labor_unknown, 0)' : ''}
  from households h
  left join (select household_id, count(*)::int as members,
      (count(*) filter (where labor_capacity in ${able}))::int as able,
      (count(*) filter (where labor_capacity in ${able} and employment_status in ${employed}))::int as employed_able,
      (count(*) filter (where employment_status in ${employed}))::int as employed_any
      ${unknown ? `, (count(*) filter (where labor_capacity = 'unknown'))::int as labor_unknown` : ''}
    from persons where ${personFilter} group by household_id) p on p.household_id = h.id
  left join dibao_enrolments d on d.household_id = h.id
  left join lateral (select visited_on, next_visit_due from visits where household_id = h.id
    order by visited_on desc, id desc limit 1) v on true
  left join (select pairs.county_code, pairs.monitoring_category,
      visit_interval_days(pairs.county_code, pairs.monitoring_category, (select year from visit_due_basis)) as interval_days
    from (select distinct h.county_code, h.monitoring_category from households h where ${hh}) pairs) iv
    on iv.county_code = h.county_code and iv.monitoring_category = h.monitoring_category
  where ${hh}`;

/** refresh_household_facts_unlocked, with or without the unknown count. */
const refreshFacts = (unknown: boolean) => `
  create or replace function refresh_household_facts_unlocked(ids bigint[]) returns void language plpgsql as $$
    begin
      if ids is null or cardinality(ids) > ${fullRefreshAbove} then
        delete from household_summary;
        ${insertFacts('true', 'true', unknown)};
      elsif cardinality(ids) > 0 then
        delete from household_summary where household_id in (select unnest(ids));
        ${insertFacts('h.id in (select unnest(ids))', 'household_id in (select unnest(ids))', unknown)};
      end if;
    end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db);
  await sql`alter table household_summary add column labor_unknown integer not null default 0`.execute(db);
  await sql.raw(refreshFacts(true)).execute(db);
  // Existing rows: only the households with an unknown member change.
  await sql`update household_summary hs set labor_unknown = p.n
    from (select household_id, count(*)::int as n from persons where labor_capacity = 'unknown' group by 1) p
    where p.household_id = hs.household_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(refreshFacts(false)).execute(db);
  await sql`alter table household_summary drop column labor_unknown`.execute(db);
}

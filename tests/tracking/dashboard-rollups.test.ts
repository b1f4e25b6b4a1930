import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, loadActor } from '../../api/src/access/actor.ts';
import type { Db } from '../../api/src/db/database.ts';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { lineInForceSql } from '../../api/src/tracking/income.ts';
import { visitIntervalJoin } from '../../api/src/tracking/policy-values.ts';
import {
  alertsByKind,
  byResponsibleWorker,
  childRegions,
  integrationByMonth,
  monthlyTrend,
} from '../../api/src/tracking/reports.queries.ts';
import { summaryDueOnSql } from '../../api/src/tracking/visit-due.ts';
import { allowWorkflowWrites } from '../../api/src/workflows/engine.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { createRegionTree, createUser, type RegionTree } from '../support/fixtures.ts';
import {
  addAssessment,
  addIncome,
  addLine,
  addVisit,
  createHousehold,
  monthlyIncome,
  setDibao,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

/**
 * Issue 23: the dashboard's alert figures (by kind, per responsible worker, per sub-region) come
 * from `dashboard_alert_counts` (kept by triggers on alerts and households), its overdue visits
 * from the stored `household_summary.visit_due_on`, its sub-regions' figures per site, and its
 * 低保 trend from one pass over the ledger. These compare each part with the SQL it replaced
 * (reports.queries.ts at 9f5b7da, copied below) on the same data, after every write path that
 * moves a figure: a trigger that misses one leaves the stored counts and the parts wrong.
 */

let ctx: TestContext;
let tree: RegionTree;
let city: Actor;
const workers: string[] = [];
const households: TestHousehold[] = [];
const today = chinaToday();
const to = monthStart(today, -1);
const from = monthStart(to, -11);
const end = monthStart(to, 1);
const dibaoCovered = sql`('enrolled', 'review_due', 'renewed')`;
const sitesUnder = (path: string) => sql`select id from regions where level = 'site' and path like ${path} || '%'`;

// The old SQL: every household's due date computed, every active alert joined per household.
const oldHh = (sites: RawBuilder<unknown>, on: string) => sql`
  select hs.*, ${summaryDueOnSql} as due_on from household_summary hs
  ${visitIntervalJoin(sql`hs.monitoring_category`, sql`hs.county_code`, Number(on.slice(0, 4)))}
  where hs.site_id in (${sites})`;

async function oldAlertsByKind(db: Db, sites: RawBuilder<unknown>, on: string) {
  const { rows } = await sql`
    select a.rule_id as "ruleId", count(*)::int as open, (count(*) filter (where a.deadline < ${on}::date))::int as overdue
    from alerts a join household_summary hs on hs.household_id = a.household_id
    where hs.site_id in (${sites}) and a.state in ('open', 'acknowledged')
    group by a.rule_id order by count(*) desc, a.rule_id`.execute(db);
  return rows;
}

async function oldByResponsibleWorker(db: Db, sites: RawBuilder<unknown>, on: string) {
  const { rows } = await sql`
    with hh as materialized (${oldHh(sites, on)}),
    by_worker as (
      select responsible_worker_id, count(*)::int as households,
        (count(*) filter (where due_on < ${on}::date))::int as overdue_visits
      from hh group by responsible_worker_id
    ),
    alerts_by_worker as (
      select hh.responsible_worker_id, count(*)::int as open,
        (count(*) filter (where a.deadline < ${on}::date))::int as overdue
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
    order by u.name nulls last, w.responsible_worker_id`.execute(db);
  return rows;
}

async function oldChildRegions(db: Db, sites: RawBuilder<unknown>, parentId: string, on: string) {
  const { rows } = await sql`
    with kids as (select id, code, name, level, path from regions where parent_id = ${parentId} and retired_at is null),
    hh as materialized (
      select k.id as kid_id, x.household_id, x.county_code, x.able, x.employed_able, x.due_on
      from (${oldHh(sites, on)}) x join regions site on site.id = x.site_id join kids k on site.path like k.path || '%'
    ),
    lines as (select c.county_code, ${lineInForceSql(sql`c.county_code`, Number(to.slice(0, 4)))} as line
      from (select distinct county_code from hh) c),
    figures as (
      select hh.kid_id, count(*)::int as households, sum(hh.able)::int as able, sum(hh.employed_able)::int as employed,
        (count(*) filter (where s.window_per_capita is not null and l.line is not null))::int as comparable,
        (count(*) filter (where s.window_per_capita < l.line))::int as below,
        (count(*) filter (where hh.due_on < ${on}::date))::int as overdue_visits
      from hh
      left join household_month_summary s on s.household_id = hh.household_id and s.month = ${to}::date
      left join lines l on l.county_code = hh.county_code
      group by hh.kid_id
    ),
    open_alerts as (
      select hh.kid_id, count(*)::int as n from alerts a join hh on hh.household_id = a.household_id
      where a.state in ('open', 'acknowledged') group by hh.kid_id
    )
    select k.code, k.name, k.level, f.households, f.able, f.employed, f.comparable, f.below,
      f.overdue_visits as "overdueVisits", coalesce(o.n, 0) as "openAlerts"
    from kids k join figures f on f.kid_id = k.id
    left join open_alerts o on o.kid_id = k.id
    order by k.code`.execute(db);
  return rows;
}

async function oldDibaoTrend(db: Db, sites: RawBuilder<unknown>) {
  const { rows } = await sql`
    with dibao as materialized (
      select e.household_id, e.to_state as state, e.on_date, e.id from dibao_events e
      join households h on h.id = e.household_id where h.site_id in (${sites})
      union all
      select d.household_id, d.state, d.state_since, 0 from dibao_enrolments d
      join households h on h.id = d.household_id
      where h.site_id in (${sites}) and not exists (select 1 from dibao_events e where e.enrolment_id = d.id)
    )
    select to_char(m, 'YYYY-MM') as month,
      (select count(*) from (
        select distinct on (household_id) state from dibao
        where on_date < (m + interval '1 month')::date order by household_id, on_date desc, id desc) last
        where last.state in ${dibaoCovered})::int as dibao
    from generate_series(${from}::date, ${to}::date, interval '1 month') m
    order by m`.execute(db);
  return rows;
}

async function oldIntegrationByMonth(db: Db, sites: RawBuilder<unknown>) {
  const { rows } = await sql<Record<string, number | string>>`
    select to_char(date_trunc('month', a.assessed_on), 'YYYY-MM') as month, count(*)::int as assessments,
      round(avg(a.economic), 2) as economic, round(avg(a.social_ties), 2) as "socialTies",
      round(avg(a.daily_life_services), 2) as "dailyLifeServices",
      round(avg(a.cultural_participation), 2) as "culturalParticipation",
      round(avg(a.psychological_belonging), 2) as "psychologicalBelonging"
    from integration_assessments a join household_summary hs on hs.household_id = a.household_id
    where hs.site_id in (${sites}) and a.assessed_on >= ${from}::date and a.assessed_on < ${end}::date
    group by date_trunc('month', a.assessed_on) order by date_trunc('month', a.assessed_on)`.execute(db);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, key === 'month' ? value : Number(value)])),
  );
}

/** The stored alert counts, assessment sums and visit counts equal a count from scratch. */
async function expectStoredCountsTrue() {
  const { rows: stored } =
    await sql`select site_id::text, worker_id::text, rule_id, to_char(deadline, 'YYYY-MM-DD') as d, n
    from dashboard_alert_counts order by 1, 2, 3, 4`.execute(ctx.db);
  const { rows: fresh } = await sql`select h.site_id::text, h.responsible_worker_id::text as worker_id, a.rule_id,
      to_char(a.deadline, 'YYYY-MM-DD') as d, count(*)::int as n
    from alerts a join households h on h.id = a.household_id
    where a.state in ('open', 'acknowledged') group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(ctx.db);
  expect(stored).toEqual(fresh);
  const { rows: storedSums } = await sql`select site_id::text, month::text, assessments, economic, social_ties,
      daily_life_services, cultural_participation, psychological_belonging
    from integration_month_rollup order by 1, 2`.execute(ctx.db);
  const { rows: freshSums } = await sql`select h.site_id::text, date_trunc('month', a.assessed_on)::date::text as month,
      count(*)::int as assessments, sum(a.economic)::int as economic, sum(a.social_ties)::int as social_ties,
      sum(a.daily_life_services)::int as daily_life_services, sum(a.cultural_participation)::int as cultural_participation,
      sum(a.psychological_belonging)::int as psychological_belonging
    from integration_assessments a join households h on h.id = a.household_id group by 1, 2 order by 1, 2`.execute(
    ctx.db,
  );
  expect(storedSums).toEqual(freshSums);
  const { rows: storedVisits } = await sql`select site_id::text, worker_id::text, month::text, n
    from visit_month_rollup order by 1, 2, 3`.execute(ctx.db);
  const { rows: freshVisits } = await sql`select h.site_id::text, h.responsible_worker_id::text as worker_id,
      date_trunc('month', v.visited_on)::date::text as month, count(*)::int as n
    from visits v join households h on h.id = v.household_id group by 1, 2, 3 order by 1, 2, 3`.execute(ctx.db);
  expect(storedVisits).toEqual(freshVisits);
}

/**
 * Every part equals the old SQL over every scope, as of today (stored visit due dates) and as of
 * a day of next year (the stored dates are of another policy year: computed).
 */
async function expectSameAsOld() {
  await expectStoredCountsTrue();
  const scopes: [string, RawBuilder<unknown>, string][] = [
    ['city', sitesUnder(tree.city.path), tree.city.id],
    ['county A', sitesUnder(tree.countyA.path), tree.countyA.id],
    ['county B', sitesUnder(tree.countyB.path), tree.countyB.id],
    ['site A1', sitesUnder(tree.siteA1.path), tree.siteA1.id],
    ['A2 + B1', sql`select id from regions where id in (${tree.siteA2.id}, ${tree.siteB1.id})`, tree.city.id],
  ];
  for (const on of [today, addDays(today, 400)])
    for (const [scope, sites, parentId] of scopes) {
      expect({ scope, on, kinds: await alertsByKind(ctx.db, sites, on) }).toEqual({
        scope,
        on,
        kinds: await oldAlertsByKind(ctx.db, sites, on),
      });
      expect({ scope, on, workers: await byResponsibleWorker(ctx.db, sites, from, end, on) }).toEqual({
        scope,
        on,
        workers: await oldByResponsibleWorker(ctx.db, sites, on),
      });
      expect({ scope, on, children: await childRegions(ctx.db, city, sites, parentId, to, on) }).toEqual({
        scope,
        on,
        children: await oldChildRegions(ctx.db, sites, parentId, on),
      });
    }
  for (const [scope, sites] of scopes) {
    expect({ scope, integration: await integrationByMonth(ctx.db, sites, from, end) }).toEqual({
      scope,
      integration: await oldIntegrationByMonth(ctx.db, sites),
    });
    const trend = (await monthlyTrend(ctx.db, sites, from, to)).map(({ month, dibao }) => ({ month, dibao }));
    expect({ scope, trend }).toEqual({ scope, trend: await oldDibaoTrend(ctx.db, sites) });
  }
}

/** A 低保 ledger entry (the enrolment record keeps its latest state, as the routes do). */
async function dibaoEvent(household: TestHousehold, enrolmentId: string, state: string, onDate: string) {
  await ctx.db.transaction().execute(async (trx) => {
    await allowWorkflowWrites(trx);
    await sql`insert into dibao_events (county_code, household_id, enrolment_id, to_state, on_date)
      values (${household.countyCode}, ${household.id}, ${enrolmentId}, ${state}, ${onDate})`.execute(trx);
    await sql`update dibao_enrolments set state = ${state}, state_since = ${onDate} where id = ${enrolmentId}`.execute(
      trx,
    );
  });
}

const openAlert = (household: TestHousehold, ruleId: string, deadline: string) =>
  sql`insert into alerts (county_code, household_id, rule_id, state, explanation_zh, explanation_en, facts, deadline)
    values (${household.countyCode}, ${household.id}, ${ruleId}, 'open', '测试', 'test', '{}', ${deadline})`.execute(
    ctx.db,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const official = await createUser(ctx.db, { role: 'official', regionId: tree.city.id });
  const actor = await loadActor(ctx.db, official.id);
  if (!actor) throw new Error('official is not active');
  city = actor;
  for (const [i, site] of [tree.siteA1, tree.siteA2, tree.siteB1].entries())
    workers.push((await createUser(ctx.db, { role: 'worker', assignedRegionIds: [site.id], name: `工作人员${i}` })).id);
  await addLine(ctx.db, tree.countyA.code, Number(to.slice(0, 4)), 10000);
  const sites = [tree.siteA1, tree.siteA1, tree.siteA2, tree.siteB1];
  for (let i = 0; i < 24; i++) {
    const site = sites[i % sites.length];
    const household = await createHousehold(ctx.db, {
      siteId: site.id,
      createdOn: addDays(today, -30 - i * 17),
      responsibleWorkerId: i % 5 === 0 ? null : workers[site === tree.siteB1 ? 2 : site === tree.siteA2 ? 1 : i % 2],
      monitoringCategory: i % 3 === 0 ? 'sudden_hardship' : undefined,
      members: [
        {
          relation: 'head',
          laborCapacity: 'full',
          employmentStatus: i % 4 === 0 ? 'unemployed_seeking' : 'employed_local',
        },
        ...(i % 2 ? [{ laborCapacity: 'weak' as const, employmentStatus: 'unemployed_seeking' as const }] : []),
      ],
    });
    households.push(household);
    await addIncome(ctx.db, household, monthlyIncome(monthStart(to, -14).slice(0, 7), 10 + (i % 6), 300 + i * 90));
    if (i % 3 === 1) await addVisit(ctx.db, household, workers[0], addDays(today, -20 - i * 9));
    if (i % 4 === 2) {
      const enrolment = await setDibao(ctx.db, household, 'applied', { since: monthStart(from, -2) });
      await dibaoEvent(household, enrolment, 'applied', monthStart(from, -2));
      await dibaoEvent(household, enrolment, 'enrolled', addDays(monthStart(from, 1 + (i % 5)), 3));
      if (i % 8 === 2) await dibaoEvent(household, enrolment, 'exited', addDays(monthStart(from, 7), i % 3));
    } else if (i % 7 === 0) await setDibao(ctx.db, household, 'enrolled', { since: monthStart(from, i % 6) });
    for (let k = 0; k <= i % 3; k++)
      await addAssessment(
        ctx.db,
        household,
        addDays(monthStart(from, (i + k * 5) % 13), i % 27),
        [1, 2, 3, 4, 5].map((score) => 1 + ((score * (i + 1) + k) % 5)),
      );
  }
  // The nightly evaluation opens alerts (visits overdue, no one employed, below the line …).
  await evaluateAlerts(ctx.db, { asOf: today });
  await openAlert(households[1], 'integration_drop', addDays(today, -3));
  await openAlert(households[3], 'integration_drop', addDays(today, 5));
  await openAlert(households[2], 'guarantee_failed', addDays(today, 10));
});
afterAll(() => ctx.close());

describe('the dashboard alert counts and per-site figures', () => {
  it('answer the same as the old per-household SQL after the seed and the nightly evaluation', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from dashboard_alert_counts`.execute(ctx.db);
    expect(rows[0].n).toBeGreaterThan(3);
    await expectSameAsOld();
    // The data exercises every figure (none is 0 everywhere, which any SQL would match).
    const sites = sitesUnder(tree.city.path);
    const kinds = await alertsByKind(ctx.db, sites, today);
    expect(kinds.some((kind) => kind.overdue > 0 && kind.overdue < kind.open)).toBe(true);
    const perWorker = await byResponsibleWorker(ctx.db, sites, from, end, today);
    expect(perWorker.some((row) => row.workerId === null && row.openAlerts > 0)).toBe(true);
    expect(perWorker.some((row) => row.overdueVisits > 0 && row.overdueVisits < row.households)).toBe(true);
    expect(perWorker.filter((row) => row.visitsInRange > 0).length).toBeGreaterThan(1);
    const children = await childRegions(ctx.db, city, sites, tree.city.id, to, today);
    expect(children.some((child) => child.below > 0 && child.below < child.comparable)).toBe(true);
    const trend = (await monthlyTrend(ctx.db, sites, from, to)).map((month) => month.dibao);
    expect(new Set(trend).size).toBeGreaterThan(2);
    const integration = await integrationByMonth(ctx.db, sites, from, end);
    expect(integration.filter((month) => Number(month.assessments) > 1).length).toBeGreaterThan(3);
  });

  it('follow alerts acknowledged, closed, deleted, moved past their deadline, and new households', async () => {
    const [first, second, third] = (
      await sql<{ id: string }>`select id::text from alerts where state = 'open' order by id limit 3`.execute(ctx.db)
    ).rows;
    await sql`update alerts set state = 'acknowledged', acknowledged_at = now() where id = ${first.id}`.execute(ctx.db);
    await sql`update alerts set state = 'resolved', closed_at = now(), close_note = '已解决' where id = ${second.id}`.execute(
      ctx.db,
    );
    await sql`update alerts set deadline = ${addDays(today, -40)} where id = ${third.id}`.execute(ctx.db);
    await expectSameAsOld();
    await sql`delete from alerts where id = ${third.id}`.execute(ctx.db);
    const late = await createHousehold(ctx.db, {
      siteId: tree.siteA2.id,
      responsibleWorkerId: workers[1],
      createdOn: addDays(today, -200),
      members: [{ relation: 'head', laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }],
    });
    households.push(late);
    await evaluateAlerts(ctx.db, { asOf: today, householdIds: [late.id] });
    await expectSameAsOld();
  });

  it('follow assessments added, corrected, moved to another month and deleted', async () => {
    const { rows } = await sql<{
      id: string;
    }>`select id::text from integration_assessments order by id limit 3`.execute(ctx.db);
    await sql`update integration_assessments set economic = 5, social_ties = 1 where id = ${rows[0].id}`.execute(
      ctx.db,
    );
    await sql`update integration_assessments set assessed_on = assessed_on + 40 where id = ${rows[1].id}`.execute(
      ctx.db,
    );
    await sql`delete from integration_assessments where id = ${rows[2].id}`.execute(ctx.db);
    await addAssessment(ctx.db, households[7], addDays(monthStart(from, 3), 2), [5, 4, 3, 2, 1]);
    await expectSameAsOld();
  });

  it('follow a household moving site (within and across counties) and changing or losing its worker', async () => {
    const withAlerts = (
      await sql<{ id: string }>`select distinct household_id::text as id from alerts
        where state in ('open', 'acknowledged') order by 1`.execute(ctx.db)
    ).rows.map((row) => row.id);
    expect(withAlerts.length).toBeGreaterThan(3);
    await sql`update households set site_id = ${tree.siteA2.id} where id = ${withAlerts[0]}`.execute(ctx.db);
    await sql`update households set site_id = ${tree.siteB1.id}, county_code = ${tree.countyB.code},
      responsible_worker_id = ${workers[2]} where id = ${withAlerts[1]}`.execute(ctx.db);
    await sql`update households set responsible_worker_id = ${workers[0]} where id = ${withAlerts[2]}`.execute(ctx.db);
    await sql`update households set responsible_worker_id = null where id = ${withAlerts[3]}`.execute(ctx.db);
    await expectSameAsOld();
  });

  it('follow members, visits, a visit interval, late 低保 entries and the nightly rebuild', async () => {
    const leaving = households.find((h) => h.personIds.length > 1)?.personIds.at(-1);
    await sql`delete from persons where id = ${leaving ?? '0'}`.execute(ctx.db);
    await sql`update persons set employment_status = 'unemployed_seeking' where id = ${households[5].personIds[0]}`.execute(
      ctx.db,
    );
    await addVisit(ctx.db, households[4], workers[0], addDays(today, -1));
    await addVisit(ctx.db, households[6], workers[0], addDays(today, -300), { nextVisitDue: addDays(today, -5) });
    const [moved, gone] = (await sql<{ id: string }>`select id::text from visits order by id limit 2`.execute(ctx.db))
      .rows;
    await sql`update visits set visited_on = visited_on - 45 where id = ${moved.id}`.execute(ctx.db);
    await sql`delete from visits where id = ${gone.id}`.execute(ctx.db);
    await sql`insert into policy_values (key, region_code, year, value)
      values ('visit_interval_days:sudden_hardship', ${tree.countyA.code}, ${Number(today.slice(0, 4))}, '30')`.execute(
      ctx.db,
    );
    const enrolment = await setDibao(ctx.db, households[9], 'applied', { since: monthStart(from, -1) });
    await dibaoEvent(households[9], enrolment, 'enrolled', monthStart(from, 4));
    // Late data: an exit dated months back, and two entries on one day (the later one holds).
    await dibaoEvent(households[9], enrolment, 'exited', addDays(monthStart(from, 2), 1));
    await dibaoEvent(households[9], enrolment, 'enrolled', addDays(monthStart(from, 2), 1));
    await evaluateAlerts(ctx.db, { asOf: today });
    await expectSameAsOld();
    await sql`select refresh_household_summaries(null)`.execute(ctx.db);
    await expectSameAsOld();
  });
});

import { randomUUID } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, loadActor } from '../../api/src/access/actor.ts';
import { setAlertState } from '../../api/src/tracking/alerts.queries.ts';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { changeMonitoringCategory } from '../../api/src/tracking/monitoring.ts';
import { visitIntervalJoin } from '../../api/src/tracking/policy-values.ts';
import { findScopedHousehold } from '../../api/src/tracking/scope.ts';
import { setVisitDueYear, summaryDueOnSql } from '../../api/src/tracking/visit-due.ts';
import { setVisitInterval } from '../../api/src/tracking/visits.queries.ts';
import { allowWorkflowWrites } from '../../api/src/workflows/engine.ts';
import {
  type WorklistFilter,
  worklistCounts,
  worklistCountsSql,
  worklistPage,
} from '../../api/src/worklist/worklist.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { addVisit, createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

/**
 * The worklist counts read stored state (issue 23: active alerts per site, rule and due date, and
 * each household's visit due date and whether it has a 走访逾期 alert), kept by triggers
 * (migration 2026-12-12T0200). Every write path that moves a count must keep that state true: after
 * each, the stored tables equal a count from scratch, the counts of every role equal the worklist
 * pages (which count the rows themselves), and the count that should have moved did.
 */
let ctx: TestContext;
let tree: RegionTree;
let workerA1: { id: string; cookie: string };
const actors: Record<string, Actor> = {};
const today = chinaToday();

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const users = {
    admin: await createUser(ctx.db, { role: 'admin' }),
    city: await createUser(ctx.db, { role: 'official', regionId: tree.city.id }),
    countyA: await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id }),
    workerA1: await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] }),
    workerA2: await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id] }),
    workerB1: await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] }),
  };
  for (const [name, user] of Object.entries(users)) {
    const actor = await loadActor(ctx.db, user.id);
    if (!actor) throw new Error(`${name} is not active`);
    actors[name] = actor;
  }
  workerA1 = { id: users.workerA1.id, cookie: await signIn(ctx.app, users.workerA1.login) };
});
afterAll(() => ctx.close());

/** The stored tables equal what they summarise, counted from scratch. */
async function expectStoredStateTrue() {
  const { rows: stored } = await sql`select site_id::text, rule_id, to_char(due_on, 'YYYY-MM-DD') as due_on, n
    from worklist_alert_counts order by 1, 2, 3`.execute(ctx.db);
  const { rows: fresh } = await sql`select h.site_id::text, a.rule_id,
      to_char(case when a.rule_id = 'visit_overdue' then coalesce((a.facts->>'dueOn')::date, a.deadline) else a.deadline end,
        'YYYY-MM-DD') as due_on, count(*)::int as n
    from alerts a join households h on h.id = a.household_id
    where a.state in ('open', 'acknowledged') group by 1, 2, 3 order by 1, 2, 3`.execute(ctx.db);
  expect(stored).toEqual(fresh);
  const year = (await ctx.db.selectFrom('visitDueBasis').select('year').executeTakeFirstOrThrow()).year;
  const { rows: drift } = await sql`select hs.household_id::text, hs.visit_due_on, hs.visit_alert_open
    from household_summary hs ${visitIntervalJoin(sql`hs.monitoring_category`, sql`hs.county_code`, year)}
    where hs.visit_due_on is distinct from ${summaryDueOnSql}
      or hs.visit_alert_open is distinct from exists (select 1 from alerts a where a.household_id = hs.household_id
        and a.rule_id = 'visit_overdue' and a.state in ('open', 'acknowledged'))`.execute(ctx.db);
  expect(drift).toEqual([]);
}

/**
 * For every role, as of `on`: the counts (from the stored state) equal the worklist page totals
 * for each due filter, each kind and each site. Returns the counts per actor.
 */
async function expectCountsTrue(on = today) {
  await expectStoredStateTrue();
  const all: Record<string, Awaited<ReturnType<typeof worklistCounts>>> = {};
  for (const [name, actor] of Object.entries(actors)) {
    // The counts come from the stored state, not from counting the rows like the pages.
    expect((await worklistCountsSql(ctx.db, actor, on)).compile(ctx.db).sql).toContain('worklist_alert_counts');
    const total = async (filter: WorklistFilter) =>
      (await worklistPage(ctx.db, actor, on, filter, { page: 1, pageSize: 1 })).total;
    const counts = await worklistCounts(ctx.db, actor, on);
    expect({ name, counts: [counts.total, counts.overdue, counts.dueWithinWeek] }).toEqual({
      name,
      counts: [await total({ due: 'all' }), await total({ due: 'overdue' }), await total({ due: 'week' })],
    });
    const items = (await worklistPage(ctx.db, actor, on, { due: 'all' }, { page: 1, pageSize: 100 })).items;
    const byKind: Record<string, number> = {};
    for (const item of items) byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
    expect({ name, byKind: counts.byKind }).toEqual({ name, byKind });
    for (const kind of Object.keys(byKind))
      for (const due of ['all', 'overdue', 'week'] as const) {
        const filter = { kind, due };
        expect({ name, filter, n: (await worklistCounts(ctx.db, actor, on, filter)).total }).toEqual({
          name,
          filter,
          n: await total(filter),
        });
      }
    for (const site of [tree.siteA1, tree.siteA2, tree.siteB1]) {
      const filter = { site: site.id, due: 'all' as const };
      expect({ name, site: site.code, n: (await worklistCounts(ctx.db, actor, on, filter)).total }).toEqual({
        name,
        site: site.code,
        n: await total(filter),
      });
    }
    all[name] = counts;
  }
  return all;
}

/** A household whose head works (no alert but a visit one), registered on `createdOn`. */
const household = (siteId: string, createdOn: string) =>
  createHousehold(ctx.db, {
    siteId,
    createdOn,
    members: [{ relation: 'head', laborCapacity: 'full', employmentStatus: 'employed_local' }],
  });
const activeAlert = (h: TestHousehold, ruleId: string) =>
  ctx.db
    .selectFrom('alerts')
    .select(['id', 'deadline', 'escalatedAt'])
    .where('householdId', '=', h.id)
    .where('ruleId', '=', ruleId)
    .where('state', 'in', ['open', 'acknowledged'])
    .executeTakeFirst();

describe('the stored worklist counts', () => {
  it('follow an alert opened, acknowledged, moved past its deadline, escalated and resolved', async () => {
    const idle = await createHousehold(ctx.db, {
      siteId: tree.siteA1.id,
      members: [{ relation: 'head', laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }],
    });
    await addVisit(ctx.db, idle, workerA1.id, addDays(today, -5));
    const before = await expectCountsTrue();
    expect(before.workerA1.byKind.zero_employment).toBeUndefined();

    await evaluateAlerts(ctx.db, { householdIds: [idle.id] });
    const opened = await expectCountsTrue();
    expect(opened.workerA1.byKind.zero_employment).toBe(1);
    expect(opened.workerA2.byKind.zero_employment).toBeUndefined();
    const alert = await activeAlert(idle, 'zero_employment');
    if (!alert) throw new Error('no zero_employment alert');

    await setAlertState(ctx.db, alert.id, ['open'], {
      state: 'acknowledged',
      acknowledgedAt: new Date(),
      acknowledgedBy: workerA1.id,
    });
    expect((await expectCountsTrue()).workerA1).toEqual(opened.workerA1);

    // Its deadline moves into the past: now overdue; the nightly pass escalates it (上报).
    await ctx.db
      .updateTable('alerts')
      .set({ deadline: addDays(today, -1) })
      .where('id', '=', alert.id)
      .execute();
    const late = await expectCountsTrue();
    expect(late.workerA1.overdue).toBe(opened.workerA1.overdue + 1);
    await evaluateAlerts(ctx.db, { householdIds: [idle.id] });
    expect((await activeAlert(idle, 'zero_employment'))?.escalatedAt).not.toBeNull();
    expect((await expectCountsTrue()).workerA1).toEqual(late.workerA1);

    // The head finds work: the next evaluation resolves the alert.
    await ctx.db
      .updateTable('persons')
      .set({ employmentStatus: 'employed_local' })
      .where('householdId', '=', idle.id)
      .execute();
    await evaluateAlerts(ctx.db, { householdIds: [idle.id] });
    expect(await activeAlert(idle, 'zero_employment')).toBeUndefined();
    const resolved = await expectCountsTrue();
    expect(resolved.workerA1.byKind.zero_employment).toBeUndefined();
    expect(resolved.workerA1.total).toBe(late.workerA1.total - 1);
  });

  it('follow a visit overdue without an alert, its alert, and visits recorded online and offline', async () => {
    const online = await household(tree.siteA1.id, addDays(today, -200));
    const offline = await household(tree.siteA1.id, addDays(today, -150));
    const overdue = await expectCountsTrue();
    expect(overdue.workerA1.byKind.visit_overdue).toBeGreaterThanOrEqual(2);

    // The nightly pass opens the 走访逾期 alerts: the same work, now counted as alerts.
    await evaluateAlerts(ctx.db, { householdIds: [online.id, offline.id] });
    expect(await activeAlert(online, 'visit_overdue')).toBeDefined();
    expect((await expectCountsTrue()).workerA1.byKind.visit_overdue).toBe(overdue.workerA1.byKind.visit_overdue);

    const response = await call(ctx.app, 'POST', '/api/visits', {
      cookie: workerA1.cookie,
      body: { householdId: online.id, visitedOn: today, kind: 'routine', measures: [] },
    });
    expect(response.status).toBe(201);
    expect(await activeAlert(online, 'visit_overdue')).toBeUndefined();
    const visited = await expectCountsTrue();
    expect(visited.workerA1.byKind.visit_overdue).toBe(overdue.workerA1.byKind.visit_overdue - 1);

    // 离线走访: the visit arrives later, in a batch.
    const pack = await call(ctx.app, 'GET', '/api/offline/pack', { cookie: workerA1.cookie });
    const base = ((await pack.json()).households as { householdId: string; base: unknown }[]).find(
      (item) => item.householdId === offline.id,
    )?.base;
    const synced = await call(ctx.app, 'POST', '/api/offline/batch', {
      cookie: workerA1.cookie,
      body: {
        records: [
          {
            clientId: randomUUID(),
            kind: 'visit',
            capturedAt: new Date().toISOString(),
            householdId: offline.id,
            base,
            payload: { visitedOn: today, kind: 'routine', findings: '离线记录', measures: [] },
          },
        ],
      },
    });
    expect(synced.status).toBe(200);
    expect(await activeAlert(offline, 'visit_overdue')).toBeUndefined();
    const all = await expectCountsTrue();
    expect(all.workerA1.byKind.visit_overdue ?? 0).toBe(overdue.workerA1.byKind.visit_overdue - 2);
  });

  it('follow a household moving site, and changing category', async () => {
    const moving = await household(tree.siteA1.id, addDays(today, -300));
    await evaluateAlerts(ctx.db, { householdIds: [moving.id] });
    const before = await expectCountsTrue();

    await ctx.db.updateTable('households').set({ siteId: tree.siteA2.id }).where('id', '=', moving.id).execute();
    const moved = await expectCountsTrue();
    expect(moved.workerA1.total).toBe(before.workerA1.total - 1);
    expect(moved.workerA2.total).toBe(before.workerA2.total + 1);
    expect(moved.countyA.total).toBe(before.countyA.total);

    // 监测户: a shorter interval (30 days instead of 90) makes a household registered 60 days ago
    // overdue. The category changes as the 监测识别 workflow's last step changes it.
    const watched = await household(tree.siteB1.id, addDays(today, -60));
    const quiet = await expectCountsTrue();
    await ctx.db.transaction().execute(async (trx) => {
      await allowWorkflowWrites(trx);
      const scoped = await findScopedHousehold(trx, actors.admin, watched.id);
      await changeMonitoringCategory(trx, actors.admin, scoped, { category: 'unstable', on: today, reason: '测试' });
    });
    const unstable = await expectCountsTrue();
    expect(unstable.workerB1.overdue).toBe(quiet.workerB1.overdue + 1);
  });

  it('follow a visit interval policy changed for a county, or everywhere', async () => {
    const due = await household(tree.siteA2.id, addDays(today, -50));
    const before = await expectCountsTrue();

    await ctx.db
      .insertInto('policyValues')
      .values({ key: 'visit_interval_days:none', regionCode: tree.countyA.code, year: 2000, value: 40, note: null })
      .execute();
    const shorter = await expectCountsTrue();
    expect(shorter.workerA2.overdue).toBe(before.workerA2.overdue + 1);
    expect(shorter.workerB1.overdue).toBe(before.workerB1.overdue);

    await ctx.db
      .updateTable('policyValues')
      .set({ value: 60 })
      .where('key', '=', 'visit_interval_days:none')
      .where('regionCode', '=', tree.countyA.code)
      .execute();
    expect((await expectCountsTrue()).workerA2.overdue).toBe(before.workerA2.overdue);
    await ctx.db.deleteFrom('policyValues').where('regionCode', '=', tree.countyA.code).execute();
    expect((await expectCountsTrue()).workerA2.overdue).toBe(before.workerA2.overdue);

    // The admin's schedule (everywhere, from this year on).
    await setVisitInterval(ctx.db, 'none', 45, Number(today.slice(0, 4)), actors.admin.userId);
    const everywhere = await expectCountsTrue();
    expect(everywhere.workerA2.overdue).toBe(before.workerA2.overdue + 1);
    await setVisitInterval(ctx.db, 'none', 90, Number(today.slice(0, 4)), actors.admin.userId);
    expect((await expectCountsTrue()).workerA2.overdue).toBe(before.workerA2.overdue);
    expect(due.id).toBeDefined();
  });

  it('follow the days passing, and a new year with its own intervals', async () => {
    // Due in 5 days (90-day interval): within the week today, overdue in 6 days.
    await household(tree.siteB1.id, addDays(today, -85));
    const now = await expectCountsTrue();
    const year = Number(today.slice(0, 4));
    for (const later of [addDays(today, 1), addDays(today, 6), addDays(today, 40)]) {
      // A later date in the next year first moves the stored due dates to that year (the nightly job).
      await setVisitDueYear(ctx.db, later);
      const counts = await expectCountsTrue(later);
      if (later >= addDays(today, 6)) expect(counts.workerB1.overdue).toBeGreaterThan(now.workerB1.overdue);
    }
    // From next year, category `none` is visited every 60 days: the stored due dates follow once moved.
    await ctx.db
      .insertInto('policyValues')
      .values({ key: 'visit_interval_days:none', regionCode: null, year: year + 1, value: 60, note: null })
      .execute();
    const newYear = `${year + 1}-01-15`;
    await setVisitDueYear(ctx.db, newYear);
    await expectCountsTrue(newYear);
    // Before the move, the counts count the rows themselves (same figures, slower).
    await setVisitDueYear(ctx.db, today);
    const actor = actors.workerB1;
    expect((await worklistCountsSql(ctx.db, actor, newYear)).compile(ctx.db).sql).not.toContain(
      'worklist_alert_counts',
    );
    expect((await worklistCounts(ctx.db, actor, newYear)).total).toBe(
      (await worklistPage(ctx.db, actor, newYear, { due: 'all' }, { page: 1, pageSize: 1 })).total,
    );
    await ctx.db
      .deleteFrom('policyValues')
      .where('year', '=', year + 1)
      .execute();
    await expectCountsTrue();
  });
});

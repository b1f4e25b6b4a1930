import { randomBytes } from 'node:crypto';
import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyValue } from '../../api/src/tracking/policy-values.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { addVisit, createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let adminCookie: string;
let officialCookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const admin = await createUser(ctx.db, { role: 'admin', regionId: tree.city.id });
  adminCookie = await signIn(ctx.app, admin.login);
  const official = await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id });
  officialCookie = await signIn(ctx.app, official.login);
});
afterAll(() => ctx.close());

const letters = () => Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('');

describe('policy values by year and place (政策参数)', () => {
  it('resolves the most specific region first, then the latest year not after the one asked', async () => {
    const key = `subsidy:${letters()}`;
    const add = (regionCode: string | null, year: number, value: number) =>
      call(ctx.app, 'POST', '/api/policy-values', { cookie: adminCookie, body: { key, regionCode, year, value } });
    expect((await add(null, 2000, 500)).status).toBe(201);
    expect((await add(tree.city.code, 2025, 600)).status).toBe(201);
    expect((await add(tree.countyA.code, 2024, 650)).status).toBe(201);
    expect((await add(tree.countyA.code, 2026, 700)).status).toBe(201);

    expect(await policyValue(ctx.db, key, tree.countyA.code, 2026)).toBe(700);
    expect(await policyValue(ctx.db, key, tree.siteA1.code, 2026)).toBe(700); // a site inherits its county's
    expect(await policyValue(ctx.db, key, tree.countyA.code, 2025)).toBe(650); // county 2024 beats city 2025
    expect(await policyValue(ctx.db, key, tree.countyA.code, 2023)).toBe(500); // nothing local yet: the default
    expect(await policyValue(ctx.db, key, tree.countyB.code, 2026)).toBe(600); // the city's
    expect(await policyValue(ctx.db, key, tree.countyB.code, 2024)).toBe(500);
    expect(await policyValue(ctx.db, key, null, 2026)).toBe(500);
    expect(await policyValue(ctx.db, `subsidy:${letters()}`, tree.countyA.code, 2026)).toBeNull();

    const resolved = await call(
      ctx.app,
      'GET',
      `/api/policy-values/resolve?key=${encodeURIComponent(key)}&region=${tree.countyA.code}&year=2025`,
      { cookie: officialCookie },
    );
    expect(await resolved.json()).toEqual({ value: 650 });
  });

  it('lets the admin add and change values, refuses duplicates and unknown keys, and officials only read', async () => {
    const key = `subsidy:${letters()}`;
    const created = await call(ctx.app, 'POST', '/api/policy-values', {
      cookie: adminCookie,
      body: { key, regionCode: tree.countyA.code, year: 2026, value: 300 },
    });
    const row = await created.json();
    const again = await call(ctx.app, 'POST', '/api/policy-values', {
      cookie: adminCookie,
      body: { key, regionCode: tree.countyA.code, year: 2026, value: 400 },
    });
    expect(again.status).toBe(409);
    const changed = await call(ctx.app, 'PATCH', `/api/policy-values/${row.id}`, {
      cookie: adminCookie,
      body: { value: 350 },
    });
    expect(await changed.json()).toMatchObject({ key, value: 350 });
    const unknown = await call(ctx.app, 'POST', '/api/policy-values', {
      cookie: adminCookie,
      body: { key: 'bonus', regionCode: null, year: 2026, value: 1 },
    });
    expect(unknown.status).toBe(400);
    const byOfficial = await call(ctx.app, 'POST', '/api/policy-values', {
      cookie: officialCookie,
      body: { key, regionCode: null, year: 2026, value: 1 },
    });
    expect(byOfficial.status).toBe(403);
    const list = await (await call(ctx.app, 'GET', '/api/policy-values', { cookie: officialCookie })).json();
    expect(list.items.filter((item: { key: string }) => item.key === key)).toMatchObject([{ value: 350 }]);
  });

  it('drives the visit interval: a county value moves its households’ due dates, others keep the default', async () => {
    const year = Number(chinaToday().slice(0, 4));
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const workerCookie = await signIn(ctx.app, worker.login);
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id, monitoringCategory: 'marginal' });
    await addVisit(ctx.db, h, worker.id, addDays(chinaToday(), -20));
    const due = async () =>
      (await (await call(ctx.app, 'GET', '/api/visits/due', { cookie: workerCookie })).json()).items.find(
        (item: { householdId: string }) => item.householdId === h.id,
      );
    expect(await due()).toMatchObject({ intervalDays: 30, overdue: false });
    await call(ctx.app, 'POST', '/api/policy-values', {
      cookie: adminCookie,
      body: { key: 'visit_interval_days:marginal', regionCode: tree.countyA.code, year, value: 14 },
    });
    expect(await due()).toMatchObject({ intervalDays: 14, overdue: true, daysOverdue: 6 });
    expect(await policyValue(ctx.db, 'visit_interval_days:marginal', tree.countyB.code, year)).toBe(30);
  });
});

describe('supervision (督查)', () => {
  it('gives each worker and township visits on time, overdue visits, open alerts by age and the late list', async () => {
    const today = chinaToday();
    const anna = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA2.id], name: '督查甲' });
    const site = tree.siteA2.id;
    const fresh = await createHousehold(ctx.db, { siteId: site, responsibleWorkerId: anna.id });
    const late = await createHousehold(ctx.db, {
      siteId: site,
      responsibleWorkerId: anna.id,
      monitoringCategory: 'unstable',
    });
    await addVisit(ctx.db, fresh, anna.id, addDays(today, -3));
    await addVisit(ctx.db, late, anna.id, addDays(today, -40)); // 30-day interval: 10 days late
    const alert = async (h: TestHousehold, ruleId: string, ageDays: number, deadline: string) =>
      sql`insert into alerts (county_code, household_id, rule_id, state, explanation_zh, explanation_en, facts,
          responsible_worker_id, deadline, opened_at)
        values (${h.countyCode}, ${h.id}, ${ruleId}, 'open', '测试', 'test', '{}', ${anna.id}, ${deadline}::date,
          (${addDays(today, -ageDays)}::date + time '12:00') at time zone 'Asia/Shanghai')`.execute(ctx.db);
    await alert(fresh, 'zero_employment', 3, addDays(today, 20));
    await alert(fresh, 'income_drop', 20, addDays(today, -6));
    await alert(late, 'integration_drop', 45, addDays(today, -15));

    const response = await call(ctx.app, 'GET', `/api/supervision?region=${tree.countyA.code}`, {
      cookie: officialCookie,
    });
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.workers.find((w: { id: string }) => w.id === anna.id)).toEqual({
      id: anna.id,
      name: '督查甲',
      households: 2,
      overdueVisits: 1,
      visitsOnTimeShare: 0.5,
      alertsUpTo7Days: 1,
      alerts8To30Days: 1,
      alertsOver30Days: 1,
    });
    const mine = report.late.filter((item: { ownerId: string }) => item.ownerId === anna.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'alert',
        householdId: late.id,
        ruleId: 'integration_drop',
        daysLate: 15,
        ownerName: '督查甲',
      }),
      expect.objectContaining({ kind: 'visit', householdId: late.id, daysLate: 10, ownerName: '督查甲' }),
      expect.objectContaining({ kind: 'alert', householdId: fresh.id, ruleId: 'income_drop', daysLate: 6 }),
    ]);
    const town = report.townships.find((t: { name: string }) => t.name === '甲镇');
    expect(town.households).toBeGreaterThanOrEqual(2);

    // A worker may not open it; an official may not look outside the county.
    const worker = await signIn(ctx.app, anna.login);
    expect((await call(ctx.app, 'GET', '/api/supervision', { cookie: worker })).status).toBe(403);
    const outside = await call(ctx.app, 'GET', `/api/supervision?region=${tree.countyB.code}`, {
      cookie: officialCookie,
    });
    expect(outside.status).toBe(404);
  });
});

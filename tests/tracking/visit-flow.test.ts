import { chinaToday } from '@anju/domain/clock';
import { addDays, monthStart } from '@anju/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietDaysAfterClose } from '../../api/src/tracking/alert-rules.ts';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { activeAlerts, addIncome, addLine, createHousehold, monthlyIncome } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let worker: { id: string };
const today = chinaToday();
const lastMonth = monthStart(today, -1).slice(0, 7);
const LINE = 10000;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  // The line in force for a window is that of its last month's year (or an earlier year).
  await addLine(ctx.db, tree.countyA.code, Number(lastMonth.slice(0, 4)), LINE);
  const user = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id], name: '网格员甲' });
  worker = user;
  cookie = await signIn(ctx.app, user.login);
});
afterAll(() => ctx.close());

/** One member, 3 months of 500 yuan before last month: 6,000 a year per person, below the line. */
async function poorHousehold() {
  const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id, responsibleWorkerId: worker.id });
  await addIncome(ctx.db, h, monthlyIncome(monthStart(today, -4).slice(0, 7), 3, 500));
  await evaluateAlerts(ctx.db, { householdIds: [h.id] });
  return h;
}

describe('a visit that records income by source', () => {
  it('writes the visit and each source in one go, and the income alert resolves itself', async () => {
    const h = await poorHousehold();
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.ruleId)).toEqual([
      'below_line_without_dibao',
      'income_below_or_near_line',
    ]);
    const response = await call(ctx.app, 'POST', '/api/visits', {
      cookie,
      body: {
        householdId: h.id,
        visitedOn: today,
        kind: 'alert_follow_up',
        findings: '户主已在扶贫车间上班',
        measures: ['job_referral'],
        income: {
          month: lastMonth,
          items: [
            { source: 'wages', amountYuan: 2500 },
            { source: 'business', amountYuan: 1000, productionCostsYuan: 200 },
          ],
        },
      },
    });
    expect(response.status).toBe(201);
    const visit = await response.json();
    const records = await ctx.db
      .selectFrom('incomeRecords')
      .select(['source', 'amountYuan', 'productionCostsYuan', 'visitId', 'periodStart'])
      .where('householdId', '=', h.id)
      .where('visitId', 'is not', null)
      .orderBy('source')
      .execute();
    expect(records).toEqual([
      {
        source: 'business',
        amountYuan: 1000,
        productionCostsYuan: 200,
        visitId: visit.id,
        periodStart: `${lastMonth}-01`,
      },
      { source: 'wages', amountYuan: 2500, productionCostsYuan: 0, visitId: visit.id, periodStart: `${lastMonth}-01` },
    ]);
    // (3 × 500 + 3,300) over 4 months × 12 = 14,400 a year for one person: above 110% of 10,000.
    expect(await activeAlerts(ctx.db, h.id)).toEqual([]);
    const alerts = await (
      await call(ctx.app, 'GET', `/api/alerts?state=resolved&householdId=${h.id}`, { cookie })
    ).json();
    expect(alerts.items.map((a: { ruleId: string }) => a.ruleId).sort()).toEqual([
      'below_line_without_dibao',
      'income_below_or_near_line',
    ]);
  });

  it('refuses a repeated source, costs on wages and a future month, writing nothing', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const post = (income: unknown) =>
      call(ctx.app, 'POST', '/api/visits', {
        cookie,
        body: { householdId: h.id, visitedOn: today, kind: 'routine', income },
      });
    const repeated = await post({
      month: lastMonth,
      items: [
        { source: 'wages', amountYuan: 1 },
        { source: 'wages', amountYuan: 2 },
      ],
    });
    expect(repeated.status).toBe(400);
    expect((await repeated.json()).errors.map((e: { path: string }) => e.path)).toContain('json.income.items.1.source');
    const costs = await post({ month: lastMonth, items: [{ source: 'wages', amountYuan: 1, productionCostsYuan: 5 }] });
    expect((await costs.json()).errors.map((e: { path: string }) => e.path)).toContain(
      'json.income.items.0.productionCostsYuan',
    );
    const future = await post({ month: monthStart(today, 1).slice(0, 7), items: [{ source: 'wages', amountYuan: 1 }] });
    expect(future.status).toBe(400);
    expect((await future.json()).errors).toEqual([
      { path: 'json.income.month', message: 'must not be in the future', code: 'in-future' },
    ]);
    expect(await ctx.db.selectFrom('visits').select('id').where('householdId', '=', h.id).execute()).toEqual([]);
  });
});

describe('an alert closes when its condition ends, not when a worker says so', () => {
  it('refuses to resolve while the condition holds; a dismissal stands through later writes until the quiet period ends', async () => {
    const h = await poorHousehold();
    const [withoutDibao, income] = await activeAlerts(ctx.db, h.id);
    const refused = await call(ctx.app, 'POST', `/api/alerts/${income.id}/resolve`, {
      cookie,
      body: { measure: 'job_referral', note: '已推荐到车间' },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ reason: 'condition-holds', ruleId: 'income_below_or_near_line' });
    const dismissed = await call(ctx.app, 'POST', `/api/alerts/${withoutDibao.id}/dismiss`, {
      cookie,
      body: { reason: '已在申请中（纸质）' },
    });
    expect(dismissed.status).toBe(200);
    // A later relevant write re-evaluates the household: the dismissal stands, the income alert stays open.
    const visit = await call(ctx.app, 'POST', '/api/visits', {
      cookie,
      body: { householdId: h.id, visitedOn: today, kind: 'routine', measures: ['training_referral'] },
    });
    expect(visit.status).toBe(201);
    await evaluateAlerts(ctx.db, { householdIds: [h.id] });
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.ruleId)).toEqual(['income_below_or_near_line']);
    const states = await ctx.db
      .selectFrom('alerts')
      .select(['ruleId', 'state', 'measure', 'closeNote'])
      .where('householdId', '=', h.id)
      .orderBy('ruleId')
      .execute();
    expect(states).toEqual([
      { ruleId: 'below_line_without_dibao', state: 'dismissed', measure: null, closeNote: '已在申请中（纸质）' },
      { ruleId: 'income_below_or_near_line', state: 'open', measure: null, closeNote: null },
    ]);
    // Still below the line once the quiet period is over: a new alert opens for the dismissed rule.
    await evaluateAlerts(ctx.db, { householdIds: [h.id], asOf: addDays(today, quietDaysAfterClose - 1) });
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.ruleId)).toEqual(['income_below_or_near_line']);
    await evaluateAlerts(ctx.db, { householdIds: [h.id], asOf: addDays(today, quietDaysAfterClose) });
    expect((await activeAlerts(ctx.db, h.id)).map((a) => a.ruleId)).toEqual([
      'below_line_without_dibao',
      'income_below_or_near_line',
    ]);
  });
});

describe('the worklist names who must act', () => {
  it('carries the responsible worker and the deadline on each alert', async () => {
    const h = await poorHousehold();
    const list = await (await call(ctx.app, 'GET', `/api/alerts?householdId=${h.id}`, { cookie })).json();
    expect(list.items.length).toBeGreaterThan(0);
    for (const alert of list.items) {
      expect(alert).toMatchObject({ responsibleWorkerId: worker.id, responsibleWorkerName: '网格员甲' });
      expect(alert.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

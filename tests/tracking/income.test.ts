import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdsById, lineInForce, perCapitaIncome } from '../../api/src/tracking/income.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { addIncome, addLine, createHousehold, monthlyIncome } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
});
afterAll(() => ctx.close());

// As of 2026-07-15 the window is the 12 complete months 2025-07 … 2026-06.
const AS_OF = '2026-07-15';
const perCapita = async (id: string) => (await perCapitaIncome(ctx.db, householdsById([id]), AS_OF))[0];

describe('per-capita net income over the last 12 months', () => {
  it('sums every source net of production costs and divides by the members', async () => {
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id, members: [{}, {}, {}, {}] });
    await addIncome(ctx.db, household, [
      ...monthlyIncome('2025-07', 12, 2000, 'wages'),
      { period: '2025-10', source: 'business', amount: 5000, costs: 2000 },
      { period: '2026-03', source: 'property', amount: 600 },
      { period: '2026-01', source: 'transfer_dibao', amount: 900 },
      { period: '2026-02', source: 'transfer_pension', amount: 500 },
    ]);
    const result = await perCapita(household.id);
    // 24,000 wages + 3,000 business net + 600 + 900 + 500 = 29,000 for 4 members.
    expect(result).toMatchObject({
      members: 4,
      monthsWithData: 12,
      annualNetIncome: 29000,
      perCapitaNetIncome: 7250,
      annualised: false,
      windowFrom: '2025-07-01',
      windowTo: '2026-07-01',
    });
  });

  it('ignores months outside the window', async () => {
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await addIncome(ctx.db, household, [
      { period: '2025-06', amount: 99999 },
      ...monthlyIncome('2025-07', 12, 1000),
      { period: '2026-07', amount: 99999 },
    ]);
    expect((await perCapita(household.id)).perCapitaNetIncome).toBe(12000);
  });

  it('annualises from the months present when months are missing, and flags it', async () => {
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id, members: [{}, {}] });
    await addIncome(ctx.db, household, monthlyIncome('2026-01', 6, 1500));
    const result = await perCapita(household.id);
    // 9,000 over 6 months → 18,000 a year → 9,000 per person, an estimate.
    expect(result).toMatchObject({
      monthsWithData: 6,
      netIncomeOfMonthsPresent: 9000,
      annualNetIncome: 18000,
      perCapitaNetIncome: 9000,
      annualised: true,
    });
  });

  it('gives no figure at all for a household without income records', async () => {
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    expect(await perCapita(household.id)).toMatchObject({
      monthsWithData: 0,
      annualNetIncome: null,
      perCapitaNetIncome: null,
      annualised: false,
    });
  });

  it('spreads a yearly figure over months without monthly records', async () => {
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    // 2025 known only as a year (12,000 → 1,000 a month for Jul–Dec 2025); 2026 monthly.
    await addIncome(ctx.db, household, [{ period: '2025', amount: 12000 }, ...monthlyIncome('2026-01', 6, 2000)]);
    const result = await perCapita(household.id);
    expect(result).toMatchObject({ monthsWithData: 12, annualNetIncome: 6000 + 12000, annualised: false });
  });

  it('lets monthly records win over a yearly figure for the same months', async () => {
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await addIncome(ctx.db, household, [
      { period: '2025', amount: 120000 },
      ...monthlyIncome('2025-07', 6, 500),
      ...monthlyIncome('2026-01', 6, 500),
    ]);
    expect((await perCapita(household.id)).annualNetIncome).toBe(6000);
  });

  it('counts a correction once: the superseded record stays but no longer counts', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const record = (amountYuan: number) =>
      call(ctx.app, 'POST', '/api/income-records', {
        cookie,
        body: { householdId: household.id, periodKind: 'month', period: '2026-03', source: 'wages', amountYuan },
      });
    expect((await record(1000)).status).toBe(201);
    expect((await record(1200)).status).toBe(201);
    const list = await call(ctx.app, 'GET', `/api/income-records?householdId=${household.id}&includeSuperseded=true`, {
      cookie,
    });
    const body = await list.json();
    expect(body.total).toBe(2);
    expect(body.items.filter((item: { supersededAt: string | null }) => item.supersededAt === null)).toHaveLength(1);
    expect((await perCapita(household.id)).netIncomeOfMonthsPresent).toBe(1200);
  });

  it('refuses production costs on wages and a month written as a year, naming the fields', async () => {
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const response = await call(ctx.app, 'POST', '/api/income-records', {
      cookie,
      body: {
        householdId: household.id,
        periodKind: 'month',
        period: '2026',
        source: 'wages',
        amountYuan: 100,
        productionCostsYuan: 50,
      },
    });
    expect(response.status).toBe(400);
    const paths = (await response.json()).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['json.period', 'json.productionCostsYuan']));
  });

  it('answers the computation through the API with the line in force', async () => {
    await addLine(ctx.db, tree.countyA.code, 2026, 9000);
    const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
    const cookie = await signIn(ctx.app, worker.login);
    const household = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await addIncome(ctx.db, household, monthlyIncome('2025-07', 12, 1000));
    const response = await call(
      ctx.app,
      'GET',
      `/api/income-records/per-capita?householdId=${household.id}&asOf=${AS_OF}`,
      { cookie },
    );
    expect(await response.json()).toMatchObject({ perCapitaNetIncome: 12000, line: 9000 });
  });
});

describe('the monitoring line in force', () => {
  it('takes the latest line up to the year, the county overriding the province', async () => {
    const province = tree.countyB.code.slice(0, 2);
    await addLine(ctx.db, province, 2023, 8050);
    await addLine(ctx.db, province, 2025, 8700);
    await addLine(ctx.db, tree.countyB.code, 2024, 9100);
    const countyWithoutLine = `${province}9999`;
    expect(await lineInForce(ctx.db, countyWithoutLine, 2022)).toBeNull();
    expect(await lineInForce(ctx.db, countyWithoutLine, 2023)).toBe(8050);
    expect(await lineInForce(ctx.db, countyWithoutLine, 2024)).toBe(8050);
    expect(await lineInForce(ctx.db, countyWithoutLine, 2025)).toBe(8700);
    expect(await lineInForce(ctx.db, countyWithoutLine, 2030)).toBe(8700);
    expect(await lineInForce(ctx.db, tree.countyB.code, 2023)).toBe(8050);
    expect(await lineInForce(ctx.db, tree.countyB.code, 2024)).toBe(9100);
    expect(await lineInForce(ctx.db, tree.countyB.code, 2026)).toBe(9100);
  });

  it('is answered and configured through /api/monitoring-lines (admin only writes)', async () => {
    const admin = await createUser(ctx.db, { role: 'admin' });
    const worker = await createUser(ctx.db, { role: 'worker' });
    const adminCookie = await signIn(ctx.app, admin.login);
    const workerCookie = await signIn(ctx.app, worker.login);
    const body = { regionCode: '469901', year: 2025, amountYuan: 8700 };
    expect((await call(ctx.app, 'POST', '/api/monitoring-lines', { cookie: workerCookie, body })).status).toBe(403);
    expect((await call(ctx.app, 'POST', '/api/monitoring-lines', { cookie: adminCookie, body })).status).toBe(201);
    expect((await call(ctx.app, 'POST', '/api/monitoring-lines', { cookie: adminCookie, body })).status).toBe(409);
    const inForce = await call(ctx.app, 'GET', '/api/monitoring-lines/in-force?countyCode=469901&year=2026', {
      cookie: workerCookie,
    });
    expect(await inForce.json()).toEqual({ countyCode: '469901', year: 2026, amountYuan: 8700 });
  });
});

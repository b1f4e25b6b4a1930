import { makeIdNumber } from '@anju/domain/id-number';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdsById, type PerCapitaIncome, perCapitaIncome } from '../../api/src/tracking/income.ts';
import { rebuildHouseholdSummaries, summaryPerCapita, summaryPerCapitaOf } from '../../api/src/tracking/summaries.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { uploadRoster } from '../support/registry-fixtures.ts';
import {
  addIncome,
  addLine,
  createHousehold,
  monthlyIncome,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let h1: TestHousehold;
let h2: TestHousehold;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  await addLine(ctx.db, tree.countyA.code, 2026, 10000);
  const admin = await createUser(ctx.db, { role: 'admin' });
  cookie = await signIn(ctx.app, admin.login);
  h1 = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    members: [
      { laborCapacity: 'full', employmentStatus: 'unemployed_seeking' },
      { laborCapacity: 'none', employmentStatus: 'not_seeking' },
    ],
  });
  h2 = await createHousehold(ctx.db, { siteId: tree.siteA2.id, members: [{}, { laborCapacity: 'weak' }] });
  await addIncome(ctx.db, h2, monthlyIncome('2025-07', 12, 2000));
});
afterAll(() => ctx.close());

/** Both summary tables, in a stable order, as plain JSON. */
async function snapshot() {
  const facts = await sql`select * from household_summary order by household_id`.execute(ctx.db);
  const months = await sql`select * from household_month_summary order by household_id, month`.execute(ctx.db);
  return JSON.parse(JSON.stringify({ facts: facts.rows, months: months.rows }));
}

const post = async (path: string, body: unknown, method: 'POST' | 'PATCH' | 'DELETE' = 'POST') => {
  const response = await call(ctx.app, method, path, { cookie, body });
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return response;
};

const month = (householdId: string, first: string) =>
  ctx.db
    .selectFrom('householdMonthSummary')
    .selectAll()
    .where('householdId', '=', householdId)
    .where('month', '=', first)
    .executeTakeFirst();

describe('household summaries kept on write', () => {
  it('equal a from-scratch rebuild after income, employment, 低保, visit, import and registry writes', async () => {
    // Income through the API: months, a yearly figure, a correction that supersedes.
    for (const period of ['2026-01', '2026-02', '2026-03'])
      await post('/api/income-records', {
        householdId: h1.id,
        periodKind: 'month',
        period,
        source: 'wages',
        amountYuan: 1500,
      });
    await post('/api/income-records', {
      householdId: h1.id,
      periodKind: 'month',
      period: '2026-02',
      source: 'business',
      amountYuan: 900,
      productionCostsYuan: 300,
    });
    await post('/api/income-records', {
      householdId: h1.id,
      periodKind: 'year',
      period: '2025',
      source: 'property',
      amountYuan: 2400,
    });
    await post('/api/income-records', {
      householdId: h1.id,
      periodKind: 'month',
      period: '2026-03',
      source: 'wages',
      amountYuan: 1800,
    });
    // 1,500 + (1,500 + 600) + 1,800 in 2026, and 2,400 / 12 in each month of 2025 → as of 2026-03.
    const march = await month(h1.id, '2026-03-01');
    expect(march).toMatchObject({ net: 1800, windowMonths: 12, siteId: tree.siteA1.id });
    expect(Number(march?.windowNet)).toBeCloseTo(1500 + 2100 + 1800 + 9 * 200, 6);

    // Employment change, 低保 and a visit.
    await post(`/api/persons/${h1.personIds[0]}`, { version: 1, employmentStatus: 'employed_local' }, 'PATCH');
    // 低保 moves only through its workflow: the application sets it to applied.
    await post(`/api/households/${h1.id}/workflows`, { kind: 'dibao_application', reason: '申请低保' });
    await post('/api/visits', { householdId: h1.id, visitedOn: '2026-03-12', kind: 'routine' });
    const facts = await ctx.db
      .selectFrom('householdSummary')
      .selectAll()
      .where('householdId', '=', h1.id)
      .executeTakeFirstOrThrow();
    expect(facts).toMatchObject({
      members: 2,
      able: 1,
      employedAble: 1,
      employedAny: 1,
      dibaoState: 'applied',
      lastVisitedOn: '2026-03-12',
    });

    // Roster import (commit) of a new two-person household, then income for it.
    const csv = [
      '姓名,身份证号码,与户主关系,户编号,安置点编码,劳动能力,就业状态',
      `冯一,${makeIdNumber('529901', '1979-09-09', 5)},户主,IMP-1,${tree.siteA1.code},有劳动能力,本地务工`,
      `冯二,${makeIdNumber('529901', '1981-01-01', 6)},配偶,IMP-1,${tree.siteA1.code},无劳动力,无就业意愿`,
    ].join('\n');
    const imported = await uploadRoster(ctx.app, cookie, csv);
    expect(imported.status, await imported.clone().text()).toBeLessThan(300);
    const newcomer = await ctx.db
      .selectFrom('households')
      .select('id')
      .where('householdNumber', '=', 'IMP-1')
      .executeTakeFirstOrThrow();
    await post('/api/income-records', {
      householdId: newcomer.id,
      periodKind: 'month',
      period: '2026-03',
      source: 'wages',
      amountYuan: 2400,
    });
    expect(await month(newcomer.id, '2026-03-01')).toMatchObject({ perCapitaMonth: 2400 * 6, windowMonths: 1 });

    // Registry: a member leaves h2 (per capita doubles), h2 moves to site A1.
    const h2Before = await month(h2.id, '2026-06-01');
    await post(`/api/persons/${h2.personIds[1]}`, undefined, 'DELETE');
    expect(Number((await month(h2.id, '2026-06-01'))?.windowPerCapita)).toBeCloseTo(
      Number(h2Before?.windowPerCapita) * 2,
      6,
    );
    await post(`/api/households/${h2.id}`, { version: 1, siteId: tree.siteA1.id }, 'PATCH');
    expect(await month(h2.id, '2026-06-01')).toMatchObject({ siteId: tree.siteA1.id });

    // The per-capita figures from the summaries (timeline, matching) equal the ledger computation,
    // one household at a time and all at once.
    const ids = [h1.id, h2.id, newcomer.id];
    const fromLedger = await perCapitaIncome(ctx.db, householdsById(ids), '2026-04-15');
    expect(fromLedger).toHaveLength(3);
    const byId = (list: PerCapitaIncome[]) => [...list].sort((a, b) => a.householdId.localeCompare(b.householdId));
    expect(byId(await summaryPerCapitaOf(ctx.db, ids, '2026-04-15'))).toEqual(byId(fromLedger));
    for (const expected of fromLedger) {
      expect(await summaryPerCapita(ctx.db, expected.householdId, '2026-04-15')).toEqual(expected);
    }

    const kept = await snapshot();
    expect(kept.facts).toHaveLength(3);
    expect(kept.months.length).toBeGreaterThan(30);
    await ctx.db.transaction().execute((trx) => rebuildHouseholdSummaries(trx));
    expect(await snapshot()).toEqual(kept);
  });

  it('moves the site dashboard with the writes', async () => {
    const report = async () =>
      (
        await call(ctx.app, 'GET', `/api/reports/regions/${tree.siteA1.code}?from=2026-01&to=2026-03`, { cookie })
      ).json();
    const before = await report();
    await post('/api/income-records', {
      householdId: h1.id,
      periodKind: 'month',
      period: '2026-03',
      source: 'transfer_subsidy',
      amountYuan: 30000,
    });
    const after = await report();
    const trendMarch = (r: { income: { trend: { month: string; medianPerCapitaRolling12: number }[] } }) =>
      r.income.trend.find((t) => t.month === '2026-03')?.medianPerCapitaRolling12;
    // March, the 12 months to March per person: h1 (9 × 200 + 5,400) ÷ 2 = 3,600, the imported
    // household one month of 2,400 annualised ÷ 2 = 14,400, h2 (moved here, one member left) nine
    // months of 2,000 annualised = 24,000 → median 14,400; h1's extra 30,000 lifts it to 18,600.
    expect(trendMarch(before)).toBe(14400);
    expect(trendMarch(after)).toBe(18600);
  });
});

describe('劳动能力未登记 in the summaries', () => {
  it('does not count people imported without the column as able', async () => {
    const csv = [
      '姓名,身份证号码,与户主关系,户编号,安置点编码,就业状态',
      `韩一,${makeIdNumber('529901', '1983-04-04', 7)},户主,IMP-U,${tree.siteA2.code},未就业有意愿`,
      `韩二,${makeIdNumber('529901', '1985-05-05', 8)},配偶,IMP-U,${tree.siteA2.code},未就业有意愿`,
    ].join('\n');
    const imported = await uploadRoster(ctx.app, cookie, csv);
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect((await imported.json()).defaulted).toEqual({ laborCapacity: 2, employmentStatus: 0 });
    const imp = await ctx.db
      .selectFrom('households')
      .select('id')
      .where('householdNumber', '=', 'IMP-U')
      .executeTakeFirstOrThrow();
    const factsOf = (householdId: string) =>
      ctx.db
        .selectFrom('householdSummary')
        .select(['members', 'able', 'employedAble', 'laborUnknown'])
        .where('householdId', '=', householdId)
        .executeTakeFirstOrThrow();
    expect(await factsOf(imp.id)).toEqual({ members: 2, able: 0, employedAble: 0, laborUnknown: 2 });
    const [head, spouse] = await ctx.db
      .selectFrom('persons')
      .select('id')
      .where('householdId', '=', imp.id)
      .orderBy('id')
      .execute();
    // Completed by the worker one at a time: each moves from 未登记 to able.
    await ctx.db.updateTable('persons').set({ laborCapacity: 'full' }).where('id', '=', head.id).execute();
    expect(await factsOf(imp.id)).toEqual({ members: 2, able: 1, employedAble: 0, laborUnknown: 1 });
    await ctx.db.updateTable('persons').set({ laborCapacity: 'full' }).where('id', '=', spouse.id).execute();
    expect(await factsOf(imp.id)).toEqual({ members: 2, able: 2, employedAble: 0, laborUnknown: 0 });
    // Back to 未登记 (a correction), and a new household whose member is inserted 未登记.
    await ctx.db.updateTable('persons').set({ laborCapacity: 'unknown' }).where('id', '=', spouse.id).execute();
    expect(await factsOf(imp.id)).toEqual({ members: 2, able: 1, employedAble: 0, laborUnknown: 1 });
    const inserted = await createHousehold(ctx.db, {
      siteId: tree.siteA2.id,
      members: [
        { laborCapacity: 'unknown', employmentStatus: 'unemployed_seeking' },
        { laborCapacity: 'unknown', employmentStatus: 'not_seeking' },
        { laborCapacity: 'none', employmentStatus: 'not_seeking' },
      ],
    });
    expect(await factsOf(inserted.id)).toEqual({ members: 3, able: 0, employedAble: 0, laborUnknown: 2 });

    // The nightly rebuild gives the same numbers.
    const kept = await snapshot();
    await ctx.db.transaction().execute((trx) => rebuildHouseholdSummaries(trx));
    expect(await snapshot()).toEqual(kept);
    expect(await factsOf(inserted.id)).toEqual({ members: 3, able: 0, employedAble: 0, laborUnknown: 2 });
  });
});

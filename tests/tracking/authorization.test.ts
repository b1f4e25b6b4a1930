import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import {
  addIncome,
  createHousehold,
  monthlyIncome,
  setDibao,
  type TestHousehold,
} from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let household: TestHousehold; // on site A1
let other: TestHousehold; // on site B1
let dibaoId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  household = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    members: [{ laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }],
  });
  other = await createHousehold(ctx.db, { siteId: tree.siteB1.id });
  await addIncome(ctx.db, household, monthlyIncome('2025-01', 6, 800));
  dibaoId = await setDibao(ctx.db, household, 'applied');
  await evaluateAlerts(ctx.db, { householdIds: [household.id] });
  const make = async (key: string, options: Parameters<typeof createUser>[1]) => {
    const user = await createUser(ctx.db, options);
    cookies[key] = await signIn(ctx.app, user.login);
    return user;
  };
  await make('admin', { role: 'admin' });
  await make('officialIn', { role: 'official', regionId: tree.countyA.id });
  await make('officialOut', { role: 'official', regionId: tree.countyB.id });
  await make('workerIn', { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  await make('workerOut', { role: 'worker', assignedRegionIds: [tree.siteA2.id] });
  const helperIn = await make('helperIn', { role: 'helper' });
  await ctx.db
    .insertInto('helperAssignments')
    .values({ userId: helperIn.id, householdId: household.id, countyCode: household.countyCode })
    .execute();
  await make('helperOut', { role: 'helper' });
  const residentIn = await make('residentIn', { role: 'resident' });
  await ctx.db.updateTable('users').set({ personId: household.personIds[0] }).where('id', '=', residentIn.id).execute();
  const residentOut = await make('residentOut', { role: 'resident' });
  await ctx.db.updateTable('users').set({ personId: other.personIds[0] }).where('id', '=', residentOut.id).execute();
  await make('employer', { role: 'employer' });
});
afterAll(() => ctx.close());

const get = async (who: string, path: string) => (await call(ctx.app, 'GET', path, { cookie: cookies[who] })).status;
const post = async (who: string, path: string, body: unknown) =>
  (await call(ctx.app, 'POST', path, { cookie: cookies[who], body })).status;

describe('reading household tracking data: in scope, out of scope, by role', () => {
  const readers: [string, number][] = [
    ['admin', 200],
    ['officialIn', 200],
    ['officialOut', 404],
    ['workerIn', 200],
    ['workerOut', 404],
    ['helperIn', 200],
    ['helperOut', 404],
    ['residentIn', 200],
    ['residentOut', 404],
    ['employer', 403],
  ];
  it.each(readers)('timeline, income, per-capita, 低保 and assessments for %s → %i', async (who, status) => {
    expect(await get(who, `/api/households/${household.id}/timeline`)).toBe(status);
    expect(await get(who, `/api/income-records?householdId=${household.id}`)).toBe(status);
    expect(await get(who, `/api/income-records/per-capita?householdId=${household.id}`)).toBe(status);
    expect(await get(who, `/api/dibao-enrolments/${dibaoId}`)).toBe(status);
  });

  it('lists only what is in scope', async () => {
    const visible = async (who: string) =>
      (await (await call(ctx.app, 'GET', '/api/dibao-enrolments', { cookie: cookies[who] })).json()).total;
    expect(await visible('workerIn')).toBe(1);
    expect(await visible('workerOut')).toBe(0);
    expect(await visible('residentOut')).toBe(0);
    expect(await get('employer', '/api/visits')).toBe(403);
    expect(await get('employer', '/api/integration-assessments')).toBe(403);
  });

  it('answers 401 to anyone signed out', async () => {
    expect((await call(ctx.app, 'GET', `/api/households/${household.id}/timeline`)).status).toBe(401);
    expect((await call(ctx.app, 'GET', '/api/alerts')).status).toBe(401);
    expect((await call(ctx.app, 'GET', '/api/exports/households.xlsx')).status).toBe(401);
  });

  it('audits the read of income figures and the refused reads', async () => {
    await get('workerIn', `/api/households/${household.id}/timeline`);
    await get('workerOut', `/api/households/${household.id}/timeline`);
    const rows = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceId', 'in', [household.id, `/api/households/${household.id}/timeline`])
      .execute();
    expect(rows.some((row) => row.outcome === 'ok' && row.fields?.includes('perCapitaNetIncome'))).toBe(true);
    expect(rows.some((row) => row.outcome === 'denied')).toBe(true);
  });
});

describe('alerts', () => {
  it.each([
    ['admin', 1],
    ['officialIn', 1],
    ['officialOut', 0],
    ['workerIn', 1],
    ['workerOut', 0],
    ['helperIn', 1],
    ['helperOut', 0],
  ] as const)('%s sees %i zero-employment alert(s)', async (who, count) => {
    const response = await call(ctx.app, 'GET', '/api/alerts?ruleId=zero_employment', { cookie: cookies[who] });
    expect((await response.json()).total).toBe(count);
  });

  it('is refused to residents and employers, and only workers and admins act on alerts', async () => {
    expect(await get('residentIn', '/api/alerts')).toBe(403);
    expect(await get('employer', '/api/alerts')).toBe(403);
    const [alert] = await ctx.db.selectFrom('alerts').select('id').where('householdId', '=', household.id).execute();
    expect(await post('officialIn', `/api/alerts/${alert.id}/acknowledge`, undefined)).toBe(403);
    expect(await post('helperIn', `/api/alerts/${alert.id}/acknowledge`, undefined)).toBe(403);
    expect(await post('workerOut', `/api/alerts/${alert.id}/acknowledge`, undefined)).toBe(404);
    expect(await post('workerIn', `/api/alerts/${alert.id}/acknowledge`, undefined)).toBe(200);
    expect(await post('workerIn', '/api/alerts/evaluate', undefined)).toBe(403);
    expect(await post('admin', '/api/alerts/evaluate', undefined)).toBe(200);
  });
});

describe('recording', () => {
  const visit = () => ({ householdId: household.id, visitedOn: '2026-06-01', kind: 'routine', measures: [] });
  it.each([
    ['admin', 201],
    ['workerIn', 201],
    ['helperIn', 201],
    ['workerOut', 404],
    ['helperOut', 404],
    ['officialIn', 403],
    ['residentIn', 403],
    ['employer', 403],
  ] as const)('a visit, income and an assessment by %s → %i', async (who, status) => {
    expect(await post(who, '/api/visits', visit())).toBe(status);
    expect(
      await post(who, '/api/income-records', {
        householdId: household.id,
        periodKind: 'month',
        period: '2026-05',
        source: 'wages',
        amountYuan: 1000,
      }),
    ).toBe(status);
    const scores = {
      economic: 3,
      socialTies: 3,
      dailyLifeServices: 3,
      culturalParticipation: 3,
      psychologicalBelonging: 3,
    };
    expect(
      await post(who, '/api/integration-assessments', {
        householdId: household.id,
        assessedOn: '2026-06-01',
        ...scores,
      }),
    ).toBe(status);
  });

  it('leaves 低保 decisions to workers and admins, and even they go through a workflow', async () => {
    const move = { to: 'under_review', on: '2026-02-01' };
    expect(await post('helperIn', `/api/dibao-enrolments/${dibaoId}/transitions`, move)).toBe(403);
    expect(await post('officialIn', `/api/dibao-enrolments/${dibaoId}/transitions`, move)).toBe(403);
    expect(await post('workerOut', `/api/dibao-enrolments/${dibaoId}/transitions`, move)).toBe(404);
    expect(await post('workerIn', `/api/dibao-enrolments/${dibaoId}/transitions`, move)).toBe(409);
    expect(await post('admin', `/api/dibao-enrolments/${dibaoId}/transitions`, move)).toBe(409);
  });
});

describe('reports and exports', () => {
  it.each([
    ['admin', 200],
    ['officialIn', 200],
    ['officialOut', 404],
    ['workerIn', 200],
    ['workerOut', 200], // a worker on A2 may ask about county A, and sees only A2's households
    ['helperIn', 403],
    ['residentIn', 403],
    ['employer', 403],
  ] as const)('county A report for %s → %i', async (who, status) => {
    expect(await get(who, `/api/reports/regions/${tree.countyA.code}`)).toBe(status);
  });

  it.each([
    ['admin', 200],
    ['officialIn', 200],
    ['officialOut', 404],
    ['workerIn', 200],
    ['workerOut', 404],
    ['helperIn', 403],
    ['residentIn', 403],
    ['employer', 403],
  ] as const)('site A1 exports for %s → %i', async (who, status) => {
    for (const ledger of ['households', 'employment', 'alerts'])
      expect(await get(who, `/api/exports/${ledger}.xlsx?region=${tree.siteA1.code}`)).toBe(status);
  });
});

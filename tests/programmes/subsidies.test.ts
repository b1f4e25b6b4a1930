import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let worker: string;
let otherWorker: string;
let official: string;
let personId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  worker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] })).login,
  );
  otherWorker = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteB1.id] })).login,
  );
  official = await signIn(ctx.app, (await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id })).login);
  personId = (await createHousehold(ctx.db, { siteId: tree.siteA1.id })).personIds[0] as string;
});
afterAll(() => ctx.close());

const entry = (body: Record<string, unknown>, cookie = worker) =>
  call(ctx.app, 'POST', '/api/subsidies', {
    cookie,
    body: { kind: 'training', personId, basis: 'course:7', period: '2026', amountYuan: 1200, ...body },
  });

describe('subsidy ledgers', () => {
  it('refuses paying the same kind, person, basis and period twice (409 duplicate-subsidy)', async () => {
    expect((await entry({})).status).toBe(201);
    const twice = await entry({ amountYuan: 900 });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: 'duplicate-subsidy' });
    expect((await entry({ basis: 'course:8' })).status).toBe(201);
    expect((await entry({ kind: 'transport', basis: 'batch:1' })).status).toBe(201);
    expect((await entry({}, otherWorker)).status).toBe(404);
  });

  it('moves qualified → applied → approved → paid and totals paid amounts per year and kind', async () => {
    const created = (await (await entry({ basis: 'course:9', amountYuan: 500 })).json()) as { id: string };
    const states: string[] = [];
    for (let step = 0; step < 3; step++) {
      const response = await call(ctx.app, 'POST', `/api/subsidies/${created.id}/advance`, { cookie: worker });
      states.push(((await response.json()) as { state: string }).state);
    }
    expect(states).toEqual(['applied', 'approved', 'paid']);
    expect((await call(ctx.app, 'POST', `/api/subsidies/${created.id}/advance`, { cookie: worker })).status).toBe(409);
    const totals = (await (
      await call(ctx.app, 'GET', '/api/subsidies/totals?year=2026', { cookie: official })
    ).json()) as {
      items: { kind: string; state: string; entries: number; amountYuan: number }[];
    };
    expect(totals.items).toContainEqual({ year: '2026', kind: 'training', state: 'paid', entries: 1, amountYuan: 500 });
    const elsewhere = (await (await call(ctx.app, 'GET', '/api/subsidies/totals', { cookie: otherWorker })).json()) as {
      items: unknown[];
    };
    expect(elsewhere.items).toEqual([]);
  });
});

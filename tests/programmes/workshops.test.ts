import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createEmployer, linkEmployerAccount } from '../support/opportunity-fixtures.ts';
import { createHousehold, type TestHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let worker: string;
let official: string;
let otherOfficial: string;
let manager: string;
let otherEmployer: string;
let resident: string;
let people: TestHousehold;
let workshopEmployerId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const login = async (options: Parameters<typeof createUser>[1]) => {
    const user = await createUser(ctx.db, options);
    return { user, cookie: await signIn(ctx.app, user.login) };
  };
  worker = (await login({ role: 'worker', assignedRegionIds: [tree.siteA1.id] })).cookie;
  official = (await login({ role: 'official', regionId: tree.countyA.id })).cookie;
  otherOfficial = (await login({ role: 'official', regionId: tree.countyB.id })).cookie;
  resident = (await login({ role: 'resident' })).cookie;
  const employer = await createEmployer(ctx, { kind: 'workshop', regionId: tree.siteA1.id, name: '甲一扶贫车间' });
  workshopEmployerId = employer.id;
  const managerLogin = await login({ role: 'employer' });
  await linkEmployerAccount(ctx, managerLogin.user.id, employer.id);
  manager = managerLogin.cookie;
  const other = await login({ role: 'employer' });
  await linkEmployerAccount(ctx, other.user.id, (await createEmployer(ctx)).id);
  otherEmployer = other.cookie;
  people = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    members: [{ name: '周一' }, { name: '周二', relation: 'child' }, { name: '周三', relation: 'child' }],
  });
});
afterAll(() => ctx.close());

describe('帮扶车间 recognition and monthly employment', () => {
  it('records criteria, employment by month, and recognises only when the criteria are met', async () => {
    const created = await call(ctx.app, 'POST', '/api/workshops', {
      cookie: worker,
      body: {
        employerId: workshopEmployerId,
        siteId: tree.siteA1.id,
        minRelocatedEmployed: 3,
        minRelocatedShare: 0.3,
        totalEmployed: 10,
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const workshop = (await created.json()) as { id: string; status: string; meetsCriteria: boolean };
    expect(workshop).toMatchObject({ status: 'pending', meetsCriteria: false });
    const again = await call(ctx.app, 'POST', '/api/workshops', {
      cookie: worker,
      body: {
        employerId: workshopEmployerId,
        siteId: tree.siteA1.id,
        minRelocatedEmployed: 1,
        minRelocatedShare: 0,
        totalEmployed: 1,
      },
    });
    expect(await again.json()).toMatchObject({ code: 'workshop-exists' });

    const record = (personId: string, month: string) =>
      call(ctx.app, 'PUT', `/api/workshops/${workshop.id}/employment`, {
        cookie: worker,
        body: { personId, month, payYuan: 2600 },
      });
    for (const personId of people.personIds.slice(0, 2)) expect((await record(personId, '2026-01')).status).toBe(200);
    const early = await call(ctx.app, 'POST', `/api/workshops/${workshop.id}/decision`, {
      cookie: official,
      body: { status: 'recognised', decidedOn: '2026-02-01' },
    });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: 'criteria-not-met' });
    expect((await record(people.personIds[2] as string, '2026-01')).status).toBe(200);
    expect(
      (
        await call(ctx.app, 'POST', `/api/workshops/${workshop.id}/decision`, {
          cookie: worker,
          body: { status: 'recognised', decidedOn: '2026-02-01' },
        })
      ).status,
    ).toBe(403);
    const recognised = await call(ctx.app, 'POST', `/api/workshops/${workshop.id}/decision`, {
      cookie: official,
      body: { status: 'recognised', decidedOn: '2026-02-01' },
    });
    expect(recognised.status, await recognised.clone().text()).toBe(200);
    expect(await recognised.json()).toMatchObject({
      status: 'recognised',
      latestMonth: '2026-01',
      relocatedEmployed: 3,
      relocatedShare: 0.3,
      meetsCriteria: true,
    });

    // The manager's page: their own workshop and its people; another employer sees nothing.
    const page = await call(ctx.app, 'GET', `/api/workshops/${workshop.id}`, { cookie: manager });
    expect(page.status).toBe(200);
    const employment = (await (
      await call(ctx.app, 'GET', `/api/workshops/${workshop.id}/employment?month=2026-01`, { cookie: manager })
    ).json()) as { items: unknown[] };
    expect(employment.items).toHaveLength(3);
    expect((await call(ctx.app, 'GET', `/api/workshops/${workshop.id}`, { cookie: otherEmployer })).status).toBe(404);
    const theirList = (await (await call(ctx.app, 'GET', '/api/workshops', { cookie: otherEmployer })).json()) as {
      items: unknown[];
    };
    expect(theirList.items).toEqual([]);
    expect((await call(ctx.app, 'GET', `/api/workshops/${workshop.id}`, { cookie: otherOfficial })).status).toBe(404);
    expect((await call(ctx.app, 'GET', '/api/workshops', { cookie: resident })).status).toBe(403);
    expect(
      (
        await call(ctx.app, 'PUT', `/api/workshops/${workshop.id}/employment`, {
          cookie: manager,
          body: { personId: people.personIds[0], month: '2026-02', payYuan: 1 },
        })
      ).status,
    ).toBe(403);
  });
});

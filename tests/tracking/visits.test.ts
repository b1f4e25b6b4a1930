import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { addVisit, createHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let adminCookie: string;
let workerId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id] });
  workerId = worker.id;
  cookie = await signIn(ctx.app, worker.login);
  adminCookie = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
});
afterAll(() => ctx.close());

const today = chinaToday();
const dueOf = async (householdId: string) => {
  const body = await (await call(ctx.app, 'GET', '/api/visits/due?pageSize=200', { cookie })).json();
  return body.items.find((item: { householdId: string }) => item.householdId === householdId);
};

describe('visits and their derived due dates', () => {
  it('records a visit with measures and lists it', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const response = await call(ctx.app, 'POST', '/api/visits', {
      cookie,
      body: {
        householdId: h.id,
        visitedOn: addDays(today, -1),
        kind: 'dibao_check',
        findings: '老人住院',
        measures: ['medical_aid', 'dibao_application'],
        nextVisitDue: addDays(today, 10),
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ workerId, measures: ['medical_aid', 'dibao_application'] });
    const list = await (await call(ctx.app, 'GET', `/api/visits?householdId=${h.id}`, { cookie })).json();
    expect(list.total).toBe(1);
    expect(await dueOf(h.id)).toMatchObject({ dueOn: addDays(today, 10), overdue: false });
  });

  it('refuses a visit in the future, a next visit before it, and an unknown measure', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    const post = (body: Record<string, unknown>) =>
      call(ctx.app, 'POST', '/api/visits', { cookie, body: { householdId: h.id, kind: 'routine', ...body } });
    const future = await post({ visitedOn: addDays(today, 1) });
    expect((await future.json()).errors[0].path).toBe('json.visitedOn');
    const before = await post({ visitedOn: today, nextVisitDue: today });
    expect((await before.json()).errors[0].path).toBe('json.nextVisitDue');
    const unknown = await post({ visitedOn: today, measures: ['magic'] });
    expect((await unknown.json()).errors[0].path).toBe('json.measures.0');
  });

  it('derives overdue from the schedule and the last visit, so a schedule change moves it at once', async () => {
    const h = await createHousehold(ctx.db, { siteId: tree.siteA1.id, monitoringCategory: 'marginal' });
    await addVisit(ctx.db, h, workerId, addDays(today, -40));
    expect(await dueOf(h.id)).toMatchObject({
      intervalDays: 30,
      dueOn: addDays(today, -10),
      overdue: true,
      daysOverdue: 10,
    });
    const put = await call(ctx.app, 'PUT', '/api/visits/schedules/marginal', {
      cookie: adminCookie,
      body: { intervalDays: 60 },
    });
    expect(put.status).toBe(200);
    expect(await dueOf(h.id)).toMatchObject({ intervalDays: 60, dueOn: addDays(today, 20), overdue: false });
    expect(
      (await call(ctx.app, 'PUT', '/api/visits/schedules/marginal', { cookie, body: { intervalDays: 5 } })).status,
    ).toBe(403);
    await call(ctx.app, 'PUT', '/api/visits/schedules/marginal', { cookie: adminCookie, body: { intervalDays: 30 } });
  });

  it('lists only overdue households when asked, earliest first', async () => {
    const a = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await addVisit(ctx.db, a, workerId, addDays(today, -100));
    const b = await createHousehold(ctx.db, { siteId: tree.siteA1.id });
    await addVisit(ctx.db, b, workerId, addDays(today, -120));
    const body = await (await call(ctx.app, 'GET', '/api/visits/due?overdueOnly=true', { cookie })).json();
    const ids = body.items.map((item: { householdId: string }) => item.householdId);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(body.items.every((item: { overdue: boolean }) => item.overdue)).toBe(true);
  });
});

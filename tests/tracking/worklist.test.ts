import { chinaToday } from '@anju/domain/clock';
import { addDays } from '@anju/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../api/src/tracking/evaluate-alerts.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { addVisit, createHousehold } from '../support/tracking-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let cookie: string;
let officialCookie: string;
const today = chinaToday();

beforeAll(async () => {
  ctx = await createTestContext();
  tree = await createRegionTree(ctx.db);
  const worker = await createUser(ctx.db, { role: 'worker', assignedRegionIds: [tree.siteA1.id, tree.siteA2.id] });
  cookie = await signIn(ctx.app, worker.login);
  officialCookie = await signIn(
    ctx.app,
    (await createUser(ctx.db, { role: 'official', regionId: tree.countyA.id })).login,
  );
  // A1: a zero-employment household visited recently (one alert, nothing overdue).
  const idle = await createHousehold(ctx.db, {
    siteId: tree.siteA1.id,
    responsibleWorkerId: worker.id,
    members: [{ name: '孙闲', relation: 'head', laborCapacity: 'full', employmentStatus: 'unemployed_seeking' }],
  });
  await addVisit(ctx.db, idle, worker.id, addDays(today, -10));
  // A2: a household never visited, registered 200 days ago: visit overdue (alert after evaluation).
  const late = await createHousehold(ctx.db, {
    siteId: tree.siteA2.id,
    responsibleWorkerId: worker.id,
    createdOn: addDays(today, -200),
    members: [
      { name: '成员甲', relation: 'child' },
      { name: '周户主', relation: 'head' },
    ],
  });
  // A2: another overdue household whose alert the nightly run has not opened yet.
  await createHousehold(ctx.db, {
    siteId: tree.siteA2.id,
    responsibleWorkerId: worker.id,
    createdOn: addDays(today, -120),
    members: [{ name: '吴晚', relation: 'head' }],
  });
  await evaluateAlerts(ctx.db, { householdIds: [idle.id, late.id] });
  // B1 (out of the worker's scope): never listed.
  await createHousehold(ctx.db, { siteId: tree.siteB1.id, createdOn: addDays(today, -300) });
});
afterAll(() => ctx.close());

const list = async (query: string, as = cookie) => {
  const response = await call(ctx.app, 'GET', `/api/worklist${query}`, { cookie: as });
  expect(response.status).toBe(200);
  return response.json();
};

describe('the worker’s worklist', () => {
  it('puts overdue work first, names households by their head, and lists an overdue visit once', async () => {
    const page = await list('');
    expect(page.total).toBe(3);
    expect(
      page.items.map((i: { kind: string; headName: string; overdue: boolean }) => [i.kind, i.headName, i.overdue]),
    ).toEqual([
      ['visit_overdue', '周户主', true],
      ['visit_overdue', '吴晚', true],
      ['zero_employment', '孙闲', false],
    ]);
    expect(page.items[0]).toMatchObject({ source: 'alert', daysOverdue: 110 });
    expect(page.items[0].alertId).toMatch(/^\d+$/);
    expect(page.items[1]).toMatchObject({ source: 'visit', alertId: null, daysOverdue: 30 });
  });

  it('filters by kind, site and due, and pages with the one paging helper', async () => {
    expect((await list('?kind=zero_employment')).items.map((i: { headName: string }) => i.headName)).toEqual(['孙闲']);
    expect((await list(`?site=${tree.siteA1.id}`)).total).toBe(1);
    expect((await list('?due=overdue')).total).toBe(2);
    expect((await list('?due=week')).total).toBe(2);
    const second = await list('?pageSize=2&page=2');
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((i: { headName: string }) => i.headName)).toEqual(['孙闲']);
    expect(await list('?pageSize=2&page=9')).toMatchObject({ total: 3, page: 9, pageSize: 2, items: [] });
    const bad = await call(ctx.app, 'GET', '/api/worklist?due=soon&pageSize=500', { cookie });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await bad.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.due',
      'query.pageSize',
    ]);
  });

  it('counts the work for the home page', async () => {
    const counts = await (await call(ctx.app, 'GET', '/api/worklist/counts', { cookie })).json();
    expect(counts).toEqual({
      total: 3,
      overdue: 2,
      dueWithinWeek: 2,
      byKind: { visit_overdue: 2, zero_employment: 1 },
    });
  });

  it('shows an official the surname only, and a resident nothing', async () => {
    const page = await list('', officialCookie);
    expect(page.items.map((i: { headName: string }) => i.headName)).toEqual(['周**', '吴*', '孙*']);
    const resident = await createUser(ctx.db, { role: 'resident' });
    const refused = await call(ctx.app, 'GET', '/api/worklist', { cookie: await signIn(ctx.app, resident.login) });
    expect(refused.status).toBe(403);
  });
});

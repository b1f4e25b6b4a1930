import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createEmployer, drain, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let admin: string;
let employerId: string;
let resident: { id: string; cookie: string };

const notificationsOf = async (cookie: string) =>
  (await (await call(ctx.app, 'GET', '/api/notifications', { cookie })).json()) as {
    items: { id: string; title: string; link: string; read: boolean }[];
    total: number;
  };
const post = async (overrides: Record<string, unknown>) => {
  const response = await call(ctx.app, 'POST', '/api/jobs', {
    cookie: admin,
    body: jobBody({ employerId, ...overrides }),
  });
  return (await response.json()) as { id: string };
};

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  tree = await createRegionTree(ctx.db);
  employerId = (await createEmployer(ctx, { verified: true })).id;
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  const user = await createUser(ctx.db, { role: 'resident', regionId: tree.siteA1.id });
  resident = { id: user.id, cookie: await signIn(ctx.app, user.login) };
});
afterAll(() => ctx.close());

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('saved searches with alerts', { timeout: 120_000 }, () => {
  it('notifies the resident once for each new matching posting near them', async () => {
    const saved = await call(ctx.app, 'POST', '/api/saved-searches', {
      cookie: resident.cookie,
      body: { index: 'jobs', name: '附近的缝纫活', params: { q: '缝纫', lat: 26.6, lng: 106.7, radiusKm: 15 } },
    });
    expect(saved.status).toBe(201);
    const match = await post({ title: '缝纫工', lat: 26.62, lng: 106.72 });
    await post({ title: '缝纫工（外省）', lat: 30.5, lng: 114.3 });
    await post({ title: '电焊工', description: '焊接', requiredSkills: [], lat: 26.61, lng: 106.71 });
    const draft = await post({ title: '缝纫机操作工', status: 'draft', lat: 26.6, lng: 106.7 });
    const result = await drain(ctx);
    expect(result.alerts).toBe(1);
    let mine = await notificationsOf(resident.cookie);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].title).toContain('缝纫工');
    expect(mine.items[0].link).toBe(`/jobs/${match.id}`);

    // An edit re-indexes the posting but raises no second alert.
    await call(ctx.app, 'PATCH', `/api/jobs/${match.id}`, { cookie: admin, body: { payMax: 5500 } });
    await drain(ctx);
    expect((await notificationsOf(resident.cookie)).total).toBe(1);

    // The draft alerts once it opens.
    await call(ctx.app, 'PATCH', `/api/jobs/${draft.id}`, { cookie: admin, body: { status: 'open' } });
    await drain(ctx);
    mine = await notificationsOf(resident.cookie);
    expect(mine.total).toBe(2);

    const read = await call(ctx.app, 'POST', `/api/notifications/${mine.items[0].id}/read`, {
      cookie: resident.cookie,
    });
    expect(read.status).toBe(204);
    const unread = await (
      await call(ctx.app, 'GET', '/api/notifications?unread=true', { cookie: resident.cookie })
    ).json();
    expect(unread.total).toBe(1);
  });

  it('lets a helper save a search for a resident of their site, not for others', async () => {
    const helper = await createUser(ctx.db, { role: 'helper', assignedRegionIds: [tree.siteA1.id] });
    const helperCookie = await signIn(ctx.app, helper.login);
    const forResident = await call(ctx.app, 'POST', '/api/saved-searches', {
      cookie: helperCookie,
      body: { index: 'jobs', name: '苗绣', params: { skills: 'handicraft.miao_embroidery' }, userId: resident.id },
    });
    expect(forResident.status).toBe(201);
    const elsewhere = await createUser(ctx.db, { role: 'resident', regionId: tree.siteB1.id });
    const forOther = await call(ctx.app, 'POST', '/api/saved-searches', {
      cookie: helperCookie,
      body: { index: 'jobs', name: 'x', params: {}, userId: elsewhere.id },
    });
    expect(forOther.status).toBe(404);
    await post({
      title: '苗绣绣娘',
      description: '扶贫车间',
      requiredSkills: [{ code: 'handicraft.miao_embroidery', minLevel: 1 }],
    });
    await drain(ctx);
    const mine = await notificationsOf(resident.cookie);
    expect(mine.items.some((n) => n.title.includes('苗绣绣娘'))).toBe(true);
    const list = await (
      await call(ctx.app, 'GET', `/api/saved-searches?userId=${resident.id}`, { cookie: helperCookie })
    ).json();
    expect(list.items).toHaveLength(2);
  });

  it('keeps other people’s notifications private', async () => {
    const other = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
    expect((await notificationsOf(other)).total).toBe(0);
    const [first] = (await notificationsOf(resident.cookie)).items;
    expect((await call(ctx.app, 'POST', `/api/notifications/${first.id}/read`, { cookie: other })).status).toBe(404);
  });
});

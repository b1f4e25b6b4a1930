import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { createSearch } from '../../search/src/client.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createRegionTree, createUser, type RegionTree, signIn } from '../support/fixtures.ts';
import { createEmployer, drain, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

let ctx: TestContext;
let tree: RegionTree;
let admin: string;
let resident: string;
let employerId: string;
const ids: Record<string, string> = {};

async function postJob(key: string, overrides: Record<string, unknown>) {
  const response = await call(ctx.app, 'POST', '/api/jobs', {
    cookie: admin,
    body: jobBody({ employerId, ...overrides }),
  });
  if (response.status !== 201) throw new Error(await response.text());
  ids[key] = (await response.json()).id;
}

async function search(query: string, cookie = resident) {
  const response = await call(ctx.app, 'GET', `/api/search/jobs?${query}`, { cookie });
  expect(response.status).toBe(200);
  return response.json() as Promise<{
    hits: ({ id: string } & Record<string, any>)[];
    total: number;
    facets: Record<string, Record<string, number>>;
  }>;
}
const found = (result: { hits: { id: string }[] }) =>
  result.hits.map((hit) => Object.entries(ids).find(([, id]) => id === hit.id)?.[0]);

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  tree = await createRegionTree(ctx.db);
  employerId = (await createEmployer(ctx, { verified: true, name: '青山制衣厂' })).id;
  admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  resident = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
  // Site A1 is at about (26.60, 106.70).
  await postJob('near', {
    title: '缝纫工',
    lat: 26.61,
    lng: 106.71,
    payMin: 3500,
    payMax: 4500,
    shuttleSiteIds: [tree.siteA1.id],
  });
  await postJob('mid', {
    title: '缝纫机操作工',
    lat: 26.65,
    lng: 106.75,
    payMin: 4200,
    payMax: 6000,
    accommodation: true,
  });
  await postJob('far', { title: '缝纫车位', lat: 27.5, lng: 107.5, payMin: 5000, payMax: 8000, accommodation: true });
  await postJob('welder', {
    title: '电焊工',
    description: '钢结构焊接',
    requiredSkills: [{ code: 'welding.arc', minLevel: 2 }],
    lat: 26.6,
    lng: 106.69,
    payMin: 6000,
    payMax: 9000,
    employmentType: 'part_time',
  });
  await postJob('draft', { title: '缝纫草稿', status: 'draft', lat: 26.6, lng: 106.7 });
  // Distinct creation times, oldest first, so "newest" has one right order.
  for (const [offset, key] of ['near', 'mid', 'far'].entries()) {
    await sql`update jobs set created_at = now() - make_interval(hours => ${10 - offset}) where id = ${ids[key]}`.execute(
      ctx.db,
    );
  }
  await drain(ctx);
});
afterAll(() => ctx.close());

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('search filters, facets and sorting', { timeout: 120_000 }, () => {
  it('answers hits with highlights, a total and facet counts', async () => {
    const result = await search('q=缝纫');
    expect(found(result).sort()).toEqual(['far', 'mid', 'near']);
    expect(result.total).toBe(3);
    expect(result.hits[0]._formatted.title).toContain('<mark>');
    expect(result.facets).toEqual({ employmentType: { full_time: 3 } });
    const named = await search('q=缝纫&facets=skills,employmentType');
    expect(named.facets.employmentType).toEqual({ full_time: 3 });
    expect(named.facets.skills['garment.sewing']).toBe(3);
    expect(result.hits[0]).not.toHaveProperty('docHash');
  });

  it('limits to a radius around a point and sorts by distance', async () => {
    const result = await search('q=缝纫&lat=26.60&lng=106.70&radiusKm=10&sort=distance');
    expect(found(result)).toEqual(['near', 'mid']);
    expect(result.hits[0].distanceKm).toBeLessThan(result.hits[1].distanceKm);
    expect(result.hits[0].distanceKm).toBeGreaterThan(0);
  });

  it('filters by skill code, minimum pay, kind, accommodation and shuttle site', async () => {
    expect(found(await search('skills=welding.arc'))).toEqual(['welder']);
    expect(found(await search('skills=welding.arc,garment.sewing&kind=part_time'))).toEqual(['welder']);
    expect(found(await search('q=缝纫&payMin=4000')).sort()).toEqual(['far', 'mid']);
    expect(found(await search('q=缝纫&accommodation=true')).sort()).toEqual(['far', 'mid']);
    expect(found(await search(`shuttleFromSite=${tree.siteA1.code}`))).toEqual(['near']);
    expect(found(await search(`shuttleFromSite=${tree.siteA1.id}`))).toEqual(['near']);
  });

  it('sorts by pay and by newest', async () => {
    expect(found(await search('q=缝纫&sort=pay'))).toEqual(['far', 'mid', 'near']);
    expect(found(await search('q=缝纫&sort=newest'))).toEqual(['far', 'mid', 'near']);
    expect(found(await search('q=缝纫&sort=pay&payMin=4000'))).toEqual(['far', 'mid']);
  });

  it('refuses a distance sort without a point and an unknown site, naming the parameter', async () => {
    const noPoint = await call(ctx.app, 'GET', '/api/search/jobs?sort=distance', { cookie: resident });
    expect(noPoint.status).toBe(400);
    expect((await noPoint.json()).errors[0].path).toBe('query.sort');
    const badSite = await call(ctx.app, 'GET', '/api/search/jobs?shuttleFromSite=nowhere', { cookie: resident });
    expect((await badSite.json()).errors[0].path).toBe('query.shuttleFromSite');
  });

  it('paginates', async () => {
    const first = await search('q=缝纫&pageSize=2&page=1');
    const second = await search('q=缝纫&pageSize=2&page=2');
    expect(first.hits).toHaveLength(2);
    expect(second.hits).toHaveLength(1);
    expect(first.total).toBe(3);
  });
});

// The radius is a grid-cell filter in Meilisearch, then the exact distance in the API (issue 23).
describe('radius and distance order at the grid cells’ edges', { timeout: 120_000 }, () => {
  // The centre sits on a corner shared by cells of 0.01° and 0.05°; 3 km is about 0.027° north.
  const centre = 'lat=26.65&lng=106.65';
  beforeAll(async () => {
    const embroidery = { description: '手工刺绣', requiredSkills: [] };
    await postJob('e-centre', { ...embroidery, title: '刺绣工甲', lat: 26.65, lng: 106.65 });
    await postJob('e-across', { ...embroidery, title: '刺绣工乙', lat: 26.6499, lng: 106.6499 });
    await postJob('e-west', { ...embroidery, title: '刺绣工丙', lat: 26.65, lng: 106.62485 }); // 2.5 km
    await postJob('e-edge-in', { ...embroidery, title: '刺绣工丁', lat: 26.6761, lng: 106.65 }); // 2.9 km
    await postJob('e-edge-out', { ...embroidery, title: '刺绣工戊', lat: 26.6779, lng: 106.65 }); // 3.1 km, same cell
    await postJob('e-far', { ...embroidery, title: '刺绣工己', lat: 26.7, lng: 106.7 });
    await drain(ctx);
  });

  it('keeps what is within the radius, also in a cell the edge crosses, with total and facets of the circle', async () => {
    const result = await search(`q=刺绣&${centre}&radiusKm=3`);
    expect(found(result).sort()).toEqual(['e-across', 'e-centre', 'e-edge-in', 'e-west']);
    expect(result.total).toBe(4);
    expect(result.facets.employmentType).toEqual({ full_time: 4 });
    const paged = await search(`q=刺绣&${centre}&radiusKm=3&pageSize=3&page=2`);
    expect(paged.hits).toHaveLength(1);
    expect(paged.total).toBe(4);
    // 3.2 km takes in the posting just beyond 3 km, in the very same cell.
    expect(found(await search(`q=刺绣&${centre}&radiusKm=3.2`))).toContain('e-edge-out');
  });

  it('orders by distance within the radius, page by page, highlighted', async () => {
    const first = await search(`q=刺绣&${centre}&radiusKm=3&sort=distance&pageSize=2`);
    expect(found(first)).toEqual(['e-centre', 'e-across']);
    expect(first.total).toBe(4);
    expect(first.facets.employmentType).toEqual({ full_time: 4 });
    expect(first.hits[0]._formatted.title).toContain('<mark>');
    const second = await search(`q=刺绣&${centre}&radiusKm=3&sort=distance&pageSize=2&page=2`);
    expect(found(second)).toEqual(['e-west', 'e-edge-in']);
    expect(second.hits.map((hit) => hit.distanceKm)).toEqual([2.5, 2.9]);
  });

  it('orders everything by distance when there is no radius', async () => {
    const result = await search(`q=刺绣&${centre}&sort=distance`);
    expect(found(result)).toEqual(['e-centre', 'e-across', 'e-west', 'e-edge-in', 'e-edge-out', 'e-far']);
    expect(result.total).toBe(6);
    expect(result.hits.every((hit) => !('geoCells' in hit))).toBe(true);
  });
});

// Meilisearch indexing waits behind other test files' tasks on a loaded 2-core machine.
describe('what residents may find', { timeout: 120_000 }, () => {
  it('never finds drafts, unverified employers’ postings or passed deadlines; verification makes them live', async () => {
    expect(found(await search('q=草稿'))).toEqual([]);
    const pending = await createEmployer(ctx, { verified: false, name: '待认证合作社' });
    await postJob('unverified', {
      employerId: pending.id,
      title: '茶叶采摘工',
      description: '春茶季',
      requiredSkills: [{ code: 'farming.tea_picking', minLevel: 1 }],
    });
    await drain(ctx);
    expect(found(await search('q=采茶'))).toEqual([]);
    const verify = await call(ctx.app, 'POST', `/api/employers/${pending.id}/verify`, {
      cookie: admin,
      body: { verified: true },
    });
    expect(verify.status).toBe(200);
    await drain(ctx);
    expect(found(await search('q=采茶'))).toEqual(['unverified']);
    // A deadline that has passed hides the posting even before anyone closes it.
    await ctx.db.updateTable('jobs').set({ deadline: '2020-01-01' }).where('id', '=', ids.unverified).execute();
    await ctx.db
      .insertInto('searchOutbox')
      .values({ indexName: 'jobs', documentId: ids.unverified, operation: 'upsert', lastError: null })
      .execute();
    await drain(ctx);
    expect(found(await search('q=采茶'))).toEqual([]);
  });

  it('removes a deleted posting from search', async () => {
    await postJob('doomed', { title: '竹编工艺师', description: '编背篓', requiredSkills: [] });
    await drain(ctx);
    expect(found(await search('q=竹编'))).toEqual(['doomed']);
    expect((await call(ctx.app, 'DELETE', `/api/jobs/${ids.doomed}`, { cookie: admin })).status).toBe(204);
    await drain(ctx);
    expect(found(await search('q=竹编'))).toEqual([]);
  });

  it('requires sign-in', async () => {
    expect((await call(ctx.app, 'GET', '/api/search/jobs?q=缝纫')).status).toBe(401);
  });
});

describe('when Meilisearch is down', () => {
  it('answers 503 problem+json without a stack trace, while writes still succeed and are queued', async () => {
    const deadSearch = createSearch({ url: 'http://127.0.0.1:9', masterKey: 'x', timeoutMs: 1000 });
    const app = createApp({ ...ctx.deps, search: deadSearch });
    const cookie = await signIn(app, (await createUser(ctx.db, { role: 'admin' })).login);
    const response = await call(app, 'GET', '/api/search/jobs?q=缝纫', { cookie });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    const text = await response.text();
    expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    const write = await call(app, 'POST', '/api/jobs', {
      cookie,
      body: jobBody({ employerId, title: '停机时的岗位' }),
    });
    expect(write.status).toBe(201);
    const { id } = await write.json();
    const queued = await ctx.db.selectFrom('searchOutbox').select('id').where('documentId', '=', id).execute();
    expect(queued).toHaveLength(1);
  });
});

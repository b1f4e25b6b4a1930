import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildOutdatedIndexes } from '../../api/src/search-sync/reindex.ts';
import { applyIndexSettings } from '../../search/src/client.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { call, createUser, signIn } from '../support/fixtures.ts';
import { createEmployer, drain, jobBody, seedTaxonomy } from '../support/opportunity-fixtures.ts';

// An install upgraded from before the grid cells (issue 23): its jobs index filters on `_geo` and
// its documents carry no `geoCells`, so a radius search through the new query would find nothing.
let ctx: TestContext;
let resident: string;
let jobId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedTaxonomy(ctx);
  const employerId = (await createEmployer(ctx, { verified: true })).id;
  const admin = await signIn(ctx.app, (await createUser(ctx.db, { role: 'admin' })).login);
  resident = await signIn(ctx.app, (await createUser(ctx.db, { role: 'resident' })).login);
  const response = await call(ctx.app, 'POST', '/api/jobs', {
    cookie: admin,
    body: jobBody({ employerId, title: '升级前的缝纫工', lat: 26.61, lng: 106.71 }),
  });
  expect(response.status).toBe(201);
  jobId = (await response.json()).id;
  await drain(ctx);
});
afterAll(() => ctx?.close());

const jobsIndex = () => ctx.search.client.index(ctx.search.indexUid('jobs'));

async function makeItLookOld() {
  const settings = await jobsIndex().getSettings();
  const oldFilterable = ['id', 'visible', 'employerKind', 'skills', 'skillCategories', 'kind', 'deadlineTs', '_geo'];
  await jobsIndex()
    .updateSettings({ ...settings, filterableAttributes: oldFilterable, sortableAttributes: ['_geo'] })
    .waitTask();
  const { geoCells, ...oldDocument } = await jobsIndex().getDocument(jobId);
  expect(geoCells).toBeDefined();
  await jobsIndex().addDocuments([oldDocument]).waitTask();
}

const withinTenKm = async () => {
  const response = await call(ctx.app, 'GET', '/api/search/jobs?q=缝纫&lat=26.60&lng=106.70&radiusKm=10', {
    cookie: resident,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id);
};

describe('an index built by an older version', { timeout: 240_000 }, () => {
  it('is reported, keeps its settings until it is rebuilt, and the rebuild makes radius search find the job', async () => {
    await makeItLookOld();

    const outdated = await applyIndexSettings(ctx.search);
    expect(outdated).toEqual(['jobs']);
    // Left alone: new settings over old documents would answer every radius search with nothing.
    const kept = await jobsIndex().getSettings();
    expect(JSON.stringify(kept.filterableAttributes)).not.toContain('geoCells');

    await rebuildOutdatedIndexes({ ...ctx.deps }, outdated);

    expect((await jobsIndex().getDocument(jobId)).geoCells).toEqual(expect.any(Array));
    expect(await withinTenKm()).toEqual([jobId]);
    expect(await applyIndexSettings(ctx.search)).toEqual([]);
  });
});
